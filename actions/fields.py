"""The profile questions: slot names (the contract's field names, nested ones joined
with ``_``), what kind of answer each takes, and which questions a profile needs.

Pure Python (no Rasa import) so that it can be unit-tested and shared by the form
validation action and the follow-up actions.
"""
from typing import Any, Dict, List, Optional

from express_entry.crs import form_facts
from express_entry.programs import is_skilled_trade
from express_entry.vocabulary import ABILITIES, CANADIAN_EDUCATION, EDUCATION_LABELS, ENGLISH_TESTS, FRENCH_TESTS
from express_entry.vocabulary import LANGUAGE_TESTS as TESTS
from express_entry.vocabulary import MARITAL_STATUSES as MARITAL
from express_entry.vocabulary import PARTNERED as SPOUSE_PARTNER
from express_entry.vocabulary import EDUCATION_LEVELS as EDUCATION
from express_entry.vocabulary import TEST_NAMES, long_date, number_text as _num

LANG_GROUPS = ("first_language", "second_language", "spouse_language")
EDUCATION_NAMES = EDUCATION_LABELS
_RULES = form_facts()  # the CRS values the questions state, from the ruleset in force today
_JOB_OFFER_CRS = (f"since {long_date(_RULES['job_offer_rule_since'])} a job offer gives no CRS points anyway"
                  if not _RULES["job_offer_points"] else
                  f"a job offer can give up to {_RULES['job_offer_points']} CRS points")
# kind of each slot: how an answer is parsed
KIND: Dict[str, str] = {
    "age": "age",
    "marital_status": "marital",
    "spouse_canadian": "bool",
    "spouse_accompanying": "bool",
    "education": "education",
    "education_recognized": "bool",
    "canadian_education": "canadian_education",
    "canadian_work_years": "years",
    "canadian_work_months_last_3_years": "months",
    "foreign_work_years": "years",
    "noc_code": "noc",
    "teer": "teer",
    "trade_work_years_last_5": "years",
    "certificate_of_qualification": "bool",
    "job_offer": "bool",
    "provincial_nomination": "bool",
    "sibling_in_canada": "bool",
    "relative_in_canada": "bool",
    "canadian_study_2_years": "bool",
    "spouse_education": "education",
    "spouse_canadian_work_years": "years",
    "intends_quebec": "bool",
    "authorized_to_work_in_canada": "bool",
    "spouse_canadian_study_2_years": "bool",
    "spouse_canadian_work_1_year": "bool",
    "settlement_funds": "money",
    "family_size": "count",
    "profile_confirmed": "confirm",
}
for _g in LANG_GROUPS:
    KIND[f"{_g}_test"] = "test"
    for _a in ABILITIES:
        KIND[f"{_g}_{_a}"] = "score"
# When a test was taken (the contract's nested ``taken_on``): results count for the ruleset's validity years, the
# partner's too. A date slot holds an ISO date or nothing; "I don't know" sets ``<group>_date_unknown`` instead.
DATE_GROUPS = LANG_GROUPS
for _g in DATE_GROUPS:
    KIND[f"{_g}_taken_on"] = "date"

# Engine extensions of the contract (never asked; kept if set): see express_entry/profile.py.
EXTENSION_SLOTS = ["first_language_fixed", "job_offer_noc_code"]
PROFILE_SLOTS: List[str] = [s for s in KIND if s != "profile_confirmed"] + ["assessed_on"] + EXTENSION_SLOTS

