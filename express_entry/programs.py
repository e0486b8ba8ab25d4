"""Program eligibility: Canadian Experience Class (CEC), Federal Skilled Worker Program (FSW, with its
100-point selection grid) and Federal Skilled Trades Program (FSTP).

``evaluate_programs(profile, langs, rs) -> (programs, missing, warnings)``

* ``profile``: the validated profile (``profile.validate``).
* ``langs``: ``{"first": LanguageLevels|None, "second": ..., "spouse": ...}`` from
  ``express_entry.language``; ``first`` / ``second`` are the official languages in the order the CRS
  uses, exactly as ``assess`` chose them (``assess.program_languages(profile)`` builds this dict; a
  lone ``second_language`` is the first official language unless ``first_language_fixed``). A result
  that is present but not ``valid`` (expired) counts as no result (a failure with its reason).
  ``first`` None means the first official language is unknown (language requirements undecided,
  ``missing`` names ``first_language``); ``second`` or ``spouse`` None means no such test (0 points).
  An ability absent from a result is unknown (``missing`` names its path, ``first_language.reading``).
* ``rs``: the Ruleset. Every number comes from its tables ``programs``, ``fsw_grid``, ``funds`` and
  ``fst_trades`` (``rulesets/2017-06-06/*.yaml``); this module holds logic and wording only.

Result of one program (ids ``cec``, ``fsw``, ``fst``)::

    eligible  True | False | None. None only when no requirement fails and a needed field is unknown;
              a requirement that fails makes it False whatever is unknown.
    reasons   plain sentences; empty exactly when eligible is True. eligible False: every failed
              requirement. eligible None: every requirement that cannot be decided yet.
    fixes     same length as reasons: fixes[i] says what would meet (or decide) reasons[i].
    checks    {requirement: True | False | None} for each requirement checked.
    missing   profile fields that would decide an undecided result ([] unless eligible is None).
    notes     assumptions and things to know (never failures).
    source    the program's canada.ca page.

FSW adds ``grid_points`` (int; None while a grid factor is unknown), ``grid_points_min``,
``grid_points_max``, ``pass_mark``, ``grid`` ({factor: {"points", "max"}}; adaptability also has
``items``), ``first_official_language`` ("english"/"french"/None) and ``funds``; FSTP adds ``funds``.
``funds`` is ``{"required", "family_size", "available", "exempt", "table_effective", "source"}``.

The returned ``missing`` is the union of the programs' ``missing`` (in program order, no repeats).
Unknown fields are never guessed: a program is decided only when every value of the unknown fields
gives the same answer (the FSW grid is computed as a [min, max] range for that reason), which
tests/programs/test_properties.py checks on random partial profiles.

Profile fields read here that the contract does not have (extensions, see PROGRAM_EXTENSIONS and
profile.PROFILE_EXTENSIONS): ``authorized_to_work_in_canada``, ``spouse_canadian_study_2_years``,
``spouse_canadian_work_1_year``. Like contract fields, absent means unknown: a decision that needs one
is undecided and ``missing`` names it.

How the summary fields are read:
* FSW skilled work: ``canadian_work_years + foreign_work_years >= 1`` is taken as the year of
  continuous full-time work in one occupation (PROFILE.md); every FSW result says so in ``notes``.
  The contract defines both fields as skilled (TEER 0-3) work, so with no ``noc_code`` / ``teer`` they
  also decide the FSW's skilled-occupation requirement (a known TEER 4/5 main occupation still fails it).
  ``canadian_work_months_last_3_years >= 12`` also shows one Canadian year.
* Proof-of-funds exemption: only when ``job_offer`` is true AND ``authorized_to_work_in_canada`` is
  true (canada.ca: "currently able to legally work in Canada, and have a valid job offer"). Current
  work authorization is never inferred from past Canadian work.
* FSW adaptability, spouse items: only for a married / common-law spouse or partner who is
  accompanying and is not a Canadian citizen or permanent resident. Spouse's Canadian work: the
  extension ``spouse_canadian_work_1_year`` (any occupation) when given; else the contract's
  ``spouse_canadian_work_years`` (at least the grid's ``min_years``); unknown only when both are absent.
* Relative in Canada: ``relative_in_canada``, or ``sibling_in_canada`` true (a sibling of you or your
  accompanying spouse, 18+, citizen/PR, living in Canada, is one of the listed relatives).
* TEER: the 2nd digit of ``noc_code``, else ``teer`` (``profile.validate`` accepts only NOC 2021 unit
  group codes and a ``teer`` that agrees with ``noc_code``). CEC and FSW count only work in a TEER 0-3 main
  occupation, so a TEER 4/5 occupation fails them and an unknown one leaves them undecided (``noc_code``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

from .rules import step_list
from .profile import PROFILE_EXTENSIONS as _PROFILE_EXTENSIONS
from .profile import accompanying_spouse
from .vocabulary import ABILITIES, LEVEL_WORD, PARTNERED
from .vocabulary import TEST_NAMES as _TEST_NAMES

__all__ = ["evaluate_programs", "PROGRAM_EXTENSIONS", "PROGRAM_IDS", "fst_trade_group", "is_skilled_trade"]

PROGRAM_IDS = ("cec", "fsw", "fst")

# The extension fields (not in the contract) that the programs read; their meaning is in
# profile.PROFILE_EXTENSIONS, the one list of extensions.
PROGRAM_EXTENSIONS = {k: _PROFILE_EXTENSIONS[k] for k in (
    "authorized_to_work_in_canada", "spouse_canadian_study_2_years", "spouse_canadian_work_1_year")}

_ABILITIES = ABILITIES
_PROGRAM_NAMES = {"cec": "the Canadian Experience Class", "fsw": "the Federal Skilled Worker Program",
                  "fst": "the Federal Skilled Trades Program"}
_MAX_FAMILY = 20  # the contract's largest family_size
_TESTS_HINT = "IELTS General Training, CELPIP-General or PTE Core for English; TEF Canada or TCF Canada for French"

_NOTE_CEC = ("Only paid work done in Canada with work authorization counts; self-employment and work done "
             "while you were a full-time student (for example co-op terms) do not count for the CEC.")
_NOTE_FSW_WORK = ("Your skilled work years (Canadian plus foreign) are taken as at least one year of continuous "
                  "full-time work (or the same hours part-time) in one TEER 0, 1, 2 or 3 occupation in the "
                  "last 10 years, as the FSW requires; gaps or changes of occupation within that year would "
                  "not count.")
_NOTE_FUNDS = ("Family size counts you, your spouse or partner and all dependent children (also your "
               "partner's), even if they are Canadian citizens or permanent residents or are not coming "
               "with you. Funds must be your own, available and transferable (not borrowed, no home equity).")
_NOTE_EXEMPT = ("No proof of funds is needed if you are authorized to work in Canada now and have a valid "
                "job offer.")
_NOTE_FST = ("Your trade experience must be in the occupation you apply with, after you were qualified to "
             "work in it independently; a job offer must be full-time for at least 1 year (from up to 2 "
             "employers), and a certificate of qualification must be issued by a Canadian province, "
             "territory or federal body for that trade.")


# --------------------------------------------------------------------------- compiled ruleset data

class _Mins(dict):
    """Minimum levels {ability: level} (order as in the ruleset)."""

    def __init__(self, mins):
        super().__init__((a, int(v)) for a, v in mins.items())
        if set(self) != set(ABILITIES):
            raise ValueError(f"language minimums must name the four abilities: {dict(self)}")


def _compile(rs) -> dict:
    """The ruleset's program tables as lookups, built once per ruleset."""
    return rs.compiled("programs", _build_tables)


