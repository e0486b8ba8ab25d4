"""Unknown and skip are answers (issue 16): points-only facts count as absent and the result names them with what
they could add; eligibility-only facts stay unknown; the facts every score needs say why; no fourth ask in a row."""
import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import unknown
from actions.actions import ActionAssess
from tests.rasa.test_form import SINGLE_DONE, run_form
from tests.sim.drivers import domain, render

PARTNER = {**SINGLE_DONE, "marital_status": "married", "spouse_canadian": False, "spouse_accompanying": True}
SAYINGS = ["I don't know", "idk", "skip", "can we skip this?", "next question please", "rather not say",
           "I'd rather not say", "no idea"]


@pytest.mark.parametrize("text", SAYINGS)
def test_partner_education_not_known_is_left_out_and_not_asked_again(text):
    out, msgs = run_form(PARTNER, text, intent=None, requested="spouse_education")
    assert out["spouse_education"] is None and out["skipped_facts"] == ["spouse_education"]
    assert out["requested_slot"] != "spouse_education"
    assert "leave your partner's education out" in msgs[0]


def test_eligibility_only_fact_stays_unknown():
    slots = {**SINGLE_DONE, "wants_eligibility": True, "noc_code": "21232", "canadian_work_months_last_3_years": 12}
    out, msgs = run_form(slots, "skip", intent=None, requested="job_offer")
    assert out["job_offer"] is None and out["skipped_facts"] == ["job_offer"]
    assert "undecided" in msgs[0] and out["requested_slot"] != "job_offer"


@pytest.mark.parametrize("slot,word", [("age", "age"), ("education", "education"), ("first_language_test", "test"),
                                       ("marital_status", "marital status"),
                                       ("first_language_listening", "test scores")])
def test_needed_facts_say_why_and_how(slot, word):
    slots = {k: v for k, v in SINGLE_DONE.items() if k != slot}
    if slot.startswith("first_language"):  # the scores (and the test) not told yet
        slots = {k: v for k, v in slots.items() if not k.startswith("first_language") or k == "first_language_test"
                 and slot != "first_language_test"}
    out, msgs = run_form(slots, "I don't know", intent="dont_know", requested=slot)
    assert out.get(slot) is None and out["requested_slot"] == slot
    assert f"need your {word}" in msgs[0] or f"need a language {word}" in msgs[0]
    assert "for example" in msgs[0].lower()


def test_a_needed_fact_is_asked_three_times_at_most_then_the_form_pauses_and_says_why():
    slots, asked = {}, 1
    for _ in range(3):
        out, msgs = run_form(slots, "idk", intent="dont_know", requested="age")
        slots = {**slots, **out}
        if out.get("requested_slot") == "age":
            asked += 1
    assert asked == 3 and slots["requested_slot"] is None and slots["paused_for"] == "age"
    dispatcher = CollectingDispatcher()
    tracker = Tracker("t", slots, {}, [], False, None, {}, "action_listen")
    assert ActionAssess().run(dispatcher, tracker, domain()) == []
    said = " ".join(render(m, slots)["text"] for m in dispatcher.messages)
    assert "can't compute a score without your age" in said and "for example 29" in said
    out, _ = run_form(slots, "I'm 29", raw_requested=False)  # given later: the form goes on
    assert out["age"] == 29 and out["paused_for"] is None and out["requested_slot"] == "marital_status"


def test_unusable_answers_to_an_optional_question_stop_after_three():
    slots, asked = dict(PARTNER), 1
    for text in ["blah", "hmm what", "purple"]:
        out, msgs = run_form(slots, text, intent=None, requested="spouse_education")
        slots = {**slots, **out}
        asked += out.get("requested_slot") == "spouse_education"
    assert asked == 3 and slots["requested_slot"] != "spouse_education"
    assert slots["skipped_facts"] == ["spouse_education"]


def test_the_result_names_the_facts_left_out_and_what_they_could_add():
    slots = {**PARTNER, "skipped_facts": ["spouse_education", "sibling_in_canada"], "sibling_in_canada": False,
             "spouse_canadian_work_years": 0, "spouse_language_test": "none", "profile_confirmed": True}
    from express_entry.assess import assess
    from actions import fields

    total = assess(fields.build_profile(slots))["crs"]["total"]
    with_sibling = assess(fields.build_profile({**slots, "sibling_in_canada": True}))["crs"]["total"]
    lines = [render(m, slots)["text"] for m in unknown.result_lines(slots, total)]
    assert lines[0].startswith("Left out because you didn't know them")
    assert f"- sibling in Canada: could add up to {with_sibling - total} points" in lines
    assert any(line.startswith("- partner's education: could add up to ") for line in lines)
