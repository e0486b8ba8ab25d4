"""The conversation's language (issue 20): what a message is written in, what a switch request is, the slot's action
(first message, switch, channel defaults, sticky), the NLU pipeline's switch_language, and the response generator's
choice of the English or French variation. Model-free."""
import asyncio

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet as CoreSlotSet
from rasa.shared.core.slots import AnySlot, CategoricalSlot
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import replies
from actions.language import ActionSetLanguage, channel_default, chosen
from connectors.nlg import RuleFiguresNLG, most_specific
from connectors.rest import page_metadata
from connectors.telegram import language_code
from understanding.component import ProfilePostClassifier, language_entities
from understanding.language import detect, switch_request
from tests.sim.drivers import domain


@pytest.mark.parametrize("text, language", [
    ("Bonjour, je voudrais connaître mon score CRS", "fr"),
    ("j'ai 34 ans et je suis marié", "fr"),
    ("Quel est le score minimum?", "fr"),
    ("je suis célibataire", "fr"),
    ("bonjour", "fr"),
    ("hi", "en"),
    ("Hello", "en"),
    ("good morning", "en"),
    ("what is my CRS", "en"),
    ("I am 34 and married", "en"),
    # Nothing to go by: a number, a test, a NOC code, a job title alone, a button's payload.
    ("34", None), ("IELTS", None), ("TEF Canada", None), ("21231", None), ("software developer", None),
    ("développeur", None), ("ingénieur logiciel", None), ("technicien en génie civil", None),
    ("développeur de logiciels", None), ("manager of operations", None), ("I work as a développeur de logiciels", "en"), ("NCLC 7 partout", None), ("/greet", None), ("", None),
])
def test_the_language_of_a_message(text, language):
    assert detect(text) == language


@pytest.mark.parametrize("text, language", [
    ("in English please", "en"), ("can we speak French", "fr"), ("switch to French", "fr"),
    ("en français svp", "fr"), ("parlez-vous anglais ?", "en"), ("continuez en anglais", "en"),
    ("English", "en"), ("Français", "fr"), ("French please", "fr"), ("do you speak French?", "fr"),
    ("Can you reply in French?", "fr"), ("on peut parler français ?", "fr"), ("passons au français", "fr"),
    ("je préfère continuer en français", "fr"), ("let's switch to English", "en"),
    # A language named in a statement is not a request.
    ("my French test", None), ("I speak French at NCLC 7", None), ("TEF français NCLC 7", None),
    ("français: CO 450 CE 300 EE 400 EO 420", None), ("I took the TEF in French", None),
    ("I can speak French", None), ("je peux parler français", None), ("a test in english, IELTS 7", None),
])
def test_a_switch_request(text, language):
    assert switch_request(text) == language
    assert [e["value"] for e in language_entities(text)] == ([language] if language else [])


def _parsed(text, intent="faq"):
    ranking = [{"name": intent, "confidence": 0.4}, {"name": "inform", "confidence": 0.3}]
    message = Message({TEXT: text, INTENT: ranking[0], "intent_ranking": ranking,
                       ENTITIES: [{**e, "extractor": "ProfileEntityExtractor"} for e in language_entities(text)]})
    ProfilePostClassifier({}).process([message])
    return message.get(INTENT)


def test_a_switch_request_is_the_intent_switch_language_whatever_diet_made_of_it():
    assert _parsed("en français svp", "inform") == {"name": "switch_language", "confidence": 1.0}
    assert _parsed("my French test")["name"] == "faq"
    assert _parsed("TEF français NCLC 7", "switch_language") == {"name": "inform", "confidence": 0.3}


def _message(text, entities=(), metadata=None):
    return {"text": text, "entities": list(entities), "metadata": metadata or {}}


SWITCH_FR = {"entity": "language", "value": "fr"}
SWITCH_EN = {"entity": "language", "value": "en"}


def test_the_first_message_decides():
    assert chosen(None, _message("Bonjour, je voudrais connaître mon score CRS")) == "fr"
    assert chosen(None, _message("what is my CRS")) == "en"
    assert chosen(None, _message("34")) is None  # not chosen yet: English, and the next message may decide


