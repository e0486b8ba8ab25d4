"""The paraphrase bank used while tuning: how people answer each question, in 8+ styles per field.

Written from how people talk in forums and chats (terse, chatty, typos, number words, units, several facts at
once, levels instead of scores, buttons), not from the bot's patterns. ``answer(kind, ...)`` returns one message.
The held-out bank (bank_holdout.py) has the same interface and is never used to tune the bot.
"""
import datetime as dt
from typing import Any, Dict

from tests.sim.words import num, words

STYLES = ["terse", "chatty", "typos", "words", "units", "multi", "levels", "buttons"]

MARITAL = {
    "single": ["single", "I'm single, never been married", "singel", "single", "not married", "single, no partner",
               "never married", "just single"],
    "married": ["married", "yes I'm married, my wife and I have 2 kids", "maried", "married", "married",
                "married since 2015", "married", "i have a husband"],
    "common_law": ["common law", "I've been living with my boyfriend for 3 years, we're not married",
                   "comon law", "common-law", "common-law", "we live together, not married", "common-law partner",
                   "in a common law relationship"],
    "separated": ["separated", "separated from my husband, the divorce isn't final yet", "seperated",
                  "separated", "separated", "we split up but we're still legally married", "separated",
                  "legally separated"],
    "divorced": ["divorced", "I got divorced two years ago", "divorsed", "divorced", "divorced", "divorced, no kids",
                 "divorcee", "I'm divorced"],
    "widowed": ["widowed", "my wife passed away in 2020", "widdowed", "widowed", "widow", "widower, lost my wife",
                "widowed", "I'm a widow"],
}
MARITAL_BUTTON = {"single": "single", "married": "married", "common_law": "common_law", "divorced": "divorced",
                  "widowed": "widowed"}

EDUCATION = {
    "less_than_secondary": ["less than high school", "I didn't finish high school", "didnt finish highschool",
                            "no high school diploma", "left school early, no diploma", "no secondary school diploma",
                            "less than secondary", "I never finished high school"],
    "secondary": ["high school", "just high school, I finished grade 12", "hight school", "secondary school",
                  "highschool diploma", "high school graduate", "secondary", "completed secondary school"],
    "one_year": ["1 year certificate", "a one-year college certificate after high school", "one yr certifcate",
                 "one year diploma", "1-year program", "a 1 year post-secondary certificate", "1 year diploma",
                 "one-year college program"],
    "two_year": ["2 year diploma", "I have a two-year college diploma in business", "2 yr diplomma",
                 "two year college diploma", "2-year program", "a 2 year diploma from a technical college",
                 "two-year diploma", "college diploma, 2 years"],
    "bachelors": ["bachelor's", "I have a bachelor's degree in computer science", "bachlors degree",
                  "4 year bachelor", "BSc", "bachelor of engineering", "B.Com", "a bachelor degree"],
    "two_or_more": ["two or more credentials", "a bachelor's degree and a 1 year postgrad diploma",
                    "bachelors + diploma", "two degrees", "2 credentials, one is a 4 year degree",
                    "I have a BSc and a college diploma", "two or more degrees", "a degree and a diploma"],
    "masters": ["master's", "I did a master's in finance after my bachelor's", "masters degre", "MSc", "MBA",
                "master of engineering", "masters", "a master's degree"],
    "doctoral": ["PhD", "I have a doctorate in chemistry", "phd", "doctoral degree", "Ph.D.", "PhD in physics",
                 "doctorate", "a PhD"],
}

YES = ["yes", "yes, I do", "yea", "yeah", "yep", "yes definitely", "sure, yes", "y"]
NO = ["no", "no, I don't", "nope", "no", "nah", "no not really", "not at all", "n"]
BOOL_CHATTY = {
    "sibling_in_canada": ("yes, my brother lives in Toronto, he's a citizen", "no, no siblings in Canada"),
    "provincial_nomination": ("yes, I got a nomination from Ontario", "no nomination"),
    "certificate_of_qualification": ("yes, I have a certificate of qualification", "no I don't have one"),
    "education_recognized": ("yes, I got my ECA from WES", "no, no ECA yet"),
    "spouse_canadian": ("yes she is a PR", "no, she's not Canadian"),
    "spouse_accompanying": ("yes, she's coming with me", "no, she'll stay back home"),
    "job_offer": ("yes I have a job offer from an employer in Calgary", "no job offer yet"),
    "relative_in_canada": ("yes, my aunt lives in Vancouver", "no relatives there"),
    "canadian_study_2_years": ("yes, I studied 2 years full time in Canada", "no I didn't study in Canada"),
    "intends_quebec": ("yes, I want to live in Montreal", "no, Ontario probably"),
    "authorized_to_work_in_canada": ("yes I have a work permit", "no, no work permit"),
    "spouse_canadian_study_2_years": ("yes she studied 2 years there", "no she didn't study there"),
    "spouse_canadian_work_1_year": ("yes he worked a year in Canada", "no, never worked in Canada"),
}