def _build_tables(rs) -> dict:
    prog = rs.table("programs")
    grid = rs.table("fsw_grid")
    trades = rs.table("fst_trades")
    cec = prog["cec"]
    by_teer = {int(t): _Mins(m) for t, m in cec["language_by_teer"].items()}
    minima = sorted({tuple(sorted(m.items())) for m in by_teer.values()}, key=lambda m: sum(v for _, v in m))
    teers_of = {m: sorted(t for t, mm in by_teer.items() if tuple(sorted(mm.items())) == m) for m in minima}
    adapt = grid["adaptability"]
    c = {
        "skilled": frozenset(int(t) for t in prog["skilled_teers"]),
        "cec": {"months": int(cec["canadian_work_months_last_3_years"]), "by_teer": by_teer,
                "loosest": _Mins(dict(minima[0])), "strictest": _Mins(dict(minima[-1])), "source": cec["source"],
                "what": {t: f"the CEC (TEER {t} work)" for t in by_teer},
                "loosest_teers": "TEER " + _teer_list(teers_of[minima[0]]),
                "strictest_teers": "TEER " + _teer_list(teers_of[minima[-1]]),
                "by_teer_text": ", ".join(_minimums_text(dict(m), "CLB", short=True) + " for TEER "
                                          + _teer_list(teers_of[m]) for m in reversed(minima))},
        "fsw": {"years": int(prog["fsw"]["skilled_work_years"]),
                "lang": _Mins(prog["fsw"]["language_first_official"]),
                "education": frozenset(prog["fsw"]["education_levels"]), "source": prog["fsw"]["source"]},
        "fst": {"years": int(prog["fst"]["trade_work_years_last_5"]), "lang": _Mins(prog["fst"]["language"]),
                "source": prog["fst"]["source"]},
        "grid": {
            "pass": int(grid["pass_mark"]),
            "lang1_top_level": max(int(k) for k in grid["language_first"]["per_ability"]),
            "lang1_max": int(grid["language_first"]["max"]),
            "lang2_level": int(grid["language_second"]["min_level"]),
            "lang2_points": int(grid["language_second"]["points"]),
            "lang2_max": int(grid["language_second"]["max"]),
            "edu": {k: int(v) for k, v in grid["education"]["points"].items()},
            "edu_max": int(grid["education"]["max"]),
            "exp_max": int(grid["experience"]["max"]), "age_max": int(grid["age"]["max"]),
            "ae": int(grid["arranged_employment"]["points"]), "ae_max": int(grid["arranged_employment"]["max"]),
            "ad_max": int(adapt["max"]),
            "ad": {k: int(v["points"]) for k, v in adapt["items"].items()},
            # the order of the adaptability items in the output (and of the states in _grid)
            "ad_order": tuple((k, int(adapt["items"][k]["points"])) for k in (
                "spouse_language", "own_canadian_study", "spouse_canadian_study", "own_canadian_work",
                "spouse_canadian_work", "arranged_employment", "relative_in_canada")),
            "lang2_mins": _Mins({a: grid["language_second"]["min_level"] for a in _ABILITIES}),
            "spouse_mins": _Mins({a: adapt["items"]["spouse_language"]["min_level"] for a in _ABILITIES}),
            "own_work_years": int(adapt["items"]["own_canadian_work"]["min_years"]),
            "spouse_work_years": int(adapt["items"]["spouse_canadian_work"]["min_years"]),
        },
        "grid_source": rs.source("fsw_grid"),
        "trades_in": tuple((str(g["group"]), g) for g in trades["include"]),
        "trades_out": tuple((str(g["group"]), g) for g in trades["exclude"]),
        "trades_source": rs.source("fst_trades"),
        "validity_years": (rs.table("language_tests").get("validity_years") if rs.has("language_tests") else None),
    }
    # TEERs that some eligible trade can have (the 2nd digit of a 2+ digit group code)
    g = c["grid"]  # step tables as lists indexed by the value (values past the end use the last entry)
    g["lang1_by_level"] = [int(v) for v in step_list(grid["language_first"]["per_ability"], 12)]
    g["exp_by_years"] = [int(v) for v in step_list(grid["experience"]["by_years"], 20)]
    g["age_by_age"] = [int(v) for v in step_list(grid["age"]["by_age"], 100)]
    c["trade_teers"] = frozenset(int(g[1]) for g, _ in c["trades_in"] if len(g) >= 2)
    c["trades_text"] = _trades_text(c)
    c["txt"] = _texts(c)
    g["advice_tips"] = _grid_advice_tips(g)
    g["total_max"] = (g["lang1_max"] + g["lang2_max"] + g["edu_max"] + g["exp_max"] + g["age_max"] + g["ae_max"]
                      + g["ad_max"])
    if rs.has("funds"):
        f = rs.table("funds")
        info = rs.info("funds")
        by = {int(k): int(v) for k, v in f["by_family_size"].items()}
        c["funds"] = {"by_size": by, "extra": int(f["each_additional"]), "effective": info["effective"],
                      "source": info["source"], "required": _required_by_size(by, int(f["each_additional"]))}
    else:
        c["funds"] = None
    return c


