"""Shared test fixtures.

``postgres_url`` (session scope): a REAL temporary PostgreSQL server on 127.0.0.1, started from the
distribution's binaries (``/usr/lib/postgresql/*/bin``), with an empty database; yields a SQLAlchemy URL
(psycopg2 driver) and stops the server at the end.  If ``EE_TEST_POSTGRES_URL`` is set, that URL is used
instead and no server is started.  Missing binaries make the tests FAIL (never skip): install them with
``apt-get install postgresql``.

Use ``postgres_database`` for a fresh, empty database per test, or ``make_postgres_database()`` for more
(created on the same server, dropped at the end of the session).
"""
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid

import pytest

PG_ENV = "EE_TEST_POSTGRES_URL"
INSTALL_HINT = "install the PostgreSQL server: apt-get install postgresql"


def _pg_bindir() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if not found:
        on_path = shutil.which("initdb")
        if on_path and shutil.which("pg_ctl"):
            return os.path.dirname(on_path)
        pytest.fail(f"PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin: "
                    f"{INSTALL_HINT} (or set {PG_ENV} to a server's SQLAlchemy URL)", pytrace=False)
    return os.path.dirname(found[-1])


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_pg_user(cmd):
    """initdb and postgres refuse to run as root: run them as the 'postgres' user then."""
    if os.geteuid() != 0:
        return cmd
    try:
        import pwd

        pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail(f"running as root and there is no 'postgres' user to run the server: {INSTALL_HINT}",
                    pytrace=False)
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--"] + cmd
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{c}'" for c in cmd)]


def _run(cmd, what, log=None):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    if proc.returncode != 0:
        extra = ""
        if log and os.path.exists(log):
            with open(log, errors="replace") as fh:
                extra = "\nserver log:\n" + fh.read()[-3000:]
        pytest.fail(f"{what} failed (exit {proc.returncode}): {' '.join(cmd)}\n{proc.stdout}{extra}", pytrace=False)
    return proc


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
    bindir = _pg_bindir()
    # Under /tmp when root: the 'postgres' user must be able to reach the folder.
    base = tempfile.mkdtemp(prefix="ee-pg-", dir="/tmp" if os.geteuid() == 0 and os.path.isdir("/tmp") else None)
    os.chmod(base, 0o755)
    data = os.path.join(base, "data")
    sock = os.path.join(base, "sock")
    log = os.path.join(base, "server.log")
    os.mkdir(data, 0o700)
    os.mkdir(sock, 0o755)
    if os.geteuid() == 0:
        import pwd

        _as_pg_user(["true"])  # fails clearly when there is no 'postgres' user
        pw = pwd.getpwnam("postgres")
        for path in (base, data, sock):
            os.chown(path, pw.pw_uid, pw.pw_gid)
    started = False
    try:
        _run(_as_pg_user([os.path.join(bindir, "initdb"), "-D", data, "-U", "postgres", "--auth=trust",
                          "-E", "UTF8", "--locale=C", "--no-sync"]), "initdb")
        for _attempt in range(3):
            port = _free_port()
            opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {sock} -c fsync=off -c full_page_writes=off"
            proc = subprocess.run(_as_pg_user([os.path.join(bindir, "pg_ctl"), "-D", data, "-l", log, "-w",
                                               "-t", "60", "-o", opts, "start"]),
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
            if proc.returncode == 0:
                started = True
                break
            time.sleep(0.5)
        if not started:
            _run(["false"], "pg_ctl start (3 attempts)", log)
        root = f"postgresql+psycopg2://postgres@127.0.0.1:{port}"
        engine = _admin_connect(f"{root}/postgres")
        from sqlalchemy import text

        with engine.connect() as conn:
            conn.execute(text("CREATE DATABASE ee_test"))
        engine.dispose()
        yield f"{root}/ee_test", root
    finally:
        if started:
            subprocess.run(_as_pg_user([os.path.join(bindir, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop"]),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        shutil.rmtree(base, ignore_errors=True)


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
