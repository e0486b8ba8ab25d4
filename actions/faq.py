"""The FAQ answer: the response ``utter_faq/<key>`` that the ResponseSelector chose, with its figures.

The answers in data/nlu/responses/faq.yml are templates whose placeholders ({crs_max}, {funds_1},
...) are filled here with ``express_entry.facts.faq_facts(today, language)`` (in the conversation's
language), so every number the user reads comes from the ruleset in force (a new ruleset or proof-of-funds
table updates the answers).
Used by the rules in data/rules/faq.yml (any time) and data/rules/form.yml (in the middle of the form,
which then goes on).
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import language_of
from express_entry.facts import faq_facts

logger = logging.getLogger(__name__)

RETRIEVAL_INTENT = "faq"


def selected_key(latest_message: Dict[Text, Any]) -> Optional[Text]:
    """The FAQ key (``what_is_clb``) the ResponseSelector predicted for this parsed message, if any."""
    selector = (latest_message or {}).get("response_selector") or {}
    chosen = (selector.get(RETRIEVAL_INTENT) or selector.get("default") or {}).get("response") or {}
    full = chosen.get("intent_response_key") or ""
    if not full.startswith(RETRIEVAL_INTENT + "/"):
        return None
    key = full.split("/", 1)[1]
    return key or None


def today() -> dt.date:
    return dt.date.today()


class ActionAnswerFaq(Action):
    def name(self) -> Text:
        return "action_answer_faq"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        key = selected_key(tracker.latest_message)
        if key is None:
            # No FAQ key in the parse data (should not happen after a `faq` intent): say so, don't guess.
            logger.info("faq: no response key in the parse data")
            dispatcher.utter_message(response="utter_default")
            return []
        dispatcher.utter_message(response=f"utter_faq/{key}", **faq_facts(today(), language_of(tracker)))
        return []
