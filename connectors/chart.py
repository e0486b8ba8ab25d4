"""The CRS chart: the candidate's four CRS parts next to recent cut-offs, as PNG.

Two halves, so that the action server stays light:

- :mod:`common.chart_link` (no heavy import) turns an assessment's ``crs`` block
  into the URL of the picture, e.g. ``/webhooks/web/chart.png?a=366&b=0&c=75&d=0``.
  Actions send it with ``dispatcher.utter_message(image=chart_url(result["crs"]))``.
- :func:`render_png` (matplotlib, imported on first use) draws it; the web
  channel (:mod:`connectors.web`) serves it from the Rasa server, so Telegram
  and Slack can fetch it too.

The URL holds only the four part totals (no age, no test scores, no name).
Recent cut-offs come from the draws database (``express_entry.draws``).
"""
import datetime as dt
import io
import logging
import re
import threading
import time
from functools import lru_cache
from typing import Any, Dict, List, Mapping, Optional, Text, Tuple

from common.chart_link import PART_KEYS
from express_entry.concepts import parts, say, words
from express_entry.vocabulary import UI_LANGUAGES
from express_entry.crs import part_maxima

logger = logging.getLogger(__name__)

# (query key, crs key, label, colour); the parts' letters and names from express_entry/concepts.py
_COLOURS = {"a": "#1f5fa8", "b": "#7aa6d8", "c": "#f0a030", "d": "#3c9a5f"}
_NAMES = {key: f"{letter}. {name}" for letter, key, name in parts()}
PARTS: Tuple[Tuple[str, str, str, str], ...] = tuple((key, name, _NAMES[name], _COLOURS[key])
                                                     for key, name in PART_KEYS)
# Provincial Nominee rounds include the nomination points: not comparable.
EXCLUDED_TYPES = {"pnp"}
RECENT_DAYS = 183
MAX_CUTOFFS = 5
# Cut-offs are read again after this many seconds, so a `draws import` shows up.
CUTOFF_TTL_SECONDS = 60
# ASCII digits only ("²".isdigit() is True), and never a number longer than the largest part.
_WHOLE = re.compile(r"^[0-9]{1,4}$")


class ChartRequestError(ValueError):
    """A chart request with a bad value; ``field`` names it, ``accepted`` says what is allowed."""

    def __init__(self, field: Text, accepted: Text):
        self.field, self.accepted = field, accepted
        super().__init__(f"{field}: accepted values are {accepted}")


def parse_query(args: Mapping[Text, Any]) -> Dict[Text, int]:
    """Check a chart request's ``a``, ``b``, ``c``, ``d`` values against the largest value each part can reach
    under the CRS ruleset in force today (read on each request)."""
    maxima = part_maxima()
    parts = {}
    for key, name, label, _ in PARTS:
        raw = args.get(key, "0")
        if isinstance(raw, (list, tuple)):
            raw = raw[0] if raw else "0"
        raw = str(raw).strip()
        if not _WHOLE.match(raw) or int(raw) > maxima[name]:
            raise ChartRequestError(key, f"whole numbers 0-{maxima[name]} ({label})")
        parts[key] = int(raw)
    if sum(parts.values()) > maxima["total"]:
        raise ChartRequestError("a+b+c+d", f"a total of at most {maxima['total']}")
    return parts


_cutoff_lock = threading.Lock()
_cutoff_cache: Dict[str, Any] = {}


def recent_cutoffs(on: Optional[dt.date] = None, limit: int = MAX_CUTOFFS) -> Tuple[List[dict], Optional[str]]:
    """The latest cut-off of each type of round held in the last six months of data.

    Returns (rounds, date of the newest round).  Each round: type_label, date,
    cutoff_crs.  Provincial Nominee rounds are left out (their scores include the
    600 nomination points).  Empty when the draws database cannot be read.
    """
    key = on.isoformat() if on else "latest"
    with _cutoff_lock:
        cached = _cutoff_cache.get(key)
        if cached and time.monotonic() - cached[0] < CUTOFF_TTL_SECONDS:
            return cached[1]
        try:
            from express_entry.draws import db, queries

            engine = db.ensure_ready()
            with db.session(engine) as s:
                latest = queries.latest_by_type(s, on=on)
        except Exception as exc:  # the chart is still useful without cut-offs
            logger.warning("Recent cut-offs unavailable for the chart: %s", type(exc).__name__)
            return [], None
        newest = latest["data"].get("latest_round_date")
        rounds = [g["rounds"][0] for g in latest["types"] if g["type"] not in EXCLUDED_TYPES]
        if newest:
            horizon = dt.date.fromisoformat(newest) - dt.timedelta(days=RECENT_DAYS)
            rounds = [r for r in rounds if dt.date.fromisoformat(r["date"]) >= horizon]
        rounds.sort(key=lambda r: r["date"], reverse=True)
        result = (rounds[:limit], newest)
        _cutoff_cache[key] = (time.monotonic(), result)
        return result


