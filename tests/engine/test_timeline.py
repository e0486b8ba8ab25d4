"""The CEC timeline on worked cases derived by hand from IRCC's rules (TIMELINE.md conventions).

The arithmetic of each case is written out next to it. Conventions: a period covers every day from start
to end inclusive; a day earns hours_per_week / 7 hours; the skilled Canadian hours of one day are capped at
30 / 7 across jobs; CEC on D counts the days after D minus 3 years up to D and needs 1,560 hours, i.e. 10,920
"rate-days" (hours a week x days; 1,560 x 7). At 30 h a week that is 364 days.
"""
import datetime as dt

import pytest

from express_entry import assess
from express_entry.profile import ProfileError
from express_entry.timeline import timeline

IELTS_CLB9 = {"test": "ielts", "listening": 8, "reading": 7, "writing": 7, "speaking": 7}  # CLB 9 in all four
BASE = {"assessed_on": "2026-12-07", "age": 30, "marital_status": "single", "education": "bachelors",
        "intends_quebec": False, "first_language": dict(IELTS_CLB9, taken_on="2026-02-01")}


def job(start, end=None, hours=30, in_canada=True, teer=1, **flags):
    return {"start": start, "end": end, "hours_per_week": hours, "in_canada": in_canada, "teer": teer, **flags}


def run(work, **fields):
    return timeline(dict(BASE, work=work, **fields))


def test_full_time_one_job():
    # 30 h/week from 2026-03-02: 364 days -> the 364th day, 2026-03-02 + 363 days = 2027-02-28.
    # Today (2026-12-07): 281 days x 30/7 = 1,204.3 hours.
    t = run([job("2026-03-02")])
    assert t["today"]["canadian_hours_last_3_years"] == 1204.3
    assert t["today"]["cec_work_met"] is False
    assert t["cec"]["work_met_on"] == "2027-02-28"
    assert t["cec"]["eligible_on"] == "2027-02-28"
    assert t["cec"]["blocked_by"] == []


def test_part_time():
    # 15 h/week from 2025-01-01: 10,920 / 15 = 728 days -> 2025-01-01 + 727 days = 2026-12-29.
    # Today: 2025-01-01..2026-12-07 = 365 + 341 = 706 days x 15/7 = 1,512.9 hours.
    t = run([job("2025-01-01", hours=15)])
    assert t["today"]["canadian_hours_last_3_years"] == 1512.9
    assert t["cec"]["work_met_on"] == "2026-12-29"


def test_two_jobs_over_the_cap():
    # 20 + 20 h/week from 2026-01-01: 40 a week, counted as 30 -> 364 days -> 2026-12-30 (uncapped it would be
    # 273 days, 2026-09-30, before today). Today: 341 days x 30/7 = 1,461.4 hours.
    t = run([job("2026-01-01", hours=20), job("2026-01-01", hours=20, teer=2)])
    assert t["today"]["canadian_hours_last_3_years"] == 1461.4
    assert t["cec"]["work_met_on"] == "2026-12-30"


def test_two_jobs_overlapping_partly():
    # A: 25 h, 2026-01-01..2026-06-30; B: 10 h from 2026-04-01, ongoing.
    # Jan-Mar (90 days) at 25 = 2,250; overlap Apr-Jun (91 days) at min(35, 30) = 2,730; total 4,980 rate-days.
    # Left: 10,920 - 4,980 = 5,940 at 10 a day = 594 days from 2026-07-01 -> 2026-07-01 + 593 = 2028-02-14.
    t = run([job("2026-01-01", "2026-06-30", hours=25), job("2026-04-01", hours=10)])
    assert t["cec"]["work_met_on"] == "2028-02-14"


def test_study_period_does_not_count():
    # Jan-Apr 2026 as a full-time student (not counted), then from 2026-05-01: 364 days -> 2026-05-01 + 363
    # = 2027-04-29. Today: 2026-05-01..2026-12-07 = 221 days x 30/7 = 947.1 hours.
    t = run([job("2026-01-01", "2026-04-30", full_time_student=True), job("2026-05-01")])
    assert t["cec"]["work_met_on"] == "2027-04-29"
    assert t["today"]["canadian_hours_last_3_years"] == 947.1


