"""connectors.rasa_speed: installed only when the Rasa server starts (connectors.server), never on import, only on
Rasa 3.6.x and unless EE_RASA_PATCH=0; Rasa still rejects a malformed action server response, with Rasa's own
message, and accepts a good one, while its constant schema is checked once instead of on every call; event type
names resolve to the same classes as Rasa's own walk of the Event subclasses, including classes defined later;
applied events are Rasa's over random conversations made of events of every Event subclass Rasa has."""
import datetime
import inspect
import json
import logging
import os
import subprocess
import sys

import jsonschema
import pytest
from jsonschema import ValidationError

from connectors import rasa_speed
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig
from tests.e2e.servers import ROOT

GOOD = {"events": [{"event": "slot", "name": "age", "value": 34, "timestamp": None},
                   {"event": "slot", "name": "requested_slot", "value": None}],
        "responses": [{"text": "Noted: age 34."}]}
BAD = [{"events": "x"}, {"events": [{"event": 3}]}, {"responses": [1]}, {"events": [{"event": "slot"}]}]


@pytest.fixture(scope="module")
def action():
    assert rasa_speed.install({}) is True  # this is Rasa 3.6.x, and EE_RASA_PATCH is not set to 0
    return RemoteAction("validate_profile_form", EndpointConfig("http://127.0.0.1:1/webhook"))


def test_installed_once(action):
    method = RemoteAction._validate_action_result
    assert rasa_speed.install({}) is True
    assert RemoteAction._validate_action_result is method


CHECK_INSTALL = """
import json, logging
logging.basicConfig(level=logging.INFO)
import connectors.tracker_store  # the store endpoints.yml names: importing it patches nothing
from connectors import rasa_speed
seen = [rasa_speed.installed()]
seen += [rasa_speed.install({"EE_RASA_PATCH": "0"}), rasa_speed.installed()]
seen += [rasa_speed.install({}, version="3.7.0"), rasa_speed.installed()]
seen += [rasa_speed.install({"EE_RASA_PATCH": "1"}), rasa_speed.installed()]
print(json.dumps(seen))
"""


def test_installed_only_when_asked_on_rasa_3_6_and_unless_turned_off():
    """In a fresh process (this one is patched): importing the tracker store installs nothing; EE_RASA_PATCH=0
    and another Rasa version are refused with the reason logged; then it installs."""
    run = subprocess.run([sys.executable, "-c", CHECK_INSTALL], cwd=ROOT, capture_output=True, text=True,
                         timeout=300, env={**{k: v for k, v in os.environ.items() if k != "EE_RASA_PATCH"},
                                           "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"})
    assert run.returncode == 0, run.stderr[-2000:]
    assert json.loads(run.stdout.strip().splitlines()[-1]) == [False, False, False, False, False, True, True]
    assert "Rasa runs unpatched (EE_RASA_PATCH=0)" in run.stderr
    assert "written for Rasa 3.6.x and this is Rasa 3.7.0" in run.stderr
    assert "Rasa speed-up installed" in run.stderr


@pytest.mark.parametrize("value, off", [("0", True), ("off", True), ("false", True), ("1", False), ("", False),
                                        (None, False)])
def test_turned_off_by_the_environment(value, off):
    assert rasa_speed.turned_off({} if value is None else {"EE_RASA_PATCH": value}) is off


@pytest.mark.parametrize("version, ok", [("3.6.21", True), ("3.6.0", True), ("3.7.0", False), ("3.5.17", False),
                                         ("4.0.0", False), ("3.60.1", False)])
def test_only_rasa_3_6(version, ok, caplog):
    assert (rasa_speed.unsupported(version) is None) is ok
    if not ok:
        with caplog.at_level(logging.WARNING, logger="connectors.rasa_speed"):
            assert rasa_speed.install({}, version=version) is False
        assert version in caplog.text and "refuses to install" in caplog.text


def test_good_response_accepted(action):
    assert action._validate_action_result(GOOD) is True


@pytest.mark.parametrize("bad", BAD)
def test_bad_response_rejected_like_rasa(action, bad):
    """Same error (message and path) as Rasa's own jsonschema.validate(result, spec)."""
    with pytest.raises(ValidationError) as expected:
        jsonschema.validate(bad, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError) as got:
        action._validate_action_result(bad)
    assert got.value.message.startswith(expected.value.message + ". Failed to validate Action server response")
    assert list(got.value.absolute_path) == list(expected.value.absolute_path)


