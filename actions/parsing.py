"""Free-text answers to profile values.

``extract(text, requested, slots, intent)`` reads one user message and returns
``(values, errors)``: the slots it could fill (several facts in one message fill
several slots; "actually I'm 32" works at any time) and, for the slot that was
asked, a friendly error naming the accepted values when the answer is impossible
("IELTS 12", "age 300"). Ranges come from the engine (express_entry.profile), not
from here. Number words go through text2num ("twenty nine" -> 29).

Pure Python: no Rasa import, unit-tested in tests/rasa/test_parsing.py.
"""
import json
import math
import re
from typing import Any, Dict, List, Optional, Tuple

from actions import limits
from actions.fields import (ABILITIES, EDUCATION, ENGLISH_TESTS, FRENCH_TESTS, KIND, LANG_GROUPS, MARITAL, TEST_NAMES,
                            lang_slots)
from actions.fields import _RULES

VALIDITY_YEARS = _RULES["language_validity_years"]

NUM = r"\d+(?:\.\d+)?"
_YES = re.compile(r"^\s*(y|ya|yea|yes+|yeah|yep|yup|sure|correct|right|true|i do|i have|i did|i will|he is|she is|"
                  r"he will|she will|they will|of course|absolutely|definitely|indeed|ok|okay|affirmative)\b")
_NO = re.compile(r"^\s*(n|no+|nope|nop|nah|not|never|none|false|i don'?t|i do not|i haven'?t|i have not|i didn'?t|"
                 r"he isn'?t|she isn'?t|he won'?t|she won'?t|negative)\b")
DONT_KNOW = re.compile(r"\b(i )?(don'?t|do not|dont) (know|remember)|\bdunno\b|\bnot sure\b|\bno (idea|clue)\b|"
                       r"\bidk\b|\bforgot\b|\bcan'?t remember\b")
SPOUSE = re.compile(r"\b(wife|husband|spouse|partner|fianc[ée]e?|he|she|his|her)\b(?!\s*(?:is|was)?\s*single)")
_SPOUSE_STRICT = re.compile(r"\b(wife|husband|spouse|partner)('s)?\b")


class Invalid(Exception):
    """An answer that was understood but cannot be accepted; str() is the friendly message."""


# ----------------------------------------------------------------------------- text helpers

def normalise(text: str) -> str:
    t = limits.bounded(text).lower().replace("\u2019", "'").replace("\u2018", "'")
    t = re.sub(r"\b(a|one) year and (a )?half\b", "18 months", t)
    t = re.sub(r"\bhalf a year\b", "6 months", t)
    t = re.sub(r"\ba (year|month)\b", r"1 \1", t)
    t = re.sub(r"\ban? (couple) of\b", "2", t)
    t = t.replace("twentynine", "twenty nine")
    t = re.sub(r"\bhundred and\b", "hundred", t)  # "four hundred and sixty-nine" is one number
    t = re.sub(r"\b(\d{1,6}(?:\.\d{1,3})?) ?(?:thousand|grand|k)\b",
               lambda m: str(round(float(m.group(1)) * 1000)), t)  # "25 thousand", "25k" (before text2num)
    try:
        from text_to_num import alpha2digit

        try:
            t = alpha2digit(t, "en", threshold=0)
        except TypeError:  # text2num < 2.6 has no threshold (and leaves "one" alone)
            t = alpha2digit(t, "en")
    except Exception:  # text2num missing or failing on odd input: keep the words
        pass
    t = re.sub(r"\bone\b", "1", t)
    t = re.sub(r"(\d),(\d{3})\b", r"\1\2", t)  # 30,000 -> 30000
    t = re.sub(r"\b(\d{1,2}) and a half\b", r"\1.5", t)  # "seven and a half" -> 7.5
    t = re.sub(r"\b(\d{1,2}) point (\d)\b", r"\1.\2", t)
    return fix_typos(t)


# Words an answer hinges on; a word one edit (or one swap) away from one of them is read as it
# ("listning", "seperated", "bachlors", "ilets"). Only words of 5+ letters, so short words stay as typed.
VOCABULARY = ABILITIES + MARITAL + ("widower", "common", "bachelor", "bachelors", "master", "masters", "diploma",
              "certificate", "secondary", "highschool", "school", "degree", "doctorate", "credentials", "ielts",
              "celpip", "canada", "canadian", "experience", "years", "months", "abroad", "outside", "partner",
              "husband", "spouse", "program", "college", "university", "people", "abilities", "everything",
              "degrees", "diplomas", "certificates", "programs", "colleges", "schools", "partners", "spouses",
              "masters", "reader", "writer", "speaker", "listen", "speak", "write", "singles", "marriage")
