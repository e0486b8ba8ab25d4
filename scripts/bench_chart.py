"""Prints how long the CRS chart takes to render (connectors/chart.py) and its size.

    .venv/bin/python scripts/bench_chart.py
"""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))


def main() -> int:
    t0 = time.perf_counter()
    from connectors import chart

    cutoffs, newest = chart.recent_cutoffs()
    t1 = time.perf_counter()
    first = chart.render_png({"a": 366, "b": 0, "c": 75, "d": 0}, cutoffs, newest)
    t2 = time.perf_counter()
    times = []
    for i in range(30):  # distinct values: no cache hit
        s = time.perf_counter()
        chart.render_png({"a": 300 + i, "b": 10, "c": 50, "d": 15}, cutoffs, newest)
        times.append((time.perf_counter() - s) * 1000)
    s = time.perf_counter()
    chart.render_png({"a": 366, "b": 0, "c": 75, "d": 0}, cutoffs, newest)
    cached = (time.perf_counter() - s) * 1000
    times.sort()
    print(f"recent cut-offs (draws database, first use): {(t1 - t0) * 1000:.0f} ms, {len(cutoffs)} rounds, data to {newest}")
    print(f"first render (imports matplotlib): {(t2 - t1) * 1000:.0f} ms, {len(first) / 1024:.0f} KiB PNG")
    print(f"render p50 {statistics.median(times):.0f} ms, p95 {times[int(len(times) * 0.95) - 1]:.0f} ms (30 charts)")
    print(f"cached render: {cached:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