def test_schema_checked_once(action, monkeypatch):
    calls = []
    kind = type(rasa_speed._validator(RemoteAction))
    monkeypatch.setattr(kind, "check_schema", classmethod(lambda cls, schema: calls.append(schema)))
    for _ in range(3):
        action._validate_action_result(GOOD)
    assert calls == []


def _walk(type_name):
    from rasa.shared.utils.common import all_subclasses

    return next((c for c in all_subclasses(Event) if c.type_name == type_name), None)


from rasa.shared.core.events import Event  # noqa: E402


def test_event_types_resolve_as_rasa_does(action):
    from rasa.shared.utils.common import all_subclasses

    names = {c.type_name for c in all_subclasses(Event)}
    assert {"slot", "user", "bot", "action", "active_loop"} <= names
    for name in names:
        assert Event.resolve_by_type(name) is _walk(name)
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", default=Event) is Event
    assert Event.resolve_by_type("topic") is None


def test_event_class_defined_later_is_found(action):
    assert Event.resolve_by_type("slot") is _walk("slot")  # the table is built

    from rasa.shared.core.events import SlotSet

    class LateEvent(SlotSet):  # concrete (Rasa's walk leaves abstract classes out)
        type_name = "ee_late_test_event"

    assert Event.resolve_by_type("ee_late_test_event") is LateEvent


def test_tracker_round_trip(action):
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    events = [ActionExecuted("action_listen"), UserUttered("I'm 34", {"name": "inform", "confidence": 0.9}),
              SlotSet("age", 34)]
    back = [Event.from_parameters(e.as_dict()) for e in events]
    assert [type(e) for e in back] == [type(e) for e in events] and back == events


# --- applied events: Rasa's algorithm with each event's class looked up once, remembered per tracker ---

# A value for each constructor parameter an Event subclass may require; names that matter to applied_events
# (actions, loops) are drawn from a small set so that the loop branches are taken. A later Rasa whose new event
# class needs a parameter not listed here fails test_every_event_class_is_in_the_pool: add a value for it.
def _values(rnd):
    from rasa.core.test import EvaluationStore
    from rasa.shared.core.events import UserUttered

    action = rnd.choice(["action_listen", "profile_form", "other_form", "utter_why"])
    return {"action_name": action, "action_name_target": action, "action_text_target": "",
            "action_name_prediction": rnd.choice(["action_listen", "utter_why"]),
            "name": rnd.choice(["profile_form", "other_form", None]), "key": "age", "value": 34, "text": "hi",
            "intent": "EXTERNAL_remind", "trigger_date_time": datetime.datetime(2026, 1, 1),
            "use_text_for_featurization": False, "entities": [], "is_interrupted": False, "validate": True,
            "event": UserUttered("hi", intent={"name": "greet"}),
            "eval_store": EvaluationStore(intent_predictions=["faq"], intent_targets=["greet"])}


# How often each kind comes up: weighted towards what a form conversation is made of; every other class once.
WEIGHTS = {"ActionExecuted": 12, "UserUttered": 5, "SlotSet": 4, "BotUttered": 3, "ActiveLoop": 3,
           "DefinePrevUserUtteredFeaturization": 2, "Restarted": 0.3, "SessionStarted": 0.3}
FILLED = ("action_name", "name", "text")  # filled even where optional (ActionExecuted's name, UserUttered's text)


def _event_classes():
    """Every Event subclass Rasa has, whatever the tests imported before: rasa.core.test's evaluation events
    (subclasses of UserUttered and ActionExecuted) are imported here, not only when `rasa test` ran first."""
    import rasa.core.test  # noqa: F401
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    return sorted(all_subclasses(Event), key=lambda c: c.__name__)


def _maker(cls):
    params = [p for p in inspect.signature(cls.__init__).parameters.values()
              if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
              and (p.default is inspect.Parameter.empty or p.name in FILLED)]
    return lambda rnd: cls(**{p.name: _values(rnd)[p.name] for p in params})


def _event_pool():
    return [(_maker(cls), WEIGHTS.get(cls.__name__, 1)) for cls in _event_classes()]


def test_every_event_class_is_in_the_pool():
    import random

    classes = _event_classes()
    names = {c.__name__ for c in classes}
    assert len(classes) >= 20 and {"ActiveLoop", "LegacyForm", "ActionReverted", "WronglyPredictedAction"} <= names
    rnd = random.Random(1)
    made = [maker(rnd) for maker, _ in _event_pool()]
    assert [type(e) for e in made] == classes


