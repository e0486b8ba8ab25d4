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
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from understanding.entities import find_entities, spacy_test_mentions


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False,
                          model_from="SpacyNLP")
class ProfileEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Profile facts as entities with roles and groups, by rules (spaCy Matcher, text2num, regular expressions)."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [SpacyNLP]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @staticmethod
    def required_packages() -> List[Text]:
        return ["spacy", "text_to_num"]

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = config

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> GraphComponent:
        return cls(config)

    def process_training_data(self, training_data: TrainingData, model: SpacyModel = None) -> TrainingData:
        return training_data

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        mentions = spacy_test_mentions(model.model)
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            found = self.add_extractor_name(find_entities(text, mentions))
            message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages
