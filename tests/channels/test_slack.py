"""Slack: recorded events and button clicks, signed; replies reach a fake Web API on loopback."""
import hashlib
import hmac
import json
import time
import urllib.parse

import pytest
import requests

from connectors.slack import SlackInput
from tests.channels.conftest import CHART, dumps

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-test-token-for-tests-only"
USER_ID = "U2147483697"
DM_CHANNEL = "D024BE91L"

# Shapes as Slack sends them (Events API "event_callback", interactive "block_actions").
MESSAGE_EVENT = {
    "token": "one-long-verification-token",
    "team_id": "T061EG9R6",
    "api_app_id": "A0PNCHHK2",
    "event": {"type": "message", "channel": DM_CHANNEL, "user": USER_ID, "text": "hello",
              "ts": "1764300000.000200", "event_ts": "1764300000.000200", "channel_type": "im"},
    "type": "event_callback",
    "event_id": "Ev0PV52K21",
    "event_time": 1764300000,
    "authorizations": [{"team_id": "T061EG9R6", "user_id": "UBOT0001", "is_bot": True}],
}
BUTTON_CLICK = {
    "type": "block_actions",
    "user": {"id": USER_ID, "username": "asha", "team_id": "T061EG9R6"},
    "api_app_id": "A0PNCHHK2",
    "container": {"type": "message", "message_ts": "1764300001.000300", "channel_id": DM_CHANNEL},
    "channel": {"id": DM_CHANNEL, "name": "directmessage"},
    "message": {"type": "message", "ts": "1764300001.000300", "text": "Are you married?"},
    "actions": [{"type": "button", "action_id": "x1", "block_id": "b1",
                 "text": {"type": "plain_text", "text": "Yes"},
                 "value": '/inform{"marital_status":"married"}', "action_ts": "1764300010.1"}],
}


def sign(body: bytes, timestamp: int, secret: str = SIGNING_SECRET) -> str:
    base = f"v0:{timestamp}:".encode() + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def post(server, body: bytes, content_type: str, timestamp=None, signature=None):
    timestamp = int(time.time()) if timestamp is None else timestamp
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": sign(body, timestamp) if signature is None else signature,
    }
    return requests.post(f"{server.url}/webhooks/slack/webhook", data=body, headers=headers, timeout=10)


def form_body(payload) -> bytes:
    return urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()


@pytest.fixture
def slack_server(fake_slack, channel_server):
    channel = SlackInput.from_credentials({
        "slack_token": BOT_TOKEN,
        "slack_signing_secret": SIGNING_SECRET,
        "api_url": fake_slack.url,
        "public_url": "https://bot.example.org",
    })
    return channel_server(channel)


def test_message_event_reaches_the_bot_and_replies_reach_the_api(slack_server, fake_slack):
    r = post(slack_server, dumps(MESSAGE_EVENT), "application/json")
    assert r.status_code == 200, r.text
    (message,) = slack_server.wait_messages(1)
    assert message.text == "hello"
    assert message.sender_id == "slack-" + USER_ID  # never a bare user id
    assert message.input_channel == "slack"
    assert message.metadata["direct_message"] is True

    question, image = fake_slack.wait_for("chat.postMessage", 2)
    assert question["channel"] == DM_CHANNEL
    assert question["text"] == "Are you married?"
    buttons = question["blocks"][1]["elements"]
    assert [(b["text"]["text"], b["value"]) for b in buttons] == [
        ("Yes", '/inform{"marital_status":"married"}'),
        ("No", '/inform{"marital_status":"single"}'),
    ]
    assert image["channel"] == DM_CHANNEL
    assert image["blocks"][0]["type"] == "image"
    assert image["blocks"][0]["image_url"] == "https://bot.example.org" + CHART


def test_button_click_sends_its_value(slack_server, fake_slack):
    r = post(slack_server, form_body(BUTTON_CLICK), "application/x-www-form-urlencoded")
    assert r.status_code == 200, r.text
    (message,) = slack_server.wait_messages(1)
    assert message.text == '/inform{"marital_status":"married"}'
    assert message.sender_id == "slack-" + USER_ID
    assert message.metadata["direct_message"] is True
    (reply,) = fake_slack.wait_for("chat.postMessage")
    assert reply["channel"] == DM_CHANNEL
    assert reply["text"] == 'You chose /inform{"marital_status":"married"}'


@pytest.mark.parametrize("case", ["wrong secret", "tampered body", "no signature", "old timestamp",
                                  "future timestamp"])
def test_bad_or_old_signature_is_refused(slack_server, fake_slack, case):
    body = dumps(MESSAGE_EVENT)
    now = int(time.time())
    if case == "wrong secret":
        r = post(slack_server, body, "application/json", signature=sign(body, now, "another-secret"))
    elif case == "tampered body":
        r = post(slack_server, body.replace(b"hello", b"hullo"), "application/json",
                 signature=sign(body, now))
    elif case == "no signature":
        r = post(slack_server, body, "application/json", signature="")
    elif case == "old timestamp":  # a replay: correctly signed, but ten minutes old
        r = post(slack_server, body, "application/json", timestamp=now - 600)
    else:
        r = post(slack_server, body, "application/json", timestamp=now + 600)
    assert r.status_code == 400
    assert slack_server.wait_messages(1, timeout=0.5) == []
    assert fake_slack.calls == []


def test_url_verification_challenge_is_answered(slack_server):
    body = dumps({"token": "t", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                  "type": "url_verification"})
    r = post(slack_server, body, "application/json")
    assert r.status_code == 200
    assert r.json() == "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"


def test_a_mention_in_a_channel_is_marked_as_not_direct(slack_server, fake_slack):
    """The privacy actions read this flag and answer "show my data" only in a direct message
    (tests/privacy/test_actions.py)."""
    event = json.loads(json.dumps(MESSAGE_EVENT))
    event["event"].update(type="app_mention", channel="C0LAN2Q65", channel_type="channel",
                          text="<@UBOT0001> show my data")
    assert post(slack_server, dumps(event), "application/json").status_code == 200
    (message,) = slack_server.wait_messages(1)
    assert message.sender_id == f"slack-{USER_ID}-in-C0LAN2Q65"  # not the person's direct-message profile
    assert message.metadata["direct_message"] is False
