"""The facts of one message as Rasa entities, with roles and groups, whatever question was asked.

    find_entities("I'm 34, separated, 3 years here and 4 back home")
    -> age 34; marital_status separated; duration 3 (role canadian); duration 4 (role foreign)

Entities (declared in domain.yml with their roles and groups):

- ``age``, role ``spouse`` when the clause is about the partner;
- ``marital_status``: single, married, common_law, separated, divorced, widowed (in plain words too);
- ``education``: a level of express_entry.vocabulary.EDUCATION_LEVELS, role ``spouse`` for the partner's;
- ``language_test``: ielts, celpip, pte, tef, tcf, or clb / nclc for levels given directly; group "1" for the
  first test the message names, "2" for a second one...;
- ``score``: role the ability (listening, reading, writing, speaking; ``all`` for one score said for the four,
  "CLB 9", "8 in everything"), group the group of its test (the test named in its clause, else the one named
  before it in the message);
- ``duration``: years of work, role ``canadian``, ``foreign``, ``spouse`` (the partner's work in Canada) or
  ``trade`` (in a skilled trade, no place said);
- ``noc_code``, ``money``, ``count`` (people in the family), ``date`` (a test date, ISO).

In the NLU pipeline test names are matched with spaCy's rule-based ``Matcher`` over the tokens of the
normalised text (the blank English pipeline: no model, no download), in the action server with the same
names' regular expression; the other readers are :mod:`understanding.rules`. Offsets are those
of the message as typed ("twenty nine" is one age entity over those two words).
"""
import datetime as dt
import re
from typing import Any, Callable, Dict, List, Optional, Tuple

from express_entry.vocabulary import ABILITIES
from understanding.rules import (_SPOUSE_STRICT, TEST_NAMES_RE, TEST_RE, Invalid, find_age, find_education, find_marital,
                                 find_scores, labelled_scores, find_date, work_durations)
from understanding.text import NUM, Normalised, as_number, clause_spans

ENTITIES = ("age", "marital_status", "education", "language_test", "score", "duration", "noc_code", "money",
            "count", "date")
ALL = "all"  # the role of one score said for all four abilities ("9 in everything", "CLB 9")
LEVEL_TESTS = ("clb", "nclc")  # "levels": one number alone is the level in all four abilities
_TEST_TOKEN = r"^(" + TEST_NAMES_RE + r")\b"  # a token that starts with a test's name ("ielts:8")
_NOC = re.compile(r"\b(\d{5})\b")
_NOC_WORD = re.compile(r"\bnoc\b")
_MONEY = re.compile(r"(?:\$|\bcad\s*|\bc\$)\s*(" + NUM + r")|\b(" + NUM + r")\s*(?:\$|dollars?\b|cad\b|bucks\b)")
_COUNT = re.compile(r"\b(?:family|household) of (\d{1,2})\b|\b(\d{1,2}) (?:people|persons|of us|family members)\b")
_NO_SCORE_CLAUSE = re.compile(r"\b(years?|months?)\b")

_matchers: Dict[int, Any] = {}


def regex_test_mentions(t: str) -> List[Tuple[int, int, str]]:
    """(start, end, test) of each test name in a normalised text, in order, by regular expression: the
    action server's way (it does not import spaCy, which loads TensorFlow: 14 s and 400 MB more)."""
    return [(m.start(1), m.end(1), m.group(1)) for m in TEST_RE.finditer(t)]


def test_matcher(vocab):
    """spaCy's rule-based matcher of test names over a vocabulary (one per vocabulary): a token that starts
    with a test's name ("ielts", "ielts:8", "clb-9")."""
    if id(vocab) not in _matchers:
        from spacy.matcher import Matcher

        matcher = Matcher(vocab)
        matcher.add("language_test", [[{"LOWER": {"REGEX": _TEST_TOKEN}}]])
        _matchers[id(vocab)] = matcher
    return _matchers[id(vocab)]


def spacy_test_mentions(nlp) -> Callable[[str], List[Tuple[int, int, str]]]:
    """The NLU pipeline's way of finding test names: the Matcher over the tokens of the normalised text
    (``nlp``: the blank English pipeline). Same results as :func:`regex_test_mentions` (tests/understanding)."""
    def mentions(t: str) -> List[Tuple[int, int, str]]:
        doc = nlp.make_doc(t)
        out = []
        for _, start, _ in test_matcher(doc.vocab)(doc):
            token = doc[start]
            name = re.match(_TEST_TOKEN, token.lower_).group(1)
            out.append((token.idx, token.idx + len(name), name))
        return sorted(out)
    return mentions


