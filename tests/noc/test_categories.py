"""Category-based selection.

Expectations are written from express_entry/data/categories/CATEGORIES_SOURCE.md ("What is in force") and
IRCC's announcements it cites: 2025 rule 6 months continuous; 2026 rule 12 months (need not be continuous)
from the 18 Feb 2026 announcement; French NCLC 7 in all four abilities; Cooks (63200) in 2025 trades but
not 2026; Butchers (63201) in 2025 agriculture and 2026 trades; Transport 2026 = 22313, 72404, 72410, 72600;
Physicians 31100-31102, Senior managers 00012-00015, Researchers 41200-41201 need the months IN CANADA;
Skilled military recruits 40042, 42102, 43204.
"""
import pytest

from express_entry.categories import (CategoryError, categories_for, categories_from_profile, category_report,
                                      year_in_force, years)
from express_entry.profile import ProfileError

ON_2026 = "2026-11-28"
ON_2025 = "2025-06-01"


def by_id(results):
    return {r["id"]: r for r in results}


def status(results, cid):
    return by_id(results)[cid]["status"]


def test_years_and_category_sets():
    assert years() == [2025, 2026]
    ids_2025 = {r["id"] for r in categories_for(on=ON_2025)}
    assert ids_2025 == {"french-2025", "healthcare-social-services-2025", "stem-2025", "trades-2025",
                        "agriculture-agri-food-2025", "education-2025"}
    ids_2026 = {r["id"] for r in categories_for(on=ON_2026)}
    assert ids_2026 == {"french-2026", "healthcare-social-services-2026", "stem-2026", "trades-2026",
                        "education-2026", "transport-2026", "physicians-canadian-experience-2026",
                        "senior-managers-canadian-experience-2026", "researchers-canadian-experience-2026",
                        "skilled-military-recruits-2026"}


@pytest.mark.parametrize("on, year", [
    ("2025-03-01", 2025), (ON_2025, 2025), ("2025-12-31", 2025),
    ("2026-01-15", 2025),   # before the 18 Feb 2026 announcement the 2025 lists and 6-month rule still applied
    ("2026-02-17", 2025), ("2026-02-18", 2026), (ON_2026, 2026),
])
def test_year_by_date(on, year):
    assert year_in_force(on)["year"] == year
    assert all(r["year"] == year for r in categories_for(on=on))


def test_2026_effective_from_the_announcement():
    assert year_in_force("2026-05-01")["effective_from"] == "2026-02-18"


def test_later_year_uses_latest_lists_with_a_warning():
    info = year_in_force("2027-05-01")
    assert info["year"] == 2026
    assert any("2027" in w for w in info["warnings"])


def test_before_the_data_is_refused():
    with pytest.raises(CategoryError) as e:
        categories_for(on="2024-06-01")
    assert e.value.field == "on"


def test_explicit_year():
    assert {r["year"] for r in categories_for(year=2025, on=ON_2026)} == {2025}
    with pytest.raises(CategoryError) as e:
        categories_for(year=2024)
    assert e.value.field == "year" and "2025" in e.value.accepted


# --- occupation categories ---------------------------------------------------------------------------

def test_nurse_with_14_months_fits_healthcare_2026():
    res = categories_for(noc_code="31301", work_months=14, on=ON_2026)
    assert status(res, "healthcare-social-services-2026") == "fits"
    assert status(res, "stem-2026") == "does_not_fit"
    assert status(res, "french-2026") == "unknown"
    assert by_id(res)["french-2026"]["missing"] == ["french_nclc"]


@pytest.mark.parametrize("months, expected", [(12, "fits"), (11.5, "partially_fits"), (8, "partially_fits"),
                                              (0, "partially_fits"), (36, "fits")])
def test_2026_twelve_month_rule(months, expected):
    res = categories_for(noc_code="31301", work_months=months, on=ON_2026)
    assert status(res, "healthcare-social-services-2026") == expected


def test_partial_says_how_many_months_are_missing():
    r = by_id(categories_for(noc_code="31301", work_months=8, on=ON_2026))["healthcare-social-services-2026"]
    assert r["occupation_listed"] is True
    assert "4 more months" in r["explanation"]


