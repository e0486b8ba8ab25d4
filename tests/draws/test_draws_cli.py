"""``python -m express_entry draws``: exit codes, messages, JSON and table output, URL import."""
import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from express_entry.draws import db as dbmod
from express_entry.cli.draws import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "express_entry" / "data" / "draws" / "ee_rounds_123_en.json"


@pytest.fixture
def db_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    yield url
    dbmod.close(url)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def count_rounds(url):
    from sqlalchemy import func, select

    from express_entry.draws.models import Round

    with dbmod.session(dbmod.get_engine(url)) as s:
        return s.execute(select(func.count()).select_from(Round)).scalar_one()


def test_queries_work_out_of_the_box_with_the_seed(capsys, db_url):
    code, out, err = run(capsys, "info", "--db", db_url)
    assert code == 0, err
    data = json.loads(out)["data"]
    assert (data["latest_round_date"], data["distribution_as_on"]) == ("2026-08-19", "2026-08-16")
    assert count_rounds(db_url) == 438


def test_import_then_reimport(capsys, db_url, tmp_path):
    older = json.loads(SEED.read_text())
    newest = older["rounds"][:2]
    del older["rounds"][:2]
    path = tmp_path / "older.json"
    path.write_text(json.dumps(older))
    # The seed is loaded first (first use), so importing an older feed changes nothing.
    code, out, _ = run(capsys, "import", str(path), "--db", db_url)
    assert code == 0
    result = json.loads(out)
    assert (result["added"], result["updated"], result["unchanged"]) == (0, 0, 436)
    # A feed with a newer round adds it.
    newer = {"classes": "wb-tables", "rounds": [dict(newest[0], drawNumber="438", drawDate="2026-08-20")] + newest}
    path2 = tmp_path / "newer.json"
    path2.write_text(json.dumps(newer))
    code, out, _ = run(capsys, "import", str(path2), "--db", db_url, "--format", "table")
    assert code == 0
    assert "1 added, 0 updated, 2 unchanged; 439 rounds in the database" in out
    assert "latest round #438 on 2026-08-20" in out
    code, out, _ = run(capsys, "import", str(path2), "--db", db_url)
    assert json.loads(out)["unchanged"] == 3 and json.loads(out)["added"] == 0


def test_bad_file_is_refused_with_exit_2_and_nothing_changes(capsys, db_url, tmp_path):
    run(capsys, "info", "--db", db_url)
    data = json.loads(SEED.read_text())
    data["rounds"].insert(0, dict(data["rounds"][0], drawNumber="438", drawDate="2026-08-20"))
    data["rounds"][2]["drawCRS"] = "52 3"  # round 436
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    code, out, err = run(capsys, "import", str(path), "--db", db_url)
    assert code == 2
    assert out == ""
    assert "the database was not changed" in err
    assert "round 436, field 'drawCRS'" in err and "'52 3'" in err
    assert "Traceback" not in err
    assert count_rounds(db_url) == 438  # round 438 was not added


@pytest.mark.parametrize("content, words", [
    (b'{"rounds": [', "not valid JSON"),
    (b'{"data": []}', "not IRCC's rounds feed"),
    (b"", "not valid JSON"),
])
def test_broken_files(capsys, db_url, tmp_path, content, words):
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    code, _, err = run(capsys, "import", str(path), "--db", db_url)
    assert code == 2 and words in err


def test_missing_file_and_bad_scheme(capsys, db_url, tmp_path):
    code, _, err = run(capsys, "import", str(tmp_path / "nope.json"), "--db", db_url)
    assert code == 2 and "no such file" in err
    code, _, err = run(capsys, "import", "ftp://example.invalid/feed.json", "--db", db_url)
    assert code == 2 and "only local files and http(s) URLs" in err


