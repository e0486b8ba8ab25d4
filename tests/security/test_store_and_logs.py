"""Deletion confirmed only after the commit, the retention period, owner-only files, and log lines
without message text or profile values."""
import io
import json
import logging
import os
import time

import pytest

from common import log_privacy
from common.log_privacy import current_text
from connectors import erasure, retention
from connectors.tracker_store import ERASURE_SLOT, URLSQLTrackerStore
from tests.privacy.test_tracker_store import conversation, domain, rows, run  # noqa: F401 (fixture)


def marked(domain, sender):  # noqa: F811
    from rasa.shared.core.events import SlotSet

    tracker = conversation(domain, sender)
    tracker.update(SlotSet(ERASURE_SLOT, True))
    return tracker


def test_sqlite_file_is_created_owner_only(tmp_path, domain):  # noqa: F811
    path = tmp_path / "new" / "tracker.db"
    URLSQLTrackerStore(domain, db=str(path), url="")
    assert (path.stat().st_mode & 0o777) == 0o600
    loose = tmp_path / "loose.db"
    loose.touch(mode=0o644)
    os.chmod(loose, 0o644)
    URLSQLTrackerStore(domain, db=str(loose))
    assert (loose.stat().st_mode & 0o777) == 0o600


def test_a_failed_commit_is_reported_and_nothing_is_lost(tmp_path, domain, monkeypatch):  # noqa: F811
    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    url = f"sqlite:///{tmp_path / 't.db'}"
    store = URLSQLTrackerStore(domain, url=url)
    run(store.save(conversation(domain, "web-a")))
    kept = rows(url, "web-a")

    async def broken(sender_id):
        raise OSError("disk I/O error")

    monkeypatch.setattr(store, "delete", broken)
    run(store.save(marked(domain, "web-a")))
    assert erasure.pop_outcome("web-a") is False
    assert rows(url, "web-a") == kept  # still all there, and the marker was not saved

    monkeypatch.undo()
    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    run(store.save(marked(domain, "web-a")))
    assert erasure.pop_outcome("web-a") is True
    assert rows(url, "web-a") == []


def test_retention_deletes_only_conversations_idle_longer_than_the_period(tmp_path, domain, monkeypatch,  # noqa: F811
                                                                         capsys):
    import sqlalchemy as sa

    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    db = tmp_path / "t.db"
    url = f"sqlite:///{db}"
    store = URLSQLTrackerStore(domain, url=url)
    for sender in ("web-old", "web-recent", "telegram-1"):
        run(store.save(conversation(domain, sender)))
    run(store.end_sender_id("web-ended-long-ago", now=time.time() - 3 * 3600))
    run(store.end_sender_id("web-ended-now"))
    engine = sa.create_engine(url)
    day = 86400
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE events SET timestamp = :t WHERE sender_id = 'web-old'"),
                     {"t": time.time() - 181 * day})
        conn.execute(sa.text("UPDATE events SET timestamp = :t WHERE sender_id = 'telegram-1'"),
                     {"t": time.time() - 40 * day})
    engine.dispose()

    monkeypatch.delenv(retention.RETENTION_ENV, raising=False)
    assert retention.main(["--db", str(db)]) == 0  # default: 180 days
    assert "deleted 1 conversation(s)" in capsys.readouterr().out
    assert rows(url, "web-old") == [] and rows(url, "web-recent") and rows(url, "telegram-1")
    # the record of ended web ids is kept only while they could still be valid (their idle period)
    assert not run(store.sender_id_ended("web-ended-long-ago")) and run(store.sender_id_ended("web-ended-now"))

    monkeypatch.setenv(retention.RETENTION_ENV, "30")
    assert retention.main(["--db", str(db)]) == 0
    assert rows(url, "telegram-1") == [] and rows(url, "web-recent")

    with pytest.raises(SystemExit) as stop:
        retention.main(["--db", str(db), "--days", "0.5"])
    assert stop.value.code == 2


