"""Comprehensive Ranking System: parts A-D, every cap, and a readable breakdown.

Every factor is one small function below that returns a :class:`Factor` (its points, the most it can
give and the explanation), in the order IRCC's CRS criteria page lists them. :func:`score` adds the
factors of each part and applies the caps. All numbers come from the ruleset's ``crs_*`` tables, read
once per ruleset into the lookups of :func:`compiled` (the only cache); the thresholds of skill
transferability are the ruleset's own column names (``clb7``, ``clb9``, ``cdn1``, ``cdn2``, ``clb5``),
read as named bands (:class:`Band`).
"""
from __future__ import annotations

import datetime as _dt
import functools
from typing import Dict, List, NamedTuple, Optional, Tuple

from .language import reason_text
from .rules import ruleset_for, step_list
from .vocabulary import (ABILITIES, CANADIAN_EDUCATION_LABELS, EDUCATION_LABELS, LEVEL_WORD, TEST_SHORT_NAMES,
                         ruleset_name, score_text)

__all__ = ["score", "compiled", "form_facts", "part_maxima", "Factor", "Band", "PARTS"]

PARTS = {"A": "core", "B": "spouse", "C": "transferability", "D": "additional"}
WITH_SPOUSE, SINGLE = 0, 1  # the two columns of parts A's tables: [with spouse or partner, without]


class Factor(NamedTuple):
    """One line of the breakdown; the points of a part's factors add up to the part."""
    factor: str
    part: str
    points: int
    max: int
    detail: str


class Band(NamedTuple):
    """A threshold named by a column of a ruleset table: ``column`` ("clb9") applies from ``at`` (9)."""
    column: str
    at: int


def _bands(columns, prefix: str) -> Tuple[Band, ...]:
    """The bands of the columns that start with ``prefix`` ("clb7", "clb9" -> Band("clb7", 7), ...), lowest first."""
    return tuple(sorted((Band(c, int(c[len(prefix):])) for c in columns if c.startswith(prefix)),
                        key=lambda b: b.at))


def _band_of(value: int, bands: Tuple[Band, ...]) -> Optional[Band]:
    """The highest band that ``value`` reaches (None: below the lowest)."""
    reached = None
    for band in bands:
        if value >= band.at:
            reached = band
    return reached


# ---------------------------------------------------------------------------------------- tables

def compiled(rs) -> dict:
    """The ruleset's CRS tables as lookups, built once per ruleset."""
    return rs.compiled("crs", _build_tables)


def _build_tables(rs) -> dict:
    caps = rs.table("crs_caps")
    second = rs.table("crs_second_language")
    tr = rs.table("crs_transferability")
    add = rs.table("crs_additional")
    cdn_table = rs.table("crs_canadian_work")
    edu_rows = tr["education"]
    c = {
        "age": step_list(rs.table("crs_age"), 100),
        "education": dict(rs.table("crs_education")),
        "first": step_list(rs.table("crs_first_language"), 12),
        "second": step_list(second["points"], 12),
        "second_cap": (second["cap"]["with_spouse"], second["cap"]["without_spouse"]),
        "cdn": step_list(cdn_table, 10),
        "cdn_max_years": max(int(k) for k in cdn_table),
        "sp_edu": dict(rs.table("crs_spouse_education")),
        "sp_lang": step_list(rs.table("crs_spouse_language"), 12),
        "sp_cdn": step_list(rs.table("crs_spouse_canadian_work"), 10),
        "tr_edu": dict(edu_rows),
        "tr_for": step_list(tr["foreign_work"], 10),
        "tr_coq": dict(tr["certificate_of_qualification"]),
        "tr_caps": tr["caps"],
        "tr_lang_bands": _bands(next(iter(edu_rows.values())), "clb"),
        "tr_cdn_bands": _bands(next(iter(edu_rows.values())), "cdn"),
        "tr_coq_bands": _bands(tr["certificate_of_qualification"], "clb"),
        "pnp": add["provincial_nomination"],
        "job_00": add["job_offer"]["major_group_00"],
        "job_other": add["job_offer"]["other"],
        "cdn_edu": dict(add["canadian_education"]),
        "sibling": add["sibling"],
        "french": add["french"],
        "add_cap": add["cap"],
        "core_cap": (caps["core"]["with_spouse"], caps["core"]["without_spouse"]),
        "spouse_cap": caps["spouse"],
        "ab_cap": caps["core_plus_spouse"],
        "total_cap": caps["total"],
        "ruleset": rs.id,
    }
    c["job_max"] = max(c["job_00"], c["job_other"])
    c["age_max"] = tuple(max(row[col] for row in c["age"]) for col in (WITH_SPOUSE, SINGLE))
    c["edu_max"] = tuple(max(row[col] for row in c["education"].values()) for col in (WITH_SPOUSE, SINGLE))
    return c


