"""The Rasa NLU component that puts the profile facts of a message in its entities (config.yml's pipeline).

    - name: understanding.component.ProfileEntityExtractor

It runs :func:`understanding.entities.find_entities` (age, marital status, education with role spouse, test
names with a group per test, scores with role = ability and the group of their test, durations of work with
role canadian / foreign / spouse / trade, NOC code, money, family size, test date), with test names matched
by spaCy's rule-based ``Matcher`` over the pipeline's spaCy model (SpacyNLP: the blank English pipeline at
build/spacy_en, nothing downloaded). Context-free: which question was asked is the form's business
(actions/parsing.py). Not trainable: the rules are code, so training only records that it is there.
"""
from typing import Any, Dict, List, Text, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import (ENTITIES, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY,
                                      PREDICTED_CONFIDENCE_KEY, TEXT)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from understanding import answers
from understanding.entities import (find_entities, is_correction, is_hypothetical_change, is_profile_post,
                                    spacy_test_mentions, states_a_fact)
from understanding.language import switch_request
from understanding.rules import START_OVER
from understanding.text import normalise


class _Rules(GraphComponent):
    """A component of rules (nothing to train, no configuration)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = config

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> GraphComponent:
        return cls(config)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False,
                          model_from="SpacyNLP")
class ProfileEntityExtractor(_Rules, EntityExtractorMixin):
    """Profile facts as entities with roles and groups, by rules (spaCy Matcher, text2num, regular expressions)."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [SpacyNLP]

    @staticmethod
    def required_packages() -> List[Text]:
        return ["spacy", "text_to_num"]

    def process_training_data(self, training_data: TrainingData, model: SpacyModel = None) -> TrainingData:
        return training_data

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        mentions = spacy_test_mentions(model.model)
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            found = self.add_extractor_name(find_entities(text, mentions) + language_entities(text))
            message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages


LANGUAGE_ENTITY = "language"
SWITCH_LANGUAGE = "switch_language"
START_OVER_INTENT = "start_over"


def language_entities(text: str) -> List[Dict[str, Any]]:
    """The entity ``language`` ("en"/"fr") of a request to continue in a language ("in English please", "en
    français svp", the buttons' "English" / "Français"), none for a language named in a statement ("my French
    test"): understanding.language.switch_request."""
    wanted = switch_request(text)
    if wanted is None:
        return []
    return [{"entity": LANGUAGE_ENTITY, "value": wanted, "start": 0, "end": len(text), "confidence_entity": 1.0}]


def _yes_no_reversed(text: str, ents, intent: str) -> bool:
    """DIET read a yes as a no or a no as a yes ("absolument pas" as affirm): the rules read the other one."""
    return answers.yes_no(normalise(text)) is (intent == "deny")


def _becomes(intent: str):
    return lambda diet: intent


# The rules that overrule DIET, tried in order: (the rule, DIET's intent -> the intent set, DIET's intents it may
# overrule). Found by the rule, the intent is certain (DIET's 0.46 would fall back).
# - A message that states several profile facts (understanding.entities.is_profile_post) and is not a what-if is a
#   statement ("CRS check please: 29, single, bachelor's, IELTS L8 R7 W7 S7..." read as an FAQ question would lose
#   every fact).
# - A what-if with profile facts is a what-if ("what if I got NCLC 9 in all four abilities?" read as a correction
#   would change the profile).
# - A single fact told as a correction is a correction ("I got 45 in reading, not 42" fell under the fallback
#   threshold).
# - A fact DIET read as a statement or a correction is DIET's reading, certain: both go to the form, so DIET's doubt
#   between the two ("on my second test: reading 5.5", inform 0.55 / correct 0.43) is no reason for the fallback.
# - A yes or a no that DIET read the other way round: the rules' reading wins.
OVERRULES = (
    (lambda text, ents, intent: is_profile_post(text, ents), _becomes("inform"),
     ("inform", "faq", "out_of_scope", "nlu_fallback", "ask_cutoff", "ask_why", "dont_know", "explain_score",
      "ask_capabilities", "greet", "thank", "ask_noc", "ask_privacy", "what_if", "affirm", "deny")),
    (lambda text, ents, intent: is_hypothetical_change(text, ents), _becomes("what_if"),
     ("what_if", "inform", "correct", "faq", "out_of_scope", "nlu_fallback", "explain_score", "ask_cutoff", "ask_why",
      "affirm", "deny", "start_assessment", "check_eligibility")),
    (lambda text, ents, intent: is_correction(text, ents), _becomes("correct"),
     ("correct", "faq", "out_of_scope", "nlu_fallback", "ask_cutoff", "ask_why", "dont_know", "explain_score",
      "ask_capabilities", "show_my_data", "deny", "affirm")),
    (lambda text, ents, intent: states_a_fact(ents), lambda diet: diet, ("inform", "correct")),
    (_yes_no_reversed, lambda diet: {"affirm": "deny", "deny": "affirm"}[diet], ("affirm", "deny")),
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ProfilePostClassifier(_Rules):
    """After the intent classifiers (config.yml, before FallbackClassifier), the rules overrule DIET: a request to
    switch language (the extractor's entity ``language``) is the intent ``switch_language``, and a message without
    one is never that intent (DIET's next guess); then OVERRULES (a profile post, a what-if, a correction, a yes or
    no read the other way round)."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            name = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if not text:
                continue
            ents = [e for e in message.get(ENTITIES, []) if e.get("extractor") == self_extractor()]
            if any(e.get("entity") == LANGUAGE_ENTITY for e in ents):
                self._set(message, SWITCH_LANGUAGE)  # a request to switch language, whatever DIET made of it
                continue
            if name == SWITCH_LANGUAGE:  # no request the rules know ("TEF français NCLC 7"): DIET's next guess
                name = self._drop(message, SWITCH_LANGUAGE)
            if name == START_OVER_INTENT and not START_OVER.search(text.lower()):  # wipes the answers: its words
                name = self._drop(message, START_OVER_INTENT)  # "zéro" (0 years) read as start over: DIET's next
            for rule, intent_for, overrulable in OVERRULES:
                if name in overrulable and rule(text, ents, name):
                    self._set(message, intent_for(name))
                    break
        return messages

    @staticmethod
    def _drop(message: Message, intent: str) -> str:
        """The message's intent becomes the best of the others; its name."""
        ranking = [r for r in message.get(INTENT_RANKING_KEY, []) if r.get(INTENT_NAME_KEY) != intent]
        top = ranking[0] if ranking else {INTENT_NAME_KEY: "nlu_fallback", PREDICTED_CONFIDENCE_KEY: 1.0}
        message.set(INTENT, top, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return top[INTENT_NAME_KEY]

    @staticmethod
    def _set(message: Message, intent: str):
        """The rules are certain: the intent gets confidence 1.0 and DIET's other intents keep their order at 0.0. Kept
        at their own confidence, a second intent DIET was sure of (an FAQ question at 0.99) made the message ambiguous
        to FallbackClassifier (ambiguity_threshold) and sent a whole-profile post to the fallback."""
        ranking = [{**r, PREDICTED_CONFIDENCE_KEY: 0.0} for r in message.get(INTENT_RANKING_KEY, [])
                   if r.get(INTENT_NAME_KEY) != intent]
        top = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}
        message.set(INTENT, top, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [top] + ranking, add_to_output=True)


def self_extractor() -> str:
    """The name the entity extractor's entities carry."""
    return ProfileEntityExtractor.__name__
