"""Comprehensive Ranking System: parts A-D, every cap, and a readable breakdown.

All point values come from the ruleset's ``crs_*`` tables, compiled once per
ruleset into lists indexed by age / level / years (see ``compiled``).  The
scoring logic is :func:`score`, which takes the points that do not depend on
the order of the official languages from :func:`fixed_points` (computed once
when both orders of an English and a French result are compared); with
``detail=False`` it skips building the breakdown.  Part C (skill
transferability) has few distinct inputs and is computed once per input
(``_transferability``).
"""
from __future__ import annotations

from typing import Optional

from .profile import LEVEL_WORD
from .rules import step_list

__all__ = ["score", "fixed_points", "compiled", "form_facts", "part_maxima", "PARTS"]

PARTS = {"A": "core", "B": "spouse", "C": "transferability", "D": "additional"}
_EDU_NAMES = {
    "less_than_secondary": "less than secondary school",
    "secondary": "secondary diploma (high school)",
    "one_year": "one-year post-secondary program",
    "two_year": "two-year post-secondary program",
    "bachelors": "bachelor's degree or 3+ year program",
    "two_or_more": "two or more credentials, one of them 3+ years",
    "masters": "master's or professional degree",
    "doctoral": "doctoral degree (PhD)",
}
_SHORT_TEST = {"ielts": "IELTS", "celpip": "CELPIP", "pte": "PTE Core", "tef": "TEF", "tcf": "TCF"}
_CDN_EDU_TEXT = {"none": "no post-secondary credential from Canada",
                 "one_or_two_year": "one- or two-year post-secondary credential from Canada",
                 "three_year_or_more": "post-secondary credential from Canada of three years or more "
                                       "(or master's, professional or doctoral)"}
_CDN_BAND_TEXT = {3: "2+ years Canadian work", 2: "1 year Canadian work", -1: "no Canadian work"}


def _band_text(lang_band: int, word: str) -> str:
    if lang_band == 1:
        return f"{word} 9+ in all four"
    if lang_band == 0:
        return f"{word} 7+ in all four (not all 9+)"
    return f"first language under {word} 7 in an ability"


_ABILITY_ORDER = ("listening", "reading", "writing", "speaking")


