"""Every cell of every CRS table, checked through the engine.

Expected values are typed in from IRCC's published CRS criteria
(https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/check-score/crs-criteria.html)
as transcribed in the project's reference rules (section 1); they are NOT read
from the engine's ruleset files.
"""
import pytest

from express_entry import assess

ON = "2026-06-01"  # 2025-03-25 rules, before the unmodelled 2026-11-03 change
ABILITIES = ("speaking", "listening", "reading", "writing")
SINGLE = {"marital_status": "single"}
WITH_SPOUSE = {"marital_status": "married", "spouse_accompanying": True, "spouse_canadian": False}


def clb(level, test="clb"):
    return {"test": test, **{a: level for a in ABILITIES}}


def factor(result, name):
    found = [f for f in result["crs"]["factors"] if f["factor"] == name]
    assert len(found) == 1, (name, result["crs"]["factors"])
    return found[0]


def run(**fields):
    return assess({"assessed_on": ON, **fields})


# ---------------------------------------------------------------- A. age
AGE = {  # age: (with spouse, without spouse)
    18: (90, 99), 19: (95, 105), 20: (100, 110), 21: (100, 110), 22: (100, 110), 23: (100, 110),
    24: (100, 110), 25: (100, 110), 26: (100, 110), 27: (100, 110), 28: (100, 110), 29: (100, 110),
    30: (95, 105), 31: (90, 99), 32: (85, 94), 33: (80, 88), 34: (75, 83), 35: (70, 77), 36: (65, 72),
    37: (60, 66), 38: (55, 61), 39: (50, 55), 40: (45, 50), 41: (35, 39), 42: (25, 28), 43: (15, 17),
    44: (5, 6),
}
AGE.update({a: (0, 0) for a in (16, 17)})
AGE.update({a: (0, 0) for a in range(45, 101)})


@pytest.mark.parametrize("age", sorted(AGE))
def test_age_every_cell(age):
    with_spouse, single = AGE[age]
    assert factor(run(age=age, **WITH_SPOUSE), "age")["points"] == with_spouse
    assert factor(run(age=age, **SINGLE), "age")["points"] == single


# ---------------------------------------------------------------- A. education
EDUCATION = {
    "less_than_secondary": (0, 0), "secondary": (28, 30), "one_year": (84, 90), "two_year": (91, 98),
    "bachelors": (112, 120), "two_or_more": (119, 128), "masters": (126, 135), "doctoral": (140, 150),
}


@pytest.mark.parametrize("level", sorted(EDUCATION))
def test_education_every_cell(level):
    with_spouse, single = EDUCATION[level]
    assert factor(run(education=level, **WITH_SPOUSE), "education")["points"] == with_spouse
    assert factor(run(education=level, **SINGLE), "education")["points"] == single


@pytest.mark.parametrize("level", sorted(EDUCATION))
def test_unrecognized_foreign_education_earns_nothing(level):
    r = run(education=level, education_recognized=False, first_language=clb(9), canadian_work_years=2, **SINGLE)
    assert factor(r, "education")["points"] == 0
    assert factor(r, "transferability_education")["points"] == 0
    assert any("Educational Credential Assessment" in w for w in r["warnings"])


# ---------------------------------------------------------------- A. first official language
FIRST = {0: (0, 0), 1: (0, 0), 2: (0, 0), 3: (0, 0), 4: (6, 6), 5: (6, 6), 6: (8, 9), 7: (16, 17), 8: (22, 23),
         9: (29, 31), 10: (32, 34), 11: (32, 34), 12: (32, 34)}


@pytest.mark.parametrize("level", sorted(FIRST))
@pytest.mark.parametrize("ability", ABILITIES)
def test_first_language_every_cell(level, ability):
    with_spouse, single = FIRST[level]
    lang = clb(7)
    lang[ability] = level
    assert factor(run(first_language=lang, **WITH_SPOUSE), f"first_language_{ability}")["points"] == with_spouse
    assert factor(run(first_language=lang, **SINGLE), f"first_language_{ability}")["points"] == single


