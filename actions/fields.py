"""The profile questions: slot names (the contract's field names, nested ones joined
with ``_``), what kind of answer each takes, and which questions a profile needs.

Pure Python (no Rasa import) so that it can be unit-tested and shared by the form
validation action and the follow-up actions.
"""
from typing import Any, Dict, List, Optional, Tuple

from actions.replies import fill
from express_entry.crs import form_facts
from express_entry import concepts, questions
from express_entry.vocabulary import ABILITIES, CANADIAN_EDUCATION, EDUCATION_LABELS, ENGLISH_TESTS, FRENCH_TESTS
from express_entry.vocabulary import LANGUAGE_TESTS as TESTS
from express_entry.vocabulary import MARITAL_STATUSES as MARITAL
from express_entry.vocabulary import PARTNERED as SPOUSE_PARTNER
from express_entry.vocabulary import EDUCATION_LEVELS as EDUCATION
from express_entry.vocabulary import TEST_NAMES, count_text, language_test_name, long_date, number_text

EDUCATION_NAMES = EDUCATION_LABELS
# The language results' groups, each asked as a test, its four scores and its date.
LANG_GROUPS = tuple(f.name for f in concepts.FIELDS if f.answer == "language")
# kind of each slot: how an answer is parsed (the registry's kinds of answer, express_entry/concepts.py)
KIND: Dict[str, str] = {f.name: f.answer for f in concepts.FIELDS if f.answer not in (None, "language")}
KIND["profile_confirmed"] = "confirm"
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
EXTENSION_SLOTS = [f.name for f in concepts.FIELDS if f.answer is None]
PROFILE_SLOTS: List[str] = [s for s in KIND if s != "profile_confirmed"] + ["assessed_on"] + EXTENSION_SLOTS

# Optional questions: "I don't know" skips them with this value; the domain's utter_form_skipped_<slot> says what
# it means. A test date is skipped too (``date_unknown``), with utter_form_skipped_test_date.
SKIP = {
    "spouse_canadian": False, "canadian_education": "none", "education_recognized": False,
    "second_language_test": "none", "certificate_of_qualification": False, "provincial_nomination": False,
    "sibling_in_canada": False, "relative_in_canada": False, "canadian_study_2_years": False, "job_offer": False,
    "intends_quebec": False, "authorized_to_work_in_canada": False, "spouse_canadian_study_2_years": False,
    "spouse_canadian_work_1_year": False, "noc_code": "unknown", "trade_work_years_last_5": 0,
    "foreign_work_years": 0, "spouse_canadian_work_years": 0,
}


def skip_response(slot: str, language: str = "en") -> Tuple[str, Dict[str, Any]]:
    """(response, placeholders) that says what skipping ``slot`` means, with the ruleset's figures (dates written
    in ``language``)."""
    facts = form_facts()  # the ruleset in force today, read on each answer
    if slot == "job_offer" and not facts["job_offer_points"]:
        return "utter_form_skipped_job_offer_no_points", {"since": long_date(facts["job_offer_rule_since"],
                                                                             language)}
    return f"utter_form_skipped_{slot}", facts


# Questions with their own help (utter_form_help_<slot>) for "I don't know" when it can't skip them; a test, its
# scores and its date share utter_form_help_test, utter_form_help_score and utter_form_help_test_date.
HELP_SLOTS = {"age", "marital_status", "education", "canadian_work_years", "canadian_work_months_last_3_years",
              "settlement_funds", "family_size", "spouse_education", "noc_code", "profile_confirmed"}

# Fields asked only when eligibility (CEC, FSW, FST) is asked for: the engine's questions with that condition.
ELIGIBILITY_SLOTS = [questions.slot_name(f) for f, when in questions.QUESTIONS if questions.ELIGIBILITY[0] in when]


def lang_slots(group: str) -> List[str]:
    return [f"{group}_{a}" for a in ABILITIES]


