"""The context-free readers (understanding/): entities with roles and groups, offsets in the message as typed,
and the same reading whether the form gets the entities from the NLU pipeline or computes them."""
import json

import pytest

from actions import parsing
from understanding.entities import find_entities, regex_test_mentions
from understanding.rules import find_date, work_durations, work_years
from understanding.text import Normalised


def ents(text, **kw):
    """(entity, value, role, group, text of the span) of each entity, sorted by start."""
    return [(e["entity"], e["value"], e.get("role"), e.get("group"), text[e["start"]:e["end"]])
            for e in sorted(find_entities(text, **kw), key=lambda e: (e["start"], e["entity"]))]


def test_age_and_marital_status_in_plain_words():
    assert ents("I'm 34 and separated") == [("age", 34, None, None, "34"),
                                           ("marital_status", "separated", None, None, "separated")]


@pytest.mark.parametrize("text,status,words", [
    ("my husband passed away", "widowed", "passed away"), ("we've been cohabiting for 2 years", "common_law",
                                                            "cohabiting"),
    ("divorced", "divorced", "divorced"), ("never been married", "single", "never been married"),
    ("seperated", "separated", "seperated"),  # one-letter typo, offsets of the word as typed
])
def test_every_marital_status(text, status, words):
    found = [e for e in ents(text) if e[0] == "marital_status"]
    assert found[0][1] == status and found[0][4] == words


def test_number_words_keep_the_offsets_of_the_words():
    assert ents("Twenty nine years old") == [("age", 29, None, None, "Twenty nine")]


def test_durations_with_their_role():
    assert ents("3 years here and 4 back home") == [("duration", 3, "canadian", None, "3 years"),
                                                   ("duration", 4, "foreign", None, "4")]
    assert [e[:3] for e in ents("he has 1 year of canadian work")] == [("duration", 1, "spouse")]
    assert [e[:3] for e in ents("18 months in Toronto and 24 in India")] == [("duration", 1, "canadian"),
                                                                             ("duration", 2, "foreign")]
    assert [e[:3] for e in ents("4 years in my trade")] == [("duration", 4, "trade")]


def test_a_duration_that_is_not_work_has_no_role():
    assert not [e for e in ents("we've been living together for 3 years") if e[0] == "duration"]
    assert not [e for e in ents("a 3 year bachelor's degree") if e[0] == "duration"]


def test_scores_take_their_ability_and_the_group_of_their_test():
    found = ents("ielts: listening 8, reading 7, writing 6.5, speaking 7")
    assert found[0] == ("language_test", "ielts", None, "1", "ielts")
    assert [(e[1], e[2], e[3]) for e in found[1:]] == [(8, "listening", "1"), (7, "reading", "1"),
                                                       (6.5, "writing", "1"), (7, "speaking", "1")]


def test_two_tests_in_one_sentence_are_two_groups():
    found = ents("I have celpip 9 9 8 8 and tef 400 in everything")
    tests = [(e[1], e[3]) for e in found if e[0] == "language_test"]
    scores = [(e[1], e[2], e[3]) for e in found if e[0] == "score"]
    assert tests == [("celpip", "1"), ("tef", "2")]
    assert scores == [(9, "listening", "1"), (9, "reading", "1"), (8, "writing", "1"), (8, "speaking", "1"),
                      (400, "all", "2")]


@pytest.mark.parametrize("text,test,level", [("CLB 9", "clb", 9), ("NCLC seven in all four", "nclc", 7),
                                             ("clb 8 everywhere", "clb", 8)])
def test_levels_given_directly_are_one_score_for_all_abilities(text, test, level):
    found = ents(text)
    assert [(e[0], e[1], e[2], e[3]) for e in found] == [("language_test", test, None, "1"),
                                                         ("score", level, "all", "1")]


def test_education_of_the_partner_has_role_spouse():
    assert ents("my wife has a master's") == [("education", "masters", "spouse", None, "master's")]
    assert ents("I have a bachelor's")[0][:3] == ("education", "bachelors", None)


def test_noc_money_count_and_date():
    assert ents("my noc is 21232") == [("noc_code", "21232", None, None, "21232")]
    assert ents("a family of four with $25,000") == [("count", 4, None, None, "four"),
                                                      ("money", 25000, None, None, "25,000")]
    import datetime as dt

    assert ents("I took it in March 2024", today=dt.date(2026, 1, 1)) == [
        ("date", "2024-03-01", None, None, "March 2024")]
    assert find_date("march 2024", dt.date(2026, 1, 1)) == ("2024-03-01", True, (0, 10))


def test_bare_answers_are_left_to_the_question_asked():
    """Context-free: a bare number or a 5-digit number without "noc" is no entity (the form reads it)."""
    assert ents("29") == [] and ents("21232") == [] and ents("5 years") == []


def test_relative_age_is_not_an_age():
    assert [e for e in ents("I'm two years older than I said") if e[0] == "age"] == []


def test_why_does_it_matter_is_not_a_masters():
    assert ents("why does it matter") == []


def test_offsets_map_back_through_rewrites():
    n = Normalised("I have 25k and a year and a half abroad")
    assert n.text == "i have 25000 and 18 months abroad"
    start = n.text.index("25000")
    assert n.span(start, start + 5) == (7, 10)
    start = n.text.index("18 months")
    assert n.original[slice(*n.span(start, start + 9))] == "a year and a half"


def test_work_years_by_role():
    assert work_years("3 years here and 4 back home") == {"canadian_work_years": 3, "foreign_work_years": 4}
    assert [r for r, _, _ in work_durations("2 years in canada, 5 abroad")] == ["canadian", "foreign"]


