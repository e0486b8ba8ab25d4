"""The kinds of answer people give that the parser must read right (pure Python, fast)."""
import pytest

from actions import dialogue, fields, parsing
from tests.sim.drivers import run_validation


def form_turn(slots, text, intent, requested):
    """validate_profile_form on one message (the requested slot's raw text as Rasa's from_text mapping puts it,
    none for an intent the form ignores): (slot events, rendered messages)."""
    ignored = intent in dialogue.INTERRUPTIONS
    candidates = {requested: text} if requested and not ignored else {}
    return run_validation({**slots, "requested_slot": requested}, text, intent, candidates, active=bool(requested))

IELTS = {"first_language_test": "ielts", "first_language_listening": 6, "first_language_reading": 7,
         "first_language_writing": 6.5, "first_language_speaking": 7, "second_language_test": "tef",
         "second_language_listening": 300, "age": 30, "canadian_education": "three_year_or_more"}


@pytest.mark.parametrize("text,value", [
    ("separated", "separated"), ("we split up but we're still legally married", "separated"),
    ("my wife passed away in 2020", "widowed"), ("widower", "widowed"), ("divorsed", "divorced"),
    ("I live with my girlfriend, we're not married", "common_law"), ("never been married", "single"),
    ("i have a husband", "married"), ("seperated from my husband", "separated"),
])
def test_marital_status_in_plain_words(text, value):
    assert parsing.extract(text, "marital_status", {}, None)[0]["marital_status"] == value


def test_age_and_marital_status_in_one_message():
    assert parsing.extract("I'm 34 and separated", "age", {}, None)[0] == {"age": 34, "marital_status": "separated"}


@pytest.mark.parametrize("text,value", [
    ("a bachelor's and a one-year diploma", "two_or_more"), ("BSc plus a college certificate", "two_or_more"),
    ("two degrees", "two_or_more"), ("bachelor's degree in biology", "bachelors"),
    ("a master's after my bachelor's", "masters"), ("2 yr diplomma", "two_year"), ("bachlors", "bachelors"),
    ("a 1 year post-secondary certificate", "one_year"), ("dropped out of high school", "less_than_secondary"),
])
def test_education_neighbours(text, value):
    assert parsing.extract(text, "education", {}, None)[0]["education"] == value


@pytest.mark.parametrize("text,test,level", [("CLB 9", "clb", 9), ("NCLC 7 in all four", "nclc", 7),
                                             ("clb 8 everywhere", "clb", 8)])
def test_levels_given_directly(text, test, level):
    values, _ = parsing.extract(text, "first_language_test", {}, None)
    assert values["first_language_test"] == test
    assert [values[s] for s in fields.lang_slots("first_language")] == [level] * 4


@pytest.mark.parametrize("text,canadian,foreign", [
    ("3 years here and 4 back home", 3, 4), ("in canada 2 years, abroad 5", 2, 5),
    ("1 year in Canada and 3 in India", 1, 3), ("18 months here and 24 abroad", 1, 2),
])
def test_work_years_by_role_in_one_message(text, canadian, foreign):
    values, _ = parsing.extract(text, "canadian_work_years", {}, None)
    assert values["canadian_work_years"] == canadian and values["foreign_work_years"] == foreign


def test_a_score_line_never_answers_another_question():
    values, _ = parsing.extract("ielts: listening 8, reading 7, writing 6.5, speaking 7", "canadian_education", {}, None)
    assert "canadian_education" not in values
    assert [values[s] for s in fields.lang_slots("first_language")] == [8, 7, 6.5, 7]
    ack = dialogue.acknowledgement(values)
    assert all(w in ack for w in ("listening 8", "reading 7", "writing 6.5", "speaking 7"))