def test_retention_waits_for_a_turn_in_progress_and_keeps_a_conversation_it_revived(tmp_path, domain):  # noqa: F811
    """A message handled while retention runs: retention waits for the conversation's lock, sees the
    new event and keeps the conversation (deleting it would have been undone by the turn's save)."""
    import asyncio

    import sqlalchemy as sa
    from rasa.core.lock_store import InMemoryLockStore
    from rasa.shared.core.events import UserUttered

    url = f"sqlite:///{tmp_path / 't.db'}"
    store = URLSQLTrackerStore(domain, url=url)
    for sender in ("web-busy", "web-idle"):
        run(store.save(conversation(domain, sender)))
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE events SET timestamp = :t"), {"t": time.time() - 200 * 86400})
    engine.dispose()
    locks = InMemoryLockStore()

    async def scenario():
        async with locks.lock("web-busy"):  # the Rasa server is handling a message of web-busy
            sweep = asyncio.ensure_future(store.delete_idle(180, lock_store=locks))
            for _ in range(200):  # until retention has dealt with web-idle and waits for web-busy
                await asyncio.sleep(0.01)
                if not rows(url, "web-idle"):
                    break
            assert not sweep.done()
            tracker = await store.retrieve("web-busy")
            tracker.update(UserUttered("hello again", {"name": "greet", "confidence": 1.0}))
            await store.save(tracker)
        return await sweep

    result = run(scenario())
    assert result["conversations"] == 1 and result["events"] > 0
    assert rows(url, "web-idle") == []
    assert "user" in rows(url, "web-busy") and len(rows(url, "web-busy")) > 6  # nothing lost, nothing revived


@pytest.mark.parametrize("bad", ["0", "-3", "many", "1e9"])
def test_retention_refuses_a_bad_period(bad, monkeypatch, capsys):
    monkeypatch.setenv(retention.RETENTION_ENV, bad)
    assert retention.main(["--db", "/nonexistent/never-created.db"]) == 2
    assert "RETENTION_DAYS" in capsys.readouterr().err


