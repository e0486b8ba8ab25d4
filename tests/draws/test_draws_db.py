"""The database: idempotent import, refused files, queries.  Every test runs on SQLite and on a real
PostgreSQL server (tests/conftest.py starts one on 127.0.0.1).

Expected values are typed from IRCC's feed (rounds listed on canada.ca), not computed by the code.
"""
import copy
import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from express_entry.draws import db as dbmod
from express_entry.draws import importer, queries
from express_entry.draws.feed import FeedError
from express_entry.draws.models import PoolBand, Round

SEED = Path(__file__).resolve().parents[2] / "express_entry" / "data" / "draws" / "ee_rounds_123_en.json"


def _new_engine(request, folder):
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'draws.sqlite'}"
    else:
        url = request.getfixturevalue("make_postgres_database")()
    eng = dbmod.get_engine(url)
    if request.param != "sqlite":  # with EE_TEST_POSTGRES_URL the database may be shared: start clean
        from express_entry.draws.models import Base

        Base.metadata.drop_all(eng)
    dbmod.create_schema(eng)
    return eng


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    """An empty database (tables created), one per test."""
    eng = _new_engine(request, tmp_path)
    yield eng
    dbmod.close(eng)


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request, tmp_path_factory):
    """A database holding the seed feed, shared by the read-only query tests of this module."""
    eng = _new_engine(request, tmp_path_factory.mktemp("seeded"))
    load(eng)
    yield eng
    dbmod.close(eng)


def seed_data():
    return json.loads(SEED.read_text())


def load(engine, data=None):
    payload = json.dumps(data if data is not None else seed_data()).encode()
    return importer.import_feed(payload, engine)


def snapshot(engine):
    """Every row of both tables, as plain tuples, sorted."""
    with dbmod.session(engine) as s:
        rounds = sorted(
            (r.number, r.sort_key, r.date, r.name, r.type_id, r.size, r.crs, r.programs, r.datetime_text,
             r.tie_break_text, r.distribution_as_on)
            for r in s.execute(select(Round)).scalars())
        bands = sorted((b.round_number, b.key, b.low, b.high, b.candidates)
                       for b in s.execute(select(PoolBand)).scalars())
    return rounds, bands


def ask(engine, fn, *args, **kwargs):
    with dbmod.session(engine) as s:
        return getattr(queries, fn)(s, *args, **kwargs)


# ---------------------------------------------------------------- import

def test_import_is_idempotent(engine):
    first = load(engine)
    assert (first["added"], first["updated"], first["unchanged"]) == (438, 0, 0)
    assert first["rounds_in_database"] == 438
    assert first["latest_round_in_file"] == {"number": "437", "date": "2026-08-19"}
    assert first["warnings"] == ["round 247: range 451-500 is 55,867 but its 10-point ranges add up to 55,687"]
    rounds, bands = snapshot(engine)
    assert len(rounds) == 438
    assert len(bands) == 220 * 18  # rounds #214..#437 carry dd1..dd18
    second = load(engine)
    assert (second["added"], second["updated"], second["unchanged"]) == (0, 0, 438)
    assert snapshot(engine) == (rounds, bands)


def test_round_437_is_stored_as_published(engine):
    load(engine)
    with dbmod.session(engine) as s:
        r = s.get(Round, "437")
        assert (r.date, r.name, r.type_id, r.size, r.crs) == (
            dt.date(2026, 8, 19), "French-Language proficiency 2026-Version 2", "french", 5000, 382)
        assert r.distribution_as_on == dt.date(2026, 8, 16)
        assert r.tie_break_text == "March 1, 2026 at 18:34:05 UTC"
        counts = r.counts()
        assert counts["dd1"] == 439 and counts["dd6"] == 16626 and counts["dd18"] == 226859
        old = s.get(Round, "91a")
        assert (old.date, old.type_id, old.crs, old.counts()) == (dt.date(2018, 5, 30), "fst", 288, None)


