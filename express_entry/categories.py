"""Express Entry category-based selection: which categories a candidate fits.

All lists, rules and sources come from ``data/categories/categories.json`` (see CATEGORIES_SOURCE.md there);
nothing about a category is written in this module.  Each category of the year in force is checked
against what is known about the candidate:

* ``noc_code``: NOC 2021 code of the occupation the candidate worked in;
* ``work_months``: months of full-time work (or the same amount part-time) in that occupation within the
  past 3 years, in Canada or abroad.  Under the 2025 rules (6 months, continuous) give the longest
  continuous stretch;
* ``canadian_work_months``: the part of that work done in Canada (the "with Canadian work experience"
  categories count only that);
* ``french_nclc``: French levels (NCLC) for speaking, listening, reading and writing, or a TEF Canada /
  TCF Canada result that the engine converts.

Each category gets a status: ``fits``, ``partially_fits`` (e.g. a listed occupation but too few months),
``does_not_fit`` or ``unknown`` (what is missing is listed), with the rule, the data's date and sources.

Which year's lists apply: the latest year whose lists were in force on the date (``on``, default today).
A year's lists take effect on the earliest category announcement dated in that calendar year (2026: the
18 Feb 2026 announcement), or on 1 January when the data gives no announcement date for that year (2025);
an explicit ``years: {"2025": {"effective_from": "2025-02-27"}}`` object in the JSON takes precedence.
"""
from __future__ import annotations

import datetime as _dt
import functools
import json
from pathlib import Path
from typing import Any, Dict, List, Optional

from .profile import ProfileError
from . import concepts
from .vocabulary import ABILITIES, SPEAKING_FIRST, count_text, number_text, parse_iso_date

__all__ = ["CategoryError", "load_categories", "years", "year_in_force", "categories_for", "category_report",
           "categories_from_profile", "round_type", "category_name"]

DATA_FILE = Path(__file__).resolve().parent / "data" / "categories" / "categories.json"
_MAX_MONTHS = 36  # the rules count work within the past 3 years


class CategoryError(ProfileError):
    """Bad input for the category check (a ProfileError: ``.field`` and ``.accepted``)."""


@functools.lru_cache(maxsize=1)
def load_categories() -> dict:
    """The categories data file, parsed (cached)."""
    with open(DATA_FILE, encoding="utf-8") as fh:
        return json.load(fh)


def round_type(cat_id: str) -> str:
    """The type of round of a category (express_entry/draws/classify.py's ids): its id without the year
    ("stem-2026" -> "stem")."""
    head, _, tail = cat_id.rpartition("-")
    return head if tail.isdigit() and head else cat_id


def category_name(cat: dict, language: str = "en") -> str:
    """A category's name as a person reads it: the data's (IRCC's English list) in English, the labels' name of its
    type of round (``round_types``) in another language."""
    if language == "en":
        return cat["name"]
    return concepts.words("round_types", language).get(round_type(cat["id"]), cat["name"])


def years() -> List[int]:
    """Years for which the data has category lists, oldest first."""
    return sorted({int(c["year"]) for c in load_categories()["categories"]})


def _iso(value: Optional[str]) -> Optional[_dt.date]:
    return parse_iso_date(str(value)[:10]) if value else None


def _effective(year: int):
    """(date the year's lists took effect, basis): basis "data" (explicit ``years`` entry), "announcement"
    (earliest announcement dated in that year) or "assumed" (1 January: the data has no date)."""
    data = load_categories()
    explicit = _iso(((data.get("years") or {}).get(str(year)) or {}).get("effective_from"))
    if explicit:
        return explicit, "data"
    start = _dt.date(year, 1, 1)
    announced = [d for d in (_iso(c.get("announced")) for c in data["categories"] if int(c["year"]) == year)
                 if d is not None and d >= start]
    return (min(announced), "announcement") if announced else (start, "assumed")


def _effective_from(year: int) -> _dt.date:
    return _effective(year)[0]


def _as_date(value, field: str) -> _dt.date:
    if value is None:
        return _dt.date.today()
    day = parse_iso_date(value.strip() if isinstance(value, str) else value)
    if day is not None:
        return day
    raise CategoryError(field, f"{value!r} is not a date", "an ISO date YYYY-MM-DD, e.g. 2026-11-28")


