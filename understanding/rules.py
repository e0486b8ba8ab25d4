"""Readers of the facts one message states, whatever question was asked (pure Python, no Rasa import).

Each works on a normalised text (:func:`understanding.text.normalise`). Ranges are not checked here: the
form validation checks every value against the engine (actions/parsing.py).
"""
import re
from typing import Dict, List, Optional, Tuple

from express_entry.crs import form_facts
from express_entry.vocabulary import ABILITIES, LANGUAGE_TESTS, MONTHS, TEST_LANGUAGE
from express_entry.vocabulary import EDUCATION_LEVELS as EDUCATION
from express_entry.vocabulary import MARITAL_STATUSES as MARITAL
from understanding.text import NUM, as_number, clause_spans, numbers

SPOUSE = re.compile(r"\b(wife|husband|spouse|partner|fianc[ée]e?|he|she|his|her)\b(?!\s*(?:is|was)?\s*single)")
# The words of a request to start over, English and French (read on the message as typed): the intent start_over
# wipes the answers, so it is never taken without them ("zéro", an answer, was start_over at 0.78: the training
# data's "on recommence à zéro").
START_OVER = re.compile(r"\b(?:start|begin)\w*\b.*\b(?:over|again|fresh|beginning|scratch|new)\b|\bre-?start|\breset|"
                        r"\bredo\b|\b(?:clear|wipe|erase|delete|forget|throw away)\b|\bnew (?:assessment|profile)\b|"
                        r"\brecommen[cç]|\br[ée]initialis|\brepartir\b|\breprendre\b|\breprend\b|\bremettre [àa] z[ée]ro\b|"
                        r"\beffac|\boubli|\bnouvelle? (?:[ée]valuation|profil)\b|\bdepuis le d[ée]but\b|\b[àa] neuf\b")
_SPOUSE_STRICT = re.compile(r"\b(wife|husband|spouse|partner)('s)?\b")


class Invalid(Exception):
    """An answer that was understood but cannot be accepted. Its re-ask is the domain's ``response`` filled with
    ``values`` (the words are in domain.yml, utter_invalid_*): :meth:`message` is what the action sends."""

    def __init__(self, response: str, **values):
        super().__init__(response, values)
        self.response, self.values = response, values

    def message(self) -> dict:
        return {"response": self.response, **self.values}


# ----------------------------------------------------------------------------- single kinds

Span = Tuple[int, int]


def find_age(t: str) -> Optional[Tuple[int, Span]]:
    """An age stated as one ("29 years old", "I'm 29", "aged 29"): (age, span of the number)."""
    m = re.search(r"\b(\d{1,3})\s*(?:years?|yrs?|y/?o)[\s-]*old\b|\b(\d{1,3})\s*y/?o\b", t)
    if not m:
        m = re.search(r"\b(?:i'?m|i am|im|aged?|my age is|age is|age:)\s*(?:now\s*|actually\s*|only\s*)?(\d{1,3})\b"
                      r"(?!\s*(?:years?|yrs?|months?)\s*(?:of|in|working|experience|abroad|outside|at|as))"
                      r"(?!\s*(?:\.\d|%|k\b|\$))"
                      r"(?!\s*(?:more )?years? (?:older|younger))", t)  # "I'm 2 years older": not an age
    if not m:
        return None
    g = next(i for i in range(1, len(m.groups()) + 1) if m.group(i))
    return int(m.group(g)), m.span(g)


def parse_age(t: str, bare: bool) -> Optional[int]:
    found = find_age(t)
    if found:
        return found[0]
    if bare:  # the one number, durations aside ("29, single, 4 years of work experience": 29)
        nums = re.findall(r"\b\d{1,4}(?:\.\d+)?\b", re.sub(r"\b\d{1,2}(?:\.\d)?\s*\+?\s*(?:years?|yrs?|months?)\b", " ", t))
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


def find_marital(t: str) -> Optional[Tuple[str, Span]]:
    """A marital status in plain words anywhere in the text: (status, span of the words)."""
    for pat, value in MARITAL_PATTERNS:
        m = re.search(pat, t)
        if m:
            end = m.end()
            while end < len(t) and t[end].isalpha():  # the whole word ("separat" -> "separated")
                end += 1
            return value, (m.start(), end)
    return None


