"""The privacy actions, run with rasa_sdk's Tracker and CollectingDispatcher."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.privacy import ActionDeleteMyData, ActionOfferSavedProfile, ActionShowMyData
from common import names
from tests.sim.drivers import domain, render

SLOTS = {"age": 31.0, "marital_status": "married", "first_language_test": "ielts",
         "first_language_listening": 8.5, "job_offer": False, "crs_score": 441.0,
         "eligible_programs": ["cec", "fsw"], "requested_slot": None, "form_progress": "question 3 of about 12",
         names.ERASURE_SLOT: None}


def tracker(events, slots=None, channel="rest", sender="web-123"):
    latest = next((e for e in reversed(events) if e.get("event") == "user"), {})
    return Tracker(sender, slots if slots is not None else dict(SLOTS), latest.get("parse_data", latest),
                   events, False, None, {}, "action_listen")


def user(text, intent, channel="rest"):
    return {"event": "user", "text": text, "timestamp": 1764300000.0, "input_channel": channel,
            "parse_data": {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []}}


def action(name):
    return {"event": "action", "name": name, "timestamp": 1764300001.0}


def run(act, trk):
    """(the messages as Rasa sends them: a response's text and buttons from domain.yml, filled; the events)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.new_event_loop().run_until_complete(act.run(dispatcher, trk, domain()))
    return [{**m, **render(m, trk.slots)} if m.get("response") else m for m in dispatcher.messages], events


def test_show_my_data_lists_every_kept_answer_and_the_conversation():
    trk = tracker([action("action_listen"), user("hi", "greet"), action("utter_greet"), action("action_listen"),
                   user("show my data", "show_my_data")])
    (message,), events = run(ActionShowMyData(), trk)
    assert events == []
    text = message["text"]
    for expected in ["Age: 31", "Marital status: married", "First language test: ielts",
                     "First language listening: 8.5", "Job offer: no", "Your last CRS estimate: 441",
                     "Programs you met: cec, fsw", "2 from you"]:
        assert expected in text
    assert "question 3" not in text and "Requested slot" not in text
    assert message["buttons"] == [{"title": "Delete my data", "payload": "/delete_my_data"}]


def test_show_my_data_for_a_new_user():
    trk = tracker([action("action_listen"), user("show my data", "show_my_data")], slots={"age": None})
    (message,), _ = run(ActionShowMyData(), trk)
    assert "No answers yet" in message["text"]
    assert "1 from you" in message["text"]


def test_delete_right_after_the_confirmation_question_marks_the_conversation():
    trk = tracker([action("action_listen"), user("delete my data", "delete_my_data"),
                   action("utter_ask_delete_data"), action("action_listen"),
                   user("/confirm_delete_data", "confirm_delete_data")])
    messages, events = run(ActionDeleteMyData(), trk)
    # The marker first: the channel holds the confirmation until the deletion is committed.
    assert messages[0]["custom"] == names.ERASURE_REQUESTED_CUSTOM
    assert "deleted" in messages[1]["text"]
    assert len(messages) == 2
    assert events == [
        {"event": "active_loop", "timestamp": None, "name": None},
        {"event": "reset_slots", "timestamp": None},
        {"event": "slot", "timestamp": None, "name": names.ERASURE_SLOT, "value": True},
    ]


def test_same_messages_on_every_channel():
    trk = tracker([action("action_listen"), user("delete", "delete_my_data", "telegram"),
                   action("utter_ask_delete_data"), action("action_listen"),
                   user("/confirm_delete_data", "confirm_delete_data", "telegram")])
    messages, events = run(ActionDeleteMyData(), trk)
    assert messages[0]["custom"] == names.ERASURE_REQUESTED_CUSTOM
    assert events[-1]["name"] == names.ERASURE_SLOT


def test_the_terminal_gets_no_marker():
    trk = tracker([action("action_listen"), user("delete", "delete_my_data", "cmdline"),
                   action("utter_ask_delete_data"), action("action_listen"),
                   user("/confirm_delete_data", "confirm_delete_data", "cmdline")])
    messages, events = run(ActionDeleteMyData(), trk)
    assert len(messages) == 1 and "deleted" in messages[0]["text"]
    assert events[-1]["name"] == names.ERASURE_SLOT


def slack_tracker(direct, intent="show_my_data"):
    trk = tracker([action("action_listen"), user("show my data", intent, "slack")], sender="slack-U1")
    trk.latest_message["metadata"] = {"direct_message": direct}
    return trk


def test_slack_channel_mention_gets_no_data_and_deletes_nothing():
    for act in (ActionShowMyData(), ActionDeleteMyData()):
        messages, events = run(act, slack_tracker(False))
        assert events == []
        assert messages[0]["text"].startswith("For your privacy I show or delete your data only in a direct")
        assert "441" not in str(messages) and "31" not in str(messages)
    messages, events = run(ActionOfferSavedProfile(), slack_tracker(False, "greet"))
    assert messages == [] and events == []


def test_slack_direct_message_shows_the_data():
    (message,), _ = run(ActionShowMyData(), slack_tracker(True))
    assert message["text"].startswith("Here is everything I keep")


def test_delete_without_the_confirmation_question_only_asks():
    trk = tracker([action("action_listen"), user("hi", "greet"), action("utter_greet"), action("action_listen"),
                   user("yes delete it", "confirm_delete_data")])
    messages, events = run(ActionDeleteMyData(), trk)
    assert events == []
    assert messages[0]["response"] == "utter_ask_delete_data"


def test_returning_user_is_offered_the_saved_answers():
    trk = tracker([action("action_listen"), user("hi", "greet")])
    (message,), events = run(ActionOfferSavedProfile(), trk)
    assert events == []
    # age, marital status, test, listening, job offer: 5 answers
    assert message["text"].startswith("Welcome back! I still have the 5 answers")
    assert "441" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == [
        "/start_assessment", "/start_over", "/show_my_data", "/delete_my_data"]


def test_new_user_gets_no_offer():
    trk = tracker([action("action_listen"), user("hi", "greet")], slots={"age": None, "crs_score": None})
    messages, events = run(ActionOfferSavedProfile(), trk)
    assert messages == [] and events == []


def test_the_marker_slot_is_the_one_the_tracker_store_watches():
    from connectors import tracker_store

    assert tracker_store.ERASURE_SLOT == names.ERASURE_SLOT == "data_erasure"


def test_show_my_data_in_french():
    slots = {**SLOTS, "language": "fr", "first_language_test": "tef", "first_language_listening": 6.5,
             "spouse_language_reading": 7.0}
    trk = tracker([action("action_listen"), user("montrez mes données", "show_my_data")], slots=slots)
    (message,), _ = run(ActionShowMyData(), trk)
    text = message["text"]
    for expected in ["Âge : 31", "État matrimonial : marié(e)", "6,5", "Offre d'emploi : non",
                     "Langue de la conversation : Français", "Langue de l'époux ou conjoint : compréhension de l'écrit : 7",
                     "Voici"]:
        assert expected in text, (expected, text)
    for english in ["Age:", "married", "Job offer", " no\n", "6.5"]:
        assert english not in text, (english, text)
