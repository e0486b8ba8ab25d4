"""The held-out paraphrase bank: same interface as bank.py, other people's wording. Never used to tune the
bot (no parser pattern or training example was written from it); the simulator reports its figures apart."""
import datetime as dt
from typing import Any, Dict

from tests.sim import bank as _b
from tests.sim.words import num, words

STYLES = _b.STYLES
MARITAL_BUTTON = _b.MARITAL_BUTTON
TEST_NAME = _b.TEST_NAME
A = _b.A

MARITAL = {
    "single": ["Single.", "single and never married lol", "sinlge", "single", "unmarried", "single (no spouse)",
               "Not married, single", "im single"],
    "married": ["Married.", "I am married, my husband is an engineer", "marreid", "married", "married",
                "married, 1 child", "Married", "married to my wife"],
    "common_law": ["Common-law.", "me and my girlfriend live together, common law", "common law partnr", "common law",
                   "common law", "living together 2 years, not married", "common law relationship", "cohabiting, common law"],
    "separated": ["Separated.", "I'm separated, not divorced yet", "separeted", "separated", "separated",
                  "separated from my wife", "Separated", "we are separated"],
    "divorced": ["Divorced.", "I'm divorced since 2018", "divorcd", "divorced", "divorced", "divorced with a kid",
                 "Divorced", "divorced now"],
    "widowed": ["Widowed.", "I lost my husband a few years ago, I'm a widow", "widwed", "widowed", "widowed",
                "widower", "Widowed", "widowed unfortunately"],
}
EDUCATION = {
    "less_than_secondary": ["Less than secondary.", "i quit school before finishing high school",
                            "didn't complete secondary", "less than high school", "no high school",
                            "dropped out of high school", "less than secondary school", "not finished high school"],
    "secondary": ["Secondary.", "only high school", "high scool", "high school diploma", "high school",
                  "finished secondary school", "High school only", "high-school"],
    "one_year": ["One-year certificate.", "i have a 1 year diploma from a college", "1 yr diploma",
                 "one-year program", "1 year college certificate", "one year post secondary diploma",
                 "1-year diploma", "one-year certificate"],
    "two_year": ["Two-year diploma.", "i finished a 2 year college program", "2 years diploma", "two-year program",
                 "2-year diploma", "2 year college", "Two year diploma", "2-year college diploma"],
    "bachelors": ["Bachelor.", "i have a bachelors in economics", "bachelers", "bachelor degree", "BA in history",
                  "Bachelor of Science", "B.Sc.", "undergrad degree"],
    "two_or_more": ["Two or more.", "I have a bachelor and also a post graduate diploma", "2 or more credentials",
                    "two credentials", "bachelor's plus a 2-year diploma", "two or more credentials (one is 3+ yrs)",
                    "2 degrees", "a BA and a certificate"],
    "masters": ["Master.", "i did my masters in the UK", "mastres", "master degree", "M.Sc.", "MEng",
                "Master of Arts", "master's degree"],
    "doctoral": ["Doctorate.", "i finished my phd last year", "PHD", "Doctor of Philosophy", "phd", "Ph.D",
                 "doctoral", "a doctorate degree"],
}
YES = ["Yes.", "yes i do", "yess", "yup", "Yes", "affirmative", "yes indeed", "ya"]
NO = ["No.", "no i don't", "noo", "nope", "No", "negative", "no, none", "nah"]
TEST = {
    "ielts": ["IELTS.", "it was ielts general", "ielst", "IELTS General Training", "IELTS", "IELTS", "IELTS", "IELTS"],
    "celpip": ["CELPIP.", "celpip general test", "celpipp", "CELPIP General", "CELPIP", "CELPIP", "CELPIP", "CELPIP"],
    "pte": ["PTE.", "pte core test", "pte", "PTE Core", "PTE", "PTE", "PTE", "PTE"],
    "tef": ["TEF.", "tef canada, french", "tef", "TEF Canada", "TEF", "TEF", "TEF", "TEF"],
    "tcf": ["TCF.", "tcf canada", "tcf", "TCF Canada", "TCF", "TCF", "TCF", "TCF"],
    "clb": ["CLB.", "i have my clb levels", "clb", "CLB levels", "CLB", "CLB", "CLB", "CLB"],
    "nclc": ["NCLC.", "nclc levels in french", "nclc", "NCLC levels", "NCLC", "NCLC", "NCLC", "NCLC"],
}
BOOL_CHATTY = {k: (v[0].replace("yes", "yeah"), v[1].replace("no", "nope", 1)) for k, v in _b.BOOL_CHATTY.items()}


