"""Work history: jobs as dated periods, counted by the rules of the ruleset (table ``work_history``).

A period covers every day from ``start`` to ``end``, both included; each covered day earns
``hours_per_week / 7`` hours. For one measure (skilled Canadian hours, or skilled foreign hours) the hours
of a day are capped together at ``hours_per_week_cap / 7``, across every job held that day. Which periods a
measure counts (TEER, in Canada or not, authorized, full-time student, self-employed) is data in the table
too. See /work/shared/contract/TIMELINE.md ("How hours are counted") and ``rulesets/README.md``.

Arithmetic is exact: a rate is kept in hundredths of an hour per week (``hours_per_week`` is rounded to
the hundredth), so a day earns ``rate`` units and an hour is 700 units; totals never drift.

    hist = History(periods, rules, assessed_on, permit_expires_on)
    hist.hours("canadian", on, years=3)     # skilled Canadian hours in the 3 years up to ``on``
    hist.summary(on)                        # the profile's summary fields on that date
"""
from __future__ import annotations

import datetime as _dt
from itertools import accumulate, repeat
from operator import floordiv, ge, sub
from typing import Any, Dict, List, NamedTuple, Optional

from .vocabulary import add_years

__all__ = ["Period", "WorkRules", "History", "UNITS_PER_HOUR", "MEASURES", "DAY"]

UNITS_PER_HOUR = 700  # a rate in hundredths of an hour per week, earned per day: 100 x 7
DAY = _dt.timedelta(days=1)
MEASURES = ("canadian", "foreign")


class Period(NamedTuple):
    """One job, validated. ``end`` None: ongoing (see ``History``); ``rate``: hundredths of hours a week."""
    start: _dt.date
    end: Optional[_dt.date]
    hours_per_week: float
    in_canada: bool
    teer: int
    noc_code: Optional[str] = None
    authorized: bool = True
    full_time_student: bool = False
    self_employed: bool = False

    @property
    def rate(self) -> int:
        return int(round(self.hours_per_week * 100))

    def as_dict(self) -> dict:
        d = self._asdict()
        d["start"] = self.start.isoformat()
        d["end"] = None if self.end is None else self.end.isoformat()
        if d["noc_code"] is None:
            del d["noc_code"]
        return d


class WorkRules:
    """The ``work_history`` table of a ruleset, read once per ruleset (``rs.compiled``)."""

    def __init__(self, rs):
        t = rs.table("work_history")
        self.source = rs.source("work_history")
        self.year_hours = int(t["year_hours"])
        self.month_hours = int(t["month_hours"])
        self.cap_per_week = int(t["hours_per_week_cap"])
        self.skilled_teers = frozenset(int(x) for x in t["skilled_teers"])
        self.excludes = {"canadian": frozenset(t["canadian_excludes"]), "foreign": frozenset(t["foreign_excludes"])}
        self.cec_hours = int(t["cec"]["hours"])
        self.cec_window_years = int(t["cec"]["window_years"])
        self.cec_source = t["cec"]["source"]
        self.crs_window_years = int(t["crs"]["window_years"])
        self.profile_max_years = int(t["crs"]["profile_max_years"])
        self.cec_months = self.cec_hours // self.month_hours
        self.sources = dict(t.get("sources") or {})

    @classmethod
    def of(cls, rs) -> "WorkRules":
        return rs.compiled("work_rules", cls)

    def counts(self, p: Period, measure: str) -> bool:
        """Whether period ``p`` earns hours for ``measure`` ("canadian" or "foreign")."""
        if p.teer not in self.skilled_teers or p.in_canada != (measure == "canadian"):
            return False
        ex = self.excludes[measure]
        return not (("unauthorized" in ex and not p.authorized)
                    or ("full_time_student" in ex and p.full_time_student)
                    or ("self_employed" in ex and p.self_employed))

    def why_not(self, p: Period) -> Optional[str]:
        """The reason a Canadian period earns no CEC/CRS hours (a word for the reader), or None."""
        if p.teer not in self.skilled_teers:
            return "teer"
        ex = self.excludes["canadian"]
        for flag, bad in (("unauthorized", not p.authorized), ("full_time_student", p.full_time_student),
                          ("self_employed", p.self_employed)):
            if flag in ex and bad:
                return flag
        return None


