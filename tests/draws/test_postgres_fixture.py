"""The shared PostgreSQL fixture (tests/conftest.py): a real server, and a failure (never a skip) without one."""
import importlib.util
import os
from pathlib import Path

import pytest

CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"


def _load_conftest():
    spec = importlib.util.spec_from_file_location("ee_conftest_under_test", CONFTEST)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_missing_binaries_fail_with_the_install_hint(monkeypatch):
    conf = _load_conftest()
    monkeypatch.setattr(conf.glob, "glob", lambda pattern: [])
    monkeypatch.setattr(conf.shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception) as info:
        conf._pg_bindir()
    assert "apt-get install postgresql" in str(info.value)


@pytest.mark.postgres
def test_the_server_is_real_postgresql_on_loopback(postgres_url, postgres_database):
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    assert make_url(postgres_url).drivername == "postgresql+psycopg2"
    engine = create_engine(postgres_database, future=True)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("select version()")).scalar().startswith("PostgreSQL ")
            assert conn.execute(text("select current_database()")).scalar() == make_url(postgres_database).database
        if not os.environ.get("EE_TEST_POSTGRES_URL"):
            assert make_url(postgres_url).host == "127.0.0.1"
    finally:
        engine.dispose()
