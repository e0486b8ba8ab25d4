"""Live servers (tests/channels/live.py): one set per tracker-store backend per test run."""
import pytest

from tests.channels.live import shared_live


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def live(request):
    return shared_live(request.param, request)


@pytest.fixture(scope="session")
def live_sqlite(request):
    return shared_live("sqlite", request)