@pytest.mark.parametrize("months, expected", [(6, "fits"), (5, "partially_fits"), (8, "fits")])
def test_2025_six_month_rule(months, expected):
    res = categories_for(noc_code="31301", work_months=months, on=ON_2025)
    r = by_id(res)["healthcare-social-services-2025"]
    assert r["status"] == expected
    assert r["min_months"] == 6 and r["continuous_required"] is True
    if expected == "fits":
        assert "continuous" in r["checks"][-1]["detail"]


def test_cooks_in_2025_trades_not_2026():
    assert status(categories_for(noc_code="63200", work_months=14, on=ON_2025), "trades-2025") == "fits"
    res_2026 = categories_for(noc_code="63200", work_months=14, on=ON_2026)
    assert status(res_2026, "trades-2026") == "does_not_fit"
    assert all(r["status"] != "fits" for r in res_2026 if r["kind"] == "occupation")


def test_butchers_moved_from_agriculture_to_trades():
    res_2025 = categories_for(noc_code="63201", work_months=12, on=ON_2025)
    assert status(res_2025, "agriculture-agri-food-2025") == "fits"
    assert status(res_2025, "trades-2025") == "does_not_fit"
    res_2026 = categories_for(noc_code="63201", work_months=12, on=ON_2026)
    assert status(res_2026, "trades-2026") == "fits"
    assert "agriculture-agri-food-2026" not in by_id(res_2026)


@pytest.mark.parametrize("code", ["22313", "72404", "72410", "72600"])
def test_transport_2026(code):
    assert status(categories_for(noc_code=code, work_months=12, on=ON_2026), "transport-2026") == "fits"


def test_no_transport_category_in_2025():
    assert not any("transport" in r["id"] for r in categories_for(noc_code="72410", work_months=12, on=ON_2025))


def test_software_engineers_fit_no_occupation_category():
    for on in (ON_2025, ON_2026):
        res = categories_for(noc_code="21231", work_months=30, on=on)
        assert all(r["status"] == "does_not_fit" for r in res if r["kind"] != "language")


def test_not_listed_has_nothing_missing():
    r = by_id(categories_for(noc_code="21231", on=ON_2026))["stem-2026"]
    assert r["status"] == "does_not_fit" and r["missing"] == []


def test_unknown_occupation_and_months():
    r = by_id(categories_for(on=ON_2026))["trades-2026"]
    assert r["status"] == "unknown"
    assert set(r["missing"]) == {"noc_code", "work_months"}


def test_listed_occupation_without_months_is_unknown():
    r = by_id(categories_for(noc_code="72200", on=ON_2026))["trades-2026"]
    assert r["status"] == "unknown" and r["missing"] == ["work_months"] and r["occupation_listed"] is True


# --- "with Canadian work experience" ---------------------------------------------------------------

def test_physician_needs_months_in_canada():
    res = categories_for(noc_code="31102", work_months=20, canadian_work_months=12, on=ON_2026)
    assert status(res, "physicians-canadian-experience-2026") == "fits"
    assert status(res, "healthcare-social-services-2026") == "fits"
    res = categories_for(noc_code="31102", work_months=20, canadian_work_months=6, on=ON_2026)
    assert status(res, "physicians-canadian-experience-2026") == "partially_fits"
    assert status(res, "healthcare-social-services-2026") == "fits"   # abroad counts there


def test_physician_months_in_canada_unknown():
    r = by_id(categories_for(noc_code="31100", work_months=20, on=ON_2026))["physicians-canadian-experience-2026"]
    assert r["status"] == "unknown" and r["missing"] == ["canadian_work_months"]


def test_too_few_months_in_all_means_too_few_in_canada():
    r = by_id(categories_for(noc_code="31101", work_months=6, on=ON_2026))["physicians-canadian-experience-2026"]
    assert r["status"] == "partially_fits"


def test_canadian_months_alone_count_for_canada_or_abroad_categories():
    res = categories_for(noc_code="31301", canadian_work_months=13, on=ON_2026)
    assert status(res, "healthcare-social-services-2026") == "fits"


@pytest.mark.parametrize("code", ["00012", "00013", "00014", "00015"])
def test_senior_managers(code):
    res = categories_for(noc_code=code, work_months=12, canadian_work_months=12, on=ON_2026)
    assert status(res, "senior-managers-canadian-experience-2026") == "fits"


def test_researchers():
    res = categories_for(noc_code="41200", work_months=24, canadian_work_months=24, on=ON_2026)
    assert status(res, "researchers-canadian-experience-2026") == "fits"
    assert status(res, "education-2026") == "does_not_fit"
    assert status(categories_for(noc_code="41201", canadian_work_months=11, work_months=11, on=ON_2026),
                  "researchers-canadian-experience-2026") == "partially_fits"


