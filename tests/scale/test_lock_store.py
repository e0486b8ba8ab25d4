"""The lock store chosen by REDIS_URL (connectors/lock_store.py), against a real redis-server."""
import asyncio
import threading
import time
import uuid

import pytest
from rasa.core.lock_store import InMemoryLockStore, LockStore
from rasa.core.utils import read_endpoints_from_path

from connectors.lock_store import AtomicRedisLockStore, lock_store_from_env, redis_settings
from scripts.local_services import ROOT


def test_without_redis_url_the_lock_store_is_in_memory(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    endpoints = read_endpoints_from_path(str(ROOT / "endpoints.yml"))
    assert isinstance(LockStore.create(endpoints.lock_store), InMemoryLockStore)
    assert isinstance(lock_store_from_env(environ={"REDIS_URL": "  "}), InMemoryLockStore)


def test_with_redis_url_the_repository_endpoints_give_the_atomic_redis_store(monkeypatch, redis_url):
    monkeypatch.setenv("REDIS_URL", redis_url)
    endpoints = read_endpoints_from_path(str(ROOT / "endpoints.yml"))
    store = LockStore.create(endpoints.lock_store)
    assert isinstance(store, AtomicRedisLockStore)
    assert store.key_prefix == "expressentry:lock:"
    assert store.red.connection_pool.connection_kwargs["db"] == 1


def test_redis_urls_are_read_and_bad_ones_refused():
    assert redis_settings("redis://:s%40cret@cache.internal:6380/3") == {
        "host": "cache.internal", "port": 6380, "db": 3, "use_ssl": False, "password": "s@cret"}
    assert redis_settings("rediss://user:pw@r")["use_ssl"] is True
    assert redis_settings("redis://r")["db"] == 1 and redis_settings("redis://r")["port"] == 6379
    for bad in ("localhost:6379", "http://r:6379", "redis://r/cache", "redis://"):
        with pytest.raises(ValueError, match="REDIS_URL"):
            redis_settings(bad)


def _stores(redis_url, n):
    """n independent stores: as n Rasa servers each have their own connection."""
    return [lock_store_from_env(environ={"REDIS_URL": redis_url}) for _ in range(n)]


def test_tickets_issued_at_the_same_instant_by_several_servers_are_all_different(redis_url):
    stores = _stores(redis_url, 8)
    cid = "c-" + uuid.uuid4().hex
    barrier = threading.Barrier(len(stores))
    got = []

    def issue(store):
        barrier.wait()
        for _ in range(25):
            got.append(store.issue_ticket(cid, 60))

    threads = [threading.Thread(target=issue, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == list(range(len(stores) * 25))  # none lost, none given twice
    assert [t.number for t in stores[0].get_lock(cid).tickets] == list(range(len(stores) * 25))


def test_a_conversation_is_served_by_one_server_at_a_time_in_ticket_order(redis_url):
    stores = _stores(redis_url, 4)
    cid = "c-" + uuid.uuid4().hex
    log, barrier = [], threading.Barrier(len(stores) * 2)

    def serve(store, name):
        async def run():
            barrier.wait()
            async with store.lock(cid, lock_lifetime=30, wait_time_in_seconds=0.01):
                log.append(("start", name))
                await asyncio.sleep(0.02)
                log.append(("end", name))
        asyncio.run(run())

    threads = [threading.Thread(target=serve, args=(s, f"{i}-{j}")) for i, s in enumerate(stores) for j in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(log) == 2 * len(threads)
    for k in range(0, len(log), 2):  # start/end pairs never interleave
        assert log[k][0] == "start" and log[k + 1] == ("end", log[k][1]), log
    assert stores[0].get_lock(cid) is None  # the last one out removed the lock


def test_a_crashed_servers_ticket_expires_and_the_key_goes_with_it(redis_url):
    store, other = _stores(redis_url, 2)
    cid = "c-" + uuid.uuid4().hex
    store.issue_ticket(cid, 0.5)  # its server dies before finishing: no cleanup

    async def next_message():
        async with other.lock(cid, lock_lifetime=30, wait_time_in_seconds=0.05) as lock:
            return lock.now_serving

    started = time.time()
    assert asyncio.run(next_message()) == 1
    assert 0.3 < time.time() - started < 10
    assert other.red.get(other.key_prefix + cid) is None  # cleaned up after serving

    store.issue_ticket(cid, 0.3)
    assert 0 < other.red.pttl(other.key_prefix + cid) <= 1300


def test_the_scaled_endpoints_require_postgresql_and_redis_and_read_them_from_the_environment(monkeypatch, redis_url):
    path = str(ROOT / "deploy" / "endpoints.yml")
    for name in ("ACTION_ENDPOINT_URL", "TRACKER_STORE_URL", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(Exception, match="REDIS_URL|ACTION_ENDPOINT_URL|TRACKER_STORE_URL"):
        read_endpoints_from_path(path)
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://127.0.0.1:1/webhook")
    monkeypatch.setenv("TRACKER_STORE_URL", "postgresql://u:p@db:5432/rasa")
    monkeypatch.setenv("REDIS_URL", redis_url)
    endpoints = read_endpoints_from_path(path)
    assert endpoints.action.url == "http://127.0.0.1:1/webhook"
    assert endpoints.tracker_store.url == "postgresql://u:p@db:5432/rasa"
    assert isinstance(LockStore.create(endpoints.lock_store), AtomicRedisLockStore)
    monkeypatch.delenv("REDIS_URL")  # the endpoint's url alone is enough
    assert isinstance(LockStore.create(endpoints.lock_store), AtomicRedisLockStore)
