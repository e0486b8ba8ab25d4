"""Start the Rasa server and the action server on free loopback ports for end-to-end tests.

Reusable: ``start_servers(credentials_text=..., extra_env=...)`` returns a ``Servers``
object (``.url``, ``.action_url``, ``.tracker_db``, ``.say(sender, text)``,
``.tracker(sender)``, ``.stop()``). The model is models/assistant.tar.gz (trained by
scripts/train.sh, which does nothing when the model is up to date). Conversations
go to a temporary SQLite file through the project's own tracker store (connectors.tracker_store, as in
endpoints.yml), never to the project's rasa_tracker.db.
"""
import os
import pathlib
import signal
import socket
import subprocess
import sys
import tempfile
import time
from typing import List, Optional

import requests

from connectors.server import NLG_ENDPOINT, command as server_command

ROOT = pathlib.Path(__file__).resolve().parents[2]
VENV_BIN = pathlib.Path(sys.executable).parent
MODEL = ROOT / "models" / "assistant.tar.gz"
START_TIMEOUT = float(os.environ.get("E2E_START_TIMEOUT", "420"))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_model() -> pathlib.Path:
    subprocess.run(["bash", str(ROOT / "scripts" / "train.sh")], cwd=ROOT, check=True,
                   env={**os.environ, "VENV": str(VENV_BIN.parent)})
    return MODEL


class Servers:
    def __init__(self, tmp: pathlib.Path, rasa_port: int, action_port: int, procs: List[subprocess.Popen]):
        self.tmp = tmp
        self.url = f"http://127.0.0.1:{rasa_port}"
        self.action_url = f"http://127.0.0.1:{action_port}"
        self.tracker_db = tmp / "tracker.db"
        self.procs = procs
        self.http = requests.Session()

    def say(self, sender: str, text: str, timeout: float = 60) -> List[dict]:
        r = self.http.post(f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                           timeout=timeout)
        r.raise_for_status()
        return r.json()

    def texts(self, sender: str, text: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(sender, text))

    def tracker(self, sender: str) -> dict:
        r = self.http.get(f"{self.url}/conversations/{sender}/tracker", timeout=30)
        r.raise_for_status()
        return r.json()

    def logs(self) -> str:
        out = []
        for name in ("rasa.log", "actions.log"):
            p = self.tmp / name
            if p.exists():
                out.append(f"--- {name} (tail)\n" + "\n".join(p.read_text(errors="replace").splitlines()[-40:]))
        return "\n".join(out)

    def stop(self):
        for p in self.procs:
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for p in self.procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                p.wait(timeout=10)


def start_servers(credentials_text: str = "rest:\n", extra_env: Optional[dict] = None,
                  tmp: Optional[pathlib.Path] = None, model: Optional[pathlib.Path] = None,
                  cwd: pathlib.Path = ROOT, with_actions: bool = True) -> Servers:
    """Starts both servers (or only the Rasa server: with_actions=False) and waits until they answer."""
    model = model or ensure_model()
    tmp = pathlib.Path(tmp or tempfile.mkdtemp(prefix="ee-e2e-"))
    rasa_port, action_port = free_port(), free_port()
    (tmp / "endpoints.yml").write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n'
        f'tracker_store:\n  type: connectors.tracker_store.URLSQLTrackerStore\n  db: "{tmp / "tracker.db"}"\n' + NLG_ENDPOINT)
    (tmp / "credentials.yml").write_text(credentials_text)
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(ROOT), **(extra_env or {})}
    rasa = str(VENV_BIN / "rasa")
    procs = []
    if with_actions:
        with open(tmp / "actions.log", "wb") as alog:
            procs.append(subprocess.Popen([rasa, "run", "actions", "--actions", "actions", "--port", str(action_port)],
                                          cwd=cwd, env=env, stdout=alog, stderr=subprocess.STDOUT,
                                          start_new_session=True))
    with open(tmp / "rasa.log", "wb") as rlog:
        procs.append(subprocess.Popen(
            server_command() + ["run", "--enable-api", "--model", str(model), "--endpoints", str(tmp / "endpoints.yml"),
             "--credentials", str(tmp / "credentials.yml"), "--interface", "127.0.0.1", "--port", str(rasa_port)],
            cwd=cwd, env=env, stdout=rlog, stderr=subprocess.STDOUT, start_new_session=True))
    servers = Servers(tmp, rasa_port, action_port, procs)
    deadline = time.time() + START_TIMEOUT
    ready = {"rasa": False, "actions": not with_actions}
    while time.time() < deadline:
        for p in procs:
            if p.poll() is not None:
                servers.stop()
                raise RuntimeError(f"a server exited early (status {p.returncode})\n{servers.logs()}")
        try:
            if not ready["actions"]:
                ready["actions"] = requests.get(f"{servers.action_url}/health", timeout=2).ok
            if not ready["rasa"]:
                r = requests.get(f"{servers.url}/status", timeout=2)
                ready["rasa"] = r.ok and bool(r.json().get("model_file"))
        except requests.RequestException:
            pass
        if all(ready.values()):
            return servers
        time.sleep(1)
    servers.stop()
    raise RuntimeError(f"servers not ready after {START_TIMEOUT:.0f} s\n{servers.logs()}")
