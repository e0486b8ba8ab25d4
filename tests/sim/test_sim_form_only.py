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
