"""Property-based checks of the CRS (hypothesis)."""
import json
import os
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from express_entry import ProfileError, assess
from express_entry.language import score_steps
from express_entry.profile import validate

ABILITIES = ("speaking", "listening", "reading", "writing")
EDUCATION = ["less_than_secondary", "secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters",
             "doctoral"]
ON = "2026-06-01"


def result(test, language_tests):
    if test == "tcf":
        return st.fixed_dictionaries({
            "test": st.just("tcf"), "listening": st.integers(0, 699), "reading": st.integers(0, 699),
            "speaking": st.integers(0, 20), "writing": st.integers(0, 20)})
    steps = score_steps(test)
    return st.fixed_dictionaries({"test": st.just(test), **{a: st.sampled_from(steps) for a in ABILITIES}})


english = st.sampled_from(["ielts", "celpip", "pte", "clb"]).flatmap(lambda t: result(t, None))
french = st.sampled_from(["tef", "tcf", "nclc"]).flatmap(lambda t: result(t, None))


@st.composite
def profiles(draw, with_spouse_fields=True):
    p = {
        "assessed_on": draw(st.sampled_from([ON, "2024-06-01", "2019-06-01", "2026-11-28"])),
        "age": draw(st.integers(16, 100)),
        "marital_status": draw(st.sampled_from(["single", "married", "common_law", "divorced", "widowed",
                                                "separated"])),
        "education": draw(st.sampled_from(EDUCATION)),
        "education_recognized": draw(st.booleans()),
        "canadian_education": draw(st.sampled_from(["none", "one_or_two_year", "three_year_or_more"])),
        "canadian_work_years": draw(st.integers(0, 10)),
        "foreign_work_years": draw(st.integers(0, 10)),
        "certificate_of_qualification": draw(st.booleans()),
        "provincial_nomination": draw(st.booleans()),
        "sibling_in_canada": draw(st.booleans()),
        "job_offer": draw(st.booleans()),
    }
    if draw(st.booleans()):
        p["job_offer_noc_code"] = draw(st.sampled_from(["00012", "21231"]))
    first_french = draw(st.booleans())
    p["first_language"] = draw(french if first_french else english)
    if draw(st.booleans()):
        p["second_language"] = draw(english if first_french else french)
    p["first_language_fixed"] = draw(st.booleans())
    if p["marital_status"] in ("married", "common_law"):
        p["spouse_accompanying"] = draw(st.booleans())
        p["spouse_canadian"] = draw(st.booleans())
        if with_spouse_fields:
            p["spouse_education"] = draw(st.sampled_from(EDUCATION))
            p["spouse_canadian_work_years"] = draw(st.integers(0, 10))
            if draw(st.booleans()):
                p["spouse_language"] = draw(st.one_of(english, french))
    return p


SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(profiles())
def test_caps_are_never_exceeded(p):
    crs = assess(p)["crs"]
    with_spouse = crs["scored_as"] == "with_spouse"
    assert 0 <= crs["core"] <= (460 if with_spouse else 500)
    assert 0 <= crs["spouse"] <= (40 if with_spouse else 0)
    assert crs["core"] + crs["spouse"] <= 500
    assert 0 <= crs["transferability"] <= 100
    assert 0 <= crs["additional"] <= 600
    assert crs["total"] == crs["core"] + crs["spouse"] + crs["transferability"] + crs["additional"] <= 1200
    for part, key in (("A", "core"), ("B", "spouse"), ("C", "transferability"), ("D", "additional")):
        assert sum(f["points"] for f in crs["factors"] if f["part"] == part) == crs[key]
    for f in crs["factors"]:
        if not f["factor"].endswith("_cap"):
            assert 0 <= f["points"] <= f["max"], f
        if f["factor"].startswith("transferability_") and not f["factor"].endswith("_cap"):
            assert f["points"] <= 50


def _raise_one(p, key, ability):
    res = dict(p[key])
    test = res["test"]
    steps = score_steps(test, ability)
    i = steps.index(res[ability])
    if i + 1 < len(steps):
        res[ability] = steps[i + 1]
    return {**p, key: res}


