"""The profile form's validation action (actions/actions.py ValidateProfileForm, its turn logic in
actions/dialogue.py), run by rasa_sdk as the action server runs it, its messages rendered with domain.yml's
responses."""
import pytest

from actions import fields
from tests.sim.drivers import domain, run_validation

SINGLE_DONE = {
    "age": 29, "marital_status": "single", "education": "bachelors", "education_recognized": True,
    "canadian_education": "none", "first_language_test": "ielts", "first_language_listening": 8,
    "first_language_reading": 7, "first_language_writing": 7, "first_language_speaking": 7,
    "first_language_date_unknown": True,
    "second_language_test": "none", "canadian_work_years": 1, "foreign_work_years": 0,
    "certificate_of_qualification": False, "provincial_nomination": False, "sibling_in_canada": False,
}


def run_form(slots, text, intent="inform", requested=None, raw_requested=True):
    """Runs validate_profile_form like Rasa does after `action_extract_slots` (the from_text mapping put the raw
    text in the requested slot); without a requested slot, as at the form's activation."""
    slots = {**slots, "requested_slot": requested}
    candidates = {requested: text} if requested and raw_requested else {}
    out, msgs = run_validation(slots, text, intent, candidates, active=bool(requested))
    return out, [m["text"] for m in msgs]


def test_first_question_sets_progress_and_asks_age():
    out, msgs = run_form({}, "check my score", intent="start_assessment", raw_requested=False)
    assert out["requested_slot"] == "age"
    assert out["form_progress"].startswith("Question 1 of about ")


def test_answer_is_converted_and_next_question_requested():
    out, msgs = run_form({}, "twenty nine", requested="age")
    assert out["age"] == 29 and out["requested_slot"] == "marital_status"
    assert out["form_progress"].startswith("Question 2 of about")
    assert out.get("profile_summary") is None  # written only for the confirmation question that shows it


def test_impossible_answer_is_reasked_with_range():
    out, msgs = run_form({}, "age 300", requested="age")
    assert out["age"] is None and out["requested_slot"] == "age"
    assert any("16 to 100" in m for m in msgs)


def test_unparseable_answer_clears_raw_text_and_reasks():
    out, msgs = run_form({}, "blue", intent="nlu_fallback", requested="age")
    assert out["age"] is None and out["requested_slot"] == "age"
    assert msgs and "didn't catch" in msgs[0]


def test_several_facts_fill_several_slots():
    out, msgs = run_form({}, "I'm 31, married, master's, CELPIP 9 all, 2 years in Canada", requested="age")
    assert out["age"] == 31 and out["marital_status"] == "married" and out["education"] == "masters"
    assert out["first_language_writing"] == 9 and out["canadian_work_years"] == 2
    assert out["requested_slot"] == "spouse_canadian"  # married: partner questions come next
    assert any(m.startswith("Got it") for m in msgs)


def test_single_gets_no_spouse_questions():
    req = fields.required_slots({"marital_status": "single"})
    assert not [s for s in req if s.startswith("spouse")]


def test_married_with_accompanying_partner_gets_partner_questions():
    req = fields.required_slots({"marital_status": "married", "spouse_canadian": False, "spouse_accompanying": True,
                                 "spouse_language_test": "ielts"})
    assert {"spouse_education", "spouse_language_listening", "spouse_canadian_work_years"} <= set(req)
    req = fields.required_slots({"marital_status": "married", "spouse_canadian": True})
    assert "spouse_accompanying" not in req and "spouse_education" not in req


def test_second_language_questions_only_with_a_second_test():
    assert "second_language_listening" not in fields.required_slots({"second_language_test": "none"})
    assert "second_language_listening" in fields.required_slots({"second_language_test": "tef"})


def test_eligibility_questions_only_when_asked_for():
    plain = fields.required_slots({"canadian_work_years": 2})
    elig = fields.required_slots({"canadian_work_years": 2, "wants_eligibility": True})
    for slot in ("settlement_funds", "family_size", "intends_quebec", "noc_code", "canadian_work_months_last_3_years"):
        assert slot not in plain and slot in elig