# ---------------------------------------------------------------- A. second official language
SECOND = {0: 0, 1: 0, 2: 0, 3: 0, 4: 0, 5: 1, 6: 1, 7: 3, 8: 3, 9: 6, 10: 6, 11: 6, 12: 6}


@pytest.mark.parametrize("level", sorted(SECOND))
@pytest.mark.parametrize("ability", ABILITIES)
def test_second_language_every_cell(level, ability):
    second = clb(0, "nclc")
    second[ability] = level
    for status in (SINGLE, WITH_SPOUSE):
        r = run(first_language=clb(10), second_language=second, first_language_fixed=True, **status)
        assert factor(r, "second_language")["points"] == SECOND[level]


@pytest.mark.parametrize("level,single,with_spouse", [(9, 24, 22), (10, 24, 22), (7, 12, 12), (5, 4, 4)])
def test_second_language_caps(level, single, with_spouse):
    kw = dict(first_language=clb(10), second_language=clb(level, "nclc"), first_language_fixed=True)
    assert factor(run(**kw, **SINGLE), "second_language")["points"] == single
    assert factor(run(**kw, **WITH_SPOUSE), "second_language")["points"] == with_spouse
    assert factor(run(**kw, **SINGLE), "second_language")["max"] == 24
    assert factor(run(**kw, **WITH_SPOUSE), "second_language")["max"] == 22


# ---------------------------------------------------------------- A. Canadian work experience
CDN = {0: (0, 0), 1: (35, 40), 2: (46, 53), 3: (56, 64), 4: (63, 72), 5: (70, 80), 6: (70, 80), 7: (70, 80),
       8: (70, 80), 9: (70, 80), 10: (70, 80)}


@pytest.mark.parametrize("years", sorted(CDN))
def test_canadian_work_every_cell(years):
    with_spouse, single = CDN[years]
    assert factor(run(canadian_work_years=years, **WITH_SPOUSE), "canadian_work")["points"] == with_spouse
    assert factor(run(canadian_work_years=years, **SINGLE), "canadian_work")["points"] == single


# ---------------------------------------------------------------- B. spouse factors
SPOUSE_EDU = {"less_than_secondary": 0, "secondary": 2, "one_year": 6, "two_year": 7, "bachelors": 8,
              "two_or_more": 9, "masters": 10, "doctoral": 10}
SPOUSE_LANG = {0: 0, 1: 0, 2: 0, 3: 0, 4: 0, 5: 1, 6: 1, 7: 3, 8: 3, 9: 5, 10: 5, 11: 5, 12: 5}
SPOUSE_CDN = {0: 0, 1: 5, 2: 7, 3: 8, 4: 9, 5: 10, 6: 10, 10: 10}


@pytest.mark.parametrize("level", sorted(SPOUSE_EDU))
def test_spouse_education_every_cell(level):
    r = run(spouse_education=level, **WITH_SPOUSE)
    assert factor(r, "spouse_education")["points"] == SPOUSE_EDU[level]
    assert r["crs"]["spouse"] == SPOUSE_EDU[level]


@pytest.mark.parametrize("level", sorted(SPOUSE_LANG))
@pytest.mark.parametrize("ability", ABILITIES)
def test_spouse_language_every_cell(level, ability):
    lang = clb(0)
    lang[ability] = level
    r = run(spouse_language=lang, **WITH_SPOUSE)
    assert factor(r, "spouse_language")["points"] == SPOUSE_LANG[level]


@pytest.mark.parametrize("years", sorted(SPOUSE_CDN))
def test_spouse_canadian_work_every_cell(years):
    r = run(spouse_canadian_work_years=years, **WITH_SPOUSE)
    assert factor(r, "spouse_canadian_work")["points"] == SPOUSE_CDN[years]


def test_spouse_part_maximum_is_40():
    r = run(spouse_education="doctoral", spouse_language=clb(10), spouse_canadian_work_years=5, **WITH_SPOUSE)
    assert r["crs"]["spouse"] == 40


