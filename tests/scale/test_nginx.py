"""nginx in front (deploy/nginx.conf.template, rendered by scripts/local_services.py), with small
stand-in upstreams: round robin, failover, body limit, rate limit, what is published, the log."""
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from scripts import local_services


class _Upstream:
    def __init__(self, name):
        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                body = json.dumps({"server": name, "path": self.path, "request_id": self.headers.get("X-Request-Id"),
                                   "forwarded_for": self.headers.get("X-Forwarded-For")}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.addr = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def proxy(tmp_path):
    rasa = [_Upstream("rasa-a"), _Upstream("rasa-b")]
    actions = [_Upstream("act-a"), _Upstream("act-b")]
    made = []

    def start(**limits):
        nginx = local_services.Nginx(tmp_path / f"nginx{len(made)}")
        nginx.base.mkdir()
        made.append(nginx)
        return nginx.start([u.addr for u in rasa], [u.addr for u in actions], **limits)

    try:
        yield start, rasa, actions
    finally:
        for n in made:
            n.stop()
        for u in rasa + actions:
            try:
                u.stop()
            except OSError:
                pass


def _post(url, body=None, **kw):
    return requests.post(url, json=body if body is not None else {"sender": "s", "message": "hi"}, timeout=10, **kw)


def test_round_robin_over_rasa_and_action_servers_and_a_dead_server_is_skipped(proxy):
    start, rasa, _actions = proxy
    nginx = start(rate=1000, burst=1000)
    served = [_post(f"{nginx.url}/webhooks/rest/webhook").json()["server"] for _ in range(6)]
    assert served.count("rasa-a") == 3 and served.count("rasa-b") == 3
    assert all(served[i] != served[i + 1] for i in range(5))  # alternating
    acts = [_post(nginx.action_url, {"next_action": "x"}).json()["server"] for _ in range(4)]
    assert sorted(acts) == ["act-a", "act-a", "act-b", "act-b"]

    rasa[0].stop()  # a crashed server: connection refused, the message goes to the other one
    answers = [_post(f"{nginx.url}/webhooks/rest/webhook") for _ in range(6)]
    assert [r.status_code for r in answers] == [200] * 6
    assert {r.json()["server"] for r in answers} == {"rasa-b"}


def test_published_routes_and_the_rest_is_not(proxy):
    start, _rasa, _actions = proxy
    nginx = start(rate=1000, burst=1000)
    for path in ("/webhooks/web/", "/webhooks/web/chart.png?a=1", "/webhooks/web/static/app.js", "/"):
        r = requests.get(nginx.url + path, timeout=10)
        assert r.status_code == 200 and r.json()["path"] == path, path
    for path in ("/webhooks/telegram/webhook", "/webhooks/slack/webhook"):
        assert _post(nginx.url + path, {"update_id": 1}).json()["path"] == path
    # Rasa's HTTP API (conversations, model) and socket.io are not published.
    for path in ("/conversations/someone/tracker", "/model/parse", "/status", "/socket.io/"):
        assert requests.get(nginx.url + path, timeout=10).status_code == 404, path


def test_request_body_limit(proxy):
    start, _rasa, _actions = proxy
    nginx = start(rate=1000, burst=1000, body_limit="8k")
    assert _post(f"{nginx.url}/webhooks/rest/webhook", {"sender": "s", "message": "x" * 7000}).status_code == 200
    assert _post(f"{nginx.url}/webhooks/rest/webhook", {"sender": "s", "message": "x" * 9000}).status_code == 413
    # Not for the Rasa servers' action calls (the whole conversation and the domain, tens of kB).
    assert _post(nginx.action_url, {"tracker": "x" * 500_000}).status_code == 200


def test_per_client_rate_limit(proxy):
    start, _rasa, _actions = proxy
    nginx = start(rate=1, burst=3)
    with ThreadPoolExecutor(12) as pool:  # 12 messages at once from one address
        codes = list(pool.map(lambda _: _post(f"{nginx.url}/webhooks/rest/webhook").status_code, range(12)))
    assert 4 <= codes.count(200) <= 6  # 1 + burst (+ what the rate refilled meanwhile)
    assert codes.count(429) == 12 - codes.count(200)
    # Telegram and Slack carry many users from few addresses: not limited per address.
    assert {_post(f"{nginx.url}/webhooks/telegram/webhook", {}).status_code for _ in range(10)} == {200}


@pytest.mark.parametrize("trusted", [False, True])
def test_the_client_address_comes_from_the_load_balancer_header_only_from_the_load_balancer(proxy, trusted):
    """The test itself stands for the load balancer (127.0.0.1). Trusted: each forwarded address has its own
    rate budget and is what the Rasa servers are told (the right-most one the load balancer added, not what a
    client wrote before it). Not trusted: the header is ignored, the connection's address counts."""
    start, _rasa, _actions = proxy
    nginx = start(rate=1, burst=1, real_ip_from=["127.0.0.1"] if trusted else [])

    def post_as(address):
        return requests.post(f"{nginx.url}/webhooks/rest/webhook", json={}, timeout=30,
                             headers={"X-Forwarded-For": f"192.0.2.66, {address}"})  # a client's own claim first

    first = [post_as("203.0.113.7") for _ in range(3)]
    assert first[0].status_code == 200 and first[-1].status_code == 429  # 1 + burst, then limited
    assert first[0].json()["forwarded_for"] == ("203.0.113.7" if trusted else "127.0.0.1")
    other = post_as("198.51.100.4")
    assert other.status_code == (200 if trusted else 429)


def test_access_log_names_the_upstream_per_request_and_holds_no_personal_data(proxy):
    start, rasa, _actions = proxy
    nginx = start(rate=1000, burst=1000)
    r = _post(f"{nginx.url}/webhooks/rest/webhook?token=secret", {"sender": "alice", "message": "I am 29"})
    rid = r.headers["X-Request-Id"]
    assert r.json()["request_id"] == rid  # the upstream sees the same id
    # nginx writes the line once the response is finalised, which may be just after the client has it.
    local_services.wait_until(lambda: rid in nginx.access_log.read_text(), 30, "the access log line")
    line = next(x for x in nginx.access_log.read_text().splitlines() if rid in x)
    served_by = {"rasa-a": rasa[0].addr, "rasa-b": rasa[1].addr}[r.json()["server"]]
    assert f"upstream={served_by} upstream_status=200" in line
    assert "secret" not in line and "alice" not in line and "I am" not in line
    assert not line.startswith("127.0.0.1")  # no client address
