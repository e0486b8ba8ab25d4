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

from actions.fields import EDUCATION, KIND, LANG_GROUPS, MARITAL, TEST_NAMES, lang_slots, number_in
from express_entry.vocabulary import language_test_name
from express_entry import concepts
from understanding import answers
from understanding.entities import find_entities, has_one_number, in_clauses, is_profile_post, number_value, \
    score_values, scores_are_levels
from understanding.rules import (_ALL_RE, _SPOUSE_STRICT, TEST_NAMES_RE, WORK_SLOTS, WORK_WORDS, Invalid,
                                 find_canadian_education, find_flags, labelled_scores, language_of, no_second_test,
                                 no_work, parse_age, parse_count, parse_date, parse_education, parse_marital,
                                 parse_money, parse_noc, parse_scores, parse_test, slots_of_durations, work_years)
from understanding.text import Normalised, as_number


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
    language = slots.get("language") or "en"
    for g in LANG_GROUPS:
        if slot in lang_slots(g):
            test = slots.get(f"{g}_test")
            if test in (None, "none"):
                return value
            ability = slot[len(g) + 1:]
            try:
                validate({"first_language": {"test": test, ability: value}})
            except ProfileError as e:
                raise Invalid("utter_invalid_score", value=number_in(value, language), test=language_test_name(test, language),
                              ability=concepts.words("abilities", language).get(ability, ability),
                              accepted=e.accepted_in(language))
            return value
    field = slot
    if KIND.get(slot) == "money":
        field = "settlement_funds"
    try:
        validate({field: value})
    except ProfileError as e:
        raise Invalid("utter_invalid_number", value=number_in(value, language), accepted=e.accepted_in(language))
    return value


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
    (r"\b(test(?! date)|language|scores|" + TEST_NAMES_RE + r")\b", ["first_language_test"] + lang_slots("first_language")),
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
    entities from the NLU pipeline (None: computed here with the same function). One step per kind of fact."""
    slots = dict(slots or {})
    p_intent, ents = payload(text)
    if p_intent:  # a button: the payload carries the value, NLU was bypassed
        return _from_payload(p_intent, ents, requested, slots)
    r = _Reading(text, requested, slots, intent, entities)
    _corrections(r)
    # Context-free facts (the entities) read clause by clause with what the form knows.
    for clause, found in r.clauses():
        first: Dict[str, Dict[str, Any]] = {}
        for e in found:
            first.setdefault(e["entity"], e)
        spouse = bool(_SPOUSE_STRICT.search(clause))
        _person(r, clause, first, spouse)
        if _language(r, clause, first, found, spouse):
            continue  # a second test of one language, or the scores already read from the whole message
        _test_date(r, first, spouse)
        _occupation(r, clause, first)
    _told_in_passing(r)
    _work(r)
    _bare_answer(r)
    for slot in list(r.values):
        _accept(slot, r.values.pop(slot), {**slots, **r.values}, r.values, r.errors)
    return r.values, r.errors


def _from_payload(p_intent: str, ents: Dict[str, Any], requested: Optional[str], slots: Dict[str, Any]):
    values: Dict[str, Any] = {}
    errors: Dict[str, Dict[str, Any]] = {}
    if requested and "choice" in ents:
        raw = str(ents["choice"]).lower()
        return _accept(requested, _coerce_choice(requested, raw), slots, values, errors)
    if requested and KIND.get(requested) in ("bool", "confirm") and p_intent in ("affirm", "deny"):
        values[requested] = p_intent == "affirm"
    return values, errors


class _Reading:
    """One message being read: its text and entities, what the form knows (the question asked, the slots), the
    values read so far and the re-asks."""

    def __init__(self, text: str, requested: Optional[str], slots: Dict[str, Any], intent: Optional[str],
                 entities: Optional[List[Dict[str, Any]]]):
        self.n = Normalised(text, slots.get("language"))  # a French conversation: its answers read as French
        self.t = t = self.n.text
        self.requested, self.slots, self.intent = requested, slots, intent
        self.entities = find_entities(text, normalised=self.n) if entities is None else entities
        self.kind = KIND.get(requested or "")
        self.values: Dict[str, Any] = {}
        self.errors: Dict[str, Dict[str, Any]] = {}  # slot -> the re-ask message (Invalid.message)
        self.relative = relative_age(t, slots.get("age"))
        self.one_number = has_one_number(t)
        self.post = is_profile_post(text, self.entities, self.n)
        # "8, 7.5, 7, 7" at the scores question: the numbers of the whole message, in order
        self.whole_scores = self.kind == "score" and not labelled_scores(t) and not self.post
        self.scores_done = False
        self.ability = None
        for g in LANG_GROUPS:
            if requested in lang_slots(g):
                self.ability = requested[len(g) + 1:]
        self.in_lang_question = bool(requested) and any(
            requested == f"{g}_test" or requested in lang_slots(g) for g in LANG_GROUPS)
        self.last_test: Optional[str] = None  # the test named before, as the entities' groups read it
        self.last_group: Optional[str] = None  # ... and its group

    def clauses(self):
        """(clause text, its entities) of each clause."""
        spans, by_clause = in_clauses(self.entities, self.n)
        if not spans:
            spans, by_clause = [(0, len(self.t))], [[]]
        return [(self.t[start:end], found) for (start, end), found in zip(spans, by_clause)]


def _corrections(r: _Reading):
    """Relative corrections: "two years older than I said", "I didn't study in Canada, that was wrong"."""
    if r.relative is not None:
        r.values["age"] = r.relative
    if study_retracted(r.t, r.requested):
        r.values["canadian_education"] = "none"
        if r.slots.get("canadian_study_2_years") is not None:
            r.values["canadian_study_2_years"] = False


def _person(r: _Reading, clause: str, first: Dict[str, Dict[str, Any]], spouse: bool):
    """A clause's age, marital status and education (the partner's education in a clause about the partner)."""
    values = r.values
    lang_answer = r.kind in ("score", "test") and not re.search(r"\b(age|old|y/?o)\b", clause)
    # "6 ans" alone (French for 6 years old and for 6 years) answers the question of years asked, not the age
    duration_answer = r.kind in ("years", "months") and bool(_BARE_ANS.match(r.n.original))
    if not spouse and not lang_answer and not duration_answer and r.relative is None and "age" in first:
        values["age"] = number_value(first["age"]["value"])
    if "marital_status" in first and "marital_status" not in values:
        values["marital_status"] = first["marital_status"]["value"]
    if r.kind not in ("canadian_education", "noc") and not re.search(r"\bteach", clause):
        if r.requested in ("education", "spouse_education"):  # the answer: all of it ("a BSc, then a diploma")
            edu = parse_education(r.t, bare=False)
        else:
            edu = first["education"]["value"] if "education" in first else None
        target = "spouse_education" if spouse or r.requested == "spouse_education" else "education"
        if edu and target not in values:
            values[target] = edu
    if r.post and "age" not in values and r.relative is None and not spouse and not _labelled(clause):  # "L: 36"
        bare = _BARE_AGE.match(clause)  # "CRS check please: 31, married, ...": a number alone is the age
        if bare:
            values["age"] = int(bare.group(1))


_BARE_ANS = re.compile(r"^\s*[\w-]+(?:[ -][\w-]+)?\s+ans\s*[.!]?\s*$", re.IGNORECASE)


def _labelled(clause: str) -> bool:
    """Scores with their abilities' labels ("L8 R7", "L: 36"), not durations."""
    return bool(labelled_scores(clause)) and not re.search(r"\b(years?|months?)\b", clause)


