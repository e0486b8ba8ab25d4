"""Free-text answers to profile values (actions/parsing.py)."""
import pytest

from actions.parsing import extract
from tests.sim.drivers import render

IELTS = {"first_language_test": "ielts"}


def said(message):
    """A re-ask message as the person reads it (the domain's response, filled)."""
    return render(message, {})["text"]


@pytest.mark.parametrize("text", ["I'm 29", "twenty nine", "29 years old", "29", "age 29", "i am 29"])
def test_age_forms(text):
    assert extract(text, "age", {}, "inform") == ({"age": 29}, {})


@pytest.mark.parametrize("text,accepted", [("age 300", "16 to 100"), ("12", "16 to 100"), ("I'm 101", "16 to 100")])
def test_impossible_age_is_reasked_with_range(text, accepted):
    values, errors = extract(text, "age", {}, "inform")
    assert "age" not in values
    assert accepted in said(errors["age"])


@pytest.mark.parametrize("text,level", [("master's", "masters"), ("MSc", "masters"), ("a masters degree", "masters"),
                                        ("PhD", "doctoral"), ("doctorate", "doctoral"), ("bachelor's", "bachelors"),
                                        ("BSc in biology", "bachelors"), ("high school", "secondary"),
                                        ("2 year college diploma", "two_year"), ("a bachelor and a diploma", "two_or_more")])
def test_education_words(text, level):
    assert extract(text, "education", {}, "inform")[0]["education"] == level


def test_ielts_four_numbers_in_the_stated_order():
    values, errors = extract("IELTS 8 7.5 7 7", "first_language_test", {}, "inform")
    assert errors == {}
    assert values == {"first_language_test": "ielts", "first_language_listening": 8, "first_language_reading": 7.5,
                      "first_language_writing": 7, "first_language_speaking": 7}


def test_bare_scores_after_the_test_was_given():
    values, _ = extract("8 7.5 7 7", "first_language_listening", IELTS, "inform")
    assert [values[f"first_language_{a}"] for a in ("listening", "reading", "writing", "speaking")] == [8, 7.5, 7, 7]


def test_clb_in_everything():
    values, _ = extract("CLB 9 in everything", "first_language_test", {}, "inform")
    assert values["first_language_test"] == "clb"
    assert {values[f"first_language_{a}"] for a in ("listening", "reading", "writing", "speaking")} == {9}


def test_labelled_scores_any_order():
    values, _ = extract("S 7.5 L 8.5 W 7.5 R 8", "first_language_listening", IELTS, "inform")
    assert values == {"first_language_listening": 8.5, "first_language_reading": 8, "first_language_writing": 7.5,
                      "first_language_speaking": 7.5}


def test_ielts_12_is_refused_with_the_scale():
    values, errors = extract("IELTS 12", "first_language_listening", IELTS, "inform")
    assert "first_language_listening" not in values
    assert "9" in said(errors["first_language_listening"]) and "0.5" in said(errors["first_language_listening"])


def test_half_band_is_refused_for_celpip():
    _, errors = extract("7.5", "first_language_reading", {"first_language_test": "celpip"}, "inform")
    assert "first_language_reading" in errors


@pytest.mark.parametrize("text,slot,value", [("three years", "canadian_work_years", 3),
                                             ("18 months", "canadian_work_years", 1),
                                             ("18 months", "canadian_work_months_last_3_years", 18),
                                             ("a year and a half", "canadian_work_months_last_3_years", 18),
                                             ("none", "foreign_work_years", 0), ("2", "foreign_work_years", 2)])
def test_durations(text, slot, value):
    assert extract(text, slot, {}, "inform")[0][slot] == value


def test_work_years_out_of_range():
    _, errors = extract("15 years", "foreign_work_years", {}, "inform")
    assert "0 to 10" in said(errors["foreign_work_years"])


def test_several_facts_in_one_message():
    values, errors = extract("I'm 31, married, master's, CELPIP 9 all, 2 years in Canada", "age", {}, "inform")
    assert errors == {}
    assert values["age"] == 31 and values["marital_status"] == "married" and values["education"] == "masters"
    assert values["first_language_test"] == "celpip" and values["first_language_speaking"] == 9
    assert values["canadian_work_years"] == 2


