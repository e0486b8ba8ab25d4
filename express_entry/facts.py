"""The figures the assistant's FAQ answers quote, read from the ruleset in force on a date.

The answers (``data/nlu/responses/faq.yml``) are templates with named placeholders such as
``{crs_max}`` or ``{funds_1}``; :func:`faq_facts` returns every name, as display text, from the
ruleset tables (``rulesets/``), so a new ruleset or a new yearly proof-of-funds table changes
the answers without touching their text.  Where the rules data has no value for a date, the fact
says so plainly (:data:`NOT_IN_DATA`, or a sentence) instead of guessing.

Plain Python: no Rasa import.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Dict, Iterable, List

from .rules import Ruleset, not_modelled, ruleset_for
from .vocabulary import ABILITIES, count_text as _n, us_long_date as _day

__all__ = ["faq_facts", "NOT_IN_DATA"]

# What a fact reads when the ruleset in force has no value for it.
NOT_IN_DATA = "(no figure in this assistant's rules data for this date)"

_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
                 9: "nine", 10: "ten"}


def _money(value) -> str:
    return "$" + _n(value)


def _join(items: List[str], last: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def _same(values: Iterable, what: str) -> str:
    """One level when every ability has the same minimum, else each ability's."""
    values = dict(values)
    levels = set(values.values())
    if len(levels) == 1:
        return _n(levels.pop())
    return " / ".join(f"{_n(v)} ({k})" for k, v in values.items())


def _crs_facts(rs: Ruleset) -> Dict[str, str]:
    caps = rs.table("crs_caps")
    add = rs.table("crs_additional")
    french = add["french"]
    ce = add["canadian_education"]
    age = {int(k): v for k, v in rs.table("crs_age").items()}
    best = max(v[1] for v in age.values())
    best_ages = sorted(a for a, v in age.items() if v[1] == best)
    best_to = min(a for a in age if a > best_ages[-1]) - 1
    zero_from = min(a for a, v in age.items() if a > best_ages[-1] and v == [0, 0])
    cdn_work = {int(k) for k in rs.table("crs_canadian_work")}
    transfer = rs.table("crs_transferability")
    transfer_levels = sorted(int(m.group(1)) for k in transfer["education"]["bachelors"]
                             for m in [re.fullmatch(r"clb(\d+)", k)] if m)
    job = add["job_offer"]
    if not any(job.values()):
        info = rs.info("crs_additional")
        job_offer = (f"Since {_day(info['effective'])}, a job offer no longer adds CRS points"
                     if info.get("effective") else "A job offer adds no CRS points under the rules in force")
    else:
        job_offer = (f"A valid job offer adds {_n(job['other'])} CRS points, or {_n(job['major_group_00'])} "
                     "for a senior management job (NOC major group 00)")
    return {
        "crs_max": _n(caps["total"]),
        "crs_core_max_single": _n(caps["core"]["without_spouse"]),
        "crs_core_max_spouse": _n(caps["core"]["with_spouse"]),
        "crs_spouse_max": _n(caps["spouse"]),
        "crs_core_plus_spouse_max": _n(caps["core_plus_spouse"]),
        "crs_transferability_max": _n(caps["transferability"]),
        "crs_human_capital_max": _n(caps["core_plus_spouse"] + caps["transferability"]),
        "crs_additional_max": _n(caps["additional"]),
        "pnp_points": _n(add["provincial_nomination"]),
        "sibling_points": _n(add["sibling"]),
        "french_min_nclc": _n(french["min_nclc"]),
        "french_english_min_clb": _n(french["english_min_clb_for_bilingual"]),
        "french_english_low_clb": _n(french["english_min_clb_for_bilingual"] - 1),
        "french_bilingual_points": _n(french["bilingual"]),
        "french_only_points": _n(french["french_only"]),
        "canadian_education_short_points": _n(ce["one_or_two_year"]),
        "canadian_education_long_points": _n(ce["three_year_or_more"]),
        "job_offer_crs": job_offer,
        "age_best_from": _n(best_ages[0]),
        "age_best_to": _n(best_to),
        "age_drop_from": _n(best_to + 1),
        "age_zero_from": _n(zero_from),
        "canadian_work_max_years": _n(max(cdn_work)),
        "coq_clb": (_n(min(int(k[3:]) for k in transfer["certificate_of_qualification"] if k.startswith("clb")))
                    if "certificate_of_qualification" in transfer else NOT_IN_DATA),
        "transferability_clb": _n(transfer_levels[0]) if transfer_levels else NOT_IN_DATA,
        "transferability_top_clb": _n(transfer_levels[-1]) if transfer_levels else NOT_IN_DATA,
    }


