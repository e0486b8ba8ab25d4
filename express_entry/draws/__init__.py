"""Rounds of invitations and the pool, in a database (SQLAlchemy).

Importing this package is cheap: SQLAlchemy is imported on the first call.

    from express_entry import draws
    draws.summary_for_score(480)            # data date, cut-offs by type, met?, pool position
    draws.summary_text(draws.summary_for_score(480))   # the same in plain words
    draws.latest_by_type(["cec", "french"])
    draws.lowest_cutoffs("2026-01-01", "2026-06-30")
    draws.rounds_met(480, months=6)
    draws.pool_position(480)
    draws.import_source("ee_rounds_123_en.json")  # or an https URL

Every function takes ``db=``: a SQLAlchemy URL or Engine (default: see
``express_entry.draws.db.default_url``; env var ``EXPRESS_ENTRY_DB_URL``).  The
shipped seed feed is loaded the first time an empty database is used.
Errors: ``FeedError`` (bad feed), ``QueryError`` (bad question), ``DatabaseError``
(bad URL); all are ValueErrors with a ``field`` attribute.
"""
from .classify import TYPES, classify  # noqa: F401  (pure Python)
from .feed import FeedError  # noqa: F401  (pure Python)
from .text import summary_text  # noqa: F401  (pure Python)

__all__ = ["summary_for_score", "summary_text", "latest_by_type", "lowest_cutoffs", "rounds_met", "pool_position",
           "data_info", "import_source", "import_feed", "FeedError", "QueryError", "DatabaseError",
           "TYPES", "classify"]


def __getattr__(name):  # lazy: QueryError and DatabaseError live next to SQLAlchemy code
    if name == "QueryError":
        from .queries import QueryError
        return QueryError
    if name == "DatabaseError":
        from .db import DatabaseError
        return DatabaseError
    raise AttributeError(name)


def _run(fn_name, db, *args, **kwargs):
    from . import db as _db, queries

    engine = _db.ensure_ready(db)
    with _db.session(engine) as s:
        return getattr(queries, fn_name)(s, *args, **kwargs)


def summary_for_score(score, on=None, months=12, db=None) -> dict:
    """Data date, recent cut-offs by type and whether ``score`` met them, and the pool position."""
    return _run("summary_for_score", db, score, on=on, months=months)


def latest_by_type(types=None, count=1, on=None, db=None) -> dict:
    return _run("latest_by_type", db, types=types, count=count, on=on)


def lowest_cutoffs(start=None, end=None, types=None, months=None, on=None, db=None) -> dict:
    return _run("lowest_cutoffs", db, start, end, types=types, months=months, on=on)


def rounds_met(score, start=None, end=None, types=None, months=None, on=None, db=None) -> dict:
    return _run("rounds_met", db, score, start, end, types=types, months=months, on=on)


def pool_position(score, on=None, db=None) -> dict:
    return _run("pool_position", db, score, on=on)


def data_info(on=None, db=None) -> dict:
    return _run("data_info", db, on)


def import_source(source: str, db=None) -> dict:
    """Import a feed file or http(s) URL (all or nothing).  Raises FeedError."""
    from . import db as _db
    from .feed import decode, parse_feed
    from .importer import import_feed as _imp, read_source

    data = decode(read_source(source), source)
    parse_feed(data)  # refuse a bad file before the seed is loaded into a new database
    return _imp(data, _db.ensure_ready(db), source=source)


def import_feed(payload, db=None, source="the feed") -> dict:
    from . import db as _db
    from .feed import decode, parse_feed
    from .importer import import_feed as _imp

    data = decode(payload, source) if isinstance(payload, (bytes, bytearray)) else payload
    parse_feed(data)
    return _imp(data, _db.ensure_ready(db), source=source)
