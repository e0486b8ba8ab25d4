"""Keeps profile values out of the Rasa server's logs.

Rasa 3.6 logs through structlog; when it is not attached to a terminal it writes
JSON with "dict tracebacks" that include each frame's local variables.  One such
error fires on every response whose text or button payload holds a ``{`` that is
not a slot name (e.g. ``/inform{"choice":"single"}``): ``rasa.core.nlg.interpolator``
then logs ``"values"``, the whole slot dictionary (age, scores, ...), at ERROR level.

:func:`install` adds a filter to that logger and to the root logger's handlers
that removes every ``"values"`` and ``"locals"`` entry from such JSON messages
before they are written.
Idempotent; called when the Rasa server imports this project's connectors
(credentials.yml and endpoints.yml name them).
"""
import json
import logging
from typing import Any

REDACTED_KEYS = {"values", "locals"}


def _scrub(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: ("[redacted]" if k in REDACTED_KEYS else _scrub(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


class RedactValues(logging.Filter):
    """Rewrites JSON log messages without their "values"/"locals" entries."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        if '"values"' not in message and '"locals"' not in message:
            return True
        try:
            data = json.loads(message)
        except ValueError:
            return True
        record.msg, record.args = json.dumps(_scrub(data)), ()
        return True


_FILTER = RedactValues()


# Loggers known to write slot values; filtered at the logger, whatever handlers exist later.
KNOWN_LOGGERS = ("rasa.core.nlg.interpolator",)


def install() -> None:
    for name in KNOWN_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
    for handler in logging.getLogger().handlers:  # everything else that is already set up
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)
