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


# What `rasa run actions` does: import the actions, then call the plugin hook before it reads SANIC_HOST.
_START = ("import os, actions; from sanic import Sanic; from rasa_sdk.plugin import plugin_manager; "
          "print(os.environ.get('SANIC_HOST')); plugin_manager().hook.attach_sanic_app_extensions(app=Sanic('t')); "
          "print(os.environ['SANIC_HOST'])")


def test_the_action_server_binds_to_loopback_unless_told_otherwise():
    env = {k: v for k, v in os.environ.items() if k != "SANIC_HOST"}
    out = subprocess.run([sys.executable, "-c", _START], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["None", "127.0.0.1"]  # set by the start-up, not by importing the actions
    out = subprocess.run([sys.executable, "-c", _START], cwd=ROOT, env={**env, "SANIC_HOST": "0.0.0.0"},
                         capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0.0.0.0", "0.0.0.0"]  # an explicit choice is kept
    assert "SANIC_HOST=${ACTION_HOST:-127.0.0.1}" in (ROOT / "scripts/serve_web.sh").read_text()
    for script in ("scripts/run.sh", "scripts/serve_web.sh"):
        assert "umask 077" in (ROOT / script).read_text()


def test_importing_the_actions_sets_nothing_up_the_server_start_up_does():
    """Environment and logging are set up by the action server's start-up (actions.start, rasa_sdk's plugin hook),
    not as a side effect of importing an action module."""
    code = ("import logging, os; os.environ.pop('SANIC_HOST', None); import actions.actions, actions.cec; "
            "from common import log_privacy; from sanic import Sanic; from rasa_sdk.plugin import plugin_manager; "
            "before = logging.getLogRecordFactory() is log_privacy._factory, os.environ.get('SANIC_HOST'); "
            "app = Sanic('t'); plugin_manager().hook.attach_sanic_app_extensions(app=app); "
            "from actions import failures; "
            "print(*before, logging.getLogRecordFactory() is log_privacy._factory, os.environ.get('SANIC_HOST'), "
            "app.error_handler.lookup(ValueError('x'), None) is failures.answer_failure)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "None", "True", "127.0.0.1", "True"]
