"""profile.validate: every field, type, range and enum; messages name the field and the accepted values."""
import datetime as dt

import pytest

from express_entry import ProfileError, assess
from express_entry.profile import FIELDS, validate

ABILITIES = ("speaking", "listening", "reading", "writing")


def refused(profile):
    with pytest.raises(ProfileError) as e:
        validate(profile)
    err = e.value
    assert isinstance(err, ValueError)
    assert err.field in str(err) and err.accepted in str(err)
    return err


@pytest.mark.parametrize("profile,field,accepted_part", [
    ({"age": -3}, "age", "16 to 100"),
    ({"age": 101}, "age", "16 to 100"),
    ({"age": 15}, "age", "16 to 100"),
    ({"age": "29"}, "age", "whole number"),
    ({"age": 29.5}, "age", "whole number"),
    ({"age": True}, "age", "whole number"),
    ({"marital_status": "engaged"}, "marital_status", "common_law"),
    ({"spouse_accompanying": "yes"}, "spouse_accompanying", "true or false"),
    ({"spouse_canadian": 1}, "spouse_canadian", "true or false"),
    ({"education": "phd"}, "education", "doctoral"),
    ({"education_recognized": None, "education": "PhD"}, "education", "masters"),
    ({"canadian_education": "two_year"}, "canadian_education", "three_year_or_more"),
    ({"canadian_work_years": 11}, "canadian_work_years", "0 to 10"),
    ({"canadian_work_months_last_3_years": 37}, "canadian_work_months_last_3_years", "0 to 36"),
    ({"foreign_work_years": -1}, "foreign_work_years", "0 to 10"),
    ({"noc_code": 21231}, "noc_code", "5-digit"),
    ({"noc_code": "2123"}, "noc_code", "5-digit"),
    ({"noc_code": "2123a"}, "noc_code", "5-digit"),
    ({"teer": 6}, "teer", "0 to 5"),
    ({"trade_work_years_last_5": 6}, "trade_work_years_last_5", "0 to 5"),
    ({"certificate_of_qualification": "no"}, "certificate_of_qualification", "true or false"),
    ({"job_offer": 0}, "job_offer", "true or false"),
    ({"provincial_nomination": []}, "provincial_nomination", "true or false"),
    ({"sibling_in_canada": "true"}, "sibling_in_canada", "true or false"),
    ({"relative_in_canada": {}}, "relative_in_canada", "true or false"),
    ({"canadian_study_2_years": 2}, "canadian_study_2_years", "true or false"),
    ({"spouse_education": "college"}, "spouse_education", "bachelors"),
    ({"spouse_canadian_work_years": 12}, "spouse_canadian_work_years", "0 to 10"),
    ({"intends_quebec": "no"}, "intends_quebec", "true or false"),
    ({"settlement_funds": -1}, "settlement_funds", "0 or more"),
    ({"settlement_funds": "lots"}, "settlement_funds", "number"),
    ({"family_size": 0}, "family_size", "1 to 20"),
    ({"family_size": 21}, "family_size", "1 to 20"),
    ({"first_language_fixed": "yes"}, "first_language_fixed", "true or false"),
    ({"job_offer_noc_code": "00"}, "job_offer_noc_code", "5-digit"),
    ({"noc_code": "12345"}, "noc_code", "NOC 2021 unit group"),
    ({"noc_code": "21239"}, "noc_code", "NOC 2021 unit group"),
    ({"noc_code": "99999"}, "noc_code", 'python -m express_entry noc find "job title"'),
    ({"noc_code": "2123"}, "noc_code", 'python -m express_entry noc find "job title"'),
    ({"job_offer_noc_code": "00099"}, "job_offer_noc_code", "NOC 2021 unit group"),
    ({"noc_code": "21231", "teer": 3}, "teer", "1 (the TEER of NOC 21231)"),
    ({"noc_code": "72310", "teer": 1}, "teer", "2 (the TEER of NOC 72310)"),
    ({"authorized_to_work_in_canada": "yes"}, "authorized_to_work_in_canada", "true or false"),
    ({"spouse_canadian_study_2_years": 1}, "spouse_canadian_study_2_years", "true or false"),
    ({"spouse_canadian_work_1_year": "no"}, "spouse_canadian_work_1_year", "true or false"),
    ({"assessed_on": "28/11/2026"}, "assessed_on", "YYYY-MM-DD"),
    ({"assessed_on": "2026-02-30"}, "assessed_on", "YYYY-MM-DD"),
    ({"assessed_on": 20261128}, "assessed_on", "YYYY-MM-DD"),
    ({"favourite_colour": "blue"}, "favourite_colour", "age"),
])
def test_field_errors(profile, field, accepted_part):
    err = refused(profile)
    assert err.field == field
    assert accepted_part in err.accepted


