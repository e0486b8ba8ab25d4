"""The REST channel of the web page and the HTTP API (connectors/rest.py), with a scripted agent:
server-issued ids only, a length cap, clean text, bare payloads, failures answered, deletion
confirmed only after the commit."""
import json
import threading
import time
from types import SimpleNamespace

import pytest
import requests

from connectors import erasure, guard, limits, rest, web_ids
from common.names import ERASED_CUSTOM, ERASURE_REQUESTED_CUSTOM
from tests.channels.conftest import ChannelServer

SECRET = b"k" * 40


class Agent:
    def __init__(self):
        self.received = []
        self.domain = SimpleNamespace(retrieval_intents=["faq", "chitchat"],
                                      intents=["faq", "chitchat", "greet", "inform", "restart", "confirm_delete_data"])
        self.fail = False
        self.outcome = True
        self.slow = 0.0

    async def handle_message(self, message):
        import asyncio

        self.received.append((message.sender_id, message.text))
        if self.slow:
            await asyncio.sleep(self.slow)
        out, to = message.output_channel, message.sender_id
        if self.fail:
            import logging

            logging.getLogger("rasa.core.processor").error(f"Could not handle '{message.text}'")
            raise RuntimeError(f"boom on {message.text}")
        if message.text == "/confirm_delete_data":
            await out.send_response(to, {"custom": dict(ERASURE_REQUESTED_CUSTOM)})
            await out.send_response(to, {"text": "Done: I deleted your data."})
            if self.outcome is not None:
                erasure.report_outcome(to, self.outcome)
            return
        await out.send_response(to, {"text": f"echo {len(message.text)}"})


@pytest.fixture
def server():
    channel = rest.WebRestInput(SECRET)
    srv = ChannelServer(channel)
    srv.channel = channel
    srv.agent = Agent()
    srv.app.ctx.agent = srv.agent
    yield srv
    srv.close()


def session(srv):
    r = requests.post(f"{srv.url}/webhooks/rest/session", timeout=10)
    assert r.status_code == 200
    return r.json()["sender"]


def say(srv, sender, message, **kw):
    return requests.post(f"{srv.url}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                         timeout=30, **kw)


def test_the_readme_s_curl_example_works(server):
    """README: id=$(curl -s -X POST '.../webhooks/rest/session?format=text'), then POST the message."""
    sender = requests.post(f"{server.url}/webhooks/rest/session?format=text", timeout=10).text
    r = requests.post(f"{server.url}/webhooks/rest/webhook", data=f'{{"sender": "{sender}", "message": "hi"}}',
                      timeout=10)
    assert r.status_code == 200 and r.json()[0]["text"] == "echo 2"


def test_issued_ids_are_random_and_signed():
    a, b = rest.new_sender_id(SECRET), rest.new_sender_id(SECRET)
    assert a != b and a.startswith("web-") and len(a) == 4 + 32 + 1 + 8 + 1 + 32
    assert rest.valid_sender_id(a, SECRET)
    assert not rest.valid_sender_id(a + "\n", SECRET)  # a full match: `$` let a trailing newline through
    assert not rest.valid_sender_id(a, b"another secret of 32 characters!")
    assert not rest.valid_sender_id(a[:-1] + ("0" if a[-1] != "0" else "1"), SECRET)


@pytest.mark.parametrize("forged", ["555000111", "telegram-555000111", "slack-U2147483697", "U2147483697",
                                    "me", "", None, 42, ["web-x"], "web-" + "0" * 32 + "-" + "0" * 32,
                                    "web-" + "a" * 32 + "-" + "a" * 32 + "\n"])
def test_a_forged_sender_gets_nothing(server, forged):
    r = say(server, forged, "/show_my_data")
    assert r.status_code == 403 and "session" in r.json()["error"]
    assert server.agent.received == []  # nothing ran, nothing stored


def test_bodies_that_are_not_json_are_a_clear_400(server):
    url = f"{server.url}/webhooks/rest/webhook"
    for body in (b"\xff\xfe\xfd not utf-8", b"[" * 60_000, b"", b'"just a string"', b"{bad json"):
        r = requests.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=10)
        assert r.status_code == 400 and "sender" in r.json()["error"]
    assert server.agent.received == []


def test_a_20000_digit_message_gets_a_short_reply_at_once(server):
    sender = session(server)
    start = time.monotonic()
    r = say(server, sender, "7" * 20_000)
    elapsed = time.monotonic() - start
    assert r.status_code == 200 and r.json() == [{"recipient_id": sender, "text": guard.TOO_LONG_REPLY}]
    assert elapsed < 1.0, elapsed
    assert server.agent.received == []  # neither reached NLU, the actions or the store