def _language(r: _Reading, clause: str, first: Dict[str, Dict[str, Any]], found: List[Dict[str, Any]],
              spouse: bool) -> bool:
    """A clause's test and scores, in the test group the form gives them. True: the rest of the clause is not
    read (a second test of one language in one message)."""
    values, requested = r.values, r.requested
    test = first["language_test"]["value"] if "language_test" in first else None
    labelled = _labelled(clause)
    if test or labelled or (r.in_lang_question and r.kind == "score" and not r.post):
        group = _group_for(clause, test, requested, {**r.slots, **values}, values, r.last_group)
        r.last_group = group
        if test and values.get(f"{group}_test") not in (None, test):
            r.last_test = test  # two tests of one language in one message: the first one told counts
            return True
        if test:
            values[f"{group}_test"] = test
        gtest = test or values.get(f"{group}_test") or r.slots.get(f"{group}_test")
        entity_levels = scores_are_levels(test or r.last_test, r.one_number)
        if test:
            r.last_test = test
        if r.whole_scores and r.scores_done:
            return False  # the scores were read from the whole message; the clause may still give their date
        asked = r.ability if requested and requested.startswith(group) else None
        levels = gtest in ("clb", "nclc") and r.one_number
        if r.whole_scores or asked or levels != entity_levels or not (test or labelled):
            scores = parse_scores(r.t if r.whole_scores else clause, asked, levels=levels)
        else:  # the scores as read without the question: the entities
            scores = score_values(found)
        r.scores_done = True
        for a, v in scores.items():
            values[f"{group}_{a}"] = v
    elif spouse and re.search(r"\b(no|none|not|hasn'?t|doesn'?t|without)\b[^,;]{0,20}\btest\b", clause):
        values.setdefault("spouse_language_test", "none")  # "wife: no language test"
    return False


