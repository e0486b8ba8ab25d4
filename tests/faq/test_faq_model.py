"""The trained model on questions it never saw (tests/nlu_holdout/): each FAQ question (faq.yml, and its French
counterpart in fr_faq.yml) is classified as the retrieval intent `faq` with the right key (the answer the user
gets), including questions that name a program (CEC, FSW, FSTP) or settlement funds, which must be answered and
not start the profile form; the conversation's messages (core.yml, fr_core.yml) get their intent. One model load
for all of them. Trains the model first if the data changed (scripts/train.sh skips otherwise)."""
import asyncio
import logging
import os
import pathlib
import re
import subprocess
import sys
import warnings
from collections import Counter

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
HOLDOUT = ROOT / "tests" / "nlu_holdout" / "faq.yml"
FR_HOLDOUT = ROOT / "tests" / "nlu_holdout" / "fr_faq.yml"
MODEL = ROOT / "models" / "assistant.tar.gz"
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}
PROGRAM = re.compile(r"\b(?:cec|fsw|fswp|fst|fstp|canadian experience class|skilled workers?|skilled trades?|"
                     r"settlement (?:funds|money))\b", re.I)
FR_PROGRAM = re.compile(r"\b(?:cec|fsw|ptqf|ptmsf|exp[ée]rience canadienne|travailleurs? qualifi[ée]s?|"
                        r"m[ée]tiers? sp[ée]cialis[ée]s|fonds d'[ée]tablissement)", re.I)
# Questions from the issue (everyday questions that were not answered with the fact; some are also training
# examples, and they must stay answered with the fact).
ISSUE_QUESTIONS = {
    "I'm applying under the CEC, do I need settlement funds?": "cec_no_funds",
    "what is the highest possible score": "crs_maximum_score",
    "does a sibling in Canada help": "sibling_points",
    "how much money does a single person need": "proof_of_funds_amounts",
    "how long does processing take": "processing_time",
    # issue 16: the 60 days, family in Canada whatever relative is named, the CEC's five steps, what a profile is
    "how long do you have to apply after an invitation": "ita_60_days",
    "my brother lives in vancouver, does that help my score": "sibling_points",
    "my cousin lives in canada, does that help my score": "sibling_points",
    "my parents live in toronto, do I get points for that": "sibling_points",
    "what are the steps for the canadian experience class": "cec_steps",
    "what is an express entry profile and how long does it stay in the pool": "profile_validity",
}
FORM_INTENTS = {"start_assessment", "check_eligibility", "inform"}
# Held-out accuracies the model must keep, a little under the values measured (scripts/train.sh, then this file
# with -s) when the French data was added (issue 20). Measured then: English FAQ 0.907 (0.844 before the French
# data), French FAQ 0.766 and 0.704 on the questions naming a program or settlement funds (0.176 before),
# English messages 0.832 (0.847 before), French messages 0.769 (0.231 before).
FR_FAQ_MIN, FR_FAQ_PROGRAM_MIN = 0.72, 0.65
CORE_MIN = {"core.yml": 0.8, "fr_core.yml": 0.72}


ENTITY_MARKUP = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def _examples(path):
    """(text as the user types it: no entity markup, intent as written: faq/<key> for FAQ questions) of a
    held-out file."""
    out = []
    for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        for line in block["examples"].splitlines():
            if line.strip().startswith("- "):
                out.append((ENTITY_MARKUP.sub(r"\1", line.strip()[2:].strip()), block["intent"]))
    return out


def _holdout(path=HOLDOUT):
    return [(text, intent.split("/", 1)[1]) for text, intent in _examples(path)]


