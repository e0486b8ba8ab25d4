"""Result actions with rasa_sdk's Tracker and CollectingDispatcher."""
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import what_if
from actions.actions import ActionAssess, ActionExplainScore, ActionNoc, ActionWhatIf
from tests.rasa.test_form import SINGLE_DONE
from tests.sim.drivers import domain, render


def tracker(slots, text="", intent="inform"):
    return Tracker("t", dict(slots), {"text": text, "intent": {"name": intent}, "entities": []}, [], False, None,
                   {}, "action_listen")


def run(action, slots, text="", intent="inform"):
    """(slots set, the messages' texts as Rasa shows them: the domain's responses filled in)."""
    d = CollectingDispatcher()
    events = action.run(d, tracker(slots, text, intent), domain())
    return ({e["name"]: e["value"] for e in events if e["event"] == "slot"},
            "\n".join(render(m, slots)["text"] for m in d.messages))


def test_assess_reports_the_engine_total_and_sets_slots():
    from express_entry import assess
    from express_entry.vocabulary import long_date

    profile = {"age": 29, "marital_status": "single", "education": "bachelors", "education_recognized": True,
               "canadian_education": "none",
               "first_language": {"test": "ielts", "listening": 8, "reading": 7, "writing": 7, "speaking": 7},
               "canadian_work_years": 1, "foreign_work_years": 0, "certificate_of_qualification": False,
               "provincial_nomination": False, "sibling_in_canada": False}
    expected = assess(profile)
    slots, text = run(ActionAssess(), {**SINGLE_DONE, "profile_confirmed": True})
    assert slots["crs_score"] == expected["crs"]["total"]
    assert f"Your estimated CRS score is {expected['crs']['total']}" in text
    assert set(slots["eligible_programs"]) == {p for p, v in expected["programs"].items() if v["eligible"] is True}
    assert f"rules in force since {long_date(expected['ruleset_effective'])}" in text  # "25 March 2025", not the id
    assert "which programs am I eligible for" in text and "not legal advice" in text
    for w in expected["warnings"]:
        assert w in text


def test_assess_refuses_an_impossible_profile_naming_the_field():
    slots, text = run(ActionAssess(), {**SINGLE_DONE, "age": 300})
    assert "age" in text and slots.get("profile_confirmed", "x") is None


def test_what_if_clb_9_changes_all_four_and_leaves_profile():
    values = what_if.values("what if I get CLB 9?", {**SINGLE_DONE})
    assert values["first_language_test"] == "clb"
    assert {values[f"first_language_{a}"] for a in ("listening", "reading", "writing", "speaking")} == {9}
    slots, text = run(ActionWhatIf(), {**SINGLE_DONE, "crs_score": 400.0}, "what if I get CLB 9?", "what_if")
    assert slots == {} and "->" in text and "CLB 9 in all four abilities" in text


def test_what_if_needs_an_assessment_first():
    _, text = run(ActionWhatIf(), {}, "what if I get CLB 9?", "what_if")
    assert "check my score" in text


def test_explain_language_points():
    _, text = run(ActionExplainScore(), {**SINGLE_DONE, "crs_score": 400.0}, "explain my language points",
                  "explain_score")
    assert "language" in text and "listening" in text


def test_noc_lookup_from_job_title_and_code():
    _, text = run(ActionNoc(), {}, "what's the noc for a software developer", "ask_noc")
    assert "21232" in text
    _, text = run(ActionNoc(), {}, "what is noc 21232?", "ask_noc")
    assert "TEER 1" in text


def test_reassessment_says_the_previous_score():
    slots, text = run(ActionAssess(), {**SINGLE_DONE, "crs_score": 400.0})
    import re

    m = re.search(r"Your estimated CRS score is (\d+) \(was 400, ([+-]?\d+|no change);", text)
    assert m and "cut-off lately" in text
    diff = int(m.group(1)) - 400
    assert m.group(2) == (f"{diff:+d}" if diff else "no change")


def _long(iso):
    import datetime as dt

    d = dt.date.fromisoformat(iso)
    return f"{d.strftime('%B')} {d.day}, {d.year}"


