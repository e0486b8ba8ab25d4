"""Bounded work per message in the actions: the patterns are linear in their input, numbers are
parsed with bounds, and any text gets a value or a friendly error, never an exception.

The time limits are generous and count this process's CPU time, not the wall clock (on a loaded 2-core machine
the wall clock also counts the other processes): the quadratic versions took minutes on these inputs (12,000
digits held the action server for 33 s)."""
import re
import time

import pytest

from actions import fields, parsing
from understanding import limits, rules
from understanding.text import as_number, normalise, numbers

HOSTILE = {
    "digits": "1" * 20_000, "digits and spaces": "1 " * 10_000, "spaces": "all" + " " * 20_000 + "x",
    "label and spaces": "l" + " " * 20_000 + "x", "word": "a" * 20_000, "emoji": "😀" * 20_000,
    "sentence": "I am 29 years old and married. " * 700, "dots": "1." * 10_000, "newlines": "\n" * 20_000,
    "what noc": "noc for " + " " * 20_000 + "x", "all": "9 in " * 4000, "decimal": "0." + "5" * 20_000,
}


def timed(fn, *args):
    start = time.process_time()
    result = fn(*args)
    return time.process_time() - start, result


@pytest.mark.parametrize("text", ["1" * 50_000, "1" * 50_000 + " in", "all" + " " * 50_000 + "x"])
def test_the_all_scores_pattern_is_linear(text):
    elapsed, _ = timed(rules._ALL_RE.search, text)
    assert elapsed < 1.0, elapsed


def test_the_labelled_score_pattern_is_linear():
    elapsed, _ = timed(rules._LABEL_RE.findall, "l" + " " * 50_000 + "x")
    assert elapsed < 1.0, elapsed


def test_the_noc_title_clean_up_is_linear():
    pattern = re.compile(r"(?i)(?<!\s)[,?.!]?\s*(what('s| is) (my|the) (noc|teer)( code)?( is that)?|what noc is that)"
                         r"\s*[?.!]*$")
    import inspect

    import actions.actions as module

    assert pattern.pattern.split("(what")[0] + "(what" in inspect.getsource(module)  # the pattern in use
    elapsed, _ = timed(pattern.sub, "", "nurse" + " " * 50_000 + "x")
    assert elapsed < 1.0, elapsed
    assert pattern.sub("", "registered nurse, what is my noc?") == "registered nurse"


def test_bounded_caps_length_digits_and_whitespace():
    out = limits.bounded("x" * 10_000)
    assert len(out) == limits.MAX_TEXT_CHARS
    assert limits.bounded("age " + "7" * 400) == "age " + limits.TOO_BIG
    assert limits.bounded("a   \t b\n\n  c") == "a b\nc"
    assert limits.bounded("30000 and 1.5") == "30000 and 1.5"


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_any_text_for_any_question_gives_values_or_errors_quickly(name):
    text = HOSTILE[name]
    slowest = 0.0
    for requested in [None] + list(fields.KIND):
        elapsed, (values, errors) = timed(parsing.extract, text, requested, {}, None)
        slowest = max(slowest, elapsed)
        for value in values.values():
            assert not isinstance(value, float) or value == value and abs(value) != float("inf")
    assert slowest < 2.0, (name, slowest)


@pytest.mark.parametrize("answer, slot", [("1" * 400, "age"), ("9" * 20_000, "canadian_work_years"),
                                          ('/inform{"choice": 1e999}', "canadian_work_years"),
                                          ('/inform{"choice": "nan"}', "age"), ("1e400 years", "foreign_work_years")])
def test_huge_numbers_are_refused_with_a_message_not_an_overflow(answer, slot):
    values, errors = parsing.extract(answer, slot, {}, None)
    assert slot not in values
    assert slot in errors or values == {}


def test_the_original_overflow_is_gone():
    assert numbers(normalise("1" * 400)) == [float(limits.TOO_BIG)]
    with pytest.raises(ValueError):
        as_number(float("inf"))
