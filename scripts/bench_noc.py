"""Benchmark of the NOC job-title search: load time, per-lookup latency, hit rate on held-out titles.

Usage: .venv/bin/python scripts/bench_noc.py [--misses] [--file tests/noc/heldout_titles.csv ...] [--repeat 5]

The held-out titles (tests/noc/heldout_titles.csv) were written by hand as real-world phrasings, with their
NOC 2021 code, before the matcher was built; they are not taken from the official example titles (a few
common ones, such as "cashier", happen to coincide with an example title: 24 of 209).
Caveat: the list is not blind any more.  The first run of the matcher on it gave top-1 88.5%, top-3 94.3%;
the matcher was then changed once in general ways (head word of the title weighs more, modifier words such
as "senior" are optional, unknown words weigh less, "auto" abbreviation), with no title-specific rules.
Read that figure as somewhat optimistic.  tests/noc/heldout_titles_2.csv is the fairer test, written after
those changes.  Its first run gave top-1 91.6%, top-3 95.5% (83.3% / 91.0% without official example titles);
two of its labels were then corrected against official example titles, and one general change followed (a
group whose own title holds all the query words gets a small bonus: "teacher" -> school teachers).  Titles
that are literally an official example title are easy; the hit rate without them is printed too.
"""
import argparse
import csv
import pathlib
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", action="append",
                    help="held-out CSV (title,noc,lang); repeatable. Default: tests/noc/heldout_titles.csv and "
                         "tests/noc/heldout_titles_2.csv")
    ap.add_argument("--repeat", type=int, default=5, help="timed passes over the list (default 5)")
    ap.add_argument("--misses", action="store_true", help="list the titles whose code is not ranked first")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    from express_entry import noc
    t1, c1 = time.perf_counter(), time.thread_time()
    index = noc.load_index()
    t2, c2 = time.perf_counter(), time.thread_time()

    files = args.file or [str(ROOT / "tests" / "noc" / "heldout_titles.csv"),
                          str(ROOT / "tests" / "noc" / "heldout_titles_2.csv")]
    rows = []
    for name in files:
        with open(name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                row["file"] = pathlib.Path(name).name
                rows.append(row)
    # Titles that are, once normalised, literally an official example title: easy cases, reported apart.
    official = {noc.normalize_text(t) for per in noc._examples().values() for lang in ("en", "fr") for t in per[lang]}
    for row in rows:
        row["official"] = noc.normalize_text(row["title"]) in official

    times = []
    cpu = []    # CPU time of the lookup: less sensitive to other processes on a busy machine
    first = []  # first pass: nothing cached yet (fuzzy look-ups are memoised per word)
    results = {}
    for n_pass in range(args.repeat):
        for row in rows:
            s, c = time.perf_counter(), time.thread_time()
            res = noc.search(row["title"], limit=3)
            times.append((time.perf_counter() - s) * 1000.0)
            cpu.append((time.thread_time() - c) * 1000.0)
            if n_pass == 0:
                first.append(times[-1])
            results[row["title"]] = res

    # Worst case: long garbled queries (every word unknown, so every word is looked up fuzzily).
    import random
    import string

    rnd = random.Random(7)
    worst = []
    for _ in range(50):
        words = ["".join(rnd.choice(string.ascii_lowercase) for _ in range(rnd.randint(4, 10))) for _ in range(30)]
        q = " ".join(words)[:200]
        s = time.perf_counter()
        noc.search(q)
        worst.append((time.perf_counter() - s) * 1000.0)

    def rates(subset):
        top1 = sum(1 for r in subset if results[r["title"]][:1] and results[r["title"]][0]["code"] == r["noc"])
        top3 = sum(1 for r in subset if r["noc"] in [x["code"] for x in results[r["title"]]])
        return top1, top3, len(subset)

    print(f"import express_entry.noc: {(t1 - t0) * 1000:.0f} ms")
    print(f"index build (load): {(t2 - t1) * 1000:.0f} ms, CPU {(c2 - c1) * 1000:.0f} ms  ({index.n} indexed titles, "
          f"{len(index.vocab)} stems)")
    print(f"lookups: {len(times)} ({len(rows)} titles x {args.repeat})  p50 {percentile(times, 50):.2f} ms  "
          f"p95 {percentile(times, 95):.2f} ms  max {max(times):.2f} ms  mean {statistics.mean(times):.2f} ms")
    print(f"lookups, CPU time: p50 {percentile(cpu, 50):.2f} ms  p95 {percentile(cpu, 95):.2f} ms  "
          f"max {max(cpu):.2f} ms")
    print(f"first pass only: p50 {percentile(first, 50):.2f} ms  p95 {percentile(first, 95):.2f} ms  "
          f"max {max(first):.2f} ms")
    print(f"long garbled queries (200 characters): p50 {percentile(worst, 50):.2f} ms  "
          f"p95 {percentile(worst, 95):.2f} ms  max {max(worst):.2f} ms")
    groups = [("all", rows)]
    for name in files:
        base = pathlib.Path(name).name
        part = [r for r in rows if r["file"] == base]
        groups += [(base, part), (f"{base} en", [r for r in part if r["lang"] == "en"]),
                   (f"{base} fr", [r for r in part if r["lang"] == "fr"]),
                   (f"{base} not an official example", [r for r in part if not r["official"]])]
    for label, subset in groups:
        top1, top3, n = rates(subset)
        if n:
            print(f"hit rate {label}: top-1 {top1}/{n} = {100.0 * top1 / n:.1f}%   "
                  f"top-3 {top3}/{n} = {100.0 * top3 / n:.1f}%")
    # Regression indicator (not a quality claim): official example titles looked up as they are written.
    examples = [(t, c) for c, per in noc._examples().items() for lang in ("en", "fr") for t in per[lang]]
    sample = random.Random(11).sample(examples, 1000)
    codes_of = {}
    for t, c in examples:
        codes_of.setdefault(noc.normalize_text(t), set()).add(c)
    self_hits = sum(1 for t, c in sample
                    if (noc.search(t, limit=1) or [{"code": None}])[0]["code"] in codes_of[noc.normalize_text(t)])
    print(f"official example titles looked up as written (1000 sampled): top-1 {self_hits / 10:.1f}%")
    if args.misses:
        print("\nnot ranked first:")
        for r in rows:
            res = results[r["title"]]
            if not res or res[0]["code"] != r["noc"]:
                got = ", ".join(f"{x['code']} {x['score']} ({x['matched_title']})" for x in res) or "nothing"
                print(f"  [{r['file']}] {r['title']!r} expected {r['noc']}: {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
