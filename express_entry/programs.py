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

from .language import reason_text
from .rules import step_list
from .profile import PROFILE_EXTENSIONS as _PROFILE_EXTENSIONS
from .profile import accompanying_spouse
from . import concepts as _concepts
from .vocabulary import ABILITIES, LEVEL_WORD, PARTNERED, count_text, language_test_name, long_date

__all__ = ["evaluate_programs", "PROGRAM_EXTENSIONS", "PROGRAM_IDS", "fst_trade_group", "is_skilled_trade"]

PROGRAM_IDS = ("cec", "fsw", "fst")

# The extension fields (not in the contract) that the programs read; their meaning is in
# profile.PROFILE_EXTENSIONS, the one list of extensions.
PROGRAM_EXTENSIONS = {k: _PROFILE_EXTENSIONS[k] for k in (
    "authorized_to_work_in_canada", "spouse_canadian_study_2_years", "spouse_canadian_work_1_year")}

_ABILITIES = ABILITIES
_MAX_FAMILY = 20  # the contract's largest family_size


class _Say:
    """The eligibility sentences in one language: ``data/labels/<language>.yaml``'s ``eligibility`` (the words of
    this module; express_entry.concepts reads them), filled with the values."""

    __slots__ = ("language",)

    def __init__(self, language: str = "en"):
        self.language = language

    def __call__(self, key: str, **values: Any) -> str:
        return _concepts.say(f"eligibility.{key}", self.language, **values)

    def years(self, n: int) -> str:
        """"1 year", "2 years" (French: "1 an", "0 an", "2 ans")."""
        one = n == 1 if self.language == "en" else n < 2
        return self("year_one" if one else "year_many", n=n)

    def more_years(self, n: int) -> str:
        """"1 more year", "2 more years"."""
        one = n == 1 if self.language == "en" else n < 2
        return self("more_year_one" if one else "more_year_many", n=n)

    def join(self, items: List[str], last: str = "and") -> str:
        """"a", "a and b", "a, b and c" ("or" for ``last="or"``)."""
        items = list(items)
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {self(last)} " + items[-1]

    def teers(self, teers) -> str:
        """"0, 1, 2 or 3"."""
        return self.join([str(x) for x in sorted(teers)], "or")

    def money(self, x) -> str:
        """"15,263 CAD"; cents shown only when there are some."""
        if x == int(x):
            amount = count_text(int(x), self.language)
        else:
            amount = f"{x:,.2f}" if self.language == "en" else f"{x:,.2f}".replace(",", "\u00a0").replace(".", ",")
        return self("money", amount=amount)

    def ability(self, a: str) -> str:
        return _concepts.words("abilities", self.language).get(a, a)


_EN = _Say("en")


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
                "minima_teers": tuple((m, teers_of[m]) for m in minima)},
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


def _texts(c: dict, say: _Say) -> dict:
    """Sentences in ``say``'s language that depend only on the ruleset (or on a small number such as months),
    built once per ruleset and language (:func:`_txt`)."""
    skilled = say.teers(c["skilled"])
    cc = c["cec"]
    months, fsw_years, fst_years = cc["months"], c["fsw"]["years"], c["fst"]["years"]
    fsw_y = say.years(fsw_years)
    minima = cc["minima_teers"]
    teers = {m: say("teers", teers=say.teers(t)) for m, t in minima}
    trades = say.join([say("trade_group", group=g, title=i["title"]) if say.language == "en" else g
                       for g, i in c["trades_in"]])
    if c["trades_out"]:
        trades += say("trades_excluding", groups=say.join(
            [say("trade_group", group=g, title=i["title"]) if say.language == "en" else g for g, i in c["trades_out"]]))
    trades_fix = say("trades_fix", trades=trades)
    return {
        "skilled_teers": skilled,
        "trades_fix": trades_fix,
        "what": {t: say("what_cec_teer", teer=t) for t in cc["by_teer"]},
        "loosest_teers": teers[minima[0][0]],
        "strictest_teers": teers[minima[-1][0]],
        "by_teer_text": ", ".join(say("cec_by_teer", minimums=_minimums_text(dict(m), "CLB", say, short=True),
                                      teers=teers[m]) for m, _ in reversed(minima)),
        "occupation_unknown": {
            pid: (say("occupation_unknown", program=say(f"the_{pid}"), skilled=skilled),
                  say("occupation_unknown_fix")) for pid in PROGRAM_IDS},
        "cec_work_fail": [
            (say("cec_work_fail", months=m, need=months),
             say("cec_work_fail_fix", more=months - m, skilled=skilled)) for m in range(months)],
        "fsw_work_fail": (say("fsw_work_fail", years=fsw_y, skilled=skilled),
                          say("fsw_work_fail_fix", years=fsw_y, skilled=skilled)),
        "fst_work_fail": [
            (say("fst_work_fail", years=say.years(y), need=fst_years),
             say("fst_work_fail_fix", more=say.more_years(fst_years - y))) for y in range(fst_years)],
        "fst_teer_fail": {
            t: (say("fst_teer_fail", teer=t, trade_teers=say.teers(c["trade_teers"])), trades_fix)
            for t in range(6)},
        "quebec_fail": {pid: (say("quebec_fail", program=say(f"the_{pid}")), say("quebec_fail_fix"))
                        for pid in PROGRAM_IDS},
        "quebec_unknown": (say("quebec_unknown"), say("quebec_unknown_fix")),
    }


