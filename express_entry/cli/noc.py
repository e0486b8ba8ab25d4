"""``python -m express_entry noc``: NOC 2021 codes and Express Entry categories.

  noc find "job title" [--limit 5]          ranked NOC 2021 unit groups for a job title (English or French)
  noc show 21231 [--examples 10]            one unit group: titles, TEER, hierarchy, examples, category lists
  noc categories [--noc 21231] [--months 14] [--canadian-months 6] [--french-nclc 7,7,7,7]
                 [--on 2026-11-28] [--year 2025]
                                            which category-based selection categories the candidate fits

JSON on standard output by default; ``--format table`` prints a readable form.  Bad input: a message on
standard error and exit status 2.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import List, Optional

from . import CliError, run
from ..profile import ProfileError
from ..vocabulary import ABILITIES


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # never sys.exit from inside main()
        raise _UsageError(f"{self.prog}: {message}")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m express_entry noc",
                description="NOC 2021 job-title search, unit groups and Express Entry category-based selection.")
    sub = p.add_subparsers(dest="command", metavar="{find,show,categories}", parser_class=_Parser)

    f = sub.add_parser("find", help="ranked NOC 2021 unit groups for a job title (English or French)")
    f.add_argument("title", nargs="+", help="the job title, free text (quotes optional)")
    f.add_argument("--limit", type=int, default=5, help="number of results, 1-50 (default 5)")
    f.add_argument("--format", choices=("json", "table"), default="json")

    s = sub.add_parser("show", help="one NOC 2021 unit group")
    s.add_argument("code", help="5-digit NOC 2021 code, e.g. 21231")
    s.add_argument("--examples", type=int, default=10, help="example titles per language to show (default 10)")
    s.add_argument("--format", choices=("json", "table"), default="json")

    c = sub.add_parser("categories", help="category-based selection: which categories the candidate fits")
    c.add_argument("--noc", help="5-digit NOC 2021 code of the occupation worked in")
    c.add_argument("--months", help="months of full-time work (or equal part-time) in that occupation within the "
                                    "past 3 years, in Canada or abroad (0-36)")
    c.add_argument("--canadian-months", help="the part of those months worked in Canada (0-36)")
    c.add_argument("--french-nclc", help="French NCLC levels: speaking,listening,reading,writing (e.g. 7,7,8,7), "
                                         "one number for all four, or speaking=7,listening=8,...")
    c.add_argument("--on", help="date (YYYY-MM-DD) whose category lists apply, and on which a French test result "
                                "must still be valid (default today)")
    c.add_argument("--year", help="the year of the category lists (e.g. 2025 or 2026), whatever the date")
    c.add_argument("--format", choices=("json", "table"), default="json")
    return p


def _number(text: Optional[str], field: str):
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ProfileError(field, f"{text!r} is not a number", "a number of months from 0 to 36") from None
    return int(value) if value.is_integer() else value


def _parse_nclc(text: Optional[str]):
    if text is None:
        return None
    accepted = ("four NCLC levels 0-12 as speaking,listening,reading,writing (e.g. 7,7,8,7), one level for all "
                "four, or speaking=7,listening=8,reading=7,writing=7")
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if parts and all("=" in p for p in parts):
        out = {}
        for p in parts:
            k, v = (x.strip().lower() for x in p.split("=", 1))
            if k not in ABILITIES:
                raise ProfileError(f"french_nclc.{k}", "unknown ability", ", ".join(ABILITIES))
            try:
                out[k] = int(v)
            except ValueError:
                raise ProfileError(f"french_nclc.{k}", f"{v!r} is not an NCLC level",
                                   "an integer from 0 to 12") from None
        return out
    try:
        levels = [int(p) for p in parts]
    except ValueError:
        raise ProfileError("french_nclc", f"{text!r} is not a list of NCLC levels", accepted) from None
    if len(levels) == 1:
        return levels[0]
    if len(levels) != 4:
        raise ProfileError("french_nclc", f"{len(levels)} levels given instead of 4", accepted)
    return levels


def _print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------

def _find(args) -> int:
    from .. import noc

    title = " ".join(args.title).strip()
    if not title:
        raise ProfileError("title", "the job title is empty", "a job title, e.g. \"software developer\"")
    results = noc.search(title, limit=args.limit)
    if args.format == "json":
        _print_json({"query": title, "noc_version": noc.NOC_VERSION, "results": results,
                     "source": noc.NOC_SOURCE_URL})
        return 0
    if not results:
        print(f"No NOC 2021 occupation matched {title!r}. Try another wording, or a more common job title.")
        return 0
    print(f"NOC 2021 occupations for {title!r} (best first):")
    for i, r in enumerate(results, 1):
        print(f"{i}. {r['code']}  {r['title_en']}  (TEER {r['teer']})  score {r['score']:.0f} "
              f"[{r['confidence']}]")
        print(f"   {r['title_fr']}")
        print(f"   matched title: {r['matched_title']}")
    if results[0]["confidence"] != "high":
        print("No close match: pick the group whose title and duties fit your job best. The official NOC search "
              "is at https://noc.esdc.gc.ca/")
    print("Your NOC code depends on your duties, not only on your job title.")
    return 0


def _show(args) -> int:
    from .. import categories, noc

    g = noc.unit_group(args.code)
    if args.examples < 0:
        raise ProfileError("examples", f"{args.examples} is negative", "a number of example titles, 0 or more")
    ex = noc.example_titles(g.code)
    st = noc.structure_of(g.code)
    lists = []
    for cat in categories.load_categories()["categories"]:
        if g.code in (cat.get("noc_codes") or []):
            lists.append({"id": cat["id"], "name": cat["name"], "year": cat["year"]})
    out = dict(g.to_dict())
    out.update({
        "teer_description": noc.TEER_DESCRIPTIONS[g.teer],
        "hierarchy": st["hierarchy"],
        "definition_en": st["definition_en"],
        "example_titles_en": ex["en"][: args.examples],
        "example_titles_fr": ex["fr"][: args.examples],
        "example_title_counts": {"en": len(ex["en"]), "fr": len(ex["fr"])},
        "category_lists": lists,
        "noc_version": noc.NOC_VERSION,
        "source": noc.NOC_SOURCE_URL,
    })
    if args.format == "json":
        _print_json(out)
        return 0
    print(f"{g.code}  {g.title_en}")
    print(f"       {g.title_fr}")
    print(f"TEER {g.teer}: {out['teer_description']}")
    for level in st["hierarchy"]:
        print(f"  {level['level'].replace('_', ' ')} {level['code']}: {level['title_en']}")
    if st["definition_en"]:
        print(f"Definition: {st['definition_en']}")
    if out["example_titles_en"]:
        print("Examples: " + "; ".join(out["example_titles_en"]))
    if out["example_titles_fr"]:
        print("Exemples : " + "; ".join(out["example_titles_fr"]))
    if lists:
        print("On the category lists: " + "; ".join(f"{x['name']} ({x['year']})" for x in lists))
    else:
        known = ", ".join(str(y) for y in categories.years())
        print(f"On no category-based selection list ({known}).")
    return 0


_STATUS_TEXT = {"fits": "FITS", "partially_fits": "PARTLY", "does_not_fit": "no", "unknown": "?"}


def _categories(args) -> int:
    from ..categories import category_report

    year = None
    if args.year is not None:
        try:
            year = int(args.year)
        except ValueError:
            raise ProfileError("year", f"{args.year!r} is not a year", "a year such as 2025 or 2026") from None
    report = category_report(noc_code=args.noc, work_months=_number(args.months, "work_months"),
                             canadian_work_months=_number(args.canadian_months, "canadian_work_months"),
                             french_nclc=_parse_nclc(args.french_nclc), on=args.on, year=year)
    if args.format == "json":
        _print_json(report)
        return 0
    occ = report["occupation"]
    print(f"Express Entry category-based selection, {report['year']} lists (in force from "
          f"{report['effective_from']}; data as of {report['data_as_of']})")
    if occ:
        print(f"Occupation: {occ['code']} {occ['title_en']} (TEER {occ['teer']})")
    for w in report["warnings"]:
        print(f"Note: {w}")
    for c in report["categories"]:
        print(f"- [{_STATUS_TEXT[c['status']]:>6}] {c['name']}: {c['explanation']}")
    if report["general_requirements"]:
        print(report["general_requirements"])
    print("Sources: " + ", ".join(sorted({s['url'] for c in report['categories'] for s in c['sources']
                                         if s.get('url') and 'canada.ca' in s['url']})))
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    if not argv or argv[0] in ("-h", "--help", "help"):
        parser.print_help()
        return 0
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help of a subcommand
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    return run(lambda: _command(args))


def _command(args) -> int:
    try:
        return {"find": _find, "show": _show, "categories": _categories}[args.command](args)
    except ProfileError as exc:
        raise CliError(str(exc))
