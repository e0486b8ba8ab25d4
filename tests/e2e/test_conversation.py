"""Whole conversations over the REST channel against real servers; the score the bot reports
must equal `python -m express_entry assess` on the same profile (written out here by hand)."""
import json
import re
import subprocess
import sys
import uuid

import pytest

pytestmark = pytest.mark.e2e

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def cli_total(profile: dict) -> int:
    out = subprocess.run([sys.executable, "-m", "express_entry", "assess"], input=json.dumps(profile),
                         capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(out.stdout)["crs"]["total"]


def reported_score(text: str) -> int:
    m = re.search(r"Your estimated CRS score is (\d+)", text)
    assert m, text
    return int(m.group(1))


def slots(servers, sender):
    return servers.tracker(sender)["slots"]


def chat(servers, sender, lines):
    """Sends each (message, expected substring) and returns the last reply."""
    reply = ""
    for text, expected in lines:
        reply = servers.texts(sender, text)
        if expected:
            assert expected.lower() in reply.lower(), f"after {text!r}: {reply!r}\n{servers.logs()}"
    return reply


# A test month about 3 months ago: still valid (results count for 2 years), whatever day the tests run.
_TAKEN = (__import__("datetime").date.today().replace(day=1) - __import__("datetime").timedelta(days=80)).replace(day=1)
TEST_MONTH = _TAKEN.strftime("%B %Y")  # "August 2026"
TEST_DAY = _TAKEN.isoformat()  # a month alone is read as its first day

SINGLE = {"age": 29, "marital_status": "single", "education": "bachelors", "education_recognized": True,
          "canadian_education": "none",
          "first_language": {"test": "ielts", "listening": 8, "reading": 7.5, "writing": 7, "speaking": 7,
                             "taken_on": TEST_DAY},
          "canadian_work_years": 2, "foreign_work_years": 0, "certificate_of_qualification": False,
          "provincial_nomination": False, "sibling_in_canada": False}


SINGLE_PATH = [

        ("twenty nine", "marital status"),
        ('/inform{"choice":"single"}', "highest completed education"),
        ("bachelor's", "ECA"),
        ("yes", "post-secondary credential in Canada"),
        ("no", "Which language test"),
        ("IELTS 8 7.5 7 7", "When did you take this test?"),
        (TEST_MONTH, "the first day of that month"),
        ("no", "in Canada"),
        ("two years", "outside Canada"),
        ("none", "certificate of qualification"),
        ("no", "nomination"),
        ("no", "brother or sister"),
        ("no", "Is that right?"),
        ("yes", "Your estimated CRS score"),
]


def test_single_straight_path_then_correction(servers):
    sender = "e2e-single-" + uuid.uuid4().hex[:8]
    chat(servers, sender, [("hello", "not legal advice"), ("check my score", "question 1 of about")])
    reply = chat(servers, sender, SINGLE_PATH)
    s = slots(servers, sender)
    assert s["age"] == 29 and s["marital_status"] == "single" and s["education"] == "bachelors"
    assert s["first_language_test"] == "ielts" and s["first_language_reading"] == 7.5
    assert s["canadian_work_years"] == 2 and s["second_language_test"] == "none"
    assert s["first_language_taken_on"] == TEST_DAY
    expected = cli_total(SINGLE)
    assert reported_score(reply) == expected
    assert s["crs_score"] == expected
    assert isinstance(s["eligible_programs"], list)
    assert "2025-03-25" in reply or "rules in force" in reply

    reply = chat(servers, sender, [("actually I'm 32", "Your estimated CRS score")])
    assert reported_score(reply) == cli_total({**SINGLE, "age": 32})
    assert slots(servers, sender)["age"] == 32

    reply = chat(servers, sender, [("what if I get CLB 10?", "->")])
    assert slots(servers, sender)["first_language_test"] == "ielts"  # what-if leaves the profile alone


def test_choice_buttons_arrive_whole_and_log_no_interpolation_error(servers):
    """The domain writes a button's payload with doubled braces; the channel gets it as a payload Rasa parses,
    and Rasa's interpolator does not take {"choice": ...} for a missing slot (an error logged per button)."""
    sender = "e2e-buttons-" + uuid.uuid4().hex[:8]
    chat(servers, sender, [("hello", None), ("check my score", "question 1 of about")])
    asked = servers.say(sender, "29")
    payloads = [b["payload"] for m in asked for b in m.get("buttons") or []]
    assert '/inform{"choice":"single"}' in payloads and '/inform{"choice":"common_law"}' in payloads
    reply = chat(servers, sender, [('/inform{"choice":"common_law"}', None)])
    assert slots(servers, sender)["marital_status"] == "common_law", reply
    log = (servers.tmp / "rasa.log").read_text(errors="replace")
    assert "interpolator.interpolate" not in log


def test_eligibility_asks_the_extra_questions_and_reports_programs(servers):
    sender = "e2e-elig-" + uuid.uuid4().hex[:8]
    chat(servers, sender, [("check my score", "How old")] + SINGLE_PATH)
    reply = chat(servers, sender, [
        ("which programs am I eligible for?", "last 3 years"),
        ("24", "main occupation"),
        ("software developer", "job offer"),
        ("no", "relative in Canada"),
        ("no", "study full time in Canada"),
        ("no", "Quebec"),
        ("no", "money could you bring"),
        ("$20,000", "how many people"),
        ("just me", "Is that right?"),
        ("yes", "Your estimated CRS score"),
    ])
    assert "21232" in slots(servers, sender)["noc_code"]
    profile = {**SINGLE, "canadian_work_months_last_3_years": 24, "noc_code": "21232", "job_offer": False,
               "relative_in_canada": False, "canadian_study_2_years": False, "intends_quebec": False,
               "settlement_funds": 20000, "family_size": 1}
    out = json.loads(subprocess.run([sys.executable, "-m", "express_entry", "assess"], input=json.dumps(profile),
                                    capture_output=True, text=True, cwd=ROOT, check=True).stdout)
    s = slots(servers, sender)
    assert reported_score(reply) == out["crs"]["total"] == s["crs_score"]
    assert sorted(s["eligible_programs"]) == sorted(p for p, v in out["programs"].items() if v["eligible"] is True)
    assert "Canadian Experience Class (CEC)" in reply and "Federal Skilled Worker (FSW)" in reply


def test_married_several_facts_faq_and_why(servers):
    sender = "e2e-married-" + uuid.uuid4().hex[:8]
    chat(servers, sender, [
        ("calculate my crs", "How old are you"),
        ("I'm 31, married, master's, CELPIP 9 all, 2 years in Canada", "Canadian citizen or permanent resident"),
        ("why do you ask?", "scored as if you were single"),
        ("no", "come with you"),
        ("what is an ECA?", "canada.ca"),
    ])
    reply = chat(servers, sender, [
        ("yes", "ECA"),
        ("yes", "post-secondary credential in Canada"),
        ("no", "When did you take this test?"),
        ("I don't know", "2 years from the test date"),
        ("no", "outside Canada"),
        ("3 years", "certificate of qualification"),
        ("no", "nomination"),
        ("no", "brother or sister"),
        ("I don't know", "partner's highest"),
        ("bachelor's", "partner take a language test"),
        ("IELTS 7 all", "When did your partner take"),
        ("I don't know", "partner have"),
        ("0", "Is that right?"),
        ("yes", "Your estimated CRS score"),
    ])
    profile = {"age": 31, "marital_status": "married", "spouse_canadian": False, "spouse_accompanying": True,
               "education": "masters", "education_recognized": True, "canadian_education": "none",
               "first_language": {"test": "celpip", "listening": 9, "reading": 9, "writing": 9, "speaking": 9},
               "canadian_work_years": 2, "foreign_work_years": 3, "certificate_of_qualification": False,
               "provincial_nomination": False, "sibling_in_canada": False, "spouse_education": "bachelors",
               "spouse_language": {"test": "ielts", "listening": 7, "reading": 7, "writing": 7, "speaking": 7},
               "spouse_canadian_work_years": 0}
    s = slots(servers, sender)
    assert s["spouse_education"] == "bachelors" and s["spouse_language_speaking"] == 7
    assert s["sibling_in_canada"] is False  # "I don't know" skipped it as "no"
    assert reported_score(reply) == cli_total(profile) == s["crs_score"]


def test_out_of_scope_stop_restart(servers):
    sender = "e2e-misc-" + uuid.uuid4().hex[:8]
    chat(servers, sender, [("what's the weather like?", "only help with Express Entry"),
                           ("check my score", "How old"),
                           ("age 300", "16 to 100"),
                           ("stop", "paused"),
                           ("start over", "cleared")])
    s = slots(servers, sender)
    assert s["age"] is None and s["requested_slot"] is None


def test_common_law_with_partner_language_test_matches_the_cli(servers):
    """A partner who comes along, with their own IELTS result (labelled scores) and Canadian work: the spouse
    factors and the bot's total must equal `python -m express_entry assess` on the same profile."""
    sender = "e2e-partner-" + uuid.uuid4().hex[:8]
    reply = chat(servers, sender, [
        ("check my score", "How old"),
        ("I'm 35, common-law, PhD", "Canadian citizen or permanent resident"),
        ("no", "come with you"),
        ("yes", "ECA"),
        ("yes", "post-secondary credential in Canada"),
        ("no", "Which language test"),
        ("CELPIP 10 9 9 10", "When did you take this test?"),
        (TEST_MONTH, "other official language"),
        ("no", "in Canada"),
        ("1 year", "outside Canada"),
        ("three years", "certificate of qualification"),
        ("no", "nomination"),
        ("no", "brother or sister"),
        ("yes", "partner's highest"),
        ("master's", "partner take a language test"),
        ("IELTS L 7.5 R 7 W 6.5 S 7", "When did your partner take"),
        (TEST_MONTH, "partner have"),
        ("1 year", "Is that right?"),
        ("yes", "Your estimated CRS score"),
    ])
    profile = {"age": 35, "marital_status": "common_law", "spouse_canadian": False, "spouse_accompanying": True,
               "education": "doctoral", "education_recognized": True, "canadian_education": "none",
               "first_language": {"test": "celpip", "listening": 10, "reading": 9, "writing": 9, "speaking": 10,
                                  "taken_on": TEST_DAY},
               "canadian_work_years": 1, "foreign_work_years": 3, "certificate_of_qualification": False,
               "provincial_nomination": False, "sibling_in_canada": True, "spouse_education": "masters",
               "spouse_language": {"test": "ielts", "listening": 7.5, "reading": 7, "writing": 6.5, "speaking": 7,
                                   "taken_on": TEST_DAY},
               "spouse_canadian_work_years": 1}
    s = slots(servers, sender)
    assert s["spouse_language_test"] == "ielts" and s["spouse_language_listening"] == 7.5
    assert s["spouse_language_writing"] == 6.5 and s["spouse_canadian_work_years"] == 1
    assert s["spouse_language_taken_on"] == TEST_DAY
    out = json.loads(subprocess.run([sys.executable, "-m", "express_entry", "assess"], input=json.dumps(profile),
                                    capture_output=True, text=True, cwd=ROOT, check=True).stdout)
    assert reported_score(reply) == out["crs"]["total"] == s["crs_score"]
    assert f"spouse or partner (B) {out['crs']['spouse']}" in reply and out["crs"]["spouse"] > 0
