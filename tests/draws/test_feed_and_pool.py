"""Pure-Python parts: round types, feed checks, pool position (no database).

Expected values are typed from IRCC's feed (round #437, pool as on 2026-08-16) and the canada.ca
rounds page, not computed by the code under test.
"""
import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from express_entry.draws.classify import TYPES, classify, split_version
from express_entry.draws.feed import FeedError, draw_sort_key, parse_feed, parse_long_date
from express_entry.draws.pool import FINEST, band_label, consistency_problems, position

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "express_entry" / "data" / "draws" / "ee_rounds_123_en.json"
CATEGORIES = ROOT / "express_entry" / "data" / "categories" / "categories.json"

# Round #437, "CRS score distribution of candidates in the pool as of August 16, 2026".
POOL_437 = {
    "dd1": 439, "dd2": 18657, "dd3": 73554, "dd4": 12915, "dd5": 13066, "dd6": 16626, "dd7": 16133,
    "dd8": 14814, "dd9": 60631, "dd10": 13555, "dd11": 13229, "dd12": 11890, "dd13": 11269, "dd14": 10688,
    "dd15": 48600, "dd16": 17269, "dd17": 7709, "dd18": 226859,
}


# ---------------------------------------------------------------- round types

@pytest.mark.parametrize("name, type_id, version", [
    ("No Program Specified", "general", None),
    ("General", "general", None),
    ("Canadian Experience Class", "cec", None),
    ("Provincial Nominee Program", "pnp", None),
    ("Federal Skilled Worker", "fsw", None),
    ("Federal Skilled Trades", "fst", None),
    ("French language proficiency (Version 1)", "french", "Version 1"),
    ("French-Language proficiency 2026-Version 2", "french", "2026-Version 2"),
    ("Healthcare occupations (Version 1)", "healthcare-social-services", "Version 1"),
    ("Healthcare and social services occupations (Version 2)", "healthcare-social-services", "Version 2"),
    ("Healthcare and Social Services Occupations, 2026-Version 3", "healthcare-social-services", "2026-Version 3"),
    ("STEM occupations (Version 1)", "stem", "Version 1"),
    ("Trade occupations (Version 1)", "trades", "Version 1"),
    ("Trade occupations (Version 2)", "trades", "Version 2"),
    ("Trades Occupations, 2026-Version 3", "trades", "2026-Version 3"),
    ("Transport occupations (Version 1)", "transport", "Version 1"),
    ("Transport Occupations, 2026-Version 2", "transport", "2026-Version 2"),
    ("Agriculture and agri-food occupations (Version 1)", "agriculture-agri-food", "Version 1"),
    ("Education occupations (Version 1)", "education", "Version 1"),
    ("Physicians with Canadian Work Experience, 2026-Version 1", "physicians-canadian-experience", "2026-Version 1"),
    ("Senior managers with Canadian Work Experience, 2026-Version 1", "senior-managers-canadian-experience",
     "2026-Version 1"),
    ("Researchers with Canadian Work Experience, 2026-Version 1", "researchers-canadian-experience", "2026-Version 1"),
    ("Skilled Military Recruits, 2026-Version 1", "skilled-military-recruits", "2026-Version 1"),
    ("French language proficiency (2023-1)", "french", "2023-1"),
])
def test_classify_known_names(name, type_id, version):
    t = classify(name)
    assert (t.id, t.version, t.known) == (type_id, version, True)
    assert t.kind == TYPES[type_id][0]


def test_every_round_name_in_the_seed_is_known():
    names = {r["drawName"] for r in json.loads(SEED.read_text())["rounds"]}
    assert len(names) == 22
    unknown = sorted(n for n in names if not classify(n).known)
    assert unknown == []


def test_unknown_name_gets_its_own_id_not_an_error():
    t = classify("Construction occupations, 2027-Version 1")
    assert (t.id, t.kind, t.label, t.version, t.known) == (
        "construction-occupations", "category", "Construction occupations", "2027-Version 1", False)
    assert split_version("Canadian Experience Class") == ("Canadian Experience Class", None)


def test_category_ids_match_categories_json():
    """Draw types use the categories.json ids without their year: the same vocabulary across the project."""
    cats = json.loads(CATEGORIES.read_text())["categories"]
    bases = set()
    for c in cats:
        base = c["id"].rsplit("-", 1)[0]
        assert c["id"].rsplit("-", 1)[1] == str(c["year"])
        bases.add(base)
        for draw_name in c["draw_names"]:
            assert classify(draw_name).id == base, (draw_name, c["id"])
    category_types = {t for t, (kind, _) in TYPES.items() if kind == "category"}
    assert category_types == bases


# ---------------------------------------------------------------- feed checks

def test_dates_and_round_numbers():
    assert parse_long_date("August 16, 2026") == dt.date(2026, 8, 16)
    assert parse_long_date("March 1, 2026") == dt.date(2026, 3, 1)
    assert parse_long_date("June 02 2026") == dt.date(2026, 6, 2)
    with pytest.raises(ValueError):
        parse_long_date("Augst 16, 2026")
    assert draw_sort_key("91a") < draw_sort_key("91b") < draw_sort_key("92")
    assert draw_sort_key("437") > draw_sort_key("436")