_VOCAB_SET = frozenset(VOCABULARY)
_WORD = re.compile(r"[a-z]{5,14}")


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or swap of neighbours."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def fix_typos(t: str) -> str:
    def repl(m):
        w = m.group(0)
        if w in _VOCAB_SET:
            return w
        for v in VOCABULARY:
            if _one_edit(w, v):
                return v
        return w
    return _WORD.sub(repl, t)


def numbers(t: str) -> List[float]:
    return [float(x) for x in re.findall(NUM, t)]


def as_number(x: float):
    if not math.isfinite(float(x)):
        raise ValueError("not a finite number")
    return int(x) if float(x).is_integer() else float(x)


def clauses(t: str) -> List[str]:
    return [c for c in re.split(r"[,;\n]|\.(?=\s)|\band\b(?=\s+(?:my|i|i'm|i am|we|he|she|his|her|the)\b)", t) if c.strip()]


def payload(text: str) -> Tuple[Optional[str], Dict[str, Any]]:
    """('/inform{"choice":"married"}') -> ("inform", {"choice": "married"})."""
    m = re.match(r"^/(\w+)(\{.*\})?\s*$", (text or "").strip())
    if not m:
        return None, {}
    ents: Dict[str, Any] = {}
    if m.group(2):
        try:
            ents = json.loads(m.group(2))
        except ValueError:
            ents = {}
    return m.group(1), ents if isinstance(ents, dict) else {}


# ----------------------------------------------------------------------------- engine-backed checks

def check(slot: str, value: Any, slots: Optional[Dict[str, Any]] = None) -> Any:
    """The value as the engine accepts it, or Invalid with the engine's accepted range."""
    from express_entry.profile import ProfileError, validate

    slots = slots or {}
    for g in LANG_GROUPS:
        if slot in lang_slots(g):
            test = slots.get(f"{g}_test")
            if test in (None, "none"):
                return value
            ability = slot[len(g) + 1:]
            try:
                validate({"first_language": {"test": test, ability: value}})
            except ProfileError as e:
                raise Invalid(f"{_fmt(value)} isn't a possible {TEST_NAMES.get(test, test)} {ability} score: "
                              f"accepted {e.accepted}.")
            return value
    field = slot
    if KIND.get(slot) == "money":
        field = "settlement_funds"
    try:
        validate({field: value})
    except ProfileError as e:
        raise Invalid(f"{_fmt(value)} isn't possible here: accepted {e.accepted}.")
    return value