def year_in_force(on=None, year=None) -> dict:
    """Which year's category lists apply: ``{year, effective_from, on, chosen_by, warnings}``."""
    day = _as_date(on, "on")
    known = years()
    warnings: List[str] = []
    data_as_of = load_categories().get("as_of")
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, int) or year not in known:
            raise CategoryError("year", f"{year!r} has no category lists in the data",
                                ", ".join(str(y) for y in known))
        return {"year": year, "effective_from": _effective_from(year).isoformat(), "on": day.isoformat(),
                "chosen_by": "year", "warnings": warnings}
    in_force = [y for y in known if _effective_from(y) <= day]
    if not in_force:
        first = known[0]
        raise CategoryError("on", f"{day.isoformat()} is before the first category lists in the data "
                                  f"({first}, in force from {_effective_from(first).isoformat()})",
                            f"a date on or after {_effective_from(first).isoformat()}")
    chosen = in_force[-1]
    if _effective(chosen)[1] == "assumed":
        warnings.append(f"The data gives no start date for the {chosen} lists: they are taken to apply from "
                        f"{_effective_from(chosen).isoformat()}. Before their announcement the previous "
                        f"year's lists (not in this data) still applied.")
    if day.year > chosen and day.year > known[-1]:
        warnings.append(f"IRCC's category lists for {day.year} are not in this data (data as of {data_as_of}); "
                        f"showing the {chosen} lists, the latest known.")
    elif day.year > chosen:
        warnings.append(f"On {day.isoformat()} the {day.year} category lists were not yet in force "
                        f"(from {_effective_from(day.year).isoformat()}); showing the {chosen} lists.")
    return {"year": chosen, "effective_from": _effective_from(chosen).isoformat(), "on": day.isoformat(),
            "chosen_by": "date", "warnings": warnings}


# ---------------------------------------------------------------------------
# Input checks
# ---------------------------------------------------------------------------

def _months(value, field: str) -> Optional[float]:
    if value is None:
        return None
    accepted = f"a number of months from 0 to {_MAX_MONTHS} (work within the past 3 years)"
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise CategoryError(field, f"{value!r} is not a number of months", accepted)
    if value < 0 or value > _MAX_MONTHS:
        raise CategoryError(field, f"{value!r} is out of range", accepted)
    return int(value) if float(value).is_integer() else float(value)


_NCLC_ACCEPTED = ("NCLC levels 0-12 for speaking, listening, reading and writing: one number for all four, "
                  "a list of four in that order, a mapping {speaking, listening, reading, writing}, "
                  "or a TEF Canada / TCF Canada result {\"test\": \"tef\", \"speaking\": ..., ...}")