def test_a_switch_sets_it_at_any_time():
    assert chosen("en", _message('/switch_language{"language":"fr"}', [SWITCH_FR])) == "fr"
    assert chosen("fr", _message("in English please", [SWITCH_EN])) == "en"
    assert chosen(None, _message("Français", [SWITCH_FR], {"language_code": "en"})) == "fr"


def test_once_a_message_decided_it_changes_only_by_a_switch():
    assert chosen("en", _message("Bonjour, je voudrais connaître mon score CRS"), [_message("hi")]) == "en"
    assert chosen("fr", _message("what is my CRS", metadata={"language": "en-US"}), [_message("bonjour")]) == "fr"
    assert chosen("en", _message("bonjour"), [_message("Français", [SWITCH_EN])]) == "en"


def test_a_channel_default_gives_way_to_the_first_message_that_shows_a_language():
    # The web page's /greet set English from the browser; the person writes French: French.
    assert chosen("en", _message("Bonjour, je voudrais connaître mon score CRS"), [_message("/greet")]) == "fr"
    assert chosen("en", _message("34"), [_message("/greet")]) == "en"


def test_the_channel_gives_a_default_the_message_overrides():
    assert chosen(None, _message("/start", metadata={"language_code": "fr"})) == "fr"
    assert chosen(None, _message("/greet", metadata={"language": "fr-CA"})) == "fr"
    assert chosen(None, _message("what is my CRS", metadata={"language_code": "fr"})) == "en"
    assert chosen(None, _message("/start", metadata={"language_code": "de"})) is None
    assert channel_default({"language": "en_GB"}) == "en" and channel_default(None) is None


def _tracker(slot, message, earlier=()):
    events = [{"event": "user", "text": t, "parse_data": {"entities": []}} for t in [*earlier, message.get("text")]]
    return Tracker("x", {"language": slot}, message, events, False, None, {}, "action_listen")


def test_the_action_sets_the_slot_only_when_it_changes():
    run = ActionSetLanguage().run
    assert run(CollectingDispatcher(), _tracker(None, _message("bonjour")), {}) == [
        {"event": "slot", "timestamp": None, "name": "language", "value": "fr"}]
    assert run(CollectingDispatcher(), _tracker("fr", _message("bonjour")), {}) == []
    assert run(CollectingDispatcher(), _tracker(None, _message("21231")), {}) == []
    assert run(CollectingDispatcher(), _tracker("en", _message("bonjour"), ["hello"]), {}) == []
    assert run(CollectingDispatcher(), _tracker("en", _message("bonjour"), ["/greet"]), {})[0]["value"] == "fr"


def test_replies_language_of_the_conversation():
    assert replies.language_of(_tracker("fr", {})) == "fr"
    assert replies.language_of(_tracker(None, {})) == "en"


def test_telegram_and_the_web_page_pass_the_language_only():
    update = {"message": {"chat": {"type": "private"}, "from": {"id": 1, "language_code": "fr-CA"}, "text": "x"}}
    assert language_code(update) == "fr-CA"
    assert language_code({"callback_query": {"from": {"language_code": "en"}}}) == "en"
    assert language_code({"message": {"from": {}}}) is None and language_code("x") is None
    assert page_metadata({"metadata": {"language": "fr-FR", "other": 1}}) == {"language": "fr-FR"}
    assert page_metadata({"metadata": {"language": "<script>"}}) == {}
    assert page_metadata({"metadata": "fr"}) == {} and page_metadata({}) == {}


# The response generator.
FR = {"type": "slot", "name": "language", "value": "fr"}
ASKED_AGE = {"type": "slot", "name": "requested_slot", "value": "age"}
RESPONSES = {"utter_x": [
    {"text": "Hello"},
    {"condition": [FR], "text": "Bonjour"},
    {"condition": [ASKED_AGE], "text": "How old are you?"},
    {"condition": [ASKED_AGE, FR], "text": "Quel âge avez-vous?"},
]}


def _said(slots):
    nlg = RuleFiguresNLG(domain=Domain.from_dict({"responses": RESPONSES}))
    tracker = DialogueStateTracker.from_events(
        "x", [CoreSlotSet(k, v) for k, v in slots.items()],
        slots=[AnySlot("requested_slot", mappings=[]), CategoricalSlot("language", values=["en", "fr"], mappings=[])])
    return asyncio.run(nlg.generate("utter_x", tracker, "rest"))["text"]


