"""A failing action is answered and logged without the conversation.

rasa_sdk answers an action that raises with HTTP 500 and a body holding the exception's message and the
whole request: the tracker, with every earlier message and slot value. The Rasa server then logs that body
with its error. The server's start-up (:mod:`actions.start`, rasa_sdk's plugin hook ``attach_sanic_app_extensions``) replaces
that answer with :func:`attach`:

- the answer is ``{"error": "the action failed (<exception type>)", "action_name": ...}``, status 500;
- the log line names the action and the exception's type, with the traceback's frames (file, line, code)
  and without the exception's message, which may quote a value.
"""
import logging
import traceback
from typing import Any

from sanic import response

logger = logging.getLogger(__name__)


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


def attach(app: Any) -> None:
    """Makes ``app`` answer a failing action with :func:`answer_failure`."""
    app.error_handler.add(Exception, answer_failure)
