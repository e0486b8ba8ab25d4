"""Fixtures for the scaled set-up: a private Redis server (scripts/local_services.py starts it)."""
import pytest

from scripts import local_services


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    try:
        server = local_services.Redis(tmp_path_factory.mktemp("redis")).start()
    except local_services.ServiceError as e:
        pytest.fail(str(e), pytrace=False)
    try:
        yield server.url
    finally:
        server.stop()
