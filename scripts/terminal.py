"""`make run`: chat with the assistant in this terminal (scripts/run.sh sets up and trains, then runs this).

The terminal chat is a Rasa server too (`rasa shell` posts each line to its own REST route), so it is kept
apart from the servers real users reach (`make serve`, `make scale`):

- it listens on 127.0.0.1 only, on a free port (``TERMINAL_PORT`` to choose one), and so does its action
  server (``ACTION_PORT``; free by default): `make run` and `make serve` run side by side;
- it keeps its conversation in its own SQLite file, ``rasa_terminal.db`` (``TERMINAL_DB``), never in the
  web/Telegram/Slack store: ``TRACKER_STORE_URL`` and ``REDIS_URL`` are not passed on, so a request that
  names a ``telegram-...`` or ``web-...`` conversation on the terminal's port finds nothing there;
- its conversation id is ``terminal``: the same person at the same terminal is offered their answers back,
  and "delete my data" deletes them;
- library warnings (pkg_resources, click, TensorFlow, spaCy) are kept off the screen
  (:mod:`scripts.quiet`); the action server's output goes to ``ACTIONS_LOG``.

    .venv/bin/python -m scripts.terminal
"""
import os
import pathlib
import sys
from typing import Dict, List, Mapping, Optional

if __package__ in (None, ""):  # run as a file
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from connectors.server import NLG_ENDPOINT  # noqa: E402
from scripts.local_services import ROOT, Proc, ServiceError, free_port, http_ok, venv_bin, wait_until  # noqa: E402

LOOPBACK = "127.0.0.1"
CONVERSATION_ID = "terminal"
DEFAULT_DB = "rasa_terminal.db"
# Variables that point a server at the shared stores of `make serve` / `make scale`.
SHARED_STORE_VARIABLES = ("TRACKER_STORE_URL", "REDIS_URL", "ACTION_ENDPOINT_URL")


def endpoints_text(action_port: int, db: str) -> str:
    """The terminal's endpoints: its own action server and its own SQLite file, locks in memory."""
    return ("# Written by scripts/terminal.py for `make run`: the terminal chat's own store and action server.\n"
            f'action_endpoint:\n  url: "http://{LOOPBACK}:{action_port}/webhook"\n'
            "tracker_store:\n  type: connectors.tracker_store.URLSQLTrackerStore\n"
            f'  db: "{db}"\n' + NLG_ENDPOINT)


def environment(base: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """The servers' environment: no shared store, loopback action server, quiet libraries."""
    env = {k: v for k, v in (os.environ if base is None else base).items() if k not in SHARED_STORE_VARIABLES}
    env.update({"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3", "SANIC_HOST": LOOPBACK,
                "PYTHONWARNINGS": "ignore", "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
                "PYTHONPATH": str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")})
    return env


def shell_args(model: pathlib.Path, endpoints: pathlib.Path, port: int) -> List[str]:
    """`rasa shell`'s arguments (after the program name)."""
    return ["shell", "--model", str(model), "--endpoints", str(endpoints), "--interface", LOOPBACK,
            "--port", str(port), "--conversation-id", CONVERSATION_ID, "--quiet"]


def prepare(environ: Optional[Mapping[str, str]] = None) -> Dict[str, object]:
    """Ports, files and environment of a terminal chat (nothing started)."""
    env = environment(environ)
    port = int(env.get("TERMINAL_PORT") or free_port())
    action_port = int(env.get("ACTION_PORT") or free_port())
    db = env.get("TERMINAL_DB") or DEFAULT_DB
    endpoints = ROOT / ".rasa" / "endpoints.terminal.yml"
    return {"env": env, "port": port, "action_port": action_port, "db": db, "endpoints": endpoints,
            "model": ROOT / "models" / "assistant.tar.gz",
            "log": pathlib.Path(env.get("ACTIONS_LOG") or ROOT / ".rasa" / "terminal-actions.log")}


def run_shell(args: List[str]) -> int:
    """`rasa shell` in this process, started as the Rasa server is, with library warnings kept off the screen."""
    from scripts.quiet import quiet_libraries

    quiet_libraries()
    from connectors.server import start
    from rasa.__main__ import main as rasa_main

    start()  # the Rasa server's start-up (connectors/server.py), as `python -m connectors.server` does

    sys.argv = ["rasa"] + args
    try:
        rasa_main()
    except SystemExit as done:
        return int(done.code or 0)
    return 0


def main() -> int:
    plan = prepare()
    env = plan["env"]
    os.environ.clear()
    os.environ.update(env)  # the shell runs in this process: no shared store for it either
    os.umask(0o077)
    endpoints = plan["endpoints"]
    endpoints.parent.mkdir(parents=True, exist_ok=True)
    endpoints.write_text(endpoints_text(plan["action_port"], plan["db"]))
    actions = Proc("actions", [str(venv_bin() / "rasa"), "run", "actions", "--actions", "actions",
                               "--port", str(plan["action_port"])], plan["log"], env)
    try:
        print(f"run: action server started (log {plan['log']}); loading the model (about a minute)...",
              flush=True)
        wait_until(lambda: http_ok(f"http://{LOOPBACK}:{plan['action_port']}/health"), 300, "the action server",
                   actions.alive, plan["log"])
        return run_shell(shell_args(plan["model"], endpoints, plan["port"]))
    except ServiceError as error:
        print(f"run: {error}", file=sys.stderr)
        return 1
    finally:
        actions.stop()


if __name__ == "__main__":
    sys.exit(main())
