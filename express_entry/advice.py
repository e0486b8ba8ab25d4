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

from . import concepts as _concepts
from .vocabulary import long_date
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


class _Text:
    """A sentence of the advice (``data/labels/<language>.yaml``, ``advice.<key>``) and its values, written out in a
    language only when the advice is returned (:func:`_written`); the ranking compares the English words, so the
    order is the same in every language. A value may itself be a callable of the language (another _Text)."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, **values: Any):
        self.key, self.values = key, values

    def __call__(self, language: str = "en") -> str:
        return _concepts.say(f"advice.{self.key}", language,
                             **{k: v(language) if callable(v) else v for k, v in self.values.items()})


def _cat(*parts: Any) -> Any:
    """Sentences (texts or callables of the language) written one after the other."""
    return lambda language: "".join(p(language) if callable(p) else p for p in parts)


def _education(level: str) -> Any:
    """An education level in words ("a master's or professional degree"), in each language."""
    return lambda language: _concepts.words("education_words", language)[level]


def _ability(a: str) -> Any:
    return lambda language: _concepts.words("abilities", language).get(a, a)


def _score(test: str, score: Any) -> Any:
    """A test score as the report shows it ("6.5"; "6,5" in French)."""
    return lambda language: (_fmt_score(test, score) if language == "en"
                             else _fmt_score(test, score).replace(".", ","))


def _scores(test: str, result: dict, abilities: Iterable[str]) -> Any:
    """"listening 8.0, reading 7.0, ..." of ``result``."""
    return lambda language: ", ".join(f"{_ability(a)(language)} {_score(test, result[a])(language)}"
                                      for a in abilities)


def _day(d: _dt.date) -> Any:
    """A date as the advice writes it: ISO in English (the contract's), "3 mars 2027" in French."""
    return lambda language: _iso(d) if language == "en" else long_date(d, language)


def _written(value: Any, language: str) -> Any:
    """A title, note, when or list of them written in ``language``."""
    if callable(value):
        return value(language)
    if isinstance(value, list):
        return [_written(v, language) for v in value]
    return value


def _titled(who: str, title: _Text) -> Any:
    """Titles name the person only when it is the spouse."""
    return title if who == "You" else _Text("spouse_prefix", title=title)


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
        self.skilled_teers_en = programs.skilled_teers_text(rs)
        self.skilled_teers = lambda language: (self.skilled_teers_en if language == "en" else
                                               programs.skilled_teers_text(rs, language))


class _Context:
    """One advice run: the raw profile, its validated copy, the base assessment, and a memo of totals."""

    def __init__(self, profile: dict, validated: Optional[dict] = None, assessment: Optional[dict] = None,
                 language: str = "en"):
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
        self.language = language
        self.base = assessment if assessment is not None else assess_validated(self.p, language)
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
        reason = lambda lang: language.reason_text(lv, lang).rstrip(".")  # noqa: E731
        out.append(_Suggestion(
            "expired_result", _titled(who, _Text("retake", test=name)), change,
            "months", _Text("same_scores_assumed", reason=reason), group=group))
        return out
    levels = lv.levels
    note_retake = _Text("note_retake", test=name, years=ctx.rules.validity_years)
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
                kind, _titled(who, _Text("ability_step", test=name, ability=_ability(a), before=_score(test, result[a]),
                                         after=_score(test, s), word=lw, level=cur, target=target)),
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
        shown = _scores(test, change[field], [a for a in ABILITIES if a in change[field]])
        out.append(_Suggestion(
            kind, _titled(who, _Text("all_four", test=name, word=lw, target=target, scores=shown)), change, "months",
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
                    note: Any, effort: str = "months") -> List[_Suggestion]:
    out = []
    name = TEST_NAMES[test]
    lw = _level_word(test)
    for target in targets:
        minimums = _level_minimums(test, target, ctx.on)
        if not minimums:
            continue
        result = {"test": test, **{a: _as_number(test, s) for a, s in minimums.items()}, "taken_on": _iso(ctx.on)}
        shown = _scores(test, result, ABILITIES)
        title = _Text("add_language", test=name, word=lw, target=target, scores=shown)
        if who == "You" and kind in ("french", "english"):
            title = _Text(f"add_{kind}", title=title)
        out.append(_Suggestion(kind, _titled(who, title), {field: result}, effort, note, group=kind,
                               target_level=target))
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
    french_note = _Text("note_french", only=only, both=both, nclc=nclc, clb=clb)
    english_note = _Text("note_english", only=only, both=both, nclc=nclc, clb=clb)
    if not _is_french(first) and not _is_french(second):
        field = "second_language" if first else ("first_language" if not second else None)
        if field:
            out += _added_language(ctx, field, "tef", (5, 7, 9), "french", "You", french_note)
    elif _is_french(first) and not second or (_is_french(second) and not first):
        field = "second_language" if first else "first_language"
        out += _added_language(ctx, field, "ielts", (5, 7, 9), "english", "You", english_note)
    if not first and not second:
        # no language result at all: an English test is the first thing to do
        out += _added_language(ctx, "first_language", "ielts", (7, 9), "english", "You", _Text("note_first_test"))
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
        note: Any = _Text("note_canadian_work", teers=ctx.rules.skilled_teers)
        if months is not None and 0 <= months - 12 * years < 12 and months < 36:
            left = 12 - (months - 12 * years)
            extra["expected_on"] = _iso(_add_months(ctx.on, left))
            note = _cat(note, _Text("next_year_in_one_month" if left == 1 else "next_year_in_months", months=left))
        out.append(_Suggestion("canadian_work", _Text("canadian_work", before=years, after=years + 1),
                               change, "year+", note, **extra))
    foreign = ctx.get("foreign_work_years", 0)
    for step in (1, 2):
        if foreign + step > 10:
            break
        change = {"foreign_work_years": foreign + step}
        total = ctx.total_with(change)
        if total > ctx.total:
            s = _Suggestion(
                "foreign_work", _Text(f"foreign_work_{step}", before=foreign, after=foreign + step), change, "year+",
                _Text("note_foreign_work", teers=ctx.rules.skilled_teers))
            s.new_total = total
            out.append(s)
            break
    return out


def _education_candidates(ctx: _Context) -> List[_Suggestion]:
    out: List[_Suggestion] = []
    edu = ctx.p.get("education")
    recognized = ctx.p.get("education_recognized", True) is not False
    if edu is not None and not recognized and edu not in ("less_than_secondary",):
        out.append(_Suggestion("eca", _Text("eca"), {"education_recognized": True}, "months", _Text("note_eca")))
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
            title = _Text("education_two_or_more")
        else:
            title = _Text("education", level=_education(level))
        note: Any = _Text("note_education")
        if level == "two_or_more":
            note = _cat(_Text("note_two_or_more"), note)
        out.append(_Suggestion("education", title, change, "year+", note))
    return out


def _study_candidates(ctx: _Context) -> List[_Suggestion]:
    out: List[_Suggestion] = []
    cur = ctx.p.get("canadian_education") or "none"
    edu = ctx.p.get("education")
    recognized = ctx.p.get("education_recognized", True) is not False
    options = [("one_or_two_year", "one_year", _Text("study_short")),
               ("three_year_or_more", "bachelors", _Text("study_long"))]
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
        if not recognized:
            more = _Text("note_study_no_eca", level=_education(change["education"]))
        elif "education" in change:
            more = _Text("note_study_raised", level=_education(change["education"]))
        else:
            more = _Text("note_study_further")
        out.append(_Suggestion("canadian_study", _Text("study", credential=words), change, "year+",
                               _Text("note_study", more=more)))
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
                               _Text("note_spouse_language", points=ctx.rules.spouse_language_max,
                                     clb=ctx.rules.spouse_language_from))
    sedu = ctx.p.get("spouse_education")
    if sedu is not None:
        i = EDUCATION_ORDER.index(sedu)
        for level in EDUCATION_ORDER[i + 1:]:
            change = {"spouse_education": level}
            if ctx.total_with(change) > ctx.total:
                out.append(_Suggestion(
                    "spouse_education", _Text("spouse_education", level=_education(level)), change, "year+",
                    _Text("note_education")))
                break
    syears = ctx.get("spouse_canadian_work_years", 0)
    if syears < 10:
        out.append(_Suggestion(
            "spouse_work", _Text("spouse_work", before=syears, after=syears + 1),
            {"spouse_canadian_work_years": syears + 1}, "year+", _Text("note_spouse_work", teers=ctx.rules.skilled_teers)))
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
    assumptions: List[Any] = [_Text("assume_same_age"), _Text("assume_spouse_eca"), _Text("assume_spouse_nothing"),
                              _Text("assume_accompanying")]
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
        assumptions.append(_Text("assume_spouse_work_recent"))
    if not recognized:
        assumptions.append(_Text("assume_own_no_eca"))
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
    listed = list(assumptions)
    note = _Text("note_spouse_principal", assumptions=lambda language: "; ".join(a(language) for a in listed))
    title = _Text("spouse_principal")
    if raw.get("second_language") is not None or not first:
        # cannot be expressed as a merge without removing a field: information, not a suggestion
        change = dict(change, second_language=None)
        if not first:
            change["spouse_language"] = None
        after = ctx.assess(change)
        return [], [{"title": title, "change": change, "difference": after["crs"]["total"] - ctx.total,
                     "new_total": after["crs"]["total"], "note": _cat(note, _Text("note_second_left_out")),
                     "assumptions": assumptions}]
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
                title, note = _Text("if_not_accompanying"), _Text("note_if_not_accompanying")
            else:
                title, note = _Text("if_accompanying"), _Text("note_if_accompanying")
            out.append({"title": title, "change": change, "difference": diff, "new_total": after["crs"]["total"],
                        "note": note})
    return out


# --------------------------------------------------------------------------- nomination, trades

def _other_candidates(ctx: _Context) -> List[_Suggestion]:
    out: List[_Suggestion] = []
    if not ctx.p.get("provincial_nomination"):
        out.append(_Suggestion(
            "nomination", _Text("nomination"), {"provincial_nomination": True}, "months",
            _Text("note_nomination", points=ctx.rules.nomination, cap=ctx.rules.additional_cap), combinable=False))
    if not ctx.p.get("job_offer"):
        r = ctx.rules
        since = r.job_offer_since
        crs_words = (_Text("job_offer_no_points", since=lambda language: (
            str(since) if language == "en" else long_date(str(since), language)))
            if not r.job_offer_max else _Text("job_offer_points", points=r.job_offer_max))
        out.append(_Suggestion(
            "job_offer", _Text("job_offer"), {"job_offer": True}, "months",
            _cat(crs_words, _Text("note_job_offer", arranged=r.arranged_employment, adaptability=r.adaptability_job,
                                  teers=r.skilled_teers)), combinable=False))
    if not ctx.p.get("certificate_of_qualification") and _in_trade(ctx):
        out.append(_Suggestion(
            "certificate_of_qualification", _Text("certificate"), {"certificate_of_qualification": True}, "months",
            _Text("note_certificate", clb=ctx.rules.certificate_from)))
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
                "title": _Text("turning", age=age + 1), "when": _Text("next_birthday"),
                "earliest_on": _iso(ctx.on + _dt.timedelta(days=1)),
                "note": _Text("note_turning"),
                "programs": progs})
    for field, who in (("first_language", "own"), ("second_language", "own"), ("spouse_language", "spouse")):
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
            "title": _Text(f"expires_{who}", test=name), "when": _Text("on_date", date=_day(expires)),
            "note": _Text("note_expires", years=ctx.rules.validity_years),
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
        "title": _Text("cec_window"),
        "when": _Text("as_early_as", date=_day(earliest)),
        "note": _Text("note_cec_window", months=need),
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
    return (-(s.new_total or 0), _EFFORT_RANK[s.effort], s.kind == "combination", _written(s.title, "en"))


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
            c = _Suggestion("combination", _Text("combination", first=a.title, second=b.title), change, effort,
                            _Text("note_combination"), group="combination", parts=[a.title, b.title])
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
         "note": _written(s.note, ctx.language), "title": _written(s.title, ctx.language), "kind": s.kind}
    src = _source(ctx, s.kind)
    if src:
        d["source"] = src
    d["programs"] = ctx.programs_changed(ctx.assess(s.change)) if s.kind != "spouse_principal" else {}
    for k in ("parts", "expected_on", "assumptions"):
        if k in s.extra:
            d[k] = _written(s.extra[k], ctx.language)
    return d