# Optional questions: "I don't know" skips them with this value and this explanation.
SKIP = {
    "spouse_canadian": (False, "I'll assume your partner is not a Canadian citizen or permanent resident."),
    "canadian_education": ("none", "I'll count no Canadian education: you can add it later."),
    "education_recognized": (True, "I'll assume your credential is Canadian or has an ECA (Educational Credential Assessment): without one, education gives no points."),
    "second_language_test": ("none", "I'll count no second official language: it gives points only with a valid test result."),
    "certificate_of_qualification": (False, "I'll assume no certificate of qualification: it is a Canadian trade certificate issued by a province or territory, you would know if you had one."),
    "provincial_nomination": (False, "I'll assume no provincial nomination: you would have a nomination certificate from a province."),
    "sibling_in_canada": (False, f"I'll assume no sibling in Canada ({_RULES['sibling_points']} points if you have one)."),
    "relative_in_canada": (False, "I'll assume no relative in Canada."),
    "canadian_study_2_years": (False, "I'll assume you did not study full time in Canada for two years."),
    "job_offer": (False, f"I'll assume no job offer ({_JOB_OFFER_CRS})."),
    "intends_quebec": (False, "I'll assume you plan to live outside Quebec."),
    "authorized_to_work_in_canada": (False, "I'll assume you are not authorized to work in Canada now, so proof of funds applies."),
    "spouse_canadian_study_2_years": (False, "I'll assume your partner did not study full time in Canada for 2 years."),
    "spouse_canadian_work_1_year": (False, "I'll assume your partner has no year of full-time work in Canada."),
    "noc_code": ("unknown", "I'll leave your occupation out: without it I can't check the TEER requirement of the programs."),
    "trade_work_years_last_5": (0, "I'll count no skilled-trade experience."),
    "foreign_work_years": (0, "I'll count no foreign work experience: only full years of paid skilled work outside Canada in the last 10 years count."),
    "canadian_work_months_last_3_years": (None, ""),
    "spouse_canadian_work_years": (0, "I'll count no Canadian work experience for your partner."),
    "spouse_education": (None, ""),
}
_UNDATED = (f"I'll count the result as valid. Results count for {_RULES['language_validity_years']} years from the test date: an older one earns no "
            "points and doesn't meet the programs' minimum levels, so check the date on your test report form.")
for _g in DATE_GROUPS:
    SKIP[f"{_g}_taken_on"] = (None, _UNDATED)  # skipped by setting date_unknown(group), not the date slot

# Help when "I don't know" can't skip the question.
HELP = {
    "age": "I need your age in completed years today, for example 29.",
    "marital_status": "Choose single if you were never married and don't live with a partner; common-law means living with a partner for at least 12 months.",
    "education": "Pick the highest credential you completed (for example bachelor's, master's, two-year college diploma). Foreign credentials need an ECA to count.",
    "first_language_test": "If you haven't taken a test yet, tell me the CLB level you expect, for example \"CLB 7 in everything\". Accepted tests: IELTS General, CELPIP-General, PTE Core, TEF Canada, TCF Canada.",
    "canadian_work_years": "Count full years (1,560 hours each) of paid skilled work (TEER 0-3) in Canada in the last 10 years. No Canadian work? Say 0.",
    "canadian_work_months_last_3_years": "Count the months of that Canadian skilled work within the last 3 years (0 to 36). CEC needs 12.",
    "settlement_funds": "Your savings in Canadian dollars that you could bring (not borrowed). Say 0 if you have a valid job offer or apply under CEC.",
    "family_size": "Count yourself, your spouse or partner, and your dependent children, even if they won't come with you.",
    "spouse_education": "Your partner's highest completed credential, for example bachelor's or high school.",
    "noc_code": "Tell me your job title (for example \"software developer\") and I'll look up the NOC code, or say \"skip\".",
    "profile_confirmed": "Say yes if the summary is right, or tell me what to change.",
}
for _g in LANG_GROUPS:
    for _a in ABILITIES:
        HELP[f"{_g}_{_a}"] = "Your score is on your test report form. If you don't have a result yet, give the CLB level you expect, for example \"CLB 8 in everything\"."
    HELP.setdefault(f"{_g}_test", HELP["first_language_test"])
for _g in DATE_GROUPS:
    HELP[f"{_g}_taken_on"] = ("The test date is on your test report form. Give the month and year, for example "
                              "\"March 2025\" or \"14 March 2025\", or say \"I don't know\" to skip.")

# Fields asked only when eligibility (CEC, FSW, FST) is asked for.
ELIGIBILITY_SLOTS = ["canadian_work_months_last_3_years", "noc_code", "trade_work_years_last_5",
                     "job_offer", "authorized_to_work_in_canada", "spouse_canadian_study_2_years",
                     "spouse_canadian_work_1_year", "relative_in_canada", "canadian_study_2_years", "intends_quebec",
                     "settlement_funds", "family_size"]



def lang_slots(group: str) -> List[str]:
    return [f"{group}_{a}" for a in ABILITIES]


def date_unknown(group: str) -> str:
    """The slot that records "asked, not known" for a group's test date."""
    return f"{group}_date_unknown"


