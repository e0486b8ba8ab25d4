"""Helpers for the program-eligibility tests.

Expected values in these tests are typed in from the official tables (canada.ca), never read from
the engine's ruleset files.
"""


from express_entry import programs as programs_mod
from express_entry.assess import program_languages
from express_entry.profile import validate
from express_entry.rules import ruleset_for

ON = "2026-06-01"  # 2025-03-25 CRS ruleset, 2025-07-07 funds table

ABILITIES = ("speaking", "listening", "reading", "writing")


def clb(s, l=None, r=None, w=None, test="clb"):
    """A language result given as levels (CLB, or NCLC with test='nclc')."""
    l = s if l is None else l
    r = s if r is None else r
    w = s if w is None else w
    return {"test": test, "speaking": s, "listening": l, "reading": r, "writing": w}


def nclc(s, l=None, r=None, w=None):
    return clb(s, l, r, w, test="nclc")


def evaluate(profile, extra=None):
    """Validate ``profile``, convert its language results as assess() does and evaluate the programs.

    ``extra`` is merged into the profile before validation."""
    p = dict(profile)
    p.setdefault("assessed_on", ON)
    if extra:
        p.update(extra)
    v = validate(p)
    rs = ruleset_for(v["assessed_on"])
    # the same first-official-language choice as assess()
    return programs_mod.evaluate_programs(v, program_languages(v, rs), rs)


def program(profile, pid, extra=None):
    return evaluate(profile, extra)[0][pid]


# A complete single FSW candidate (grid by hand: language 24, education 21, experience 11 (3 years),
# age 12, arranged employment 0, adaptability 0 = 68).
BASE = {
    "age": 29, "marital_status": "single", "education": "bachelors", "education_recognized": True,
    "first_language": clb(9), "canadian_work_years": 0, "canadian_work_months_last_3_years": 0,
    "foreign_work_years": 3, "noc_code": "21231", "intends_quebec": False, "job_offer": False,
    "certificate_of_qualification": False, "canadian_study_2_years": False, "relative_in_canada": False,
    "sibling_in_canada": False, "settlement_funds": 50000, "family_size": 1, "trade_work_years_last_5": 0,
}


def with_(base=None, **changes):
    p = dict(BASE if base is None else base)
    for k, v in changes.items():
        if v is None:
            p.pop(k, None)
        else:
            p[k] = v
    return p