def _txt(c: dict, say: _Say) -> dict:
    """:func:`_texts` of the compiled ruleset ``c`` in ``say``'s language, built on first use."""
    key = "txt_" + say.language
    t = c.get(key)
    if t is None:
        t = c[key] = _texts(c, say)
    return t


def skilled_teers_text(rs, language: str = "en") -> str:
    """The TEER categories whose work counts for CEC and FSW, in words ("0, 1, 2 or 3"; "0, 1, 2 ou 3")."""
    return _txt(_compile(rs), _EN if language == "en" else _Say(language))["skilled_teers"]


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

    __slots__ = ("checks", "fail_reasons", "fail_fixes", "unk_reasons", "unk_fixes", "missing", "notes", "say")

    def __init__(self, say: _Say = _EN):
        self.say = say
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


def _lang_name(ll, say: _Say) -> str:
    return say("french" if ll.language == "french" else "english")


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


def _score_hint(ll, short, say: _Say) -> str:
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
        score = f"{s:g}" if not isinstance(s, float) else f"{s:.1f}"
        parts.append(say("ability_score", ability=say.ability(a),
                         score=score if say.language == "en" else score.replace(".", ",")))
    return say("score_hint", test=language_test_name(ll.test, say.language), scores=say.join(parts))


def _describe_short(ll, short, say: _Say) -> str:
    w = LEVEL_WORD[ll.language]
    return say.join([say("ability_level", ability=say.ability(a), word=w, level=v) for a, v, _ in short])


def _language_requirement(pg: _Program, key: str, profile: dict, langs: dict, mins: _Mins, what: str,
                          c: dict):  # ``what``: the program as the sentences name it (pg.say's language)
    """Meets ``mins`` in English or French (one test). Returns the LanguageLevels that meets it (or None).

    ``langs["first"]`` None: the first official language is unknown (undecided unless the second result
    meets the minimums).
    """
    say = pg.say
    first, second = langs.get("first"), langs.get("second")
    cands = [(s, ll) for s, ll in (("first", first), ("second", second)) if ll is not None]
    if not cands:
        pg.undecided(key, say("language_unknown"), say("language_add", tests=say("tests_hint")), ["first_language"])
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
        pg.undecided(key, say("first_language_unknown"), say("language_add", tests=say("tests_hint")),
                     ["first_language"] + undecided_fields)
        return None
    if undecided_fields:
        pg.undecided(key, say("scores_unknown"), say("scores_unknown_fix"), undecided_fields)
        return None
    if best is None:  # no valid result at all
        ll = cands[0][1]
        reason = reason_text(ll, say.language)
        pg.fail(key, say("needs_valid_result", reason=reason.rstrip("."), what=what),
                say("new_test", tests=say("tests_hint"))
                + (say("new_test_validity", years=c["validity_years"]) if c["validity_years"] else "."))
        return None
    ll, short = best
    pg.fail(key, *_fail_text(ll, short, mins, what, say))
    return None