def parse_marital(t: str, bare: bool) -> Optional[str]:
    found = find_marital(t)
    if found:
        return found[0]
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


def find_education(t: str) -> Optional[Tuple[str, Span]]:
    """An education level anywhere in the text: (level, span of its words; all of the text for two credentials)."""
    for pat, value in EDUCATION_PATTERNS:
        m = re.search(pat, t)
        if m:
            return value, m.span()
        if value == "two_or_more" and _two_credentials(t):
            return value, (len(t) - len(t.lstrip()), len(t.rstrip()))
    return None


def parse_education(t: str, bare: bool) -> Optional[str]:
    found = find_education(t)
    if found:
        return found[0]
    if bare and t.strip() in EDUCATION_CHOICES:
        return t.strip()
    return None


# The tests' names as one alternation (express_entry.vocabulary.LANGUAGE_TESTS): every pattern that names a test uses it.
TEST_NAMES_RE = "|".join(LANGUAGE_TESTS)
TEST_RE = re.compile(r"\b(" + TEST_NAMES_RE + r")\b")


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

def parse_noc(t: str) -> Optional[str]:
    m = re.search(r"\b(\d{5})\b", t)
    return m.group(1) if m else None


# ----------------------------------------------------------------------------- work years with their role

_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*\+?\s*(years?|yrs?|y\b|months?|mos?\b|mths?)?")
_SEP = re.compile(r",|;|\||\s/\s|\.(?:\s|$)|\(|\band\b|\bbut\b|\bplus\b|\bthen\b")
_DATES = re.compile(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b|\b\d{1,2}[/.-]\d{4}\b")
_CANADA = re.compile(r"\bcanad|\bhere\b|\bin (ontario|quebec|alberta|bc|british columbia|manitoba|saskatchewan|"
                     r"nova scotia|new brunswick|toronto|vancouver|montreal|calgary|ottawa|edmonton|winnipeg)\b")
_FOREIGN = re.compile(r"\babroad|\boutside\b|\bforeign|\boverseas|\bback home|\bhome country|\bin my country|"
                      r"\bat home\b|\bin (india|china|the philippines|nigeria|pakistan|iran|brazil|mexico|france|"
                      r"the uk|the us|usa|dubai|uae|my home)\b")
_NOT_WORK = re.compile(r"\b(diploma|degree|stud|program|college|university|bachelor|master|school|old|age|"
                       r"living|married|together|kids?|children)\w*")
WORK_WORDS = re.compile(r"\bwork|\bexperience|\bjob\b|\bworked\b")
_TRADE = re.compile(r"\b(in|of) (my|the|a) trade\b|\btradesperson\b|\bskilled trade\b|\bapprentice")
# The slot each role of a duration fills.
WORK_ROLES = {"canadian": "canadian_work_years", "foreign": "foreign_work_years",
              "spouse": "spouse_canadian_work_years"}
WORK_SLOTS = tuple(WORK_ROLES.values())


def work_durations(t: str, work_context: bool = False) -> List[Tuple[str, int, Span]]:
    """Durations of work with their role, in order: "3 years here and 4 back home" -> [("canadian", 3, ...),
    ("foreign", 4, ...)]; roles canadian, foreign, spouse (the partner's work in Canada), trade (in a skilled
    trade, no place said). Each amount takes the place word right after it (up to the next comma or "and"),
    else the one right before it; an amount without a unit takes the previous one's unit and counts only
    when the text is about work (or ``work_context``). Amounts with no place are left out (the asked question
    reads them)."""
    t = _DATES.sub(lambda d: " " * len(d.group(0)), t)  # a test date's numbers are not durations
    found = list(_AMOUNT.finditer(t))
    out: List[Tuple[str, int, Span]] = []
    unit = None
    work_context = work_context or bool(WORK_WORDS.search(t))
    spans = clause_spans(t)
    many_facts = len(spans) >= 4  # a profile post: a number alone is another fact (an age, a score)...
    for i, m in enumerate(found):
        inherited = False
        if m.group(2):
            unit = m.group(2)
        elif many_facts or TEST_RE.search(_clause_at(t, m.start())):
            if i and found[i - 1].group(2) and _clause_index(spans, found[i - 1].start()) == _clause_index(spans, m.start()):
                inherited = True  # ... unless it follows a duration ("3 years here and 4 back home")
            elif not re.search(r"\b(work|experience)\w*\s*:\s*$", t[max(0, m.start() - 30): m.start()]):
                continue  # ... or is labelled ("Canadian work: 3")
        elif not work_context:
            if unit is None:
                continue
            inherited = True  # "3 years here and 4 back home": counted only with a place
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
        n = float(m.group(1))
        if n > 600:  # a year or a sum of money, not a duration
            continue
        years = int(n // 12) if (unit or "y").startswith("m") else int(n)
        if role is None:
            if inherited:
                continue
            if _TRADE.search(head) or _TRADE.search(tail):
                out.append(("trade", years, _amount_span(m)))
            continue
        spouse = bool(_SPOUSE_STRICT.search(head) or _SPOUSE_STRICT.search(tail) or re.search(r"\b(she|he)\b", tail))
        if spouse and role == "foreign":  # the partner's work abroad earns nothing: not read
            continue
        out.append(("spouse" if spouse else role, years, _amount_span(m)))
    return out


# "4 years of work experience", "3 yrs exp", "worked 5 years": an amount of work with no place said in its clause.
_PLACELESS = re.compile(r"(?:\bworked (?:for )?)?\b(\d{1,2}(?:\.\d)?)\s*\+?\s*(years?|yrs?|months?)\s*(?:of\s+)?"
                        r"(?:(?:full[- ]time|skilled|paid|professional|work|working|job)\s+)*"
                        r"(?:work(?:ing)?\b|experience\b|exp\b|job\b)|\bworked (?:for )?(\d{1,2})\s*(years?|yrs?)\b")


def placeless_work(t: str) -> List[str]:
    """Amounts of work told without saying where ("4 years of work experience"): ["4 years"]. Such a number could
    be Canadian or foreign work: the form asks which (never guesses) unless its question was about work."""
    out = []
    for a, b in clause_spans(t):
        clause = t[a:b]
        if _CANADA.search(clause) or _FOREIGN.search(clause) or _TRADE.search(clause) or _SPOUSE_STRICT.search(clause) \
                or re.search(r"\b(she|he|no|never|not)\b", clause):
            continue
        for m in _PLACELESS.finditer(clause):
            n, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            unit = "years" if unit.startswith("y") else "months"
            out.append(f"{n} {unit[:-1] if n == '1' else unit}")
    return out


_NO_WORK = re.compile(r"\b(?:no|zero|0|never|without|not any)\b(?:\s+\w+){0,2}?\s+(?:work|experience|jobs?)\b"
                      r"([^,;.|()/]{0,25})|\b(?:never|not|didn'?t|haven'?t|hasn'?t)\s+(?:\w+\s+)?worked\b([^,;.|()/]{0,25})")


def no_work(t: str) -> Dict[str, int]:
    """Work stated as none: "no Canadian work", "no work abroad", "husband has no Canadian work" -> {slot: 0}."""
    out: Dict[str, int] = {}
    for m in _NO_WORK.finditer(t):
        clause = _clause_at(t, m.start())
        where = m.group(0)
        role = "foreign" if _FOREIGN.search(where) else "canadian" if _CANADA.search(where) else None
        if role is None:
            continue
        if _SPOUSE_STRICT.search(clause) or re.search(r"\b(she|he)\b", clause):
            role = "spouse" if role == "canadian" else None
        if role:
            out.setdefault(WORK_ROLES[role], 0)
    return out


def _clause_index(spans: List[Span], pos: int) -> int:
    return next((i for i, (a, b) in enumerate(spans) if a <= pos < b), -1)


def _clause_at(t: str, pos: int) -> str:
    return next((t[a:b] for a, b in clause_spans(t) if a <= pos < b), "")


def _amount_span(m: "re.Match") -> Span:
    return m.start(1), m.end(2) if m.group(2) else m.end(1)


def work_years(t: str, requested: Optional[str] = None) -> Dict[str, int]:
    """Years of work by slot (the first duration of each role): "3 years here and 4 back home" ->
    canadian_work_years 3, foreign_work_years 4."""
    return slots_of_durations((role, years) for role, years, _ in work_durations(t, requested in WORK_SLOTS))


def slots_of_durations(durations) -> Dict[str, int]:
    out: Dict[str, int] = {}
    for role, years in durations:
        if role in WORK_ROLES:
            out.setdefault(WORK_ROLES[role], years)
    return out


# ----------------------------------------------------------------------------- test dates

# A month's name or its three-letter abbreviation ("sept" too), with an optional full stop.
_MONTH_WORDS = {m.lower(): i + 1 for i, m in enumerate(MONTHS)}
_MONTH_WORDS.update({m[:3].lower(): i + 1 for i, m in enumerate(MONTHS)}, sept=9)
MONTH_RE = "(" + "|".join(sorted(_MONTH_WORDS, key=len, reverse=True)) + r")\.?"


def month_number(name: str) -> int:
    """1 for "january", "jan" or "Jan."."""
    return _MONTH_WORDS[name.lower().rstrip(".")]



def _day(y: int, m: int, d: Optional[int]):
    import datetime as dt

    try:
        return dt.date(y, m, d or 1)
    except ValueError:
        raise Invalid("utter_invalid_date", date=f"{d}/{m}/{y}")


def parse_date(t: str, today=None) -> Optional[Tuple[str, bool]]:
    """A test date: (ISO date, month_only); see :func:`find_date`."""
    found = find_date(t, today)
    return found[:2] if found else None


def find_date(t: str, today=None) -> Optional[Tuple[str, bool, Span]]:
    """A test date: (ISO date, month_only, span of its words). "March 2025" -> ("2025-03-01", True); "14 March 2025",
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
                raise Invalid("utter_invalid_date_order", date=m.group(0))
    if not found:
        m = re.search(r"\b(\d{1,2})[/.-](\d{4})\b", t)
        if m and 1 <= int(m.group(1)) <= 12:
            found = (_day(int(m.group(2)), int(m.group(1)), None), True)
    if not found:
        m = (re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?(?: of)?\s+" + MONTH_RE + r",?\s+(\d{4})\b", t)
             or re.search(r"\b" + MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", t))
        if m:
            g = m.groups()
            day, mon = (g[0], g[1]) if g[0].isdigit() else (g[1], g[0])
            found = (_day(int(g[2]), month_number(mon), int(day)), False)
    if not found:
        m = re.search(r"\b" + MONTH_RE + r",?\s+(?:of\s+)?(\d{4})\b", t)
        if m:
            found = (_day(int(m.group(2)), month_number(m.group(1)), None), True)
    if not found:
        m = re.search(r"\b" + MONTH_RE + r"\b", t)
        if m and not re.search(r"\bmay (be|have|not|i|it)\b", t):
            mon = month_number(m.group(1))
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
            raise Invalid("utter_invalid_date_year_only", year=m.group(0), years=form_facts()["language_validity_years"])
        return None
    day, month_only = found
    if day > today:
        raise Invalid("utter_invalid_date_future", date=day.isoformat())
    return day.isoformat(), month_only, m.span()


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


def find_scores(t: str, requested_ability: Optional[str] = None, levels: bool = False
                ) -> Dict[str, Tuple[float, Span]]:
    """Scores in one clause, each with the span of its number: labelled ("listening 8", "8 in listening",
    "L8"), "9 in everything", four numbers (listening, reading, writing, speaking) or one number for the
    ability asked. With ``levels`` (CLB/NCLC), one number alone is the level in all four abilities ("CLB 9")."""
    out: Dict[str, Tuple[float, Span]] = {}
    labelled = [(m.group(1), m.group(2), m.span(2)) for m in _LABEL_RE.finditer(t)]
    num_first = [(m.group(2), m.group(1), m.span(1)) for m in _NUM_LABEL_RE.finditer(t)]
    if len(num_first) > len(labelled):
        labelled = num_first
    compact = [(m.group(1), m.group(2), m.span(2)) for m in _COMPACT_RE.finditer(t)]
    if len(compact) > len(labelled):
        labelled = compact
    for label, n, span in labelled:
        out[_LABEL[label]] = (as_number(float(n)), span)
    if out:
        return out
    m = _ALL_RE.search(t)
    if m:
        g = 1 if m.group(1) else 2
        return {a: (as_number(float(m.group(g))), m.span(g)) for a in ABILITIES}
    blank = lambda m: " " * len(m.group(0))  # noqa: E731 (offsets kept)
    body = re.sub(r"\b(canada|general|core)\b", blank, TEST_RE.sub(blank, t))
    nums = [(m.group(1), m.span(1)) for m in re.finditer(r"(?<![\w.])(" + NUM + r")(?![\w.])", body)]
    if len(nums) >= 4:
        return {a: (as_number(float(n)), span) for a, (n, span) in zip(ABILITIES, nums[:4])}
    if len(nums) == 1 and levels and requested_ability in (None, "listening"):
        return {a: (as_number(float(nums[0][0])), nums[0][1]) for a in ABILITIES}
    if len(nums) == 1 and requested_ability:
        return {requested_ability: (as_number(float(nums[0][0])), nums[0][1])}
    if len(nums) in (2, 3) and requested_ability:
        order = list(ABILITIES)[ABILITIES.index(requested_ability):]
        return {a: (as_number(float(n)), span) for a, (n, span) in zip(order, nums)}
    return {}


def parse_scores(t: str, requested_ability: Optional[str], levels: bool = False) -> Dict[str, float]:
    """The values of :func:`find_scores`."""
    return {a: v for a, (v, _) in find_scores(t, requested_ability, levels).items()}


def labelled_scores(t: str) -> bool:
    """True when the text labels a score with its ability ("listening 8", "8 in reading", "L8")."""
    return bool(_LABEL_RE.search(t) or _NUM_LABEL_RE.search(t) or _COMPACT_RE.search(t))


def language_of(test: Optional[str]) -> Optional[str]:
    """"english" or "french" for a test (express_entry.vocabulary.TEST_LANGUAGE), None for none or no test."""
    return TEST_LANGUAGE.get(test) if isinstance(test, str) else None



# ----------------------------------------------------------------------------- yes/no facts told in passing

_NEG_BEFORE = re.compile(r"\b(no|not|without|never|none|nor|don'?t|doesn'?t|haven'?t|hasn'?t|didn'?t|isn'?t|won'?t|"
                         r"dont|any)\b[^,;:\n/|.()]{0,28}$")
_NEG_AFTER = re.compile(r"^(?:\s*in canada)?\s*(?:[:=\-?]\s*|\()(no|none|nope|nah|n/?a|false|not yet|pending|in progress|0)\b"
                        r"|^[^,;:\n/|.]{0,12}\b(pending|not yet|in progress)\b")
# The yes/no profile facts a profile post states, each by its words ("no PNP", "sibling in Canada: yes",
# "ECA done", "wife coming with me"); a negation before the words or "no" after them makes it False.
FLAG_WORDS = {
    "provincial_nomination": r"\bpnp\b|\bprovincial nomination\b|\bnominat(?:ed|ion)\b|\bnominee\b",
    "sibling_in_canada": r"\bsiblings?\b|\bbrothers?\b|\bsisters?\b",
    "certificate_of_qualification": r"\bcertificate of qualification\b|\bcoq\b",
    "education_recognized": r"\beca\b|\bwes\b|\bcredential assessment\b",
}
_PARTNER = r"\b(?:wife|husband|spouse|partner)\b"
_PARTNER_CANADIAN = re.compile(_PARTNER + r"[^,;.\n]{0,30}?\b(canadian citizen|citizen|permanent resident|pr|canadian)\b")
_PARTNER_COMING = re.compile(_PARTNER + r"[^,;.\n]{0,30}?\b(coming|accompanying|joining|come with|comes with|"
                             r"moving with|move with|staying|stays|stay)\b")


def find_flags(t: str) -> Dict[str, bool]:
    """Yes/no facts stated in a normalised text: {slot: value} for the flags of :data:`FLAG_WORDS` and the partner's
    status ("wife is a Canadian citizen": spouse_canadian; "husband coming with me": spouse_accompanying)."""
    out: Dict[str, bool] = {}
    for slot, pat in FLAG_WORDS.items():
        m = re.search(pat, t)
        if not m:
            continue
        before, after = t[max(0, m.start() - 40): m.start()], t[m.end(): m.end() + 30]
        if _NEG_AFTER.search(after) or _NEG_BEFORE.search(before):
            out[slot] = False
        else:
            out[slot] = True
    m = _PARTNER_CANADIAN.search(t)
    if m and not re.search(r"\bcanadian (work|experience|education|study|degree|diploma)", t[m.start(1):m.end(1) + 12]):
        out["spouse_canadian"] = not re.search(r"\bnot\b|\bisn'?t\b|\bno\b|\bnon\b", t[m.start(): m.start(1)])
    m = _PARTNER_COMING.search(t)
    if m:
        words = t[m.start(): m.end()]
        staying = m.group(1).startswith("stay")
        negated = bool(re.search(r"\bnot\b|n'?t\b|\bno\b", words))
        out["spouse_accompanying"] = staying == negated
        out.setdefault("spouse_canadian", False)  # coming along or not: a partner who is not Canadian
    return out


_CANADIAN_STUDY = r"(?:in canada|from (?:a )?canad\w*|at (?:a )?canad\w*|canadian)"


def find_canadian_education(t: str) -> Optional[str]:
    """A Canadian credential stated in passing: "no Canadian education", "2-year diploma in Canada",
    "Canadian degree (3+ years)" -> none, one_or_two_year, three_year_or_more."""
    if re.search(r"\bno (?:canadian (?:education|study|studies|credential|degree|diploma)|(?:study|studies|"
                 r"education) in canada)\b|\bcanadian (?:education|"
                 r"study|studies|credential)\s*[:=\-]?\s*(?:no|none|n/a)\b", t):
        return "none"
    m = re.search(r"\bcanadian (?:education|study|studies|credential|degree|diploma)\s*[:=\-]?\s*(.{0,40})", t)
    frag = m.group(1) if m else None
    if frag is None:
        m = re.search(r"((?:\d|\w+)[- ]?(?:years?|yrs?)[\w '+-]{0,25}?(?:degree|diploma|certificate|program|bachelor'?s?|"
                      r"master'?s?))[\w ]{0,12}?\b" + _CANADIAN_STUDY, t)
        frag = m.group(1) if m else None
    if frag is None:
        m = re.search(r"\bcanadian ((?:\d)\s*\+?[- ]?(?:years?|yrs?)\b[\w '-]{0,20})", t)
        frag = m.group(1) if m else None
    if frag is None:
        m = re.search(r"\b(canadian (?:bachelor|master|phd|doctora)\w*|(?:bachelor|master)'?s?(?: degree)? "
                      + _CANADIAN_STUDY + ")", t)
        frag = m.group(1) if m else None
    if frag is None:
        return None
    if re.search(r"\b(?:3|4|5)\s*\+?[- ]?(?:years?|yrs?)|\bbachelor|\bmaster|\bphd|\bdoctora|\b3\+", frag):
        return "three_year_or_more"
    if re.search(r"\b(?:1|2)[- ]?(?:years?|yrs?)|\bdiploma|\bcertificate", frag):
        return "one_or_two_year"
    if re.search(r"\bdegree\b", frag):
        return "three_year_or_more"
    return None


_HYPOTHETICAL = re.compile(r"\bwhat if\b|\bhow about\b|\bwhat about\b|^\s*and with\b|\bhypothetical|\bwould i\b|"
                           r"\bwould my\b|\bwould (?:it|that|this)\b|\bsuppose\b|\bimagine\b|\bif i (?:had|have|get|got|"
                           r"were|was|take|took|improve|add|gain|did|do|reach|score)\b|\bwhat would\b|\bhow much would\b|"
                           r"\bhow many points would\b")


_NO_SECOND_TEST = re.compile(r"\bno (?:(french|english)|other|second|2nd)(?: language)?(?: tests?| results?)?\b|"
                             r"\bonly (?:(english|french)|1 test|that test|(?:that|this|the) 1(?: test)?)\b|"
                             r"\bjust (?:that|this|the) 1\b|\bonly that\b")


def no_second_test(t: str, first_test: Optional[str]) -> bool:
    """ "no French test", "only English", "no other test", "only that one test": no second language test (a
    language named must be the other one than the first test's)."""
    for m in _NO_SECOND_TEST.finditer(t):
        said = m.group(1) or m.group(2)
        if not said:
            return True
        first = language_of(first_test)
        if first and (said != first) == bool(m.group(1)):
            return True
    return False


def hypothetical(t: str) -> bool:
    """A what-if ("what if", "how about", "and with", "hypothetically", "would I"...), not a statement of fact."""
    return bool(_HYPOTHETICAL.search(t))
