"""``python -m express_entry assess``: assess profiles read as JSON on standard input."""
from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from . import argv_of, one_or_many, parse_json, read_input, run, write_json
from ..concepts import parts
from ..crs import part_maxima
from ..vocabulary import UI_LANGUAGES, parse_iso_date

DESCRIPTION = """\
Assess Express Entry profiles: CRS score (with a breakdown per factor) and
eligibility for the Canadian Experience Class (cec), the Federal Skilled
Worker Program (fsw) and the Federal Skilled Trades Program (fst).

Reads ONE profile (a JSON object) or a LIST of profiles (a JSON array) on
standard input (or from --input FILE) and writes the assessment (or a list of
them) as JSON on standard output. Profile fields are those of the project's
contract (PROFILE.md), e.g.

  echo '{"age": 29, "marital_status": "single", "education": "bachelors",
         "first_language": {"test": "ielts", "listening": 8.5, "reading": 8,
                            "writing": 7.5, "speaking": 7.5},
         "foreign_work_years": 3}' | python -m express_entry assess

Language tests: ielts (IELTS General Training, 0-9 in half bands), celpip
(CELPIP-General, 0-12), pte (PTE Core, 10-90), tef (TEF Canada, 0-699), tcf
(TCF Canada, 0-699 listening/reading, 0-20 speaking/writing), or clb / nclc
levels given directly (0-12). "assessed_on" (YYYY-MM-DD, default today) picks
the rules applied.

Invalid input (malformed JSON, an unknown field or test, a score outside the
test's scale, a value of the wrong type) is refused with exit status 2 and a
message naming the field and the accepted values. With a list, nothing is
assessed if any item is invalid (the message names the item's index).
"""

EPILOG = "Exit status: 0 assessed, 2 invalid input."


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m express_entry assess", description=DESCRIPTION,
                                 epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--format", choices=("json", "table"), default="json",
                    help="json (default): the contract's JSON; table: a readable breakdown for a terminal")
    ap.add_argument("--input", "-i", metavar="FILE", default="-",
                    help="read the JSON from FILE instead of standard input")
    ap.add_argument("--compact", action="store_true", help="JSON on one line per document (no indentation)")
    ap.add_argument("--language", choices=UI_LANGUAGES, default="en",
                    help="the language of the sentences (reasons, notes, warnings): en (default, the contract's) or fr")
    return ap


_ACCEPTED = "one profile (a JSON object) or a non-empty JSON list of profiles"


def main(argv: Optional[List[str]] = None) -> int:
    try:
        args = _parser().parse_args(argv_of(argv))
    except SystemExit as exc:  # argparse: --help exits 0, bad options exit 2
        return int(exc.code or 0)
    return run(lambda: _assess(args))


def _assess(args) -> int:
    from ..assess import assess_validated
    from ..profile import ProfileError, validate

    data = parse_json(read_input(args.input), "input", _ACCEPTED)
    out = one_or_many(data, validate, lambda p: assess_validated(p, args.language), _ACCEPTED, ProfileError,
                      "nothing was assessed")
    if args.format == "table":
        items = out if isinstance(out, list) else [out]
        sys.stdout.write("\n\n".join(render_table(a, i if isinstance(out, list) else None)
                                     for i, a in enumerate(items)) + "\n")
    else:
        write_json(out, compact=args.compact)
    return 0




def render_table(a: dict, index: Optional[int] = None) -> str:
    """A readable breakdown of one assessment (for a terminal)."""
    crs = a["crs"]
    lines = []
    head = f"Profile {index}: " if index is not None else ""
    lines.append(f"{head}CRS {crs['total']} / {part_maxima(parse_iso_date(a.get('assessed_on')))['total']}   (rules: {a['ruleset']}, assessed on {a.get('assessed_on', '?')}, "
                 f"scored {'with spouse' if crs.get('scored_as') == 'with_spouse' else 'as single'})")
    width = max(len(f["factor"]) for f in crs["factors"]) if crs["factors"] else 10
    for part, key, name in parts():
        rows = [f for f in crs["factors"] if f["part"] == part]
        if not rows:
            continue
        lines.append("")
        lines.append(f"{part}. {name}: {crs[key]}")
        for f in rows:
            lines.append(f"  {f['factor']:<{width}}  {f['points']:>4} / {f['max']:<4} {f['detail']}")
    lines.append("")
    lines.append("Programs:")
    names = {"cec": "Canadian Experience Class", "fsw": "Federal Skilled Worker", "fst": "Federal Skilled Trades"}
    for key, prog in a.get("programs", {}).items():
        el = prog.get("eligible")
        verdict = "eligible" if el is True else ("not eligible" if el is False else "unknown")
        top = sum(f["max"] for f in (prog.get("grid") or {}).values())
        extra = f" (grid {prog['grid_points']}/{top})" if prog.get("grid_points") is not None else ""
        lines.append(f"  {names.get(key, key)}: {verdict}{extra}")
        for r in prog.get("reasons", []):
            lines.append(f"    - {r}")
    if a.get("first_language_choice"):
        lines.append("")
        lines.append(a["first_language_choice"]["note"])
    if a.get("missing"):
        lines.append("")
        lines.append("Missing: " + ", ".join(a["missing"]))
    if a.get("warnings"):
        lines.append("")
        lines.append("Warnings:")
        for w in a["warnings"]:
            lines.append(f"  ! {w}")
    return "\n".join(lines)
