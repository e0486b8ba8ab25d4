"""Bounds on the work one message can cause, in either server.

- :data:`MAX_MESSAGE_CHARS`: the longest message read (the channels answer a longer one with a short reply and
  drop it, ``connectors.guard``; the web page's own limit, deep-chat's characterLimit, is the same);
- :func:`bounded` caps a message at :data:`MAX_TEXT_CHARS` characters and replaces every run of more than
  :data:`MAX_DIGITS` digits with :data:`TOO_BIG` (a number no question accepts), so that no number parsed from a
  message overflows a float or Python's int-from-string limit, and collapses each run of whitespace into one
  space (one newline if it holds one): a long run made some patterns (and text2num's) take time quadratic in
  its length.
"""
import re

MAX_MESSAGE_CHARS = 2000
MAX_TEXT_CHARS = MAX_MESSAGE_CHARS
MAX_DIGITS = 12
TOO_BIG = "9" * MAX_DIGITS
_LONG_DIGITS = re.compile(r"\d{%d,}" % (MAX_DIGITS + 1))
_SPACES = re.compile(r"\s+")


def _one_space(m: "re.Match") -> str:
    return "\n" if "\n" in m.group() else " "


def bounded(text: str) -> str:
    return _SPACES.sub(_one_space, _LONG_DIGITS.sub(TOO_BIG, (text or "")[:MAX_TEXT_CHARS]))
