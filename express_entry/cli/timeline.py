"""``python -m express_entry timeline``: when the CEC is met, and the CRS on each date ahead.

Reads ONE input (a JSON object: profile fields of PROFILE.md plus ``work``, ``birth_date`` and
``permit_expires_on``, see TIMELINE.md) or a LIST of them on standard input (or ``--input FILE``) and
writes the timeline (or a list) as JSON.

Exit status: 0 on success; 2 for invalid input (an end before a start, 200 hours a week, a date that is
no date, a work history given with the summary work fields): the message names the field.
"""
from __future__ import annotations

import argparse
from typing import List, Optional

from . import argv_of, one_or_many, parse_json, read_input, run, write_json

DESCRIPTION = """\
The CEC timeline: skilled Canadian hours counted today, the first date the CEC
work requirement is met, the first date every CEC requirement is met (or what
blocks it), and the dated events ahead (a new year of work, the CEC window, a
language result expiring, a birthday, the permit's end) with the CRS total on
each date, using the rules in force on that date.

  echo '{"assessed_on": "2026-12-07", "birth_date": "1996-05-02",
         "permit_expires_on": "2028-06-30", "education": "masters",
         "marital_status": "single",
         "first_language": {"test": "ielts", "listening": 8, "reading": 7,
                            "writing": 7, "speaking": 7, "taken_on": "2026-01-15"},
         "work": [{"start": "2026-03-02", "end": null, "hours_per_week": 40,
                   "in_canada": true, "noc_code": "21231"}]}' \\
    | python -m express_entry timeline

A period: start, end (null: ongoing, continued until permit_expires_on),
hours_per_week, in_canada, teer (or noc_code), authorized (default true),
full_time_student (default false), self_employed (default false).
With a list, nothing is computed if any item is invalid (the message names the item).
"""
_ACCEPTED = "one timeline input (a JSON object) or a non-empty JSON list of them"


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m express_entry timeline", description=DESCRIPTION,
                                 epilog="Exit status: 0 computed, 2 invalid input.",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", "-i", metavar="FILE", default="-",
                    help="read the JSON from FILE instead of standard input")
    ap.add_argument("--compact", action="store_true", help="JSON on one line (no indentation)")
    ap.add_argument("--language", choices=("en", "fr"), default="en",
                    help="the language of the events' texts and assumptions: en (default, the contract's) or fr")
    return ap


def main(argv: Optional[List[str]] = None) -> int:
    try:
        args = _parser().parse_args(argv_of(argv))
    except SystemExit as exc:  # --help exits 0, bad options exit 2
        return int(exc.code or 0)
    return run(lambda: _timeline(args))


def _timeline(args) -> int:
    from ..profile import ProfileError
    from ..timeline import timeline_validated, validate_timeline

    data = parse_json(read_input(args.input), "input", _ACCEPTED)
    out = one_or_many(data, validate_timeline, lambda checked: timeline_validated(*checked, args.language), _ACCEPTED, ProfileError,
                      "nothing was computed")
    write_json(out, compact=args.compact)
    return 0
