"""Every response has its French: for each English variation of a response (domain.yml, and the FAQ answers of
data/nlu/responses/faq.yml), a French variation (the slot condition language = fr) with the same other conditions,
the same {placeholders}, the same button payloads (a /switch_language button offers the other language, so its
payload differs by design), the same custom payload and image; and no English canada.ca page linked from French,
except the pages whose French address could not be confirmed (express_entry/data/labels/links_fr.yaml records each,
fr_url null: the French text then links the English page, which links its French version, rather than a guess).

The checker is tested on made-up responses first, so that a failure of the last two tests means French is missing
(issue 20's conventions: /work/brief/FRENCH.md, docs in the domain's comments), not a broken checker.
    .venv/bin/python -m pytest tests/rasa/test_french_responses.py -q   # lists what is left
"""
import re
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest
import yaml

from actions.replies import variant_language

ROOT = Path(__file__).resolve().parents[2]
SWITCH_PAYLOAD = "/switch_language"


def other_conditions(variation: Dict[str, Any]) -> Tuple[Tuple[str, str], ...]:
    """The variation's conditions but the language, as a key."""
    return tuple(sorted((c["name"], str(c.get("value"))) for c in variation.get("condition") or ()
                        if c.get("name") != "language"))


def signature(variation: Dict[str, Any]) -> Tuple[Any, ...]:
    """What a translation keeps: placeholders (not the {{escaped}} braces), button payloads, custom payload, image."""
    placeholders = sorted(re.findall(r"(?<!\{)\{([a-z_0-9]+)\}(?!\})", variation.get("text") or ""))
    payloads = [b.get("payload") for b in variation.get("buttons") or ()
                if not str(b.get("payload") or "").startswith(SWITCH_PAYLOAD)]
    return placeholders, payloads, variation.get("custom"), variation.get("image")


ENGLISH_PAGE = re.compile(r"https://www\.canada\.ca/en/[^)\s\"']*")


def pages_without_french() -> set:
    """The English canada.ca pages whose French address is not confirmed (links_fr.yaml, fr_url null)."""
    pages = yaml.safe_load((ROOT / "express_entry/data/labels/links_fr.yaml").read_text(encoding="utf-8"))["pages"]
    return {url for url, page in pages.items() if not page.get("fr_url")}


def french_problems(responses: Dict[str, List[Dict[str, Any]]], without_french: frozenset = frozenset()
                    ) -> List[str]:
    """One line per English variation without its French twin (or with a twin that does not keep what it must),
    and per French variation that links an English canada.ca page other than those ``without_french``."""
    problems = []
    for name, variations in responses.items():
        variations = variations or []
        french = {other_conditions(v): v for v in variations if variant_language(v) == "fr"}
        for english in (v for v in variations if variant_language(v) == "en"):
            twin = french.get(other_conditions(english))
            if twin is None:
                problems.append(f"{name}: no French variation for conditions {other_conditions(english) or '(none)'}")
            elif signature(twin) != signature(english):
                problems.append(f"{name}: French variation differs in placeholders/payloads/custom/image: "
                                f"{signature(english)} vs {signature(twin)}")
        for variation in french.values():
            english_pages = set(ENGLISH_PAGE.findall(variation.get("text") or "")) - set(without_french)
            if english_pages:
                problems.append(f"{name}: French variation links an English canada.ca page: {sorted(english_pages)}")
    return problems


def responses_of(path: Path) -> Dict[str, List[Dict[str, Any]]]:
    return yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}


# The checker, on made-up responses.
FR = {"type": "slot", "name": "language", "value": "fr"}
ASKED_AGE = {"type": "slot", "name": "requested_slot", "value": "age"}


def test_a_response_with_its_french_twins_is_complete():
    responses = {"utter_x": [
        {"text": "{form_progress} How old are you?", "buttons": [{"title": "Skip", "payload": "/dont_know"}]},
        {"condition": [FR], "text": "{form_progress} Quel âge avez-vous?",
         "buttons": [{"title": "Passer", "payload": "/dont_know"}]},
        {"condition": [ASKED_AGE], "text": "Your age, {name}? See https://www.canada.ca/en/x.html"},
        {"condition": [ASKED_AGE, FR], "text": "Votre âge, {name}? Voir https://www.canada.ca/fr/x.html"},
    ], "utter_greet": [
        {"text": "Hi", "buttons": [{"title": "Français", "payload": '/switch_language{{"language":"fr"}}'}]},
        {"condition": [FR], "text": "Bonjour",
         "buttons": [{"title": "English", "payload": '/switch_language{{"language":"en"}}'}]},
    ]}
    assert french_problems(responses) == []


def test_a_missing_french_variation_is_named_with_its_conditions():
    responses = {"utter_x": [{"text": "Hello"}, {"condition": [ASKED_AGE], "text": "How old are you?"},
                             {"condition": [FR], "text": "Bonjour"}],
                 "utter_y": [{"text": "Bye"}]}
    assert french_problems(responses) == [
        "utter_x: no French variation for conditions (('requested_slot', 'age'),)",
        "utter_y: no French variation for conditions (none)"]


@pytest.mark.parametrize("french", [
    {"condition": [FR], "text": "Vous avez {age} ans."},                                  # a placeholder translated
    {"condition": [FR], "text": "Vous avez {years} ans et {years} ans."},                 # one too many
    {"condition": [FR], "text": "Vous avez {years} ans.", "buttons": [{"title": "Oui", "payload": "/oui"}]},
    {"condition": [FR], "text": "Vous avez {years} ans.", "image": "https://x/fr.png"},
    {"condition": [FR], "text": "Vous avez {years} ans. https://www.canada.ca/en/page.html"},
])
def test_a_french_variation_that_changes_what_it_must_keep_is_named(french):
    english = {"text": "You have {years} years. https://www.canada.ca/en/page.html",
               "buttons": [{"title": "Yes", "payload": "/affirm"}]}
    french = {**french, "buttons": french.get("buttons", [{"title": "Oui", "payload": "/affirm"}])}
    problems = french_problems({"utter_x": [english, french]})
    assert len(problems) == 1 and problems[0].startswith("utter_x: French variation")


def test_an_english_page_is_allowed_only_when_its_french_address_is_unknown():
    french = {"condition": [FR], "text": "Voir https://www.canada.ca/en/page.html"}
    responses = {"utter_x": [{"text": "See https://www.canada.ca/en/page.html"}, french]}
    assert french_problems(responses, frozenset({"https://www.canada.ca/en/page.html"})) == []
    assert len(french_problems(responses, frozenset({"https://www.canada.ca/en/other.html"}))) == 1


def test_escaped_braces_are_not_placeholders():
    english = {"text": 'Say /inform{{"choice":"x"}} or {age}'}
    french = {"condition": [FR], "text": "Dites {age}"}
    assert french_problems({"utter_x": [english, french]}) == []


# The project's responses (fail until the translations of issue 20 are all in).
@pytest.mark.parametrize("path", ["domain.yml", "data/nlu/responses/faq.yml"])
def test_every_response_has_its_french(path):
    problems = french_problems(responses_of(ROOT / path), pages_without_french())
    assert not problems, f"{len(problems)} responses of {path} lack French:\n" + "\n".join(problems)
