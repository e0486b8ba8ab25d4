"""`make scale`'s local services (scripts/local_services.py) are closed to other local users: PostgreSQL and
Redis refuse connections without their password, no secret is on a command line (`ps` shows those to
everyone), passwords are kept in owner-only files and directories, and logs are owner-only."""
import os
import pathlib
import stat

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from scripts import local_services


def mode(path):
    return stat.S_IMODE(pathlib.Path(path).stat().st_mode)


def command_lines(pid):
    """The command lines of ``pid`` and every process below it."""
    out = []
    for p in local_services.descendants(pid):
        try:
            out.append(open(f"/proc/{p}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace"))
        except (FileNotFoundError, ProcessLookupError):
            continue
    return out


def connects(url):
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT current_user")).scalar()
    except OperationalError:
        return None
    finally:
        engine.dispose()


def test_postgres_refuses_connections_without_the_password(postgres):
    app_url = postgres.create_app_database("rasa_app")
    assert connects(app_url) == "rasa"
    url = make_url(app_url)
    for user in ("rasa", "postgres"):
        for credentials in (user, f"{user}:wrong"):
            assert connects(f"postgresql+psycopg2://{credentials}@127.0.0.1:{url.port}/{url.database}") is None
    # nor through the Unix socket
    socket_url = f"postgresql+psycopg2://postgres@/postgres?host={postgres.sock}&port={postgres.port}"
    assert connects(socket_url) is None
    # the servers' role is not a superuser
    engine = create_engine(app_url, future=True)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar() is False
    engine.dispose()


def test_postgres_secrets_and_logs_are_owner_only(postgres):
    assert mode(postgres.secret_dir) == 0o700
    for f in postgres.secret_dir.iterdir():
        assert mode(f) == 0o600
    assert mode(postgres.log) == 0o600
    assert mode(postgres.base) & 0o077 in (0, 0o011)  # others may pass through (the postgres user), not list
    for line in command_lines(postgres.pid()):
        assert postgres.password not in line


def test_redis_refuses_commands_without_the_password(redis_server):
    assert redis_server.ask(b"PING")[0].startswith(b"-NOAUTH")
    assert redis_server.ask(b"AUTH wrong", b"GET x")[-1].startswith(b"-NOAUTH")
    assert redis_server.ask(b"AUTH " + redis_server.password.encode(), b"PING") == [b"+OK", b"+PONG"]
    assert f":{redis_server.password}@" in redis_server.url
    for line in command_lines(redis_server.proc.pid):
        assert redis_server.password not in line
    conf_dir = redis_server.base / "redis-secret"
    assert mode(conf_dir) == 0o700 and mode(conf_dir / "redis.conf") == 0o600
    assert mode(redis_server.proc.log) == 0o600


def test_logs_of_the_started_processes_are_owner_only(tmp_path):
    old = os.umask(0o022)
    try:
        proc = local_services.Proc("true", ["true"], tmp_path / "x.log")
        proc.popen.wait(10)
    finally:
        os.umask(old)
    assert mode(tmp_path / "x.log") == 0o600
