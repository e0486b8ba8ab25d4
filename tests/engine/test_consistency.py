"""One home per concept: rule values live in the rulesets, vocabulary in express_entry/vocabulary.py, and the
assistant's form asks exactly what the engine needs.

The source scans read the project's Python code (engine, actions, connectors) and fail when a copy of a rule
value or of a vocabulary item appears outside its home. The form test walks the form as a user would (every
question answered) and checks that the engine then has nothing left to ask for.
"""
import ast
import datetime as dt
import pathlib
import random
import re

import pytest

from express_entry import assess, vocabulary
from express_entry.crs import part_maxima
from express_entry.noc import unit_groups
from express_entry.profile import FIELDS
from express_entry.programs import is_skilled_trade
from express_entry.rules import ruleset_for

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCES = sorted(p for d in ("express_entry", "understanding", "common", "actions", "connectors")
                 for p in (ROOT / d).rglob("*.py"))
VOCABULARY = ROOT / "express_entry" / "vocabulary.py"
ABILITY_NAMES = set(vocabulary.ABILITIES)


def _strings_and_tuples(path):
    """(line, kind, value) of every string constant and every tuple/list literal of strings in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List)) and node.elts and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            yield node.lineno, "sequence", tuple(e.value for e in node.elts)
        elif isinstance(node, ast.Dict) and node.keys and all(
                isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys):
            yield node.lineno, "mapping", {k.value: (v.value if isinstance(v, ast.Constant) else None)
                                           for k, v in zip(node.keys, node.values)}


def _offenders(test):
    out = []
    for path in SOURCES:
        if path == VOCABULARY:
            continue
        for line, kind, value in _strings_and_tuples(path):
            if test(kind, value):
                out.append(f"{path.relative_to(ROOT)}:{line}")
    return out


def test_the_abilities_are_listed_only_in_the_vocabulary():
    assert _offenders(lambda kind, v: kind == "sequence" and set(v) == ABILITY_NAMES) == []


def test_tests_education_and_marital_statuses_are_listed_only_in_the_vocabulary():
    homes = [set(vocabulary.LANGUAGE_TESTS), set(vocabulary.EDUCATION_LEVELS), set(vocabulary.MARITAL_STATUSES)]

    def copy(kind, v):
        return kind == "sequence" and len(set(v)) >= 3 and any(set(v) == home for home in homes)

    assert _offenders(copy) == []


def test_labels_of_tests_and_education_only_in_the_vocabulary():
    def labels(kind, v):
        return kind == "mapping" and ({"ielts", "celpip"} <= set(v) or {"bachelors", "masters"} <= set(v)) \
            and all(isinstance(x, str) for x in v.values())

    assert _offenders(labels) == []


def test_no_trade_list_outside_the_ruleset():
    groups = {str(g["group"]) for part in ("include", "exclude")
              for g in ruleset_for(dt.date.today()).table("fst_trades")[part]}

    def trade_list(kind, v):
        return kind == "sequence" and len(set(v) & groups) >= 2

    assert _offenders(trade_list) == []


def test_no_part_maxima_outside_the_ruleset():
    maxima = part_maxima()
    numbers = {maxima["core"], maxima["spouse"], maxima["transferability"], maxima["additional"]}
    pattern = re.compile(r"\{[^{}]*\b(" + "|".join(str(n) for n in numbers) + r")\b[^{}]*\}")
    found = []
    for path in SOURCES:
        for line in path.read_text(encoding="utf-8").splitlines():
            m = pattern.search(line)
            if m and len({int(x) for x in re.findall(r"\b\d+\b", m.group(0))} & numbers) >= 3:
                found.append(f"{path.relative_to(ROOT)}: {line.strip()}")
    assert found == []


# Sentences that once stated a rule value in code (issue 8): each must now be a template filled from the ruleset.
STALE = [r"\b15 points\b", r"since 25 March 2025", r"\b50 or 200\b", r"\b50 CRS points\b", r"removed on 2025-03-25",
         r"\badds 600 points\b", r"\bits 600 points\b", r"\b25 or 50 additional\b", r"\bup to 20 points\b",
         r"count for 2 years", r"\b9\+ in all four\b", r"\b7\+ in all four\b"]


@pytest.mark.parametrize("pattern", STALE)
def test_no_rule_value_typed_into_prose(pattern):
    found = [f"{p.relative_to(ROOT)}" for p in SOURCES if re.search(pattern, p.read_text(encoding="utf-8"))]
    assert found == []


def test_the_form_asks_about_a_trade_exactly_for_the_engines_trades():
    from actions.fields import required_slots

    base = {"wants_eligibility": True, "age": 30, "marital_status": "single"}
    for code in sorted(unit_groups()):
        asked = "trade_work_years_last_5" in required_slots(dict(base, noc_code=code))
        assert asked == is_skilled_trade(code), code
    assert is_skilled_trade("62200") and not is_skilled_trade("72600") and not is_skilled_trade("93200")


# ------------------------------------------------------------------------------ the form and the engine

NOCS = ["21231", "62200", "72600", "72310", "65201", "00012", "93100", "unknown"]


def _answer(slot, kind, slots, r):
    """A random answer a user could give to ``slot`` (internal markers "none"/"unknown" included)."""
    if kind == "age":
        return r.randint(18, 55)
    if kind == "marital":
        return r.choice(vocabulary.MARITAL_STATUSES)
    if kind in ("bool",):
        return r.random() < 0.5
    if kind == "education":
        return r.choice(vocabulary.EDUCATION_LEVELS)
    if kind == "canadian_education":
        return r.choice(vocabulary.CANADIAN_EDUCATION)
    if kind == "years":
        return r.randint(0, 5)
    if kind == "months":
        return min(36, 12 * (slots.get("canadian_work_years") or 0) - r.randint(0, 11))
    if kind == "noc":
        return r.choice(NOCS)
    if kind == "teer":
        return r.randint(0, 5)
    if kind == "test":
        group = slot[: -len("_test")]
        if group == "second_language":
            first = slots.get("first_language_test")
            other = vocabulary.FRENCH_TESTS if first in vocabulary.ENGLISH_TESTS else vocabulary.ENGLISH_TESTS
            return r.choice(("none", "clb" if "clb" in other else "nclc"))
        if group == "spouse_language":
            return r.choice(("none", "clb", "ielts"))
        return r.choice(("clb", "nclc", "ielts"))
    if kind == "score":
        group = slot.rsplit("_", 1)[0]
        test = slots[f"{group}_test"]
        return r.randrange(8, 19) / 2 if test == "ielts" else r.randint(3, 12)
    if kind == "date":
        return r.choice(("2025-09-01", "unknown"))
    if kind == "money":
        return r.choice((0, 20000, 60000))
    if kind == "count":
        return r.randint(2 if slots.get("marital_status") in vocabulary.PARTNERED else 1, 4)
    raise AssertionError(f"no answer for {slot} ({kind})")


def _walk_form(r, eligibility):
    from actions.fields import KIND, required_slots

    slots = {"wants_eligibility": eligibility}
    while True:
        todo = [s for s in required_slots(slots) if s not in slots and s != "profile_confirmed"]
        if not todo:
            return slots
        slot = todo[0]
        slots[slot] = _answer(slot, KIND[slot], slots, r)


@pytest.mark.parametrize("eligibility", [True, False])
def test_a_completed_form_leaves_the_engine_nothing_to_ask(eligibility):
    from actions.fields import ELIGIBILITY_SLOTS, PROFILE_SLOTS, build_profile

    assert set(PROFILE_SLOTS) - {f"{g}_{x}" for g in ("first_language", "second_language", "spouse_language")
                                 for x in ("test", "taken_on") + vocabulary.ABILITIES} <= set(FIELDS)
    r = random.Random(8)
    for _ in range(150):
        slots = _walk_form(r, eligibility)
        profile = dict(build_profile(slots), assessed_on="2026-06-01")
        missing = assess(profile)["missing"]
        fields = {m.split(".")[0] for m in missing}
        if eligibility:
            # everything the form skipped with "I don't know" is the only thing left, and the engine says so
            assert fields <= {"noc_code"} if slots.get("noc_code") == "unknown" else fields == set(), (slots, missing)
        else:
            assert fields <= set(ELIGIBILITY_SLOTS), (slots, missing)
