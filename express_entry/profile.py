"""Profile validation: the contract's input, checked and normalised.

``validate(profile)`` returns a new dict (the input is never modified) in which
``assessed_on`` is a ``datetime.date`` (default: today), language ``taken_on``
dates are ``datetime.date`` objects and integral numbers are ``int``.  Anything
outside the contract raises :class:`ProfileError`, whose message names the
field path (``first_language.listening``) and the accepted values.

Extensions to the contract (optional fields, all listed with their meaning in PROFILE_EXTENSIONS):
``first_language_fixed``, ``job_offer_noc_code``, ``authorized_to_work_in_canada``,
``spouse_canadian_study_2_years`` and ``spouse_canadian_work_1_year``.

Hand-written checks (no JSON-schema library) keep this fast enough for the
hot path; ``express_entry/data/profile.schema.json`` is a copy of the contract's
schema for other tools.
"""
from __future__ import annotations

import datetime as _dt
import os as _os
from typing import Any, Dict, List, Optional, Tuple

__all__ = ["ProfileError", "validate", "noc_codes", "accompanying_spouse", "PARTNERED", "LEVEL_WORD", "FIELDS",
           "ABILITIES", "EDUCATION_LEVELS", "LANGUAGE_TESTS", "PROFILE_EXTENSIONS", "TEST_LANGUAGE", "test_scale",
           "describe_scale"]

from . import concepts as _concepts
from .vocabulary import (ABILITIES, CANADIAN_EDUCATION, EDUCATION_LEVELS, LANGUAGE_TESTS, LEVEL_WORD,  # noqa: F401
                         MARITAL_STATUSES, PARTNERED, TEST_LANGUAGE, TEST_NAMES, count_text, number_text,
                         parse_iso_date)

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

# Every profile field the engine reads that the contract (PROFILE.md) does not have: the one list of
# extensions (docs: express_entry/rulesets/README.md, "Profile extensions"; schema:
# express_entry/data/profile.schema.json). All are optional; absent means unknown, like a contract field.
PROFILE_EXTENSIONS = {
    "first_language_fixed": (
        "boolean, default false. true: first_language is the first official language as given. "
        "false or absent: when an English and a French result are both given, the engine uses the "
        "order that gives the higher CRS and says which it chose (first_language_choice)."),
    "job_offer_noc_code": (
        "5-digit NOC 2021 code of the job offer. Only matters for rulesets before 2025-03-25, "
        "when an offer in NOC major group 00 (senior management, codes 00xxx) earned 200 CRS "
        "points and any other skilled offer 50."),
    "authorized_to_work_in_canada": (
        "boolean. You can legally work in Canada now (work permit or authorization). With a valid job "
        "offer (job_offer) it exempts FSW and FSTP candidates from proof of funds. Absent: unknown (a "
        "candidate with a job offer and too little money is then undecided, not exempt)."),
    "spouse_canadian_study_2_years": (
        "boolean. Your accompanying spouse/partner completed 2+ academic years of full-time study in "
        "Canada (FSW adaptability). Absent: unknown."),
    "spouse_canadian_work_1_year": (
        "boolean. Your accompanying spouse/partner did 1+ year of full-time work in Canada in any "
        "occupation with a work permit or authorization (FSW adaptability). Absent: "
        "spouse_canadian_work_years decides (1 or more: yes, 0: no); unknown when both are absent."),
}


class ProfileError(ValueError):
    """Invalid profile: ``field`` is the path (``first_language.listening``), ``accepted`` the accepted values
    (both in English, for a developer). ``kind`` and ``values``: what is wrong as a key of the labels'
    ``profile_errors`` and its placeholders, for a person in any language (None: the generic ``not_accepted``).
    ``accepts``: the key of the labels' ``accepted`` that ``accepted`` is written from, with the same ``values``
    (:meth:`accepted_in`)."""

    def __init__(self, field: str, message: str, accepted: str, kind: Optional[str] = None,
                 accepts: Optional[str] = None, **values: Any):
        self.field = field
        self.message = message
        self.accepted = accepted
        self.kind = kind
        self.accepts = accepts
        self.values = values
        super().__init__(f"{field}: {message}; accepted: {accepted}")

    def accepted_in(self, language: str = "en") -> str:
        """The accepted values in ``language`` (``accepted`` itself when it has no words in the labels)."""
        return accepted_text(self.accepts, language, **self.values) if self.accepts else self.accepted

    def to_dict(self) -> dict:
        return {"field": self.field, "message": self.message, "accepted": self.accepted}


