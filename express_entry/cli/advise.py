"""``python -m express_entry advise``: suggestions that raise a CRS score, losses ahead, what-ifs.

Reads ONE profile (a JSON object, PROFILE.md) on standard input (or ``--input FILE``) and writes the
advice format of PROFILE.md ("Advice (output)") as JSON, or a readable table with ``--format table``.

    python -m express_entry advise < profile.json
    python -m express_entry advise --format table < profile.json
    python -m express_entry advise --what-if '{"canadian_work_years": 2}' < profile.json
    python -m express_entry advise what-if '{"canadian_work_years": 2}' < profile.json

Exit status: 0 on success; 2 for bad input (malformed JSON, a list instead of one profile, a field the
engine refuses — the message names the field and the accepted values) or bad options.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import List, Optional

from . import CliError, parse_json, read_input, run

DESCRIPTION = ("Suggestions that would raise a CRS score, ranked by points gained, and the losses ahead "
               "(next birthday, expiring test results, the CEC window). Reads one profile (JSON, see "
               "PROFILE.md) on standard input.")
EPILOG = """examples:
  python -m express_entry advise < profile.json
  python -m express_entry advise --format table < profile.json
  python -m express_entry advise --what-if '{"canadian_work_years": 2}' < profile.json
  python -m express_entry advise what-if '{"first_language": {"test": "ielts", "listening": 8.5,
      "reading": 8, "writing": 7.5, "speaking": 7.5}}' < profile.json

