"""The guided CEC journey: "when can I apply for CEC?" answered with a date, the step, the CRS on that date.

- validate_cec_form: the few questions the CEC needs, skipping what the person already told the profile form
  (the job's NOC, the language test, Quebec): the job in Canada (start, ongoing or end, hours a week, title ->
  NOC via the finder, confirmed), full-time study during it, self-employment, the language level and its date,
  Quebec, the permit's end. Each answer is read here (``read_*``) from the message's text; None re-asks.
- action_cec_timeline: the answers as a timeline input (TIMELINE.md) for ``express_entry.timeline``, and the
  reply from the domain's ``utter_cec_*`` responses: the date (or what blocks it and how to fix it), "Step N of
  5", the CRS on that date beside recent CEC cut-offs, and what to do before the permit ends.

Every figure comes from the engine (the ruleset in force): the hours needed, the window, the ITA days.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions import fields
from actions.replies import fill as fill_in, language_of, texts as domain_texts
from express_entry.facts import faq_facts
from express_entry.rules import ruleset_for
from express_entry.vocabulary import ABILITIES as _ABILITIES, count_text, long_date  # noqa: F401 (tests read cec.long_date)
from express_entry.vocabulary import long_date as day_text
from understanding import answers as read
from understanding.limits import bounded
from understanding.rules import MONTH_RE

logger = logging.getLogger(__name__)

FORM = "cec_form"
SLOTS = ("cec_job_start", "cec_job_ongoing", "cec_job_end", "cec_job_hours", "cec_job_title", "cec_noc_confirmed",
         "cec_job_code", "cec_self_employed", "cec_other_job", "cec_job2_start", "cec_job2_ongoing", "cec_job2_end",
         "cec_job2_hours", "cec_job2_title", "cec_student", "cec_student_until", "cec_language_level",
         "cec_language_date", "cec_quebec", "cec_permit_end")
NOT_KNOWN = "unknown"  # the person has no such date (no permit end known) or no language test


def today() -> dt.date:
    return dt.date.today()


# --------------------------------------------------------------------------- reading answers

# The journey's own yes and no words: "are you still working there?" is answered "still there" or "it ended".
_STILL, _ENDED_WORDS = ("still", "ongoing"), ("ended", "finished", "left", "quit")


def read_yes_no(text: str, intent: Optional[str] = None) -> Optional[bool]:
    """The answer to one of the journey's yes/no questions (understanding.read.yes_no with its own words)."""
    return read.yes_no(text, intent, yes_words=_STILL, no_words=_ENDED_WORDS)


def full_time_hours() -> int:
    """The hours a week "full time" is taken as: the most the CEC counts in a week (full time is 30 hours or more)."""
    return int(ruleset_for(today()).table("work_history")["hours_per_week_cap"])


def read_hours(text: str) -> Optional[float]:
    """Hours a week, "full time" taken as :func:`full_time_hours` (understanding.read.hours)."""
    return read.hours(text, full_time_hours())


def read_level(text: str) -> Any:
    """The lowest CLB / NCLC level (0-12), or NOT_KNOWN for "no test yet"."""
    t = (text or "").lower()
    if re.search(r"\b(no|none|not yet|haven'?t|didn'?t|don'?t have)\b", t):
        return NOT_KNOWN
    m = re.search(r"\b(\d{1,2})\b", t)
    if m and 0 <= int(m[1]) <= 12:
        return int(m[1])
    return None


def read_code(text: str) -> Any:
    """A 5-digit NOC 2021 code, or a TEER digit 0-5 ("TEER 2")."""
    from express_entry.profile import noc_codes

    t = (text or "").lower()
    m = re.search(r"\b(\d{5})\b", t)
    if m:
        return m[1] if m[1] in noc_codes() else None
    m = re.search(r"\b([0-5])\b", t)
    return int(m[1]) if m else None