def _random_events(rnd, pool, n):
    makers, weights = zip(*pool)
    return [m(rnd) for m in rnd.choices(makers, weights, k=n)]


def test_applied_events_same_as_rasa_on_random_conversations(action):
    import random

    from rasa.shared.core.trackers import DialogueStateTracker

    original = DialogueStateTracker.applied_events.rasa_original
    rnd, pool = random.Random(9), _event_pool()
    undone = 0
    for k in range(3000):
        events = _random_events(rnd, pool, rnd.randint(0, 80))
        tracker = DialogueStateTracker("t", [])
        tracker.events.extend(events)  # as stored, without replaying them through update()
        want = original(tracker)
        assert [id(e) for e in rasa_speed.applied_events(tracker.events)] == [id(e) for e in want], k
        assert [id(e) for e in tracker.applied_events()] == [id(e) for e in want], k
        undone += len(want) < len(events)
    assert undone > 2000  # the reverting branches were exercised, not just copying


def test_applied_events_remembered_until_the_tracker_changes(action):
    import random

    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    original = DialogueStateTracker.applied_events.rasa_original
    rnd, pool = random.Random(3), _event_pool()
    tracker = DialogueStateTracker("t", [])
    for _ in range(300):
        first = tracker.applied_events()
        first.append("the caller's own list")  # a caller may change what it got
        assert tracker.applied_events() == original(tracker)
        tracker.update(_random_events(rnd, pool, 1)[0])
        assert tracker.applied_events() == original(tracker)
    copy = tracker.copy()
    copy.update(UserUttered("later"))
    copy.update(ActionExecuted("action_listen"))
    assert copy.applied_events() == original(copy) and tracker.applied_events() == original(tracker)
    tracker.events = type(tracker.events)(list(tracker.events)[:-5])  # another list of events
    assert tracker.applied_events() == original(tracker)


# --- the response check by event name gives Rasa's full check's answer ---

def test_response_check_by_event_name_agrees_with_the_full_check(action):
    import random

    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    full, quick = rasa_speed._validator(RemoteAction), rasa_speed._by_event_name(RemoteAction)
    assert quick is not None
    names = sorted({c.type_name for c in all_subclasses(Event)})
    odd_values = [None, 3, "x", [], {}, {"a": 1}, 2.5, True]
    rnd = random.Random(5)
    outcomes = set()
    for _ in range(3000):
        events = []
        for _ in range(rnd.randint(0, 6)):
            event = {"event": rnd.choice(names + ["no_such_event", 7])}
            for key in rnd.sample(["name", "value", "timestamp", "text", "entities", "policy", "confidence",
                                   "metadata", "parse_data", "hide_rule_turn"], rnd.randint(0, 4)):
                event[key] = rnd.choice(odd_values + ["age", 0.5])
            if rnd.random() < 0.05:
                event = rnd.choice([{}, "slot", None, {"name": "age", "value": 1}])
            events.append(event)
        result = {"events": events, "responses": [{"text": "hi"}] if rnd.random() < 0.9 else [rnd.choice(odd_values)]}
        if rnd.random() < 0.05:
            result = rnd.choice([{"events": "x"}, [], {"events": None}, {}])
        valid = full.is_valid(result)
        assert quick(result) == valid, result
        outcomes.add(valid)
    assert outcomes == {True, False}


LAUNCHERS = ["scripts/serve_web.sh", "scripts/local_services.py", "scripts/terminal.py", "deploy/Dockerfile",
             "deploy/docker-compose.yml", "deploy/k8s.yaml", "tests/e2e/servers.py", "tests/channels/live.py"]


@pytest.mark.parametrize("path", LAUNCHERS)
def test_every_launcher_starts_the_rasa_server_through_its_start_up(path):
    """The Rasa server is started as `python -m connectors.server run ...` (connectors/server.py), never as a
    bare `rasa run` that would leave the start-up out; `rasa run actions` is the action server."""
    import re

    text = (ROOT / path).read_text()
    bare = [line.strip() for line in text.splitlines()
            if re.search(r"\brasa\b\W{0,3}\s*,?\s*\W?run\b", line) and "actions" not in line]
    assert bare == []
    assert "connectors.server" in text or "connectors.server import start" in text
