"""The guided CEC journey's actions (actions/cec.py) with rasa_sdk's Tracker and CollectingDispatcher.

The expected dates are worked out by hand from the counting rules (30 h a week counted: 364 days make
1,560 hours), as in tests/engine/test_timeline.py.
"""
import asyncio
import datetime as dt

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import cec
from understanding import answers

REAL_CUTOFFS = cec._cec_cutoffs
from tests.rasa.test_form import SINGLE_DONE
from tests.sim.drivers import domain, render

TODAY = dt.date(2026, 12, 7)
JOB = {"cec_job_start": "2026-03-02", "cec_job_ongoing": True, "cec_job_hours": 40.0, "cec_job_title": "software developer",
       "cec_job_noc": "21232", "cec_job_noc_title": "Software developers and programmers", "cec_job_teer": 1,
       "cec_noc_confirmed": True, "cec_other_job": False, "cec_student": False, "cec_self_employed": False, "cec_language_level": 9,
       "cec_language_date": "2026-01-15", "cec_quebec": False, "cec_permit_end": "2028-06-30"}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(cec, "today", lambda: TODAY)
    monkeypatch.setattr(cec, "_cec_cutoffs", lambda score: None, raising=True)


def tracker(slots, text="", intent="inform"):
    return Tracker("t", dict(slots), {"text": text, "intent": {"name": intent}, "entities": []}, [], False, None,
                   {}, "action_listen")


def answer(slots):
    d = CollectingDispatcher()
    events = cec.ActionCecTimeline().run(d, tracker(slots), domain())
    return ({e["name"]: e["value"] for e in events if e["event"] == "slot"},
            "\n".join(render(m, slots)["text"] for m in d.messages))


@pytest.mark.parametrize("text,day", [
    ("2026-03-02", dt.date(2026, 3, 2)), ("March 2026", dt.date(2026, 3, 1)), ("in mar. 2026", dt.date(2026, 3, 1)),
    ("2 March 2026", dt.date(2026, 3, 2)), ("March 2nd, 2026", dt.date(2026, 3, 2)), ("03/2026", dt.date(2026, 3, 1)),
    ("since 2026-03", dt.date(2026, 3, 1)), ("last spring", None), ("2026-02-30", None)])
def test_read_date(text, day):
    assert answers.date(text) == day


def test_read_answers():
    assert cec.read_hours("about 37.5 hours") == 37.5 and cec.read_hours("full-time") == 30  # the most counted
    assert cec.read_hours("200") is None and cec.read_hours("part time") is None
    assert cec.read_yes_no("yes I am") is True and cec.read_yes_no("no, it ended") is False
    assert cec.read_yes_no("whatever", "affirm") is True and cec.read_yes_no("hmm") is None
    # A yes-phrase negated at once is a no (it used to read "I am not self-employed" as a yes, which would drop
    # the job's hours), and "I don't know" is no answer at all, not a no.
    for negated in ("I am not self-employed", "I was not a full-time student", "I was never a student",
                    "I am no longer working there", "I did not"):
        assert cec.read_yes_no(negated) is False, negated
    for unknown in ("I don't know", "not sure", "idk"):
        assert cec.read_yes_no(unknown) is None, unknown
    assert cec.read_yes_no("right, I was") is True and cec.read_yes_no("I am still working there") is True
    assert cec.read_level("CLB 7") == 7 and cec.read_level("no test yet") == cec.NOT_KNOWN
    assert cec.read_code("21232") == "21232" and cec.read_code("TEER 2") == 2 and cec.read_code("99999") is None
    assert cec.read_permit("June 30, 2028") == "2028-06-30" and cec.read_permit("don't know") == cec.NOT_KNOWN


def test_asks_only_what_the_profile_form_does_not_have():
    asked = cec.required_slots({})
    assert asked[:2] == ["cec_job_start", "cec_job_ongoing"]
    assert {"cec_job_title", "cec_noc_confirmed", "cec_language_level", "cec_quebec", "cec_permit_end"} <= set(asked)
    known = {**SINGLE_DONE, "noc_code": "21232", "intends_quebec": False}
    asked = cec.required_slots(known)
    assert not {"cec_job_title", "cec_noc_confirmed", "cec_language_level", "cec_language_date", "cec_quebec"} & set(asked)
    assert cec.required_slots({"cec_job_ongoing": False})[2] == "cec_job_end"
    assert "cec_student_until" in cec.required_slots({"cec_student": True})
    assert "cec_job_code" in cec.required_slots({"cec_noc_confirmed": False})
    assert "cec_job2_start" not in cec.required_slots({"cec_other_job": False})
    asked = cec.required_slots({"cec_other_job": True, "cec_job2_ongoing": False})
    i = asked.index("cec_other_job")
    assert asked[i:i + 6] == ["cec_other_job", "cec_job2_start", "cec_job2_ongoing", "cec_job2_end", "cec_job2_hours",
                              "cec_job2_title"]


