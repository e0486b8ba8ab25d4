"""Answers to the profile questions: the values one message gives, read with what the form knows.

``extract(text, requested, slots, intent, entities=None)`` reads one user message and returns
``(values, errors)``: the slots it could fill (several facts in one message fill several slots; "actually
I'm 32" works at any time) and, for the slot that was asked, a re-ask naming the accepted values (a domain
response, utter_invalid_*) when the answer is impossible ("IELTS 12", "age 300"). Ranges come from the engine (express_entry.profile),
not from here.

The facts a message states whatever was asked (age, marital status, education, tests and scores with their
ability and test, durations of work with their role, NOC code...) are the NLU pipeline's entities
(understanding.component, in config.yml): ``entities`` is the latest message's list from the tracker. Without
it (unit tests, the form-only simulator) they are computed here by the same function
(understanding.entities.find_entities), so a message is read the same way either way. What depends on the
conversation stays here: bare answers to the asked question ("29", "yes", "8 7.5 7 7"), which test group a
score belongs to given the tests already told, relative corrections ("two years older than I said"), and the
checks against the engine.

Pure Python: no Rasa import, unit-tested in tests/rasa/test_parsing.py and tests/understanding/.
"""
import json
import re
from typing import Any, Dict, List, Optional, Tuple

from actions.fields import ABILITIES, EDUCATION, KIND, LANG_GROUPS, MARITAL, TEST_NAMES, lang_slots
from understanding.entities import (find_entities, has_one_number, in_clauses, is_profile_post, number_value, score_values,
                                   scores_are_levels)
from understanding.rules import (_ALL_RE, _LABEL_RE, _SPOUSE_STRICT, SPOUSE, TEST_RE, VALIDITY_YEARS,  # noqa: F401
                                 WORK_SLOTS, WORK_WORDS, Invalid, find_canadian_education, find_flags, find_scores,
                                 labelled_scores, language_of, no_second_test, no_work,
                                 parse_age, parse_count, parse_date, parse_durations, parse_education,
                                 parse_marital, parse_money, parse_noc, parse_scores, parse_test,
                                 slots_of_durations, work_years)
from understanding.text import NUM, Normalised, as_number, clause_spans, clauses, normalise, numbers  # noqa: F401

EDUCATION_CHOICES = EDUCATION

_YES = re.compile(r"^\s*(y|ya|yea|yes+|yeah|yep|yup|sure|correct|right|true|i do|i have|i did|i will|he is|she is|"
                  r"he will|she will|they will|of course|absolutely|definitely|indeed|ok|okay|affirmative)\b")
_NO = re.compile(r"^\s*(n|no+|nope|nop|nah|not|never|none|false|i don'?t|i do not|i haven'?t|i have not|i didn'?t|"
                 r"he isn'?t|she isn'?t|he won'?t|she won'?t|negative)\b")
DONT_KNOW = re.compile(r"\b(i )?(don'?t|do not|dont) (know|remember)|\bdunno\b|\bnot sure\b|\bno (idea|clue)\b|"
                       r"\bidk\b|\bforgot\b|\bcan'?t remember\b")


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
                raise Invalid("utter_invalid_score", value=_fmt(value), test=TEST_NAMES.get(test, test),
                              ability=ability, accepted=e.accepted)
            return value
    field = slot
    if KIND.get(slot) == "money":
        field = "settlement_funds"
    try:
        validate({field: value})
    except ProfileError as e:
        raise Invalid("utter_invalid_number", value=_fmt(value), accepted=e.accepted)
    return value