def parse_language(args: Mapping[Text, Any]) -> Text:
    """The chart's language from its ``lang`` query value ("en" when absent or not one the assistant speaks)."""
    raw = args.get("lang", "en")
    if isinstance(raw, (list, tuple)):
        raw = raw[0] if raw else "en"
    return raw if raw in UI_LANGUAGES else "en"


def _short(label: Text, width: int = 28) -> Text:
    """A label cut to ``width`` characters, shown literally ("$" would start matplotlib's math mode)."""
    label = label if len(label) <= width else label[: width - 1].rstrip() + "…"
    return label.replace("$", "\\$")


@lru_cache(maxsize=256)
def _render(a: int, b: int, c: int, d: int, cutoffs: Tuple[Tuple[str, str, int], ...],
            newest: Optional[str], language: Text = "en") -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    values = {"a": a, "b": b, "c": c, "d": d}
    total = a + b + c + d
    rows = len(cutoffs) + 1
    fig = Figure(figsize=(7.2, 2.2 + 0.48 * rows), dpi=110)
    ax = fig.add_subplot(1, 1, 1)
    y_you = rows - 1
    left = 0
    names = _NAMES if language == "en" else {key: f"{letter}. {name}" for letter, key, name in parts(language)}
    colon = say("card.colon", language)
    for key, name, _, colour in PARTS:
        label = names[name]
        width = values[key]
        ax.barh(y_you, width, left=left, color=colour, height=0.62, label=f"{label}{colon} {width}")
        left += width
    ax.text(total + 8, y_you, f"{total}", va="center", ha="left", fontsize=11, fontweight="bold")
    labels = [say("chart.your_score", language)]
    for i, (type_label, date, crs) in enumerate(cutoffs):
        y = y_you - 1 - i
        met = total >= crs
        ax.barh(y, crs, color="#9aa3ad" if met else "#c9ced4", height=0.5)
        ax.text(crs + 8, y, f"{crs}", va="center", ha="left", fontsize=9, color="#333333")
        labels.append(f"{_short(type_label)}\n{date}")
    ax.set_yticks(list(range(y_you, -1, -1)))
    ax.set_yticklabels(labels, fontsize=8)
    top = max([total] + [c for _, _, c in cutoffs] + [100])
    ax.set_xlim(0, top * 1.12 + 60)  # room for the value labels
    ax.set_xlabel(say("chart.axis", language))
    title = say("chart.title", language)
    if cutoffs:
        title += say("chart.title_cutoffs", language)
    ax.set_title(title, fontsize=11)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    height = fig.get_figheight()
    legend_space = 0.9 / height  # the legend and the note below the axis, in figure fractions
    fig.legend(*ax.get_legend_handles_labels(), loc="lower center", bbox_to_anchor=(0.5, 0.3 / height),
               ncol=2, fontsize=8, frameon=False)
    note = say("chart.note_source", language)
    if newest:
        note += say("chart.note_data", language, date=newest)
    if cutoffs:
        note += say("chart.note_darker", language)
    note += say("chart.note_pnp", language, points=part_maxima()["provincial_nomination"])
    fig.text(0.01, 0.01, note, fontsize=6.5, color="#555555", va="bottom")
    fig.tight_layout(rect=(0, legend_space, 1, 1))
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def render_png(parts: Mapping[Text, int], cutoffs: Optional[List[dict]] = None,
               newest: Optional[str] = None, language: Text = "en") -> bytes:
    """PNG bytes of the chart for the parts ``{"a", "b", "c", "d"}``, its words in ``language``.

    ``cutoffs`` defaults to :func:`recent_cutoffs`.
    """
    if cutoffs is None:
        cutoffs, newest = recent_cutoffs()
    types = words("round_types", language) if language != "en" else {}
    rows = tuple((types.get(r.get("type"), r["type_label"]), r["date"], int(r["cutoff_crs"])) for r in cutoffs)
    return _render(int(parts.get("a", 0)), int(parts.get("b", 0)), int(parts.get("c", 0)),
                   int(parts.get("d", 0)), rows, newest, language)
