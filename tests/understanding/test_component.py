"""The NLU graph component (understanding/component.py) over the project's blank spaCy pipeline, and its
declaration in config.yml and domain.yml."""
import pathlib

import pytest
import yaml

from understanding.entities import ALL, ENTITIES, find_entities

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def component_and_model():
    spacy = pytest.importorskip("spacy")
    from rasa.nlu.utils.spacy_utils import SpacyModel

    from understanding.component import ProfileEntityExtractor

    path = ROOT / "build" / "spacy_en"
    nlp = spacy.load(path) if path.exists() else spacy.blank("en")
    component = ProfileEntityExtractor.create(ProfileEntityExtractor.get_default_config(), None, None, None)
    return component, SpacyModel(model=nlp, model_name=str(path))


def run(component_and_model, text, entities=()):
    from rasa.shared.nlu.training_data.message import Message

    component, model = component_and_model
    message = Message(data={"text": text, "entities": list(entities)})
    component.process([message], model)
    return message.get("entities")


def test_entities_with_roles_and_groups(component_and_model):
    found = run(component_and_model, "I'm 34, separated, 3 years here and 4 back home; IELTS 8 7.5 7 7")
    brief = [(e["entity"], e["value"], e.get("role"), e.get("group")) for e in found]
    assert ("age", 34, None, None) in brief and ("marital_status", "separated", None, None) in brief
    assert ("duration", 3, "canadian", None) in brief and ("duration", 4, "foreign", None) in brief
    assert ("language_test", "ielts", None, "1") in brief
    assert [b for b in brief if b[0] == "score"] == [("score", 8, "listening", "1"), ("score", 7.5, "reading", "1"),
                                                     ("score", 7, "writing", "1"), ("score", 7, "speaking", "1")]
    assert all(e["extractor"] == "ProfileEntityExtractor" for e in found)


def test_same_entities_as_the_action_server_computes(component_and_model):
    for text in ["my wife has a master's and CLB 9", "celpip 9 9 8 8 and tef 400 in everything",
                 "ielts:8 all, noc 21232", "Twenty nine, divorced"]:
        found = [{k: v for k, v in e.items() if k != "extractor"} for e in run(component_and_model, text)]
        assert found == find_entities(text)


def test_entities_of_other_extractors_are_kept(component_and_model):
    other = {"entity": "choice", "value": "married", "start": 0, "end": 7, "extractor": "X"}
    found = run(component_and_model, "married", [other])
    assert found[0] == other and found[1]["entity"] == "marital_status"


def test_pipeline_lists_the_component_and_the_domain_declares_what_it_emits():
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    names = [c["name"] for c in config["pipeline"]]
    assert "understanding.component.ProfileEntityExtractor" in names
    assert names.index("SpacyNLP") < names.index("understanding.component.ProfileEntityExtractor")
    assert "RegexEntityExtractor" not in names  # one extractor of the profile facts
    assert "EntitySynonymMapper" not in names  # it would turn canonical values (31, "masters") into strings
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    declared = {}
    for e in domain["entities"]:
        name, spec = (e, {}) if isinstance(e, str) else next(iter(e.items()))
        declared[name] = spec or {}
    assert set(ENTITIES) <= set(declared)
    texts = ["3 years here, 4 back home, my husband 1 year in canada, 2 years in my trade",
             "ielts 8 7 7 7 and tef 400 in all and celpip 9 everything", "my wife has a master's", "CLB 9",
             "my wife is 31"]
    for text in texts:
        for e in find_entities(text):
            if e.get("role"):
                assert e["role"] in declared[e["entity"]].get("roles", []), e
            if e.get("group"):
                assert e["group"] in declared[e["entity"]].get("groups", []), e
    assert ALL in declared["score"]["roles"]


def classify(text, intent, confidence=0.5):
    """ProfilePostClassifier after the extractor, on a message DIET gave `intent`: the intent it leaves."""
    from rasa.shared.nlu.training_data.message import Message

    from understanding.component import ProfilePostClassifier

    message = Message(data={"text": text, "entities": find_entities(text)})
    for e in message.get("entities"):
        e["extractor"] = "ProfileEntityExtractor"
    message.set("intent", {"name": intent, "confidence": confidence})
    message.set("intent_ranking", [{"name": intent, "confidence": confidence}])
    component = ProfilePostClassifier.create(ProfilePostClassifier.get_default_config(), None, None, None)
    component.process([message])
    return message.get("intent")["name"]


@pytest.mark.parametrize("text", ["I got 45 in reading, not 42", "I got 10 in speaking, not 5",
                                  "my writing is 7 not 6.5", "actually I'm 32", "that was a mistake, I'm 29",
                                  "sorry, my age is 39", "désolé, mon âge est 39", "oups, j'ai 39 ans"])
def test_a_fact_told_as_a_correction_is_a_correction(text):
    """The merged model sent "I got 45 in reading, not 42" to the fallback (0.55 against 0.46 for correct): a fact
    with a correction cue is the intent correct whatever DIET made of it."""
    pytest.importorskip("rasa")
    assert classify(text, "nlu_fallback") == "correct"
    assert classify(text, "deny") == "correct"


