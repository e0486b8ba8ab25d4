"""The language suggestion names the next score ON THE CANDIDATE'S OWN TEST that earns points.

Minimum scores come from IRCC's equivalency charts (IELTS General Training, CELPIP-General, PTE Core,
TEF Canada, TCF Canada), typed here by hand; CRS points from the published grid (single column).
"""
import pytest

from express_entry.advice import advise
from tests.advice.helpers import ON, check_advice, ielts, levels


def single(first, second=None, on=ON, **more):
    p = {"assessed_on": on, "age": 29, "marital_status": "single", "education": "bachelors", "first_language": first}
    if second:
        p["second_language"] = second
    p.update(more)
    return p


def ability_suggestion(adv, field, ability):
    hits = [s for s in adv["suggestions"]
            if s["kind"] == "language" and list(s["change"]) == [field] and f" {ability} " in s["title"]
            and "all four" not in s["title"]]
    assert len(hits) == 1, [s["title"] for s in adv["suggestions"]]
    return hits[0]


CASES = [
    # IELTS reading 6.0 = CLB 7 -> 6.5 = CLB 8: 17 -> 23 (+6); still not CLB 9 in all four.
    ("ielts reading", single(ielts(8.0, 6.0, 7.0, 7.0)), "first_language", "reading", 6.5, 6,
     "IELTS reading 6.0 → 6.5"),
    # IELTS listening 4.5 = CLB 4; 5.0 = CLB 5 earns the same 6 points; 5.5 = CLB 6 earns 9 (+3).
    ("ielts listening below 5", single(ielts(4.5, 7.0, 7.0, 7.0)), "first_language", "listening", 5.5, 3,
     "IELTS listening 4.5 → 5.5"),
    # IELTS writing 5.5 = CLB 6 (9) -> 6.0 = CLB 7 (17): +8; all four now CLB 7+ (9 elsewhere):
    # bachelor's x CLB 7+ = 13.
    ("ielts writing to clb 7", single(ielts(8.0, 7.0, 5.5, 7.0)), "first_language", "writing", 6.0, 8 + 13,
     "IELTS writing 5.5 → 6.0"),
    # CELPIP speaking 8 -> 9: CLB 8 (23) -> 9 (31) = +8, and CLB 9 in all four lifts bachelor's x language 13 -> 25.
    ("celpip speaking", single({"test": "celpip", "listening": 9, "reading": 9, "writing": 9, "speaking": 8}),
     "first_language", "speaking", 9, 8 + 12, "CELPIP speaking 8 → 9"),
    # PTE Core listening 75 = CLB 8 (71-81) -> 82 = CLB 9 (82-88): +8 +12.
    ("pte listening", single({"test": "pte", "listening": 75, "reading": 80, "writing": 88, "speaking": 84}),
     "first_language", "listening", 82, 20, "PTE Core listening 75 → 82"),
    # TEF Canada as a second language: reading 440 = NCLC 7 (3 points); NCLC 8 (462) still 3; NCLC 9 (503) 6 -> +3.
    ("tef second language", single(ielts(8.0, 7.0, 7.0, 7.0),
                                   {"test": "tef", "listening": 503, "reading": 440, "writing": 512, "speaking": 518}),
     "second_language", "reading", 503, 3, "TEF Canada reading 440 → 503"),
    # TCF Canada as the only (first) language: speaking 10 = NCLC 7 (17) -> 12 = NCLC 8 (23): +6.
    ("tcf speaking", single({"test": "tcf", "listening": 523, "reading": 524, "writing": 14, "speaking": 10}),
     "first_language", "speaking", 12, 6, "TCF Canada speaking 10 → 12"),
    # Levels given directly: CLB 8 -> 9 in speaking, +8 and CLB 9 in all four: +12.
    ("clb direct", single({"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 8}),
     "first_language", "speaking", 9, 20, "CLB speaking 8 → 9"),
]


@pytest.mark.parametrize("name,profile,field,ability,new_score,gain,title", CASES, ids=[c[0] for c in CASES])
def test_next_score_on_own_test(name, profile, field, ability, new_score, gain, title):
    adv = advise(profile)
    check_advice(profile, adv)
    s = ability_suggestion(adv, field, ability)
    new = s["change"][field]
    assert new["test"] == profile[field]["test"]
    assert new[ability] == new_score
    for other in ("listening", "reading", "writing", "speaking"):
        if other != ability:
            assert new[other] == profile[field][other]
    assert s["gain"] == gain
    assert title in s["title"]


def test_all_four_to_clb9_on_ielts():
    # IELTS L7.5 R6.5 W6.5 S6.5 = CLB 8 in all four: 4 x 23 = 92, bachelor's x CLB 7+ = 13 -> 110+120+92+13 = 335.
    p = single(ielts(7.5, 6.5, 6.5, 6.5))
    adv = advise(p)
    check_advice(p, adv)
    assert adv["total"] == 335
    # CLB 9 in all four = L8.0 R7.0 W7.0 S7.0: 4 x 31 = 124, transferability 25 -> 379
    hits = [s for s in adv["suggestions"] if s["change"] == {"first_language": ielts(8.0, 7.0, 7.0, 7.0, taken_on=ON)}]
    assert len(hits) == 1 and hits[0]["new_total"] == 379
    assert "CLB 9" in hits[0]["title"] and "all four" in hits[0]["title"]


def test_expired_result_suggests_taking_the_test_again():
    # Taken 2024-05-01: expired on 2026-05-01, so no language points and no language-based transferability:
    # 110 + 120 = 230; the same scores on a new test give 379 back.
    p = single(ielts(8.0, 7.0, 7.0, 7.0, taken_on="2024-05-01"))
    adv = advise(p)
    check_advice(p, adv)
    assert adv["total"] == 230
    s = [s for s in adv["suggestions"] if s["kind"] == "expired_result"]
    assert len(s) == 1
    assert s[0]["change"] == {"first_language": ielts(8.0, 7.0, 7.0, 7.0, taken_on=ON)}
    assert s[0]["gain"] == 149


def test_tef_retake_on_the_current_scale_keeps_the_other_levels():
    # Assessed 2024-06-01 on a TEF Canada result taken 2023-06-01 (2019-10-01..2023-12-10 scale: NCLC 9 = 533-565,
    # NCLC 7 = 450-499). A retake is scored on the current scale (after 2023-12-10), where 560 would read NCLC 10
    # in listening (546+), reading (546+) and writing (558+): the suggestion keeps them at NCLC 9 with the
    # current scale's minimums (listening 503, reading 503, writing 512) and raises speaking to NCLC 8 (494).
    p = single({"test": "tef", "listening": 560, "reading": 560, "writing": 560, "speaking": 460,
                "taken_on": "2023-06-01"}, on="2024-06-01")
    adv = advise(p)
    check_advice(p, adv)
    s = ability_suggestion(adv, "first_language", "speaking")
    assert s["change"]["first_language"] == {"test": "tef", "listening": 503, "reading": 503, "writing": 512,
                                             "speaking": 494, "taken_on": "2024-06-01"}
    assert s["gain"] == 6  # NCLC 7 (17) -> 8 (23), single


def test_no_ability_suggestion_at_the_top_level():
    # CLB 10 in all four earns the maximum: no language retake can add anything.
    p = single(levels("clb", 10))
    adv = advise(p)
    check_advice(p, adv)
    assert not [s for s in adv["suggestions"] if "first_language" in s["change"]]


def test_french_speaker_is_offered_english():
    # TEF Canada NCLC 9 in all four (L503 R503 W512 S518) as the only result, single, 29, bachelor's:
    # 110 + 120 + 4 x 31 + bachelor's x CLB 9+ 25 + French bonus without English 25 = 404.
    # English as a second language (IELTS minimums): CLB 5 (L5.0 R4.0 W5.0 S5.0) 4 x 1, bonus 25 -> 50: +29;
    # CLB 7 (6.0 all) 4 x 3 + 25 = +37; CLB 9 (L8.0 R7.0 W7.0 S7.0) 4 x 6 + 25 = +49.
    tef = {"test": "tef", "listening": 503, "reading": 503, "writing": 512, "speaking": 518}
    p = single(tef)
    adv = advise(p)
    check_advice(p, adv)
    assert adv["total"] == 404
    for scores, gain in (((5.0, 4.0, 5.0, 5.0), 29), ((6.0, 6.0, 6.0, 6.0), 37), ((8.0, 7.0, 7.0, 7.0), 49)):
        hits = [s for s in adv["suggestions"] if s["change"] == {"second_language": ielts(*scores, taken_on=ON)}]
        assert len(hits) == 1 and hits[0]["gain"] == gain and hits[0]["kind"] == "english"
    assert not [s for s in adv["suggestions"] if s["kind"] == "french"]


def test_english_ability_below_clb5_halves_the_french_bonus():
    # IELTS CLB 9 except reading 3.5 (CLB 4), TEF NCLC 7 in all four as second language: French bonus 25 only.
    # Reading 3.5 -> 4.0 (CLB 5): first-language points stay 6, but the bonus rises to 50: +25.
    p = single(ielts(8.0, 3.5, 7.0, 7.0),
               {"test": "tef", "listening": 434, "reading": 434, "writing": 428, "speaking": 456})
    adv = advise(p)
    check_advice(p, adv)
    s = ability_suggestion(adv, "first_language", "reading")
    assert s["change"]["first_language"]["reading"] == 4.0
    assert s["gain"] == 25
