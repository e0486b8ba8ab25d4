"""Benchmark the draws database: seed import, idempotent re-import, and the queries the chatbot calls.

    .venv/bin/python scripts/bench_draws.py [--db URL] [--n 200]

Default: a fresh SQLite file in a temporary folder.  With --db, the tables in that database are
DROPPED and re-created (use a scratch database).  Prints figures; asserts nothing.
"""
import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", help="SQLAlchemy URL of a scratch database (its draws tables are dropped)")
    ap.add_argument("--n", type=int, default=200, help="repetitions per query")
    args = ap.parse_args()

    t0 = time.perf_counter()
    import express_entry.draws as draws  # noqa: F401
    t_import_pkg = time.perf_counter() - t0

    from express_entry.draws import db as dbmod, importer, queries
    from express_entry.draws.models import Base

    tmp = tempfile.TemporaryDirectory()
    url = args.db or f"sqlite:///{Path(tmp.name) / 'bench.sqlite'}"
    engine = dbmod.get_engine(url)
    Base.metadata.drop_all(engine)
    dbmod.create_schema(engine)
    payload = dbmod.SEED.read_bytes()

    t0 = time.perf_counter()
    first = importer.import_feed(payload, engine)
    t_first = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = importer.import_feed(payload, engine)
    t_again = time.perf_counter() - t0
    assert first["added"] == 438 and again["unchanged"] == 438

    def timed(fn, *a, **kw):
        times = []
        for _ in range(args.n):
            t = time.perf_counter()
            with dbmod.session(engine) as s:
                fn(s, *a, **kw)
            times.append((time.perf_counter() - t) * 1000)
        return times

    print(f"database: {engine.dialect.name} ({engine.url.render_as_string(hide_password=True)})")
    print(f"import express_entry.draws (no SQLAlchemy): {t_import_pkg * 1000:.1f} ms")
    print(f"seed import, empty database (438 rounds, 3,960 pool rows): {t_first * 1000:.0f} ms")
    print(f"re-import, nothing changed: {t_again * 1000:.0f} ms")
    for label, fn, a in [
        ("summary_for_score(480)", queries.summary_for_score, (480,)),
        ("pool_position(480)", queries.pool_position, (480,)),
        ("latest_by_type()", queries.latest_by_type, ()),
        ("lowest_cutoffs(12 months)", queries.lowest_cutoffs, ()),
        ("rounds_met(480, 12 months)", queries.rounds_met, (480,)),
    ]:
        times = timed(fn, *a)
        print(f"{label:<28} p50 {statistics.median(times):6.2f} ms   p95 {pct(times, 95):6.2f} ms   (n={args.n})")
    sample = queries.summary_for_score
    with dbmod.session(engine) as s:
        size = len(json.dumps(sample(s, 480)))
    print(f"summary_for_score JSON size: {size:,} bytes")
    dbmod.close(engine)
    tmp.cleanup()


if __name__ == "__main__":
    main()