def test_an_intent_the_rules_confirm_is_certain():
    """DIET's own "correct" at 0.46 fell under the fallback threshold (0.55): confirmed by the rule, it is 1.0."""
    pytest.importorskip("rasa")
    from rasa.shared.nlu.training_data.message import Message

    from understanding.component import ProfilePostClassifier

    text = "I got 10 in speaking, not 5"
    message = Message(data={"text": text, "entities": [dict(e, extractor="ProfileEntityExtractor")
                                                        for e in find_entities(text)]})
    message.set("intent", {"name": "correct", "confidence": 0.46})
    message.set("intent_ranking", [{"name": "correct", "confidence": 0.46}, {"name": "deny", "confidence": 0.3}])
    ProfilePostClassifier.create({}, None, None, None).process([message])
    assert message.get("intent") == {"name": "correct", "confidence": 1.0}
    assert [r["name"] for r in message.get("intent_ranking")] == ["correct", "deny"]


@pytest.mark.parametrize("text, intent", [
    ("what if I got 9 in reading, not 7?", "what_if"),  # a what-if stays one
    ("not 42", "nlu_fallback"),  # no fact, nothing to correct
    ("how long is the test result valid", "faq"),  # no cue
    ("I got 8 in reading", "inform"),  # already a statement: left alone
])
def test_what_is_not_a_correction_is_left_alone(text, intent):
    pytest.importorskip("rasa")
    assert classify(text, intent) == intent


@pytest.mark.parametrize("text, diet, expected", [
    ("absolument pas", "affirm", "deny"),  # the model read "absolument" (the French simulator found it)
    ("pas du tout", "affirm", "deny"),
    ("no", "affirm", "deny"),
    ("oui tout à fait", "deny", "affirm"),
    ("yes", "affirm", "affirm"), ("non", "deny", "deny"),  # agreed: left alone
    ("I don't know", "deny", "deny"),  # neither for the rules: DIET's reading stays
])
def test_a_yes_or_no_the_rules_read_the_other_way_is_theirs(text, diet, expected):
    pytest.importorskip("rasa")
    assert classify(text, diet) == expected


def _overruled(text, ranking, fallback=False):
    """The message ``text`` with DIET's ``ranking`` [(intent, confidence), ...] after ProfilePostClassifier (and
    FallbackClassifier with config.yml's thresholds when ``fallback``): its intent and ranking."""
    pytest.importorskip("rasa")
    from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
    from rasa.shared.nlu.training_data.message import Message

    from understanding.component import ProfilePostClassifier

    message = Message(data={"text": text, "entities": [dict(e, extractor="ProfileEntityExtractor")
                                                        for e in find_entities(text)]})
    message.set("intent", {"name": ranking[0][0], "confidence": ranking[0][1]})
    message.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking])
    ProfilePostClassifier.create({}, None, None, None).process([message])
    if fallback:
        config = {**FallbackClassifier.get_default_config(), "threshold": 0.55, "ambiguity_threshold": 0.1}
        FallbackClassifier(config).process([message])
    return message.get("intent"), [r["name"] for r in message.get("intent_ranking")]


def test_a_post_diet_was_sure_was_a_question_is_not_ambiguous():
    """A French whole-profile post that DIET read as an FAQ question at 0.99 became inform at 1.0 with faq still at
    0.99 beside it: FallbackClassifier found the two within its ambiguity threshold and the profile was lost."""
    text = ("30 ans; conjoint de fait; bac S avec EDE; IELTS L9 R8 W6.5 S8.5 le 01/06/2026; 4 ans d'expérience en "
            "France; pas de PCP")
    intent, ranking = _overruled(text, [("faq", 0.99), ("inform", 0.01)], fallback=True)
    assert intent == {"name": "inform", "confidence": 1.0} and ranking == ["inform", "faq"]


@pytest.mark.parametrize("text", ["on my second test: reading 5.5", "à mon deuxième test : compréhension écrite 5.5"])
def test_a_fact_diet_doubts_between_statement_and_correction_goes_to_the_form(text):
    """After the result, "à mon deuxième test : compréhension écrite 5.5" was inform 0.50 / correct 0.49: the
    fallback, where both intents take the fact to the form. DIET's reading of a fact stands, certain."""
    intent, _ = _overruled(text, [("inform", 0.50), ("correct", 0.49)], fallback=True)
    assert intent == {"name": "inform", "confidence": 1.0}


def test_a_statement_without_a_fact_keeps_diet_s_doubt():
    """No fact the rules know: DIET's inform at 0.5 stays as it was (the fallback decides)."""
    assert _overruled("hmm well it depends", [("inform", 0.5)])[0] == {"name": "inform", "confidence": 0.5}


def _start_over_examples():
    examples = []
    for path in ("data/nlu/core.yml", "data/nlu/fr/core.yml", "tests/nlu_holdout/core.yml",
                 "tests/nlu_holdout/fr_core.yml"):
        for block in yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))["nlu"]:
            if block.get("intent") == "start_over":
                examples += [line[2:].strip() for line in block["examples"].splitlines() if line.strip()]
    return examples


def test_start_over_needs_its_words():
    """Starting over wipes the answers at once: "zéro" (0 years of work, at the question) was start_over at 0.78
    (the training data's "on recommence à zéro") and erased a French candidate's profile. Without the words of a
    request to start over, the message gets DIET's next guess; every example of the intent has them."""
    from understanding.rules import START_OVER

    examples = _start_over_examples()
    assert len(examples) > 30 and [e for e in examples if not START_OVER.search(e.lower())] == []
    for text, expected in [("zéro", "inform"), ("zéro an", "inform"), ("recommencer", "start_over"),
                           ("let's start all over again", "start_over")]:
        assert _overruled(text, [("start_over", 0.78), ("inform", 0.03)])[0]["name"] == expected, text