def test_correction_inside_the_form():
    slots = {"age": 29, "marital_status": "single"}
    out, msgs = run_form(slots, "actually I'm 32, and a master's", requested="education")
    assert out["age"] == 32 and out["education"] == "masters"
    assert any("Updated: age 29 \u2192 32" in m for m in msgs)


def test_change_my_field_without_value_asks_it_again():
    slots = dict(SINGLE_DONE, profile_confirmed=None)
    out, msgs = run_form(slots, "I want to change my education", intent="correct", requested="profile_confirmed")
    assert out["education"] is None and out["requested_slot"] == "education"


def test_correction_after_the_form_keeps_confirmation_and_finishes():
    slots = dict(SINGLE_DONE, profile_confirmed=True)
    out, msgs = run_form(slots, "change my listening to 8.5", intent="correct", raw_requested=False)
    assert out["first_language_listening"] == 8.5
    assert out["requested_slot"] is None  # nothing missing: the form ends and the bot re-assesses
    assert out.get("profile_confirmed", True) is True


def test_correction_that_needs_new_questions_reopens_them():
    slots = dict(SINGLE_DONE, profile_confirmed=True)
    out, msgs = run_form(slots, "actually I'm married", intent="correct", raw_requested=False)
    assert out["marital_status"] == "married" and out["profile_confirmed"] is None
    assert out["requested_slot"] == "spouse_canadian"


def test_dont_know_skips_optional_question_and_says_what_it_means():
    out, msgs = run_form({"age": 30}, "I don't know", intent="dont_know", requested="sibling_in_canada")
    assert out["sibling_in_canada"] is False
    assert "15 points" in msgs[0]


def test_dont_know_on_required_question_helps():
    out, msgs = run_form({}, "no idea", intent="dont_know", requested="age")
    assert out["age"] is None and out["requested_slot"] == "age"
    assert "completed years" in msgs[0]


@pytest.mark.parametrize("text, language", [("aucune, je n'y ai pas travaillé", "fr"), ("none, never worked there", None)])
def test_a_none_the_classifier_took_for_dont_know_is_zero_years(text, language):
    """The model read "aucune, je n'y ai pas travaillé" as dont_know (0.65): the words answer the question, 0 years,
    where the form used to leave Canadian work out as unknown."""
    slots = {"age": 30, "language": language}
    out, msgs = run_form(slots, text, intent="dont_know", requested="canadian_work_years")
    assert out["canadian_work_years"] == 0 and "canadian_work_years" not in (out.get("skipped_facts") or [])


def test_dont_know_to_a_yes_no_question_stays_dont_know():
    """A negation in an unknown phrase is not a no ("not really sure" to "Do you have a job offer?")."""
    out, msgs = run_form({"age": 30}, "not really sure", intent="dont_know", requested="sibling_in_canada")
    assert out["sibling_in_canada"] is False and "15 points" in msgs[0]  # skipped as unknown: scored as absent


def test_dont_know_noc_then_job_title_lookup():
    elig = {"wants_eligibility": True}  # the occupation is asked for the programs' checks
    out, msgs = run_form(elig, "I don't know", intent="dont_know", requested="noc_code")
    assert out["noc_code"] is None and "job title" in msgs[0]
    out, msgs = run_form(elig, "software developer", requested="noc_code")
    assert out["noc_code"] == "21232" and "TEER 1" in msgs[0]


def test_summary_then_confirm():
    out, _ = run_form(SINGLE_DONE, "no", intent="deny", requested="sibling_in_canada")
    assert out["requested_slot"] == "profile_confirmed"
    assert "Age: 29" in out["profile_summary"] and "IELTS" in out["profile_summary"]
    done = {**SINGLE_DONE, "sibling_in_canada": False}
    out, msgs = run_form(done, "no", intent="deny", requested="profile_confirmed")
    assert out["profile_confirmed"] is None and "What should I change" in msgs[0]
    out, _ = run_form(done, "yes", intent="affirm", requested="profile_confirmed")
    assert out["profile_confirmed"] is True and out["requested_slot"] is None


