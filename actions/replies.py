"""The domain's responses as texts, for the messages an action builds from several of them (a result's lines,
the list of what is kept, the form's summary): the words stay in domain.yml, the action fills and joins them.
A message that is one response is sent by name instead (``dispatcher.utter_message(response=...)``)."""
from typing import Any, Dict


def texts(domain: Dict[str, Any]) -> Dict[str, str]:
    """Each response of the domain by name: its first text."""
    return {name: (variants or [{}])[0].get("text") or "" for name, variants in (domain.get("responses") or {}).items()}


def fill(texts: Dict[str, str], response: str, /, **values: Any) -> str:
    """The ``response`` with its {placeholders} filled, as Rasa fills a response's."""
    return texts[response].format(**values)
