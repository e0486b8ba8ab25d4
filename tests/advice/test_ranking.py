"""Suggestions for one worked profile, every number computed by hand from the published CRS grid."""
import pytest

from express_entry.advice import advise
from tests.advice.helpers import BASE, BASE_TOTAL, ON, by_change, check_advice, find, ielts, total_of


@pytest.fixture(scope="module")
def adv():
    return advise(BASE)


def test_base_total_is_the_published_golden_case(adv):
    assert total_of(BASE) == BASE_TOTAL
    assert adv["total"] == BASE_TOTAL
    assert adv["ruleset"] == "2025-03-25"


def test_contract_invariants(adv):
    check_advice(BASE, adv)


def test_sorted_by_gain_largest_first(adv):
    gains = [s["gain"] for s in adv["suggestions"]]
    assert gains == sorted(gains, reverse=True)
    assert adv["suggestions"][0]["change"] == {"provincial_nomination": True}


@pytest.mark.parametrize("change,new_total", [
    # nomination: +600 additional -> 979 (published golden case)
    ({"provincial_nomination": True}, 979),
    # one year of Canadian work: +40 core, education x Canadian work 13 -> 432 (published golden case)
    ({"canadian_work_years": 1, "canadian_work_months_last_3_years": 12}, 432),
    # master's: education 120 -> 135, transferability row 25 -> 50 => +40
    ({"education": "masters"}, 419),
    # two or more credentials: 120 -> 128, transferability 25 -> 50 => +33
    ({"education": "two_or_more"}, 412),
    # Canadian study: +30 / +15 additional
    ({"canadian_education": "three_year_or_more"}, 409),
    ({"canadian_education": "one_or_two_year"}, 394),
    # one year of foreign work: foreign work x CLB 9+ = 25
    ({"foreign_work_years": 1}, 404),
])
def test_single_changes(adv, change, new_total):
    s = by_change(adv, change)
    assert s["new_total"] == new_total
    assert s["gain"] == new_total - BASE_TOTAL


@pytest.mark.parametrize("level,scores,new_total", [
    # TEF Canada (tests after 2023-12-10) minimums: NCLC 5 L352 R352 W330 S387 -> second language 4 x 1
    (5, {"listening": 352, "reading": 352, "writing": 330, "speaking": 387}, 383),
    # NCLC 7 L434 R434 W428 S456 -> second language 4 x 3 = 12, French bonus with CLB 5+ English 50
    (7, {"listening": 434, "reading": 434, "writing": 428, "speaking": 456}, 441),
    # NCLC 9 L503 R503 W512 S518 -> 4 x 6 = 24, bonus 50
    (9, {"listening": 503, "reading": 503, "writing": 512, "speaking": 518}, 453),
])
def test_adding_french_names_the_real_tef_minimums(adv, level, scores, new_total):
    s = by_change(adv, {"second_language": {"test": "tef", **scores, "taken_on": ON}})
    assert s["new_total"] == new_total
    assert s["kind"] == "french"
    assert f"NCLC {level}" in s["title"]


@pytest.mark.parametrize("ability,new_score", [
    # IELTS General Training, CLB 10: listening 8.5, reading 8.0, writing 7.5, speaking 7.5
    ("listening", 8.5), ("reading", 8.0), ("writing", 7.5), ("speaking", 7.5),
])
def test_next_ielts_score_per_ability(adv, ability, new_score):
    result = dict(BASE["first_language"], taken_on=ON)
    result[ability] = new_score
    s = by_change(adv, {"first_language": result})
    assert s["gain"] == 3  # CLB 9 -> 10: 31 -> 34 (single)
    assert f"IELTS {ability} {BASE['first_language'][ability]:.1f} → {new_score:.1f}" in s["title"]


def test_clb10_in_all_four_is_the_published_391(adv):
    s = by_change(adv, {"first_language": ielts(8.5, 8.0, 7.5, 7.5, taken_on=ON)})
    assert s["new_total"] == 391


def test_no_suggestion_for_things_out_of_reach_or_worthless(adv):
    # a certificate of qualification is offered only to people in a trade
    assert not find(adv, lambda s: "certificate_of_qualification" in s["change"])
    # no spouse, so no spouse changes
    assert not find(adv, lambda s: any(k.startswith("spouse") for k in s["change"]))


def test_combinations_beat_every_single_change_but_the_nomination(adv):
    singles = [s for s in adv["suggestions"] if s["kind"] != "combination"]
    best = max(s["gain"] for s in singles if s["kind"] != "nomination")
    combos = find(adv, lambda s: s["kind"] == "combination")
    assert combos
    for c in combos:
        assert c["gain"] > best
        assert len(c["parts"]) == 2
        assert "provincial_nomination" not in c["change"]
    # French NCLC 9 (+74) and a year of Canadian work (+53) do not interact: +127 -> 506
    both = {"second_language": {"test": "tef", "listening": 503, "reading": 503, "writing": 512, "speaking": 518,
                                "taken_on": ON},
            "canadian_work_years": 1, "canadian_work_months_last_3_years": 12}
    assert by_change(adv, both)["new_total"] == 506


def test_effort_and_notes(adv):
    assert by_change(adv, {"canadian_work_years": 1, "canadian_work_months_last_3_years": 12})["effort"] == "year+"
    assert by_change(adv, {"provincial_nomination": True})["effort"] == "months"
    for s in adv["suggestions"]:
        assert s["note"].strip()
        assert s["title"].strip()


def test_every_suggestion_names_an_official_source(adv):
    for s in adv["suggestions"]:
        assert s["source"].startswith("https://www.canada.ca/"), s
