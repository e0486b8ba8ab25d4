"""Wording bugs translators found in the English responses (and their French twins), checked on the domain's texts
and on the Slack rendering of a result (model-free)."""
import re
from pathlib import Path

import yaml

from actions import replies
from connectors import rich
from express_entry import concepts
from tests.sim.drivers import domain

ROOT = Path(__file__).resolve().parents[2]


def _variations(name):
    """(language, conditions but the language, text, button titles) of each variation of a response."""
    for v in domain()["responses"][name]:
        others = tuple(sorted((c["name"], str(c.get("value"))) for c in v.get("condition") or ()
                              if c.get("name") != "language"))
        yield replies.variant_language(v), others, v.get("text") or "", [b["title"] for b in v.get("buttons") or ()]


def test_why_a_canadian_partner_matters_says_the_candidate_gets_the_points():
    said = {lang: text for lang, others, text, _ in _variations("utter_why")
            if others == (("requested_slot", "spouse_canadian"),)}
    assert set(said) == {"en", "fr"}
    assert not re.search(r"partner [^.:;]*\bis scored", said["en"]), said["en"]  # the partner is not scored
    assert "you are scored as if you were single" in said["en"] and "all yours" in said["en"]
    assert "vous êtes évalué comme une personne célibataire" in said["fr"] and "les vôtres" in said["fr"]


def test_the_education_buttons_are_whole_labels():
    """The buttons after two unusable answers name each level as the labels do (a trailing "(PhD)" may be left
    out), never a title cut in the middle ("A secondary")."""
    words = concepts.words("education_words", "en")
    for lang, _, _, titles in _variations("utter_form_accepted_education"):
        if lang != "en":
            continue
        for title, level in zip(titles, words):
            label = words[level][:1].upper() + words[level][1:]
            assert title in (label, re.sub(r"\s*\([^()]*\)$", "", label)), (title, label)


def test_a_number_of_months_is_said_with_its_unit():
    with open(ROOT / "data" / "nlu" / "responses" / "faq.yml", encoding="utf-8") as fh:
        faq = yaml.safe_load(fh)["responses"]
    for name, variations in {**domain()["responses"], **faq}.items():
        for v in variations:
            for m in re.finditer(r"\{cec_work_months\}(\s*[^\s.,]+)?", v.get("text") or ""):
                assert (m.group(1) or "").strip() in ("months", "mois"), (name, v["text"])


def test_the_partner_s_test_buttons_speak_of_the_partner():
    titles = [t for lang, _, _, ts in _variations("utter_ask_spouse_language_test") if lang == "en" for t in ts]
    assert "I know their CLB levels" in titles and not any(re.search(r"\bmy\b", t) for t in titles), titles


def test_slack_says_a_cut_off_above_the_score_is_above_it():
    card = {"language": "en", "score": 450, "previous": None, "parts": [], "programs": [], "suggestions": [],
            "ruleset": "2025-03-25", "draws": {"latest_round_date": "2026-11-20", "rounds": [
                {"type": "cec", "label": "Canadian Experience Class", "date": "2026-11-20", "cutoff": 520,
                 "met": False, "includes_nomination": False, "fit": None},
                {"type": "general", "label": "General", "date": "2026-11-10", "cutoff": 440, "met": True,
                 "includes_nomination": False, "fit": None}]}}
    fields = [f["text"] for b in rich.slack_message(card)["blocks"] for f in b.get("fields") or ()]
    cec = next(f for f in fields if "520" in f)
    general = next(f for f in fields if "440" in f)
    assert cec.endswith("above your score") and general.endswith("your score reaches it"), fields
    assert concepts.say("card.below_short", "fr") == "au-dessus de votre score"
