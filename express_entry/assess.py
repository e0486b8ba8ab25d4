"""One assessment: validate -> language levels -> CRS -> programs -> missing -> warnings.

Output (the contract's "Assessment (output)" plus documented extensions):

``ruleset``           id of the ruleset applied (chosen by ``assessed_on``)
``crs``               total, core (A), spouse (B), transferability (C), additional (D), factors
                      [{factor, part, points, max, detail}] (a part's factors add up to the part);
                      extension ``scored_as``: "single" or "with_spouse"
``programs``          cec / fsw / fst, from ``express_entry.programs.evaluate_programs``
``missing``           fields whose absence blocks or changes a result (paths such as
                      ``first_language.speaking``), without duplicates
``warnings``          plain sentences (expired results, no ECA, assumptions, unmodelled rule changes)
extensions:
``assessed_on``       ISO date used
``ruleset_effective`` effective date of the ruleset
``first_language_choice``  {"first": "english"|"french", "from": field name, "chosen": "given"|"best",
                      "note": text} when a first official language is known
``language_levels``   {field: {test, language, levels, valid[, reason, taken_on, expires_on]}}

Programs: ``express_entry.programs.evaluate_programs(p, langs, rs) -> (programs, missing, warnings)``
with ``p`` the validated profile, ``rs`` the Ruleset, and ``langs`` a dict of
``language.LanguageLevels`` (or None): ``first`` / ``second`` (first and second
official language as used for the CRS, after the order choice), ``spouse``,
``english`` / ``french`` (the candidate's result in that language), and
``given`` ({"first_language", "second_language", "spouse_language"} as given).
A result with ``valid=False`` (expired) must earn nothing.

Fields not given count as none / 0 / false for the CRS, except those listed in
``missing`` (age, marital_status, education, the first official language and its
abilities, and the spouse flags of a married or common-law candidate).
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from . import crs as _crs
from .language import levels as _levels
from .language import reason_text as _reason_text
from .vocabulary import ABILITIES
from .profile import accompanying_spouse, validate
from .programs import evaluate_programs
from .concepts import say
from .rules import not_modelled, ruleset_for
from .vocabulary import long_date, ruleset_name

__all__ = ["assess", "assess_validated", "evaluate_languages", "program_languages"]


def _spouse_mode(p: dict, missing: list, warnings: list, language: str = "en") -> bool:
    """True when the candidate is scored with the accompanying, non-Canadian spouse columns.

    Unknown marital status: scored as single. A married / common-law candidate whose spouse flags are
    unknown: scored with the spouse columns, with a warning (both cases list the fields in ``missing``).
    """
    state, fields = accompanying_spouse(p)
    if state is not None:
        return state
    missing.extend(fields)
    if fields[0] == "marital_status":
        return False
    warnings.append(say("assessment.spouse_assumed", language))
    return True


def evaluate_languages(p: dict, rs) -> Dict[str, Any]:
    """LanguageLevels of the profile's results: {"first_language", "second_language", "spouse_language"} (given order)."""
    on = p["assessed_on"]
    out = {}
    for key in ("first_language", "second_language", "spouse_language"):
        res = p.get(key)
        out[key] = _levels(res, on, rs) if res is not None else None
    return out


def _choose_first(p: dict, rs, g_first, g_second, g_spouse, with_spouse: bool):
    """The first official language: the one decision that the CRS and the programs both use.

    Returns (first, second, first_from, chosen). ``first_language_fixed`` true keeps
    the order given (first_language absent then stays unknown). Otherwise a lone ``second_language`` is
    the first official language (the only result given), and with an English and a French result the
    order with the higher CRS wins (a tie keeps the order given; totals only, the caller details the
    chosen order).
    """
    if p.get("first_language_fixed") is True:
        return g_first, g_second, "first_language", "given"
    if g_first is None:
        if g_second is not None:
            return g_second, None, "second_language", "best"
        return None, None, "first_language", "given"
    if g_second is not None and g_first.language != g_second.language:
        a = _crs.score(p, g_first, g_second, g_spouse, with_spouse, rs, detail=False)["total"]
        b = _crs.score(p, g_second, g_first, g_spouse, with_spouse, rs, detail=False)["total"]
        if b > a:
            return g_second, g_first, "second_language", "best"
        return g_first, g_second, "first_language", "best"
    return g_first, g_second, "first_language", "given"


def _languages_for_programs(first, second, g_first, g_second, g_spouse) -> Dict[str, Any]:
    english = french = None  # the results given in each language (first_language and second_language differ)
    if g_first is not None:
        if g_first.language == "english":
            english = g_first
        else:
            french = g_first
    if g_second is not None:
        if g_second.language == "english":
            english = g_second
        else:
            french = g_second
    return {"first": first, "second": second, "spouse": g_spouse, "english": english, "french": french,
            "given": {"first_language": g_first, "second_language": g_second, "spouse_language": g_spouse}}