def _fmt(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


# ----------------------------------------------------------------------------- single kinds

def parse_age(t: str, bare: bool) -> Optional[int]:
    m = re.search(r"\b(\d{1,3})\s*(?:years?|yrs?|y/?o)[\s-]*old\b|\b(\d{1,3})\s*y/?o\b", t)
    if not m:
        m = re.search(r"\b(?:i'?m|i am|im|aged?|my age is|age is|age:)\s*(?:now\s*|actually\s*|only\s*)?(\d{1,3})\b"
                      r"(?!\s*(?:years?|yrs?|months?)\s*(?:of|in|working|experience|abroad|outside|at|as))"
                      r"(?!\s*(?:\.\d|%|k\b|\$))", t)
    if m:
        return int(next(g for g in m.groups() if g))
    if bare:
        nums = re.findall(r"\b\d{1,4}(?:\.\d+)?\b", t)
        if len(nums) == 1:
            v = float(nums[0])
            return int(v) if v.is_integer() else v
    return None


MARITAL_PATTERNS = [
    (r"\bwidow|\bpassed away\b|\blost my (wife|husband|spouse|partner)\b|\bmy (wife|husband) died\b", "widowed"),
    (r"\bseparat|\bsplit up\b|\bliving apart\b|\blive apart\b", "separated"),
    (r"\bdivorc", "divorced"),
    (r"\bcommon[- ]?law\b|\bliv(e|ing) together\b|\bcohabit|\bdomestic partner|"
     r"\bliv(e|ing) with (my|a) (boyfriend|girlfriend|partner|bf|gf)\b", "common_law"),
    (r"\bnot married\b|\bunmarried\b|\bnever (been )?married\b|\bsingle\b|\bno (spouse|partner)\b", "single"),
    (r"\bmarried\b", "married"),
]
# Said at the marital-status question only: elsewhere "my wife" is part of another answer.
MARITAL_BARE = [(r"\b(my|a) (wife|husband|spouse)\b", "married"),
                (r"\b(my|a) (boyfriend|girlfriend|partner)\b", "common_law")]


def parse_marital(t: str, bare: bool) -> Optional[str]:
    for pat, value in MARITAL_PATTERNS:
        if re.search(pat, t):
            return value
    if bare:
        for v in MARITAL:
            if t.strip() == v:
                return v
        for pat, value in MARITAL_BARE:
            if re.search(pat, t):
                return value
    return None


_DEGREE = (r"\bbachelor|\bb\.? ?(sc|a|eng|tech|com)\b\.?|\bbba\b|\bundergrad|\bdegree\b")
_OTHER_CREDENTIAL = r"\bdiploma\b|\bcertificate\b|\bcert\b"
EDUCATION_PATTERNS = [
    (r"\b(less than|didn'?t (finish|complete)|no|without( a)?|never finished|not (finished|completed)) "
     r"(high ?school|secondary)|\bdropped out\b|\bquit school\b|\bleft school\b", "less_than_secondary"),
    (r"\bph\.? ?d\b|\bdoctora(te|l)\b|\bdphil\b|\bdoctor of philosophy\b", "doctoral"),
    (r"\bmaster'?s?\b|\bm\.? ?sc\b|\bmba\b|\bm\.? ?eng\b|\bmphil\b|\bllm\b|\bprofessional degree\b|"
     r"\bpost ?grad(uate)? degree\b", "masters"),
    (r"\b(2|two|3|three) or more\b|\b(2|two|3|three) (credentials|degrees|diplomas|programs|qualifications)\b", "two_or_more"),
    (r"\bbachelor'?s?\b|\bb\.? ?sc\b|\bb\.? ?a\b|\bb\.? ?eng\b|\bb\.? ?tech\b|\bb\.? ?com\b|\bbba\b|"
     r"\bundergrad(uate)?( degree)?\b|\buniversity degree\b|\b(3|4|5|three|four|five)[- ]?(years?|yrs?)[- ]"
     r"(?:[\w-]+ ){0,2}(degree|program|diploma)\b|^\s*(a )?degree\s*$", "bachelors"),
    (r"\b(2|two)[- ]?(years?|yrs?)[- ](?:[\w-]+ ){0,2}(diploma|program|certificate|college)\b|"
     r"\bcollege diploma\b|\bassociate'?s?( degree)?\b|^\s*(a )?diploma\s*$", "two_year"),
    (r"\b(1|one)[- ]?(years?|yrs?)[- ](?:[\w-]+ ){0,2}(diploma|program|certificate|cert)\b|^\s*(a )?certificate\s*$",
     "one_year"),
    (r"\bhigh ?school\b|\bsecondary( school)?\b|\bgrade 12\b", "secondary"),
]
def _two_credentials(t: str) -> bool:
    """A degree and another credential in one answer ("a BSc and a college diploma", "bachelor's + diploma")."""
    rest = re.sub(r"\bhigh ?school diploma\b", " ", t)
    return bool(re.search(_DEGREE, rest) and re.search(_OTHER_CREDENTIAL, rest)
                and re.search(r"\band\b|\bplus\b|\+|\balso\b|\bthen\b|\bafter\b|,", rest))


EDUCATION_CHOICES = EDUCATION


def parse_education(t: str, bare: bool) -> Optional[str]:
    for pat, value in EDUCATION_PATTERNS:
        if re.search(pat, t) or (value == "two_or_more" and _two_credentials(t)):
            return value
    if bare and t.strip() in EDUCATION_CHOICES:
        return t.strip()
    return None


def parse_canadian_education(t: str) -> Optional[str]:
    s = t.strip()
    if s in ("none", "one_or_two_year", "three_year_or_more"):
        return s
    if re.search(r"\b(3|three|4|four|5|five)\b|\bmore\b|\bdegree\b|bachelor|master|ph\.? ?d|doctor", s):
        return "three_year_or_more"
    if re.search(r"\b(1|one|2|two)\b|diploma|certificate|college", s):
        return "one_or_two_year"
    if _NO.search(s) or re.search(r"\bnone\b|\bnothing\b|\bonly abroad\b|\boutside canada\b", s):
        return "none"
    return None


TEST_RE = re.compile(r"\b(ielts|celpip|pte|tef|tcf|clb|nclc)\b")


def parse_test(t: str) -> Optional[str]:
    m = TEST_RE.search(t)
    if m:
        return m.group(1)
    if re.search(r"\bcanadian language benchmark|\blevels?\b", t):
        return "clb"
    return None


def parse_durations(t: str) -> Optional[int]:
    """Total months in "3 years", "18 months", "2 years and 6 months"; None if no duration."""
    months = 0
    found = False
    for n, unit in re.findall(r"(" + NUM + r")\s*\+?\s*(years?|yrs?|y\b|months?|mos?\b|mths?)", t):
        found = True
        months += round(float(n) * (12 if unit.startswith("y") else 1))
    return months if found else None


def parse_years(t: str, bare: bool) -> Optional[int]:
    m = parse_durations(t)
    if m is not None:
        return m // 12
    if bare:
        if re.search(r"^\s*(none|no|nope|never|nothing|zero|no experience)\b", t):
            return 0
        nums = numbers(t)
        if len(nums) == 1:
            return as_number(nums[0])
    return None


def parse_months(t: str, bare: bool) -> Optional[int]:
    m = parse_durations(t)
    if m is not None:
        return m
    if bare:
        if re.search(r"^\s*(none|no|nope|never|nothing)\b", t):
            return 0
        nums = numbers(t)
        if len(nums) == 1:
            return as_number(nums[0])
    return None


def parse_money(t: str) -> Optional[float]:
    m = re.search(r"(" + NUM + r")\s*(k|thousand|grand)\b", t)
    if m:
        return as_number(float(m.group(1)) * 1000)
    m = re.search(r"(" + NUM + r")\s*(m|million)\b", t)
    if m:
        return as_number(float(m.group(1)) * 1_000_000)
    nums = numbers(t)
    if nums:
        return as_number(max(nums))
    if re.search(r"^\s*(none|no|nothing|zero)\b", t):
        return 0
    return None


def parse_count(t: str) -> Optional[int]:
    if re.search(r"\b(just|only) (me|myself)\b|^\s*(me|myself|alone|1)\s*$|\bon my own\b", t):
        return 1
    nums = numbers(t)
    kids = re.search(r"\b(kids?|children|child|sons?|daughters?)\b", t)
    if nums and kids and len(nums) == 1 and not re.search(r"\b(family|people|persons|of us|total)\b", t):
        return int(nums[0]) + 1 + (1 if _SPOUSE_STRICT.search(t) or "wife" in t or "husband" in t else 0)
    if nums:
        return as_number(nums[0])
    if re.search(r"\bme and my (wife|husband|spouse|partner)\b|\bmy (wife|husband|partner) and (i|me)\b|\bcouple\b", t):
        return 2
    return None


def parse_bool(t: str, intent: Optional[str]) -> Optional[bool]:
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    if _NO.search(t):
        return False
    if _YES.search(t):
        return True
    return None


def parse_noc(t: str) -> Optional[str]:
    m = re.search(r"\b(\d{5})\b", t)
    return m.group(1) if m else None


# ----------------------------------------------------------------------------- work years with their role

_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*\+?\s*(years?|yrs?|y\b|months?|mos?\b|mths?)?")
_SEP = re.compile(r",|;|\band\b|\bbut\b|\bplus\b|\bthen\b")
_CANADA = re.compile(r"\bcanad|\bhere\b|\bin (ontario|quebec|alberta|bc|british columbia|manitoba|saskatchewan|"
                     r"nova scotia|new brunswick|toronto|vancouver|montreal|calgary|ottawa|edmonton|winnipeg)\b")
_FOREIGN = re.compile(r"\babroad|\boutside\b|\bforeign|\boverseas|\bback home|\bhome country|\bin my country|"
                      r"\bat home\b|\bin (india|china|the philippines|nigeria|pakistan|iran|brazil|mexico|france|"
                      r"the uk|the us|usa|dubai|uae|my home)\b")
_NOT_WORK = re.compile(r"\b(diploma|degree|stud|program|college|university|bachelor|master|school|old|age|"
                       r"living|married|together|kids?|children)\w*")
WORK_SLOTS = ("canadian_work_years", "foreign_work_years", "spouse_canadian_work_years")


def work_years(t: str, requested: Optional[str] = None) -> Dict[str, int]:
    """Years of work by role in one message: "3 years here and 4 back home" -> canadian 3, foreign 4.
    Each amount takes the place word right after it (up to the next comma or "and"), else the one right
    before it; an amount without a unit takes the previous one's unit. Amounts with no place are left out
    (the asked question reads them)."""
    found = list(_AMOUNT.finditer(t))
    out: Dict[str, int] = {}
    unit = None
    work_context = requested in WORK_SLOTS or bool(re.search(r"\bwork|\bexperience|\bjob\b|\bworked\b", t))
    for i, m in enumerate(found):
        if m.group(2):
            unit = m.group(2)
        elif not work_context:
            continue
        after = t[m.end(): found[i + 1].start() if i + 1 < len(found) else len(t)]
        before = t[found[i - 1].end() if i else 0: m.start()]
        head = _SEP.split(after, 1)[0]
        tail = _SEP.split(before)[-1]
        if _NOT_WORK.search(head) or _NOT_WORK.search(tail):
            continue
        role = None
        for part in (head, tail):
            if _FOREIGN.search(part):
                role = "foreign"
            elif _CANADA.search(part):
                role = "canadian"
            if role:
                break
        if role is None:
            continue
        spouse = bool(_SPOUSE_STRICT.search(head) or _SPOUSE_STRICT.search(tail) or re.search(r"\b(she|he)\b", tail))
        n = float(m.group(1))
        if n > 600:  # a year or a sum of money, not a duration
            continue
        years = int(n // 12) if (unit or "y").startswith("m") else int(n)
        slot = ("spouse_canadian_work_years" if role == "canadian" else None) if spouse else f"{role}_work_years"
        if slot:
            out.setdefault(slot, years)
    return out


# ----------------------------------------------------------------------------- test dates

_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december"]
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
       r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"


def _month(name: str) -> int:
    return next(i + 1 for i, m in enumerate(_MONTH_NAMES) if m.startswith(name.rstrip(".")[:3]))


def _day(y: int, m: int, d: Optional[int]):
    import datetime as dt

    try:
        return dt.date(y, m, d or 1)
    except ValueError:
        raise Invalid(f"{d}/{m}/{y} isn't a real date. Try for example \"14 March 2025\" or \"March 2025\".")


def parse_date(t: str, today=None) -> Optional[Tuple[str, bool]]:
    """A test date: (ISO date, month_only). "March 2025" -> ("2025-03-01", True); "14 March 2025",
    "2025-03-14", "14/03/2025", "last September", "July last year". Invalid for a year alone, an
    ambiguous 03/04/2025, a date in the future; None when there is no date."""
    import datetime as dt

    today = today or dt.date.today()
    t = t.lower()
    m = re.search(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b", t)
    if m:
        found = (_day(int(m.group(1)), int(m.group(2)), int(m.group(3))), False)
    else:
        found = None
    if not found:
        m = re.search(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b", t)
        if m:
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if a > 12 >= b:
                found = (_day(y, b, a), False)
            elif b > 12 >= a:
                found = (_day(y, a, b), False)
            elif a == b:
                found = (_day(y, a, b), False)
            else:
                raise Invalid(f"Is {m.group(0)} day/month or month/day? Please write the month as a word, for "
                              "example \"14 March 2025\".")
    if not found:
        m = re.search(r"\b(\d{1,2})[/.-](\d{4})\b", t)
        if m and 1 <= int(m.group(1)) <= 12:
            found = (_day(int(m.group(2)), int(m.group(1)), None), True)
    if not found:
        m = (re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?(?: of)?\s+" + _MON + r",?\s+(\d{4})\b", t)
             or re.search(r"\b" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", t))
        if m:
            g = m.groups()
            day, mon = (g[0], g[1]) if g[0].isdigit() else (g[1], g[0])
            found = (_day(int(g[2]), _month(mon), int(day)), False)
    if not found:
        m = re.search(r"\b" + _MON + r",?\s+(?:of\s+)?(\d{4})\b", t)
        if m:
            found = (_day(int(m.group(2)), _month(m.group(1)), None), True)
    if not found:
        m = re.search(r"\b" + _MON + r"\b", t)
        if m and not re.search(r"\bmay (be|have|not|i|it)\b", t):
            mon = _month(m.group(1))
            if re.search(r"\b(last|previous) year\b|\bof last year\b", t):
                year = today.year - 1
            elif re.search(r"\bthis year\b", t):
                year = today.year
            else:  # "last September", "in March": the latest such month, not in the future
                year = today.year if mon <= today.month else today.year - 1
            found = (_day(year, mon, None), True)
    if not found:
        m = re.search(r"\b(19|20)\d{2}\b", t)
        if m:
            raise Invalid(f"Which month of {m.group(0)}? Results count for {VALIDITY_YEARS} years from the test date, so the month "
                          "matters: for example \"March " + m.group(0) + "\".")
        return None
    day, month_only = found
    if day > today:
        raise Invalid(f"{day.isoformat()} is in the future: give the date you took the test (it is on your test "
                      "report form), or say \"I don't know\".")
    return day.isoformat(), month_only


# ----------------------------------------------------------------------------- language results

_LABEL = {"listening": "listening", "l": "listening", "reading": "reading", "r": "reading",
          "writing": "writing", "w": "writing", "speaking": "speaking", "s": "speaking"}
_LABEL_RE = re.compile(r"(?<![\w'])(listening|reading|writing|speaking|l|r|w|s)\b\s*(?:score\s*)?(?:(?:[:=]|is|of|to|at|was|should be|->)\s*)?"
                       r"(?:actually\s*)?(" + NUM + r")\b")
_NUM_LABEL_RE = re.compile(r"(?<!\d)(" + NUM + r")\s+(?:in\s+|for\s+|on\s+|at\s+)?(?:the\s+|my\s+)?"
                           r"(listening|reading|writing|speaking)\b")
_COMPACT_RE = re.compile(r"(?<![\w'])([lrws])(\d{1,3}(?:\.\d)?)(?![\w.])")  # "L8 R7.5 W7 S7"
_ALL_RE = re.compile(r"(?<!\d)(" + NUM + r")\s*(?:in |for |on |across )?(?:all|everything|every ?thing|each|everywhere|"
                     r"the board|all (?:4|four)(?: abilities| skills| bands)?|overall|in each)\b|"
                     r"(?:all|everything|each)\s*(?:(?:at|=|:|are|is)\s*)?(" + NUM + r")\b")


def parse_scores(t: str, requested_ability: Optional[str], levels: bool = False) -> Dict[str, float]:
    """Scores in one clause: labelled ("listening 8", "8 in listening"), "9 in everything", four numbers
    (listening, reading, writing, speaking) or one number for the ability asked. With ``levels`` (CLB/NCLC),
    one number alone is the level in all four abilities ("CLB 9")."""
    out: Dict[str, float] = {}
    labelled = _LABEL_RE.findall(t)
    num_first = _NUM_LABEL_RE.findall(t)
    if len(num_first) > len(labelled):
        labelled = [(label, n) for n, label in num_first]
    compact = _COMPACT_RE.findall(t)
    if len(compact) > len(labelled):
        labelled = compact
    for label, n in labelled:
        out[_LABEL[label]] = as_number(float(n))
    if out:
        return out
    m = _ALL_RE.search(t)
    if m:
        v = as_number(float(m.group(1) or m.group(2)))
        return {a: v for a in ABILITIES}
    body = TEST_RE.sub(" ", t)
    body = re.sub(r"\b(canada|general|core)\b", " ", body)
    nums = re.findall(r"(?<![\w.])(" + NUM + r")(?![\w.])", body)
    if len(nums) >= 4:
        return {a: as_number(float(n)) for a, n in zip(ABILITIES, nums[:4])}
    if len(nums) == 1 and levels and requested_ability in (None, "listening"):
        return {a: as_number(float(nums[0])) for a in ABILITIES}
    if len(nums) == 1 and requested_ability:
        return {requested_ability: as_number(float(nums[0]))}
    if len(nums) in (2, 3) and requested_ability:
        order = list(ABILITIES)[ABILITIES.index(requested_ability):]
        return {a: as_number(float(n)) for a, n in zip(order, nums)}
    return {}


def language_of(test: Optional[str]) -> Optional[str]:
    if test in ENGLISH_TESTS:
        return "english"
    if test in FRENCH_TESTS:
        return "french"
    return None


def _group_for(clause: str, test: Optional[str], requested: Optional[str], slots: Dict[str, Any]) -> str:
    if _SPOUSE_STRICT.search(clause):
        return "spouse_language"
    for g in LANG_GROUPS:
        if requested and (requested == f"{g}_test" or requested in lang_slots(g)):
            return g
    word = re.search(r"\b(french|english)\b", clause)
    if word and not test:  # "my French test": the group whose test is in that language
        for g in ("first_language", "second_language"):
            if language_of(slots.get(f"{g}_test")) == word.group(1):
                return g
    if re.search(r"\b(first|1st) test\b", clause) and not test:
        return "first_language"
    if re.search(r"\b(second|2nd|french|other language|other test)\b", clause) and not test:
        return "second_language"
    first = slots.get("first_language_test")
    second = slots.get("second_language_test")
    if test and first and first != "none":
        if test == first:
            return "first_language"
        if second not in (None, "none") and test == second:
            return "second_language"
        if language_of(test) and language_of(test) != language_of(first):
            return "second_language"
    return "first_language"


# ----------------------------------------------------------------------------- the whole message

FIELD_WORDS = [
    (r"\bage\b", ["age"]),
    (r"\bmarital|\bmarried\b|\bstatus\b", ["marital_status"]),
    (r"\beducation\b|\bdegree\b", ["education"]),
    (r"\b(test(?! date)|language|scores|ielts|celpip|tef|tcf|pte|clb)\b", ["first_language_test"] + lang_slots("first_language")),
    (r"\blistening\b", ["first_language_listening"]),
    (r"\breading\b", ["first_language_reading"]),
    (r"\bwriting\b", ["first_language_writing"]),
    (r"\bspeaking\b", ["first_language_speaking"]),
    (r"\bcanadian (work|experience)\b|\bwork in canada\b", ["canadian_work_years"]),
    (r"\bforeign\b|\babroad\b", ["foreign_work_years"]),
    (r"\bnoc\b|\boccupation\b|\bjob title\b", ["noc_code"]),
    (r"\btest date\b|\bdate of (my|the) test\b|\bwhen i took\b", ["first_language_taken_on"]),
    (r"\bfunds\b|\bmoney\b|\bsavings\b", ["settlement_funds"]),
    (r"\bfamily\b", ["family_size"]),
]
CHANGE_RE = re.compile(r"\b(change|update|fix|correct|modify|redo|edit|wrong)\b")


def fields_to_change(t: str) -> List[str]:
    """Slots named in "change my age" (no new value): they are asked again."""
    if not CHANGE_RE.search(t):
        return []
    out: List[str] = []
    for pat, fields in FIELD_WORDS:
        if re.search(pat, t):
            out += [f for f in fields if f not in out]
    return out


def extract(text: str, requested: Optional[str] = None, slots: Optional[Dict[str, Any]] = None,
            intent: Optional[str] = None) -> Tuple[Dict[str, Any], Dict[str, str]]:
    """Values found in one message, and friendly errors for impossible ones."""
    slots = dict(slots or {})
    values: Dict[str, Any] = {}
    errors: Dict[str, str] = {}
    p_intent, ents = payload(text)
    if p_intent:  # a button: the payload carries the value, NLU was bypassed
        if requested and "choice" in ents:
            raw = str(ents["choice"]).lower()
            return _accept(requested, _coerce_choice(requested, raw), slots, values, errors)
        if requested and KIND.get(requested) in ("bool", "confirm") and p_intent in ("affirm", "deny"):
            values[requested] = p_intent == "affirm"
        return values, errors

    t = normalise(text)
    kind = KIND.get(requested or "")
    relative = relative_age(t, slots.get("age"))
    if relative is not None:
        values["age"] = relative
    if study_retracted(t, requested):
        values["canadian_education"] = "none"
        if slots.get("canadian_study_2_years") is not None:
            values["canadian_study_2_years"] = False
    one_number = len(re.findall(r"\d+(?:\.\d+)?", t)) == 1
    # "8, 7.5, 7, 7" at the scores question: the numbers of the whole message, in order
    whole_scores = kind == "score" and not (_LABEL_RE.search(t) or _NUM_LABEL_RE.search(t) or _COMPACT_RE.search(t))
    scores_done = False
    # Context-free facts: unambiguous anywhere ("I'm 31", "married", "master's", "CELPIP 9 all").
    for clause in clauses(t) or [t]:
        spouse = bool(_SPOUSE_STRICT.search(clause))
        lang_answer = kind in ("score", "test") and not re.search(r"\b(age|old|y/?o)\b", clause)
        if not spouse and not lang_answer and relative is None:
            age = parse_age(clause, bare=False)
            if age is not None:
                values["age"] = age
        marital = parse_marital(clause, bare=False)
        if marital and "marital_status" not in values:
            values["marital_status"] = marital
        if kind not in ("canadian_education", "noc") and not re.search(r"\bteach", clause):
            edu = parse_education(t if requested in ("education", "spouse_education") else clause, bare=False)
            if edu and not (values.get("education") or values.get("spouse_education")):
                values["spouse_education" if spouse or requested == "spouse_education" else "education"] = edu
        test = parse_test(clause) if TEST_RE.search(clause) else None
        ability = None
        for g in LANG_GROUPS:
            if requested in lang_slots(g):
                ability = requested[len(g) + 1:]
        in_lang_question = bool(requested) and any(
            requested == f"{g}_test" or requested in lang_slots(g) for g in LANG_GROUPS)
        labelled = bool(_LABEL_RE.search(clause) or _NUM_LABEL_RE.search(clause) or _COMPACT_RE.search(clause)) \
            and not re.search(r"\b(years?|months?)\b", clause)
        if test or labelled or (in_lang_question and kind == "score"):
            group = _group_for(clause, test, requested, {**slots, **values})
            if test:
                values[f"{group}_test"] = test
            gtest = test or values.get(f"{group}_test") or slots.get(f"{group}_test")
            if whole_scores and scores_done:
                continue
            scores = parse_scores(t if whole_scores else clause,
                                  ability if requested and requested.startswith(group) else None,
                                  levels=gtest in ("clb", "nclc") and one_number)
            scores_done = True
            for a, v in scores.items():
                values[f"{group}_{a}"] = v
        noc = parse_noc(clause)
        if noc and (requested == "noc_code" or re.search(r"\bnoc\b", clause)):
            values["noc_code"] = noc

    work = work_years(t, requested) if kind != "bool" else {}
    for slot, v in work.items():
        values.setdefault(slot, v)

    # A value given for the asked slot's twin while it is asked ("2 years in Canada" for the partner).
    if requested == "spouse_canadian_work_years" and "canadian_work_years" in values and requested not in values:
        values[requested] = values.pop("canadian_work_years")
    # The question that was asked: bare answers ("29", "yes", "3", "8 7.5 7 7"), unless the message was
    # about something else (a score line typed while the Canadian-credential question is pending).
    lang_facts = any(KIND.get(k) in ("score", "test") for k in values)
    other_work = any(k in WORK_SLOTS for k in values)
    if (lang_facts and kind not in ("score", "test", "date")) or (other_work and kind in ("years", "months")) \
            or (relative is not None and requested != "age"):
        pass
    elif requested and requested not in values:
        try:
            v = parse_for(requested, t, intent, slots)
        except Invalid as e:  # a date that can't be used ("2024" alone, in the future)
            errors[requested] = str(e)
            v = None
        if v is not None:
            values[requested] = v

    for slot in list(values):
        _accept(slot, values.pop(slot), {**slots, **values}, values, errors)
    return values, errors


_RELATIVE_AGE = re.compile(r"\b(\d{1,2}) (?:more )?years? (older|younger)\b|\badd (\d{1,2}) years? to my age\b")


def relative_age(t: str, age: Any) -> Optional[int]:
    """"I'm two years older than I said" -> the age told before plus 2 (None without a told age)."""
    m = _RELATIVE_AGE.search(t)
    if not m or age is None:
        return None
    try:
        base = int(age)
    except (TypeError, ValueError):
        return None
    if m.group(3):
        return base + int(m.group(3))
    n = int(m.group(1))
    return base + n if m.group(2) == "older" else base - n


_NO_STUDY = re.compile(r"\b(didn'?t|did not|never|haven'?t|have not|not)\s+(study|studied)\b[^.;]{0,30}\bcanad")
_CORRECTION_CUE = re.compile(r"\bwrong\b|\bmistake|\bactually\b|\bsorry\b|\bcorrect|\bnot true\b|\bmy bad\b|\boops\b")


def study_retracted(t: str, requested: Optional[str]) -> bool:
    """"no I didn't study in canada, that was wrong": no Canadian credential (a correction, or the answer to
    the credential question)."""
    if not _NO_STUDY.search(t):
        return False
    return requested in (None, "profile_confirmed", "canadian_education") or bool(_CORRECTION_CUE.search(t))


def _coerce_choice(slot: str, raw: str) -> Any:
    kind = KIND.get(slot)
    if kind in ("bool", "confirm"):
        return raw in ("true", "yes", "affirm", "1")
    if kind in ("years", "months", "count", "age"):
        try:
            return as_number(float(raw))
        except ValueError:
            return raw
    return raw


def parse_for(slot: str, t: str, intent: Optional[str], slots: Dict[str, Any]) -> Any:
    """The answer to the question about ``slot``."""
    kind = KIND.get(slot)
    if kind == "age":
        return parse_age(t, bare=True)
    if kind == "marital":
        return parse_marital(t, bare=True)
    if kind == "education":
        return parse_education(t, bare=True)
    if kind == "canadian_education":
        return parse_canadian_education(t)
    if kind == "test":
        if slot != "first_language_test" and (intent == "deny" or re.search(
                r"^\s*(no|nope|nah|none|not|never|only (english|french)|just (english|french))\b", t)):
            return "none"
        return parse_test(t)
    if kind == "years":
        return parse_years(t, bare=True)
    if kind == "months":
        return parse_months(t, bare=True)
    if kind == "money":
        return parse_money(t)
    if kind == "count":
        return parse_count(t)
    if kind == "bool":
        return parse_bool(t, intent)
    if kind == "confirm":
        b = parse_bool(t, intent)
        return True if b else None
    if kind == "noc":
        return parse_noc(t)
    if kind == "date":
        import datetime as dt

        on = slots.get("assessed_on")
        try:
            today = dt.date.fromisoformat(on) if isinstance(on, str) else None
        except ValueError:
            today = None
        found = parse_date(t, today)
        return found[0] if found else None
    return None


def _accept(slot: str, value: Any, slots: Dict[str, Any], values: Dict[str, Any], errors: Dict[str, str]):
    kind = KIND.get(slot)
    try:
        if kind == "marital" and value not in MARITAL:
            raise Invalid("Please choose single, married, common-law, separated, divorced or widowed.")
        if kind == "education" and value not in EDUCATION_CHOICES:
            raise Invalid("Please pick one of the education levels.")
        if kind == "test":
            if value != "none" and value not in TEST_NAMES:
                raise Invalid("Accepted tests: IELTS General, CELPIP-General, PTE Core, TEF Canada, TCF Canada "
                              "(or CLB/NCLC levels).")
        elif kind == "score":
            value = check(slot, value, slots)
        elif kind in ("age", "years", "months", "count", "money"):
            if kind in ("years", "months") and isinstance(value, float):
                value = int(value)
            if kind == "age" and isinstance(value, float):
                raise Invalid("Please give your age in whole years, for example 29.")
            value = check(slot, value, slots)
        elif kind == "noc":
            value = check_noc(value)
        values[slot] = value
    except Invalid as e:
        errors[slot] = str(e)
    return values, errors


def check_noc(code: str) -> str:
    from express_entry.noc import NocError, unit_group

    try:
        unit_group(code)
    except NocError as e:
        raise Invalid(f"{code} isn't a NOC 2021 code I know: accepted {e.accepted}.")
    return code