def test_the_title_goes_through_the_noc_finder():
    form = cec.ValidateCecForm()
    d = CollectingDispatcher()
    out = form.validate_cec_job_title("I'm a software developer", d, tracker({}, "I'm a software developer"), domain())
    assert out["cec_job_noc"] == "21232" and out["cec_job_teer"] == 1
    asked = render({"response": "utter_ask_cec_noc_confirmed"}, out)["text"]
    assert "NOC 21232" in asked and "TEER 1" in asked
    out = form.validate_cec_job_title("qwzx", d, tracker({}, "qwzx"), domain())
    assert out == {"cec_job_title": None} and d.messages[-1]["response"] == "utter_cec_reask_cec_job_title"


def test_a_bad_date_is_asked_again():
    form = cec.ValidateCecForm()
    d = CollectingDispatcher()
    assert form.validate_cec_job_start("soon", d, tracker({}, "soon"), domain()) == {"cec_job_start": None}
    assert form.validate_cec_job_start("2027-01-01", d, tracker({}, "2027-01-01"), domain()) == {"cec_job_start": None}
    assert form.validate_cec_job_start("2026-03-02", d, tracker({}, "2026-03-02"), domain()) == \
        {"cec_job_start": "2026-03-02"}


def test_the_date_the_step_and_the_permit():
    # 30 h counted a week from 2026-03-02: 364 days -> 2027-02-28; today 281 days x 30/7 = 1,204 hours.
    slots, text = answer(JOB)
    assert "28 February 2027" in text
    assert "Step 2 of 5: 1,204 of 1,560 hours" in text
    assert "30 June 2028 (571 days from today)" in text
    assert "https://www.canada.ca/en/immigration-refugees-citizenship/services/work-canada/permit/temporary/extend.html" in text
    assert "in the 60 days after an invitation" in text
    assert "calculate my CRS" in text  # no age or education yet: no CRS on that date
    assert slots["cec_eligible_on"] == "2027-02-28" and slots["noc_code"] == "21232"
    assert slots["intends_quebec"] is False


def test_the_crs_on_that_date_with_the_profile_form_answers():
    from express_entry.timeline import timeline

    profile = {**SINGLE_DONE, "canadian_work_years": None}
    slots, text = answer({**profile, **JOB})
    expected = timeline({"assessed_on": "2026-12-07", "age": 29, "marital_status": "single", "education": "bachelors",
                         "education_recognized": True, "canadian_education": "none", "intends_quebec": False,
                         "certificate_of_qualification": False, "provincial_nomination": False,
                         "sibling_in_canada": False, "permit_expires_on": "2028-06-30",
                         "first_language": {"test": "ielts", "listening": 8, "reading": 7, "writing": 7, "speaking": 7},
                         "work": [{"start": "2026-03-02", "end": None, "hours_per_week": 40, "in_canada": True,
                                   "noc_code": "21232"}]})
    assert f"Your CRS score on 28 February 2027 would be {expected['cec']['crs_then']}." in text


def test_the_crs_is_shown_beside_recent_cec_cut_offs(monkeypatch):
    import re

    monkeypatch.setattr(cec, "_cec_cutoffs", REAL_CUTOFFS)
    group = REAL_CUTOFFS(480)
    assert group["type"] == "cec" and group["rounds_in_period"] > 0
    _, text = answer({**SINGLE_DONE, "canadian_work_years": None, **JOB})
    latest = group["latest_round"]
    assert re.search(r"Your CRS score on 28 February 2027 would be \d+\. Recent CEC rounds: the latest, on "
                     + re.escape(cec.long_date(latest["date"])) + f", invited scores of {latest['cutoff_crs']} and up; "
                     f"the lowest cut-off of the {group['rounds_in_period']} CEC rounds since "
                     + re.escape(cec.long_date(group["period"]["from"])) + f" was {group['lowest_cutoff']}\\.", text), text


def test_study_self_employment_and_blockers():
    # Full-time student until 2026-04-30 on a job from 2026-01-01: 2026-05-01 + 363 days = 2027-04-29.
    _, text = answer({**JOB, "cec_job_start": "2026-01-01", "cec_student": True, "cec_student_until": "2026-04-30"})
    assert "29 April 2027" in text
    _, text = answer({**JOB, "cec_self_employed": True})
    assert "don't reach the 1,560 hours within 3 years" in text and "Step 2 of 5: 0 of 1,560 hours" in text
    _, text = answer({**JOB, "cec_quebec": True})
    assert "outside Quebec" in text and "Step 3 of 5" in text
    _, text = answer({**JOB, "cec_language_level": 6})
    assert "below the CEC minimum for TEER 1 work" in text
    _, text = answer({**JOB, "cec_permit_end": "2027-01-31"})
    assert "ends on 31 January 2027, before you reach the 1,560 hours" in text


