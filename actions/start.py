"""The action server's start-up: what ``rasa run actions --actions actions`` sets up once, before it serves.

rasa_sdk calls its plugin hook ``attach_sanic_app_extensions(app)`` once when it starts the server, after it
has imported the actions and before it reads ``SANIC_HOST`` (``rasa_sdk.endpoint.run``). :func:`start`, that
hook, is the one place where the action server's environment and logging are set up; importing an action
module sets up nothing (``actions/__init__.py`` only registers the hook with rasa_sdk's plugin manager):

- the server listens on loopback unless ``SANIC_HOST`` says otherwise (rasa-sdk 3.6 listens on 0.0.0.0 by
  default);
- the log filter keeps message text and values out of every log line (:mod:`common.log_privacy`);
- a failing action is answered and logged without the conversation (:mod:`actions.failures`).
"""
import os
import sys
from typing import Any

import pluggy

from actions import failures
from common import log_privacy

hookimpl = pluggy.HookimplMarker("rasa_sdk")
DEFAULT_HOST = "127.0.0.1"


@hookimpl
def attach_sanic_app_extensions(app: Any) -> None:
    start(app)


def start(app: Any) -> None:
    """The action server's set-up (idempotent)."""
    os.environ.setdefault("SANIC_HOST", DEFAULT_HOST)
    log_privacy.install()
    failures.attach(app)


def register() -> None:
    """Registers :func:`start` with rasa_sdk's plugin manager (once)."""
    from rasa_sdk.plugin import plugin_manager

    manager = plugin_manager()
    plugin = sys.modules[__name__]
    if not manager.is_registered(plugin):
        manager.register(plugin)
