"""The simulator without a model (tests/sim/drivers.py FormDriver): the parser and the form logic on 80 generated
candidates of another seed than the sample in test_sim.py, in seconds. A fast guard; the figures of record come
from the trained model (test_sim.py, and the full run of sim.py)."""
from tests.sim import sim


def test_form_logic_scores_right_and_honours_corrections():
    records = sim.simulate(80, seed=3, driver_kind="form")
    print(sim.report(records))
    wrong = [(r["id"], r["reported"], r["expected"], r["mismatch"]) for r in records if not r["right"]]
    assert len(wrong) <= 80 * 0.02, wrong
    assert max(r["asked_max"] for r in records) <= 3
    corr = [r["correction"] for r in records if r.get("correction")]
    assert corr and all(c["honoured"] and c["shows_change"] for c in corr), \
        [(c["kind"], c["message"], c["reported"], c["expected"]) for c in corr if not c["honoured"]]


def test_whole_profile_posts_are_read_whole():
    """200 candidates post their whole CRS profile in the first message (6 post styles, every test kind, levels,
    partners, second tests, half bands): each is scored right, 99%+ of slots right, median <= 3 messages."""
    records = sim.simulate(200, seed=5, driver_kind="form", mode="posts")
    print(sim.report(records))
    assert [r["id"] for r in records if not r["right"]] == []
    checked = sum(r["slots_checked"] for r in records)
    assert sum(len(r["mismatch"]) for r in records) <= checked * 0.01
    turns = sorted(r["turns"] for r in records)
    assert turns[len(turns) // 2] <= 3
    assert len({r["style"] for r in records}) >= 6


def test_dont_know_and_skip_are_answers():
    """200 candidates who don't know 1-3 facts ("I don't know", "skip", "rather not say", ...): no question is asked
    more than three times in a row, each score is right without those facts, each result names them."""
    records = sim.simulate(200, seed=6, driver_kind="form", mode="unknown")
    print(sim.report(records))
    assert max(r["asked_max"] for r in records) <= 3
    assert [r["id"] for r in records if not r["right"]] == []
    assert [(r["id"], r["unnamed"]) for r in records if r["unnamed"]] == []


def test_what_ifs_never_change_the_profile():
    """320 hypotheticals in 13 phrasings over 160 candidates (after a whole-profile post): each gets the engine's new
    total, and the profile's slots are identical before and after."""
    records = sim.simulate(160, seed=5, driver_kind="form", mode="whatif")
    print(sim.report(records))
    tries = [w for r in records for w in r["what_ifs"]]
    assert len(tries) >= 300 and len({w["phrasing"] for w in tries}) >= 10
    assert [(w["message"], w["expected"], w["got"]) for w in tries if w["got"] != w["expected"]] == []
    assert all(w["unchanged"] for w in tries)
