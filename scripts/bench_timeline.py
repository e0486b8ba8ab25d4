"""Benchmark: the `timeline` of generated work histories (budget: 20 ms each).

Usage: .venv/bin/python scripts/bench_timeline.py [--n 1000] [--seed 1]

Generates N random timeline inputs (fixed seed): a profile, a birth date, a permit end, and 1-5 dated jobs
(full and part time, in Canada and abroad, TEER 0-5, some ongoing, some while studying or self-employed),
then times express_entry.timeline.timeline on each one (validation, counting, events, the CRS on each
event date). Prints p50 / p95 / max; asserts nothing.
"""
import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from express_entry.timeline import timeline  # noqa: E402
from express_entry.vocabulary import ABILITIES  # noqa: E402

ON = dt.date(2026, 12, 7)


def day(r, lo, hi):
    return (ON + dt.timedelta(days=r.randint(lo, hi))).isoformat()


def history(r):
    jobs = []
    for _ in range(r.randint(1, 5)):
        start = ON + dt.timedelta(days=r.randint(-3650, 200))
        end = None if r.random() < 0.4 else (start + dt.timedelta(days=r.randint(30, 1500))).isoformat()
        jobs.append({"start": start.isoformat(), "end": end, "hours_per_week": r.choice([10, 15, 20, 25, 30, 37.5, 40]),
                     "in_canada": r.random() < 0.7, "teer": r.choice([0, 1, 1, 2, 2, 3, 4, 5]),
                     "full_time_student": r.random() < 0.1, "self_employed": r.random() < 0.1})
    return jobs


def case(r):
    test = r.choice(["ielts", "celpip", "clb"])
    if test == "ielts":
        lang = {a: r.randrange(10, 19) / 2 for a in ABILITIES}
    else:
        lang = {a: r.randint(4, 12) for a in ABILITIES}
    out = {"assessed_on": ON.isoformat(), "birth_date": day(r, -365 * 45, -365 * 20),
           "marital_status": r.choice(["single", "married", "common_law"]), "spouse_accompanying": r.random() < 0.5,
           "spouse_canadian": False, "education": r.choice(["secondary", "bachelors", "masters", "two_or_more"]),
           "first_language": {"test": test, **lang, "taken_on": day(r, -700, 0)},
           "intends_quebec": r.random() < 0.05, "work": history(r)}
    if r.random() < 0.7:
        out["permit_expires_on"] = day(r, 30, 1200)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    r = random.Random(args.seed)
    cases = [case(r) for _ in range(args.n)]
    timeline(cases[0])  # load the rulesets and charts once
    times, cpu = [], []
    events = 0
    for c in cases:
        t0, c0 = time.perf_counter(), time.process_time()
        out = timeline(c)
        cpu.append((time.process_time() - c0) * 1000)
        times.append((time.perf_counter() - t0) * 1000)
        events += len(out["events"])
    print(f"timeline: {args.n} generated histories, {events / args.n:.1f} events each (budget: 20 ms)")
    for name, xs in (("wall", times), ("cpu ", cpu)):  # cpu time: what the machine's other load does not inflate
        xs.sort()
        print(f"  {name} p50 {statistics.median(xs):.2f} ms   p95 {xs[int(0.95 * (len(xs) - 1))]:.2f} ms   "
              f"max {xs[-1]:.2f} ms")


if __name__ == "__main__":
    main()
