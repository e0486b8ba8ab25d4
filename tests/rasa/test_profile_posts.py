"""A whole profile told in one message (issue 16): read whole whatever question is pending, a statement and never
an FAQ question, and the two silent misreads the issue quotes."""
import pytest

from actions import dialogue, parsing
from tests.rasa.test_understanding import form_turn
from understanding.entities import find_entities, is_profile_post

FORUM = ("CRS check please: 31, married, wife coming, MSc with WES, IELTS L8.5 R7.5 W7 S7 Feb 2025, 3 yrs in India, "
         "1.5 yrs in Toronto, no PNP")
TYPED = ("CRS check please: 29, single, bachelor's with ECA, IELTS L8 R7 W7 S7 taken 2026-02-01, 2 years canadian work, "
         "3 years foreign work, no PNP, no sibling")
SCORES = {"listening": 8, "reading": 7, "writing": 6.5, "speaking": 7}


def first(values, group="first_language"):
    return {a: values.get(f"{group}_{a}") for a in SCORES}


def test_the_forum_post_of_the_issue_is_read_whole():
    values, errors = parsing.extract(FORUM, None, {}, "inform")
    assert errors == {}
    assert values == {
        "age": 31, "marital_status": "married", "spouse_accompanying": True, "spouse_canadian": False,
        "education": "masters", "education_recognized": True, "first_language_test": "ielts",
        "first_language_listening": 8.5, "first_language_reading": 7.5, "first_language_writing": 7,
        "first_language_speaking": 7, "first_language_taken_on": "2025-02-01", "foreign_work_years": 3,
        "canadian_work_years": 1, "provincial_nomination": False}


@pytest.mark.parametrize("requested", [None, "age", "canadian_work_years", "second_language_test", "sibling_in_canada",
                                       "first_language_listening"])
def test_a_post_is_read_the_same_whatever_question_is_pending(requested):
    slots = {"first_language_test": "ielts"} if requested == "second_language_test" else {}
    values, errors = parsing.extract(TYPED, requested, slots, "inform")
    assert errors == {}
    assert values["age"] == 29 and values["marital_status"] == "single" and values["education"] == "bachelors"
    assert values["first_language_test"] == "ielts" and first(values) == {
        "listening": 8, "reading": 7, "writing": 7, "speaking": 7}
    assert values["first_language_taken_on"] == "2026-02-01"
    assert values["canadian_work_years"] == 2 and values["foreign_work_years"] == 3
    assert values["provincial_nomination"] is False and values["sibling_in_canada"] is False
    assert "second_language_test" not in values


@pytest.mark.parametrize("scores", ["IELTS L8 R7 W6.5 S7", "IELTS 8/7/6.5/7", "IELTS 8, 7, 6.5 and 7",
                                    "IELTS: listening 8, reading 7, writing 6.5, speaking 7",
                                    "IELTS L 8 / R 7 / W 6.5 / S 7"])
@pytest.mark.parametrize("sep", [", ", "; ", " / ", " | ", "\n"])
def test_score_forms_and_separators(scores, sep):
    text = sep.join(["33 years old", "single", "BSc with ECA", scores, "2 years Canadian work experience",
                     "no work abroad", "no PNP"])
    values, errors = parsing.extract(text, None, {}, None)
    assert errors == {}, text
    assert first(values) == SCORES, text
    assert values["age"] == 33 and values["canadian_work_years"] == 2 and values["foreign_work_years"] == 0


def test_clb_across_the_board():
    values, _ = parsing.extract("27; single; PhD; CLB 9 across the board; 1 year in Canada", None, {}, None)
    assert values["first_language_test"] == "clb" and set(first(values).values()) == {9}


def test_ielts_half_bands_with_slashes_are_not_cut_to_whole_numbers():
    """The issue's first misread: listening 5.5 and 5 in the other three."""
    for requested in (None, "first_language_test", "first_language_listening", "age"):
        values, errors = parsing.extract("IELTS General L 5.5 / R 5.5 / W 5.5 / S 5.5", requested, {}, None)
        assert first(values) == dict.fromkeys(SCORES, 5.5), requested
        assert errors == {}


