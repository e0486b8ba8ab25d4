"""Losses ahead: the next birthday, expiring test results, the CEC 36-month window."""
from express_entry.advice import advise
from tests.advice.helpers import BASE, check_advice, ielts


def losses(adv, key):
    return [x for x in adv["losses_ahead"] if key in x["change"]]


def test_turning_30_costs_5_points_single():
    adv = advise(BASE)
    check_advice(BASE, adv)
    (x,) = losses(adv, "age")
    assert x["change"] == {"age": 30}
    assert x["loss"] == 5  # 110 -> 105
    assert x["on"] == "2027-06-01"  # latest possible date: assessed_on + 1 year
    assert x["when"] == "at your next birthday"


def test_turning_30_costs_5_points_with_spouse():
    p = {**BASE, "marital_status": "married", "spouse_accompanying": True, "spouse_canadian": False}
    adv = advise(p)
    (x,) = losses(adv, "age")
    assert x["loss"] == 5  # 100 -> 95


def test_turning_44_to_45():
    p = {**BASE, "age": 44}
    adv = advise(p)
    check_advice(p, adv)
    (x,) = losses(adv, "age")
    assert x["loss"] == 6  # 6 -> 0 (single)


def test_no_crs_loss_at_45_or_more():
    p = {**BASE, "age": 45}
    adv = advise(p)
    check_advice(p, adv)
    assert all(x["loss"] == 0 for x in losses(adv, "age"))


def test_birthday_at_25_costs_nothing():
    p = {**BASE, "age": 25}
    assert not [x for x in losses(advise(p), "age") if x["loss"]]


def test_result_taken_23_months_ago_expires_next_month():
    # Assessed 2026-06-15, IELTS taken 2024-07-10: it stops counting on 2026-07-10.
    # Then: no language points (4 x 31) and no bachelor's x language (25): -149.
    p = {**BASE, "assessed_on": "2026-06-15", "first_language": ielts(8.0, 7.0, 7.0, 7.0, taken_on="2024-07-10")}
    adv = advise(p)
    check_advice(p, adv)
    exp = [x for x in adv["losses_ahead"] if x["on"] == "2026-07-10"]
    assert len(exp) == 1
    assert exp[0]["loss"] == 149
    assert exp[0]["change"] == {"assessed_on": "2026-07-10"}
    # losses are listed by their earliest possible date: the birthday (any day in the coming year) first
    assert [x["title"] for x in adv["losses_ahead"]] == ["Turning 30", "Your IELTS result expires"]
    assert adv["losses_ahead"][0]["earliest_on"] == "2026-06-16"


def test_second_language_expiry():
    # French NCLC 7 (TEF L434 R434 W428 S456) taken 2025-01-20 as a second language: 12 + 50 = 62 points end
    # on 2027-01-20 (the English result has no date, so it is taken as current).
    tef = {"test": "tef", "listening": 434, "reading": 434, "writing": 428, "speaking": 456, "taken_on": "2025-01-20"}
    p = {**BASE, "second_language": tef}
    adv = advise(p)
    check_advice(p, adv)
    assert adv["total"] == 441
    (x,) = [x for x in adv["losses_ahead"] if x["on"] == "2027-01-20"]
    assert x["loss"] == 62


def test_cec_window_moves_on():
    # CEC eligible (14 months of TEER 1 work in the last 3 years, CLB 9); if no more Canadian work is done, the
    # months can leave the window one by one: below 12 months after 3 months at the earliest.
    p = {**BASE, "canadian_work_years": 1, "canadian_work_months_last_3_years": 14, "noc_code": "21231",
         "intends_quebec": False}
    adv = advise(p)
    check_advice(p, adv)
    cec = [x for x in adv["losses_ahead"] if "canadian_work_months_last_3_years" in x["change"]]
    assert len(cec) == 1
    assert cec[0]["on"] == "2026-09-01"
    assert cec[0]["programs"]["cec"] == {"from": True, "to": False}
    assert cec[0]["loss"] == 0  # CRS Canadian work counts the last 10 years