def test_military_recruits_conditions_not_checked():
    r = by_id(categories_for(noc_code="43204", work_months=36, on=ON_2026))["skilled-military-recruits-2026"]
    assert r["status"] == "unknown" and r["occupation_listed"] is True
    assert status(categories_for(noc_code="21231", on=ON_2026), "skilled-military-recruits-2026") == "does_not_fit"


# --- French ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("nclc, expected", [
    ([7, 7, 7, 7], "fits"), (9, "fits"), ([7, 7, 7, 6], "partially_fits"), ([6, 6, 6, 6], "does_not_fit"),
    ({"speaking": 8, "listening": 7, "reading": 7, "writing": 7}, "fits"),
    ({"speaking": 7}, "unknown"),
])
def test_french_nclc_7_in_all_four(nclc, expected):
    for on, cid in ((ON_2025, "french-2025"), (ON_2026, "french-2026")):
        assert status(categories_for(french_nclc=nclc, on=on), cid) == expected


def test_french_shortfall_is_named():
    r = by_id(categories_for(french_nclc=[7, 7, 7, 6], on=ON_2026))["french-2026"]
    assert "writing NCLC 6" in r["explanation"]


def test_french_test_result_goes_through_the_engine():
    # TEF Canada taken after 2023-12-11 (0-699 scale): 600 is above the NCLC 10 band in all four abilities
    # on IRCC's equivalency chart; 200 is below NCLC 4.
    high = {"test": "tef", "speaking": 600, "listening": 600, "reading": 600, "writing": 600,
            "taken_on": "2026-03-01"}
    assert status(categories_for(french_nclc=high, on=ON_2026), "french-2026") == "fits"
    low = {"test": "tef", "speaking": 200, "listening": 200, "reading": 200, "writing": 200,
           "taken_on": "2026-03-01"}
    assert status(categories_for(french_nclc=low, on=ON_2026), "french-2026") == "does_not_fit"
    low = {"test": "tcf", "speaking": 2, "listening": 100, "reading": 100, "writing": 2}
    assert status(categories_for(french_nclc=low, on=ON_2026), "french-2026") == "does_not_fit"


def test_expired_french_result_does_not_count():
    old = {"test": "nclc", "speaking": 9, "listening": 9, "reading": 9, "writing": 9, "taken_on": "2022-01-10"}
    r = by_id(categories_for(french_nclc=old, on=ON_2026))["french-2026"]
    assert r["status"] == "does_not_fit"
    assert "expired" in r["explanation"]


# --- output, sources ------------------------------------------------------------------------------------

def test_every_category_has_rule_sources_and_date():
    for on in (ON_2025, ON_2026):
        for r in categories_for(noc_code="31301", work_months=12, on=on):
            assert r["rule"] and r["data_as_of"] == "2026-11-28"
            assert r["sources"] and all(s["id"].startswith("S") for s in r["sources"])
            assert r["status"] in ("fits", "partially_fits", "does_not_fit", "unknown")
            assert r["explanation"]


def test_2026_cites_the_official_page():
    r = by_id(categories_for(on=ON_2026))["healthcare-social-services-2026"]
    assert any(s.get("url", "").startswith("https://www.canada.ca/") and "category-based-selection" in s["url"]
               for s in r["sources"])


def test_report_context():
    rep = category_report(noc_code="72200", work_months=12, on=ON_2026)
    assert rep["year"] == 2026 and rep["occupation"]["code"] == "72200" and rep["occupation"]["teer"] == 2
    assert rep["fits"] == ["trades-2026"]
    assert "FSWP, CEC or FSTP" in rep["general_requirements"]