@SETTINGS
@given(profiles(), st.sampled_from(ABILITIES), st.sampled_from(["first_language", "second_language"]))
def test_raising_a_language_score_never_lowers_the_total(p, ability, key):
    if key not in p:
        return
    before = assess(p)["crs"]["total"]
    after = assess(_raise_one(p, key, ability))["crs"]["total"]
    assert after >= before


@SETTINGS
@given(profiles(), st.sampled_from(ABILITIES))
def test_raising_spouse_language_never_lowers_the_total(p, ability):
    if "spouse_language" not in p:
        return
    assert assess(_raise_one(p, "spouse_language", ability))["crs"]["total"] >= assess(p)["crs"]["total"]


@SETTINGS
@given(profiles(), st.sampled_from(["canadian_work_years", "foreign_work_years", "spouse_canadian_work_years"]))
def test_more_years_of_work_never_lower_the_total(p, key):
    if key not in p or p[key] == 10:
        return
    assert assess({**p, key: p[key] + 1})["crs"]["total"] >= assess(p)["crs"]["total"]


@SETTINGS
@given(profiles(), st.sampled_from(["education", "spouse_education"]))
def test_higher_education_never_lowers_the_total(p, key):
    if key not in p or p[key] == "doctoral":
        return
    higher = EDUCATION[EDUCATION.index(p[key]) + 1]
    assert assess({**p, key: higher})["crs"]["total"] >= assess(p)["crs"]["total"]


@SETTINGS
@given(profiles())
def test_non_accompanying_or_canadian_spouse_scores_exactly_as_single(p):
    single = {k: v for k, v in p.items() if not k.startswith("spouse_")}
    single["marital_status"] = "single"
    want = assess(single)["crs"]
    for status in ("married", "common_law"):
        for flags in ({"spouse_accompanying": False, "spouse_canadian": False},
                      {"spouse_accompanying": True, "spouse_canadian": True},
                      {"spouse_accompanying": False, "spouse_canadian": True}):
            got = assess({**p, "marital_status": status, **flags})["crs"]
            assert {k: got[k] for k in ("total", "core", "spouse", "transferability", "additional")} == \
                   {k: want[k] for k in ("total", "core", "spouse", "transferability", "additional")}


@SETTINGS
@given(profiles())
def test_best_language_order_is_never_worse_than_the_given_order(p):
    if "second_language" not in p:
        return
    best = assess({**p, "first_language_fixed": False})["crs"]["total"]
    fixed = assess({**p, "first_language_fixed": True})["crs"]["total"]
    assert best >= fixed


junk = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                 st.text(max_size=8), st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3),
                                                                                           st.integers(), max_size=2))
FIELD_NAMES = ["age", "marital_status", "education", "first_language", "canadian_work_years", "job_offer",
               "settlement_funds", "assessed_on", "noc_code", "family_size", "unknown_field"]


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELD_NAMES), junk, max_size=4))
def test_arbitrary_input_is_either_assessed_or_refused_cleanly(p):
    try:
        v = validate(p)
    except ProfileError as e:
        assert e.field and e.accepted
        return
    assess(p)
    assert v["assessed_on"]


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = os.path.join(ROOT, ".venv", "bin", "python")


@settings(max_examples=8, deadline=None)
@given(st.sampled_from([
    {"age": -3}, {"age": 300}, {"first_language": {"test": "ielts", "reading": 12}},
    {"first_language": {"test": "gre"}}, {"education": 5}, {"marital_status": True},
    {"first_language": {"test": "tcf", "writing": 25}}, {"family_size": 0.5},
]), st.booleans())
def test_cli_exits_2_on_bad_input(bad, as_list):
    payload = [{"age": 30}, bad] if as_list else bad
    p = subprocess.run([PYTHON if os.path.exists(PYTHON) else sys.executable, "-m", "express_entry", "assess"],
                       input=json.dumps(payload), capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert p.returncode == 2
    assert p.stdout == ""
    assert "accepted:" in p.stderr
    assert ("item 1:" in p.stderr) == as_list


@SETTINGS
@given(profiles())
def test_output_is_json_and_input_is_not_modified(p):
    snapshot = json.dumps(p, sort_keys=True)
    out = assess(p)
    assert json.dumps(p, sort_keys=True) == snapshot
    again = json.loads(json.dumps(out))
    assert again == out
    assert list(out)[:5] == ["ruleset", "crs", "programs", "missing", "warnings"]