def test_a_1_mb_body_is_refused_by_the_server_itself(server):
    """The Rasa server's own limit (connectors.limits), not only nginx's: 413, before anything is parsed."""
    sender = session(server)
    assert server.app.config.REQUEST_MAX_SIZE == limits.DEFAULT_MAX_BYTES
    r = say(server, sender, "x" * 1_000_000)
    assert r.status_code == 413
    assert server.agent.received == []


def test_messages_are_rate_limited_per_conversation(server):
    server.channel.message_rate = limits.RateLimiter(rate=0.001, burst=3)  # a slow machine refills nothing
    sender, other = session(server), session(server)
    codes = [say(server, sender, "hi").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert say(server, other, "hi").status_code == 200  # another conversation is not held up


def test_issuing_ids_is_rate_limited_per_address(server):
    server.channel.session_rate = limits.RateLimiter(rate=0.001, burst=3)
    codes = [requests.post(f"{server.url}/webhooks/rest/session", timeout=10).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_the_rate_limiter_refills_at_its_rate():
    limiter = limits.RateLimiter(rate=10, burst=20)
    assert limiter.allow("a", now=0.0) and sum(limiter.allow("a", now=0.0) for _ in range(30)) == 19
    assert not limiter.allow("a", now=0.05) and limiter.allow("a", now=0.15)  # 0.1 s: one more
    assert limiter.allow("b", now=0.15)  # keys are independent
    assert limits.RateLimiter(rate=0).allow("x")  # 0: no limit


def test_an_id_idle_for_longer_than_the_limit_is_refused_by_the_server(server):
    old = rest.new_sender_id(SECRET, now=time.time() - web_ids.DEFAULT_IDLE_SECONDS - 60)
    r = say(server, old, "/show_my_data")
    assert r.status_code == 403 and r.json()["reason"] == "expired"
    fresh = session(server)
    assert say(server, fresh, "hi").status_code == 200
    # idle counts from the last message: a 3-hour-old id last used a minute ago is fine, not after 2 hours idle
    used = rest.new_sender_id(SECRET, now=time.time() - 3 * 3600)
    server.channel.local.seen[used] = time.time() - 60
    assert say(server, used, "hi").status_code == 200
    server.channel.local.seen[used] = time.time() - web_ids.DEFAULT_IDLE_SECONDS - 1
    r = say(server, used, "hi")
    assert r.status_code == 403 and r.json()["reason"] == "expired"
    assert [s for s, _ in server.agent.received] == [fresh, used]


def test_an_id_from_the_future_is_refused():
    future = rest.new_sender_id(SECRET, now=time.time() + 3600)
    assert rest.valid_sender_id(future, SECRET)  # signed, but its time is not believed

    class Store(web_ids.LocalRecord):
        pass

    import asyncio

    assert asyncio.run(web_ids.refusal(future, SECRET, Store())) == "forged"


def test_end_session_refuses_the_old_id_and_gives_a_fresh_one(server):
    sender = session(server)
    assert say(server, sender, "hi").status_code == 200
    r = requests.post(f"{server.url}/webhooks/rest/session/end", json={"sender": sender}, timeout=10)
    assert r.status_code == 200
    fresh = r.json()["sender"]
    assert fresh != sender and rest.valid_sender_id(fresh, SECRET)
    replayed = say(server, sender, "/show_my_data")
    assert replayed.status_code == 403 and replayed.json()["reason"] == "ended"
    assert say(server, fresh, "hi").status_code == 200
    forged = requests.post(f"{server.url}/webhooks/rest/session/end", json={"sender": "telegram-1"}, timeout=10)
    assert forged.status_code == 403


def test_a_committed_deletion_ends_the_id(server):
    sender = session(server)
    say(server, sender, "/confirm_delete_data")
    r = say(server, sender, "/show_my_data")
    assert r.status_code == 403 and r.json()["reason"] == "ended"


def test_a_failed_deletion_keeps_the_id(server):
    sender = session(server)
    server.agent.outcome = False
    say(server, sender, "/confirm_delete_data")
    assert say(server, sender, "hi").status_code == 200


def test_a_long_message_does_not_hold_up_another_conversation(server):
    server.agent.slow = 0.0
    hog, other = session(server), session(server)
    stop = threading.Event()

    def flood():
        while not stop.is_set():
            say(server, hog, "y" * 1_000_000)

    threads = [threading.Thread(target=flood) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        for _ in range(5):
            start = time.monotonic()
            r = say(server, other, "hello")
            assert r.status_code == 200 and r.json()[0]["text"] == "echo 5"
            assert time.monotonic() - start < 1.0
    finally:
        stop.set()
        for t in threads:
            t.join(30)


def test_lone_surrogates_and_control_characters_are_cleaned(server):
    sender = session(server)
    body = '{"sender": "%s", "message": "a\\ud800b\\udfffc\\u0000d\\u0007e"}' % sender
    r = requests.post(f"{server.url}/webhooks/rest/webhook", data=body.encode(), timeout=10)
    assert r.status_code == 200 and r.json()
    assert server.agent.received == [(sender, "a\ufffdb\ufffdc d e")]


def test_a_bare_retrieval_intent_payload_is_read_as_text(server):
    sender = session(server)
    for text, expected in (("/faq", "faq"), (" /chitchat ", "chitchat"), ("/faq/what_is_crs", "faq/what_is_crs"),
                           ("//faq", "faq"), ("/ faq", "faq"), ("/unknown_intent", "unknown_intent"),
                           ("/inform{x", "inform{x"), ("/", "?"), ("/greet@0.9", "/greet@0.9"),
                           ("/greet", "/greet"), ('/inform{"choice":"single"}', '/inform{"choice":"single"}')):
        assert say(server, sender, text).status_code == 200
        assert server.agent.received[-1] == (sender, expected)


def test_non_text_messages_are_answered(server):
    sender = session(server)
    for message in (None, 12, {"a": [1, 2]}, ["x"] * 10, True):
        r = say(server, sender, message)
        assert r.status_code == 200 and r.json()


def test_a_failing_turn_is_answered_and_its_text_is_in_no_log(server, caplog):
    import logging

    from connectors.inbound import SORRY_REPLY

    caplog.set_level(logging.DEBUG)
    sender = session(server)
    server.agent.fail = True
    secret_text = "my passport number is ZX-4417-QQ"
    r = say(server, sender, secret_text)
    assert r.status_code == 200 and r.json()[-1]["text"] == SORRY_REPLY
    logged = "\n".join(rec.getMessage() + (rec.exc_text or "") for rec in caplog.records)
    assert "Handling a rest message failed (RuntimeError)" in logged
    assert "Could not handle '[message text]'" in logged  # the agent's own log line, scrubbed
    assert "ZX-4417" not in logged and "passport" not in logged


@pytest.mark.parametrize("outcome", [False, None])
def test_a_failed_or_unconfirmed_deletion_never_says_deleted(server, outcome):
    sender = session(server)
    server.agent.outcome = outcome
    replies = say(server, sender, "/confirm_delete_data").json()
    texts = " ".join(m.get("text", "") for m in replies)
    assert "deleted your data" not in texts and "Done" not in texts
    assert erasure.ERASURE_FAILED_REPLY in texts
    assert not any(m.get("custom") for m in replies)  # the page keeps its id


def test_a_committed_deletion_is_confirmed_and_tells_the_page(server):
    sender = session(server)
    replies = say(server, sender, "/confirm_delete_data").json()
    assert replies[0]["text"] == "Done: I deleted your data."
    assert replies[1]["custom"] == ERASED_CUSTOM
    assert len(replies) == 2


def test_the_secret_file_is_created_owner_only(tmp_path):
    path = tmp_path / "sub" / "secret"
    secret = rest.load_secret({rest.SECRET_FILE_ENV: str(path)})
    assert (path.stat().st_mode & 0o777) == 0o600 and len(secret) >= 32
    assert rest.load_secret({rest.SECRET_FILE_ENV: str(path)}) == secret  # kept across restarts
    strong = "9f1c27d8e4b05a63" "c8e17f2a90b4d655" "0e3a9c71f28b46dd" "a5c0193e7b6f8d24"
    assert rest.load_secret({rest.SECRET_ENV: strong}) == strong.encode()


@pytest.mark.parametrize("weak", ["short", "e" * 40, "password" * 5, "abcdefghij" * 4, "0123456789" * 4,
                                  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"])
def test_a_weak_web_sender_secret_is_refused(weak):
    with pytest.raises(ValueError):
        rest.load_secret({rest.SECRET_ENV: weak})


def test_json_of_the_replies_is_valid_for_hostile_text(server):
    sender = session(server)
    r = say(server, sender, '<script>alert(1)</script> \'; DROP TABLE events; -- {"a":')
    assert r.status_code == 200 and json.loads(r.text)
