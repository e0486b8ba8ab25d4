"""`python -m express_entry assess` through a real subprocess."""
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = os.path.join(ROOT, ".venv", "bin", "python")
if not os.path.exists(PYTHON):
    PYTHON = sys.executable

GOLDEN = {"assessed_on": "2026-06-01", "age": 29, "marital_status": "single", "education": "bachelors",
          "foreign_work_years": 3,
          "first_language": {"test": "ielts", "listening": 8.5, "reading": 8, "writing": 7.5, "speaking": 7.5}}


def run(stdin, *args):
    return subprocess.run([PYTHON, "-m", "express_entry", "assess", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=60)


def test_one_profile():
    p = run(json.dumps(GOLDEN))
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["ruleset"] == "2025-03-25"
    assert out["crs"]["total"] == 441
    assert (out["crs"]["core"], out["crs"]["transferability"]) == (366, 75)
    assert set(out["programs"]) == {"cec", "fsw", "fst"}
    assert p.stderr == ""


def test_list_of_profiles():
    other = dict(GOLDEN, education="masters", foreign_work_years=0)
    p = run(json.dumps([GOLDEN, other]))
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert [a["crs"]["total"] for a in out] == [441, 110 + 135 + 136 + 50]


def test_table_format():
    p = run(json.dumps(GOLDEN), "--format", "table")
    assert p.returncode == 0, p.stderr
    assert "CRS 441" in p.stdout
    assert "transferability_education" in p.stdout and "25 / 50" in p.stdout
    assert "Federal Skilled Worker" in p.stdout


def test_help():
    p = run("", "--help")
    assert p.returncode == 0
    assert "standard input" in p.stdout and "exit status 2" in p.stdout.lower()


@pytest.mark.parametrize("stdin,needle", [
    ("{bad json", "not valid JSON"),
    ("", "nothing on standard input"),
    ("42", "neither an object nor a list"),
    ("[]", "empty"),
    ('{"age": -3}', "age: -3 is out of range; accepted: a whole number from 16 to 100"),
    ('{"age": "29"}', "age:"),
    ('{"first_language": {"test": "ielts", "listening": 12}}',
     "first_language.listening: 12 is not a valid IELTS General Training score; accepted: 0 to 9 in steps of 0.5"),
    ('{"first_language": {"test": "toefl"}}', "first_language.test"),
    ('{"shoe_size": 44}', "shoe_size: unknown field"),
    ('{"age": NaN}', "not valid JSON"),
])
def test_bad_input_exits_2_with_a_message(stdin, needle):
    p = run(stdin)
    assert p.returncode == 2
    assert p.stdout == ""
    assert needle in p.stderr
    assert "Traceback" not in p.stderr


def test_list_with_one_bad_item_assesses_nothing():
    p = run(json.dumps([GOLDEN, GOLDEN, {"age": 300}]))
    assert p.returncode == 2
    assert p.stdout == ""
    assert p.stderr.startswith("error: item 2: age:")
    assert "nothing was assessed" in p.stderr


def test_input_file(tmp_path):
    f = tmp_path / "p.json"
    f.write_text(json.dumps(GOLDEN))
    p = run("", "--input", str(f), "--compact")
    assert p.returncode == 0
    assert json.loads(p.stdout)["crs"]["total"] == 441
    assert p.stdout.count("\n") == 1


def test_unknown_option_exits_2():
    p = run(json.dumps(GOLDEN), "--colour")
    assert p.returncode == 2
