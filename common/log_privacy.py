"""Keeps message text and profile values out of every log line, at every level.

Rasa 3.6 logs through structlog; when it is not attached to a terminal it writes
JSON with "dict tracebacks" that include each frame's local variables, and several
of its events carry the user's text or the slot values (``rest.message.received.failure``
logs the text at ERROR when handling a message fails, ``processor.slots.log`` and
``rasa.core.nlg.interpolator`` log slot values, DEBUG events log the parse data).

:func:`install` sets a log record factory (so it applies to every logger and every
handler, log files included, whenever they were set up) that rewrites each record:

- in JSON messages, the entries named in :data:`REDACTED_KEYS` become ``"[redacted]"``;
- Python warnings go through logging too (``logging.captureWarnings``);
- the text of the message being handled (:data:`current_text`, set by this project's channels,
  ``connectors.inbound``) is replaced by ``[message text]`` wherever it appears,
  in the message and in a traceback's text;
- the body of an HTTP answer quoted in an error (Rasa's ``ClientResponseError``:
  ``500, Internal Server Error, body='...'``; an action server's error answer can hold
  the whole conversation) becomes ``body=[redacted]``, in the message, in a traceback's
  text and in the strings of a JSON log line.

Idempotent; called when the Rasa server imports this project's connectors
(credentials.yml and endpoints.yml name them) and by the action server's start-up (``actions.start``).
Plain Python: no Rasa import.
"""
import contextvars
import json
import logging
import re
import traceback
from typing import Any, Text

# The text being handled (as received and as passed on), set by the channels (connectors.inbound) for the
# time a message is handled, so that the filter can remove it from any log line.
current_text: "contextvars.ContextVar[Any]" = contextvars.ContextVar(
    "express_entry_current_text", default=None)

REDACTED = "[redacted]"
TEXT_MARK = "[message text]"
REDACTED_KEYS = {
    "values", "locals", "text", "parse_data_text", "parse_data_entities", "slot_values",
    "prefilled_slots", "tracker_latest_message", "response", "response_text", "token_text",
    "entity", "current_entity", "next_entity", "rasa_events", "prediction_events", "events",
    "message", "user_message", "slots", "value", "entities", "tracker", "latest_message",
}
_MIN_TEXT = 2  # shorter texts (one character) would blank unrelated log words
# body='...' (or b'...') up to the last quote of its line: an HTTP answer quoted in an exception's message.
_BODY = re.compile(r"""body=b?(['"]).*\1""")
BODY_MARK = "body=" + REDACTED


def without_bodies(text: Text) -> Text:
    return _BODY.sub(BODY_MARK, text) if "body=" in text else text


def _scrub(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: (REDACTED if k in REDACTED_KEYS else _scrub(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, str):
        return without_bodies(value)
    return value


def _without_text(message: Text, text: Any) -> Text:
    if isinstance(text, (tuple, list)):  # the text as received and as passed on
        for one in sorted(text, key=len, reverse=True):
            message = _without_text(message, one)
        return message
    if not text or len(text.strip()) < _MIN_TEXT:
        return message
    for form in {text.strip(), json.dumps(text.strip())[1:-1], repr(text.strip())[1:-1]}:
        if len(form) >= _MIN_TEXT and form in message:
            # whole words only: a short answer ("no") must not blank "not" in other lines
            message = re.sub(r"(?<!\w)" + re.escape(form) + r"(?!\w)", TEXT_MARK, message)
    return message


def scrub_message(message: Text, text: Any = None) -> Text:
    """``message`` without redacted JSON entries and without ``text``."""
    stripped = message.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(message)
        except ValueError:
            data = None
        if isinstance(data, dict):
            message = json.dumps(_scrub(data), ensure_ascii=False)
    return _without_text(without_bodies(message), text)


def scrub_record(record: logging.LogRecord) -> logging.LogRecord:
    text = current_text.get()
    try:
        message = record.getMessage()
    except Exception:
        return record
    record.msg, record.args = scrub_message(message, text), ()
    if record.exc_info and record.exc_info[0] is not None:
        if not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        record.exc_text = _without_text(without_bodies(record.exc_text), text)
    return record


class RedactValues(logging.Filter):
    """The same rewriting as a filter, for handlers and loggers set up elsewhere."""

    def filter(self, record: logging.LogRecord) -> bool:
        scrub_record(record)
        return True


_FILTER = RedactValues()
_BASE_FACTORY = logging.getLogRecordFactory()


def _factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    return scrub_record(_BASE_FACTORY(*args, **kwargs))


# Loggers known to write slot values; also filtered at the logger.
KNOWN_LOGGERS = ("rasa.core.nlg.interpolator",)


def install() -> None:
    # Rasa reports some input problems as Python warnings, printed with the text
    # ("Failed to parse arguments in line '...'"): route them through logging and the factory.
    logging.captureWarnings(True)
    if logging.getLogRecordFactory() is not _factory:
        logging.setLogRecordFactory(_factory)
    for name in KNOWN_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
