"""``python -m express_entry noc``: JSON output, readable tables, exit codes."""
import json
import subprocess
import sys

import pytest

from express_entry.cli.noc import main


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_find_json(capsys):
    code, out, err = run(["find", "registered nurse", "--limit", "3"], capsys)
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["query"] == "registered nurse"
    assert data["results"][0]["code"] == "31301"
    assert len(data["results"]) <= 3
    assert data["noc_version"] == "NOC 2021 Version 1.0"


def test_find_words_without_quotes_and_french(capsys):
    code, out, _ = run(["find", "chauffeur", "de", "camion"], capsys)
    assert code == 0 and json.loads(out)["results"][0]["code"] == "73300"
    code, out, _ = run(["find", "infirmière"], capsys)
    assert json.loads(out)["results"][0]["code"] == "31301"


def test_find_table(capsys):
    code, out, _ = run(["find", "truck driver", "--format", "table"], capsys)
    assert code == 0
    assert "73300" in out and "Transport truck drivers" in out and "TEER 3" in out


def test_find_nothing_is_not_an_error(capsys):
    code, out, _ = run(["find", "qqqqzzzz"], capsys)
    assert code == 0 and json.loads(out)["results"] == []
    code, out, _ = run(["find", "qqqqzzzz", "--format", "table"], capsys)
    assert code == 0 and "No NOC 2021 occupation matched" in out


def test_show(capsys):
    code, out, _ = run(["show", "63201"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["code"] == "63201" and data["teer"] == 3
    assert data["title_en"] == "Butchers - retail and wholesale"
    assert {(c["id"], c["year"]) for c in data["category_lists"]} == {("agriculture-agri-food-2025", 2025),
                                                                      ("trades-2026", 2026)}
    code, out, _ = run(["show", "21231", "--format", "table"], capsys)
    assert code == 0 and "Software engineers and designers" in out and "TEER 1" in out


def test_categories_json(capsys):
    code, out, _ = run(["categories", "--noc", "31301", "--months", "14", "--french-nclc", "7,7,7,7",
                        "--on", "2026-11-28"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["year"] == 2026
    assert set(data["fits"]) == {"healthcare-social-services-2026", "french-2026"}


def test_categories_year_2025_and_named_levels(capsys):
    code, out, _ = run(["categories", "--noc", "63200", "--months", "6", "--year", "2025",
                        "--french-nclc", "speaking=7,listening=7,reading=7,writing=6"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["year"] == 2025 and data["fits"] == ["trades-2025"]


def test_categories_year_with_a_date(capsys):
    code, out, _ = run(["categories", "--year", "2025", "--on", "2026-11-28", "--noc", "63200", "--months", "6"],
                       capsys)
    assert code == 0
    data = json.loads(out)
    assert data["year"] == 2025 and data["on"] == "2026-11-28" and data["fits"] == ["trades-2025"]


def test_categories_table(capsys):
    code, out, _ = run(["categories", "--noc", "31102", "--months", "20", "--canadian-months", "6",
                        "--on", "2026-11-28", "--format", "table"], capsys)
    assert code == 0
    assert "2026 lists" in out and "PARTLY" in out and "6 more months" in out
    assert "canada.ca" in out


@pytest.mark.parametrize("argv, field", [
    (["show", "2123"], "noc_code"),
    (["show", "99999"], "noc_code"),
    (["categories", "--noc", "abc"], "noc_code"),
    (["categories", "--months", "x"], "work_months"),
    (["categories", "--months", "40"], "work_months"),
    (["categories", "--canadian-months", "-2"], "canadian_work_months"),
    (["categories", "--french-nclc", "7,7"], "french_nclc"),
    (["categories", "--french-nclc", "seven"], "french_nclc"),
    (["categories", "--french-nclc", "talking=7"], "french_nclc.talking"),
    (["categories", "--year", "2024"], "year"),
    (["categories", "--year", "next"], "year"),
    (["categories", "--on", "2024-01-01"], "on"),
    (["categories", "--on", "28/11/2026"], "on"),
    (["find", "x", "--limit", "0"], "limit"),
    (["find", "   "], "title"),
])
def test_bad_input_exit_2_with_field(argv, field, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    assert err.startswith(f"error: {field}:") and "accepted:" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("argv", [["bogus"], ["find"], ["categories", "--noc"], ["categories", "--colour", "red"],
                                  ["show"], ["find", "cook", "--format", "xml"], ["find", "cook", "--limit", "x"]])
def test_usage_errors_exit_2(argv, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2 and err.startswith("error:")


def test_help_exits_0(capsys):
    assert main([]) == 0
    assert main(["--help"]) == 0
    assert main(["find", "--help"]) == 0
    assert "categories" in capsys.readouterr().out


def test_through_python_dash_m():
    proc = subprocess.run([sys.executable, "-m", "express_entry", "noc", "find", "cook", "--limit", "1"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["results"][0]["code"] == "63200"
    proc = subprocess.run([sys.executable, "-m", "express_entry", "noc", "show", "1234"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "noc_code" in proc.stderr and "Traceback" not in proc.stderr