def test_self_employment_and_unauthorized_work_do_not_count():
    # Self-employed all of 2025 and unauthorized work in 2024 earn nothing; employed from 2026-06-01:
    # 2026-06-01 + 363 = 2027-05-30.
    t = run([job("2025-01-01", "2025-12-31", self_employed=True), job("2024-01-01", "2024-12-31", authorized=False),
             job("2026-06-01")])
    assert t["cec"]["work_met_on"] == "2027-05-30"


def test_teer_4_and_5_work_do_not_count():
    t = run([job("2024-01-01", teer=4), job("2024-01-01", teer=5)])
    assert t["today"]["canadian_hours_last_3_years"] == 0
    assert t["cec"]["work_met_on"] is None
    assert "work_never_met" in t["cec"]["blocked_by"]


def test_a_gap_between_jobs():
    # 2024-01-01..2024-06-30 = 182 days (leap year) at 30; gap; from 2026-01-01 at 30: the 182 more days
    # needed end on day 182 of 2026 = 2026-07-01 (window back to 2023-07-01 keeps the 2024 days).
    t = run([job("2024-01-01", "2024-06-30"), job("2026-01-01")], assessed_on="2026-03-01")
    assert t["cec"]["work_met_on"] == "2026-07-01"


def test_the_window_slides_past_early_work():
    # 2023 full time (365 days) then 15 h/week from 2026-01-01. On 2026-03-01 + k the window holds 305 - k
    # days of 2023 and 60 + k of 2026: 30(305 - k) + 15(60 + k) = 10,050 - 15k < 10,920: never met while 2023
    # slides out. Then the 2026 job alone needs 728 days: 2026-01-01 + 727 = 2027-12-29.
    t = run([job("2023-01-01", "2023-12-31"), job("2026-01-01", hours=15)], assessed_on="2026-03-01")
    assert t["today"]["cec_work_met"] is False
    assert t["cec"]["work_met_on"] == "2027-12-29"


def test_the_cec_work_requirement_is_lost_when_the_window_moves_on():
    # Only 2023 full time (365 days x 30 = 10,950 >= 10,920): met on 2024-06-01. On 2026-01-01 the window
    # (2023-01-01, 2026-01-01] holds 364 days = 10,920: still met; on 2026-01-02 it holds 363: lost.
    t = run([job("2023-01-01", "2023-12-31")], assessed_on="2024-06-01",
            first_language=dict(IELTS_CLB9, taken_on="2024-05-01"))
    assert t["today"]["cec_work_met"] is True
    assert t["cec"]["work_met_on"] == "2024-06-01"
    lost = [e for e in t["events"] if e["kind"] == "cec_work_lost"]
    assert [e["on"] for e in lost] == ["2026-01-02"]
    assert lost[0]["programs"]["cec"] == [True, False]


def test_language_expires_first():
    # Work met on 2027-02-28 (as in the first case); IELTS taken 2025-01-10 expires 2027-01-10, before.
    t = run([job("2026-03-02")], first_language=dict(IELTS_CLB9, taken_on="2025-01-10"))
    assert t["cec"]["work_met_on"] == "2027-02-28"
    assert t["cec"]["eligible_on"] is None
    assert t["cec"]["blocked_by"] == ["language_expired"]
    assert t["cec"]["language_expires_on"] == "2027-01-10"
    assert "2027-01-10" in [e["on"] for e in t["events"] if e["kind"] == "language_expires"]


