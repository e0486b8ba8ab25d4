"""The web page's result card (web/src/card.js) writes every word from the payload, in the conversation's language:
the payload's ``words`` (labels ``web_card`` and the words it shares with ``card``) and ``months`` (model-free;
the card is drawn by Node, as the page's bundle runs it; tests/web draws it in a browser)."""
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from string import Formatter

import pytest

from actions import result_card
from express_entry import concepts
from tests.rasa.test_result_card import DONE, _run

CARD_JS = Path(__file__).resolve().parents[2] / "web" / "src" / "card.js"
# The English that card.js used to write itself (issue 20), case-sensitive; none may be left in its code.
OLD_ENGLISH = [
    "you meet the requirements I can check", "not eligible", "can't tell yet", "your score reaches it",
    "your score is below it", "Full explanation", "Draws and chart", "Latest cut-off", "What would raise it most",
    "Eligibility", "What will lower it", "Factor", "Points", "Round", "Cut-off", r"\bYou\b", "Your",
    "fit this category", "partly fit", "not a category this year", "provincial nomination", "reached", "below",
    "(to ", "(was ", "Computed with", "Rules of", "without the", "figcaption class=\"ee-note\">Your",
    "Parts of your score", "factor by factor", "Every suggestion", "Sources (", "An estimate",
    "explain my score", r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"]
WORD_KEY = re.compile(r'\b(?:say|text)\("(\w+)"')


def _placeholders(text):
    return sorted({name for _, name, _, _ in Formatter().parse(text) if name is not None})


def _code():
    """card.js without its comments."""
    return re.sub(r"^\s*//.*$|\s//\s.*$", "", CARD_JS.read_text(encoding="utf-8"), flags=re.M)


def test_the_web_card_words_are_in_both_languages_with_the_same_placeholders():
    en, fr = result_card.web_words("en"), result_card.web_words("fr")
    assert sorted(en) == sorted(fr) and len(en) > 40
    for key in en:
        assert _placeholders(fr[key]) == _placeholders(en[key]), key
    # (tests/engine/test_labels_french.py checks that the French words are not the English ones.)
    # The web card's own section names none of the words it shares with Telegram's and Slack's card.
    assert not set(concepts.words("web_card", "en")) & set(result_card.SHARED_CARD_WORDS)
    assert result_card.web_words("de") == en  # a language without labels gets English


def test_the_payload_carries_the_words_and_months_of_the_conversation_s_language():
    for language in ("en", "fr"):
        card = _run({**DONE, "language": language})[0][0]["custom"]
        assert card["language"] == language
        assert card["words"] == result_card.web_words(language)
        assert len(card["months"]) == 12
        json.dumps(card)
    assert _run({**DONE, "language": "fr"})[0][0]["custom"]["months"][2] == "mars"
    assert _run(DONE)[0][0]["custom"]["months"][2] == "Mar"


def test_card_js_reads_every_word_from_the_payload_and_writes_none_of_its_own():
    code = _code()
    words = result_card.web_words("en")
    read = set(WORD_KEY.findall(code)) | set(re.findall(r'key: "(\w+)"', code)) | set(
        re.findall(r'\w+: "(fit_\w+)"', code))
    assert read and read <= set(words), sorted(read - set(words))  # every word it reads is sent...
    assert set(words) <= read, sorted(set(words) - read)  # ...and every word sent is read
    # No English word literal left: the code with the words' keys taken out has none of the old phrases.
    bare = WORD_KEY.sub("", code)
    bare = re.sub(r'key: "\w+"|\w+: "fit_\w+"', "", bare)
    left = [w for w in OLD_ENGLISH if re.search(w if "\\" in w else re.escape(w), bare)]
    assert left == []


class _Text(HTMLParser):
    """What a person reads or hears of the HTML: its text and its aria-label, title and alt attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        self.parts += [v for k, v in attrs if k in ("aria-label", "title", "alt") and v]

    def handle_data(self, data):
        self.parts.append(data)


def _draw(card, tmp_path):
    """card.js's renderCard(card), run by Node: the card as a person reads and hears it."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is needed to run web/src/card.js (scripts/build_web.sh needs it too)")
    shutil.copy(CARD_JS, tmp_path / "card.mjs")
    script = tmp_path / "draw.mjs"
    script.write_text('import { renderCard } from "./card.mjs";\n'
                      'let input = ""; process.stdin.on("data", (d) => { input += d; });\n'
                      'process.stdin.on("end", () => process.stdout.write(renderCard(JSON.parse(input))));\n',
                      encoding="utf-8")
    out = subprocess.run([node, str(script)], input=json.dumps(card), capture_output=True, text=True,
                         encoding="utf-8", check=True, timeout=60).stdout
    parser = _Text()
    parser.feed(out)
    return re.sub(r"[ \t\r\n]+", " ", " ".join(parser.parts))  # no-break spaces kept


def _card(language):
    card = _run({**DONE, "language": language})[0][0]["custom"]
    card["previous"] = card["score"] - 17  # a re-assessment: the change is shown too
    card["draws"]["latest_round_date"] = "2026-08-01"  # the first of a month
    return card


def test_a_french_card_reads_in_french(tmp_path):
    card = _card("fr")
    shown = _draw(card, tmp_path)
    for old in set(OLD_ENGLISH) - {"Points", "Sources ("}:  # French too
        assert not re.search(old if "\\" in old else re.escape(old), shown), old
    assert not re.search(r"\b(the|you|your|and|with|of|to|was)\b", shown), shown
    words = card["words"]
    for key in ("your_score", "full_explanation", "draws_chart", "eligibility_reasons", "factor", "round", "you",
                "verdict_unknown", "figcaption", "next", "lower"):
        assert words[key] in shown, key
    assert f"(auparavant {card['previous']}, +17)" in shown
    assert "Règles du 25 mars 2025\u00a0: sans «\u00a0" in shown  # the rules left out, next to the score
    assert "jusqu'au 1er août 2026" in shown
    assert f"Parties de votre score\u00a0: A {card['parts'][0]['label']}\u00a0: {card['parts'][0]['points']}" in shown
    assert f"Toutes les suggestions ({len(card['suggestions'])})" in shown


def test_an_english_card_reads_as_it_did(tmp_path):
    card = _card("en")
    shown = _draw(card, tmp_path)
    for text in ("Your CRS score", "Full explanation", "Draws and chart", "Eligibility, with reasons",
                 "you meet the requirements I can check" if any(p["eligible"] for p in card["programs"])
                 else "can't tell yet", f"(was {card['previous']}, +17)", "Rules of 25 Mar 2025: without the ",
                 "up to 1 Aug 2026", f"Parts of your score: A {card['parts'][0]['label']}: ",
                 f"Every suggestion ({len(card['suggestions'])})", 'Ask "explain my score" or "what if I get CLB 9?".'):
        assert text in shown, text
    assert not re.search(r"\b(auparavant|Règles|jusqu|votre)\b", shown)


def test_a_french_card_links_its_sources_in_french():
    from actions.sources import link

    fr, en = (_run({**DONE, "language": language})[0][0]["custom"] for language in ("fr", "en"))
    assert fr["sources"] == [link(s["url"], language="fr") for s in en["sources"]]
    assert all(s["title"].startswith("IRCC : ") for s in fr["sources"])
    assert any("/fr/" in s["url"] for s in fr["sources"])