def read_permit(text: str) -> Any:
    t = (text or "").lower()
    day = read.date(t)
    if day is not None:
        return day.isoformat()
    if re.search(r"\b(no|none|don'?t know|not sure|unknown|no idea|n/a)\b", t):
        return NOT_KNOWN
    return None


# --------------------------------------------------------------------------- facts stated in passing

_CLAUSES = re.compile(r"[.;!?]+(?:\s|$)|,(?!\s*\d)|\b(?:and|but)\b")
_PERMIT = re.compile(r"\b(permit|pgwp|visa)\b")
_PERMIT_ENDS = re.compile(r"\b(ends?|ending|expires?|expiring|until|runs? out)\b")
_STARTED = re.compile(r"\b(start(?:ed|ing)?|began|begun|joined|hired)\b")
_AT_WORK = re.compile(r"\b(work(?:ing|ed)?|job|employ(?:ed|er|ment)?|position|hired|joined)\b")
_SINCE = re.compile(r"\b(since|from)\s+(?:the\s+)?(\d|" + MONTH_RE + ")")
_STUDY = re.compile(r"\b(stud(?:y|ied|ies|ying|ent)|school|college|university|graduat\w*)\b")
_ONGOING = re.compile(r"\b(still|currently|right now|(?:have|'ve) been (?:working|employed))\b")
_ENDED = re.compile(r"\b(ended|left|quit|finished|stopped|laid off|(?:worked|employed|there) until)\b")
_AS_TITLE = re.compile(r"\bas\s+an?\s+(?:(?:full|part)[\s-]?time\s+)?([a-z][a-z /&'-]*?)"
                       r"(?=\s+(?:in|on|at|for|since|from|with|until|to|of|and|but|when|because)\b|[,.;!?]|$)")


def job_facts(text: str) -> Dict[str, Any]:
    """What a message states in passing about the job in Canada, as the journey's slots: the start ("started ...
    in March 2026", "since 2026-03-02"), "still working" (ongoing), the hours a week ("20 hours a week"; "full
    time": ``full_time_hours``), the title ("as a software developer", with the NOC finder's match, still to be
    confirmed) and the permit's end ("my PGWP ends in June 2028"). Nothing the message doesn't say."""
    t = bounded(text or "").lower()
    out: Dict[str, Any] = {}
    for clause in _CLAUSES.split(t):
        day = read.date(clause)
        if day is None:
            continue
        if _PERMIT.search(clause) and _PERMIT_ENDS.search(clause):
            out.setdefault("cec_permit_end", day.isoformat())
        elif not _STUDY.search(clause) and (_SINCE.search(clause) or (_STARTED.search(clause) and _AT_WORK.search(clause))):
            if day <= today():
                out.setdefault("cec_job_start", day.isoformat())
    if _ONGOING.search(t) and not _ENDED.search(t):
        out["cec_job_ongoing"] = True
    weekly = read.weekly_hours(t)
    if weekly is not None:
        out["cec_job_hours"] = weekly
    elif any(read.FULL_TIME.search(c) and not _STUDY.search(c) for c in _CLAUSES.split(t)):
        out["cec_job_hours"] = float(full_time_hours())
    title = _AS_TITLE.search(t)
    if title:
        out.update(_title_slots("cec_job", title[1]) or {})
    return out


# --------------------------------------------------------------------------- the form

_ANSWER_OR_QUESTION = ("faq", "ask_why", "out_of_scope")  # the form's ignored intents an answer may be read as
_QUESTION = re.compile(r"(\?\s*$)|^\s*(what|why|how|when|who|which|where|does|do|can|is|are|should|will)\b", re.I)


def answers(slot: str, text: str) -> bool:
    """Whether ``text`` reads as an answer to the journey's question ``slot`` (not as a question of its own)."""
    if _QUESTION.search(text or ""):
        return False
    if slot.endswith(("_start", "_end", "_until", "_date")):
        return read.date(text) is not None
    if slot.endswith("_hours"):
        return read_hours(text) is not None
    if slot == "cec_language_level":
        return read_level(text) is not None
    if slot == "cec_job_code":
        return read_code(text) is not None
    if slot == "cec_permit_end":
        return read_permit(text) is not None
    if slot.endswith("_title"):
        return _best_noc(text) is not None
    return len(text.split()) <= 4 and read_yes_no(text) is not None

