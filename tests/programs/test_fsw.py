"""Federal Skilled Worker Program: 1 year of skilled work, CLB 7 in all four abilities, education with
an ECA, the 67/100 selection grid, proof of funds (job-offer exemption), outside Quebec."""
import pytest

from .conftest import BASE, ON, clb, evaluate, nclc, program, with_


def fsw(profile, extra=None):
    return program(profile, "fsw", extra)


def test_eligible_base_case_68_points():
    r = fsw(BASE)
    assert r["eligible"] is True
    assert r["grid_points"] == 68
    assert r["reasons"] == [] and r["fixes"] == [] and r["missing"] == []
    assert r["first_official_language"] == "english"
    assert any("continuous" in n for n in r["notes"])  # the continuity assumption is stated


def test_grid_66_fails_with_points_needed():
    # 16 (CLB 7) + 21 + 11 + 12 = 60; + 4 (French NCLC 5) = 64 -> below 67
    r = fsw(with_(first_language=clb(7), second_language=nclc(5)))
    assert r["grid_points"] == 64
    assert r["eligible"] is False
    assert r["checks"]["selection_grid"] is False
    i = next(i for i, t in enumerate(r["reasons"]) if "grid" in t)
    assert "64" in r["reasons"][i] and "67" in r["reasons"][i]
    assert "3 more grid points" in r["fixes"][i]


def test_exactly_67_passes():
    # CLB 8 x 4 = 20, two or more credentials 22, 2 years 11, age 36 11 -> 64
    p = with_(first_language=clb(8), education="two_or_more", foreign_work_years=2, age=36)  # 20+22+11+11 = 64
    assert fsw(p)["grid_points"] == 64
    p67 = with_(p, second_language=nclc(5), age=37)  # 20+22+11+10+4 = 67
    r = fsw(p67)
    assert r["grid_points"] == 67 and r["checks"]["selection_grid"] is True and r["eligible"] is True
    r66 = fsw(with_(p67, age=38))  # 66
    assert r66["grid_points"] == 66 and r66["eligible"] is False


def test_unknown_age_makes_the_grid_undecided():
    p = with_(age=None)  # 56 without age, 68 with the best age
    r = fsw(p)
    assert r["eligible"] is None
    assert r["grid_points"] is None
    assert (r["grid_points_min"], r["grid_points_max"]) == (56, 68)
    assert r["missing"] == ["age"]
    assert r["grid"]["age"]["points"] is None


def test_unknown_field_that_cannot_change_the_answer_is_not_missing():
    # 83 points without the adaptability items that are unknown
    p = with_(job_offer=True, relative_in_canada=None, canadian_study_2_years=None)
    r = fsw(p)
    assert r["eligible"] is True and r["missing"] == []
    assert r["grid_points"] is not None or r["grid_points_min"] >= 67


def test_unknown_grid_but_already_failing_elsewhere():
    r = fsw(with_(age=None, intends_quebec=True))
    assert r["eligible"] is False and r["missing"] == []


@pytest.mark.parametrize("lang", [clb(6, 9, 9, 9), clb(9, 9, 9, 6), clb(6)])
def test_clb7_all_four(lang):
    r = fsw(with_(first_language=lang))
    assert r["eligible"] is False
    assert r["checks"]["language"] is False
    assert any("CLB 7" in t for t in r["reasons"])


def test_french_only_meets_clb7_then_french_is_first_for_fsw():
    # English kept first (first_language_fixed): the CRS uses English, the FSW can only use French
    p = with_(first_language=clb(10, 10, 10, 6), second_language=nclc(7), first_language_fixed=True)
    programs, missing, warnings = evaluate(p)
    r = programs["fsw"]
    assert r["checks"]["language"] is True
    assert r["first_official_language"] == "french"
    assert r["grid"]["language_first"]["points"] == 16      # NCLC 7 x 4
    assert r["grid"]["language_second"]["points"] == 4      # English CLB 5+ in all four
    assert any("first official language" in w for w in warnings)


@pytest.mark.parametrize("edu,rec,ok", [("secondary", True, True), ("less_than_secondary", True, False),
                                        ("masters", False, False)])
def test_education_requirement(edu, rec, ok):
    p = with_(education=edu, education_recognized=rec, job_offer=True, canadian_study_2_years=True)
    r = fsw(p)
    assert r["checks"]["education"] is ok
    if not rec:
        assert any("ECA" in t for t in r["reasons"])


def test_education_unknown():
    r = fsw(with_(education=None, job_offer=True))
    assert r["checks"]["education"] is None
    assert r["eligible"] is None and "education" in r["missing"]


@pytest.mark.parametrize("cdn,foreign,ok", [(0, 1, True), (1, 0, True), (0, 0, False)])
def test_one_year_of_skilled_work(cdn, foreign, ok):
    p = with_(canadian_work_years=cdn, canadian_work_months_last_3_years=12 * cdn, foreign_work_years=foreign,
              job_offer=True, relative_in_canada=True)
    r = fsw(p)
    assert r["checks"]["skilled_work"] is ok


def test_recent_canadian_months_show_a_year_of_work():
    r = fsw(with_(canadian_work_years=None, canadian_work_months_last_3_years=12, foreign_work_years=0))
    assert r["checks"]["skilled_work"] is True


