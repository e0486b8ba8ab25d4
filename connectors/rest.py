"""The REST channel of the web page and the HTTP API, with sender ids nobody can forge.

Rasa's own REST channel takes the conversation's id from the request body, so
anyone could name another person's conversation (a Telegram chat id, a Slack user
id) and read or erase it.  This channel (same URL, ``/webhooks/rest/webhook``):

- accepts only ids it issued itself: ``POST /webhooks/rest/session`` answers
  ``{"sender": "web-<32 hex>-<8 hex>-<32 hex>"}`` (``?format=text``: the id alone): a random part, its issue
  time and their HMAC-SHA256 under a server secret (:mod:`connectors.web_ids`); any other ``sender`` is
  refused with HTTP 403 and nothing is run. Telegram and Slack conversations are kept under ``telegram-...``
  and ``slack-...`` ids, which this channel never accepts;
- refuses (HTTP 403, ``"reason": "expired"`` or ``"ended"``) an id idle for longer than 2 hours
  (``WEB_ID_IDLE_SECONDS``), an id ended by ``POST /webhooks/rest/session/end`` ("End session" on the page,
  which answers a fresh id) and the id of a conversation whose deletion was committed;
- answers a body that is not JSON with HTTP 400 and a short explanation;
- limits each conversation to ``RATE_LIMIT`` messages per second (10, burst twice that) and each client
  address to ``SESSION_RATE_LIMIT`` new ids per second (5, burst ten times that): HTTP 429 beyond;
  and the server takes no request body over ``REQUEST_MAX_BYTES`` (64 kB): HTTP 413 (:mod:`connectors.limits`);
- passes every message through :class:`connectors.inbound.GuardedHandler` (length
  cap, clean text, no text in logs, deletion confirmed only once committed);
- passes on, of the body's ``metadata``, only the ``language`` the page asks for (its EN | FR switch or the
  browser's language: the conversation's default language, actions/language.py);
- always answers a valid request with HTTP 200 and a list of replies.

The secret: the environment variable ``WEB_SENDER_SECRET`` (a random value of 32 characters or more, checked
for strength) or else a random one kept in the file ``WEB_SENDER_SECRET_FILE`` (default
``.rasa/web_sender_secret`` under the directory the server runs in), created
readable by its owner only.  Changing it invalidates every issued id.

credentials.yml::

    connectors.rest.WebRestInput:
"""
import json
import logging
import os
import re
import secrets
import time
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from connectors import web_ids
from connectors.inbound import GuardedHandler
from connectors.limits import LimitedBlueprint, RateLimiter, client_address
from connectors.web_ids import new_sender_id, valid_sender_id  # noqa: F401 (the channel's id API)

logger = logging.getLogger(__name__)

SECRET_ENV = "WEB_SENDER_SECRET"
SECRET_FILE_ENV = "WEB_SENDER_SECRET_FILE"
DEFAULT_SECRET_FILE = Path(".rasa") / "web_sender_secret"
PREFIX = web_ids.PREFIX
FORBIDDEN = ("sender must be an id issued by this server: POST /webhooks/rest/session "
             "answers {\"sender\": \"web-...\"}")
REFUSED = {
    web_ids.FORGED: FORBIDDEN,
    web_ids.ENDED: "this conversation id was ended (End session or a deletion): POST /webhooks/rest/session "
                   "for a new one",
    web_ids.EXPIRED: "this conversation id expired after its idle period: POST /webhooks/rest/session for a new one",
}
BAD_BODY = 'the body must be JSON: {"sender": "<id from POST /webhooks/rest/session>", "message": "<text>"}'
TOO_FAST = "too many requests: wait a moment and try again"