def accepted_text(kind: str, language: str = "en", /, **values: Any) -> str:
    """What a field accepts in words (the labels' ``accepted.<kind>``: "a whole number from 16 to 100"), its
    numbers written as ``language`` writes them."""
    number = number_text if language == "en" else (lambda x: count_text(x, language))
    return _concepts.say(f"accepted.{kind}", language, **{k: number(v) for k, v in values.items()})


def _scale(test: str, ability: str) -> Tuple[str, Dict[str, Any]]:
    """(the labels' ``accepted`` key, its values) of a test's scale for one ability."""
    lo, hi, step = _SCALES[test][ability]
    return ("whole_numbers", {"lo": lo, "hi": hi}) if step == 1 else ("steps", {"lo": lo, "hi": hi, "step": step})


def describe_scale(test: str, ability: str, language: str = "en") -> str:
    """The scores a test accepts for one ability, in words: "0 to 9 in steps of 0.5", "whole numbers from 0 to
    12"."""
    kind, values = _scale(test, ability)
    return accepted_text(kind, language, **values)


def test_scale(test: str, ability: str):
    """(min, max, step) of a test's scores for one ability."""
    return _SCALES[test][ability]


def _bad(field, message, accepted, kind=None, accepts=None, **values):
    raise ProfileError(field, message, accepted, kind, accepts, **values)


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


def _refused(field, message, kind, accepts, **values):
    """Raises the ProfileError of a value outside what ``accepts`` (a key of the labels' ``accepted``) describes."""
    _bad(field, message, accepted_text(accepts, **values), kind, accepts, **values)


def _int(field, value, lo, hi):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _refused(field, f"{_type_name(value)} ({_show(value)}) is not a whole number", None, "whole_number", lo=lo,
                 hi=hi)
    if isinstance(value, float):
        if not value.is_integer():
            _refused(field, f"{_show(value)} is not a whole number", "whole_number", "whole_number", lo=lo, hi=hi)
        value = int(value)
    if value < lo or value > hi:
        _refused(field, f"{value} is out of range", "whole_number", "whole_number", lo=lo, hi=hi)
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
    day = parse_iso_date(value)
    if day is None:
        _bad(field, f"{_show(value)} is not a date", "an ISO date YYYY-MM-DD, e.g. 2026-11-28")
    return day


def _number(field, value, lo):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        _refused(field, f"{_type_name(value)} ({_show(value)}) is not a number", None, "number_from", lo=lo)
    if value < lo or value == float("inf"):
        _refused(field, f"{_show(value)} is out of range", None, "number_from", lo=lo)
    return value


_NOC_CODES: Optional[frozenset] = None
_NOC_FIND = 'find yours by job title with: python -m express_entry noc find "job title"'


def noc_codes() -> frozenset:
    """The 516 NOC 2021 unit group codes (data/noc2021/unit_groups.csv), read once on first use.

    Deliberately not ``express_entry.noc`` (the title search module): validation needs only the codes.
    """
    global _NOC_CODES
    if _NOC_CODES is None:
        path = _os.path.join(_os.path.dirname(__file__), "data", "noc2021", "unit_groups.csv")
        with open(path, encoding="utf-8") as fh:
            next(fh)  # header: code,title_en,...
            _NOC_CODES = frozenset(line[:5] for line in fh if line[:5].isdigit())
    return _NOC_CODES


def _noc(field, value):
    if isinstance(value, str) and len(value) == 5 and value.isdigit() and value.isascii():
        if value in (_NOC_CODES or noc_codes()):
            return value
        _bad(field, f"{value} is not a NOC 2021 unit group code (NOC 2021 Version 1.0)",
             'one of the 516 NOC 2021 unit group codes, a 5-digit string such as "21231"; ' + _NOC_FIND,
             "not_a_noc", "noc_code", code=value)
    _bad(field, f"{_show(value)} is not a NOC 2021 code",
         'a 5-digit string such as "21231" (a NOC 2021 unit group); ' + _NOC_FIND)


_LANG_KEYS = ("test",) + ABILITIES + ("taken_on",)


def _valid_scores(lo, hi, step):
    """(type, every valid score) of a scale: the common valid input, accepted without further checks."""
    if step == 1:
        return int, frozenset(range(lo, hi + 1))
    n = int(round((hi - lo) / step))
    return float, frozenset(lo + i * step for i in range(n + 1))


