import pytest


@pytest.fixture(scope="session")
def live(request):
    """The real servers (tests/channels/live.py), shared with the channel, privacy and web tests."""
    from tests.channels.live import shared_live

    return shared_live("sqlite", request)
