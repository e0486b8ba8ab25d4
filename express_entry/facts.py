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

from . import concepts
from .rules import Ruleset, not_modelled, ruleset_for
from .vocabulary import ABILITIES, count_text, long_date, money_text, us_long_date

__all__ = ["faq_facts", "NOT_IN_DATA", "not_in_data"]

# What a fact reads when the ruleset in force has no value for it (in English; not_in_data(language) for others).
NOT_IN_DATA = "(no figure in this assistant's rules data for this date)"


def not_in_data(language: str = "en") -> str:
    """What a fact reads, in ``language``, when the ruleset in force has no value for it."""
    return concepts.say("facts.not_in_data", language)


class _Words:
    """Numbers, money, dates and sentences of the facts in one language (the labels file's ``facts``)."""

    def __init__(self, language: str):
        self.language = language
        self.none = not_in_data(language)
        self.number_words = concepts.words("number_words", language)
        self.abilities = concepts.words("abilities", language)

    def n(self, value) -> str:
        return count_text(value, self.language)

    def money(self, value) -> str:
        return money_text(value, self.language)

    def day(self, value) -> str:
        # English: IRCC's own style ("March 1, 2025"); French: "1er mars 2025".
        return us_long_date(value) if self.language == "en" else long_date(value, self.language)

    def say(self, name: str, **values) -> str:
        return concepts.say(f"facts.{name}", self.language, **values)

    def join(self, items: List[str], last: str = "and") -> str:
        items = list(items)
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {self.say(last)} " + items[-1]

    def same(self, values: Iterable) -> str:
        """One level when every ability has the same minimum, else each ability's."""
        values = dict(values)
        levels = set(values.values())
        if len(levels) == 1:
            return self.n(levels.pop())
        return " / ".join(f"{self.n(v)} ({self.abilities.get(k, k)})" for k, v in values.items())


def _crs_facts(rs: Ruleset, w: _Words) -> Dict[str, str]:
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
        job_offer = (w.say("job_offer_none_since", date=w.day(info["effective"]))
                     if info.get("effective") else w.say("job_offer_none"))
    else:
        job_offer = w.say("job_offer_points", other=w.n(job["other"]), senior=w.n(job["major_group_00"]))
    return {
        "crs_max": w.n(caps["total"]),
        "crs_core_max_single": w.n(caps["core"]["without_spouse"]),
        "crs_core_max_spouse": w.n(caps["core"]["with_spouse"]),
        "crs_spouse_max": w.n(caps["spouse"]),
        "crs_core_plus_spouse_max": w.n(caps["core_plus_spouse"]),
        "crs_transferability_max": w.n(caps["transferability"]),
        "crs_human_capital_max": w.n(caps["core_plus_spouse"] + caps["transferability"]),
        "crs_additional_max": w.n(caps["additional"]),
        "pnp_points": w.n(add["provincial_nomination"]),
        "sibling_points": w.n(add["sibling"]),
        "french_min_nclc": w.n(french["min_nclc"]),
        "french_english_min_clb": w.n(french["english_min_clb_for_bilingual"]),
        "french_english_low_clb": w.n(french["english_min_clb_for_bilingual"] - 1),
        "french_bilingual_points": w.n(french["bilingual"]),
        "french_only_points": w.n(french["french_only"]),
        "canadian_education_short_points": w.n(ce["one_or_two_year"]),
        "canadian_education_long_points": w.n(ce["three_year_or_more"]),
        "job_offer_crs": job_offer,
        "age_best_from": w.n(best_ages[0]),
        "age_best_to": w.n(best_to),
        "age_drop_from": w.n(best_to + 1),
        "age_zero_from": w.n(zero_from),
        "canadian_work_max_years": w.n(max(cdn_work)),
        "coq_clb": (w.n(min(int(k[3:]) for k in transfer["certificate_of_qualification"] if k.startswith("clb")))
                    if "certificate_of_qualification" in transfer else w.none),
        "transferability_clb": w.n(transfer_levels[0]) if transfer_levels else w.none,
        "transferability_top_clb": w.n(transfer_levels[-1]) if transfer_levels else w.none,
    }


def _crs_maxima_facts(rs: Ruleset, w: _Words) -> Dict[str, str]:
    """The most each CRS factor gives (the "why do you ask" answers quote them): single / with a partner."""
    def most(table: str, col: int = 1) -> int:
        return max(row[col] if isinstance(row, list) else row for row in rs.table(table).values())

    second = rs.table("crs_second_language")
    transfer = rs.table("crs_transferability")
    abilities = len(ABILITIES)
    return {
        "age_max_points": w.n(most("crs_age")),
        "age_max_points_with_partner": w.n(most("crs_age", 0)),
        "education_max_points": w.n(most("crs_education")),
        "first_language_max_points": w.n(most("crs_first_language") * abilities),
        "second_language_max_points": w.n(second["cap"]["without_spouse"]),
        "canadian_work_max_points": w.n(most("crs_canadian_work")),
        "coq_max_points": (w.n(transfer["caps"]["certificate_of_qualification"])
                           if "certificate_of_qualification" in transfer["caps"] else w.none),
        "spouse_education_max_points": w.n(most("crs_spouse_education")),
        "spouse_language_max_points": w.n(most("crs_spouse_language") * abilities),
        "spouse_canadian_work_max_points": w.n(most("crs_spouse_canadian_work")),
    }