def scores(res: Dict[str, Any], style: str, who: str = "") -> str:
    l, r, w, s = (res[a] for a in A)
    t = res["test"]
    if t in ("clb", "nclc"):
        name = t.upper()
        if l == r == w == s:
            return {"terse": f"{name} {num(l)}", "chatty": f"i'm at {name} {num(l)} for everything",
                    "typos": f"{name.lower()}{num(l)} all four", "words": f"{words(l)} for all four",
                    "units": f"level {num(l)} in each", "multi": f"{num(l)} in all 4",
                    "levels": f"{name} {num(l)} in all four", "buttons": f"{num(l)} {num(l)} {num(l)} {num(l)}"}[style]
        return {"terse": f"{num(l)}/{num(r)}/{num(w)}/{num(s)}",
                "chatty": f"listening is {num(l)}, reading {num(r)}, writing {num(w)}, speaking {num(s)}",
                "typos": f"lisening {num(l)}, reeding {num(r)}, writng {num(w)}, speakin {num(s)}",
                "words": f"{words(l)} {words(r)} {words(w)} {words(s)}",
                "units": f"{name}: L {num(l)} / R {num(r)} / W {num(w)} / S {num(s)}",
                "multi": f"L {num(l)}, R {num(r)}, W {num(w)}, S {num(s)}",
                "levels": f"{name} levels {num(l)} {num(r)} {num(w)} {num(s)}",
                "buttons": f"{num(l)} {num(r)} {num(w)} {num(s)}"}[style]
    return {"terse": f"{num(l)}/{num(r)}/{num(w)}/{num(s)}",
            "chatty": f"so listening was {num(l)}, reading {num(r)}, writing {num(w)}, and speaking {num(s)}",
            "typos": f"lisening {num(l)}, reeding {num(r)}, writng {num(w)}, speakin {num(s)}",
            "words": f"{words(l)}, {words(r)}, {words(w)} and {words(s)}",
            "units": f"L {num(l)} / R {num(r)} / W {num(w)} / S {num(s)}",
            "multi": f"my {TEST_NAME[t]}: L{num(l)} R{num(r)} W{num(w)} S{num(s)}",
            "levels": f"reading {num(r)}, listening {num(l)}, speaking {num(s)}, writing {num(w)}",
            "buttons": f"{num(l)} {num(r)} {num(w)} {num(s)}"}[style]


def date(iso: str, style: str) -> str:
    d = dt.date.fromisoformat(iso)
    month = d.strftime("%B")
    if d.day != 1:
        return {"terse": f"{month} {d.day}, {d.year}", "chatty": f"it was on {d.day} {month} {d.year}",
                "typos": f"{d.day} {month[:3].lower()} {d.year}", "words": f"{month} {d.day}th {d.year}",
                "units": d.isoformat(), "multi": f"{d.day} {month}, {d.year}", "levels": d.isoformat(),
                "buttons": d.isoformat()}[style]
    return {"terse": f"{month[:3]} {d.year}", "chatty": f"took it in {month} {d.year} I think",
            "typos": f"{month.lower()}, {d.year}", "words": f"{month}, {d.year}", "units": f"{d.year}-{d.month:02d}-01",
            "multi": f"{month} {d.year}", "levels": f"{month} of {d.year}", "buttons": d.isoformat()}[style]


def years(n: int, style: str) -> str:
    if n == 0:
        return {"terse": "zero", "chatty": "I don't have any", "typos": "nonee", "words": "none at all",
                "units": "0 yrs", "multi": "0 years", "levels": "0", "buttons": "0"}[style]
    return {"terse": f"{n}.", "chatty": f"I have {n} years", "typos": f"{n} yers", "words": f"{words(n)}",
            "units": f"{n} years", "multi": f"{n * 12} months", "levels": f"{n} year(s)", "buttons": str(n)}[style]


def money(v: float, style: str) -> str:
    v = int(v)
    if v == 0:
        return {"terse": "zero", "chatty": "i have no savings", "typos": "0$", "words": "zero dollars",
                "units": "0 CAD", "multi": "nothing", "levels": "0", "buttons": "0"}[style]
    return {"terse": f"{v:,}", "chatty": f"about {v} CAD in savings", "typos": f"{v}$", "words": f"{words(v)}",
            "units": f"CAD {v}", "multi": f"{v / 1000:g} thousand", "levels": f"${v}", "buttons": str(v)}[style]


def family(n: int, style: str, partner: bool) -> str:
    kids = n - 1 - (1 if partner else 0)
    if style == "chatty":
        if n == 1:
            return "only me"
        who = "my husband and me" if partner else "me"
        return who + (f" plus {kids} children" if kids > 1 else " plus one child" if kids == 1 else "")
    return {"terse": f"{n}.", "typos": f"{n} peoples", "words": words(n), "units": f"{n} persons",
            "multi": f"family of {n}", "levels": str(n), "buttons": str(n)}[style]


def age(n: int, style: str, marital: str) -> str:
    m = {"common_law": "common law"}.get(marital, marital)
    return {"terse": f"{n}.", "chatty": f"I am {n}", "typos": f"{n} yo", "words": f"{words(n)} years old",
            "units": f"{n} yrs old", "multi": f"I'm {n} and {m}", "levels": f"{n} years old", "buttons": str(n)}[style]


def canadian_education(v: str, style: str) -> str:
    table = {
        "none": ["No.", "nope, i studied in my home country", "noo", "no", "not in canada", "none", "No",
                 '/inform{"choice":"none"}'],
        "one_or_two_year": ["Yes, 1-2 years.", "yes i did a 1 year diploma at a canadian college", "yes 2 yrs",
                            "two year diploma in canada", "yes, one year", "yes (2 years)", "1-2 years",
                            '/inform{"choice":"one_or_two_year"}'],
        "three_year_or_more": ["Yes, 3+ years.", "yes my 4 year degree is from U of T", "yes 4 yrs",
                               "three-year degree in canada", "yes, 3 years", "yes (4 years)", "3+ years",
                               '/inform{"choice":"three_year_or_more"}'],
    }
    return table[v][STYLES.index(style)]


def bool_answer(slot: str, v: bool, style: str) -> str:
    if style == "buttons":
        return "/affirm" if v else "/deny"
    if style == "chatty" and slot in BOOL_CHATTY:
        return BOOL_CHATTY[slot][0 if v else 1]
    return (YES if v else NO)[STYLES.index(style)]


def noc(code: str, title: str, style: str) -> str:
    return {"terse": f"{code}.", "chatty": f"i'm a {title}, the noc is {code}", "typos": f"NOC: {code}",
            "words": code, "units": f"noc code {code}", "multi": f"{code} ({title})", "levels": code,
            "buttons": code}[style]
