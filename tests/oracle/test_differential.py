"""Differential test: the engine's CRS against an independent implementation of the published grid.

Every disagreement on a random profile is a defect in one of the two; the golden cases below (from the
published grid, worked by hand) keep the oracle itself honest.
"""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from express_entry import assess
from tests.oracle.crs_oracle import ABILITIES, crs as oracle_crs

ON = "2026-06-01"  # under the 2025-03-25 CRS, before the unmodelled 2026-11-03 change


def clb_all(level, test="clb"):
    return {"test": test, **{a: level for a in ABILITIES}}


GOLDEN = [
    ({"age": 29, "marital_status": "single", "education": "bachelors", "first_language": clb_all(9)}, 379),
    ({"age": 29, "marital_status": "single", "education": "bachelors", "first_language": clb_all(10)}, 391),
    ({"age": 29, "marital_status": "married", "spouse_accompanying": True, "spouse_canadian": False,
      "education": "bachelors", "first_language": clb_all(9)}, 353),
    ({"age": 29, "marital_status": "single", "education": "bachelors", "first_language": clb_all(9),
      "provincial_nomination": True}, 979),
    ({"age": 29, "marital_status": "single", "education": "bachelors", "first_language": clb_all(9),
      "canadian_work_years": 1}, 432),
    ({"age": 29, "marital_status": "single", "education": "masters", "first_language": clb_all(9),
      "foreign_work_years": 3}, 469),
    ({"age": 29, "marital_status": "single", "education": "bachelors", "foreign_work_years": 3,
      "first_language": {"test": "ielts", "listening": 8.5, "reading": 8, "writing": 7.5, "speaking": 7.5}}, 441),
]


@pytest.mark.parametrize("profile,total", GOLDEN)
def test_oracle_matches_published_golden_cases(profile, total):
    assert oracle_crs(profile)["total"] == total


@pytest.mark.parametrize("profile,total", GOLDEN)
def test_engine_matches_published_golden_cases(profile, total):
    assert assess({**profile, "assessed_on": ON})["crs"]["total"] == total


ielts_band = st.sampled_from([x / 2 for x in range(0, 19)])
english = st.one_of(
    st.builds(lambda s, l, r, w: {"test": "ielts", "speaking": s, "listening": l, "reading": r, "writing": w},
              ielts_band, ielts_band, ielts_band, ielts_band),
    st.builds(lambda s, l, r, w: {"test": "celpip", "speaking": s, "listening": l, "reading": r, "writing": w},
              *[st.integers(0, 12)] * 4),
    st.builds(lambda s, l, r, w: {"test": "clb", "speaking": s, "listening": l, "reading": r, "writing": w},
              *[st.integers(0, 12)] * 4),
)
french = st.builds(lambda s, l, r, w: {"test": "nclc", "speaking": s, "listening": l, "reading": r, "writing": w},
                   *[st.integers(0, 12)] * 4)
education = st.sampled_from(["less_than_secondary", "secondary", "one_year", "two_year", "bachelors",
                             "two_or_more", "masters", "doctoral"])


@st.composite
def profiles(draw):
    p = {
        "assessed_on": ON,
        "age": draw(st.integers(17, 50)),
        "marital_status": draw(st.sampled_from(["single", "married", "common_law", "divorced"])),
        "education": draw(education),
        "education_recognized": draw(st.booleans()),
        "canadian_education": draw(st.sampled_from(["none", "one_or_two_year", "three_year_or_more"])),
        "canadian_work_years": draw(st.integers(0, 10)),
        "foreign_work_years": draw(st.integers(0, 10)),
        "certificate_of_qualification": draw(st.booleans()),
        "provincial_nomination": draw(st.booleans()),
        "sibling_in_canada": draw(st.booleans()),
        "job_offer": draw(st.booleans()),
    }
    first_is_french = draw(st.booleans())
    p["first_language"] = draw(french if first_is_french else english)
    if draw(st.booleans()):
        p["second_language"] = draw(english if first_is_french else french)
    if p["marital_status"] in ("married", "common_law"):
        p["spouse_accompanying"] = draw(st.booleans())
        p["spouse_canadian"] = draw(st.booleans())
        p["spouse_education"] = draw(education)
        p["spouse_canadian_work_years"] = draw(st.integers(0, 10))
        if draw(st.booleans()):
            p["spouse_language"] = draw(st.one_of(english, french))
    return p


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_engine_agrees_with_independent_oracle(profile):
    got = assess(profile)["crs"]
    want = oracle_crs(profile)
    assert {k: got[k] for k in want} == want, profile