@pytest.mark.parametrize("slots, text", [
    ({}, "Hello"),
    ({"language": "en"}, "Hello"),
    ({"language": "fr"}, "Bonjour"),
    ({"requested_slot": "age"}, "How old are you?"),
    ({"requested_slot": "age", "language": "fr"}, "Quel âge avez-vous?"),  # never its English twin
    ({"requested_slot": "age", "language": "en"}, "How old are you?"),
])
def test_the_response_generator_picks_the_most_specific_matching_variation(slots, text):
    for _ in range(5):  # a random choice among the ties: the same answer each time
        assert _said(slots) == text


def test_most_specific_keeps_the_ties():
    a, b, c = {"text": "a"}, {"text": "b", "condition": [FR]}, {"text": "c", "condition": [FR]}
    assert most_specific([a, b, c]) == [b, c] and most_specific([a]) == [a] and most_specific([]) == []


def test_the_domain_has_the_language_slot_intent_and_responses():
    d = domain()
    assert d["slots"]["language"]["mappings"] == [{"type": "custom", "action": "action_set_language"}]
    assert d["slots"]["language"]["values"] == ["en", "fr"]
    assert "switch_language" in d["intents"] and "language" in d["entities"]
    for form in ("profile_form", "cec_form"):
        assert "switch_language" in d["forms"][form]["ignored_intents"]
    greet = d["responses"]["utter_greet"]
    assert [b["payload"] for b in greet[0]["buttons"]][-1] == '/switch_language{{"language":"fr"}}'
    assert [b["payload"] for b in greet[1]["buttons"]][-1] == '/switch_language{{"language":"en"}}'


@pytest.mark.parametrize("language", ["fr", None])
def test_start_over_clears_the_answers_but_not_the_language(language):
    """"Recommencer" in a French conversation: every answer goes, the conversation stays in French (the French
    simulator found a start over that went on in English)."""
    from actions.actions import ActionStartOver

    trk = Tracker("s", {"age": 31.0, "language": language}, {}, [], False, None, {}, "action_listen")
    events = ActionStartOver().run(CollectingDispatcher(), trk, {})
    assert events[0]["event"] == "reset_slots"
    assert events[1:] == ([{"event": "slot", "timestamp": None, "name": "language", "value": "fr"}]
                          if language else [])


def test_a_switch_during_the_form_writes_the_progress_and_summary_of_the_question_again_in_the_new_language():
    """The progress line (and the summary) were written after the last answer, in the old language; a switch
    before the question is asked again writes them in the new one, the same figures."""
    from actions import fields
    from tests.rasa.test_form import SINGLE_DONE, run_form
    from tests.sim.drivers import domain

    before, _ = run_form({"age": 29}, "single", requested="marital_status")
    assert before["form_progress"].startswith("Question 3 of about ")
    slots = {"age": 29, **before, "language": "en"}
    message = {"text": "en français svp", "entities": [SWITCH_FR], "intent": {"name": "switch_language"}}

    def switch(slots, loop):
        tracker = Tracker("x", slots, message, [{"event": "user", "text": "hello", "parse_data": {"entities": []}}],
                          False, None, loop, "utter_language_switched")
        return {e["name"]: e["value"] for e in ActionSetLanguage().run(CollectingDispatcher(), tracker, domain())}

    got = switch(slots, {"name": "profile_form"})
    assert got == {"language": "fr", "form_progress": before["form_progress"].replace("of about", "sur environ")}
    assert switch(slots, {}) == {"language": "fr"}  # no form waiting for an answer: nothing else to write
    done = {**SINGLE_DONE, "language": "en", "requested_slot": "profile_confirmed", "form_progress": "Last step.",
            "profile_summary": fields.summary(SINGLE_DONE, replies.texts(domain(), "en"))}
    got = switch(done, {"name": "profile_form"})
    assert got["form_progress"] == "Dernière étape." and "État matrimonial : célibataire" in got["profile_summary"]
    assert got["profile_summary"] == fields.summary({**SINGLE_DONE, "language": "fr"}, replies.texts(domain(), "fr"))
