"""Generated candidates: a true profile (the contract's vocabulary) and how each one talks.

Deterministic for a seed. Covers every marital status, every education level, every test and direct
CLB/NCLC levels, partners (with and without their own test, some expired), second languages, trades
with job offers, and the eligibility questions. Test dates are relative to ``today`` so a run on any day
has the same mix of valid and expired results.
"""
import datetime as dt
import random
from typing import Any, Dict, List, Optional

MARITAL = ["single", "married", "common_law", "separated", "divorced", "widowed"]
EDUCATION = ["less_than_secondary", "secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters",
             "doctoral"]
TESTS = ["ielts", "celpip", "pte", "tef", "tcf", "clb", "nclc"]
ENGLISH = {"ielts", "celpip", "pte", "clb"}
# Occupations: (code, title a person would say, trade?)
OCCUPATIONS = [("21232", "software developer", False), ("31301", "registered nurse", False),
               ("11100", "accountant", False), ("72310", "carpenter", True), ("72200", "electrician", True),
               ("63200", "cook", True), ("21300", "civil engineer", False), ("41220", "high school teacher", False),
               ("72400", "heavy duty mechanic", True), ("13110", "administrative assistant", False)]


def _half(rng, lo, hi):
    return rng.choice([x / 2 for x in range(int(lo * 2), int(hi * 2) + 1)])


def scores(rng: random.Random, test: str, same: bool = False) -> Dict[str, Any]:
    def one(ability):
        if test == "ielts":
            return _half(rng, 4.5, 9)
        if test == "celpip":
            return rng.randint(4, 12)
        if test == "pte":
            return rng.randint(30, 89)
        if test == "tef":
            return rng.randint(180, 600)
        if test == "tcf":
            return rng.randint(6, 20) if ability in ("speaking", "writing") else rng.randint(331, 650)
        return rng.randint(4, 10)  # clb / nclc levels
    abilities = ("listening", "reading", "writing", "speaking")
    if same or (test in ("clb", "nclc") and rng.random() < 0.6):
        v = one("listening") if test != "tcf" else None
        if v is not None:
            return {a: v for a in abilities}
    return {a: one(a) for a in abilities}


def taken_on(rng: random.Random, today: dt.date, expired: bool = False) -> str:
    months_ago = rng.randint(27, 40) if expired else rng.randint(2, 20)
    y, m = today.year, today.month - months_ago
    while m <= 0:
        m += 12
        y -= 1
    return dt.date(y, m, rng.choice([1, 1, 1, 14, 22])).isoformat()


def generate(n: int, seed: int = 1, today: Optional[dt.date] = None) -> List[Dict[str, Any]]:
    rng = random.Random(seed)
    today = today or dt.date.today()
    out = []
    for i in range(n):
        p: Dict[str, Any] = {}
        p["age"] = rng.randint(18, 50)
        p["marital_status"] = MARITAL[i % len(MARITAL)]
        partner = p["marital_status"] in ("married", "common_law")
        if partner:
            p["spouse_canadian"] = rng.random() < 0.15
            if not p["spouse_canadian"]:
                p["spouse_accompanying"] = rng.random() < 0.75
        p["education"] = EDUCATION[(i // 2) % len(EDUCATION)]
        if p["education"] != "less_than_secondary":
            p["education_recognized"] = rng.random() < 0.9
        p["canadian_education"] = rng.choice(["none", "none", "none", "one_or_two_year", "three_year_or_more"])
        if p["education"] in ("less_than_secondary", "secondary"):
            del p["canadian_education"]  # a Canadian post-secondary credential is post-secondary: never asked
        test = TESTS[(i // 3) % len(TESTS)]
        first = {"test": test, **scores(rng, test)}
        if rng.random() < 0.85:
            first["taken_on"] = taken_on(rng, today, expired=rng.random() < 0.08)
        p["first_language"] = first
        if rng.random() < 0.3:
            other = rng.choice(["tef", "tcf", "nclc"] if test in ENGLISH else ["ielts", "celpip", "pte", "clb"])
            second = {"test": other, **scores(rng, other)}
            if rng.random() < 0.8:
                second["taken_on"] = taken_on(rng, today)
            p["second_language"] = second
        p["canadian_work_years"] = rng.choice([0, 0, 1, 2, 3, 5])
        p["foreign_work_years"] = rng.choice([0, 1, 2, 3, 4, 6])
        p["certificate_of_qualification"] = rng.random() < 0.08
        p["provincial_nomination"] = rng.random() < 0.08
        p["sibling_in_canada"] = rng.random() < 0.15
        if p["provincial_nomination"]:
            del p["sibling_in_canada"]  # a nomination's 600 points fill the 600 cap of additional points: never asked
        if partner and not p["spouse_canadian"] and p["spouse_accompanying"]:
            p["spouse_education"] = rng.choice(EDUCATION)
            if rng.random() < 0.65:
                st = rng.choice(TESTS)
                sl = {"test": st, **scores(rng, st)}
                sl["taken_on"] = taken_on(rng, today, expired=rng.random() < 0.25)
                p["spouse_language"] = sl
            p["spouse_canadian_work_years"] = rng.choice([0, 0, 1, 2])
        eligibility = i % 3 == 1
        if eligibility:
            if p["canadian_work_years"]:
                p["canadian_work_months_last_3_years"] = min(36, 12 * p["canadian_work_years"])
            code, title, trade = OCCUPATIONS[i % len(OCCUPATIONS)]
            p["noc_code"] = code
            if trade:
                p["trade_work_years_last_5"] = rng.choice([0, 2, 3, 5])
            p["job_offer"] = rng.random() < 0.3
            if p["job_offer"]:
                p["authorized_to_work_in_canada"] = rng.random() < 0.5
            p["relative_in_canada"] = rng.random() < 0.2
            p["canadian_study_2_years"] = p.get("canadian_education", "none") != "none" and rng.random() < 0.7
            if partner and not p["spouse_canadian"] and p["spouse_accompanying"]:
                p["spouse_canadian_study_2_years"] = rng.random() < 0.1
                p["spouse_canadian_work_1_year"] = p.get("spouse_canadian_work_years", 0) >= 1
            p["intends_quebec"] = rng.random() < 0.05
            p["settlement_funds"] = rng.choice([0, 8000, 15000, 25000, 40000])
            kids = rng.choice([0, 0, 1, 2])
            p["family_size"] = 1 + (1 if partner else 0) + kids
        out.append({"id": i, "profile": p, "eligibility": eligibility, "seed": rng.randint(0, 10 ** 9),
                    "occupation_title": OCCUPATIONS[i % len(OCCUPATIONS)][1]})
    return out


def flat(profile: Dict[str, Any]) -> Dict[str, Any]:
    """The profile as slots (nested fields joined with _)."""
    out = {}
    for k, v in profile.items():
        if isinstance(v, dict):
            for kk, vv in v.items():
                out[f"{k}_{kk}"] = vv
        else:
            out[k] = v
    return out
