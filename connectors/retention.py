"""Delete conversations idle for longer than the retention period.

    .venv/bin/python -m connectors.retention            # RETENTION_DAYS, default 180
    .venv/bin/python -m connectors.retention --days 30
    make retention

A conversation (every event of one sender id: its answers, scores and messages)
whose last message is older than the period is deleted; the others are left
alone.  The database is the one the Rasa server uses: ``TRACKER_STORE_URL`` or
the SQLite file ``rasa_tracker.db`` in the current directory (``--db``).  Run it
daily, e.g. from cron.  It prints how many conversations and events it deleted
(never an id or a value) and exits 0, or 2 with a message on a bad setting or a
database error.  It also forgets the record of web ids ended ("End session", a deletion)
longer ago than their idle period: such an id has expired anyway (:mod:`connectors.web_ids`).

Each conversation is deleted holding its conversation lock in the lock store the Rasa servers share
(``REDIS_URL``), so a message being handled at that moment is not undone or resurrected; with one
server and no ``REDIS_URL`` the locks live inside that server and cannot be shared with this command.
"""
import argparse
import asyncio
import os
import sys
import time
from typing import List, Optional

RETENTION_ENV = "RETENTION_DAYS"
DEFAULT_DAYS = 180


def _days(value: str) -> float:
    try:
        days = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of days: {value[:20]!r}") from None
    if not 1 <= days <= 36500:
        raise argparse.ArgumentTypeError("the retention period must be between 1 and 36500 days")
    return days


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m connectors.retention",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=_days, default=None,
                        help=f"retention period in days (default ${RETENTION_ENV} or {DEFAULT_DAYS})")
    parser.add_argument("--db", default=None, help="SQLite file when TRACKER_STORE_URL is not set")
    args = parser.parse_args(argv)
    days = args.days
    if days is None:
        try:
            days = _days(os.environ.get(RETENTION_ENV) or str(DEFAULT_DAYS))
        except argparse.ArgumentTypeError as error:
            print(f"error: {RETENTION_ENV}: {error}", file=sys.stderr)
            return 2
    try:
        from connectors.lock_store import lock_store_from_env
        from connectors.tracker_store import DEFAULT_DB, URLSQLTrackerStore

        from connectors.web_ids import CLOCK_SKEW, idle_seconds

        store = URLSQLTrackerStore(db=args.db or DEFAULT_DB)
        result = asyncio.run(store.delete_idle(days, lock_store=lock_store_from_env()))
        asyncio.run(store.forget_ended_ids(time.time() - idle_seconds() - CLOCK_SKEW))
    except Exception as error:  # a bad URL, an unreachable or unwritable database
        print(f"error: could not apply the retention period ({type(error).__name__}: "
              f"{str(error).splitlines()[0][:200] if str(error) else 'no detail'})", file=sys.stderr)
        return 2
    print(f"retention: deleted {result['conversations']} conversation(s) idle for more than "
          f"{days:g} days ({result['events']} events)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
