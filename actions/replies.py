"""The domain's responses as texts, for the messages an action builds from several of them (a result's lines,
the list of what is kept, the form's summary): the words stay in domain.yml, the action fills and joins them.
A message that is one response is sent by name instead (``dispatcher.utter_message(response=...)``)."""
import datetime as dt
from string import Formatter
from typing import Any, Dict

from express_entry.facts import faq_facts


LANGUAGES = ("en", "fr")


def language_of(tracker: Any) -> str:
    """The language to write to this conversation in: its slot ``language`` ("en" or "fr"; English while unset)."""
    language = tracker.get_slot("language")
    return language if language in LANGUAGES else "en"


def variant_language(variant: Dict[str, Any]) -> str:
    """The language a response variation is written in: its ``language`` slot condition, English without one."""
    for condition in variant.get("condition") or ():
        if condition.get("type") == "slot" and condition.get("name") == "language":
            return str(condition.get("value"))
    return "en"


def texts(domain: Dict[str, Any], language: str = "en") -> Dict[str, str]:
    """Each response of the domain by name: its first text in ``language`` (the English one when the response has
    no variation in that language)."""
    out = {}
    for name, variants in (domain.get("responses") or {}).items():
        variants = variants or [{}]
        mine = [v for v in variants if variant_language(v) == language] or variants
        out[name] = mine[0].get("text") or ""
    return out


def fill(texts: Dict[str, str], response: str, /, language: str = "en", **values: Any) -> str:
    """The ``response`` with its {placeholders} filled, as the Rasa server fills a response's (connectors.nlg):
    the values given, and the rule figures of today's ruleset, written in ``language``, for the placeholders they
    leave (``{language_validity_years}``...), read when the text is filled."""
    text = texts[response]
    if any(name and name not in values for _, name, _, _ in Formatter().parse(text)):
        values = {**faq_facts(dt.date.today(), language), **values}
    return text.format(**values)
