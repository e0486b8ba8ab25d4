"""what_if: any partial change, the difference part by part and factor by factor, and program changes."""
import pytest

from express_entry import ProfileError
from express_entry.advice import what_if
from tests.advice.helpers import BASE, ON


def test_one_year_of_canadian_work():
    w = what_if(BASE, {"canadian_work_years": 1})
    assert w["before"]["total"] == 379 and w["after"]["total"] == 432
    # +40 core (Canadian work), +13 transferability (bachelor's x 1 year Canadian work)
    assert w["difference"] == {"total": 53, "core": 40, "spouse": 0, "transferability": 13, "additional": 0}
    changed = {f["factor"]: f["difference"] for f in w["factors"] if f["difference"]}
    assert sum(changed.values()) == 53
    assert 40 in changed.values() and 13 in changed.values()
    assert set(w["programs"]) == {"cec", "fsw", "fst"}
    for v in w["programs"].values():
        assert v["changed"] == (v["before"] != v["after"])


def test_french_nclc7():
    tef = {"test": "tef", "listening": 434, "reading": 434, "writing": 428, "speaking": 456, "taken_on": ON}
    w = what_if(BASE, {"second_language": tef})
    assert w["difference"] == {"total": 62, "core": 12, "spouse": 0, "transferability": 0, "additional": 50}


def test_null_removes_a_field():
    w = what_if(BASE, {"first_language": None})
    # no language: 110 + 120 and nothing else
    assert w["after"]["total"] == 230
    assert w["difference"]["total"] == -149


def test_nested_object_replaced_whole():
    # only listening given in the change: the other abilities are gone (the result is replaced whole)
    w = what_if(BASE, {"first_language": {"test": "ielts", "listening": 8.5}})
    # listening CLB 10 = 34 points, the rest 0; no transferability (not all four at CLB 7+)
    assert w["after"]["total"] == 110 + 120 + 34


def test_bad_change_names_the_field():
    with pytest.raises(ProfileError) as e:
        what_if(BASE, {"first_language": {"test": "ielts", "listening": 12}})
    assert e.value.field == "first_language.listening"
    with pytest.raises(ProfileError) as e:
        what_if(BASE, {"age": -3})
    assert e.value.field == "age"
    with pytest.raises(ProfileError) as e:
        what_if(BASE, ["age", 30])
    assert e.value.field == "change"
