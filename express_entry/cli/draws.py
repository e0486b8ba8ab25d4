"""``python -m express_entry draws ...``: import IRCC's rounds feed and ask about cut-offs and the pool.

Exit codes: 0 success, 2 bad input (bad feed, bad option, bad score, bad database URL),
1 the database could not be reached.
"""
import argparse
import json
import sys
from typing import List

from . import CliError
from . import run as run_cli
from ..draws.feed import FEED_URL

DESCRIPTION = """Rounds of invitations (IRCC's feed) and the pool's score distribution, in a database.
The shipped feed is loaded on first use. Every answer states the date of the data."""

EPILOG = f"""examples:
  python -m express_entry draws latest --type cec --type french
  python -m express_entry draws lowest --from 2026-01-01 --to 2026-06-30
  python -m express_entry draws met 480 --months 6 --format table
  python -m express_entry draws pool 480
  python -m express_entry draws summary 480 --format table
  python -m express_entry draws import {FEED_URL}
database: --db URL, or the environment variable EXPRESS_ENTRY_DB_URL (any SQLAlchemy URL);
default: a SQLite file (var/draws.sqlite in a source checkout)."""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", help="SQLAlchemy database URL (default: EXPRESS_ENTRY_DB_URL or a SQLite file)")
    common.add_argument("--format", choices=["json", "table"], default="json", help="output format (default: json)")
    p = argparse.ArgumentParser(prog="python -m express_entry draws", description=DESCRIPTION, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    def add(name, help_):
        return sub.add_parser(name, help=help_, description=help_, parents=[common])

    imp = add("import", "Import IRCC's rounds feed (a file or an http(s) URL): adds new rounds, updates changed ones, all or nothing.")
    imp.add_argument("source", metavar="FILE_OR_URL")

    def type_opt(sp):
        sp.add_argument("--type", action="append", dest="types", metavar="TYPE",
                        help="round type, repeatable (see 'draws types'); default: all")

    def period_opts(sp):
        sp.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day (default: 12 months before --to)")
        sp.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day (default: the latest round)")
        sp.add_argument("--months", type=_positive, metavar="N", help="period length when --from is not given (default: 12)")

    lat = add("latest", "The latest rounds of each type.")
    type_opt(lat)
    lat.add_argument("--count", type=_positive, default=1, metavar="N", help="rounds per type (default: 1)")
    lat.add_argument("--on", metavar="YYYY-MM-DD", help="as known on this date (default: all data)")

    low = add("lowest", "The lowest cut-off score of each type of round over a period.")
    type_opt(low)
    period_opts(low)

    met = add("met", "Which rounds a CRS score would have met (score >= cut-off), by type.")
    met.add_argument("score", metavar="SCORE")
    type_opt(met)
    period_opts(met)

    pool = add("pool", "Where a CRS score stands in the pool (candidates with a higher score, percentile).")
    pool.add_argument("score", metavar="SCORE")
    pool.add_argument("--on", metavar="YYYY-MM-DD", help="the latest distribution published by this date")

    summ = add("summary", "Everything for one score: recent cut-offs by type, met or not, and the pool position.")
    summ.add_argument("score", metavar="SCORE")
    summ.add_argument("--on", metavar="YYYY-MM-DD", help="as known on this date (default: all data)")
    summ.add_argument("--months", type=_positive, default=12, metavar="N", help="period (default: 12 months)")

    add("types", "The round types and their ids.")
    add("info", "The date of the data: latest round and pool distribution.")
    return p


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number (expected 1 or more)") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{n} is too small (expected 1 or more)")
    return n


# ---------------------------------------------------------------- table output