def write_private(path: Path, data: bytes) -> None:
    """Create ``path`` readable and writable by its owner only (fails if it exists)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def load_secret(environ: Optional[Dict[Text, Text]] = None) -> bytes:
    env = os.environ if environ is None else environ
    value = (env.get(SECRET_ENV) or "").strip()
    if value:
        web_ids.check_secret_strength(value, SECRET_ENV)
        return value.encode("utf-8")
    path = Path(env.get(SECRET_FILE_ENV) or DEFAULT_SECRET_FILE)
    try:
        write_private(path, secrets.token_hex(32).encode("ascii"))
    except FileExistsError:
        pass
    os.chmod(path, 0o600)
    secret = path.read_bytes().strip()
    web_ids.check_secret_strength(secret.decode("utf-8", errors="replace"), str(path))
    return secret


def page_metadata(body: Dict[Text, Any]) -> Dict[Text, Any]:
    """What the page may say about the person besides the message: only the language it asks for (its EN | FR
    switch, or the browser's language), ``{"metadata": {"language": "fr-CA"}}``; anything else is dropped."""
    metadata = body.get("metadata")
    language = metadata.get("language") if isinstance(metadata, dict) else None
    if isinstance(language, str) and re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*", language[:35]):
        return {"language": language[:35]}
    return {}


def _json_body(request: Request) -> Any:
    try:
        return json.loads(request.body.decode("utf-8", errors="replace") or "null")
    except (ValueError, RecursionError):
        return None


class WebRestInput(InputChannel):
    """REST channel at ``/webhooks/rest/`` accepting only server-issued, live web ids."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WebRestInput":
        return cls()

    def __init__(self, secret: Optional[bytes] = None) -> None:
        self.secret = secret or load_secret()
        self.local = web_ids.LocalRecord()
        self.message_rate = RateLimiter.from_env("RATE_LIMIT", 10)
        self.session_rate = RateLimiter.from_env("SESSION_RATE_LIMIT", 5, burst_factor=10)

    def _sessions(self, request: Request) -> Any:
        agent = getattr(request.app.ctx, "agent", None)
        return web_ids.sessions_of(getattr(agent, "tracker_store", None)) or self.local

    async def _end(self, request: Request, sender: Text) -> None:
        await self._sessions(request).end_sender_id(sender, time.time())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = LimitedBlueprint("web_rest", __name__)
        handle = GuardedHandler(on_new_message, "rest")
        handle.attach(bp)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/session", methods=["POST"])
        async def session(request: Request) -> HTTPResponse:
            if not self.session_rate.allow(client_address(request)):
                return response.json({"error": TOO_FAST}, status=429, headers={"Retry-After": "1"})
            sender = new_sender_id(self.secret)
            if request.args.get("format") == "text":  # for shell scripts: the id alone
                return response.text(sender, headers={"Cache-Control": "no-store"})
            return response.json({"sender": sender}, headers={"Cache-Control": "no-store"})

        @bp.route("/session/end", methods=["POST"])
        async def end_session(request: Request) -> HTTPResponse:
            """"End session": the id is refused from now on; the answer is a fresh one."""
            body = _json_body(request)
            sender = body.get("sender") if isinstance(body, dict) else None
            if not valid_sender_id(sender, self.secret):
                return response.json({"error": FORBIDDEN}, status=403)
            await self._end(request, sender)
            return response.json({"sender": new_sender_id(self.secret)}, headers={"Cache-Control": "no-store"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = _json_body(request)
            if not isinstance(body, dict):
                return response.json({"error": BAD_BODY}, status=400)
            sender = body.get("sender")
            why = await web_ids.refusal(sender, self.secret, self._sessions(request))
            if why:
                return response.json({"error": REFUSED[why], "reason": why}, status=403)
            if not self.message_rate.allow(sender):
                return response.json({"error": TOO_FAST}, status=429, headers={"Retry-After": "1"})
            text = body.get("message")
            if not isinstance(text, str):
                text = "" if text is None else json.dumps(text)[:10_000]
            collector = CollectingOutputChannel()
            message = UserMessage(text, collector, sender, input_channel=self.name(), metadata=page_metadata(body))
            erased = await handle(message, web_page=True)
            if erased:  # a committed deletion: this id is not used again
                await self._end(request, sender)
            else:
                self.local.touch(sender, time.time())
            return response.json(collector.messages)

        return bp
