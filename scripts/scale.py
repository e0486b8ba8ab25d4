"""The assistant scaled out on one machine: `make scale` (docs/deploy.md).

Starts PostgreSQL (conversations) and Redis (conversation locks) in a scratch directory unless
TRACKER_STORE_URL / REDIS_URL name servers, then N action servers and N Rasa servers, and nginx in
front: round robin over the Rasa servers with passive health checks, a request body limit and a
per-client rate limit; the web page and chart (/webhooks/web/), the REST channel, and the Telegram
and Slack webhooks (when their variables are set, docs/channels.md) all go through it, and the Rasa
servers reach the action servers through it too. Ctrl-C (or SIGTERM) stops everything it started.

    .venv/bin/python -m scripts.scale [--rasa 2] [--actions 2] [--port 8080] [--host 127.0.0.1]
"""
import argparse
import json
import os
import pathlib
import signal
import subprocess
import sys
import time

if __package__ in (None, ""):  # run as a file: python scripts/scale.py
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from scripts.local_services import ROOT, Cluster, ServiceError, rss_mb  # noqa: E402


def credentials_file() -> pathlib.Path:
    """credentials.yml plus the live channels whose variables are set (connectors.credentials)."""
    out = ROOT / ".rasa" / "credentials.scale.yml"
    done = subprocess.run([sys.executable, "-m", "connectors.credentials", "--out", str(out)], cwd=ROOT,
                          stdout=subprocess.PIPE, text=True, check=True)
    return pathlib.Path(done.stdout.strip() or out)


def write_state(cluster: Cluster, path: pathlib.Path) -> None:
    """What a test or a script needs to reach the parts (owner-only: its URLs hold the database and Redis
    passwords)."""
    state = {"url": cluster.url, "base": str(cluster.base), "access_log": str(cluster.nginx.access_log),
             "tracker_store_url": cluster.tracker_store_url, "redis_url": cluster.redis_url,
             "rasa": [{"url": cluster.rasa_url(i), "port": port, "pid": proc.pid}
                      for i, (proc, port) in enumerate(zip(cluster.rasa, cluster.rasa_ports))],
             "pids": [proc.pid for proc in cluster.processes()],
             "postgres_pid": cluster.postgres.pid() if cluster.postgres else None}
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(state, fh)
    os.replace(tmp, path)


def parse(argv=None) -> argparse.Namespace:
    env = os.environ.get
    p = argparse.ArgumentParser(prog="make scale", description=__doc__.split("\n\n")[0])
    p.add_argument("--rasa", type=int, default=int(env("RASA_SERVERS", "2")), help="Rasa servers (2)")
    p.add_argument("--actions", type=int, default=int(env("ACTION_SERVERS", "2")), help="action servers (2)")
    p.add_argument("--host", default=env("HOST", "127.0.0.1"), help="nginx's address (0.0.0.0: all)")
    p.add_argument("--port", type=int, default=int(env("PORT", "8080")), help="nginx's port (8080)")
    p.add_argument("--rate", type=int, default=int(env("RATE_LIMIT", "10")),
                   help="messages per second per client address (10), with a burst of 2 x rate")
    p.add_argument("--body-limit", default=env("BODY_LIMIT", "64k"), help="largest request body (64k)")
    p.add_argument("--conn-limit", type=int, default=int(env("CONN_LIMIT", "20")),
                   help="open chat requests per client address (20)")
    p.add_argument("--load-balancer", action="append", default=[a for a in env("LOAD_BALANCERS", "").split(",") if a],
                   help="address or network of a load balancer in front of nginx, whose X-Forwarded-For header "
                        "nginx then believes (repeat for several; LOAD_BALANCERS, comma-separated; default none)")
    p.add_argument("--state", type=pathlib.Path, help="write the addresses and process ids here (JSON) once ready")
    p.add_argument("--no-restart", action="store_true", help="do not restart a Rasa server that stops")
    args = p.parse_args(argv)
    if args.rasa < 1 or args.actions < 1:
        p.error("--rasa and --actions must be at least 1")
    return args


def main(argv=None) -> int:
    args = parse(argv)

    def on_signal(signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    # Started in the background by a shell (`make scale &`, nohup, a CI script), the process inherits SIGINT
    # ignored: Ctrl-C / kill -INT must stop everything all the same.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    cluster = Cluster(rasa_servers=args.rasa, action_servers=args.actions,
                      tracker_store_url=os.environ.get("TRACKER_STORE_URL", "").strip() or None,
                      redis_url=os.environ.get("REDIS_URL", "").strip() or None,
                      credentials=credentials_file(), port=args.port, host=args.host,
                      rate=args.rate, burst=2 * args.rate, body_limit=args.body_limit, conn_limit=args.conn_limit,
                      real_ip_from=args.load_balancer)
    try:
        cluster.start()
        shown = "127.0.0.1" if args.host == "0.0.0.0" else args.host
        print(f"scale: ready. Web page http://{shown}:{args.port}/webhooks/web/ ; "
              f"REST http://{shown}:{args.port}/webhooks/rest/webhook   (Ctrl-C stops everything)")
        for proc in cluster.processes():
            print(f"scale:   {proc.name:<10} pid {proc.pid:<7} {rss_mb(proc.pid):7.0f} MB   log {proc.log}")
        sys.stdout.flush()
        if args.state:
            write_state(cluster, args.state)
        while True:
            for i, proc in enumerate(cluster.rasa):
                if not proc.alive() and not args.no_restart:
                    print(f"scale: {proc.name} stopped (status {proc.popen.returncode}); restarting it, "
                          f"nginx sends its traffic to the others meanwhile", flush=True)
                    cluster.restart_rasa(i)
            time.sleep(2)
    except KeyboardInterrupt:
        print("\nscale: stopping everything")
        return 0
    except ServiceError as e:
        print(f"scale: {e}", file=sys.stderr)
        return 1
    finally:
        # A second Ctrl-C must not cut the clean-up short and leave servers behind.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        cluster.stop()
        if args.state:
            args.state.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
