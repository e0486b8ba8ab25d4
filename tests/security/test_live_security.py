"""Against the real Rasa and action servers (every channel configured, fake Telegram and Slack APIs):
nobody reaches another channel's conversation, no message stalls the assistant, every payload is
answered, and a failing turn leaves no text in the logs."""
import os
import random
import threading
import time

import pytest
import requests

from connectors.guard import TOO_LONG_REPLY
from tests.channels.test_live_channels import post_slack, post_telegram, sent_to, slack_dm_event, telegram_update

pytestmark = pytest.mark.e2e


def raw_say(live, sender, message, timeout=120):
    return requests.post(f"{live.url}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                         timeout=timeout)


def texts(replies):
    return "\n".join(m.get("text", "") for m in replies)


def test_a_forged_rest_sender_gets_nothing_of_a_telegram_or_slack_conversation(live):
    chat_id = random.randint(10**8, 10**9)
    for step in ("hello", "/start_assessment", "31"):
        assert post_telegram(live, telegram_update(chat_id, text=step)).status_code == 200
    telegram_id = f"telegram-{chat_id}"
    assert live.slots(telegram_id)["age"] == 31

    user, channel = f"U{random.randint(10**8, 10**9)}", f"D{random.randint(10**8, 10**9)}"
    assert post_slack(live, slack_dm_event(user, channel)).status_code == 200
    sent_to(live.fake_slack, "chat.postMessage", "channel", channel)
    slack_id = f"slack-{user}"
    deadline = time.time() + 60
    while live.rows(slack_id) == 0 and time.time() < deadline:
        time.sleep(0.5)

    before = {i: live.rows(i) for i in (telegram_id, slack_id)}
    assert all(before.values())
    for forged in (str(chat_id), telegram_id, user, slack_id):
        for message in ("/show_my_data", "/delete_my_data", "/confirm_delete_data"):
            r = raw_say(live, forged, message)
            assert r.status_code == 403, (forged, r.text)
            assert "31" not in r.text
    assert {i: live.rows(i) for i in before} == before  # nothing read, added or deleted
    assert live.slots(telegram_id)["age"] == 31


def test_a_1_mb_body_gets_413_from_the_rasa_server_itself(live):
    """No nginx here: the Rasa server's own limit (connectors/limits.py), before anything is parsed."""
    sender = live.conversation_id(f"big-{random.random()}")
    start = time.monotonic()
    r = raw_say(live, sender, "x" * 1_000_000)
    assert r.status_code == 413 and time.monotonic() - start < 5
    assert raw_say(live, sender, "hello").status_code == 200  # and the server carries on


def test_60_kb_and_20000_digits_get_a_short_reply_within_1_s_while_another_conversation_answers(live):
    hog, other = "hog-" + str(random.random()), "other-" + str(random.random())
    assert "How old" in live.texts(hog, "check my score")
    live.texts(other, "hello")
    answers, errors = [], []

    def another_conversation():
        try:
            for text in ("hello", "what is the CRS?", "check my score"):
                start = time.monotonic()
                reply = live.texts(other, text)
                answers.append((time.monotonic() - start, reply))
        except Exception as error:  # reported below
            errors.append(error)

    thread = threading.Thread(target=another_conversation)
    thread.start()
    timings = []
    for text in ("x" * 60_000, "7" * 20_000, ("ab" * 40 + " ") * 700):  # within the 64 kB body limit
        start = time.monotonic()
        replies = live.say(hog, text)
        timings.append(time.monotonic() - start)
        assert texts(replies) == TOO_LONG_REPLY
    thread.join(300)
    print(f"long messages answered in {', '.join(f'{t * 1000:.0f} ms' for t in timings)}; "
          f"the other conversation in {', '.join(f'{t * 1000:.0f} ms' for t, _ in answers)}")
    assert max(timings) < 1.0, timings
    assert not errors and len(answers) == 3 and all(reply for _, reply in answers)
    # Nothing of them was stored: the form still asks the same question.
    assert live.slots(hog)["age"] is None and live.slots(hog)["requested_slot"] == "age"


@pytest.mark.parametrize("answer", ["1" * 400, "9" * 1999, "1e400", "0." + "5" * 1990, "²⁹", "-29"])
def test_huge_or_odd_numbers_in_the_form_get_a_reply(live, answer):
    sender = f"num-{random.random()}"
    assert "How old" in live.texts(sender, "check my score")
    start = time.monotonic()
    replies = live.say(sender, answer)
    elapsed = time.monotonic() - start
    print(f"{answer[:12]!r}... ({len(answer)} characters) answered in {elapsed * 1000:.0f} ms")
    assert texts(replies).strip(), replies
    age = live.slots(sender)["age"]
    assert age is None or 17 <= age <= 100


@pytest.mark.parametrize("message", ["/faq", "/chitchat", "/nonexistent_intent", '/inform{"age": 1e999}',
                                     '/inform{"choice": "' + "9" * 5000 + '"}', "/inform{not json",
                                     "\ud800 hello \udfff", "\u0000\u0001\u001b[31m", "/", "//faq", "/ faq"])
def test_every_payload_and_invalid_unicode_gets_an_answer(live, message):
    sender = f"payload-{random.random()}"
    replies = live.say(sender, message)
    assert texts(replies).strip(), replies
    # ...at the start and in the middle of the form
    assert "How old" in live.texts(sender, "check my score")
    assert texts(live.say(sender, message)).strip()


def test_the_logs_of_a_failing_turn_hold_no_text(live):
    sender = f"failing-{random.random()}"
    assert "How old" in live.texts(sender, "check my score")
    secret = "my passport is QX-99312 and I am 38"
    before = {name: len(text) for name, text in live.log_text().items()}
    live.actions.terminate()  # the action server goes away: the turn fails
    live.actions.wait(30)
    try:
        r = raw_say(live, live.conversation_id(sender), secret)
        assert r.status_code == 200
        time.sleep(1)  # let the error lines reach the log file
    finally:
        live.restart_actions()
    new = {name: text[before.get(name, 0):] for name, text in live.log_text().items()}
    assert "ERROR" in new["rasa.log"] or "error" in new["rasa.log"]  # the failure was logged...
    for name, text in new.items():
        assert "QX-99312" not in text and "passport" not in text, f"{name} logs the message"
    # ...and the servers still answer
    assert live.texts(f"after-{random.random()}", "hello")


def test_an_action_that_raises_leaves_no_text_or_value_in_either_log(live):
    """tests/security/raising_actions.py: "show my data" raises an error quoting the whole conversation. rasa_sdk
    would answer 500 with the tracker in the body and log the message; the Rasa server would log that body."""
    from tests.security.raising_actions import MARK

    sender = f"raising-{random.random()}"
    secret = "hello, my passport number is QX-77120"
    live.say(sender, secret)
    assert "How old" in live.texts(sender, "check my score")
    live.say(sender, "63")
    before = {name: len(text) for name, text in live.log_text().items()}
    live.restart_actions("tests.security.raising_actions")
    try:
        r = raw_say(live, live.conversation_id(sender), "/show_my_data")
        assert r.status_code == 200
        live_wait = time.time() + 60  # the error lines reach the log files just after the answer
        while time.time() < live_wait and "ValueError" not in live.log_text()["actions.log"][before["actions.log"]:]:
            time.sleep(0.2)
    finally:
        live.restart_actions()
    new = {name: text[before.get(name, 0):] for name, text in live.log_text().items()}
    assert "action_show_my_data failed (ValueError)" in new["actions.log"]  # the failure is logged...
    assert "action_show_my_data" in new["rasa.log"]
    for name, text in new.items():  # ...without the conversation
        assert "QX-77120" not in text and "passport" not in text and MARK not in text, f"{name} logs the conversation"
        for value in ('"age": 63', "'age': 63", '"age": 63.0', "'age': 63.0"):
            assert value not in text, f"{name} logs a slot value"


def test_the_action_server_listens_on_loopback_only(live):
    port = f"{live.action_port:04X}"
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if os.path.exists(table):
            for line in open(table).read().splitlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                if state == "0A" and local.endswith(":" + port):
                    listening.append(local.split(":")[0])
    assert listening and all(addr in ("0100007F", "00000000000000000000000001000000") for addr in listening), \
        listening
