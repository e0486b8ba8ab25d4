"""One turn of the profile form, as plain Python (the Rasa action in actions/actions.py
is a thin wrapper): parse the message, apply answers and corrections, handle
"I don't know", pick the next question and the progress line.
"""
import logging
import re
from typing import Any, Dict, List, Optional, Tuple

from actions import fields, parsing

logger = logging.getLogger(__name__)

# Intents that interrupt the form (answered by a rule, then the question is asked again).
INTERRUPTIONS = {"faq", "ask_why", "out_of_scope", "stop", "start_over", "ask_capabilities", "ask_cutoff",
                 "show_my_data", "ask_privacy", "delete_my_data", "confirm_delete_data", "cancel_delete_data"}

LABELS = {
    "age": "age", "marital_status": "marital status", "education": "education",
    "canadian_work_years": "Canadian work", "foreign_work_years": "foreign work", "noc_code": "NOC",
    "spouse_education": "partner's education", "settlement_funds": "settlement funds", "family_size": "family size",
    "canadian_education": "Canadian education", "canadian_work_months_last_3_years": "Canadian work in the last 3 years",
    "spouse_canadian_work_years": "partner's Canadian work", "trade_work_years_last_5": "trade work",
    "first_language_taken_on": "test date", "second_language_taken_on": "second test date",
}


# Messages that are not answers, said while a question is open.
SMALL_TALK = {
    "greet": "Hi again! Let's go on with your profile.",
    "thank": "You're welcome!",
    "goodbye": "Say \"stop\" to pause the questions; your answers are kept.",
    "what_if": "Let's finish your profile first; then I can try changes like that.",
    "explain_score": "Let's finish your profile first; then I'll explain every point of your score.",
    "ask_noc": "I'll ask about your occupation when it matters; for now:",
    "check_eligibility": "I'll check the programs at the end; for now:",
    "start_assessment": "We're on it:",
}

# "No" to an optional date question ("When did you take this test?"): skipped like "I don't know".
NO_DATE = re.compile(r"^\W*(no+|nope|nah|none|n/?a|no date|not telling|rather not say)\W*$")

# Questions where "I don't know" first gets help (the NOC from a job title); "skip" skips them.
HELP_FIRST = {"noc_code"}


# Intents a short answer is sometimes mistaken for ("separated" read as a question about French points).
ANSWERABLE_INTERRUPTIONS = {"faq", "out_of_scope", "ask_why", "ask_capabilities", "ask_cutoff"}
_QUESTION = re.compile(r"\?|^\s*(what|how|why|when|where|which|who|is|are|do|does|can|could|should|will|would)\b")


def looks_like_answer(text: str, requested: str, slots: Dict[str, Any]) -> bool:
    """True for a message that is no question and gives a value for the pending question."""
    t = parsing.normalise(text)
    if _QUESTION.search(t) or len(t) > 80:
        return False
    values, _ = parsing.extract(text, requested, slots, None)
    return requested in values or any(_same_group(s, requested) for s in values)


def describe(slot: str, value: Any) -> str:
    for g, who in (("first_language", ""), ("second_language", "second language "), ("spouse_language", "partner's ")):
        if slot == f"{g}_test":
            return f"{who}test {fields.TEST_NAMES.get(value, value) if value != 'none' else 'none'}"
        if slot in fields.lang_slots(g):
            return f"{who}{slot[len(g) + 1:]} {fields._num(value)}"
    if fields.KIND.get(slot) == "bool":
        return f"{slot.replace('_', ' ')}: {'yes' if value else 'no'}"
    if slot in ("education", "spouse_education"):
        return f"{LABELS[slot]}: {fields.EDUCATION_NAMES.get(value, value)}"
    if slot.endswith("_years"):
        return f"{LABELS.get(slot, slot)}: {value} year(s)"
    return f"{LABELS.get(slot, slot.replace('_', ' '))}: {str(value).replace('_', '-')}"


NONE_OF_THESE = re.compile(r"^\W*(none( of (these|them|those|the above))?|neither|no(pe)?|not (these|them|those|"
                           r"any of (these|them|those)))\W*$", re.I)


NOC_MARGIN = 5.0  # search score points between the top occupation and the next one for a clear match


def noc_is_clear(hits: List[dict]) -> bool:
    """True when the top hit can be taken without asking: high confidence and clearly ahead of the next one
    ("nurse" fits registered nurses, nurse practitioners and nurse aides almost equally: ask)."""
    if not hits or hits[0].get("confidence") != "high":
        return False
    return len(hits) < 2 or hits[1].get("score", 0) <= hits[0].get("score", 0) - NOC_MARGIN


