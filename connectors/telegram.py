"""Rasa's Telegram channel, hardened.

Rasa 3.6's ``TelegramInput`` neither registers the webhook with a secret token
nor checks Telegram's ``X-Telegram-Bot-Api-Secret-Token`` header, so anyone who
learns the webhook URL can post fake updates.  This subclass:

- registers the webhook with ``secret_token`` and refuses (HTTP 403) every POST
  to ``/webhooks/telegram/webhook`` whose header does not match it;
- refuses the unauthenticated ``/webhooks/telegram/set_webhook`` route of the
  parent class (it would re-register the webhook without the secret);
- talks to the Bot API at ``api_url`` (default https://api.telegram.org; a local
  Bot API server, or a fake one on loopback in tests);
- makes relative image URLs (the CRS chart) absolute with ``public_url``;
- keeps conversations under ``telegram-<chat id>`` (:data:`SENDER_PREFIX`), an id
  no other channel accepts, and talks in private chats only: in a group every
  member would share one profile, so a group gets a one-line refusal and nothing
  is stored;
- passes every message through :class:`connectors.inbound.GuardedHandler` (length
  cap, clean text, no text in logs, deletion confirmed only once committed);
- answers GET on the webhook with 405 (Rasa's route answers it with a 500).

credentials.channels.yml::

    connectors.telegram.TelegramInput:
      access_token: "${TELEGRAM_TOKEN}"
      verify: "${TELEGRAM_BOT_NAME}"
      webhook_url: "${PUBLIC_URL}/webhooks/telegram/webhook"
      secret_token: "${TELEGRAM_SECRET_TOKEN}"

Optional environment variables: ``TELEGRAM_API_URL``, ``PUBLIC_URL``.
"""
import asyncio
import hmac
import logging
import os
import re
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput as RasaTelegramInput
from rasa.core.channels.telegram import TelegramOutput as RasaTelegramOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request

from connectors import rich
from connectors._urls import absolute_url
from connectors.inbound import GuardedHandler

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
API_URL_ENV = "TELEGRAM_API_URL"
MAX_BUTTONS_IN_A_ROW = 3
# Telegram accepts 1-256 characters A-Z, a-z, 0-9, _ and -.
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
SENDER_PREFIX = "telegram-"
PRIVATE_ONLY_REPLY = ("I only talk in private chats, so that nobody else sees your answers. "
                      "Please write to me directly.")


def chat_id(recipient_id: Any) -> Text:
    """The Telegram chat id of a stored conversation id (``telegram-123`` -> ``123``)."""
    recipient = str(recipient_id)
    return recipient[len(SENDER_PREFIX):] if recipient.startswith(SENDER_PREFIX) else recipient


def chat_type(update: Any) -> Optional[Text]:
    """The chat type ("private", "group", ...) of a Telegram update (a dict)."""
    if not isinstance(update, dict):
        return None
    for key in ("message", "edited_message"):
        if isinstance(update.get(key), dict):
            return (update[key].get("chat") or {}).get("type")
    query = update.get("callback_query")
    if isinstance(query, dict) and isinstance(query.get("message"), dict):
        return (query["message"].get("chat") or {}).get("type")
    return None


def language_code(update: Any) -> Optional[Text]:
    """The language of the person's Telegram app ("fr", "en-GB", ...: ``from.language_code`` of the message or the
    button press), the default language of the conversation (actions/language.py)."""
    if not isinstance(update, dict):
        return None
    for key in ("message", "edited_message", "callback_query"):
        sender = update.get(key, {}).get("from") if isinstance(update.get(key), dict) else None
        if isinstance(sender, dict) and isinstance(sender.get("language_code"), str):
            return sender["language_code"]
    return None


def _server(api_url: Optional[Text]) -> TelegramAPIServer:
    api_url = (api_url or os.environ.get(API_URL_ENV) or "").strip()
    return TelegramAPIServer.from_base(api_url) if api_url else TELEGRAM_PRODUCTION