def _known_noc(slots: Dict[str, Any]) -> Optional[str]:
    code = slots.get("noc_code")
    return code if isinstance(code, str) and code.isdigit() else None


def _has_language(slots: Dict[str, Any]) -> bool:
    result = fields.build_profile(slots).get("first_language") or {}
    return all(a in result for a in _ABILITIES)


def required_slots(slots: Dict[str, Any]) -> List[str]:
    """The questions still to ask, in order, for the answers so far (what the profile form has is reused)."""
    out = ["cec_job_start", "cec_job_ongoing"]
    if slots.get("cec_job_ongoing") is False:
        out.append("cec_job_end")
    out.append("cec_job_hours")
    if _known_noc(slots) is None:
        out += ["cec_job_title", "cec_noc_confirmed"]
        if slots.get("cec_noc_confirmed") is False:
            out.append("cec_job_code")
    out += ["cec_self_employed", "cec_other_job"]
    if slots.get("cec_other_job") is True:
        out += ["cec_job2_start", "cec_job2_ongoing"]
        if slots.get("cec_job2_ongoing") is False:
            out.append("cec_job2_end")
        out += ["cec_job2_hours", "cec_job2_title"]
    out.append("cec_student")
    if slots.get("cec_student") is True:
        out.append("cec_student_until")
    if not _has_language(slots):
        out.append("cec_language_level")
        if slots.get("cec_language_level") not in (None, NOT_KNOWN):
            out.append("cec_language_date")
    if slots.get("intends_quebec") is None:
        out.append("cec_quebec")
    out.append("cec_permit_end")
    return out


class ValidateCecForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_cec_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: Dict) -> List[Text]:
        return required_slots(dict(tracker.slots))

    async def get_extraction_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: Dict) -> List[EventType]:
        """Rasa's extraction, plus the answer to the question asked when the message was read as an FAQ question
        ("37.5 hours a week" can look like the question about the 30-hour cap): an answer that reads as one for
        the requested slot is taken; a real question reads as none and is answered by the FAQ rule."""
        events = await super().get_extraction_events(dispatcher, tracker, domain)
        requested = tracker.get_slot("requested_slot")
        if requested in SLOTS and self._intent(tracker) in _ANSWER_OR_QUESTION \
                and not any(e.get("name") == requested for e in events) and answers(requested, self._text(tracker)):
            events.append(SlotSet(requested, self._text(tracker)))
        return events

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: Dict) -> List[EventType]:
        """The answers validated, then what the message states in passing (``job_facts``) for the journey's
        questions not answered yet: "I started working full time as a software developer in March 2026" asks only
        the rest (the title's NOC is still put to the person to confirm). Full time taken as hours is said."""
        events = await super().get_validation_events(dispatcher, tracker, domain)
        answered = {e["name"] for e in events if e.get("event") == "slot"}
        slots = {**tracker.slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
        facts = job_facts(self._text(tracker))
        if str(tracker.get_slot("requested_slot") or "").startswith("cec_job2"):  # the other job's answers
            facts = {k: v for k, v in facts.items() if k == "cec_permit_end"}
        asked = set(required_slots(slots)) | {"cec_job_noc", "cec_job_noc_title", "cec_job_teer"}
        heard = {k: v for k, v in facts.items() if k in asked and k not in answered and slots.get(k) is None}
        if read.WEEKLY_HOURS.search(self._text(tracker).lower()) and facts.get("cec_job_hours") not in (None, slots.get(
                "cec_job_hours")) and "cec_job_hours" not in answered and slots.get("cec_other_job") is None:
            heard["cec_job_hours"] = facts["cec_job_hours"]  # "20 hours a week" corrects full time taken as 30
        if "cec_job_title" not in heard:
            heard = {k: v for k, v in heard.items() if not k.startswith(("cec_job_noc", "cec_job_teer"))}
        if "cec_job_hours" in heard:
            self._full_time_said(self._text(tracker), heard["cec_job_hours"], dispatcher)
        return events + [SlotSet(k, v) for k, v in heard.items()]

    @staticmethod
    def _full_time_said(text: str, hours: float, dispatcher: CollectingDispatcher):
        t = text.lower()
        if hours == full_time_hours() and read.FULL_TIME.search(t) and not read.hours_said(t):
            dispatcher.utter_message(response="utter_cec_full_time", hours=int(hours))

    @staticmethod
    def _text(tracker: Tracker) -> str:
        return bounded((tracker.latest_message or {}).get("text") or "")

    @staticmethod
    def _intent(tracker: Tracker) -> Optional[str]:
        return ((tracker.latest_message or {}).get("intent") or {}).get("name")

    def _answer(self, slot: str, value: Any, dispatcher: CollectingDispatcher, extra: Optional[dict] = None):
        if value is None:
            dispatcher.utter_message(response=f"utter_cec_reask_{slot}")
            return {slot: None}
        return {slot: value, **(extra or {})}

    def _date(self, slot, tracker, dispatcher, not_after_today=False, after=None):
        day = read.date(self._text(tracker))
        if day is not None and ((not_after_today and day > today()) or (after is not None and day < after)):
            day = None
        return self._answer(slot, None if day is None else day.isoformat(), dispatcher)

    def validate_cec_job_start(self, value, dispatcher, tracker, domain):
        return self._date("cec_job_start", tracker, dispatcher, not_after_today=True)

    def validate_cec_job_end(self, value, dispatcher, tracker, domain):
        start = tracker.get_slot("cec_job_start")
        return self._date("cec_job_end", tracker, dispatcher, after=dt.date.fromisoformat(start) if start else None)

    def validate_cec_job2_start(self, value, dispatcher, tracker, domain):
        return self._date("cec_job2_start", tracker, dispatcher, not_after_today=True)

    def validate_cec_job2_end(self, value, dispatcher, tracker, domain):
        start = tracker.get_slot("cec_job2_start")
        return self._date("cec_job2_end", tracker, dispatcher, after=dt.date.fromisoformat(start) if start else None)

    def validate_cec_job2_hours(self, value, dispatcher, tracker, domain):
        return self._answer("cec_job2_hours", read_hours(self._text(tracker)), dispatcher)

    def validate_cec_job2_ongoing(self, value, dispatcher, tracker, domain):
        return self._yes_no("cec_job2_ongoing", tracker, dispatcher)

    def validate_cec_other_job(self, value, dispatcher, tracker, domain):
        return self._yes_no("cec_other_job", tracker, dispatcher)

    def validate_cec_job2_title(self, value, dispatcher, tracker, domain):
        """The second job's title through the NOC finder (its best match, named in the answer)."""
        return _title_slots("cec_job2", self._text(tracker)) or self._answer("cec_job2_title", None, dispatcher)

    def validate_cec_student_until(self, value, dispatcher, tracker, domain):
        return self._date("cec_student_until", tracker, dispatcher)

    def validate_cec_language_date(self, value, dispatcher, tracker, domain):
        return self._date("cec_language_date", tracker, dispatcher, not_after_today=True)

    def validate_cec_permit_end(self, value, dispatcher, tracker, domain):
        return self._answer("cec_permit_end", read_permit(self._text(tracker)), dispatcher)

    def validate_cec_job_hours(self, value, dispatcher, tracker, domain):
        hours = read_hours(self._text(tracker))
        if hours is not None:
            self._full_time_said(self._text(tracker), hours, dispatcher)
        return self._answer("cec_job_hours", hours, dispatcher)

    def validate_cec_language_level(self, value, dispatcher, tracker, domain):
        return self._answer("cec_language_level", read_level(self._text(tracker)), dispatcher)

    def validate_cec_job_code(self, value, dispatcher, tracker, domain):
        return self._answer("cec_job_code", read_code(self._text(tracker)), dispatcher)

    def _yes_no(self, slot, tracker, dispatcher):
        return self._answer(slot, read_yes_no(self._text(tracker), self._intent(tracker)), dispatcher)

    def validate_cec_job_ongoing(self, value, dispatcher, tracker, domain):
        return self._yes_no("cec_job_ongoing", tracker, dispatcher)

    def validate_cec_noc_confirmed(self, value, dispatcher, tracker, domain):
        return self._yes_no("cec_noc_confirmed", tracker, dispatcher)

    def validate_cec_student(self, value, dispatcher, tracker, domain):
        return self._yes_no("cec_student", tracker, dispatcher)

    def validate_cec_self_employed(self, value, dispatcher, tracker, domain):
        return self._yes_no("cec_self_employed", tracker, dispatcher)

    def validate_cec_quebec(self, value, dispatcher, tracker, domain):
        return self._yes_no("cec_quebec", tracker, dispatcher)

    def validate_cec_job_title(self, value, dispatcher, tracker, domain):
        """The job title through the NOC finder: the best match is put to the person to confirm."""
        return _title_slots("cec_job", self._text(tracker)) or self._answer("cec_job_title", None, dispatcher)


def _title_slots(job: str, text: str) -> Optional[Dict[str, Any]]:
    """``job``'s title (cec_job or cec_job2) and the NOC finder's best match for it, None without a match."""
    best = _best_noc(text)
    if best is None:
        return None
    out = {f"{job}_title": text.strip(" .!?"), f"{job}_noc": best["code"]}
    if job == "cec_job":
        out.update(cec_job_noc_title=best["title_en"], cec_job_teer=int(best["teer"]))
    return out


def _best_noc(text: str) -> Optional[dict]:
    """The NOC finder's best unit group for a job title (or a code typed in its place), None without a match."""
    from express_entry import noc

    title = read.job_title(text)
    try:
        hits = noc.search(title, limit=1) if title else []
    except ValueError:
        hits = []
    return hits[0] if hits else None


# --------------------------------------------------------------------------- the answer

def timeline_input(slots: Dict[str, Any], on: Optional[dt.date] = None) -> Dict[str, Any]:
    """The timeline input (TIMELINE.md) from the profile answers and the CEC form's answers."""
    on = on or today()
    data = fields.build_profile(slots)
    foreign_years = data.pop("foreign_work_years", None)
    for key in ("canadian_work_years", "canadian_work_months_last_3_years"):
        data.pop(key, None)  # the dated job replaces the summary fields
    data["assessed_on"] = on.isoformat()
    start = dt.date.fromisoformat(slots["cec_job_start"])
    end = slots.get("cec_job_end") if slots.get("cec_job_ongoing") is False else None
    job: Dict[str, Any] = {"start": start.isoformat(), "end": end, "hours_per_week": float(slots["cec_job_hours"]),
                           "in_canada": True, "self_employed": slots.get("cec_self_employed") is True}
    code = _known_noc(slots)
    if code is None:
        if slots.get("cec_noc_confirmed") is True:
            code = slots.get("cec_job_noc")
        elif isinstance(slots.get("cec_job_code"), str):
            code = slots["cec_job_code"]
    if code is not None:
        job["noc_code"] = code
    else:
        job["teer"] = int(slots.get("cec_job_code") if slots.get("cec_job_code") is not None else 5)
    work = _studied(job, slots)
    if slots.get("cec_other_job") is True and slots.get("cec_job2_start") and slots.get("cec_job2_noc"):
        end2 = slots.get("cec_job2_end") if slots.get("cec_job2_ongoing") is False else None
        work += _studied({"start": slots["cec_job2_start"], "end": end2, "in_canada": True,
                          "hours_per_week": float(slots["cec_job2_hours"]), "noc_code": slots["cec_job2_noc"]},
                         slots)
    if foreign_years:  # the profile form's years abroad: a period ending the day before the Canadian job
        years_end = start - dt.timedelta(days=1)
        work.append({"start": (years_end - dt.timedelta(days=364 * int(foreign_years) - 1)).isoformat(),
                     "end": years_end.isoformat(), "hours_per_week": 30, "in_canada": False, "teer": 1})
    if "first_language" not in data or not _has_language(slots):
        level = slots.get("cec_language_level")
        data.pop("first_language", None)
        if isinstance(level, int):
            data["first_language"] = {"test": "clb", **{a: level for a in _ABILITIES}}
            if slots.get("cec_language_date"):
                data["first_language"]["taken_on"] = slots["cec_language_date"]
    if data.get("intends_quebec") is None and slots.get("cec_quebec") is not None:
        data["intends_quebec"] = slots["cec_quebec"]
    permit = slots.get("cec_permit_end")
    if permit and permit != NOT_KNOWN:
        data["permit_expires_on"] = permit
    data["work"] = work
    return data


def _studied(job: Dict[str, Any], slots: Dict[str, Any]) -> List[Dict[str, Any]]:
    """``job`` as periods: the days up to the end of full-time study (``cec_student_until``) marked as done
    while a full-time student."""
    if slots.get("cec_student") is not True:
        return [job]
    until = slots.get("cec_student_until")
    if not until:
        return [dict(job, full_time_student=True)]
    start, end = dt.date.fromisoformat(job["start"]), job.get("end")
    last = dt.date.fromisoformat(until)
    if end is not None:
        last = min(last, dt.date.fromisoformat(end))
    if last < start:
        return [job]
    out = [dict(job, end=last.isoformat(), full_time_student=True)]
    after = last + dt.timedelta(days=1)
    if end is None or after <= dt.date.fromisoformat(end):
        out.append(dict(job, start=after.isoformat()))
    return out


_BLOCK_STEP = {"language_level": 3, "language_expired": 3, "no_language_result": 3, "intends_quebec": 3,
               "work_never_met": 2, "permit_ends_first": 2}


def _cec_cutoffs(score: int) -> Optional[dict]:
    try:
        from express_entry import draws

        summary = draws.summary_for_score(score)
    except Exception:  # the draws are an extra: the date stands without them
        logger.warning("draws not available", exc_info=True)
        return None
    for group in summary.get("by_type") or []:
        if group.get("type") == "cec":
            return dict(group, period=summary.get("period"))
    return {"type": "cec", "rounds_in_period": 0}


def reply_lines(texts: Dict[str, str], t: dict, profile: dict, on: dt.date,
                cutoffs=_cec_cutoffs, language: str = "en") -> List[str]:
    """The journey's answer as messages, from the timeline ``t`` (express_entry.timeline) of ``profile``, with
    its numbers and dates written in ``language``."""
    def fill(texts: Dict[str, str], response: str, **values: Any) -> str:
        return fill_in(texts, response, language=language, **values)

    def long_date(value: Any) -> str:
        return day_text(value, language)

    today_ = t["today"]
    cec = t["cec"]
    needed = count_text(today_["cec_hours_needed"], language)
    hours = count_text(int(today_["canadian_hours_last_3_years"] or 0), language)
    rs = ruleset_for(on)
    values = {"hours": hours, "needed": needed, "window": rs.table("work_history")["cec"]["window_years"]}
    lines: List[str] = []
    blocked = cec["blocked_by"]
    met_on = cec["work_met_on"]
    if cec["eligible_on"] == on.isoformat():
        lines.append(fill(texts, "utter_cec_eligible_now", **values))
        step, step_text = 4, fill(texts, "utter_cec_step_profile")
    elif cec["eligible_on"]:
        lines.append(fill(texts, "utter_cec_eligible_on", date=long_date(cec["eligible_on"]), **values))
        step, step_text = 2, fill(texts, "utter_cec_step_hours", **values)
    else:
        if met_on and met_on != on.isoformat():
            lines.append(fill(texts, "utter_cec_work_met_on", date=long_date(met_on), **values))
        elif met_on:
            lines.append(fill(texts, "utter_cec_work_met_now", **values))
        for code in blocked:
            lines.append(fill(texts, f"utter_cec_blocked_{code}", **values,
                              expires=long_date(cec["language_expires_on"]) if cec.get("language_expires_on") else "",
                              teer=today_.get("teer") if today_.get("teer") is not None else "",
                              permit=long_date(profile["permit_expires_on"]) if profile.get("permit_expires_on") else ""))
        step = min(_BLOCK_STEP.get(c, 3) for c in blocked) if blocked else 3
        step_text = fill(texts, "utter_cec_step_hours", **values) if step == 2 else fill(texts, "utter_cec_step_other")
    lines.append(fill(texts, "utter_cec_step", step=step, step_text=step_text))
    then = cec["eligible_on"] or met_on
    if then and profile.get("age") is not None and profile.get("education") is not None:
        crs = cec.get("crs_then")
        if crs is None:
            crs = next((e["crs"] for e in reversed(t["events"]) if e["on"] <= then), today_["crs"])
        group = cutoffs(crs)
        line = fill(texts, "utter_cec_crs_then", date=long_date(then), crs=crs)
        if group and group.get("rounds_in_period"):
            latest = group["latest_round"]
            line += " " + fill(texts, "utter_cec_cutoffs", latest=latest.get("cutoff_crs"),
                               latest_date=long_date(latest.get("date")), lowest=group.get("lowest_cutoff"),
                               rounds=group.get("rounds_in_period"), since=long_date(group["period"]["from"]))
        elif group is not None:
            line += " " + fill(texts, "utter_cec_no_cutoffs")
        lines.append(line)
    elif then:
        lines.append(fill(texts, "utter_cec_crs_needs_profile"))
    if profile.get("permit_expires_on"):
        days = (dt.date.fromisoformat(profile["permit_expires_on"]) - on).days
        lines.append(fill(texts, "utter_cec_permit", permit=long_date(profile["permit_expires_on"]),
                          days=count_text(max(days, 0), language)))
    else:
        lines.append(fill(texts, "utter_cec_permit_unknown"))
    lines.append(fill(texts, "utter_cec_next", ita_days=faq_facts(on, language)["ita_days"]))
    return lines


class ActionCecTimeline(Action):
    def name(self) -> Text:
        return "action_cec_timeline"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        from express_entry.profile import ProfileError
        from express_entry.timeline import timeline

        slots = dict(tracker.slots)
        on = today()
        language = language_of(tracker)
        texts = domain_texts(domain, language)
        try:
            data = timeline_input(slots, on)
            t = timeline(data, language=language)
        except (ProfileError, KeyError, TypeError, ValueError):
            logger.info("cec journey: the answers could not be used", exc_info=True)
            dispatcher.utter_message(response="utter_cec_cannot")
            return [SlotSet(s, None) for s in SLOTS]
        for line in reply_lines(texts, t, data, on, language=language):
            dispatcher.utter_message(text=line)
        events = [SlotSet("cec_eligible_on", t["cec"]["eligible_on"]), SlotSet("cec_work_met_on", t["cec"]["work_met_on"])]
        if slots.get("intends_quebec") is None and isinstance(slots.get("cec_quebec"), bool):
            events.append(SlotSet("intends_quebec", slots["cec_quebec"]))  # told once: the profile form reuses it
        if _known_noc(slots) is None and isinstance(data["work"][0].get("noc_code"), str):
            events.append(SlotSet("noc_code", data["work"][0]["noc_code"]))  # told once: the profile form reuses it
        return events