class History:
    """Daily counts of a history, from 10 CRS years before ``on`` to the last date any count can change.

    An ongoing period (``end`` None) continues at the same hours until ``permit_expires_on`` when given
    (``continue_past_permit`` False), else to the end of the horizon (no end). The horizon is the latest
    of ``on`` and every start / end, plus the CEC window: after it no window count changes.
    """

    def __init__(self, periods: List[Period], rules: WorkRules, on: _dt.date,
                 permit_expires_on: Optional[_dt.date] = None, continue_past_permit: bool = False,
                 events_years: int = 3):
        self.rules = rules
        self.on = on
        self.periods = periods
        self.permit_expires_on = permit_expires_on
        stop = None if continue_past_permit else permit_expires_on
        turning = [on, add_years(on, events_years)]
        for p in periods:
            turning.append(p.start)
            if p.end is not None:
                turning.append(p.end + DAY)
        if stop is not None:
            turning.append(stop + DAY)
        self.horizon = add_years(max(turning), max(rules.cec_window_years, 1)) + DAY
        self.origin = add_years(on, -max(rules.crs_window_years, rules.cec_window_years)) - DAY
        n = (self.horizon - self.origin).days + 1
        self.n = n
        self.ends = [p.end if p.end is not None else (stop if stop is not None else self.horizon) for p in periods]
        cap = rules.cap_per_week * 100
        self._prefix: Dict[str, List[int]] = {}
        self._lows_cache: Dict[tuple, List[int]] = {}
        for measure in MEASURES:
            steps: Dict[int, int] = {}  # day index -> change of the summed rate on that day
            for p, end in zip(periods, self.ends):
                if not rules.counts(p, measure):
                    continue
                s = max((p.start - self.origin).days, 0)
                e = min((end - self.origin).days, n - 1)
                if e < s:
                    continue
                steps[s] = steps.get(s, 0) + p.rate
                steps[e + 1] = steps.get(e + 1, 0) - p.rate
            daily: List[int] = []  # the capped rate of each day, built a constant stretch at a time
            rate, at = 0, 0
            for i in sorted(steps):
                if i > at:
                    daily.extend([rate if rate < cap else cap] * (min(i, n) - at))
                    at = min(i, n)
                rate += steps[i]
            daily.extend([rate if rate < cap else cap] * (n - at))
            self._prefix[measure] = list(accumulate(daily, initial=0))

    # ---- counts
    def _upto(self, measure: str, day: _dt.date) -> int:
        """Units earned from the origin up to and including ``day``."""
        i = (day - self.origin).days
        if i < 0:
            return 0
        if i >= self.n:
            i = self.n - 1
        return self._prefix[measure][i + 1]

    def units(self, measure: str, on: _dt.date, years: int) -> int:
        """Units earned on the days after ``on`` minus ``years`` years, up to and including ``on``."""
        return self._upto(measure, on) - self._upto(measure, add_years(on, -years))

    def hours(self, measure: str, on: _dt.date, years: int) -> float:
        return self.units(measure, on, years) / UNITS_PER_HOUR

    def cec_units(self, on: _dt.date) -> int:
        return self.units("canadian", on, self.rules.cec_window_years)

    def cec_met(self, on: _dt.date) -> bool:
        return self.cec_units(on) >= self.rules.cec_hours * UNITS_PER_HOUR

    def years(self, measure: str, on: _dt.date) -> int:
        """Whole years (``year_hours`` each) in the CRS window up to ``on``, at most ``profile_max_years``."""
        y = self.units(measure, on, self.rules.crs_window_years) // (self.rules.year_hours * UNITS_PER_HOUR)
        return min(y, self.rules.profile_max_years)

    def cec_months(self, on: _dt.date) -> int:
        """Months (``month_hours`` each) of skilled Canadian work in the CEC window up to ``on`` (at most 36)."""
        m = self.cec_units(on) // (self.rules.month_hours * UNITS_PER_HOUR)
        return min(m, 12 * self.rules.cec_window_years)

    def summary(self, on: _dt.date) -> Dict[str, int]:
        """The profile's summary work fields on ``on``, derived from the history."""
        return {"canadian_work_years": self.years("canadian", on),
                "canadian_work_months_last_3_years": self.cec_months(on),
                "foreign_work_years": self.years("foreign", on)}

    # ---- searches
    def _lows(self, first: int, count: int, years: int) -> List[int]:
        """For the ``count`` days from index ``first``: the index of the day ``years`` years before each
        (the last day outside its window), as ``add_years`` gives it. Between the days around the end of
        February, where the date is worked out again, it moves one day a day."""
        key = (first, count, years)
        out = self._lows_cache.get(key)
        if out is not None:
            return out
        o = self.origin.toordinal()
        start, stop = o + first, o + first + count
        cuts = {start, stop}
        for y in range(_dt.date.fromordinal(start).year, _dt.date.fromordinal(max(stop - 1, start)).year + 1):
            feb28 = _dt.date(y, 2, 28).toordinal()
            cuts.update(c for c in (feb28, feb28 + 1, feb28 + 2, feb28 + 3) if start < c < stop)
        out = []
        cuts = sorted(cuts)
        for a, b in zip(cuts, cuts[1:]):
            back = add_years(_dt.date.fromordinal(a), -years).toordinal() - o
            out.extend(range(back, back + (b - a)))
        if out and out[0] < 0:
            raise ValueError("a window reaches before the history's origin")
        self._lows_cache[key] = out
        return out

    def _series(self, measure: str, first: int, count: int, years: int) -> List[int]:
        """Units in the window of ``years`` years up to each of the ``count`` days from index ``first``."""
        pre = self._prefix[measure]  # pre[i + 1]: units up to day i included
        return list(map(sub, pre[first + 1:first + count + 1], map(pre.__getitem__, self._lows1(first, count, years))))

    def _lows1(self, first: int, count: int, years: int) -> List[int]:
        key = ("+1", first, count, years)
        out = self._lows_cache.get(key)
        if out is None:
            out = self._lows_cache[key] = [lo + 1 for lo in self._lows(first, count, years)]
        return out

    def first_cec_met(self, start: _dt.date) -> Optional[_dt.date]:
        """The first date on or after ``start`` on which the CEC work requirement holds (None: never)."""
        need = self.rules.cec_hours * UNITS_PER_HOUR
        first = (start - self.origin).days
        chunk = 400
        while first < self.n:
            count = min(chunk, self.n - first)
            for k, units in enumerate(self._series("canadian", first, count, self.rules.cec_window_years)):
                if units >= need:
                    return self.origin + _dt.timedelta(days=first + k)
            first += count
            chunk *= 2
        return None

    def changes(self, start: _dt.date, stop: _dt.date) -> List[tuple]:
        """(date, kind, value) for every day in (start, stop] on which a count changes: ``canadian_years`` /
        ``foreign_years`` (new value) and ``cec_met`` (True / False)."""
        first = (start - self.origin).days
        count = min((stop - start).days + 1, self.n - first)
        year_units = self.rules.year_hours * UNITS_PER_HOUR
        top = self.rules.profile_max_years
        need = self.rules.cec_hours * UNITS_PER_HOUR
        series = []
        for m in MEASURES:
            units = self._series(m, first, count, self.rules.crs_window_years)
            series.append((m + "_years", [top if y > top else y for y in map(floordiv, units, repeat(year_units))]))
        cec = self._series("canadian", first, count, self.rules.cec_window_years)
        series.append(("cec_met", list(map(ge, cec, repeat(need)))))
        out = []
        for kind, values in series:
            for k in [k for k, (a, b) in enumerate(zip(values, values[1:]), 1) if a != b]:
                out.append((start + _dt.timedelta(days=k), kind, values[k]))
        out.sort(key=lambda t: t[0])
        return out

    def main_teer(self) -> Optional[int]:
        """The TEER of the skilled Canadian work with the most hours (ties: the lower TEER, whose language
        minimum is stricter); None without such work."""
        by: Dict[int, int] = {}
        for p, end in zip(self.periods, self.ends):
            if self.rules.counts(p, "canadian") and end >= p.start:
                by[p.teer] = by.get(p.teer, 0) + ((end - p.start).days + 1) * p.rate
        if not by:
            return None
        return max(sorted(by), key=lambda t: by[t])


def period_dicts(periods: List[Period]) -> List[Dict[str, Any]]:
    return [p.as_dict() for p in periods]
