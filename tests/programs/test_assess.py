"""Program eligibility through express_entry.assess (the public API)."""
from hypothesis import HealthCheck, given, settings

from express_entry import assess

from .conftest import BASE, ON, clb, nclc, with_
from .test_properties import check_shape, full_profiles


def run(profile):
    return assess({"assessed_on": ON, **profile})


def test_assess_carries_the_program_results():
    out = run(BASE)
    progs = out["programs"]
    assert set(progs) == {"cec", "fsw", "fst"}
    assert progs["fsw"]["eligible"] is True and progs["fsw"]["grid_points"] == 68
    assert progs["cec"]["eligible"] is False and progs["fst"]["eligible"] is False
    assert out["crs"]["total"] > 0
    for pid in ("cec", "fsw", "fst"):
        assert len(progs[pid]["fixes"]) == len(progs[pid]["reasons"])


def test_golden_crs_case_441_is_fsw_eligible():
    # the golden case: single, 29, bachelor's, IELTS L8.5 R8 W7.5 S7.5, 3+ years foreign = CRS 441.
    # FSW grid: IELTS -> CLB 10 10 10 10 (6 x 4 = 24) + bachelor's 21 + 3 years 11 + age 12 = 68
    ielts = {"test": "ielts", "listening": 8.5, "reading": 8, "writing": 7.5, "speaking": 7.5}
    out = run(with_(first_language=ielts))
    assert out["crs"]["total"] == 441
    fsw = out["programs"]["fsw"]
    assert fsw["grid"]["language_first"]["points"] == 24
    assert fsw["grid_points"] == 68 and fsw["eligible"] is True


def test_missing_fields_of_programs_are_in_the_assessment():
    out = run(with_(intends_quebec=None, settlement_funds=None))
    assert "intends_quebec" in out["missing"] and "settlement_funds" in out["missing"]
    assert out["programs"]["fsw"]["eligible"] is None


def test_partial_language_missing_paths_agree_with_the_crs():
    out = run(with_(first_language={"test": "clb", "speaking": 9, "listening": 9}))
    assert "first_language.reading" in out["missing"] and "first_language.writing" in out["missing"]
    assert out["programs"]["cec"]["missing"] == [] or "first_language.reading" in out["programs"]["cec"]["missing"]


def test_fsw_needs_french_first_while_the_crs_prefers_english():
    out = run(with_(first_language=clb(12, 12, 12, 6), second_language=nclc(7), education="secondary",
                    foreign_work_years=1))
    assert out["first_language_choice"]["first"] == "english"
    fsw = out["programs"]["fsw"]
    assert fsw["checks"]["language"] is True and fsw["first_official_language"] == "french"
    assert any("first official language" in w and "FSW" in w for w in out["warnings"])


