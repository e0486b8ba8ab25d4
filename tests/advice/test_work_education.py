"""Work, education, ECA and Canadian study suggestions (points from the published grid, single column)."""
from express_entry.advice import advise
from tests.advice.helpers import BASE, by_change, check_advice, find


def test_eca_for_an_unrecognized_credential():
    # Without an ECA the bachelor's earns nothing: 110 + 124 = 234. With it: +120 core, +25 transferability.
    p = {**BASE, "education_recognized": False}
    adv = advise(p)
    check_advice(p, adv)
    assert adv["total"] == 234
    s = by_change(adv, {"education_recognized": True})
    assert s["gain"] == 145 and s["kind"] == "eca"
    assert "ECA" in s["note"]


def test_when_the_next_year_of_canadian_work_completes():
    # 1 year of Canadian work, 18 months of it in the last 3 years: if all of it is recent and continuing,
    # the second year completes in 6 months. 1 -> 2 years: core 40 -> 53 (+13), bachelor's x 2 years 13 -> 25 (+12).
    p = {**BASE, "canadian_work_years": 1, "canadian_work_months_last_3_years": 18}
    adv = advise(p)
    check_advice(p, adv)
    s = by_change(adv, {"canadian_work_years": 2, "canadian_work_months_last_3_years": 30})
    assert s["gain"] == 25
    assert s["expected_on"] == "2026-12-01"
    assert "6 months" in s["note"]


def test_no_expected_date_when_the_months_do_not_allow_it():
    # 3 years, 36 months in the window: nothing says when the next year completes.
    p = {**BASE, "canadian_work_years": 3, "canadian_work_months_last_3_years": 36}
    adv = advise(p)
    s = find(adv, lambda s: s["kind"] == "canadian_work")
    assert len(s) == 1 and "expected_on" not in s[0]
    assert s[0]["gain"] == 72 - 64  # 3 -> 4 years, single; transferability already in the 2+ column


def test_foreign_work_skips_to_the_year_that_earns_points():
    # 1 year of foreign work with CLB 9: 25 (1-2 years row). Year 2 earns nothing more; year 3 moves to the 50 row.
    p = {**BASE, "foreign_work_years": 1}
    adv = advise(p)
    check_advice(p, adv)
    s = by_change(adv, {"foreign_work_years": 3})
    assert s["gain"] == 25
    assert not find(adv, lambda s: s["change"] == {"foreign_work_years": 2})


def test_canadian_study_raises_a_lower_education_to_match():
    # Secondary school only: a 3-year Canadian credential means at least a bachelor's: 30 -> 120 core (+90),
    # bachelor's x CLB 9+ transferability (+25), Canadian study (+30) = +145.
    p = {**BASE, "education": "secondary"}
    adv = advise(p)
    check_advice(p, adv)
    s = by_change(adv, {"canadian_education": "three_year_or_more", "education": "bachelors"})
    assert s["gain"] == 145


def test_job_offer_is_eligibility_only_under_the_current_rules():
    # No CRS points for a job offer since 2025-03-25; for a trades worker (NOC 72310, 3 years in the trade, CLB 7)
    # with funds and outside Quebec it meets the FSTP job-offer-or-certificate requirement.
    p = {"assessed_on": "2026-06-01", "age": 38, "marital_status": "single", "education": "secondary",
         "first_language": {"test": "ielts", "listening": 6.0, "reading": 6.0, "writing": 6.0, "speaking": 6.0},
         "foreign_work_years": 1, "intends_quebec": False, "settlement_funds": 20000, "family_size": 1,
         "noc_code": "72310", "trade_work_years_last_5": 3}
    adv = advise(p)
    check_advice(p, adv)
    assert not find(adv, lambda s: "job_offer" in s["change"])
    (e,) = [e for e in adv["eligibility"] if e["change"] == {"job_offer": True}]
    assert e["programs"]["fst"]["to"] is True
    assert e["new_total"] == adv["total"]


def test_job_offer_earned_50_points_before_2025_03_25():
    # Under the 2020-10-27 rules a skilled job offer (not NOC major group 00) earned 50 additional points.
    p = {**BASE, "assessed_on": "2024-06-01"}
    adv = advise(p)
    check_advice(p, adv)
    assert adv["total"] == 379
    assert by_change(adv, {"job_offer": True})["gain"] == 50


def test_canadian_study_without_an_eca_counts_only_the_canadian_credential():
    # Foreign master's without an ECA: 110 + 0 + 124 = 234. A Canadian 1-2 year credential counts as a one-year
    # program (90), whose transferability row (13/25) with CLB 9+ gives 25, plus 15 additional: +130.
    # It must not make the foreign master's count.
    p = {**BASE, "education": "masters", "education_recognized": False}
    adv = advise(p)
    check_advice(p, adv)
    assert adv["total"] == 234
    s = by_change(adv, {"canadian_education": "one_or_two_year", "education": "one_year",
                        "education_recognized": True})
    assert s["gain"] == 90 + 25 + 15
