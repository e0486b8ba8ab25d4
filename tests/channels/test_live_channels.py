"""Telegram and Slack through the real Rasa server and the real bot (started with both channels
configured against fake APIs on loopback: no internet needed to start)."""
import json
import random
import time

import pytest
import requests

from connectors.telegram import SECRET_HEADER
from tests.channels.live import SLACK_SECRET, TELEGRAM_SECRET, shared_live
from tests.channels.test_slack import sign

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def live(request):
    return shared_live("sqlite", request)


def telegram_update(chat_id, **kind):
    user = {"id": chat_id, "is_bot": False, "first_name": "Asha"}
    chat = {"id": chat_id, "first_name": "Asha", "type": "private"}
    if "text" in kind:
        return {"update_id": random.randint(1, 10**9),
                "message": {"message_id": 1, "from": user, "chat": chat, "date": int(time.time()),
                            "text": kind["text"]}}
    return {"update_id": random.randint(1, 10**9),
            "callback_query": {"id": str(random.randint(1, 10**9)), "from": user, "chat_instance": "1",
                               "message": {"message_id": 2, "chat": chat, "date": int(time.time()),
                                           "text": "…"},
                               "data": kind["data"]}}


def post_telegram(live, update, secret=TELEGRAM_SECRET):
    headers = {"Content-Type": "application/json"}
    if secret:
        headers[SECRET_HEADER] = secret
    return requests.post(f"{live.url}/webhooks/telegram/webhook", data=json.dumps(update), headers=headers,
                         timeout=120)


def sent_to(api, method, key, value, count=1, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = [p for p in api.methods(method) if str(p.get(key)) == str(value)]
        if len(found) >= count:
            return found
        time.sleep(0.2)
    raise AssertionError(f"no {method} to {value}: {api.calls[-5:]!r}")


def test_start_registered_the_telegram_webhook_with_its_secret(live):
    calls = live.fake_telegram.methods("setWebhook")
    assert calls and all(c["secret_token"] == TELEGRAM_SECRET for c in calls)
    assert calls[0]["url"] == "https://bot.example.org/webhooks/telegram/webhook"


def test_telegram_message_and_button_click_get_the_bot_s_answers(live):
    chat_id = random.randint(10**8, 10**9)
    assert post_telegram(live, telegram_update(chat_id, text="hello")).status_code == 200
    greeting = sent_to(live.fake_telegram, "sendMessage", "chat_id", chat_id)
    texts = " ".join(m["text"] for m in greeting)
    assert "not legal advice" in texts
    keyboards = [json.loads(m["reply_markup"]) for m in greeting if m.get("reply_markup")]
    payloads = [b["callback_data"] for k in keyboards for row in k["inline_keyboard"] for b in row]
    assert "/start_assessment" in payloads

    before = len(live.fake_telegram.methods("sendMessage"))
    assert post_telegram(live, telegram_update(chat_id, data="/start_assessment")).status_code == 200
    question = sent_to(live.fake_telegram, "sendMessage", "chat_id", chat_id, count=len(greeting) + 1)
    assert "How old" in question[-1]["text"]
    assert live.slots(f"telegram-{chat_id}")["requested_slot"] == "age"
    assert len(live.fake_telegram.methods("sendMessage")) > before


def test_telegram_without_the_secret_is_refused_by_the_real_server(live):
    chat_id = random.randint(10**8, 10**9)
    for secret in (None, "nope"):
        assert post_telegram(live, telegram_update(chat_id, text="hello"), secret=secret).status_code == 403
    time.sleep(1)
    assert not [p for p in live.fake_telegram.methods("sendMessage") if str(p["chat_id"]) == str(chat_id)]


def slack_dm_event(user, channel, text="hello"):
    return {"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": "Ev1",
            "event": {"type": "message", "channel": channel, "user": user, "text": text,
                      "ts": f"{time.time():.6f}", "channel_type": "im"},
            "authorizations": [{"user_id": "UBOT0001", "is_bot": True}]}


def post_slack(live, event, secret=SLACK_SECRET):
    body = json.dumps(event).encode()
    now = int(time.time())
    return requests.post(f"{live.url}/webhooks/slack/webhook", data=body, timeout=60, headers={
        "Content-Type": "application/json", "X-Slack-Request-Timestamp": str(now),
        "X-Slack-Signature": sign(body, now, secret)})


def test_slack_message_gets_the_bot_s_answer_and_bad_signature_is_refused(live):
    user, channel = f"U{random.randint(10**8, 10**9)}", f"D{random.randint(10**8, 10**9)}"
    event = slack_dm_event(user, channel)
    assert post_slack(live, event, "wrong-secret").status_code == 400
    assert post_slack(live, event).status_code == 200
    posts = sent_to(live.fake_slack, "chat.postMessage", "channel", channel)
    assert "not legal advice" in " ".join(p.get("text", "") for p in posts)