# --- bad input ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, field", [
    ({"noc_code": "1234"}, "noc_code"),
    ({"noc_code": 31301}, "noc_code"),
    ({"noc_code": "99999"}, "noc_code"),
    ({"work_months": -1}, "work_months"),
    ({"work_months": 37}, "work_months"),
    ({"work_months": "12"}, "work_months"),
    ({"work_months": True}, "work_months"),
    ({"work_months": float("nan")}, "work_months"),
    ({"canadian_work_months": 40}, "canadian_work_months"),
    ({"work_months": 6, "canadian_work_months": 12}, "canadian_work_months"),
    ({"french_nclc": [7, 7]}, "french_nclc"),
    ({"french_nclc": 13}, "french_nclc.speaking"),
    ({"french_nclc": "7"}, "french_nclc"),
    ({"french_nclc": {"talking": 7}}, "french_nclc.talking"),
    ({"french_nclc": {"test": "ielts", "speaking": 7}}, "french_nclc.test"),
    ({"french_nclc": {"test": "tef", "speaking": 900}}, "french_nclc.speaking"),
    ({"on": "2026-02-30"}, "on"),
    ({"on": 2026}, "on"),
    ({"year": "2026"}, "year"),
])
def test_bad_input_names_the_field(kwargs, field):
    with pytest.raises(ProfileError) as e:
        categories_for(**kwargs)
    assert e.value.field == field
    assert e.value.accepted


# --- from a contract profile ------------------------------------------------------------------------

def test_from_profile():
    profile = {"assessed_on": ON_2026, "noc_code": "31102", "canadian_work_months_last_3_years": 24,
               "first_language": {"test": "ielts", "speaking": 7, "listening": 8, "reading": 7, "writing": 7},
               "second_language": {"test": "nclc", "speaking": 7, "listening": 7, "reading": 7, "writing": 7}}
    rep = categories_from_profile(profile)
    res = by_id(rep["categories"])
    assert res["physicians-canadian-experience-2026"]["status"] == "fits"
    assert res["healthcare-social-services-2026"]["status"] == "fits"
    assert res["french-2026"]["status"] == "fits"
    assert any("Assumed" in w for w in rep["warnings"])


def test_year_without_a_start_date_in_the_data_says_so(monkeypatch):
    import copy

    from express_entry import categories

    data = copy.deepcopy(categories.load_categories())
    data.pop("years", None)
    monkeypatch.setattr(categories, "load_categories", lambda: data)
    info = year_in_force("2025-02-01")
    assert info["year"] == 2025 and info["effective_from"] == "2025-01-01"
    assert any("no start date" in w for w in info["warnings"])


def test_shipped_data_dates_each_years_lists_from_their_announcement():
    assert year_in_force("2025-02-27")["effective_from"] == "2025-02-27"
    assert year_in_force("2026-02-17")["year"] == 2025
    info = year_in_force("2026-02-18")
    assert info["year"] == 2026 and info["warnings"] == []


def test_explicit_effective_date_in_the_data_takes_precedence(monkeypatch):
    import copy

    from express_entry import categories

    data = copy.deepcopy(categories.load_categories())
    data["years"] = {"2025": {"effective_from": "2025-02-27"}}
    monkeypatch.setattr(categories, "load_categories", lambda: data)
    info = year_in_force("2025-03-01")
    assert info["effective_from"] == "2025-02-27" and info["warnings"] == []
    with pytest.raises(CategoryError):
        year_in_force("2025-02-26")


def test_every_category_of_the_data_has_a_name_in_each_language():
    """The data file is IRCC's English list; the other languages name a category by its type of round (the labels'
    round_types, the same names the draws use): every category id of the data has one."""
    from express_entry import concepts
    from express_entry.categories import category_name, load_categories, round_type
    from express_entry.vocabulary import UI_LANGUAGES

    cats = load_categories()["categories"]
    for language in UI_LANGUAGES:
        names = concepts.words("round_types", language)
        assert [c["id"] for c in cats if round_type(c["id"]) not in names] == [], language
    assert category_name(by_id(cats)["stem-2026"]) == "Science, Technology, Engineering and Math (STEM) occupations"
    assert category_name(by_id(cats)["stem-2026"], "fr") == concepts.words("round_types", "fr")["stem"]


def test_a_french_report_names_the_categories_in_french():
    from express_entry import concepts

    fr = category_report(noc_code="31301", work_months=12, on=ON_2026, language="fr")["categories"]
    en = category_report(noc_code="31301", work_months=12, on=ON_2026)["categories"]
    assert [c["id"] for c in fr] == [c["id"] for c in en]
    french = {c["id"]: c["name"] for c in fr}
    assert french["healthcare-social-services-2026"] == "Professions des soins de santé et des services sociaux"
    assert french["french-2026"] == "Compétence linguistique en français"
    assert set(french.values()) <= set(concepts.words("round_types", "fr").values())
    assert by_id(en)["french-2026"]["name"] == "French-language proficiency"