def _texts(c: dict) -> dict:
    """Sentences that depend only on the ruleset (or on a small number such as months), built once."""
    skilled = _teer_list(c["skilled"])
    months, fsw_years, fst_years = c["cec"]["months"], c["fsw"]["years"], c["fst"]["years"]
    fsw_y = f"{fsw_years} year{'s' if fsw_years != 1 else ''}"
    return {
        "skilled_teers": skilled,
        "occupation_unknown": {
            pid: (f"We don't know your occupation yet; {name} counts only work in TEER {skilled} occupations.",
                  "Tell us your occupation's NOC 2021 code (or its TEER).") for pid, name in _PROGRAM_NAMES.items()},
        "cec_work_fail": [
            (f"You have {m} months of skilled work in Canada in the last 3 years; the CEC needs at least {months} "
             "months full-time (or the same hours part-time).",
             f"Work {months - m} more months full-time (or the same hours part-time) in a TEER {skilled} job in "
             "Canada with work authorization.") for m in range(months)],
        "fsw_work_fail": (
            f"You have less than {fsw_y} of skilled work (TEER {skilled}) in the last 10 years; the FSW needs at "
            f"least {fsw_y} of continuous full-time work (or the same hours part-time) in one occupation.",
            f"Work at least {fsw_y} full-time (or the same hours part-time) in one TEER {skilled} occupation, in "
            "Canada or abroad."),
        "fst_work_fail": [
            (f"You have {y} year{'s' if y != 1 else ''} of work in a skilled trade in the last 5 years; the FSTP "
             f"needs at least {fst_years} years full-time (or the same hours part-time).",
             f"Work {fst_years - y} more year{'s' if fst_years - y != 1 else ''} full-time (or the same hours "
             "part-time) in your trade.") for y in range(fst_years)],
        "fst_teer_fail": {
            t: (f"Your occupation is TEER {t}; every FSTP skilled trade is TEER {_teer_list(c['trade_teers'])}.",
                "The FSTP needs work experience in one of these NOC 2021 groups: " + c["trades_text"] + ".")
            for t in range(6)},
    }


def skilled_teers_text(rs) -> str:
    """The TEER categories whose work counts for CEC and FSW, in words ("0, 1, 2 or 3")."""
    return _compile(rs)["txt"]["skilled_teers"]


def is_skilled_trade(noc_code: str, on=None) -> bool:
    """True when NOC 2021 code ``noc_code`` is an FSTP skilled trade under the ruleset in force on ``on``
    (default today): the one trade list, ``fst_trades`` (include and exclude groups)."""
    import datetime as _dt

    from .rules import ruleset_for

    return fst_trade_group(str(noc_code), ruleset_for(on or _dt.date.today()))[0] is True


def fst_trade_group(noc_code: str, rs) -> Tuple[Optional[bool], Optional[dict]]:
    """(eligible, group) for a NOC 2021 code: the excluding group if excluded, else the including one."""
    return _trade_group(_compile(rs), noc_code)


def _trade_group(c: dict, noc_code: str) -> Tuple[Optional[bool], Optional[dict]]:
    """A code in an excluded group is no trade; else it is one when an included group contains it."""
    for g, info in c["trades_out"]:
        if noc_code.startswith(g):
            return False, info
    for g, info in c["trades_in"]:
        if noc_code.startswith(g):
            return True, info
    return False, None


# --------------------------------------------------------------------------- helpers

class _Program:
    """Collects the requirement results of one program."""

    __slots__ = ("checks", "fail_reasons", "fail_fixes", "unk_reasons", "unk_fixes", "missing", "notes")

    def __init__(self):
        self.checks: Dict[str, Optional[bool]] = {}
        self.fail_reasons: List[str] = []
        self.fail_fixes: List[str] = []
        self.unk_reasons: List[str] = []
        self.unk_fixes: List[str] = []
        self.missing: List[str] = []
        self.notes: List[str] = []

    def ok(self, key: str) -> None:
        self.checks[key] = True

    def fail(self, key: str, reason: str, fix: str) -> None:
        self.checks[key] = False
        self.fail_reasons.append(reason)
        self.fail_fixes.append(fix)

    def undecided(self, key: str, reason: str, fix: str, fields) -> None:
        self.checks[key] = None
        self.unk_reasons.append(reason)
        self.unk_fixes.append(fix)
        for f in fields:
            if f not in self.missing:
                self.missing.append(f)

    def result(self, source: str) -> dict:
        if self.fail_reasons:
            return {"eligible": False, "reasons": self.fail_reasons, "fixes": self.fail_fixes, "checks": self.checks,
                    "missing": [], "notes": self.notes, "source": source}
        if self.unk_reasons:
            return {"eligible": None, "reasons": self.unk_reasons, "fixes": self.unk_fixes, "checks": self.checks,
                    "missing": self.missing, "notes": self.notes, "source": source}
        return {"eligible": True, "reasons": [], "fixes": [], "checks": self.checks, "missing": [],
                "notes": self.notes, "source": source}


def _money(x) -> str:
    return f"{x:,.0f}" if x == int(x) else f"{x:,.2f}"


def _lang_name(ll) -> str:
    return "French" if ll.language == "french" else "English"


def _field_of(ll, profile: dict, slot: str) -> str:
    """Profile field holding the result ``ll`` (the CRS may have swapped first and second)."""
    for field in ("first_language", "second_language"):
        res = profile.get(field)
        if res is not None and res.get("test") == ll.test:
            return field
    return slot + "_language"


def _unknown_paths(ll, profile: dict, slot: str) -> List[str]:
    """Paths of the abilities missing from a result ("first_language.reading"), as assess() names them."""
    field = _field_of(ll, profile, slot)
    paths = [f"{field}.{a}" for a in _ABILITIES if a not in ll.levels]
    return paths or [field]


def _lang_status(ll, mins: "_Mins") -> Optional[bool]:
    """True / False / None (an ability under its minimum is unknown): the status of ``_lang_check``."""
    return _lang_check(ll, mins)[0]


def _lang_check(ll, mins: "_Mins"):
    """(status, shortfalls, unknown_abilities) of one result against ``mins``: status True when every ability
    meets its minimum, False when a known one is below it (or the result does not count), else None."""
    if not ll.valid:
        return False, None, ()
    lv = ll.levels
    short, unknown = [], []
    for a, m in mins.items():
        v = lv.get(a)
        if v is None:
            unknown.append(a)
        elif v < m:
            short.append((a, v, m))
    if short:
        return False, short, unknown
    if unknown:
        return None, (), unknown
    return True, (), ()


def _score_hint(ll, short) -> str:
    """", e.g. IELTS General Training reading 6.0 and writing 6.0" (smallest scores that reach the levels)."""
    if ll.test in ("clb", "nclc"):
        return ""
    from .language import min_score  # lazy: language imports profile, which this module's users load first
    parts = []
    for a, _, m in short:
        try:
            s = min_score(ll.test, a, m, ll.taken_on)
        except (KeyError, ValueError):
            s = None
        if s is None:
            return ""
        parts.append(f"{a} {s:g}" if not isinstance(s, float) else f"{a} {s:.1f}")
    return f" (for example {_TEST_NAMES.get(ll.test, ll.test)} " + _and_list(parts) + ")"


