"""Say "deleted" only after the deletion is committed.

The privacy action (``action_delete_my_data``) sends the custom message
:data:`~common.names.ERASURE_REQUESTED_CUSTOM` and then its confirmation.
Rasa sends a turn's messages before it saves the tracker, and the deletion happens
when the tracker is saved (``connectors.tracker_store.URLSQLTrackerStore.save``).
:class:`ErasureGate` wraps a channel's output: it drops the marker and holds every
message after it; once the turn is over (the tracker saved), :meth:`ErasureGate.finish`
sends the held messages if the tracker store reports a committed deletion for that
sender, and an honest error otherwise (nothing deleted, nothing confirmed).
"""
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels.channel import OutputChannel

from common.names import ERASED_CUSTOM, ERASURE_REQUESTED_CUSTOM

ERASURE_FAILED_REPLY = (
    "Sorry, I could not delete your data just now: a storage error stopped it, so your answers "
    "and this conversation are still kept. Please try again in a few minutes."
)

# Outcomes of requested deletions, by sender id, reported by the tracker store (same process)
# and taken by the channel at the end of the turn. Bounded: a channel without the gate (e.g.
# `rasa shell`) never takes them.
_OUTCOMES: "OrderedDict[Text, bool]" = OrderedDict()
MAX_PENDING = 10_000


def report_outcome(sender_id: Text, committed: bool) -> None:
    _OUTCOMES.pop(sender_id, None)
    _OUTCOMES[sender_id] = committed
    while len(_OUTCOMES) > MAX_PENDING:
        _OUTCOMES.popitem(last=False)


def pop_outcome(sender_id: Text) -> Optional[bool]:
    return _OUTCOMES.pop(sender_id, None)


def is_request(message: Dict[Text, Any]) -> bool:
    return message.get("custom") == ERASURE_REQUESTED_CUSTOM


class ErasureGate(OutputChannel):
    """Delegates to ``inner`` until the erasure marker, then holds messages (see module)."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.requested = False
        self.held: List[Dict[Text, Any]] = []

    @classmethod
    def name(cls) -> Text:  # pragma: no cover - the inner channel's name is used
        return "erasure_gate"

    def __getattr__(self, item: Text) -> Any:
        return getattr(self.inner, item)

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        if is_request(message):
            self.requested = True
            return
        if self.requested:
            self.held.append(message)
            return
        await self.inner.send_response(recipient_id, message)

    async def finish(self, sender_id: Text, recipient_id: Text, web_page: bool = False) -> Optional[bool]:
        """After the turn: confirm or report the deletion. Returns the outcome (None: none asked)."""
        if not self.requested:
            return None
        committed = bool(pop_outcome(sender_id))
        if committed:
            for message in self.held:
                await self.inner.send_response(recipient_id, message)
            if web_page:
                await self.inner.send_response(recipient_id, {"custom": dict(ERASED_CUSTOM)})
        else:
            await self.inner.send_response(recipient_id, {"text": ERASURE_FAILED_REPLY})
        self.requested, self.held = False, []
        return committed
