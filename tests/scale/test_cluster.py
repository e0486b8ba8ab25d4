"""The scaled set-up for real: 2 Rasa servers + 2 action servers + PostgreSQL + Redis + nginx on loopback
(scripts/local_services.py's Cluster, what `make scale` starts), driven with whole conversations.

Checked in the tracker store itself (PostgreSQL): every message stored once, in the order sent, each turn's
bot messages right after its user message, the final score equal to `python -m express_entry assess`.
The tests run in this order; the last one kills a Rasa server.
"""
import json
import random
import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import create_engine, text

from scripts.local_services import Cluster, ServiceError
from tests.e2e.servers import ensure_model
from tests.e2e.test_conversation import SINGLE, SINGLE_PATH, cli_total, reported_score

pytestmark = [pytest.mark.scale, pytest.mark.e2e]

CONVERSATIONS = 30
OPENING = [("hello", "not legal advice"), ("check my score", "question 1 of about")]
KILL_AFTER = 6  # answers given before a Rasa server is killed (the form's language test questions)


def script(age):
    """(message, expected substring) for a single candidate of this age, greeting to score."""
    return OPENING + [(str(age), SINGLE_PATH[0][1])] + SINGLE_PATH[1:]


@pytest.fixture(scope="module")
def cluster(request):
    failed_before = request.session.testsfailed
    model = ensure_model()
    c = Cluster(rasa_servers=2, action_servers=2, model=model, log=lambda *_: None,
                rate=100000, burst=100000, conn_limit=10000)  # every test client has the same address
    try:
        c.start()
    except ServiceError as e:
        pytest.fail(str(e), pytrace=False)
    c.db = create_engine(c.tracker_store_url, future=True)
    try:
        yield c
    finally:
        c.db.dispose()
        keep = request.session.testsfailed > failed_before
        c.stop(remove_files=not keep)
        if keep:
            print(f"scale cluster logs kept in {c.base}")


class Client:
    """One user: sends each message through nginx (or to one Rasa server) and keeps what happened."""

    def __init__(self, base_url, sender):
        self.base_url, self.sender = base_url, sender
        self.http = requests.Session()
        self.sent, self.replies, self.request_ids = [], [], []

    def say(self, message, url=None):
        r = self.http.post(f"{url or self.base_url}/webhooks/rest/webhook",
                           json={"sender": self.sender, "message": message}, timeout=180)
        assert r.status_code == 200, (r.status_code, r.text[:300])
        self.sent.append(message)
        self.replies.append(r.json())
        self.request_ids.append(r.headers.get("X-Request-Id"))
        return "\n".join(m.get("text") or "" for m in r.json())

    def follow(self, lines, jitter=True):
        reply = ""
        for message, expected in lines:
            if jitter:  # users do not type in lockstep (keeps round robin from pairing a user with one server)
                threading.Event().wait(random.uniform(0, 0.05))
            reply = self.say(message)
            assert expected.lower() in reply.lower(), f"{self.sender} after {message!r}: {reply!r}"
        return reply


def stored_events(cluster, sender):
    with cluster.db.connect() as conn:
        rows = conn.execute(text("SELECT id, type_name, timestamp, data FROM events WHERE sender_id = :s ORDER BY id"),
                            {"s": sender}).all()
    return [dict(json.loads(r.data), _id=r.id, _ts=r.timestamp) for r in rows]


def final_slots(events):
    slots = {}
    for e in events:
        if e["event"] == "slot":
            slots[e["name"]] = e["value"]
        elif e["event"] in ("restart", "reset_slots"):
            slots = {}
    return slots


def assert_events_match(cluster, client):
    """No lost, duplicated or reordered events: the stored conversation is exactly what the user saw."""
    events = stored_events(cluster, client.sender)
    users = [i for i, e in enumerate(events) if e["event"] == "user"]
    assert [events[i]["text"] for i in users] == client.sent, f"{client.sender}: user messages lost/reordered"
    assert sum(e["event"] == "session_started" for e in events) == 1
    for k, i in enumerate(users):
        assert events[i - 1]["event"] == "action" and events[i - 1]["name"] == "action_listen", \
            f"{client.sender}: turn {k} starts before the previous one ended"
        end = users[k + 1] if k + 1 < len(users) else len(events)
        bot = [e.get("text") for e in events[i:end] if e["event"] == "bot" and e.get("text")]
        shown = [m["text"] for m in client.replies[k] if m.get("text")]
        assert bot == shown, f"{client.sender}: turn {k}'s stored bot messages differ from the replies"
        assert events[end - 1]["event"] == "action" and events[end - 1]["name"] == "action_listen"
    stamps = [e["_ts"] for e in events]
    assert stamps == sorted(stamps), f"{client.sender}: events stored out of time order"
    keys = [(e["event"], e["_ts"], e.get("name"), e.get("text")) for e in events]
    assert len(keys) == len(set(keys)), f"{client.sender}: duplicated events"
    return events


def upstreams(cluster):
    """request id -> the Rasa server (host:port) that served it, from nginx's access log."""
    out = {}
    for line in cluster.nginx.access_log.read_text().splitlines():
        m = re.search(r" ([0-9a-f]{32}) POST /webhooks/rest/webhook 200 \S+ upstream=(\S+)", line)
        if m:
            out[m.group(1)] = m.group(2).split(",")[-1].strip()
    return out