def _describe_short(ll, short) -> str:
    w = LEVEL_WORD[ll.language]
    return _and_list([f"{a} ({w} {v})" for a, v, _ in short])


def _and_list(items: List[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _language_requirement(pg: _Program, key: str, profile: dict, langs: dict, mins: _Mins, what: str,
                          c: dict):
    """Meets ``mins`` in English or French (one test). Returns the LanguageLevels that meets it (or None).

    ``langs["first"]`` None: the first official language is unknown (undecided unless the second result
    meets the minimums).
    """
    first, second = langs.get("first"), langs.get("second")
    cands = [(s, ll) for s, ll in (("first", first), ("second", second)) if ll is not None]
    if not cands:
        pg.undecided(key, "Your language test results are not known yet.",
                     f"Add your English or French test results ({_TESTS_HINT}).", ["first_language"])
        return None
    undecided_fields, best = [], None
    for slot, ll in cands:
        status, short, unknown = _lang_check(ll, mins)
        if status is True:
            pg.checks[key] = True
            return ll
        if status is None:
            _add_fields(undecided_fields, _unknown_paths(ll, profile, slot))
        elif ll.valid:
            if best is None or len(short) < len(best[1]):
                best = (ll, short)
    if first is None:  # no first official language: a result may exist that we don't know of yet
        pg.undecided(key, "Your first official language test results are not known yet.",
                     f"Add your English or French test results ({_TESTS_HINT}).",
                     ["first_language"] + undecided_fields)
        return None
    if undecided_fields:
        pg.undecided(key, "Some of your language test scores are not known yet.",
                     "Add all four scores (speaking, listening, reading and writing) of your test.",
                     undecided_fields)
        return None
    if best is None:  # no valid result at all
        ll = cands[0][1]
        reason = ll.reason or "Your language test result does not count."
        pg.fail(key, reason.rstrip(".") + f"; {what} needs a valid test result.",
                f"Take a new approved test ({_TESTS_HINT})"
                + (f"; results count for {c['validity_years']} years from the test date." if c["validity_years"]
                   else "."))
        return None
    ll, short = best
    pg.fail(key, *_fail_text(ll, short, mins, what))
    return None


def _fail_text(ll, short, mins: "_Mins", what: str) -> Tuple[str, str]:
    """(reason, fix) of a language failure: ``short`` are the (ability, level, minimum) shortfalls of ``ll``."""
    w = LEVEL_WORD[ll.language]
    fix = ("Reach " + _minimums_text({a: m for a, _, m in short}, w, short=True, per_ability=True)
           + _score_hint(ll, short) + ", with all four abilities from one test.")
    return (f"Your {_lang_name(ll)} results are too low in {_describe_short(ll, short)}; {what} needs at least "
            f"{_minimums_text(mins, w)}.", fix)


def _minimums_text(mins: Dict[str, int], w: str, short: bool = False, per_ability: bool = False) -> str:
    """"CLB 7 in all four abilities", "CLB 7" (short), or per ability ("CLB 5 in speaking and CLB 4 in ...")."""
    vals = set(mins.values())
    if len(vals) == 1 and not per_ability:
        return f"{w} {vals.pop()}" + ("" if short else " in all four abilities")
    groups: Dict[int, List[str]] = {}
    for a, m in mins.items():
        groups.setdefault(m, []).append(a)
    return _and_list([f"{w} {m} in " + _and_list(ab) for m, ab in sorted(groups.items(), reverse=True)])


_QUEBEC_FAIL = {pid: (f"You plan to live in Quebec; {name} is only for people who will live outside Quebec "
                       "(Quebec selects its own skilled workers).",
                       "Plan to live in another province or territory, or apply to Quebec's own skilled-worker "
                       "programs.") for pid, name in _PROGRAM_NAMES.items()}
_QUEBEC_UNKNOWN = ("We don't know yet whether you plan to live in Quebec (these federal programs are for people "
                   "who will live outside Quebec).", "Tell us whether you plan to live in Quebec.")


def _quebec(pg: _Program, profile: dict, pid: str) -> None:
    q = profile.get("intends_quebec")
    if q is False:
        pg.checks["outside_quebec"] = True
    elif q is True:
        pg.fail("outside_quebec", *_QUEBEC_FAIL[pid])
    else:
        pg.undecided("outside_quebec", *_QUEBEC_UNKNOWN, ("intends_quebec",))


_TEER_DIGIT = {str(d): d for d in range(10)}


def _teer(profile: dict) -> Optional[int]:
    """TEER of the main occupation: the 2nd digit of ``noc_code``, else ``teer``; None if unknown."""
    noc = profile.get("noc_code")
    if noc is not None:
        return _TEER_DIGIT[noc[1]]
    return profile.get("teer")


def _skilled_occupation(pg: _Program, c: dict, profile: dict, teer: Optional[int], pid: str) -> bool:
    """The main occupation must be TEER 0-3: False (a failure) for TEER 4 or 5, undecided when unknown."""
    if teer is None:
        pg.undecided("skilled_occupation", *c["txt"]["occupation_unknown"][pid], ("noc_code",))
        return True
    if teer in c["skilled"]:
        pg.checks["skilled_occupation"] = True
        return True
    noc = profile.get("noc_code")
    label = f"NOC {noc}" if noc is not None else "Your occupation"
    skilled = c["txt"]["skilled_teers"]
    pg.fail("skilled_occupation", f"{label} is TEER {teer}; only work in TEER {skilled} occupations counts for "
                                  f"{_PROGRAM_NAMES[pid]}.",
            f"Gain the required work experience in a TEER {skilled} occupation.")
    return False


def _teer_list(teers) -> str:
    t = sorted(teers)
    return ", ".join(str(x) for x in t[:-1]) + f" or {t[-1]}" if len(t) > 1 else str(t[0])


def _canadian_years_bounds(profile: dict) -> Tuple[int, int]:
    cw = profile.get("canadian_work_years")
    if cw is not None:
        return cw, cw
    months = profile.get("canadian_work_months_last_3_years")
    return (months // 12 if months else 0), 10


# --------------------------------------------------------------------------- proof of funds

def _apply(pg: _Program, rec: _Program) -> None:
    """Copy the requirement results recorded in ``rec`` into ``pg``."""
    pg.checks.update(rec.checks)
    if rec.fail_reasons:
        pg.fail_reasons.extend(rec.fail_reasons)
        pg.fail_fixes.extend(rec.fail_fixes)
    if rec.unk_reasons:
        pg.unk_reasons.extend(rec.unk_reasons)
        pg.unk_fixes.extend(rec.unk_fixes)
        for f in rec.missing:
            if f not in pg.missing:
                pg.missing.append(f)
    pg.notes.extend(rec.notes)


def _funds(pg: _Program, profile: dict, c: dict, rs) -> dict:
    """Proof of funds (the same for FSW and FSTP): records the requirement in ``pg``, returns the details."""
    get = profile.get
    f = c["funds"]
    size = get("family_size")
    avail = get("settlement_funds")
    job, auth = get("job_offer"), get("authorized_to_work_in_canada")
    exempt = True if (job is True and auth is True) else (False if (job is False or auth is False) else None)
    out = {"required": None, "family_size": size, "available": avail, "exempt": exempt,
           "table_effective": None, "source": f["source"] if f else None}
    pg.notes.append(_NOTE_FUNDS)
    if exempt is True:
        pg.checks["proof_of_funds"] = True
        pg.notes.append("You need no proof of funds: you are authorized to work in Canada and have a valid job offer.")
        if f is not None and size is not None:
            out["required"] = f["required"][size]
            out["table_effective"] = f["effective"]
        return out
    pg.notes.append(_NOTE_EXEMPT)
    if f is None:
        pg.undecided("proof_of_funds", f"The proof-of-funds amounts in force on {rs.on.isoformat()} are not in "
                                       "this tool's data.",
                     "Check the amount for your family size on canada.ca's proof-of-funds page.", [])
        return out
    out["table_effective"] = f["effective"]
    lo_size = size if size is not None else (2 if get("marital_status") in PARTNERED else 1)
    hi_size = size if size is not None else _MAX_FAMILY
    req_lo, req_hi = f["required"][lo_size], f["required"][hi_size]
    if size is not None:
        out["required"] = req_lo
    if avail is not None and avail >= req_hi:
        pg.checks["proof_of_funds"] = True
        return out
    exempt_fields = [] if exempt is False else [x for x, v in (("job_offer", job),
                                                               ("authorized_to_work_in_canada", auth)) if v is None]
    exempt_txt = ("having a valid job offer while authorized to work in Canada" if job is not True
                  else "being authorized to work in Canada now (you have a job offer)")
    if avail is not None and avail < req_lo:
        if exempt is False:
            fam = f"a family of {size}" if size is not None else ("a family of at least " + str(lo_size) if lo_size > 1
                                                                  else "one person")
            pg.fail("proof_of_funds", f"You have {_money(avail)} CAD for settling in Canada; {fam} needs at least "
                                      f"{_money(req_lo)} CAD (amounts in force from {f['effective']}).",
                    f"Have at least {_money(req_lo - avail)} CAD more available, or get a valid job offer while "
                    "you are authorized to work in Canada (then no proof of funds is needed).")
        else:
            pg.undecided("proof_of_funds", f"Your funds ({_money(avail)} CAD) are below the {_money(req_lo)} CAD "
                                           f"required, unless you are exempt by {exempt_txt}; we don't know that yet.",
                         "Tell us whether you have a valid job offer and are authorized to work in Canada now.",
                         exempt_fields)
        return out
    if avail is None:
        fields = ["settlement_funds"] + (["family_size"] if size is None else [])
        if job is True:
            fields += exempt_fields
        pg.undecided("proof_of_funds", "We don't know yet how much money you have for settling in Canada "
                                       f"(at least {_money(req_lo)} CAD"
                     + (f" for a family of {size})." if size is not None else ", more for a larger family)."),
                     "Tell us the funds you have available"
                     + (" and your family size." if size is None else "."), fields)
        return out
    # funds known, family size unknown and the answer depends on it
    fields = ["family_size"] + (exempt_fields if job is True else [])
    pg.undecided("proof_of_funds", f"Whether your {_money(avail)} CAD is enough depends on your family size.",
                 "Tell us how many people are in your family (you, your spouse or partner, dependent children).",
                 fields)
    return out


def _required_by_size(by: dict, extra: int) -> list:
    """Funds required for family sizes 0.._MAX_FAMILY (index = size; sizes past the table add ``extra`` each)."""
    top = max(by)
    return [None] + [by[size] if size <= top else by[top] + (size - top) * extra
                     for size in range(1, _MAX_FAMILY + 1)]


# --------------------------------------------------------------------------- CEC

def _cec(profile: dict, langs: dict, c: dict, teer: Optional[int]) -> dict:
    get = profile.get
    pg = _Program()
    cc = c["cec"]
    _quebec(pg, profile, "cec")
    skilled = _skilled_occupation(pg, c, profile, teer, "cec")
    months = get("canadian_work_months_last_3_years")
    if months is None and get("canadian_work_years") == 0:
        months = 0
    need = cc["months"]
    if months is None:
        pg.undecided("canadian_work", "We don't know yet how many months of skilled work in Canada you have in "
                                      "the last 3 years.",
                     "Tell us your months of skilled (TEER 0-3) work in Canada in the last 3 years.",
                     ["canadian_work_months_last_3_years"])
    elif months >= need:
        pg.checks["canadian_work"] = True
    else:
        pg.fail("canadian_work", *c["txt"]["cec_work_fail"][months])
    # language: the minimum depends on the TEER of the Canadian work
    if teer is not None and skilled:
        _language_requirement(pg, "language", profile, langs, cc["by_teer"][teer], cc["what"][teer], c)
    else:
        _cec_language_unknown_teer(pg, profile, langs, c)
    pg.notes.append(_NOTE_CEC)
    return pg.result(cc["source"])


def _cec_language_unknown_teer(pg: _Program, profile: dict, langs: dict, c: dict) -> None:
    """TEER unknown: decided if the strictest minimum is met or the loosest one fails."""
    cc = c["cec"]
    probe = _Program()
    if _language_requirement(probe, "language", profile, langs, cc["strictest"], "the CEC", c) is not None:
        pg.checks["language"] = True
        return
    loose = _Program()
    _language_requirement(loose, "language", profile, langs, cc["loosest"],
                          f"the CEC (even for {cc['loosest_teers']} work)", c)
    status = loose.checks["language"]
    if status is False:
        pg.fail("language", loose.fail_reasons[0], loose.fail_fixes[0])
        return
    fields = list(loose.missing) + ["noc_code"]
    if status is None:
        pg.undecided("language", loose.unk_reasons[0] + " The CEC minimum also depends on the TEER of your work "
                                                       f"({cc['by_teer_text']}).",
                     loose.unk_fixes[0] + " Also tell us your occupation (NOC code).", fields)
    else:
        pg.undecided("language", f"Your language levels meet the CEC minimum for {cc['loosest_teers']} work but not "
                                 f"for {cc['strictest_teers']}; we need the TEER of your Canadian work.",
                     "Tell us your occupation (NOC 2021 code) or its TEER.", ["noc_code"])


# --------------------------------------------------------------------------- FSW

def _fsw(profile: dict, langs: dict, c: dict, rs, warnings: List[str], funds_rec: _Program, funds: dict,
         teer: Optional[int]) -> dict:
    get = profile.get
    pg = _Program()
    fc, g = c["fsw"], c["grid"]
    _quebec(pg, profile, "fsw")
    # work: 1 year of skilled work in the last 10 years
    cw_lo, cw_hi = _canadian_years_bounds(profile)
    fw = get("foreign_work_years")
    fw_lo, fw_hi = (fw, fw) if fw is not None else (0, 10)
    need = fc["years"]
    if teer is None and cw_lo + fw_lo >= need:
        # the contract's work years count skilled (TEER 0-3) work only: they show a skilled occupation
        pg.checks["skilled_occupation"] = True
    else:
        _skilled_occupation(pg, c, profile, teer, "fsw")
    if cw_lo + fw_lo >= need:
        pg.checks["skilled_work"] = True
        pg.notes.append(_NOTE_FSW_WORK)
    elif cw_hi + fw_hi < need:
        pg.fail("skilled_work", *c["txt"]["fsw_work_fail"])
    else:
        fields = [f for f, v in (("canadian_work_years", get("canadian_work_years")),
                                 ("foreign_work_years", fw)) if v is None]
        pg.undecided("skilled_work", "We don't know yet how many years of skilled work you have (in Canada and "
                                     "abroad, last 10 years).",
                     "Tell us your years of skilled (TEER 0-3) work in Canada and abroad.", fields)
    # language: CLB 7 in all four abilities of the first official language
    first, second = langs.get("first"), langs.get("second")
    chosen = _language_requirement(pg, "language", profile, langs, fc["lang"], "the FSW", c)
    if chosen is not None and chosen is second and second is not None:
        first_l, second_l = second, first
        warnings.append(f"FSW: only your {_lang_name(second)} results meet CLB/NCLC 7 in all four abilities, so "
                        f"the FSW result assumes {_lang_name(second)} as your first official language; an Express "
                        "Entry profile has one first official language, and the CRS score may use the other "
                        "order.")
    else:
        first_l, second_l = first, second
    # education
    edu = get("education")
    rec = get("education_recognized", True)
    if edu is None:
        pg.undecided("education", "We don't know your education yet.", "Tell us your highest completed credential.",
                     ["education"])
    elif rec is False:
        pg.fail("education", "Your foreign credential has no Educational Credential Assessment (ECA); the FSW needs "
                             "a Canadian credential or a foreign one with an ECA.",
                "Get an ECA report from an IRCC-designated organization (or complete a Canadian credential).")
    elif edu not in fc["education"]:
        pg.fail("education", "The FSW needs at least a completed secondary (high school) credential.",
                "Complete a secondary or post-secondary credential (Canadian, or foreign with an ECA).")
    else:
        pg.checks["education"] = True
    # selection grid
    grid, lo, hi, grid_missing = _grid(c, _GridInputs(profile, first is not None, first_l, second_l,
                                                      langs.get("spouse"), cw_lo, cw_hi, fw_lo, fw_hi))
    p = g["pass"]
    if lo >= p:
        pg.checks["selection_grid"] = True
    elif hi < p:
        pg.fail("selection_grid", *_grid_fail_text(grid, g, hi, rec is False))
    else:
        pg.undecided("selection_grid", f"Your FSW selection grid score is between {lo} and {hi} out of {g['total_max']} "
                                       f"({p} needed); it depends on answers we don't have yet.",
                     "Tell us: " + ", ".join(x.replace("_", " ") for x in grid_missing) + ".", grid_missing)
    _apply(pg, funds_rec)
    out = pg.result(fc["source"])
    out["grid_points"] = lo if lo == hi else None
    out["grid_points_min"] = lo
    out["grid_points_max"] = hi
    out["pass_mark"] = p
    out["grid"] = grid
    out["grid_source"] = c["grid_source"]
    out["first_official_language"] = first_l.language if first_l is not None else None
    out["funds"] = funds  # the FSTP result gets its own copy
    return out


def _grid_fail_text(grid: dict, g: dict, hi: int, no_eca: bool) -> Tuple[str, str]:
    """(reason, fix) of a grid score ``hi`` under the pass mark."""
    p = g["pass"]
    return (f"Your FSW selection grid score is {hi} out of {g['total_max']}; at least {p} is needed.",
            f"Gain {p - hi} more grid points: " + _grid_advice_text(grid, g, no_eca) + ".")


def _grid_advice_text(grid: dict, g: dict, no_eca: bool) -> str:
    tips = []
    for key, text in g["advice_tips"][no_eca]:
        item = grid[key]
        if item["points"] is not None and item["max"] > item["points"]:
            tips.append(text.format(d=item["max"] - item["points"]))
    return "; ".join(tips) if tips else "no factor can be raised"


def _grid_advice_tips(g: dict) -> dict:
    """{no_eca: ((grid factor, tip with a {d} for the points it could add), ...)}, built once per ruleset."""
    lw = g["lang1_top_level"]  # the level that earns the most points per ability
    out = {}
    for no_eca in (False, True):
        out[no_eca] = (
            ("arranged_employment", f"a valid job offer (+{{d}}, plus {g['ad']['arranged_employment']} adaptability)"),
            ("language_first", f"higher first-language levels, up to CLB/NCLC {lw} (up to +{{d}})"),
            ("language_second", f"the other official language at CLB/NCLC {g['lang2_level']} in all four "
                                "abilities (+{d})"),
            ("education", "an Educational Credential Assessment (ECA) of your foreign credential (up to +{d})"
                          if no_eca else "a higher credential (up to +{d})"),
            ("experience", "more years of skilled work (up to +{d})"),
            ("adaptability", "adaptability: a year of skilled work or two years of study in Canada, a relative in "
                             "Canada (up to +{d})"))
    return out


def _add_fields(out: List[str], fields) -> None:
    for f in fields:
        if f not in out:
            out.append(f)


class _Range(NamedTuple):
    """The points of one FSW grid factor: ``lo`` == ``hi`` when every input is known, else the range that
    the unknown inputs allow; ``max`` is the factor's maximum."""
    lo: int
    hi: int
    max: int

    @property
    def points(self) -> Optional[int]:
        return self.lo if self.lo == self.hi else None


def _known(points: int, top: int) -> _Range:
    return _Range(points, points, top)


def _yes_no(state: Optional[bool], points: int, top: int) -> _Range:
    """``points`` for True, 0 for False, either while unknown."""
    return _Range(points if state is True else 0, 0 if state is False else points, top)


def grid_language_first(g: dict, first_known: bool, first_l) -> _Range:
    """Points per ability of the first official language (unknown when no first language is known yet)."""
    if first_l is None or not first_known:
        return _Range(0, g["lang1_max"], g["lang1_max"])
    if not first_l.valid:
        return _known(0, g["lang1_max"])
    by_level = g["lang1_by_level"]
    known = [by_level[min(first_l.levels[a], 12)] for a in ABILITIES if a in first_l.levels]
    unknown = 4 - len(known)
    return _Range(sum(known), sum(known) + unknown * by_level[-1], g["lang1_max"])


def grid_language_second(g: dict, first_known: bool, second_l) -> _Range:
    """Points when the other official language reaches the minimum in all four abilities."""
    if not first_known:
        return _Range(0, g["lang2_max"], g["lang2_max"])
    if second_l is None:
        return _known(0, g["lang2_max"])
    return _yes_no(_lang_status(second_l, g["lang2_mins"]), g["lang2_points"], g["lang2_max"])


def grid_education(g: dict, profile: dict) -> _Range:
    """Points of the highest credential (none without a Canadian credential or an ECA)."""
    level = profile.get("education")
    if level is None:
        return _Range(0, g["edu_max"], g["edu_max"])
    recognized = profile.get("education_recognized", True) is not False
    return _known(g["edu"][level] if recognized else 0, g["edu_max"])


def grid_experience(g: dict, cw_lo: int, cw_hi: int, fw_lo: int, fw_hi: int) -> _Range:
    """Points of the skilled work years, Canadian plus foreign, in the last 10 years."""
    by_years = g["exp_by_years"]
    return _Range(by_years[cw_lo + fw_lo], by_years[cw_hi + fw_hi], g["exp_max"])


def grid_age(g: dict, profile: dict) -> _Range:
    years = profile.get("age")
    if years is None:
        return _Range(0, g["age_max"], g["age_max"])
    return _known(g["age_by_age"][years], g["age_max"])


def grid_arranged_employment(g: dict, profile: dict) -> _Range:
    return _yes_no(profile.get("job_offer"), g["ae"], g["ae_max"])


def grid_adaptability(g: dict, profile: dict, spouse_l, cw_lo: int, cw_hi: int) -> Tuple[_Range, dict]:
    """The adaptability items (each True / False / None), summed and capped; and {item: points or None}."""
    spouse_state = accompanying_spouse(profile)[0]
    if spouse_state is False:  # no accompanying non-Canadian spouse: no spouse item applies
        s_lang = s_study = s_work = False
    else:
        s_lang = _spouse_state(spouse_state, False if spouse_l is None else _lang_status(spouse_l, g["spouse_mins"]))
        s_study = _spouse_state(spouse_state, profile.get("spouse_canadian_study_2_years"))
        s_work = _spouse_state(spouse_state, _spouse_work_year(profile, g["spouse_work_years"]))
    min_years = g["own_work_years"]
    own_work = True if cw_lo >= min_years else (False if cw_hi < min_years else None)
    relative = True if profile.get("sibling_in_canada") is True else profile.get("relative_in_canada")
    states = {"spouse_language": s_lang, "own_canadian_study": profile.get("canadian_study_2_years"),
              "spouse_canadian_study": s_study, "own_canadian_work": own_work, "spouse_canadian_work": s_work,
              "arranged_employment": profile.get("job_offer"), "relative_in_canada": relative}
    items, lo, hi = {}, 0, 0
    for name, points in g["ad_order"]:
        item = _yes_no(states[name], points, points)
        items[name] = item.points
        lo, hi = lo + item.lo, hi + item.hi
    cap = g["ad_max"]
    return _Range(min(lo, cap), min(hi, cap), cap), items


@dataclass(frozen=True)
class _GridInputs:
    """What the FSW grid reads of one candidate: the profile, the language results (``first_known``: the first
    official language is decided), and the Canadian and foreign work years as ranges (lo == hi when known)."""
    profile: dict
    first_known: bool
    first_l: Any
    second_l: Any
    spouse_l: Any
    cw_lo: int
    cw_hi: int
    fw_lo: int
    fw_hi: int


def _grid(c: dict, x: _GridInputs):
    """FSW grid: (breakdown, lowest total, highest total, fields that would narrow the range)."""
    g, profile = c["grid"], x.profile
    adaptability, items = grid_adaptability(g, profile, x.spouse_l, x.cw_lo, x.cw_hi)
    factors = {
        "language_first": grid_language_first(g, x.first_known, x.first_l),
        "language_second": grid_language_second(g, x.first_known, x.second_l),
        "education": grid_education(g, profile),
        "experience": grid_experience(g, x.cw_lo, x.cw_hi, x.fw_lo, x.fw_hi),
        "age": grid_age(g, profile),
        "arranged_employment": grid_arranged_employment(g, profile),
        "adaptability": adaptability,
    }
    grid = {name: {"points": f.points, "max": f.max} for name, f in factors.items()}
    grid["adaptability"]["items"] = items
    total_lo = sum(f.lo for f in factors.values())
    total_hi = sum(f.hi for f in factors.values())
    missing: List[str] = []
    if total_lo != total_hi:
        spouse_state = accompanying_spouse(profile)[0]
        missing = _grid_missing(x, grid, items, spouse_state)
    return grid, total_lo, total_hi, missing


def _spouse_work_year(profile: dict, min_years: int) -> Optional[bool]:
    """The partner's year of Canadian work (FSW adaptability): the extension ``spouse_canadian_work_1_year``
    when given, else the contract's ``spouse_canadian_work_years`` (None while both are unknown)."""
    given = profile.get("spouse_canadian_work_1_year")
    if given is not None:
        return given
    years = profile.get("spouse_canadian_work_years")
    return None if years is None else years >= min_years


def _spouse_state(spouse_state: Optional[bool], state: Optional[bool]) -> Optional[bool]:
    """A spouse item's state: False if no spouse item applies or the spouse lacks it; None if unknown."""
    if spouse_state is False or state is False:
        return False
    if spouse_state is True:
        return state
    return None


def _grid_missing(x: _GridInputs, grid: dict, items: dict, spouse_state: Optional[bool]) -> List[str]:
    """Fields whose answers would narrow an undecided grid (slow path only)."""
    profile, first_known, first_l, second_l = x.profile, x.first_known, x.first_l, x.second_l
    get = profile.get
    out: List[str] = []
    if grid["language_first"]["points"] is None:
        _add_fields(out, ["first_language"] if first_l is None or not first_known
                    else _unknown_paths(first_l, profile, "first"))
    if grid["language_second"]["points"] is None:
        _add_fields(out, ["first_language"] if second_l is None or not first_known
                    else _unknown_paths(second_l, profile, "second"))
    if grid["education"]["points"] is None:
        out.append("education")
    if grid["experience"]["points"] is None:
        _add_fields(out, [f for f in ("canadian_work_years", "foreign_work_years") if get(f) is None])
    if grid["age"]["points"] is None:
        out.append("age")
    if grid["arranged_employment"]["points"] is None:
        _add_fields(out, ("job_offer",))
    if grid["adaptability"]["points"] is None:
        spouse_fields = accompanying_spouse(profile)[1] if spouse_state is None else []
        for name, v in items.items():
            if v is not None:
                continue
            if name == "own_canadian_study":
                _add_fields(out, ("canadian_study_2_years",))
            elif name == "own_canadian_work":
                _add_fields(out, ("canadian_work_years",))
            elif name == "arranged_employment":
                _add_fields(out, ("job_offer",))
            elif name == "relative_in_canada":
                _add_fields(out, ("relative_in_canada",))
            else:
                _add_fields(out, spouse_fields)
                sl = get("spouse_language")
                if name == "spouse_language" and sl is not None and spouse_state:
                    _add_fields(out, [f"spouse_language.{a}" for a in _ABILITIES if a not in sl] or ["spouse_language"])
                elif name == "spouse_canadian_study" and get("spouse_canadian_study_2_years") is None:
                    _add_fields(out, ("spouse_canadian_study_2_years",))
                elif name == "spouse_canadian_work" and get("spouse_canadian_work_years") is None \
                        and get("spouse_canadian_work_1_year") is None:
                    _add_fields(out, ("spouse_canadian_work_years",))
    return out


# --------------------------------------------------------------------------- FSTP

def _fst(profile: dict, langs: dict, c: dict, rs, funds_rec: _Program, funds: dict) -> dict:
    get = profile.get
    pg = _Program()
    fc = c["fst"]
    _quebec(pg, profile, "fst")
    tw = get("trade_work_years_last_5")
    need = fc["years"]
    if tw is None:
        pg.undecided("trade_work", "We don't know yet how many years you worked in a skilled trade in the last 5 "
                                   "years.", "Tell us your years of work in your trade in the last 5 years.",
                     ["trade_work_years_last_5"])
    elif tw >= need:
        pg.checks["trade_work"] = True
    else:
        pg.fail("trade_work", *c["txt"]["fst_work_fail"][tw])
    noc = get("noc_code")
    if noc is not None:
        ok, group = _trade_group(c, noc)
        if ok:
            pg.checks["skilled_trade"] = True
        else:
            pg.fail("skilled_trade", *_trade_fail_text(c, noc, group))
    else:
        teer = get("teer")
        if teer is not None and teer not in c["trade_teers"]:
            pg.fail("skilled_trade", *c["txt"]["fst_teer_fail"][teer])
        else:
            pg.undecided("skilled_trade", "We don't know your occupation's NOC code, so we can't tell whether it is "
                                          "an FSTP skilled trade.",
                         "Tell us the NOC 2021 code of your trade.", ["noc_code"])
    _language_requirement(pg, "language", profile, langs, fc["lang"], "the FSTP", c)
    job, coq = get("job_offer"), get("certificate_of_qualification")
    if job is True or coq is True:
        pg.checks["job_offer_or_certificate"] = True
    elif job is False and coq is False:
        pg.fail("job_offer_or_certificate", "The FSTP needs a valid job offer of full-time work for at least 1 year, "
                                            "or a Canadian certificate of qualification in your trade; you have "
                                            "neither.",
                "Get a job offer (full-time, at least 1 year, up to 2 employers) or a certificate of qualification "
                "in your trade from a Canadian province, territory or federal body.")
    else:
        fields = [f for f, v in (("job_offer", job), ("certificate_of_qualification", coq)) if v is None]
        pg.undecided("job_offer_or_certificate", "We don't know yet whether you have a job offer or a Canadian "
                                                 "certificate of qualification in your trade.",
                     "Tell us whether you have a valid job offer or a certificate of qualification.", fields)
    _apply(pg, funds_rec)
    pg.notes.append(_NOTE_FST)
    out = pg.result(fc["source"])
    out["funds"] = dict(funds)
    out["trades_source"] = c["trades_source"]
    return out


def _trade_fail_text(c: dict, noc: str, group: Optional[dict]) -> Tuple[str, str]:
    fix = "The FSTP needs work experience in one of these NOC 2021 groups: " + c["trades_text"] + "."
    if group is not None:
        return (f"NOC {noc}{_noc_title(noc)} is in {group['level']} group {group['group']} ({group['title']}), "
                "which the FSTP excludes from its skilled trades.", fix)
    return f"NOC {noc}{_noc_title(noc)} is not one of the skilled trades of the FSTP.", fix


_UNIT_GROUPS: Optional[dict] = None


def _unit_groups() -> dict:
    global _UNIT_GROUPS
    if _UNIT_GROUPS is None:
        from .noc import unit_groups  # lazy: reads data/noc2021/unit_groups.csv once

        _UNIT_GROUPS = unit_groups()
    return _UNIT_GROUPS


def _noc_title(noc: str) -> str:
    ug = _unit_groups().get(noc)
    return f" ({ug.title_en})" if ug is not None else ""


def _trades_text(c: dict) -> str:
    inc = ", ".join(f"{g} ({i['title']})" for g, i in c["trades_in"])
    exc = ", ".join(f"{g} ({i['title']})" for g, i in c["trades_out"])
    return inc + ("; excluding " + exc if exc else "")


# --------------------------------------------------------------------------- entry point

def evaluate_programs(profile: Dict[str, Any], langs: Dict[str, Any], rs) -> Tuple[dict, List[str], List[str]]:
    """Eligibility for CEC, FSW and FSTP; see the module docstring for the output."""
    c = _compile(rs)
    warnings: List[str] = []
    funds_rec = _Program()
    funds = _funds(funds_rec, profile, c, rs)
    teer = _teer(profile)
    cec = _cec(profile, langs, c, teer)
    fsw = _fsw(profile, langs, c, rs, warnings, funds_rec, funds, teer)
    fst = _fst(profile, langs, c, rs, funds_rec, funds)
    programs = {"cec": cec, "fsw": fsw, "fst": fst}
    if c["funds"] is None:
        warnings.append(f"Programs: this tool has no proof-of-funds table in force on {rs.on.isoformat()}, so FSW "
                        "and FSTP funds are not checked (their eligibility stays undecided).")
    missing: List[str] = []
    if cec["missing"] or fsw["missing"] or fst["missing"]:
        for result in (cec, fsw, fst):  # PROGRAM_IDS order
            for f in result["missing"]:
                if f not in missing:
                    missing.append(f)
    return programs, missing, warnings
