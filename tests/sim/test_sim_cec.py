"""CEC-journey candidates (tests/sim/cec_journey.py): 120 generated dated histories (full time, part time, two
jobs, study periods, self-employment; jobs that ended, permits that end first, expired tests, Quebec), each
candidate's CEC date and CRS on that date worked out independently of the engine, against the journey's answer.

Without a model: the journey's slots as the form fills them from the candidate's answers, with the profile form's
answers already given (the journey reached after a CRS result), through action_cec_timeline. With the trained
model (e2e): whole conversations from a cold start, the date checked."""
import collections
import datetime as dt

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import cec
from tests.sim import cec_journey, size
from tests.sim.drivers import domain, render

N = 120


def _reply(slots):
    d = CollectingDispatcher()
    tr = Tracker("t", dict(slots), {"text": "", "intent": {"name": "inform"}, "entities": []}, [], False, None, {},
                 "action_listen")
    cec.ActionCecTimeline().run(d, tr, domain())
    return "\n".join(render(m, slots)["text"] for m in d.messages)


def test_the_journey_gives_each_candidate_its_date_and_crs(monkeypatch):
    today = dt.date.today()
    monkeypatch.setattr(cec, "_cec_cutoffs", lambda score: None)
    cands = cec_journey.generate_cec(N, seed=11, today=today)
    kinds = collections.Counter(c["cec"]["kind"] for c in cands)
    assert all(kinds[k] >= 20 for k in cec_journey.KINDS), kinds
    outcomes = collections.Counter()
    wrong = []
    for c in cands:
        exp = cec_journey.expected(c, today)
        outcomes["eligible" if exp["eligible_on"] else "+".join(exp["blocked_by"])] += 1
        reply = _reply(cec_journey.slots_of(c))
        if not cec_journey.check_reply(reply, exp, today):
            wrong.append((c["id"], c["cec"]["kind"], exp, reply[:400]))
    print(dict(outcomes))
    assert wrong == []
    assert outcomes["eligible"] >= 20 and len(outcomes) >= 4, outcomes


JOURNEYS = size(8, 100)


@pytest.mark.e2e
def test_whole_conversations_give_the_date(model_driver):
    records = cec_journey.run(JOURNEYS, seed=11, driver=model_driver)
    wrong = [(r["id"], r["kind"], r["expected"], r["reply"][:300]) for r in records if not r["right"]]
    assert len(wrong) <= max(1, JOURNEYS // 20), wrong
