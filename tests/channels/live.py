"""Real servers for the channel, privacy and web tests: ``rasa run`` and ``rasa run actions``
on loopback, with this project's tracker store (``connectors.tracker_store.URLSQLTrackerStore``)
on a temporary SQLite file or a PostgreSQL database, and every channel configured:
REST (server-issued ids: ``conversation_id`` maps a test's names to them), the web page, and
Telegram and Slack pointed at fake APIs on loopback
(so starting needs no internet).

Reuses the model and helpers of ``tests/e2e/servers.py`` (the dialogue's e2e fixtures).
The Rasa server can be stopped and started again on the same database (``restart_rasa``).
"""
import os
import pathlib
import re
import signal
import subprocess
import tempfile
import time
from typing import Dict, List, Optional

import requests

from connectors import web_ids
from connectors.server import NLG_ENDPOINT, command as server_command
from tests.e2e.servers import MODEL, ROOT, START_TIMEOUT, VENV_BIN, ensure_model, free_port

TELEGRAM_TOKEN = "123456789:TEST-telegram-token_for_tests_only"
TELEGRAM_SECRET = "live-secret_token-for-tests"
SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
PUBLIC_URL = "https://bot.example.org"


def credentials_text(telegram_api: str, slack_api: str) -> str:
    base = (ROOT / "credentials.yml").read_text()
    return base + f"""
connectors.telegram.TelegramInput:
  access_token: "{TELEGRAM_TOKEN}"
  verify: "ee_test_bot"
  webhook_url: "{PUBLIC_URL}/webhooks/telegram/webhook"
  secret_token: "{TELEGRAM_SECRET}"
  api_url: "{telegram_api}"

connectors.slack.SlackInput:
  slack_token: "xoxb-test-token-for-tests-only"
  slack_signing_secret: "{SLACK_SECRET}"
  api_url: "{slack_api}"
"""


