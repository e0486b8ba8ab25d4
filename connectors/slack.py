"""Rasa's Slack channel with a configurable API address and absolute image URLs.

Rasa's ``SlackInput`` already refuses requests whose ``X-Slack-Signature`` does
not match the signing secret or whose ``X-Slack-Request-Timestamp`` is more
than five minutes old (HTTP 400).  This subclass adds:

- ``api_url`` (or the environment variable ``SLACK_API_URL``): where the Web API
  is (default https://slack.com/api/; a fake one on loopback in tests);
- ``public_url`` (or ``PUBLIC_URL``): makes relative image URLs absolute, since
  Slack fetches images itself.

credentials.channels.yml::

    connectors.slack.SlackInput:
      slack_token: "${SLACK_BOT_TOKEN}"
      slack_signing_secret: "${SLACK_SIGNING_SECRET}"
"""
import os
from typing import Any, Dict, Optional, Text

from rasa.core.channels.channel import OutputChannel
from rasa.core.channels.slack import SlackBot as RasaSlackBot
from rasa.core.channels.slack import SlackInput as RasaSlackInput
from slack_sdk.web.async_client import AsyncWebClient

from connectors._urls import absolute_url

API_URL_ENV = "SLACK_API_URL"


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

    def get_output_channel(self, channel: Optional[Text] = None,
                           thread_id: Optional[Text] = None) -> OutputChannel:
        channel = channel or self.slack_channel
        return SlackBot(self.slack_token, channel, thread_id, self.proxy,
                        api_url=getattr(self, "api_url", None),
                        public_url=getattr(self, "public_url", None))