def test_results_state_the_dates_of_the_draws_data():
    from express_entry import draws

    data = draws.summary_for_score(0)["data"]
    _, text = run(ActionAssess(), {**SINGLE_DONE, "profile_confirmed": True})
    assert f"rounds up to {_long(data['latest_round_date'])}" in text
    assert f"pool counts as on {_long(data['distribution_as_on'])}" in text
    assert "candidates" in text and "had a higher score than" in text  # the pool position, as on that date
    # the generic one-line note is gone: categories are grouped by whether the person fits them
    assert "A category round also needs eligibility" not in text


def test_category_rounds_say_which_categories_may_fit():
    from actions.actions import ActionDraws

    # IELTS only, no second test, no occupation given: French does not apply, occupation categories are open
    _, text = run(ActionAssess(), {**SINGLE_DONE, "profile_confirmed": True})
    assert "You don't meet the requirements of: French-language proficiency" in text
    assert "You may fit these, I can't tell yet without your occupation (NOC code)" in text
    assert "Healthcare and social services occupations, cut-off" in text
    # NCLC 7 in all four abilities as second language: the French-language category (NCLC 7+) fits
    french = {**SINGLE_DONE, "second_language_test": "nclc", **{f"second_language_{a}": 7 for a in
                                                                 ("listening", "reading", "writing", "speaking")}}
    _, text = run(ActionAssess(), {**french, "profile_confirmed": True})
    assert "- French-language proficiency: you meet its requirements; latest cut-off" in text
    # a registered nurse (NOC 31301, on the 2026 healthcare list) with no French: does not fit the trades
    nurse = {**SINGLE_DONE, "noc_code": "31301", "canadian_work_months_last_3_years": 6, "crs_score": 450.0}
    _, text = run(ActionDraws(), nurse, "what is the cut-off lately?", "ask_cutoff")
    assert "Trade occupations" in text.split("You don't meet the requirements of:")[1]
    assert "Healthcare and social services occupations" not in text.split("You don't meet")[1]


def test_cutoffs_without_a_profile_list_each_round_with_the_data_date():
    from actions.actions import ActionDraws

    _, text = run(ActionDraws(), {}, "what is the cut-off lately?", "ask_cutoff")
    assert "Recent draws (rounds up to " in text and "- Canadian Experience Class: latest cut-off" in text
    assert "check my score" in text and "your score is" not in text


def test_noc_lookup_says_when_no_match_is_close():
    _, text = run(ActionNoc(), {}, "what's the noc for a data guy", "ask_noc")
    assert "No close match for \"data guy\"" in text and "21211 Data scientists (TEER 1)" in text
    _, text = run(ActionNoc(), {}, "what's the noc for a software developer", "ask_noc")
    assert "Best matches" in text and "No close match" not in text


def test_result_lines_are_worded_by_the_domain():
    """Every line of a result is one of domain.yml's responses: another wording there is what the person reads."""
    import copy

    changed = copy.deepcopy(domain())
    for name, variants in changed["responses"].items():
        if name.startswith(("utter_result_", "utter_draws_", "utter_what_if_", "utter_noc_")):
            variants[0]["text"] = "[" + name + "] " + variants[0]["text"]
    d = CollectingDispatcher()
    ActionAssess().run(d, tracker({**SINGLE_DONE, "profile_confirmed": True}), changed)
    said = [m for m in d.messages if m.get("text") or m.get("response")]
    texts = [m["text"] for m in said if m.get("text")]
    assert len(said) >= 6 and len(texts) >= 4
    assert texts[0].startswith("[utter_result_score] Your estimated CRS score is")
    assert any(t.startswith("[utter_draws_head") for t in texts)
    assert any("[utter_result_advice_item]" in t and "[utter_result_part]" not in t for t in texts)
    # each message is a domain response: sent by name, or filled from the (changed) domain's text
    assert all(m.get("response") or m["text"].startswith("[utter_") for m in said), said


def test_every_response_results_names_is_in_the_domain():
    import pathlib
    import re

    source = (pathlib.Path(__file__).resolve().parents[2] / "actions" / "results.py").read_text()
    names = set(re.findall(r'"(utter_[a-z_]+)"', source))
    prefixes = set(re.findall(r'f"(utter_[a-z_]+)\{', source))
    responses = domain()["responses"]
    assert len(names) > 30
    assert names <= set(responses), names - set(responses)
    for prefix in prefixes:
        assert any(r.startswith(prefix) for r in responses), prefix
