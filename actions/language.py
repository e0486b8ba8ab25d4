"""The conversation's language: the slot ``language`` ("en" or "fr"; unset = not chosen yet = English).

``action_set_language`` is the slot's custom mapping (domain.yml), which Rasa's ``action_extract_slots`` runs on
every user turn; the rules of a switch (data/rules/language.yml) run it too, because inside a form Rasa skips the
mappings of the form's ignored intents, switch_language among them. It returns a ``SlotSet`` only when the
language changes:

1. a switch request (the entity ``language`` = en/fr, from the intent switch_language: "in English please", "en
   français svp", the buttons' ``/switch_language{"language":"fr"}``) sets it at any time;
2. otherwise, until a message has decided it, the language the message is written in
   (understanding.language.detect);
3. otherwise, while it is unset, the channel's default from the message's metadata: Telegram's ``language_code``
   (connectors/telegram.py), the web page's ``language`` (the browser's language or its EN | FR switch);
4. otherwise it stays unset (English).

A channel's default is only a default: it gives the greeting its language, and the person's first message that
shows a language still decides ("Bonjour, je voudrais connaître mon score" in a browser set to English gets
French). Once a message has decided it, it changes only by a switch request. It is a slot: kept in the tracker store (a restart keeps it) and
listed by "show my data".
"""
from typing import Any, Dict, Iterable, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from understanding.language import LANGUAGES, detect

SLOT = "language"
ENTITY = "language"
DEFAULT = "en"


def requested(latest_message: Dict[Text, Any]) -> Optional[str]:
    """The language a switch request asks for (its entity ``language``), if the message is one."""
    for entity in (latest_message or {}).get("entities") or ():
        if entity.get("entity") == ENTITY and str(entity.get("value") or "").lower() in LANGUAGES:
            return str(entity["value"]).lower()
    return None


def channel_default(metadata: Optional[Dict[Text, Any]]) -> Optional[str]:
    """The language the channel suggests: Telegram's ``language_code`` ("fr", "fr-CA") or the web page's
    ``language`` ("fr-FR", "en"); None when it suggests neither French nor English."""
    metadata = metadata or {}
    for key in ("language_code", "language"):
        value = str(metadata.get(key) or "").strip().lower()
        base = value.replace("_", "-").split("-")[0]
        if base in LANGUAGES:
            return base
    return None


def decided_by(message: Dict[Text, Any]) -> Optional[str]:
    """The language a person's message decides: the one it asks for, else the one it is written in."""
    return requested(message) or detect(message.get("text") or "")


def chosen(current: Optional[str], latest_message: Dict[Text, Any],
           earlier_messages: Iterable[Dict[Text, Any]] = ()) -> Optional[str]:
    """The conversation's language after this message (None: not chosen yet). ``earlier_messages``: the person's
    messages before this one (parse data: text, entities), which tell whether one of them decided it already."""
    latest_message = latest_message or {}
    wanted = requested(latest_message)
    if wanted:
        return wanted
    if current in LANGUAGES and any(decided_by(m) for m in earlier_messages):
        return current
    return detect(latest_message.get("text") or "") or current or channel_default(latest_message.get("metadata"))


def earlier_user_messages(events: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """The person's messages before the latest one, as parse data."""
    users = [e for e in events if e.get("event") == "user"]
    return [{"text": e.get("text"), "entities": (e.get("parse_data") or {}).get("entities") or []}
            for e in users[:-1]]


def form_words(slots: Dict[Text, Any], language: str, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
    """When the language changes while the profile form waits for an answer: its question is asked again in the
    new language, with the progress line (and the summary, at the confirmation) written anew in that language
    (they were written, in the old one, after the last answer)."""
    requested = slots.get("requested_slot")
    if not requested or slots.get("form_progress") is None:
        return []
    from actions import dialogue, replies

    words = dialogue.form_words({**slots, SLOT: language}, requested, replies.texts(domain, language))
    return [SlotSet(k, v) for k, v in words.items()]


class ActionSetLanguage(Action):
    def name(self) -> Text:
        return "action_set_language"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        current = tracker.get_slot(SLOT)
        language = chosen(current, tracker.latest_message, earlier_user_messages(tracker.events))
        if language is None or language == current:
            return []
        in_form = (tracker.active_loop or {}).get("name") == "profile_form"
        return [SlotSet(SLOT, language)] + (form_words(dict(tracker.slots), language, domain) if in_form else [])
