#!/usr/bin/env python
"""Benchmark: advice (express_entry.advice.advise) for 1,000 random profiles; prints p50 / p95 / max in ms.

    .venv/bin/python scripts/bench_advise.py [--n 1000] [--seed 1]

Target (issue 3): under 50 ms at p95 for one profile. Each profile is advised once after a warm-up
(the first call loads the rulesets); the figure is wall time of one advise() call on one core.
"""
import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from express_entry.advice import advise  # noqa: E402
from express_entry.vocabulary import ABILITIES, EDUCATION_LEVELS as EDUCATION  # noqa: E402


def score(rng, test, ability):
    if test == "ielts":
        return rng.choice([x / 2 for x in range(6, 19)])
    if test == "celpip":
        return rng.randint(3, 12)
    if test == "pte":
        return rng.randint(30, 90)
    if test == "tef":
        return rng.randint(250, 699)
    if test == "tcf":
        return rng.randint(4, 20) if ability in ("speaking", "writing") else rng.randint(300, 699)
    return rng.randint(3, 12)


def result(rng, tests, on):
    test = rng.choice(tests)
    r = {"test": test, **{a: score(rng, test, a) for a in ABILITIES}}
    if rng.random() < 0.7:
        r["taken_on"] = (on - dt.timedelta(days=rng.randint(0, 800))).isoformat()
    return r


def profile(rng):
    on = dt.date(2025, 4, 1) + dt.timedelta(days=rng.randint(0, 600))
    p = {"assessed_on": on.isoformat(), "age": rng.randint(18, 50),
         "marital_status": rng.choice(["single", "married", "common_law", "divorced"]),
         "education": rng.choice(EDUCATION), "education_recognized": rng.random() < 0.85,
         "canadian_education": rng.choice(["none", "none", "one_or_two_year", "three_year_or_more"]),
         "canadian_work_years": rng.choice([0, 0, 1, 2, 3, 5]), "foreign_work_years": rng.randint(0, 6),
         "provincial_nomination": rng.random() < 0.1, "sibling_in_canada": rng.random() < 0.1,
         "trade_work_years_last_5": rng.choice([0, 0, 0, 2, 4]), "noc_code": rng.choice(["21231", "72310", "31301"])}
    if p["canadian_work_years"]:
        p["canadian_work_months_last_3_years"] = min(36, 12 * p["canadian_work_years"])
    p["first_language"] = result(rng, ("ielts", "celpip", "pte", "clb"), on)
    if rng.random() < 0.3:
        p["second_language"] = result(rng, ("tef", "tcf", "nclc"), on)
    if p["marital_status"] in ("married", "common_law"):
        p["spouse_accompanying"] = rng.random() < 0.8
        p["spouse_canadian"] = rng.random() < 0.1
        p["spouse_education"] = rng.choice(EDUCATION)
        p["spouse_canadian_work_years"] = rng.choice([0, 0, 1, 2])
        if rng.random() < 0.6:
            p["spouse_language"] = result(rng, ("ielts", "celpip", "tef"), on)
    return p


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    profiles = [profile(rng) for _ in range(args.n)]
    advise(profiles[0])  # warm-up: loads the rulesets
    times, cpu_times, suggestions = [], [], 0
    for p in profiles:
        t0, c0 = time.perf_counter(), time.process_time()
        adv = advise(p)
        times.append((time.perf_counter() - t0) * 1000)
        cpu_times.append((time.process_time() - c0) * 1000)
        suggestions += len(adv["suggestions"])

    def p95(xs):
        return sorted(xs)[max(0, int(round(0.95 * len(xs))) - 1)]

    print(f"advice for {len(times)} random profiles (one core; load average {os.getloadavg()[0]:.2f})")
    print(f"  wall: p50 {statistics.median(times):7.2f} ms, p95 {p95(times):7.2f} ms   (target < 50 ms), "
          f"max {max(times):7.2f} ms")
    print(f"  CPU:  p50 {statistics.median(cpu_times):7.2f} ms, p95 {p95(cpu_times):7.2f} ms   (process CPU time: less "
          "sensitive to a busy machine)")
    print(f"  mean {statistics.fmean(times):7.2f} ms, {suggestions / len(times):.1f} suggestions per profile")
    return 0


if __name__ == "__main__":
    sys.exit(main())