def _date_question(slots: Dict[str, Any], group: str) -> List[str]:
    return [] if slots.get(date_unknown(group)) else [f"{group}_taken_on"]


def is_iso_date(v: Any) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(v)
        return True
    except (TypeError, ValueError):
        return False


def required_slots(slots: Dict[str, Any]) -> List[str]:
    """The questions this profile needs, in the order they are asked (profile_confirmed last)."""
    s = slots.get
    req = ["age", "marital_status"]
    partner = s("marital_status") in SPOUSE_PARTNER
    if partner:
        req.append("spouse_canadian")
        if s("spouse_canadian") is False:
            req.append("spouse_accompanying")
    req.append("education")
    if s("education") not in (None, "less_than_secondary"):
        req.append("education_recognized")
    req.append("canadian_education")
    req += ["first_language_test"] + lang_slots("first_language") + _date_question(slots, "first_language")
    req.append("second_language_test")
    if s("second_language_test") not in (None, "none"):
        req += lang_slots("second_language") + _date_question(slots, "second_language")
    req.append("canadian_work_years")
    eligibility = bool(s("wants_eligibility"))
    if eligibility and _positive(s("canadian_work_years")):
        req.append("canadian_work_months_last_3_years")
    req.append("foreign_work_years")
    if eligibility:
        req.append("noc_code")
        noc = str(s("noc_code") or "")
        if noc == "unknown" or (noc and is_skilled_trade(noc)):
            req.append("trade_work_years_last_5")
    req += ["certificate_of_qualification", "provincial_nomination", "sibling_in_canada"]
    if partner and s("spouse_canadian") is False and s("spouse_accompanying") is True:
        req += ["spouse_education", "spouse_language_test"]
        if s("spouse_language_test") not in (None, "none"):
            req += lang_slots("spouse_language") + _date_question(slots, "spouse_language")
        req.append("spouse_canadian_work_years")
    if eligibility:
        req.append("job_offer")
        if s("job_offer") is True:
            req.append("authorized_to_work_in_canada")
        req += ["relative_in_canada", "canadian_study_2_years"]
        if partner and s("spouse_canadian") is False and s("spouse_accompanying") is True:
            req += ["spouse_canadian_study_2_years", "spouse_canadian_work_1_year"]
        req += ["intends_quebec", "settlement_funds", "family_size"]
    req.append("profile_confirmed")
    return req


def _positive(v: Any) -> bool:
    try:
        return float(v) > 0
    except (TypeError, ValueError):
        return False


def question_units(req: List[str]) -> List[str]:
    """Required slots with each test's four scores counted as one question."""
    units: List[str] = []
    for slot in req:
        key = slot
        for g in LANG_GROUPS:
            if slot in lang_slots(g):
                key = g + "_scores"
        if key not in units:
            units.append(key)
    return units


def progress(req: List[str], slots: Dict[str, Any], next_slot: Optional[str]) -> str:
    if next_slot is None:
        return ""
    units = question_units(req)
    key = next_slot
    for g in LANG_GROUPS:
        if next_slot in lang_slots(g):
            key = g + "_scores"
    n = units.index(key) + 1 if key in units else len(units)
    if next_slot == "profile_confirmed":
        return "Last step."
    return f"Question {n} of about {len(units) - 1}."


def _yn(v: Any) -> str:
    return "yes" if v is True else "no" if v is False else "?"


def lang_summary(slots: Dict[str, Any], group: str) -> Optional[str]:
    test = slots.get(f"{group}_test")
    if test in (None, "none"):
        return None
    scores = ", ".join(f"{a} {_num(slots.get(f'{group}_{a}'))}" for a in ABILITIES
                       if slots.get(f"{group}_{a}") is not None)
    taken = slots.get(f"{group}_taken_on")
    if is_iso_date(taken):
        scores += f"; taken {long_date(taken)}"
    elif slots.get(date_unknown(group)) or taken == "unknown":
        scores += "; test date not given"
    return f"{TEST_NAMES.get(test, test)}: {scores}"


