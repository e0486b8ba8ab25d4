"""Whole profiles told in one message, as people post them on forums and in chats: the simulator's own words,
independent of the bot's readers. ``post(profile, style, rng)`` returns one message that states every CRS fact of
the profile (age, marital status, the partner's status, education and its ECA, Canadian education, both tests
with their scores and dates, work in and outside Canada, certificate of qualification, nomination, sibling, the
partner's education, test and Canadian work).

Post styles: a labelled list, a paragraph, a terse line with ";", one with " / ", one with " | ", a forum line
("CRS check please: 31, married, ..."). Scores come as "L8 R7 W6.5 S7", "8/7/6.5/7", "8, 7, 6.5 and 7",
"listening 8, reading 7, ...", "L 5.5 / R 5.5 / ..." or "CLB 9 across the board" (levels alike in the four).
"""
import datetime as dt
import random
from typing import Any, Dict, List

from tests.sim.words import num

STYLES = ["list", "paragraph", "semicolon", "slash", "pipe", "forum"]
SCORE_FORMS = ["compact", "slashes", "commas", "labelled", "spaced"]
NAMES = {"ielts": ["IELTS", "IELTS General", "ielts gt"], "celpip": ["CELPIP", "CELPIP-G"], "pte": ["PTE Core", "PTE"],
         "tef": ["TEF Canada", "TEF"], "tcf": ["TCF Canada", "TCF"], "clb": ["CLB"], "nclc": ["NCLC"]}
EDUCATION = {"less_than_secondary": ["no high school diploma"], "secondary": ["high school", "secondary school"],
             "one_year": ["1 year diploma", "one-year certificate"], "two_year": ["2 year diploma", "two-year college diploma"],
             "bachelors": ["bachelor's", "BSc", "B.Tech", "bachelor's degree"],
             "two_or_more": ["bachelor's + diploma", "two degrees", "a BSc and a college diploma"],
             "masters": ["MSc", "master's", "MBA"], "doctoral": ["PhD", "doctorate"]}
SPOUSE_EDUCATION = {"less_than_secondary": "no high school", "secondary": "high school", "one_year": "1 year diploma",
                    "two_year": "2 year diploma", "bachelors": "bachelor's", "two_or_more": "two degrees",
                    "masters": "master's", "doctoral": "PhD"}
MARITAL = {"single": ["single", "never married"], "married": ["married"], "common_law": ["common-law", "common law"],
           "separated": ["separated"], "divorced": ["divorced"], "widowed": ["widowed", "widower"]}
FOREIGN = ["in India", "outside Canada", "abroad", "in the Philippines", "back home"]
CANADA = ["in Canada", "in Toronto", "Canadian", "in Vancouver"]


def scores(res: Dict[str, Any], form: str, rng: random.Random) -> str:
    """A test and its scores ("IELTS L8 R7 W6.5 S7"), with its date when known."""
    t = res["test"]
    name = rng.choice(NAMES[t])
    v = [num(res[a]) for a in ("listening", "reading", "writing", "speaking")]
    if t in ("clb", "nclc") and len(set(v)) == 1:
        text = rng.choice([f"{name} {v[0]} across the board", f"{name} {v[0]} in all four", f"{name} {v[0]} in everything"])
    else:
        text = {"compact": f"{name} L{v[0]} R{v[1]} W{v[2]} S{v[3]}",
                "slashes": f"{name} {v[0]}/{v[1]}/{v[2]}/{v[3]}",
                "commas": f"{name} {v[0]}, {v[1]}, {v[2]} and {v[3]}",
                "labelled": f"{name}: listening {v[0]}, reading {v[1]}, writing {v[2]}, speaking {v[3]}",
                "spaced": f"{name} L {v[0]} / R {v[1]} / W {v[2]} / S {v[3]}"}[form]
    if res.get("taken_on"):
        d = dt.date.fromisoformat(res["taken_on"])
        when = d.isoformat() if d.day != 1 or rng.random() < 0.5 else d.strftime(rng.choice(["%b %Y", "%B %Y"]))
        text += rng.choice([f" taken {when}", f" ({when})", f" on {when}", f", test date {when}"])
    return text


def _years(n: int, where: str, rng: random.Random) -> str:
    if n == 0:
        return f"no work {where}" if where != "Canadian" else "no Canadian work"
    unit = rng.choice(["years", "yrs", "years of work"]) if n != 1 else rng.choice(["year", "yr"])
    if where == "Canadian":
        return f"{n} {unit} Canadian work experience"
    return f"{n} {unit} {where}"


