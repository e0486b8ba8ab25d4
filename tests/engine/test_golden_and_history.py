"""Golden cases worked by hand from the published grid, ruleset history and announced changes."""
import datetime as dt

import pytest

from express_entry import assess
from express_entry.rules import all_rulesets, not_modelled, ruleset_by_id, ruleset_for

ABILITIES = ("speaking", "listening", "reading", "writing")


def clb(level, test="clb"):
    return {"test": test, **{a: level for a in ABILITIES}}


BASE = {"assessed_on": "2026-06-01", "age": 29, "marital_status": "single", "education": "bachelors"}

GOLDEN = [
    # single, 29, bachelor's, CLB 9: 110 + 120 + 4*31 + 25 (bachelor's x CLB 9+)
    ("single CLB 9", {**BASE, "first_language": clb(9)}, 379, (354, 0, 25, 0)),
    ("single CLB 10", {**BASE, "first_language": clb(10)}, 391, (366, 0, 25, 0)),
    # with spouse: 100 + 112 + 4*29 + 25
    ("accompanying spouse", {**BASE, "marital_status": "married", "spouse_accompanying": True,
                             "spouse_canadian": False, "first_language": clb(9)}, 353, (328, 0, 25, 0)),
    ("nomination", {**BASE, "first_language": clb(9), "provincial_nomination": True}, 979, (354, 0, 25, 600)),
    # + 40 core, + 13 (bachelor's x 1 year Canadian work)
    ("one year Canadian work", {**BASE, "first_language": clb(9), "canadian_work_years": 1}, 432, (394, 0, 38, 0)),
    # master's 135; master's x CLB 9+ 50; 3+ years foreign x CLB 9+ 50
    ("master's, foreign work", {**BASE, "education": "masters", "first_language": clb(9), "foreign_work_years": 3},
     469, (369, 0, 100, 0)),
    # IELTS L8.5 R8 W7.5 S7.5 = CLB 10 x4: 110 + 120 + 136; bachelor's x CLB 9+ 25; foreign 3+ x CLB 9+ 50
    ("IELTS, bachelor's is in the 13/25 tier", {**BASE, "foreign_work_years": 3, "first_language": {
        "test": "ielts", "listening": 8.5, "reading": 8, "writing": 7.5, "speaking": 7.5}}, 441, (366, 0, 75, 0)),
]


