"""One pass per turn: advice and categories take the validated profile and its assessment."""
from express_entry import advice as advice_mod
from express_entry import assess
from express_entry.advice import advise, advise_validated
from express_entry.assess import assess_validated
from express_entry.categories import categories_from_profile, categories_from_validated
from express_entry.profile import validate

PROFILE = {"assessed_on": "2026-06-01", "age": 31, "marital_status": "married", "spouse_accompanying": True,
           "spouse_canadian": False, "spouse_education": "bachelors", "education": "masters",
           "first_language": {"test": "ielts", "speaking": 7, "listening": 7.5, "reading": 6.5, "writing": 6.5,
                              "taken_on": "2025-09-01"},
           "second_language": {"test": "tef", "speaking": 400, "listening": 400, "reading": 400, "writing": 400},
           "canadian_work_years": 1, "canadian_work_months_last_3_years": 14, "foreign_work_years": 3,
           "noc_code": "21231"}


def test_advice_from_the_validated_profile_and_assessment_is_the_same():
    p = validate(PROFILE)
    assert advise_validated(p, assess_validated(p)) == advise(PROFILE)
    assert advise_validated(p) == advise(PROFILE)


def test_advice_does_not_assess_the_base_profile_again(monkeypatch):
    p = validate(PROFILE)
    a = assess_validated(p)
    calls = []
    real = advice_mod._Context.__init__

    def spy(self, profile, validated=None, assessment=None, **kw):
        calls.append((validated is profile, assessment is a))
        real(self, profile, validated, assessment, **kw)

    monkeypatch.setattr(advice_mod._Context, "__init__", spy)
    advise_validated(p, a)
    assert calls == [(True, True)]


def test_categories_from_the_validated_profile_are_the_same():
    assert categories_from_validated(validate(PROFILE)) == categories_from_profile(PROFILE)
    assert assess(PROFILE)["crs"]["total"] == assess_validated(validate(PROFILE))["crs"]["total"]
