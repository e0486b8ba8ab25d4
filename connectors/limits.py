"""Request limits set in the Rasa server itself, not only in a proxy in front of it.

- :class:`LimitedBlueprint`: a blueprint that, when Rasa mounts it, lowers the server's largest request body
  (Sanic's ``REQUEST_MAX_SIZE``, 100 MB by default) to ``REQUEST_MAX_BYTES`` (default 64 kB: a message is at
  most 2,000 characters, a Slack or Telegram update a few kB). Sanic answers a larger body with HTTP 413
  before reading it, for every route of the server;
- :class:`RateLimiter`: a token bucket per key (a conversation id, a client address), bounded in memory;
- :func:`client_address`: the client's address as Sanic sees it (a forwarded header only when the server
  is configured to trust one).
"""
import collections
import os
import time
from typing import Any, Optional, Text

from sanic import Blueprint

MAX_BYTES_ENV = "REQUEST_MAX_BYTES"
DEFAULT_MAX_BYTES = 64 * 1024


def max_body_bytes() -> int:
    value = (os.environ.get(MAX_BYTES_ENV) or "").strip()
    return int(value) if value else DEFAULT_MAX_BYTES


class LimitedBlueprint(Blueprint):
    """A blueprint that caps the request body size of the server it is mounted on."""

    def register(self, app: Any, options: Any) -> Any:
        limit = max_body_bytes()
        if app.config.REQUEST_MAX_SIZE > limit:
            app.config.REQUEST_MAX_SIZE = limit
        return super().register(app, options)


class RateLimiter:
    """``rate`` requests per second per key, with a burst of ``burst`` (token bucket)."""

    MAX_KEYS = 100_000

    def __init__(self, rate: float, burst: Optional[float] = None) -> None:
        self.rate = float(rate)
        self.burst = float(burst if burst is not None else 2 * rate)
        self.buckets: "collections.OrderedDict[Text, tuple]" = collections.OrderedDict()

    @classmethod
    def from_env(cls, name: Text, default: float, burst_factor: float = 2) -> "RateLimiter":
        value = (os.environ.get(name) or "").strip()
        rate = float(value) if value else float(default)
        return cls(rate, burst_factor * rate)

    def allow(self, key: Any, now: Optional[float] = None) -> bool:
        if self.rate <= 0:  # 0: no limit
            return True
        now = time.monotonic() if now is None else now
        key = str(key)
        tokens, last = self.buckets.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        allowed = tokens >= 1
        self.buckets[key] = (tokens - 1 if allowed else tokens, now)
        while len(self.buckets) > self.MAX_KEYS:
            self.buckets.popitem(last=False)
        return allowed


def client_address(request: Any) -> Text:
    return getattr(request, "remote_addr", "") or getattr(request, "ip", "") or "?"
