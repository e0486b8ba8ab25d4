"""Rasa's response generator, with the rule figures of the day: a response may name any figure of
``express_entry.facts.faq_facts`` (``{age_max_points}``, ``{pnp_points}``, ``{job_offer_crs}``...), and it is
filled from the ruleset in force on the day the response is sent, read on every response (a server still
running on the day a new ruleset takes effect states the new figures from that day on).

endpoints.yml::

    nlg:
      type: connectors.nlg.RuleFiguresNLG

Everything else is Rasa's :class:`TemplatedNaturalLanguageGenerator`: the same choice of variant (conditions on
slots, channels), the same interpolation; a slot or a value the action passes wins over a figure of the same name.
One addition: among the conditional variations that match, those with the most conditions win, so that a French
variation (an English one's conditions plus ``language: fr``, issue 20) is chosen over its English twin, which
matches too. The figures are written in the conversation's language (the slot ``language``).
"""
import datetime as dt
from typing import Any, Dict, List, Optional, Text

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.nlg.generator import ResponseVariationFilter
from rasa.shared.constants import RESPONSE_CONDITION
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from express_entry.facts import faq_facts



def today() -> dt.date:
    return dt.date.today()


LANGUAGE_SLOT = "language"


def rule_figures(on: Optional[dt.date] = None, language: Optional[str] = None) -> Dict[str, str]:
    """The figures a response may name, from the ruleset in force on ``on`` (default: today), written in
    ``language`` (default: English)."""
    return faq_facts(on or today(), language or "en")


def most_specific(variations: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The variations with the most conditions among those given (all matching)."""
    most = max((len(v.get(RESPONSE_CONDITION) or ()) for v in variations), default=0)
    return [v for v in variations if len(v.get(RESPONSE_CONDITION) or ()) == most]


class MostSpecificVariationFilter(ResponseVariationFilter):
    """Rasa's choice of the variations that fit the channel and the slots, narrowed to the most specific ones."""

    def responses_for_utter_action(self, utter_action: Text, output_channel: Text,
                                   filled_slots: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return most_specific(super().responses_for_utter_action(utter_action, output_channel, filled_slots))


class RuleFiguresNLG(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Any = None, domain: Optional[Domain] = None, **_: Any) -> None:
        super().__init__((domain or Domain.empty()).responses)

    async def generate(self, utter_action: Text, tracker: DialogueStateTracker, output_channel: Text,
                       **kwargs: Any) -> Optional[Dict[Text, Any]]:
        slots = tracker.current_slot_values()
        values = {**rule_figures(language=slots.get(LANGUAGE_SLOT)), **slots}
        return self.generate_from_slots(utter_action, values, output_channel, **kwargs)

    def _random_response_for(self, utter_action: Text, output_channel: Text,
                             filled_slots: Dict[Text, Any]) -> Optional[Dict[Text, Any]]:
        """Rasa's random choice, among the most specific matching variations only."""
        import numpy as np

        if utter_action not in self.responses:
            return None
        suitable = MostSpecificVariationFilter(self.responses).responses_for_utter_action(
            utter_action, output_channel, filled_slots)
        return np.random.choice(suitable) if suitable else None