def _fail_text(ll, short, mins: "_Mins", what: str, say: _Say) -> Tuple[str, str]:
    """(reason, fix) of a language failure: ``short`` are the (ability, level, minimum) shortfalls of ``ll``."""
    w = LEVEL_WORD[ll.language]
    fix = say("reach", minimums=_minimums_text({a: m for a, _, m in short}, w, say, short=True, per_ability=True),
              hint=_score_hint(ll, short, say))
    return (say("too_low", language=_lang_name(ll, say), short=_describe_short(ll, short, say), what=what,
                minimums=_minimums_text(mins, w, say)), fix)


def _minimums_text(mins: Dict[str, int], w: str, say: _Say = _EN, short: bool = False,
                   per_ability: bool = False) -> str:
    """"CLB 7 in all four abilities", "CLB 7" (short), or per ability ("CLB 5 in speaking and CLB 4 in ...")."""
    vals = set(mins.values())
    if len(vals) == 1 and not per_ability:
        return say("level" if short else "level_all_four", word=w, level=vals.pop())
    groups: Dict[int, List[str]] = {}
    for a, m in mins.items():
        groups.setdefault(m, []).append(say.ability(a))
    return say.join([say("level_in", word=w, level=m, abilities=say.join(ab))
                     for m, ab in sorted(groups.items(), reverse=True)])


def _quebec(pg: _Program, profile: dict, pid: str, c: dict) -> None:
    q = profile.get("intends_quebec")
    if q is False:
        pg.checks["outside_quebec"] = True
    elif q is True:
        pg.fail("outside_quebec", *_txt(c, pg.say)["quebec_fail"][pid])
    else:
        pg.undecided("outside_quebec", *_txt(c, pg.say)["quebec_unknown"], ("intends_quebec",))


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
        pg.undecided("skilled_occupation", *_txt(c, pg.say)["occupation_unknown"][pid], ("noc_code",))
        return True
    if teer in c["skilled"]:
        pg.checks["skilled_occupation"] = True
        return True
    say = pg.say
    noc = profile.get("noc_code")
    label = say("noc_label", noc=noc) if noc is not None else say("your_occupation")
    skilled = _txt(c, say)["skilled_teers"]
    pg.fail("skilled_occupation", say("teer_fail", label=label, teer=teer, skilled=skilled, program=say(f"the_{pid}")),
            say("teer_fail_fix", skilled=skilled))
    return False


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
    say = pg.say
    get = profile.get
    f = c["funds"]
    size = get("family_size")
    avail = get("settlement_funds")
    job, auth = get("job_offer"), get("authorized_to_work_in_canada")
    exempt = True if (job is True and auth is True) else (False if (job is False or auth is False) else None)
    out = {"required": None, "family_size": size, "available": avail, "exempt": exempt,
           "table_effective": None, "source": f["source"] if f else None}
    pg.notes.append(say("note_funds"))
    if exempt is True:
        pg.checks["proof_of_funds"] = True
        pg.notes.append(say("funds_exempt"))
        if f is not None and size is not None:
            out["required"] = f["required"][size]
            out["table_effective"] = f["effective"]
        return out
    pg.notes.append(say("note_exempt"))
    if f is None:
        pg.undecided("proof_of_funds", say("funds_not_in_data", date=_date(rs.on, say)), say("funds_not_in_data_fix"),
                     [])
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
    exempt_txt = say("exempt_by_job" if job is not True else "exempt_by_authorization")
    if avail is not None and avail < req_lo:
        if exempt is False:
            fam = _family(size, say) if size is not None else (
                say("family_at_least", size=lo_size) if lo_size > 1 else say("one_person"))
            pg.fail("proof_of_funds", say("funds_fail", available=say.money(avail), family=fam,
                                          required=say.money(req_lo), effective=_date(f["effective"], say)),
                    say("funds_fail_fix", more=say.money(req_lo - avail)))
        else:
            pg.undecided("proof_of_funds", say("funds_below", available=say.money(avail), required=say.money(req_lo),
                                               exempt=exempt_txt),
                         say("funds_below_fix"), exempt_fields)
        return out
    if avail is None:
        fields = ["settlement_funds"] + (["family_size"] if size is None else [])
        if job is True:
            fields += exempt_fields
        pg.undecided("proof_of_funds", say("funds_unknown_size", required=say.money(req_lo), family=_family(size, say))
                     if size is not None else say("funds_unknown", required=say.money(req_lo)),
                     say("funds_unknown_fix_size" if size is None else "funds_unknown_fix"), fields)
        return out
    # funds known, family size unknown and the answer depends on it
    fields = ["family_size"] + (exempt_fields if job is True else [])
    pg.undecided("proof_of_funds", say("funds_depends", available=say.money(avail)), say("funds_depends_fix"), fields)
    return out


