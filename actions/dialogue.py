"""The profile form's turn logic, as plain Python, in the three steps of rasa_sdk's FormValidationAction
(actions/actions.py): ``read_turn`` reads the message once (the extraction step: candidate values, skips,
corrections), ``validate_value`` checks one slot's value (each ``validate_<slot>``), ``finish_turn`` says what
changed, re-asks, escalates after two failures and sets the progress line and the summary. The words said are
the domain's responses (utter_form_*); numbers and values come from the engine and the slots.
"""
import logging
import re
from typing import Any, Dict, List, Optional, Tuple

from actions import fields, parsing, unknown, what_if
from express_entry import concepts
from express_entry.crs import form_facts
from express_entry.vocabulary import language_test_name
from understanding import answers, french
from understanding.entities import find_entities, is_profile_post
from understanding.rules import Invalid, parse_date, placeless_work
from understanding.text import normalise

logger = logging.getLogger(__name__)

# Intents that interrupt the form (answered by a rule, then the question is asked again).
INTERRUPTIONS = {"faq", "ask_why", "out_of_scope", "stop", "start_over", "ask_capabilities", "ask_cutoff",
                 "show_my_data", "ask_privacy", "delete_my_data", "confirm_delete_data", "cancel_delete_data",
                 "switch_language"}



# Messages that are not answers, said while a question is open: each has its reply utter_form_small_talk_<intent>.
SMALL_TALK = {"greet", "thank", "goodbye", "what_if", "explain_score", "ask_noc", "check_eligibility",
              "start_assessment"}

# "No" to an optional date question ("When did you take this test?"): skipped like "I don't know".
NO_DATE = re.compile(r"^\W*(no+|nope|nah|none|n/?a|no date|not telling|rather not say)\W*$")

# Questions where "I don't know" first gets help (the NOC from a job title); "skip" skips them.
HELP_FIRST = {"noc_code"}


# Intents a short answer is sometimes mistaken for ("separated" read as a question about French points).
ANSWERABLE_INTERRUPTIONS = {"faq", "out_of_scope", "ask_why", "ask_capabilities", "ask_cutoff"}
# Intents a message stating several profile facts is read as a statement despite (the NLU pipeline's
# understanding.component.ProfilePostClassifier does the same before the dialogue).
POST_NOT_QUESTION = {"faq", "out_of_scope", "ask_why", "ask_capabilities", "ask_cutoff"}
_QUESTION = re.compile(r"\?|^\s*(what|how|why|when|where|which|who|is|are|do|does|can|could|should|will|would)\b")


def _say(key: str, language: str, **values: Any) -> str:
    """The form's words (data/labels/<language>.yaml, ``form``)."""
    return concepts.say(f"form.{key}", language, **values)


def describe(slot: str, value: Any, language: str = "en") -> str:
    """A fact in words: "age: 31", "partner's test IELTS", "second language reading 7"."""
    for g in fields.LANG_GROUPS:
        who = _say(f"who_{g}", language)
        if slot == f"{g}_test":
            return _say("test", language, who=who, name=language_test_name(value, language) if value != "none"
                        else _say("none", language))
        if slot in fields.lang_slots(g):
            ability = slot[len(g) + 1:]
            return _say("score", language, who=who, ability=concepts.words("abilities", language).get(ability, ability),
                        score=fields.number_in(value, language))
    labels = concepts.field_labels(language)
    if fields.KIND.get(slot) == "bool":
        return _say("fact", language, field=labels.get(slot, slot.replace("_", " ")),
                    value=_say("yes" if value else "no", language))
    if slot in ("education", "spouse_education"):
        names = concepts.words("education_words", language)
        return _say("fact", language, field=labels[slot], value=names.get(value, value))
    if slot.endswith("_years"):
        return _say("years", language, field=labels.get(slot, slot), value=fields.number_in(value, language))
    return _say("fact", language, field=labels.get(slot, slot.replace("_", " ")),
                value=fields.value_words(value, language))


NONE_OF_THESE = re.compile(r"^\W*(none( of (these|them|those|the above))?|neither|no(pe)?|not (these|them|those|"
                           r"any of (these|them|those)))\W*$", re.I)


NOC_MARGIN = 5.0  # search score points between the top occupation and the next one for a clear match


