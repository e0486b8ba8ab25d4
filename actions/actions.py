"""Rasa custom actions: thin adapters between the slots and the engine.

- validate_profile_form: one action-server call per form turn (parsing, corrections,
  dynamic questions, progress line and summary are all set here; the questions
  themselves are plain responses, so no extra round trip).
- action_assess, action_what_if, action_explain_score, action_draws, action_noc.

No personal data is logged at INFO level.
"""
import logging
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions import dialogue, fields, parsing, replies, result_card, results, unknown, what_if
from common.chart_link import chart_url
from understanding.limits import bounded
from understanding.rules import TEST_NAMES_RE, Invalid, parse_noc

logger = logging.getLogger(__name__)
# Channels whose connector renders the structured result itself (connectors/rich.py), instead of the words.
RICH_RESULT_CHANNELS = ("telegram", "slack")


def _intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message or {}).get("intent", {}).get("name")


def _text(tracker: Tracker) -> str:
    return bounded((tracker.latest_message or {}).get("text") or "")


def _messages(messages: List[Any]) -> List[Dict[str, Any]]:
    """utter_message's keywords for each message, once: a text, or {"response": "utter_...", **placeholders}
    or {"text", "buttons"}; empty texts are left out."""
    seen: List[Dict[str, Any]] = []
    for m in messages:
        m = {"text": m} if isinstance(m, str) else m
        if m and (m.get("text") or m.get("response")) and m not in seen:
            seen.append(m)
    return seen


def _say(dispatcher: CollectingDispatcher, messages: List[Any]):
    """Sends each message once (see _messages)."""
    for m in _messages(messages):
        dispatcher.utter_message(**m)