def find_entities(text: str, test_mentions: Callable[[str], List[Tuple[int, int, str]]] = regex_test_mentions,
                  today: Optional[dt.date] = None, normalised: Optional[Normalised] = None) -> List[Dict[str, Any]]:
    """Rasa entities (entity, value, start, end, and role / group when they apply) of one message
    (``normalised``: its :class:`Normalised`, when already made)."""
    n = normalised or Normalised(text)
    t = n.text
    ents: List[Dict[str, Any]] = []

    def add(entity: str, value: Any, start: int, end: int, role=None, group=None):
        a, b = n.span(start, end)
        e = {"entity": entity, "value": value, "start": a, "end": b}
        if role:
            e["role"] = role
        if group:
            e["group"] = group
        ents.append(e)

    tests = test_mentions(t)
    groups: Dict[str, str] = {}
    one_number = has_one_number(t, today)
    last_test = None
    for a, b in fact_spans(t, [m[0] for m in tests]):
        c = t[a:b]
        spouse = "spouse" if _SPOUSE_STRICT.search(c) else None
        age = find_age(c)
        if age:
            add("age", age[0], a + age[1][0], a + age[1][1], role=spouse)
        marital = find_marital(c)
        if marital:
            add("marital_status", marital[0], a + marital[1][0], a + marital[1][1])
        if not re.search(r"\bteach", c):
            edu = find_education(c)
            if edu:
                add("education", edu[0], a + edu[1][0], a + edu[1][1], role=spouse)
        test = next((m for m in tests if a <= m[0] < b), None)
        if test:
            groups.setdefault(test[2], str(len(groups) + 1))
            add("language_test", test[2], test[0], test[1], group=groups[test[2]])
        if test or (labelled_scores(c) and not _NO_SCORE_CLAUSE.search(c)):
            gtest = test[2] if test else last_test
            scores = find_scores(c, None, scores_are_levels(gtest, one_number))
            if len(scores) == len(ABILITIES) and len(set(scores.values())) == 1:  # "9 in all", "CLB 9"
                scores = {ALL: next(iter(scores.values()))}
            for ability, (v, (s, e)) in scores.items():
                add("score", v, a + s, a + e, role=ability, group=groups.get(gtest))
        if test:
            last_test = test[2]
        if _NOC_WORD.search(c):
            m = _NOC.search(c)
            if m:
                add("noc_code", m.group(1), a + m.start(1), a + m.end(1))
        m = _MONEY.search(c)
        if m:
            g = 1 if m.group(1) else 2
            add("money", as_number(float(m.group(g))), a + m.start(g), a + m.end(g))
        m = _COUNT.search(c)
        if m:
            g = 1 if m.group(1) else 2
            add("count", int(m.group(g)), a + m.start(g), a + m.end(g))
        dgroup = groups.get(test[2] if test else last_test)  # a test date: one per test told
        if not any(e["entity"] == "date" and e.get("group") == dgroup for e in ents):
            try:
                found = find_date(c, today)
            except Invalid:
                found = None
            if found:
                add("date", found[0], a + found[2][0], a + found[2][1], group=dgroup)
    for role, years, (s, e) in work_durations(t):
        add("duration", years, s, e, role=role)
    return ents


def has_one_number(t: str, today: Optional[dt.date] = None) -> bool:
    """One number in a normalised text, a date's numbers aside ("clb 7, 14 february 2026": one number)."""
    try:
        found = find_date(t, today)
    except Invalid:
        found = None
    if found:
        a, b = found[2]
        t = t[:a] + " " + t[b:]
    return len(re.findall(NUM, t)) == 1


def scores_are_levels(test: Optional[str], one_number: bool) -> bool:
    """One number alone is a level in all four abilities: with CLB/NCLC, when the message has one number."""
    return test in LEVEL_TESTS and one_number


def fact_spans(t: str, test_starts: List[int]) -> List[Tuple[int, int]]:
    """The parts of a normalised text read one by one: its clauses, a clause cut again before each test it
    names after its first ("celpip 9 9 8 8 and tef 400 in everything": the TEF's scores are its own)."""
    out: List[Tuple[int, int]] = []
    for a, b in clause_spans(t):
        if out and _NUMBERS_ONLY.match(t[a:b]) and any(out[-1][0] <= p < out[-1][1] for p in test_starts):
            out[-1] = (out[-1][0], b)  # "ielts 8, 7, 6.5 and 7": the scores stay with their test
            continue
        cuts = [p for p in test_starts if a <= p < b][1:]
        for p in cuts:
            out.append((a, p))
            a = p
        out.append((a, b))
    return out


# A clause that goes on with a test's scores: numbers alone, then perhaps its date ("8 and 7.5 (2025-03-01)"), or one
# number for all four ("CLB, 9 in all"); not a date alone ("nclc 7, 22/06/2026").
_NUMBERS_ONLY = re.compile(r"^(?!\s*(?:\d{1,2}[/.-](?:\d{1,2}[/.-])?\d{4}|\d{4}[/.-]\d{1,2})\b)"  # not a date
                           r"\s*(?:and\s+|&\s*)?" + NUM + r"(?:\s*(?:and|&|/)?\s*" + NUM + r")*\s*"
                           r"(?:$|\(|taken\b|on\b|test\b|in (?:[a-z]+ )?\d{4}\b"
                           r"|(?:in |across )?(?:all|everything|each|the board)(?: (?:4|four)(?: abilities| skills)?)?\s*$)")