def test_two_jobs():
    # Cook (TEER 3), 15 h, 2025-09-01..2026-02-01 = 154 days: 2,310 rate-days. Then 30 h counted from 2026-03-02:
    # (10,920 - 2,310) / 30 = 287 days -> 2026-03-02 + 286 = 2026-12-13. Today: 330 + 1,204.3 = 1,534 hours.
    two = {**JOB, "cec_other_job": True, "cec_job2_start": "2025-09-01", "cec_job2_ongoing": False,
           "cec_job2_end": "2026-02-01", "cec_job2_hours": 15.0, "cec_job2_title": "cook", "cec_job2_noc": "63200"}
    slots, text = answer(two)
    assert "13 December 2026" in text and "Step 2 of 5: 1,534 of 1,560 hours" in text
    # a full-time student until 2025-12-31: 2026-01-01..2026-02-01 = 32 days x 15 = 480 rate-days count;
    # (10,920 - 480) / 30 = 348 days -> 2026-03-02 + 347 = 2027-02-12.
    _, text = answer({**two, "cec_student": True, "cec_student_until": "2025-12-31"})
    assert "12 February 2027" in text


def test_the_second_title_goes_through_the_noc_finder():
    d = CollectingDispatcher()
    out = cec.ValidateCecForm().validate_cec_job2_title("cook", d, tracker({}, "cook"), domain())
    assert out["cec_job2_noc"] == "63200"


def test_eligible_now_is_step_4():
    # 30 h from 2025-06-01: met on 2025-06-01 + 363 = 2026-05-30, before today.
    _, text = answer({**JOB, "cec_job_start": "2025-06-01"})
    assert "You meet the CEC requirements I can check today" in text
    assert "Step 4 of 5: create your Express Entry profile" in text


def test_the_journey_questions_are_in_the_domain():
    d = domain()
    assert d["forms"]["cec_form"]["required_slots"] == list(cec.SLOTS)
    for slot in cec.SLOTS:
        assert f"utter_ask_{slot}" in d["responses"] and f"utter_cec_reask_{slot}" in d["responses"]
        assert d["slots"][slot]["mappings"][0]["conditions"] == [{"active_loop": "cec_form", "requested_slot": slot}]
    assert asyncio.run(cec.ValidateCecForm().required_slots([], CollectingDispatcher(), tracker({}), d))[0] == \
        "cec_job_start"


def test_an_answer_read_as_an_faq_question_still_answers_the_question_asked():
    form = cec.ValidateCecForm()

    def extracted(slot, text, intent="faq"):
        tr = tracker({"requested_slot": slot}, text, intent)
        events = asyncio.run(form.get_extraction_events(CollectingDispatcher(), tr, domain()))
        return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}

    assert extracted("cec_job_hours", "37.5 hours a week") == {"cec_job_hours": "37.5 hours a week"}
    assert extracted("cec_job2_title", "cook") == {"cec_job2_title": "cook"}
    assert extracted("cec_job_hours", "how many hours count per week?") == {}  # a question: the FAQ rule answers
    assert extracted("cec_student", "does work while studying count?") == {}
    assert extracted("cec_permit_end", "June 30, 2028", intent="ask_why") == {"cec_permit_end": "June 30, 2028"}


# --------------------------------------------------------------------------- facts stated in passing (issue 17b)

ISSUE = "I started working full time in Toronto as a software developer in March 2026 on a PGWP. When can I apply for CEC?"


def run_form(text, slots=None, intent="ask_cec_journey"):
    """The form's validation action on ``text`` (the message that opened the journey, or an answer to the question
    ``slots["requested_slot"]``): the slots it sets, the next question, the messages."""
    d = CollectingDispatcher()
    tr = tracker(slots or {}, text, intent)
    asked = (slots or {}).get("requested_slot")
    if asked:  # Rasa's from_text mapping: the text, as the slot candidate at the end of the events
        tr.slots[asked] = text
        tr.events.append({"event": "slot", "name": asked, "value": text})
    events = asyncio.run(cec.ValidateCecForm().run(d, tr, domain()))
    set_ = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    return {k: v for k, v in set_.items() if k != "requested_slot"}, set_.get("requested_slot"), \
        [render(m, {**(slots or {}), **set_})["text"] for m in d.messages]