def test_newer_rounds_are_added_and_older_kept(engine):
    older = seed_data()
    del older["rounds"][:3]  # the feed as it was before #435, #436 and #437
    assert load(engine, older)["added"] == 435
    result = load(engine)
    assert (result["added"], result["updated"], result["unchanged"]) == (3, 0, 435)
    # A feed holding only recent rounds changes nothing and removes nothing.
    recent = seed_data()
    recent["rounds"] = recent["rounds"][:5]
    result = load(engine, recent)
    assert (result["added"], result["updated"], result["unchanged"], result["rounds_in_database"]) == (0, 0, 5, 438)
    assert len(snapshot(engine)[0]) == 438


def test_a_changed_round_is_updated(engine):
    load(engine)
    before_rounds, before_bands = snapshot(engine)
    corrected = seed_data()
    corrected["rounds"][1]["drawCRS"] = "524"  # #436 corrected by IRCC
    corrected["rounds"][0]["dd6"] = "16,627"  # #437 distribution corrected
    corrected["rounds"][0]["dd3"] = "73,555"
    corrected["rounds"][0]["dd18"] = "226,860"
    result = load(engine, corrected)
    assert (result["added"], result["updated"], result["unchanged"]) == (0, 2, 436)
    with dbmod.session(engine) as s:
        assert s.get(Round, "436").crs == 524
        counts = s.get(Round, "437").counts()
        assert (counts["dd6"], counts["dd3"], counts["dd18"]) == (16627, 73555, 226860)
    after_rounds, after_bands = snapshot(engine)
    assert len(after_bands) == len(before_bands)
    changed = set(before_rounds) ^ set(after_rounds)
    assert {r[0] for r in changed} == {"436"}
    # Re-importing the same corrected feed is again a no-op.
    assert load(engine, corrected)["unchanged"] == 438


def test_a_round_losing_its_distribution_is_updated(engine):
    load(engine)
    data = seed_data()
    for k in [f"dd{i}" for i in range(1, 19)]:
        data["rounds"][0][k] = "0"
    assert load(engine, data)["updated"] == 1
    with dbmod.session(engine) as s:
        r = s.get(Round, "437")
        assert r.counts() is None and r.distribution_as_on is None
    assert ask(engine, "data_info")["distribution_round"] == "436"