def _seed():
    return json.loads(SEED.read_text())


def test_seed_parses_with_the_one_known_inconsistency():
    rounds = parse_feed(_seed())
    assert len(rounds) == 438
    r437 = rounds[0]
    assert (r437["number"], r437["date"], r437["crs"], r437["size"], r437["type_id"]) == (
        "437", dt.date(2026, 8, 19), 382, 5000, "french")
    assert r437["distribution_as_on"] == dt.date(2026, 8, 16)
    assert r437["distribution"] == POOL_437
    assert sum(1 for r in rounds if r["distribution"]) == 220
    warnings = [w for r in rounds for w in r["warnings"]]
    assert warnings == ["round 247: range 451-500 is 55,867 but its 10-point ranges add up to 55,687"]
    # Rounds before #214 carry zeros: no distribution, no "as on" date.
    r1 = rounds[-1]
    assert (r1["number"], r1["distribution"], r1["distribution_as_on"]) == ("1", None, None)


def _bad(mutate):
    data = _seed()
    mutate(data)
    with pytest.raises(FeedError) as info:
        parse_feed(data)
    return info.value


@pytest.mark.parametrize("mutate, round_, field, words", [
    (lambda d: d["rounds"][1].__setitem__("drawCRS", "5x3"), "436", "drawCRS", "not a whole number"),
    (lambda d: d["rounds"][1].__setitem__("drawCRS", "1,300"), "436", "drawCRS", "out of range"),
    (lambda d: d["rounds"][7].__setitem__("drawSize", "-4"), "430", "drawSize", "not a whole number"),
    (lambda d: d["rounds"][0].__setitem__("dd7", ""), "437", "dd7", "not a whole number"),
    (lambda d: d["rounds"][0].__setitem__("dd7", None), "437", "dd7", "whole number"),
    (lambda d: d["rounds"][2].pop("drawDate"), "435", "drawDate", "missing"),
    (lambda d: d["rounds"][400].pop("dd18"), None, "dd18", "missing"),
    (lambda d: d["rounds"][3].__setitem__("drawDate", "2026-02-30"), "434", "drawDate", "not a date"),
    (lambda d: d["rounds"][3].__setitem__("drawDate", "August 7, 2026"), "434", "drawDate", "not a date"),
    (lambda d: d["rounds"][0].__setitem__("drawDistributionAsOn", "Agust 16, 2026"), "437",
     "drawDistributionAsOn", "not a date"),
    (lambda d: d["rounds"][0].__setitem__("drawDistributionAsOn", "August 26, 2026"), "437",
     "drawDistributionAsOn", "after the round"),
    (lambda d: d["rounds"][0].__setitem__("drawName", 12), "437", "drawName", "must be text"),
    (lambda d: d["rounds"][0].__setitem__("drawNumber", "#437"), "#437", "drawNumber", "not a round number"),
    (lambda d: d["rounds"][5].__setitem__("drawNumber", "437"), "437", "drawNumber", "twice"),
])
def test_bad_rounds_are_refused_naming_round_and_field(mutate, round_, field, words):
    err = _bad(mutate)
    assert err.field == field
    if round_ is not None:
        assert err.round == round_
        assert f"round {round_}" in str(err)
    assert repr(field) in str(err) and words in str(err)


def test_missing_key_deep_in_the_file_names_that_round():
    data = _seed()
    number = data["rounds"][400]["drawNumber"]
    del data["rounds"][400]["dd18"]
    with pytest.raises(FeedError, match=rf"round {number}, field 'dd18': is missing"):
        parse_feed(data)


@pytest.mark.parametrize("data, words", [
    ([], "JSON object"),
    ({"classes": "wb-tables"}, "not IRCC's rounds feed"),
    ({"rounds": {"0": {}}}, "must be a list"),
    ({"rounds": []}, "no rounds"),
    ({"rounds": ["437"]}, "must be an object"),
])
def test_wrong_shape_is_refused(data, words):
    with pytest.raises(FeedError, match=words) as info:
        parse_feed(data)
    assert info.value.field == "rounds"


# ---------------------------------------------------------------- pool position

def test_finest_ranges_cover_every_score_once():
    covered = [s for k in FINEST for s in range(int(band_label(k).split("-")[0]), int(band_label(k).split("-")[1]) + 1)]
    assert sorted(covered) == list(range(0, 1201))
    assert consistency_problems(POOL_437) == []


def test_position_480_top_of_its_range():
    # Higher than 480: 601-1200 (439) + 501-600 (18,657) + 491-500 (12,915) + 481-490 (13,066) = 45,077, exact.
    # Lower: 0-300 7,709 + 301-350 17,269 + 351-400 48,600 + 401-450 60,631 + 451-460 14,814 + 461-470 16,133
    #        = 165,156, plus up to the 16,626 others in 471-480 = 181,782.
    p = position(480, POOL_437)
    assert p["pool_total"] == 226859
    assert p["range"] == {"band": "471-480", "low": 471, "high": 480, "candidates": 16626}
    assert p["candidates_higher"] == {"at_least": 45077, "at_most": 45077, "exact": True}
    assert p["candidates_lower"] == {"at_least": 165156, "at_most": 181782, "exact": False}
    assert p["top_percent"] == {"at_least": 19.87, "at_most": 19.87}  # 45,077 / 226,859
    assert p["percentile"] == {"at_least": 72.8, "at_most": 80.13}  # 165,156 and 181,782 / 226,859
    assert any("not how they are spread" in n for n in p["notes"])


