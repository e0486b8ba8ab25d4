"""connectors.action_validation: Rasa still rejects a malformed action server response, with Rasa's own
message, and accepts a good one, while its constant schema is checked once instead of on every call."""
import jsonschema
import pytest
from jsonschema import ValidationError

import connectors.tracker_store  # noqa: F401 (installs the check, as the Rasa server does via endpoints.yml)
from connectors import action_validation
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

GOOD = {"events": [{"event": "slot", "name": "age", "value": 34, "timestamp": None},
                   {"event": "slot", "name": "requested_slot", "value": None}],
        "responses": [{"text": "Noted: age 34."}]}
BAD = [{"events": "x"}, {"events": [{"event": 3}]}, {"responses": [1]}, {"events": [{"event": "slot"}]}]


@pytest.fixture(scope="module")
def action():
    action_validation.install()
    return RemoteAction("validate_profile_form", EndpointConfig("http://127.0.0.1:1/webhook"))


def test_installed_once(action):
    method = RemoteAction._validate_action_result
    action_validation.install()
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
    kind = type(action_validation._validator(RemoteAction))
    monkeypatch.setattr(kind, "check_schema", classmethod(lambda cls, schema: calls.append(schema)))
    for _ in range(3):
        action._validate_action_result(GOOD)
    assert calls == []
