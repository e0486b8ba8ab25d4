"""Caps are respected: the engine computes every suggestion, so a capped change gains only what the caps allow."""
from express_entry.advice import advise
from tests.advice.helpers import BASE, ON, by_change, check_advice, find, ielts


def test_nominee_gets_no_nomination_or_additional_points_suggestions():
    # 379 + 600 = 979; additional points are already at the 600 cap.
    p = {**BASE, "provincial_nomination": True}
    adv = advise(p)
    check_advice(p, adv)
    assert adv["total"] == 979
    assert not find(adv, lambda s: "provincial_nomination" in s["change"])
    # Canadian study (+15/+30 additional) is worth nothing above the cap
    assert not find(adv, lambda s: "canadian_education" in s["change"])
    # French NCLC 7: only the 4 x 3 second-language core points; the 50-point bonus is capped away
    s = by_change(adv, {"second_language": {"test": "tef", "listening": 434, "reading": 434, "writing": 428,
                                            "speaking": 456, "taken_on": ON}})
    assert s["gain"] == 12


def test_second_language_cap_with_spouse():
    # Married, spouse accompanying (not Canadian, no spouse data): with-spouse columns.
    # age 29: 100; bachelor's: 112; IELTS CLB 9 x 4: 4 x 29 = 116;
    # TEF L503 R503 S518 (NCLC 9: 6 each) W428 (NCLC 7: 3) -> 21 (cap 22 with a spouse); core 349.
    # Transferability bachelor's x CLB 9+: 25. French bonus (NCLC 7+ all four, CLB 5+ English): 50. Total 424.
    tef = {"test": "tef", "listening": 503, "reading": 503, "writing": 428, "speaking": 518}
    p = {"assessed_on": ON, "age": 29, "marital_status": "married", "spouse_accompanying": True,
         "spouse_canadian": False, "education": "bachelors", "first_language": ielts(8.0, 7.0, 7.0, 7.0),
         "second_language": tef}
    adv = advise(p)
    check_advice(p, adv)
    assert adv["total"] == 424
    # writing NCLC 8 (472) earns the same 3; NCLC 9 (512) earns 6, but 24 is capped at 22: +1 only.
    s = by_change(adv, {"second_language": {**tef, "writing": 512, "taken_on": ON}})
    assert s["gain"] == 1
    assert "TEF Canada writing 428 → 512" in s["title"]


def test_transferability_cap_of_100():
    # Single, 29, master's, CLB 9, 3 years foreign work, 2 years Canadian work, in a trade:
    # education x language 50 + education x Canadian work 50 -> 50; foreign x language 50 + foreign x Canadian 50
    # -> 50; transferability = 100 (the cap). A certificate of qualification or more foreign work adds nothing.
    p = {**BASE, "education": "masters", "foreign_work_years": 3, "canadian_work_years": 2,
         "trade_work_years_last_5": 2}
    adv = advise(p)
    check_advice(p, adv)
    assert not find(adv, lambda s: "certificate_of_qualification" in s["change"])
    assert not find(adv, lambda s: "foreign_work_years" in s["change"])
    # a third year of Canadian work: core 53 -> 64 only (+11)
    s = find(adv, lambda s: s["change"].get("canadian_work_years") == 3 and s["kind"] == "canadian_work")
    assert len(s) == 1 and s[0]["gain"] == 11


def test_certificate_of_qualification_for_a_trade_worker():
    # Single, 29, secondary, IELTS 6.0 in all four (CLB 7), 3 years in a trade:
    # 110 + 30 + 4 x 17 = 208; no transferability (secondary, no foreign work).
    # A certificate of qualification with CLB 7+ in all four: +50.
    p = {"assessed_on": ON, "age": 29, "marital_status": "single", "education": "secondary",
         "first_language": ielts(6.0, 6.0, 6.0, 6.0), "trade_work_years_last_5": 3}
    adv = advise(p)
    check_advice(p, adv)
    assert adv["total"] == 208
    s = by_change(adv, {"certificate_of_qualification": True})
    assert s["gain"] == 50


def test_certificate_of_qualification_with_clb5():
    # CLB 5 in all four, one or more under 7: 25 points. IELTS L5.0 R4.0 W5.0 S5.0 = CLB 5 x 4 (6 points each).
    p = {"assessed_on": ON, "age": 29, "marital_status": "single", "education": "secondary",
         "first_language": ielts(5.0, 4.0, 5.0, 5.0), "trade_work_years_last_5": 3}
    adv = advise(p)
    check_advice(p, adv)
    assert adv["total"] == 110 + 30 + 24
    assert by_change(adv, {"certificate_of_qualification": True})["gain"] == 25


def test_certificate_offered_for_a_trade_noc():
    # NOC 72310 (carpenters) is in Major Group 72, an FSTP trade: the certificate is offered even without
    # trade_work_years_last_5. Secondary, CLB 7: +50 as above. NOC 21231 (software engineers) is not a trade.
    base = {"assessed_on": ON, "age": 29, "marital_status": "single", "education": "secondary",
            "first_language": ielts(6.0, 6.0, 6.0, 6.0)}
    adv = advise({**base, "noc_code": "72310"})
    assert by_change(adv, {"certificate_of_qualification": True})["gain"] == 50
    adv = advise({**base, "noc_code": "21231"})
    assert not find(adv, lambda s: "certificate_of_qualification" in s["change"])
