"""deploy/Dockerfile replayed (tests/scale/dockerfile.py): its files copied, its install command run in a fresh
virtual environment with this machine's Python 3.10, then the image's two commands started as Compose and
Kubernetes start them: the action server answers /health, the Rasa server its web readiness route and a
message. No Docker daemon here; the user (1001) and the read-only root filesystem are not replayed."""
import re
import secrets
import subprocess
import time

import pytest
import requests
import yaml

from scripts.local_services import Proc, free_port, http_ok, wait_until
from tests.e2e.servers import START_TIMEOUT, ensure_model
from tests.scale import deploy_tools
from tests.scale.dockerfile import DOCKERFILE, Replay, parse

pytestmark = [pytest.mark.scale, pytest.mark.e2e]
COMPOSE = DOCKERFILE.parent / "docker-compose.yml"


@pytest.fixture(scope="module")
def replay():
    ensure_model()
    image = Replay().build()
    deploy_tools.TIMES["Dockerfile replay: install command in a fresh venv"] = image.install_seconds
    return image


def test_the_image_is_the_one_compose_and_kubernetes_run():
    image = parse()
    assert image["from"] == "python:3.10-slim"
    assert re.match(r"3\.10\.", subprocess.run([deploy_tools.python310(), "-c",
                                                "import platform; print(platform.python_version())"],
                                               capture_output=True, text=True, check=True).stdout)
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    assert services["rasa"]["command"] == image["cmd"]


def test_the_image_s_two_commands_answer(replay, redis_url, tmp_path):
    assert replay.skipped == ["useradd --no-create-home --uid 1001 rasa"]  # the only command not replayed
    assert (replay.venv.bin / "rasa").exists()  # the install has Rasa (the `assistant` extra)
    assert (replay.app / "build" / "spacy_en" / "meta.json").exists()  # its RUN python scripts/build_spacy.py
    actions_port, rasa_port = free_port(), free_port()
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    actions_cmd = [a.replace("5055", str(actions_port)) for a in services["actions"]["command"]]
    rasa_cmd = [replay.here(a).replace("--port 5005", f"--port {rasa_port}") for a in replay.image["cmd"]]
    env = replay.env({"ACTION_ENDPOINT_URL": f"http://127.0.0.1:{actions_port}/webhook",
                      "TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'tracker.db'}", "REDIS_URL": redis_url,
                      "WEB_SENDER_SECRET": secrets.token_hex(32)})
    actions = Proc("actions", actions_cmd, tmp_path / "actions.log", env, cwd=replay.app)
    rasa = Proc("rasa", rasa_cmd, tmp_path / "rasa.log", env, cwd=replay.app)
    try:
        start = time.monotonic()
        wait_until(lambda: http_ok(f"http://127.0.0.1:{actions_port}/health"), START_TIMEOUT, "the action server",
                   actions.alive, actions.log)
        # in its container it listens on every interface (SANIC_HOST=0.0.0.0 in the image), so nginx reaches it
        assert "0.0.0.0" in actions.log.read_text() or _listens_on_all(actions_port)
        wait_until(lambda: http_ok(f"http://127.0.0.1:{rasa_port}/webhooks/web/ready"), START_TIMEOUT,
                   "the Rasa server", rasa.alive, rasa.log)
        deploy_tools.TIMES["Dockerfile replay: both commands ready"] = time.monotonic() - start
        assert requests.get(f"http://127.0.0.1:{rasa_port}/status", timeout=10).status_code == 404  # no HTTP API
        sender = requests.post(f"http://127.0.0.1:{rasa_port}/webhooks/rest/session", timeout=30).json()["sender"]
        replies = requests.post(f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook",
                                json={"sender": sender, "message": "check my score"}, timeout=120).json()
        assert "How old" in " ".join(r.get("text", "") for r in replies)  # the form's first question: actions ran
    finally:
        rasa.stop()
        actions.stop()


def _listens_on_all(port):
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        if state == "0A" and local == f"00000000:{port:04X}":
            return True
    return False
