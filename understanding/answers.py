"""Readers of a short answer to a known kind of question, without the conversation: yes or no, "I don't know",
a duration, a Canadian credential, a job title, a date, hours a week. One reader per kind; the profile form
(actions/parsing.py) and the CEC journey (actions/cec.py) both use them.

They work on a normalised text (:func:`understanding.text.normalise`) or a lower-cased one; ranges are checked
by the engine, not here.
"""
import datetime as dt
import re
from typing import Iterable, Optional

from understanding.rules import MONTH_RE, month_number, parse_durations
from understanding.text import as_number, numbers

# ----------------------------------------------------------------------------- yes, no, don't know

DONT_KNOW = re.compile(r"\b(i )?(don'?t|do not|dont) (know|remember)|\bdunno\b|\bnot sure\b|\bno (idea|clue)\b|"
                       r"\bidk\b|\bforgot\b|\bcan'?t remember\b")
_YES = re.compile(r"\b(y|ya|yea|yes+|yeah|yep|yup|sure|correct|right|exactly|true|of course|absolutely|definitely|"
                  r"indeed|ok|okay|affirmative|that'?s (?:it|right)|i (?:do|did|have|will|am|was)|it is|"
                  r"(?:he|she) (?:is|will)|they will)\b")
_NO = re.compile(r"\b(n|no+|nope|nop|nah|not|never|none|false|negative|i (?:don'?t|do not|haven'?t|have not|"
                 r"didn'?t)|(?:he|she) (?:isn'?t|won'?t)|don'?t|didn'?t|wasn'?t|isn'?t)\b")
# "I am not self-employed", "I have no job offer", "I was never a student": a yes-phrase negated at once is a no.
_NEGATED_YES = re.compile(r"\b(i am|i was|i do|i did|i have|i will|it is|(?:he|she) is|still)\s+(not|never|no longer|no)\b")


def yes_no(t: str, intent: Optional[str] = None, yes_words: Iterable[str] = (), no_words: Iterable[str] = ()
           ) -> Optional[bool]:
    """The answer to a yes/no question: the NLU's affirm/deny, else the first of a yes-word or a no-word (a
    yes-phrase negated at once is a no); None when it is neither ("I don't know" included: never taken as a no).
    ``yes_words`` / ``no_words``: the question's own words ("still working" / "it ended")."""
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    t = (t or "").lower()
    if _NEGATED_YES.search(t):
        return False
    if DONT_KNOW.search(t):
        return None
    no, yes = _first(_NO, no_words, t), _first(_YES, yes_words, t)
    if no is not None and (yes is None or no < yes):
        return False
    return True if yes is not None else None


def _first(pattern: "re.Pattern", words: Iterable[str], t: str) -> Optional[int]:
    """The offset of the first match of ``pattern`` or of one of ``words`` (whole words), None without any."""
    starts = [m.start() for m in [pattern.search(t)] if m]
    starts += [m.start() for w in words for m in [re.search(r"\b" + w + r"\b", t)] if m]
    return min(starts) if starts else None


# ----------------------------------------------------------------------------- amounts

_NONE = re.compile(r"^\s*(none|no|nope|never|nothing|zero|no experience)\b")


def duration(t: str, unit: str, bare: bool) -> Optional[int]:
    """A duration in whole ``unit`` ("years" or "months"): "3 years", "18 months", "2 years and 6 months";
    with ``bare`` (the answer to a question about it) also "none" (0) and a number alone."""
    months = parse_durations(t)
    if months is not None:
        return months // 12 if unit == "years" else months
    if bare:
        if _NONE.search(t):
            return 0
        nums = numbers(t)
        if len(nums) == 1:
            return as_number(nums[0])
    return None


_HOURS_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:hours?|hrs?|h)\b")
WEEKLY_HOURS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:hours?|hrs?|h)\s*(?:a|per|each|every|/|in a)\s*week|"
                          r"(\d+(?:[.,]\d+)?)\s*(?:hours?|hrs?|h)\s*weekly")
FULL_TIME = re.compile(r"\bfull[\s-]?time\b(?!\s+(?:student|stud))")


