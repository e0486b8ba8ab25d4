"""Telegram: recorded updates posted to the webhook; replies reach a fake Bot API on loopback."""
import json

import pytest
import requests

from connectors.telegram import SECRET_HEADER, TelegramInput
from tests.channels.conftest import CHART, dumps

TOKEN = "123456789:TEST-telegram-token_for_tests_only"
SECRET = "s3cret-Token_for-tests"
USER = {"id": 555000111, "is_bot": False, "first_name": "Asha", "language_code": "en"}
CHAT = {"id": 555000111, "first_name": "Asha", "type": "private"}

# Shapes as Telegram sends them (Bot API "Update" objects).
MESSAGE_UPDATE = {
    "update_id": 730000001,
    "message": {"message_id": 11, "from": USER, "chat": CHAT, "date": 1764300000, "text": "hello"},
}
BUTTON_UPDATE = {
    "update_id": 730000002,
    "callback_query": {
        "id": "2382457391847183917",
        "from": USER,
        "message": {"message_id": 12, "from": {"id": 4242, "is_bot": True, "first_name": "Express Entry",
                                                "username": "ee_test_bot"},
                    "chat": CHAT, "date": 1764300005, "text": "Are you married?"},
        "chat_instance": "-5823756234",
        "data": '/inform{"marital_status":"married"}',
    },
}


def make_channel(fake_telegram, **extra):
    credentials = {
        "access_token": TOKEN,
        "verify": "ee_test_bot",
        "webhook_url": "https://bot.example.org/webhooks/telegram/webhook",
        "secret_token": SECRET,
        "api_url": fake_telegram.url,
        "public_url": "https://bot.example.org",
    }
    credentials.update(extra)
    return TelegramInput.from_credentials(credentials)


def post(server, update, secret=SECRET):
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    return requests.post(f"{server.url}/webhooks/telegram/webhook", data=dumps(update), headers=headers,
                         timeout=10)


def test_start_registers_the_webhook_with_the_secret_token(fake_telegram, channel_server):
    channel_server(make_channel(fake_telegram))
    (call,) = fake_telegram.methods("setWebhook")
    assert call["url"] == "https://bot.example.org/webhooks/telegram/webhook"
    assert call["secret_token"] == SECRET


def test_message_reaches_the_bot_and_replies_reach_the_api(fake_telegram, channel_server):
    server = channel_server(make_channel(fake_telegram))
    r = post(server, MESSAGE_UPDATE)
    assert r.status_code == 200, r.text
    (message,) = server.wait_messages(1)
    assert message.text == "hello"
    assert message.sender_id == "telegram-555000111"  # never a bare chat id
    assert message.input_channel == "telegram"

    (sent,) = fake_telegram.wait_for("sendMessage")
    assert int(sent["chat_id"]) == 555000111
    assert sent["text"] == "Are you married?"
    keyboard = json.loads(sent["reply_markup"])["inline_keyboard"]
    buttons = [b for row in keyboard for b in row]
    assert [(b["text"], b["callback_data"]) for b in buttons] == [
        ("Yes", '/inform{"marital_status":"married"}'),
        ("No", '/inform{"marital_status":"single"}'),
    ]
    (photo,) = fake_telegram.wait_for("sendPhoto")
    assert int(photo["chat_id"]) == 555000111
    # The chart's relative URL is made absolute so that Telegram can fetch it.
    assert photo["photo"] == "https://bot.example.org" + CHART


def test_button_click_sends_its_payload(fake_telegram, channel_server):
    server = channel_server(make_channel(fake_telegram))
    assert post(server, BUTTON_UPDATE).status_code == 200
    (message,) = server.wait_messages(1)
    assert message.text == '/inform{"marital_status":"married"}'
    assert message.sender_id == "telegram-555000111"  # never a bare chat id
    (sent,) = fake_telegram.wait_for("sendMessage")
    assert sent["text"] == 'You chose /inform{"marital_status":"married"}'