@pytest.fixture
def http_server(tmp_path):
    """A loopback HTTP server serving tmp_path/www."""
    www = tmp_path / "www"
    www.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(www))

    class Quiet(handler.func):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(www)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield www, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_import_from_a_url(capsys, db_url, http_server):
    www, base = http_server
    data = json.loads(SEED.read_text())
    data["rounds"][0]["drawCRS"] = "381"  # a correction of #437 published later
    (www / "ee_rounds_123_en.json").write_text(json.dumps(data))
    code, out, err = run(capsys, "import", f"{base}/ee_rounds_123_en.json", "--db", db_url)
    assert code == 0, err
    result = json.loads(out)
    assert (result["added"], result["updated"], result["unchanged"]) == (0, 1, 437)
    code, _, err = run(capsys, "import", f"{base}/missing.json", "--db", db_url)
    assert code == 2 and "HTTP 404" in err and "not changed" in err


def test_table_and_json_answers_state_the_data_date(capsys, db_url):
    code, out, _ = run(capsys, "pool", "480", "--db", db_url, "--format", "table")
    assert code == 0
    assert "Candidates with a higher score: 45,077 (exact)" in out
    assert "165,156 to 181,782" in out
    assert "pool distribution as on 2026-08-16" in out
    code, out, _ = run(capsys, "summary", "480", "--db", db_url, "--format", "table")
    assert code == 0
    assert "cec" in out and "latest round #437 on 2026-08-19" in out
    for cmd in (["latest"], ["lowest"], ["met", "480"], ["pool", "480"], ["summary", "480"], ["types"]):
        code, out, _ = run(capsys, *cmd, "--db", db_url)
        assert code == 0
        result = json.loads(out)
        assert result["data"]["latest_round_date"] == "2026-08-19", cmd
        assert result["data"]["distribution_as_on"] == "2026-08-16", cmd


def test_latest_and_lowest_options(capsys, db_url):
    code, out, _ = run(capsys, "latest", "--type", "cec", "--count", "3", "--db", db_url)
    rounds = json.loads(out)["types"][0]["rounds"]
    assert [(r["number"], r["cutoff_crs"]) for r in rounds] == [("436", 523), ("432", 516), ("428", 516)]
    code, out, _ = run(capsys, "lowest", "--from", "2026-01-01", "--to", "2026-06-30", "--type", "french",
                       "--db", db_url, "--format", "table")
    assert code == 0 and "393" in out and "#405 2026-03-18" in out


@pytest.mark.parametrize("argv, code_, words", [
    (["pool", "abc"], 2, "score: 'abc' is not a CRS score (accepted: a whole number from 0 to 1200)"),
    (["pool", "1201"], 2, "score: 1201"),
    (["met", "480", "--from", "2026-02-30"], 2, "from: '2026-02-30' is not a date"),
    (["latest", "--type", "astronauts"], 2, "type: unknown round type 'astronauts' (accepted: "),
    (["latest", "--count", "0"], 2, "0 is too small"),
    (["pool"], 2, "the following arguments are required: SCORE"),
    (["fly"], 2, "invalid choice: 'fly'"),
    ([], 2, "required"),
])
def test_bad_input_exits_2_with_a_clear_message(capsys, db_url, argv, code_, words):
    code, out, err = run(capsys, *argv, "--db", db_url) if argv and argv[0] != "fly" else run(capsys, *argv)
    assert code == code_
    assert words in err
    assert "Traceback" not in err


def test_bad_database_url(capsys):
    code, _, err = run(capsys, "info", "--db", "not a url")
    assert code == 2 and "db: 'not a url' is not a database URL" in err
    code, _, err = run(capsys, "info", "--db", "nosuchdialect://x/y")
    assert code == 2 and "db: cannot use" in err


def test_unreachable_database_exits_1(capsys):
    # A loopback port with nothing listening.
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, _, err = run(capsys, "info", "--db", f"postgresql+psycopg2://nobody@127.0.0.1:{port}/x")
    assert code == 1 and "database problem" in err and "Traceback" not in err


