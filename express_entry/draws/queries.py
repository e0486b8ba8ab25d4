"""Questions about rounds and the pool, answered from the database.

Every answer carries a ``data`` block saying how recent the data is: the latest
round known and the date of the pool distribution used ("as on").
"""
import calendar
import datetime as dt
from typing import Iterable, List, Optional

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, selectinload

from ..vocabulary import parse_iso_date
from .classify import TYPES, classify, label_of, note_for
from .models import Round
from .pool import MAX_CRS, position

DEFAULT_MONTHS = 12
ROUNDS_URL = ("https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
              "express-entry/rounds-invitations.html")
MET_CAVEAT = (
    "A score at or above a round's cut-off means the score was high enough in that round; being invited also "
    "needed eligibility for the round's program or category, and candidates with exactly the cut-off score "
    "were invited only if their profile was submitted before the tie-breaking time."
)


class QueryError(ValueError):
    """A bad question (e.g. an unknown type).  ``field`` and ``accepted`` say what was expected."""

    def __init__(self, field: str, message: str, accepted: Optional[str] = None):
        self.field, self.accepted = field, accepted
        super().__init__(f"{field}: {message}" + (f" (accepted: {accepted})" if accepted else ""))


# ---------------------------------------------------------------- arguments

def as_date(value, field: str = "on") -> Optional[dt.date]:
    if value is None:
        return None
    day = parse_iso_date(value.strip() if isinstance(value, str) else value)
    if day is None:
        raise QueryError(field, f"{value!r} is not a date", "YYYY-MM-DD")
    return day


def check_score(score) -> int:
    if isinstance(score, str) and score.strip().isdigit():
        score = int(score.strip())
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= MAX_CRS:
        raise QueryError("score", f"{score!r} is not a CRS score", f"a whole number from 0 to {MAX_CRS}")
    return score


def check_types(s: Session, types: Optional[Iterable[str]]) -> Optional[List[str]]:
    if not types:
        return None
    if isinstance(types, str):
        types = [types]
    known = set(TYPES) | set(s.execute(select(Round.type_id).distinct()).scalars())
    out = []
    for t in types:
        tid = str(t).strip().lower()
        if tid not in known:
            # Accept a round name as well ("Canadian Experience Class").
            guess = classify(str(t)).id
            if guess not in known:
                raise QueryError("type", f"unknown round type {t!r}", ", ".join(sorted(known)))
            tid = guess
        out.append(tid)
    return out