BAD_FILES = {
    "truncated JSON": lambda raw: raw[: len(raw) // 2],
    "not JSON": lambda raw: b"<html>Service unavailable</html>",
    "not UTF-8": lambda raw: b"\xff\xfe" + raw[:100],
}


def _mutated(fn):
    data = seed_data()
    fn(data)
    return json.dumps(data).encode()


BAD_DATA = {
    "bad number in the newest round": lambda d: d["rounds"][0].__setitem__("drawSize", "5.000"),
    "bad date deep in the file": lambda d: d["rounds"][300].__setitem__("drawDate", "2019-13-01"),
    "missing key in the last round": lambda d: d["rounds"][-1].pop("drawCRS"),
    "new round with a bad distribution": lambda d: d["rounds"].insert(0, dict(d["rounds"][0], drawNumber="438",
                                                                               drawDate="2026-08-20", dd9="n/a")),
    "rounds is not a list": lambda d: d.__setitem__("rounds", {"437": d["rounds"][0]}),
    "duplicate round": lambda d: d["rounds"].append(copy.deepcopy(d["rounds"][0])),
    "cut-off over 1200": lambda d: d["rounds"][2].__setitem__("drawCRS", "1,760"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES) + sorted(BAD_DATA))
def test_bad_files_are_refused_and_change_nothing(engine, case):
    older = seed_data()
    del older["rounds"][:2]
    load(engine, older)
    before = snapshot(engine)
    raw = SEED.read_bytes()
    payload = BAD_FILES[case](raw) if case in BAD_FILES else _mutated(BAD_DATA[case])
    with pytest.raises(FeedError):
        importer.import_feed(payload, engine)
    assert snapshot(engine) == before


def test_refusal_names_the_round_and_field(engine):
    load(engine)
    payload = _mutated(lambda d: d["rounds"][300].__setitem__("drawDate", "2019-13-01"))
    number = seed_data()["rounds"][300]["drawNumber"]
    with pytest.raises(FeedError, match=rf"round {number}, field 'drawDate': '2019-13-01' is not a date"):
        importer.import_feed(payload, engine)


def test_failure_while_writing_rolls_everything_back(engine, monkeypatch):
    """Even a failure in the middle of the writes (after some rows were sent) leaves the database as it was."""
    older = seed_data()
    del older["rounds"][:3]
    load(engine, older)
    before = snapshot(engine)
    calls = {"n": 0}
    real = importer._bands

    def failing(counts):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        return real(counts)

    monkeypatch.setattr(importer, "_bands", failing)
    corrected = seed_data()
    corrected["rounds"][5]["dd1"] = "1"  # an update too, before the failing insert
    corrected["rounds"][5]["dd2"] = str(int(corrected["rounds"][5]["dd2"].replace(",", "")) - 1 + 439)
    with pytest.raises(RuntimeError, match="disk full"):
        importer.import_feed(json.dumps(corrected).encode(), engine)
    assert calls["n"] == 3
    assert snapshot(engine) == before


def test_seed_is_loaded_on_first_use(engine):
    dbmod.ensure_ready(engine)
    assert len(snapshot(engine)[0]) == 438
    info = ask(engine, "data_info")
    assert (info["latest_round_date"], info["distribution_as_on"]) == ("2026-08-19", "2026-08-16")


# ---------------------------------------------------------------- queries

def _by_type(result):
    return {g["type"]: g for g in result["types"]}


def test_latest_by_type(seeded):
    res = ask(seeded, "latest_by_type")
    assert res["data"]["latest_round_date"] == "2026-08-19"
    assert res["data"]["distribution_as_on"] == "2026-08-16"
    g = _by_type(res)
    picks = {t: (g[t]["rounds"][0]["number"], g[t]["rounds"][0]["date"], g[t]["rounds"][0]["cutoff_crs"])
             for t in g}
    assert picks["cec"] == ("436", "2026-08-18", 523)
    assert picks["pnp"] == ("435", "2026-08-17", 760)
    assert picks["french"] == ("437", "2026-08-19", 382)
    assert picks["transport"] == ("434", "2026-08-07", 470)
    assert picks["skilled-military-recruits"] == ("430", "2026-07-23", 368)
    assert picks["healthcare-social-services"] == ("422", "2026-06-25", 475)
    assert picks["trades"] == ("408", "2026-04-02", 477)
    assert picks["general"] == ("294", "2024-04-23", 529)  # the last all-program round
    assert picks["fsw"] == ("240", "2023-02-02", 489)
    assert "researchers-canadian-experience" not in g  # no round yet
    assert list(g)[:3] == ["general", "cec", "pnp"]


def test_latest_two_of_some_types_as_known_on_a_date(seeded):
    res = ask(seeded, "latest_by_type", ["cec", "Provincial Nominee Program"], count=2, on="2026-07-31")
    assert res["data"]["latest_round_date"] == "2026-07-23"
    assert res["data"]["distribution_as_on"] == "2026-07-19"
    g = _by_type(res)
    assert set(g) == {"cec", "pnp"}
    assert [(r["number"], r["cutoff_crs"]) for r in g["cec"]["rounds"]] == [("428", 516), ("424", 517)]
    assert [(r["number"], r["cutoff_crs"]) for r in g["pnp"]["rounds"]] == [("427", 744), ("423", 708)]


def test_latest_orders_rounds_of_the_same_day(seeded):
    res = ask(seeded, "latest_by_type", on="2018-05-30")
    g = _by_type(res)
    assert g["fst"]["rounds"][0]["number"] == "91a"
    assert g["pnp"]["rounds"][0]["number"] == "91b"
    assert res["data"]["latest_round"]["number"] == "91b"
    assert res["data"]["distribution_as_on"] is None  # no distribution in the feed before 2022


def test_lowest_cutoff_per_type_over_a_period(seeded):
    res = ask(seeded, "lowest_cutoffs", "2026-01-01", "2026-06-30")
    assert res["period"] == {"from": "2026-01-01", "to": "2026-06-30"}
    g = _by_type(res)
    # CEC rounds Jan-Jun 2026: 511, 509, 508, 508, 507, 509, 515, 514, 518, 516
    assert (g["cec"]["lowest_cutoff"], g["cec"]["highest_cutoff"], g["cec"]["rounds_in_period"]) == (507, 518, 10)
    assert [r["number"] for r in g["cec"]["rounds_at_lowest"]] == ["404"]
    # PNP: 711, 746, 749, 789, 710, 742, 802, 786, 795, 798, 805, 730
    assert (g["pnp"]["lowest_cutoff"], g["pnp"]["highest_cutoff"], g["pnp"]["rounds_in_period"]) == (710, 805, 12)
    # French: 400, 397, 393, 419, 400, 409
    assert (g["french"]["lowest_cutoff"], g["french"]["rounds_in_period"]) == (393, 6)
    assert g["healthcare-social-services"]["lowest_cutoff"] == 467
    assert g["physicians-canadian-experience"]["lowest_cutoff"] == 169
    assert "transport" not in g and "general" not in g
    # invitations: 8,000 + 6,000 + 6,000 + 4,000 + 4,000 + 2,250 + 2,000 + 2,000 + 3,000 + 4,000
    assert g["cec"]["invitations_in_period"] == 41250


def test_lowest_cutoff_ties_list_every_round(seeded):
    res = ask(seeded, "lowest_cutoffs", "2026-02-01", "2026-03-10", ["cec"])
    g = _by_type(res)
    assert list(g) == ["cec"]
    assert g["cec"]["lowest_cutoff"] == 508
    assert [r["number"] for r in g["cec"]["rounds_at_lowest"]] == ["400", "396"]


def test_lowest_default_period_is_twelve_months_to_the_latest_round(seeded):
    res = ask(seeded, "lowest_cutoffs")
    assert res["period"] == {"from": "2025-08-20", "to": "2026-08-19"}
    res = ask(seeded, "lowest_cutoffs", types=["cec"], months=1)
    assert res["period"] == {"from": "2026-07-20", "to": "2026-08-19"}
    # CEC rounds from 2026-07-20: #428 516, #432 516, #436 523
    g = _by_type(res)
    assert (g["cec"]["lowest_cutoff"], g["cec"]["rounds_in_period"]) == (516, 3)
    assert [r["number"] for r in g["cec"]["rounds_at_lowest"]] == ["432", "428"]


def test_rounds_met_by_a_score(seeded):
    res = ask(seeded, "rounds_met", 509, "2026-01-01", "2026-03-31", ["cec"])
    g = _by_type(res)["cec"]
    # 390: 511 no; 392: 509 yes (equal); 396: 508 yes; 400: 508 yes; 404: 507 yes; 407: 509 yes
    assert [(r["number"], r["met"]) for r in g["rounds"]] == [
        ("407", True), ("404", True), ("400", True), ("396", True), ("392", True), ("390", False)]
    assert (g["rounds_met"], g["rounds_in_period"], g["latest_met"]["number"]) == (5, 6, "407")
    assert res["score"] == 509 and res["data"]["latest_round_date"] == "2026-08-19"
    assert "tie-breaking" in res["notes"][0]


def test_rounds_met_across_types(seeded):
    res = ask(seeded, "rounds_met", 470, months=3)
    g = _by_type(res)
    assert res["period"] == {"from": "2026-05-20", "to": "2026-08-19"}
    assert (g["cec"]["rounds_met"], g["cec"]["rounds_in_period"], g["cec"]["latest_met"]) == (0, 6, None)
    assert (g["french"]["rounds_met"], g["french"]["rounds_in_period"]) == (5, 5)
    assert g["transport"]["rounds"][0]["met"] is True  # cut-off 470: equal counts as met
    assert g["healthcare-social-services"]["rounds"][0]["met"] is False  # 475


def test_pool_position_from_the_latest_distribution(seeded):
    res = ask(seeded, "pool_position", 480)
    assert res["data"]["distribution_as_on"] == "2026-08-16"
    assert res["data"]["distribution_round"] == "437"
    p = res["position"]
    assert p["pool_total"] == 226859
    assert p["candidates_higher"] == {"at_least": 45077, "at_most": 45077, "exact": True}
    assert p["candidates_lower"] == {"at_least": 165156, "at_most": 181782, "exact": False}
    assert any("2026-08-16" in n for n in res["notes"])
    dist = [(d["band"], d["candidates"]) for d in res["distribution"]]
    assert dist == [("601-1200", 439), ("501-600", 18657), ("491-500", 12915), ("481-490", 13066),
                    ("471-480", 16626), ("461-470", 16133), ("451-460", 14814), ("441-450", 13555),
                    ("431-440", 13229), ("421-430", 11890), ("411-420", 11269), ("401-410", 10688),
                    ("351-400", 48600), ("301-350", 17269), ("0-300", 7709)]


def test_pool_uses_the_latest_as_on_date_not_the_latest_round(seeded):
    # #416 (2026-05-25) carries the pool as on 2026-05-10 (233,770); #417 (2026-05-27) as on 2026-05-24 (238,847).
    res = ask(seeded, "pool_position", 500, on="2026-05-26")
    assert (res["data"]["distribution_as_on"], res["data"]["distribution_round"]) == ("2026-05-10", "416")
    assert res["position"]["pool_total"] == 233770
    res = ask(seeded, "pool_position", 500, on="2026-05-27")
    assert (res["data"]["distribution_as_on"], res["data"]["distribution_round"]) == ("2026-05-24", "417")
    assert res["position"]["pool_total"] == 238847


def test_pool_position_with_no_distribution_yet(seeded):
    res = ask(seeded, "pool_position", 480, on="2021-06-30")
    assert res["position"] is None
    assert res["data"]["latest_round_date"] is not None
    assert "No score distribution" in res["notes"][0]


def test_pool_notes_inconsistent_official_figures(seeded):
    res = ask(seeded, "pool_position", 480, on="2023-04-26")
    assert res["data"]["distribution_round"] == "247"
    assert any("do not add up" in n and "55,867" in n for n in res["notes"])


def test_summary_for_score(seeded):
    res = ask(seeded, "summary_for_score", 480)
    assert res["data"]["latest_round_date"] == "2026-08-19"
    assert res["data"]["distribution_as_on"] == "2026-08-16"
    assert res["period"] == {"from": "2025-08-20", "to": "2026-08-19"}
    g = {x["type"]: x for x in res["by_type"]}
    assert (g["cec"]["latest_round"]["cutoff_crs"], g["cec"]["met_latest"]) == (523, False)
    assert (g["french"]["latest_round"]["cutoff_crs"], g["french"]["met_latest"]) == (382, True)
    assert (g["trades"]["rounds_met"], g["trades"]["rounds_in_period"]) == (1, 2)  # 505 (2025-09-18) and 477
    assert "general" not in g  # no all-program round in the last 12 months
    assert res["pool"]["candidates_higher"]["at_least"] == 45077


@pytest.mark.parametrize("fn, args, kwargs, field", [
    ("pool_position", (1201,), {}, "score"),
    ("pool_position", (-5,), {}, "score"),
    ("pool_position", ("abc",), {}, "score"),
    ("pool_position", (True,), {}, "score"),
    ("pool_position", (480,), {"on": "2026-13-01"}, "on"),
    ("latest_by_type", (["cec", "nope"],), {}, "type"),
    ("latest_by_type", (), {"count": 0}, "count"),
    ("lowest_cutoffs", ("2026-06-01", "2026-01-01"), {}, "from"),
    ("lowest_cutoffs", ("yesterday",), {}, "from"),
    ("rounds_met", (480,), {"months": 0}, "months"),
])
def test_bad_questions_name_the_field(seeded, fn, args, kwargs, field):
    with pytest.raises(queries.QueryError) as info:
        ask(seeded, fn, *args, **kwargs)
    assert info.value.field == field
    assert str(info.value).startswith(f"{field}: ")


def test_a_new_category_name_is_imported_and_queryable(engine):
    data = seed_data()
    new = dict(data["rounds"][0], drawNumber="438", drawDate="2026-08-20",
               drawName="Construction Occupations, 2026-Version 1", drawCRS="455", drawSize="1,500")
    data["rounds"].insert(0, new)
    assert load(engine, data)["added"] == 439
    res = ask(engine, "latest_by_type", ["construction-occupations"])
    g = _by_type(res)["construction-occupations"]
    assert g["type_label"] == "Construction Occupations"
    assert (g["rounds"][0]["number"], g["rounds"][0]["cutoff_crs"], g["rounds"][0]["version"]) == (
        "438", 455, "2026-Version 1")
    assert ask(engine, "data_info")["latest_round_date"] == "2026-08-20"