def test_work_unknown():
    r = fsw(with_(canadian_work_years=None, canadian_work_months_last_3_years=None, foreign_work_years=None))
    assert r["checks"]["skilled_work"] is None
    assert "foreign_work_years" in r["missing"] and "canadian_work_years" in r["missing"]


def test_quebec():
    assert fsw(with_(intends_quebec=True))["eligible"] is False
    r = fsw(with_(intends_quebec=None))
    assert r["eligible"] is None and r["missing"] == ["intends_quebec"]


def test_unskilled_occupation():
    r = fsw(with_(noc_code="75110"))
    assert r["eligible"] is False and r["checks"]["skilled_occupation"] is False


@pytest.mark.parametrize("work", [{"foreign_work_years": 3}, {"foreign_work_years": 0, "canadian_work_years": 1,
                                                              "canadian_work_months_last_3_years": 12}])
def test_skilled_work_years_decide_the_occupation_without_a_noc_code(work):
    # the contract defines canadian_work_years / foreign_work_years as skilled (TEER 0-3) work
    r = fsw(with_(noc_code=None, **work))
    assert r["checks"]["skilled_occupation"] is True
    assert r["eligible"] is True and "noc_code" not in r["missing"]


def test_no_skilled_work_and_no_occupation_fails_on_the_work():
    r = fsw(with_(noc_code=None, foreign_work_years=0))
    assert r["eligible"] is False and r["checks"]["skilled_work"] is False


# ---------------------------------------------------------------- proof of funds

def test_funds_short_fails_with_amounts():
    r = fsw(with_(settlement_funds=10000))
    assert r["eligible"] is False
    i = r["reasons"].index(next(t for t in r["reasons"] if "CAD" in t))
    assert "15,263" in r["reasons"][i] and "10,000" in r["reasons"][i]
    assert "5,263" in r["fixes"][i] and "job offer" in r["fixes"][i]


def test_family_size_counts_spouse_even_if_canadian():
    p = with_(marital_status="married", spouse_accompanying=False, spouse_canadian=True, family_size=2,
              settlement_funds=15263)
    r = fsw(p)
    assert r["funds"]["required"] == 19001 and r["checks"]["proof_of_funds"] is False


def test_funds_unknown():
    r = fsw(with_(settlement_funds=None))
    assert r["eligible"] is None and r["missing"] == ["settlement_funds"]


def test_family_size_unknown_decided_when_funds_are_enough_for_any_family():
    # 20 members in the 2025 table: 40,392 + 13 x 4,112 = 93,848
    assert fsw(with_(family_size=None, settlement_funds=93848))["checks"]["proof_of_funds"] is True
    r = fsw(with_(family_size=None, settlement_funds=20000))
    assert r["checks"]["proof_of_funds"] is None and r["missing"] == ["family_size"]
    assert fsw(with_(family_size=None, settlement_funds=15000))["checks"]["proof_of_funds"] is False


def test_married_family_is_at_least_two():
    p = with_(marital_status="married", spouse_accompanying=True, spouse_canadian=False, family_size=None,
              settlement_funds=18000)  # enough for 1, not for 2 (19,001)
    assert fsw(p)["checks"]["proof_of_funds"] is False


def test_job_offer_without_work_authorization_is_not_an_exemption():
    r = fsw(with_(settlement_funds=0, job_offer=True, authorized_to_work_in_canada=False))
    assert r["checks"]["proof_of_funds"] is False
    assert r["funds"]["exempt"] is False
    assert any("authorized to work in Canada" in f for f in r["fixes"])


def test_job_offer_exemption():
    p = with_(settlement_funds=0, job_offer=True)
    r = fsw(p, extra={"authorized_to_work_in_canada": True})
    assert r["checks"]["proof_of_funds"] is True and r["funds"]["exempt"] is True
    assert r["eligible"] is True
    r = fsw(p, extra={"authorized_to_work_in_canada": False})
    assert r["checks"]["proof_of_funds"] is False
    r = fsw(p)  # authorization unknown
    assert r["checks"]["proof_of_funds"] is None and r["missing"] == ["authorized_to_work_in_canada"]
    # without a job offer, authorization alone does not exempt
    r = fsw(with_(settlement_funds=0), extra={"authorized_to_work_in_canada": True})
    assert r["checks"]["proof_of_funds"] is False


def test_grid_advice_suggests_an_eca_when_the_credential_has_none():
    r = fsw(with_(education="masters", education_recognized=False))  # 24 + 0 + 11 + 12 = 47
    assert r["grid_points"] == 47
    fix = r["fixes"][r["reasons"].index(next(t for t in r["reasons"] if "grid" in t))]
    assert "Educational Credential Assessment" in fix and "20 more grid points" in fix


def test_an_unknown_marital_status_asks_for_it_not_for_the_partner_work_given():
    """With the marital status unknown the partner's adaptability items are undecided: what would decide them is the
    marital status, not the partner's Canadian work already given (it was listed as missing too)."""
    r = fsw(with_(marital_status=None, spouse_canadian_work_years=1, first_language=clb(7)))
    assert r["grid_points_min"] < 67 <= r["grid_points_max"] and r["eligible"] is None
    assert "marital_status" in r["missing"]
    assert "spouse_canadian_work_years" not in r["missing"]