def noc_is_clear(hits: List[dict]) -> bool:
    """True when the top hit can be taken without asking: high confidence and clearly ahead of the next one
    ("nurse" fits registered nurses, nurse practitioners and nurse aides almost equally: ask)."""
    if not hits or hits[0].get("confidence") != "high":
        return False
    return len(hits) < 2 or hits[1].get("score", 0) <= hits[0].get("score", 0) - NOC_MARGIN


def which_work_buttons(amount: str, language: str = "en") -> List[Dict[str, str]]:
    """The answers to "is that in Canada or outside Canada?": each sends the amount with its place (the payload
    is read by the parser, in English, whatever the language of the title)."""
    return [{"title": _say("in_canada", language), "payload": f"{amount} of work in Canada"},
            {"title": _say("outside_canada", language), "payload": f"{amount} of work outside Canada"}]


# The fact each word of understanding.french.ambiguous would give: asked about only when the message gave no value
# for it (its buttons, in the domain's utter_form_which_<word>, send the answer in words the readers know).
_UNCLEAR_FACT = {"bac": ("education", "spouse_education"),  # a Canadian "bac" is a Quebec bachelor's
                 "dec": ("education", "spouse_education", "canadian_education"), "pacs": ("marital_status",),
                 "vocational": ("education", "spouse_education"),
                 "bac4": ("education", "spouse_education")}


def unclear_words(text: str, values: Dict[str, Any], language: Optional[str], requested: Optional[str] = None
                  ) -> List[str]:
    """The words of a message in French (or of the answer to the question about their fact) that could be two
    facts ("bac": secondary in France, a bachelor's in Quebec; "DEC": a two- or three-year program; "PACS":
    common-law only after 12 months together), when the message gave no value for their fact: the form asks
    which, never guesses."""
    french_text = language == "fr" or french.is_french(text)
    return [w for w in french.ambiguous(text) if not any(s in values for s in _UNCLEAR_FACT[w])
            and (french_text or requested in _UNCLEAR_FACT[w])]


def noc_choice_buttons(hits: List[dict], language: str = "en") -> List[Dict[str, str]]:
    from express_entry import noc

    buttons = [{"title": _say("noc_choice", language, code=h["code"], title=noc.title_in(h, language), teer=h["teer"]),
                "payload": '/inform{"choice":"%s"}' % h["code"]} for h in hits[:3]]
    return buttons + [{"title": _say("none_of_these", language), "payload": "/deny"}]


def _noc_from_title(text: str, language: str = "en") -> Tuple[Optional[str], Dict[str, Any]]:
    """(code, message) for a job title. The code is set only for a clear match; otherwise the message offers
    the top 3 (code, title, TEER) and "none of these" as buttons, and the code is None."""
    from express_entry import noc

    title = answers.job_title(text)
    try:
        hits = noc.search(title, limit=3)
    except Exception:  # NocError for odd input
        hits = []
    if not hits:
        return None, {"response": "utter_form_noc_no_match"}
    if noc_is_clear(hits):
        top = hits[0]
        found = {"title": title, "code": top["code"], "occupation": noc.title_in(top, language), "teer": top["teer"]}
        others = [f"{h['code']} {noc.title_in(h, language)}" for h in hits[1:]]
        if others:
            return top["code"], {"response": "utter_form_noc_matched_others", **found, "others": "; ".join(others)}
        return top["code"], {"response": "utter_form_noc_matched", **found}
    return None, {"response": "utter_form_noc_choose", "title": title, "buttons": noc_choice_buttons(hits, language)}


class Turn:
    """One user message during the form, read once (``read_turn``): the values it gives (the candidates that the
    form's ``validate_<slot>`` methods check), the errors, what it skips or clears, and the messages to say.
    Messages are {"response": "utter_...", **placeholders} (text in the domain) or {"text": ...} for text that
    comes from the parser or the engine."""

    def __init__(self, slots: Dict[str, Any], text: str, intent: Optional[str], requested: Optional[str]):
        self.before = slots  # the slots before the message (the requested slot's raw text removed)
        self.language = slots.get("language") or "en"  # the conversation's language (its slot; English unset)
        self.text, self.intent, self.requested = text, intent, requested
        self.values: Dict[str, Any] = {}  # slot -> value read from the message
        self.errors: Dict[str, Dict[str, Any]] = {}  # slot -> why the value read can't be used (a re-ask message)
        self.cleared: List[str] = []  # slots emptied: asked again
        self.redo: List[str] = []  # ... of them, the ones named in "change my age"
        self.extra: Dict[str, Any] = {}  # slots outside the form's questions set this turn
        self.messages: List[Dict[str, Any]] = []
        self.interruption = False  # a question or command: the form touches nothing and Rasa's rules answer
        self.read = False  # the message was read as an answer (not "I don't know")
        self.noc_answered = self.noc_buttons = False
        self.which_asked = False  # a number that could be two fields: the bot asked which one
        self.skipped = False  # "I don't know" / "skip": the question was answered as unknown

    def say(self, response: str, **kwargs: Any):
        self.messages.append({"response": response, **kwargs})

    def candidates(self) -> Dict[str, Any]:
        """Slot values for the form to validate: the values read, and None for the slots to ask again."""
        return {**{s: None for s in self.cleared}, **self.values}