TEST = {
    "ielts": ["IELTS", "I took IELTS General Training", "ilets", "IELTS General", "ielts gt", "IELTS", "IELTS", "IELTS"],
    "celpip": ["CELPIP", "I did the CELPIP general test", "celpip", "CELPIP-G", "celpip general", "CELPIP", "CELPIP",
               "CELPIP"],
    "pte": ["PTE", "I took the PTE Core", "pte core", "PTE Core", "pte", "PTE", "PTE", "PTE"],
    "tef": ["TEF", "I did TEF Canada, it's French", "tef canada", "TEF Canada", "tef", "TEF", "TEF", "TEF"],
    "tcf": ["TCF", "I took the TCF Canada", "tcf canada", "TCF Canada", "tcf", "TCF", "TCF", "TCF"],
    "clb": ["I know my CLB levels", "I don't have a test report but I know my CLB levels", "clb levels", "CLB",
            "clb", "CLB levels", "CLB", "CLB"],
    "nclc": ["NCLC", "I know my NCLC levels (French)", "nclc levels", "NCLC", "nclc", "NCLC levels", "NCLC", "NCLC"],
}
TEST_NAME = {"ielts": "IELTS", "celpip": "CELPIP", "pte": "PTE", "tef": "TEF", "tcf": "TCF", "clb": "CLB",
             "nclc": "NCLC"}

A = ("listening", "reading", "writing", "speaking")


def scores(res: Dict[str, Any], style: str, who: str = "") -> str:
    l, r, w, s = (res[a] for a in A)
    t = res["test"]
    same = l == r == w == s
    if t in ("clb", "nclc"):
        name = t.upper()
        if same:
            return {"terse": f"{num(l)}", "chatty": f"I'm {name} {num(l)} in all four", "typos": f"{name.lower()} {num(l)} all",
                    "words": f"{words(l)} in everything", "units": f"{name} {num(l)} across the board",
                    "multi": f"{name} {num(l)} in all four abilities", "levels": f"{name} {num(l)}",
                    "buttons": f"{num(l)} {num(r)} {num(w)} {num(s)}"}[style]
        return {"terse": f"{num(l)} {num(r)} {num(w)} {num(s)}",
                "chatty": f"my levels are listening {num(l)}, reading {num(r)}, writing {num(w)} and speaking {num(s)}",
                "typos": f"listning {num(l)} reading {num(r)} writting {num(w)} speaking {num(s)}",
                "words": f"{words(l)}, {words(r)}, {words(w)}, {words(s)}",
                "units": f"{name} {num(l)} listening, {name} {num(r)} reading, {name} {num(w)} writing, {name} {num(s)} speaking",
                "multi": f"L{num(l)} R{num(r)} W{num(w)} S{num(s)}",
                "levels": f"{name} L{num(l)} R{num(r)} W{num(w)} S{num(s)}",
                "buttons": f"{num(l)}, {num(r)}, {num(w)}, {num(s)}"}[style]
    return {"terse": f"{num(l)} {num(r)} {num(w)} {num(s)}",
            "chatty": f"I got {num(l)} in listening, {num(r)} in reading, {num(w)} in writing and {num(s)} in speaking",
            "typos": f"listning {num(l)} reding {num(r)} writing {num(w)} speking {num(s)}",
            "words": f"listening {words(l)}, reading {words(r)}, writing {words(w)}, speaking {words(s)}",
            "units": f"L: {num(l)}, R: {num(r)}, W: {num(w)}, S: {num(s)}",
            "multi": f"{TEST_NAME[t]} listening {num(l)} reading {num(r)} writing {num(w)} speaking {num(s)}",
            "levels": f"speaking {num(s)}, writing {num(w)}, reading {num(r)}, listening {num(l)}",
            "buttons": f"{num(l)}, {num(r)}, {num(w)}, {num(s)}"}[style]