def test_help(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "import" in out and "EXPRESS_ENTRY_DB_URL" in out


def test_python_m_express_entry_draws(tmp_path):
    """Through the project's dispatcher, in a fresh process, database chosen by the environment variable."""
    env = dict(os.environ, EXPRESS_ENTRY_DB_URL=f"sqlite:///{tmp_path / 'env.sqlite'}")
    proc = subprocess.run([sys.executable, "-m", "express_entry", "draws", "met", "500", "--months", "2",
                           "--type", "cec"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["types"][0]["rounds_met"] == 0  # CEC cut-offs 516-523 since 2026-06-20
    assert (tmp_path / "env.sqlite").is_file()
    proc = subprocess.run([sys.executable, "-m", "express_entry", "draws", "pool", "-3"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2


def test_importing_the_package_is_cheap():
    code = ("import sys, express_entry, express_entry.draws as d; "
            "assert d.classify('Canadian Experience Class').id == 'cec'; "
            "print(sorted(m for m in ('sqlalchemy', 'psycopg2') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_public_api_summary_for_score(tmp_path):
    from express_entry import draws

    url = f"sqlite:///{tmp_path / 'api.sqlite'}"
    try:
        s = draws.summary_for_score(520, db=url)
        assert s["data"]["latest_round_date"] == "2026-08-19"
        cec = next(x for x in s["by_type"] if x["type"] == "cec")
        assert (cec["latest_round"]["cutoff_crs"], cec["met_latest"]) == (523, False)
        assert cec["rounds_met"] > 0  # e.g. 516 on 2026-08-05
        with pytest.raises(draws.QueryError):
            draws.summary_for_score(1500, db=url)
        assert issubclass(draws.QueryError, ValueError) and issubclass(draws.FeedError, ValueError)
    finally:
        dbmod.close(url)


def test_summary_text_is_plain_and_dated(tmp_path):
    from express_entry import draws

    url = f"sqlite:///{tmp_path / 'text.sqlite'}"
    try:
        text = draws.summary_text(draws.summary_for_score(480, db=url))
        assert text.startswith("Rounds of invitations up to August 19, 2026, pool as on August 16, 2026:")
        assert "- Canadian Experience Class: latest cut-off 523 on August 18, 2026; your 480 is below it." in text
        assert "- French-language proficiency: latest cut-off 382 on August 19, 2026; your 480 meets it." in text
        assert "600 nomination points" in text
        assert "45,077 of 226,859 candidates (19.87%) had a higher score than 480." in text
        text = draws.summary_text(draws.summary_for_score(455, db=url))
        assert "between 77,836 and 92,650 of 226,859 candidates" in text  # 451-460 holds 14,814
        assert "range 451-460" in text
    finally:
        dbmod.close(url)


def test_bad_file_into_a_new_database_creates_nothing(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    path = tmp_path / "bad.json"
    path.write_text('{"rounds": [{"drawNumber": "1"}]}')
    code, _, err = run(capsys, "import", str(path), "--db", url)
    assert code == 2 and "round 1, field 'drawDate': is missing" in err
    assert not (tmp_path / "new.sqlite").exists()


@pytest.mark.postgres
def test_cli_on_postgresql(capsys, postgres_database, tmp_path):
    try:
        code, out, err = run(capsys, "pool", "480", "--db", postgres_database)
        assert code == 0, err
        assert json.loads(out)["position"]["candidates_higher"]["at_least"] == 45077
        data = json.loads(SEED.read_text())
        data["rounds"][0]["dd1"] = "x"
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(data))
        code, _, err = run(capsys, "import", str(path), "--db", postgres_database)
        assert code == 2 and "round 437, field 'dd1'" in err
        code, out, _ = run(capsys, "import", str(SEED), "--db", postgres_database)
        assert code == 0 and json.loads(out)["unchanged"] == 438
    finally:
        dbmod.close(postgres_database)


def test_concurrent_first_use_loads_the_seed_once(tmp_path):
    """Several processes (e.g. the action server and the CLI) opening a new database at the same time."""
    url = f"sqlite:///{tmp_path / 'race.sqlite'}"
    code = ("import sys; from express_entry import draws; "
            "print(draws.data_info(db=sys.argv[1])['latest_round_date'])")
    procs = [subprocess.Popen([sys.executable, "-c", code, url], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [o[1][-500:] for o in outs]
    assert [o[0].strip() for o in outs] == ["2026-08-19"] * 3
    assert count_rounds(url) == 438
    dbmod.close(url)
