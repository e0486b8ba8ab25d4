"""The trained model on FAQ questions it never saw (tests/nlu_holdout/faq.yml): each is classified as the
retrieval intent `faq` with the right key (the answer the user gets), including questions that name a
program (CEC, FSW, FSTP) or settlement funds, which must be answered and not start the profile form.
Trains the model first if the data changed (scripts/train.sh skips otherwise)."""
import asyncio
import logging
import os
import pathlib
import re
import subprocess
import sys
import warnings

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
HOLDOUT = ROOT / "tests" / "nlu_holdout" / "faq.yml"
MODEL = ROOT / "models" / "assistant.tar.gz"
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}
PROGRAM = re.compile(r"\b(?:cec|fsw|fswp|fst|fstp|canadian experience class|skilled workers?|skilled trades?|"
                     r"settlement (?:funds|money))\b", re.I)
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


def _holdout():
    out = []
    for block in yaml.safe_load(HOLDOUT.read_text(encoding="utf-8"))["nlu"]:
        key = block["intent"].split("/", 1)[1]
        for line in block["examples"].splitlines():
            if line.strip().startswith("- "):
                out.append((line.strip()[2:].strip(), key))
    return out


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


def test_heldout_faq_questions_get_the_right_answer(parse):
    examples = _holdout()
    results = [(text, key, *parse(text)) for text, key in examples]
    right = [r for r in results if r[2] == "faq" and r[3] == r[1]]
    programs = [r for r in results if PROGRAM.search(r[0])]
    programs_right = [r for r in programs if r[2] == "faq" and r[3] == r[1]]
    to_form = [r for r in programs if r[2] in FORM_INTENTS]
    acc, pacc = len(right) / len(results), len(programs_right) / len(programs)
    print(f"\nheld-out FAQ questions: {len(results)}, right key {len(right)} ({acc:.3f}); naming a program or "
          f"settlement funds: {len(programs)}, right key {len(programs_right)} ({pacc:.3f}); "
          f"taken as a form request: {len(to_form)}")
    for text, key, intent, got in results:
        if not (intent == "faq" and got == key):
            print(f"  {text!r}: expected faq/{key}, got {intent}{'/' + got if got else ''}")
    assert len(programs) >= 20, len(programs)
    assert acc >= 0.8, acc
    assert pacc >= 0.8, pacc
    assert len(to_form) <= len(programs) // 10, to_form


@pytest.mark.parametrize("text,key", sorted(ISSUE_QUESTIONS.items()))
def test_the_issue_questions_are_answered_with_the_fact(parse, text, key):
    intent, got = parse(text)
    assert (intent, got) == ("faq", key)
