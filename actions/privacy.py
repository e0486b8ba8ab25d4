"""Privacy actions: show what is kept, delete it after a confirmation, welcome back.

- ``action_show_my_data`` lists every answer the assistant keeps for this chat
  (its slots) and how much of the conversation is stored.
- ``action_delete_my_data`` runs only right after ``utter_ask_delete_data`` (the
  confirmation question); it ends the form, clears the slots and sets the slot
  ``data_erasure``, on which the tracker store
  (``connectors.tracker_store.URLSQLTrackerStore``) deletes every stored event
  of this sender id instead of saving the turn.
- ``action_offer_saved_profile`` (after the greeting) offers a returning user
  the answers kept from last time; it says nothing to a new user.

Nothing here logs a slot value.  In a Slack channel (the bot @-mentioned) none of
these actions shows or deletes anything: only in a direct message
(``direct_message`` in the message's metadata, set by ``connectors.slack``).
"""
import datetime as dt
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import replies
from common.names import ERASURE_REQUESTED_CUSTOM, ERASURE_SLOT
from express_entry import concepts
from express_entry.vocabulary import count_text, number_text

# Slots that are bookkeeping, not something the user told us.
INTERNAL_SLOTS = {"requested_slot", "session_started_metadata", ERASURE_SLOT, "form_progress",
                  "profile_summary", "noc_choices_shown"}
# Not answers either: results and flags worked out by the assistant.
DERIVED_SLOTS = {"crs_score", "eligible_programs", "profile_confirmed", "wants_eligibility", "assessed_on"}
# The conversation's language (slot ``language``) by its own name, as the greeting's button names it.
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
CONFIRMATION_QUESTION = "utter_ask_delete_data"
DIRECT_MESSAGE_ONLY = "utter_privacy_direct_message_only"


def private_conversation(tracker: Tracker) -> bool:
    """False in a Slack channel: privacy answers are given in a direct message only."""
    if tracker.get_latest_input_channel() != "slack":
        return True
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    return metadata.get("direct_message") is True


def label(slot: Text, language: Text = "en") -> Text:
    """A kept slot's heading (express_entry/data/labels/<language>.yaml): its own, else in English its name
    capitalised, in another language the form's or the score's name of the fact."""
    own = concepts.kept_labels(language).get(slot)
    if own or language == "en":
        return own or slot.replace("_", " ").capitalize()
    named = concepts.field_labels(language).get(slot) or concepts.words("factors", language).get(slot)
    if not named:  # a test's score: "second_language_reading" -> "Deuxième langue : compréhension de l'écrit"
        group, _, ability = slot.rpartition("_")
        heading = concepts.words("language_groups", language).get(group)
        ability = concepts.words("abilities", language).get(ability)
        named = f"{heading} : {ability}" if heading and ability else slot
    return named[:1].upper() + named[1:]


def shown(value: Any, language: Text = "en") -> Text:
    """A kept value in the conversation's language: yes/no, numbers, the labels' words for enumerated values
    ("married", abilities), lists and score tables."""
    form = concepts.words("form", language)
    if isinstance(value, bool):
        return form["yes"] if value else form["no"]
    if isinstance(value, (int, float)):
        return count_text(value, language) if isinstance(value, float) else number_text(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(shown(v, language) for v in value) or form["none"]
    if isinstance(value, dict):
        names = concepts.words("abilities", language)
        return ", ".join(f"{names.get(k, k)} {shown(v, language)}" for k, v in value.items())
    return str(concepts.words("values", language).get(value, value)) if isinstance(value, str) else str(value)


def shown_value(slot: Text, value: Any, language: Text = "en") -> Text:
    if slot == "language":
        return LANGUAGE_NAMES.get(value, str(value))
    return shown(value, language)


def kept_slots(tracker: Tracker) -> Dict[Text, Any]:
    """Slots with a value, in the domain's order, bookkeeping left out."""
    return {k: v for k, v in tracker.slots.items()
            if v is not None and k not in INTERNAL_SLOTS and not k.startswith("validate_")}


def answers(tracker: Tracker) -> Dict[Text, Any]:
    return {k: v for k, v in kept_slots(tracker).items() if k not in DERIVED_SLOTS}


def user_messages(tracker: Tracker) -> List[Dict[Text, Any]]:
    return [e for e in tracker.events if e.get("event") == "user"]


def last_action_before_latest_message(tracker: Tracker) -> Optional[Text]:
    """The bot action that ran just before the user's latest message (action_listen skipped)."""
    seen_user = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            if seen_user:
                return None
            seen_user = True
        elif seen_user and kind == "action" and event.get("name") != "action_listen":
            return event.get("name")
    return None


class ActionShowMyData(Action):
    def name(self) -> Text:
        return "action_show_my_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if not private_conversation(tracker):
            dispatcher.utter_message(response=DIRECT_MESSAGE_ONLY)
            return []
        language = replies.language_of(tracker)
        texts = replies.texts(domain, language)
        slots = kept_slots(tracker)
        lines = [replies.fill(texts, "utter_privacy_kept_answer", language=language, label=label(k, language),
                              value=shown_value(k, v, language))
                 for k, v in slots.items()]
        if not slots:
            lines.append(texts["utter_privacy_kept_no_answers"])
        count = len(user_messages(tracker))
        first = next((e.get("timestamp") for e in tracker.events if e.get("timestamp")), None)
        if first:
            since = f"{dt.datetime.utcfromtimestamp(first):%Y-%m-%d %H:%M}"
            lines.append(replies.fill(texts, "utter_privacy_kept_messages_since", language=language, count=count,
                                      since=since))
        else:
            lines.append(replies.fill(texts, "utter_privacy_kept_messages", language=language, count=count))
        dispatcher.utter_message(response="utter_privacy_kept", lines="\n".join(lines))
        return []


class ActionDeleteMyData(Action):
    def name(self) -> Text:
        return "action_delete_my_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if not private_conversation(tracker):
            dispatcher.utter_message(response=DIRECT_MESSAGE_ONLY)
            return []
        if last_action_before_latest_message(tracker) != CONFIRMATION_QUESTION:
            # Never delete without the confirmation question just before.
            dispatcher.utter_message(response=CONFIRMATION_QUESTION)
            return []
        # The channel holds what follows this marker until the deletion is committed
        # (connectors/erasure.py) and says so honestly if it fails. `rasa shell` (make run)
        # has no such channel and would print the marker; it shows the reply only after the
        # turn was saved anyway.
        if tracker.get_latest_input_channel() != "cmdline":
            dispatcher.utter_message(json_message=dict(ERASURE_REQUESTED_CUSTOM))
        dispatcher.utter_message(response="utter_privacy_deleted")
        return [ActiveLoop(None), AllSlotsReset(), SlotSet(ERASURE_SLOT, True)]


class ActionOfferSavedProfile(Action):
    def name(self) -> Text:
        return "action_offer_saved_profile"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        saved = answers(tracker)
        if not saved or not private_conversation(tracker):
            return []
        score = tracker.get_slot("crs_score")
        if score is None:
            dispatcher.utter_message(response="utter_privacy_welcome_back", count=len(saved))
        else:
            dispatcher.utter_message(response="utter_privacy_welcome_back_score", count=len(saved), score=shown(score))
        return []