def _table(rows: List[List[str]], header: List[str]) -> str:
    cells = [header] + [[("" if c is None else str(c)) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _data_line(data: dict) -> str:
    if not data or not data.get("latest_round_date"):
        return "Data: no rounds in the database."
    line = f"Data: latest round #{data['latest_round']['number']} on {data['latest_round_date']}"
    if data.get("distribution_as_on"):
        line += f"; pool distribution as on {data['distribution_as_on']}"
    if data.get("as_of_request"):
        line += f" (as known on {data['as_of_request']})"
    return line + f". Source: IRCC, {data['source']}"


def _yes(v: bool) -> str:
    return "yes" if v else "no"


def _render_pool(pos: dict) -> List[str]:
    if pos is None:
        return ["No pool distribution available."]
    h, l, t, p = pos["candidates_higher"], pos["candidates_lower"], pos["top_percent"], pos["percentile"]

    def rng(x, fmt="{:,}"):
        return fmt.format(x["at_least"]) if x["at_least"] == x["at_most"] else \
            f"{fmt.format(x['at_least'])} to {fmt.format(x['at_most'])}"

    return [
        f"Pool: {pos['pool_total']:,} candidates; score {pos['score']} is in the range {pos['range']['band']} "
        f"({pos['range']['candidates']:,} candidates).",
        f"  Candidates with a higher score: {rng(h)}" + (" (exact)" if h["exact"] else ""),
        f"  Candidates with a lower score:  {rng(l)}" + (" (exact)" if l["exact"] else ""),
        f"  Share of the pool above you: {rng(t, '{}%')}; below you (percentile): {rng(p, '{}%')}",
    ]


def render_table(result: dict) -> str:
    q = result.get("query")
    out = []
    if q == "import":
        out.append(f"Imported {result['source']}: {result['added']} added, {result['updated']} updated, "
                   f"{result['unchanged']} unchanged; {result['rounds_in_database']} rounds in the database.")
        out += [f"warning: {w}" for w in result["warnings"]]
    elif q == "latest":
        rows = [[g["type"], r["number"], r["date"], r["cutoff_crs"], f"{r['invitations']:,}", r["name"]]
                for g in result["types"] for r in g["rounds"]]
        out.append(_table(rows, ["type", "round", "date", "cut-off", "invited", "name"]))
    elif q == "lowest":
        out.append(f"Period: {result['period']['from']} to {result['period']['to']}")
        rows = [[g["type"], g["lowest_cutoff"], ", ".join(f"#{r['number']} {r['date']}" for r in g["rounds_at_lowest"]),
                 g["highest_cutoff"], g["rounds_in_period"]] for g in result["types"]]
        out.append(_table(rows, ["type", "lowest", "round(s)", "highest", "rounds"]))
    elif q == "met":
        out.append(f"Score {result['score']}, rounds from {result['period']['from']} to {result['period']['to']}")
        rows = [[g["type"], f"{g['rounds_met']} of {g['rounds_in_period']}", g["lowest_cutoff"],
                 g["rounds"][0]["cutoff_crs"], _yes(g["rounds"][0]["met"]),
                 f"#{g['latest_met']['number']} {g['latest_met']['date']}" if g["latest_met"] else "-"]
                for g in result["types"]]
        out.append(_table(rows, ["type", "met", "lowest", "latest cut-off", "met latest", "latest met"]))
        out += result["notes"]
    elif q == "pool":
        out += _render_pool(result["position"])
        if result.get("distribution"):
            own = result["position"]["range"]["band"]
            out.append(_table([[d["band"], f"{d['candidates']:,}", "<- your score" if d["band"] == own else ""]
                               for d in result["distribution"]], ["CRS range", "candidates", ""]))
        out += result["notes"]
    elif q == "summary":
        out.append(f"Score {result['score']}, rounds from {result['period']['from']} to {result['period']['to']}")
        rows = [[g["type"], g["latest_round"]["date"], g["latest_round"]["cutoff_crs"], _yes(g["met_latest"]),
                 g["lowest_cutoff"], f"{g['rounds_met']} of {g['rounds_in_period']}"] for g in result["by_type"]]
        out.append(_table(rows, ["type", "latest", "cut-off", "met", "lowest", "met in period"]))
        out += _render_pool(result["pool"])
        out += result["notes"]
    elif q == "types":
        out.append(_table([[t["id"], t["kind"], t["label"], t["rounds"], t["latest"] or "-"] for t in result["types"]],
                          ["id", "kind", "label", "rounds", "latest"]))
    if "data" in result:
        out.append(_data_line(result["data"]))
    return "\n".join(out)


# ---------------------------------------------------------------- main

def _types(s):
    from sqlalchemy import func, select

    from ..draws.classify import TYPES, classify
    from ..draws.models import Round
    from ..draws.queries import data_info

    stats = {t: (n, d) for t, n, d in s.execute(
        select(Round.type_id, func.count(), func.max(Round.date)).group_by(Round.type_id)).all()}
    names = {t: n for t, n in s.execute(select(Round.type_id, Round.name)).all()}
    ids = list(TYPES) + sorted(set(stats) - set(TYPES))
    types = []
    for t in ids:
        kind, label = TYPES[t] if t in TYPES else ("category", classify(names[t]).label)
        n, latest = stats.get(t, (0, None))
        types.append({"id": t, "kind": kind, "label": label, "rounds": n,
                      "latest": latest.isoformat() if latest else None})
    return {"query": "types", "data": data_info(s), "types": types}


def run(args) -> dict:
    from ..draws import db as _db, queries

    if args.command == "import":
        from ..draws.feed import decode, parse_feed
        from ..draws.importer import import_feed, read_source

        # Check the file before anything else, so that a refused file never changes the database
        # (not even by loading the seed into a new database).
        data = decode(read_source(args.source), args.source)
        parse_feed(data)
        engine = _db.ensure_ready(args.db)
        result = import_feed(data, engine, source=args.source)
        result["query"] = "import"
        with _db.session(engine) as s:
            result["data"] = queries.data_info(s)
        return result
    engine = _db.ensure_ready(args.db)
    with _db.session(engine) as s:
        c = args.command
        if c == "latest":
            return queries.latest_by_type(s, args.types, args.count, args.on)
        if c == "lowest":
            return queries.lowest_cutoffs(s, args.start, args.end, args.types, args.months)
        if c == "met":
            return queries.rounds_met(s, args.score, args.start, args.end, args.types, args.months)
        if c == "pool":
            return queries.pool_position(s, args.score, args.on)
        if c == "summary":
            return queries.summary_for_score(s, args.score, args.on, args.months)
        if c == "types":
            return _types(s)
        if c == "info":
            return {"query": "info", "data": queries.data_info(s)}
    raise AssertionError(args.command)


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2), message already printed
        return int(exc.code or 0)
    return run_cli(lambda: _main(args))


def _main(args) -> int:
    from sqlalchemy.exc import OperationalError, SQLAlchemyError

    from ..draws.db import DatabaseError, default_url
    from ..draws.feed import FeedError
    from ..draws.queries import QueryError

    try:
        result = run(args)
    except FeedError as exc:
        raise CliError(f"import refused, the database was not changed: {exc}")
    except (QueryError, DatabaseError) as exc:
        raise CliError(str(exc))
    except OperationalError as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        if not str(args.db or default_url()).startswith("sqlite"):  # a server that does not answer: status 1
            raise CliError(f"database problem ({type(exc).__name__}): {detail}", status=1)
        raise CliError(f"db: cannot open or write the database {_shown_url(args.db or default_url())} "
                       f"({detail}); accepted: a database URL you can write to (--db or EXPRESS_ENTRY_DB_URL)")
    except SQLAlchemyError as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise CliError(f"database problem ({type(exc).__name__}): {detail}", status=1)
    if args.format == "table":
        print(render_table(result))
    else:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def _shown_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return repr(make_url(url).render_as_string(hide_password=True))
    except Exception:  # noqa: BLE001 - only for the message
        return "(the given URL)"


if __name__ == "__main__":
    sys.exit(main())
