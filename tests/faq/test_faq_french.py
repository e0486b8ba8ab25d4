"""The FAQ in French (issue 20), model-free: each answer's French variation names the same facts (placeholders) as
the English one and ends with the French page of the English answer's official page (express_entry/data/labels/
links_fr.yaml); filled with today's facts in French it formats without error. Also the map of French pages and
scripts/french_links.py, which points the French variations of domain.yml at those pages after a merge."""
import datetime as dt
import re
from pathlib import Path

import pytest

from actions.sources import french_pages, link, link_title
from express_entry.facts import faq_facts
from scripts import french_links

from .test_faq_content import CHECKED_ON, LINK_AT_END, ROOT, load_templates

PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_0-9]+)\}(?!\})")
PAGE_AT_END = re.compile(r" Page officielle : \[(?P<title>[^\]]+)\]\((?P<url>https://[^\s()]+)\)$")
TODAY = dt.date.today()


@pytest.fixture(scope="module")
def english():
    return load_templates("en")


@pytest.fixture(scope="module")
def french():
    return load_templates("fr")


def test_every_answer_has_its_french_variation_with_the_same_facts(english, french):
    assert set(french) == set(english)
    differ = {k: (sorted(PLACEHOLDER.findall(english[k])), sorted(PLACEHOLDER.findall(french[k])))
              for k in english if sorted(PLACEHOLDER.findall(english[k])) != sorted(PLACEHOLDER.findall(french[k]))}
    assert not differ, differ


def test_every_french_answer_links_the_french_page_of_the_english_answers_page(english, french):
    bad = {}
    for key, text in english.items():
        en_url = LINK_AT_END.search(text).group("url")
        expected = link(en_url, language="fr")
        m = PAGE_AT_END.search(french[key])
        if not m or (m.group("title"), m.group("url")) != (expected["title"], expected["url"]):
            bad[key] = (french[key][-200:], expected)
    assert not bad, bad
    # The French page of a confirmed address is on canada.ca's French site.
    cec = LINK_AT_END.search(english["cec_who_can_apply"]).group("url")
    assert PAGE_AT_END.search(french["cec_who_can_apply"]).group("url").startswith(
        "https://www.canada.ca/fr/immigration-refugies-citoyennete/") and "/en/" in cec


@pytest.mark.parametrize("on", [CHECKED_ON, TODAY], ids=str)
def test_french_answers_format_with_the_french_facts_of_the_day(french, on):
    from rasa.core.nlg.interpolator import interpolate_text

    facts = faq_facts(on, "fr")
    for key, text in french.items():
        out = text.format(**facts)
        assert out == interpolate_text(text, facts), key
        assert not PLACEHOLDER.search(out), (key, out)


def test_french_answers_hold_no_typed_rule_numbers_and_no_english(french):
    allowed = re.compile(r"FEER [0-5](?:(?:, | ou )[0-5])*\b")
    for key, text in french.items():
        body = PAGE_AT_END.split(text)[0]
        assert not re.search(r"\d", allowed.sub("", PLACEHOLDER.sub("", body))), (key, body)
        assert "Official page" not in text and "you" not in body.split(), key


def test_french_answers_follow_canadian_french_typography(french):
    # A space before ":", none before "?", "!" and ";" (Bureau de la traduction, Canadian usage).
    for key, text in french.items():
        body = re.sub(r"https://\S+", "", text)
        assert not re.search(r"\S:", body), (key, re.findall(r".{15}\S:.{5}", body))
        assert not re.search(r" [?!;]", body), key


# --- the map of French pages ----------------------------------------------------------------------

