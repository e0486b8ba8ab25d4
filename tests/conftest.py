"""Shared test fixtures.

``postgres_url`` (session scope): a REAL temporary PostgreSQL server on 127.0.0.1, started from the
distribution's binaries (``/usr/lib/postgresql/*/bin``), with an empty database; yields a SQLAlchemy URL
(psycopg2 driver) and stops the server at the end.  If ``EE_TEST_POSTGRES_URL`` is set, that URL is used
instead and no server is started.  Missing binaries make the tests FAIL (never skip): install them with
``apt-get install postgresql``.

Use ``postgres_database`` for a fresh, empty database per test, or ``make_postgres_database()`` for more
(created on the same server, dropped at the end of the session).
"""
import glob  # noqa: F401 (tests patch conftest.glob / conftest.shutil)
import os

# Library start-up noise out of the test output, here and in the servers the tests start (they inherit the
# environment): TensorFlow's cuda / TF-TRT / CPU-feature lines, SQLAlchemy 1.4's "MovedIn20Warning" banner.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
import shutil  # noqa: F401
import uuid

import pytest

from scripts import local_services

PG_ENV = "EE_TEST_POSTGRES_URL"
INSTALL_HINT = local_services.PG_INSTALL_HINT


def _pg_bindir() -> str:
    try:
        return local_services.pg_bindir()
    except local_services.ServiceError as e:
        pytest.fail(f"{e} (or set {PG_ENV} to a server's SQLAlchemy URL)", pytrace=False)


def _free_port() -> int:
    return local_services.free_port()


def _admin_connect(url: str):
    from sqlalchemy import create_engine

    return create_engine(url, future=True, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def postgres_server():
    """(admin URL, base URL without database) of a running PostgreSQL server."""
    env = os.environ.get(PG_ENV, "").strip()
    if env:
        yield env, None
        return
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        pytest.fail("the psycopg2 driver is missing: pip install psycopg2-binary", pytrace=False)
    _pg_bindir()
    server = None
    try:
        # The server itself is started by the code the scaled launcher uses too (scripts/local_services.py).
        server = local_services.Postgres().start()
        url = server.create_database("ee_test")
    except local_services.ServiceError as e:
        if server:
            server.stop()
        pytest.fail(str(e), pytrace=False)
    try:
        yield url, server.root_url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres_url(postgres_server):
    """SQLAlchemy URL (psycopg2) of a database on a real, temporary PostgreSQL server."""
    return postgres_server[0]


@pytest.fixture(scope="session")
def make_postgres_database(postgres_server):
    """A function returning the URL of a new, empty database on the test server (all dropped at the end).

    With EE_TEST_POSTGRES_URL set, new databases are created on that server if its user may create
    databases; otherwise the function returns that URL itself (callers then share one database).
    """
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    url, _root = postgres_server
    admin = _admin_connect(url)
    created = []
    can_create = [True]

    def make() -> str:
        if not can_create[0]:
            return url
        name = "t_" + uuid.uuid4().hex[:12]
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception:  # no CREATEDB right on an external server: share its database
            can_create[0] = False
            return url
        created.append(name)
        return make_url(url).set(database=name).render_as_string(hide_password=False)

    try:
        yield make
    finally:
        with admin.connect() as conn:
            for name in created:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_database(make_postgres_database):
    """The URL of a fresh, empty database for one test, on the test server."""
    return make_postgres_database()