def compiled(rs) -> dict:
    """The ruleset's CRS tables as fast lookups (built once per ruleset and date)."""
    c = rs.cache.get("crs")
    if c is not None:
        return c
    caps = rs.table("crs_caps")
    second = rs.table("crs_second_language")
    tr = rs.table("crs_transferability")
    add = rs.table("crs_additional")
    c = {
        "age": [tuple(v) for v in step_list(rs.table("crs_age"), 100)],
        "education": {k: tuple(v) for k, v in rs.table("crs_education").items()},
        "first": [tuple(v) for v in step_list(rs.table("crs_first_language"), 12)],
        "second": step_list(second["points"], 12),
        "second_cap": (second["cap"]["with_spouse"], second["cap"]["without_spouse"]),
        "cdn": [tuple(v) for v in step_list(rs.table("crs_canadian_work"), 10)],
        "cdn_max_years": max(int(k) for k in rs.table("crs_canadian_work")),
        "sp_edu": dict(rs.table("crs_spouse_education")),
        "sp_lang": step_list(rs.table("crs_spouse_language"), 12),
        "sp_cdn": step_list(rs.table("crs_spouse_canadian_work"), 10),
        "tr_edu": {k: (v["clb7"], v["clb9"], v["cdn1"], v["cdn2"]) for k, v in tr["education"].items()},
        "tr_for": [(v["clb7"], v["clb9"], v["cdn1"], v["cdn2"]) for v in step_list(tr["foreign_work"], 10)],
        "tr_coq": (tr["certificate_of_qualification"]["clb5"], tr["certificate_of_qualification"]["clb7"]),
        "tr_caps": (tr["caps"]["education"], tr["caps"]["foreign_work"], tr["caps"]["certificate_of_qualification"],
                    tr["caps"]["total"]),
        "pnp": add["provincial_nomination"],
        "job_00": add["job_offer"]["major_group_00"],
        "job_other": add["job_offer"]["other"],
        "cdn_edu": dict(add["canadian_education"]),
        "sibling": add["sibling"],
        "fr_min": add["french"]["min_nclc"],
        "fr_en_min": add["french"]["english_min_clb_for_bilingual"],
        "fr_only": add["french"]["french_only"],
        "fr_bi": add["french"]["bilingual"],
        "add_cap": add["cap"],
        "core_cap": (caps["core"]["with_spouse"], caps["core"]["without_spouse"]),
        "spouse_cap": caps["spouse"],
        "ab_cap": caps["core_plus_spouse"],
        "total_cap": caps["total"],
    }
    edu = c["education"]
    c["edu_max"] = (max(v[0] for v in edu.values()), max(v[1] for v in edu.values()))
    c["age_max"] = (max(v[0] for v in c["age"]), max(v[1] for v in c["age"]))
    c["first_max"] = (c["first"][12][0], c["first"][12][1])
    c["cdn_max"] = c["cdn"][10]
    c["sp_edu_max"] = max(c["sp_edu"].values())
    c["sp_lang_max"] = c["sp_lang"][12]
    c["sp_cdn_max"] = c["sp_cdn"][10]
    c["add_max_french"] = max(c["fr_only"], c["fr_bi"])
    c["cdn_edu_max"] = max(c["cdn_edu"].values())
    c["job_max"] = max(c["job_00"], c["job_other"])
    c["cdn_txt"] = [_years(n, "of skilled Canadian work experience")
                    + (" (counted as 5 or more)" if n > c["cdn_max_years"] else "") for n in range(11)]
    c["sp_cdn_txt"] = [_years(n, "of Canadian work experience (spouse)") for n in range(11)]
    c["tr_memo"] = {}  # Part C by its inputs (see _transferability)
    c["first_txt"] = {}  # first-language detail per (test, ability, score, level)
    # "listening CLB 9: 6" per language, ability (in _ABILITY_ORDER) and level: the second-language and
    # spouse-language details are four of these joined
    c["second_txt"] = {lang: [[f"{ab} {word} {lv}: {c['second'][lv]}" for lv in range(13)] for ab in _ABILITY_ORDER]
                       for lang, word in LEVEL_WORD.items()}
    c["sp_lang_txt"] = {lang: [[f"{ab} {word} {lv}: {c['sp_lang'][lv]}" for lv in range(13)] for ab in _ABILITY_ORDER]
                        for lang, word in LEVEL_WORD.items()}
    # detail strings that depend only on the ruleset or on a small number
    c["age_txt"] = [[f"{a} years old ({col})" for a in range(101)] for col in ("with-spouse column", "single column")]
    c["edu_unrecognized_txt"] = {k: f"{v}: no points without an Educational Credential Assessment (foreign "
                                    "credential not recognized)" for k, v in _EDU_NAMES.items()}
    c["job_none_txt"] = (f"job offer: no CRS points under the {rs.id} rules (it still counts for FSW and FSTP)",
                         f"no CRS points for a job offer under the {rs.id} rules")
    c["fr_low_txt"] = [f"French NCLC {n} in the weakest ability: NCLC {c['fr_min']} in all four is needed"
                       for n in range(13)]
    c["fr_bi_txt"] = f"NCLC {c['fr_min']}+ in all four French abilities and CLB {c['fr_en_min']}+ in all four English"
    c["fr_only_txt"] = (f"NCLC {c['fr_min']}+ in all four French abilities; English CLB 4 or lower or no English "
                        f"test (CLB {c['fr_en_min']}+ in all four English abilities would give {c['fr_bi']})")
    rs.cache["crs"] = c
    return c


def part_maxima(on=None) -> dict:
    """The most each CRS part can reach under the ruleset in force on ``on`` (default today), from its caps:
    {"core", "spouse", "transferability", "additional", "total", "provincial_nomination"} (the last: the
    points of a nomination, which make Provincial Nominee cut-offs incomparable)."""
    import datetime as _dt

    from .rules import ruleset_for

    c = compiled(ruleset_for(on or _dt.date.today()))
    return {"core": max(c["core_cap"]), "spouse": c["spouse_cap"], "transferability": c["tr_caps"][3],
            "additional": c["add_cap"], "total": c["total_cap"], "provincial_nomination": c["pnp"]}