def noc_choice_buttons(hits: List[dict]) -> List[Dict[str, str]]:
    buttons = [{"title": f"{h['code']} {h['title_en']} (TEER {h['teer']})",
                "payload": '/inform{"choice":"%s"}' % h["code"]} for h in hits[:3]]
    return buttons + [{"title": "None of these", "payload": "/deny"}]


def _noc_from_title(text: str) -> Tuple[Optional[str], Any]:
    """(code, message) for a job title. The code is set only for a clear match; otherwise the message is a
    dict {"text", "buttons"} offering the top 3 (code, title, TEER) and "none of these", and the code is None."""
    from express_entry import noc

    title = re.sub(r"^\s*(i'?m|i am|i work as|my job is|my job title is|job:?|title:?)\s+(an?\s+)?", "", text.strip(),
                   flags=re.I)
    try:
        hits = noc.search(title, limit=3)
    except Exception:  # NocError for odd input
        hits = []
    if not hits:
        return None, ("I couldn't match that job title to a NOC code. Try another title (for example \"registered "
                      "nurse\"), give the 5-digit code, or say \"I don't know\" to skip.")
    if noc_is_clear(hits):
        top = hits[0]
        msg = f"I matched \"{title}\" to NOC {top['code']} {top['title_en']} (TEER {top['teer']})."
        others = [f"{h['code']} {h['title_en']}" for h in hits[1:]]
        if others:
            msg += " If that's not right, give the code of another one (for example " + "; ".join(others) + ")."
        return top["code"], msg
    return None, {"text": f"\"{title}\" could be more than one occupation. Which of these fits your duties best? "
                          "(What you do counts, not only the job title.)",
                  "buttons": noc_choice_buttons(hits)}