@pytest.mark.parametrize("status", [
    {"marital_status": "married", "spouse_accompanying": False, "spouse_canadian": False},
    {"marital_status": "common_law", "spouse_accompanying": True, "spouse_canadian": True},
    {"marital_status": "single"}, {"marital_status": "divorced"}, {"marital_status": "widowed"},
    {"marital_status": "separated"},
])
def test_spouse_factors_not_scored_when_scored_as_single(status):
    r = run(age=29, spouse_education="doctoral", spouse_language=clb(10), spouse_canadian_work_years=5, **status)
    assert r["crs"]["spouse"] == 0
    assert factor(r, "age")["points"] == 110
    assert r["crs"]["scored_as"] == "single"


# ---------------------------------------------------------------- C. skill transferability
# education row -> (CLB 7+, CLB 9+, 1 yr Cdn, 2+ yrs Cdn)
TR_EDU = {"less_than_secondary": (0, 0, 0, 0), "secondary": (0, 0, 0, 0), "one_year": (13, 25, 13, 25),
          "two_year": (13, 25, 13, 25), "bachelors": (13, 25, 13, 25), "two_or_more": (25, 50, 25, 50),
          "masters": (25, 50, 25, 50), "doctoral": (25, 50, 25, 50)}
# foreign work years -> (CLB 7+, CLB 9+, 1 yr Cdn, 2+ yrs Cdn)
TR_FOR = {0: (0, 0, 0, 0), 1: (13, 25, 13, 25), 2: (13, 25, 13, 25), 3: (25, 50, 25, 50), 4: (25, 50, 25, 50),
          10: (25, 50, 25, 50)}
LANG_BANDS = {6: None, 7: 0, 8: 0, 9: 1, 10: 1}  # first-language level in all four -> column (None: no points)
CDN_BANDS = {0: None, 1: 2, 2: 3, 3: 3, 5: 3}


@pytest.mark.parametrize("level", sorted(TR_EDU))
@pytest.mark.parametrize("lang", sorted(LANG_BANDS))
@pytest.mark.parametrize("cdn", sorted(CDN_BANDS))
def test_transferability_education_every_cell(level, lang, cdn):
    row = TR_EDU[level]
    a = row[LANG_BANDS[lang]] if LANG_BANDS[lang] is not None else 0
    b = row[CDN_BANDS[cdn]] if CDN_BANDS[cdn] is not None else 0
    r = run(education=level, first_language=clb(lang), canadian_work_years=cdn, **SINGLE)
    assert factor(r, "transferability_education")["points"] == min(50, a + b)


@pytest.mark.parametrize("years", sorted(TR_FOR))
@pytest.mark.parametrize("lang", sorted(LANG_BANDS))
@pytest.mark.parametrize("cdn", sorted(CDN_BANDS))
def test_transferability_foreign_work_every_cell(years, lang, cdn):
    row = TR_FOR[years]
    a = row[LANG_BANDS[lang]] if LANG_BANDS[lang] is not None else 0
    b = row[CDN_BANDS[cdn]] if CDN_BANDS[cdn] is not None else 0
    r = run(foreign_work_years=years, first_language=clb(lang), canadian_work_years=cdn, **SINGLE)
    assert factor(r, "transferability_foreign_work")["points"] == min(50, a + b)


def test_transferability_language_band_uses_the_weakest_ability():
    lang = clb(10)
    lang["writing"] = 8  # CLB 7+ band, not 9+
    r = run(education="masters", first_language=lang, **SINGLE)
    assert factor(r, "transferability_education")["points"] == 25
    lang["writing"] = 6  # under CLB 7 in one ability: nothing
    r = run(education="masters", first_language=lang, **SINGLE)
    assert factor(r, "transferability_education")["points"] == 0


COQ = {3: 0, 4: 0, 5: 25, 6: 25, 7: 50, 8: 50, 9: 50, 10: 50}


@pytest.mark.parametrize("level", sorted(COQ))
def test_certificate_of_qualification_every_cell(level):
    r = run(certificate_of_qualification=True, first_language=clb(level), **SINGLE)
    assert factor(r, "transferability_certificate")["points"] == COQ[level]
    r = run(certificate_of_qualification=False, first_language=clb(level), **SINGLE)
    assert factor(r, "transferability_certificate")["points"] == 0