def part_maxima(on=None) -> dict:
    """The most each CRS part can reach under the ruleset in force on ``on`` (default today), from its caps:
    {"core", "spouse", "transferability", "additional", "total", "provincial_nomination"} (the last: the
    points of a nomination, which make Provincial Nominee cut-offs incomparable)."""
    c = compiled(ruleset_for(on or _dt.date.today()))
    return {"core": max(c["core_cap"]), "spouse": c["spouse_cap"], "transferability": c["tr_caps"]["total"],
            "additional": c["add_cap"], "total": c["total_cap"], "provincial_nomination": c["pnp"]}


def form_facts(on=None) -> dict:
    """The CRS values that the assistant's questions state, from the ruleset in force on ``on`` (default
    today): ``sibling_points``, ``job_offer_points`` (the most a job offer earns), ``job_offer_rule_since``
    (ISO date from which the job-offer table in force applies) and ``language_validity_years``."""
    rs = ruleset_for(on or _dt.date.today())
    c = compiled(rs)
    return {"sibling_points": c["sibling"], "job_offer_points": c["job_max"],
            "job_offer_rule_since": rs.info("crs_additional")["effective"],
            "language_validity_years": int(rs.table("language_tests")["validity_years"])}


# ---------------------------------------------------------------------------------------- wording

class _Words(dict):
    """The factors' details in one language (``data/labels/<language>.yaml``, ``crs``): ``t("key", **values)``."""

    language = "en"

    def __call__(self, key: str, **values) -> str:
        return self[key].format(**values)

    def edu(self, level: str) -> str:
        return EDUCATION_LABELS[level] if self.language == "en" else self.education[level]

    def ability(self, a: str) -> str:
        return a if self.language == "en" else self.abilities.get(a, a)


@functools.lru_cache(maxsize=None)
def _words(language: str = "en") -> _Words:
    from . import concepts  # lazy: only the words, read once per language

    t = _Words(concepts.words("crs", language))
    t.language = language
    t.education = concepts.words("education_words", language)
    t.canadian_education = concepts.words("canadian_education_words", language)
    t.abilities = concepts.words("abilities", language)
    return t


def _years(t: _Words, n: int, what: str = "") -> str:
    text = t("years_none") if n == 0 else (t("year_one") if n == 1 else t("year_many", n=n))
    return t(what, years=text) if what else text


def _levels_detail(t: _Words, result, points_by_level) -> str:
    """"listening CLB 9: 6, reading CLB 8: 3, ..." for a valid result."""
    word = LEVEL_WORD[result.language]
    return ", ".join(t("level_points", ability=t.ability(ability), word=word, level=level,
                       points=points_by_level[level]) for ability, level in zip(ABILITIES, result.lrws))


def _language_band_text(t: _Words, band: Optional[Band], bands: Tuple[Band, ...], word: str) -> str:
    if band is None:
        return t("first_language_under", word=word, level=bands[0].at)
    higher = [b for b in bands if b.at > band.at]
    return t("all_four_from", word=word, level=band.at) + (t("not_all", level=higher[0].at) if higher else "")


def _canadian_band_text(t: _Words, band: Optional[Band], bands: Tuple[Band, ...]) -> str:
    if band is None:
        return t("no_canadian_work")
    if band == bands[-1] and band.at > 1:
        return t("canadian_work_years_or_more", years=band.at)
    return t("canadian_work_band", years=_years(t, band.at))


