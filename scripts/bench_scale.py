"""Throughput and latency of the scaled set-up on this machine; prints figures, asserts nothing.

Starts the cluster `make scale` starts (PostgreSQL, Redis, 2 Rasa servers, 2 action servers, nginx; see
scripts/local_services.py), plus a second nginx that sends everything to the first Rasa server only, then
for 1 and 2 Rasa servers behind nginx and 10 and 40 concurrent users, each user going through whole
conversations (greeting to CRS score, the end-to-end tests' script) for BENCH_SECONDS (default 45):
messages per second (also per core of the machine, and per CPU second the servers actually used, which
does not depend on what else runs on the machine), p50/p95/max latency, errors, then the memory of every
process.

    .venv/bin/python scripts/bench_scale.py [--seconds 45] [--users 10 40]
"""
import argparse
import os
import pathlib
import sys
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from scripts.local_services import Cluster, Nginx, cpu_seconds, rss_mb  # noqa: E402
from tests.e2e.test_conversation import SINGLE_PATH  # noqa: E402

OPENING = [("hello", "not legal advice"), ("check my score", "question 1 of about")]


def conversation(age):
    return [m for m, _ in OPENING] + [str(age)] + [m for m, _ in SINGLE_PATH[1:]]


def run(url, users, seconds):
    """Each user runs whole conversations back to back until the time is up; returns latencies, errors, wall."""
    latencies, errors, lock = [], [0], threading.Lock()
    stop_at = time.time() + seconds

    def user(k):
        http = requests.Session()
        n = 0
        while time.time() < stop_at:
            try:  # the servers accept only sender ids they issued (connectors/rest.py)
                sender = http.post(f"{url}/webhooks/rest/session", timeout=180).json()["sender"]
            except (requests.RequestException, ValueError, KeyError):
                with lock:
                    errors[0] += 1
                continue
            for message in conversation(20 + (k + n) % 30):
                if time.time() >= stop_at:
                    return
                t0 = time.perf_counter()
                try:
                    r = http.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                                  timeout=180)
                    ok = r.status_code == 200
                except requests.RequestException:
                    ok = False
                dt = time.perf_counter() - t0
                with lock:
                    if ok:
                        latencies.append(dt)
                    else:
                        errors[0] += 1
            n += 1

    started = time.time()
    threads = [threading.Thread(target=user, args=(k,)) for k in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors[0], time.time() - started


def pct(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS", "45")))
    p.add_argument("--users", type=int, nargs="+", default=[10, 40])
    args = p.parse_args(argv)
    cores = os.cpu_count() or 1
    print(f"bench_scale: {cores} cores, load average {os.getloadavg()[0]:.2f} before start; starting the cluster "
          f"(2 Rasa + 2 action servers, PostgreSQL, Redis, nginx)...", flush=True)
    t0 = time.time()
    cluster = Cluster(rasa_servers=2, action_servers=2, log=lambda *_: None, rate=100000, burst=100000,
                      conn_limit=10000)
    single = None
    try:
        cluster.start()
        print(f"bench_scale: cluster ready in {time.time() - t0:.0f} s", flush=True)
        single = Nginx(cluster.base / "nginx-one")
        single.base.mkdir()
        single.start([f"127.0.0.1:{cluster.rasa_ports[0]}"], [f"127.0.0.1:{p}" for p in cluster.action_ports],
                     rate=100000, burst=100000, conn_limit=10000)
        single.proc.name = "nginx (1 server)"
        run(cluster.url, 2, 5)  # warm-up: first requests load lazily initialised parts
        print(f"\n{'Rasa servers':>12} {'users':>6} {'messages':>9} {'msg/s':>7} {'msg/s/core':>10} "
              f"{'msg/CPU-s':>9} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'errors':>6} {'load':>5}")
        pids = [p.pid for p in cluster.processes()] + [single.proc.pid]
        if cluster.postgres:
            pids.append(cluster.postgres.pid())
        for n_rasa, url in ((1, single.url), (2, cluster.url)):
            for users in args.users:
                cpu0 = sum(cpu_seconds(p) for p in pids)
                lat, errors, wall = run(url, users, args.seconds)
                cpu = sum(cpu_seconds(p) for p in pids) - cpu0
                rate = len(lat) / wall
                print(f"{n_rasa:>12} {users:>6} {len(lat):>9} {rate:>7.1f} {rate / cores:>10.1f} "
                      f"{len(lat) / cpu if cpu else float('nan'):>9.1f} "
                      f"{pct(lat, .5) * 1000:>7.0f} {pct(lat, .95) * 1000:>7.0f} "
                      f"{(max(lat) if lat else float('nan')) * 1000:>7.0f} {errors:>6} {os.getloadavg()[0]:>5.1f}",
                      flush=True)
        print("\nmemory (resident, MB):")
        for proc in cluster.processes() + [single.proc]:
            print(f"  {proc.name:<16} {rss_mb(proc.pid):8.0f}")
        if cluster.postgres:
            print(f"  {'postgresql':<16} {rss_mb(cluster.postgres.pid()):8.0f}   "
                  "(all its processes; shared memory counted in each)")
    finally:
        if single:
            single.stop()
        cluster.stop(remove_files=True)


if __name__ == "__main__":
    main()
