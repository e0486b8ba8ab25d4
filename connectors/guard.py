"""What every input channel does to a message before the assistant sees it.

Plain Python (no Rasa import), shared by the REST, Telegram and Slack channels:

- :func:`clean_text` makes any text safe to store and parse: lone surrogates and
  other code points that cannot be encoded become U+FFFD, control characters
  (NUL included: PostgreSQL cannot store it) become spaces;
- :func:`too_long`: a message over :data:`MAX_MESSAGE_CHARS` characters is
  answered with :data:`TOO_LONG_REPLY` and never reaches NLU, the actions or the
  tracker store (nothing of it is stored);
- :func:`safe_payload`: a payload Rasa cannot answer, a bare retrieval intent such as
  ``/faq`` (Rasa 3.6 raises ``KeyError: 'response_selector'`` on it), an intent the
  model does not know or a malformed one (``//faq``, ``/ faq``, ``/inform{x``), is
  passed on as plain text without its slashes;
"""
import re
from typing import Iterable, Optional, Text

from understanding.limits import MAX_MESSAGE_CHARS

TOO_LONG_REPLY = (
    f"That message is too long for me (more than {MAX_MESSAGE_CHARS} characters), so I did not read "
    "or keep it. Please send a shorter answer."
)
# Characters that become a space: C0/C1 controls except tab and newline, and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# /intent, /intent@0.9, /intent{"entity": "value"}: what Rasa reads as a payload.
_PAYLOAD = re.compile(r"^/([A-Za-z0-9_-]{1,100})(@[0-9.]{1,10})?(\{.*\})?$", re.S)

def clean_text(text: object) -> Text:
    """A str that can be encoded, stored and logged safely (see the module docstring)."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    text = _SURROGATE.sub("\ufffd", text)
    return _CONTROL.sub(" ", text)


def too_long(text: Optional[Text]) -> bool:
    return text is not None and len(text) > MAX_MESSAGE_CHARS


def safe_payload(text: Text, retrieval_intents: Iterable[Text] = (),
                 intents: Optional[Iterable[Text]] = None) -> Text:
    """``text`` unless it is a payload Rasa cannot answer (see the module docstring).

    ``intents``: the model's intents (None: any well-formed payload is kept).
    """
    stripped = text.strip()
    if not stripped.startswith("/"):
        return text
    m = _PAYLOAD.match(stripped)
    if m and m.group(1) not in set(retrieval_intents) and (intents is None or m.group(1) in set(intents)):
        return text
    return stripped.lstrip("/").strip() or "?"
