"""Every cell of IRCC's language test equivalency charts, and the language rules.

Expected values typed in from IRCC's charts ("Language test equivalency
charts", canada.ca; reference rules section 2), independently of the engine's data.
For each chart row: the lowest score of the row gives that level and the score just
below it gives the level below.
"""
import datetime as dt

import pytest

from express_entry import ProfileError, assess
from express_entry.language import levels, min_score, score_steps
from express_entry.profile import validate

ON = dt.date(2026, 6, 1)
ABILITIES = ("speaking", "listening", "reading", "writing")

# level: (reading, writing, listening, speaking) lowest score of the row
IELTS = {10: (8.0, 7.5, 8.5, 7.5), 9: (7.0, 7.0, 8.0, 7.0), 8: (6.5, 6.5, 7.5, 6.5), 7: (6.0, 6.0, 6.0, 6.0),
         6: (5.0, 5.5, 5.5, 5.5), 5: (4.0, 5.0, 5.0, 5.0), 4: (3.5, 4.0, 4.5, 4.0)}
CELPIP = {lv: (lv, lv, lv, lv) for lv in range(4, 11)}
PTE = {10: (88, 90, 89, 89), 9: (78, 88, 82, 84), 8: (69, 79, 71, 76), 7: (60, 69, 60, 68), 6: (51, 60, 50, 59),
       5: (42, 51, 39, 51), 4: (33, 41, 28, 42), 3: (24, 32, 18, 34)}
TEF_2023 = {10: (546, 558, 546, 556), 9: (503, 512, 503, 518), 8: (462, 472, 462, 494), 7: (434, 428, 434, 456),
            6: (393, 379, 393, 422), 5: (352, 330, 352, 387), 4: (306, 268, 306, 328)}
TEF_2019 = {10: (566,) * 4, 9: (533,) * 4, 8: (500,) * 4, 7: (450,) * 4, 6: (400,) * 4, 5: (350,) * 4,
            4: (300,) * 4}
TEF_OLD = {10: (263, 393, 316, 393), 9: (248, 371, 298, 371), 8: (233, 349, 280, 349), 7: (207, 310, 249, 310),
           6: (181, 271, 217, 271), 5: (151, 226, 181, 226), 4: (121, 181, 145, 181)}
TCF = {10: (549, 16, 549, 16), 9: (524, 14, 523, 14), 8: (499, 12, 503, 12), 7: (453, 10, 458, 10),
       6: (406, 7, 398, 7), 5: (375, 6, 369, 6), 4: (342, 4, 331, 4)}
COLUMN = {"reading": 0, "writing": 1, "listening": 2, "speaking": 3}
STEP = {"ielts": 0.5}

CHARTS = [
    ("ielts", IELTS, None), ("celpip", CELPIP, None), ("pte", PTE, None),
    ("tef", TEF_2023, dt.date(2024, 9, 1)), ("tef", TEF_2019, dt.date(2021, 5, 1)),
    ("tef", TEF_OLD, dt.date(2019, 3, 1)), ("tcf", TCF, None),
]


def cells():
    for test, chart, taken in CHARTS:
        for level, row in chart.items():
            for ability, col in COLUMN.items():
                yield test, taken, ability, level, row[col]


def level_of(test, ability, score, taken=None):
    result = {"test": test, ability: score}
    if taken is not None:
        result["taken_on"] = taken
    on = (taken + dt.timedelta(days=30)) if taken else ON
    return levels(result, on).levels[ability]


@pytest.mark.parametrize("test,taken,ability,level,low", list(cells()))
def test_chart_cell(test, taken, ability, level, low):
    assert level_of(test, ability, low, taken) == level
    below = low - STEP.get(test, 1)
    if below >= 0:
        assert level_of(test, ability, below, taken) == level - 1


@pytest.mark.parametrize("score,level", [(10, 10), (11, 10), (12, 10), (9, 9), (4, 4), (3, 3), (0, 3)])
def test_celpip_top_and_bottom(score, level):
    # CELPIP 10-12 are CLB 10; below CELPIP 4 the chart gives no level ("CLB 3 or lower")
    assert level_of("celpip", "reading", score) == level


