"""The registry of the profile's concepts (express_entry/concepts.py, data/labels/en.yaml) is the one declaration
that the engine's checks, the form's kinds and the names shown are derived from."""
import pytest

from express_entry import concepts, profile
from express_entry.assess import assess
from express_entry.crs import part_maxima

SPOUSE_PROFILE = {
    "age": 30, "marital_status": "married", "spouse_accompanying": True, "spouse_canadian": False,
    "education": "masters", "canadian_education": "one_or_two_year", "canadian_work_years": 2,
    "foreign_work_years": 3, "certificate_of_qualification": True, "provincial_nomination": True,
    "sibling_in_canada": True, "spouse_education": "bachelors", "spouse_canadian_work_years": 1,
    "first_language": {"test": "ielts", "listening": 8, "reading": 7, "writing": 7, "speaking": 7},
    "second_language": {"test": "tef", "listening": 300, "reading": 300, "writing": 300, "speaking": 300},
    "spouse_language": {"test": "celpip", "listening": 7, "reading": 7, "writing": 7, "speaking": 7},
}


def test_every_profile_field_is_declared_once_in_the_contract_s_order():
    names = [f.name for f in concepts.FIELDS]
    assert len(names) == len(set(names))
    assert tuple(names) == profile.FIELDS[1:]  # assessed_on is the date of the assessment, not a fact
    assert {f.name for f in concepts.FIELDS if f.extension} == set(profile.PROFILE_EXTENSIONS)


@pytest.mark.parametrize("field", [f for f in concepts.FIELDS if f.check[0] == "int"], ids=lambda f: f.name)
def test_the_engine_checks_each_range_as_declared(field):
    _, lo, hi = field.check
    for ok in (lo, hi):
        assert profile.validate({field.name: ok})[field.name] == ok
    for bad in (lo - 1, hi + 1):
        with pytest.raises(profile.ProfileError):
            profile.validate({field.name: bad})


def test_the_parts_are_the_crs_parts_in_order():
    assert [key for _, key, _ in concepts.parts()] == [k for k in part_maxima() if k in
                                                      ("core", "spouse", "transferability", "additional")]
    assert [letter for letter, _, _ in concepts.parts()] == ["A", "B", "C", "D"]


def test_every_factor_the_crs_gives_has_a_name():
    factors = {f["factor"] for f in assess(SPOUSE_PROFILE)["crs"]["factors"]}
    factors |= {f["factor"] for f in assess({**SPOUSE_PROFILE, "marital_status": "single"})["crs"]["factors"]}
    assert factors - set(concepts.factor_names()) == set()

