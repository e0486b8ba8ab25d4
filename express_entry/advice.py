"""Advice: the changes that would raise a CRS score, ranked by points gained, and the losses ahead.

Every number here comes from the rules engine itself: each candidate change is merged into the
profile (top-level fields replaced, nested objects such as a language result replaced whole) and
the merged profile is assessed with :func:`express_entry.assess`.  Nothing in this module knows a
CRS point value, a cap or a language chart, so every cap (the 600 additional-points cap, the 22-point
second-language cap with a spouse, the 50/100 transferability caps...) is respected by construction,
and a suggestion's ``change`` merged into the profile gives exactly its ``new_total``.

Public API
----------
``advise(profile) -> dict``
    The contract's advice format (PROFILE.md, "Advice (output)")::

        {"ruleset": ..., "total": ..., "suggestions": [...], "losses_ahead": [...]}

    plus documented extensions (see ``README`` below).
``what_if(profile, change) -> dict``
    Apply any partial change and return the difference part by part and factor by factor, and the
    program eligibility before and after.
``merge(profile, change) -> dict``
    The merge rule used everywhere (shallow: top-level fields replaced, nested objects whole).

What is searched
----------------
* Language, on the candidate's own test (first, second and spouse's result): per ability, the
  smallest score that crosses the next level boundary that earns points (``language.min_score``; a
  boundary worth nothing, such as CLB 4 -> 5 in a first language, is stepped over), and all four
  abilities to at least CLB/NCLC 7, 8, 9, 10 (first) or 5, 7, 9 (second, spouse).  A retake is a
  new result taken on ``assessed_on``; on TEF Canada the other abilities keep their levels on the
  current scale.  An expired result: the same scores on a new test.
* French when there is no French result: TEF Canada at NCLC 5, 7, 9 with the chart's minimum
  scores; English (IELTS) at CLB 5, 7, 9 for a French-only candidate.
* One more year of Canadian work (with the months in the CEC window), foreign work up to the next
  year that earns points, the next education level that earns points and a master's, an ECA for
  an unrecognized credential, Canadian study (one/two-year and 3+ year credentials).
* With an accompanying spouse: the spouse's language, education and Canadian work, and the spouse
  as principal applicant (only with the spouse's education and language; assumptions listed).
* A provincial nomination; a certificate of qualification for someone in a trade.
* Combinations of two of the above.

Extensions to the contract (never renamed, only added)
------------------------------------------------------
Each suggestion also carries:

* ``title``  — a readable one-liner, e.g. "IELTS listening 8.0 → 8.5".
* ``kind``   — what sort of change (``language``, ``french``, ``english``, ``canadian_work``,
  ``foreign_work``, ``education``, ``eca``, ``canadian_study``, ``spouse_language``,
  ``spouse_education``, ``spouse_work``, ``spouse_principal``, ``nomination``,
  ``certificate_of_qualification``, ``expired_result``, ``combination``).
* ``programs`` — program eligibility that the change would alter, ``{id: {"from": x, "to": y}}``
  (empty when none changes; always empty for the spouse-as-principal comparison, whose programs
  would depend on the spouse's work history).
* ``parts``  — for a combination, the titles of its two changes.
* ``expected_on`` — for more Canadian work, when the next full year could complete if the person
  keeps working full-time (only when the profile's month count allows the estimate).
* ``assumptions`` — for the "spouse as principal applicant" comparison, what had to be assumed.
* ``source`` — the official canada.ca page behind the change (from the ruleset's table sources).

Effort classes (rough, for ordering and display): ``weeks``, ``months``, ``year+``,
``not in your control``.

Each loss ahead carries ``on`` (ISO date), ``change`` (merged into the profile it gives
``total - loss``), ``loss`` and the extensions ``title``, ``when`` (plain words), ``note`` and
``programs`` (eligibility the change would alter; e.g. the CEC window can end CEC eligibility with a
CRS loss of 0).  For the next birthday the date is unknown: ``on`` is the *latest* possible date
(``assessed_on`` + 1 year), ``earliest_on`` the day after the assessment, and ``when`` says "at your
next birthday".  Losses are listed by their earliest possible date.  A language result's expiry is
expressed as ``{"assessed_on": <first day it no longer counts>}``: the score on that day with nothing
else changed (so a result that expires earlier is counted too).  There is no ECA date in the profile,
so ECA expiry (5 years) is not reported.

The top-level result also carries ``information`` (facts that are not advice: how the score would
change if the spouse did or did not accompany — declaring a spouse non-accompanying has real
consequences and is never suggested), ``eligibility`` (changes that gain no CRS points but would make
a program eligible, e.g. a job offer for the FSW grid or FSTP; same fields as a suggestion, sorted by
effort) and ``warnings`` (the assessment's warnings).

A combination of two changes is listed when it beats every single change (a provincial nomination,
which dwarfs everything, and the spouse-as-principal comparison are left out of that comparison and out
of combinations).  Pairs are formed from the best change of each kind, among the ``COMBINE_FROM`` best
kinds; each change appears in at most two combinations and at most ``MAX_COMBINATIONS`` are listed.
"""
from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Dict, Iterable, List, Optional, Tuple

from .vocabulary import (ABILITIES, EDUCATION_LABELS, EDUCATION_LEVELS, FRENCH_TESTS, TEST_LANGUAGE,  # noqa: F401
                         PARTNERED, TEST_SHORT_NAMES, add_years, parse_iso_date, score_text)

__all__ = ["advise", "advise_validated", "what_if", "merge", "EFFORTS", "MAX_COMBINATIONS"]