def test_interruption_does_not_touch_slots():
    # no slot set at all: Rasa then rejects the form for this turn and the FAQ rule answers
    out, msgs = run_form({"age": 30}, "what is an ITA?", intent="faq", requested="marital_status",
                         raw_requested=False)
    assert out == {"requested_slot": "marital_status"} and msgs == []
    out, msgs = run_form({"age": 30}, "why do you ask?", intent="ask_why", requested="marital_status",
                         raw_requested=False)
    assert out == {"requested_slot": "marital_status"} and msgs == []


def test_new_test_clears_old_scores():
    slots = {"first_language_test": "ielts", "first_language_listening": 8, "first_language_reading": 7,
             "first_language_writing": 7, "first_language_speaking": 7}
    out, _ = run_form(slots, "actually I took CELPIP", intent="correct", raw_requested=False)
    assert out["first_language_test"] == "celpip" and out["first_language_listening"] is None


def test_build_profile_matches_contract_names():
    p = fields.build_profile({**SINGLE_DONE, "noc_code": "unknown", "spouse_education": "masters"})
    assert p["first_language"] == {"test": "ielts", "listening": 8, "reading": 7, "writing": 7, "speaking": 7}
    assert "second_language" not in p and "noc_code" not in p and "spouse_education" not in p


def test_skip_noc():
    out, msgs = run_form({"wants_eligibility": True}, "skip", requested="noc_code")
    assert out["noc_code"] == "unknown" and "TEER" in msgs[0]


def test_authorization_asked_only_with_a_job_offer_and_partner_extras_only_for_partners():
    base = {"wants_eligibility": True, "marital_status": "single"}
    assert "authorized_to_work_in_canada" not in fields.required_slots({**base, "job_offer": False})
    assert "authorized_to_work_in_canada" in fields.required_slots({**base, "job_offer": True})
    assert "spouse_canadian_work_1_year" not in fields.required_slots(base)
    partner = {"wants_eligibility": True, "marital_status": "common_law", "spouse_canadian": False,
               "spouse_accompanying": True}
    assert "spouse_canadian_work_1_year" in fields.required_slots(partner)


def test_small_talk_in_the_form_gets_a_friendly_reask():
    out, msgs = run_form({}, "hello", intent="greet", requested="age")
    assert out["age"] is None and out["requested_slot"] == "age" and msgs == ["Hi again! Let's go on with your profile."]


def _noc_turn(slots, text, intent="inform"):
    """validate_profile_form on the NOC question; returns (slot events, rendered messages with buttons)."""
    slots = {**SINGLE_DONE, "wants_eligibility": True, "canadian_work_months_last_3_years": 12, **slots,
             "requested_slot": "noc_code"}
    return run_validation(slots, text, intent, {"noc_code": text})


def test_noc_unclear_title_offers_top_3_as_buttons_and_sets_nothing():
    # "data guy": the best match is not high-confidence; "nurse": three occupations score almost the same
    for title, first in (("data guy", "21211"), ("nurse", "31301")):
        out, msgs = _noc_turn({}, title)
        assert out["noc_code"] is None and out["requested_slot"] == "noc_code", title
        assert out["noc_choices_shown"] is True
        buttons = [b for m in msgs for b in m.get("buttons") or []]
        assert len(buttons) == 4, msgs
        assert buttons[0]["payload"] == '/inform{"choice":"%s"}' % first
        assert buttons[0]["title"].startswith(first) and "(TEER " in buttons[0]["title"]
        assert buttons[-1]["title"] == "None of these"
        assert not any("didn't catch" in (m["text"] or "") for m in msgs)
    out, _ = _noc_turn({}, "nurse")
    assert "31302 Nurse practitioners (TEER 1)" in [b["title"] for m in _ for b in m.get("buttons") or []]


def test_noc_choice_button_sets_the_code_and_none_of_these_asks_again():
    out, msgs = _noc_turn({"noc_choices_shown": True}, '/inform{"choice":"31302"}')
    assert out["noc_code"] == "31302" and out["noc_choices_shown"] is None
    assert out["requested_slot"] != "noc_code"
    out, msgs = _noc_turn({"noc_choices_shown": True}, "/deny", intent="deny")
    assert out["noc_code"] is None and out["requested_slot"] == "noc_code" and out["noc_choices_shown"] is None
    assert "another job title" in msgs[0]["text"] and not msgs[0].get("buttons")
    out, msgs = _noc_turn({"noc_choices_shown": True}, "none of these", intent="inform")
    assert out["noc_code"] is None and "another job title" in msgs[0]["text"]


