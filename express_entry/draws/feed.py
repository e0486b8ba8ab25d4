"""Read and check IRCC's rounds-of-invitations feed (``ee_rounds_123_en.json``).

The whole file is checked before anything is written to the database: one bad
round refuses the whole file, with a message naming the round and the field.

Pure Python: no database and no third-party import.
"""
import datetime as dt
import json
import re
from typing import Any, Dict, List

from ..vocabulary import MONTHS, parse_iso_date
from .classify import classify
from .pool import DD_KEYS, MAX_CRS, consistency_problems

FEED_URL = "https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json"

OPTIONAL_TEXT = ["drawDateFull", "drawText2", "drawDateTime", "drawCutOff"]

_MONTHS = {m.lower(): i for i, m in enumerate(MONTHS, start=1)}
_LONG_DATE = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?[,.]?\s*(\d{4})$")
_NUMBER = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")
_DRAW_NUMBER = re.compile(r"^(\d{1,5})([a-z]?)$")


class FeedError(ValueError):
    """A feed that cannot be imported.  ``round`` and ``field`` say where."""

    def __init__(self, message: str, round: str = None, field: str = None, accepted: str = None):
        self.round, self.field, self.accepted = round, field, accepted
        where = []
        if round is not None:
            where.append(f"round {round}")
        if field is not None:
            where.append(f"field {field!r}")
        text = (", ".join(where) + ": " if where else "") + message
        if accepted:
            text += f" (expected {accepted})"
        super().__init__(text)


def parse_long_date(text: str) -> dt.date:
    """"August 16, 2026" -> date(2026, 8, 16)."""
    m = _LONG_DATE.match(" ".join(text.split()))
    if not m or m.group(1).lower() not in _MONTHS:
        raise ValueError(text)
    return dt.date(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))


def draw_sort_key(number: str) -> int:
    """"437" -> 4370, "91a" -> 911, "91b" -> 912: orders rounds held the same day."""
    m = _DRAW_NUMBER.match(number)
    return int(m.group(1)) * 10 + (ord(m.group(2)) - ord("a") + 1 if m.group(2) else 0)


def _text(raw: dict, key: str, label: str, required: bool = True) -> str:
    if key not in raw:
        if required:
            raise FeedError("is missing", label, key)
        return ""
    value = raw[key]
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise FeedError(f"must be text, got {type(value).__name__} {value!r}", label, key)
    return " ".join(value.split())


def _int(raw: dict, key: str, label: str, lo: int = 0, hi: int = None) -> int:
    if key not in raw:
        raise FeedError("is missing", label, key)
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise FeedError(f"must be a whole number, got {value!r}", label, key, "digits such as \"1,250\"")
    text = str(value).strip()
    if not _NUMBER.match(text):
        raise FeedError(f"is not a whole number: {value!r}", label, key, "digits such as \"1,250\"")
    n = int(text.replace(",", ""))
    if n < lo or (hi is not None and n > hi):
        raise FeedError(f"{n} is out of range", label, key, f"{lo} to {hi}" if hi is not None else f">= {lo}")
    return n


def parse_round(raw: Any, index: int) -> Dict[str, Any]:
    """One checked, normalised round (a plain dict with Python values)."""
    if not isinstance(raw, dict):
        raise FeedError(f"rounds[{index}] must be an object, got {type(raw).__name__}", field="rounds")
    number = raw.get("drawNumber")
    label = number if isinstance(number, str) and number.strip() else f"at position {index + 1}"
    number = _text(raw, "drawNumber", label)
    if not _DRAW_NUMBER.match(number):
        raise FeedError(f"{number!r} is not a round number", label, "drawNumber", "digits, e.g. \"437\" or \"91a\"")
    date_text = _text(raw, "drawDate", label)
    date = parse_iso_date(date_text)
    if date is None:
        raise FeedError(f"{date_text!r} is not a date", label, "drawDate", "YYYY-MM-DD")
    name = _text(raw, "drawName", label)
    if not name:
        raise FeedError("is empty", label, "drawName")
    size = _int(raw, "drawSize", label, 0)
    crs = _int(raw, "drawCRS", label, 0, MAX_CRS)
    as_on_text = _text(raw, "drawDistributionAsOn", label)
    try:
        as_on = parse_long_date(as_on_text) if as_on_text else None
    except ValueError:
        raise FeedError(f"{as_on_text!r} is not a date", label, "drawDistributionAsOn",
                        "a date such as \"August 16, 2026\"") from None
    counts = {k: _int(raw, k, label, 0) for k in DD_KEYS}
    extra = {k: _text(raw, k, label, required=False) for k in OPTIONAL_TEXT}
    has_distribution = counts["dd18"] > 0
    if has_distribution and as_on is None:
        raise FeedError("is empty but the round has a score distribution", label, "drawDistributionAsOn")
    if has_distribution and as_on > date:
        raise FeedError(f"{as_on} is after the round's date {date}", label, "drawDistributionAsOn")
    rtype = classify(name)
    return {
        "number": number,
        "sort_key": draw_sort_key(number),
        "date": date,
        "name": name,
        "type_id": rtype.id,
        "size": size,
        "crs": crs,
        "programs": extra["drawText2"],
        "datetime_text": extra["drawDateTime"],
        "tie_break_text": extra["drawCutOff"],
        "distribution_as_on": as_on if has_distribution else None,
        "distribution": counts if has_distribution else None,
        "warnings": [f"round {number}: {p}" for p in consistency_problems(counts)] if has_distribution else [],
    }


def parse_feed(data: Any) -> List[Dict[str, Any]]:
    """Check a decoded feed and return its rounds, normalised.  Raises FeedError."""
    if not isinstance(data, dict):
        raise FeedError(f"the file must be a JSON object with a \"rounds\" list, got {type(data).__name__}",
                        field="rounds")
    if "rounds" not in data:
        raise FeedError("is missing: this is not IRCC's rounds feed", field="rounds")
    if not isinstance(data["rounds"], list):
        raise FeedError(f"must be a list, got {type(data['rounds']).__name__}", field="rounds")
    if not data["rounds"]:
        raise FeedError("is empty: no rounds to import", field="rounds")
    rounds, seen = [], set()
    for i, raw in enumerate(data["rounds"]):
        r = parse_round(raw, i)
        if r["number"] in seen:
            raise FeedError("appears twice in the file", r["number"], "drawNumber")
        seen.add(r["number"])
        rounds.append(r)
    return rounds


def decode(payload: bytes, source: str = "the file") -> Any:
    """JSON bytes -> Python, with a clear error.  Accepts a UTF-8 BOM."""
    try:
        text = payload.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FeedError(f"{source} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FeedError(f"{source} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
