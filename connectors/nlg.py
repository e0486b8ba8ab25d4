"""Rasa's response generator, with the rule figures of the day: a response may name any figure of
``express_entry.facts.faq_facts`` (``{age_max_points}``, ``{pnp_points}``, ``{job_offer_crs}``...), and it is
filled from the ruleset in force on the day the response is sent, read on every response (a server still
running on the day a new ruleset takes effect states the new figures from that day on).

endpoints.yml::

    nlg:
      type: connectors.nlg.RuleFiguresNLG

Everything else is Rasa's :class:`TemplatedNaturalLanguageGenerator`: the same choice of variant (conditions on
slots, channels), the same interpolation; a slot or a value the action passes wins over a figure of the same name.
"""
import datetime as dt
from typing import Any, Dict, Optional, Text

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from express_entry.facts import faq_facts



def today() -> dt.date:
    return dt.date.today()


def rule_figures(on: Optional[dt.date] = None) -> Dict[str, str]:
    """The figures a response may name, from the ruleset in force on ``on`` (default: today)."""
    return faq_facts(on or today())


class RuleFiguresNLG(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Any = None, domain: Optional[Domain] = None, **_: Any) -> None:
        super().__init__((domain or Domain.empty()).responses)

    async def generate(self, utter_action: Text, tracker: DialogueStateTracker, output_channel: Text,
                       **kwargs: Any) -> Optional[Dict[Text, Any]]:
        values = {**rule_figures(), **tracker.current_slot_values()}
        return self.generate_from_slots(utter_action, values, output_channel, **kwargs)