def hours_value(number: str) -> Optional[float]:
    value = float(number.replace(",", "."))
    return value if 0 < value <= 168 else None


def hours_said(t: str) -> bool:
    """True when the text gives its hours as a number ("37.5 hours")."""
    return bool(_HOURS_NUMBER.search(t))


def weekly_hours(t: str) -> Optional[float]:
    """Hours a week stated in passing ("20 hours a week", "40h weekly"), None without them."""
    m = WEEKLY_HOURS.search(t)
    return hours_value(m[1] or m[2]) if m else None


def hours(text: str, full_time: float) -> Optional[float]:
    """Hours a week: a number from 1 to 168 (not one of a date's: "full time since March 2026"), or "full time"
    (``full_time``: the hours it is taken as); "part time" without a number is None (asked again)."""
    t = (text or "").lower()
    m = _HOURS_NUMBER.search(t) or re.search(r"(\d+(?:[.,]\d+)?)", _DATE_LIKE.sub(" ", t))
    if m:
        return hours_value(m[1])
    if FULL_TIME.search(t):
        return float(full_time)
    return None


# ----------------------------------------------------------------------------- credentials, jobs

def canadian_education(t: str) -> Optional[str]:
    """The answer to the Canadian-credential question: none, one_or_two_year or three_year_or_more."""
    s = t.strip()
    if s in ("none", "one_or_two_year", "three_year_or_more"):
        return s
    # a Canadian "bac" (baccalauréat) is a Quebec university bachelor's degree
    if re.search(r"\b(3|three|4|four|5|five)\b|\bmore\b|\bdegree\b|bachelor|master|ph\.? ?d|doctor|\bbac\b|"
                 r"\bbaccalaur", s):
        return "three_year_or_more"
    if re.search(r"\b(1|one|2|two)\b|diploma|certificate|college", s):
        return "one_or_two_year"
    if re.match(r"\s*(n|no+|nope|nop|nah|not|never|none|false)\b", s) or re.search(
            r"\bnone\b|\bnothing\b|\bonly abroad\b|\boutside canada\b", s):
        return "none"
    return None


_TITLE_LEAD = re.compile(r"^\s*(?:i'?m|i am|i work(?:ed)? as|my job(?: title)? (?:is|was)|job:?|title:?|as)\s+"
                         r"(?:an?\s+)?", re.I)


def job_title(text: str) -> str:
    """The job title in an answer: "I work as a software developer." -> "software developer"."""
    return _TITLE_LEAD.sub("", (text or "").strip(), count=1).strip(" .!?")


# ----------------------------------------------------------------------------- dates

def date(text: str) -> Optional[dt.date]:
    """A date, past or future, from "2026-03-02", "March 2026" (the 1st), "2 March 2026", "March 2, 2026",
    "03/2026", "2026-03"; None without one (or for an impossible one). A test date, which must be in the past
    and may be a month alone, is read by :func:`understanding.rules.find_date`."""
    t = (text or "").strip().lower()
    m = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", t)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH_RE + r",?\s+(\d{4})\b", t)
        if m:
            return dt.date(int(m[3]), month_number(m[2]), int(m[1]))
        m = re.search(r"\b" + MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", t)
        if m:
            return dt.date(int(m[3]), month_number(m[1]), int(m[2]))
        m = re.search(r"\b" + MONTH_RE + r",?\s+(?:of\s+)?(\d{4})\b", t)
        if m:
            return dt.date(int(m[2]), month_number(m[1]), 1)
        m = re.search(r"\b(\d{4})[-/](\d{1,2})\b", t) or None
        if m:
            return dt.date(int(m[1]), int(m[2]), 1)
        m = re.search(r"\b(\d{1,2})/(\d{4})\b", t)
        if m:
            return dt.date(int(m[2]), int(m[1]), 1)
    except ValueError:
        return None
    return None


# Numbers that belong to a date ("full time since March 2026": 2026 is not the hours).
_DATE_LIKE = re.compile(r"\b\d{4}[-/]\d{1,2}(?:[-/]\d{1,2})?\b|\b\d{1,2}/\d{4}\b|\b(?:19|20)\d{2}\b|"
                        r"\b" + MONTH_RE + r"\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
                        + MONTH_RE)