def _family(size: int, say: _Say) -> str:
    """"a family of 3"."""
    return say("family_of_one") if size == 1 else say("family_of", size=size)


def _date(day, say: _Say) -> str:
    """An ISO date as the eligibility sentences write it: ISO in English, "3 mars 2027" in French."""
    iso = day.isoformat() if hasattr(day, "isoformat") else str(day)
    return iso if say.language == "en" else long_date(iso, say.language)


def _required_by_size(by: dict, extra: int) -> list:
    """Funds required for family sizes 0.._MAX_FAMILY (index = size; sizes past the table add ``extra`` each)."""
    top = max(by)
    return [None] + [by[size] if size <= top else by[top] + (size - top) * extra
                     for size in range(1, _MAX_FAMILY + 1)]


# --------------------------------------------------------------------------- CEC

def _cec(profile: dict, langs: dict, c: dict, teer: Optional[int], say: _Say = _EN) -> dict:
    get = profile.get
    pg = _Program(say)
    cc = c["cec"]
    _quebec(pg, profile, "cec", c)
    skilled = _skilled_occupation(pg, c, profile, teer, "cec")
    months = get("canadian_work_months_last_3_years")
    if months is None and get("canadian_work_years") == 0:
        months = 0
    need = cc["months"]
    if months is None:
        pg.undecided("canadian_work", say("cec_months_unknown"), say("cec_months_unknown_fix"),
                     ["canadian_work_months_last_3_years"])
    elif months >= need:
        pg.checks["canadian_work"] = True
    else:
        pg.fail("canadian_work", *_txt(c, say)["cec_work_fail"][months])
    # language: the minimum depends on the TEER of the Canadian work
    if teer is not None and skilled:
        _language_requirement(pg, "language", profile, langs, cc["by_teer"][teer], _txt(c, say)["what"][teer], c)
    else:
        _cec_language_unknown_teer(pg, profile, langs, c)
    pg.notes.append(say("note_cec"))
    return pg.result(cc["source"])


def _cec_language_unknown_teer(pg: _Program, profile: dict, langs: dict, c: dict) -> None:
    """TEER unknown: decided if the strictest minimum is met or the loosest one fails."""
    cc = c["cec"]
    say = pg.say
    t = _txt(c, say)
    probe = _Program(say)
    if _language_requirement(probe, "language", profile, langs, cc["strictest"], say("what_cec"), c) is not None:
        pg.checks["language"] = True
        return
    loose = _Program(say)
    _language_requirement(loose, "language", profile, langs, cc["loosest"],
                          say("what_cec_loosest", teers=t["loosest_teers"]), c)
    status = loose.checks["language"]
    if status is False:
        pg.fail("language", loose.fail_reasons[0], loose.fail_fixes[0])
        return
    fields = list(loose.missing) + ["noc_code"]
    if status is None:
        pg.undecided("language", say("cec_language_also_teer", reason=loose.unk_reasons[0], by_teer=t["by_teer_text"]),
                     say("cec_language_also_teer_fix", fix=loose.unk_fixes[0]), fields)
    else:
        pg.undecided("language", say("cec_language_partly", loosest=t["loosest_teers"], strictest=t["strictest_teers"]),
                     say("cec_language_partly_fix"), ["noc_code"])


# --------------------------------------------------------------------------- FSW

