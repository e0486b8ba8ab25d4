"""Profile validation: the contract's input, checked and normalised.

``validate(profile)`` returns a new dict (the input is never modified) in which
``assessed_on`` is a ``datetime.date`` (default: today), language ``taken_on``
dates are ``datetime.date`` objects and integral numbers are ``int``.  Anything
outside the contract raises :class:`ProfileError`, whose message names the
field path (``first_language.listening``) and the accepted values.

Extensions to the contract (optional fields, documented in PROFILE_EXTENSIONS):
``first_language_fixed`` and ``job_offer_noc_code``.

Hand-written checks (no JSON-schema library) keep this fast enough for the
hot path; ``express_entry/data/profile.schema.json`` is a copy of the contract's
schema for other tools.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, Optional

__all__ = ["ProfileError", "validate", "FIELDS", "ABILITIES", "EDUCATION_LEVELS", "LANGUAGE_TESTS",
           "PROFILE_EXTENSIONS", "TEST_LANGUAGE", "test_scale", "describe_scale"]

ABILITIES = ("speaking", "listening", "reading", "writing")

EDUCATION_LEVELS = ("less_than_secondary", "secondary", "one_year", "two_year", "bachelors",
                    "two_or_more", "masters", "doctoral")
MARITAL_STATUSES = ("single", "married", "common_law", "separated", "divorced", "widowed")
CANADIAN_EDUCATION = ("none", "one_or_two_year", "three_year_or_more")
LANGUAGE_TESTS = ("ielts", "celpip", "pte", "tef", "tcf", "clb", "nclc")
TEST_LANGUAGE = {"ielts": "english", "celpip": "english", "pte": "english", "clb": "english",
                 "tef": "french", "tcf": "french", "nclc": "french"}
TEST_NAMES = {"ielts": "IELTS General Training", "celpip": "CELPIP-General", "pte": "PTE Core",
              "tef": "TEF Canada", "tcf": "TCF Canada", "clb": "CLB levels", "nclc": "NCLC levels"}

# Score scales as the contract states them: (min, max, step) per ability.
_ALL = lambda lo, hi, step: {a: (lo, hi, step) for a in ABILITIES}  # noqa: E731
_SCALES = {
    "ielts": _ALL(0, 9, 0.5),
    "celpip": _ALL(0, 12, 1),
    "pte": _ALL(10, 90, 1),
    "tef": _ALL(0, 699, 1),
    "tcf": {"listening": (0, 699, 1), "reading": (0, 699, 1), "speaking": (0, 20, 1), "writing": (0, 20, 1)},
    "clb": _ALL(0, 12, 1),
    "nclc": _ALL(0, 12, 1),
}

PROFILE_EXTENSIONS = {
    "first_language_fixed": (
        "boolean, default false. true: first_language is the first official language as given. "
        "false or absent: when an English and a French result are both given, the engine uses the "
        "order that gives the higher CRS and says which it chose (first_language_choice)."),
    "job_offer_noc_code": (
        "5-digit NOC 2021 code of the job offer. Only matters for rulesets before 2025-03-25, "
        "when an offer in NOC major group 00 (senior management, codes 00xxx) earned 200 CRS "
        "points and any other skilled offer 50."),
}


class ProfileError(ValueError):
    """Invalid profile: ``field`` is the path (``first_language.listening``), ``accepted`` the accepted values."""

    def __init__(self, field: str, message: str, accepted: str):
        self.field = field
        self.message = message
        self.accepted = accepted
        super().__init__(f"{field}: {message}; accepted: {accepted}")

    def to_dict(self) -> dict:
        return {"field": self.field, "message": self.message, "accepted": self.accepted}


def _fmt_num(x) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def describe_scale(test: str, ability: str) -> str:
    lo, hi, step = _SCALES[test][ability]
    if step == 1:
        return f"whole numbers from {lo} to {hi}"
    return f"{_fmt_num(lo)} to {_fmt_num(hi)} in steps of {_fmt_num(step)}"


def test_scale(test: str, ability: str):
    """(min, max, step) of a test's scores for one ability."""
    return _SCALES[test][ability]


