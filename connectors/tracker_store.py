"""Rasa's SQL tracker store, configured by one URL, with privacy deletion.

endpoints.yml::

    tracker_store:
      type: connectors.tracker_store.URLSQLTrackerStore
      db: rasa_tracker.db          # the SQLite file used when no URL is set

The database is chosen in this order:

1. the environment variable ``TRACKER_STORE_URL`` (any SQLAlchemy URL, e.g.
   ``postgresql://rasa:secret@127.0.0.1:5432/rasa``; ``postgres://`` is accepted);
2. ``url:`` in endpoints.yml;
3. a SQLite file named by ``db:`` (default ``rasa_tracker.db``, relative to the
   directory the server runs in).

Deletion ("delete my data"): Rasa saves the whole in-memory tracker after each
turn, and :class:`SQLTrackerStore` re-inserts every event it does not find in
the table, so deleting rows from inside an action would be undone a moment
later.  Instead the privacy action sets the slot :data:`ERASURE_SLOT`; when the
store is asked to save a tracker that carries that event, it deletes every row
of that sender id and saves nothing.  The marker itself is therefore never
stored, and the next message from that sender starts a new, empty conversation.
The outcome (committed or not) is reported to :mod:`connectors.erasure`, and the
channel confirms the deletion only when it was committed; when it fails nothing of
the turn is saved and the user is told the data is still kept.

A SQLite database file is created readable and writable by its owner only, and SQLite overwrites deleted
content (``PRAGMA secure_delete``): a deleted conversation does not stay in the file's free pages.

The web page's ids (:mod:`connectors.web_ids`): the store remembers the ids that were ended ("End session",
a committed deletion) in the table ``ended_sender_ids`` (the id and when; no personal data), and answers
when a conversation was last active, for every Rasa server sharing the database.
"""
import contextlib
import json
import logging
import os
import time
from typing import Any, Dict, Optional, Text

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.exc import IntegrityError, ProgrammingError

from common.names import ERASURE_SLOT
from connectors import erasure

logger = logging.getLogger(__name__)

URL_ENV = "TRACKER_STORE_URL"
DEFAULT_DB = "rasa_tracker.db"


def resolve_url(url: Optional[Text] = None, db: Optional[Text] = None,
                environ: Optional[dict] = None) -> Text:
    """The SQLAlchemy URL to use (see the module docstring for the order)."""
    env = os.environ if environ is None else environ
    chosen = (env.get(URL_ENV) or "").strip() or (url or "").strip()
    if not chosen:
        return f"sqlite:///{db or DEFAULT_DB}"
    if "://" not in chosen:
        raise ValueError(
            f"{URL_ENV} / tracker_store url must be an SQLAlchemy URL such as "
            "sqlite:///rasa_tracker.db or postgresql://user:password@host:5432/db"
        )
    if chosen.startswith("postgres://"):
        chosen = "postgresql://" + chosen[len("postgres://"):]
    return chosen


def sqlite_path(url: Text) -> Optional[Text]:
    """The file of a ``sqlite:///file`` URL (None for memory or another database)."""
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            path = url[len(prefix):].split("?", 1)[0]
            return path if path and path != ":memory:" else None
    return None