def form_facts(on=None) -> dict:
    """The CRS values that the assistant's questions state, from the ruleset in force on ``on`` (default
    today): ``sibling_points``, ``job_offer_points`` (the most a job offer earns) and ``job_offer_rule_since``
    (ISO date from which the job-offer table in force applies)."""
    import datetime as _dt

    from .rules import ruleset_for

    rs = ruleset_for(on or _dt.date.today())
    c = compiled(rs)
    return {"sibling_points": c["sibling"], "job_offer_points": c["job_max"],
            "job_offer_rule_since": rs.info("crs_additional")["effective"]}


def fixed_points(p: dict, first, second, spouse_lang, with_spouse: bool, rs) -> tuple:
    """The CRS values of validated profile ``p`` that do not depend on which of ``first`` / ``second`` is
    the first official language (everything but the first- and second-language factors, the language
    bands of Part C and the caps that depend on them). ``score(..., fixed=...)`` takes them, so that
    both orders of an English and a French result are scored without computing these twice."""
    get = p.get
    c = rs.cache.get("crs") or compiled(rs)
    col = 0 if with_spouse else 1

    # ---- Part A: core / human capital (the language factors are in score)
    age = get("age")
    age_pts = c["age"][age][col] if age is not None else 0
    edu_given = get("education")
    recognized = get("education_recognized", True)
    edu = edu_given if (edu_given is not None and recognized) else "less_than_secondary"
    edu_pts = c["education"][edu][col]
    cdn_years = get("canadian_work_years") or 0
    cdn_pts = c["cdn"][cdn_years][col]

    # ---- Part B: spouse or common-law partner (the core + spouse cap is applied in score)
    sp_edu_pts = sp_lang_pts = sp_cdn_pts = 0
    if with_spouse:
        sp_edu = get("spouse_education")
        if sp_edu is not None:
            sp_edu_pts = c["sp_edu"][sp_edu]
        if spouse_lang is not None and spouse_lang.valid:
            a, b, d, e = spouse_lang.lrws
            tab = c["sp_lang"]
            sp_lang_pts = tab[a] + tab[b] + tab[d] + tab[e]
        sp_cdn_pts = c["sp_cdn"][get("spouse_canadian_work_years") or 0]
    spouse = sp_edu_pts + sp_lang_pts + sp_cdn_pts
    if spouse > c["spouse_cap"]:
        spouse = c["spouse_cap"]

    # ---- Part C inputs that do not depend on the language
    cdn_band = 3 if cdn_years >= 2 else (2 if cdn_years == 1 else -1)  # index into (cdn1, cdn2)
    foreign = get("foreign_work_years") or 0
    coq = bool(get("certificate_of_qualification"))

    # ---- Part D: additional points (French: the same whichever result is first)
    pnp_pts = c["pnp"] if get("provincial_nomination") else 0
    job_pts = 0
    if get("job_offer"):
        code = get("job_offer_noc_code")
        job_pts = c["job_00"] if (code is not None and code.startswith("00")) else c["job_other"]
    cdn_edu_pts = c["cdn_edu"][get("canadian_education") or "none"]
    sib_pts = c["sibling"] if get("sibling_in_canada") else 0
    fr_pts = 0
    french = english = None
    for res in (first, second):
        if res is not None and res.valid:
            if res.language == "french":
                french = res
            else:
                english = res
    fr_min = french.lowest if french is not None else 0
    en_min = english.lowest if english is not None else 0
    if fr_min >= c["fr_min"]:
        fr_pts = c["fr_bi"] if en_min >= c["fr_en_min"] else c["fr_only"]
    add_raw = pnp_pts + job_pts + cdn_edu_pts + sib_pts + fr_pts
    additional = add_raw if add_raw <= c["add_cap"] else c["add_cap"]
    return (col, age, age_pts, edu_given, recognized, edu, edu_pts, cdn_years, cdn_pts, sp_edu_pts, sp_lang_pts,
            sp_cdn_pts, spouse, cdn_band, foreign, coq, pnp_pts, job_pts, cdn_edu_pts, sib_pts, french, fr_pts,
            fr_min, add_raw, additional)


