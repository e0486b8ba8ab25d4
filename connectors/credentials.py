"""Build the credentials file the Rasa server starts with.

``credentials.yml`` holds the channels that need no secret and no internet
(REST, the web page).  ``credentials.channels.yml`` holds Telegram and
Slack, configured by environment variables.  This command copies
``credentials.yml`` and adds each live channel whose ``${VARIABLES}`` are all
set, keeping the ``${...}`` placeholders (secrets are never written to disk;
Rasa expands them when it reads the file)::

    .venv/bin/python -m connectors.credentials --out .rasa/credentials.yml
    rasa run --credentials .rasa/credentials.yml ...

It prints the path written and, on standard error, which channels were added
or skipped and which variables were missing.  Rasa's own channels that take the
conversation id from the caller or bypass this project's guarded handler
(:data:`NEVER_ADDED`: ``socketio``, ``rest``, ``callback``) are never added, whatever
the environment says.  Plain Python: no Rasa import.
"""
import argparse
import os
import re
import sys
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]
_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
NEVER_ADDED = ("socketio", "rest", "callback")
NOT_SUPPORTED = "NOT SUPPORTED: it bypasses the guarded handler (docs/channels.md)"


def sections(text: str) -> List[Tuple[str, str]]:
    """Top-level (key, block text) pairs of a simple YAML mapping, comments dropped."""
    out: List[Tuple[str, List[str]]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line[0].isspace():
            out.append((line.split(":", 1)[0].strip(), [line]))
        elif out:
            out[-1][1].append(line)
    return [(key, "\n".join(lines) + "\n") for key, lines in out]


def missing_variables(block: str, environ: Mapping[str, str]) -> List[str]:
    return sorted({v for v in _VAR.findall(block) if not environ.get(v, "").strip()})


def build(base: str, channels: str, environ: Optional[Mapping[str, str]] = None
          ) -> Tuple[str, Dict[str, List[str]]]:
    """(merged text, {channel: missing variables}); a channel is added when none is missing."""
    env = os.environ if environ is None else environ
    parts = [base.rstrip("\n") + "\n"]
    report: Dict[str, List[str]] = {}
    for key, block in sections(channels):
        if key in NEVER_ADDED:
            report[key] = [NOT_SUPPORTED]
            continue
        missing = missing_variables(block, env)
        report[key] = missing
        if not missing:
            parts.append("\n" + block)
    return "".join(parts), report


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m connectors.credentials", description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default=str(ROOT / "credentials.yml"))
    parser.add_argument("--channels", default=str(ROOT / "credentials.channels.yml"))
    parser.add_argument("--out", default=str(ROOT / ".rasa" / "credentials.yml"))
    args = parser.parse_args(argv)
    try:
        base = Path(args.base).read_text(encoding="utf-8")
        channels = Path(args.channels).read_text(encoding="utf-8")
    except OSError as error:
        print(f"error: cannot read {error.filename}: {error.strerror}", file=sys.stderr)
        return 2
    text, report = build(base, channels)
    for key, missing in report.items():
        if missing:
            print(f"{key}: not added (set {', '.join(missing)})", file=sys.stderr)
        else:
            print(f"{key}: added", file=sys.stderr)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