@pytest.fixture(scope="module")
def parse():
    subprocess.run(["bash", "scripts/train.sh"], cwd=ROOT, check=True, env={**ENV, "VENV": str(pathlib.Path(sys.executable).parents[1])})
    warnings.filterwarnings("ignore")
    from rasa.core.agent import Agent

    logging.getLogger("rasa").setLevel(logging.WARNING)
    agent = Agent.load(str(MODEL))
    loop = asyncio.new_event_loop()

    def run(text):
        parsed = loop.run_until_complete(agent.parse_message(text))
        intent = parsed["intent"]["name"]
        key = (((parsed.get("response_selector") or {}).get("faq") or {}).get("response") or {}).get(
            "intent_response_key") or ""
        return intent, key.split("/", 1)[1] if intent == "faq" and "/" in key else None

    yield run
    loop.close()


def _faq_figures(parse, path, program):
    """Held-out FAQ questions of one file: (accuracy, accuracy on the questions naming a program or settlement
    funds, number of those, how many of those were taken as a form request), misses printed."""
    results = [(text, key, *parse(text)) for text, key in _holdout(path)]
    right = [r for r in results if r[2] == "faq" and r[3] == r[1]]
    programs = [r for r in results if program.search(r[0])]
    programs_right = [r for r in programs if r[2] == "faq" and r[3] == r[1]]
    to_form = [r for r in programs if r[2] in FORM_INTENTS]
    acc, pacc = len(right) / len(results), len(programs_right) / len(programs)
    print(f"\nheld-out FAQ questions ({path.name}): {len(results)}, right key {len(right)} ({acc:.3f}); naming a "
          f"program or settlement funds: {len(programs)}, right key {len(programs_right)} ({pacc:.3f}); "
          f"taken as a form request: {len(to_form)}")
    for text, key, intent, got in results:
        if not (intent == "faq" and got == key):
            print(f"  {text!r}: expected faq/{key}, got {intent}{'/' + got if got else ''}")
    return acc, pacc, len(programs), to_form


def test_heldout_faq_questions_get_the_right_answer(parse):
    acc, pacc, n_programs, to_form = _faq_figures(parse, HOLDOUT, PROGRAM)
    assert n_programs >= 20, n_programs
    assert acc >= 0.8, acc
    assert pacc >= 0.8, pacc
    assert len(to_form) <= n_programs // 10, to_form


def test_heldout_french_faq_questions_get_the_right_answer(parse):
    # issue 20: a French counterpart of every English held-out question. Thresholds a little under the
    # accuracies measured with the French training data (FR_FAQ_MIN above).
    acc, pacc, n_programs, to_form = _faq_figures(parse, FR_HOLDOUT, FR_PROGRAM)
    assert n_programs >= 20, n_programs
    assert acc >= FR_FAQ_MIN, acc
    assert pacc >= FR_FAQ_PROGRAM_MIN, pacc
    assert len(to_form) <= n_programs // 10, to_form


def test_every_english_heldout_faq_question_has_a_french_counterpart():
    english, french = Counter(k for _, k in _holdout(HOLDOUT)), Counter(k for _, k in _holdout(FR_HOLDOUT))
    assert french == english


@pytest.mark.parametrize("name,minimum", sorted(CORE_MIN.items()))
def test_heldout_messages_get_their_intent(parse, name, minimum):
    """The conversation's held-out messages (greetings, answers, corrections, what-ifs, privacy...): the intent
    the dialogue acts on, after the whole pipeline (profile posts, fallback) has run."""
    results = [(text, intent, parse(text)[0]) for text, intent in _examples(ROOT / "tests" / "nlu_holdout" / name)]
    acc = sum(got == intent for _, intent, got in results) / len(results)
    print(f"\nheld-out messages ({name}): {len(results)}, right intent {acc:.3f}")
    for text, intent, got in results:
        if got != intent:
            print(f"  {text!r}: expected {intent}, got {got}")
    assert acc >= minimum, acc


@pytest.mark.parametrize("text,key", sorted(ISSUE_QUESTIONS.items()))
def test_the_issue_questions_are_answered_with_the_fact(parse, text, key):
    intent, got = parse(text)
    assert (intent, got) == ("faq", key)