def months_before(day: dt.date, months: int) -> dt.date:
    """The day ``months`` months before ``day`` (clamped to the end of a shorter month)."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def period(s: Session, start=None, end=None, months: Optional[int] = None, on=None):
    """(start, end): by default the ``DEFAULT_MONTHS`` months up to the latest round."""
    end = as_date(end, "to")
    start = as_date(start, "from")
    if months is not None and (isinstance(months, bool) or not isinstance(months, int) or months < 1):
        raise QueryError("months", f"{months!r} is not a number of months", "a whole number of 1 or more")
    if end is None:
        latest = latest_round(s, as_date(on))
        end = latest.date if latest is not None else (as_date(on) or dt.date.today())
    if start is None:
        start = months_before(end, months or DEFAULT_MONTHS) + dt.timedelta(days=1)
    if start > end:
        raise QueryError("from", f"{start} is after {end}", "a start date on or before the end date")
    return start, end


# ---------------------------------------------------------------- data date

def latest_round(s: Session, on: Optional[dt.date] = None) -> Optional[Round]:
    q = select(Round)
    if on is not None:
        q = q.where(Round.date <= on)
    return s.execute(q.order_by(Round.date.desc(), Round.sort_key.desc()).limit(1)).scalars().first()


def latest_distribution(s: Session, on: Optional[dt.date] = None) -> Optional[Round]:
    """The round carrying the most recent pool distribution (by its "as on" date)."""
    q = select(Round).where(Round.distribution_as_on.isnot(None)).options(selectinload(Round.bands))
    if on is not None:
        q = q.where(Round.date <= on)
    q = q.order_by(Round.distribution_as_on.desc(), Round.date.desc(), Round.sort_key.desc()).limit(1)
    return s.execute(q).scalars().first()


def data_info(s: Session, on=None) -> dict:
    on = as_date(on)
    last = latest_round(s, on)
    dist = latest_distribution(s, on)
    return {
        "latest_round": round_dict(last) if last else None,
        "latest_round_date": last.date.isoformat() if last else None,
        "distribution_as_on": dist.distribution_as_on.isoformat() if dist else None,
        "distribution_round": dist.number if dist else None,
        "as_of_request": on.isoformat() if on else None,
        "source": ROUNDS_URL,
    }


def round_dict(r: Round, score: Optional[int] = None) -> dict:
    rtype = classify(r.name)
    out = {
        "number": r.number,
        "date": r.date.isoformat(),
        "name": r.name,
        "type": r.type_id,
        "type_label": label_of(r.type_id) if rtype.known else rtype.label,
        "version": rtype.version,
        "invitations": r.size,
        "cutoff_crs": r.crs,
        "programs": r.programs,
        "tie_break": r.tie_break_text or None,
    }
    if score is not None:
        out["met"] = score >= r.crs
    return out


def _type_order(type_id: str):
    keys = list(TYPES)
    return (keys.index(type_id) if type_id in keys else len(keys), type_id)


# ---------------------------------------------------------------- queries

def latest_by_type(s: Session, types=None, count: int = 1, on=None) -> dict:
    """The latest ``count`` rounds of each type (up to ``on``)."""
    on = as_date(on)
    types = check_types(s, types)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise QueryError("count", f"{count!r} is not a number of rounds", "a whole number of 1 or more")
    rn = func.row_number().over(
        partition_by=Round.type_id, order_by=(Round.date.desc(), Round.sort_key.desc())
    ).label("rn")
    inner = select(Round.number, rn)
    if on is not None:
        inner = inner.where(Round.date <= on)
    if types:
        inner = inner.where(Round.type_id.in_(types))
    inner = inner.subquery()
    q = (select(Round).join(inner, Round.number == inner.c.number).where(inner.c.rn <= count)
         .order_by(Round.date.desc(), Round.sort_key.desc()))
    groups = {}
    for r in s.execute(q).scalars():
        groups.setdefault(r.type_id, []).append(round_dict(r))
    result = [
        {"type": t, "type_label": rounds[0]["type_label"], "rounds": rounds}
        for t, rounds in sorted(groups.items(), key=lambda kv: _type_order(kv[0]))
    ]
    return {"query": "latest", "data": data_info(s, on), "types": result}


def lowest_cutoffs(s: Session, start=None, end=None, types=None, months=None, on=None) -> dict:
    """The lowest cut-off score of each type of round held from ``start`` to ``end`` (inclusive)."""
    types = check_types(s, types)
    start, end = period(s, start, end, months, on)
    cond = and_(Round.date >= start, Round.date <= end)
    if types:
        cond = and_(cond, Round.type_id.in_(types))
    agg = (select(Round.type_id, func.min(Round.crs).label("lowest"), func.max(Round.crs).label("highest"),
                  func.count().label("n"), func.sum(Round.size).label("invitations"))
           .where(cond).group_by(Round.type_id).subquery())
    q = (select(Round, agg.c.lowest, agg.c.highest, agg.c.n, agg.c.invitations)
         .join(agg, and_(Round.type_id == agg.c.type_id, Round.crs == agg.c.lowest))
         .where(cond).order_by(Round.date.desc(), Round.sort_key.desc()))
    groups = {}
    for r, lowest, highest, n, invitations in s.execute(q).all():
        g = groups.get(r.type_id)
        if g is None:
            g = groups[r.type_id] = {
                "type": r.type_id,
                "type_label": round_dict(r)["type_label"],
                "lowest_cutoff": lowest,
                "highest_cutoff": highest,
                "rounds_in_period": n,
                "invitations_in_period": int(invitations or 0),
                "rounds_at_lowest": [],
            }
        g["rounds_at_lowest"].append(round_dict(r))
    result = sorted(groups.values(), key=lambda g: _type_order(g["type"]))
    return {
        "query": "lowest",
        "data": data_info(s, on),
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "types": result,
    }


def rounds_met(s: Session, score, start=None, end=None, types=None, months=None, on=None) -> dict:
    """Which rounds from ``start`` to ``end`` had a cut-off at or below ``score``, by type."""
    score = check_score(score)
    types = check_types(s, types)
    start, end = period(s, start, end, months, on)
    q = select(Round).where(Round.date >= start, Round.date <= end)
    if types:
        q = q.where(Round.type_id.in_(types))
    q = q.order_by(Round.date.desc(), Round.sort_key.desc())
    groups = {}
    for r in s.execute(q).scalars():
        groups.setdefault(r.type_id, []).append(round_dict(r, score))
    result = []
    for t, rounds in sorted(groups.items(), key=lambda kv: _type_order(kv[0])):
        met = [x for x in rounds if x["met"]]
        result.append({
            "type": t,
            "type_label": rounds[0]["type_label"],
            "rounds_in_period": len(rounds),
            "rounds_met": len(met),
            "latest_met": met[0] if met else None,
            "lowest_cutoff": min(x["cutoff_crs"] for x in rounds),
            "rounds": rounds,
        })
    return {
        "query": "met",
        "score": score,
        "data": data_info(s, on),
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "types": result,
        "notes": [MET_CAVEAT],
    }


def pool_position(s: Session, score, on=None) -> dict:
    """Where ``score`` stands in the most recent published pool distribution (up to ``on``)."""
    score = check_score(score)
    on = as_date(on)
    dist = latest_distribution(s, on)
    info = data_info(s, on)
    if dist is None:
        return {"query": "pool", "score": score, "data": info, "position": None, "distribution": None,
                "notes": ["No score distribution of the pool is available for this date."]}
    counts = dist.counts()
    pos = position(score, counts)
    from .pool import consistency_problems

    problems = consistency_problems(counts)
    notes = list(pos.pop("notes"))
    notes.append(
        f"The pool as on {dist.distribution_as_on.isoformat()}, published with round {dist.number}; "
        f"it counts every candidate in the pool, whatever program or category they qualify for."
    )
    if problems:
        notes.append("IRCC's published figures for this date do not add up: " + "; ".join(problems)
                     + ". The 10-point ranges were used.")
    from .pool import BANDS, FINEST, band_label

    distribution = [{"band": band_label(k), "low": BANDS[k][0], "high": BANDS[k][1], "candidates": counts[k]}
                    for k in FINEST]
    return {"query": "pool", "score": score, "data": info, "position": pos, "distribution": distribution,
            "notes": notes}


def summary_for_score(s: Session, score, on=None, months: int = DEFAULT_MONTHS) -> dict:
    """For the chatbot: data date, recent cut-offs by type and whether ``score`` met them, pool position."""
    score = check_score(score)
    on = as_date(on)
    start, end = period(s, None, None, months, on)
    met = rounds_met(s, score, start, end)
    by_type = []
    for g in met["types"]:
        latest = g["rounds"][0]
        by_type.append({
            "type": g["type"],
            "type_label": g["type_label"],
            "who_is_invited": note_for(g["type"], TYPES.get(g["type"], ("category",))[0]),
            "latest_round": latest,
            "met_latest": latest["met"],
            "lowest_cutoff": g["lowest_cutoff"],
            "rounds_in_period": g["rounds_in_period"],
            "rounds_met": g["rounds_met"],
        })
    pool = pool_position(s, score, on)
    return {
        "query": "summary",
        "score": score,
        "data": met["data"],
        "period": met["period"],
        "by_type": by_type,
        "pool": pool["position"],
        "notes": [MET_CAVEAT] + pool["notes"],
    }
