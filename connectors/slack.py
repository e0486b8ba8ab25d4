"""Rasa's Slack channel with a configurable API address and absolute image URLs.

Rasa's ``SlackInput`` already refuses requests whose ``X-Slack-Signature`` does
not match the signing secret or whose ``X-Slack-Request-Timestamp`` is more
than five minutes old (HTTP 400).  This subclass adds:

- ``api_url`` (or the environment variable ``SLACK_API_URL``): where the Web API
  is (default https://slack.com/api/; a fake one on loopback in tests);
- ``public_url`` (or ``PUBLIC_URL``): makes relative image URLs absolute, since
  Slack fetches images itself;
- conversations are kept under ``slack-<user id>`` in a direct message and
  ``slack-<user id>-in-<channel id>`` where the bot was @-mentioned (:func:`conversation_id`): a
  channel conversation never shares the person's direct-message profile; no other channel accepts
  these ids;
- the metadata of each message says whether it came in a direct message
  (``direct_message``): the privacy actions (``actions/privacy.py``) show or delete
  data only there, never in a channel where the bot was @-mentioned;
- every message goes through :class:`connectors.inbound.GuardedHandler` (length
  cap, clean text, no text in logs, deletion confirmed only once committed).

credentials.channels.yml::

    connectors.slack.SlackInput:
      slack_token: "${SLACK_BOT_TOKEN}"
      slack_signing_secret: "${SLACK_SIGNING_SECRET}"
"""
import json
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot as RasaSlackBot
from rasa.core.channels.slack import SlackInput as RasaSlackInput
from slack_sdk.web.async_client import AsyncWebClient

from connectors import rich
from connectors._urls import absolute_url
from connectors.inbound import GuardedHandler

API_URL_ENV = "SLACK_API_URL"
SENDER_PREFIX = "slack-"


def is_direct_message(request: Any) -> bool:
    """True for a Slack event or button click that came in a direct message (an "im")."""
    content_type = request.headers.get("content-type")
    try:
        if content_type == "application/json":
            event = (request.json or {}).get("event") or {}
            return event.get("channel_type") == "im"
        if content_type == "application/x-www-form-urlencoded":
            payload = json.loads(request.form["payload"][0])
            channel = (payload.get("channel") or {}).get("id") or ""
            return str(channel).startswith("D")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return False
    return False


def conversation_id(user: Any, metadata: Optional[Dict[Text, Any]]) -> Text:
    """``slack-<user>`` in a direct message; ``slack-<user>-in-<channel>`` where the bot was @-mentioned,
    so that a channel conversation never shares (nor shows) the person's direct-message profile."""
    user = str(user or "")
    if user.startswith(SENDER_PREFIX):
        user = user[len(SENDER_PREFIX):]
    metadata = metadata or {}
    if metadata.get("direct_message"):
        return SENDER_PREFIX + user
    return f"{SENDER_PREFIX}{user}-in-{metadata.get('out_channel') or 'channel'}"


class SlackBot(RasaSlackBot):
    def __init__(self, token: Text, slack_channel: Optional[Text] = None,
                 thread_id: Optional[Text] = None, proxy: Optional[Text] = None,
                 api_url: Optional[Text] = None, public_url: Optional[Text] = None) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        api_url = (api_url or os.environ.get(API_URL_ENV) or "").strip()
        if api_url:
            self.client = AsyncWebClient(token, proxy=proxy, base_url=api_url.rstrip("/") + "/")
        self.public_url = public_url

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await super().send_image_url(recipient_id, absolute_url(image, self.public_url), **kwargs)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        """Titled markdown links (the FAQ's sources) as Slack links; other text as Rasa sends it."""
        if not rich.has_links(text):
            await super().send_text_message(recipient_id, text, **kwargs)
            return
        for part in text.strip().split("\n\n"):
            await self._post_message(channel=self.slack_channel or recipient_id, as_user=True,
                                     text=rich.slack_text(part), type="mrkdwn")

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        """The structured result as one Block Kit message (connectors/rich.py); other payloads as Rasa sends them."""
        if not rich.is_result(json_message):
            await super().send_custom_json(recipient_id, json_message, **kwargs)
            return
        await self._post_message(channel=self.slack_channel or recipient_id, as_user=True,
                                 **rich.slack_message(json_message, self.public_url))


class SlackInput(RasaSlackInput):
    @classmethod
    def name(cls) -> Text:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SlackInput":
        channel = super().from_credentials(credentials)
        channel.api_url = (credentials or {}).get("api_url")
        channel.public_url = (credentials or {}).get("public_url")
        return channel

    def get_metadata(self, request: Any) -> Dict[Text, Any]:
        metadata = super().get_metadata(request) or {}
        metadata["direct_message"] = is_direct_message(request)
        return metadata

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Any:
        handle = GuardedHandler(on_new_message, "slack")

        async def prefixed(message: UserMessage) -> None:
            message.sender_id = conversation_id(message.sender_id, message.metadata)
            await handle(message)

        bp = super().blueprint(prefixed)
        handle.attach(bp)
        return bp

    def get_output_channel(self, channel: Optional[Text] = None,
                           thread_id: Optional[Text] = None) -> OutputChannel:
        channel = channel or self.slack_channel
        return SlackBot(self.slack_token, channel, thread_id, self.proxy,
                        api_url=getattr(self, "api_url", None),
                        public_url=getattr(self, "public_url", None))
