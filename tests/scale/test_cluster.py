"""The scaled set-up for real: `make scale`'s launcher (python -m scripts.scale) starts 2 Rasa servers,
2 action servers, PostgreSQL, Redis and nginx on loopback, and whole conversations go through it.

Checked in the tracker store itself (PostgreSQL): every message stored once, in the order sent, each turn's
bot messages right after its user message, the final score equal to `python -m express_entry assess`.
The tests run in this order: the fourth kills a Rasa server, the last stops everything with one Ctrl-C.
"""
import json
import os
import pathlib
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import create_engine, text

from scripts.local_services import ROOT, ServiceError, free_port, wait_until
from tests.e2e.servers import ensure_model
from tests.e2e.test_conversation import SINGLE, SINGLE_PATH, cli_total, reported_score

pytestmark = [pytest.mark.scale, pytest.mark.e2e]

CONVERSATIONS = 30
OPENING = [("hello", "not legal advice"), ("check my score", "question 1 of about")]
KILL_AFTER = 6  # answers given before a Rasa server is killed (the form's language test questions)


def script(age):
    """(message, expected substring) for a single candidate of this age, greeting to score."""
    return OPENING + [(str(age), SINGLE_PATH[0][1])] + SINGLE_PATH[1:]


class Launched:
    """The set-up `make scale` starts (`python -m scripts.scale`), as the tests reach it."""

    def __init__(self, proc, state, log):
        self.proc, self.state, self.log = proc, state, log
        self.url = state["url"]
        self.rasa_ports = [r["port"] for r in state["rasa"]]
        self.redis_url = state["redis_url"]
        self.access_log = pathlib.Path(state["access_log"])
        self.db = create_engine(state["tracker_store_url"], future=True)

    def rasa_url(self, i):
        return self.state["rasa"][i]["url"]

    def kill_rasa(self, i):
        """SIGKILL, as in a crash: no shutdown of any kind."""
        pid, port = self.state["rasa"][i]["pid"], self.state["rasa"][i]["port"]
        os.killpg(pid, signal.SIGKILL)
        # Dead = its port refuses connections: the main thread shows as a zombie while the others
        # (TensorFlow's) still exit, and its sockets close only with the last one.
        wait_until(lambda: not running(pid) and not accepting(port), 60, f"Rasa server {i} to die")


def accepting(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        return True
    except OSError:
        return False


def running(pid):
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.fixture(scope="module")
def cluster(request, tmp_path_factory):
    failed_before = request.session.testsfailed
    ensure_model()
    work = tmp_path_factory.mktemp("scale")
    state_file, log = work / "state.json", work / "launcher.log"
    # Every test user comes from 127.0.0.1: no per-address limits here (tests/scale/test_nginx.py checks them).
    cmd = [sys.executable, "-m", "scripts.scale", "--rasa", "2", "--actions", "2", "--port", str(free_port()),
           "--rate", "100000", "--conn-limit", "10000", "--state", str(state_file), "--no-restart"]
    env = {k: v for k, v in os.environ.items() if k not in ("TRACKER_STORE_URL", "REDIS_URL")
           and not k.startswith(("TELEGRAM_", "SLACK_"))}
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until(state_file.exists, 900, "make scale (python -m scripts.scale)", lambda: proc.poll() is None, log)
    except ServiceError as e:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=120)
        pytest.fail(str(e), pytrace=False)
    c = Launched(proc, json.loads(state_file.read_text()), log)
    try:
        yield c
    finally:
        c.db.dispose()
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=120)
        if request.session.testsfailed > failed_before:
            print(f"scale: logs kept in {c.state['base']} and {log}")
        else:
            shutil.rmtree(c.state["base"], ignore_errors=True)


class Client:
    """One user: sends each message through nginx (or to one Rasa server) and keeps what happened."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.http = requests.Session()
        r = self.http.post(f"{base_url}/webhooks/rest/session", timeout=180)  # ids are issued by the servers
        assert r.status_code == 200, (r.status_code, r.text[:300])
        self.sender = r.json()["sender"]
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


def upstreams(cluster, clients):
    """request id -> the Rasa server (host:port) that served it, from nginx's access log."""
    wanted = {rid for c in clients for rid in c.request_ids}
    # nginx writes a line once the response is finalised, which may be just after the client has it.
    wait_until(lambda: wanted <= set(re.findall(r" ([0-9a-f]{32}) ", cluster.access_log.read_text())), 30,
               "nginx's access log")
    out = {}
    for line in cluster.access_log.read_text().splitlines():
        m = re.search(r" ([0-9a-f]{32}) POST /webhooks/rest/webhook 200 \S+ upstream=(.+?) upstream_status=", line)
        if m:
            out[m.group(1)] = m.group(2).split(",")[-1].strip()  # "dead:port, live:port" after a retry
    return out


