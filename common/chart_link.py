"""The chart's address: the action server links it, the web channel (connectors.web, connectors.chart) serves it.

``chart_url(result["crs"])`` is e.g. ``/webhooks/web/chart.png?a=366&b=0&c=75&d=0``: the URL holds only the
four CRS part totals (no age, no test scores, no name). No heavy import (matplotlib is the renderer's).
"""
import os
from typing import Any, Dict, Mapping, Optional, Text, Tuple

CHART_ROUTE = "/webhooks/web/chart.png"
BASE_URL_ENV = "CHART_BASE_URL"
# (query key, the assessment's crs key) of each CRS part, in the chart's order.
PART_KEYS: Tuple[Tuple[str, str], ...] = (("a", "core"), ("b", "spouse"), ("c", "transferability"),
                                          ("d", "additional"))


def parts_from_crs(crs: Mapping[Text, Any]) -> Dict[Text, int]:
    """{"a": core, "b": spouse, "c": transferability, "d": additional} from a ``crs`` block."""
    return {key: int(crs.get(name) or 0) for key, name in PART_KEYS}


def chart_path(crs: Mapping[Text, Any], language: Text = "en") -> Text:
    """Server-relative URL of the chart for an assessment's ``crs`` block (``lang=fr``: its words in French)."""
    parts = parts_from_crs(crs)
    query = "&".join(f"{k}={parts[k]}" for k, _ in PART_KEYS)
    return f"{CHART_ROUTE}?{query}" + (f"&lang={language}" if language != "en" else "")


def chart_url(crs: Mapping[Text, Any], base_url: Optional[Text] = None, language: Text = "en") -> Text:
    """Absolute URL when ``base_url`` or ``CHART_BASE_URL`` is set, else the relative path.

    The web page resolves a relative URL against its own address; the Telegram
    and Slack connectors make it absolute with their ``public_url``.
    """
    base = (base_url or os.environ.get(BASE_URL_ENV) or "").strip().rstrip("/")
    return f"{base}{chart_path(crs, language)}"
