"""What-ifs stay hypothetical (issue 16): relative changes are computed from the profile, and a what-if said while
the form is open changes nothing."""
import pytest

from actions import dialogue, what_if
from tests.rasa.test_form import SINGLE_DONE

PROFILE = {**SINGLE_DONE, "canadian_work_years": 5, "foreign_work_years": 2, "first_language_writing": 6.5}


@pytest.mark.parametrize("text,expected", [
    ("what if I had one more year of canadian work experience?", {"canadian_work_years": 6}),
    ("how about after another year of work in Canada?", {"canadian_work_years": 6}),
    ("what if I had 2 more years of foreign work experience?", {"foreign_work_years": 4}),
    ("what if I were a year older?", {"age": 30}),
    ("what would my score be at 35?", {"age": 35}),
    ("how about half a band higher in writing?", {"first_language_writing": 7}),
    ("what would I have with a PNP?", {"provincial_nomination": True}),
    ("and with a master's?", {"education": "masters"}),
])
def test_relative_and_absolute_changes(text, expected):
    assert what_if.values(text, PROFILE) == expected


def test_a_what_if_during_the_form_sets_nothing():
    turn = dialogue.read_turn(dict(SINGLE_DONE), "what if I got NCLC 9 in all four abilities?", "inform", "job_offer")
    assert turn.values == {} and turn.intent == "what_if"


@pytest.mark.parametrize("text", ["actually I have a master's", "I meant 5 years in Canada", "correction: I'm 31"])
def test_statements_of_fact_are_not_what_ifs(text):
    assert not what_if.is_what_if(text, "correct")