def _french(value, day: _dt.date, language: str = "en") -> Optional[dict]:
    """``{"levels": {ability: int}, "valid": bool, "reason": str|None, "test": str}`` or None; ``reason``: why a
    result does not count, in ``language``."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise CategoryError("french_nclc", f"{value!r} is not an NCLC level", _NCLC_ACCEPTED)
    if isinstance(value, dict) and "test" in value:
        from .profile import _language

        result = _language("french_nclc", value)
        if result["test"] not in ("tef", "tcf", "nclc"):
            raise CategoryError("french_nclc.test", f"{result['test']!r} is not a French test",
                                "tef (TEF Canada), tcf (TCF Canada) or nclc (levels given directly)")
        from .language import levels, reason_text

        lv = levels(result, day)
        return {"levels": dict(lv.levels), "valid": lv.valid, "reason": reason_text(lv, language),
                "test": result["test"]}
    if isinstance(value, int):
        items = {a: value for a in SPEAKING_FIRST}
    elif isinstance(value, (list, tuple)):
        if len(value) != 4:
            raise CategoryError("french_nclc", f"{len(value)} levels given instead of 4", _NCLC_ACCEPTED)
        items = dict(zip(SPEAKING_FIRST, value))
    elif isinstance(value, dict):
        unknown = [k for k in value if k not in ABILITIES]
        if unknown:
            raise CategoryError(f"french_nclc.{unknown[0]}", "unknown ability", ", ".join(ABILITIES))
        items = dict(value)
    else:
        raise CategoryError("french_nclc", f"{value!r} is not a set of NCLC levels", _NCLC_ACCEPTED)
    out = {}
    for ability, level in items.items():
        if level is None:
            continue
        if isinstance(level, float) and level.is_integer():
            level = int(level)
        if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 12:
            raise CategoryError(f"french_nclc.{ability}", f"{level!r} is not an NCLC level",
                                "an integer from 0 to 12")
        out[ability] = level
    return {"levels": out, "valid": True, "reason": None, "test": "nclc"}


# ---------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------

def _sources(ids: List[str]) -> List[dict]:
    by_id = {s["id"]: s for s in load_categories().get("sources", [])}
    out = []
    for i in ids:
        s = by_id.get(i)
        if s:
            out.append({k: s[k] for k in ("id", "what", "url", "date") if k in s})
    return out


class _Say:
    """The category sentences in one language (``data/labels/<language>.yaml``, ``categories``)."""

    def __init__(self, language: str = "en"):
        self.language = language

    def __call__(self, key: str, **values) -> str:
        return concepts.say(f"categories.{key}", self.language, **values)

    def ability(self, a: str) -> str:
        return a if self.language == "en" else concepts.words("abilities", self.language).get(a, a)

    def n(self, count: int, word: str) -> str:
        """"1 occupation", "12 occupations" (``word``: the labels' ``<word>_one`` / ``<word>_many``)."""
        return self(f"{word}_{'one' if count == 1 else 'many'}", n=count)

    def number(self, x) -> str:
        return number_text(x) if self.language == "en" else count_text(x, self.language)

    def title(self, g) -> str:
        return g.title_fr if self.language == "fr" else g.title_en


_EN = _Say()


def _status(checks: List[dict], gate: Optional[bool] = True) -> str:
    if gate is False:
        return "does_not_fit"
    met = [c["met"] for c in checks]
    if False in met:
        return "partially_fits" if True in met else "does_not_fit"
    if None in met:
        return "unknown"
    return "fits"


def _occupation(cat: dict, noc, months, canadian, say: _Say = _EN) -> dict:
    from .noc import unit_group

    listed_codes = list(cat.get("noc_codes") or [])
    min_months = cat.get("min_months")
    canada_only = "canada only" in str(cat.get("experience_location", "")).lower()
    continuous = bool(cat.get("continuous_required"))
    checks, missing = [], []
    n = say.number

    if noc is None:
        listed = None
        missing.append("noc_code")
        occ_detail = say("noc_needed", listed=say.n(len(listed_codes), "occupation"))
        occ_name = say("your_occupation")
    else:
        g = unit_group(noc)
        occ_name = f"{say.title(g)} ({g.code})"
        listed = g.code in listed_codes
        occ_detail = (say("listed", occupation=occ_name, year=cat["year"]) if listed else
                      say("not_listed", occupation=occ_name, listed=say.n(len(listed_codes), "occupation"),
                          year=cat["year"]))
    checks.append({"requirement": say("requirement_list"), "met": listed, "detail": occ_detail})

    where = say("in_canada" if canada_only else "in_canada_or_abroad")
    need = (say("need_continuous" if continuous else "need", months=n(min_months), where=where)
            if min_months is not None else None)
    exp_met = None
    if min_months is not None:
        if canada_only:
            have, field = canadian, "canadian_work_months"
            if have is None and months is not None and months < min_months:
                exp_met = False
                exp_detail = say("fewer_in_canada", months=n(months), need=n(min_months))
            elif have is None:
                missing.append(field)
                exp_detail = say("months_in_canada_needed")
        else:
            have, field = months, "work_months"
            if have is None and canadian is not None and canadian >= min_months:
                have = canadian
            elif have is None:
                missing.append(field)
                exp_detail = say("months_needed")
        if exp_met is None and have is not None:
            exp_met = have >= min_months
            months_text = say("months_in_canada" if canada_only else "months", months=n(have))
            if exp_met:
                exp_detail = say("months_meet", months=months_text, need=n(min_months))
                if continuous:
                    exp_detail += say("must_be_continuous")
            else:
                short = min_months - have
                exp_detail = say("more_month_needed" if short == 1 else "more_months_needed", months=months_text,
                                 more=n(short))
        checks.append({"requirement": need, "met": exp_met, "detail": exp_detail})

    status = _status(checks, gate=listed)
    if listed is False:
        missing = []  # nothing else could make the candidate fit
    if status == "fits":
        text = say("fits_occupation", occupation=occ_name)
    elif status == "partially_fits":
        text = say("partly", occupation=occ_name, need=need, detail=checks[-1]["detail"])
    elif status == "does_not_fit" and listed is False:
        text = occ_detail
    elif status == "does_not_fit":
        text = say("category_needs", need=need, detail=checks[-1]["detail"])
    else:
        text = say("not_enough", details=" ".join(c["detail"] for c in checks if c["met"] is None))
    return {"status": status, "explanation": text, "checks": checks, "missing": missing,
            "occupation_listed": listed}


def _language_check(cat: dict, french: Optional[dict], say: _Say = _EN) -> dict:
    min_nclc = cat.get("min_nclc")
    checks, missing = [], []
    if french is None:
        missing.append("french_nclc")
        checks.append({"requirement": say("requirement_french", level=min_nclc), "met": None,
                       "detail": say("french_needed")})
        return {"status": "unknown", "checks": checks, "missing": missing, "occupation_listed": None,
                "explanation": say("not_enough_french", level=min_nclc)}
    if not french["valid"]:
        checks.append({"requirement": say("requirement_valid_french"), "met": False, "detail": french["reason"]})
        return {"status": "does_not_fit", "checks": checks, "missing": missing, "occupation_listed": None,
                "explanation": french["reason"]}
    short = []
    for ability in ABILITIES:
        level = french["levels"].get(ability)
        name = say.ability(ability)
        if level is None:
            missing.append(f"french_nclc.{ability}")
            checks.append({"requirement": say("requirement_ability", ability=name, level=min_nclc), "met": None,
                           "detail": say("ability_needed", ability=name)})
        else:
            ok = level >= min_nclc
            if not ok:
                short.append(say("ability_short", ability=name, level=level))
            checks.append({"requirement": say("requirement_ability", ability=name, level=min_nclc), "met": ok,
                           "detail": say("ability_level", ability=name, level=level)})
    status = _status(checks)
    if status == "fits":
        text = say("fits_french", level=min_nclc)
    elif status == "unknown":
        text = say("not_enough", details=" ".join(c["detail"] for c in checks if c["met"] is None))
    else:
        text = say("below_french", level=min_nclc, short=", ".join(short))
    return {"status": status, "explanation": text, "checks": checks, "missing": missing,
            "occupation_listed": None}


def _military(cat: dict, noc, say: _Say = _EN) -> dict:
    from .noc import unit_group

    listed_codes = list(cat.get("noc_codes") or [])
    checks, missing = [], []
    if noc is None:
        listed = None
        missing.append("noc_code")
        detail = say("caf_needed", listed=say.n(len(listed_codes), "occupation"))
    else:
        g = unit_group(noc)
        listed = g.code in listed_codes
        occupation = f"{say.title(g)} ({g.code})"
        detail = (say("caf_listed", occupation=occupation) if listed else
                  say("caf_not_listed", occupation=occupation, listed=say.n(len(listed_codes), "caf_occupation")))
    checks.append({"requirement": say("requirement_list"), "met": listed, "detail": detail})
    checks.append({"requirement": say("requirement_military"), "met": None, "detail": say("not_checked")})
    status = "does_not_fit" if listed is False else "unknown"
    if listed is not False:
        missing.append("military_requirements")
    text = detail if listed is False else detail + say("other_conditions")
    return {"status": status, "explanation": text, "checks": checks, "missing": missing, "occupation_listed": listed}


def _evaluate(cat: dict, noc, months, canadian, french, say: _Say = _EN) -> dict:
    """One category's status, explanation and checks for the candidate, in ``say``'s language."""
    kind = cat.get("kind")
    if kind == "language":
        res = _language_check(cat, french, say)
    elif kind == "occupation":
        res = _occupation(cat, noc, months, canadian, say)
    else:
        res = _military(cat, noc, say)
    out = {
        "id": cat["id"],
        "name": category_name(cat, say.language),
        "year": cat["year"],
        "kind": kind,
        "status": res["status"],
        "explanation": res["explanation"],
        "checks": res["checks"],
        "missing": res["missing"],
        "occupation_listed": res["occupation_listed"],
        "rule": cat.get("rule"),
    }
    for key in ("min_months", "continuous_required", "experience_location", "min_nclc", "announced",
                "first_draw", "note"):
        if key in cat:
            out[key] = cat[key]
    out["noc_codes"] = list(cat.get("noc_codes") or [])
    out["draw_names"] = list(cat.get("draw_names") or [])
    out["confidence"] = cat.get("confidence")
    out["sources"] = _sources(cat.get("sources") or [])
    out["data_as_of"] = load_categories().get("as_of")
    return out


def categories_for(noc_code=None, work_months=None, canadian_work_months=None, french_nclc=None, on=None,
                   year=None) -> List[dict]:
    """Each category of the year in force (or of ``year``) with the candidate's status in it.

    See the module docstring for the inputs.  Raises CategoryError (a ProfileError naming the field and the
    accepted values) for bad input.
    """
    return category_report(noc_code, work_months, canadian_work_months, french_nclc, on, year)["categories"]


def category_report(noc_code=None, work_months=None, canadian_work_months=None, french_nclc=None, on=None,
                    year=None, language: str = "en") -> dict:
    """``categories_for`` with its context: ``{year, effective_from, on, data_as_of, lists_verified_against,
    occupation, fits, categories, general_requirements, warnings, sources_note}``. ``language``: the language of
    the explanations and checks ("en" or "fr")."""
    from .noc import normalize_code, unit_group

    chosen = year_in_force(on, year)
    day = _dt.date.fromisoformat(chosen["on"])
    noc = normalize_code(noc_code, "noc_code") if noc_code is not None else None
    months = _months(work_months, "work_months")
    canadian = _months(canadian_work_months, "canadian_work_months")
    if months is not None and canadian is not None and canadian > months:
        raise CategoryError("canadian_work_months",
                            f"{number_text(canadian)} months in Canada is more than the {number_text(months)} months of work in all",
                            "at most work_months (work in Canada is part of all work)")
    french = _french(french_nclc, day, language)
    data = load_categories()
    cats = [c for c in data["categories"] if int(c["year"]) == chosen["year"]]
    say = _EN if language == "en" else _Say(language)
    results = [_evaluate(c, noc, months, canadian, french, say) for c in cats]
    occupation = None
    if noc is not None:
        g = unit_group(noc)
        occupation = {"code": g.code, "title_en": g.title_en, "title_fr": g.title_fr, "teer": g.teer}
    notes = data.get("notes") or []
    return {
        "year": chosen["year"],
        "effective_from": chosen["effective_from"],
        "on": chosen["on"],
        "chosen_by": chosen["chosen_by"],
        "data_as_of": data.get("as_of"),
        "lists_verified_against": data.get("lists_verified_against"),
        "occupation": occupation,
        "fits": [r["id"] for r in results if r["status"] == "fits"],
        "categories": results,
        "general_requirements": notes[0] if notes else None,
        "warnings": chosen["warnings"],
        "sources_note": "See express_entry/data/categories/CATEGORIES_SOURCE.md for how the lists were "
                        "assembled and how sure they are.",
    }


def categories_from_profile(profile: dict, on=None, language: str = "en") -> dict:
    """``category_report`` for a contract profile (validated first).

    Uses ``noc_code``; French levels from whichever of ``first_language`` / ``second_language`` is a TEF
    Canada, TCF Canada or NCLC result; and ``canadian_work_months_last_3_years`` as the months in Canada,
    assuming that work was in the ``noc_code`` occupation (stated in ``warnings``).  Work abroad is not in
    the profile by month, so ``work_months`` is the Canadian months when nothing better is known.
    """
    from .profile import validate

    return categories_from_validated(validate(profile), on, language)


def categories_from_validated(p: dict, on=None, language: str = "en") -> dict:
    """``categories_from_profile`` for a profile already returned by ``profile.validate``."""
    from .vocabulary import TEST_LANGUAGE

    day = on if on is not None else p["assessed_on"]
    french = None
    for key in ("first_language", "second_language"):
        res = p.get(key)
        if res and TEST_LANGUAGE.get(res["test"]) == "french":
            french = dict(res)
            if "taken_on" in french:
                french["taken_on"] = french["taken_on"].isoformat()
            break
    canadian = p.get("canadian_work_months_last_3_years")
    report = category_report(noc_code=p.get("noc_code"), work_months=None, canadian_work_months=canadian,
                             french_nclc=french, on=day, language=language)
    if canadian is not None and p.get("noc_code"):
        report["warnings"].append("Assumed: the Canadian work months in the profile were in the occupation "
                                  f"{p['noc_code']}. Work abroad is not counted here.")
    return report