def score(p: dict, first, second, spouse_lang, with_spouse: bool, rs, detail: bool = True,
          fixed: tuple = None) -> dict:
    """CRS points of validated profile ``p``.

    ``first`` / ``second``: LanguageLevels used as first / second official
    language (None if absent; a result with ``valid=False`` earns nothing);
    ``spouse_lang``: LanguageLevels of the spouse (only read with spouse).
    ``with_spouse``: score with the accompanying, non-Canadian spouse columns.
    ``fixed``: ``fixed_points`` of the same arguments (either order of first / second), if already known.
    Returns {total, core, spouse, transferability, additional[, factors]}.
    """
    get = p.get
    c = rs.cache.get("crs") or compiled(rs)
    if fixed is None:
        fixed = fixed_points(p, first, second, spouse_lang, with_spouse, rs)
    (col, age, age_pts, edu_given, recognized, edu, edu_pts, cdn_years, cdn_pts, sp_edu_pts, sp_lang_pts,
     sp_cdn_pts, spouse, cdn_band, foreign, coq, pnp_pts, job_pts, cdn_edu_pts, sib_pts, french, fr_pts,
     fr_min, add_raw, additional) = fixed

    # ---- Part A: core / human capital, the language factors
    if first is not None and first.valid:
        f_lv = first.levels
        fl, fr, fw, fs = first.lrws
        f_min = first.lowest
    else:
        f_lv = None
        fl = fr = fw = fs = f_min = 0
    first_tab = c["first"]
    pl, pr, pw, ps = first_tab[fl][col], first_tab[fr][col], first_tab[fw][col], first_tab[fs][col]

    s_lv = second.levels if (second is not None and second.valid) else None
    sec_tab = c["second"]
    if s_lv:
        sl_, sr_, sw_, ss_ = second.lrws
        s_raw = sec_tab[sl_] + sec_tab[sr_] + sec_tab[sw_] + sec_tab[ss_]
    else:
        s_raw = 0
    s_cap = c["second_cap"][col]
    s_pts = s_raw if s_raw <= s_cap else s_cap

    core = age_pts + edu_pts + pl + pr + pw + ps + s_pts + cdn_pts
    core_cap = c["core_cap"][col]
    if core > core_cap:  # cannot happen with the published tables; kept as the published cap
        core = core_cap

    # ---- Part B: the core + spouse cap
    if core + spouse > c["ab_cap"]:
        spouse = c["ab_cap"] - core

    # ---- Part C: skill transferability (see _transferability; few distinct inputs, so memoized)
    word = LEVEL_WORD[first.language] if f_lv is not None else "CLB"  # level word of the first language
    f_band = 3 if f_min >= 9 else (2 if f_min >= 7 else (1 if f_min >= 5 else 0))
    key = (edu, f_band, cdn_band, foreign, coq, word)
    part_c = c["tr_memo"].get(key) or _transferability(c, key)
    transferability = part_c[0]

    total = core + spouse + transferability + additional
    if total > c["total_cap"]:
        total = c["total_cap"]
    result = {"total": total, "core": core, "spouse": spouse, "transferability": transferability,
              "additional": additional}
    if not detail:
        return result

    # ---- breakdown (points of the factors of a part add up to the part)
    if edu_given is None:
        edu_detail = "education not given"
    elif not recognized:
        edu_detail = c["edu_unrecognized_txt"][edu_given]
    else:
        edu_detail = _EDU_NAMES[edu_given]
    factors = [
        {"factor": "age", "part": "A", "points": age_pts, "max": c["age_max"][col],
         "detail": (c["age_txt"][col][age] if age is not None else "age not given")},
        {"factor": "education", "part": "A", "points": edu_pts, "max": c["edu_max"][col], "detail": edu_detail},
    ]
    ap = factors.append
    fmax = c["first_max"][col]
    if f_lv is None:
        why = ("no first official language result" if first is None else first.reason or "result not valid")
        for ab in _ABILITY_ORDER:
            ap({"factor": "first_language_" + ab, "part": "A", "points": 0, "max": fmax, "detail": why})
    else:
        test = first.test
        scores = first.scores
        memo = c["first_txt"]
        for ab, name, lv, pts in (("listening", "first_language_listening", fl, pl),
                                  ("reading", "first_language_reading", fr, pr),
                                  ("writing", "first_language_writing", fw, pw),
                                  ("speaking", "first_language_speaking", fs, ps)):
            key = (test, ab, scores.get(ab), lv)
            d = memo.get(key)
            if d is None:
                if ab not in f_lv:
                    d = f"{ab} not given"
                elif test in ("clb", "nclc"):
                    d = f"{word} {lv}"
                else:
                    d = f"{_SHORT_TEST.get(test, test)} {_num(scores[ab])} = {word} {lv}"
                memo[key] = d
            ap({"factor": name, "part": "A", "points": pts, "max": fmax, "detail": d})
    if second is None:
        s_detail = "no second official language result"
    elif s_lv is None:
        s_detail = second.reason or "result not valid"
    else:
        t = c["second_txt"][second.language]
        a, b, d, e = second.lrws
        s_detail = ", ".join((t[0][a], t[1][b], t[2][d], t[3][e]))
        if s_raw > s_cap:
            s_detail += f" (capped at {s_cap})"
    factors += [
        {"factor": "second_language", "part": "A", "points": s_pts, "max": s_cap, "detail": s_detail},
        {"factor": "canadian_work", "part": "A", "points": cdn_pts, "max": c["cdn_max"][col],
         "detail": c["cdn_txt"][cdn_years]},
    ]
    if with_spouse:
        ap({"factor": "spouse_education", "part": "B", "points": sp_edu_pts, "max": c["sp_edu_max"],
            "detail": _EDU_NAMES.get(get("spouse_education"), "spouse's education not given")})
        if spouse_lang is None:
            sl_detail = "no language result for the spouse"
        elif not spouse_lang.valid:
            sl_detail = spouse_lang.reason or "result not valid"
        else:
            t = c["sp_lang_txt"][spouse_lang.language]
            a, b, d, e = spouse_lang.lrws
            sl_detail = ", ".join((t[0][a], t[1][b], t[2][d], t[3][e]))
        ap({"factor": "spouse_language", "part": "B", "points": sp_lang_pts, "max": 4 * c["sp_lang_max"],
            "detail": sl_detail})
        ap({"factor": "spouse_canadian_work", "part": "B", "points": sp_cdn_pts, "max": c["sp_cdn_max"],
            "detail": c["sp_cdn_txt"][get("spouse_canadian_work_years") or 0]})
    _, tr_raw, e_group, e_detail, w_group, w_detail, coq_pts, coq_detail = part_c
    edu_cap, for_cap, coq_cap, tr_cap = c["tr_caps"]
    factors += [
        {"factor": "transferability_education", "part": "C", "points": e_group, "max": edu_cap, "detail": e_detail},
        {"factor": "transferability_foreign_work", "part": "C", "points": w_group, "max": for_cap,
         "detail": w_detail},
        {"factor": "transferability_certificate", "part": "C", "points": coq_pts, "max": coq_cap,
         "detail": coq_detail},
    ]
    if tr_raw > tr_cap:
        ap({"factor": "transferability_cap", "part": "C", "points": tr_cap - tr_raw, "max": 0,
            "detail": f"skill transferability is capped at {tr_cap}: {tr_raw - tr_cap} points over the cap do not count"})
    if c["job_max"] == 0:
        job_detail = c["job_none_txt"][0] if get("job_offer") else c["job_none_txt"][1]
    elif get("job_offer"):
        job_detail = ("job offer in NOC major group 00 (senior management)" if job_pts == c["job_00"] and
                      c["job_00"] != c["job_other"] else "skilled job offer (not NOC major group 00)")
    else:
        job_detail = "no job offer"
    if french is None:
        fr_detail = "no valid French test result"
    elif fr_pts == 0:
        fr_detail = c["fr_low_txt"][fr_min]
    elif fr_pts == c["fr_bi"]:
        fr_detail = c["fr_bi_txt"]
    else:
        fr_detail = c["fr_only_txt"]
    factors += [
        {"factor": "provincial_nomination", "part": "D", "points": pnp_pts, "max": c["pnp"],
         "detail": "provincial or territorial nomination" if pnp_pts else "no provincial nomination"},
        {"factor": "job_offer", "part": "D", "points": job_pts, "max": c["job_max"], "detail": job_detail},
        {"factor": "canadian_education", "part": "D", "points": cdn_edu_pts, "max": c["cdn_edu_max"],
         "detail": _CDN_EDU_TEXT[get("canadian_education") or "none"]},
        {"factor": "sibling", "part": "D", "points": sib_pts, "max": c["sibling"],
         "detail": "brother or sister in Canada (citizen or PR, 18+)" if sib_pts else "no sibling in Canada counted"},
        {"factor": "french", "part": "D", "points": fr_pts, "max": c["add_max_french"], "detail": fr_detail},
    ]
    if add_raw > c["add_cap"]:
        ap({"factor": "additional_cap", "part": "D", "points": c["add_cap"] - add_raw, "max": 0,
            "detail": f"additional points are capped at {c['add_cap']}: {add_raw - c['add_cap']} points over the cap do not count"})
    result["factors"] = factors
    return result