class LiveServers:
    def __init__(self, tracker_url: Optional[str], telegram_api: str, slack_api: str,
                 tmp: Optional[pathlib.Path] = None) -> None:
        # E2E_USE_EXISTING_MODEL=1: use models/assistant.tar.gz as it is (no training check).
        self.model = MODEL if os.environ.get("E2E_USE_EXISTING_MODEL") == "1" and MODEL.exists() else ensure_model()
        self.tmp = pathlib.Path(tmp or tempfile.mkdtemp(prefix="ee-live-"))
        self.tracker_url = tracker_url or f"sqlite:///{self.tmp / 'tracker.db'}"
        self.action_port = free_port()
        (self.tmp / "endpoints.yml").write_text(
            f'action_endpoint:\n  url: "http://127.0.0.1:{self.action_port}/webhook"\n'
            "tracker_store:\n  type: connectors.tracker_store.URLSQLTrackerStore\n"
            f'  db: "{self.tmp / "unused.db"}"\n' + NLG_ENDPOINT)
        (self.tmp / "credentials.yml").write_text(credentials_text(telegram_api, slack_api))
        self.env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(ROOT),
                    "TRACKER_STORE_URL": self.tracker_url, "PUBLIC_URL": PUBLIC_URL,
                    "WEB_SENDER_SECRET_FILE": str(self.tmp / "web_sender_secret")}
        self.ids: Dict[str, str] = {}  # test names -> conversation ids issued by the server
        self.env.pop("LOG_LEVEL", None)  # the default level: INFO
        self.http = requests.Session()
        self.actions = self._spawn(["run", "actions", "--actions", "actions", "--port", str(self.action_port)],
                                   "actions.log")
        self.rasa_runs = 0
        self.rasa: Optional[subprocess.Popen] = None
        try:
            self._wait(lambda: requests.get(f"http://127.0.0.1:{self.action_port}/health", timeout=2).ok,
                       [self.actions])
            self.start_rasa()
        except Exception:
            self.stop()
            raise

    def _spawn(self, args: List[str], log: str) -> subprocess.Popen:
        """``rasa run actions ...``, or the Rasa server's own start (connectors.server) for ``run ...``."""
        program = [str(VENV_BIN / "rasa")] if args[:2] == ["run", "actions"] else server_command()
        with open(self.tmp / log, "ab") as fh:
            return subprocess.Popen(program + args, cwd=ROOT, env=self.env, stdout=fh,
                                    stderr=subprocess.STDOUT, start_new_session=True)

    def _wait(self, ready, procs) -> None:
        deadline = time.time() + START_TIMEOUT
        while time.time() < deadline:
            for p in procs:
                if p.poll() is not None:
                    raise RuntimeError(f"a server exited early (status {p.returncode})\n{self.logs()}")
            try:
                if ready():
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        raise RuntimeError(f"servers not ready after {START_TIMEOUT:.0f} s\n{self.logs()}")

    def start_rasa(self) -> None:
        self.rasa_port = free_port()
        self.url = f"http://127.0.0.1:{self.rasa_port}"
        self.rasa_runs += 1
        self.rasa = self._spawn(
            ["run", "--enable-api", "--model", str(self.model), "--endpoints", str(self.tmp / "endpoints.yml"),
             "--credentials", str(self.tmp / "credentials.yml"), "--interface", "127.0.0.1",
             "--port", str(self.rasa_port)], "rasa.log")

        def ready():
            r = requests.get(f"{self.url}/status", timeout=2)
            return r.ok and bool(r.json().get("model_file"))

        self._wait(ready, [self.rasa])

    def restart_actions(self, package: str = "actions") -> None:
        _stop(self.actions)
        self.actions = self._spawn(["run", "actions", "--actions", package, "--port", str(self.action_port)],
                                   "actions.log")
        self._wait(lambda: requests.get(f"http://127.0.0.1:{self.action_port}/health", timeout=2).ok,
                   [self.actions])

    def stop_rasa(self) -> None:
        _stop(self.rasa)
        self.rasa = None

    def restart_rasa(self) -> None:
        self.stop_rasa()
        self.start_rasa()

    def stop(self) -> None:
        _stop(self.rasa)
        _stop(self.actions)

    # --- talking to it
    def conversation_id(self, sender: str) -> str:
        """The id kept in the store: Telegram/Slack/issued ids as they are; a test's name
        ("delete-1a2b") stands for a web id the server issues once (POST /webhooks/rest/session)."""
        if sender.startswith(("telegram-", "slack-")) or re.fullmatch(web_ids.ID_PATTERN, sender):
            return sender
        if sender not in self.ids:
            r = self.http.post(f"{self.url}/webhooks/rest/session", timeout=30)
            r.raise_for_status()
            self.ids[sender] = r.json()["sender"]
        return self.ids[sender]

    def say(self, sender: str, text: str) -> List[Dict]:
        r = self.http.post(f"{self.url}/webhooks/rest/webhook",
                           json={"sender": self.conversation_id(sender), "message": text}, timeout=120)
        r.raise_for_status()
        return r.json()

    def texts(self, sender: str, text: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(sender, text))

    def slots(self, sender: str) -> Dict:
        r = self.http.get(f"{self.url}/conversations/{self.conversation_id(sender)}/tracker", timeout=30)
        r.raise_for_status()
        return r.json()["slots"]

    def rows(self, sender: str) -> int:
        """Events stored for ``sender``, counted in the database itself."""
        import sqlalchemy as sa

        engine = sa.create_engine(self.tracker_url)
        try:
            with engine.connect() as conn:
                return conn.execute(sa.text("SELECT count(*) FROM events WHERE sender_id = :s"),
                                    {"s": self.conversation_id(sender)}).scalar()
        finally:
            engine.dispose()

    def log_text(self) -> Dict[str, str]:
        return {name: (self.tmp / name).read_text(errors="replace")
                for name in ("rasa.log", "actions.log") if (self.tmp / name).exists()}

    def logs(self) -> str:
        return "\n".join(f"--- {k} (tail)\n" + "\n".join(v.splitlines()[-40:]) for k, v in self.log_text().items())


def _stop(proc: Optional[subprocess.Popen]) -> None:
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


# --- shared, session-long instances (several conftests use them; one set of servers per run)
import atexit  # noqa: E402

_cache: Dict[str, object] = {}


def shared_fakes():
    """(fake Telegram API, fake Slack API), started once per test run."""
    if "fakes" not in _cache:
        from tests.channels.conftest import start_fake_slack, start_fake_telegram

        (telegram, close_telegram), (slack, close_slack) = start_fake_telegram(), start_fake_slack()
        _cache["fakes"] = (telegram, slack)
        atexit.register(close_slack)
        atexit.register(close_telegram)
    return _cache["fakes"]


def shared_live(backend: str, request) -> LiveServers:
    """Servers on ``backend`` ("sqlite" or "postgresql"), started once per test run."""
    key = f"live-{backend}"
    if key not in _cache:
        telegram, slack = shared_fakes()
        url = None
        if backend == "postgresql":
            url = _fresh_postgres_database(request)
        servers = LiveServers(url, telegram.url, slack.url)
        servers.fake_telegram, servers.fake_slack = telegram, slack
        _cache[key] = servers
        atexit.register(servers.stop)
    return _cache[key]


def _fresh_postgres_database(request) -> str:
    """A database of its own on the test PostgreSQL server (tests/conftest.py's postgres_server)."""
    admin_url, root = request.getfixturevalue("postgres_server")
    if root is None:
        return admin_url
    import sqlalchemy as sa

    engine = sa.create_engine(f"{root}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("DROP DATABASE IF EXISTS ee_tracker_live"))
            conn.execute(sa.text("CREATE DATABASE ee_tracker_live"))
    finally:
        engine.dispose()
    return f"{root}/ee_tracker_live"