@pytest.mark.parametrize("secret", [None, "", "wrong-token", SECRET + "x"])
def test_update_without_the_secret_token_is_refused(fake_telegram, channel_server, secret):
    server = channel_server(make_channel(fake_telegram))
    r = post(server, MESSAGE_UPDATE, secret=secret)
    assert r.status_code == 403
    assert server.wait_messages(1, timeout=0.5) == []
    assert fake_telegram.methods("sendMessage") == []
    assert fake_telegram.methods("getMe") == []


def test_set_webhook_route_cannot_drop_the_secret(fake_telegram, channel_server):
    server = channel_server(make_channel(fake_telegram))
    for method in ("get", "post"):
        r = getattr(requests, method)(f"{server.url}/webhooks/telegram/set_webhook", timeout=10)
        assert r.status_code == 403
    assert len(fake_telegram.methods("setWebhook")) == 1  # only the one at start-up


def test_health_route_still_answers(fake_telegram, channel_server):
    server = channel_server(make_channel(fake_telegram))
    r = requests.get(f"{server.url}/webhooks/telegram/", timeout=10)
    assert r.status_code == 200 and r.json() == {"status": "ok"}


@pytest.mark.parametrize("bad", [None, "", "has spaces", "x" * 257, "semi;colon"])
def test_missing_or_invalid_secret_token_stops_the_start(bad):
    from rasa.shared.exceptions import RasaException

    credentials = {"access_token": TOKEN, "verify": "ee_test_bot",
                   "webhook_url": "https://bot.example.org/webhooks/telegram/webhook"}
    if bad is not None:
        credentials["secret_token"] = bad
    with pytest.raises(RasaException, match="secret_token"):
        TelegramInput.from_credentials(credentials)


def test_many_buttons_are_one_per_row(fake_telegram, channel_server):
    server = channel_server(make_channel(fake_telegram))
    update = {"update_id": 730000003, "message": {**MESSAGE_UPDATE["message"], "text": "education?"}}
    assert post(server, update).status_code == 200
    (sent,) = fake_telegram.wait_for("sendMessage")
    rows = json.loads(sent["reply_markup"])["inline_keyboard"]
    assert [len(r) for r in rows] == [1] * 6
    assert rows[3][0]["text"] == "Bachelor's"


def test_group_chat_is_refused_and_nothing_reaches_the_bot(fake_telegram, channel_server):
    """In a group every member would share one profile: the bot talks in private chats only."""
    from connectors.telegram import PRIVATE_ONLY_REPLY

    server = channel_server(make_channel(fake_telegram))
    group = {"id": -1001234567890, "title": "Immigration friends", "type": "supergroup"}
    update = {"update_id": 730000009,
              "message": {"message_id": 13, "from": USER, "chat": group, "date": 1764300000,
                          "text": "/show_my_data"}}
    assert post(server, update).status_code == 200
    (sent,) = fake_telegram.wait_for("sendMessage")
    assert int(sent["chat_id"]) == group["id"] and sent["text"] == PRIVATE_ONLY_REPLY
    assert server.wait_messages(1, timeout=1) == []  # no NLU, no action, nothing stored
    click = json.loads(json.dumps(BUTTON_UPDATE))
    click["callback_query"]["message"]["chat"] = group
    assert post(server, click).status_code == 200
    fake_telegram.wait_for("sendMessage", 2)
    assert server.wait_messages(1, timeout=1) == []


def test_get_on_the_webhook_is_not_a_server_error(fake_telegram, channel_server):
    server = channel_server(make_channel(fake_telegram))
    r = requests.get(f"{server.url}/webhooks/telegram/webhook", timeout=10)
    assert r.status_code == 405


def test_a_too_long_message_gets_a_short_reply_and_goes_no_further(fake_telegram, channel_server):
    from connectors.guard import MAX_MESSAGE_CHARS, TOO_LONG_REPLY

    server = channel_server(make_channel(fake_telegram))
    update = {"update_id": 730000010, "message": {**MESSAGE_UPDATE["message"], "text": "9" * (MAX_MESSAGE_CHARS + 1)}}
    assert post(server, update).status_code == 200
    (sent,) = fake_telegram.wait_for("sendMessage")
    assert sent["text"] == TOO_LONG_REPLY and int(sent["chat_id"]) == 555000111
    assert server.wait_messages(1, timeout=1) == []