def program_languages(p: dict, rs=None) -> Dict[str, Any]:
    """The ``langs`` argument that ``assess`` gives ``programs.evaluate_programs`` for validated profile ``p``
    (first / second official language after the order choice, spouse, english / french, given)."""
    rs = rs or ruleset_for(p["assessed_on"])
    g = evaluate_languages(p, rs)
    g_first, g_second, g_spouse = g["first_language"], g["second_language"], g["spouse_language"]
    with_spouse = _spouse_mode(p, [], [])
    first, second = _choose_first(p, rs, g_first, g_second, g_spouse, with_spouse)[:2]
    return _languages_for_programs(first, second, g_first, g_second, g_spouse)


def assess(profile: dict, language: str = "en") -> dict:
    """Assess one profile (raises express_entry.ProfileError on invalid input). ``language``: the language of the
    sentences of the result (reasons, fixes, notes, warnings): "en" (the contract's) or "fr"."""
    return assess_validated(validate(profile), language)


def _ruleset_warnings(rs, language: str) -> List[str]:
    """The ruleset's warnings (announced changes it leaves out) in ``language``."""
    if language == "en" or not rs.not_modelled:
        return list(rs.warnings)
    items = {str(item.get("id")): item for item in not_modelled()}
    out = []
    for change, english in zip(rs.not_modelled, rs.warnings):
        text = str(items.get(change["id"], {}).get(f"warning_{language}") or "").strip()
        out.append(text.format(ruleset=ruleset_name(rs.id, language), effective=long_date(change["effective"], language)) if text
                   else english)
    return out


def assess_validated(p: dict, language: str = "en") -> dict:
    """Assess a profile already returned by ``profile.validate`` (``language``: as :func:`assess`)."""
    get = p.get
    on = p["assessed_on"]
    rs = ruleset_for(on)
    missing: List[str] = []
    warnings: List[str] = []
    res = get("first_language")
    g_first = _levels(res, on, rs) if res is not None else None
    res = get("second_language")
    g_second = _levels(res, on, rs) if res is not None else None
    res = get("spouse_language")
    g_spouse = _levels(res, on, rs) if res is not None else None

    with_spouse = _spouse_mode(p, missing, warnings, language)
    if get("age") is None:
        missing.append("age")
    if get("education") is None:
        missing.append("education")

    # ---- first official language: given order, or the better one (the programs get the same choice)
    first, second, first_from, chosen = _choose_first(p, rs, g_first, g_second, g_spouse, with_spouse)
    if first is None:
        missing.append("first_language")
    elif len(first.levels) < 4:
        for ab in ABILITIES:
            if ab not in first.levels:
                missing.append(f"{first_from}.{ab}")

    result = _crs.score(p, first, second, g_spouse, with_spouse, rs, detail=True, language=language)
    result["scored_as"] = "with_spouse" if with_spouse else "single"

    # ---- warnings about the inputs
    for res in (g_first, g_second, g_spouse):
        if res is not None and not res.valid:
            warnings.append(_reason_text(res, language))
    if get("education") is not None and get("education_recognized") is False:
        warnings.append(say("assessment.no_eca", language))
    tables = _crs.compiled(rs)
    if get("job_offer") and tables["job_max"] > 0 and get("job_offer_noc_code") is None:
        other, senior = tables["job_other"], tables["job_00"]
        warnings.append(say("assessment.job_offer_group", language, ruleset=ruleset_name(rs.id, language), other=other, senior=senior))

    # ---- programs
    langs = _languages_for_programs(first, second, g_first, g_second, g_spouse)
    programs, p_missing, p_warnings = evaluate_programs(p, langs, rs, language)
    missing.extend(p_missing)
    warnings.extend(p_warnings)
    if rs.warnings:
        warnings.extend(_ruleset_warnings(rs, language))

    out = {
        "ruleset": rs.id,
        "crs": result,
        "programs": programs,
        "missing": list(dict.fromkeys(missing)) if len(missing) > 1 else missing,
        "warnings": list(dict.fromkeys(warnings)) if len(warnings) > 1 else warnings,
        "assessed_on": on.isoformat(),
        "ruleset_effective": rs.effective_iso,
    }
    if first is not None:
        lang = first.language
        case = "given" if chosen == "given" else ("best" if g_first is not None and g_second is not None else "only")
        out["first_language_choice"] = {"first": lang, "from": first_from, "chosen": chosen,
                                        "note": say(f"assessment.first_language_{case}", language,
                                                    language=say(f"eligibility.{lang}_subject", language))}
    levels_out = {}
    if g_first is not None:
        levels_out["first_language"] = g_first.as_dict(language)
    if g_second is not None:
        levels_out["second_language"] = g_second.as_dict(language)
    if g_spouse is not None:
        levels_out["spouse_language"] = g_spouse.as_dict(language)
    out["language_levels"] = levels_out
    return out
