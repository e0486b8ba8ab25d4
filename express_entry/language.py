"""Language results to CLB / NCLC levels, from IRCC's equivalency charts (ruleset data).

``levels(result, on)`` converts one (validated) language result; the charts are
compiled once per ruleset into score -> level dictionaries.  ``min_score`` and
``score_steps`` serve the advice engine ("the next score that crosses a level").
"""
from __future__ import annotations

import datetime as _dt
from typing import Dict, List, Optional

from . import concepts as _concepts
from .profile import ProfileError, describe_scale, test_scale
from .vocabulary import ABILITIES, LANGUAGE_TESTS, TEST_LANGUAGE, TEST_NAMES, language_test_name, long_date
from .vocabulary import expiry_date as _expiry_date

__all__ = ["LanguageLevels", "levels", "reason_text", "min_score", "score_steps", "chart_for", "expiry_date"]


class LanguageLevels:
    """Levels of one language result.

    ``levels`` maps each ability given to an int CLB (English) or NCLC (French)
    level; a level one below the chart's lowest row means "that level or lower".
    ``valid`` is False when the result earns nothing (expired, or a test not
    accepted on that date); ``why`` then says which: ("expired", validity years) or ("not_accepted", the
    first date accepted), and ``reason`` says it in plain English words (:func:`reason_text` in any language).
    """

    __slots__ = ("test", "language", "levels", "valid", "why", "reason", "taken_on", "expires_on", "scores", "lrws",
                 "lowest")

    def __init__(self, test, language, levels, valid=True, why=None, taken_on=None, expires_on=None,
                 scores=None):
        self.test = test
        self.language = language
        self.levels = levels
        self.valid = valid
        self.why = why
        self.taken_on = taken_on
        self.expires_on = expires_on
        self.scores = scores
        self.reason = reason_text(self) if why is not None else None
        # (listening, reading, writing, speaking) levels capped at 12, a missing ability as 0, and
        # their minimum; both are (0, 0, 0, 0) / 0 when the result is not valid (it earns nothing)
        if valid:
            t = tuple(min(levels.get(a, 0), 12) for a in ABILITIES)
        else:
            t = (0, 0, 0, 0)
        self.lrws = t
        self.lowest = min(t)

    @property
    def complete(self) -> bool:
        return len(self.levels) == 4

    def min_level(self) -> int:
        """Lowest level over the four abilities (0 if an ability is missing or the result is not valid)."""
        return self.lowest

    def as_dict(self, language: str = "en") -> dict:
        """The result as the assessment's ``language_levels`` gives it (its ``reason`` in ``language``)."""
        d = {"test": self.test, "language": self.language, "levels": dict(self.levels), "valid": self.valid}
        if self.why is not None:
            d["reason"] = reason_text(self, language)
        if self.taken_on is not None:
            d["taken_on"] = self.taken_on.isoformat()
        if self.expires_on is not None:
            d["expires_on"] = self.expires_on.isoformat()
        return d

    def __repr__(self) -> str:
        return f"LanguageLevels({self.as_dict()!r})"


def reason_text(lv: LanguageLevels, language: str = "en") -> Optional[str]:
    """Why the result ``lv`` earns nothing, in ``language`` (the labels' ``assessment.result_expired`` and
    ``assessment.result_not_accepted``); None when it counts. English gives the dates as ISO dates (the words of
    the contract's output), other languages as they write a date ("3 mars 2027")."""
    if lv.why is None:
        return None
    kind, value = lv.why

    def day(d: _dt.date) -> str:
        return d.isoformat() if language == "en" else long_date(d, language)

    test = language_test_name(lv.test, language)
    if kind == "expired":
        return _concepts.say("assessment.result_expired", language, test=test, taken=day(lv.taken_on),
                             expired=day(lv.expires_on), years=value)
    return _concepts.say("assessment.result_not_accepted", language, test=test, since=day(value))


def expiry_date(taken_on: _dt.date, years: int = 2) -> _dt.date:
    """The first day a result taken on ``taken_on`` no longer counts (``vocabulary.expiry_date``)."""
    return _expiry_date(taken_on, years)


def _steps(test: str, ability: str) -> List:
    lo, hi, step = test_scale(test, ability)
    if step == 1:
        return list(range(int(lo), int(hi) + 1))
    n = int(round((hi - lo) / step))
    return [lo + i * step for i in range(n + 1)]


def score_steps(test: str, ability: Optional[str] = None) -> List:
    """Every valid score of ``test`` (for one ability; TCF needs it: speaking/writing are 0-20)."""
    if test not in LANGUAGE_TESTS:
        raise ProfileError("test", f"{test!r} is not a known test", ", ".join(LANGUAGE_TESTS))
    if ability is None:
        scales = {test_scale(test, a) for a in ABILITIES}
        if len(scales) > 1:
            raise ProfileError("ability", f"{TEST_NAMES[test]} has different scales per ability",
                               ", ".join(ABILITIES))
        ability = "reading"
    elif ability not in ABILITIES:
        raise ProfileError("ability", f"{ability!r} is not an ability", ", ".join(ABILITIES))
    return _steps(test, ability)


