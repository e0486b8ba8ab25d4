"""Session fixture: both Rasa servers on free loopback ports, a temporary SQLite tracker store."""
import pytest

from tests.e2e.servers import start_servers


@pytest.fixture(scope="session")
def servers():
    s = start_servers()
    try:
        yield s
    finally:
        s.stop()