def summary(slots: Dict[str, Any]) -> str:
    """The profile in plain words, for the confirmation step."""
    s = slots.get
    lines = []
    if s("age") is not None:
        lines.append(f"- Age: {s('age')}")
    if s("marital_status"):
        line = f"- Marital status: {s('marital_status').replace('_', '-')}"
        if s("marital_status") in SPOUSE_PARTNER:
            if s("spouse_canadian"):
                line += " (partner is a Canadian citizen or PR)"
            elif s("spouse_accompanying") is not None:
                line += " (partner coming with you)" if s("spouse_accompanying") else " (partner not coming)"
        lines.append(line)
    if s("education"):
        line = f"- Education: {EDUCATION_NAMES.get(s('education'), s('education'))}"
        if s("education_recognized") is False:
            line += ", no ECA"
        lines.append(line)
    if s("canadian_education") not in (None, "none"):
        lines.append("- Canadian education: " + ("1-2 years" if s("canadian_education") == "one_or_two_year" else "3 years or more"))
    for g, label in (("first_language", "First language test"), ("second_language", "Second language test")):
        ls = lang_summary(slots, g)
        if ls:
            lines.append(f"- {label}: {ls}")
    if s("canadian_work_years") is not None:
        lines.append(f"- Canadian skilled work: {s('canadian_work_years')} year(s)")
    if s("canadian_work_months_last_3_years") is not None:
        lines.append(f"- ... of which in the last 3 years: {s('canadian_work_months_last_3_years')} month(s)")
    if s("foreign_work_years") is not None:
        lines.append(f"- Foreign skilled work: {s('foreign_work_years')} year(s)")
    if s("noc_code") not in (None, "unknown"):
        lines.append(f"- Occupation (NOC): {s('noc_code')}")
    if s("trade_work_years_last_5") is not None:
        lines.append(f"- Skilled trade work in the last 5 years: {s('trade_work_years_last_5')} year(s)")
    for slot, label in (("certificate_of_qualification", "Certificate of qualification"),
                        ("provincial_nomination", "Provincial nomination"),
                        ("sibling_in_canada", "Sibling in Canada"), ("job_offer", "Job offer"),
                        ("relative_in_canada", "Relative in Canada"),
                        ("canadian_study_2_years", "2 years of full-time study in Canada"),
                        ("authorized_to_work_in_canada", "Authorized to work in Canada now"),
                        ("spouse_canadian_study_2_years", "Partner studied 2 years in Canada"),
                        ("spouse_canadian_work_1_year", "Partner worked 1 year in Canada"),
                        ("intends_quebec", "Plans to live in Quebec")):
        if s(slot) is not None:
            lines.append(f"- {label}: {_yn(s(slot))}")
    if s("spouse_education"):
        lines.append(f"- Partner's education: {EDUCATION_NAMES.get(s('spouse_education'), s('spouse_education'))}")
    ls = lang_summary(slots, "spouse_language")
    if ls:
        lines.append(f"- Partner's language test: {ls}")
    if s("spouse_canadian_work_years") is not None:
        lines.append(f"- Partner's Canadian work: {s('spouse_canadian_work_years')} year(s)")
    if s("settlement_funds") is not None:
        lines.append(f"- Settlement funds: ${int(float(s('settlement_funds'))):,} CAD")
    if s("family_size") is not None:
        lines.append(f"- Family size: {s('family_size')}")
    return "\n".join(lines)


def build_profile(slots: Dict[str, Any]) -> Dict[str, Any]:
    """The contract profile from the slots (internal markers such as "none"/"unknown" left out)."""
    profile: Dict[str, Any] = {}
    partner = slots.get("marital_status") in SPOUSE_PARTNER
    for slot in PROFILE_SLOTS:
        if any(slot.startswith(g + "_") for g in LANG_GROUPS):
            continue
        if slot.startswith("spouse_") and not partner:
            continue
        v = slots.get(slot)
        if v is None or (slot == "noc_code" and v == "unknown"):
            continue
        profile[slot] = v
    for g in LANG_GROUPS:
        if g == "spouse_language" and not partner:
            continue
        test = slots.get(f"{g}_test")
        if test in (None, "none"):
            continue
        result: Dict[str, Any] = {"test": test}
        for a in ABILITIES:
            if slots.get(f"{g}_{a}") is not None:
                result[a] = slots[f"{g}_{a}"]
        if is_iso_date(slots.get(f"{g}_taken_on")):
            result["taken_on"] = slots[f"{g}_taken_on"]
        profile[g] = result
    if partner and profile.get("spouse_canadian"):
        # a Canadian partner does not count as accompanying for the CRS
        profile["spouse_accompanying"] = False
    return profile
