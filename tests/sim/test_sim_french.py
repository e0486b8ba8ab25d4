"""French-speaking candidates without a model (tests/sim/french.py over the form-only driver): their whole-profile
posts and their step-by-step answers (every test kind, TEF/TCF by CO/CE/EE/EO in any order, levels, partners,
second tests, corrections, unknowns) are read to the right profile by the same extraction as English ones.
A fast guard of the French reading (understanding/french.py); the figures of record come from `make sim`."""
from tests.sim import sim
from tests.sim.french import english_sentences


def test_french_whole_profile_posts_are_read_whole():
    """200 French candidates post their whole profile in the first message: each is scored right, 99%+ of slots
    right, every test kind and post style."""
    records = sim.simulate(200, seed=5, driver_kind="form", mode="posts", language="fr")
    print(sim.report(records))
    assert [(r["id"], r["mismatch"]) for r in records if not r["right"]] == []
    checked = sum(r["slots_checked"] for r in records)
    assert sum(len(r["mismatch"]) for r in records) <= checked * 0.01
    assert len({r["style"] for r in records}) >= 6
    assert {r["profile"]["first_language"]["test"] for r in records} >= {"ielts", "celpip", "pte", "tef", "tcf",
                                                                        "clb", "nclc"}
    assert sum(1 for r in records if r["profile"].get("second_language")) >= 30
    assert sum(1 for r in records if r["profile"].get("spouse_education")) >= 20
    assert english_sentences(records) == []  # every reply in French


def test_french_answers_step_by_step_and_corrections():
    """French candidates answer one question at a time (the French bank's styles), half of them correct a fact
    after the result ("en fait j'ai 33 ans", "je me suis trompé, CE 379"): scored right, corrections honoured."""
    records = sim.simulate(60, seed=3, driver_kind="form", language="fr")
    print(sim.report(records))
    assert [(r["id"], r["mismatch"]) for r in records if not r["right"]] == []
    assert max(r["asked_max"] for r in records) <= 3
    corr = [r["correction"] for r in records if r.get("correction")]
    assert len(corr) >= 25 and all(c["honoured"] and c["shows_change"] for c in corr), \
        [(c["kind"], c["message"], c["reported"]) for c in corr if not c["honoured"]]
    assert english_sentences(records) == []


def test_french_unknowns_are_answers():
    """French candidates who don't know 1-3 facts ("je ne sais pas", "passer", "je préfère ne pas répondre"...):
    no question asked more than three times in a row, each score right without those facts."""
    records = sim.simulate(40, seed=6, driver_kind="form", mode="unknown", language="fr")
    print(sim.report(records))
    assert max(r["asked_max"] for r in records) <= 3
    assert [r["id"] for r in records if not r["right"]] == []
    assert english_sentences(records) == []