def project_canada_urls():
    """Every canada.ca URL the project shows (as `grep -roh "https://www.canada.ca/en/..." domain.yml data actions
    express_entry connectors` lists them; the map's own keys are quoted, so it lists them as they are)."""
    url = re.compile(r"https://www\.canada\.ca/en/[^) \"'\n]*")
    found = set()
    for top in ("domain.yml", "data", "actions", "express_entry", "connectors"):
        base = ROOT / top
        for path in ([base] if base.is_file() else base.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                found |= set(url.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return found


def test_the_map_has_every_canada_ca_page_the_project_shows_and_says_how_it_was_checked():
    pages = french_pages()
    assert project_canada_urls() <= set(pages)
    for en, page in pages.items():
        assert page["status"] in {"canada.ca copy", "cited", "unverified"} and page["checked"] and page["title"], en
        assert (page["fr_url"] is None) == (page["status"] == "unverified"), en
        if page["fr_url"]:
            assert page["fr_url"].startswith("https://www.canada.ca/fr/immigration-refugies-citoyennete"), en
            assert page["fr_url"].endswith(".html") == en.endswith(".html"), en


def test_english_links_are_unchanged_and_french_ones_are_titled_in_french():
    cec = ("https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/"
           "who-can-apply/canadian-experience-class.html")
    assert link(cec) == {"title": "IRCC: Canadian Experience Class", "url": cec}
    assert link_title(cec) == "IRCC: Canadian Experience Class"
    fr = link(cec, language="fr")
    assert fr["title"] == "IRCC : Catégorie de l'expérience canadienne" and "/fr/" in fr["url"]
    assert link_title(fr["url"], language="fr") == fr["title"]
    # No confirmed French page: the English page, with a French title.
    bio = "https://www.canada.ca/en/immigration-refugees-citizenship/campaigns/biometrics.html"
    assert link(bio, language="fr") == {"title": "IRCC : Biométrie", "url": bio}
    assert link("https://example.org/x.html", language="fr")["title"] == "page example.org"


# --- scripts/french_links.py -----------------------------------------------------------------------

CEC = ("https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/"
       "who-can-apply/canadian-experience-class.html")
BIO = "https://www.canada.ca/en/immigration-refugees-citizenship/campaigns/biometrics.html"
DOMAIN = f"""version: "3.1"
# a comment that stays
responses:
  utter_cec:
  - text: 'See [IRCC: CEC]({CEC})'
  - condition:
    - type: slot
      name: language
      value: fr
    text: 'Voir [IRCC : CEC]({CEC}) et [IRCC : Biométrie]({BIO})'
  utter_button:
  - text: Open
    buttons:
    - title: CEC
      payload: '/open{{"url": "{CEC}"}}'
  - condition:
    - type: slot
      name: other
      value: true
    - type: slot
      name: language
      value: fr
    text: Ouvrir   # kept comment
    buttons:
    - title: CEC
      payload: '/open{{"url": "{CEC}"}}'
"""


def test_the_script_rewrites_the_french_variations_only_and_keeps_the_layout():
    fr_cec = french_pages()[CEC]["fr_url"]
    out, kept, unknown = french_links.rewrite(DOMAIN, french_pages())
    assert not unknown and kept == [BIO]
    assert out.count(fr_cec) == 2 and out.count(CEC) == 2  # the two English variations are untouched
    assert out.splitlines()[:5] == DOMAIN.splitlines()[:5] and "# a comment that stays" in out
    assert "text: Ouvrir   # kept comment" in out and out.count("\n") == DOMAIN.count("\n")
    assert french_links.rewrite(out, french_pages())[0] == out  # idempotent


def test_the_script_names_a_url_the_map_lacks_and_writes_nothing(tmp_path, capsys):
    lacking = "https://www.canada.ca/en/immigration-refugees-citizenship/services/no-such-page.html"
    path = tmp_path / "domain.yml"
    path.write_text(DOMAIN.replace(BIO, lacking), encoding="utf-8")
    assert french_links.main([str(path)]) == 1
    assert lacking in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == DOMAIN.replace(BIO, lacking)


def test_the_script_writes_then_has_nothing_left_to_do(tmp_path):
    path = tmp_path / "domain.yml"
    path.write_text(DOMAIN, encoding="utf-8")
    assert french_links.main(["--check", str(path)]) == 1 and path.read_text(encoding="utf-8") == DOMAIN
    assert french_links.main([str(path)]) == 0 and path.read_text(encoding="utf-8") != DOMAIN
    assert french_links.main(["--check", str(path)]) == 0


def test_the_faq_file_is_already_pointed_at_the_french_pages():
    assert french_links.main(["--check", str(Path(ROOT) / "data" / "nlu" / "responses" / "faq.yml")]) == 0


def test_the_sources_file_names_the_french_page_each_french_answer_links(french):
    from .test_faq_content import SOURCES, _load

    sources = _load(SOURCES)["faq"]
    assert set(sources) == set(french)
    for key, entry in sources.items():
        assert entry["url_fr"] == PAGE_AT_END.search(french[key]).group("url"), key
        assert entry["url_fr_status"].split(":")[0] == french_pages()[entry["url"]]["status"], key
