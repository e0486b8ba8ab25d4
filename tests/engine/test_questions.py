"""The engine's question list (express_entry/questions.py): asking order and the conditions of each field."""
import json
import pathlib

from express_entry import questions

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_a_blank_profile_starts_with_age_then_marital_status():
    assert questions.missing_fields({})[:2] == ["age", "marital_status"]


def test_partner_questions_only_for_a_partner_who_comes_along():
    single = questions.questions({"marital_status": "single"})
    assert not any(f.startswith("spouse_") for f in single)
    married = {"marital_status": "married"}
    assert "spouse_canadian" in questions.questions(married)
    assert "spouse_accompanying" not in questions.questions({**married, "spouse_canadian": True})
    abroad = {**married, "spouse_canadian": False}
    assert "spouse_education" not in questions.questions({**abroad, "spouse_accompanying": False})
    coming = questions.questions({**abroad, "spouse_accompanying": True})
    assert coming.index("spouse_education") < coming.index("spouse_language.test") < coming.index(
        "spouse_canadian_work_years")


def test_scores_and_date_of_an_optional_test_follow_the_test_only_once_named():
    assert "second_language.listening" not in questions.questions({})
    named = questions.questions({"second_language.test": "tef"})
    i = named.index("second_language.test")
    assert named[i + 1:i + 6] == ["second_language.listening", "second_language.reading", "second_language.writing",
                                  "second_language.speaking", "second_language.taken_on"]
    declined = questions.questions({}, declined={"second_language.test"})
    assert "second_language.listening" not in declined
    assert "second_language.test" not in questions.missing_fields({}, declined={"second_language.test"})


def test_eligibility_questions_only_when_asked_for():
    assert "settlement_funds" not in questions.questions({})
    elig = questions.questions({"canadian_work_years": 2}, eligibility=True)
    assert {"noc_code", "settlement_funds", "family_size", "canadian_work_months_last_3_years"} <= set(elig)
    assert "canadian_work_months_last_3_years" not in questions.questions({"canadian_work_years": 0},
                                                                          eligibility=True)
    assert "authorized_to_work_in_canada" in questions.questions({"job_offer": True}, eligibility=True)
    assert "authorized_to_work_in_canada" not in questions.questions({"job_offer": False}, eligibility=True)


def test_trade_question_follows_the_rulesets_trade_list():
    from express_entry.programs import is_skilled_trade

    trade, office = "72010", "21232"
    assert is_skilled_trade(trade) and not is_skilled_trade(office)
    assert "trade_work_years_last_5" in questions.questions({"noc_code": trade}, eligibility=True)
    assert "trade_work_years_last_5" not in questions.questions({"noc_code": office}, eligibility=True)
    assert "trade_work_years_last_5" in questions.questions({}, declined={"noc_code"}, eligibility=True)


def test_missing_fields_of_a_complete_profile_is_empty_and_order_is_kept():
    answers = {"age": 29, "marital_status": "single", "education": "bachelors", "education_recognized": True,
               "canadian_education": "none", "first_language.test": "ielts", "first_language.listening": 8,
               "first_language.reading": 7, "first_language.writing": 7, "first_language.speaking": 7,
               "first_language.taken_on": "2025-03-01", "canadian_work_years": 1, "foreign_work_years": 0,
               "certificate_of_qualification": False, "provincial_nomination": False, "sibling_in_canada": False}
    assert questions.missing_fields(answers, declined={"second_language.test"}) == []
    partial = {k: v for k, v in answers.items() if k != "first_language.reading"}
    assert questions.missing_fields(partial, declined={"second_language.test"}) == ["first_language.reading"]


def test_every_field_is_a_contract_field_and_slot_names_join_with_underscore():
    schema = json.loads((ROOT / "express_entry/data/profile.schema.json").read_text())
    props = schema["properties"]
    for field in questions.FIELDS:
        top, _, sub = field.partition(".")
        assert top in props, field
    assert questions.slot_name("first_language.test") == "first_language_test"


def test_no_canadian_credential_question_after_a_highest_education_of_secondary_school_or_less():
    """A Canadian post-secondary credential is post-secondary: its question could not change the score."""
    for level in ("less_than_secondary", "secondary"):
        assert "canadian_education" not in questions.questions({"education": level}), level
    for level in ("one_year", "bachelors", "phd"):
        assert "canadian_education" in questions.questions({"education": level}), level


def test_no_sibling_question_after_a_nomination_that_fills_the_additional_points_cap():
    """The CRS caps additional points at 600 and a provincial nomination gives 600 (canada.ca CRS criteria): with a
    nomination, a sibling in Canada cannot change the score, so it is not asked."""
    import datetime as dt

    from express_entry.assess import assess

    assert "sibling_in_canada" not in questions.questions({"provincial_nomination": True})
    assert "sibling_in_canada" in questions.questions({"provincial_nomination": False})
    assert "sibling_in_canada" in questions.questions({}, declined={"provincial_nomination"})
    base = {"age": 29, "marital_status": "single", "education": "bachelors", "education_recognized": True,
            "first_language": {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9},
            "provincial_nomination": True, "assessed_on": dt.date.today().isoformat()}
    totals = {assess({**base, "sibling_in_canada": s})["crs"]["total"] for s in (True, False)}
    assert len(totals) == 1, totals