def read_turn(slots: Dict[str, Any], text: str, intent: Optional[str], requested: Optional[str],
              entities: Optional[List[Dict[str, Any]]] = None) -> Turn:
    """Reads one message of the form: one parse (parsing.extract), "I don't know" and skips, "change my X",
    a new test's consistency, the NOC from a job title, test dates."""
    turn = Turn(slots, text, intent, requested)
    if slots.get("paused_for") and requested is None:
        turn.extra["paused_for"] = None  # the form opens again after a pause: it asks on
    if not text:
        turn.interruption = intent in INTERRUPTIONS
        return turn
    t = normalise(text, slots.get("language"))
    kind = fields.KIND.get(requested or "")
    skip_asked = bool(requested and unknown.skip_said(t))
    said_dont_know = bool(requested and (skip_asked or (answers.DONT_KNOW.search(t) and len(t) < 60)
                                         or (kind == "date" and NO_DATE.search(t))))
    if skip_asked and intent in ANSWERABLE_INTERRUPTIONS:
        intent = turn.intent = None  # "can we skip this?" is an answer, not a question for the FAQ
    values, errors = ({}, {}) if said_dont_know else extract(text, requested, slots, intent, entities)
    # The classifier's "don't know" yields to an answer the words give to the question asked ("aucune, je n'y ai pas
    # travaillé" read as dont_know at 0.65 is 0 years), except to a yes/no question, where the negation of an
    # unknown phrase ("not really sure") would read as a no.
    dont_know = said_dont_know or bool(requested and intent == "dont_know" and
                                       (requested not in values or kind in ("bool", "confirm")))
    if dont_know:
        values, errors = {}, {}
    if intent in ANSWERABLE_INTERRUPTIONS and requested and not _QUESTION.search(t) and len(t) <= 80 \
            and (requested in values or any(_same_group(s, requested) for s in values)):
        intent = turn.intent = None  # "separated" taken for a question about points: it answers the question
    if intent in INTERRUPTIONS and intent in POST_NOT_QUESTION and len(values) >= 2 and is_profile_post(
            text, entities if entities is not None else find_entities(text)):
        intent = turn.intent = None  # several profile facts: a statement, whatever the classifier made of it
    if values and requested != "profile_confirmed" and what_if.is_what_if(text, intent):
        values, errors = {}, {}  # a hypothetical never changes the profile ("what if I had a master's?")
        intent = turn.intent = "what_if"
    if intent in INTERRUPTIONS:
        # Touch nothing: with no slot set, Rasa rejects the form for this turn and the interruption's rule
        # answers; when the form resumes, the same question is asked.
        turn.interruption = True
        return turn
    if dont_know and kind == "date":
        turn.extra[fields.date_unknown(requested[: -len("_taken_on")])] = True
        turn.say("utter_form_skipped_test_date", **form_facts())
        return turn
    if dont_know:
        if unknown.is_needed(requested):  # needed for any score: why, and the accepted forms
            turn.say(unknown.needed_response(requested))
        elif requested in HELP_FIRST and not skip_asked:
            turn.say(help_response(requested))
        elif requested == "profile_confirmed":
            turn.say(help_response(requested))
        else:  # scored as absent, or left unknown for the programs; named with the result
            turn.values, turn.extra, turn.messages = unknown.skip(requested, slots)
            turn.skipped = True
        return turn
    turn.read = True
    turn.values, turn.errors = values, errors
    _consistency(slots, turn)
    if kind not in ("years", "months"):  # "4 years of work experience" without where: Canada or abroad? ask
        for amount in placeless_work(t)[:1]:
            turn.which_asked = True
            turn.say("utter_form_which_work", years=amount, amount=amount,
                     buttons=which_work_buttons(amount, turn.language))
    for word in unclear_words(text, values, slots.get("language"), requested):  # "bac", "DEC", "PACS": which one? ask
        turn.which_asked = True
        turn.say(f"utter_form_which_{word}")
    if intent in ("correct", "deny", None) or requested == "profile_confirmed":
        turn.redo = [s for s in parsing.fields_to_change(t) if s not in values]
        turn.cleared += turn.redo
    if turn.redo:
        turn.say("utter_form_redo")
    if requested == "noc_code" and "noc_code" not in values and "noc_code" not in errors:
        if slots.get("noc_choices_shown") and (intent == "deny" or NONE_OF_THESE.search(t)):
            turn.noc_answered = True
            turn.say("utter_form_noc_none_of_these")
        elif intent not in ("affirm", "deny"):
            code, msg = _noc_from_title(text, turn.language)
            if code:
                turn.values["noc_code"] = code
            turn.noc_answered, turn.noc_buttons = True, bool(msg.get("buttons"))
            turn.messages.append(msg)
    new = {**slots, **turn.candidates()}
    for slot in [s for s in values if fields.KIND.get(s) == "date"]:
        turn.messages += _date_notes(slot, values[slot], text, new)
        group = slot[: -len("_taken_on")]
        if new.get(fields.date_unknown(group)):
            turn.extra[fields.date_unknown(group)] = None
    return turn