@pytest.mark.parametrize("score", [9.0, 8.5])
def test_ielts_top_of_scale(score):
    assert level_of("ielts", "listening", score) == 10


def test_ielts_examples_from_the_reference():
    # Listening 6.0, 6.5 and 7.0 are all CLB 7; reading 4.0 and 4.5 are CLB 5
    for s in (6.0, 6.5, 7.0):
        assert level_of("ielts", "listening", s) == 7
    for s in (4.0, 4.5):
        assert level_of("ielts", "reading", s) == 5


def test_golden_ielts_case_is_clb_10_in_all_four():
    r = levels({"test": "ielts", "listening": 8.5, "reading": 8.0, "writing": 7.5, "speaking": 7.5}, ON)
    assert r.levels == {"listening": 10, "reading": 10, "writing": 10, "speaking": 10}


@pytest.mark.parametrize("taken,want", [
    (dt.date(2019, 9, 30), 7),   # old scale: speaking 310-348 is NCLC 7
    (dt.date(2019, 10, 1), 4),   # 2019 scale: 300-349 is NCLC 4
    (dt.date(2023, 12, 10), 4),  # last day of the 2019 scale
    (dt.date(2023, 12, 11), 3),  # current scale: speaking under 328 is below NCLC 4
])
def test_tef_scale_chosen_by_test_date(taken, want):
    assert level_of("tef", "speaking", 320, taken) == want


def test_tef_without_date_uses_the_chart_in_force_on_the_assessment_date():
    assert levels({"test": "tef", "speaking": 460}, ON).levels["speaking"] == 7      # 2023 chart: 456-493
    assert levels({"test": "tef", "speaking": 460}, dt.date(2021, 1, 1)).levels["speaking"] == 7  # 450-499


def test_direct_levels():
    r = levels({"test": "nclc", "speaking": 11, "listening": 12, "reading": 0, "writing": 7}, ON)
    assert r.language == "french"
    assert r.levels == {"speaking": 11, "listening": 12, "reading": 0, "writing": 7}


# ------------------------------------------------------------------ validity
def test_result_taken_two_years_ago_expires_on_the_anniversary():
    res = {"test": "clb", "speaking": 9, "listening": 9, "reading": 9, "writing": 9}
    assert levels({**res, "taken_on": dt.date(2024, 6, 2)}, ON).valid is True
    expired = levels({**res, "taken_on": dt.date(2024, 6, 1)}, ON)
    assert expired.valid is False
    assert "2 years" in expired.reason


def test_expired_result_earns_nothing_and_warns():
    p = {"assessed_on": "2026-06-01", "age": 29, "marital_status": "single", "education": "bachelors",
         "first_language": {"test": "ielts", "listening": 8.5, "reading": 8, "writing": 7.5, "speaking": 7.5,
                            "taken_on": "2024-05-31"}}
    r = assess(p)
    assert [f["points"] for f in r["crs"]["factors"] if f["factor"].startswith("first_language_")] == [0, 0, 0, 0]
    assert r["crs"]["transferability"] == 0
    assert any("expired" in w for w in r["warnings"])
    assert r["language_levels"]["first_language"]["valid"] is False
    p["first_language"]["taken_on"] = "2024-06-02"
    assert assess(p)["crs"]["total"] == 391


def test_pte_core_not_accepted_before_2024_01_30():
    r = levels({"test": "pte", "speaking": 90, "listening": 90, "reading": 90, "writing": 90,
                "taken_on": dt.date(2024, 1, 29)}, dt.date(2024, 6, 1))
    assert r.valid is False
    r = levels({"test": "pte", "speaking": 90, "listening": 90, "reading": 90, "writing": 90,
                "taken_on": dt.date(2024, 1, 30)}, dt.date(2024, 6, 1))
    assert r.valid is True


