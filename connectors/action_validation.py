"""Rasa's check of every action server response, without re-checking its own constant schema each time.

``rasa.core.actions.action.RemoteAction._validate_action_result`` calls ``jsonschema.validate(result, spec)``,
which first validates the spec itself against the JSON Schema draft 2020-12 meta-schema and only then the
response. The meta-schema check costs about 30 ms of CPU on every custom-action call (a third of the Rasa
server's time per message in this assistant, measured with py-spy under scripts/bench_chat.py), and the spec
never changes. :func:`install` keeps the response check (same schema, same validator class, the same best
error and message) with the schema checked once per action class.

The Rasa server imports this through ``connectors.tracker_store`` (endpoints.yml names that store), the same
way it installs the log-privacy filter.
"""
from typing import Any, Dict, Text

_MARK = "_ee_schema_checked_once"


def _validator(cls: type):
    validators = cls.__dict__.get("_ee_validators")
    if validators is None:
        from jsonschema.validators import validator_for

        spec = cls.action_response_format_spec()
        kind = validator_for(spec)
        kind.check_schema(spec)
        validators = kind(spec)
        setattr(cls, "_ee_validators", validators)
    return validators


def install() -> None:
    """Idempotent: replaces RemoteAction._validate_action_result by the cached-schema version."""
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    if getattr(RemoteAction._validate_action_result, _MARK, False):
        return

    def _validate_action_result(self, result: Dict[Text, Any]) -> bool:
        from jsonschema import exceptions

        error = exceptions.best_match(_validator(type(self)).iter_errors(result))
        if error is not None:
            error.message += (
                f". Failed to validate Action server response from API, "
                f"make sure your response from the Action endpoint is valid. "
                f"For more information about the format visit "
                f"{DOCS_BASE_URL}/custom-actions"
            )
            raise error
        return True

    setattr(_validate_action_result, _MARK, True)
    RemoteAction._validate_action_result = _validate_action_result