def _compile(rs) -> dict:
    """Charts as lookups: test -> [(taken_from, taken_to, {ability: {score: level}}, {ability: {level: min score}})].

    The second dict maps every level from the lowest the test can give to the
    highest to the smallest score reaching it (what ``min_score`` answers).
    """
    return rs.compiled("language", _build_charts)


def _build_charts(rs) -> dict:
    charts = rs.table("language_charts")
    tests = rs.table("language_tests")
    compiled = {"validity_years": int(tests["validity_years"]), "tests": tests["tests"], "charts": {},
                "accepted_from": {t: v.get("accepted_from") for t, v in tests["tests"].items()}}
    for test, eras in charts.items():
        out = []
        for era in eras:
            lookup, minimums = {}, {}
            for ability in ABILITIES:
                rows = sorted(((float(v), int(k)) for k, v in era["levels"][ability].items()))
                below = rows[0][1] - 1
                table, smallest = {}, {}
                for score in _steps(test, ability):
                    level = below
                    for threshold, lv in rows:
                        if score >= threshold:
                            level = lv
                    table[score] = level
                    if level not in smallest:
                        smallest[level] = score
                # a level no score gives exactly (none today) takes the next level's minimum
                reach = {}
                for lv in range(max(smallest), -1, -1):
                    if lv in smallest:
                        reach[lv] = smallest[lv]
                    else:
                        reach[lv] = reach[lv + 1]
                lookup[ability] = table
                minimums[ability] = reach
            out.append((era.get("taken_from"), era.get("taken_to"), lookup, minimums))
        compiled["charts"][test] = out
    return compiled


def _era(eras, day: _dt.date):
    for taken_from, taken_to, lookup, minimums in eras:
        if (taken_from is None or taken_from <= day) and (taken_to is None or day <= taken_to):
            return lookup, minimums
    return eras[-1][2], eras[-1][3]


def chart_for(test: str, taken_on: Optional[_dt.date] = None, rs=None):
    """({ability: {score: level}}, {ability: {level: min score}}) of ``test`` for a result taken on ``taken_on``."""
    day = taken_on or _dt.date.today()
    if rs is None:
        from .rules import ruleset_for

        rs = ruleset_for(max(day, _earliest()))
    return _era(_compile(rs)["charts"][test], day)


def _earliest():
    from .rules import earliest_date

    return earliest_date()


def levels(result: dict, on: _dt.date, rs=None) -> LanguageLevels:
    """CLB/NCLC levels of one language result on assessment date ``on``.

    ``result`` is a validated language result (see profile.validate); abilities
    that are absent are absent from ``levels``.  Without ``taken_on`` the result
    is assumed current (the chart in force on ``on`` is used).
    """
    if rs is None:
        from .rules import ruleset_for

        rs = ruleset_for(on)
    compiled = _compile(rs)
    test = result["test"]
    language = TEST_LANGUAGE[test]
    taken_on = result.get("taken_on")
    scores = {a: result[a] for a in ABILITIES if a in result}
    if test == "clb" or test == "nclc":
        lv = {a: int(s) for a, s in scores.items()}
    else:
        eras = compiled["charts"][test]
        lookup = eras[0][2] if len(eras) == 1 else _era(eras, taken_on or on)[0]
        try:
            lv = {a: lookup[a][s] for a, s in scores.items()}
        except KeyError as exc:  # unvalidated input
            bad = next(a for a, s in scores.items() if s not in lookup[a])
            raise ProfileError(f"language.{bad}", f"{scores[bad]!r} is not a valid {TEST_NAMES[test]} score",
                               describe_scale(test, bad)) from exc
    valid, why, expires = True, None, None
    if taken_on is not None:
        years = compiled["validity_years"]
        expires = _expiry_date(taken_on, years)
        if on >= expires:
            valid, why = False, ("expired", years)
    accepted_from = compiled["accepted_from"].get(test)
    if valid and accepted_from is not None and (taken_on or on) < accepted_from:
        valid, why = False, ("not_accepted", accepted_from)
    return LanguageLevels(test, language, lv, valid, why, taken_on, expires, scores)


def min_score(test: str, ability: str, clb: int, taken_on: Optional[_dt.date] = None):
    """Smallest score on ``test`` that reaches level ``clb`` in ``ability``; None if no score does.

    ``taken_on`` picks the chart (TEF Canada changed scale twice); default: today.
    """
    if test not in LANGUAGE_TESTS:
        raise ProfileError("test", f"{test!r} is not a known test", ", ".join(LANGUAGE_TESTS))
    if ability not in ABILITIES:
        raise ProfileError("ability", f"{ability!r} is not an ability", ", ".join(ABILITIES))
    if test in ("clb", "nclc"):
        lo, hi, _ = test_scale(test, ability)
        if clb > hi:
            return None
        return max(int(clb), int(lo))
    reach = chart_for(test, taken_on)[1][ability]
    if clb <= 0:
        return reach[0]
    return reach.get(clb)
