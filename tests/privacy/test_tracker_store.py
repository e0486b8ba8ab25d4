"""The SQL tracker store: one-URL set-up, SQLite by default, PostgreSQL, and deletion on request."""
import asyncio

import pytest
import sqlalchemy as sa

from connectors.tracker_store import ERASURE_SLOT, URL_ENV, URLSQLTrackerStore, resolve_url

DOMAIN_YAML = f"""
version: "3.1"
intents: [greet]
slots:
  age:
    type: float
    mappings: [{{type: custom}}]
  {ERASURE_SLOT}:
    type: bool
    influence_conversation: false
    mappings: [{{type: custom}}]
"""


def run(coro):
    return asyncio.new_event_loop().run_until_complete(coro)


@pytest.fixture
def domain():
    from rasa.shared.core.domain import Domain

    return Domain.from_yaml(DOMAIN_YAML)


def rows(url, sender):
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT type_name FROM events WHERE sender_id = :s ORDER BY id"),
                                {"s": sender}).scalars().all()
    finally:
        engine.dispose()


def conversation(domain, sender, age=31):
    from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker(sender, domain.slots)
    for event in [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
                  UserUttered(f"I am {age}", {"name": "greet", "confidence": 1.0}),
                  SlotSet("age", age), ActionExecuted("action_listen")]:
        tracker.update(event)
    return tracker


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    return request.getfixturevalue("postgres_database")


def test_default_is_a_sqlite_file(monkeypatch):
    monkeypatch.delenv(URL_ENV, raising=False)
    assert resolve_url(None, None) == "sqlite:///rasa_tracker.db"
    assert resolve_url(None, "other.db") == "sqlite:///other.db"


def test_environment_url_wins_and_postgres_scheme_is_accepted():
    env = {URL_ENV: "postgres://u:p@127.0.0.1:5432/rasa"}
    assert resolve_url("sqlite:///x.db", "y.db", environ=env) == "postgresql://u:p@127.0.0.1:5432/rasa"
    assert resolve_url("sqlite:///x.db", "y.db", environ={}) == "sqlite:///x.db"
    with pytest.raises(ValueError, match=URL_ENV):
        resolve_url(None, None, environ={URL_ENV: "just-a-name"})


def test_rasa_loads_this_store_from_endpoints(domain, tmp_path, monkeypatch):
    from rasa.core.tracker_store import TrackerStore
    from rasa.utils.endpoints import EndpointConfig

    monkeypatch.delenv(URL_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    store = TrackerStore.create(
        EndpointConfig(type="connectors.tracker_store.URLSQLTrackerStore", db="from_endpoints.db"), domain)
    inner = getattr(store, "_tracker_store", store)  # Rasa may wrap it
    assert isinstance(inner, URLSQLTrackerStore)
    assert inner.engine.url.database == "from_endpoints.db"
    assert (tmp_path / "from_endpoints.db").exists()


def test_url_from_the_environment_selects_the_database(domain, store_url, monkeypatch):
    monkeypatch.setenv(URL_ENV, store_url)
    store = URLSQLTrackerStore(domain=domain, db="must-not-be-used.db")
    run(store.save(conversation(domain, "env-user")))
    assert rows(store_url, "env-user")[-1] == "action"
    store.engine.dispose()


def test_saves_and_restores_a_conversation(domain, store_url, monkeypatch):
    monkeypatch.delenv(URL_ENV, raising=False)
    store = URLSQLTrackerStore(domain=domain, url=store_url)
    run(store.save(conversation(domain, "alice", age=31)))
    # a second store on the same database (a restarted server) sees the same conversation
    again = URLSQLTrackerStore(domain=domain, url=store_url)
    tracker = run(again.retrieve("alice"))
    assert tracker.get_slot("age") == 31
    assert tracker.latest_message.text == "I am 31"
    for s in (store, again):
        s.engine.dispose()


def test_retrieve_gives_what_rasas_own_retrieve_gives_the_latest_session_only(domain, store_url, monkeypatch):
    """The store reads only the events' JSON (connectors/tracker_store.py): the tracker must be the one Rasa's
    SQLTrackerStore builds, events of the latest session only, in order."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered

    monkeypatch.delenv(URL_ENV, raising=False)
    store = URLSQLTrackerStore(domain=domain, url=store_url)
    tracker = conversation(domain, "alice", age=31)
    run(store.save(tracker))
    for event in [ActionExecuted("action_session_start"), SessionStarted(), SlotSet("age", 33),
                  ActionExecuted("action_listen"), UserUttered("I am 33", {"name": "inform", "confidence": 1.0})]:
        tracker.update(event)
    run(store.save(tracker))
    run(store.save(conversation(domain, "bob", age=45)))
    ours = run(store.retrieve("alice"))
    rasas = run(SQLTrackerStore.retrieve(store, "alice"))
    assert [e.as_dict() for e in ours.events] == [e.as_dict() for e in rasas.events]
    assert ours.latest_message.text == "I am 33" and ours.get_slot("age") == 33
    assert not any(getattr(e, "text", None) == "I am 31" for e in ours.events)  # the earlier session is left out
    assert run(store.retrieve("nobody")) is None
    store.engine.dispose()


def test_erasure_marker_deletes_every_row_of_that_sender_only(domain, store_url, monkeypatch):
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet

    monkeypatch.delenv(URL_ENV, raising=False)
    store = URLSQLTrackerStore(domain=domain, url=store_url)
    alice = conversation(domain, "alice", age=31)
    run(store.save(alice))
    run(store.save(conversation(domain, "bob", age=45)))
    assert len(rows(store_url, "alice")) == 6

    # The privacy action's turn: the marker, then what Rasa adds before saving.
    alice = run(store.retrieve("alice"))
    for event in [ActionExecuted("action_delete_my_data"), SlotSet(ERASURE_SLOT, True),
                  BotUttered("Done: I deleted your data."), ActionExecuted("action_listen")]:
        alice.update(event)
    run(store.save(alice))
    assert rows(store_url, "alice") == []
    assert run(store.retrieve("alice")) is None
    assert len(rows(store_url, "bob")) == 6
    # saving the same in-memory tracker again (Rasa may) re-inserts nothing
    run(store.save(alice))
    assert rows(store_url, "alice") == []
    store.engine.dispose()


def test_marker_false_does_not_delete(domain, store_url, monkeypatch):
    from rasa.shared.core.events import SlotSet

    monkeypatch.delenv(URL_ENV, raising=False)
    store = URLSQLTrackerStore(domain=domain, url=store_url)
    tracker = conversation(domain, "carol")
    tracker.update(SlotSet(ERASURE_SLOT, False))
    run(store.save(tracker))
    assert len(rows(store_url, "carol")) == 7
    store.engine.dispose()