def test_noc_clear_title_is_taken_without_buttons():
    out, msgs = _noc_turn({}, "software developer")
    assert out["noc_code"] == "21232" and not any(m.get("buttons") for m in msgs)
    assert "noc_choices_shown" not in out


LANG_DONE = {k: v for k, v in SINGLE_DONE.items() if k not in ("first_language_taken_on",)}


def test_test_date_is_asked_after_the_scores_and_a_month_becomes_its_first_day():
    slots = {k: v for k, v in LANG_DONE.items() if k in ("age", "marital_status", "education", "education_recognized",
                                                          "canadian_education", "first_language_test")}
    out, _ = run_form(slots, "8 7 7 7", requested="first_language_listening")
    assert out["requested_slot"] == "first_language_taken_on"
    out, msgs = run_form(LANG_DONE, "March 2025", requested="first_language_taken_on")
    assert out["first_language_taken_on"] == "2025-03-01" and out["requested_slot"] == "profile_confirmed"
    assert any("1 March 2025, the first day of that month" in m for m in msgs)
    assert fields.build_profile({**LANG_DONE, **out})["first_language"]["taken_on"] == "2025-03-01"
    assert "taken 1 March 2025" in out["profile_summary"]


def test_test_date_dont_know_skips_and_says_what_it_means():
    out, msgs = run_form(LANG_DONE, "I don't know", intent="dont_know", requested="first_language_taken_on")
    assert out.get("first_language_taken_on") is None and out["first_language_date_unknown"] is True
    assert out["requested_slot"] == "profile_confirmed"
    assert "2 years" in msgs[0] and "no points" in msgs[0]
    assert "taken_on" not in fields.build_profile({**LANG_DONE, **out})["first_language"]


def test_expired_test_date_is_explained_and_the_result_warns():
    from actions.actions import ActionAssess
    from tests.rasa.test_actions import run

    # taken in June 2023: two years later (June 2025) it stopped counting
    out, msgs = run_form(LANG_DONE, "12 June 2023", requested="first_language_taken_on")
    assert out["first_language_taken_on"] == "2023-06-12"
    assert any("expired on 2025-06-12" in m and "no points" in m for m in msgs)
    _, text = run(ActionAssess(), {**LANG_DONE, **out, "profile_confirmed": True})
    assert "Note: This IELTS General Training result was taken on 2023-06-12 and expired on 2025-06-12" in text


def test_second_test_date_only_with_a_second_test():
    assert "second_language_taken_on" not in fields.required_slots(SINGLE_DONE)
    french = {**SINGLE_DONE, "second_language_test": "tef", "second_language_listening": 300,
              "second_language_reading": 250, "second_language_writing": 400, "second_language_speaking": 400}
    req = fields.required_slots(french)
    assert req.index("second_language_taken_on") == req.index("second_language_speaking") + 1
    out, msgs = run_form(french, "I'm not sure", intent="dont_know", requested="second_language_taken_on")
    assert out.get("second_language_taken_on") is None and out["second_language_date_unknown"] is True
    out, _ = run_form(french, "14 March 2025", requested="second_language_taken_on")
    assert fields.build_profile({**french, **out})["second_language"]["taken_on"] == "2025-03-14"


def test_a_new_test_clears_the_old_test_date():
    slots = {**SINGLE_DONE, "first_language_taken_on": "2025-03-01", "profile_confirmed": True}
    out, _ = run_form(slots, "actually I took CELPIP 9 all", intent="correct", raw_requested=False)
    assert out["first_language_test"] == "celpip" and out["first_language_taken_on"] is None
    assert out["requested_slot"] == "first_language_taken_on"


