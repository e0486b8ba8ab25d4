"""Property-based tests (hypothesis): the result's shape and the rule "never guess".

* reasons are empty exactly when eligible is true, and every reason has a fix;
* an undecided program names the unknown fields that would decide it, and only unknown fields;
* a partial profile's decided answer never differs from the answer for the complete profile
  (the engine only decides what every completion agrees on); likewise the FSW grid range contains the
  complete profile's grid score.
"""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from express_entry.assess import program_languages
from express_entry.profile import validate

from .conftest import evaluate

PIDS = ("cec", "fsw", "fst")
EDU = ["less_than_secondary", "secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters", "doctoral"]
NOCS = ["00012", "10010", "21231", "33102", "62200", "62201", "63200", "63210", "65201", "72200", "72600",
        "73300", "75110", "82010", "83100", "92100", "93100", "93200"]

level = st.integers(0, 12)


def lang(test):
    return st.builds(lambda s, l, r, w: {"test": test, "speaking": s, "listening": l, "reading": r, "writing": w},
                     level, level, level, level)


@st.composite
def full_profiles(draw):
    p = {"assessed_on": draw(st.sampled_from(["2024-08-01", "2025-09-01", "2026-06-01", "2026-11-28"]))}
    p["age"] = draw(st.integers(17, 60))
    ms = draw(st.sampled_from(["single", "married", "common_law", "divorced"]))
    p["marital_status"] = ms
    if ms in ("married", "common_law"):
        p["spouse_accompanying"] = draw(st.booleans())
        p["spouse_canadian"] = draw(st.booleans())
        if draw(st.booleans()):
            p["spouse_language"] = draw(lang("clb"))
        p["spouse_canadian_work_years"] = draw(st.integers(0, 3))
        p["spouse_canadian_study_2_years"] = draw(st.booleans())
        # the extension, when given, agrees with spouse_canadian_work_years (which decides without it)
        if draw(st.booleans()):
            p["spouse_canadian_work_1_year"] = p["spouse_canadian_work_years"] >= 1
    p["education"] = draw(st.sampled_from(EDU))
    p["education_recognized"] = draw(st.booleans())
    first = draw(st.sampled_from(["clb", "nclc"]))
    p["first_language"] = draw(lang(first))
    if draw(st.booleans()):
        p["second_language"] = draw(lang("nclc" if first == "clb" else "clb"))
    cw = draw(st.integers(0, 5))
    p["canadian_work_years"] = cw
    p["canadian_work_months_last_3_years"] = 0 if cw == 0 else draw(st.integers(0, min(36, 12 * cw + 11)))
    p["foreign_work_years"] = draw(st.integers(0, 8))
    noc = draw(st.sampled_from(NOCS))
    p["noc_code"] = noc
    if draw(st.booleans()):
        p["teer"] = int(noc[1])
    p["trade_work_years_last_5"] = draw(st.integers(0, 5))
    for f in ("certificate_of_qualification", "job_offer", "intends_quebec", "canadian_study_2_years"):
        p[f] = draw(st.booleans())
    p["intends_quebec"] = draw(st.sampled_from([False, False, False, True]))
    sib = draw(st.booleans())
    p["sibling_in_canada"] = sib
    p["relative_in_canada"] = True if sib else draw(st.booleans())
    p["family_size"] = draw(st.integers(1 if ms not in ("married", "common_law") else 2, 8))
    p["authorized_to_work_in_canada"] = draw(st.booleans())
    p["settlement_funds"] = draw(st.sampled_from([0, 10000, 15263, 19000, 19001, 25000, 40000, 100000]))
    return p


