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

3. ``DialogueStateTracker.applied_events`` (the events that count, without the reverted ones) walks the whole
   conversation with about ten ``isinstance`` checks per event against Rasa's abstract Event classes, and it is
   called about ten times a turn, 2.5 times on average for the same unchanged tracker (each policy featurizes
   the tracker, the session check, the replay): a third of the server's CPU in a correction after the result.
   :func:`install` keeps Rasa's algorithm step for step with each event's class looked up once per class, and
   remembers the answer on the tracker until its events change (a new event at either end, or another list).
4. The response check in 1. tries each returned event against Rasa's ``oneOf`` of 23 event schemas. Those
   schemas differ by the constant value of ``event``, so at most one can match: :func:`install` checks each event
   against the one its ``event`` names and, when anything fails, runs the full check for Rasa's own error.

In the open: :func:`install` is called once, explicitly, when the Rasa server starts (``python -m connectors.server
run ...``, the command every launcher of this project uses instead of ``rasa run``), never by importing a module.
It refuses to install on any Rasa other than 3.6.x (the copies in 3. are Rasa 3.6's code) and logs why, and
``EE_RASA_PATCH=0`` leaves Rasa as it is. ``rasa train``, ``rasa test`` and ``rasa run actions`` run Rasa unpatched.
docs/architecture.md ("Rasa, patched in the open") gives the measured gain; tests/rasa/test_rasa_speed.py checks
that every replaced method gives Rasa's answers, over events of every Event subclass Rasa has.
"""
import logging
import os
from typing import Any, Dict, Mapping, Optional, Text

logger = logging.getLogger(__name__)

ENV = "EE_RASA_PATCH"
SUPPORTED = (3, 6)

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


def _by_event_name(cls: type):
    """The check of 4.: a function telling whether a response is valid by checking each event against the one
    schema its ``event`` names, or None when the spec is not of that shape (then only the full check runs)."""
    checks = cls.__dict__.get("_ee_by_event_name", False)
    if checks is not False:
        return checks
    kind = type(_validator(cls))
    spec = cls.action_response_format_spec()
    checks = None
    events = (spec.get("properties") or {}).get("events") or {}
    items = events.get("items") or {}
    branches = items.get("oneOf") or []
    names = [((b.get("properties") or {}).get("event") or {}).get("const") for b in branches]
    if branches and all(isinstance(n, str) for n in names) and len(set(names)) == len(names):
        outer = kind({**spec, "properties": {**spec["properties"],
                                             "events": {k: v for k, v in events.items() if k != "items"}}})
        base = {k: v for k, v in items.items() if k != "oneOf"}
        per_name = {n: kind({**base, "allOf": [b]}) for n, b in zip(names, branches)}

        def checks(result: Any) -> bool:
            if not outer.is_valid(result):
                return False
            for event in result.get("events") or []:
                name = event.get("event") if isinstance(event, dict) else None
                one = per_name.get(name) if isinstance(name, str) else None
                if one is None or not one.is_valid(event):
                    return False
            return True

    setattr(cls, "_ee_by_event_name", checks)
    return checks


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


_KINDS: Dict[type, frozenset] = {}


def _kinds(event: Any) -> frozenset:
    """The Rasa event classes (of those applied_events tests with isinstance) this event is an instance of,
    worked out once per event class."""
    cls = type(event)
    kinds = _KINDS.get(cls)
    if kinds is None:
        from rasa.shared.core import events as ev

        names = ("Restarted", "SessionStarted", "ActionReverted", "UserUtteranceReverted", "ActionExecuted",
                 "ActiveLoop", "ActionExecutionRejected", "UserUttered", "DefinePrevUserUtteredFeaturization")
        kinds = _KINDS[cls] = frozenset(n for n in names if isinstance(event, getattr(ev, n)))
    return kinds


def _undo_till_previous(kind: str, done: list) -> None:
    while done:
        if kind in _kinds(done.pop()):
            break


def _first_loop_execution_or_unhappy_path(loop_name: Text, done: list) -> bool:
    next_action = None
    for event in reversed(done):
        kinds = _kinds(event)
        if "ActiveLoop" in kinds and event.name is None:
            return True
        if "ActionExecutionRejected" in kinds and event.action_name == loop_name:
            return True  # the loop was rejected: an unhappy path
        if "UserUttered" in kinds and next_action is not None and next_action != loop_name:
            return True  # another action than the loop ran after the user's message: an unhappy path
        if "ActionExecuted" in kinds:
            if event.action_name == loop_name:
                return False
            next_action = event.action_name
    return True


def _undo_till_previous_loop_execution(loop_name: Text, done: list) -> None:
    # Rasa walks a reversed copy and deletes done[-1 - offset]; that is the element it is looking at.
    for i in range(len(done) - 1, -1, -1):
        event = done[i]
        kinds = _kinds(event)
        if "ActionExecuted" in kinds and event.action_name == loop_name:
            break
        if kinds & {"ActionExecuted", "UserUttered", "DefinePrevUserUtteredFeaturization"}:
            del done[i]


def applied_events(events) -> list:
    """``DialogueStateTracker.applied_events`` of Rasa 3.6, step for step, over a tracker's events."""
    loop_names = {e.name for e in events if "ActiveLoop" in _kinds(e) and e.name}
    done: list = []
    for event in events:
        kinds = _kinds(event)
        if "Restarted" in kinds or "SessionStarted" in kinds:
            done = []
        elif "ActionReverted" in kinds:
            _undo_till_previous("ActionExecuted", done)
        elif "UserUtteranceReverted" in kinds:
            _undo_till_previous("UserUttered", done)
            _undo_till_previous("ActionExecuted", done)
        elif ("ActionExecuted" in kinds and event.action_name in loop_names
              and not _first_loop_execution_or_unhappy_path(event.action_name, done)):
            _undo_till_previous_loop_execution(event.action_name, done)
        else:
            done.append(event)
    return done


def _install_applied_events() -> None:
    from rasa.shared.core.trackers import DialogueStateTracker

    if getattr(DialogueStateTracker.applied_events, _MARK, False):
        return

    def remembered(self) -> list:
        events = self.events
        n = len(events)
        first, last = (events[0], events[-1]) if n else (None, None)
        memo = self.__dict__.get("_ee_applied_events")
        if not (memo and memo[0] is events and memo[1] == n and memo[2] is first and memo[3] is last):
            memo = (events, n, first, last, applied_events(events))
            self._ee_applied_events = memo
        return list(memo[4])

    setattr(remembered, _MARK, True)
    remembered.rasa_original = DialogueStateTracker.applied_events  # for the tests that compare the two
    remembered.__doc__ = DialogueStateTracker.applied_events.__doc__
    DialogueStateTracker.applied_events = remembered


def turned_off(environ: Optional[Mapping[str, str]] = None) -> bool:
    """True when ``EE_RASA_PATCH`` says to leave Rasa as it is (0, false, no, off)."""
    env = os.environ if environ is None else environ
    return (env.get(ENV) or "1").strip().lower() in ("0", "false", "no", "off")


def unsupported(version: Optional[str] = None) -> Optional[str]:
    """Why this Rasa version must not be patched (None: it is a 3.6.x, the version the copies are of)."""
    if version is None:
        from rasa import __version__ as version
    if tuple(version.split(".")[:2]) == tuple(str(n) for n in SUPPORTED):
        return None
    return (f"it is written for Rasa {'.'.join(map(str, SUPPORTED))}.x and this is Rasa {version} "
            f"(check the replaced methods against that version before allowing it)")


def install(environ: Optional[Mapping[str, str]] = None, version: Optional[str] = None) -> bool:
    """Called once at server start: installs the four shortcuts unless ``EE_RASA_PATCH=0`` or the Rasa version
    is not 3.6.x (logged either way). Idempotent. True when they are in place."""
    if turned_off(environ):
        logger.info("Rasa runs unpatched (%s=0).", ENV)
        return False
    why = unsupported(version)
    if why is not None:
        logger.warning("Rasa runs unpatched: connectors/rasa_speed.py refuses to install, %s.", why)
        return False
    _install()
    logger.info("Rasa speed-up installed (connectors/rasa_speed.py; %s=0 turns it off).", ENV)
    return True


def installed() -> bool:
    from rasa.core.actions.action import RemoteAction

    return bool(getattr(RemoteAction._validate_action_result, _MARK, False))


def _install() -> None:
    """The cached-schema check of action responses, the event type table and applied events."""
    _install_event_lookup()
    _install_applied_events()
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    if getattr(RemoteAction._validate_action_result, _MARK, False):
        return

    def _validate_action_result(self, result: Dict[Text, Any]) -> bool:
        from jsonschema import exceptions

        quick = _by_event_name(type(self))
        if quick is not None and quick(result):
            return True
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