def test_position_471_bottom_of_its_range():
    p = position(471, POOL_437)
    assert p["candidates_lower"] == {"at_least": 165156, "at_most": 165156, "exact": True}
    assert p["candidates_higher"] == {"at_least": 45077, "at_most": 61703, "exact": False}  # + 16,626


def test_position_inside_a_wide_range():
    # 550 is inside 501-600 (18,657): only 601+ (439) is surely higher.
    p = position(550, POOL_437)
    assert p["candidates_higher"] == {"at_least": 439, "at_most": 439 + 18657, "exact": False}
    assert p["candidates_lower"]["at_least"] == 226859 - 439 - 18657
    # The labelled even-spread estimate: 439 + 18,657 x 50/100 = 9,767.5 -> 9,768 (or 9,767 with banker's rounding)
    assert p["estimate"]["candidates_higher"] in (9767, 9768)
    assert "does not publish" in p["estimate"]["assumes"]


@pytest.mark.parametrize("score, higher, lower", [
    # 601-1200 holds 439; 501-600 holds 18,657; 0-300 holds 7,709; total 226,859.
    (1200, (0, 0), (226420, 226859)),        # top of 601-1200: nobody higher
    (601, (0, 439), (226420, 226420)),       # bottom of 601-1200: lower is exact
    (600, (439, 439), (207763, 226420)),     # top of 501-600
    (300, (219150, 219150), (0, 7709)),      # top of 0-300
    (0, (219150, 226859), (0, 0)),           # nobody lower than 0
])
def test_position_edges(score, higher, lower):
    p = position(score, POOL_437)
    assert (p["candidates_higher"]["at_least"], p["candidates_higher"]["at_most"]) == higher
    assert (p["candidates_lower"]["at_least"], p["candidates_lower"]["at_most"]) == lower


@pytest.mark.parametrize("score", [-1, 1201, 480.0, "480", True, None])
def test_position_refuses_bad_scores(score):
    with pytest.raises(ValueError, match="0 to 1200"):
        position(score, POOL_437)


def test_inconsistent_figures_are_reported():
    r247 = {"dd1": 604, "dd2": 884, "dd3": 55867, "dd4": 680, "dd5": 3001, "dd6": 21544, "dd7": 17111,
            "dd8": 13351, "dd9": 61108, "dd10": 12691, "dd11": 13187, "dd12": 10674, "dd13": 11846,
            "dd14": 12710, "dd15": 69709, "dd16": 36432, "dd17": 5585, "dd18": 230189}
    assert consistency_problems(r247) == ["range 451-500 is 55,867 but its 10-point ranges add up to 55,687"]
    bad = copy.deepcopy(POOL_437)
    bad["dd18"] += 1
    assert consistency_problems(bad) == ["the total is 226,860 but the ranges add up to 226,859"]


from hypothesis import given, settings, strategies as st  # noqa: E402


@st.composite
def distributions(draw):
    fine = {k: draw(st.integers(0, 100_000)) for k in FINEST}
    counts = dict(fine)
    counts["dd3"] = sum(fine[k] for k in ("dd4", "dd5", "dd6", "dd7", "dd8"))
    counts["dd9"] = sum(fine[k] for k in ("dd10", "dd11", "dd12", "dd13", "dd14"))
    counts["dd18"] = sum(fine.values())
    return counts


@settings(max_examples=200, deadline=None)
@given(distributions(), st.integers(0, 1200), st.integers(0, 1200))
def test_position_bounds_are_consistent(counts, a, b):
    assert consistency_problems(counts) == []
    pa, pb = position(a, counts), position(b, counts)
    total = counts["dd18"]
    for p in (pa, pb):
        h, lo = p["candidates_higher"], p["candidates_lower"]
        assert 0 <= h["at_least"] <= h["at_most"] <= total
        in_band = p["range"]["candidates"]
        # Everyone is surely above, surely below, or in the score's own range.
        assert h["at_least"] + lo["at_least"] + in_band == total
        # Only the own range is uncertain, and only on the side(s) where the score is not the range's edge.
        assert h["at_most"] - h["at_least"] == (0 if p["score"] == p["range"]["high"] else in_band)
        assert lo["at_most"] - lo["at_least"] == (0 if p["score"] == p["range"]["low"] else in_band)
        assert h["at_least"] <= p["estimate"]["candidates_higher"] <= h["at_most"]
    if a < b:  # a higher score never has more candidates surely above it
        assert pb["candidates_higher"]["at_least"] <= pa["candidates_higher"]["at_least"]
        assert pb["candidates_higher"]["at_most"] <= pa["candidates_higher"]["at_most"]
