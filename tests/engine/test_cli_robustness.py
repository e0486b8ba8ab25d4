"""Every command ends bad input with `error: ...` and exit status 2, never a traceback: deeply nested JSON,
invalid UTF-8 on standard input, a database path that cannot be written."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(args, stdin=b""):
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-m", "express_entry", *args], input=stdin, capture_output=True,
                          cwd=ROOT, env=env, timeout=120)


def assert_clean_refusal(p, *needles):
    err = p.stderr.decode("utf-8", "replace")
    assert p.returncode == 2, err
    assert p.stdout == b""
    assert "Traceback" not in err and err.startswith("error: ")
    for n in needles:
        assert n in err, err


DEEP_LIST = b"[" * 100_000
DEEP_OBJECT = b'{"a":' * 5_000 + b"1" + b"}" * 5_000


@pytest.mark.parametrize("command", ["assess", "advise"])
@pytest.mark.parametrize("stdin", [DEEP_LIST, DEEP_OBJECT])
def test_deeply_nested_json_is_refused(command, stdin):
    assert_clean_refusal(run([command], stdin), "nested")


@pytest.mark.parametrize("command", ["assess", "advise"])
def test_invalid_utf8_on_stdin_is_refused(command):
    assert_clean_refusal(run([command], b'{"age": "\xff\xfe"}'), "UTF-8")


def test_a_nested_profile_field_is_refused_by_name():
    p = run(["assess"], b'{"age": ' + b"[" * 90 + b"]" * 90 + b"}")
    assert_clean_refusal(p, "age")


def test_a_deeply_nested_feed_is_refused(tmp_path):
    feed = tmp_path / "feed.json"
    feed.write_bytes(DEEP_LIST)
    assert_clean_refusal(run(["draws", "import", str(feed), "--db", f"sqlite:///{tmp_path / 'd.sqlite'}"]),
                         "nested")


@pytest.mark.parametrize("where", ["file", "proc"])
def test_an_unwritable_database_path_is_refused(tmp_path, where):
    if where == "file":  # a regular file where the folder should be
        (tmp_path / "afile").write_text("x")
        url = f"sqlite:///{tmp_path / 'afile' / 'draws.sqlite'}"
    else:  # a folder nobody can create files in, even root
        url = "sqlite:////proc/draws.sqlite"
    assert_clean_refusal(run(["draws", "info", "--db", url]), "db:")


def test_the_environment_variable_path_is_checked_too(tmp_path):
    (tmp_path / "afile").write_text("x")
    env = dict(os.environ, PYTHONPATH=ROOT, EXPRESS_ENTRY_DB_URL=f"sqlite:///{tmp_path / 'afile' / 'x.sqlite'}")
    p = subprocess.run([sys.executable, "-m", "express_entry", "draws", "latest"], capture_output=True, cwd=ROOT,
                       env=env, timeout=120)
    assert_clean_refusal(p, "db:")