# A second or spouse language result that is absent means "no such test" (no points), so those two are
# not removable here: removing them changes the facts, not what is known.
REMOVABLE = ["age", "marital_status", "spouse_accompanying", "spouse_canadian",
             "spouse_canadian_work_years", "education", "first_language", "canadian_work_years",
             "canadian_work_months_last_3_years", "foreign_work_years", "noc_code", "teer",
             "trade_work_years_last_5", "certificate_of_qualification", "job_offer", "intends_quebec",
             "canadian_study_2_years", "sibling_in_canada", "relative_in_canada", "family_size", "settlement_funds",
             # extensions
             "authorized_to_work_in_canada", "spouse_canadian_study_2_years", "spouse_canadian_work_1_year"]


def check_shape(programs, missing, profile):
    for pid in PIDS:
        r = programs[pid]
        assert r["eligible"] in (True, False, None)
        assert (r["reasons"] == []) == (r["eligible"] is True)
        assert len(r["fixes"]) == len(r["reasons"])
        assert all(isinstance(t, str) and t for t in r["reasons"] + r["fixes"])
        checks = list(r["checks"].values())
        if r["eligible"] is True:
            assert all(c is True for c in checks)
        elif r["eligible"] is False:
            assert any(c is False for c in checks)
            assert r["missing"] == []
        else:
            assert False not in checks and None in checks
            assert r["missing"], (pid, r)
        for f in r["missing"]:
            assert f in missing
            assert profile.get(f) is None, (pid, f)


def _keep_language_order(profile):
    """The complete profile with its first official language fixed to the order assess chooses for it.

    With an English and a French result, assess picks the order with the higher CRS, and the programs use
    that choice; the CRS order can depend on other fields (e.g. certificate_of_qualification, whose points
    depend on the first language), so the partial profiles keep the complete profile's order, as a
    candidate who has chosen their first official language would.
    """
    if "second_language" not in profile:
        return profile
    langs = program_languages(validate(profile))
    out = dict(profile, first_language_fixed=True)
    if langs["first"] is langs["given"]["second_language"]:
        out["first_language"], out["second_language"] = profile["second_language"], profile["first_language"]
    return out


def _unskilled_main_occupation_removed(profile, partial):
    teer = int(profile["noc_code"][1])
    return teer >= 4 and "noc_code" not in partial and partial.get("teer") is None


SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(full_profiles())
def test_complete_profiles_are_decided_and_well_formed(profile):
    programs, missing, _ = evaluate(profile)
    check_shape(programs, missing, profile)
    for pid in PIDS:
        assert programs[pid]["eligible"] is not None, (pid, programs[pid])
    assert programs["fsw"]["grid_points"] is not None


@SETTINGS
@given(full_profiles(), st.sets(st.sampled_from(REMOVABLE), min_size=1, max_size=8))
def test_partial_profiles_never_guess(profile, removed):
    profile = _keep_language_order(profile)
    partial = {k: v for k, v in profile.items() if k not in removed}
    if "first_language" in removed and "second_language" in partial:
        # a lone second_language is the first official language (assess's choice); to say that the first
        # official language result is unknown, keep the order given
        partial["first_language_fixed"] = True
    full_programs, _, _ = evaluate(profile)
    part_programs, part_missing, _ = evaluate(partial)
    check_shape(part_programs, part_missing, partial)
    for pid in PIDS:
        got = part_programs[pid]["eligible"]
        if pid == "fsw" and _unskilled_main_occupation_removed(profile, partial):
            # the contract's work years are skilled work, so without an occupation they decide the FSW's
            # occupation requirement; a known TEER 4/5 main occupation is the one fact that overrides them
            continue
        if got is not None:
            assert got == full_programs[pid]["eligible"], (pid, removed, part_programs[pid], full_programs[pid])
        # only fields the partial profile lacks (check_shape); a removed field, or one the complete
        # profile never had (e.g. spouse fields once marital_status is unknown)
        assert set(part_programs[pid]["missing"]) <= set(removed) | (set(REMOVABLE) - set(profile))
    f, p = full_programs["fsw"], part_programs["fsw"]
    assert p["grid_points_min"] <= f["grid_points"] <= p["grid_points_max"]
    for key, item in p["grid"].items():
        if item["points"] is not None:
            assert item["points"] == f["grid"][key]["points"], key
