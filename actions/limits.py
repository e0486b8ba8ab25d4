"""Bounds on the work one message can cause in the action server.

- :func:`bounded` caps a message at :data:`MAX_TEXT_CHARS` characters (the channels
  already refuse longer ones) and replaces every run of more than :data:`MAX_DIGITS`
  digits with :data:`TOO_BIG` (a number no question accepts), so that no number
  parsed from a message overflows a float or Python's int-from-string limit, and
  collapses each run of whitespace into one space (one newline if it holds one): a
  long run made some patterns (and text2num's) take time quadratic in its length;
- importing it binds the action server to loopback unless ``SANIC_HOST`` says
  otherwise (rasa-sdk 3.6 listens on 0.0.0.0 by default), installs the log
  filter that keeps message text and values out of the logs, and makes a failing
  action answered and logged without the conversation (:mod:`actions.failures`).
"""
import os
import re

from actions.failures import install as _answer_failures_without_the_conversation
from connectors.guard import MAX_MESSAGE_CHARS
from connectors.log_privacy import install as _keep_values_out_of_logs

# rasa_sdk.endpoint.run reads SANIC_HOST after it has imported the actions.
os.environ.setdefault("SANIC_HOST", "127.0.0.1")
_keep_values_out_of_logs()
_answer_failures_without_the_conversation()

MAX_TEXT_CHARS = MAX_MESSAGE_CHARS
MAX_DIGITS = 12
TOO_BIG = "9" * MAX_DIGITS
_LONG_DIGITS = re.compile(r"\d{%d,}" % (MAX_DIGITS + 1))
_SPACES = re.compile(r"\s+")


def _one_space(m: "re.Match") -> str:
    return "\n" if "\n" in m.group() else " "


def bounded(text: str) -> str:
    return _SPACES.sub(_one_space, _LONG_DIGITS.sub(TOO_BIG, (text or "")[:MAX_TEXT_CHARS]))
