"""The web chat page and the CRS chart, served by the Rasa server itself.

credentials.yml::

    connectors.web.WebChatInput:

Routes (under ``/webhooks/web/``):

- ``/`` the chat page (``web/dist/index.html``, built by ``scripts/build_web.sh``);
- ``/static/<file>`` the page's bundled script and styles (no CDN);
- ``/chart.png?a=&b=&c=&d=`` the CRS chart (:mod:`connectors.chart`);
- ``/ready``: 200 once the model is loaded, 503 before (or if it failed to load): the readiness and health
  check of the launchers, Docker Compose and Kubernetes, without Rasa's HTTP API (``--enable-api``).

The page talks to Rasa's REST channel (``/webhooks/rest/webhook``) on the same
origin, so no CORS set-up is needed.  Responses carry a strict
Content-Security-Policy: scripts only from this server, no inline script.
"""
import asyncio
import functools
import logging
import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from connectors import chart

logger = logging.getLogger(__name__)

DEFAULT_DIST = Path(__file__).resolve().parents[1] / "web" / "dist"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$")
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
# At most this many charts drawn at once (each takes a core for ~0.1 s), and at most
# RENDER_QUEUE requests waiting for one; beyond that the route answers 503 at once.
RENDER_SLOTS = 2
RENDER_QUEUE = 16
_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
          ".map": "application/json", ".json": "application/json", ".ico": "image/x-icon"}


class WebChatInput(InputChannel):
    """Serves the web chat page, its bundle and the chart (it receives no messages itself)."""

    @classmethod
    def name(cls) -> Text:
        return "web"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WebChatInput":
        credentials = credentials or {}
        return cls(credentials.get("dist_dir"))

    def __init__(self, dist_dir: Optional[Text] = None) -> None:
        self.dist_dir = Path(dist_dir).resolve() if dist_dir else DEFAULT_DIST
        self._render_slots: Optional[asyncio.Semaphore] = None
        self._waiting = 0

    async def _render(self, parts: Dict[Text, int], language: Text = "en") -> Optional[bytes]:
        """The PNG (its words in ``language``), drawn in a worker thread with bounded concurrency; None when too
        busy."""
        if self._render_slots is None:
            self._render_slots = asyncio.Semaphore(RENDER_SLOTS)
        if self._waiting >= RENDER_QUEUE:
            return None
        self._waiting += 1
        try:
            async with self._render_slots:
                draw = chart.render_png if language == "en" else functools.partial(chart.render_png,
                                                                                   language=language)
                return await asyncio.get_running_loop().run_in_executor(None, draw, parts)
        finally:
            self._waiting -= 1

    def _file(self, name: Text) -> Optional[Path]:
        if not _SAFE_NAME.match(name):
            return None
        path = (self.dist_dir / name).resolve()
        if path.parent != self.dist_dir or not path.is_file():
            return None
        return path

    async def _send(self, name: Text, cache: Text) -> HTTPResponse:
        path = self._file(name)
        if path is None:
            if name == "index.html":
                return response.text(
                    "The web chat page is not built yet: run scripts/build_web.sh", status=503)
            return response.text("not found", status=404)
        headers = dict(SECURITY_HEADERS)
        headers["Cache-Control"] = cache
        return await response.file(
            str(path), headers=headers,
            mime_type=_TYPES.get(path.suffix, "application/octet-stream"))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        web = Blueprint("web_chat", __name__)

        @web.route("/", methods=["GET"])
        async def page(_: Request) -> HTTPResponse:
            return await self._send("index.html", "no-cache")

        @web.route("/static/<name>", methods=["GET"])
        async def static(_: Request, name: Text) -> HTTPResponse:
            return await self._send(name, "no-cache")

        @web.route("/ready", methods=["GET"])
        async def ready(request: Request) -> HTTPResponse:
            agent = getattr(request.app.ctx, "agent", None)
            if agent is not None and agent.is_ready():
                return response.json({"status": "ready"}, headers={"Cache-Control": "no-store"})
            return response.json({"status": "loading"}, status=503, headers={"Cache-Control": "no-store"})

        @web.route("/chart.png", methods=["GET"])
        async def chart_png(request: Request) -> HTTPResponse:
            try:
                parts = chart.parse_query(request.args)
            except chart.ChartRequestError as error:
                return response.json(
                    {"error": str(error), "field": error.field, "accepted": error.accepted},
                    status=400)
            png = await self._render(parts, chart.parse_language(request.args))
            if png is None:
                return response.json({"error": "busy drawing other charts, try again shortly"},
                                     status=503, headers={"Retry-After": "2"})
            headers = dict(SECURITY_HEADERS)
            headers["Cache-Control"] = "private, max-age=3600"
            return response.raw(png, content_type="image/png", headers=headers)

        return web
