"""The CRS chart: its URL, the checks on a request, the cut-offs it shows, and the PNG."""
import os
import subprocess
import sys

import pytest

from common import chart_link
from connectors import chart

CRS = {"total": 441, "core": 366, "spouse": 0, "transferability": 75, "additional": 0}


def test_url_holds_only_the_four_part_totals(monkeypatch):
    monkeypatch.delenv(chart_link.BASE_URL_ENV, raising=False)
    assert chart_link.chart_url(CRS) == "/webhooks/web/chart.png?a=366&b=0&c=75&d=0"
    assert chart_link.chart_url(CRS, "https://bot.example.org/") == \
        "https://bot.example.org/webhooks/web/chart.png?a=366&b=0&c=75&d=0"
    monkeypatch.setenv(chart_link.BASE_URL_ENV, "https://x.example")
    assert chart_link.chart_url(CRS).startswith("https://x.example/webhooks/web/chart.png?")


@pytest.mark.parametrize("args, field, accepted", [
    ({"a": "501"}, "a", "0-500"),
    ({"b": "41"}, "b", "0-40"),
    ({"c": "-1"}, "c", "0-100"),
    ({"d": "6e2"}, "d", "0-600"),
    ({"a": "500", "b": "40", "c": "100", "d": "600"}, "a+b+c+d", "at most 1200"),
])
def test_bad_requests_name_the_field_and_the_accepted_values(args, field, accepted):
    with pytest.raises(chart.ChartRequestError) as err:
        chart.parse_query(args)
    assert err.value.field == field and accepted in err.value.accepted


def test_recent_cutoffs_leave_out_provincial_nominee_rounds():
    rounds, newest = chart.recent_cutoffs()
    assert newest == "2026-08-19"  # the newest round in the shipped feed (IRCC round #437)
    by_label = {r["type_label"]: (r["date"], r["cutoff_crs"]) for r in rounds}
    # IRCC rounds #436 (Canadian Experience Class) and #437 (French-language proficiency)
    assert by_label["Canadian Experience Class"] == ("2026-08-18", 523)
    assert by_label["French-language proficiency"] == ("2026-08-19", 382)
    assert not any("Provincial" in label for label in by_label)
    assert len(rounds) <= chart.MAX_CUTOFFS


def test_renders_a_png():
    png = chart.render_png({"a": 366, "b": 0, "c": 75, "d": 0})
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


def test_building_the_url_does_not_import_matplotlib():
    code = ("import sys; from common.chart_link import chart_url; chart_url({'core': 1}); "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=os.path.join(os.path.dirname(__file__), "..", ".."))
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("raw", ["²", "٣", "1" * 400, "0" * 5, " 7 7", "1e3", "+5"])
def test_unicode_digits_and_very_long_numbers_are_a_400_not_a_crash(raw):
    with pytest.raises(chart.ChartRequestError) as err:
        chart.parse_query({"a": raw})
    assert err.value.field == "a"


def test_a_round_name_with_dollar_signs_is_drawn_literally():
    cutoffs = [{"type_label": "Trades $100 $x^2$ \\frac", "date": "2026-08-01", "cutoff_crs": 433}]
    png = chart.render_png({"a": 366, "b": 0, "c": 75, "d": 0}, cutoffs, "2026-08-01")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert chart._short("a $b$ c") == "a \\$b\\$ c"


def test_cutoffs_are_read_again_after_their_time_to_live(monkeypatch):
    """After `draws import` the chart shows the new rounds (read again once the cache expires)."""
    from express_entry.draws import queries

    calls = []
    real = queries.latest_by_type

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(queries, "latest_by_type", counting)
    monkeypatch.setattr(chart, "_cutoff_cache", {})
    clock = [1000.0]
    monkeypatch.setattr(chart.time, "monotonic", lambda: clock[0])
    chart.recent_cutoffs()
    chart.recent_cutoffs()
    assert len(calls) == 1  # cached
    clock[0] += chart.CUTOFF_TTL_SECONDS + 1
    chart.recent_cutoffs()
    assert len(calls) == 2  # read again


def test_the_route_draws_a_bounded_number_of_charts_at_once(monkeypatch):
    import asyncio
    import threading

    from connectors import web

    running, peak, lock = [0], [0], threading.Lock()

    def slow_render(parts):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        import time as _t
        _t.sleep(0.05)
        with lock:
            running[0] -= 1
        return b"png"

    monkeypatch.setattr(chart, "render_png", slow_render)
    channel = web.WebChatInput()

    async def burst():
        return await asyncio.gather(*(channel._render({"a": i}) for i in range(40)))

    results = asyncio.run(burst())
    assert peak[0] <= web.RENDER_SLOTS
    assert results.count(None) >= 40 - web.RENDER_QUEUE  # the rest were told "busy" at once
    assert results.count(b"png") >= web.RENDER_SLOTS
