"""Federal Skilled Trades Program: 2 years in an eligible NOC 2021 trade in the last 5 years, CLB 5
speaking/listening and 4 reading/writing, a job offer or a certificate of qualification, funds, not Quebec.

Trade groups typed from canada.ca / IRPR s. 87.2(1): Major Groups 72 (excluding Sub-Major Group 726), 73,
82, 83, 92, 93 (excluding Sub-Major Group 932), Minor Group 6320, Unit Group 62200."""
import pytest

from .conftest import clb, nclc, program, with_

FST = with_(noc_code="72200", trade_work_years_last_5=2, first_language=clb(5, 5, 4, 4),
            certificate_of_qualification=True, job_offer=False)


def fst(profile, extra=None):
    return program(profile, "fst", extra)


def test_eligible_electrician_with_certificate():
    r = fst(FST)
    assert r["eligible"] is True
    assert r["reasons"] == [] and r["missing"] == []


@pytest.mark.parametrize("noc", [
    "72100", "72200", "72410", "72999",   # major group 72 (not 726)
    "73100", "73300", "73400",            # 73
    "82010",                              # 82
    "83100", "83120",                     # 83
    "92100", "92101",                     # 92
    "93100", "93101",                     # 93 (not 932)
    "63200", "63201", "63202",            # minor group 6320: cooks, butchers, bakers
    "62200",                              # unit group 62200: chefs
])
def test_eligible_trade_groups(noc):
    r = fst(with_(FST, noc_code=noc))
    assert r["checks"]["skilled_trade"] is True
    assert r["eligible"] is True


@pytest.mark.parametrize("noc,group", [("72600", "726"), ("72601", "726"), ("72602", "726"), ("72603", "726"),
                                       ("72604", "726"), ("93200", "932")])
def test_excluded_sub_major_groups(noc, group):
    r = fst(with_(FST, noc_code=noc))
    assert r["eligible"] is False
    assert r["checks"]["skilled_trade"] is False
    assert f"sub-major group {group}" in r["reasons"][0]
    assert "72" in r["fixes"][0] and "6320" in r["fixes"][0]


@pytest.mark.parametrize("noc", ["21231", "62201", "63210", "10010", "33102", "75110"])
def test_not_a_trade(noc):
    r = fst(with_(FST, noc_code=noc))
    assert r["checks"]["skilled_trade"] is False and r["eligible"] is False


def test_teer_without_noc():
    r = fst(with_(FST, noc_code=None, teer=1))
    assert r["eligible"] is False and r["checks"]["skilled_trade"] is False
    r = fst(with_(FST, noc_code=None, teer=2))
    assert r["eligible"] is None and r["missing"] == ["noc_code"]


@pytest.mark.parametrize("levels,ok", [((5, 5, 4, 4), True), ((4, 5, 4, 4), False), ((5, 4, 4, 4), False),
                                       ((5, 5, 3, 4), False), ((5, 5, 4, 3), False), ((12, 12, 12, 12), True)])
def test_language_minimums(levels, ok):
    r = fst(with_(FST, first_language=clb(*levels)))
    assert r["checks"]["language"] is ok
    if not ok:
        assert r["eligible"] is False


def test_french_counts():
    r = fst(with_(FST, first_language=clb(3), second_language=nclc(5, 5, 4, 4)))
    assert r["checks"]["language"] is True


@pytest.mark.parametrize("years,ok", [(2, True), (5, True), (1, False), (0, False)])
def test_two_years_in_the_last_five(years, ok):
    assert fst(with_(FST, trade_work_years_last_5=years))["checks"]["trade_work"] is ok


@pytest.mark.parametrize("job,coq,ok", [(True, False, True), (False, True, True), (True, True, True),
                                        (False, False, False), (None, False, None), (False, None, None),
                                        (None, True, True), (True, None, True)])
def test_job_offer_or_certificate(job, coq, ok):
    r = fst(with_(FST, job_offer=job, certificate_of_qualification=coq))
    assert r["checks"]["job_offer_or_certificate"] is ok
    if ok is None:
        assert r["eligible"] is None
        assert set(r["missing"]) == {f for f, v in (("job_offer", job), ("certificate_of_qualification", coq))
                                     if v is None}


def test_quebec():
    assert fst(with_(FST, intends_quebec=True))["eligible"] is False


def test_funds_needed_and_job_offer_exemption():
    p = with_(FST, settlement_funds=100, job_offer=True, certificate_of_qualification=False)
    assert fst(p)["checks"]["proof_of_funds"] is None
    r = fst(p, extra={"authorized_to_work_in_canada": True})
    assert r["eligible"] is True and r["funds"]["exempt"] is True


def test_funds_short():
    r = fst(with_(FST, settlement_funds=100))
    assert r["eligible"] is False and r["checks"]["proof_of_funds"] is False


def test_failure_names_the_occupation():
    r = fst(with_(FST, noc_code="21231"))
    assert "NOC 21231 (Software engineers and designers)" in r["reasons"][0]
    r = fst(with_(FST, noc_code="72600"))
    assert "NOC 72600 (Air pilots, flight engineers and flying instructors)" in r["reasons"][0]