TEXTS = ["I'm 34 and separated", "ielts: listening 8, reading 7, writing 6.5, speaking 7",
         "3 years here and 4 back home", "my wife has a master's and ielts 7 all", "CLB 9",
         "I took ielts 8 7 7 7 and tef 400 380 390 410", "twenty nine, married, 2 kids",
         "my first test was CELPIP, not IELTS", "change my noc to 21232", "I'm 31, married, master's, CELPIP 9 all"]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("requested", [None, "age", "first_language_test", "first_language_reading",
                                       "canadian_work_years", "education", "noc_code"])
def test_the_form_reads_entities_from_the_pipeline_as_it_reads_its_own(text, requested):
    """The tracker's entities (JSON, extractor name added) give the same values as entities=None."""
    slots = {"age": 30}
    from_tracker = json.loads(json.dumps([{**e, "extractor": "ProfileEntityExtractor"}
                                          for e in find_entities(text)]))
    assert parsing.extract(text, requested, slots, None, from_tracker) == parsing.extract(text, requested, slots,
                                                                                          None)


def test_other_extractors_entities_are_ignored():
    text = "I'm 34"
    extra = [{"entity": "choice", "value": "x", "start": 0, "end": 3}]
    assert parsing.extract(text, None, {}, None, find_entities(text) + extra)[0] == {"age": 34}


def test_a_second_test_in_one_answer_goes_to_its_own_group():
    values, _ = parsing.extract("I took ielts 8 7 7 7 and tef 400 380 390 410", "first_language_test", {}, None)
    assert values["first_language_test"] == "ielts" and values["first_language_listening"] == 8
    assert values["second_language_test"] == "tef" and values["second_language_speaking"] == 410
    values, _ = parsing.extract("ielts 8 7 7 7 and celpip 9 all", "first_language_test", {}, None)
    assert values["first_language_test"] == "ielts" and values["first_language_reading"] == 7


def test_matcher_and_regular_expression_find_the_same_tests():
    """The NLU component finds test names with spaCy's Matcher, the action server with the regular
    expression: same mentions, on the simulator's whole paraphrase bank."""
    spacy = pytest.importorskip("spacy")
    from understanding.entities import spacy_test_mentions
    from tests.sim import bank, bank_holdout

    mentions = spacy_test_mentions(spacy.blank("en"))
    texts = TEXTS + ["ielts:8", "clb-9", "(tef)", "ielts/celpip", "pte.", "IELTS7 and celpip"]
    for b in (bank, bank_holdout):
        texts += [s for s in _strings(b) if len(s) < 300]
    assert len(texts) > 200
    for text in texts:
        t = Normalised(text).text
        assert mentions(t) == regex_test_mentions(t), text


def _strings(module):
    out = []

    def walk(x):
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                walk(v)
    for name in dir(module):
        if not name.startswith("_"):
            walk(getattr(module, name))
    return out


def test_numbers_kept_as_strings_by_another_extractor_are_read_as_numbers():
    text = "I'm 31, ielts 8 7 7 7, 3 years here"
    stringly = [{**e, "value": str(e["value"])} for e in find_entities(text)]
    assert parsing.extract(text, None, {}, None, stringly) == parsing.extract(text, None, {}, None)


@pytest.mark.parametrize("text,scores,date", [
    ("I did the CELPIP general test, I got 9 in listening, 11 in reading, 8 in writing and 12 in speaking, "
     "I took it on October 22, 2025", [9, 11, 8, 12], "2025-10-22"),
    ("my CELPIP: L11 R9 W10 S9, 14 December, 2025", [11, 9, 10, 9], "2025-12-14"),
    ("CELPIP General, eleven, ten, six and seven, December, 2025", [11, 10, 6, 7], "2025-12-01"),
    ("pte, L: 48, R: 85, W: 59, S: 59, 2025-04-22", [48, 85, 59, 59], "2025-04-22"),
    ("CLB, 9 in all, March 2025", [9], "2025-03-01"),
    ("NCLC, four in everything, in April of 2026", [4], "2026-04-01"),
    ("NCLC 7, 22/06/2026", [7], "2026-06-22"),
])
def test_a_test_its_scores_and_its_date_in_one_answer(text, scores, date):
    """The answer to "Which test did you take, your four scores and the test date?" in the forms people write it:
    the comma of "October 22, 2025" is inside the date, one level after the test's name is for all four."""
    found = ents(text)
    assert [e[1] for e in found if e[0] == "score"] == scores
    assert [(e[1], e[3]) for e in found if e[0] == "date"] == [(date, "1")]
    assert not [e for e in found if e[0] == "age"]


def test_a_labelled_score_in_a_test_answer_is_not_an_age():
    values, _ = parsing.extract("pte, L: 36, R: 86, W: 88, S: 42, 08/2026", "first_language_test", {"age": 24},
                                "inform")
    assert "age" not in values and values["first_language_listening"] == 36


@pytest.mark.parametrize("text,amounts", [
    ("29, single, 4 years of work experience", ["4 years"]), ("worked 5 years", ["5 years"]),
    ("18 months of full-time work", ["18 months"]), ("4 years of work experience in Canada", []),
    ("3 years in canada and 2 abroad", []), ("she has 2 years of experience", []), ("no work experience", []),
    ("I am 29 years old", []), ("a 3 year degree", []),
])
def test_work_told_without_a_place(text, amounts):
    from understanding.rules import placeless_work

    assert placeless_work(Normalised(text).text) == amounts
