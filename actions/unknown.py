"""Unknown and skip are answers: what "I don't know", "skip", "rather not say" mean for each question.

- A fact that only adds CRS points is scored as absent (the form's ``fields.SKIP`` value, or no value) and kept in
  the slot ``skipped_facts``: the result names each one and what it could be worth for this person (the engine's
  score with the fact at its best, less the score without it).
- A fact that only decides eligibility stays unknown (no value, kept in ``skipped_facts``): the programs it decides
  stay undecided and the result names what is missing (the engine's ``missing``).
- Age, marital status, education and the first test are needed for any score: the reply says why and shows the
  accepted forms; after three answers in a row that can't be used, the form pauses (``paused_for``) and the person
  can give it any time later.

Pure Python (no Rasa import).
"""
import re
from typing import Any, Dict, List, Optional, Tuple

from actions import fields
from express_entry import concepts

# Questions every score needs (utter_form_needed_<key>: why, with the accepted forms).
NEEDED = {"age": "age", "marital_status": "marital_status", "education": "education",
          "first_language_test": "test", **{s: "scores" for s in fields.lang_slots("first_language")}}
ELIGIBILITY_ONLY = set(fields.ELIGIBILITY_SLOTS)
MAX_ASKS = 3  # no question is asked more than this many times in a row

SKIP_WORDS = re.compile(r"^\W*(skip|pass|next|move on|skip it|skip this( one)?)\W*$|\bskip\b|\bnext question\b|"
                        r"\brather not\b|\bprefer not\b|\bnot telling\b|\bno comment\b|\bgo to the next\b|"
                        r"\blet'?s move on\b|\bdon'?t want to (say|answer|tell)\b")

# A fact at its best, to say what a fact left out could be worth (the engine scores it): the answer that earns the
# most, as the person would give it.
_BEST: Dict[str, Any] = {
    "canadian_work_years": 10, "foreign_work_years": 10, "spouse_canadian_work_years": 10,
    "spouse_education": "doctoral", "canadian_education": "three_year_or_more", "education_recognized": True,
    "certificate_of_qualification": True, "provincial_nomination": True, "sibling_in_canada": True,
}


def skip_said(t: str) -> bool:
    """ "skip", "can we skip this?", "next question please", "rather not say"... (a normalised text)."""
    return len(t) < 60 and bool(SKIP_WORDS.search(t))


def is_needed(slot: Optional[str]) -> bool:
    return slot in NEEDED


def needed_response(slot: str) -> str:
    return f"utter_form_needed_{NEEDED[slot]}"


def fact_of(slot: str) -> str:
    """The fact a question is about: a test's scores are its test's."""
    for g in fields.LANG_GROUPS:
        if slot in fields.lang_slots(g):
            return f"{g}_test"
    return slot


def skip(slot: str, slots: Dict[str, Any]) -> Tuple[Dict[str, Any], Dict[str, Any], List[Dict[str, Any]]]:
    """(slot values, other slots, messages) for "I don't know" at an optional question: the form's assumed
    absent value where it has one (``fields.SKIP``), else no value; the fact joins ``skipped_facts``."""
    fact = fact_of(slot)
    values: Dict[str, Any] = {}
    messages: List[Dict[str, Any]] = []
    if fact in fields.SKIP and fact == slot and (slot not in ELIGIBILITY_ONLY or slot == "noc_code"):
        values[slot] = fields.SKIP[slot]
        response, facts = fields.skip_response(slot, _language(slots))
        messages.append({"response": response, **facts})
    elif fact.endswith("_test"):  # a second or partner's test without its scores counts for nothing
        group = fact[: -len("_test")]
        values[fact] = "none"
        values.update({s: None for s in fields.lang_slots(group)})
        messages.append({"response": "utter_form_skipped_unknown", "field": label(fact, _language(slots))})
    else:
        response = "utter_form_skipped_eligibility" if slot in ELIGIBILITY_ONLY else "utter_form_skipped_unknown"
        messages.append({"response": response, "field": label(slot, _language(slots))})
    skipped = list(slots.get("skipped_facts") or [])
    if fact not in skipped:
        skipped.append(fact)
    return values, {"skipped_facts": skipped}, messages


def _language(slots: Dict[str, Any]) -> str:
    return slots.get("language") or "en"


def label(slot: str, language: str = "en") -> str:
    """A fact in words ("partner's education"), in ``language``."""
    return concepts.field_labels(language).get(slot, slot.replace("_", " "))


def declined(slots: Dict[str, Any]) -> List[str]:
    """Slots asked and answered with "I don't know" that keep no value (not asked again)."""
    return [s for s in slots.get("skipped_facts") or [] if slots.get(s) is None]


def _best(slot: str, slots: Dict[str, Any]) -> Dict[str, Any]:
    """Slot values of a fact at its best for this person."""
    if slot in _BEST:
        return {slot: _BEST[slot]}
    if slot in ("second_language_test", "spouse_language_test"):
        group = slot[: -len("_test")]
        first = slots.get("first_language_test")
        test = "nclc" if group == "second_language" and first in fields.ENGLISH_TESTS else "clb"
        return {slot: test, **{s: 12 for s in fields.lang_slots(group)}, f"{group}_taken_on": None}
    return {}


def left_out(slots: Dict[str, Any], total: int) -> List[Dict[str, Any]]:
    """For each fact left out that only adds points: {"field", "points"} with the points it could add (the
    engine's score with it at its best, less ``total``; 0 when it can add nothing for this person)."""
    from express_entry.assess import assess

    out = []
    for slot in slots.get("skipped_facts") or []:
        best = _best(slot, slots)
        if not best or slot in ELIGIBILITY_ONLY:
            continue
        try:
            gain = assess(fields.build_profile({**slots, **best}))["crs"]["total"] - total
        except ValueError:
            continue
        out.append({"field": label(slot, _language(slots)), "points": max(0, gain)})
    return out


def unknown_for_programs(slots: Dict[str, Any]) -> List[str]:
    """The eligibility facts left unknown, in words."""
    return [label(s, _language(slots)) for s in slots.get("skipped_facts") or []
            if s in ELIGIBILITY_ONLY or s == "canadian_work_years"]


def paused_messages(slots: Dict[str, Any]) -> List[Dict[str, Any]]:
    """What the result says when the form paused for a needed fact: which, why, and the accepted forms."""
    slot = slots["paused_for"]
    return [{"response": "utter_result_paused", "field": concepts.words("needed", _language(slots))[NEEDED[slot]]},
            {"response": needed_response(slot)}]


def result_lines(slots: Dict[str, Any], total: int) -> List[Dict[str, Any]]:
    """The result's lines about facts left out: each points-only fact and what it could add; the eligibility facts
    still unknown."""
    lines: List[Dict[str, Any]] = []
    gains = left_out(slots, total)
    if gains:
        lines.append({"response": "utter_result_left_out_intro"})
        lines += [{"response": "utter_result_left_out" if g["points"] else "utter_result_left_out_nothing", **g}
                  for g in gains]
    programs = unknown_for_programs(slots)
    if programs:
        lines.append({"response": "utter_result_unknown_programs", "facts": ", ".join(programs)})
    return lines