# ---------------------------------------------------------------------------------------- part A

def age(p: dict, c: dict, col: int, t: _Words) -> Factor:
    years = p.get("age")
    table = c["age"]
    top = c["age_max"][col]
    if years is None:
        return Factor("age", "A", 0, top, t("age_not_given"))
    return Factor("age", "A", table[years][col], top, t("age_with_spouse" if col == WITH_SPOUSE else "age_single",
                                                        age=years))


def education(p: dict, c: dict, col: int, t: _Words) -> Factor:
    given = p.get("education")
    recognized = p.get("education_recognized", True)
    top = c["edu_max"][col]
    if given is None:
        return Factor("education", "A", c["education"]["less_than_secondary"][col], top, t("education_not_given"))
    if not recognized:
        return Factor("education", "A", c["education"]["less_than_secondary"][col], top,
                      t("education_no_eca", education=t.edu(given)))
    return Factor("education", "A", c["education"][given][col], top, t.edu(given))


def first_language(first, c: dict, col: int, t: _Words) -> List[Factor]:
    """One factor per ability of the first official language."""
    table = c["first"]
    top = table[12][col]
    names = [f"first_language_{ability}" for ability in ABILITIES]
    if first is None or not first.valid:
        why = t("no_first_language") if first is None else reason_text(first, t.language)
        return [Factor(name, "A", 0, top, why) for name in names]
    word = LEVEL_WORD[first.language]
    out = []
    for name, ability, level in zip(names, ABILITIES, first.lrws):
        if ability not in first.levels:
            detail = t("ability_not_given", ability=t.ability(ability))
        elif first.test in ("clb", "nclc"):
            detail = f"{word} {level}"
        else:
            short = TEST_SHORT_NAMES.get(first.test, first.test)
            score = score_text(first.test, first.scores[ability])
            detail = f"{short} {score if t.language == 'en' else score.replace('.', ',')} = {word} {level}"
        out.append(Factor(name, "A", table[level][col], top, detail))
    return out


def second_language(second, c: dict, col: int, t: _Words) -> Factor:
    cap = c["second_cap"][col]
    if second is None:
        return Factor("second_language", "A", 0, cap, t("no_second_language"))
    if not second.valid:
        return Factor("second_language", "A", 0, cap, reason_text(second, t.language))
    raw = sum(c["second"][level] for level in second.lrws)
    detail = _levels_detail(t, second, c["second"]) + (t("capped_at", cap=cap) if raw > cap else "")
    return Factor("second_language", "A", min(raw, cap), cap, detail)


def canadian_work(p: dict, c: dict, col: int, t: _Words) -> Factor:
    years = p.get("canadian_work_years") or 0
    detail = _years(t, years, "canadian_work")
    if years > c["cdn_max_years"]:
        detail += t("counted_as", years=c["cdn_max_years"])
    return Factor("canadian_work", "A", c["cdn"][years][col], c["cdn"][10][col], detail)


# ---------------------------------------------------------------------------------------- part B

def spouse_education(p: dict, c: dict, t: _Words) -> Factor:
    level = p.get("spouse_education")
    points = c["sp_edu"][level] if level is not None else 0
    detail = t.edu(level) if level is not None else t("spouse_education_not_given")
    return Factor("spouse_education", "B", points, max(c["sp_edu"].values()), detail)


def spouse_language(spouse_lang, c: dict, t: _Words) -> Factor:
    top = 4 * c["sp_lang"][12]
    if spouse_lang is None:
        return Factor("spouse_language", "B", 0, top, t("no_spouse_language"))
    if not spouse_lang.valid:
        return Factor("spouse_language", "B", 0, top, reason_text(spouse_lang, t.language))
    points = sum(c["sp_lang"][level] for level in spouse_lang.lrws)
    return Factor("spouse_language", "B", points, top, _levels_detail(t, spouse_lang, c["sp_lang"]))


def spouse_canadian_work(p: dict, c: dict, t: _Words) -> Factor:
    years = p.get("spouse_canadian_work_years") or 0
    return Factor("spouse_canadian_work", "B", c["sp_cdn"][years], c["sp_cdn"][10],
                  _years(t, years, "spouse_canadian_work"))


