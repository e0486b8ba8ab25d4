"""The profile questions in asking order, and which of them a partial profile still misses.

The order and the conditions are data (``QUESTIONS``): a field is asked when every condition of its row holds
for the answers given so far; partner questions only with a partner who is not Canadian and comes along, the
skilled-trade question only for a trade occupation (``programs.is_skilled_trade``, the ruleset's trade list),
the eligibility questions (CEC, FSW, FSTP) only when eligibility is asked for; no question whose answer could not
change the score or a verdict (a Canadian post-secondary credential after a highest education of secondary school
or less, a sibling after a nomination whose points fill the additional points' cap).

Fields are the contract's paths (docs/contract/PROFILE.md): nested fields with a dot, ``first_language.test``.
``answers`` maps a path to the value given; ``declined`` holds the paths the person answered with "none" or
"I don't know" (no second test, an unknown occupation, an unknown test date): asked, so not missing, with no
value. Plain Python, no Rasa import.
"""
from __future__ import annotations

from typing import Any, Callable, Collection, Dict, List, Mapping, Tuple

from .vocabulary import ABILITIES, PARTNERED

Condition = Tuple[str, str, Any]  # (field path or "@option", test name, argument)

PARTNER: List[Condition] = [("marital_status", "in", PARTNERED)]
PARTNER_ABROAD: List[Condition] = PARTNER + [("spouse_canadian", "is", False)]
ACCOMPANYING: List[Condition] = PARTNER_ABROAD + [("spouse_accompanying", "is", True)]
ELIGIBILITY: List[Condition] = [("@eligibility", "is", True)]


def _language(group: str, when: List[Condition], optional: bool = True) -> List[Tuple[str, List[Condition]]]:
    """A language test question, then its four scores and its date (of an optional test: once one was named)."""
    tested = when + [(f"{group}.test", "given", None)] if optional else when
    return ([(f"{group}.test", when)] + [(f"{group}.{a}", tested) for a in ABILITIES]
            + [(f"{group}.taken_on", tested)])


# (field, conditions), in the order the questions are asked.
QUESTIONS: List[Tuple[str, List[Condition]]] = [
    ("age", []),
    ("marital_status", []),
    ("spouse_canadian", PARTNER),
    ("spouse_accompanying", PARTNER_ABROAD),
    ("education", []),
    ("education_recognized", [("education", "given_not_in", ("less_than_secondary",))]),
    # a Canadian post-secondary credential is post-secondary: not asked when the highest is secondary or less
    ("canadian_education", [("education", "given_not_in", ("less_than_secondary", "secondary"))]),
    *_language("first_language", [], optional=False),
    *_language("second_language", []),
    ("canadian_work_years", []),
    ("canadian_work_months_last_3_years", ELIGIBILITY + [("canadian_work_years", "positive", None)]),
    ("foreign_work_years", []),
    ("noc_code", ELIGIBILITY),
    ("trade_work_years_last_5", ELIGIBILITY + [("noc_code", "trade_or_declined", None)]),
    ("certificate_of_qualification", []),
    ("provincial_nomination", []),
    # a nomination's points fill the additional points' cap: a sibling could not change the score
    ("sibling_in_canada", [("provincial_nomination", "leaves_additional_room", None)]),
    ("spouse_education", ACCOMPANYING),
    *_language("spouse_language", ACCOMPANYING),
    ("spouse_canadian_work_years", ACCOMPANYING),
    ("job_offer", ELIGIBILITY),
    ("authorized_to_work_in_canada", ELIGIBILITY + [("job_offer", "is", True)]),
    ("relative_in_canada", ELIGIBILITY),
    ("canadian_study_2_years", ELIGIBILITY),
    ("spouse_canadian_study_2_years", ELIGIBILITY + ACCOMPANYING),
    ("spouse_canadian_work_1_year", ELIGIBILITY + ACCOMPANYING),
    ("intends_quebec", ELIGIBILITY),
    ("settlement_funds", ELIGIBILITY),
    ("family_size", ELIGIBILITY),
]
FIELDS: Tuple[str, ...] = tuple(f for f, _ in QUESTIONS)

_DECLINED = object()


def _positive(v: Any) -> bool:
    try:
        return float(v) > 0
    except (TypeError, ValueError):
        return False


def _trade_or_declined(v: Any) -> bool:
    if v is _DECLINED:
        return True
    if v is None:
        return False
    from .programs import is_skilled_trade

    return is_skilled_trade(str(v))


def _nomination_leaves_room() -> bool:
    """True when the ruleset in force today caps the CRS's additional points above a nomination's points."""
    import datetime as dt

    from .rules import ruleset_for

    rs = ruleset_for(dt.date.today())
    return rs.table("crs_caps")["additional"] > rs.table("crs_additional")["provincial_nomination"]


TESTS: Dict[str, Callable[[Any, Any], bool]] = {
    "in": lambda v, arg: v in arg,
    "is": lambda v, arg: v is arg,
    "given": lambda v, arg: v is not None and v is not _DECLINED,
    "given_not_in": lambda v, arg: v is not None and v is not _DECLINED and v not in arg,
    "positive": lambda v, arg: _positive(v),
    "trade_or_declined": lambda v, arg: _trade_or_declined(v),
    "leaves_additional_room": lambda v, arg: v is not True or _nomination_leaves_room(),
}


def questions(answers: Mapping[str, Any], declined: Collection[str] = (), eligibility: bool = False) -> List[str]:
    """Every field asked of this profile, in asking order (answered ones included)."""
    options = {"@eligibility": eligibility}

    def value(field: str) -> Any:
        if field in options:
            return options[field]
        return _DECLINED if field in declined else answers.get(field)

    return [field for field, when in QUESTIONS
            if all(TESTS[test](value(f), arg) for f, test, arg in when)]


def missing_fields(answers: Mapping[str, Any], declined: Collection[str] = (), eligibility: bool = False
                   ) -> List[str]:
    """The fields this profile still misses, in asking order: asked, neither answered nor declined."""
    return [f for f in questions(answers, declined, eligibility)
            if answers.get(f) is None and f not in declined]


def slot_name(field: str) -> str:
    """The dialogue's slot for a field (the contract: nesting joined with ``_``)."""
    return field.replace(".", "_")

