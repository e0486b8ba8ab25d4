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


def test_four_new_scores_are_a_new_result_not_the_expired_one():
    """"What if I got NCLC 9 in all four?" after an expired NCLC result: the new result is scored, not given the old
    date (which would earn nothing and show +0)."""
    from actions import fields
    from express_entry.assess import assess

    expired = {**SINGLE_DONE, "first_language_test": "nclc", "first_language_date_unknown": None,
               "first_language_taken_on": "2020-03-14", **{f"first_language_{a}": 5 for a in
                                                           ("listening", "reading", "writing", "speaking")}}
    change = what_if.values("what if I got NCLC 9 in all four abilities in my first language?", expired)
    assert change["first_language_taken_on"] is None and change["first_language_speaking"] == 9
    before = assess(fields.build_profile(expired))["crs"]["total"]
    after = assess(fields.build_profile({**expired, **change}))["crs"]["total"]
    assert after > before
    # one ability changed: the same result, its date kept
    assert "first_language_taken_on" not in what_if.values("what if my listening was 9?", expired)
