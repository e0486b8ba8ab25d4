"""Configuration that keeps the edges closed: no forgeable channel opened by default, the action
server on loopback, owner-only files."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from connectors import credentials

ROOT = Path(__file__).resolve().parents[2]


def top_level_keys(text):
    return [key for key, _ in credentials.sections(text)]


def test_default_channels_are_the_signed_rest_route_and_the_page_only():
    keys = top_level_keys((ROOT / "credentials.yml").read_text())
    assert keys == ["connectors.rest.WebRestInput", "connectors.web.WebChatInput"]
    # Rasa's own rest: and socketio: take the conversation id from the caller.
    assert "rest" not in keys and "socketio" not in keys


@pytest.mark.parametrize("enabled", ["", "false", "0", "no", "1", "true"])
def test_socketio_is_never_opened(enabled):
    """Rasa's socket.io channel bypasses the guarded handler: whatever SOCKETIO_ENABLED says, and even with a
    socketio section in the channels file, the server's credentials never name it."""
    base = (ROOT / "credentials.yml").read_text()
    channels = (ROOT / "credentials.channels.yml").read_text()
    assert "socketio" not in top_level_keys(channels)
    hostile = channels + "\nsocketio:\n  user_message_evt: user_uttered\n  enabled: ${SOCKETIO_ENABLED}\n" \
        "\nrest:\n"
    text, report = credentials.build(base, hostile, environ={"SOCKETIO_ENABLED": enabled})
    assert "socketio" not in top_level_keys(text) and "rest" not in top_level_keys(text)
    assert report["socketio"] == [credentials.NOT_SUPPORTED]


def test_the_action_server_binds_to_loopback_unless_told_otherwise():
    code = "import os; import actions.limits; print(os.environ['SANIC_HOST'])"
    env = {k: v for k, v in os.environ.items() if k != "SANIC_HOST"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "127.0.0.1"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**env, "SANIC_HOST": "0.0.0.0"},
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0.0.0.0"  # an explicit choice is kept
    assert "SANIC_HOST=${ACTION_HOST:-127.0.0.1}" in (ROOT / "scripts/serve_web.sh").read_text()
    for script in ("scripts/run.sh", "scripts/serve_web.sh"):
        assert "umask 077" in (ROOT / script).read_text()


def test_the_action_package_imports_the_guard():
    """rasa_sdk reads SANIC_HOST after importing the actions: actions.actions must load actions.limits."""
    code = ("import os, sys; os.environ.pop('SANIC_HOST', None); import actions.actions; "
            "print('actions.limits' in sys.modules, os.environ.get('SANIC_HOST'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "127.0.0.1"]
