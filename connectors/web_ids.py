"""The web page's conversation ids: issued by the server, signed, carrying their issue time.

An id is ``web-<32 hex random>-<issue time, 8 hex, Unix seconds>-<32 hex HMAC-SHA256>``, the HMAC
covering the random part and the issue time under the server secret, so nobody can forge one or move its
time. It is checked with a full match (no trailing newline slips through) and a constant-time comparison.

An id is refused (:func:`refusal`) when:

- it is not one this server signed;
- it was ended: "End session" (``POST /webhooks/rest/session/end``) or a committed "delete my data";
- it has been idle for longer than :data:`IDLE_SECONDS` (2 hours, ``WEB_ID_IDLE_SECONDS``): no message since
  then, counted from the conversation's last stored event, or from the issue time when it has none.

What remembers ended ids and last activity is the tracker store when it can
(:class:`connectors.tracker_store.URLSQLTrackerStore`: shared by every Rasa server); otherwise a bounded
in-process record (one server, tests).

The secret must look random (:func:`check_secret_strength`): 32 characters or more, about 100 bits or more of
entropy by its own character counts, and not a repeated block.
Plain Python: no Rasa import.
"""
import collections
import hashlib
import hmac
import math
import os
import re
import secrets
import time
from typing import Any, Optional, Text

PREFIX = "web-"
ID_PATTERN = r"web-([0-9a-f]{32})-([0-9a-f]{8})-([0-9a-f]{32})"
_ID_RE = re.compile(ID_PATTERN)
IDLE_ENV = "WEB_ID_IDLE_SECONDS"
DEFAULT_IDLE_SECONDS = 2 * 60 * 60
# How far in the future an issue time may be (clocks of several servers differ a little).
CLOCK_SKEW = 300
MIN_SECRET_CHARS = 32
MIN_SECRET_BITS = 100

FORGED = "forged"
ENDED = "ended"
EXPIRED = "expired"


def idle_seconds(environ: Optional[dict] = None) -> float:
    env = os.environ if environ is None else environ
    value = (env.get(IDLE_ENV) or "").strip()
    return float(value) if value else float(DEFAULT_IDLE_SECONDS)


def check_secret_strength(value: Text, what: Text) -> None:
    """Raises ValueError unless ``value`` looks like a random secret (see the module docstring)."""
    hint = "e.g. python -c 'import secrets; print(secrets.token_hex(32))'"
    if len(value) < MIN_SECRET_CHARS:
        raise ValueError(f"{what} must be at least {MIN_SECRET_CHARS} characters long ({hint})")
    counts = collections.Counter(value)
    bits = -sum(c * math.log2(c / len(value)) for c in counts.values())
    grams = [value[i:i + 4] for i in range(len(value) - 3)]
    if bits < MIN_SECRET_BITS or len(set(grams)) < 0.9 * len(grams):
        raise ValueError(f"{what} is too weak: it must be a random secret ({hint})")


def _mac(secret: bytes, random_part: Text, issued: Text) -> Text:
    return hmac.new(secret, f"{PREFIX}{random_part}-{issued}".encode("ascii"), hashlib.sha256).hexdigest()[:32]


def new_sender_id(secret: bytes, now: Optional[float] = None) -> Text:
    random_part = secrets.token_hex(16)
    issued = format(int(time.time() if now is None else now), "08x")
    return f"{PREFIX}{random_part}-{issued}-{_mac(secret, random_part, issued)}"


def issue_time(sender: Any, secret: bytes) -> Optional[float]:
    """The issue time of a genuine id (full match, constant-time MAC check); None for any other value."""
    if not isinstance(sender, str):
        return None
    m = _ID_RE.fullmatch(sender)
    if not m or not hmac.compare_digest(m.group(3), _mac(secret, m.group(1), m.group(2))):
        return None
    return float(int(m.group(2), 16))


def valid_sender_id(sender: Any, secret: bytes) -> bool:
    """Signed by this server (says nothing of its age: see :func:`refusal`)."""
    return issue_time(sender, secret) is not None


class LocalRecord:
    """Ended ids and last activity kept in this process (a store that cannot keep them)."""

    MAX = 100_000

    def __init__(self) -> None:
        self.ended: "collections.OrderedDict[Text, float]" = collections.OrderedDict()
        self.seen: "collections.OrderedDict[Text, float]" = collections.OrderedDict()

    def _put(self, table: "collections.OrderedDict[Text, float]", key: Text, when: float) -> None:
        table.pop(key, None)
        table[key] = when
        while len(table) > self.MAX:
            table.popitem(last=False)

    async def end_sender_id(self, sender: Text, now: float) -> None:
        self._put(self.ended, sender, now)

    async def sender_id_ended(self, sender: Text) -> bool:
        return sender in self.ended

    async def last_activity(self, sender: Text) -> Optional[float]:
        return self.seen.get(sender)

    def touch(self, sender: Text, now: float) -> None:
        self._put(self.seen, sender, now)


def sessions_of(tracker_store: Any) -> Optional[Any]:
    """The store (or the store it wraps) that keeps ended ids and last activity, if any."""
    seen = set()
    while tracker_store is not None and id(tracker_store) not in seen:
        seen.add(id(tracker_store))
        if all(hasattr(tracker_store, m) for m in ("end_sender_id", "sender_id_ended", "last_activity")):
            return tracker_store
        tracker_store = getattr(tracker_store, "_tracker_store", None) or getattr(tracker_store, "tracker_store", None)
    return None


async def refusal(sender: Any, secret: bytes, store: Any, now: Optional[float] = None,
                  idle: Optional[float] = None) -> Optional[Text]:
    """None when ``sender`` may be used now; else why not (:data:`FORGED`, :data:`ENDED`, :data:`EXPIRED`)."""
    issued = issue_time(sender, secret)
    now = time.time() if now is None else now
    idle = idle_seconds() if idle is None else idle
    if issued is None or issued > now + CLOCK_SKEW:
        return FORGED
    if await store.sender_id_ended(sender):
        return ENDED
    last = max(issued, await store.last_activity(sender) or 0.0)
    if now - last > idle:
        return EXPIRED
    return None
