"""Fixtures for the scaled set-up: private Redis and PostgreSQL servers (scripts/local_services.py starts them)."""
import pytest

from scripts import local_services


def started(service):
    """``service`` started, or the test failed with the reason (how to install what is missing)."""
    try:
        return service.start()
    except local_services.ServiceError as e:
        pytest.fail(str(e), pytrace=False)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    server = started(local_services.Redis(tmp_path_factory.mktemp("redis")))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def redis_url(redis_server):
    return redis_server.url


@pytest.fixture(scope="module")
def postgres():
    server = started(local_services.Postgres(local_services.scratch_dir("ee-pg-test-")))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def deploy_tools():
    """check-jsonschema and kubernetes-validate in their own virtual environment (tests/scale/deploy_tools.py)."""
    from tests.scale.deploy_tools import tools_venv

    from tests.scale import deploy_tools as tools

    venv = tools_venv()
    tools.TIMES["schema checks: their virtual environment built"] = venv.seconds
    return venv


def pytest_terminal_summary(terminalreporter):
    """The time of the deploy checks (the Dockerfile replay, the schema tools), for `make test`'s output."""
    from tests.scale.deploy_tools import TIMES

    if TIMES:
        terminalreporter.write_sep("-", "deploy checks")
        for what, seconds in TIMES.items():
            terminalreporter.write_line(f"{what}: {seconds:.0f} s" + (" (reused)" if not seconds else ""))
