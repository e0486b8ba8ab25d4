"""Canadian Experience Class: 12 months of skilled Canadian work in the last 3 years, CLB 7 (TEER 0/1)
or CLB 5 (TEER 2/3) in all four abilities of English or French, outside Quebec."""
import pytest

from express_entry import ProfileError

from .conftest import clb, evaluate, nclc, program, with_

CEC = with_(canadian_work_years=1, canadian_work_months_last_3_years=12, noc_code="21231",
            first_language=clb(7))


def cec(profile):
    return program(profile, "cec")


def test_eligible_teer1_clb7():
    r = cec(CEC)
    assert r["eligible"] is True
    assert r["reasons"] == [] and r["fixes"] == [] and r["missing"] == []
    assert all(v is True for v in r["checks"].values())
    assert r["source"].startswith("https://www.canada.ca/")


def test_notes_say_self_employment_and_student_work_do_not_count():
    notes = " ".join(cec(CEC)["notes"])
    assert "self-employment" in notes and "full-time student" in notes


@pytest.mark.parametrize("noc,teer", [("10010", 0), ("21231", 1)])
@pytest.mark.parametrize("level,ok", [(7, True), (6, False), (5, False)])
def test_teer_0_1_need_clb7(noc, teer, level, ok):
    r = cec(with_(CEC, noc_code=noc, first_language=clb(level)))
    assert r["eligible"] is ok
    if not ok:
        assert "CLB 7" in r["reasons"][0] and "TEER" in r["reasons"][0]


@pytest.mark.parametrize("noc", ["72200", "33102", "63200"])  # TEER 2, 3, 3
@pytest.mark.parametrize("levels,ok", [((5, 5, 5, 5), True), ((6, 5, 9, 5), True), ((4, 5, 5, 5), False),
                                       ((5, 5, 5, 4), False)])
def test_teer_2_3_need_clb5(noc, levels, ok):
    r = cec(with_(CEC, noc_code=noc, first_language=clb(*levels)))
    assert r["eligible"] is ok
    if not ok:
        assert "CLB 5" in r["reasons"][0]


def test_teer_from_teer_field_when_no_noc():
    assert cec(with_(CEC, noc_code=None, teer=3, first_language=clb(5)))["eligible"] is True
    assert cec(with_(CEC, noc_code=None, teer=1, first_language=clb(5)))["eligible"] is False


def test_french_nclc_counts():
    p = with_(CEC, first_language=clb(4), second_language=nclc(7))
    assert cec(p)["eligible"] is True


def test_one_ability_in_each_language_does_not_mix():
    # English fails writing, French fails speaking: no single test meets CLB 7 in all four
    p = with_(CEC, first_language=clb(7, 7, 7, 6), second_language=nclc(6, 7, 7, 7))
    assert cec(p)["eligible"] is False


@pytest.mark.parametrize("months,ok", [(12, True), (36, True), (11, False), (0, False)])
def test_twelve_months_in_last_three_years(months, ok):
    r = cec(with_(CEC, canadian_work_months_last_3_years=months))
    assert r["eligible"] is ok
    if not ok:
        assert f"{months} months" in r["reasons"][0]
        assert f"{12 - months} more months" in r["fixes"][0]


def test_canadian_years_without_recent_months_is_not_enough():
    r = cec(with_(CEC, canadian_work_years=4, canadian_work_months_last_3_years=0))
    assert r["eligible"] is False


def test_months_unknown_is_unknown():
    r = cec(with_(CEC, canadian_work_months_last_3_years=None, canadian_work_years=None))
    assert r["eligible"] is None
    assert r["missing"] == ["canadian_work_months_last_3_years"]
    assert len(r["reasons"]) == 1 == len(r["fixes"])


def test_no_canadian_work_means_no_recent_months():
    r = cec(with_(CEC, canadian_work_months_last_3_years=None, canadian_work_years=0))
    assert r["eligible"] is False


def test_quebec():
    r = cec(with_(CEC, intends_quebec=True))
    assert r["eligible"] is False
    assert "Quebec" in r["reasons"][0]
    r = cec(with_(CEC, intends_quebec=None))
    assert r["eligible"] is None and r["missing"] == ["intends_quebec"]


def test_unskilled_occupation_fails():
    r = cec(with_(CEC, noc_code="65201"))  # TEER 5
    assert r["eligible"] is False
    assert "TEER 5" in r["reasons"][0]


@pytest.mark.parametrize("level,expected,missing", [(7, None, ["noc_code"]), (5, None, ["noc_code"]),
                                                    (6, None, ["noc_code"]), (4, False, [])])
def test_unknown_teer(level, expected, missing):
    # the occupation must be TEER 0-3, so an unknown NOC leaves the CEC undecided, unless the language
    # is below even the TEER 2/3 minimum
    r = cec(with_(CEC, noc_code=None, first_language=clb(level)))
    assert r["eligible"] is expected
    assert r["missing"] == missing
    if expected is False:
        assert "CLB 5" in r["reasons"][0]


def test_expired_language_result_fails_with_its_reason():
    lang = dict(clb(9), test="celpip", taken_on="2023-01-10")
    r = cec(with_(CEC, first_language=lang))
    assert r["eligible"] is False
    assert "expired" in r["reasons"][0]
    assert "new" in r["fixes"][0]


def test_no_language_is_unknown():
    r = cec(with_(CEC, first_language=None))
    assert r["eligible"] is None
    assert r["missing"] == ["first_language"]


def test_fix_gives_the_score_to_aim_for():
    lang = {"test": "ielts", "speaking": 6.0, "listening": 6.0, "reading": 6.0, "writing": 5.5}
    r = cec(with_(CEC, first_language=lang))
    assert r["eligible"] is False
    assert "writing" in r["reasons"][0] and "CLB 6" in r["reasons"][0]
    assert "IELTS General Training writing 6.0" in r["fixes"][0]


def test_failure_wins_over_unknown():
    r = cec(with_(CEC, intends_quebec=None, canadian_work_months_last_3_years=3))
    assert r["eligible"] is False
    assert r["missing"] == []
    assert len(r["reasons"]) == 1


def test_missing_is_in_the_overall_list():
    programs, missing, _ = evaluate(with_(CEC, intends_quebec=None))
    assert "intends_quebec" in missing


def test_partial_language_result_names_the_missing_abilities():
    lang = {"test": "clb", "speaking": 9, "listening": 9}
    r = cec(with_(CEC, first_language=lang))
    assert r["eligible"] is None
    assert r["missing"] == ["first_language.reading", "first_language.writing"]


def test_partial_language_result_that_already_fails():
    r = cec(with_(CEC, first_language={"test": "clb", "speaking": 4, "listening": 9}))
    assert r["eligible"] is False


def test_code_that_is_not_a_noc_2021_unit_group_is_refused():
    for code in ("19999", "99999"):
        with pytest.raises(ProfileError) as e:
            evaluate(with_(CEC, noc_code=code))
        assert e.value.field == "noc_code" and "noc find" in e.value.accepted
