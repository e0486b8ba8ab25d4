"""The REST channel of the web page and the HTTP API, with sender ids nobody can forge.

Rasa's own REST channel takes the conversation's id from the request body, so
anyone could name another person's conversation (a Telegram chat id, a Slack user
id) and read or erase it.  This channel (same URL, ``/webhooks/rest/webhook``):

- accepts only ids it issued itself: ``POST /webhooks/rest/session`` answers
  ``{"sender": "web-<32 hex>-<32 hex>"}`` (``?format=text``: the id alone), a random part and its HMAC-SHA256 under a
  server secret; any other ``sender`` is refused with HTTP 403 and nothing is run.
  Telegram and Slack conversations are kept under ``telegram-...`` and ``slack-...``
  ids, which this channel never accepts;
- answers a body that is not JSON with HTTP 400 and a short explanation;
- passes every message through :class:`connectors.inbound.GuardedHandler` (length
  cap, clean text, no text in logs, deletion confirmed only once committed);
- always answers a valid request with HTTP 200 and a list of replies.

The secret: the environment variable ``WEB_SENDER_SECRET`` (at least 32 characters)
or else a random one kept in the file ``WEB_SENDER_SECRET_FILE`` (default
``.rasa/web_sender_secret`` under the directory the server runs in), created
readable by its owner only.  Changing it invalidates every issued id.

credentials.yml::

    connectors.rest.WebRestInput:
"""
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from connectors.inbound import GuardedHandler

logger = logging.getLogger(__name__)

SECRET_ENV = "WEB_SENDER_SECRET"
SECRET_FILE_ENV = "WEB_SENDER_SECRET_FILE"
DEFAULT_SECRET_FILE = Path(".rasa") / "web_sender_secret"
PREFIX = "web-"
_ID_RE = re.compile(r"^web-([0-9a-f]{32})-([0-9a-f]{32})$")
FORBIDDEN = ("sender must be an id issued by this server: POST /webhooks/rest/session "
             "answers {\"sender\": \"web-...\"}")
BAD_BODY = 'the body must be JSON: {"sender": "<id from POST /webhooks/rest/session>", "message": "<text>"}'


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
        if len(value) < 32:
            raise ValueError(f"{SECRET_ENV} must be at least 32 characters long")
        return value.encode("utf-8")
    path = Path(env.get(SECRET_FILE_ENV) or DEFAULT_SECRET_FILE)
    try:
        write_private(path, secrets.token_hex(32).encode("ascii"))
    except FileExistsError:
        pass
    os.chmod(path, 0o600)
    secret = path.read_bytes().strip()
    if len(secret) < 32:
        raise ValueError(f"{path} must hold a secret of at least 32 characters")
    return secret


def _mac(secret: bytes, random_part: Text) -> Text:
    return hmac.new(secret, (PREFIX + random_part).encode("ascii"), hashlib.sha256).hexdigest()[:32]


def new_sender_id(secret: bytes) -> Text:
    random_part = secrets.token_hex(16)
    return f"{PREFIX}{random_part}-{_mac(secret, random_part)}"


def valid_sender_id(sender: Any, secret: bytes) -> bool:
    if not isinstance(sender, str):
        return False
    m = _ID_RE.match(sender)
    return bool(m) and hmac.compare_digest(m.group(2), _mac(secret, m.group(1)))


def _json_body(request: Request) -> Any:
    try:
        return json.loads(request.body.decode("utf-8", errors="replace") or "null")
    except (ValueError, RecursionError):
        return None


class WebRestInput(InputChannel):
    """REST channel at ``/webhooks/rest/`` accepting only server-issued web ids."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WebRestInput":
        return cls()

    def __init__(self, secret: Optional[bytes] = None) -> None:
        self.secret = secret or load_secret()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("web_rest", __name__)
        handle = GuardedHandler(on_new_message, "rest")
        handle.attach(bp)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/session", methods=["POST"])
        async def session(request: Request) -> HTTPResponse:
            sender = new_sender_id(self.secret)
            if request.args.get("format") == "text":  # for shell scripts: the id alone
                return response.text(sender, headers={"Cache-Control": "no-store"})
            return response.json({"sender": sender}, headers={"Cache-Control": "no-store"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = _json_body(request)
            if not isinstance(body, dict):
                return response.json({"error": BAD_BODY}, status=400)
            sender = body.get("sender")
            if not valid_sender_id(sender, self.secret):
                return response.json({"error": FORBIDDEN}, status=403)
            text = body.get("message")
            if not isinstance(text, str):
                text = "" if text is None else json.dumps(text)[:10_000]
            collector = CollectingOutputChannel()
            await handle(UserMessage(text, collector, sender, input_channel=self.name()),
                         web_page=True)
            return response.json(collector.messages)

        return bp
