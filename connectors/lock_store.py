"""The conversation lock store, chosen by the environment.

endpoints.yml::

    lock_store:
      type: connectors.lock_store.LockStoreFromEnv
      key_prefix: expressentry      # optional, alphanumeric
      # url: ${REDIS_URL}           # deploy/endpoints.yml: Redis required (an unset variable stops Rasa)

- ``REDIS_URL`` unset or empty (``make run``, ``make serve``, the tests' single server): Rasa's
  in-memory lock store, which is right for one server process and needs no service.
- ``REDIS_URL=redis://[:password@]host[:port][/db]`` (``rediss://`` for TLS): a Redis lock store
  shared by every Rasa server, so that the messages of one conversation are processed one at a
  time, in arrival order, whichever server receives them (and a "delete my data" cannot be undone
  by a save of the same conversation on another server).

Rasa's own :class:`~rasa.core.lock_store.RedisLockStore` updates a lock with separate GET and SET
calls: two servers issuing a ticket for the same conversation at the same instant can both read the
empty lock, both take ticket 0 and process their messages at the same time (interleaved events).
:class:`AtomicRedisLockStore` does every read-modify-write of a lock in one optimistic Redis
transaction (WATCH/MULTI/EXEC, retried on conflict), and lets the key expire with its last ticket so
that a server killed while holding a ticket leaves nothing behind once the ticket's lifetime is over.
"""
import json
import logging
import os
import time
from typing import Any, Callable, Optional, Text, Tuple
from urllib.parse import unquote, urlsplit

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockError, LockStore, RedisLockStore

logger = logging.getLogger(__name__)

REDIS_URL_ENV = "REDIS_URL"
_MAX_ATTEMPTS = 200


def redis_settings(url: Text) -> dict:
    """RedisLockStore keyword arguments from a ``redis://`` or ``rediss://`` URL."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise ValueError(f"{REDIS_URL_ENV} must look like redis://[:password@]host[:port][/db]")
    path = parts.path.strip("/")
    if path and not path.isdigit():
        raise ValueError(f"{REDIS_URL_ENV}: the database after the host must be a number")
    settings = {"host": parts.hostname, "port": parts.port or 6379, "db": int(path) if path else 1,
                "use_ssl": parts.scheme == "rediss"}
    if parts.username:
        settings["username"] = unquote(parts.username)
    if parts.password:
        settings["password"] = unquote(parts.password)
    return settings


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store with atomic ticket operations (safe with several servers)."""

    def _change(self, conversation_id: Text,
                change: Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], Any]]) -> Any:
        """Applies ``change`` to the stored lock in one transaction; returns its result.

        ``change`` gets the current lock (or None) and returns (lock to store or None to delete, result).
        """
        import redis

        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            for _ in range(_MAX_ATTEMPTS):
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    current = TicketLock.from_dict(json.loads(raw)) if raw else None
                    new, result = change(current)
                    pipe.multi()
                    if new is None or not new.tickets:
                        pipe.delete(key)
                    else:
                        # The key outlives its last ticket by a second, never longer.
                        ttl_ms = max(1, int((max(t.expires for t in new.tickets) - time.time() + 1) * 1000))
                        pipe.set(key, new.dumps(), px=ttl_ms)
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue
        raise LockError(f"Could not update the lock of a conversation after {_MAX_ATTEMPTS} attempts.")

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock):
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except LockError:
            raise
        except Exception as e:  # same contract as LockStore.issue_ticket
            raise LockError(f"Error while acquiring lock. Error:\n{e}")

    def update_lock(self, conversation_id: Text) -> None:
        def drop_expired(lock):
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        def finish(lock):
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        # finish_serving deletes the key when no ticket is left, in the same transaction: the
        # base class's separate "is someone waiting? then delete" could drop a ticket issued in between.
        self.finish_serving(conversation_id, ticket_number)


def lock_store_from_env(endpoint_config: Any = None, environ: Optional[dict] = None) -> LockStore:
    """The lock store for this process: Redis when ``REDIS_URL`` is set, in memory otherwise."""
    env = os.environ if environ is None else environ
    url = (env.get(REDIS_URL_ENV) or getattr(endpoint_config, "url", None) or "").strip()
    if not url:
        logger.info("Conversation locks are kept in memory (one server).")
        return InMemoryLockStore()
    extra = dict(getattr(endpoint_config, "kwargs", None) or {})
    allowed = {"key_prefix", "socket_timeout", "ssl_certfile", "ssl_keyfile", "ssl_ca_certs"}
    kwargs = {k: v for k, v in extra.items() if k in allowed}
    store = AtomicRedisLockStore(**redis_settings(url), **kwargs)
    store.red.ping()  # fail at start-up, not at the first message
    # Never log the URL: it may hold a password.
    logger.info("Conversation locks are kept in Redis (several servers may share conversations).")
    return store


class LockStoreFromEnv(LockStore):
    """``lock_store: type: connectors.lock_store.LockStoreFromEnv`` in endpoints.yml.

    Rasa instantiates the configured class with ``endpoint_config=``; this one returns the store
    :func:`lock_store_from_env` picks (an :class:`AtomicRedisLockStore` or an ``InMemoryLockStore``).
    """

    def __new__(cls, endpoint_config: Any = None, **_: Any) -> LockStore:  # type: ignore[misc]
        return lock_store_from_env(endpoint_config)