def test_permit_ends_first():
    # 30 h from 2026-06-01, permit ends 2027-03-31: 304 days (Jun-Mar) < 364; without the permit's end the
    # work would be met on 2026-06-01 + 363 = 2027-05-30.
    t = run([job("2026-06-01")], permit_expires_on="2027-03-31")
    assert t["cec"]["work_met_on"] is None
    assert t["cec"]["eligible_on"] is None
    assert t["cec"]["blocked_by"] == ["permit_ends_first"]
    ends = [e for e in t["events"] if e["kind"] == "permit_ends"]
    assert [e["on"] for e in ends] == ["2027-03-31"]


def test_permit_days_left():
    # Met 2027-02-28, permit ends 2027-06-30: 2027-06-30 - 2027-02-28 = 122 days.
    t = run([job("2026-03-02")], permit_expires_on="2027-06-30")
    assert t["cec"]["eligible_on"] == "2027-02-28"
    assert t["cec"]["permit_days_left_then"] == 122


def test_quebec():
    t = run([job("2026-03-02")], intends_quebec=True)
    assert t["cec"]["work_met_on"] == "2027-02-28"
    assert t["cec"]["eligible_on"] is None
    assert t["cec"]["blocked_by"] == ["intends_quebec"]


def test_language_level_for_the_teer():
    clb6 = {"test": "clb", "listening": 6, "reading": 6, "writing": 6, "speaking": 6}
    t = run([job("2026-03-02", teer=1)], first_language=clb6)
    assert t["cec"]["blocked_by"] == ["language_level"]  # TEER 1 needs CLB 7
    t = run([job("2026-03-02", teer=2)], first_language=clb6)
    assert t["cec"]["eligible_on"] == "2027-02-28"  # TEER 2 needs CLB 5
    t = run([job("2026-03-02")], first_language=None)
    assert t["cec"]["blocked_by"] == ["no_language_result"]


def test_summary_fields_derived_and_crs_as_assess():
    # Canadian: 30 h 2015-01-01..2018-12-31; in the 10 years up to 2026-12-07 (after 2016-12-07): 24 + 365 + 365
    # = 754 days x 30/7 = 3,231 h -> 2 years. Foreign: 40 h (counted 30) 2019-01-01..2021-12-31 = 1,096 days ->
    # 4,697 h -> 3 years. CEC months: no Canadian work in the last 3 years -> 0.
    t = run([job("2015-01-01", "2018-12-31"), job("2019-01-01", "2021-12-31", hours=40, in_canada=False)])
    assert (t["today"]["canadian_work_years"], t["today"]["foreign_work_years"]) == (2, 3)
    same = dict(BASE, teer=1, canadian_work_years=2, canadian_work_months_last_3_years=0, foreign_work_years=3)
    assert t["today"]["crs"] == assess(same)["crs"]["total"]


