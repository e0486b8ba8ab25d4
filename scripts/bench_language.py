"""What the conversation's language costs per message (issue 20): Rasa's action_extract_slots calls the action server
for action_set_language (the slot language's custom mapping) on every user turn. Prints, with the current model
(models/assistant.tar.gz) and both servers started here:

- the latency of a message over the REST channel (p50/p95) in a real conversation (the form's answers);
- the latency of that extra call as Rasa makes it (POST /webhook with the conversation's tracker and the domain,
  ``RemoteAction``'s request), replayed on the same conversation's trackers, so its share of a message; and the
  same call without the domain (what endpoints.yml's ``enable_selective_domain: true`` would send: the action does
  not read the domain).

    .venv/bin/python scripts/bench_language.py [--conversations 3]

Figures, not assertions: on 2 shared cores they vary with the machine's load.
"""
import argparse
import os
import pathlib
import statistics
import sys
import time
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

from tests.e2e.servers import MODEL, start_servers  # noqa: E402

MESSAGES = ["hi", "check my score", "I am 34", "single", "master's", "yes", "no", "3 years", "24 months", "2 years",
            "21231", "IELTS", "8 7.5 7 7", "last March", "no", "no", "no", "no", "no", "no", "no", "yes"]


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--conversations", type=int, default=3)
    args = ap.parse_args()
    import requests
    import yaml

    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    servers = start_servers(model=MODEL)
    try:
        messages, calls, lean = [], [], []
        for _ in range(args.conversations):
            sender = f"bench-{uuid.uuid4().hex}"
            for text in MESSAGES:
                start = time.perf_counter()
                servers.say(sender, text)
                messages.append((time.perf_counter() - start) * 1000)
                tracker = servers.tracker(sender)
                body = {"next_action": "action_set_language", "sender_id": sender, "tracker": tracker,
                        "domain": domain, "version": "3.6.21"}
                start = time.perf_counter()
                requests.post(f"{servers.action_url}/webhook", json=body, timeout=30).raise_for_status()
                calls.append((time.perf_counter() - start) * 1000)
                del body["domain"]
                start = time.perf_counter()
                requests.post(f"{servers.action_url}/webhook", json=body, timeout=30).raise_for_status()
                lean.append((time.perf_counter() - start) * 1000)
        print(f"message over REST  p50 {pct(messages, .5):7.1f} ms  p95 {pct(messages, .95):7.1f} ms"
              f"  (n={len(messages)})")
        print(f"action_set_language call  p50 {pct(calls, .5):7.1f} ms  p95 {pct(calls, .95):7.1f} ms"
              f"  ({statistics.median(calls) / statistics.median(messages):.1%} of a message's median)")
        print(f"  the same without the domain  p50 {pct(lean, .5):7.1f} ms  p95 {pct(lean, .95):7.1f} ms")
    finally:
        servers.stop()


if __name__ == "__main__":
    main()