def facts(p: Dict[str, Any], rng: random.Random, form: str) -> List[str]:
    """The profile's facts, each a short phrase, in a usual order."""
    out = [str(p["age"]) if rng.random() < 0.5 else f"{p['age']} years old"]
    out.append(rng.choice(MARITAL[p["marital_status"]]))
    partner = p["marital_status"] in ("married", "common_law")
    who = rng.choice(["wife", "husband", "spouse", "partner"])
    if partner:
        if p.get("spouse_canadian"):
            out.append(f"{who} is a Canadian citizen")
        elif p.get("spouse_accompanying"):
            out.append(rng.choice([f"{who} coming with me", f"{who} accompanying"]))
        else:
            out.append(rng.choice([f"{who} not coming", f"{who} staying back home"]))
    edu = rng.choice(EDUCATION[p["education"]])
    if p["education"] != "less_than_secondary":
        edu += rng.choice([" with ECA", " (WES done)", " with WES ECA"]) if p.get("education_recognized") else \
            rng.choice([" (no ECA yet)", ", no ECA"])
    out.append(edu)
    ce = p.get("canadian_education", "none")
    out.append({"none": rng.choice(["no Canadian education", "no study in Canada"]),
                "one_or_two_year": rng.choice(["2 year diploma in Canada", "Canadian 1-year certificate"]),
                "three_year_or_more": rng.choice(["Canadian degree (4 years)", "3-year degree from a Canadian college"])
                }[ce])
    out.append(scores(p["first_language"], form, rng))
    if p.get("second_language"):
        out.append(scores(p["second_language"], rng.choice(SCORE_FORMS), rng))
    elif rng.random() < 0.7:
        french = p["first_language"]["test"] in ("tef", "tcf", "nclc")
        out.append(rng.choice(["no other test", "no second language test",
                               "no English test" if french else "no French"]))
    out.append(_years(p.get("canadian_work_years", 0), "Canadian", rng))
    out.append(_years(p.get("foreign_work_years", 0), rng.choice(FOREIGN), rng))
    if partner and p.get("spouse_education"):
        out.append(f"{who} has a {SPOUSE_EDUCATION[p['spouse_education']]}")
        if p.get("spouse_language"):
            out.append(f"{who}'s test: " + scores(p["spouse_language"], rng.choice(SCORE_FORMS), rng))
        else:
            out.append(f"{who} has no language test")
        n = p.get("spouse_canadian_work_years", 0)
        out.append(f"{who} has {n} year{'s' if n != 1 else ''} of work in Canada" if n else f"{who} has no Canadian work")
    out.append("certificate of qualification" if p.get("certificate_of_qualification") else "no CoQ")
    out.append("PNP nomination" if p.get("provincial_nomination") else "no PNP")
    out.append("sibling in Canada" if p.get("sibling_in_canada") else "no sibling in Canada")
    return out


LABELS = ["Age", "Status", "Partner", "Education", "Canadian education", "Language", "Second test", "Canada work",
          "Foreign work"]


def post(p: Dict[str, Any], style: str, rng: random.Random) -> str:
    form = rng.choice(SCORE_FORMS)
    fs = facts(p, rng, form)
    opener = rng.choice(["CRS check please: ", "My profile: ", "Hi! ", "", "What's my score? "])
    if style == "list":
        return "My profile:\n" + "\n".join(f"- {f}" for f in fs)
    if style == "paragraph":
        body = f"I'm {p['age']} and " + ". ".join(fs[1:]) + "."
        return opener + body
    sep = {"semicolon": "; ", "slash": " / ", "pipe": " | ", "forum": ", "}[style]
    return opener + sep.join(fs)


# Fields of the CRS profile (the eligibility questions are not asked of these candidates).
ELIGIBILITY_ONLY = ("canadian_work_months_last_3_years", "noc_code", "trade_work_years_last_5", "job_offer",
                    "authorized_to_work_in_canada", "relative_in_canada", "canadian_study_2_years",
                    "spouse_canadian_study_2_years", "spouse_canadian_work_1_year", "intends_quebec",
                    "settlement_funds", "family_size")


def crs_profile(p: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in p.items() if k not in ELIGIBILITY_ONLY}


# ----------------------------------------------------------------------------- what-ifs after the result

_BEST_LISTENING = {"ielts": 9, "celpip": 10, "clb": 10, "nclc": 10, "pte": 80, "tef": 500, "tcf": 600}


def hypotheticals(p: Dict[str, Any], rng: random.Random) -> List[tuple]:
    """(phrasing, message, change to the true profile) of what-ifs that fit this profile, each phrasing once: the
    change is what the engine's what-if applies (`express_entry.advice.what_if`)."""
    first = p["first_language"]
    cw, fw = p.get("canadian_work_years", 0), p.get("foreign_work_years", 0)
    out = [
        ("clb_all", rng.choice(["what if I got CLB 9 in all four abilities?", "what if I get CLB 9 in everything?"]),
         {"second_language" if first["test"] in ("tef", "tcf", "nclc") else "first_language":  # English: the other one
          {"test": "clb", **{a: 9 for a in ("listening", "reading", "writing", "speaking")}}}),
        ("nclc_first", "what if I got NCLC 9 in all four abilities in my first language?",
         {"first_language": {"test": "nclc", **{a: 9 for a in ("listening", "reading", "writing", "speaking")}}}),
        ("another_year_canada", rng.choice(["how about after another year of work in Canada?",
                                            "what if I had one more year of canadian work experience?"]),
         {"canadian_work_years": min(10, cw + 1)}),
        ("more_years_abroad", "what if I had 2 more years of foreign work experience?",
         {"foreign_work_years": min(10, fw + 2)}),
        ("pnp", rng.choice(["what would I have with a PNP?", "how about with a provincial nomination?"]),
         {"provincial_nomination": True}),
        ("masters", rng.choice(["and with a master's?", "would I get more with a master's degree?"]),
         {"education": "masters"}),
        ("phd", "hypothetically, with a PhD", {"education": "doctoral"}),
        ("sibling", "how about with a sibling in Canada?", {"sibling_in_canada": True}),
        ("older", "what if I were a year older?", {"age": p["age"] + 1}),
        ("age_at", "what would my score be at 35?", {"age": 35}),
        ("coq", "would I get more points with a certificate of qualification?", {"certificate_of_qualification": True}),
        ("listening", f"what if my listening was {_BEST_LISTENING[first['test']]}?",
         {"first_language": {**first, "listening": _BEST_LISTENING[first["test"]]}}),
    ]
    if first["test"] == "ielts" and first["writing"] <= 8.5:
        out.append(("half_band", "how about half a band higher in writing?",
                    {"first_language": {**first, "writing": first["writing"] + 0.5}}))
    return out
