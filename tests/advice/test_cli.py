"""python -m express_entry advise: JSON out, readable table, what-if, exit status 2 on bad input."""
import io
import json
import os
import subprocess
import sys

import pytest

from express_entry.cli import advise as advice_cli
from tests.advice.helpers import BASE

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(argv, stdin, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = advice_cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_advice(monkeypatch, capsys):
    code, out, err = run([], json.dumps(BASE), monkeypatch, capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["ruleset"] == "2025-03-25" and data["total"] == 379
    for s in data["suggestions"]:
        assert {"change", "gain", "new_total", "effort", "note"} <= set(s)
    assert {"on", "change", "loss"} <= set(data["losses_ahead"][0])


def test_table(monkeypatch, capsys):
    code, out, _ = run(["--format", "table"], json.dumps(BASE), monkeypatch, capsys)
    assert code == 0
    assert "CRS score now: 379" in out
    assert "+600" in out and "979" in out
    assert "at your next birthday" in out


@pytest.mark.parametrize("argv", [["--what-if", '{"canadian_work_years": 1}'],
                                  ["what-if", '{"canadian_work_years": 1}']])
def test_what_if(argv, monkeypatch, capsys):
    code, out, err = run(argv, json.dumps(BASE), monkeypatch, capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["difference"]["total"] == 53 and data["after"]["total"] == 432


def test_what_if_table(monkeypatch, capsys):
    code, out, _ = run(["what-if", '{"canadian_work_years": 1}', "--format", "table"], json.dumps(BASE),
                       monkeypatch, capsys)
    assert code == 0
    assert "+53" in out and "transferability" in out


@pytest.mark.parametrize("argv,stdin,needles", [
    ([], "{not json", ["not valid JSON"]),
    ([], "", ["empty"]),
    ([], json.dumps([BASE, BASE]), ["ONE profile"]),
    ([], json.dumps({**BASE, "first_language": {"test": "ielts", "listening": 12, "reading": 7, "writing": 7,
                                                "speaking": 7}}), ["first_language.listening", "accepted"]),
    ([], json.dumps({**BASE, "age": -3}), ["age", "accepted"]),
    ([], json.dumps({**BASE, "first_language": {"test": "toefl"}}), ["first_language.test", "ielts"]),
    ([], json.dumps({**BASE, "favourite_colour": "blue"}), ["favourite_colour", "unknown field"]),
    (["--what-if", "{bad"], json.dumps(BASE), ["--what-if", "not valid JSON"]),
    (["--what-if", "[1]"], json.dumps(BASE), ["--what-if", "JSON object"]),
    (["--what-if", '{"education": "phd"}'], json.dumps(BASE), ["education", "doctoral"]),
    (["what-if"], json.dumps(BASE), ["what-if"]),
    (["--format", "xml"], json.dumps(BASE), ["--format"]),
    (["--nope"], json.dumps(BASE), ["--nope"]),
])
def test_bad_input_exits_2_with_the_field(argv, stdin, needles, monkeypatch, capsys):
    code, out, err = run(argv, stdin, monkeypatch, capsys)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    for n in needles:
        assert n in err, err


def test_help(monkeypatch, capsys):
    code, out, _ = run(["--help"], "", monkeypatch, capsys)
    assert code == 0
    assert "what-if" in out and "--format" in out


def test_through_the_dispatcher():
    proc = subprocess.run([sys.executable, "-m", "express_entry", "advise"], input=json.dumps(BASE),
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total"] == 379
    bad = subprocess.run([sys.executable, "-m", "express_entry", "advise"], input='{"age": "old"}',
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert bad.returncode == 2
    assert "age" in bad.stderr and "Traceback" not in bad.stderr


def test_input_file(tmp_path, monkeypatch, capsys):
    f = tmp_path / "profile.json"
    f.write_text(json.dumps(BASE), encoding="utf-8")
    code, out, _ = run(["--input", str(f)], "", monkeypatch, capsys)
    assert code == 0 and json.loads(out)["total"] == 379
    code, out, err = run(["--input", str(tmp_path / "missing.json")], "", monkeypatch, capsys)
    assert code == 2 and "--input" in err and out == ""