def _crs_maxima_facts(rs: Ruleset) -> Dict[str, str]:
    """The most each CRS factor gives (the "why do you ask" answers quote them): single / with a partner."""
    def most(table: str, col: int = 1) -> int:
        return max(row[col] if isinstance(row, list) else row for row in rs.table(table).values())

    second = rs.table("crs_second_language")
    transfer = rs.table("crs_transferability")
    abilities = len(ABILITIES)
    return {
        "age_max_points": _n(most("crs_age")),
        "age_max_points_with_partner": _n(most("crs_age", 0)),
        "education_max_points": _n(most("crs_education")),
        "first_language_max_points": _n(most("crs_first_language") * abilities),
        "second_language_max_points": _n(second["cap"]["without_spouse"]),
        "canadian_work_max_points": _n(most("crs_canadian_work")),
        "coq_max_points": (_n(transfer["caps"]["certificate_of_qualification"])
                           if "certificate_of_qualification" in transfer["caps"] else NOT_IN_DATA),
        "spouse_education_max_points": _n(most("crs_spouse_education")),
        "spouse_language_max_points": _n(most("crs_spouse_language") * abilities),
        "spouse_canadian_work_max_points": _n(most("crs_spouse_canadian_work")),
    }


def _program_facts(rs: Ruleset) -> Dict[str, str]:
    prog = rs.table("programs")
    by_teer = prog["cec"]["language_by_teer"]
    teers = sorted(int(t) for t in prog["skilled_teers"])
    high = sorted({_same(by_teer[t].items(), "cec") for t in teers if t in (0, 1)})
    low = sorted({_same(by_teer[t].items(), "cec") for t in teers if t in (2, 3)})
    fst = prog["fst"]["language"]
    grid = rs.table("fsw_grid")
    tests = rs.table("language_tests")
    accepted = {"english": [], "french": []}
    for key, t in tests["tests"].items():
        if key in ("clb", "nclc"):  # levels given directly, not a test
            continue
        since = t.get("accepted_from")
        if since is not None and _dt.date.fromisoformat(str(since)) > rs.on:
            continue
        accepted[t["language"]].append(t["name"])
    english, french = sorted(accepted["english"]), sorted(accepted["french"])
    count = len(english) + len(french)
    return {
        "skilled_teers": _join([_n(t) for t in teers], "or"),
        "cec_work_years": _n(prog["cec"]["canadian_work_months_last_3_years"] // 12),
        "cec_work_months": _n(prog["cec"]["canadian_work_months_last_3_years"]),
        "cec_clb_teer_0_1": " / ".join(high),
        "cec_clb_teer_2_3": " / ".join(low),
        "fsw_clb": _same(prog["fsw"]["language_first_official"].items(), "fsw"),
        "fsw_work_years": _n(prog["fsw"]["skilled_work_years"]),
        "fsw_pass_mark": _n(grid["pass_mark"]),
        "fsw_grid_max": _n(grid["max_total"]),
        "fsw_relative_points": _n(grid["adaptability"]["items"]["relative_in_canada"]["points"]),
        "fst_work_years": _n(prog["fst"]["trade_work_years_last_5"]),
        "fst_clb_speaking_listening": _same({a: fst[a] for a in ("speaking", "listening")}.items(), "fst"),
        "fst_clb_reading_writing": _same({a: fst[a] for a in ("reading", "writing")}.items(), "fst"),
        "language_validity_years": _n(tests["validity_years"]),
        "language_tests_count": _NUMBER_WORDS.get(count, _n(count)),
        "language_tests_english": _join(english),
        "language_tests_french": _join(french),
    }


_PROCEDURE_FACTS = (
    "cec_hours", "cec_window_years", "fsw_window_years", "fst_hours", "fst_window_years", "hours_per_week_cap",
    "eca_validity_years", "ita_days", "profile_months", "dependent_child_age_limit", "police_certificate_months",
    "police_certificate_from_age", "sibling_min_age", "canadian_study_min_months", "service_standard_months",
    "service_standard_percent", "processing_times_tool",
)


def _procedure_facts(rs: Ruleset) -> Dict[str, str]:
    if not rs.has("procedures"):
        return {name: NOT_IN_DATA for name in _PROCEDURE_FACTS + ("part_time_hours", "part_time_months")}
    p = rs.table("procedures")
    out = {name: NOT_IN_DATA if p.get(name) is None else _n(p[name]) for name in _PROCEDURE_FACTS}
    # The CEC page's part-time example: half the weekly cap for twice the months.
    cap, hours = p["hours_per_week_cap"], p["cec_hours"]
    half = cap // 2
    out["part_time_hours"] = _n(half)
    out["part_time_months"] = _n(round(hours / half / 52 * 12)) if half else NOT_IN_DATA
    return out


_FUNDS_SIZES = range(1, 8)


def _funds_facts(rs: Ruleset) -> Dict[str, str]:
    names = [f"funds_{n}" for n in _FUNDS_SIZES] + ["funds_each_additional", "funds_effective"]
    if not rs.has("funds"):
        out = {name: NOT_IN_DATA for name in names}
        out["funds_table"] = ("This assistant has no proof-of-funds table in force on that date, so it can't "
                              "give the amounts")
        return out
    funds = rs.table("funds")
    by_size = {int(k): v for k, v in funds["by_family_size"].items()}
    out = {f"funds_{n}": _money(by_size[n]) for n in _FUNDS_SIZES}
    out["funds_each_additional"] = _money(funds["each_additional"])
    out["funds_effective"] = _day(rs.info("funds")["effective"])
    rows = [f"{n} people: {out[f'funds_{n}']}" for n in _FUNDS_SIZES if n > 1]
    out["funds_table"] = (f"For a family of 1 (a single person) it is {out['funds_1']}; for "
                          + "; ".join(rows) + f"; and {out['funds_each_additional']} more for each additional "
                          f"family member (IRCC's table in force since {out['funds_effective']})")
    return out


def _change_facts(rs: Ruleset) -> Dict[str, str]:
    """Announced CRS changes that no ruleset models: dated, and said plainly to have no values here."""
    pending = sorted((item for item in not_modelled()
                      if _dt.date.fromisoformat(item["effective"]) > rs.effective), key=lambda i: i["effective"])
    since = _day(rs.effective)
    if not pending:
        return {"crs_change_date": NOT_IN_DATA,
                "crs_change_note": (f"This assistant knows of no announced CRS change after {since}; its scores "
                                    f"follow the CRS in force since {since}")}
    first = pending[0]
    title = str(first.get("title") or "a change to the CRS").strip()
    when = _day(first["effective"])
    verb = "reported a revised CRS in force from" if rs.on >= _dt.date.fromisoformat(first["effective"]) \
        else "announced a revised CRS to take effect on"
    return {"crs_change_date": when,
            "crs_change_note": (f"IRCC {verb} {when} ({title[0].lower() + title[1:]}), "
                                "but its point values are not in the sources this assistant was built from. "
                                f"Scores here follow the CRS in force since {since} and don't include that change")}


def faq_facts(on: _dt.date, language: str = "en") -> Dict[str, str]:
    """Every named fact the FAQ answers use, as display text in ``language`` ("en" or "fr"), from the ruleset in
    force on ``on``.  (French display text: issue 20, in progress; until then the English text.)

    Raises ValueError for a date before the earliest modelled ruleset (as ``ruleset_for`` does).
    """
    if isinstance(on, _dt.datetime):
        on = on.date()
    rs = ruleset_for(on)
    facts: Dict[str, str] = {"ruleset_id": rs.id, "ruleset_effective": _day(rs.effective)}
    for part in (_crs_facts, _crs_maxima_facts, _program_facts, _procedure_facts, _funds_facts, _change_facts):
        facts.update(part(rs))
    return facts
