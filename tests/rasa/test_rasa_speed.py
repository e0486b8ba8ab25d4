"""connectors.rasa_speed: Rasa still rejects a malformed action server response, with Rasa's own
message, and accepts a good one, while its constant schema is checked once instead of on every call; event type
names resolve to the same classes as Rasa's own walk of the Event subclasses, including classes defined later."""
import jsonschema
import pytest
from jsonschema import ValidationError

import connectors.tracker_store  # noqa: F401 (installs the check, as the Rasa server does via endpoints.yml)
from connectors import rasa_speed
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

GOOD = {"events": [{"event": "slot", "name": "age", "value": 34, "timestamp": None},
                   {"event": "slot", "name": "requested_slot", "value": None}],
        "responses": [{"text": "Noted: age 34."}]}
BAD = [{"events": "x"}, {"events": [{"event": 3}]}, {"responses": [1]}, {"events": [{"event": "slot"}]}]


@pytest.fixture(scope="module")
def action():
    rasa_speed.install()
    return RemoteAction("validate_profile_form", EndpointConfig("http://127.0.0.1:1/webhook"))


def test_installed_once(action):
    method = RemoteAction._validate_action_result
    rasa_speed.install()
    assert RemoteAction._validate_action_result is method


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

def _event_pool():
    from rasa.shared.core.events import (ActionExecuted, ActionExecutionRejected, ActionReverted, ActiveLoop,
                                         BotUttered, DefinePrevUserUtteredFeaturization, Restarted,
                                         SessionStarted, SlotSet, UserUttered, UserUtteranceReverted)

    # Weighted towards what a form conversation is made of; each kind Rasa's applied_events treats apart.
    return [(lambda: ActionExecuted("action_listen"), 6), (lambda: UserUttered("hi", {"name": "inform"}), 5),
            (lambda: DefinePrevUserUtteredFeaturization(False), 2), (lambda: ActionExecuted("profile_form"), 6),
            (lambda: ActiveLoop("profile_form"), 2), (lambda: ActiveLoop(None), 1),
            (lambda: ActionExecuted("other_form"), 2), (lambda: ActiveLoop("other_form"), 1),
            (lambda: ActionExecutionRejected("profile_form"), 1), (lambda: ActionExecuted("utter_why"), 3),
            (lambda: SlotSet("age", 34), 4), (lambda: BotUttered("ok"), 3), (lambda: ActionReverted(), 1),
            (lambda: UserUtteranceReverted(), 1), (lambda: Restarted(), 0.3), (lambda: SessionStarted(), 0.3)]


def _random_events(rnd, pool, n):
    makers, weights = zip(*pool)
    return [m() for m in rnd.choices(makers, weights, k=n)]


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
