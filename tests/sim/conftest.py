"""One trained-model driver for every simulator test of the session: the agent and the action server take most of
a minute to start, and each conversation has its own sender id."""
import pytest


@pytest.fixture(scope="session")
def model_driver():
    from tests.sim.drivers import InProcessDriver

    driver = InProcessDriver()
    yield driver
    driver.stop()
