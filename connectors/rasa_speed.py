"""Two pieces of work the Rasa server (3.6) repeats on every turn for nothing, done once instead; measured with
py-spy on the server under scripts/bench_chat.py. Nothing else changes: same checks, same results, same errors.

1. ``RemoteAction._validate_action_result`` calls ``jsonschema.validate(result, spec)``, which first validates the
   spec itself against the JSON Schema draft 2020-12 meta-schema and only then the response. The meta-schema
   check costs about 30 ms of CPU on every custom-action call (a third of the server's time per message in this
   assistant) and the spec never changes. :func:`install` keeps the response check (same schema, same validator
   class, the same best error and message) with the schema checked once per action class.
2. ``Event.resolve_by_type`` (every event of the conversation, each time the tracker is loaded from the store)
   walks the whole tree of Event subclasses to find one type name. :func:`install` looks the name up in a table
   built from that same walk (first match wins, as in the walk); a name not in the table walks again, so event
   classes imported later are still found.

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


def _event_types():
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    table = {}
    for cls in all_subclasses(Event):
        table.setdefault(cls.type_name, cls)
    return table


def _install_event_lookup() -> None:
    from rasa.shared.core.events import Event

    if getattr(Event.resolve_by_type, _MARK, False):
        return
    original = Event.resolve_by_type
    table = {}

    def resolve_by_type(type_name, default=None):
        cls = table.get(type_name)
        if cls is None:
            table.clear()
            table.update(_event_types())
            cls = table.get(type_name)
        return cls if cls is not None else original(type_name, default)

    setattr(resolve_by_type, _MARK, True)
    Event.resolve_by_type = staticmethod(resolve_by_type)


def install() -> None:
    """Idempotent: the cached-schema check of action responses and the event type table."""
    _install_event_lookup()
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