def test_retention_reports_an_unusable_database(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    target = tmp_path / "dir-not-file"
    target.mkdir()
    assert retention.main(["--db", str(target), "--days", "10"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: could not apply the retention period") and "Traceback" not in err


def emit(name, message, *args, text=None, exc=None):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    token = current_text.set(text)
    try:
        if exc:
            try:
                raise exc
            except Exception:
                logger.exception(message, *args)
        else:
            logger.debug(message, *args)
    finally:
        current_text.reset(token)
        logger.removeHandler(handler)
    return stream.getvalue()


def test_the_message_text_is_removed_from_any_line_at_any_level():
    log_privacy.install()
    text = "I am 47 and my IELTS is 8 7.5 7 6.5"
    out = emit("rasa.core.processor", "Received user message '%s' with intent 'inform'", text, text=text)
    assert text not in out and "[message text]" in out
    out = emit("any.logger", "failed", text=text, exc=ValueError(f"could not parse {text!r}"))
    assert "8 7.5 7 6.5" not in out and "ValueError" in out


def test_structlog_json_lines_lose_text_and_slot_values():
    log_privacy.install()
    line = json.dumps({"event": "rest.message.received.failure", "level": "error",
                       "text": "my secret answer", "slot_values": {"age": 47},
                       "parse_data_text": "x", "tracker_latest_message": {"text": "y"}})
    out = emit("rasa.core.channels.rest", line)
    data = json.loads(out)
    assert data["event"] == "rest.message.received.failure"
    assert data["text"] == data["slot_values"] == data["parse_data_text"] == "[redacted]"
    assert "47" not in out and "secret answer" not in out


def test_a_log_file_set_up_later_gets_scrubbed_lines_too(tmp_path):
    log_privacy.install()
    path = tmp_path / "rasa.log"
    handler = logging.FileHandler(path)  # like `rasa run --log-file`, no filter of ours on it
    root = logging.getLogger()
    root.addHandler(handler)
    token = current_text.set("passport ZX-4417")
    try:
        logging.getLogger("rasa.anything").warning("cannot read 'passport ZX-4417'")
    finally:
        current_text.reset(token)
        root.removeHandler(handler)
        handler.close()
    assert "ZX-4417" not in path.read_text()


def test_sqlite_overwrites_deleted_conversations(tmp_path, domain, monkeypatch):  # noqa: F811
    """secure_delete: the text of a deleted conversation is not left in the file's free pages."""
    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    path = tmp_path / "t.db"
    store = URLSQLTrackerStore(domain, url=f"sqlite:///{path}")
    tracker = conversation(domain, "web-gone")
    from rasa.shared.core.events import UserUttered

    tracker.update(UserUttered("my passport is QX9912-UNIQUE-MARK"))
    run(store.save(tracker))
    store.engine.dispose()
    assert b"QX9912-UNIQUE-MARK" in path.read_bytes()
    run(store.save(marked(domain, "web-gone")))
    assert erasure.pop_outcome("web-gone") is True
    store.engine.dispose()
    assert b"QX9912-UNIQUE-MARK" not in path.read_bytes()


def test_the_store_records_ended_ids_and_last_activity_for_every_server(tmp_path, domain, monkeypatch):  # noqa: F811
    from connectors import web_ids

    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    url = f"sqlite:///{tmp_path / 't.db'}"
    one, two = URLSQLTrackerStore(domain, url=url), URLSQLTrackerStore(domain, url=url)
    assert web_ids.sessions_of(one) is one
    before = time.time()
    run(one.save(conversation(domain, "web-x")))
    assert run(two.last_activity("web-x")) >= before - 1
    assert run(two.last_activity("web-none")) is None
    assert not run(two.sender_id_ended("web-x"))
    run(one.end_sender_id("web-x"))
    run(two.end_sender_id("web-x"))  # twice: no error
    assert run(two.sender_id_ended("web-x"))
    assert run(one.forget_ended_ids(time.time() + 1)) == 1 and not run(two.sender_id_ended("web-x"))


def test_an_http_body_quoted_in_an_error_is_not_logged(caplog):
    """Rasa's ClientResponseError quotes the action server's answer (body='...'), which can hold the tracker."""
    from rasa.utils.endpoints import ClientResponseError

    caplog.set_level(logging.DEBUG)
    body = json.dumps({"error": "x", "request_body": {"tracker": {"latest_message": {"text": "QX-4471 secret"},
                                                                   "slots": {"age": 63}}}})
    try:
        try:
            raise ClientResponseError(500, "Internal Server Error", body)
        except ClientResponseError as error:
            raise RuntimeError("Failed to execute custom action 'action_show_my_data'") from error
    except RuntimeError:
        logging.getLogger("rasa.core.processor").exception("Encountered an exception while running action")
    logging.getLogger("rasa.core.processor").error(
        json.dumps({"event": "x", "exc_value": f"500, Internal Server Error, body='{body}'"}))
    out = "\n".join(logging.Formatter().format(r) for r in caplog.records)
    assert "QX-4471" not in out and '"age": 63' not in out
    assert "body=[redacted]" in out and "Failed to execute custom action 'action_show_my_data'" in out


def test_a_failing_action_is_answered_and_logged_without_the_conversation(caplog):
    import asyncio
    from types import SimpleNamespace

    from actions import failures

    caplog.set_level(logging.DEBUG)
    tracker = {"latest_message": {"text": "my passport QX-8812"}, "slots": {"age": 63}}
    request = SimpleNamespace(json={"next_action": "action_show_my_data", "tracker": tracker})
    try:
        raise ValueError(f"cannot show {tracker}")
    except ValueError as error:
        answer = asyncio.new_event_loop().run_until_complete(failures.answer_failure(request, error))
    assert answer.status == 500
    assert json.loads(answer.body) == {"error": "the action failed (ValueError)", "action_name": "action_show_my_data"}
    out = "\n".join(logging.Formatter().format(r) for r in caplog.records)
    assert "action_show_my_data" in out and "ValueError" in out and "test_store_and_logs.py" in out
    assert "QX-8812" not in out and "'age': 63" not in out


def test_the_action_server_uses_that_answer_through_rasa_sdk_s_plugin_hook():
    from rasa_sdk.endpoint import create_app
    from rasa_sdk.plugin import plugin_manager
    from sanic import Sanic

    from actions import failures

    Sanic.test_mode = True
    app = create_app("tests.security.raising_actions")
    plugin_manager().hook.attach_sanic_app_extensions(app=app)  # what rasa_sdk.endpoint.run does
    assert app.error_handler.lookup(ValueError("x"), None) is failures.answer_failure
