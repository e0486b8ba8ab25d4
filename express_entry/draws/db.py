"""Database: engine, sessions, and loading the shipped seed on first use.

The database is chosen by, in order: an explicit URL, the environment variable
``EXPRESS_ENTRY_DB_URL`` (any SQLAlchemy URL), or a SQLite file: ``var/draws.sqlite``
in a source checkout, else ``$XDG_DATA_HOME/express-entry/draws.sqlite``
(``~/.local/share/express-entry/draws.sqlite``).
"""
import logging
import os
import threading
import time
from pathlib import Path
from typing import Dict, Union

from sqlalchemy import create_engine, event, func, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, OperationalError, ProgrammingError

from .feed import FeedError
from .importer import import_feed
from .models import Base, Round, session  # noqa: F401  (session: the one way to open a session)

log = logging.getLogger(__name__)

ENV_VAR = "EXPRESS_ENTRY_DB_URL"
SEED = Path(__file__).resolve().parent.parent / "data" / "draws" / "ee_rounds_123_en.json"

_engines: Dict[str, Engine] = {}
_ready = set()
_lock = threading.Lock()


class DatabaseError(ValueError):
    """A database URL that cannot be used.  ``field`` is "db"."""

    field = "db"


def default_url() -> str:
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    project = Path(__file__).resolve().parents[2]
    if (project / "pyproject.toml").is_file() and os.access(project, os.W_OK):
        folder = project / "var"
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        folder = Path(base) / "express-entry"
    return f"sqlite:///{folder / 'draws.sqlite'}"


def _sqlite_pragmas(dbapi_connection, _record):
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def get_engine(db: Union[str, Engine, None] = None) -> Engine:
    """An engine for ``db`` (a URL or an Engine); one cached engine per URL."""
    if isinstance(db, Engine):
        return db
    url = db or default_url()
    with _lock:
        engine = _engines.get(url)
        if engine is not None:
            return engine
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise DatabaseError(
                f"db: {url!r} is not a database URL (expected e.g. sqlite:///path/draws.sqlite "
                f"or postgresql+psycopg2://user@host/dbname)"
            ) from None
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            folder = Path(parsed.database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"db: cannot create the folder {str(folder)!r} for the SQLite file "
                                    f"({exc.strerror}); accepted: a path you can write to") from None
        try:
            engine = create_engine(parsed, future=True)
        except (NoSuchModuleError, ModuleNotFoundError, ArgumentError) as exc:
            raise DatabaseError(f"db: cannot use {parsed.render_as_string(hide_password=True)!r}: {exc}") from None
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        _engines[url] = engine
        return engine


def create_schema(engine: Engine) -> None:
    Base.metadata.create_all(engine)


def _prepare(engine: Engine, seed: bool) -> None:
    create_schema(engine)
    if not seed:
        return
    with session(engine) as s:
        empty = s.execute(select(func.count()).select_from(Round)).scalar_one() == 0
    if empty:
        try:
            result = import_feed(SEED.read_bytes(), engine, source=SEED.name)
        except FeedError as exc:  # pragma: no cover - the shipped seed is tested
            raise RuntimeError(f"the shipped seed feed is invalid: {exc}") from exc
        log.info("loaded the seed feed: %d rounds", result["added"])


def ensure_ready(db: Union[str, Engine, None] = None, seed: bool = True) -> Engine:
    """The engine, with its tables created and, if it holds no round yet, the seed loaded."""
    engine = get_engine(db)
    key = (id(engine), seed)
    if key in _ready:
        return engine
    for attempt in range(3):
        try:
            _prepare(engine, seed)
            break
        except (IntegrityError, OperationalError, ProgrammingError):
            # Another process created the tables or loaded the seed at the same moment (its transaction
            # won), or held the SQLite write lock: look again.  A real problem persists and is raised.
            if attempt == 2:
                raise
            time.sleep(0.5 * (attempt + 1))
    _ready.add(key)
    return engine


def close(db: Union[str, Engine, None] = None) -> None:
    """Close an engine's connections and forget it (tests, or before dropping a database)."""
    with _lock:
        if isinstance(db, Engine):
            engine = db
            for url in [u for u, e in _engines.items() if e is db]:
                del _engines[url]
        else:
            engine = _engines.pop(db or default_url(), None)
        if engine is None:
            return
        for key in [k for k in _ready if k[0] == id(engine)]:
            _ready.discard(key)
        engine.dispose()