def date_unknown(group: str) -> str:
    """The slot that records "asked, not known" for a group's test date."""
    return f"{group}_date_unknown"


# Slot values that mean "asked, answered with none / I don't know": declined fields for the engine's question list.
DECLINED_VALUES = {"second_language_test": "none", "spouse_language_test": "none", "noc_code": "unknown"}
for _g in DATE_GROUPS:
    DECLINED_VALUES[f"{_g}_taken_on"] = "unknown"


def is_iso_date(v: Any) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(v)
        return True
    except (TypeError, ValueError):
        return False


def required_slots(slots: Dict[str, Any]) -> List[str]:
    """The questions this profile needs, in the order they are asked (profile_confirmed last): the engine's
    question list (express_entry/questions.py) over the slots, each field by its slot name."""
    if slots.get("paused_for"):  # a needed answer could not be had: nothing asked until it is given
        return []
    answers, declined = {}, set()
    unknown = set(slots.get("skipped_facts") or [])
    for field in questions.FIELDS:
        slot = questions.slot_name(field)
        v = slots.get(slot)
        if (v is not None and v == DECLINED_VALUES.get(slot)) or (v is None and slot in unknown):
            declined.add(field)
        elif v is not None:
            answers[field] = v
    for g in DATE_GROUPS:
        if slots.get(date_unknown(g)):
            declined.add(f"{g}.taken_on")
    asked = questions.questions(answers, declined, eligibility=bool(slots.get("wants_eligibility")))
    # a declined test date keeps its slot empty (the ``date_unknown`` slot says it was asked): not asked again
    return [questions.slot_name(f) for f in asked
            if not (f in declined and slots.get(questions.slot_name(f)) is None)] + ["profile_confirmed"]


def is_paused(slots: Dict[str, Any]) -> bool:
    return bool(slots.get("paused_for"))


def question_unit(slot: str) -> str:
    """The question a slot is part of as the person sees it: a test's name, four scores and date are one question
    (asked together; the parts not given are asked again under the same number)."""
    for g in LANG_GROUPS:
        if slot in lang_slots(g) or slot in (f"{g}_test", f"{g}_taken_on"):
            return g + "_scores"
    return slot


def question_units(req: List[str]) -> List[str]:
    """Required slots with each test (its name, four scores and date) counted as one question."""
    units: List[str] = []
    for slot in req:
        key = question_unit(slot)
        if key not in units:
            units.append(key)
    return units


def progress(req: List[str], slots: Dict[str, Any], next_slot: Optional[str], templates: Dict[str, str]) -> str:
    """The progress line of the next question, from the domain's utter_form_progress ("Question {number} of about
    {total}.") and utter_form_progress_last (``templates``: response name -> text)."""
    if next_slot is None:
        return ""
    if next_slot == "profile_confirmed":
        return templates["utter_form_progress_last"]
    units = question_units(req)
    key = question_unit(next_slot)
    n = units.index(key) + 1 if key in units else len(units)
    return fill(templates, "utter_form_progress", number=n, total=len(units) - 1)


# The summary's lines in order: (response utter_form_summary_<key>, slot); the line's {value} is the slot's value
# in words. Booleans share one response per slot (its {value} is yes or no).
_SUMMARY_BOOLS = ("certificate_of_qualification", "provincial_nomination", "sibling_in_canada", "job_offer",
                  "relative_in_canada", "canadian_study_2_years", "authorized_to_work_in_canada",
                  "spouse_canadian_study_2_years", "spouse_canadian_work_1_year", "intends_quebec")


def _language(slots: Dict[str, Any]) -> str:
    """The conversation's language (its ``language`` slot; English when not chosen)."""
    return slots.get("language") or "en"


def value_words(value: Any, language: str = "en") -> str:
    """An enumerated fact's value as the form repeats it (data/labels/<language>.yaml, ``values``: "common-law",
    "conjoint(e) de fait"); any other value as it is."""
    return concepts.words("values", language).get(str(value), str(value).replace("_", "-"))