_VALID_SCORES = {test: {a: _valid_scores(*sc) for a, sc in scales.items()} for test, scales in _SCALES.items()}


def _lang_score(path, test, ability, score):
    """Check one score against its test's scale (slow path, also builds the error message)."""
    lo, hi, step = _SCALES[test][ability]
    scale, values = _scale(test, ability)
    if isinstance(score, bool) or not isinstance(score, (int, float)) or score != score:
        _refused(path, f"{_type_name(score)} ({_show(score)}) is not a {TEST_NAMES[test]} score", None, scale,
                 **values)
    if score < lo or score > hi:
        _refused(path, f"{number_text(score)} is not a valid {TEST_NAMES[test]} score", None, scale, **values)
    if step == 1:
        if isinstance(score, float):
            if not score.is_integer():
                _refused(path, f"{number_text(score)} is not a valid {TEST_NAMES[test]} score", None, scale, **values)
            score = int(score)
        return score
    twice = score * 2
    if twice != int(twice):
        _refused(path, f"{number_text(score)} is not a valid {TEST_NAMES[test]} score", None, scale, **values)
    return float(score)


# The accepted shape of a language result, in the vocabulary's ability order.
_LANGUAGE_EXAMPLE = "an object such as {" + ", ".join(
    ['"test": "ielts"'] + [f'"{a}": {s}' for a, s in zip(ABILITIES, (8, 7, 7, 7))]) + "}"


def _language(field, value):
    if type(value) is not dict:
        _bad(field, f"{_type_name(value)} is not a language result",
             _LANGUAGE_EXAMPLE)
    test = value.get("test")
    scales = _VALID_SCORES.get(test) if type(test) is str else None
    if scales is None:
        for key in value:
            if key not in _LANG_KEYS:
                _bad(f"{field}.{key}", "unknown field in a language result", ", ".join(_LANG_KEYS))
        if test is None:
            _bad(f"{field}.test", "the test is required", ", ".join(LANGUAGE_TESTS))
        _bad(f"{field}.test", f"{_show(test)} is not a known test",
             ", ".join(LANGUAGE_TESTS) + " (IELTS General Training, CELPIP-General, PTE Core, TEF Canada, "
             "TCF Canada, or CLB / NCLC levels given directly)")
    out = {"test": test}
    for key, score in value.items():
        sc = scales.get(key)  # an ability: (type, valid scores)
        if sc is not None:
            if type(score) is sc[0] and score in sc[1]:
                out[key] = score
            elif score is not None:
                out[key] = _lang_score(f"{field}.{key}", test, key, score)
        elif key == "taken_on":
            out[key] = _date(f"{field}.taken_on", score)
        elif key != "test":
            _bad(f"{field}.{key}", "unknown field in a language result", ", ".join(_LANG_KEYS))
    return out


# Field specs: (kind, ...), from the registry of the profile's fields (express_entry/concepts.py). Fast paths
# below handle the common valid values inline; the helpers above produce the error messages (and accept integral
# floats).
_INT, _BOOL, _ENUM, _LANG, _NOC, _NUM = range(6)
_KINDS = {"int": _INT, "bool": _BOOL, "enum": _ENUM, "language": _LANG, "noc": _NOC, "number": _NUM}
_SPEC = {f.name: (_KINDS[f.check[0]],) + tuple(f.check[1:]) for f in _concepts.FIELDS}
_ENUM_SETS = {key: frozenset(spec[1]) for key, spec in _SPEC.items() if spec[0] == _ENUM}
_BOOL_KEYS = frozenset(key for key, spec in _SPEC.items() if spec[0] == _BOOL)
_INT_RANGES = {key: (spec[1], spec[2]) for key, spec in _SPEC.items() if spec[0] == _INT}
_LANG_FIELDS = frozenset(key for key, spec in _SPEC.items() if spec[0] == _LANG)
_NOC_FIELDS = frozenset(key for key, spec in _SPEC.items() if spec[0] == _NOC)
_NUM_MIN = {key: spec[1] for key, spec in _SPEC.items() if spec[0] == _NUM}

FIELDS = ("assessed_on",) + tuple(_SPEC)
_ACCEPTED_FIELDS = ", ".join(FIELDS)
_EARLIEST = []  # cached earliest ruleset date


def _earliest_date():
    if not _EARLIEST:
        from . import rules  # lazy: loads the rulesets only when first needed

        _EARLIEST.append(rules.earliest_date())
    return _EARLIEST[0]


