"""The one vocabulary of the project: the words and formats that the engine, the actions and the connectors
share. Every module that names an ability, a test, an education level or a marital status, shows a score
or a date, or decides when a test result expires imports it from here.

This module holds words, not rules: no point value, threshold or date of a rule change (those are in the
rulesets, ``express_entry/rulesets/``). Plain Python, no import of another engine module.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Optional

__all__ = ["ABILITIES", "SPEAKING_FIRST", "LANGUAGE_TESTS", "ENGLISH_TESTS", "FRENCH_TESTS", "TEST_LANGUAGE",
           "TEST_NAMES", "TEST_SHORT_NAMES", "LEVEL_WORD", "EDUCATION_LEVELS", "EDUCATION_LABELS",
           "CANADIAN_EDUCATION", "CANADIAN_EDUCATION_LABELS", "MARITAL_STATUSES", "PARTNERED", "MONTHS",
           "UI_LANGUAGES", "MONTHS_FR", "MONTHS_SHORT", "card_months", "language_test_name", "ruleset_name", "number_text",
           "count_text", "money_text", "score_text", "parse_iso_date", "long_date", "us_long_date", "add_years",
           "expiry_date"]

# ---------------------------------------------------------------------------- language
# The four abilities in the order of test report forms, of IRCC's CLB tables and of the questions.
ABILITIES = ("listening", "reading", "writing", "speaking")
# The order in which a list of four levels is given to ``categories`` (speaking first, as documented there).
SPEAKING_FIRST = ("speaking", "listening", "reading", "writing")

LANGUAGE_TESTS = ("ielts", "celpip", "pte", "tef", "tcf", "clb", "nclc")
TEST_LANGUAGE = {"ielts": "english", "celpip": "english", "pte": "english", "clb": "english",
                 "tef": "french", "tcf": "french", "nclc": "french"}
ENGLISH_TESTS = tuple(t for t in LANGUAGE_TESTS if TEST_LANGUAGE[t] == "english")
FRENCH_TESTS = tuple(t for t in LANGUAGE_TESTS if TEST_LANGUAGE[t] == "french")
TEST_NAMES = {"ielts": "IELTS General Training", "celpip": "CELPIP-General", "pte": "PTE Core",
              "tef": "TEF Canada", "tcf": "TCF Canada", "clb": "CLB levels", "nclc": "NCLC levels"}
# The tests' names are the same in French but for the two level scales ("C'est noté : niveaux CLB : ...").
_TEST_NAMES_FR = {**TEST_NAMES, "clb": "niveaux CLB", "nclc": "niveaux NCLC"}


def ruleset_name(ruleset_id: str, language: str = "en") -> str:
    """A ruleset as a sentence names it: its id in English, the contract's ("the 2025-03-25 rules"), the date it took
    effect in French ("les règles du 25 mars 2025"); an id that is not a date (none is yet) as it is."""
    if language == "en" or parse_iso_date(ruleset_id) is None:
        return ruleset_id
    return long_date(ruleset_id, language)


def language_test_name(test: Optional[str], language: str = "en") -> Optional[str]:
    """A test's name as people read it in ``language``: "IELTS General Training", "CLB levels" / "niveaux CLB"; an
    unknown id as it is."""
    return (_TEST_NAMES_FR if language == "fr" else TEST_NAMES).get(test, test)
# In a sentence about a score ("IELTS 7.0 = CLB 9"): the test's short name, or the level scale.
TEST_SHORT_NAMES = {"ielts": "IELTS", "celpip": "CELPIP", "pte": "PTE Core", "tef": "TEF Canada",
                    "tcf": "TCF Canada", "clb": "CLB", "nclc": "NCLC"}
LEVEL_WORD = {"english": "CLB", "french": "NCLC"}  # the level scale of each official language

# ---------------------------------------------------------------------------- education, family
EDUCATION_LEVELS = ("less_than_secondary", "secondary", "one_year", "two_year", "bachelors",
                    "two_or_more", "masters", "doctoral")
EDUCATION_LABELS = {
    "less_than_secondary": "less than secondary school",
    "secondary": "a secondary (high school) diploma",
    "one_year": "a one-year post-secondary program",
    "two_year": "a two-year post-secondary program",
    "bachelors": "a bachelor's degree or a 3+ year program",
    "two_or_more": "two or more credentials, one of them 3+ years",
    "masters": "a master's or professional degree",
    "doctoral": "a doctoral degree (PhD)",
}
CANADIAN_EDUCATION = ("none", "one_or_two_year", "three_year_or_more")
CANADIAN_EDUCATION_LABELS = {
    "none": "no post-secondary credential from Canada",
    "one_or_two_year": "a one- or two-year post-secondary credential from Canada",
    "three_year_or_more": "a post-secondary credential from Canada of three years or more (or a master's, "
                          "professional or doctoral degree)",
}
MARITAL_STATUSES = ("single", "married", "common_law", "separated", "divorced", "widowed")
PARTNERED = ("married", "common_law")  # the statuses with a spouse or common-law partner

# ---------------------------------------------------------------------------- numbers
def number_text(x: Any) -> str:
    """A number as people write it: 7.0 -> "7", 6.5 -> "6.5", 15263 -> "15263"."""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


# The languages the assistant speaks, in the order it offers them. Every text a person reads exists in each.
UI_LANGUAGES = ("en", "fr")


def count_text(x: Any, language: str = "en") -> str:
    """A count or an amount for reading, with thousands separators as each language writes them:
    1560 -> "1,560" in English, "1 560" in French (a no-break space, French Canadian usage); 6.5 -> "6,5" in
    French."""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    if language == "fr":
        if isinstance(x, int):
            return f"{x:,}".replace(",", "\u00a0")
        return str(x).replace(".", ",")
    return f"{x:,}" if isinstance(x, int) else str(x)


def money_text(x: Any, language: str = "en") -> str:
    """Canadian dollars: "$15,263" in English, "15 263 $" in French (the sign after, a no-break space)."""
    if language == "fr":
        return count_text(x, "fr") + "\u00a0$"
    return "$" + count_text(x)


def score_text(test: str, score: Any) -> str:
    """A test score as the test's report shows it: IELTS bands with one decimal ("7.0"), others as numbers."""
    if score is None:
        return "?"
    if test == "ielts":
        return f"{float(score):.1f}"
    return number_text(score)