def test_transferability_is_capped_at_100_and_the_breakdown_says_so():
    r = run(education="doctoral", first_language=clb(10), canadian_work_years=2, foreign_work_years=3,
            certificate_of_qualification=True, **SINGLE)
    assert r["crs"]["transferability"] == 100
    assert factor(r, "transferability_education")["points"] == 50
    assert factor(r, "transferability_foreign_work")["points"] == 50
    assert factor(r, "transferability_certificate")["points"] == 50
    assert factor(r, "transferability_cap")["points"] == -50
    assert sum(f["points"] for f in r["crs"]["factors"] if f["part"] == "C") == 100


# ---------------------------------------------------------------- D. additional points
def test_provincial_nomination_600():
    assert factor(run(provincial_nomination=True), "provincial_nomination")["points"] == 600
    assert factor(run(provincial_nomination=False), "provincial_nomination")["points"] == 0


@pytest.mark.parametrize("value,points", [("none", 0), ("one_or_two_year", 15), ("three_year_or_more", 30)])
def test_canadian_education(value, points):
    assert factor(run(canadian_education=value), "canadian_education")["points"] == points


def test_sibling_15():
    assert factor(run(sibling_in_canada=True), "sibling")["points"] == 15
    assert factor(run(sibling_in_canada=False), "sibling")["points"] == 0


@pytest.mark.parametrize("french,english,points", [
    (7, None, 25), (7, 4, 25), (7, 5, 50), (9, 10, 50), (6, 10, 0), (12, 3, 25), (8, 6, 50),
])
def test_french_bonus(french, english, points):
    fields = {"first_language": clb(french, "nclc")}
    if english is not None:
        fields["second_language"] = clb(english)
    assert factor(run(**fields), "french")["points"] == points


def test_french_bonus_needs_all_four_french_abilities_at_nclc_7():
    fr = clb(9, "nclc")
    fr["speaking"] = 6
    assert factor(run(first_language=fr, second_language=clb(9)), "french")["points"] == 0


def test_french_bonus_mixed_english_gives_25():
    en = clb(9)
    en["reading"] = 4
    assert factor(run(first_language=clb(8, "nclc"), second_language=en), "french")["points"] == 25


def test_job_offer_earns_nothing_since_2025_03_25():
    r = run(job_offer=True, job_offer_noc_code="00012")
    assert factor(r, "job_offer")["points"] == 0
    assert r["crs"]["additional"] == 0


def test_additional_points_capped_at_600():
    r = run(provincial_nomination=True, sibling_in_canada=True, canadian_education="three_year_or_more",
            first_language=clb(9, "nclc"), second_language=clb(9))
    assert r["crs"]["additional"] == 600
    assert sum(f["points"] for f in r["crs"]["factors"] if f["part"] == "D") == 600


def test_parts_add_up_and_maxima():
    r = run(age=25, education="doctoral", first_language=clb(12), second_language=clb(12, "nclc"),
            canadian_work_years=10, foreign_work_years=10, certificate_of_qualification=True,
            provincial_nomination=True, first_language_fixed=True, **SINGLE)
    crs = r["crs"]
    assert crs["core"] == 500
    assert crs["transferability"] == 100
    assert crs["additional"] == 600
    assert crs["total"] == 1200
    for part, key in (("A", "core"), ("B", "spouse"), ("C", "transferability"), ("D", "additional")):
        assert sum(f["points"] for f in crs["factors"] if f["part"] == part) == crs[key]


def test_maximum_with_spouse():
    r = run(age=25, education="doctoral", first_language=clb(12), second_language=clb(12, "nclc"),
            canadian_work_years=10, spouse_education="doctoral", spouse_language=clb(12),
            spouse_canadian_work_years=10, first_language_fixed=True, **WITH_SPOUSE)
    assert r["crs"]["core"] == 460
    assert r["crs"]["spouse"] == 40
