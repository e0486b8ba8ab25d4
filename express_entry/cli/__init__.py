"""The command line: ``python -m express_entry assess|advise|draws|noc`` (one module per command, imported
only when it runs, so that ``assess`` never pays for SQLAlchemy or spaCy).

Shared input and output: :class:`CliError` (the one error type: a message for standard error and exit
status 2), :func:`read_input` (standard input or a file, UTF-8 checked), :func:`parse_json` (nesting and
non-standard constants refused), :func:`one_or_many` (one object or a list, every item checked before any is
computed), :func:`write_json`, and :func:`run`, which turns any CliError, and input
too deeply nested for Python, into ``error: ...`` and status 2, never a traceback.
"""
from __future__ import annotations

import json
import sys
from typing import Any, Callable, List, Optional

__all__ = ["CliError", "read_input", "parse_json", "one_or_many", "write_json", "run", "MAX_DEPTH"]

MAX_DEPTH = 100  # JSON nesting accepted on input: a profile needs 3 levels


class CliError(Exception):
    """Bad input or options: ``message`` goes to standard error, the command exits with ``status``."""

    def __init__(self, message: str, status: int = 2):
        super().__init__(message)
        self.message = message
        self.status = status


def read_input(path: str = "-") -> str:
    """The text of standard input (``-``) or of file ``path``; invalid UTF-8 is a CliError."""
    where = "input" if path == "-" else f"--input {path}"
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream (tests replace stdin with a StringIO)
            return sys.stdin.read()
        data = stream.read()
    else:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise CliError(f"--input: cannot read {path!r} ({exc.strerror}); accepted: a readable JSON file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(f"{where}: not valid UTF-8 (byte {exc.start}); accepted: JSON text in UTF-8")


def _depth(text: str) -> int:
    """The deepest nesting of brackets outside strings."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif ch in "]}":
            depth -= 1
    return deepest


def _reject_constant(name):
    raise ValueError(f"{name} is not a valid JSON number")


def parse_json(text: str, where: str, accepted: str) -> Any:
    """The JSON value of ``text``; empty input, invalid JSON, NaN/Infinity and nesting deeper than MAX_DEPTH
    are CliErrors naming ``where`` and what is ``accepted``."""
    if not text.strip():
        raise CliError(f"{where}: empty, nothing " + ("on standard input" if where == "input" else "given")
                       + f"; accepted: {accepted}")
    if _depth(text) > MAX_DEPTH:
        raise CliError(f"{where}: nested more than {MAX_DEPTH} levels deep; accepted: {accepted}")
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except ValueError as exc:
        detail = f"line {exc.lineno}, column {exc.colno}: {exc.msg}" if hasattr(exc, "lineno") else str(exc)
        raise CliError(f"{where}: not valid JSON ({detail}); accepted: {accepted}")


def one_or_many(data: Any, validate: Callable[[Any], Any], compute: Callable[[Any], Any], accepted: str,
                errors: type, nothing_done: str) -> Any:
    """``compute(validate(x))`` for one JSON object, or a list of the results for a non-empty list of them. Every
    item of a list is validated before any is computed: the first bad one (an ``errors`` exception) refuses the
    whole list, named by its index. Anything else is a CliError naming what is ``accepted``."""
    if isinstance(data, list):
        if not data:
            raise CliError(f"input: the list is empty; accepted: {accepted}")
        checked = []
        for i, item in enumerate(data):
            try:
                checked.append(validate(item))
            except errors as exc:
                raise CliError(f"item {i}: {exc}; {nothing_done}")
        return [compute(c) for c in checked]
    if isinstance(data, dict):
        try:
            return compute(validate(data))
        except errors as exc:
            raise CliError(str(exc))
    raise CliError(f"input: a JSON value that is neither an object nor a list; accepted: {accepted}")


def write_json(obj: Any, compact: bool = False) -> None:
    json.dump(obj, sys.stdout, indent=None if compact else 2, ensure_ascii=False)
    sys.stdout.write("\n")


def run(body: Callable[[], Optional[int]]) -> int:
    """Run a command's body: a CliError (or input too deep for Python) ends with ``error: ...`` and status 2."""
    try:
        return int(body() or 0)
    except CliError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return exc.status
    except RecursionError:
        print(f"error: input: nested too deeply; accepted: JSON nested at most {MAX_DEPTH} levels", file=sys.stderr)
        return 2


def argv_of(argv: Optional[List[str]]) -> List[str]:
    return list(sys.argv[1:] if argv is None else argv)