def _test_date(r: _Reading, first: Dict[str, Dict[str, Any]], spouse: bool):
    """A date in a clause after a test: that test's date ("IELTS L8 R7 W7 S7 taken 2026-02-01")."""
    date = first.get("date")
    date_group = r.last_group if not spouse or r.last_group == "spouse_language" else None
    if date and date_group and r.kind != "date" and f"{date_group}_taken_on" not in r.values:
        r.values[f"{date_group}_taken_on"] = date["value"]


def _occupation(r: _Reading, clause: str, first: Dict[str, Dict[str, Any]]):
    if r.requested == "noc_code":
        noc = parse_noc(clause)
    else:
        noc = first["noc_code"]["value"] if "noc_code" in first else None
    if noc:
        r.values["noc_code"] = noc


def _told_in_passing(r: _Reading):
    """Yes/no facts ("no PNP", "sibling in Canada", "ECA done"), a Canadian credential, no work, no second test."""
    t, values, requested = r.t, r.values, r.requested
    if r.post or r.kind != "bool":
        for slot, v in find_flags(t).items():
            if slot != requested or r.post:
                values.setdefault(slot, v)
    if requested != "canadian_education":
        study = find_canadian_education(t)
        if study:
            values.setdefault("canadian_education", study)
    for slot, v in (no_work(t) if r.post or r.kind != "bool" else {}).items():  # "no Canadian work", "no work abroad"
        values.setdefault(slot, v)
    if r.kind != "test" and no_second_test(t, values.get("first_language_test") or r.slots.get("first_language_test")):
        values.setdefault("second_language_test", "none")  # "no French test", "only English"


def _work(r: _Reading):
    """Years of work by role: the entities' durations, or "3 here, 4 abroad" as the answer to a work question."""
    values, requested = r.values, r.requested
    lang_told = any(KIND.get(k) in ("score", "test") for k in values)
    if r.kind == "bool" and not r.post:
        work = {}
    elif requested in WORK_SLOTS and not WORK_WORDS.search(r.t) and not lang_told:
        work = work_years(r.t, requested)
    else:
        work = slots_of_durations((e.get("role"), number_value(e["value"])) for e in r.entities
                                  if e.get("entity") == "duration")
    for slot, v in work.items():
        values.setdefault(slot, v)
    # A value given for the asked slot's twin while it is asked ("2 years in Canada" for the partner).
    if requested == "spouse_canadian_work_years" and "canadian_work_years" in values and requested not in values:
        values[requested] = values.pop("canadian_work_years")


def _bare_answer(r: _Reading):
    """The question that was asked: bare answers ("29", "yes", "3", "8 7.5 7 7"), unless the message was about
    something else (a score line typed while the Canadian-credential question is pending)."""
    values, requested, kind = r.values, r.requested, r.kind
    lang_facts = any(KIND.get(k) in ("score", "test") for k in values)
    other_work = any(k in WORK_SLOTS for k in values)
    if (lang_facts and kind not in ("score", "test", "date")) or other_work \
            or (r.relative is not None and requested != "age") or r.post:
        return  # a whole profile says what each of its facts is: none is a bare answer to the question
    if requested and requested not in values:
        try:
            v = parse_for(requested, r.t, r.intent, r.slots)
        except Invalid as e:  # a date that can't be used ("2024" alone, in the future)
            r.errors[requested] = e.message()
            v = None
        if v is not None:
            values[requested] = v


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
        return answers.canadian_education(t)
    if kind == "test":
        if slot != "first_language_test" and (intent == "deny" or re.search(
                r"^\s*(no|nope|nah|none|not|never|only (english|french)|just (english|french))\b", t)
                or no_second_test(t, slots.get("first_language_test"))):
            return "none"  # "only that one test"
        return parse_test(t)
    if kind in ("years", "months"):
        return answers.duration(t, kind, bare=True)
    if kind == "money":
        return parse_money(t)
    if kind == "count":
        return parse_count(t)
    if kind == "bool":
        return answers.yes_no(t, intent)
    if kind == "confirm":
        return True if answers.yes_no(t, intent) else None
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
        if kind == "education" and value not in EDUCATION:
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
            value = check_noc(value, slots.get("language") or "en")
        values[slot] = value
    except Invalid as e:
        errors[slot] = e.message()
    return values, errors


def check_noc(code: str, language: str = "en") -> str:
    from express_entry.noc import NocError, unit_group

    try:
        unit_group(code)
    except NocError as e:
        raise Invalid("utter_invalid_noc_code", code=code, accepted=e.accepted_in(language))
    return code
