"""Conversations kept in a real database, against real servers: restart, deletion, what is kept, logs.

Each test runs on the SQLite file and on PostgreSQL where it concerns the store.
"""
import re
import uuid

import pytest

pytestmark = pytest.mark.e2e

# Answers for a single candidate, picked by what the bot asks (most specific first), so that
# the test follows the dialogue's questions whatever their order.
ANSWERS = [
    ("how old", "I am forty seven"),
    ("marital status", "single"),
    ("highest completed education", "bachelor's"),
    ("eca", "yes"),
    ("post-secondary credential in canada", "no"),
    ("which language test", "IELTS"),
    ("what were your scores", "8 7.5 7 6.5"),
    ("when did you take", "March 2026"),
    ("other official language", "no"),
    ("months of that canadian work", "24"),
    ("work in canada", "two years"),
    ("outside canada", "none"),
    ("main occupation", "21231"),
    ("skilled trade", "0"),
    ("settlement", "30000"),
    ("how many people", "1"),
    ("is that right", "yes"),
]
DEFAULT_ANSWER = "no"  # the remaining questions are yes/no ones
USER_TEXTS = ["I am forty seven", "8 7.5 7 6.5", "bachelor's"]


def whole_conversation(live, sender, max_turns=45):
    """Greets, starts the form, answers every question; returns the reply with the score."""
    reply = live.texts(sender, "hello")
    assert "not legal advice" in reply, reply
    reply = live.texts(sender, "check my score")
    transcript = [reply]
    for _ in range(max_turns):
        if "Your estimated CRS score" in reply:
            return reply
        lines = [line for line in reply.strip().split("\n") if "?" in line and not line.startswith("Sorry")]
        assert lines, "no question asked:\n" + "\n".join(transcript)
        question = lines[-1].lower()
        answer = next((a for key, a in ANSWERS if key in question), DEFAULT_ANSWER)
        if answer == "single":
            answer = '/inform{"choice":"single"}'  # the button's payload
        reply = live.texts(sender, answer)
        transcript += [f"> {answer}", reply]
    raise AssertionError(f"no score after {max_turns} answers:\n" + "\n".join(transcript[-20:]))


def new_id(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def chat(live, sender, lines):
    reply = ""
    for text, expected in lines:
        reply = live.texts(sender, text)
        assert expected.lower() in reply.lower(), f"after {text!r}: {reply!r}\n{live.logs()}"
    return reply


def test_conversation_survives_a_restart_in_the_middle_of_the_form(live):
    sender = new_id("restart")
    chat(live, sender, [("check my score", "How old"), ("31", "marital status")])
    before = live.slots(sender)
    assert before["age"] == 31 and before["requested_slot"] == "marital_status"
    runs = live.rasa_runs

    live.restart_rasa()  # stop the Rasa server and start a new one on the same database
    assert live.rasa_runs == runs + 1

    after = live.slots(sender)
    assert after["age"] == 31 and after["requested_slot"] == "marital_status"
    # ...and it goes on from the same question with the same answers
    chat(live, sender, [('/inform{"choice":"single"}', "highest completed education")])
    slots = live.slots(sender)
    assert slots["age"] == 31 and slots["marital_status"] == "single"
    assert slots["requested_slot"] == "education"


def test_delete_my_data_after_a_confirmation_removes_every_row(live):
    sender = new_id("delete")
    whole_conversation(live, sender)
    assert live.rows(sender) > 0
    asked = live.say(sender, "/delete_my_data")
    assert "cannot be undone" in asked[0]["text"]
    assert [b["payload"] for b in asked[0]["buttons"]] == ["/confirm_delete_data", "/cancel_delete_data"]
    assert live.rows(sender) > 0  # nothing deleted before the confirmation

    done = live.say(sender, "/confirm_delete_data")
    assert "deleted" in done[0]["text"]
    assert {"privacy": "deleted"} in [m["custom"] for m in done if "custom" in m]
    assert live.rows(sender) == 0  # queried in the database itself

    # The server refuses that id from now on (a copy of it reads nothing); a fresh id starts afresh.
    r = live.http.post(f"{live.url}/webhooks/rest/webhook",
                       json={"sender": live.conversation_id(sender), "message": "/show_my_data"}, timeout=120)
    assert r.status_code == 403 and r.json()["reason"] == "ended"
    fresh = new_id("after-delete")
    assert "How old" in live.texts(fresh, "check my score")
    assert live.slots(fresh)["crs_score"] is None


def test_show_cancel_and_typed_delete_and_no_profile_value_in_the_logs(live_sqlite):
    live = live_sqlite
    sender = new_id("typed")
    reply = whole_conversation(live, sender)
    score = re.search(r"Your estimated CRS score is (\d+)", reply).group(1)
    assert live.slots(sender)["age"] == 47

    shown = live.texts(sender, "what do you know about me?")
    assert "Age: 47" in shown and "Marital status: single" in shown
    assert "messages of this conversation" in shown

    stored = live.rows(sender)
    chat(live, sender, [("please delete my data", "cannot be undone"), ("no, keep my data", "deleted nothing")])
    assert live.rows(sender) >= stored and live.slots(sender)["age"] == 47
    chat(live, sender, [("forget everything about me", "cannot be undone"),
                        ("yes, delete everything", "I deleted your answers")])
    assert live.rows(sender) == 0

    logs = live.log_text()
    assert set(logs) == {"rasa.log", "actions.log"}
    assert "INFO" in logs["rasa.log"]  # the servers ran at the default level, INFO
    for name, text in logs.items():
        assert "DEBUG" not in text, f"{name} runs at DEBUG level"
        for value in USER_TEXTS + ["forty seven", "Age: 47", "'age': 47", '"age": 47']:
            assert value not in text, f"{name} logs {value!r}"
        assert not re.search(rf"(?i)(crs|score|total)\W{{0,20}}{score}\b", text), f"{name} logs the score"
        assert not re.search(r"(?i)\bage\W{0,10}47\b", text), f"{name} logs the age"


def test_returning_user_is_offered_the_saved_answers(live_sqlite):
    live = live_sqlite
    sender = new_id("returning")
    whole_conversation(live, sender)
    live.restart_rasa()  # comes back later: a new server process, same database
    reply = live.say(sender, "hello")
    offer = next(m for m in reply if "Welcome back" in m.get("text", ""))
    assert "answers you gave me last time" in offer["text"]
    assert [b["payload"] for b in offer["buttons"]][:2] == ["/start_assessment", "/start_over"]
    # using them goes straight back to the confirmation or the result, with the same answers
    again = live.texts(sender, "/start_assessment")
    assert "Your estimated CRS score" in again or "Is that right?" in again
    assert live.slots(sender)["age"] == 47
