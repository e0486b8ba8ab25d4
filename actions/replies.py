"""The domain's responses as texts, for the messages an action builds from several of them (a result's lines,
the list of what is kept, the form's summary): the words stay in domain.yml, the action fills and joins them.
A message that is one response is sent by name instead (``dispatcher.utter_message(response=...)``)."""
import datetime as dt
from string import Formatter
from typing import Any, Dict

from express_entry.facts import faq_facts


def texts(domain: Dict[str, Any]) -> Dict[str, str]:
    """Each response of the domain by name: its first text."""
    return {name: (variants or [{}])[0].get("text") or "" for name, variants in (domain.get("responses") or {}).items()}


def fill(texts: Dict[str, str], response: str, /, **values: Any) -> str:
    """The ``response`` with its {placeholders} filled, as the Rasa server fills a response's (connectors.nlg):
    the values given, and the rule figures of today's ruleset for the placeholders they leave
    (``{language_validity_years}``...), read when the text is filled."""
    text = texts[response]
    if any(name and name not in values for _, name, _, _ in Formatter().parse(text)):
        values = {**faq_facts(dt.date.today()), **values}
    return text.format(**values)
