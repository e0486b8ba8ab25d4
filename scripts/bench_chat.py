"""Chat benchmark: per-message latency over the REST channel (p50/p95) at 1 and 10 concurrent
users, training time and start-up time, for this assistant AND for a `rasa init --no-prompt`
bot made in a temporary folder, measured in the same run; prints the ratios.

This assistant gets varied conversations like real ones: the simulator's candidates (tests/sim), each
a different profile and wording with volunteered facts, questions in the middle of the form, a correction
after the result and a follow-up question, 18 to 45 messages each; every user/round replays another one.
The rasa init bot replays its 8-message conversation repeated to the same lengths ("init, same len": Rasa's own
work per message grows with the conversation's length, so this is the like-for-like ratio) and, as before, the
8-message conversation alone ("init, 8 msgs").

    .venv/bin/python scripts/bench_chat.py [--users 10] [--rounds 3] [--skip-train] [--patch both|on|off]

--skip-train uses models/assistant.tar.gz as it is (its training time is then not measured); --train-only trains
both bots and prints their training times (wall clock and CPU), nothing else.
--patch: this assistant's Rasa server with the Rasa speed-up of connectors/rasa_speed.py ("on"), without it
("off", EE_RASA_PATCH=0), or both one after the other in the same run (the default); the rasa init bot always
runs unpatched Rasa.
Figures, not assertions: on 2 shared cores they vary with the machine's load.
"""
import argparse
import os
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

from tests.e2e.servers import VENV_BIN, start_servers  # noqa: E402

FOLLOW_UPS = ["explain my score", "what is the cut-off lately?", "what if I get CLB 9?", "thanks"]


def simulated_conversations(n: int = 60, seed: int = 7):
    """User messages of n simulated candidates (the form-only driver decides what each one is asked),
    kept when 18 to 45 messages long."""
    from tests.sim import bank, bank_holdout, sim
    from tests.sim.candidates import generate
    from tests.sim.drivers import FormDriver

    driver = FormDriver()
    out = []
    for c in generate(n, seed):
        cand = sim.Candidate(c, bank_holdout if c["id"] % 5 == 4 else bank)
        rec = sim.run_candidate(driver, cand, with_correction=True, mid_form=c["id"] % 2 == 1)
        msgs = ["hi"] + [u for u, _ in rec["log"]] + [u for u, _ in (rec.get("correction") or {}).get("log", [])]
        msgs += FOLLOW_UPS[: max(0, 18 - len(msgs))] or FOLLOW_UPS[c["id"] % len(FOLLOW_UPS):][:1]
        if 18 <= len(msgs) <= 45:
            out.append(msgs)
    return out
INIT_CONVERSATION = ["hi", "I am sad", "yes", "are you a bot?", "great", "bye", "hello", "I'm happy"]


def init_conversations(lengths):
    """The rasa init bot's conversation repeated to each given length: Rasa's own cost per message grows with the
    conversation (the tracker is loaded, replayed and featurized every turn), so the per-message comparison is
    made at the same lengths as this assistant's conversations (the 8-message one is reported too)."""
    return [[INIT_CONVERSATION[k % len(INIT_CONVERSATION)] for k in range(n)] for n in lengths]