def _bad(field, message, accepted):
    raise ProfileError(field, message, accepted)


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _type_name(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _int(field, value, lo, hi):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _bad(field, f"{_type_name(value)} ({_show(value)}) is not a whole number", f"a whole number from {lo} to {hi}")
    if isinstance(value, float):
        if not value.is_integer():
            _bad(field, f"{_show(value)} is not a whole number", f"a whole number from {lo} to {hi}")
        value = int(value)
    if value < lo or value > hi:
        _bad(field, f"{value} is out of range", f"a whole number from {lo} to {hi}")
    return value


def _bool(field, value):
    if value is True or value is False:
        return value
    _bad(field, f"{_type_name(value)} ({_show(value)}) is not true or false", "true or false")


def _enum(field, value, choices):
    if isinstance(value, str) and value in choices:
        return value
    _bad(field, f"{_show(value)} is not one of the accepted values", ", ".join(choices))


def _date(field, value):
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            pass
    _bad(field, f"{_show(value)} is not a date", "an ISO date YYYY-MM-DD, e.g. 2026-11-28")


def _number(field, value, lo):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        _bad(field, f"{_type_name(value)} ({_show(value)}) is not a number", f"a number, {lo} or more")
    if value < lo or value == float("inf"):
        _bad(field, f"{_show(value)} is out of range", f"a number, {lo} or more")
    return value


def _noc(field, value):
    if isinstance(value, str) and len(value) == 5 and value.isdigit() and value.isascii():
        return value
    _bad(field, f"{_show(value)} is not a NOC 2021 code", 'a 5-digit string such as "21231"')


_LANG_KEYS = ("test",) + ABILITIES + ("taken_on",)


def _language(field, value):
    if not isinstance(value, dict):
        _bad(field, f"{_type_name(value)} is not a language result",
             'an object such as {"test": "ielts", "speaking": 7, "listening": 8, "reading": 7, "writing": 7}')
    for key in value:
        if key not in _LANG_KEYS:
            _bad(f"{field}.{key}", "unknown field in a language result", ", ".join(_LANG_KEYS))
    test = value.get("test")
    if test is None:
        _bad(f"{field}.test", "the test is required", ", ".join(LANGUAGE_TESTS))
    if not isinstance(test, str) or test not in _SCALES:
        _bad(f"{field}.test", f"{_show(test)} is not a known test",
             ", ".join(LANGUAGE_TESTS) + " (IELTS General Training, CELPIP-General, PTE Core, TEF Canada, "
             "TCF Canada, or CLB / NCLC levels given directly)")
    scales = _SCALES[test]
    out = {"test": test}
    for ability in ABILITIES:
        if ability not in value:
            continue
        score = value[ability]
        path = f"{field}.{ability}"
        lo, hi, step = scales[ability]
        if isinstance(score, bool) or not isinstance(score, (int, float)) or score != score:
            _bad(path, f"{_type_name(score)} ({_show(score)}) is not a {TEST_NAMES[test]} score",
                 describe_scale(test, ability))
        if score < lo or score > hi:
            _bad(path, f"{_fmt_num(score)} is not a valid {TEST_NAMES[test]} score", describe_scale(test, ability))
        if step == 1:
            if isinstance(score, float):
                if not score.is_integer():
                    _bad(path, f"{_fmt_num(score)} is not a valid {TEST_NAMES[test]} score",
                         describe_scale(test, ability))
                score = int(score)
        else:
            twice = score * 2
            if twice != int(twice):
                _bad(path, f"{_fmt_num(score)} is not a valid {TEST_NAMES[test]} score", describe_scale(test, ability))
            score = float(score)
        out[ability] = score
    if "taken_on" in value:
        out["taken_on"] = _date(f"{field}.taken_on", value["taken_on"])
    return out


_CHECKS = {
    "age": lambda f, v: _int(f, v, 16, 100),
    "marital_status": lambda f, v: _enum(f, v, MARITAL_STATUSES),
    "spouse_accompanying": _bool,
    "spouse_canadian": _bool,
    "education": lambda f, v: _enum(f, v, EDUCATION_LEVELS),
    "education_recognized": _bool,
    "canadian_education": lambda f, v: _enum(f, v, CANADIAN_EDUCATION),
    "first_language": _language,
    "second_language": _language,
    "canadian_work_years": lambda f, v: _int(f, v, 0, 10),
    "canadian_work_months_last_3_years": lambda f, v: _int(f, v, 0, 36),
    "foreign_work_years": lambda f, v: _int(f, v, 0, 10),
    "noc_code": _noc,
    "teer": lambda f, v: _int(f, v, 0, 5),
    "trade_work_years_last_5": lambda f, v: _int(f, v, 0, 5),
    "certificate_of_qualification": _bool,
    "job_offer": _bool,
    "provincial_nomination": _bool,
    "sibling_in_canada": _bool,
    "relative_in_canada": _bool,
    "canadian_study_2_years": _bool,
    "spouse_education": lambda f, v: _enum(f, v, EDUCATION_LEVELS),
    "spouse_language": _language,
    "spouse_canadian_work_years": lambda f, v: _int(f, v, 0, 10),
    "intends_quebec": _bool,
    "settlement_funds": lambda f, v: _number(f, v, 0),
    "family_size": lambda f, v: _int(f, v, 1, 20),
    # extensions
    "first_language_fixed": _bool,
    "job_offer_noc_code": _noc,
}

FIELDS = ("assessed_on",) + tuple(_CHECKS)
_ACCEPTED_FIELDS = ", ".join(FIELDS)


def validate(profile: Any, today: Optional[_dt.date] = None) -> Dict[str, Any]:
    """Checked, normalised copy of ``profile``; raises ProfileError.

    A field given as ``null`` is treated as absent (unknown).
    """
    if not isinstance(profile, dict):
        _bad("profile", f"{_type_name(profile)} is not a profile", "a JSON object with the contract's fields")
    out: Dict[str, Any] = {}
    checks = _CHECKS
    for key, value in profile.items():
        if value is None:
            if key in checks or key == "assessed_on":
                continue
        if key == "assessed_on":
            continue
        check = checks.get(key)
        if check is None:
            _bad(str(key), "unknown field", _ACCEPTED_FIELDS)
        out[key] = check(key, value)
    on = profile.get("assessed_on")
    if on is None:
        on = today or _dt.date.today()
    else:
        on = _date("assessed_on", on)
    from . import rules  # lazy: loads the rulesets only when first needed

    earliest = rules.earliest_date()
    if on < earliest:
        _bad("assessed_on", f"{on.isoformat()} is before the earliest modelled ruleset",
             f"a date on or after {earliest.isoformat()}")
    out["assessed_on"] = on
    first, second = out.get("first_language"), out.get("second_language")
    if first is not None and second is not None and TEST_LANGUAGE[first["test"]] == TEST_LANGUAGE[second["test"]]:
        other = "French (tef, tcf, nclc)" if TEST_LANGUAGE[first["test"]] == "english" else \
            "English (ielts, celpip, pte, clb)"
        _bad("second_language.test", f"{second['test']} is in the same language as first_language",
             f"a test of the other official language: {other}")
    for key in ("first_language", "second_language", "spouse_language"):
        res = out.get(key)
        if res is not None and "taken_on" in res and res["taken_on"] > on:
            _bad(f"{key}.taken_on", f"{res['taken_on'].isoformat()} is after assessed_on ({on.isoformat()})",
                 f"a date on or before {on.isoformat()}")
    return out
