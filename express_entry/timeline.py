"""When a candidate qualifies for the CEC, and what the CRS is then (the ``timeline`` command).

``timeline(data)`` reads one input of /work/shared/contract/TIMELINE.md (a profile plus ``work``,
``birth_date`` and ``permit_expires_on``) and returns the timeline: today's counts, the CEC dates (work
requirement met, every requirement met, or what blocks it) and the dated events ahead with the CRS total
on each date. Every date is assessed with the ruleset in force on it (``assess.assess_validated``); the
work history is counted by ``work.History`` with the ruleset's ``work_history`` table.

Output extensions to the contract: ``today.cec_hours_needed`` (the figure of the ruleset),
``today.teer`` (the TEER whose CEC language minimum applies), ``cec.language_expires_on``, an event's
``kinds`` (every cause on that date) and ``programs`` (verdicts that change: {id: [before, after]}),
``assumptions`` and ``warnings`` (plain sentences).
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, List, Optional, Tuple

from .assess import assess_validated
from .language import levels as _levels
from .profile import ProfileError, _noc, validate
from . import concepts as _concepts
from .rules import all_rulesets, ruleset_for
from .vocabulary import (add_years, count_text, language_test_name, long_date, parse_iso_date,
                         ruleset_name)
from .work import DAY, UNITS_PER_HOUR, History, Period, WorkRules

__all__ = ["timeline", "timeline_validated", "validate_timeline", "TIMELINE_FIELDS", "DERIVED_FIELDS",
           "PERIOD_FIELDS", "EVENTS_YEARS"]

TIMELINE_FIELDS = ("work", "birth_date", "permit_expires_on")
DERIVED_FIELDS = ("canadian_work_years", "canadian_work_months_last_3_years", "foreign_work_years")
PERIOD_FIELDS = ("start", "end", "hours_per_week", "in_canada", "teer", "noc_code", "authorized",
                 "full_time_student", "self_employed")
EVENTS_YEARS = 3  # events are listed within 3 years of assessed_on (contract)
MAX_HOURS_PER_WEEK = 168  # the hours in a week
_YEARS = (1900, 2100)  # dates accepted in a history
_LANGUAGE_FIELDS = ("first_language", "second_language")
_PROGRAMS = ("cec", "fsw", "fst")
# The order in which the causes of one date name the event (its `kind`).
_KIND_ORDER = ("cec_work_met", "cec_work_lost", "canadian_work_year", "canadian_work_year_lost", "foreign_work_year",
               "foreign_work_year_lost", "language_expires", "birthday", "permit_ends", "rules_change")


# --------------------------------------------------------------------------- validation

def _bad(field: str, message: str, accepted: str):
    raise ProfileError(field, message, accepted)


def _date(field: str, value: Any) -> _dt.date:
    day = parse_iso_date(value)
    if day is None or not (_YEARS[0] <= day.year <= _YEARS[1]):
        _bad(field, f"{value!r} is not a date" if day is None else f"{value} is out of range",
             f"an ISO date YYYY-MM-DD between {_YEARS[0]} and {_YEARS[1]}, e.g. 2026-03-01")
    return day


def _flag(field: str, value: Any, default: bool) -> bool:
    if value is None:
        return default
    if value is True or value is False:
        return value
    _bad(field, f"{value!r} is not true or false", "true or false")


def _period(i: int, item: Any) -> Period:
    where = f"work[{i}]"
    if not isinstance(item, dict):
        _bad(where, "is not a period", 'an object such as {"start": "2026-03-01", "end": null, "hours_per_week": 37.5, '
                                     '"in_canada": true, "teer": 1}')
    for key in item:
        if key not in PERIOD_FIELDS:
            _bad(f"{where}.{key}", "unknown field in a period", ", ".join(PERIOD_FIELDS))
    if item.get("start") is None:
        _bad(f"{where}.start", "the start date is required", "an ISO date YYYY-MM-DD")
    start = _date(f"{where}.start", item["start"])
    end = item.get("end")
    if end is not None:
        end = _date(f"{where}.end", end)
        if end < start:
            _bad(f"{where}.end", f"{end.isoformat()} is before the start ({start.isoformat()})",
                 f"a date on or after {start.isoformat()}, or null for a job that goes on")
    hours = item.get("hours_per_week")
    if isinstance(hours, bool) or not isinstance(hours, (int, float)) or hours != hours:
        _bad(f"{where}.hours_per_week", f"{hours!r} is not a number", f"a number of hours, more than 0 and at most "
                                                                      f"{MAX_HOURS_PER_WEEK}")
    if not 0 < hours <= MAX_HOURS_PER_WEEK or round(hours * 100) == 0:
        _bad(f"{where}.hours_per_week", f"{hours} hours a week is out of range",
             f"a number of hours, more than 0 and at most {MAX_HOURS_PER_WEEK} (the hours in a week)")
    in_canada = item.get("in_canada")
    if in_canada is not True and in_canada is not False:
        _bad(f"{where}.in_canada", "required: true for a job in Canada, false for one abroad", "true or false")
    noc = item.get("noc_code")
    teer = item.get("teer")
    if noc is not None:
        noc = _noc(f"{where}.noc_code", noc)
    if teer is None:
        if noc is None:
            _bad(f"{where}.teer", "the TEER (or the NOC code) is required", "a whole number from 0 to 5")
        teer = int(noc[1])
    elif isinstance(teer, bool) or not isinstance(teer, (int, float)) or teer != int(teer) or not 0 <= teer <= 5:
        _bad(f"{where}.teer", f"{teer!r} is not a TEER", "a whole number from 0 to 5")
    teer = int(teer)
    if noc is not None and int(noc[1]) != teer:
        _bad(f"{where}.teer", f"{teer} contradicts noc_code {noc}, whose TEER is {noc[1]}",
             f"{noc[1]}, or leave teer out when noc_code is given")
    return Period(start, end, float(hours), in_canada, teer, noc,
                  _flag(f"{where}.authorized", item.get("authorized"), True),
                  _flag(f"{where}.full_time_student", item.get("full_time_student"), False),
                  _flag(f"{where}.self_employed", item.get("self_employed"), False))


def _age_on(birth: _dt.date, day: _dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def validate_timeline(data: Any, today: Optional[_dt.date] = None) -> Tuple[dict, dict]:
    """(validated profile, extra) of one timeline input; raises ProfileError naming the field.

    ``extra``: ``work`` (a list of Period, or None), ``birth_date``, ``permit_expires_on`` (dates or None).
    """
    if not isinstance(data, dict):
        _bad("profile", "is not an object", "a JSON object: profile fields plus work, birth_date, permit_expires_on")
    profile = {k: v for k, v in data.items() if k not in TIMELINE_FIELDS}
    work = data.get("work")
    periods = None
    if work is not None:
        for key in DERIVED_FIELDS:
            if data.get(key) is not None:
                _bad(key, "given together with work: it is derived from the work history",
                     "either the work history (work) or the summary fields, not both")
        if not isinstance(work, list):
            _bad("work", "is not a list", "a list of periods (an empty list for no work)")
        periods = [_period(i, item) for i, item in enumerate(work)]
    birth = data.get("birth_date")
    if birth is not None:
        birth = _date("birth_date", birth)
    permit = data.get("permit_expires_on")
    if permit is not None:
        permit = _date("permit_expires_on", permit)
    try:
        on_probe = validate({"assessed_on": profile.get("assessed_on")}, today)["assessed_on"]
        if birth is not None:
            if birth > on_probe:
                _bad("birth_date", f"{birth.isoformat()} is after assessed_on", "a date before assessed_on")
            age = _age_on(birth, on_probe)
            if profile.get("age") is not None and profile["age"] != age:
                _bad("age", f"{profile['age']!r} contradicts birth_date {birth.isoformat()} (age {age} on "
                            f"{on_probe.isoformat()})", "the age on assessed_on, or leave age out when birth_date is given")
            if not 16 <= age <= 100:
                _bad("birth_date", f"gives age {age} on {on_probe.isoformat()}", "a birth date giving an age from 16 to 100")
            profile["age"] = age
        p = validate(profile, today)
    except ProfileError as exc:
        if exc.message == "unknown field":
            raise ProfileError(exc.field, exc.message, exc.accepted + ", " + ", ".join(TIMELINE_FIELDS))
        raise
    return p, {"work": periods, "birth_date": birth, "permit_expires_on": permit}


# --------------------------------------------------------------------------- the timeline

def timeline(data: Any, today: Optional[_dt.date] = None, language: str = "en") -> dict:
    """The timeline of one input (raises ProfileError on invalid input); its sentences (events, assumptions) in
    ``language`` ("en", the contract's, or "fr")."""
    p, extra = validate_timeline(data, today)
    return timeline_validated(p, extra, language)


class _Dates:
    """The profile on any date: derived work fields, age from the birth date, the ruleset of that date; assessed
    with its sentences (warnings) in ``language``."""

    def __init__(self, p: dict, extra: dict, hist: Optional[History], teer: Optional[int], language: str = "en"):
        self.p = p
        self.language = language
        self.birth = extra.get("birth_date")
        self.hist = hist
        self.teer = teer
        self._cache: Dict[_dt.date, dict] = {}

    def profile(self, day: _dt.date) -> dict:
        q = dict(self.p)
        q["assessed_on"] = day
        if self.hist is not None:
            q.update(self.hist.summary(day))
        if self.birth is not None:
            q["age"] = min(_age_on(self.birth, day), 100)
        if self.teer is not None and q.get("teer") is None and q.get("noc_code") is None:
            q["teer"] = self.teer
        return q

    def assess(self, day: _dt.date) -> dict:
        a = self._cache.get(day)
        if a is None:
            a = self._cache[day] = assess_validated(self.profile(day), self.language)
        return a


def _verdicts(a: dict) -> Dict[str, Optional[bool]]:
    return {k: (a["programs"].get(k) or {}).get("eligible") for k in _PROGRAMS}


def _language_block(p: dict, day: _dt.date, teer: Optional[int]) -> Optional[str]:
    """None when a language result given meets the CEC minimum of ``teer`` on ``day``; else the reason code."""
    results = [p[f] for f in _LANGUAGE_FIELDS if p.get(f) is not None]
    if not results:
        return "no_language_result"
    if teer is None:
        return None  # no skilled Canadian work: the work requirement is the blocker
    rs = ruleset_for(day)
    need = rs.table("programs")["cec"]["language_by_teer"][teer]
    reasons = []
    for res in results:
        lv = _levels(res, day, rs)
        if not lv.complete:
            reasons.append("no_language_result")
            continue
        meets = lambda levels: all(levels.get(a, 0) >= n for a, n in need.items())  # noqa: E731
        if lv.valid and meets(lv.levels):
            return None
        if not lv.valid and lv.taken_on is not None and meets(_levels(res, lv.taken_on, rs).levels):
            reasons.append("language_expired")
        else:
            reasons.append("language_level")
    for code in ("language_expired", "language_level", "no_language_result"):
        if code in reasons:
            return code
    return "language_level"


def _expiries(p: dict, on: _dt.date, stop: _dt.date) -> List[Tuple[_dt.date, str]]:
    out = []
    for field in ("first_language", "second_language", "spouse_language"):
        res = p.get(field)
        if res is None or res.get("taken_on") is None:
            continue
        lv = _levels(res, on, ruleset_for(on))
        if lv.expires_on is not None and on < lv.expires_on <= stop:
            out.append((lv.expires_on, field))
    return out


def _birthdays(birth: Optional[_dt.date], on: _dt.date, stop: _dt.date) -> List[_dt.date]:
    if birth is None:
        return []
    out = []
    for year in range(on.year, stop.year + 1):
        day = add_years(birth, year - birth.year)
        if on < day <= stop:
            out.append(day)
    return out


def _hours(units: int) -> float:
    return round(units / UNITS_PER_HOUR, 1)


def _event_text(kind: str, value: Any, p: dict, rules: WorkRules, language: str = "en") -> str:
    def say(key: str, **values: Any) -> str:
        return _concepts.say(f"timeline.{key}", language, **values)

    def day(d: _dt.date) -> str:
        return d.isoformat() if language == "en" else long_date(d, language)

    if kind in ("cec_work_met", "cec_work_lost"):
        return say(kind, hours=count_text(rules.cec_hours, language), window=rules.cec_window_years)
    if kind in ("canadian_work_year", "canadian_work_year_lost", "foreign_work_year", "foreign_work_year_lost"):
        one = value == 1 if language == "en" else value < 2
        years = say("year_one" if one else "year_many", n=value)
        return say(kind, window=rules.crs_window_years, years=years)
    if kind == "language_expires":
        res = p[value]
        years = ruleset_for(p["assessed_on"]).table("language_tests")["validity_years"]
        return say("language_expires_spouse" if value == "spouse_language" else "language_expires",
                   test=language_test_name(res["test"], language), taken=day(res["taken_on"]), years=years)
    if kind == "birthday":
        return say("birthday", age=value)
    if kind == "permit_ends":
        return say("permit_ends")
    if kind == "rules_change":
        return say("rules_change", ruleset=ruleset_name(value, language))
    raise ValueError(kind)


def timeline_validated(p: dict, extra: dict, language: str = "en") -> dict:
    on: _dt.date = p["assessed_on"]
    rs = ruleset_for(on)
    rules = WorkRules.of(rs)
    periods = extra.get("work")
    permit = extra.get("permit_expires_on")
    stop = add_years(on, EVENTS_YEARS)
    assumptions: List[str] = []
    hist = History(periods, rules, on, permit) if periods is not None else None

    teer = p.get("teer")
    if p.get("noc_code") is not None:
        teer = int(p["noc_code"][1])
    derived_teer = None
    if teer is None and hist is not None:
        derived_teer = teer = hist.main_teer()
        if teer is not None:
            assumptions.append(_concepts.say("timeline.assume_teer", language, teer=teer))
    if periods is not None and any(pp.end is None for pp in periods):
        assumptions.append(_concepts.say("timeline.assume_until_permit", language, date=(
            permit.isoformat() if language == "en" else long_date(permit, language)))
            if permit else _concepts.say("timeline.assume_no_end", language))
    dates = _Dates(p, extra, hist, derived_teer, language)
    now = dates.assess(on)

    # ---- today
    if hist is not None:
        summary = hist.summary(on)
        met_today = hist.cec_met(on)
        hours_today = _hours(hist.cec_units(on))
    else:
        summary = {k: p.get(k) for k in ("canadian_work_years", "foreign_work_years")}
        months = p.get("canadian_work_months_last_3_years")
        if months is None and p.get("canadian_work_years") == 0:
            months = 0
        met_today = None if months is None else months >= rules.cec_months
        hours_today = None
        assumptions.append(_concepts.say("timeline.assume_no_history", language))
    today = {"crs": now["crs"]["total"], "canadian_hours_last_3_years": hours_today,
             "canadian_work_years": summary.get("canadian_work_years"),
             "foreign_work_years": summary.get("foreign_work_years"), "cec_work_met": met_today,
             "cec_hours_needed": rules.cec_hours, "teer": teer}

    # ---- the CEC dates
    blocked: List[str] = []
    if hist is not None:
        work_met_on = hist.first_cec_met(on)
        check_on = work_met_on
        if work_met_on is None:
            later = None
            if permit is not None:
                later = History(periods, rules, on, permit, continue_past_permit=True).first_cec_met(on)
            blocked.append("permit_ends_first" if later is not None else "work_never_met")
            check_on = later or on
    else:
        work_met_on = on if met_today else None
        check_on = on
        if not met_today:
            blocked.append("work_never_met")
    lang = _language_block(p, check_on, teer)
    if lang is not None:
        blocked.append(lang)
    if p.get("intends_quebec") is True:
        blocked.append("intends_quebec")
    eligible_on = work_met_on if not blocked else None
    then = eligible_on or work_met_on
    cec = {"work_met_on": work_met_on.isoformat() if work_met_on else None,
           "eligible_on": eligible_on.isoformat() if eligible_on else None,
           "blocked_by": blocked,
           "permit_days_left_then": (permit - then).days if permit is not None and then is not None else None,
           "source": rules.cec_source}
    expiries = [d for d, f in _expiries(p, on, add_years(on, 50)) if f in _LANGUAGE_FIELDS]
    cec["language_expires_on"] = min(expiries).isoformat() if expiries else None

    # ---- events
    causes: Dict[_dt.date, List[Tuple[str, Any]]] = {}
    if hist is not None:
        for day, kind, value in hist.changes(on, stop):
            if kind == "cec_met":
                name = "cec_work_met" if value else "cec_work_lost"
            else:
                m = kind.split("_")[0]
                before = hist.years(m, day - DAY)
                name = f"{m}_work_year" + ("" if value > before else "_lost")
            causes.setdefault(day, []).append((name, value))
    for day, field in _expiries(p, on, stop):
        causes.setdefault(day, []).append(("language_expires", field))
    for day in _birthdays(extra.get("birth_date"), on, stop):
        causes.setdefault(day, []).append(("birthday", _age_on(extra["birth_date"], day)))
    if permit is not None and on <= permit <= stop:
        causes.setdefault(permit, []).append(("permit_ends", None))
    for r in all_rulesets():
        eff = _dt.date.fromisoformat(r["effective"])
        if on < eff <= stop:
            causes.setdefault(eff, []).append(("rules_change", r["id"]))

    always = ("cec_work_met", "cec_work_lost", "permit_ends")
    events = []
    prev = now
    for day in sorted(causes):
        a = dates.assess(day) if day != on else now
        total, before = a["crs"]["total"], prev["crs"]["total"]
        vb, va = _verdicts(prev), _verdicts(a)
        changed = {k: [vb[k], va[k]] for k in _PROGRAMS if vb[k] != va[k]}
        kinds = sorted(causes[day], key=lambda kv: _KIND_ORDER.index(kv[0]))
        if total != before or changed or any(k in always for k, _ in kinds):
            texts = [_event_text(k, v, dict(p, assessed_on=day), rules, language) for k, v in kinds]
            change = total - before
            texts.append(_concepts.say("timeline.crs_changed" if change else "timeline.crs_unchanged", language,
                                       total=total, change=f"{change:+d}"))
            events.append({"on": day.isoformat(), "kind": kinds[0][0], "kinds": [k for k, _ in kinds],
                           "crs": total, "change": change, "text": " ".join(texts), "programs": changed,
                           "ruleset": a["ruleset"]})
        prev = a

    out = {"ruleset": rs.id, "assessed_on": on.isoformat(), "today": today, "cec": cec, "events": events,
           "assumptions": assumptions, "warnings": list(now.get("warnings") or [])}
    if eligible_on is not None:
        out["cec"]["crs_then"] = dates.assess(eligible_on)["crs"]["total"]
    return out
