"""The registry of the profile's concepts: each declared once, every table about them derived from here.

- :data:`FIELDS`: every profile field (docs/contract/PROFILE.md and the engine's extensions, in the contract's
  order) with the check the engine applies (its kind and range: ``express_entry.profile`` validates with it)
  and the kind of answer the assistant's form reads for it (``actions/fields.KIND``);
- the words for them, in a data file per language (``data/labels/en.yaml``): the CRS parts with their letters
  (:func:`parts`), the CRS factors (:func:`factor_names`), the facts as the form names them
  (:func:`field_labels`) and as "show my data" lists them (:func:`kept_labels`); and the sentences the engine
  and the actions compose, by key with {placeholders} (:func:`say`, :func:`words`). ``fr.yaml`` has the same keys
  and placeholders as ``en.yaml`` (tests/engine/test_labels_french.py).

The choices of an enumerated field are the vocabulary's (``express_entry/vocabulary.py``); the rule values
(points, caps, which factor is in which part) are the rulesets'. Plain Python, no Rasa import.
"""
from __future__ import annotations

import functools
import os
from typing import Any, Dict, NamedTuple, Optional, Tuple

from .vocabulary import CANADIAN_EDUCATION, EDUCATION_LEVELS, MARITAL_STATUSES, UI_LANGUAGES


class Field(NamedTuple):
    """A profile field. ``check``: ("int", lo, hi), ("number", lo), ("bool",), ("enum", choices), ("language",)
    (a language result) or ("noc",) (a NOC 2021 code). ``answer``: the kind of answer the form reads for it (age,
    marital, education, canadian_education, years, months, noc, teer, bool, money, count; "language": a test, its
    four scores and its date, each its own slot), None when the form never asks it. ``extension``: not in the
    contract (profile.PROFILE_EXTENSIONS says what it means)."""
    name: str
    check: Tuple[Any, ...]
    answer: Optional[str]
    extension: bool = False


def _bool(name: str, answer: Optional[str] = "bool", extension: bool = False) -> Field:
    return Field(name, ("bool",), answer, extension)


FIELDS: Tuple[Field, ...] = (
    Field("age", ("int", 16, 100), "age"),
    Field("marital_status", ("enum", MARITAL_STATUSES), "marital"),
    _bool("spouse_accompanying"),
    _bool("spouse_canadian"),
    Field("education", ("enum", EDUCATION_LEVELS), "education"),
    _bool("education_recognized"),
    Field("canadian_education", ("enum", CANADIAN_EDUCATION), "canadian_education"),
    Field("first_language", ("language",), "language"),
    Field("second_language", ("language",), "language"),
    Field("canadian_work_years", ("int", 0, 10), "years"),
    Field("canadian_work_months_last_3_years", ("int", 0, 36), "months"),
    Field("foreign_work_years", ("int", 0, 10), "years"),
    Field("noc_code", ("noc",), "noc"),
    Field("teer", ("int", 0, 5), "teer"),
    Field("trade_work_years_last_5", ("int", 0, 5), "years"),
    _bool("certificate_of_qualification"),
    _bool("job_offer"),
    _bool("provincial_nomination"),
    _bool("sibling_in_canada"),
    _bool("relative_in_canada"),
    _bool("canadian_study_2_years"),
    Field("spouse_education", ("enum", EDUCATION_LEVELS), "education"),
    Field("spouse_language", ("language",), "language"),
    Field("spouse_canadian_work_years", ("int", 0, 10), "years"),
    _bool("intends_quebec"),
    Field("settlement_funds", ("number", 0), "money"),
    Field("family_size", ("int", 1, 20), "count"),
    _bool("first_language_fixed", answer=None, extension=True),
    Field("job_offer_noc_code", ("noc",), None, extension=True),
    _bool("authorized_to_work_in_canada", extension=True),
    _bool("spouse_canadian_study_2_years", extension=True),
    _bool("spouse_canadian_work_1_year", extension=True),
)
BY_NAME: Dict[str, Field] = {f.name: f for f in FIELDS}


@functools.lru_cache(maxsize=None)
def _labels(language: str = "en") -> Dict[str, Any]:
    import yaml  # lazy: the engine's hot path never needs the words

    if language not in UI_LANGUAGES:
        language = "en"
    path = os.path.join(os.path.dirname(__file__), "data", "labels", f"{language}.yaml")
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def parts(language: str = "en") -> Tuple[Tuple[str, str, str], ...]:
    """The CRS parts in order: (letter, the assessment's crs key, name), e.g. ("A", "core", "Core / human capital")."""
    return tuple((p["letter"], key, p["name"]) for key, p in _labels(language)["parts"].items())


def factor_names(language: str = "en") -> Dict[str, str]:
    """The CRS factors' names: {"canadian_work": "Canadian work experience", ...}."""
    return dict(_labels(language)["factors"])


def field_labels(language: str = "en") -> Dict[str, str]:
    """The profile's facts (slot names) as the form names them: {"canadian_work_years": "Canadian work", ...}."""
    return dict(_labels(language)["fields"])


def kept_labels(language: str = "en") -> Dict[str, str]:
    """What "show my data" calls the kept slots whose heading is not their name capitalised."""
    return dict(_labels(language)["kept"])


def words(section: str, language: str = "en") -> Dict[str, Any]:
    """One section of the words in ``language`` as it is in the labels file (e.g. "programs", "abilities")."""
    return dict(_labels(language)[section])


def say(key: str, language: str = "en", /, **values: Any) -> str:
    """The sentence ``key`` ("facts.funds_table": section, then name) of the labels file of ``language``, its
    {placeholders} filled with ``values``."""
    section, _, name = key.partition(".")
    return str(_labels(language)[section][name]).format(**values)