def in_clauses(ents: List[Dict[str, Any]], n: Normalised) -> Tuple[List[Tuple[int, int]], List[List[Dict[str, Any]]]]:
    """The parts of the normalised text that :func:`find_entities` read one by one (:func:`fact_spans`) and the
    entities of each (by their start)."""
    ents = [e for e in ents if e.get("entity") in ENTITIES and isinstance(e.get("start"), int)]
    spans = fact_spans(n.text, [n.position(e["start"]) for e in ents if e["entity"] == "language_test"])
    out: List[List[Dict[str, Any]]] = [[] for _ in spans]
    for e in ents:
        pos = n.position(e["start"])
        for i, (a, b) in enumerate(spans):
            if a <= pos < b:
                out[i].append(e)
                break
    return spans, out


def number_value(v: Any) -> Any:
    """A numeric entity's value as a number ("31" from an extractor that keeps the words' strings)."""
    if isinstance(v, str):
        try:
            return as_number(float(v.replace(",", "")))
        except ValueError:
            return v
    return v


def score_values(ents: List[Dict[str, Any]]) -> Dict[str, Any]:
    """{ability: value} of score entities (role ``all``: the four abilities), in order."""
    out: Dict[str, Any] = {}
    for e in ents:
        if e.get("entity") == "score" and e.get("role") in ABILITIES + (ALL,):
            for ability in (ABILITIES if e["role"] == ALL else (e["role"],)):
                out[ability] = number_value(e["value"])
    return out


# Entities that are profile facts, each counted once per role or group (a test and its scores are one fact).
_FACT_KINDS = ("age", "marital_status", "education", "language_test", "duration", "date")


def profile_facts(text: str, ents: List[Dict[str, Any]], normalised: Optional[Normalised] = None) -> int:
    """How many profile facts a message states: its entities (one per kind and role or group; a test with its
    scores counts once) and the yes/no facts told in passing ("no PNP", "sibling in Canada")."""
    from understanding.rules import find_canadian_education, find_flags

    t = (normalised or Normalised(text)).text
    kinds = {(e["entity"], e.get("role"), e.get("group") if e["entity"] == "language_test" else None)
             for e in ents if e.get("entity") in _FACT_KINDS}
    if any(e.get("entity") == "score" for e in ents) and not any(k[0] == "language_test" for k in kinds):
        kinds.add(("score", None, None))
    return len(kinds) + len(find_flags(t)) + (find_canadian_education(t) is not None)


def is_profile_post(text: str, ents: List[Dict[str, Any]], normalised: Optional[Normalised] = None) -> bool:
    """A message that states a profile (several facts: 3 or more, or 2 without a question mark) and is not a
    what-if: a statement to read whole, never a question for the FAQ."""
    from understanding.rules import hypothetical

    n = normalised or Normalised(text)
    if hypothetical(n.text):
        return False
    facts = profile_facts(text, ents, n)
    return facts >= 3 or (facts >= 2 and "?" not in text)


_CHANGE_WORDS = re.compile(r"\b(more|another|extra|older|younger|higher|lower|better|pnp|nominat\w*|sibling|brother|"
                           r"sister|job offer|certificate of qualification|coq)\b")


# "I got 45 in reading, not 42", "it's 8 not 7.5", "actually...", "I meant...": a fact set right.
# "sorry, my age is 39": an apology with a fact corrects it (DIET knew it in English, not "désolé, mon âge est 39").
_CORRECTION_CUES = re.compile(r"\bnot\s+\d|\bactually\b|\bi meant\b|\bcorrection\b|\bmistake\b|"
                              r"\bwrong\b|\bsorry\b|\boops\b|\bmy bad\b")


def states_a_fact(ents: List[Dict[str, Any]]) -> bool:
    """The extractor's entities hold a profile fact (an age, a test, a score, a duration of work...)."""
    return any(e.get("entity") in _FACT_KINDS + ("score",) for e in ents)


def is_correction(text: str, ents: List[Dict[str, Any]], normalised: Optional[Normalised] = None) -> bool:
    """A profile fact told as a correction ("I got 45 in reading, not 42", "actually I'm 32"): a fact and a
    correction cue, not a what-if."""
    from understanding.rules import hypothetical

    t = (normalised or Normalised(text)).text
    if hypothetical(t) or not _CORRECTION_CUES.search(t):
        return False
    return states_a_fact(ents)


def is_hypothetical_change(text: str, ents: List[Dict[str, Any]], normalised: Optional[Normalised] = None) -> bool:
    """A what-if about the profile ("what if I got CLB 9?", "how about one more year in Canada?", "what would I have
    with a PNP?"): hypothetical words and a fact or a change, not a correction ("actually", "I meant")."""
    from understanding.rules import hypothetical

    t = (normalised or Normalised(text)).text
    if not hypothetical(t) or re.search(r"\bactually\b|\bi meant\b|\bcorrection\b", t):
        return False
    return states_a_fact(ents) or bool(_CHANGE_WORDS.search(t))