def extract(text: str, requested: Optional[str], slots: Dict[str, Any], intent: Optional[str],
            entities: Optional[List[Dict[str, Any]]] = None):
    """The one parse of a form message: (values, errors) of parsing.extract. ``entities``: the NLU's entities of
    the message (None: parsing.extract finds them with the same rules)."""
    return parsing.extract(text, requested, slots, intent, entities=entities)


_CHOICES = {"marital": fields.MARITAL, "education": fields.EDUCATION, "test": fields.TESTS + ("none",),
            "canadian_education": fields.CANADIAN_EDUCATION}


class Unusable(Invalid):
    """A value of the wrong kind for its slot (said with utter_form_unusable)."""

    def __init__(self, slot: str):
        super().__init__("utter_form_unusable")
        self.slot = slot


def convert(slot: str, value: Any, slots: Dict[str, Any]) -> Any:
    """A slot value as the profile takes it: the checks of its kind (ranges from the engine); raises
    Invalid (its re-ask: the engine's range, in the domain's words) or Unusable."""
    kind = fields.KIND.get(slot)
    if kind in _CHOICES:
        if value not in _CHOICES[kind]:
            raise Unusable(slot)
        return value
    if kind in ("bool", "confirm"):
        if not isinstance(value, bool):
            raise Unusable(slot)
        return value
    if kind == "date":
        if value != "unknown" and not fields.is_iso_date(value):
            raise Unusable(slot)
        return value
    if kind == "noc":
        return value if value == fields.DECLINED_VALUES["noc_code"] else parsing.check_noc(
            value, slots.get("language") or "en")
    if kind in ("age", "years", "months", "count", "money", "score"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Unusable(slot)
        return parsing.check(slot, value, slots)
    return value


def validate_value(turn: Turn, slot: str, value: Any) -> Tuple[Any, List[Dict[str, Any]]]:
    """(the value to keep in ``slot``, messages) for a value the form got this turn: the message's own value
    converted, None for the raw text of an answer that could not be read, or a value the slot already had."""
    if value is None:
        return None, []
    if slot == turn.requested and slot not in turn.values:
        # Rasa's from_text mapping put the raw answer here and the parser found no value in it
        return None, [turn.errors[slot]] if slot in turn.errors else []
    try:
        return convert(slot, value, {**turn.before, **turn.values}), []
    except Invalid as e:  # a value of the wrong kind, or out of the engine's accepted range
        return None, [e.message()]


def finish_turn(turn: Turn, validated: Dict[str, Any], next_slot_of, templates: Dict[str, str]
                ) -> Tuple[Dict[str, Any], List[Dict[str, Any]]]:
    """After the ``validate_<slot>`` methods: (slots to set besides the validated ones, messages). What changed
    ("age 29 → 31"), the acknowledgement of several facts, the re-ask, the accepted forms after two failures,
    the confirmation reset, the progress line and the summary. ``next_slot_of(slots)`` is the form's next
    question for the slots; ``templates`` the domain's response texts (the progress
    line, the summary's lines)."""
    if turn.interruption:
        return {}, []
    slots, requested = turn.before, turn.requested
    new = {**slots, **validated}
    out: Dict[str, Any] = dict(turn.extra)
    messages = list(turn.messages)
    for slot, err in turn.errors.items():
        if slot != requested:  # the requested slot's error is said by its validate_<slot>
            messages.append(err)
    kept = {s: v for s, v in validated.items() if v is not None and s in turn.values}
    if turn.read:
        corrected = [s for s in kept if slots.get(s) is not None and slots.get(s) != new[s]
                     and s != requested and s != "profile_confirmed"]
        for s in corrected:
            field, before, after = change_parts(s, slots.get(s), new[s], turn.language)
            messages.append({"response": "utter_form_changed", "field": field, "before": before, "after": after})
        if not corrected and len(kept) >= 2 and any(s != requested and not _same_group(s, requested) for s in kept):
            messages.append({"response": "utter_form_got_it", "facts": acknowledgement(kept, turn.language)})
        t = normalise(turn.text, slots.get("language"))
        if requested == "profile_confirmed" and not turn.values and not turn.redo:
            if turn.intent == "deny" or answers.yes_no(t) is False:
                messages.append({"response": "utter_form_what_to_change"})
            elif not turn.errors:
                messages.append({"response": "utter_form_help_profile_confirmed"})
        elif requested and not turn.values and not turn.errors and not turn.redo and not turn.noc_answered \
                and not turn.which_asked:
            if turn.intent in SMALL_TALK:
                messages.append({"response": f"utter_form_small_talk_{turn.intent}"})
            else:
                messages += [{"response": "utter_form_not_understood"}, {"response": help_response(requested)}]
    if requested and turn.text and requested != "profile_confirmed":
        failed = dict(slots.get("failed_asks") or {})
        skipped_date = fields.KIND.get(requested) == "date" and turn.extra.get(
            fields.date_unknown(requested[: -len("_taken_on")]))
        if new.get(requested) is None and requested in fields.KIND and not turn.noc_buttons and not skipped_date \
                and not turn.skipped:
            failed = {requested: failed.get(requested, 0) + 1}
            if failed[requested] >= unknown.MAX_ASKS:  # never a fourth ask in a row
                failed = {}
                if unknown.is_needed(requested):  # the form pauses: the result says what it needs and why
                    out["paused_for"] = new["paused_for"] = requested
                else:
                    values, extra, said = unknown.skip(requested, {**slots, **out})
                    out.update(values)
                    out.update(extra)
                    new.update(values)
                    new.update(extra)
                    messages += said
            elif failed[requested] >= 2:  # no third identical ask: the accepted forms, buttons, a way to skip
                messages += accepted_forms(requested)
        else:
            failed = {}
        if failed != (slots.get("failed_asks") or {}):
            out["failed_asks"] = failed or None
    if turn.noc_buttons:
        out["noc_choices_shown"] = True
    elif slots.get("noc_choices_shown"):
        out["noc_choices_shown"] = None
    new.update(out)
    req = fields.required_slots(new)
    missing = [s for s in req if new.get(s) is None and s != "profile_confirmed"]
    if missing and new.get("profile_confirmed") is not None:
        out["profile_confirmed"] = new["profile_confirmed"] = None
    out.update(form_words(new, next_slot_of(new), templates, req))
    return out, messages


def form_words(slots: Dict[str, Any], next_slot: Optional[str], templates: Dict[str, str],
               req: Optional[List[str]] = None) -> Dict[str, Any]:
    """The slots the next question shows, in the language of ``templates`` (the domain's texts in the
    conversation's language): ``form_progress`` ("Question 3 of about 12."), and ``profile_summary`` when the next
    question is the confirmation (only it shows the summary). ``req``: fields.required_slots(slots), if known.
    After each answer, and again when the language changes before the question is asked again
    (actions/language.py)."""
    out = {"form_progress": fields.progress(fields.required_slots(slots) if req is None else req, slots, next_slot,
                                            templates)}
    if next_slot == "profile_confirmed":
        out["profile_summary"] = fields.summary(slots, templates)
    return out


def help_response(slot: Optional[str]) -> str:
    """The response that helps with the question about ``slot``."""
    for g in fields.LANG_GROUPS:
        if slot in fields.lang_slots(g):
            return "utter_form_help_score"
        if slot == f"{g}_test":
            return "utter_form_help_test"
        if slot == f"{g}_taken_on":
            return "utter_form_help_test_date"
    return f"utter_form_help_{slot}" if slot in fields.HELP_SLOTS else "utter_form_help_default"


def accepted_forms(slot: str) -> List[Dict[str, Any]]:
    """After two answers that could not be used: what is accepted (with buttons for a choice), and a skip for an
    optional question."""
    kind = fields.KIND.get(slot, "")
    messages: List[Dict[str, Any]] = [{"response": f"utter_form_accepted_{kind}" if kind in ACCEPTED_KINDS
                                       else "utter_form_accepted_default"}]
    if slot in fields.SKIP or kind == "date":
        messages.append({"response": "utter_form_offer_skip"})
    return messages


# The kinds of answer with their own utter_form_accepted_<kind> (the accepted forms, buttons for a choice).
ACCEPTED_KINDS = {"age", "years", "months", "score", "date", "money", "count", "noc", "bool", "marital",
                  "education", "test", "canadian_education"}


def change_parts(slot: str, old: Any, new: Any, language: str = "en") -> Tuple[str, str, str]:
    """("age", "29", "31") for the line "age 29 → 31" (utter_form_changed)."""
    label = describe(slot, new, language)
    before = describe(slot, old, language)
    head = label.rsplit(":", 1)[0] if ":" in label else label.rsplit(" ", 1)[0]
    return (head.rstrip("\u00a0 "), before[len(head):].lstrip("\u00a0: ").strip(),
            label[len(head):].lstrip("\u00a0: ").strip())


def acknowledgement(values: Dict[str, Any], language: str = "en") -> str:
    """Every fact of a message, a test's scores together ("IELTS: listening 8, reading 7, ...")."""
    parts, done = [], set()
    abilities = concepts.words("abilities", language)
    for g in fields.LANG_GROUPS:
        who = _say(f"who_{g}", language)
        group = [f"{g}_{a}" for a in fields.ABILITIES if f"{g}_{a}" in values]
        test = values.get(f"{g}_test")
        if group or test:
            name = language_test_name(test, language) if test and test != "none" else None
            scores = ", ".join(f"{abilities.get(s[len(g) + 1:], s[len(g) + 1:])} "
                               f"{fields.number_in(values[s], language)}" for s in group)
            if name and scores:
                parts.append(_say("test_scores", language, who=who, name=name, scores=scores))
            elif scores:
                parts.append(f"{who}{scores}")
            else:
                parts.append(describe(f"{g}_test", test, language))
            done |= set(group) | {f"{g}_test"}
    parts += [describe(s, v, language) for s, v in values.items() if s not in done]
    return ", ".join(parts)


def _date_notes(slot: str, iso: Any, text: str, slots: Dict[str, Any]) -> List[Dict[str, Any]]:
    """What a test date means: a month alone is read as its first day; an expired result earns nothing."""
    if not isinstance(iso, str) or iso == "unknown":
        return []
    notes = []
    try:
        found = parse_date(normalise(text, slots.get("language")))
    except Invalid:
        found = None
    if found and found[1]:
        notes.append({"response": "utter_form_date_first_day",
                      "date": fields.long_date(iso, slots.get("language") or "en"), **form_facts()})
    group = slot[: -len("_taken_on")]
    test = slots.get(f"{group}_test")
    try:
        from express_entry import language
        from express_entry.profile import validate

        result = {"test": test, "taken_on": iso,
                  **{a: slots[f"{group}_{a}"] for a in fields.ABILITIES if slots.get(f"{group}_{a}") is not None}}
        p = validate({"first_language": result})
        lv = language.levels(p["first_language"], p["assessed_on"])
        if not lv.valid:  # the engine's words, in the conversation's language
            notes.append({"text": language.reason_text(lv, slots.get("language") or "en")})
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


def _consistency(old: Dict[str, Any], turn: Turn):
    """A new test without scores clears the old test's scores and date; no Canadian work, no recent months."""
    values = turn.values
    for g in fields.LANG_GROUPS:
        test = values.get(f"{g}_test")
        if test is not None and test != old.get(f"{g}_test"):
            for s in fields.lang_slots(g) + [f"{g}_taken_on"]:
                if s not in values and old.get(s) is not None:
                    turn.cleared.append(s)
            if old.get(fields.date_unknown(g)) is not None:
                turn.extra[fields.date_unknown(g)] = None
    if values.get("canadian_work_years") == 0:
        values["canadian_work_months_last_3_years"] = 0