def _program_facts(rs: Ruleset, w: _Words) -> Dict[str, str]:
    prog = rs.table("programs")
    by_teer = prog["cec"]["language_by_teer"]
    teers = sorted(int(t) for t in prog["skilled_teers"])
    high = sorted({w.same(by_teer[t].items()) for t in teers if t in (0, 1)})
    low = sorted({w.same(by_teer[t].items()) for t in teers if t in (2, 3)})
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
        "skilled_teers": w.join([w.n(t) for t in teers], "or"),
        "cec_work_years": w.n(prog["cec"]["canadian_work_months_last_3_years"] // 12),
        "cec_work_months": w.n(prog["cec"]["canadian_work_months_last_3_years"]),
        "cec_clb_teer_0_1": " / ".join(high),
        "cec_clb_teer_2_3": " / ".join(low),
        "fsw_clb": w.same(prog["fsw"]["language_first_official"].items()),
        "fsw_work_years": w.n(prog["fsw"]["skilled_work_years"]),
        "fsw_pass_mark": w.n(grid["pass_mark"]),
        "fsw_grid_max": w.n(grid["max_total"]),
        "fsw_relative_points": w.n(grid["adaptability"]["items"]["relative_in_canada"]["points"]),
        "fst_work_years": w.n(prog["fst"]["trade_work_years_last_5"]),
        "fst_clb_speaking_listening": w.same({a: fst[a] for a in ("speaking", "listening")}.items()),
        "fst_clb_reading_writing": w.same({a: fst[a] for a in ("reading", "writing")}.items()),
        "language_validity_years": w.n(tests["validity_years"]),
        "language_tests_count": w.number_words.get(count, w.n(count)),
        "language_tests_english": w.join(english),
        "language_tests_french": w.join(french),
    }


_PROCEDURE_FACTS = (
    "cec_hours", "cec_window_years", "fsw_window_years", "fst_hours", "fst_window_years", "hours_per_week_cap",
    "eca_validity_years", "ita_days", "profile_months", "dependent_child_age_limit", "police_certificate_months",
    "police_certificate_from_age", "sibling_min_age", "canadian_study_min_months", "service_standard_months",
    "service_standard_percent", "processing_times_tool",
)


def _procedure_facts(rs: Ruleset, w: _Words) -> Dict[str, str]:
    if not rs.has("procedures"):
        return {name: w.none for name in _PROCEDURE_FACTS + ("part_time_hours", "part_time_months")}
    p = rs.table("procedures")
    out = {name: w.none if p.get(name) is None else w.n(p[name]) for name in _PROCEDURE_FACTS}
    # The CEC page's part-time example: half the weekly cap for twice the months.
    cap, hours = p["hours_per_week_cap"], p["cec_hours"]
    half = cap // 2
    out["part_time_hours"] = w.n(half)
    out["part_time_months"] = w.n(round(hours / half / 52 * 12)) if half else w.none
    return out


_FUNDS_SIZES = range(1, 8)


def _funds_facts(rs: Ruleset, w: _Words) -> Dict[str, str]:
    names = [f"funds_{n}" for n in _FUNDS_SIZES] + ["funds_each_additional", "funds_effective"]
    if not rs.has("funds"):
        out = {name: w.none for name in names}
        out["funds_table"] = w.say("funds_none")
        return out
    funds = rs.table("funds")
    by_size = {int(k): v for k, v in funds["by_family_size"].items()}
    out = {f"funds_{n}": w.money(by_size[n]) for n in _FUNDS_SIZES}
    out["funds_each_additional"] = w.money(funds["each_additional"])
    out["funds_effective"] = w.day(rs.info("funds")["effective"])
    rows = [w.say("funds_row", size=n, amount=out[f"funds_{n}"]) for n in _FUNDS_SIZES if n > 1]
    out["funds_table"] = w.say("funds_table", single=out["funds_1"], rows="; ".join(rows),
                               each=out["funds_each_additional"], effective=out["funds_effective"])
    return out


def _change_facts(rs: Ruleset, w: _Words) -> Dict[str, str]:
    """Announced CRS changes that no ruleset models: dated, and said plainly to have no values here."""
    pending = sorted((item for item in not_modelled()
                      if _dt.date.fromisoformat(item["effective"]) > rs.effective), key=lambda i: i["effective"])
    since = w.day(rs.effective)
    if not pending:
        return {"crs_change_date": w.none, "crs_change_note": w.say("change_none", since=since)}
    first = pending[0]
    title = str(first.get("title" if w.language == "en" else f"title_{w.language}")
                or w.say("change_title")).strip()
    when = w.day(first["effective"])
    in_force = rs.on >= _dt.date.fromisoformat(first["effective"])
    return {"crs_change_date": when,
            "crs_change_note": w.say("change_reported" if in_force else "change_announced", when=when,
                                     title=title[0].lower() + title[1:], since=since)}


def faq_facts(on: _dt.date, language: str = "en") -> Dict[str, str]:
    """Every named fact the FAQ answers use, as display text in ``language`` ("en" or "fr"), from the ruleset in
    force on ``on``: numbers, money and dates as each language writes them (express_entry.vocabulary), the
    sentences from the labels files (``data/labels/<language>.yaml``, ``facts``).

    Raises ValueError for a date before the earliest modelled ruleset (as ``ruleset_for`` does).
    """
    if isinstance(on, _dt.datetime):
        on = on.date()
    rs = ruleset_for(on)
    w = _Words(language)
    facts: Dict[str, str] = {"ruleset_id": rs.id, "ruleset_effective": w.day(rs.effective)}
    for part in (_crs_facts, _crs_maxima_facts, _program_facts, _procedure_facts, _funds_facts, _change_facts):
        facts.update(part(rs, w))
    return facts