class ValidateProfileForm(FormValidationAction):
    """The profile form, as rasa_sdk runs a FormValidationAction: ``required_slots`` are the engine's questions
    for the answers so far (express_entry/questions.py via fields.required_slots), the extraction step reads the
    message once (dialogue.read_turn: several facts, corrections, skips), one ``validate_<slot>`` per question
    checks its value, and rasa_sdk then requests the first missing slot (``requested_slot`` is never set here)."""

    def name(self) -> Text:
        return "validate_profile_form"

    @staticmethod
    def _slots(tracker: Tracker) -> Dict[str, Any]:
        """The slots without the raw text that Rasa's from_text mapping put in the requested slot (an answer the
        parser read replaces it)."""
        slots = dict(tracker.slots)
        requested = tracker.get_slot("requested_slot")
        turn = getattr(tracker, "profile_turn", None)
        raw = (tracker.latest_message or {}).get("text")
        if requested and slots.get(requested) is not None and slots.get(requested) == raw \
                and (turn is None or requested not in turn.values):
            slots[requested] = None
        if turn is not None:
            slots.update(turn.extra)  # e.g. a new test clears "date unknown": its date is asked again
        return slots

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: Dict) -> List[Text]:
        return fields.required_slots(self._slots(tracker))

    async def get_extraction_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: Dict) -> List[EventType]:
        """The one parse of the message: its values become the candidates that validate_<slot> checks."""
        requested = tracker.get_slot("requested_slot")
        slots = self._slots(tracker)
        turn = dialogue.read_turn(slots, _text(tracker), _intent(tracker), requested,
                                  entities=(tracker.latest_message or {}).get("entities"))
        tracker.profile_turn = turn  # this request's turn, read by the validate_<slot> methods
        return [SlotSet(k, v) for k, v in turn.candidates().items()]

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: Dict) -> List[EventType]:
        turn = tracker.profile_turn
        if turn.interruption:  # no slot set: Rasa rejects the form for this turn and a rule answers
            return []
        sent = tracker.slots_to_validate()  # Rasa's candidates and this message's, before validation
        events = await super().get_validation_events(dispatcher, tracker, domain)
        validated = {e["name"]: e["value"] for e in events}
        requested = turn.requested
        if requested and requested in sent and requested not in validated:
            validated[requested] = None  # the raw text of an answer the question no longer needs

        def next_slot(slots: Dict[str, Any]) -> Optional[str]:
            return next((s for s in fields.required_slots(slots) if slots.get(s) is None), None)

        extra, messages = dialogue.finish_turn(turn, validated, next_slot,
                                               replies.texts(domain, replies.language_of(tracker)))
        _say(dispatcher, messages)
        extra_events = [SlotSet(k, v) for k, v in {**{k: v for k, v in validated.items() if k not in
                                                       {e["name"] for e in events}}, **extra}.items()]
        tracker.add_slots(extra_events)
        logger.debug("profile form: %d slot(s) validated", len(validated))
        return _changed_only(events, sent, turn.candidates()) + extra_events

    def _validate(self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[str, Any]:
        value, messages = dialogue.validate_value(tracker.profile_turn, slot, value)
        _say(dispatcher, messages)
        return {slot: value}


def _changed_only(events: List[EventType], sent: Dict[str, Any], read: Dict[str, Any]) -> List[EventType]:
    """The validated slots less those Rasa sent as they already are: when the form opens again with the profile
    filled (a correction after the result), Rasa sends every filled slot to be validated again, and setting
    all of them anew would add some 30 events to the conversation each time. A slot read from this message is
    kept (only this action has it); Rasa keeps a value it sent that comes back unchanged (it is already in the
    conversation, or Rasa adds its own event for it)."""
    def unchanged(e: EventType) -> bool:
        name, value = e["name"], e["value"]
        return name in sent and type(sent[name]) is type(value) and sent[name] == value

    return [e for e in events if e["name"] in read or not unchanged(e)]


def _validator(slot: str):
    def validate(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> Dict[str, Any]:
        return self._validate(slot, value, dispatcher, tracker)

    validate.__name__ = f"validate_{slot}"
    validate.__doc__ = f"The answer for {slot}, converted and checked (dialogue.validate_value)."
    return validate


# One validate_<slot> per question of the form (the slots of domain.yml's profile_form).
for _slot in fields.KIND:
    setattr(ValidateProfileForm, f"validate_{_slot}", _validator(_slot))


def current_profile(tracker: Tracker) -> Dict[str, Any]:
    return fields.build_profile(dict(tracker.slots))


def run_assessment(profile: Dict[str, Any], with_draws: bool = True, language: str = "en"):
    """(assessment, advice or None, draws summary or None, category fit or None); raises ProfileError for a
    bad profile. One pass: the profile is validated once and assessed once. ``with_draws`` False: no draws
    summary and no category fit (None), for an answer that does not show them. ``language``: the language of the
    engine's sentences (reasons, advice, warnings)."""
    from express_entry.assess import assess_validated
    from express_entry.profile import validate

    checked = validate(profile)  # once per turn: advice and categories take the validated profile
    a = assess_validated(checked, language)
    adv = None
    try:
        from express_entry.advice import advise_validated

        adv = advise_validated(checked, a, language)
    except Exception:  # advice is an extra: the score stands without it
        logger.warning("advice not available", exc_info=True)
    if not with_draws:
        return a, adv, None, None
    summary = None
    try:
        from express_entry import draws

        summary = draws.summary_for_score(a["crs"]["total"])
    except Exception:
        logger.warning("draws not available", exc_info=True)
    return a, adv, summary, category_fit(profile, checked, language)


def category_fit(profile: Dict[str, Any], checked: Optional[Dict[str, Any]] = None,
                 language: str = "en") -> Optional[Dict[str, Any]]:
    """express_entry.categories.categories_from_profile (``checked``: the profile already validated), or None
    when it can't tell (never fails the answer)."""
    try:
        from express_entry.categories import categories_from_profile, categories_from_validated

        return (categories_from_validated(checked, language=language) if checked is not None
                else categories_from_profile(profile, language=language))
    except Exception:
        logger.warning("category check not available", exc_info=True)
        return None


def has_no_french(slots: Dict[str, Any]) -> bool:
    """The person told us they have no French test result (no second test, and the first is English)."""
    return slots.get("second_language_test") == "none" and slots.get("first_language_test") in fields.ENGLISH_TESTS


class ActionAssess(Action):
    def name(self) -> Text:
        return "action_assess"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        if fields.is_paused(tracker.slots):  # a fact every score needs is not known: which, why, the forms
            _say(dispatcher, unknown.paused_messages(tracker.slots))
            return []
        profile = current_profile(tracker)
        previous = tracker.get_slot("crs_score")
        language = replies.language_of(tracker)
        try:  # a re-assessment after a correction does not show the draws: not looked up
            a, adv, summary, cats = run_assessment(profile, with_draws=previous is None, language=language)
        except ValueError as e:  # ProfileError: what is wrong and the fact to change, in the conversation's words
            dispatcher.utter_message(response="utter_result_cannot_assess", **results.profile_error(e, language))
            return [SlotSet("profile_confirmed", None)]
        wants = bool(tracker.get_slot("wants_eligibility"))
        texts = replies.texts(domain, language)
        no_french = has_no_french(dict(tracker.slots))
        left_out = unknown.result_lines(dict(tracker.slots), a["crs"]["total"])
        msgs = results.score_lines(texts, a, previous, language) + left_out
        msgs += results.warning_lines(texts, a, language) + results.expiry_lines(texts, a, language=language)
        msgs += results.program_lines(texts, a, detailed=wants, known_only=not wants, language=language)
        next_steps = [] if wants else ["utter_result_ask_programs"]
        if previous is None:
            msgs += results.advice_lines(texts, adv, language=language)
            msgs += results.draws_lines(texts, summary, a["crs"]["total"], cats, no_french=no_french,
                                        language=language)
        else:  # a re-assessment after a correction: keep it short
            msgs += results.advice_lines(texts, adv, limit=1, language=language)
            next_steps.append("utter_result_ask_cutoff")
        next_steps.append("utter_result_closing")
        # The same result as data (actions/result_card.py); each channel renders it its own way.
        chart = chart_url(a["crs"], language=language)
        card = result_card.build(texts, a, adv, summary, cats, previous, no_french, chart,
                                 next_steps=[texts[n] for n in next_steps],
                                 left_out=[replies.fill(texts, m["response"], language=language,
                                                        **{k: v for k, v in m.items() if k != "response"})
                                           for m in left_out], language=language)
        if tracker.get_latest_input_channel() in RICH_RESULT_CHANNELS:
            dispatcher.utter_message(json_message=card)  # the connector renders the whole result
        else:
            words = _messages(msgs + [{"response": n} for n in next_steps])
            card["messages"] = len(words) + 1  # the words and the chart that follow say the same
            dispatcher.utter_message(json_message=card)
            _say(dispatcher, words)
            # The chart of the parts beside recent cut-offs, for clients that show images and not the card.
            dispatcher.utter_message(image=chart)
        return [SlotSet("crs_score", float(a["crs"]["total"])), SlotSet("eligible_programs", results.eligible_programs(a))]


def _assessed(tracker: Tracker, dispatcher: CollectingDispatcher) -> Optional[Dict[str, Any]]:
    if tracker.get_slot("crs_score") is None:
        dispatcher.utter_message(response="utter_result_need_profile")
        return None
    return current_profile(tracker)


class ActionWhatIf(Action):
    def name(self) -> Text:
        return "action_what_if"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        profile = _assessed(tracker, dispatcher)
        if profile is None:
            return []
        slots = dict(tracker.slots)
        try:
            values = what_if.values(_text(tracker), slots)
        except Invalid as e:  # a change the test can't have ("half a band higher" than 9)
            dispatcher.utter_message(**e.message())
            return []
        if not values:
            dispatcher.utter_message(response="utter_what_if_help")
            return []
        new_profile = fields.build_profile({**slots, **values})
        change = {k: v for k, v in new_profile.items() if profile.get(k) != v}
        label = what_if.label(values, slots)
        from express_entry.advice import what_if as engine_what_if

        try:
            result = engine_what_if(profile, change)
        except ValueError as e:
            dispatcher.utter_message(response="utter_what_if_cannot",
                                     **results.profile_error(e, replies.language_of(tracker)))
            return []
        language = replies.language_of(tracker)
        _say(dispatcher, results.what_if_lines(replies.texts(domain, language), result, label, language)
             + [{"response": "utter_what_if_unchanged"}])
        return []


class ActionExplainScore(Action):
    def name(self) -> Text:
        return "action_explain_score"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        profile = _assessed(tracker, dispatcher)
        if profile is None:
            return []
        from express_entry import assess

        a = assess(profile, replies.language_of(tracker))
        t = _text(tracker).lower()
        topic = "language" if re.search(r"language|english|french|listening|speaking|reading|writing|" + TEST_NAMES_RE,
                                        t) else None
        language = replies.language_of(tracker)
        _say(dispatcher, results.explain_lines(replies.texts(domain, language), a, topic, language))
        return []


class ActionDraws(Action):
    def name(self) -> Text:
        return "action_draws"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        score = tracker.get_slot("crs_score")
        try:
            from express_entry import draws

            summary = draws.summary_for_score(int(score) if score is not None else 0)
        except Exception:
            logger.warning("draws not available", exc_info=True)
            dispatcher.utter_message(response="utter_draws_unavailable")
            return []
        language = replies.language_of(tracker)
        cats = category_fit(current_profile(tracker), language=language) if score is not None else None
        _say(dispatcher, results.draws_lines(replies.texts(domain, language), summary,
                                             int(score) if score is not None else None, cats,
                                             no_french=has_no_french(dict(tracker.slots)), language=language))
        if score is None:
            dispatcher.utter_message(response="utter_draws_check_score")
        return []


class ActionNoc(Action):
    def name(self) -> Text:
        return "action_noc"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        text = _text(tracker)
        from express_entry import noc

        code = parse_noc(text)
        if code:
            try:
                ug = noc.unit_group(code)
                dispatcher.utter_message(response="utter_noc_unit_group", code=ug.code,
                                         title=noc.title_in(ug, replies.language_of(tracker)), teer=ug.teer)
            except ValueError as e:
                dispatcher.utter_message(response="utter_noc_cannot",
                                     **results.profile_error(e, replies.language_of(tracker)))
            return []
        title = re.sub(r"(?i)^.*?\b(noc|teer|occupation code|category)\b\s*(code)?\s*(is|of|for|fits)?\s*(an?\s+)?", "", text)
        title = re.sub(r"(?i)^\s*(my job is|i'?m an?|i am an?|i work as an?)\s+", "", title)
        title = re.sub(r"(?i)(?<!\s)[,?.!]?\s*(what('s| is) (my|the) (noc|teer)( code)?( is that)?|what noc is that)\s*[?.!]*$", "", title).strip(" ?.!,")
        if not title or re.fullmatch(r"(?i)(my|mine|it|that|code|lookup|search)( code)?", title):
            slot = tracker.get_slot("noc_code")
            if slot and slot != "unknown":
                try:
                    ug = noc.unit_group(slot)
                    dispatcher.utter_message(response="utter_noc_told", code=ug.code,
                                             title=noc.title_in(ug, replies.language_of(tracker)), teer=ug.teer)
                    return []
                except ValueError:
                    pass
            dispatcher.utter_message(response="utter_noc_help")
            return []
        try:
            hits = noc.search(title, limit=3)
        except ValueError:
            hits = []
        language = replies.language_of(tracker)
        _say(dispatcher, results.noc_lines(replies.texts(domain, language), hits, title, language))
        return []


class ActionStartOver(Action):
    """Clears every answer (the conversation itself stays, unlike /restart); the conversation's language is the
    person's choice, not an answer: it stays."""

    def name(self) -> Text:
        return "action_start_over"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        dispatcher.utter_message(response="utter_restart")
        language = tracker.get_slot("language")
        return [AllSlotsReset()] + ([SlotSet("language", language)] if language else [])