def _fsw(profile: dict, langs: dict, c: dict, rs, warnings: List[str], funds_rec: _Program, funds: dict,
         teer: Optional[int], say: _Say = _EN) -> dict:
    get = profile.get
    pg = _Program(say)
    fc, g = c["fsw"], c["grid"]
    _quebec(pg, profile, "fsw", c)
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
        pg.notes.append(say("note_fsw_work"))
    elif cw_hi + fw_hi < need:
        pg.fail("skilled_work", *_txt(c, say)["fsw_work_fail"])
    else:
        fields = [f for f, v in (("canadian_work_years", get("canadian_work_years")),
                                 ("foreign_work_years", fw)) if v is None]
        pg.undecided("skilled_work", say("fsw_years_unknown"), say("fsw_years_unknown_fix"), fields)
    # language: CLB 7 in all four abilities of the first official language
    first, second = langs.get("first"), langs.get("second")
    chosen = _language_requirement(pg, "language", profile, langs, fc["lang"], say("what_fsw"), c)
    if chosen is not None and chosen is second and second is not None:
        first_l, second_l = second, first
        warnings.append(say("fsw_first_language_swapped", language=_lang_name(second, say)))
    else:
        first_l, second_l = first, second
    # education
    edu = get("education")
    rec = get("education_recognized", True)
    if edu is None:
        pg.undecided("education", say("education_unknown"), say("education_unknown_fix"), ["education"])
    elif rec is False:
        pg.fail("education", say("education_no_eca"), say("education_no_eca_fix"))
    elif edu not in fc["education"]:
        pg.fail("education", say("education_too_low"), say("education_too_low_fix"))
    else:
        pg.checks["education"] = True
    # selection grid
    grid, lo, hi, grid_missing = _grid(c, _GridInputs(profile, first is not None, first_l, second_l,
                                                      langs.get("spouse"), cw_lo, cw_hi, fw_lo, fw_hi))
    p = g["pass"]
    if lo >= p:
        pg.checks["selection_grid"] = True
    elif hi < p:
        pg.fail("selection_grid", *_grid_fail_text(grid, g, hi, rec is False, say))
    else:
        names = _concepts.field_labels(say.language) if say.language != "en" else {}
        pg.undecided("selection_grid", say("grid_between", low=lo, high=hi, max=g["total_max"], pass_mark=p),
                     say("grid_between_fix", fields=", ".join(names.get(x, x.replace("_", " ")) for x in grid_missing)),
                     grid_missing)
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


def _grid_fail_text(grid: dict, g: dict, hi: int, no_eca: bool, say: _Say = _EN) -> Tuple[str, str]:
    """(reason, fix) of a grid score ``hi`` under the pass mark."""
    p = g["pass"]
    return (say("grid_fail", high=hi, max=g["total_max"], pass_mark=p),
            say("grid_fail_fix", more=p - hi, tips=_grid_advice_text(grid, g, no_eca, say)))


def _grid_advice_text(grid: dict, g: dict, no_eca: bool, say: _Say = _EN) -> str:
    """The grid factors that could still gain points, each with the most it could add."""
    values = {"arranged_employment": {"adaptability": g["ad"]["arranged_employment"]},
              "language_first": {"level": g["lang1_top_level"]}, "language_second": {"level": g["lang2_level"]}}
    tips = []
    for key in ("arranged_employment", "language_first", "language_second", "education", "experience",
                "adaptability"):
        item = grid[key]
        if item["points"] is not None and item["max"] > item["points"]:
            tip = "education_eca" if key == "education" and no_eca else key
            tips.append(say(f"tip_{tip}", d=item["max"] - item["points"], **values.get(key, {})))
    return "; ".join(tips) if tips else say("grid_no_tip")


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