def _fmt(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


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


def _group_for(clause: str, test: Optional[str], requested: Optional[str], slots: Dict[str, Any],
               told: Optional[Dict[str, Any]] = None, previous: Optional[str] = None) -> str:
    """The test group of a clause's test or scores; ``told``: the values read so far from this message;
    ``previous``: the group of the test told before in this message."""
    if _SPOUSE_STRICT.search(clause):
        return "spouse_language"
    for g in LANG_GROUPS:
        if requested and (requested == f"{g}_test" or requested in lang_slots(g)):
            first = (told or {}).get("first_language_test") or slots.get("first_language_test")
            if g == "second_language" and test and language_of(test) == language_of(first) \
                    and (told or {}).get("second_language_test") is None:
                break  # the other official language's test only: this one is the first test told again
            if g == "spouse_language" or not test or (told or {}).get(f"{g}_test") in (None, test):
                return g
            break  # a second test in the answer ("ielts 8 7 7 7 and tef 400..."): its own group
    if previous and not test and not re.search(r"\b(first|1st|second|2nd|french|english|other)\b", clause):
        return previous  # "TCF: listening 384, reading 443, ...": the scores after a test are that test's
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
            intent: Optional[str] = None, entities: Optional[List[Dict[str, Any]]] = None
            ) -> Tuple[Dict[str, Any], Dict[str, Dict[str, Any]]]:
    """Values found in one message, and re-ask messages (domain responses) for impossible ones. ``entities``: the message's
    entities from the NLU pipeline (None: computed here with the same function)."""
    slots = dict(slots or {})
    values: Dict[str, Any] = {}
    errors: Dict[str, Dict[str, Any]] = {}  # slot -> the re-ask message (Invalid.message)
    p_intent, ents = payload(text)
    if p_intent:  # a button: the payload carries the value, NLU was bypassed
        if requested and "choice" in ents:
            raw = str(ents["choice"]).lower()
            return _accept(requested, _coerce_choice(requested, raw), slots, values, errors)
        if requested and KIND.get(requested) in ("bool", "confirm") and p_intent in ("affirm", "deny"):
            values[requested] = p_intent == "affirm"
        return values, errors

    n = Normalised(text)
    t = n.text
    if entities is None:
        entities = find_entities(text, normalised=n)
    kind = KIND.get(requested or "")
    relative = relative_age(t, slots.get("age"))
    if relative is not None:
        values["age"] = relative
    if study_retracted(t, requested):
        values["canadian_education"] = "none"
        if slots.get("canadian_study_2_years") is not None:
            values["canadian_study_2_years"] = False
    one_number = has_one_number(t)
    # "8, 7.5, 7, 7" at the scores question: the numbers of the whole message, in order
    post = is_profile_post(text, entities, n)
    whole_scores = kind == "score" and not labelled_scores(t) and not post
    scores_done = False
    ability = None
    for g in LANG_GROUPS:
        if requested in lang_slots(g):
            ability = requested[len(g) + 1:]
    in_lang_question = bool(requested) and any(
        requested == f"{g}_test" or requested in lang_slots(g) for g in LANG_GROUPS)
    spans, by_clause = in_clauses(entities, n)
    if not spans:
        spans, by_clause = [(0, len(t))], [[]]
    last_test = None  # the test named before, as the entities' groups read it
    last_group = None  # ... and its group
    # Context-free facts (the entities) read clause by clause with what the form knows.
    for (start, end), found in zip(spans, by_clause):
        clause = t[start:end]
        first = {}
        for e in found:
            first.setdefault(e["entity"], e)
        spouse = bool(_SPOUSE_STRICT.search(clause))
        lang_answer = kind in ("score", "test") and not re.search(r"\b(age|old|y/?o)\b", clause)
        if not spouse and not lang_answer and relative is None and "age" in first:
            values["age"] = number_value(first["age"]["value"])
        if "marital_status" in first and "marital_status" not in values:
            values["marital_status"] = first["marital_status"]["value"]
        if kind not in ("canadian_education", "noc") and not re.search(r"\bteach", clause):
            if requested in ("education", "spouse_education"):  # the answer: all of it ("a BSc, then a diploma")
                edu = parse_education(t, bare=False)
            else:
                edu = first["education"]["value"] if "education" in first else None
            target = "spouse_education" if spouse or requested == "spouse_education" else "education"
            if edu and target not in values:
                values[target] = edu
        test = first["language_test"]["value"] if "language_test" in first else None
        labelled = labelled_scores(clause) and not re.search(r"\b(years?|months?)\b", clause)
        if post and "age" not in values and relative is None and not spouse and not labelled:
            bare = _BARE_AGE.match(clause)  # ("L: 36" is a score)  # "CRS check please: 31, married, ...": a number alone is the age
            if bare:
                values["age"] = int(bare.group(1))
        if test or labelled or (in_lang_question and kind == "score" and not post):
            group = _group_for(clause, test, requested, {**slots, **values}, values, last_group)
            last_group = group
            if test and values.get(f"{group}_test") not in (None, test):
                last_test = test  # two tests of one language in one message: the first one told counts
                continue
            if test:
                values[f"{group}_test"] = test
            gtest = test or values.get(f"{group}_test") or slots.get(f"{group}_test")
            entity_levels = scores_are_levels(test or last_test, one_number)
            if test:
                last_test = test
            if not (whole_scores and scores_done):  # the clause after the scores may still give their date
                asked = ability if requested and requested.startswith(group) else None
                levels = gtest in ("clb", "nclc") and one_number
                if whole_scores or asked or levels != entity_levels or not (test or labelled):
                    scores = parse_scores(t if whole_scores else clause, asked, levels=levels)
                else:  # the scores as read without the question: the entities
                    scores = score_values(found)
                scores_done = True
                for a, v in scores.items():
                    values[f"{group}_{a}"] = v
        elif spouse and re.search(r"\b(no|none|not|hasn'?t|doesn'?t|without)\b[^,;]{0,20}\btest\b", clause):
            values.setdefault("spouse_language_test", "none")  # "wife: no language test"
        date = first.get("date")
        date_group = last_group if not spouse or last_group == "spouse_language" else None
        if date and date_group and KIND.get(requested or "") != "date" and f"{date_group}_taken_on" not in values:
            values[f"{date_group}_taken_on"] = date["value"]  # "IELTS L8 R7 W7 S7 taken 2026-02-01"
        if requested == "noc_code":
            noc = parse_noc(clause)
        else:
            noc = first["noc_code"]["value"] if "noc_code" in first else None
        if noc:
            values["noc_code"] = noc

    if post or kind != "bool":  # yes/no facts told in passing ("no PNP", "sibling in Canada", "ECA done")
        for slot, v in find_flags(t).items():
            if slot != requested or post:
                values.setdefault(slot, v)
    if requested != "canadian_education":
        study = find_canadian_education(t)
        if study:
            values.setdefault("canadian_education", study)
    for slot, v in (no_work(t) if post or kind != "bool" else {}).items():  # "no Canadian work", "no work abroad"
        values.setdefault(slot, v)
    if kind != "test" and no_second_test(t, values.get("first_language_test") or slots.get("first_language_test")):
        values.setdefault("second_language_test", "none")  # "no French test", "only English"
    lang_told = any(KIND.get(k) in ("score", "test") for k in values)
    if kind == "bool" and not post:
        work = {}
    elif requested in WORK_SLOTS and not WORK_WORDS.search(t) and not lang_told:  # "3 here, 4 abroad" answers the question
        work = work_years(t, requested)
    else:
        work = slots_of_durations((e.get("role"), number_value(e["value"])) for e in entities
                                  if e.get("entity") == "duration")
    for slot, v in work.items():
        values.setdefault(slot, v)

    # A value given for the asked slot's twin while it is asked ("2 years in Canada" for the partner).
    if requested == "spouse_canadian_work_years" and "canadian_work_years" in values and requested not in values:
        values[requested] = values.pop("canadian_work_years")
    # The question that was asked: bare answers ("29", "yes", "3", "8 7.5 7 7"), unless the message was
    # about something else (a score line typed while the Canadian-credential question is pending).
    lang_facts = any(KIND.get(k) in ("score", "test") for k in values)
    other_work = any(k in WORK_SLOTS for k in values)
    if (lang_facts and kind not in ("score", "test", "date")) or other_work \
            or (relative is not None and requested != "age") or post:
        pass  # a whole profile says what each of its facts is: none is a bare answer to the question
    elif requested and requested not in values:
        try:
            v = parse_for(requested, t, intent, slots)
        except Invalid as e:  # a date that can't be used ("2024" alone, in the future)
            errors[requested] = e.message()
            v = None
        if v is not None:
            values[requested] = v

    for slot in list(values):
        _accept(slot, values.pop(slot), {**slots, **values}, values, errors)
    return values, errors


