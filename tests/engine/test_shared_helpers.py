"""Helpers shared by the CRS, the programs and assess (one piece of code per rule)."""
import pytest

from express_entry.profile import accompanying_spouse
from express_entry.rules import step_list


def test_step_list_reads_rows_from_their_first_value():
    assert step_list({0: 0, 2: 11, 4: 13}, 6) == [0, 0, 11, 11, 13, 13, 13]
    assert step_list({"1": "a", "3": "b"}, 4) == [None, "a", "a", "b", "b"]
    with pytest.raises(ValueError):
        step_list({0: 1, 9: 2}, 5)


@pytest.mark.parametrize("profile,expected", [
    ({}, (None, ["marital_status"])),
    ({"marital_status": "single"}, (False, [])),
    ({"marital_status": "divorced", "spouse_accompanying": True}, (False, [])),
    ({"marital_status": "married"}, (None, ["spouse_accompanying", "spouse_canadian"])),
    ({"marital_status": "common_law", "spouse_accompanying": True}, (None, ["spouse_canadian"])),
    ({"marital_status": "married", "spouse_accompanying": False}, (False, [])),
    ({"marital_status": "married", "spouse_canadian": True}, (False, [])),
    ({"marital_status": "married", "spouse_accompanying": True, "spouse_canadian": False}, (True, [])),
])
def test_accompanying_spouse(profile, expected):
    assert accompanying_spouse(profile) == expected


def test_french_canadian_number_money_and_date_formats():
    from express_entry.vocabulary import count_text, long_date, money_text
    nbsp = "\u00a0"
    assert count_text(1560, "fr") == f"1{nbsp}560" and count_text(1560) == "1,560"
    assert money_text(15263, "fr") == f"15{nbsp}263{nbsp}$" and money_text(15263.0) == "$15,263"
    assert count_text(6.5, "fr") == "6,5" and count_text(6.5) == "6.5"
    assert long_date("2027-03-03", "fr") == "3 mars 2027" and long_date("2027-03-01", "fr") == "1er mars 2027"
    assert long_date("2027-03-03") == "3 March 2027"
