"""Shared helpers for the advice tests.

Expected values in these tests are worked by hand from IRCC's published CRS grid and language
equivalency charts (see the comments next to each case), never computed from the engine's data files.
"""
from express_entry import assess
from express_entry.advice import merge

ON = "2026-06-01"  # under the 2025-03-25 CRS (before the unmodelled 2026-11-03 change)
ABILITIES = ("listening", "reading", "writing", "speaking")


def ielts(listening, reading, writing, speaking, **extra):
    return {"test": "ielts", "listening": listening, "reading": reading, "writing": writing,
            "speaking": speaking, **extra}


def levels(test, level, **extra):
    return {"test": test, **{a: level for a in ABILITIES}, **extra}


# Single, 29, bachelor's, IELTS L8.0 R7.0 W7.0 S7.0 (CLB 9 in all four):
# age 110 + education 120 + language 4 x 31 + transferability (bachelor's x CLB 9+) 25 = 379.
BASE = {"assessed_on": ON, "age": 29, "marital_status": "single", "education": "bachelors",
        "first_language": ielts(8.0, 7.0, 7.0, 7.0)}
BASE_TOTAL = 379


def total_of(profile):
    return assess(profile)["crs"]["total"]


def check_advice(profile, advice):
    """The contract's promises about an advice result, re-checked with the engine."""
    total = total_of(profile)
    assert advice["total"] == total
    gains = [s["gain"] for s in advice["suggestions"]]
    assert gains == sorted(gains, reverse=True), "suggestions must be sorted by gain, largest first"
    for s in advice["suggestions"]:
        assert s["gain"] > 0, s
        assert s["gain"] == s["new_total"] - total, s
        assert total_of(merge(profile, s["change"])) == s["new_total"], s
        assert s["effort"] in ("weeks", "months", "year+", "not in your control"), s
        assert isinstance(s["note"], str)
    for x in advice["losses_ahead"]:
        assert total - total_of(merge(profile, x["change"])) == x["loss"], x
        assert len(x["on"]) == 10
        assert not _has_null(x["change"]), x
    for s in advice["suggestions"]:
        # in the contract's vocabulary: no nulls, so that any implementation can merge it
        assert not _has_null(s["change"]), s
    for x in advice.get("information", []):
        assert total_of(merge(profile, x["change"])) == x["new_total"], x
        assert x["difference"] == x["new_total"] - total


def _has_null(value):
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_has_null(v) for v in value.values())
    return False


def find(advice, predicate):
    return [s for s in advice["suggestions"] if predicate(s)]


def by_change(advice, change):
    hits = [s for s in advice["suggestions"] if s["change"] == change]
    assert hits, f"no suggestion with change {change}; got {[s['change'] for s in advice['suggestions']]}"
    assert len(hits) == 1
    return hits[0]