_BARE_AGE = re.compile(r"^\s*[-*\u2022]?\s*(?:[^:?!\d]{0,40}[:?!]\s*)?(1[6-9]|[2-6]\d)\s*(?:y/?o|yo|yrs? old)?\s*$")


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
        if _ALL_RE.search(t) or labelled_scores(t):  # "10 in all 4": a score line, not a credential's years
            return None
        return parse_canadian_education(t)
    if kind == "test":
        if slot != "first_language_test" and (intent == "deny" or re.search(
                r"^\s*(no|nope|nah|none|not|never|only (english|french)|just (english|french))\b", t)
                or no_second_test(t, slots.get("first_language_test"))):
            return "none"  # "only that one test"
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


def _accept(slot: str, value: Any, slots: Dict[str, Any], values: Dict[str, Any], errors: Dict[str, Dict[str, Any]]):
    kind = KIND.get(slot)
    try:
        if kind == "marital" and value not in MARITAL:
            raise Invalid("utter_invalid_marital_status")
        if kind == "education" and value not in EDUCATION_CHOICES:
            raise Invalid("utter_invalid_education")
        if kind == "test":
            if value != "none" and value not in TEST_NAMES:
                raise Invalid("utter_invalid_test")
        elif kind == "score":
            value = check(slot, value, slots)
        elif kind in ("age", "years", "months", "count", "money"):
            if kind in ("years", "months") and isinstance(value, float):
                value = int(value)
            if kind == "age" and isinstance(value, float):
                raise Invalid("utter_invalid_age_whole_years")
            value = check(slot, value, slots)
        elif kind == "noc":
            value = check_noc(value)
        values[slot] = value
    except Invalid as e:
        errors[slot] = e.message()
    return values, errors


def check_noc(code: str) -> str:
    from express_entry.noc import NocError, unit_group

    try:
        unit_group(code)
    except NocError as e:
        raise Invalid("utter_invalid_noc_code", code=code, accepted=e.accepted)
    return code