@pytest.mark.parametrize("requested", [None, "second_language_test", "canadian_work_years", "sibling_in_canada"])
def test_tcf_scores_after_the_test_are_that_tests(requested):
    """The issue's second misread: only the listening kept, and 384 refused as a score of another test."""
    slots = {"first_language_test": "ielts", "first_language_listening": 7}
    values, errors = parsing.extract("TCF Canada: listening 384, reading 443, writing 6, speaking 7", requested, slots,
                                     None)
    assert errors == {}
    assert values["second_language_test"] == "tcf"
    assert first(values, "second_language") == {"listening": 384, "reading": 443, "writing": 6, "speaking": 7}


def test_both_tests_with_their_dates_and_the_partners_facts():
    text = ("My profile: 34, married, husband coming with me, master's with ECA, no Canadian education, "
            "CELPIP 9 9 8 8 taken 2025-06-14, TEF Canada L 400 / R 380 / W 410 / S 420 on March 2025, "
            "2 years Canadian work experience, 3 years in India, husband has a bachelor's, "
            "husband's test: IELTS 6.5/6/6/6 taken 2025-01-22, husband has 1 year of work in Canada, "
            "certificate of qualification, no PNP, sibling in Canada")
    values, errors = parsing.extract(text, None, {}, None)
    assert errors == {}
    assert values["first_language_test"] == "celpip" and values["first_language_taken_on"] == "2025-06-14"
    assert values["second_language_test"] == "tef" and values["second_language_taken_on"] == "2025-03-01"
    assert first(values, "second_language") == {"listening": 400, "reading": 380, "writing": 410, "speaking": 420}
    assert values["spouse_language_test"] == "ielts" and values["spouse_language_taken_on"] == "2025-01-22"
    assert first(values, "spouse_language") == {"listening": 6.5, "reading": 6, "writing": 6, "speaking": 6}
    assert values["spouse_education"] == "bachelors" and values["education"] == "masters"
    assert values["spouse_canadian_work_years"] == 1 and values["canadian_work_years"] == 2
    assert values["certificate_of_qualification"] is True and values["sibling_in_canada"] is True
    assert values["canadian_education"] == "none" and values["spouse_accompanying"] is True


@pytest.mark.parametrize("text,expected", [
    ("wife is a Canadian citizen", {"spouse_canadian": True}),
    ("husband not coming", {"spouse_accompanying": False, "spouse_canadian": False}),
    ("partner staying back home", {"spouse_accompanying": False, "spouse_canadian": False}),
    ("no ECA yet", {"education_recognized": False}),
    ("ECA: pending", {"education_recognized": False}),
    ("PNP: no", {"provincial_nomination": False}),
    ("nominated by Ontario", {"provincial_nomination": True}),
    ("no CoQ", {"certificate_of_qualification": False}),
])
def test_yes_no_facts_told_in_passing(text, expected):
    from understanding.rules import find_flags
    from understanding.text import normalise

    assert find_flags(normalise(text)) == expected


@pytest.mark.parametrize("text", [FORUM, TYPED, "I'm 40, divorced, high school, CELPIP 7 7 7 7",
                                  "45; widowed; high school; 10 years in the Philippines; no Canadian work"])
def test_a_post_is_a_statement(text):
    assert is_profile_post(text, find_entities(text))


@pytest.mark.parametrize("text", ["what if I got CLB 9 in all four abilities and a master's and 2 years in canada?",
                                  "how about with IELTS 8 8 8 8 and a PhD?", "how long is a test result valid?",
                                  "is my IELTS from 2024 still valid?", "what is express entry?",
                                  "hypothetically, 2 more years in Canada and a master's"])
def test_questions_and_what_ifs_are_not_posts(text):
    assert not is_profile_post(text, find_entities(text))


def test_a_post_taken_for_an_faq_question_still_fills_the_form():
    """The action layer's own check: an FAQ prediction over several facts is read as a statement."""
    changes, messages = form_turn({}, TYPED, "faq", "age")
    assert changes["age"] == 29 and changes["first_language_listening"] == 8 and changes["sibling_in_canada"] is False
    text = "\n".join(m["text"] for m in messages)
    assert "Got it" in text and "ask" not in text.lower().split("got it")[0]
    assert dialogue.read_turn({}, "how long is a test result valid?", "faq", "age").interruption


@pytest.mark.parametrize("text", ["only that one test", "only that one", "just that one", "no, only English",
                                  "no other test"])
def test_only_that_one_test_is_a_no_at_the_second_test_question(text):
    values, _ = parsing.extract(text, "second_language_test", {"first_language_test": "ielts"}, None)
    assert values == {"second_language_test": "none"}