def test_the_issue_sentence_fills_what_it_states():
    filled, next_question, said = run_form(ISSUE)
    assert filled == {"cec_job_start": "2026-03-01", "cec_job_hours": 30.0, "cec_job_title": "software developer",
                      "cec_job_noc": "21232", "cec_job_noc_title": "Software developers and programmers",
                      "cec_job_teer": 1}
    assert next_question == "cec_job_ongoing"  # "started" doesn't say whether the job goes on: asked
    assert said == ["You said full time: I count it as 30 hours a week, the most the CEC counts in a week. If you work "
                    "fewer hours, tell me how many, for example \"20 hours a week\"."]
    # then the questions left: ongoing, the NOC put to the person, and the rest; not the start, hours or title
    left = cec.required_slots(filled)
    assert left[:3] == ["cec_job_start", "cec_job_ongoing", "cec_job_hours"]  # all in order; the filled are skipped
    assert [s for s in left if filled.get(s) is None][:2] == ["cec_job_ongoing", "cec_noc_confirmed"]
    # the README's example conversation: the rest answered as there, the date and hours from 1 March 2026 at 30 h
    _, text = answer({**JOB, **filled})
    assert "on 27 February 2027" in text and "Step 2 of 5: 1,208 of 1,560 hours" in text


def test_variants_of_the_opening_sentence():
    filled, nxt, said = run_form("I've been working as a nurse since 2026-03-02, and my PGWP ends in June 2028. "
                                 "Am I eligible for CEC?")
    assert filled == {"cec_job_start": "2026-03-02", "cec_job_ongoing": True, "cec_job_title": "nurse",
                      "cec_job_noc": "31301", "cec_job_noc_title": "Registered nurses and registered psychiatric nurses",
                      "cec_job_teer": 1, "cec_permit_end": "2028-06-01"}  # a month alone: its 1st, as understanding.answers.date
    assert nxt == "cec_job_hours" and said == []  # no hours stated: asked
    # part time with its hours, a date with the day, no "started": "from"
    filled, nxt, said = run_form("I work part-time, 20 hours a week, as a cook from March 2, 2026. When can I apply?")
    assert filled["cec_job_start"] == "2026-03-02" and filled["cec_job_hours"] == 20.0 and filled["cec_job_noc"] == "63200"
    assert nxt == "cec_job_ongoing" and said == []
    # part time without a number: the hours are asked, not guessed; no title, no date: nothing else
    filled, nxt, _ = run_form("I'm working part time on a PGWP, still. How long until I qualify for CEC?")
    assert filled == {"cec_job_ongoing": True} and nxt == "cec_job_start"
    # without a title: the title question stays
    filled, nxt, _ = run_form("Since March 2, 2026 I have been working full-time. When can I apply for CEC?")
    assert filled == {"cec_job_start": "2026-03-02", "cec_job_ongoing": True, "cec_job_hours": 30.0}
    assert nxt == "cec_job_title"


@pytest.mark.parametrize("text", ["when can I apply for CEC?", "I'm on a PGWP, how long until I qualify?",
                                  "am I eligible for CEC?", "I graduated from UBC in May 2025, when can I apply for CEC?",
                                  "I got my PGWP in March 2025. When can I apply?",
                                  "I will start working in January 2027, when can I apply for CEC?",
                                  "I was a full-time student until April 2026, am I eligible for CEC?"])
def test_a_message_without_job_facts_fills_nothing(text):
    filled, nxt, said = run_form(text)
    assert filled == {} and nxt == "cec_job_start" and said == []


def test_a_later_answer_fills_what_it_states_too():
    # asked when the job started, the person tells more
    filled, nxt, _ = run_form("March 2026, full time as a software developer", {"requested_slot": "cec_job_start"}, "inform")
    assert filled["cec_job_start"] == "2026-03-01" and filled["cec_job_hours"] == 30.0 and filled["cec_job_noc"] == "21232"
    assert nxt == "cec_job_ongoing"
    # "full time" taken as 30 is corrected by the hours stated later, while the questions are about that job
    slots = {"cec_job_start": "2026-03-01", "cec_job_hours": 30.0, "requested_slot": "cec_job_ongoing"}
    filled, nxt, _ = run_form("yes, but only 20 hours a week", slots, "affirm")
    assert filled == {"cec_job_ongoing": True, "cec_job_hours": 20.0}
    # the other job's answers are not the first job's
    slots = {**JOB, "cec_other_job": True, "cec_job_hours": None, "requested_slot": "cec_job2_start"}
    filled, _, _ = run_form("since March 2025, 15 hours a week", {**slots, "cec_job_start": None}, "inform")
    assert filled == {"cec_job2_start": "2025-03-01"}
    # the answer to the hours question: full time is said, a date's numbers are not hours
    filled, _, said = run_form("full time since March 2026", {"requested_slot": "cec_job_hours"}, "inform")
    assert filled["cec_job_hours"] == 30.0 and "I count it as 30 hours a week" in said[0]
    filled, _, said = run_form("37.5", {"requested_slot": "cec_job_hours"}, "inform")
    assert filled["cec_job_hours"] == 37.5 and said == []