def _transferability(c: dict, key: tuple) -> tuple:
    """Part C for ``key`` = (education, first-language band, Canadian-work band, foreign work years,
    certificate of qualification, level word): (points, points before the 100 cap, education group points,
    its detail, foreign-work group points, its detail, certificate points, its detail). First-language band:
    3 = 9+ in all four abilities, 2 = 7+, 1 = 5+, 0 = lower; Canadian-work band: 3 = 2+ years, 2 = 1 year,
    -1 = none (the index into a table row (clb7, clb9, cdn1, cdn2)). Remembered in ``c["tr_memo"]``."""
    edu, f_band, cdn_band, foreign, coq, word = key
    lang_band = 1 if f_band == 3 else (0 if f_band == 2 else -1)  # index into (clb7, clb9)
    edu_cap, for_cap, coq_cap, tr_cap = c["tr_caps"]
    row = c["tr_edu"][edu]
    e_lang = row[lang_band] if lang_band >= 0 else 0
    e_cdn = row[cdn_band] if cdn_band >= 0 else 0
    e_group_raw = e_lang + e_cdn
    e_group = e_group_raw if e_group_raw <= edu_cap else edu_cap
    frow = c["tr_for"][foreign]
    w_lang = frow[lang_band] if lang_band >= 0 else 0
    w_cdn = frow[cdn_band] if cdn_band >= 0 else 0
    w_group_raw = w_lang + w_cdn
    w_group = w_group_raw if w_group_raw <= for_cap else for_cap
    coq_pts = 0
    if coq:
        if f_band >= 2:
            coq_pts = c["tr_coq"][1]
        elif f_band == 1:
            coq_pts = c["tr_coq"][0]
        if coq_pts > coq_cap:
            coq_pts = coq_cap
    tr_raw = e_group + w_group + coq_pts
    e_detail = (f"education ({_EDU_NAMES[edu]}) with language ({_band_text(lang_band, word)}): {e_lang}; "
                f"with Canadian work ({_CDN_BAND_TEXT[cdn_band]}): {e_cdn}"
                + (f"; capped at {edu_cap}" if e_group_raw > edu_cap else ""))
    w_detail = (f"foreign work ({_years(foreign, '')}) with language ({_band_text(lang_band, word)}): {w_lang}; "
                f"with Canadian work ({_CDN_BAND_TEXT[cdn_band]}): {w_cdn}"
                + (f"; capped at {for_cap}" if w_group_raw > for_cap else ""))
    if coq:
        coq_detail = ("certificate of qualification with first language "
                      + (f"{word} 7+ in all four" if f_band >= 2 else f"{word} 5+ in all four" if f_band == 1
                         else f"under {word} 5 in an ability: no points"))
    else:
        coq_detail = "no certificate of qualification"
    hit = (tr_raw if tr_raw <= tr_cap else tr_cap, tr_raw, e_group, e_detail, w_group, w_detail, coq_pts, coq_detail)
    c["tr_memo"][key] = hit  # at most 8 x 4 x 3 x 11 x 2 x 2 entries
    return hit


def _num(x) -> str:
    if isinstance(x, float) and x.is_integer():
        return f"{x:.1f}"
    return str(x)


_YEARS = {0: "none or less than a year", 1: "1 year"}


def _years(n: int, what: str) -> str:
    txt = _YEARS.get(n) or f"{n} years"
    return f"{txt} {what}" if what else txt