# ---------------------------------------------------------------------------------------- part C

def _combination(row: dict, lang: Optional[Band], cdn: Optional[Band]) -> Tuple[int, int]:
    """A skill-transferability row's points with the first-language band and with the Canadian-work band."""
    return (row[lang.column] if lang else 0), (row[cdn.column] if cdn else 0)


def transferability_education(p: dict, first, c: dict, t: _Words) -> Factor:
    level = p.get("education")
    if level is None or not p.get("education_recognized", True):
        level = "less_than_secondary"
    return _transferability_group("transferability_education", t("education_group", education=t.edu(level)),
                                  c["tr_edu"][level], c["tr_caps"]["education"], p, first, c, t)


def transferability_foreign_work(p: dict, first, c: dict, t: _Words) -> Factor:
    years = p.get("foreign_work_years") or 0
    return _transferability_group("transferability_foreign_work", t("foreign_work_group", years=_years(t, years)),
                                  c["tr_for"][years], c["tr_caps"]["foreign_work"], p, first, c, t)


def _transferability_group(name: str, what: str, row: dict, cap: int, p: dict, first, c: dict,
                           t: _Words) -> Factor:
    lowest = first.lowest if first is not None and first.valid else 0
    word = LEVEL_WORD[first.language] if first is not None and first.valid else "CLB"
    lang = _band_of(lowest, c["tr_lang_bands"])
    cdn = _band_of(p.get("canadian_work_years") or 0, c["tr_cdn_bands"])
    with_lang, with_cdn = _combination(row, lang, cdn)
    raw = with_lang + with_cdn
    detail = (t("transferability", what=what, language=_language_band_text(t, lang, c["tr_lang_bands"], word),
                with_language=with_lang, work=_canadian_band_text(t, cdn, c["tr_cdn_bands"]), with_work=with_cdn)
              + (t("transferability_capped", cap=cap) if raw > cap else ""))
    return Factor(name, "C", min(raw, cap), cap, detail)


def transferability_certificate(p: dict, first, c: dict, t: _Words) -> Factor:
    cap = c["tr_caps"]["certificate_of_qualification"]
    if not p.get("certificate_of_qualification"):
        return Factor("transferability_certificate", "C", 0, cap, t("no_certificate"))
    lowest = first.lowest if first is not None and first.valid else 0
    word = LEVEL_WORD[first.language] if first is not None and first.valid else "CLB"
    bands = c["tr_coq_bands"]
    band = _band_of(lowest, bands)
    if band is None:
        return Factor("transferability_certificate", "C", 0, cap,
                      t("certificate_under", word=word, level=bands[0].at))
    return Factor("transferability_certificate", "C", min(c["tr_coq"][band.column], cap), cap,
                  t("certificate_with", word=word, level=band.at))


# ---------------------------------------------------------------------------------------- part D

def provincial_nomination(p: dict, c: dict, t: _Words) -> Factor:
    if p.get("provincial_nomination"):
        return Factor("provincial_nomination", "D", c["pnp"], c["pnp"], t("nomination"))
    return Factor("provincial_nomination", "D", 0, c["pnp"], t("no_nomination"))


def job_offer(p: dict, c: dict, t: _Words) -> Factor:
    has_offer = bool(p.get("job_offer"))
    top = c["job_max"]
    if top == 0:
        detail = t("job_offer_no_points" if has_offer else "no_points_for_job_offer", ruleset=ruleset_name(c["ruleset"], t.language))
        return Factor("job_offer", "D", 0, 0, detail)
    if not has_offer:
        return Factor("job_offer", "D", 0, top, t("no_job_offer"))
    code = p.get("job_offer_noc_code")
    if code is not None and code.startswith("00") and c["job_00"] != c["job_other"]:
        return Factor("job_offer", "D", c["job_00"], top, t("job_offer_00"))
    return Factor("job_offer", "D", c["job_other"], top, t("job_offer_other"))