def test_quebec_makes_every_program_ineligible():
    out = run(with_(intends_quebec=True, canadian_work_years=1, canadian_work_months_last_3_years=12,
                    noc_code="72200", trade_work_years_last_5=2, certificate_of_qualification=True))
    for pid in ("cec", "fsw", "fst"):
        assert out["programs"][pid]["eligible"] is False
        assert any("Quebec" in t for t in out["programs"][pid]["reasons"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(full_profiles())
def test_reasons_empty_exactly_when_eligible_through_assess(profile):
    out = assess(profile)
    check_shape(out["programs"], out["missing"], profile)


def test_output_is_plain_json():
    import json

    out = run(with_(age=None, first_language={"test": "ielts", "speaking": 6.5, "listening": 5.5}))
    assert json.loads(json.dumps(out["programs"])) == out["programs"]


def test_teer_field_that_contradicts_the_noc_code_is_refused():
    import pytest

    from express_entry import ProfileError

    with pytest.raises(ProfileError) as e:
        run(with_(teer=3))  # NOC 21231 is TEER 1
    assert e.value.field == "teer" and "1" in e.value.accepted and "21231" in str(e.value)
    assert run(with_(teer=1))["programs"]["fsw"]["eligible"] is True


# ---------------------------------------------------------------- extension fields through assess()

def test_funds_exemption_with_job_offer_and_work_authorization():
    # canada.ca: no proof of funds if you are authorized to work in Canada now and have a valid job offer
    p = with_(settlement_funds=0, job_offer=True)
    out = run({**p, "authorized_to_work_in_canada": True})
    for pid in ("fsw", "fst"):
        assert out["programs"][pid]["funds"]["exempt"] is True
        assert out["programs"][pid]["checks"]["proof_of_funds"] is True
    assert out["programs"]["fsw"]["eligible"] is True
    out = run({**p, "authorized_to_work_in_canada": False})
    assert out["programs"]["fsw"]["checks"]["proof_of_funds"] is False
    assert out["programs"]["fsw"]["eligible"] is False
    out = run(p)  # authorization unknown: undecided, and asked for
    assert out["programs"]["fsw"]["checks"]["proof_of_funds"] is None
    assert out["programs"]["fsw"]["eligible"] is None
    assert "authorized_to_work_in_canada" in out["missing"]


def test_spouse_canadian_study_earns_fsw_adaptability_points():
    married = with_(marital_status="married", spouse_accompanying=True, spouse_canadian=False,
                    spouse_canadian_work_years=0, spouse_canadian_work_1_year=False, family_size=2)
    out = run({**married, "spouse_canadian_study_2_years": True})
    adapt = out["programs"]["fsw"]["grid"]["adaptability"]
    assert adapt["items"]["spouse_canadian_study"] == 5 and adapt["points"] == 5
    assert out["programs"]["fsw"]["grid_points"] == 68 + 5
    out = run({**married, "spouse_canadian_study_2_years": False})
    assert out["programs"]["fsw"]["grid"]["adaptability"]["points"] == 0
    # only for an accompanying spouse who is not a Canadian citizen or PR
    out = run({**married, "spouse_canadian": True, "spouse_canadian_study_2_years": True})
    assert out["programs"]["fsw"]["grid"]["adaptability"]["items"]["spouse_canadian_study"] == 0


def test_extension_fields_are_validated():
    import pytest

    from express_entry import ProfileError

    for field in ("authorized_to_work_in_canada", "spouse_canadian_study_2_years", "spouse_canadian_work_1_year"):
        with pytest.raises(ProfileError) as e:
            run({**BASE, field: "yes"})
        assert e.value.field == field and "true or false" in e.value.accepted


# ---------------------------------------------------------------- one first-language decision

def test_lone_second_language_is_the_first_official_language_for_crs_and_programs():
    # only a French result, given as second_language: the CRS scores it as the first official language
    p = with_(first_language=None, second_language=nclc(9))
    out = run(p)
    assert out["first_language_choice"]["first"] == "french"
    assert out["first_language_choice"]["from"] == "second_language"
    assert "first_language" not in out["missing"]
    # same as giving it as first_language. Single, 29, bachelor's, NCLC 9 all four = 379 (golden case), plus
    # foreign work 3+ years x first language 9+ = 50 (transferability) and French NCLC 7+ without English = 25
    assert out["crs"]["total"] == run(with_(first_language=nclc(9)))["crs"]["total"] == 379 + 50 + 25
    # the programs use the same first official language: decided, NCLC 9 = 6 grid points per ability
    fsw = out["programs"]["fsw"]
    assert fsw["checks"]["language"] is True
    assert fsw["first_official_language"] == "french"
    assert fsw["grid"]["language_first"]["points"] == 24 and fsw["grid"]["language_second"]["points"] == 0
    assert fsw["eligible"] is True and fsw["grid_points"] == 68
    assert out["programs"]["cec"]["checks"]["language"] is True
    assert out["programs"]["fst"]["checks"]["language"] is True


def test_lone_second_language_too_low_fails_the_programs_as_it_would_as_first():
    out = run(with_(first_language=None, second_language=nclc(6)))
    for pid in ("cec", "fsw"):
        assert out["programs"][pid]["checks"]["language"] is False, pid
    assert "first_language" not in out["missing"]


def test_lone_second_language_with_first_language_fixed_leaves_the_first_unknown():
    out = run(with_(first_language=None, second_language=nclc(6), first_language_fixed=True))
    assert "first_language_choice" not in out
    assert "first_language" in out["missing"]
    for pid in ("cec", "fsw"):  # NCLC 6 in French could be a second language under an unknown first one
        assert out["programs"][pid]["checks"]["language"] is None, pid
    assert out["programs"]["fst"]["checks"]["language"] is True  # FSTP: NCLC 5/4 in either language
    fsw = out["programs"]["fsw"]  # the only program of BASE that nothing else fails
    assert fsw["eligible"] is None and "first_language" in fsw["missing"]
    assert fsw["grid"]["language_first"]["points"] is None