def _written_items(items: List[dict], language: str) -> List[dict]:
    """Losses, information and eligibility entries with their words written in ``language``."""
    return [{k: _written(v, language) if k in ("title", "note", "when", "assumptions") else v for k, v in x.items()}
            for x in items]


def advise(profile: dict, language: str = "en") -> dict:
    """Ranked suggestions that raise the CRS score, and the losses ahead (PROFILE.md "Advice (output)").
    ``language``: the language of the titles, notes and warnings ("en", the contract's, or "fr"); the ranking
    and the figures are the same in every language.

    Raises :class:`express_entry.ProfileError` for a profile the engine refuses.
    """
    return _advise(_Context(profile, language=language))


def advise_validated(p: dict, assessment: Optional[dict] = None, language: str = "en") -> dict:
    """``advise`` for a profile already returned by ``profile.validate`` and, when known, its assessment
    (``assess_validated(p, language)``): one validation and one base assessment per turn."""
    return _advise(_Context(p, validated=p, assessment=assessment, language=language))


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
        "losses_ahead": _written_items(_losses(ctx), ctx.language),
        "information": _written_items(_information(ctx) + ctx.extra_information, ctx.language),
        "eligibility": _written_items(sorted(ctx.eligibility, key=lambda x: (_EFFORT_RANK[x["effort"]],
                                                                             _written(x["title"], "en"))),
                                      ctx.language),
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
