"""What-ifs: the slot values a hypothetical describes, read against the profile; they never change it.

"what if I got CLB 9 in all four abilities?", "how about after another year of work in Canada?", "what would I have
with a PNP?", "and with a master's?", "hypothetically, a year older", "half a band higher in writing": absolute
facts as the form reads them (actions/parsing.py), relative changes computed from the profile. The action
(actions/actions.py ActionWhatIf) gives the new total, the difference and the factors that moved, and sets no slot.

Pure Python (no Rasa import).
"""
import re
from typing import Any, Dict, Optional

from actions import fields, parsing
from understanding.text import as_number, normalise, numbers
from understanding.rules import _CANADA, _FOREIGN, TEST_RE, hypothetical

EXTRA = [
    (r"\b(provincial )?nominat|\bpnp\b", "provincial_nomination", True),
    (r"\bsibling|\bbrother|\bsister", "sibling_in_canada", True),
    (r"\bjob offer\b", "job_offer", True),
    (r"\bcertificate of qualification\b|\bcoq\b", "certificate_of_qualification", True),
]
_MORE_YEARS = re.compile(r"\b(?:(\d+) (?:more|extra|additional)|another|an extra|an additional)\s+years?\b([^,;.?!]{0,45})")
_AGE_AT = re.compile(r"\b(?:at|i were|i was|i turn|i turned|aged?|i'?m)\s+(\d{2})\b(?!\s*(?:years? (?:of|in)|%|k\b|points?))")
_BANDS = re.compile(r"\b(half a|a half|0\.5|\d+(?:\.\d+)?)\s+(?:bands?|points?|levels?|clb|nclc)?\s*(higher|more|better|"
                    r"up|lower|less|worse|down)\s+(?:in|on|for)\s+(?:my\s+|the\s+)?(listening|reading|writing|speaking|"
                    r"all|everything|each|every ability)")


def values(text: str, slots: Dict[str, Any]) -> Dict[str, Any]:
    """Slot values a what-if message describes (empty: nothing understood); raises understanding.rules.Invalid for a change
    that can't be (a score the test doesn't have)."""
    t = normalise(text, slots.get("language"))
    out, _ = parsing.extract(text, None, slots, "what_if")
    if re.search(r"\bfirst (official )?language\b", t):  # "NCLC 9 in my first language": the first test's group
        for g in ("second_language",):
            moved = {k: out.pop(k) for k in list(out) if k.startswith(g + "_")}
            out.update({"first_language" + k[len(g):]: v for k, v in moved.items()})
    for pat, slot, value in EXTRA:
        if re.search(pat, t):
            out.setdefault(slot, value)
    for g in fields.LANG_GROUPS:  # "CLB 9" with one number: all four abilities
        test = out.get(f"{g}_test")
        if test and not any(s in out for s in fields.lang_slots(g)):
            nums = numbers(TEST_RE.sub(" ", t))
            if len(nums) == 1:
                out.update({s: as_number(nums[0]) for s in fields.lang_slots(g)})
        if (test and test != slots.get(f"{g}_test")) or all(s in out for s in fields.lang_slots(g)):
            out.setdefault(f"{g}_taken_on", None)  # another test or four new scores: a new result, not the old date
    out.update(relative(t, slots))
    return out


def relative(t: str, slots: Dict[str, Any]) -> Dict[str, Any]:
    """Changes told relative to the profile: "one more year in Canada", "2 more years abroad", "a year older",
    "at 35", "half a band higher in writing"."""
    out: Dict[str, Any] = {}
    for m in _MORE_YEARS.finditer(t):
        n = int(m.group(1) or 1)
        rest = m.group(2)
        if re.search(r"\bolder|\byounger|\bage\b", rest):
            continue
        slot = "foreign_work_years" if _FOREIGN.search(rest) else "canadian_work_years" if _CANADA.search(rest) else None
        if slot is None and re.search(r"\bwork|\bexperience", rest) and slots.get("canadian_work_years") is not None \
                and not slots.get("foreign_work_years"):
            slot = "canadian_work_years"
        if slot:
            out[slot] = min(10, int(slots.get(slot) or 0) + n)
    age = parsing.relative_age(t, slots.get("age"))
    if age is not None:
        out["age"] = age
    elif "age" not in out:
        m = _AGE_AT.search(t)
        if m and not TEST_RE.search(t):
            out["age"] = int(m.group(1))
    m = _BANDS.search(t)
    if m:
        step = 0.5 if m.group(1) in ("half a", "a half") else float(m.group(1))
        sign = 1 if m.group(2) in ("higher", "more", "better", "up") else -1
        group = "second_language" if re.search(r"\b(french|second)\b", t) else "first_language"
        abilities = fields.ABILITIES if m.group(3) in ("all", "everything", "each", "every ability") else (m.group(3),)
        for a in abilities:
            slot = f"{group}_{a}"
            if slots.get(slot) is not None:
                out[slot] = parsing.check(slot, as_number(float(slots[slot]) + sign * step), slots)
    return out


def label(values: Dict[str, Any], slots: Dict[str, Any]) -> str:
    """The change in words ("CLB 9 in all four abilities, Canadian work: 3 year(s)"), in the conversation's
    language (the ``language`` slot)."""
    from actions.dialogue import _say, describe

    language = slots.get("language") or "en"
    parts, done = [], set()
    for g in fields.LANG_GROUPS:
        scores = [values.get(s, slots.get(s)) for s in fields.lang_slots(g)]
        test = values.get(f"{g}_test")
        if test and len(set(scores)) == 1 and scores[0] is not None:
            name = test.upper() if test in ("clb", "nclc") else fields.TEST_NAMES.get(test, test)
            parts.append(_say("all_four", language, who=_say(f"who_{g}", language), name=name,
                              score=fields.number_in(scores[0], language)))
            done |= {f"{g}_test", *fields.lang_slots(g)}
    parts += [describe(s, v, language) for s, v in values.items() if s not in done and v is not None]
    return ", ".join(parts)


def is_what_if(text: str, intent: Optional[str]) -> bool:
    """A hypothetical, not a statement of fact: the what-if intent or its words ("what if", "how about",
    "hypothetically", "would I"...), unless it says it is a correction ("actually", "I meant", "correction")."""
    t = normalise(text)
    if re.search(r"\bactually\b|\bi meant\b|\bcorrection\b|\bsorry\b|\bmistake\b", t):
        return False
    return intent == "what_if" or hypothetical(t)
