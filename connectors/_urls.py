"""Small URL helpers shared by the channel connectors (no third-party import)."""
import os
from typing import Optional, Text

PUBLIC_URL_ENV = "PUBLIC_URL"


def absolute_url(url: Text, public_url: Optional[Text] = None) -> Text:
    """Make a server-relative URL (``/webhooks/web/chart.png?...``) absolute.

    Telegram and Slack fetch images themselves, so they need the address at
    which people reach this server: ``public_url`` (from the channel's
    credentials) or the environment variable ``PUBLIC_URL``.  Absolute URLs
    are returned unchanged; without a public URL a relative one stays relative.
    """
    if not url or "://" in url or not url.startswith("/"):
        return url
    base = (public_url or os.environ.get(PUBLIC_URL_ENV) or "").strip().rstrip("/")
    return f"{base}{url}" if base else url