@pytest.mark.parametrize("name,profile,total,parts", GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden(name, profile, total, parts):
    crs = assess(profile)["crs"]
    assert crs["total"] == total
    assert (crs["core"], crs["spouse"], crs["transferability"], crs["additional"]) == parts


def test_golden_441_contract_example_shape():
    r = assess(GOLDEN[-1][1])
    assert r["ruleset"] == "2025-03-25"
    assert set(r) >= {"ruleset", "crs", "programs", "missing", "warnings"}
    assert set(r["programs"]) == {"cec", "fsw", "fst"}
    for f in r["crs"]["factors"]:
        assert set(f) == {"factor", "part", "points", "max", "detail"}
        assert 0 <= f["points"] <= f["max"] or f["factor"].endswith("_cap")
        assert isinstance(f["detail"], str) and f["detail"]


def test_spouse_with_data_and_second_language():
    # married, accompanying: age 31 -> 90, master's 126, CLB 8 x4 -> 88, NCLC 7 x4 second -> 12,
    # Canadian 2 years -> 46; spouse bachelor's 8, CLB 7 x4 -> 12, 1 year -> 5;
    # transferability: master's x CLB 7+ 25 + master's x 2 years Cdn 50 -> 50 (cap);
    # foreign 1 year x CLB 7+ 13 + x 2 years Cdn 25 -> 38; French NCLC 7 + CLB 5+ -> 50
    p = {"assessed_on": "2026-06-01", "age": 31, "marital_status": "common_law", "spouse_accompanying": True,
         "spouse_canadian": False, "education": "masters", "first_language": clb(8),
         "second_language": clb(7, "nclc"), "canadian_work_years": 2, "foreign_work_years": 1,
         "spouse_education": "bachelors", "spouse_language": clb(7), "spouse_canadian_work_years": 1}
    crs = assess(p)["crs"]
    assert crs["core"] == 90 + 126 + 88 + 12 + 46
    assert crs["spouse"] == 8 + 12 + 5
    assert crs["transferability"] == 50 + 38
    assert crs["additional"] == 50
    assert crs["total"] == 362 + 25 + 88 + 50


# ------------------------------------------------------------------ rulesets by date
@pytest.mark.parametrize("day,rid", [
    ("2017-06-06", "2017-06-06"), ("2020-10-26", "2017-06-06"), ("2020-10-27", "2020-10-27"),
    ("2025-03-24", "2020-10-27"), ("2025-03-25", "2025-03-25"), ("2026-11-28", "2025-03-25"),
])
def test_ruleset_chosen_by_assessed_on(day, rid):
    assert ruleset_for(dt.date.fromisoformat(day)).id == rid
    assert assess({"assessed_on": day, "age": 30})["ruleset"] == rid


def test_ruleset_metadata_and_sources():
    rs = ruleset_for(dt.date(2026, 6, 1))
    assert rs.effective == dt.date(2025, 3, 25)
    assert rs.description
    assert rs.chain == ["2025-03-25", "2020-10-27", "2017-06-06"]
    for name in rs.names():
        assert rs.source(name).startswith("https://"), name
    assert rs.info("crs_age")["defined_in"] == "2017-06-06"
    assert rs.info("crs_additional")["defined_in"] == "2025-03-25"
    assert [r["id"] for r in all_rulesets()][:3] == ["2017-06-06", "2020-10-27", "2025-03-25"]


def test_date_before_the_first_ruleset_is_refused():
    from express_entry import ProfileError

    with pytest.raises(ProfileError) as e:
        assess({"assessed_on": "2016-01-01"})
    assert e.value.field == "assessed_on"
    assert "2017-06-06" in e.value.accepted


@pytest.mark.parametrize("day,offer,noc,points", [
    ("2024-06-01", True, None, 50), ("2024-06-01", True, "00012", 200), ("2024-06-01", True, "21231", 50),
    ("2024-06-01", False, None, 0), ("2025-03-24", True, "00015", 200), ("2025-03-25", True, "00015", 0),
    ("2025-03-25", True, None, 0), ("2019-01-01", True, None, 50),
])
def test_job_offer_points_history(day, offer, noc, points):
    p = {"assessed_on": day, "job_offer": offer}
    if noc:
        p["job_offer_noc_code"] = noc
    r = assess(p)
    assert [f["points"] for f in r["crs"]["factors"] if f["factor"] == "job_offer"] == [points]
    assert r["crs"]["additional"] == points


def test_job_offer_without_noc_before_2025_warns():
    r = assess({"assessed_on": "2024-06-01", "job_offer": True})
    assert any("major group 00" in w for w in r["warnings"])


@pytest.mark.parametrize("day,french_only,bilingual", [
    ("2019-05-01", 15, 30), ("2020-10-26", 15, 30), ("2020-10-27", 25, 50), ("2026-06-01", 25, 50),
])
def test_french_points_history(day, french_only, bilingual):
    fr = clb(7, "nclc")
    only = assess({"assessed_on": day, "first_language": fr})
    both = assess({"assessed_on": day, "first_language": fr, "second_language": clb(5)})
    assert only["crs"]["additional"] == french_only
    assert both["crs"]["additional"] == bilingual


def test_unmodelled_2026_11_03_change_warns_and_names_the_ruleset():
    before = assess({"assessed_on": "2026-11-02", "age": 29})
    after = assess({"assessed_on": "2026-11-03", "age": 29})
    assert not any("2026-11-03" in w for w in before["warnings"])
    warn = [w for w in after["warnings"] if "2026-11-03" in w]
    assert len(warn) == 1
    assert "2025-03-25" in warn[0] and "not" in warn[0].lower()
    assert after["ruleset"] == "2025-03-25"
    assert after["crs"]["total"] == before["crs"]["total"]
    assert [n["effective"] for n in not_modelled()] == ["2026-11-03"]


def test_ruleset_by_id():
    rs = ruleset_by_id("2020-10-27")
    assert rs.table("crs_additional")["french"]["bilingual"] == 50
    with pytest.raises(KeyError):
        ruleset_by_id("1999-01-01")


def test_a_new_ruleset_is_a_data_change(tmp_path):
    """Adding the 2026-11-03 rules later = a folder with the changed tables (here a made-up sibling value,
    for the test only) and removing the index entry; no code change."""
    import shutil

    from express_entry.rules import RULESETS_DIR, Registry

    root = tmp_path / "rulesets"
    shutil.copytree(RULESETS_DIR, root)
    (root / "index.yaml").write_text("not_modelled: []\n")
    new = root / "2026-11-03"
    new.mkdir()
    (new / "ruleset.yaml").write_text('id: "2026-11-03"\neffective: 2026-11-03\ninherits: "2025-03-25"\n'
                                      'description: test ruleset\n')
    additional = (root / "2025-03-25" / "crs_additional.yaml").read_text().replace("sibling: 15", "sibling: 99")
    (new / "crs_additional.yaml").write_text(additional)
    reg = Registry(str(root))
    old, cur = reg.ruleset_for(dt.date(2026, 11, 2)), reg.ruleset_for(dt.date(2026, 11, 3))
    assert (old.id, cur.id) == ("2025-03-25", "2026-11-03")
    assert cur.warnings == []
    assert cur.table("crs_additional")["sibling"] == 99
    assert cur.info("crs_age")["defined_in"] == "2017-06-06"
    from express_entry import crs

    assert crs.compiled(cur)["sibling"] == 99