def number_in(value: Any, language: str) -> str:
    """A number as the conversation's language writes it ("6.5"; "6,5" in French)."""
    return number_text(value) if language == "en" else count_text(value, language)


def lang_summary(slots: Dict[str, Any], group: str, texts: Dict[str, str]) -> Optional[str]:
    """A test in words: utter_form_summary_test, _taken or _undated (the test, its scores, its date), in the
    conversation's language."""
    test = slots.get(f"{group}_test")
    if test in (None, "none"):
        return None
    language = _language(slots)
    names = concepts.words("abilities", language)
    scores = ", ".join(f"{names.get(a, a) if language != 'en' else a} {number_in(slots.get(f'{group}_{a}'), language)}"
                       for a in ABILITIES if slots.get(f"{group}_{a}") is not None)
    taken = slots.get(f"{group}_taken_on")
    key = "utter_form_summary_test"
    if is_iso_date(taken):
        key += "_taken"
    elif slots.get(date_unknown(group)) or taken == "unknown":
        key += "_undated"
    return fill(texts, key, language=language, test=language_test_name(test, language), scores=scores,
                date=long_date(taken, language) if is_iso_date(taken) else "")


def summary(slots: Dict[str, Any], texts: Dict[str, str]) -> str:
    """The profile in plain words for the confirmation step, one domain response per line
    (utter_form_summary_<key>; ``texts``: response name -> text)."""
    s = slots.get
    language = _language(slots)
    education = EDUCATION_NAMES if language == "en" else concepts.words("education_words", language)
    lines: List[Tuple[str, Any]] = []
    if s("age") is not None:
        lines.append(("age", s("age")))
    if s("marital_status"):
        key = "marital"
        if s("marital_status") in SPOUSE_PARTNER:
            if s("spouse_canadian"):
                key = "marital_partner_canadian"
            elif s("spouse_accompanying") is not None:
                key = "marital_partner_coming" if s("spouse_accompanying") else "marital_partner_not_coming"
        lines.append((key, value_words(s("marital_status"), language)))
    if s("education"):
        lines.append(("education_no_eca" if s("education_recognized") is False else "education",
                      education.get(s("education"), s("education"))))
    if s("canadian_education") not in (None, "none"):
        lines.append((f"canadian_education_{s('canadian_education')}", None))
    for g in ("first_language", "second_language"):
        ls = lang_summary(slots, g, texts)
        if ls:
            lines.append((g, ls))
    for slot in ("canadian_work_years", "canadian_work_months_last_3_years", "foreign_work_years"):
        if s(slot) is not None:
            lines.append((slot, s(slot)))
    if s("noc_code") not in (None, "unknown"):
        lines.append(("noc_code", s("noc_code")))
    if s("trade_work_years_last_5") is not None:
        lines.append(("trade_work_years_last_5", s("trade_work_years_last_5")))
    lines += [(slot, texts["utter_form_summary_yes" if s(slot) else "utter_form_summary_no"])
              for slot in _SUMMARY_BOOLS if s(slot) is not None]
    if s("spouse_education"):
        lines.append(("spouse_education", education.get(s("spouse_education"), s("spouse_education"))))
    ls = lang_summary(slots, "spouse_language", texts)
    if ls:
        lines.append(("spouse_language", ls))
    if s("spouse_canadian_work_years") is not None:
        lines.append(("spouse_canadian_work_years", s("spouse_canadian_work_years")))
    if s("settlement_funds") is not None:
        lines.append(("settlement_funds", count_text(int(float(s("settlement_funds"))), language)))
    if s("family_size") is not None:
        lines.append(("family_size", s("family_size")))
    return "\n".join(fill(texts, f"utter_form_summary_{key}", language=language, value=v) for key, v in lines)


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