def _check(key, value, spec):
    kind = spec[0]
    if kind == _INT:
        return _int(key, value, spec[1], spec[2])
    if kind == _BOOL:
        return _bool(key, value)
    if kind == _ENUM:
        return _enum(key, value, spec[1])
    if kind == _LANG:
        return _language(key, value)
    if kind == _NOC:
        return _noc(key, value)
    return _number(key, value, spec[1])




def accompanying_spouse(p: dict) -> Tuple[Optional[bool], List[str]]:
    """Whether validated profile ``p`` has a spouse or common-law partner who counts: married or
    common-law, coming to Canada and not a Canadian citizen or permanent resident (the CRS spouse
    columns and the FSW spouse items both depend on this).

    Returns (True | False | None, fields): None when it depends on unknown fields, which are listed
    (``marital_status``, or the spouse flags).
    """
    status = p.get("marital_status")
    if status is None:
        return None, ["marital_status"]
    if status not in PARTNERED:
        return False, []
    acc = p.get("spouse_accompanying")
    can = p.get("spouse_canadian")
    if acc is False or can is True:
        return False, []
    if acc is None or can is None:
        return None, [f for f, v in (("spouse_accompanying", acc), ("spouse_canadian", can)) if v is None]
    return True, []


def validate(profile: Any, today: Optional[_dt.date] = None) -> Dict[str, Any]:
    """Checked, normalised copy of ``profile``; raises ProfileError.

    A field given as ``null`` is treated as absent (unknown).
    """
    if not isinstance(profile, dict):
        _bad("profile", f"{_type_name(profile)} is not a profile", "a JSON object with the contract's fields")
    out: Dict[str, Any] = {}
    for key, value in profile.items():
        # fast paths for the common valid values; everything else goes through _check (error messages)
        if value is None:
            if key in _SPEC or key == "assessed_on":
                continue
        else:
            tv = type(value)
            if tv is bool:
                if key in _BOOL_KEYS:
                    out[key] = value
                    continue
            elif tv is int:
                r = _INT_RANGES.get(key)
                if r is not None and r[0] <= value <= r[1]:
                    out[key] = value
                    continue
                lo = _NUM_MIN.get(key)
                if lo is not None and value >= lo:
                    out[key] = value
                    continue
            elif tv is str:
                es = _ENUM_SETS.get(key)
                if es is not None and value in es:
                    out[key] = value
                    continue
                if key in _NOC_FIELDS and value in (_NOC_CODES or noc_codes()):
                    out[key] = value
                    continue
            elif tv is dict and key in _LANG_FIELDS:
                out[key] = _language(key, value)
                continue
        spec = _SPEC.get(key)
        if spec is None:
            if key == "assessed_on":
                continue
            _bad(str(key), "unknown field", _ACCEPTED_FIELDS)
        out[key] = _check(key, value, spec)
    on = profile.get("assessed_on")
    if on is None:
        on = today or _dt.date.today()
    else:
        on = _date("assessed_on", on)
    earliest = _EARLIEST[0] if _EARLIEST else _earliest_date()
    if on < earliest:
        _bad("assessed_on", f"{on.isoformat()} is before the earliest modelled ruleset",
             f"a date on or after {earliest.isoformat()}")
    out["assessed_on"] = on
    first, second = out.get("first_language"), out.get("second_language")
    if first is not None and second is not None and TEST_LANGUAGE[first["test"]] == TEST_LANGUAGE[second["test"]]:
        other = "French (tef, tcf, nclc)" if TEST_LANGUAGE[first["test"]] == "english" else \
            "English (ielts, celpip, pte, clb)"
        _bad("second_language.test", f"{second['test']} is in the same language as first_language",
             f"a test of the other official language: {other}", "same_language")
    teer, noc = out.get("teer"), out.get("noc_code")
    if teer is not None and noc is not None and int(noc[1]) != teer:
        _bad("teer", f"{teer} contradicts noc_code {noc}, whose TEER is {noc[1]} (the 2nd digit of a NOC 2021 code)",
             f"{noc[1]} (the TEER of NOC {noc}), or leave teer out when noc_code is given", "teer_not_noc", noc=noc,
             teer=noc[1])
    for key in ("first_language", "second_language", "spouse_language"):
        res = out.get(key)
        if res is not None and "taken_on" in res and res["taken_on"] > on:
            _bad(f"{key}.taken_on", f"{res['taken_on'].isoformat()} is after assessed_on ({on.isoformat()})",
                 f"a date on or before {on.isoformat()}", "after_assessed_on")
    return out