class TelegramOutput(RasaTelegramOutput):
    """Rasa's Telegram output with a configurable API server and absolute image URLs."""

    def __init__(self, access_token: Optional[Text], api_url: Optional[Text] = None,
                 public_url: Optional[Text] = None) -> None:
        Bot.__init__(self, access_token, server=_server(api_url))
        self.public_url = public_url

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        await super().send_response(chat_id(recipient_id), message)

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await super().send_image_url(recipient_id, absolute_url(image, self.public_url), **kwargs)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        """Titled markdown links (the FAQ's sources) as Telegram HTML links; other text as Rasa sends it."""
        if not rich.has_links(text):
            await super().send_text_message(recipient_id, text, **kwargs)
            return
        for part in text.strip().split("\n\n"):
            await self.send_message(recipient_id, rich.telegram_html(part), parse_mode="HTML",
                                    disable_web_page_preview=True)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        """The structured result (connectors/rich.py): at most three messages; other payloads as Rasa sends them."""
        if not rich.is_result(json_message):
            await super().send_custom_json(recipient_id, json_message, **kwargs)
            return
        for m in rich.telegram_messages(json_message, self.public_url):
            params = {k: v for k, v in m.items() if k not in ("method", "text", "photo")}
            if m["method"] == "sendPhoto":
                await self.send_photo(recipient_id, m["photo"], **params)
            else:
                await self.send_message(recipient_id, m["text"], **params)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     button_type: Optional[Text] = None, **kwargs: Any) -> None:
        """Up to three buttons side by side; more (e.g. eight education levels) one per row."""
        if button_type is None:
            button_type = "inline" if len(buttons) <= MAX_BUTTONS_IN_A_ROW else "vertical"
        await super().send_text_with_buttons(recipient_id, text, buttons, button_type=button_type, **kwargs)


class TelegramInput(RasaTelegramInput):
    """Telegram input channel that checks the webhook's secret token."""

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TelegramInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        secret = str(credentials.get("secret_token") or "").strip()
        if not _SECRET_RE.match(secret):
            raise RasaException(
                "The Telegram channel needs 'secret_token' (1-256 characters: letters, "
                "digits, '_' and '-'), e.g. from TELEGRAM_SECRET_TOKEN; Telegram sends it "
                f"in the {SECRET_HEADER} header and other requests are refused."
            )
        for field in ("access_token", "verify", "webhook_url"):
            if not str(credentials.get(field) or "").strip():
                raise RasaException(f"The Telegram channel needs '{field}' (see docs/channels.md).")
        return cls(
            credentials["access_token"],
            credentials["verify"],
            credentials["webhook_url"],
            secret_token=secret,
            api_url=credentials.get("api_url"),
            public_url=credentials.get("public_url"),
        )

    def __init__(self, access_token: Optional[Text], verify: Optional[Text],
                 webhook_url: Optional[Text], debug_mode: bool = False,
                 secret_token: Optional[Text] = None, api_url: Optional[Text] = None,
                 public_url: Optional[Text] = None, register_webhook: bool = True) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode=debug_mode)
        self.secret_token = secret_token
        self.api_url = api_url
        self.public_url = public_url
        self.register_webhook = register_webhook

    def get_output_channel(self) -> TelegramOutput:
        # The parent registers the webhook here, each time; we do it once, with the secret.
        return TelegramOutput(self.access_token, self.api_url, self.public_url)

    async def set_webhook(self) -> bool:
        """Register the webhook URL and the secret token with Telegram."""
        bot = Bot(self.access_token, server=_server(self.api_url))
        try:
            data = {"url": self.webhook_url}
            if self.secret_token:
                data["secret_token"] = self.secret_token
            return bool(await bot.request("setWebhook", data))
        finally:
            await bot.session.close()

    def _register_webhook_now(self) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:  # inside a running loop (e.g. a test): the caller registers it
            return
        try:
            asyncio.run(self.set_webhook())
        except (TelegramAPIError, OSError) as error:
            raise RasaException(f"Failed to set the Telegram webhook: {error}") from error
        logger.info("Telegram webhook registered with a secret token.")

    def authentic(self, request: Request) -> bool:
        if not self.secret_token:
            return False
        given = request.headers.get(SECRET_HEADER, "")
        return hmac.compare_digest(given.encode("utf-8"), self.secret_token.encode("utf-8"))

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        try:
            update = request.json
            return {"chat_type": chat_type(update), "language_code": language_code(update)}
        except Exception:  # not JSON: Rasa's handler refuses it
            return {"chat_type": None}

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        if self.register_webhook:
            self._register_webhook_now()
        handle = GuardedHandler(on_new_message, "telegram")

        async def private_chats_only(message: UserMessage) -> None:
            raw = str(message.sender_id)
            if (message.metadata or {}).get("chat_type") != "private":
                await message.output_channel.send_response(raw, {"text": PRIVATE_ONLY_REPLY})
                return
            message.sender_id = SENDER_PREFIX + raw
            await handle(message)

        bp = super().blueprint(private_chats_only)
        handle.attach(bp)

        @bp.middleware("request")
        async def check_secret_token(request: Request) -> Optional[response.HTTPResponse]:
            path = request.path.rstrip("/")
            if path.endswith("/set_webhook"):
                return response.text(
                    "The webhook is registered when the server starts.", status=403
                )
            if path.endswith("/webhook") and request.method != "POST":
                return response.text("Telegram posts its updates here.", status=405,
                                     headers={"Allow": "POST"})
            if path.endswith("/webhook") and request.method == "POST":
                if not self.authentic(request):
                    logger.warning("Refused a Telegram update without the right secret token.")
                    return response.text("forbidden", status=403)
            return None

        return bp