# ------------------------------------------------------------------ min_score / score_steps
@pytest.mark.parametrize("test,ability,level,score", [
    ("ielts", "listening", 10, 8.5), ("ielts", "listening", 9, 8.0), ("ielts", "reading", 7, 6.0),
    ("ielts", "writing", 4, 4.0), ("celpip", "speaking", 10, 10), ("celpip", "speaking", 7, 7),
    ("pte", "writing", 10, 90), ("pte", "listening", 3, 18), ("tcf", "writing", 7, 10), ("tcf", "reading", 9, 524),
    ("tcf", "listening", 9, 523), ("clb", "reading", 9, 9), ("nclc", "speaking", 12, 12),
])
def test_min_score(test, ability, level, score):
    assert min_score(test, ability, level) == score


def test_min_score_tef_by_test_date():
    assert min_score("tef", "speaking", 7, dt.date(2024, 1, 1)) == 456
    assert min_score("tef", "speaking", 7, dt.date(2022, 1, 1)) == 450
    assert min_score("tef", "speaking", 7, dt.date(2018, 1, 1)) == 310


@pytest.mark.parametrize("test", ["ielts", "celpip", "pte", "tef", "tcf"])
def test_min_score_unreachable_level_is_none(test):
    assert min_score(test, "reading", 11) is None


def test_min_score_is_the_smallest_score_reaching_the_level():
    for test in ("ielts", "celpip", "pte", "tef", "tcf"):
        for ability in ABILITIES:
            steps = score_steps(test, ability)
            for lv in range(4, 11):
                m = min_score(test, ability, lv)
                assert level_of(test, ability, m) >= lv
                lower = [s for s in steps if s < m]
                if lower:
                    assert level_of(test, ability, lower[-1]) < lv


def test_score_steps():
    assert score_steps("ielts") == [x / 2 for x in range(19)]
    assert score_steps("celpip") == list(range(13))
    assert score_steps("pte") == list(range(10, 91))
    assert score_steps("tcf", "writing") == list(range(21))
    assert score_steps("tcf", "reading") == list(range(700))
    with pytest.raises(ProfileError):
        score_steps("tcf")  # speaking/writing and listening/reading differ
    with pytest.raises(ProfileError):
        score_steps("toefl")


# ------------------------------------------------------------------ first official language choice
def test_first_language_is_the_order_with_the_higher_score():
    base = {"assessed_on": "2026-06-01", "age": 29, "marital_status": "single", "education": "bachelors"}
    weak_en = {"test": "clb", "speaking": 5, "listening": 5, "reading": 5, "writing": 5}
    strong_fr = {"test": "nclc", "speaking": 9, "listening": 9, "reading": 9, "writing": 9}
    r = assess({**base, "first_language": weak_en, "second_language": strong_fr})
    assert r["first_language_choice"]["first"] == "french"
    assert r["first_language_choice"]["from"] == "second_language"
    # French first: 110 + 120 + 4*31 + second 4*1 + transferability 25 + French bonus 50
    assert r["crs"]["total"] == 110 + 120 + 124 + 4 + 25 + 50
    fixed = assess({**base, "first_language": weak_en, "second_language": strong_fr, "first_language_fixed": True})
    assert fixed["first_language_choice"]["first"] == "english"
    # English first: 110 + 120 + 4*6 + second 4*6 + 0 + 50
    assert fixed["crs"]["total"] == 110 + 120 + 24 + 24 + 0 + 50
    assert fixed["crs"]["total"] < r["crs"]["total"]


def test_only_second_language_given_is_used_as_first():
    r = assess({"assessed_on": "2026-06-01", "second_language": {"test": "nclc", "speaking": 9, "listening": 9,
                                                                  "reading": 9, "writing": 9}})
    assert r["first_language_choice"]["first"] == "french"
    assert r["crs"]["core"] == 4 * 31  # scored as the first official language (single column, NCLC 9)


def test_same_language_twice_is_refused():
    with pytest.raises(ProfileError) as e:
        validate({"first_language": {"test": "ielts"}, "second_language": {"test": "celpip"}})
    assert e.value.field == "second_language.test"