A change is a partial profile: its fields replace the profile's, nested objects (a language result)
replaced whole. Exit status 2 on bad input, with the field and the accepted values."""


_UsageError = CliError
_PROFILE = "one JSON object of profile fields (see PROFILE.md)"


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # exit 2 with our own wording, never a traceback
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m express_entry advise", description=DESCRIPTION, epilog=EPILOG,
                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", nargs="?", choices=["what-if"], help="'what-if CHANGE': the difference a change makes")
    p.add_argument("change_arg", nargs="?", metavar="CHANGE", help="the change (JSON object), after 'what-if'")
    p.add_argument("--what-if", dest="what_if", metavar="JSON",
                   help="apply this partial profile and show the difference part by part")
    p.add_argument("--format", choices=["json", "table"], default="json", help="output format (default: json)")
    p.add_argument("--input", "-i", default="-", metavar="FILE", help="read the profile from FILE (default: stdin)")
    p.add_argument("--language", choices=("en", "fr"), default="en",
                   help="the language of the titles, notes and warnings: en (default, the contract's) or fr")
    return p


def _load_json(text: str, where: str):
    return parse_json(text, where, _PROFILE)


def _read_profile(path: str) -> dict:
    data = _load_json(read_input(path), "input")
    if isinstance(data, list):
        raise CliError("input: a list was given; advise reads ONE profile (a JSON object, see PROFILE.md)")
    if not isinstance(data, dict):
        raise CliError(f"input: expected {_PROFILE}, got {type(data).__name__}")
    return data


# --------------------------------------------------------------------------- readable output

def _yn(v) -> str:
    return {True: "yes", False: "no"}.get(v, "unknown")


def _flips(progs: dict) -> str:
    return ", ".join(f"{pid.upper()} eligible {_yn(v['from'])} -> {_yn(v['to'])}" for pid, v in progs.items())


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def _wrap(text: str, indent: str, width: int = 100) -> List[str]:
    import textwrap
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent) or [indent]


def format_advice(adv: dict) -> str:
    lines = [f"CRS score now: {adv['total']}   (rules: {adv['ruleset']})", ""]
    sugg = adv.get("suggestions") or []
    if sugg:
        lines.append("What would raise it (largest gain first):")
        lines.append(f"  {'':>3}  {'gain':>5}  {'new':>5}  {'effort':<19}  change")
        for i, s in enumerate(sugg, 1):
            lines.append(f"  {i:>3}. {_signed(s['gain']):>5}  {s['new_total']:>5}  {s['effort']:<19}  "
                         f"{s.get('title') or json.dumps(s['change'])}")
            if s.get("programs"):
                lines.append("                                       " + _flips(s["programs"]))
    else:
        lines.append("No change we know of would raise the score.")
    losses = adv.get("losses_ahead") or []
    lines.append("")
    if losses:
        lines.append("Losses ahead:")
        for x in losses:
            lines.append(f"  {('-' + str(x['loss'])) if x['loss'] else '0':>5}  {x.get('when') or x['on']:<40}  "
                         f"{x.get('title', json.dumps(x['change']))}")
            if x.get("programs"):
                lines.append("         " + _flips(x["programs"]))
    else:
        lines.append("No losses ahead that we can see.")
    elig = adv.get("eligibility") or []
    if elig:
        lines.append("")
        lines.append("No CRS points, but would make you eligible:")
        for x in elig:
            lines.append(f"  {x['effort']:<19}  {x['title']}  ({_flips(x['programs'])})")
    info = adv.get("information") or []
    if info:
        lines.append("")
        lines.append("For information (not advice):")
        for x in info:
            lines.append(f"  {_signed(x['difference']):>5}  {x['title']} (score {x['new_total']})")
            lines += _wrap(x["note"], "         ")
    notes: dict = {}
    for i, s in enumerate(sugg, 1):
        if s.get("note"):
            notes.setdefault(s["note"], []).append(i)
    if notes:
        lines.append("")
        lines.append("Notes (by line number above):")
        for note, nums in notes.items():
            lines += _wrap(f"[{', '.join(map(str, nums))}] {note}", "  ")
    for w in adv.get("warnings") or []:
        lines += _wrap("warning: " + w, "")
    return "\n".join(lines)


def format_what_if(w: dict) -> str:
    lines = [f"Change: {json.dumps(w['change'])}", f"Rules: {w['ruleset']}", "",
             f"  {'part':<18} {'before':>7} {'after':>7} {'diff':>6}"]
    for k in ("core", "spouse", "transferability", "additional", "total"):
        lines.append(f"  {k:<18} {w['before'][k]:>7} {w['after'][k]:>7} {_signed(w['difference'][k]):>6}")
    changed = [f for f in w["factors"] if f["difference"]]
    if changed:
        lines += ["", "Factors that change:"]
        for f in changed:
            lines.append(f"  {str(f['part']) + ' / ' + str(f['factor']):<40} {f['before']:>5} -> {f['after']:<5} "
                         f"{_signed(f['difference'])}")
    lines += ["", "Programs:"]
    for pid, v in w["programs"].items():
        mark = "  (changes)" if v["changed"] else ""
        lines.append(f"  {pid.upper():<4} eligible {_yn(v['before']):>7} -> {_yn(v['after']):<7}{mark}")
    for x in w.get("warnings") or []:
        lines += _wrap("warning: " + x, "")
    return "\n".join(lines)


# --------------------------------------------------------------------------- entry point

def main(argv: Optional[list] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser().parse_args(argv)
    except _UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        print("usage: python -m express_entry advise [what-if CHANGE] [--what-if CHANGE] "
              "[--format json|table] [--input FILE]   (--help for more)", file=sys.stderr)
        return 2
    except SystemExit as e:  # --help
        return int(e.code or 0)

    return run(lambda: _advise(args))


def _advise(args) -> int:
    from ..profile import ProfileError
    try:
        change_text = None
        if args.what is not None:
            if args.change_arg is None:
                raise _UsageError("what-if: give the change as a JSON object, e.g. what-if '{\"age\": 30}'")
            if args.what_if is not None:
                raise _UsageError("give the change once: either 'what-if CHANGE' or '--what-if CHANGE'")
            change_text = args.change_arg
        elif args.change_arg is not None:
            raise _UsageError(f"unexpected argument {args.change_arg!r}")
        else:
            change_text = args.what_if
        change = None
        if change_text is not None:
            change = _load_json(change_text, "--what-if")
            if not isinstance(change, dict):
                raise _UsageError("--what-if: expected a JSON object of profile fields (a partial profile), "
                                  f"got {type(change).__name__}")
        profile = _read_profile(args.input)
        from .. import advice
        if change is not None:
            result = advice.what_if(profile, change)
            out = format_what_if(result) if args.format == "table" else json.dumps(result, ensure_ascii=False)
        else:
            result = advice.advise(profile, args.language)
            out = format_advice(result) if args.format == "table" else json.dumps(result, ensure_ascii=False)
    except ProfileError as e:
        raise CliError(str(e))
    print(out)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
