"""actions/warm_up.py: the action server does the first assessment's one-off work when it starts (rasa_sdk imports
every module of the package), so the first person's result costs what the next ones do."""
import logging
import subprocess
import sys

from tests.e2e.servers import ROOT

FIRST_RESULT = """
import sys
from rasa_sdk.executor import ActionExecutor
ActionExecutor().register_package("actions")  # what `rasa run actions --actions actions` does at start
from actions import fields
from actions.actions import run_assessment
before = set(sys.modules)
run_assessment(fields.build_profile({"age": 41, "marital_status": "married", "spouse_canadian": False,
    "spouse_coming": True, "education": "masters", "education_recognized": True, "canadian_education": "none",
    "first_language_test": "celpip", "first_language_listening": 9, "first_language_reading": 9,
    "first_language_writing": 8, "first_language_speaking": 9, "first_language_date_unknown": True,
    "second_language_test": "none", "canadian_work_years": 0, "foreign_work_years": 3,
    "certificate_of_qualification": False, "provincial_nomination": False, "sibling_in_canada": True}))
print(sorted(m for m in set(sys.modules) - before if not m.startswith("encodings")))
"""


def _modules_imported_by_first_result(skip_warm_up: bool):
    code = FIRST_RESULT
    if skip_warm_up:  # the package registered as if warm_up.py were not there
        code = "import sys, types\nsys.modules['actions.warm_up'] = types.ModuleType('actions.warm_up')\n" + code
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return eval(out.stdout.strip().splitlines()[-1])  # the printed list of module names


def test_first_result_after_start_imports_nothing():
    assert _modules_imported_by_first_result(skip_warm_up=False) == []


def test_without_the_warm_up_the_first_result_imports_the_database_layer():
    assert any(m.startswith("sqlalchemy") for m in _modules_imported_by_first_result(skip_warm_up=True))


def test_a_failed_warm_up_is_logged_and_does_not_stop_the_server(monkeypatch, caplog):
    import actions.actions
    from actions import warm_up

    def broken(*args, **kwargs):
        raise RuntimeError("database unreachable")

    monkeypatch.setattr(actions.actions, "run_assessment", broken)
    with caplog.at_level(logging.WARNING, logger="actions.warm_up"):
        assert warm_up.warm_up() >= 0
    assert "warm-up did not complete" in caplog.text