# ---------------------------------------------------------------------------- dates
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")
# A result card's dates: "3 Mar 2027" in English; French writes its months in full ("3 mars 2027", as IRCC does).
MONTHS_SHORT = tuple(m[:3] for m in MONTHS)


def card_months(language: str = "en") -> tuple:
    """The month names of a result card's dates in ``language``, as the web card writes them (the payload's
    ``months``, actions/result_card.py; connectors/rich.py writes the same dates)."""
    return MONTHS_FR if language == "fr" else MONTHS_SHORT


def parse_iso_date(value: Any) -> Optional[_dt.date]:
    """A ``datetime.date`` from a date, a datetime or an ISO ``YYYY-MM-DD`` string (exactly ten
    characters); None for anything else."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        if len(value) == 10:
            try:
                return _dt.date.fromisoformat(value)
            except ValueError:
                return None
    return None


def long_date(value: Any, language: str = "en") -> str:
    """'2025-03-01' (or a date) -> '1 March 2025' in English, '1er mars 2025' in French (the first of the
    month is "1er", as French writes it)."""
    d = parse_iso_date(value)
    if d is None:
        raise ValueError(f"not an ISO date: {value!r}")
    if language == "fr":
        return f"{'1er' if d.day == 1 else d.day} {MONTHS_FR[d.month - 1]} {d.year}"
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def us_long_date(value: Any) -> str:
    """'2025-03-01' (or a date) -> 'March 1, 2025' (IRCC's own style on the rounds page)."""
    d = parse_iso_date(value)
    if d is None:
        raise ValueError(f"not an ISO date: {value!r}")
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def add_years(day: _dt.date, years: int) -> _dt.date:
    """The same calendar day ``years`` later; 29 February becomes 1 March in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return _dt.date(day.year + years, 3, 1)


def expiry_date(taken_on: _dt.date, years: int) -> _dt.date:
    """The first day a result taken on ``taken_on`` no longer counts: its ``years``-th anniversary (a result
    of 29 February counts up to and including 28 February)."""
    return add_years(taken_on, years)