def test_a_result_close_to_its_2_years_is_flagged():
    import datetime as dt

    from actions import replies, results
    from express_entry import assess

    taken = dt.date.today().replace(day=1) - dt.timedelta(days=365 * 2 - 60)  # about 2 months left
    p = fields.build_profile({**SINGLE_DONE, "first_language_taken_on": taken.isoformat()})
    lines = results.expiry_lines(replies.texts(domain()), assess(p))
    assert len(lines) == 1 and "stops counting on" in lines[0]
    recent = fields.build_profile({**SINGLE_DONE, "first_language_taken_on": (dt.date.today() - dt.timedelta(days=30)).isoformat()})
    assert results.expiry_lines(replies.texts(domain()), assess(recent)) == []


def test_no_to_the_optional_test_date_skips_it():
    for text, intent in (("no", "deny"), ("none", "inform")):
        out, msgs = run_form(LANG_DONE, text, intent=intent, requested="first_language_taken_on")
        assert out.get("first_language_taken_on") is None and out["first_language_date_unknown"] is True
        assert "2 years" in msgs[0]


def test_each_question_has_its_validate_method_and_converts_its_value():
    from actions.actions import ValidateProfileForm

    form_slots = domain()["forms"]["profile_form"]["required_slots"]
    assert all(callable(getattr(ValidateProfileForm, f"validate_{s}", None)) for s in form_slots)
    from actions import dialogue

    assert dialogue.convert("age", 31, {}) == 31
    with pytest.raises(dialogue.Unusable):
        dialogue.convert("marital_status", "engaged", {})
    with pytest.raises(dialogue.Invalid):
        dialogue.convert("age", 300, {})


def test_the_form_never_sets_requested_slot_itself():
    # rasa_sdk's next_requested_slot sets it from required_slots(): the first question with no value
    import inspect

    from actions import actions, dialogue

    for module in (actions, dialogue):
        assert '"requested_slot", ' not in inspect.getsource(module).replace("SlotSet(\"requested_slot\", None)", "")


def test_reopened_form_returns_only_what_changed():
    """A correction after the result re-opens the form: Rasa sends every filled slot to be validated again; what
    comes back unchanged is left out (it would add ~30 events to the conversation on every correction), what
    the message changed comes back, and the slots after the turn are those of the full answer."""
    done = {**SINGLE_DONE, "crs_score": 400.0, "profile_confirmed": True}
    prefilled = {s: v for s, v in done.items() if s in domain()["forms"]["profile_form"]["required_slots"]}
    assert len(prefilled) >= 15
    out, msgs = run_validation({**done, "requested_slot": None}, "actually I'm 31", "correct", prefilled,
                               active=False)
    assert out["age"] == 31
    assert not (set(prefilled) - {"age", "profile_confirmed"}) & set(out)  # nothing sent back unchanged
    assert len(out) < 8
    assert any("29" in m["text"] and "31" in m["text"] for m in msgs)  # what changed is said


def test_changed_only_keeps_a_value_whose_type_changed():
    from actions.actions import _changed_only

    events = [{"event": "slot", "name": "age", "value": 34}, {"event": "slot", "name": "education", "value": "phd"},
              {"event": "slot", "name": "canadian_work_years", "value": 2}, {"event": "slot", "name": "x", "value": 1}]
    sent = {"age": 34.0, "education": "phd", "canadian_work_years": 2, "x": 1}
    kept = _changed_only(events, sent, read={"x": 1})
    assert [e["name"] for e in kept] == ["age", "x"]  # 34.0 -> 34 is a change; x was read from the message


BEFORE_TEST = {"age": 29, "marital_status": "single", "education": "bachelors", "education_recognized": True,
               "canadian_education": "none"}


def _number(progress):
    return int(progress.split("Question ", 1)[1].split(" ", 1)[0])