def form_turn(slots: Dict[str, Any], text: str, intent: Optional[str], requested: Optional[str]
              ) -> Tuple[Dict[str, Any], List[str], Optional[str]]:
    """Returns (slot changes, messages for the user, next slot to ask or None when done).

    ``slots`` are the current values with the requested slot's raw text already removed.
    """
    new = dict(slots)
    changes: Dict[str, Any] = {}
    messages: List[str] = []

    def put(slot: str, value: Any):
        new[slot] = value
        changes[slot] = value

    if intent in ANSWERABLE_INTERRUPTIONS and requested and text and looks_like_answer(text, requested, slots):
        intent = None  # "separated" taken for a question about points: it answers the pending question
    if intent in INTERRUPTIONS:
        # Touch nothing: with no slot set, Rasa rejects the form for this turn and the
        # interruption's rule answers; when the form resumes, the same question is asked.
        req = fields.required_slots(new)
        return {}, [], next((s for s in req if new.get(s) is None), None)
    noc_buttons = noc_answered = False
    if text:
        t = parsing.normalise(text)
        skip_asked = bool(requested and re.search(r"^\W*(skip|pass|next|skip it|skip this( one)?)\W*$", t))
        dont_know = requested and (skip_asked or intent == "dont_know" or (parsing.DONT_KNOW.search(t) and len(t) < 60)
                                   or (fields.KIND.get(requested) == "date" and NO_DATE.search(t)))
        values, errors = ({}, {}) if dont_know else parsing.extract(text, requested, slots, intent)
        if dont_know and fields.KIND.get(requested) == "date":
            put(fields.date_unknown(requested[: -len("_taken_on")]), True)
            messages.append(f"No problem. {fields.SKIP[requested][1]}")
        elif dont_know:
            skip = fields.SKIP.get(requested)
            if skip and skip[0] is not None and (requested not in HELP_FIRST or skip_asked):
                put(requested, skip[0])
                messages.append(f"No problem. {skip[1]}")
            else:
                messages.append(fields.HELP.get(requested, "Give your best estimate; you can correct it later."))
        else:
            corrected = []
            for slot, value in values.items():
                old = slots.get(slot)
                if old is not None and old != value and slot != requested and slot != "profile_confirmed":
                    corrected.append(slot)
                put(slot, value)
            _consistency(slots, new, put, values)
            to_clear = [s for s in parsing.fields_to_change(t) if s not in values] if intent in ("correct", "deny", None) \
                or requested == "profile_confirmed" else []
            for slot in to_clear:
                put(slot, None)
            if to_clear:
                messages.append("OK, let's redo that.")
            if requested == "noc_code" and "noc_code" not in values and "noc_code" not in errors:
                if slots.get("noc_choices_shown") and (intent == "deny" or NONE_OF_THESE.search(t)):
                    noc_answered = True
                    messages.append("No problem. Try another job title, or the words of your main duties (for example "
                                    "\"develop software\"), give the 5-digit code from https://noc.esdc.gc.ca/, or say "
                                    "\"skip\".")
                elif intent not in ("affirm", "deny"):
                    code, msg = _noc_from_title(text)
                    if code:
                        put("noc_code", code)
                    noc_answered, noc_buttons = True, isinstance(msg, dict)
                    messages.append(msg)
            for slot in [s for s in values if fields.KIND.get(s) == "date"]:
                messages += _date_notes(slot, values[slot], text, new)
                if new.get(fields.date_unknown(slot[: -len("_taken_on")])):
                    put(fields.date_unknown(slot[: -len("_taken_on")]), None)
            for slot, err in errors.items():
                messages.append(err)
            if corrected:
                messages.append("Updated: " + "; ".join(change_line(s, slots.get(s), new[s]) for s in corrected) + ".")
            elif len([s for s in values if s != requested and not _same_group(s, requested)]) >= 1 and len(values) >= 2:
                messages.append("Got it: " + acknowledgement(values) + ".")
            if requested == "profile_confirmed" and not values and not to_clear:
                if intent == "deny" or parsing._NO.search(t):
                    messages.append("What should I change? For example \"my age is 32\", \"change my listening to 8.5\" "
                                    "or \"I have a master's\".")
                elif not errors:
                    messages.append("Say yes if the summary is right, or tell me what to change.")
            elif requested and requested not in values and requested not in errors and not to_clear \
                    and requested not in changes and not values and not noc_answered:
                messages.append(SMALL_TALK.get(intent) or "Sorry, I didn't catch that. " + fields.HELP.get(requested, ""))

    if requested and text and intent not in INTERRUPTIONS and requested != "profile_confirmed":
        failed = dict(slots.get("failed_asks") or {})
        if new.get(requested) is None and requested in fields.KIND and not noc_buttons:
            failed = {requested: failed.get(requested, 0) + 1}
            if failed[requested] >= 2:  # no third identical ask: the accepted forms, buttons, a way to skip
                messages.append(accepted_forms(requested))
        else:
            failed = {}
        if failed != (slots.get("failed_asks") or {}):
            put("failed_asks", failed or None)
    if noc_buttons:
        put("noc_choices_shown", True)
    elif slots.get("noc_choices_shown"):
        put("noc_choices_shown", None)
    req = fields.required_slots(new)
    missing = [s for s in req if new.get(s) is None and s != "profile_confirmed"]
    if missing and new.get("profile_confirmed") is not None:
        put("profile_confirmed", None)
    if not missing and changes and new.get("profile_confirmed") is None and requested != "profile_confirmed" \
            and slots.get("profile_confirmed") is True:
        put("profile_confirmed", True)
    next_slot = next((s for s in req if new.get(s) is None), None)
    put("form_progress", fields.progress(req, new, next_slot))
    put("profile_summary", fields.summary(new))
    return changes, [m if isinstance(m, dict) else m.strip() for m in messages
                     if isinstance(m, dict) or m.strip()], next_slot


_CHOICE_BUTTONS = {
    "marital": [("Single", "single"), ("Married", "married"), ("Common-law", "common_law"),
                ("Separated", "separated"), ("Divorced", "divorced"), ("Widowed", "widowed")],
    "education": [(fields.EDUCATION_NAMES[e].split(" (")[0].capitalize(), e) for e in fields.EDUCATION],
    "test": [(fields.TEST_NAMES[t], t) for t in fields.TESTS],
    "canadian_education": [("No", "none"), ("Yes, 1 or 2 years", "one_or_two_year"),
                           ("Yes, 3 years or more", "three_year_or_more")],
    "years": [(str(n), str(n)) for n in (0, 1, 2, 3, 4, 5)],
}
_ACCEPTED = {
    "age": "your age as a number, for example 29",
    "years": "a number of full years, for example 2 (0 if none)",
    "months": "a number of months from 0 to 36, for example 12",
    "score": "the four scores in the order listening, reading, writing, speaking (for example \"7 6.5 6 7\"), "
             "or your levels (for example \"CLB 8 in all four\")",
    "date": "the month and year, for example \"March 2025\"",
    "money": "an amount in Canadian dollars, for example 15000",
    "count": "a number of people, for example 3",
    "noc": "a 5-digit NOC code, for example 21232, or a job title",
    "bool": "yes or no",
    "marital": "one of the buttons",
    "education": "one of the buttons",
    "test": "one of the buttons",
    "canadian_education": "one of the buttons",
}


