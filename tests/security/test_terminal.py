"""`make run` (scripts/run.sh -> scripts/terminal.py): the terminal chat listens on loopback only, keeps its
conversation in its own store, and so cannot name, read or delete a web, Telegram or Slack conversation;
it runs side by side with `make serve` (no fixed port in common)."""
import json
import os
import pty
import select
import signal
import subprocess
import sys
import time

import pytest
import requests
from rasa.__main__ import create_argument_parser
from rasa.core.tracker_store import TrackerStore
from rasa.core.utils import AvailableEndpoints

from scripts import terminal
from scripts.local_services import free_port
from tests.e2e.servers import START_TIMEOUT, ensure_model
from tests.privacy.test_tracker_store import conversation, domain, run  # noqa: F401 (fixture)


def test_the_terminal_chat_listens_on_loopback_only_on_its_own_ports(tmp_path):
    plan = terminal.prepare({"PATH": os.environ.get("PATH", "")})
    args = create_argument_parser().parse_args(terminal.shell_args(plan["model"], plan["endpoints"], plan["port"]))
    assert args.interface == "127.0.0.1"  # rasa shell's own default is 0.0.0.0
    assert args.port == plan["port"] != 5005 and plan["action_port"] != 5055  # `make serve`'s ports
    assert args.conversation_id == terminal.CONVERSATION_ID
    assert not args.enable_api
    assert plan["env"]["SANIC_HOST"] == "127.0.0.1"  # its action server too
    assert "scripts.terminal" in (terminal.ROOT / "scripts" / "run.sh").read_text()


def test_the_terminal_chat_cannot_reach_a_telegram_conversation(tmp_path, domain, monkeypatch):  # noqa: F811
    """The store `make serve` uses (named by TRACKER_STORE_URL) holds a Telegram user's answers; the terminal's
    server, started from the same shell, reads its own file and finds nothing under that id."""
    from connectors.tracker_store import URLSQLTrackerStore

    served = f"sqlite:///{tmp_path / 'served.db'}"
    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    run(URLSQLTrackerStore(domain, url=served).save(conversation(domain, "telegram-555000111")))

    plan = terminal.prepare({"PATH": os.environ.get("PATH", ""), "TRACKER_STORE_URL": served,
                             "REDIS_URL": "redis://127.0.0.1:1/1", "TERMINAL_DB": str(tmp_path / "terminal.db")})
    assert not {"TRACKER_STORE_URL", "REDIS_URL"} & set(plan["env"])
    endpoints_file = tmp_path / "endpoints.yml"
    endpoints_file.write_text(terminal.endpoints_text(plan["action_port"], plan["db"]))
    for key in list(os.environ):
        monkeypatch.delenv(key)
    for key, value in plan["env"].items():
        monkeypatch.setenv(key, value)
    endpoints = AvailableEndpoints.read_endpoints(str(endpoints_file))
    assert endpoints.lock_store is None  # in memory, not the shared Redis
    assert endpoints.action.url == f"http://127.0.0.1:{plan['action_port']}/webhook"
    store = TrackerStore.create(endpoints.tracker_store, domain)
    assert run(store.retrieve("telegram-555000111")) is None
    assert (tmp_path / "terminal.db").exists()


def _listening_addresses(port):
    """The local addresses LISTENing on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except FileNotFoundError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


@pytest.mark.e2e
def test_make_run_for_real(tmp_path, domain, monkeypatch):  # noqa: F811
    """scripts/terminal.py in a pseudo-terminal: the first screen is the assistant (no library warning before
    "Bot loaded"), the server listens on 127.0.0.1 only, and a request naming a Telegram conversation whose
    answers are in the store of `make serve` (TRACKER_STORE_URL) gets nothing of them."""
    from connectors.tracker_store import URLSQLTrackerStore

    ensure_model()
    served = f"sqlite:///{tmp_path / 'served.db'}"
    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    run(URLSQLTrackerStore(domain, url=served).save(conversation(domain, "telegram-555000111", age=47)))
    port = free_port()
    env = {**os.environ, "TRACKER_STORE_URL": served, "TERMINAL_PORT": str(port),
           "TERMINAL_DB": str(tmp_path / "terminal.db"), "ACTIONS_LOG": str(tmp_path / "actions.log")}
    env.pop("PYTHONWARNINGS", None)
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "scripts.terminal"], cwd=terminal.ROOT, env=env, stdin=child,
                            stdout=child, stderr=child, start_new_session=True)
    os.close(child)
    screen = bytearray()

    def read_until(marker, timeout):
        deadline = time.time() + timeout
        while marker not in screen:
            if time.time() > deadline or proc.poll() is not None:
                raise AssertionError(f"no {marker!r} on the screen:\n{screen.decode(errors='replace')}")
            ready, _, _ = select.select([main], [], [], 1)
            if ready:
                try:
                    screen.extend(os.read(main, 65536))
                except OSError:
                    pass

    try:
        read_until(b"Bot loaded", START_TIMEOUT)
        first_screen = screen.decode(errors="replace")
        for noise in ("Warning", "warn(", "pkg_resources", "W094", "tensorflow", "DeprecationWarning"):
            assert noise not in first_screen, first_screen
        assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else
        r = requests.post(f"http://127.0.0.1:{port}/webhooks/rest/webhook",
                          json={"sender": "telegram-555000111", "message": "/show_my_data"}, timeout=120)
        assert r.status_code == 200
        assert "47" not in json.dumps(r.json())  # the Telegram user's age is not in the terminal's store
        os.write(main, b"/stop\r")
        proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=60)
        os.close(main)