def date(iso: str, style: str) -> str:
    d = dt.date.fromisoformat(iso)
    month = d.strftime("%B")
    if d.day != 1:
        return {"terse": f"{d.day} {month} {d.year}", "chatty": f"I took it on {month} {d.day}, {d.year}",
                "typos": f"{d.day} {month.lower()} {d.year}", "words": f"the {d.day}th of {month} {d.year}",
                "units": d.isoformat(), "multi": f"{d.day}/{d.month:02d}/{d.year}" if d.day > 12 else d.isoformat(),
                "levels": f"{month} {d.day} {d.year}", "buttons": d.isoformat()}[style]
    return {"terse": f"{month} {d.year}", "chatty": f"I took it back in {month} {d.year}",
            "typos": f"{month.lower()} {d.year}", "words": f"in {month} of {d.year}", "units": f"{d.month:02d}/{d.year}",
            "multi": f"{month[:3]} {d.year}", "levels": f"{month} {d.year}", "buttons": d.isoformat()}[style]


def years(n: int, style: str) -> str:
    if n == 0:
        return {"terse": "0", "chatty": "none, I haven't worked there", "typos": "non", "words": "zero",
                "units": "0 years", "multi": "no experience", "levels": "none", "buttons": "0"}[style]
    return {"terse": str(n), "chatty": f"about {n} years", "typos": f"{n} yeras", "words": f"{words(n)} years",
            "units": f"{n} yrs", "multi": f"{12 * n} months", "levels": f"{n} years", "buttons": str(n)}[style]


def money(v: float, style: str) -> str:
    v = int(v)
    if v == 0:
        return {"terse": "0", "chatty": "nothing saved really", "typos": "0", "words": "zero",
                "units": "$0", "multi": "none", "levels": "0 CAD", "buttons": "0"}[style]
    return {"terse": str(v), "chatty": f"around {v:,} dollars", "typos": f"{v}", "words": f"{words(v)} dollars",
            "units": f"${v:,} CAD", "multi": f"{v // 1000}k", "levels": f"{v:,}", "buttons": str(v)}[style]


def family(n: int, style: str, partner: bool) -> str:
    kids = n - 1 - (1 if partner else 0)
    if style == "chatty":
        if n == 1:
            return "just me"
        who = "me and my wife" if partner else "me"
        return who + (f" and {kids} kids" if kids > 1 else " and 1 kid" if kids == 1 else "")
    return {"terse": str(n), "typos": f"{n} peple", "words": words(n), "units": f"{n} people",
            "multi": f"{n} of us", "levels": f"{n}", "buttons": str(n)}[style]


def age(n: int, style: str, marital: str) -> str:
    m = {"common_law": "living with my partner", "single": "single"}.get(marital, marital)
    return {"terse": str(n), "chatty": f"I'm {n} years old", "typos": f"im {n} yrs old", "words": words(n),
            "units": f"{n} years", "multi": f"{n}, {m}", "levels": f"age {n}", "buttons": str(n)}[style]


def canadian_education(v: str, style: str) -> str:
    table = {
        "none": ["no", "no, all my studies were back home", "nop", "none", "no canadian education", "no", "none",
                 '/inform{"choice":"none"}'],
        "one_or_two_year": ["yes, 2 years", "yes, I did a two-year college diploma in Toronto", "yes 1 yr program",
                            "yes, a one year postgrad certificate", "2 year diploma from a canadian college",
                            "yes, a 2-year program at Humber", "1 or 2 years", '/inform{"choice":"one_or_two_year"}'],
        "three_year_or_more": ["yes, 4 years", "yes I did my bachelor's at UBC", "yes 3+ yrs", "yes, a four-year degree",
                               "3 years or more", "bachelor's degree from a canadian university", "yes, 3 years or more",
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
    return {"terse": code, "chatty": f"I work as a {title}, NOC {code}", "typos": f"noc {code}", "words": code,
            "units": f"NOC {code}", "multi": f"my noc code is {code}", "levels": code, "buttons": code}[style]