def accepted_forms(slot: str) -> Dict[str, Any]:
    """After two answers that could not be used: what is accepted, buttons, and a skip for an optional question."""
    kind = fields.KIND.get(slot, "")
    text = f"I still couldn't use that. Please answer with {_ACCEPTED.get(kind, 'a short answer')}."
    buttons = []
    if kind == "bool":
        buttons = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
    for title, value in _CHOICE_BUTTONS.get(kind, []):
        buttons.append({"title": title, "payload": '/inform{"choice":"%s"}' % value})
    if slot in fields.SKIP and (fields.SKIP[slot][0] is not None or kind == "date"):
        text += " Or skip it: " + fields.SKIP[slot][1] if fields.SKIP[slot][1] else " Or skip it."
        buttons.append({"title": "Skip", "payload": "/dont_know"})
    return {"text": text, "buttons": buttons}


def change_line(slot: str, old: Any, new: Any) -> str:
    """"age 29 → 31", "listening 6 → 5.5"."""
    label = describe(slot, new)
    before = describe(slot, old)
    head = label.rsplit(":", 1)[0] if ":" in label else label.rsplit(" ", 1)[0]
    old_v = before[len(head):].lstrip(": ").strip()
    new_v = label[len(head):].lstrip(": ").strip()
    return f"{head} {old_v} \u2192 {new_v}"


def acknowledgement(values: Dict[str, Any]) -> str:
    """Every fact of a message, a test's scores together ("IELTS: listening 8, reading 7, ...")."""
    parts, done = [], set()
    for g, who in (("first_language", ""), ("second_language", "second language "), ("spouse_language", "partner's ")):
        group = [f"{g}_{a}" for a in fields.ABILITIES if f"{g}_{a}" in values]
        test = values.get(f"{g}_test")
        if group or test:
            name = fields.TEST_NAMES.get(test, test) if test and test != "none" else None
            scores = ", ".join(f"{s[len(g) + 1:]} {fields._num(values[s])}" for s in group)
            if name and scores:
                parts.append(f"{who}{name}: {scores}")
            elif scores:
                parts.append(f"{who}{scores}")
            else:
                parts.append(describe(f"{g}_test", test))
            done |= set(group) | {f"{g}_test"}
    parts += [describe(s, v) for s, v in values.items() if s not in done]
    return ", ".join(parts)


def _date_notes(slot: str, iso: Any, text: str, slots: Dict[str, Any]) -> List[str]:
    """What a test date means: a month alone is read as its first day; an expired result earns nothing."""
    if not isinstance(iso, str) or iso == "unknown":
        return []
    notes = []
    try:
        found = parsing.parse_date(parsing.normalise(text))
    except parsing.Invalid:
        found = None
    if found and found[1]:
        notes.append(f"I'll use {fields.long_date(iso)}, the first day of that month (tell me the exact day if the "
                     "result is close to 2 years old).")
    group = slot[: -len("_taken_on")]
    test = slots.get(f"{group}_test")
    try:
        from express_entry import language
        from express_entry.profile import validate

        result = {"test": test, "taken_on": iso,
                  **{a: slots[f"{group}_{a}"] for a in fields.ABILITIES if slots.get(f"{group}_{a}") is not None}}
        p = validate({"first_language": result})
        lv = language.levels(p["first_language"], p["assessed_on"])
        if not lv.valid and lv.reason:
            notes.append(lv.reason)
    except Exception:  # engine missing or an odd result: the assessment will say it
        pass
    return notes


def _same_group(a: str, b: Optional[str]) -> bool:
    if not b:
        return False
    for g in fields.LANG_GROUPS:
        group = [f"{g}_test"] + fields.lang_slots(g)
        if a in group and b in group:
            return True
    return False


def _consistency(old: Dict[str, Any], new: Dict[str, Any], put, values: Dict[str, Any]):
    """A new test without scores clears the old test's scores; no second test clears its scores."""
    for g in fields.LANG_GROUPS:
        test = values.get(f"{g}_test")
        if test is not None and test != old.get(f"{g}_test"):
            for s in fields.lang_slots(g) + [f"{g}_taken_on", fields.date_unknown(g)]:
                if s not in values and new.get(s) is not None:
                    put(s, None)
    if values.get("canadian_work_years") == 0:
        put("canadian_work_months_last_3_years", 0)