def test_corrections_outside_any_question():
    assert extract("actually I'm 32", None, {"age": 29}, "correct")[0] == {"age": 32}
    assert extract("change my listening to 8.5", None, IELTS, "correct")[0] == {"first_language_listening": 8.5}


def test_button_payloads_bypass_nlu():
    assert extract('/inform{"choice":"common_law"}', "marital_status", {}, "inform")[0] == {"marital_status": "common_law"}
    assert extract("/affirm", "sibling_in_canada", {}, "affirm")[0] == {"sibling_in_canada": True}
    assert extract("/deny", "provincial_nomination", {}, "deny")[0] == {"provincial_nomination": False}
    assert extract('/inform{"choice":"none"}', "second_language_test", {}, "inform")[0] == {"second_language_test": "none"}


def test_french_second_language():
    values, _ = extract("TEF 400 350 380 420", "second_language_test", {"first_language_test": "ielts"}, "inform")
    assert values["second_language_test"] == "tef" and values["second_language_speaking"] == 420
    assert extract("no", "second_language_test", IELTS, "deny")[0] == {"second_language_test": "none"}


def test_partner_facts_go_to_partner_slots():
    values, _ = extract("my wife has a bachelor's and IELTS 7 all", None, IELTS, "inform")
    assert values["spouse_education"] == "bachelors" and values["spouse_language_reading"] == 7
    assert "education" not in values and "first_language_reading" not in values


def test_money_and_family():
    assert extract("$30,000", "settlement_funds", {}, "inform")[0] == {"settlement_funds": 30000}
    assert extract("15k", "settlement_funds", {}, "inform")[0] == {"settlement_funds": 15000}
    assert extract("my wife, me and two kids", "family_size", {}, "inform")[0] == {"family_size": 4}
    assert extract("just me", "family_size", {}, "inform")[0] == {"family_size": 1}


def test_noc_codes_are_checked():
    assert extract("21232", "noc_code", {}, "inform")[0] == {"noc_code": "21232"}
    assert "noc_code" in extract("99999", "noc_code", {}, "inform")[1]


def test_a_score_answer_is_not_taken_for_an_age():
    values, errors = extract("I'm 7 in everything", "first_language_listening", {"first_language_test": "clb"}, "inform")
    assert "age" not in values and errors == {}
    assert values["first_language_speaking"] == 7


TODAY = __import__("datetime").date(2026, 11, 28)


@pytest.mark.parametrize("text,iso,month_only", [
    ("March 2025", "2025-03-01", True), ("in june 2024", "2024-06-01", True), ("sep 2024", "2024-09-01", True),
    ("I took it in January 2025", "2025-01-01", True), ("03/2025", "2025-03-01", True),
    ("14 March 2025", "2025-03-14", False), ("march 14th, 2025", "2025-03-14", False),
    ("2025-02-14", "2025-02-14", False), ("15/03/2025", "2025-03-15", False), ("03/15/2025", "2025-03-15", False),
    ("last september", "2026-09-01", True), ("december", "2025-12-01", True),
    ("july of last year", "2025-07-01", True),
])
def test_test_dates(text, iso, month_only):
    from understanding.rules import parse_date

    assert parse_date(text, TODAY) == (iso, month_only)


@pytest.mark.parametrize("text,words", [("2024", "Which month of 2024"), ("03/04/2025", "day/month or month/day"),
                                        ("March 2027", "in the future"), ("31/02/2025", "isn't a real date")])
def test_unusable_test_dates_are_reasked(text, words):
    from understanding.rules import Invalid, parse_date

    with pytest.raises(Invalid) as e:
        parse_date(text, TODAY)
    assert words in said(e.value.message())


def test_test_date_answer_fills_the_nested_taken_on_slot():
    assert extract("14 March 2025", "first_language_taken_on", IELTS, "inform") == (
        {"first_language_taken_on": "2025-03-14"}, {})
    values, errors = extract("2024", "first_language_taken_on", IELTS, "inform")
    assert values == {} and "Which month of 2024" in said(errors["first_language_taken_on"])
