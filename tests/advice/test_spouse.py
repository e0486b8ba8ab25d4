"""Spouse factors, the spouse as principal applicant, and the accompanying spouse (information, never advice)."""
from express_entry.advice import advise
from tests.advice.helpers import BASE, ON, by_change, check_advice, find, ielts

MARRIED = {**BASE, "marital_status": "married", "spouse_accompanying": True, "spouse_canadian": False}


def test_spouse_language_added_with_ielts_minimums():
    # With spouse, no spouse data: 100 + 112 + 4 x 29 + 25 = 353 (published golden case).
    adv = advise(MARRIED)
    check_advice(MARRIED, adv)
    assert adv["total"] == 353
    # spouse's language: CLB 5-6 = 1, CLB 7-8 = 3, CLB 9+ = 5 per ability.
    # IELTS minimums: CLB 5 L5.0 R4.0 W5.0 S5.0; CLB 7 all 6.0; CLB 9 L8.0 R7.0 W7.0 S7.0.
    for scores, gain in (((5.0, 4.0, 5.0, 5.0), 4), ((6.0, 6.0, 6.0, 6.0), 12), ((8.0, 7.0, 7.0, 7.0), 20)):
        s = by_change(adv, {"spouse_language": ielts(*scores, taken_on=ON)})
        assert s["gain"] == gain
        assert s["title"].startswith("Your spouse")
    # one year of Canadian work for the spouse: +5
    assert by_change(adv, {"spouse_canadian_work_years": 1})["gain"] == 5


def test_spouse_education_next_step():
    p = {**MARRIED, "spouse_education": "secondary"}
    adv = advise(p)
    check_advice(p, adv)
    # secondary (2) -> one-year program (6): +4
    assert by_change(adv, {"spouse_education": "one_year"})["gain"] == 4


def test_spouse_as_principal_applicant():
    # Candidate: 29, bachelor's, IELTS CLB 9. Spouse: master's, CELPIP L10 R9 W9 S9, no Canadian work.
    # As is (with spouse): 100 + 112 + 4 x 29 + 25 + spouse (master's 10 + language 4 x 5 = 20) = 383.
    # Swapped, spouse assumed 29 too: 100 + master's 126 + CELPIP 32 + 3 x 29 + master's x CLB 9+ 50
    # + spouse (bachelor's 8 + CLB 9 x 4 = 20) = 423.
    p = {**MARRIED, "spouse_education": "masters",
         "spouse_language": {"test": "celpip", "listening": 10, "reading": 9, "writing": 9, "speaking": 9}}
    adv = advise(p)
    check_advice(p, adv)
    assert adv["total"] == 383
    (s,) = find(adv, lambda s: s["kind"] == "spouse_principal")
    assert s["new_total"] == 423
    assert s["change"]["first_language"] == p["spouse_language"]
    assert s["change"]["spouse_language"] == p["first_language"]
    assert s["change"]["education"] == "masters" and s["change"]["spouse_education"] == "bachelors"
    assert any("same age" in a for a in s["assumptions"])
    assert "same age" in s["note"]
    # never combined with other changes
    assert not find(adv, lambda s: s["kind"] == "combination" and "spouse_education" in s["change"])


def test_no_principal_comparison_without_spouse_data():
    adv = advise({**MARRIED, "spouse_education": "masters"})  # no spouse language
    assert not find(adv, lambda s: s["kind"] == "spouse_principal")


def test_accompanying_spouse_is_information_never_advice():
    p = {**MARRIED, "spouse_education": "secondary"}
    adv = advise(p)
    assert not find(adv, lambda s: "spouse_accompanying" in s["change"] or "marital_status" in s["change"])
    (info,) = adv["information"]
    assert info["change"] == {"spouse_accompanying": False}
    # scored as single: 379 vs 353 + 2 (secondary) = 355
    assert adv["total"] == 355
    assert info["new_total"] == 379 and info["difference"] == 24
    assert "not advice" in info["note"] and "consequences" in info["note"]


def test_spouse_canadian_is_scored_single_without_spouse_suggestions():
    p = {**MARRIED, "spouse_canadian": True}
    adv = advise(p)
    check_advice(p, adv)
    assert adv["total"] == 379
    assert not find(adv, lambda s: any(k.startswith("spouse") for k in s["change"]))
    assert adv["information"] == []


def test_principal_comparison_with_a_second_language_is_information():
    # The candidate's French result cannot move to the spouse, and removing it is not a merge: information only.
    p = {**MARRIED, "spouse_education": "masters",
         "spouse_language": {"test": "celpip", "listening": 10, "reading": 9, "writing": 9, "speaking": 9},
         "second_language": {"test": "nclc", "listening": 7, "reading": 7, "writing": 7, "speaking": 7}}
    adv = advise(p)
    check_advice(p, adv)
    assert not find(adv, lambda s: s["kind"] == "spouse_principal")
    swap = [x for x in adv["information"] if x["title"] == "Your spouse as the principal applicant"]
    assert len(swap) == 1 and swap[0]["change"]["second_language"] is None


def test_odd_but_valid_profiles_get_exact_advice():
    # only a second language; a French-speaking spouse; spouse flags unknown (scored with spouse, as the engine
    # does); no first language at all
    ielts7 = ielts(6.0, 6.0, 6.0, 6.0)
    tef = {"test": "tef", "listening": 500, "reading": 500, "writing": 500, "speaking": 500}
    for p in ({"assessed_on": ON, "age": 30, "second_language": ielts7},
              {"assessed_on": ON, "age": 30, "second_language": tef},
              {"assessed_on": ON, "age": 30, "marital_status": "married", "spouse_education": "masters",
               "spouse_language": tef, "first_language": ielts7},
              {"assessed_on": ON, "age": 30, "marital_status": "married", "spouse_education": "masters",
               "spouse_language": {"test": "tef", "listening": 500}, "education": "bachelors"}):
        adv = advise(p)
        check_advice(p, adv)
        assert adv["suggestions"]