@pytest.mark.parametrize("test,ability,score,accepted_part", [
    ("ielts", "listening", 12, "0 to 9 in steps of 0.5"),
    ("ielts", "reading", 7.25, "0 to 9 in steps of 0.5"),
    ("ielts", "writing", -0.5, "0 to 9"),
    ("celpip", "speaking", 13, "0 to 12"),
    ("celpip", "speaking", 9.5, "whole numbers from 0 to 12"),
    ("pte", "reading", 9, "10 to 90"),
    ("pte", "reading", 91, "10 to 90"),
    ("tef", "writing", 700, "0 to 699"),
    ("tcf", "speaking", 21, "0 to 20"),
    ("tcf", "writing", 450, "0 to 20"),
    ("tcf", "reading", 700, "0 to 699"),
    ("clb", "reading", 13, "0 to 12"),
    ("nclc", "listening", -1, "0 to 12"),
    ("ielts", "speaking", "7", "0 to 9"),
    ("ielts", "speaking", True, "0 to 9"),
])
def test_language_score_errors(test, ability, score, accepted_part):
    for key in ("first_language", "second_language", "spouse_language"):
        err = refused({key: {"test": test, ability: score}})
        assert err.field == f"{key}.{ability}"
        assert accepted_part in err.accepted


def test_null_means_unknown():
    v = validate({"age": None, "first_language": {"test": "ielts", "speaking": None, "listening": 7}})
    assert "age" not in v
    assert v["first_language"] == {"test": "ielts", "listening": 7.0}


def test_language_result_errors():
    assert refused({"first_language": {"test": "toefl"}}).field == "first_language.test"
    assert "ielts" in refused({"first_language": {"test": "toefl"}}).accepted
    assert refused({"first_language": {"speaking": 7}}).field == "first_language.test"
    assert refused({"first_language": "ielts 7"}).field == "first_language"
    assert refused({"first_language": {"test": "ielts", "overall": 7}}).field == "first_language.overall"
    assert refused({"first_language": {"test": "ielts", "taken_on": "yesterday"}}).field == "first_language.taken_on"
    err = refused({"assessed_on": "2026-01-01", "first_language": {"test": "ielts", "taken_on": "2026-02-01"}})
    assert err.field == "first_language.taken_on"
    assert refused([1, 2]).field == "profile"


def test_valid_profile_is_normalised_and_input_untouched():
    p = {"assessed_on": "2026-06-01", "age": 29.0, "first_language": {"test": "ielts", "listening": 8,
                                                                        "reading": 7, "writing": 7, "speaking": 7,
                                                                        "taken_on": "2025-01-02"},
         "settlement_funds": 15000.5, "education": None}
    original = {**p, "first_language": dict(p["first_language"])}
    v = validate(p)
    assert p == original
    assert v["assessed_on"] == dt.date(2026, 6, 1)
    assert v["age"] == 29 and isinstance(v["age"], int)
    assert v["first_language"]["taken_on"] == dt.date(2025, 1, 2)
    assert v["first_language"]["listening"] == 8.0
    assert "education" not in v  # null = unknown