def test_events_new_year_birthday_with_the_crs_of_the_day():
    # From 2026-03-02 at 30 h: a year is 364 days: 1 year on 2027-02-28 (CEC met too), 2 on 2028-02-27, 3 on
    # 2029-02-25 (2028 is a leap year). The IELTS of 2026-02-01 expires 2028-02-01. Each event's CRS is the
    # assessment of the summary fields worked out here in closed form on that date.
    t = run([job("2026-03-02")], age=None, birth_date="1996-05-02", permit_expires_on="2029-06-30")
    on = {e["on"]: e for e in t["events"]}
    assert on["2027-02-28"]["kind"] == "cec_work_met" and "canadian_work_year" in on["2027-02-28"]["kinds"]
    assert on["2028-02-27"]["kind"] == "canadian_work_year"
    assert on["2029-02-25"]["kind"] == "canadian_work_year"
    assert on["2028-02-01"]["kind"] == "language_expires"
    assert on["2027-05-02"]["kind"] == "birthday"
    start = dt.date(2026, 3, 2)
    prev = t["today"]["crs"]
    for e in t["events"]:
        day = dt.date.fromisoformat(e["on"])
        worked = (min(day, dt.date(2029, 6, 30)) - start).days + 1
        in_window = min(worked, (day - day.replace(year=day.year - 3)).days)
        age = (day.year - 1996 - ((day.month, day.day) < (5, 2)))
        expect = assess(dict(BASE, assessed_on=e["on"], age=age, teer=1, canadian_work_years=worked // 364,
                             foreign_work_years=0, canadian_work_months_last_3_years=min(36, in_window * 30 // 7 // 130)))
        assert e["crs"] == expect["crs"]["total"], e
        assert e["change"] == e["crs"] - prev
        prev = e["crs"]
    assert [e["on"] for e in t["events"]] == sorted(e["on"] for e in t["events"])


def test_events_stay_within_three_years():
    t = run([job("2026-03-02")], age=None, birth_date="1996-05-02")
    assert all(BASE["assessed_on"] < e["on"] <= "2029-12-07" for e in t["events"])
    assert [e["on"] for e in t["events"] if e["kind"] == "birthday"][-1] == "2029-05-02"


def test_teer_from_the_history_when_the_profile_has_none():
    clb6 = {"test": "clb", "listening": 6, "reading": 6, "writing": 6, "speaking": 6}
    # 31 days of TEER 1 in January 2025, then TEER 2 from 2026-03-02: the TEER 2 work has most hours, CLB 6
    # is enough; 364 - 31 = 333 more days: 2026-03-02 + 332 = 2027-01-28.
    t = run([job("2026-03-02", teer=2), job("2025-01-01", "2025-01-31", teer=1)], first_language=clb6)
    assert t["today"]["teer"] == 2
    assert t["cec"]["eligible_on"] == "2027-01-28"


def test_eligible_on_agrees_with_assess_on_that_date():
    t = run([job("2026-03-02")])
    day = t["cec"]["eligible_on"]
    a = assess(dict(BASE, assessed_on=day, teer=1, canadian_work_years=1, canadian_work_months_last_3_years=12,
                    foreign_work_years=0))
    assert a["programs"]["cec"]["eligible"] is True
    assert t["cec"]["crs_then"] == a["crs"]["total"]


@pytest.mark.parametrize("field,value,path", [
    ("work", [job("2026-03-02", "2026-01-01")], "work[0].end"),
    ("work", [job("2026-03-02", hours=200)], "work[0].hours_per_week"),
    ("work", [job("2026-03-02", hours=0)], "work[0].hours_per_week"),
    ("work", [job("2026-02-30")], "work[0].start"),
    ("work", [dict(job("2026-03-02"), in_canada=None)], "work[0].in_canada"),
    ("work", [dict(job("2026-03-02"), teer=7)], "work[0].teer"),
    ("work", [dict(job("2026-03-02"), noc_code="21231", teer=3)], "work[0].teer"),
    ("work", [dict(job("2026-03-02"), colour="red")], "work[0].colour"),
    ("work", "many", "work"),
    ("birth_date", "yesterday", "birth_date"),
    ("permit_expires_on", "2027-13-01", "permit_expires_on"),
])
def test_invalid_input_names_the_field(field, value, path):
    data = dict(BASE, work=[job("2026-03-02")])
    data[field] = value
    with pytest.raises(ProfileError) as exc:
        timeline(data)
    assert exc.value.field == path


@pytest.mark.parametrize("field", ["canadian_work_years", "canadian_work_months_last_3_years", "foreign_work_years"])
def test_history_and_summary_fields_conflict(field):
    with pytest.raises(ProfileError) as exc:
        timeline(dict(BASE, work=[job("2026-03-02")], **{field: 1}))
    assert exc.value.field == field


def test_age_contradicting_birth_date():
    with pytest.raises(ProfileError) as exc:
        timeline(dict(BASE, age=40, birth_date="1996-05-02", work=[]))
    assert exc.value.field == "age"


def test_without_a_history_the_summary_fields_are_used():
    t = timeline(dict(BASE, canadian_work_years=1, canadian_work_months_last_3_years=14, teer=1))
    assert t["today"]["cec_work_met"] is True and t["today"]["canadian_hours_last_3_years"] is None
    assert t["cec"]["work_met_on"] == BASE["assessed_on"]