def test_a_language_test_is_one_question_with_one_example():
    """The test's name, four scores and date are asked at once; answered at once, every part is set and the next
    question is the second test's."""
    texts = {k: v[0]["text"] for k, v in domain()["responses"].items()}
    for slot in ("first_language_test", "second_language_test", "spouse_language_test"):
        ask = texts[f"utter_ask_{slot}"]
        assert "four scores and the test date?" in ask and ask.count("For example") == 1, slot
    before, _ = run_form(BEFORE_TEST, "no", intent="deny", requested="canadian_education")
    assert before["requested_slot"] == "first_language_test"
    out, msgs = run_form({**BEFORE_TEST, **before}, "IELTS General L8 R7 W7 S7, 14 March 2025",
                         requested="first_language_test")
    assert (out["first_language_test"], out["first_language_listening"], out["first_language_reading"],
            out["first_language_writing"], out["first_language_speaking"], out["first_language_taken_on"]) == (
        "ielts", 8, 7, 7, 7, "2025-03-14")
    assert out["requested_slot"] == "second_language_test"
    assert _number(out["form_progress"]) == _number(before["form_progress"]) + 1  # the test was one question


def test_a_test_told_in_parts_is_asked_for_what_is_missing_under_the_same_number():
    slots = {**BEFORE_TEST, "requested_slot": "first_language_test"}
    named, _ = run_form(slots, "IELTS", requested="first_language_test")
    assert named["first_language_test"] == "ielts" and named["requested_slot"] == "first_language_listening"
    assert "and the test date?" in {k: v[0]["text"] for k, v in domain()["responses"].items()}[
        "utter_ask_first_language_listening"]
    slots = {**slots, **named}
    scored, _ = run_form(slots, "8 7.5 7 7, 14 March 2025", requested="first_language_listening")
    assert [scored[f"first_language_{a}"] for a in ("listening", "reading", "writing", "speaking")] == [8, 7.5, 7, 7]
    assert scored["first_language_taken_on"] == "2025-03-14" and scored["requested_slot"] == "second_language_test"
    # scores without the date: the date is asked next, still as the same question
    undated, _ = run_form(slots, "8 7.5 7 7", requested="first_language_listening")
    assert undated["requested_slot"] == "first_language_taken_on"
    assert _number(undated["form_progress"]) == _number(named["form_progress"])


def test_levels_with_a_date_are_one_level_in_all_four():
    slots = {**BEFORE_TEST, "first_language_test": "clb"}
    out, _ = run_form(slots, "CLB 7, February 14 2026", requested="first_language_listening")
    assert [out[f"first_language_{a}"] for a in ("listening", "reading", "writing", "speaking")] == [7, 7, 7, 7]
    assert out["first_language_taken_on"] == "2026-02-14"


@pytest.mark.parametrize("text,amount", [("29, single, 4 years of work experience", "4 years"),
                                         ("I have 18 months of full-time work", "18 months")])
def test_a_number_that_could_be_two_fields_is_asked_about_not_guessed(text, amount):
    """Work told without where (Canada or abroad) while another question is open: neither field is set, the bot
    asks which one it is with a button for each, and the button's answer fills the field it names."""
    out, msgs = run_form({}, text, requested="age")
    assert out.get("canadian_work_years") is None and out.get("foreign_work_years") is None
    ask = next(m for m in msgs if "in Canada or outside Canada?" in m)
    assert f"You said {amount} of work experience" in ask
    assert not any("didn't catch" in m for m in msgs)
    _, messages = run_validation({"requested_slot": "age"}, text, "inform", {"age": text})
    buttons = next(m["buttons"] for m in messages if "in Canada or outside Canada?" in (m.get("text") or ""))
    assert [b["title"] for b in buttons] == ["In Canada", "Outside Canada"]
    slots = {**out, "requested_slot": out["requested_slot"]}
    canada, _ = run_form(slots, buttons[0]["payload"], requested=out["requested_slot"])
    abroad, _ = run_form(slots, buttons[1]["payload"], requested=out["requested_slot"])
    years = int(amount.split()[0]) // (12 if "month" in amount else 1)
    assert canada["canadian_work_years"] == years and canada.get("foreign_work_years") is None
    assert abroad["foreign_work_years"] == years and abroad.get("canadian_work_years") is None
    assert canada["requested_slot"] == out["requested_slot"]  # the question that was open is asked again


def test_work_without_a_place_answers_the_work_question_that_was_asked():
    out, msgs = run_form({"age": 29}, "I have 4 years of work experience", requested="canadian_work_years")
    assert out["canadian_work_years"] == 4
    assert not any("in Canada or outside Canada?" in m for m in msgs)