def test_assessed_on_defaults_to_today():
    assert validate({})["assessed_on"] == dt.date.today()


def test_every_contract_field_is_accepted():
    contract = ["assessed_on", "age", "marital_status", "spouse_accompanying", "spouse_canadian", "education",
                "education_recognized", "canadian_education", "first_language", "second_language",
                "canadian_work_years", "canadian_work_months_last_3_years", "foreign_work_years", "noc_code", "teer",
                "trade_work_years_last_5", "certificate_of_qualification", "job_offer", "provincial_nomination",
                "sibling_in_canada", "relative_in_canada", "canadian_study_2_years", "spouse_education",
                "spouse_language", "spouse_canadian_work_years", "intends_quebec", "settlement_funds", "family_size"]
    assert set(contract) <= set(FIELDS)
    full = {"assessed_on": "2026-06-01", "age": 35, "marital_status": "married", "spouse_accompanying": True,
            "spouse_canadian": False, "education": "two_or_more", "education_recognized": True,
            "canadian_education": "one_or_two_year",
            "first_language": {"test": "celpip", "speaking": 9, "listening": 10, "reading": 8, "writing": 9},
            "second_language": {"test": "tcf", "speaking": 12, "listening": 500, "reading": 510, "writing": 11},
            "canadian_work_years": 2, "canadian_work_months_last_3_years": 24, "foreign_work_years": 4,
            "noc_code": "21231", "teer": 1, "trade_work_years_last_5": 0, "certificate_of_qualification": False,
            "job_offer": True, "provincial_nomination": False, "sibling_in_canada": True, "relative_in_canada": True,
            "canadian_study_2_years": True, "spouse_education": "bachelors",
            "spouse_language": {"test": "pte", "speaking": 70, "listening": 70, "reading": 70, "writing": 70},
            "spouse_canadian_work_years": 1, "intends_quebec": False, "settlement_funds": 30000, "family_size": 3}
    assert set(full) == set(contract)
    r = assess(full)
    assert r["crs"]["total"] > 0
    assert r["crs"]["scored_as"] == "with_spouse"


def test_missing_lists_fields_that_block_the_score():
    r = assess({"assessed_on": "2026-06-01"})
    assert {"age", "marital_status", "education", "first_language"} <= set(r["missing"])
    r = assess({"assessed_on": "2026-06-01", "age": 30, "marital_status": "married", "education": "secondary",
                "first_language": {"test": "ielts", "listening": 7}})
    assert {"spouse_accompanying", "spouse_canadian", "first_language.speaking", "first_language.reading",
            "first_language.writing"} <= set(r["missing"])
    assert "first_language.listening" not in r["missing"]
    assert len(r["missing"]) == len(set(r["missing"]))


# NOC 2021 unit groups typed from Statistics Canada's NOC 2021 Version 1.0 (one per TEER and broad category
# sample): all accepted, with the TEER that their 2nd digit gives
@pytest.mark.parametrize("code,teer", [("00010", 0), ("10010", 0), ("21231", 1), ("31301", 1), ("72310", 2),
                                       ("33102", 3), ("44101", 4), ("65201", 5), ("95109", 5), ("14400", 4)])
def test_noc_unit_groups_accepted_with_their_teer(code, teer):
    assert validate({"noc_code": code})["noc_code"] == code
    assert validate({"noc_code": code, "teer": teer})["teer"] == teer
    assert validate({"job_offer_noc_code": code})["job_offer_noc_code"] == code


def test_noc_code_list_is_the_516_unit_groups():
    from express_entry.profile import noc_codes

    codes = noc_codes()
    assert len(codes) == 516  # NOC 2021 Version 1.0 has 516 unit groups
    assert all(len(c) == 5 and c.isdigit() for c in codes)


def test_validate_does_not_import_the_noc_search_module():
    import subprocess
    import sys

    code = ("import sys; from express_entry.profile import validate; validate({'noc_code': '21231'}); "
            "print('express_entry.noc' in sys.modules, 'rapidfuzz' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