def pct(values, q):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def drive(servers, conversations, users, rounds):
    """conversations: one list of messages, or a list of them (user i, round r replays number i*rounds+r)."""
    if conversations and isinstance(conversations[0], str):
        conversations = [conversations]
    latencies = []
    lock = threading.Lock()
    errors = []

    def user(i):
        import requests

        http = requests.Session()
        for r in range(rounds):
            sender = f"bench-{i}-{r}-{uuid.uuid4().hex[:6]}"
            for text in conversations[(i * rounds + r) % len(conversations)]:
                t0 = time.perf_counter()
                try:
                    resp = http.post(f"{servers.url}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                                     timeout=120)
                    resp.raise_for_status()
                except Exception as e:  # counted, not fatal
                    with lock:
                        errors.append(repr(e))
                    continue
                dt = (time.perf_counter() - t0) * 1000
                with lock:
                    latencies.append(dt)

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors


def timed(cmd, cwd, cache):
    """Seconds to run cmd, wall clock and CPU (user + system, the command and its children: on a loaded machine
    the steadier figure); a fresh Rasa cache so that training really starts from scratch."""
    t0, before = time.time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "RASA_TELEMETRY_ENABLED": "false", "RASA_CACHE_DIRECTORY": str(cache)})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.time() - t0, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(name, model, cwd, conversations, with_actions, users, rounds, also=None, patch=False):
    """also: (name, conversations) measured on the same servers after the first set; patch: the Rasa server
    with connectors/rasa_speed.py installed."""
    t0 = time.time()
    servers = start_servers(model=model, cwd=cwd, with_actions=with_actions,
                            extra_env={"EE_RASA_PATCH": "1" if patch else "0"})
    start = time.time() - t0
    out = []
    try:
        drive(servers, [conversations[0][:2]], 1, 1)  # warm-up
        for label, convs in [(name, conversations)] + ([also] if also else []):
            one, e1 = drive(servers, convs, 1, rounds)
            many, e2 = drive(servers, convs, users, rounds)
            out.append({"name": label, "start": start, "one": one, "many": many, "errors": len(e1) + len(e2)})
    finally:
        servers.stop()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--users", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=3, help="conversations per user")
    ap.add_argument("--skip-train", action="store_true")
    ap.add_argument("--train-only", action="store_true", help="train both bots, print the training figures, stop")
    ap.add_argument("--patch", choices=["both", "on", "off"], default="both")
    args = ap.parse_args(argv)
    rasa = str(VENV_BIN / "rasa")
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="ee-bench-"))
    try:
        ours_model = ROOT / "models" / "assistant.tar.gz"
        ours_train = ours_cpu = None
        if not args.skip_train or args.train_only:
            out = tmp / "ours"
            ours_train, ours_cpu = timed(["nice", "-n", "10", rasa, "train", "--config", "config.yml", "--domain", "domain.yml",
                                "--data", "data", "--out", str(out), "--fixed-model-name", "bench", "--quiet"], ROOT,
                               tmp / "cache-ours")
            ours_model = out / "bench.tar.gz"
        init_dir = tmp / "init_bot"
        init_dir.mkdir()
        init_train, init_cpu = timed(["nice", "-n", "10", rasa, "init", "--no-prompt", "--init-dir", str(init_dir)], init_dir,
                           tmp / "cache-init")
        init_model = sorted((init_dir / "models").glob("*.tar.gz"))[-1]
        if args.train_only:
            print(f"training, this assistant: {ours_train:.0f} s wall, {ours_cpu:.0f} s CPU; rasa init bot: "
                  f"{init_train:.0f} s wall, {init_cpu:.0f} s CPU; ratio {ours_train / init_train:.2f}x wall, "
                  f"{ours_cpu / init_cpu:.2f}x CPU (goal: within 2x)")
            return 0
        ours = simulated_conversations()
        n = args.users * args.rounds
        results = []
        for patch in {"both": [True, False], "on": [True], "off": [False]}[args.patch]:
            results += measure("this, patched" if patch else "this, unpatched", ours_model, ROOT, ours, True,
                               args.users, args.rounds, patch=patch)
        n_ours = len(results)
        results += measure("init, same len", init_model, init_dir, init_conversations([len(c) for c in ours[:n]]),
                           False, args.users, args.rounds, also=("init, 8 msgs", [INIT_CONVERSATION]))
        for k, r in enumerate(results):
            r["train"] = ours_train if k < n_ours else init_train
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"per-message latency over REST (ms), {args.rounds} conversation(s) per user; closed loop")
    print(f"{'bot':<16} {'train s':>8} {'start s':>8} {'1u p50':>8} {'1u p95':>8} "
          f"{args.users}u p50".rjust(9) + f"{args.users}u p95".rjust(9) + f" {'msgs':>6} {'errors':>6}")
    for r in results:
        train = f"{r['train']:.0f}" if r["train"] is not None else "-"
        print(f"{r['name']:<16} {train:>8} {r['start']:>8.0f} {pct(r['one'], .5):>8.0f} {pct(r['one'], .95):>8.0f} "
              f"{pct(r['many'], .5):>8.0f} {pct(r['many'], .95):>8.0f} {len(r['one']) + len(r['many']):>6} "
              f"{r['errors']:>6}")
    for a, b in [(a, b) for a in results[:n_ours] for b in results[n_ours:]] + \
            [(results[0], results[1])] * (n_ours == 2):
        print(f"ratio ({a['name']} / {b['name']}):")
        print(f"  p95 at 1 user {pct(a['one'], .95) / pct(b['one'], .95):.2f}x, at {args.users} users "
              f"{pct(a['many'], .95) / pct(b['many'], .95):.2f}x" + (" (goal: within 1.5x)" if b in results[n_ours:] else ""))
        print(f"  p50 at 1 user {pct(a['one'], .5) / pct(b['one'], .5):.2f}x, at {args.users} users "
              f"{pct(a['many'], .5) / pct(b['many'], .5):.2f}x; start-up {a['start'] / b['start']:.2f}x"
              + (f"; training {a['train'] / b['train']:.2f}x" if a["train"] and b["train"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