def make_private_file(path: Text) -> None:
    """Create ``path`` (and its parent) owner-only if missing; restrict it if present."""
    parent = os.path.dirname(path)
    if parent:
        os.makedirs(parent, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def erasure_requested(tracker: DialogueStateTracker) -> bool:
    """True when the tracker carries the privacy action's deletion marker."""
    return any(
        isinstance(e, SlotSet) and e.key == ERASURE_SLOT and bool(e.value)
        for e in tracker.events
    )


class URLSQLTrackerStore(SQLTrackerStore):
    """:class:`SQLTrackerStore` configured by one URL, deleting on request."""

    def __init__(self, domain: Any = None, host: Optional[Text] = None,
                 url: Optional[Text] = None, db: Text = DEFAULT_DB,
                 event_broker: Any = None, **kwargs: Any) -> None:
        # Rasa passes the endpoint's ``url:`` as ``host``.
        engine_url = resolve_url(url or host, db)
        sqlite_file = sqlite_path(engine_url)
        if sqlite_file:
            make_private_file(sqlite_file)
        for key in ("dialect", "port", "username", "password", "login_db", "query"):
            kwargs.pop(key, None)
        super().__init__(domain=domain, host=engine_url, event_broker=event_broker, **kwargs)
        if self.engine.dialect.name == "sqlite":
            _overwrite_deleted_content(self.engine)
        self._ended = _ended_table(self.engine)
        # Never log the URL itself: it may hold a password.
        logger.info("Conversations are kept in a %s database.", self.engine.dialect.name)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if erasure_requested(tracker):
            try:
                removed = await self.delete(tracker.sender_id)
            except Exception as error:  # the data is still there: say so, save nothing
                erasure.report_outcome(tracker.sender_id, False)
                logger.error("Deleting a conversation failed (%s); nothing was deleted.",
                             type(error).__name__)
                return
            erasure.report_outcome(tracker.sender_id, True)
            logger.info("Deleted a conversation on the user's request (%d events).", removed)
            return
        await super().save(tracker)

    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool
                        ) -> Optional[DialogueStateTracker]:
        """Rasa's own query (the events of the latest session, in id order), reading only the events' JSON
        instead of whole row objects: the same tracker, a third less time on every message (most of it was
        SQLAlchemy building objects that were read once and dropped)."""
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions) \
                .with_entities(self.SQLEvent.data).all()
        events = [json.loads(data) for (data,) in rows]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    async def delete(self, sender_id: Text) -> int:
        """Remove every stored event of ``sender_id`` (all sessions). Returns the count."""
        with self.session_scope() as session:
            removed = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == sender_id)
                .delete(synchronize_session=False)
            )
            session.commit()
        return int(removed or 0)

    async def last_activity(self, sender_id: Text) -> Optional[float]:
        """When the conversation's last event was stored (None: no event)."""
        from sqlalchemy import func

        with self.session_scope() as session:
            return session.query(func.max(self.SQLEvent.timestamp)) \
                .filter(self.SQLEvent.sender_id == sender_id).scalar()

    async def end_sender_id(self, sender_id: Text, now: Optional[float] = None) -> None:
        """This id is no longer accepted (connectors.web_ids)."""
        if await self.sender_id_ended(sender_id):
            return
        with self.engine.begin() as conn:
            try:
                conn.execute(self._ended.insert().values(sender_id=sender_id,
                                                         ended_at=time.time() if now is None else now))
            except IntegrityError:  # ended at the same instant by another server
                pass

    async def sender_id_ended(self, sender_id: Text) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(self._ended.select().where(self._ended.c.sender_id == sender_id)).first()
        return row is not None

    async def forget_ended_ids(self, before: float) -> int:
        """Drop the record of ids ended before ``before`` (they have expired anyway)."""
        with self.engine.begin() as conn:
            return int(conn.execute(self._ended.delete().where(self._ended.c.ended_at < before)).rowcount or 0)

    async def count_events(self, sender_id: Text) -> int:
        """How many events are stored for ``sender_id`` (all sessions)."""
        with self.session_scope() as session:
            return (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == sender_id)
                .count()
            )

    async def delete_idle(self, days: float, now: Optional[float] = None,
                          lock_store: Any = None) -> Dict[Text, int]:
        """Delete every conversation whose last event is older than ``days`` days.

        Returns ``{"conversations": n, "events": m}``. Each conversation is deleted in its own
        transaction while holding its conversation lock from ``lock_store`` (the Rasa servers' lock
        store: a message being handled for that sender finishes first), and only if it is still idle
        then: a turn in progress would otherwise save its whole tracker back after the deletion
        (:class:`SQLTrackerStore` re-inserts every event it does not find).
        """
        from sqlalchemy import func

        cutoff = (time.time() if now is None else now) - days * 86400
        with self.session_scope() as session:
            senders = [row[0] for row in (
                session.query(self.SQLEvent.sender_id)
                .group_by(self.SQLEvent.sender_id)
                .having(func.max(self.SQLEvent.timestamp) < cutoff)
            )]
        conversations = events = 0
        for sender in senders:
            async with _conversation_lock(lock_store, sender):
                with self.session_scope() as session:
                    last = (session.query(func.max(self.SQLEvent.timestamp))
                            .filter(self.SQLEvent.sender_id == sender).scalar())
                    if last is None or last >= cutoff:
                        continue  # a message came in meanwhile: no longer idle
                    events += (session.query(self.SQLEvent)
                               .filter(self.SQLEvent.sender_id == sender)
                               .delete(synchronize_session=False)) or 0
                    session.commit()
                    conversations += 1
        return {"conversations": conversations, "events": int(events)}


def _overwrite_deleted_content(engine: Any) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _secure_delete(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.close()

    engine.dispose()  # connections opened before the listener existed are replaced


def _ended_table(engine: Any) -> Any:
    from sqlalchemy import Column, Float, MetaData, String, Table

    table = Table("ended_sender_ids", MetaData(), Column("sender_id", String(255), primary_key=True),
                  Column("ended_at", Float, nullable=False, index=True))
    try:
        table.create(engine, checkfirst=True)
    except (IntegrityError, ProgrammingError):  # created at the same instant by another server
        pass
    return table


@contextlib.asynccontextmanager
async def _conversation_lock(lock_store: Any, sender_id: Text):
    """The Rasa lock of one conversation (nothing to hold without a lock store)."""
    if lock_store is None:
        yield
        return
    async with lock_store.lock(sender_id, wait_time_in_seconds=0.1):
        yield
