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