def run_conversations(cluster, prefix, lines_for, n=CONVERSATIONS):
    clients = [Client(cluster.url) for _ in range(n)]
    with ThreadPoolExecutor(n) as pool:
        replies = list(pool.map(lambda c: c.follow(lines_for(clients.index(c))), clients))
    return clients, replies


def age_of(i):
    return 20 + i  # 20 to 49: different scores


def test_same_sender_at_the_same_instant_on_two_servers_is_processed_one_message_after_the_other(cluster):
    """Both messages hit different Rasa servers at once; the Redis lock makes one wait for the other."""
    clients = [Client(cluster.url) for i in range(6)]
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
    served = upstreams(cluster, clients)
    rasa = {f"127.0.0.1:{p}" for p in cluster.rasa_ports}
    for i, (client, reply) in enumerate(zip(clients, replies)):
        assert {served[rid] for rid in client.request_ids} == rasa, f"{client.sender} did not use both servers"
        expected = cli_total({**SINGLE, "age": age_of(i)})
        assert reported_score(reply) == expected
        events = assert_events_match(cluster, client)
        slots = final_slots(events)
        assert slots["crs_score"] == expected and slots["age"] == age_of(i)


def test_the_web_page_and_the_chart_come_through_nginx(cluster):
    page = requests.get(f"{cluster.url}/webhooks/web/", timeout=30)
    if (ROOT / "web" / "dist" / "index.html").exists():  # `make test` builds it first (make web)
        assert page.status_code == 200 and "text/html" in page.headers["Content-Type"]
    else:
        assert page.status_code == 503 and "build_web.sh" in page.text
    chart = requests.get(f"{cluster.url}/webhooks/web/chart.png?a=400&b=40&c=50&d=0", timeout=60)
    assert chart.status_code == 200 and chart.headers["Content-Type"] == "image/png"
    assert chart.content[:8] == b"\x89PNG\r\n\x1a\n" and "X-Request-Id" in chart.headers
    # Rasa's HTTP API is neither published nor run (readiness: the web channel's /webhooks/web/ready).
    assert requests.get(f"{cluster.url}/status", timeout=30).status_code == 404
    assert requests.get(f"{cluster.rasa_url(0)}/status", timeout=30).status_code == 404  # no HTTP API at all


def test_deleting_ones_data_is_not_undone_by_a_message_racing_it_on_the_other_server(cluster):
    """'yes, delete' goes to one server; while it holds the conversation's lock, 'hello' goes to the other.
    The second server must wait and then start an empty conversation, not save the old one back."""
    import redis

    locks = redis.Redis.from_url(cluster.redis_url)
    clients = [Client(cluster.url) for i in range(5)]

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

    cluster.kill_rasa(0)

    with ThreadPoolExecutor(CONVERSATIONS) as pool:
        finals = list(pool.map(lambda i: clients[i].follow(lines[i][cut:]), range(CONVERSATIONS)))
    served = upstreams(cluster, clients)
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


def test_one_ctrl_c_stops_everything_the_launcher_started(cluster):
    pids = cluster.state["pids"] + [cluster.state["postgres_pid"]]
    assert all(isinstance(p, int) for p in pids) and len(pids) == 2 + 2 + 2 + 1  # servers, nginx, redis, pg
    cluster.proc.send_signal(signal.SIGINT)  # what Ctrl-C sends to the launcher in a terminal
    assert cluster.proc.wait(timeout=120) == 0
    left = [p for p in pids if running(p)]
    assert not left, f"still running after Ctrl-C: {left}"
    with pytest.raises(requests.ConnectionError):
        requests.get(cluster.url + "/nginx-health", timeout=5)
    assert not pathlib.Path(cluster.state["base"], "pg").exists()  # the scratch database is gone
