"""One way in for every message of this project's channels (REST, Telegram, Slack).

:class:`GuardedHandler` wraps the ``on_new_message`` callback Rasa gives a channel:

- the text is cleaned (:func:`connectors.guard.clean_text`) and a payload Rasa cannot
  answer (``/faq``, an unknown intent, ``//x``) becomes plain text;
- a message over :data:`connectors.guard.MAX_MESSAGE_CHARS` is answered with a short
  reply and goes no further: no NLU, no action, nothing stored;
- the text is made known to the log filter (:mod:`common.log_privacy`), which
  removes it from every log line written while it is handled;
- a failure while handling it is logged without the text and answered with an apology;
- "delete my data" is confirmed only after the deletion is committed
  (:mod:`connectors.erasure`).
"""
import logging
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage
from sanic import Blueprint

from common import log_privacy
from connectors import guard
from connectors.erasure import ErasureGate

logger = logging.getLogger(__name__)

SORRY_REPLY = "Sorry, something went wrong on my side while reading that. Please try again."


class GuardedHandler:
    def __init__(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], channel: Text) -> None:
        self.on_new_message = on_new_message
        self.channel = channel
        self.app: Any = None

    def attach(self, blueprint: Blueprint) -> None:
        """Remembers the server app, to read the model's retrieval intents."""

        @blueprint.middleware("request")
        async def _remember_app(request: Any) -> None:
            self.app = request.app

    def _domain(self) -> Any:
        agent = getattr(getattr(self.app, "ctx", None), "agent", None)
        return getattr(agent, "domain", None)

    def retrieval_intents(self) -> Any:
        return getattr(self._domain(), "retrieval_intents", None) or ()

    def intents(self) -> Any:
        return getattr(self._domain(), "intents", None) or None

    async def __call__(self, message: UserMessage, recipient_id: Optional[Text] = None,
                       web_page: bool = False) -> bool:
        """Handles ``message``; True when it ended in a committed deletion."""
        recipient = recipient_id if recipient_id is not None else message.sender_id
        text = guard.clean_text(message.text)
        output: OutputChannel = message.output_channel
        if guard.too_long(text):
            await output.send_response(recipient, {"text": guard.TOO_LONG_REPLY})
            return False
        message.text = guard.safe_payload(text, self.retrieval_intents(), self.intents())
        gate = ErasureGate(output)
        message.output_channel = gate
        token = log_privacy.current_text.set((text, message.text))
        try:
            try:
                await self.on_new_message(message)
            except Exception as error:  # never the text, never the traceback's locals
                logger.error("Handling a %s message failed (%s).", self.channel, type(error).__name__)
                await output.send_response(recipient, {"text": SORRY_REPLY})
            return bool(await gate.finish(message.sender_id, recipient, web_page=web_page))
        finally:
            log_privacy.current_text.reset(token)