@pytest.mark.parametrize("text,slot,value", [
    ("I'm two years older than I said", "age", 32), ("add 1 year to my age", "age", 31),
    ("I'm 3 years younger actually", "age", 27), ("I got 5.5 in listening", "first_language_listening", 5.5),
    ("in my French test the listening was 420", "second_language_listening", 420),
    ("my English test reading is 7.5", "first_language_reading", 7.5),
    ("my second test: writing 350", "second_language_writing", 350),
    ("no I didn't study in canada, that was wrong", "canadian_education", "none"),
])
def test_corrections(text, slot, value):
    values, _ = parsing.extract(text, None, IELTS, "correct")
    assert values[slot] == value


def test_a_correction_says_what_changed():
    changes, msgs = form_turn(dict(IELTS), "actually I'm 31", "correct", None)
    assert changes["age"] == 31 and any("age 30 \u2192 31" in m["text"] for m in msgs)


def test_dont_know_at_a_date_keeps_the_date_slot_empty():
    slots = {**IELTS, "first_language_taken_on": None}
    changes, msgs = form_turn(slots, "I don't know", "dont_know", "first_language_taken_on")
    assert changes.get("first_language_taken_on") is None and changes["first_language_date_unknown"] is True


def test_partner_test_date_is_asked():
    slots = {"marital_status": "married", "spouse_canadian": False, "spouse_accompanying": True,
             "spouse_language_test": "ielts"}
    req = fields.required_slots(slots)
    assert req.index("spouse_language_taken_on") == req.index("spouse_language_speaking") + 1
    p = fields.build_profile({**slots, **{f"spouse_language_{a}": 7 for a in fields.ABILITIES},
                              "spouse_language_taken_on": "2020-01-01"})
    assert p["spouse_language"]["taken_on"] == "2020-01-01"


def test_two_failed_answers_show_the_accepted_forms_and_buttons():
    slots = {"age": 30, "marital_status": "single"}
    changes, msgs = form_turn(slots, "hmm blah", None, "education")
    assert changes["failed_asks"] == {"education": 1} and not any(m["buttons"] for m in msgs)
    changes, msgs = form_turn({**slots, **changes}, "blah again", None, "education")
    helps = [m for m in msgs if m["buttons"]]
    assert helps and len(helps[0]["buttons"]) == len(fields.EDUCATION)
    assert "Please answer with one of the buttons" in helps[0]["text"]
    assert changes["requested_slot"] == "education"


def test_skipping_a_test_date_after_a_failed_answer_is_no_failure():
    slots = {**IELTS, "first_language_taken_on": None}
    changes, _ = form_turn(slots, "hmm blah", None, "first_language_taken_on")
    changes, msgs = form_turn({**slots, **changes}, "no", "deny", "first_language_taken_on")
    assert changes["first_language_date_unknown"] is True and changes["failed_asks"] is None
    assert not any(m["buttons"] for m in msgs)


def test_two_failed_answers_to_an_optional_question_offer_a_skip():
    slots = {"age": 30, "marital_status": "single", "education": "bachelors"}
    changes, _ = form_turn(slots, "hmm blah", None, "education_recognized")
    changes, msgs = form_turn({**slots, **changes}, "blah again", None, "education_recognized")
    buttons = [b["title"] for m in msgs for b in m["buttons"]]
    assert buttons == ["Yes", "No", "Skip"]


def test_an_answer_taken_for_a_question_still_answers():
    changes, _ = form_turn({"age": 30}, "separated", "faq", "marital_status")
    assert changes["marital_status"] == "separated"
    changes, _ = form_turn({"age": 30}, "what does separated mean?", "faq", "marital_status")
    assert "marital_status" not in changes


@pytest.mark.parametrize("n", [1, 50, 4000, 40000])
def test_long_input_is_read_in_bounded_time(n):
    import time

    text = ("1 year here and " * n) + ("listening 8 " * n) + "9" * n
    start = time.perf_counter()
    parsing.extract(text, "canadian_work_years", {}, None)
    parsing.extract(text, "first_language_listening", {"first_language_test": "ielts"}, None)
    assert time.perf_counter() - start < 5.0
