"""A failing action is answered and logged without the conversation.

rasa_sdk answers an action that raises with HTTP 500 and a body holding the exception's message and the
whole request: the tracker, with every earlier message and slot value. The Rasa server then logs that body
with its error. This module replaces that answer through rasa_sdk's own plugin hook
(``attach_sanic_app_extensions``, called by ``rasa_sdk.endpoint.run`` after it has imported the actions):

- the answer is ``{"error": "the action failed (<exception type>)", "action_name": ...}``, status 500;
- the log line names the action and the exception's type, with the traceback's frames (file, line, code)
  and without the exception's message, which may quote a value.

Imported by :mod:`actions.limits` (so by every action module). Idempotent.
"""
import logging
import sys
import traceback
from typing import Any

import pluggy
from sanic import response

logger = logging.getLogger(__name__)
hookimpl = pluggy.HookimplMarker("rasa_sdk")


def describe(exception: BaseException) -> str:
    """The traceback's frames and the exception's type, never its message."""
    frames = "".join(traceback.format_tb(exception.__traceback__))
    return f"Traceback (most recent call last):\n{frames}{type(exception).__module__}.{type(exception).__name__}"


def _action_name(request: Any) -> str:
    try:
        name = (request.json or {}).get("next_action")
    except Exception:  # not JSON, or no body
        return "?"
    return name if isinstance(name, str) and name.isidentifier() else "?"


async def answer_failure(request: Any, exception: Exception) -> Any:
    name = _action_name(request)
    logger.error("The action %s failed (%s); its message is not logged.\n%s", name, type(exception).__name__,
                 describe(exception))
    return response.json({"error": f"the action failed ({type(exception).__name__})", "action_name": name},
                         status=500)


@hookimpl
def attach_sanic_app_extensions(app: Any) -> None:
    app.error_handler.add(Exception, answer_failure)


def install() -> None:
    from rasa_sdk.plugin import plugin_manager

    manager = plugin_manager()
    plugin = sys.modules[__name__]
    if not manager.is_registered(plugin):
        manager.register(plugin)
