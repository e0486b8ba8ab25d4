"""The `python -m express_entry` dispatcher: unknown commands and a reader that goes away."""
import subprocess
import sys

PROFILE = b'{"age": 29, "marital_status": "single", "education": "bachelors"}'
MANY = b"[" + b",".join([PROFILE] * 2000) + b"]"  # megabytes of output: far more than a pipe holds


def run(args, stdin=b""):
    return subprocess.run([sys.executable, "-m", "express_entry", *args], input=stdin, capture_output=True)


def test_unknown_command_exits_2_and_lists_the_commands():
    r = run(["bogus"])
    assert r.returncode == 2
    assert b"unknown command 'bogus'" in r.stderr and b"assess" in r.stderr


def test_a_closed_pipe_is_not_a_crash():
    # `... | head -1`: the reader closes after the first line.
    p = subprocess.Popen(f"{sys.executable} -m express_entry assess | head -c 100",
                         shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = p.communicate(MANY)
    assert out.strip()
    assert b"Traceback" not in err and b"BrokenPipe" not in err