def _fst(profile: dict, langs: dict, c: dict, rs, funds_rec: _Program, funds: dict, say: _Say = _EN) -> dict:
    get = profile.get
    pg = _Program(say)
    fc = c["fst"]
    _quebec(pg, profile, "fst", c)
    tw = get("trade_work_years_last_5")
    need = fc["years"]
    if tw is None:
        pg.undecided("trade_work", say("fst_years_unknown"), say("fst_years_unknown_fix"), ["trade_work_years_last_5"])
    elif tw >= need:
        pg.checks["trade_work"] = True
    else:
        pg.fail("trade_work", *_txt(c, say)["fst_work_fail"][tw])
    noc = get("noc_code")
    if noc is not None:
        ok, group = _trade_group(c, noc)
        if ok:
            pg.checks["skilled_trade"] = True
        else:
            pg.fail("skilled_trade", *_trade_fail_text(c, noc, group, say))
    else:
        teer = get("teer")
        if teer is not None and teer not in c["trade_teers"]:
            pg.fail("skilled_trade", *_txt(c, say)["fst_teer_fail"][teer])
        else:
            pg.undecided("skilled_trade", say("fst_noc_unknown"), say("fst_noc_unknown_fix"), ["noc_code"])
    _language_requirement(pg, "language", profile, langs, fc["lang"], say("what_fst"), c)
    job, coq = get("job_offer"), get("certificate_of_qualification")
    if job is True or coq is True:
        pg.checks["job_offer_or_certificate"] = True
    elif job is False and coq is False:
        pg.fail("job_offer_or_certificate", say("fst_job_fail"), say("fst_job_fail_fix"))
    else:
        fields = [f for f, v in (("job_offer", job), ("certificate_of_qualification", coq)) if v is None]
        pg.undecided("job_offer_or_certificate", say("fst_job_unknown"), say("fst_job_unknown_fix"), fields)
    _apply(pg, funds_rec)
    pg.notes.append(say("note_fst"))
    out = pg.result(fc["source"])
    out["funds"] = dict(funds)
    out["trades_source"] = c["trades_source"]
    return out


def _trade_fail_text(c: dict, noc: str, group: Optional[dict], say: _Say = _EN) -> Tuple[str, str]:
    fix = _txt(c, say)["trades_fix"]
    title = _noc_title(noc, say)
    if group is not None:
        return (say("trade_excluded", noc=noc, title=title, level=_group_level(group["level"], say),
                    group=group["group"], group_title=group["title"]), fix)
    return say("trade_not", noc=noc, title=title), fix


def _group_level(level: str, say: _Say) -> str:
    """A NOC level's name ("minor", "major") in ``say``'s language."""
    return level if say.language == "en" else _concepts.words("noc_levels", say.language).get(level, level)


_UNIT_GROUPS: Optional[dict] = None


def _unit_groups() -> dict:
    global _UNIT_GROUPS
    if _UNIT_GROUPS is None:
        from .noc import unit_groups  # lazy: reads data/noc2021/unit_groups.csv once

        _UNIT_GROUPS = unit_groups()
    return _UNIT_GROUPS


def _noc_title(noc: str, say: _Say = _EN) -> str:
    ug = _unit_groups().get(noc)
    return say("noc_title", title=ug.title_fr if say.language == "fr" else ug.title_en) if ug is not None else ""


# --------------------------------------------------------------------------- entry point

def evaluate_programs(profile: Dict[str, Any], langs: Dict[str, Any], rs,
                      language: str = "en") -> Tuple[dict, List[str], List[str]]:
    """Eligibility for CEC, FSW and FSTP; see the module docstring for the output. ``language``: the language of
    the reasons, fixes, notes and warnings ("en" or "fr")."""
    c = _compile(rs)
    say = _EN if language == "en" else _Say(language)
    warnings: List[str] = []
    funds_rec = _Program(say)
    funds = _funds(funds_rec, profile, c, rs)
    teer = _teer(profile)
    cec = _cec(profile, langs, c, teer, say)
    fsw = _fsw(profile, langs, c, rs, warnings, funds_rec, funds, teer, say)
    fst = _fst(profile, langs, c, rs, funds_rec, funds, say)
    programs = {"cec": cec, "fsw": fsw, "fst": fst}
    if c["funds"] is None:
        warnings.append(say("no_funds_table", date=_date(rs.on, say)))
    missing: List[str] = []
    if cec["missing"] or fsw["missing"] or fst["missing"]:
        for result in (cec, fsw, fst):  # PROGRAM_IDS order
            for f in result["missing"]:
                if f not in missing:
                    missing.append(f)
    return programs, missing, warnings