def run_conversations(cluster, prefix, lines_for, n=CONVERSATIONS):
    clients = [Client(cluster.url, f"{prefix}-{i}-{uuid.uuid4().hex[:8]}") for i in range(n)]
    with ThreadPoolExecutor(n) as pool:
        replies = list(pool.map(lambda c: c.follow(lines_for(clients.index(c))), clients))
    return clients, replies


def age_of(i):
    return 20 + i  # 20 to 49: different scores


def test_same_sender_at_the_same_instant_on_two_servers_is_processed_one_message_after_the_other(cluster):
    """Both messages hit different Rasa servers at once; the Redis lock makes one wait for the other."""
    clients = [Client(cluster.url, f"pair-{i}-{uuid.uuid4().hex[:8]}") for i in range(6)]
    barrier = threading.Barrier(2 * len(clients))
    results = {}

    def send(client, message, server):
        barrier.wait()
        r = requests.post(f"{cluster.rasa_url(server)}/webhooks/rest/webhook",
                          json={"sender": client.sender, "message": message}, timeout=180)
        results[(client.sender, message)] = r

    threads = [threading.Thread(target=send, args=(c, m, s)) for c in clients
               for m, s in (("hello", 0), ("check my score", 1))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r.status_code == 200 for r in results.values())
    for c in clients:
        events = stored_events(cluster, c.sender)
        users = [e["text"] for e in events if e["event"] == "user"]
        assert sorted(users) == ["check my score", "hello"]
        # Replay the arrival order the lock chose; the stored turns must be exactly those two replies.
        c.sent = users
        c.replies = [results[(c.sender, u)].json() for u in users]
        assert_events_match(cluster, c)


def test_thirty_whole_conversations_through_nginx_use_both_servers_and_match_the_cli(cluster):
    clients, replies = run_conversations(cluster, "scale", lambda i: script(age_of(i)))
    served = upstreams(cluster)
    rasa = {f"127.0.0.1:{p}" for p in cluster.rasa_ports}
    for i, (client, reply) in enumerate(zip(clients, replies)):
        assert {served[rid] for rid in client.request_ids} == rasa, f"{client.sender} did not use both servers"
        expected = cli_total({**SINGLE, "age": age_of(i)})
        assert reported_score(reply) == expected
        events = assert_events_match(cluster, client)
        slots = final_slots(events)
        assert slots["crs_score"] == expected and slots["age"] == age_of(i)


def test_deleting_ones_data_is_not_undone_by_a_message_racing_it_on_the_other_server(cluster):
    """'yes, delete' goes to one server; while it holds the conversation's lock, 'hello' goes to the other.
    The second server must wait and then start an empty conversation, not save the old one back."""
    import redis

    locks = redis.Redis.from_url(cluster.redis_url)
    clients = [Client(cluster.url, f"erase-{i}-{uuid.uuid4().hex[:8]}") for i in range(5)]

    def erase_while_someone_writes(client):
        client.follow([("check my score", "How old"), ("31", "marital status"),
                       ("forget everything about me", "cannot be undone")])
        key = "expressentry:lock:" + client.sender
        with ThreadPoolExecutor(1) as one:
            confirm = one.submit(client.say, "yes, delete everything", cluster.rasa_url(0))
            while not locks.exists(key) and not confirm.done():
                pass  # until the first server holds the lock (a deletion takes far longer than this loop)
            raced = not confirm.done()
            r = requests.post(f"{cluster.rasa_url(1)}/webhooks/rest/webhook",
                              json={"sender": client.sender, "message": "hello"}, timeout=180)
            return raced, confirm.result(), r.status_code, r.json()

    with ThreadPoolExecutor(len(clients)) as pool:
        outcomes = list(pool.map(erase_while_someone_writes, clients))
    for client, (raced, deleted_reply, status, hello_reply) in zip(clients, outcomes):
        assert raced, "the deletion finished before the racing message was sent"
        assert "I deleted your answers" in deleted_reply and status == 200
        events = stored_events(cluster, client.sender)
        assert [e["text"] for e in events if e["event"] == "user"] == ["hello"]
        assert final_slots(events).get("age") is None
    locks.close()


def test_a_rasa_server_killed_in_the_middle_of_the_form_the_other_continues_every_conversation(cluster):
    lines = {i: script(age_of(i)) for i in range(CONVERSATIONS)}
    cut = len(OPENING) + KILL_AFTER
    clients, _ = run_conversations(cluster, "failover", lambda i: lines[i][:cut])
    asked = [c.replies[-1] for c in clients]

    cluster.rasa[0].kill()  # SIGKILL: no shutdown, as in a crash
    cluster.rasa[0].popen.wait(timeout=30)

    with ThreadPoolExecutor(CONVERSATIONS) as pool:
        finals = list(pool.map(lambda i: clients[i].follow(lines[i][cut:]), range(CONVERSATIONS)))
    served = upstreams(cluster)
    survivor = f"127.0.0.1:{cluster.rasa_ports[1]}"
    for i, client in enumerate(clients):
        # The question asked before the crash is the one the surviving server takes the answer to,
        # and the answer given before the crash are all in the score.
        assert lines[i][cut - 1][1].lower() in "\n".join(m.get("text") or "" for m in asked[i]).lower()
        assert {served[rid] for rid in client.request_ids[cut:]} == {survivor}
        expected = cli_total({**SINGLE, "age": age_of(i)})
        assert reported_score(finals[i]) == expected
        slots = final_slots(assert_events_match(cluster, client))
        assert slots["crs_score"] == expected and slots["age"] == age_of(i)
        assert slots["first_language_test"] == "ielts" and slots["first_language_reading"] == 7.5