def canadian_education(p: dict, c: dict, t: _Words) -> Factor:
    level = p.get("canadian_education") or "none"
    return Factor("canadian_education", "D", c["cdn_edu"][level], max(c["cdn_edu"].values()),
                  CANADIAN_EDUCATION_LABELS[level] if t.language == "en" else t.canadian_education[level])


def sibling(p: dict, c: dict, t: _Words) -> Factor:
    if p.get("sibling_in_canada"):
        return Factor("sibling", "D", c["sibling"], c["sibling"], t("sibling"))
    return Factor("sibling", "D", 0, c["sibling"], t("no_sibling"))


def french(first, second, c: dict, t: _Words) -> Factor:
    """French ability, with a bonus when English is strong too (whichever result is first)."""
    rule = c["french"]
    top = max(rule["french_only"], rule["bilingual"])
    results = [r for r in (first, second) if r is not None and r.valid]
    fr = next((r for r in reversed(results) if r.language == "french"), None)  # the second one, if both are
    en = next((r for r in reversed(results) if r.language == "english"), None)
    need_fr, need_en = rule["min_nclc"], rule["english_min_clb_for_bilingual"]
    if fr is None:
        return Factor("french", "D", 0, top, t("no_french"))
    if fr.lowest < need_fr:
        return Factor("french", "D", 0, top, t("french_low", level=fr.lowest, need=need_fr))
    if en is not None and en.lowest >= need_en:
        return Factor("french", "D", rule["bilingual"], top, t("french_bilingual", need=need_fr, english=need_en))
    return Factor("french", "D", rule["french_only"], top,
                  t("french_only", need=need_fr, low=need_en - 1, english=need_en, points=rule["bilingual"]))


# ---------------------------------------------------------------------------------------- the score

def _capped(factors: List[Factor], cap: int, part: str, name: str, what: str,
            t: _Words) -> Tuple[int, List[Factor]]:
    """The part's points (its factors' sum, at most ``cap``), and its factors with a cap line when it bites."""
    raw = sum(f.points for f in factors)
    if raw <= cap:
        return raw, factors
    return cap, factors + [Factor(name, part, cap - raw, 0, t(what, cap=cap, over=raw - cap))]


def score(p: dict, first, second, spouse_lang, with_spouse: bool, rs, detail: bool = True,
          language: str = "en") -> dict:
    """CRS points of validated profile ``p``.

    ``first`` / ``second``: LanguageLevels used as first / second official language (None if absent; a
    result with ``valid=False`` earns nothing); ``spouse_lang``: LanguageLevels of the spouse (read only
    with spouse). ``with_spouse``: score with the accompanying, non-Canadian spouse columns. ``language``: the
    language of the factors' details.
    Returns {total, core, spouse, transferability, additional[, factors]}.
    """
    c = compiled(rs)
    col = WITH_SPOUSE if with_spouse else SINGLE
    t = _words(language)

    part_a = ([age(p, c, col, t), education(p, c, col, t)] + first_language(first, c, col, t)
              + [second_language(second, c, col, t), canadian_work(p, c, col, t)])
    core = min(sum(f.points for f in part_a), c["core_cap"][col])  # the published tables never reach the cap

    part_b = [spouse_education(p, c, t), spouse_language(spouse_lang, c, t), spouse_canadian_work(p, c, t)] \
        if with_spouse else []
    spouse = min(sum(f.points for f in part_b), c["spouse_cap"], c["ab_cap"] - core)

    transferability, part_c = _capped(
        [transferability_education(p, first, c, t), transferability_foreign_work(p, first, c, t),
         transferability_certificate(p, first, c, t)],
        c["tr_caps"]["total"], "C", "transferability_cap", "transferability_cap", t)

    additional, part_d = _capped(
        [provincial_nomination(p, c, t), job_offer(p, c, t), canadian_education(p, c, t), sibling(p, c, t),
         french(first, second, c, t)],
        c["add_cap"], "D", "additional_cap", "additional_cap", t)

    result = {"total": min(core + spouse + transferability + additional, c["total_cap"]), "core": core,
              "spouse": spouse, "transferability": transferability, "additional": additional}
    if detail:
        result["factors"] = [f._asdict() for f in part_a + part_b + part_c + part_d]
    return result