EDUCATION_ORDER = EDUCATION_LEVELS
EDUCATION_WORDS = EDUCATION_LABELS
TEST_NAMES = TEST_SHORT_NAMES
EFFORTS = ("weeks", "months", "year+", "not in your control")
_EFFORT_RANK = {e: i for i, e in enumerate(EFFORTS)}
MAX_COMBINATIONS = 5
COMBINE_FROM = 6  # combinations are formed from the best change of each of the 6 best groups
PARTS = ("core", "spouse", "transferability", "additional")
PROGRAMS = ("cec", "fsw", "fst")

SPOUSE_STATUSES = PARTNERED


# --------------------------------------------------------------------------- helpers

def merge(profile: dict, change: dict) -> dict:
    """The contract's merge: top-level fields of ``change`` replace the profile's, nested objects whole."""
    merged = dict(profile)
    merged.update(change)
    return merged


def _iso(d: _dt.date) -> str:
    return d.isoformat()


def _add_months(d: _dt.date, months: int) -> _dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return _dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)  # pragma: no cover


def _jsonable(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _key(change: dict) -> str:
    return json.dumps(change, sort_keys=True, default=str)


_fmt_score = score_text


def _as_number(test: str, score: Any) -> Any:
    """A score as JSON wants it: IELTS half bands as floats, the other tests as integers."""
    if test == "ielts":
        return float(score)
    if isinstance(score, float) and score.is_integer():
        return int(score)
    return score


def _prefix(who: str) -> str:
    """Titles name the person only when it is the spouse."""
    return "" if who == "You" else f"{who}: "


def _level_word(test: str) -> str:
    return "NCLC" if test in FRENCH_TESTS else "CLB"


# --------------------------------------------------------------------------- the engine, once per call

class _Rules:
    """The rule values that the advice's sentences state, from the ruleset in force on the assessment date."""

    def __init__(self, on: _dt.date):
        from . import crs, programs
        from .rules import ruleset_for

        rs = ruleset_for(on)
        self.ruleset = rs
        c = crs.compiled(rs)
        self.crs = c
        self.french = c["french"]  # min_nclc, english_min_clb_for_bilingual, french_only, bilingual
        self.nomination, self.additional_cap = c["pnp"], c["add_cap"]
        self.job_offer_max = c["job_max"]
        self.job_offer_since = rs.info("crs_additional")["effective"]
        self.spouse_language_max = 4 * c["sp_lang"][12]
        self.spouse_language_from = next(level for level, pts in enumerate(c["sp_lang"]) if pts)
        self.certificate_from = c["tr_coq_bands"][0].at
        self.validity_years = int(rs.table("language_tests")["validity_years"])
        grid = rs.table("fsw_grid")
        self.arranged_employment = int(grid["arranged_employment"]["points"])
        self.adaptability_job = int(grid["adaptability"]["items"]["arranged_employment"]["points"])
        prog = rs.table("programs")
        self.cec_months = int(prog["cec"]["canadian_work_months_last_3_years"])
        self.skilled_teers = programs.skilled_teers_text(rs)


class _Context:
    """One advice run: the raw profile, its validated copy, the base assessment, and a memo of totals."""

    def __init__(self, profile: dict, validated: Optional[dict] = None, assessment: Optional[dict] = None):
        from .assess import assess_validated
        from .profile import validate

        if not isinstance(profile, dict):
            from .profile import ProfileError
            raise ProfileError("profile", f"{type(profile).__name__} is not a profile",
                               "a JSON object of profile fields (see PROFILE.md)")
        self._assess_validated = assess_validated
        self._validate = validate
        self.raw = profile
        self.p = validated if validated is not None else validate(profile)
        self.on: _dt.date = self.p["assessed_on"]
        self.base = assessment if assessment is not None else assess_validated(self.p)
        self.rules = _Rules(self.on)
        self.total: int = self.base["crs"]["total"]
        self._memo: Dict[str, dict] = {}
        self.extra_information: List[dict] = []
        self.eligibility: List[dict] = []

    def merged_validated(self, change: dict) -> dict:
        """validate(merge(raw, change)) without re-checking the unchanged fields.

        profile.validate checks and normalises each field on its own (a null field is dropped), so the
        validated profile merged with the validated changed fields is the same dict; the cross-field
        checks run on the merged result's language fields and dates by validating them together.
        """
        sub = {k: v for k, v in change.items() if v is not None}
        on = sub.get("assessed_on", self.on)
        for key in ("first_language", "second_language", "spouse_language"):
            if key not in sub and key in self.p and ("assessed_on" in sub or key != "spouse_language"):
                sub[key] = self.raw[key]
        if "assessed_on" not in sub:
            sub["assessed_on"] = on.isoformat() if isinstance(on, _dt.date) else on
        for key, value in change.items():
            if value is None and key in sub:
                del sub[key]
        checked = self._validate(sub)
        merged = {k: v for k, v in self.p.items() if change.get(k, 0) is not None}
        merged.update(checked)
        return merged

    def assess(self, change: dict) -> dict:
        k = _key(change)
        got = self._memo.get(k)
        if got is None:
            got = self._assess_validated(self.merged_validated(change))
            self._memo[k] = got
        return got

    def total_with(self, change: dict) -> int:
        return self.assess(change)["crs"]["total"]

    # facts about the profile --------------------------------------------------
    def get(self, field: str, default: Any = None) -> Any:
        v = self.p.get(field)
        return default if v is None else v

    @property
    def scored_with_spouse(self) -> bool:
        """As the engine scored the profile (its ``scored_as`` extension; married with unknown flags counts)."""
        scored_as = self.base["crs"].get("scored_as")
        if scored_as is not None:
            return scored_as == "with_spouse"
        return (self.get("marital_status") in SPOUSE_STATUSES and self.get("spouse_accompanying") is not False
                and self.get("spouse_canadian") is not True)

    def levels(self, result: dict):
        from . import language
        return language.levels(result, self.on)

    def programs_changed(self, assessment: dict) -> Dict[str, dict]:
        out = {}
        before = self.base.get("programs") or {}
        after = assessment.get("programs") or {}
        for pid in PROGRAMS:
            b = (before.get(pid) or {}).get("eligible")
            a = (after.get(pid) or {}).get("eligible")
            if a != b:
                out[pid] = {"from": b, "to": a}
        return out


class _Suggestion:
    __slots__ = ("kind", "group", "title", "change", "effort", "note", "new_total", "extra", "combinable")

    def __init__(self, kind: str, title: str, change: dict, effort: str, note: str, group: Optional[str] = None,
                 combinable: bool = True, **extra: Any):
        assert effort in _EFFORT_RANK, effort
        self.kind = kind
        self.group = group or kind
        self.title = title
        self.change = change
        self.effort = effort
        self.note = note
        self.new_total: Optional[int] = None
        self.extra = extra
        self.combinable = combinable


# --------------------------------------------------------------------------- language

def _result_on(ctx: _Context, result: dict) -> Optional[_dt.date]:
    t = result.get("taken_on")
    if isinstance(t, str):
        try:
            return parse_iso_date(t)
        except ValueError:
            return None
    return t


def _new_result(ctx: _Context, old: dict, targets: Dict[str, Any]) -> dict:
    """A new test result on the same test: ``targets`` maps abilities to new scores; taken today.

    A retake is a whole new result: the other abilities keep their scores unless the test's scale
    for today's date would read them as a different level (TEF Canada changed scales), in which
    case they get the smallest score of today's scale at the same level.
    """
    from . import language

    test = old["test"]
    new = {k: v for k, v in _jsonable(old).items()}
    new.update({a: _as_number(test, s) for a, s in targets.items()})
    new["taken_on"] = _iso(ctx.on)
    taken = _result_on(ctx, old)
    if test in ("tef", "tcf") and taken not in (None, ctx.on):
        old_lv = ctx.levels({**old, "taken_on": taken}).levels
        new_lv = language.levels({**new, "taken_on": ctx.on}, ctx.on).levels
        for a in ABILITIES:
            if a in targets or a not in old or old_lv.get(a) is None:
                continue
            if new_lv.get(a) != old_lv.get(a):
                s = language.min_score(test, a, old_lv[a], taken_on=ctx.on)
                if s is not None:
                    new[a] = _as_number(test, s)
    return new


def _language_suggestions(ctx: _Context, field: str, kind: str, group: str, top_level: int,
                          all_four_targets: Iterable[int], who: str) -> List[_Suggestion]:
    """Per-ability next step (first level with a gain) and all-four targets on the candidate's own test."""
    from . import language

    result = ctx.p.get(field)
    if not result:
        return []
    raw_result = ctx.raw.get(field) or result
    test = result["test"]
    lv = ctx.levels(result)
    name = TEST_NAMES.get(test, test)
    lw = _level_word(test)
    out: List[_Suggestion] = []
    if not lv.valid:
        # An expired result earns nothing: the same scores on a new test bring the points back.
        change = {field: _new_result(ctx, raw_result, {})}
        reason = (getattr(lv, "reason", None)
                  or f"This result no longer counts: results count for {ctx.rules.validity_years} years.")
        out.append(_Suggestion(
            "expired_result", f"{_prefix(who)}Take {name} again (the current result no longer counts)", change,
            "months", f"{reason.rstrip('.')}. The suggestion assumes the same scores on a new test.", group=group))
        return out
    levels = lv.levels
    note_retake = (f"A new {name} result replaces the whole old one: you need at least your current scores in "
                   f"the other abilities too. Results count for {ctx.rules.validity_years} years.")
    # per ability: the next score on this test that crosses a level boundary that earns points
    for a in ABILITIES:
        if a not in result or levels.get(a) is None:
            continue
        cur = levels[a]
        for target in range(cur + 1, top_level + 1):
            s = language.min_score(test, a, target, taken_on=ctx.on)
            if s is None:
                break
            if s <= result[a]:
                continue
            change = {field: _new_result(ctx, raw_result, {a: s})}
            sug = _Suggestion(
                kind, f"{_prefix(who)}{name} {a} {_fmt_score(test, result[a])} → {_fmt_score(test, s)} "
                      f"({lw} {cur} → {target})",
                change, "months", note_retake, group=group, ability=a, target_level=target)
            total = ctx.total_with(change)
            if total > ctx.total:
                sug.new_total = total
                out.append(sug)
                break
    # all four abilities to at least a target level
    for target in all_four_targets:
        if all(levels.get(a) is not None and levels[a] >= target for a in ABILITIES):
            continue
        minimums = _level_minimums(test, target, ctx.on)
        scores = {a: s for a, s in (minimums or {}).items()
                  if a not in result or result[a] < s or levels.get(a) is None or levels[a] < target}
        if not scores:
            continue
        change = {field: _new_result(ctx, raw_result, scores)}
        shown = ", ".join(f"{a} {_fmt_score(test, change[field][a])}" for a in ABILITIES if a in change[field])
        out.append(_Suggestion(
            kind, f"{_prefix(who)}{name} at {lw} {target} or more in all four abilities ({shown})", change, "months",
            note_retake, group=group, target_level=target))
    return out


def _level_minimums(test: str, target: int, on) -> Optional[Dict[str, float]]:
    """The lowest score on ``test`` for ``target`` in each ability (None when the test cannot reach it)."""
    from . import language

    out = {}
    for a in ABILITIES:
        s = language.min_score(test, a, target, taken_on=on)
        if s is None:
            return None
        out[a] = s
    return out


def _added_language(ctx: _Context, field: str, test: str, targets: Iterable[int], kind: str, who: str,
                    note: str, effort: str = "months") -> List[_Suggestion]:
    out = []
    name = TEST_NAMES[test]
    lw = _level_word(test)
    for target in targets:
        minimums = _level_minimums(test, target, ctx.on)
        if not minimums:
            continue
        result = {"test": test, **{a: _as_number(test, s) for a, s in minimums.items()}, "taken_on": _iso(ctx.on)}
        shown = ", ".join(f"{a} {_fmt_score(test, result[a])}" for a in ABILITIES)
        lead = {"french": "Add French: ", "english": "Add English: "}.get(kind, "") if who == "You" else ""
        out.append(_Suggestion(kind, f"{_prefix(who)}{lead}{name} at {lw} {target} in all four abilities ({shown})",
                               {field: result}, effort, note, group=kind, target_level=target))
    return out


def _is_french(result: Optional[dict]) -> bool:
    return bool(result) and result.get("test") in FRENCH_TESTS


def _language_candidates(ctx: _Context) -> List[_Suggestion]:
    out: List[_Suggestion] = []
    first, second = ctx.p.get("first_language"), ctx.p.get("second_language")
    out += _language_suggestions(ctx, "first_language", "language", "first_language", 10, (7, 8, 9, 10), "You")
    out += _language_suggestions(ctx, "second_language", "language", "second_language", 10, (5, 7, 9), "You")
    fr = ctx.rules.french
    only, both, nclc, clb = fr["french_only"], fr["bilingual"], fr["min_nclc"], fr["english_min_clb_for_bilingual"]
    french_note = (f"French counts in two ways: points for a second official language, and {only} or {both} "
                   f"additional points at NCLC {nclc} or more in all four abilities ({both} if your English is "
                   f"CLB {clb} or more in all four). NCLC {nclc} in all four also opens French-language category "
                   "draws. Scores shown are TEF Canada minimums; TCF Canada works too.")
    english_note = (f"An English result adds second-language points, and with French at NCLC {nclc} in all four, "
                    f"CLB {clb} or more in all four English abilities raises the French bonus from {only} to "
                    f"{both}.")
    if not _is_french(first) and not _is_french(second):
        field = "second_language" if first else ("first_language" if not second else None)
        if field:
            out += _added_language(ctx, field, "tef", (5, 7, 9), "french", "You", french_note)
    elif _is_french(first) and not second or (_is_french(second) and not first):
        field = "second_language" if first else "first_language"
        out += _added_language(ctx, field, "ielts", (5, 7, 9), "english", "You", english_note)
    if not first and not second:
        # no language result at all: an English test is the first thing to do
        out += _added_language(ctx, "first_language", "ielts", (7, 9), "english", "You",
                               "Every Express Entry program needs a language test; points count per ability.")
    return out


# --------------------------------------------------------------------------- work, education, study

def _work_candidates(ctx: _Context) -> List[_Suggestion]:
    out: List[_Suggestion] = []
    years = ctx.get("canadian_work_years", 0)
    months = ctx.p.get("canadian_work_months_last_3_years")
    if years < 10:
        change: Dict[str, Any] = {"canadian_work_years": years + 1}
        if months is not None or years == 0:
            change["canadian_work_months_last_3_years"] = min(36, (months or 0) + 12)
        extra: Dict[str, Any] = {}
        note = (f"Another 12 months (1,560 hours) of paid, skilled (TEER {ctx.rules.skilled_teers}) work in Canada with work "
                "authorization. Self-employment and work while a full-time student don't count.")
        if months is not None and 0 <= months - 12 * years < 12 and months < 36:
            left = 12 - (months - 12 * years)
            extra["expected_on"] = _iso(_add_months(ctx.on, left))
            note += (f" If all your Canadian work is in the last 3 years and you keep working full-time, the next "
                     f"full year completes in about {left} month{'s' if left != 1 else ''}.")
        out.append(_Suggestion("canadian_work", f"One more year of skilled work in Canada ({years} → {years + 1})",
                               change, "year+", note, **extra))
    foreign = ctx.get("foreign_work_years", 0)
    for step in (1, 2):
        if foreign + step > 10:
            break
        change = {"foreign_work_years": foreign + step}
        total = ctx.total_with(change)
        if total > ctx.total:
            s = _Suggestion(
                "foreign_work", f"{'One more year' if step == 1 else 'Two more years'} of skilled work outside "
                                f"Canada ({foreign} → {foreign + step})", change, "year+",
                f"Paid, skilled (TEER {ctx.rules.skilled_teers}) work outside Canada in the last 10 years. It earns points only "
                "together with your language level or Canadian work (skill transferability).")
            s.new_total = total
            out.append(s)
            break
    return out


def _education_candidates(ctx: _Context) -> List[_Suggestion]:
    out: List[_Suggestion] = []
    edu = ctx.p.get("education")
    recognized = ctx.p.get("education_recognized", True) is not False
    if edu is not None and not recognized and edu not in ("less_than_secondary",):
        out.append(_Suggestion(
            "eca", "Get an Educational Credential Assessment (ECA) for your foreign credential",
            {"education_recognized": True}, "months",
            "A foreign credential earns points only with an ECA from an IRCC-designated organization (for "
            "example WES). An ECA is valid for 5 years. Assumes the ECA confirms the level you gave."))
    if edu is None:
        return out
    i = EDUCATION_ORDER.index(edu)
    wanted: List[str] = []
    for level in EDUCATION_ORDER[i + 1:]:
        change: Dict[str, Any] = {"education": level}
        if not recognized:
            change["education_recognized"] = True
        if ctx.total_with(change) > ctx.total:
            wanted.append(level)
            break
    if edu in ("bachelors", "two_or_more") and "masters" not in wanted:
        wanted.append("masters")
    for level in wanted:
        change = {"education": level}
        if not recognized:
            change["education_recognized"] = True
        if level == "two_or_more":
            title = "A further post-secondary credential (two or more, one of them 3+ years)"
        else:
            title = f"Complete {EDUCATION_WORDS[level]}"
        note = "A foreign credential needs an ECA to count; a Canadian credential counts directly."
        if level == "two_or_more":
            note = ("Any further post-secondary credential (for example a one-year diploma) counts, as long as one "
                    "of your credentials is a program of 3 years or more. " + note)
        out.append(_Suggestion("education", title, change, "year+", note))
    return out


def _study_candidates(ctx: _Context) -> List[_Suggestion]:
    out: List[_Suggestion] = []
    cur = ctx.p.get("canadian_education") or "none"
    edu = ctx.p.get("education")
    recognized = ctx.p.get("education_recognized", True) is not False
    options = [("one_or_two_year", "one_year", "a one- or two-year post-secondary credential in Canada"),
               ("three_year_or_more", "bachelors",
                "a Canadian credential of 3+ years, or a master's, professional or doctoral degree in Canada")]
    ranks = {"none": 0, "one_or_two_year": 1, "three_year_or_more": 2}
    for value, min_edu, words in options:
        if ranks[value] <= ranks.get(cur, 0):
            continue
        change: Dict[str, Any] = {"canadian_education": value}
        edu_i = EDUCATION_ORDER.index(edu) if edu in EDUCATION_ORDER else -1
        if not recognized:
            # the Canadian credential is the one that counts (no ECA needed); the foreign one still does not
            change["education"] = min_edu
            change["education_recognized"] = True
        elif edu_i < EDUCATION_ORDER.index(min_edu):
            change["education"] = min_edu
        note = ("Counts for a post-secondary credential earned in Canada after at least 8 months of full-time "
                "study in Canada. ")
        if not recognized:
            note += ("A Canadian credential needs no ECA, so your education then counts as "
                     f"{EDUCATION_WORDS[change['education']]} (your foreign credential still needs an ECA to "
                     "count on its own). ")
        elif "education" in change:
            note += f"Your education level is raised to at least {EDUCATION_WORDS[change['education']]} to match. "
        else:
            note += "A further credential may also raise your education points (see the education suggestion). "
        out.append(_Suggestion("canadian_study", f"Earn {words}", change, "year+", note.strip()))
    return out


# --------------------------------------------------------------------------- spouse

def _spouse_candidates(ctx: _Context) -> List[_Suggestion]:
    if not ctx.scored_with_spouse:
        return []
    out: List[_Suggestion] = []
    if ctx.p.get("spouse_language"):
        out += _language_suggestions(ctx, "spouse_language", "spouse_language", "spouse_language", 10, (5, 7, 9),
                                     "Your spouse")
    else:
        out += _added_language(ctx, "spouse_language", "ielts", (5, 7, 9), "spouse_language", "Your spouse",
                               f"Your spouse's first official language earns up to "
                               f"{ctx.rules.spouse_language_max} points (CLB {ctx.rules.spouse_language_from} or "
                               "more per ability). Any accepted test counts; IELTS minimums shown.")
    sedu = ctx.p.get("spouse_education")
    if sedu is not None:
        i = EDUCATION_ORDER.index(sedu)
        for level in EDUCATION_ORDER[i + 1:]:
            change = {"spouse_education": level}
            if ctx.total_with(change) > ctx.total:
                out.append(_Suggestion(
                    "spouse_education", f"Your spouse completes {EDUCATION_WORDS[level]}", change, "year+",
                    "A foreign credential needs an ECA to count; a Canadian credential counts directly."))
                break
    syears = ctx.get("spouse_canadian_work_years", 0)
    if syears < 10:
        out.append(_Suggestion(
            "spouse_work", f"Your spouse works one more year in Canada ({syears} → {syears + 1})",
            {"spouse_canadian_work_years": syears + 1}, "year+",
            f"Paid, skilled (TEER {ctx.rules.skilled_teers}) work in Canada with work authorization."))
    swap, info = _spouse_principal(ctx)
    ctx.extra_information.extend(info)
    out += swap
    return out


def _spouse_principal(ctx: _Context) -> Tuple[List[_Suggestion], List[dict]]:
    """Would the spouse score higher as the principal applicant?  Only with the spouse's education and language.

    The roles are swapped field by field, in the contract's vocabulary (no nulls: an independent checker
    must be able to merge the change).  What the profile cannot say about the spouse is set to "none"
    and listed in ``assumptions``.  A candidate with a second official language result cannot be swapped
    without removing a field: the comparison is then given as information instead of a suggestion.
    Program eligibility is not compared (the occupation and work history are the candidate's).
    """
    sedu, slang = ctx.p.get("spouse_education"), ctx.p.get("spouse_language")
    if sedu is None or not slang or ctx.p.get("age") is None:
        return [], []
    raw = ctx.raw
    recognized = ctx.p.get("education_recognized", True) is not False
    syears = ctx.get("spouse_canadian_work_years", 0)
    assumptions = [
        "your spouse is the same age as you (the profile has no spouse age)",
        "your spouse's education is a Canadian credential or has an ECA",
        "your spouse has no skilled work outside Canada, no Canadian study, no certificate of qualification, "
        "no second official language result, no nomination and no job offer (the profile does not say)",
        "you would come to Canada as the accompanying spouse",
    ]
    change: Dict[str, Any] = {
        "education": sedu,
        "education_recognized": True,
        "first_language": _jsonable(raw.get("spouse_language") or slang),
        "canadian_work_years": syears,
        "canadian_work_months_last_3_years": min(36, 12 * syears),
        "foreign_work_years": 0,
        "canadian_education": "none",
        "canadian_study_2_years": False,
        "certificate_of_qualification": False,
        "trade_work_years_last_5": 0,
        "job_offer": False,
        "provincial_nomination": False,
        "spouse_education": ctx.p.get("education") if recognized else "less_than_secondary",
        "spouse_canadian_work_years": ctx.get("canadian_work_years", 0),
    }
    if syears:
        assumptions.append("all of your spouse's Canadian work is within the last 3 years")
    if not recognized:
        assumptions.append("your own foreign credential, without an ECA, earns no spouse points")
    if ctx.p.get("education") is None:
        del change["spouse_education"]
    first = raw.get("first_language")
    if first:
        change["spouse_language"] = _jsonable(first)
    if "first_language_fixed" in raw:
        change["first_language_fixed"] = False
    # keep the change minimal: leave out "none" values for fields the profile does not have at all
    defaults = {"foreign_work_years": 0, "canadian_education": "none", "canadian_study_2_years": False,
                "certificate_of_qualification": False, "trade_work_years_last_5": 0, "job_offer": False,
                "provincial_nomination": False}
    for k, v in defaults.items():
        if raw.get(k) is None:
            del change[k]
    if raw.get("canadian_work_months_last_3_years") is None and raw.get("canadian_work_years") is None and not syears:
        del change["canadian_work_months_last_3_years"]
    note = ("Either of you can be the principal applicant; compare both before creating a profile. Assumed: "
            + "; ".join(assumptions) + ". Program eligibility (work experience, occupation, funds) must then be "
            "met by your spouse and is not compared here.")
    title = "Your spouse as the principal applicant"
    if raw.get("second_language") is not None or not first:
        # cannot be expressed as a merge without removing a field: information, not a suggestion
        change = dict(change, second_language=None)
        if not first:
            change["spouse_language"] = None
        after = ctx.assess(change)
        return [], [{"title": title, "change": change, "difference": after["crs"]["total"] - ctx.total,
                     "new_total": after["crs"]["total"], "note": note + " (Your second official language result "
                     "is left out: it is yours, not your spouse's.)", "assumptions": assumptions}]
    return [_Suggestion("spouse_principal", title, change, "weeks", note, combinable=False,
                        assumptions=assumptions)], []


def _information(ctx: _Context) -> List[dict]:
    out = []
    if ctx.get("marital_status") in SPOUSE_STATUSES and ctx.get("spouse_canadian") is not True:
        acc = ctx.get("spouse_accompanying")
        if acc is None and ctx.scored_with_spouse:
            acc = True  # the engine scores an unknown answer as accompanying (and warns)
        if acc is not None:
            change = {"spouse_accompanying": not acc}
            after = ctx.assess(change)
            diff = after["crs"]["total"] - ctx.total
            if acc:
                title = "If your spouse were not coming to Canada"
                note = ("For information only, not advice: you would be scored as single. Declaring a spouse "
                        "non-accompanying has real consequences (they could not immigrate with you on this "
                        "application, and must still be examined and declared); never declare it for points.")
            else:
                title = "If your spouse came with you to Canada"
                note = ("For information only: an accompanying spouse who is not a Canadian citizen or permanent "
                        "resident changes the columns you are scored on and adds the spouse factors.")
            out.append({"title": title, "change": change, "difference": diff, "new_total": after["crs"]["total"],
                        "note": note})
    return out


# --------------------------------------------------------------------------- nomination, trades

def _other_candidates(ctx: _Context) -> List[_Suggestion]:
    out: List[_Suggestion] = []
    if not ctx.p.get("provincial_nomination"):
        out.append(_Suggestion(
            "nomination", "A provincial or territorial nomination", {"provincial_nomination": True}, "months",
            f"A nomination through an Express Entry-aligned stream of a province or territory adds "
            f"{ctx.rules.nomination} points (additional points are capped at {ctx.rules.additional_cap}). Each "
            "province has its own criteria and intake; you must meet them and usually intend to live there.",
            combinable=False))
    if not ctx.p.get("job_offer"):
        r = ctx.rules
        crs_words = (f"It earns no CRS points under these rules (removed on {r.job_offer_since})."
                     if not r.job_offer_max else
                     f"Under the rules in force on your assessment date it earns CRS points (up to {r.job_offer_max}).")
        out.append(_Suggestion(
            "job_offer", "A valid job offer in Canada", {"job_offer": True}, "months",
            crs_words + f" It also counts for the FSW selection grid (arranged employment {r.arranged_employment} "
            f"points, adaptability {r.adaptability_job}), meets the FSTP job-offer requirement and, if you are "
            "authorized to work in Canada, exempts you from proof of funds. It must be full-time, non-seasonal, "
            f"for at least a year, in a TEER {r.skilled_teers} occupation (usually with an LMIA).",
            combinable=False))
    if not ctx.p.get("certificate_of_qualification") and _in_trade(ctx):
        out.append(_Suggestion(
            "certificate_of_qualification", "A Canadian certificate of qualification in your trade",
            {"certificate_of_qualification": True}, "months",
            "Issued by a Canadian province, territory or federal body after a trade assessment or exam; it earns "
            f"skill-transferability points with CLB {ctx.rules.certificate_from} or more in all four abilities, "
            "and also meets the FSTP "
            "job-offer-or-certificate requirement."))
    return out


def _in_trade(ctx: _Context) -> bool:
    """Someone a certificate of qualification can apply to: trade work years, or a NOC in the FSTP trades."""
    if (ctx.p.get("trade_work_years_last_5") or 0) > 0:
        return True
    noc = ctx.p.get("noc_code")
    if not noc:
        return False
    from .programs import is_skilled_trade

    return is_skilled_trade(noc, ctx.on)


# --------------------------------------------------------------------------- losses ahead

def _losses(ctx: _Context) -> List[dict]:
    out: List[dict] = []
    age = ctx.p.get("age")
    if age is not None and age < 100:
        change = {"age": age + 1}
        after = ctx.assess(change)
        loss = ctx.total - after["crs"]["total"]
        progs = ctx.programs_changed(after)
        if loss > 0 or progs:
            out.append({
                "on": _iso(add_years(ctx.on, 1)), "change": change, "loss": loss,
                "title": f"Turning {age + 1}", "when": "at your next birthday",
                "earliest_on": _iso(ctx.on + _dt.timedelta(days=1)),
                "note": ("The profile gives your age, not your birth date: the date shown is the latest your next "
                         "birthday can fall (one year after the assessment date). In the pool your score drops on "
                         "your birthday; if you are invited before it, a public policy lets officers disregard a "
                         "birthday that falls between the invitation and your application."),
                "programs": progs})
    for field, who in (("first_language", "Your"), ("second_language", "Your"), ("spouse_language", "Your spouse's")):
        result = ctx.p.get(field)
        if not result or _result_on(ctx, result) is None:
            continue
        lv = ctx.levels(result)
        if not lv.valid:
            continue
        expires = _expiry(ctx, result)
        if expires is None:
            continue
        change = _expiry_change(ctx, field, expires)
        if change is None:
            continue
        after = ctx.assess(change)
        loss = ctx.total - after["crs"]["total"]
        progs = ctx.programs_changed(after)
        if loss <= 0 and not progs:
            continue
        name = TEST_NAMES.get(result["test"], result["test"])
        out.append({
            "on": _iso(expires), "change": change, "loss": loss,
            "title": f"{who} {name} result expires", "when": f"on {_iso(expires)}",
            "note": (f"Test results count for {ctx.rules.validity_years} years from the test date; after that they "
                     "earn no points and no "
                     "longer meet program minimums. Take the test again before then (or be invited before then)."),
            "programs": progs})
    out += _cec_window(ctx)
    out.sort(key=lambda x: (x.get("earliest_on", x["on"]), -x["loss"]))
    return out


def _expiry(ctx: _Context, result: dict) -> Optional[_dt.date]:
    """The first day the result no longer counts (None if it has no test date or has already expired)."""
    lv = ctx.levels(result)
    expires = lv.expires_on
    return expires if expires is not None and expires > ctx.on else None


def _expiry_change(ctx: _Context, field: str, expires: _dt.date) -> Optional[dict]:
    """The change that reproduces the day a result has expired: the assessment date moves to that day.

    Everything else in the profile stays as it is (age included), so the difference is the expiry
    itself, plus any other result that expires by then.
    """
    return {"assessed_on": _iso(expires)}


def _cec_window(ctx: _Context) -> List[dict]:
    months = ctx.p.get("canadian_work_months_last_3_years")
    cec = (ctx.base.get("programs") or {}).get("cec") or {}
    need = ctx.rules.cec_months
    if months is None or months < need or cec.get("eligible") is not True:
        return []
    change = {"canadian_work_months_last_3_years": need - 1}
    after = ctx.assess(change)
    progs = ctx.programs_changed(after)
    if "cec" not in progs:
        return []
    earliest = _add_months(ctx.on, months - need + 1)
    return [{
        "on": _iso(earliest), "change": change, "loss": ctx.total - after["crs"]["total"],
        "title": "Your Canadian work leaves the CEC 3-year window",
        "when": f"as early as {_iso(earliest)} if you do no more skilled work in Canada",
        "note": (f"CEC needs {need} months of skilled Canadian work in the 3 years before you apply. The profile has "
                 "month counts, not dates: the date shown is the earliest it could happen (if your months are the "
                 "oldest in the window and you stop working). Working on in Canada keeps the window filled. "
                 "CRS points for Canadian work count the last 10 years and are not affected here."),
        "programs": progs}]


# --------------------------------------------------------------------------- assembling

def _evaluate(ctx: _Context, cands: List[_Suggestion]) -> List[_Suggestion]:
    kept: List[_Suggestion] = []
    seen = set()
    for c in cands:
        k = _key(c.change)
        if k in seen:
            continue
        seen.add(k)
        if c.new_total is None:
            c.new_total = ctx.total_with(c.change)
        if c.new_total > ctx.total:
            kept.append(c)
        elif c.kind != "spouse_principal":
            progs = ctx.programs_changed(ctx.assess(c.change))
            if any(v["to"] is True for v in progs.values()):
                ctx.eligibility.append({
                    "change": c.change, "title": c.title, "kind": c.kind, "effort": c.effort, "note": c.note,
                    "new_total": c.new_total, "programs": progs})
    return kept


def _sort_key(s: _Suggestion) -> Tuple:
    return (-(s.new_total or 0), _EFFORT_RANK[s.effort], s.kind == "combination", s.title)


def _combinations(ctx: _Context, singles: List[_Suggestion]) -> List[_Suggestion]:
    pool = [s for s in singles if s.combinable]
    if len(pool) < 2:
        return []
    best_single = max(s.new_total for s in pool)
    # the best change of each group, and only the COMBINE_FROM best groups, so that the pairs stay few
    by_group: Dict[str, _Suggestion] = {}
    for s in sorted(pool, key=_sort_key):
        by_group.setdefault(s.group, s)
    chosen = sorted(by_group.values(), key=_sort_key)[:COMBINE_FROM]
    combos: List[_Suggestion] = []
    for i, a in enumerate(chosen):
        for b in chosen[i + 1:]:
            if a.group == b.group or set(a.change) & set(b.change):
                continue
            change = {**a.change, **b.change}
            total = ctx.total_with(change)
            if total <= best_single or total <= max(a.new_total, b.new_total):
                continue
            effort = max(a.effort, b.effort, key=lambda e: _EFFORT_RANK[e])
            c = _Suggestion("combination", f"{a.title} + {b.title}", change, effort,
                            "Both changes together (see each one's own note); together they gain more than any "
                            "single change.", group="combination", parts=[a.title, b.title])
            c.new_total = total
            c.extra["_members"] = (id(a), id(b))
            combos.append(c)
    combos.sort(key=_sort_key)
    # keep the list varied: each single change appears in at most two combinations
    used: Dict[int, int] = {}
    kept = []
    for c in combos:
        members = c.extra.pop("_members")
        if any(used.get(m, 0) >= 2 for m in members):
            continue
        for m in members:
            used[m] = used.get(m, 0) + 1
        kept.append(c)
        if len(kept) == MAX_COMBINATIONS:
            break
    return kept


# The ruleset table whose official page explains each kind of change (its URL is the suggestion's source).
_SOURCE_TABLE = {"language": "language_charts", "french": "language_charts", "english": "language_charts",
                 "spouse_language": "language_charts", "expired_result": "language_tests",
                 "canadian_work": "crs_canadian_work", "foreign_work": "crs_transferability",
                 "education": "crs_education", "eca": "crs_education", "canadian_study": "crs_additional",
                 "spouse_education": "crs_spouse_education", "spouse_work": "crs_spouse_canadian_work",
                 "spouse_principal": "crs_caps", "nomination": "crs_additional",
                 "certificate_of_qualification": "crs_transferability", "combination": "crs_caps",
                 "job_offer": "crs_additional"}


def _source(ctx: _Context, kind: str) -> Optional[str]:
    from .rules import ruleset_for

    rs = ruleset_for(ctx.on)
    name = _SOURCE_TABLE.get(kind, "crs_caps")
    return rs.source(name) if rs.has(name) else None


def _suggestion_dict(ctx: _Context, s: _Suggestion) -> dict:
    d = {"change": s.change, "gain": s.new_total - ctx.total, "new_total": s.new_total, "effort": s.effort,
         "note": s.note, "title": s.title, "kind": s.kind}
    src = _source(ctx, s.kind)
    if src:
        d["source"] = src
    d["programs"] = ctx.programs_changed(ctx.assess(s.change)) if s.kind != "spouse_principal" else {}
    for k in ("parts", "expected_on", "assumptions"):
        if k in s.extra:
            d[k] = s.extra[k]
    return d


def advise(profile: dict) -> dict:
    """Ranked suggestions that raise the CRS score, and the losses ahead (PROFILE.md "Advice (output)").

    Raises :class:`express_entry.ProfileError` for a profile the engine refuses.
    """
    return _advise(_Context(profile))


def advise_validated(p: dict, assessment: Optional[dict] = None) -> dict:
    """``advise`` for a profile already returned by ``profile.validate`` and, when known, its assessment
    (``assess_validated(p)``): one validation and one base assessment per turn."""
    return _advise(_Context(p, validated=p, assessment=assessment))


def _advise(ctx: "_Context") -> dict:
    cands: List[_Suggestion] = []
    cands += _language_candidates(ctx)
    cands += _work_candidates(ctx)
    cands += _education_candidates(ctx)
    cands += _study_candidates(ctx)
    cands += _spouse_candidates(ctx)
    cands += _other_candidates(ctx)
    singles = _evaluate(ctx, cands)
    combos = _combinations(ctx, singles)
    seen = {_key(s.change) for s in singles}
    combos = [c for c in combos if _key(c.change) not in seen]
    ranked = sorted(singles + combos, key=_sort_key)
    return {
        "ruleset": ctx.base["ruleset"],
        "total": ctx.total,
        "suggestions": [_suggestion_dict(ctx, s) for s in ranked],
        "losses_ahead": _losses(ctx),
        "information": _information(ctx) + ctx.extra_information,
        "eligibility": sorted(ctx.eligibility, key=lambda x: (_EFFORT_RANK[x["effort"]], x["title"])),
        "warnings": list(ctx.base.get("warnings") or []),
    }


# --------------------------------------------------------------------------- what-if

def _parts(assessment: dict) -> Dict[str, int]:
    crs = assessment["crs"]
    return {k: crs[k] for k in ("total",) + PARTS}


def what_if(profile: dict, change: dict) -> dict:
    """Apply ``change`` (a partial profile) and return the difference part by part and factor by factor.

    ``change`` is merged as the contract says (top-level fields replaced, nested objects whole); the
    merged profile is validated like any other (a bad field raises ProfileError naming it).
    """
    from . import assess
    from .profile import ProfileError, validate

    if not isinstance(profile, dict):
        raise ProfileError("profile", f"{type(profile).__name__} is not a profile",
                               "a JSON object of profile fields (see PROFILE.md)")
    if not isinstance(change, dict):
        raise ProfileError("change", f"{type(change).__name__} is not a change",
                           "a JSON object of profile fields, a partial profile (see PROFILE.md)")
    validate(profile)
    before = assess(profile)
    after = assess(merge(profile, change))
    b, a = _parts(before), _parts(after)
    factors = []
    bf = {(f.get("part"), f["factor"]): f for f in before["crs"].get("factors", [])}
    af = {(f.get("part"), f["factor"]): f for f in after["crs"].get("factors", [])}
    order = list(bf) + [k for k in af if k not in bf]
    for key in order:
        pb = (bf.get(key) or {}).get("points", 0)
        pa = (af.get(key) or {}).get("points", 0)
        factors.append({"factor": key[1], "part": key[0], "before": pb, "after": pa, "difference": pa - pb,
                        "detail": (af.get(key) or bf.get(key) or {}).get("detail")})
    programs = {}
    for pid in PROGRAMS:
        pb = (before.get("programs") or {}).get(pid) or {}
        pa = (after.get("programs") or {}).get(pid) or {}
        programs[pid] = {"before": pb.get("eligible"), "after": pa.get("eligible"),
                         "changed": pb.get("eligible") != pa.get("eligible"), "reasons": pa.get("reasons", [])}
    return {
        "ruleset": after["ruleset"],
        "ruleset_before": before["ruleset"],
        "change": change,
        "before": b,
        "after": a,
        "difference": {k: a[k] - b[k] for k in b},
        "factors": factors,
        "programs": programs,
        "missing": after.get("missing", []),
        "warnings": after.get("warnings", []),
    }
