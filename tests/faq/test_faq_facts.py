"""The figures in the FAQ answers come from the rules data: express_entry.facts fills every placeholder of
every answer template from the ruleset in force, a different date or a changed ruleset table changes the
answer, a value no source gives is said to be missing, and action_answer_faq utters the chosen answer
with those figures (run with rasa_sdk's Tracker and CollectingDispatcher, no server)."""
import datetime as dt
import re
import shutil

import pytest

from express_entry import facts as facts_mod
from express_entry import rules
from express_entry.facts import NOT_IN_DATA, faq_facts
from express_entry.rules import all_rulesets, ruleset_for

from .test_faq_content import CHECKED_ON, load_templates

PLACEHOLDER = re.compile(r"\{([^{}\n]+)\}")
TODAY = dt.date.today()
DATES = sorted({dt.date.fromisoformat(r["effective"]) for r in all_rulesets()} | {CHECKED_ON, TODAY,
                                                                                  dt.date(2026, 11, 3)})


@pytest.fixture(scope="module")
def templates():
    return load_templates()


def render(text, values):
    """The answer as Rasa renders it (the same interpolation as for slots in responses)."""
    from rasa.core.nlg.interpolator import interpolate_text

    out = interpolate_text(text, values)
    assert not PLACEHOLDER.search(out), out
    return out


def placeholders(text):
    return set(PLACEHOLDER.findall(text))


# --- every placeholder is filled ------------------------------------------------------------------

@pytest.mark.parametrize("on", DATES, ids=str)
def test_every_placeholder_of_every_answer_is_a_fact_for_each_rulesets_date(templates, on):
    values = faq_facts(on)
    assert all(isinstance(v, str) and v for v in values.values())
    missing = {k: sorted(placeholders(t) - set(values)) for k, t in templates.items() if placeholders(t) - set(values)}
    assert not missing, missing
    for key, text in templates.items():
        assert text.format(**values) == render(text, values), key


@pytest.mark.parametrize("on", [CHECKED_ON, TODAY], ids=str)
def test_today_no_answer_lacks_a_figure(templates, on):
    values = faq_facts(on)
    lacking = {k for k, t in templates.items() if NOT_IN_DATA in t.format(**values)}
    assert not lacking, lacking


def test_a_figure_the_data_lacks_is_said_to_be_missing_never_guessed(templates):
    # Before the first proof-of-funds table (2021-07-15) the rules data has no amounts.
    values = faq_facts(dt.date(2020, 11, 1))
    text = templates["proof_of_funds_amounts"].format(**values)
    assert "no proof-of-funds table in force on that date" in text and "$" not in text
    assert values["funds_1"] == NOT_IN_DATA


def test_answer_templates_hold_no_typed_rule_numbers(templates):
    # Every figure is a placeholder. Left in the text: TEER category names (the keys of the CEC table),
    # and nothing else with a digit.
    allowed = re.compile(r"TEER [0-5](?:(?:, | or )[0-5])*\b")
    for key, text in templates.items():
        body = text.rsplit("Official page:", 1)[0]
        body = PLACEHOLDER.sub("", body)
        body = allowed.sub("", body)
        assert not re.search(r"\d", body), (key, re.findall(r".{20}\d.{20}", body))


def _domain_texts():
    """The domain's responses name rule figures too (connectors/nlg.py fills them)."""
    import yaml

    from tests.e2e.servers import ROOT

    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    return [v.get("text") or "" for variants in domain["responses"].values() for v in variants]


def test_every_fact_is_used_by_some_answer_or_feeds_one(templates):
    used = set().union(*(placeholders(t) for t in list(templates.values()) + _domain_texts()))
    # Facts that only build other facts or describe the data (kept for callers).
    helpers = {"ruleset_id", "crs_change_date", "transferability_clb", "crs_core_plus_spouse_max",
               "funds_2", "funds_3", "funds_5", "funds_6", "funds_7", "funds_each_additional",
               "fst_hours", "language_validity_years", "fsw_window_years"}
    unused = set(faq_facts(CHECKED_ON)) - used - helpers
    assert not unused, unused


# --- the figures are the ruleset's ---------------------------------------------------------------

def _money(v):
    return f"${v:,}"


@pytest.mark.parametrize("on", DATES, ids=str)
def test_figures_equal_the_ruleset_tables(on):
    rs = ruleset_for(on)
    f = faq_facts(on)
    caps, add = rs.table("crs_caps"), rs.table("crs_additional")
    assert f["crs_max"] == f"{caps['total']:,}"
    assert f["crs_additional_max"] == str(caps["additional"])
    assert f["crs_human_capital_max"] == str(caps["core_plus_spouse"] + caps["transferability"])
    assert f["crs_spouse_max"] == str(caps["spouse"])
    assert f["pnp_points"] == str(add["provincial_nomination"])
    assert f["sibling_points"] == str(add["sibling"])
    assert (f["french_bilingual_points"], f["french_only_points"]) == (str(add["french"]["bilingual"]),
                                                                        str(add["french"]["french_only"]))
    prog = rs.table("programs")
    assert f["cec_clb_teer_0_1"] == str(prog["cec"]["language_by_teer"][0]["speaking"])
    assert f["cec_clb_teer_2_3"] == str(prog["cec"]["language_by_teer"][3]["reading"])
    assert f["fsw_clb"] == str(prog["fsw"]["language_first_official"]["writing"])
    assert f["fst_clb_speaking_listening"] == str(prog["fst"]["language"]["speaking"])
    assert f["fst_clb_reading_writing"] == str(prog["fst"]["language"]["reading"])
    assert f["fsw_pass_mark"] == str(rs.table("fsw_grid")["pass_mark"])
    assert f["fsw_relative_points"] == str(rs.table("fsw_grid")["adaptability"]["items"]["relative_in_canada"]["points"])
    if rs.has("funds"):
        funds = rs.table("funds")
        for n in range(1, 8):
            assert f[f"funds_{n}"] == _money(funds["by_family_size"][n])
        assert f["funds_each_additional"] == _money(funds["each_additional"])
    if rs.has("procedures"):
        p = rs.table("procedures")
        assert f["cec_hours"] == f"{p['cec_hours']:,}"
        assert f["ita_days"] == (NOT_IN_DATA if p["ita_days"] is None else str(p["ita_days"]))
        assert f["service_standard_months"] == str(p["service_standard_months"])


def test_another_date_gives_the_figures_of_its_own_ruleset(templates):
    now, before = faq_facts(dt.date(2025, 8, 1)), faq_facts(dt.date(2025, 7, 6))
    # The yearly proof-of-funds table: the version in force on each date.
    assert now["funds_1"] == "$15,263" and before["funds_1"] == "$14,690"
    assert "$15,263" in templates["proof_of_funds_amounts"].format(**now)
    assert "$14,690" in templates["proof_of_funds_amounts"].format(**before)
    assert "July 7, 2025" in templates["proof_of_funds_amounts"].format(**now)
    # Job-offer points: removed on 2025-03-25, 50/200 before.
    old = templates["job_offer_points"].format(**faq_facts(dt.date(2024, 1, 10)))
    new = templates["job_offer_points"].format(**faq_facts(dt.date(2025, 3, 25)))
    assert "adds 50 CRS points, or 200" in old and "no longer adds CRS points" not in old
    assert new.startswith("Since March 25, 2025, a job offer no longer adds CRS points")
    # PTE Core accepted from 2024-01-30 only.
    assert "PTE Core" not in faq_facts(dt.date(2023, 6, 1))["language_tests_english"]
    assert "PTE Core" in faq_facts(CHECKED_ON)["language_tests_english"]
    assert faq_facts(dt.date(2023, 6, 1))["language_tests_count"] == "four"
    # The invitation window: 90 days until 2018-06-25, unknown during the pandemic period, 60 since 2021-06-29.
    assert [faq_facts(dt.date(*d))["ita_days"] for d in ((2018, 1, 5), (2019, 5, 1), (2021, 6, 29))] == [
        "90", NOT_IN_DATA, "60"]


@pytest.fixture
def ruleset_copy(tmp_path, monkeypatch):
    """A temporary copy of the rulesets that express_entry.rules reads instead of the real ones."""
    root = tmp_path / "rulesets"
    shutil.copytree(rules.RULESETS_DIR, root)

    def use():
        monkeypatch.setattr(rules, "_REGISTRY", rules.Registry(str(root)))
        rules.ruleset_for.cache_clear()

    yield root, use
    rules.ruleset_for.cache_clear()


def test_a_changed_ruleset_value_changes_the_answer(templates, ruleset_copy, monkeypatch):
    root, use = ruleset_copy
    before = templates["sibling_points"].format(**faq_facts(CHECKED_ON))
    assert before.startswith("Only a brother or sister counts: you get 15 additional CRS points")
    path = root / "2025-03-25" / "crs_additional.yaml"
    path.write_text(path.read_text().replace("sibling: 15", "sibling: 21").replace("provincial_nomination: 600",
                                                                                   "provincial_nomination: 650"))
    funds = root / "2017-06-06" / "funds.yaml"
    funds.write_text(funds.read_text().replace("1: 15263", "1: 15999"))
    proc = root / "2017-06-06" / "procedures.yaml"
    proc.write_text(proc.read_text().replace("service_standard_months: 6", "service_standard_months: 7"))
    use()
    f = faq_facts(CHECKED_ON)
    assert templates["sibling_points"].format(**f).startswith("Only a brother or sister counts: you get 21 additional CRS points")
    assert "adds 650 CRS points" in templates["pnp_base_vs_enhanced"].format(**f)
    assert "such as 650 for a provincial nomination" in templates["crs_maximum_score"].format(**f)
    assert "it is $15,999;" in templates["proof_of_funds_amounts"].format(**f)
    assert "permanent residence is 7 months" in templates["processing_time"].format(**f)


def test_a_new_ruleset_folder_updates_the_answers_and_the_2026_note(templates, ruleset_copy):
    root, use = ruleset_copy
    note_before = templates["crs_changes_2026"].format(**faq_facts(CHECKED_ON))
    assert "November 3, 2026" in note_before and "point values are not in the sources" in note_before
    # The day the high-wage factor's values are known: a ruleset folder dated 2026-11-03, index entry removed.
    (root / "index.yaml").write_text("not_modelled: []\n")
    new = root / "2026-11-03"
    new.mkdir()
    (new / "ruleset.yaml").write_text('id: "2026-11-03"\neffective: 2026-11-03\ninherits: "2025-03-25"\n'
                                      "description: test ruleset\n")
    caps = (root / "2017-06-06" / "crs_caps.yaml").read_text().replace("total: 1200", "total: 1300")
    (new / "crs_caps.yaml").write_text(caps)
    use()
    f = faq_facts(CHECKED_ON)
    assert f["ruleset_id"] == "2026-11-03"
    assert "The highest possible CRS score is 1,300." in templates["crs_maximum_score"].format(**f)
    note = templates["crs_changes_2026"].format(**f)
    assert "point values are not in the sources" not in note and "in force since November 3, 2026" in note
    # An older date still answers with its own ruleset.
    assert faq_facts(dt.date(2026, 11, 2))["crs_max"] == "1,200"


def test_the_2026_change_note_before_and_after_its_date():
    before = faq_facts(dt.date(2026, 10, 1))["crs_change_note"]
    after = faq_facts(dt.date(2026, 11, 3))["crs_change_note"]
    assert before.startswith("IRCC announced a revised CRS to take effect on November 3, 2026")
    assert after.startswith("IRCC reported a revised CRS in force from November 3, 2026")
    for text in (before, after):
        assert "point values are not in the sources" in text
        assert not re.search(r"\b\d+ (?:CRS )?points\b", text)


def test_facts_module_has_no_rasa_import():
    src = open(facts_mod.__file__, encoding="utf-8").read()
    assert not re.search(r"^\s*(?:from|import)\s+rasa", src, re.M)


# --- the action ---------------------------------------------------------------------------------

def _tracker(key, text="a question"):
    from rasa_sdk import Tracker

    parse = {"text": text, "intent": {"name": "faq", "confidence": 0.9}, "entities": []}
    if key is not None:
        parse["response_selector"] = {"faq": {"response": {"intent_response_key": f"faq/{key}",
                                                           "responses": [{"text": "..."}], "confidence": 0.9},
                                              "ranking": []}}
    return Tracker("test-user", {}, parse, [], False, None, {"name": None}, "action_listen")


def _run(key, on=None, monkeypatch=None):
    from rasa_sdk.executor import CollectingDispatcher

    from actions import faq as faq_action

    if on is not None:
        monkeypatch.setattr(faq_action, "today", lambda: on)
    dispatcher = CollectingDispatcher()
    events = faq_action.ActionAnswerFaq().run(dispatcher, _tracker(key), {})
    return dispatcher.messages, events


def test_action_utters_the_selected_answer_with_its_figures(templates, monkeypatch):
    messages, events = _run("sibling_points", CHECKED_ON, monkeypatch)
    assert events == [] and len(messages) == 1
    msg = messages[0]
    assert msg["response"] == "utter_faq/sibling_points"
    assert msg["sibling_points"] == "15"
    text = render(templates["sibling_points"], msg)
    assert "you get 15 additional CRS points" in text and text.endswith("[IRCC: CRS criteria](https://www.canada.ca/en/immigration-refugees-citizenship/services/"
                                                                   "immigrate-canada/express-entry/check-score/crs-criteria.html)")


@pytest.mark.parametrize("key", ["crs_maximum_score", "proof_of_funds_amounts", "processing_time",
                                 "cec_language_minimum", "fstp_language_minimum", "french_second_language"])
def test_action_fills_every_placeholder_of_the_issue_questions(templates, monkeypatch, key):
    messages, _ = _run(key, CHECKED_ON, monkeypatch)
    text = render(templates[key], messages[0])
    assert NOT_IN_DATA not in text
    assert text.startswith(templates[key].split("{", 1)[0])


def test_action_answers_with_the_ruleset_of_the_day(templates, monkeypatch):
    old, _ = _run("proof_of_funds_amounts", dt.date(2025, 1, 15), monkeypatch)
    new, _ = _run("proof_of_funds_amounts", dt.date(2025, 12, 1), monkeypatch)
    assert "$14,690" in render(templates["proof_of_funds_amounts"], old[0])
    assert "$15,263" in render(templates["proof_of_funds_amounts"], new[0])


def test_action_without_a_selected_key_says_it_did_not_understand(monkeypatch):
    messages, events = _run(None, CHECKED_ON, monkeypatch)
    assert messages[0]["response"] == "utter_default" and events == []


def test_action_is_registered_by_the_action_server_package():
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    assert "action_answer_faq" in executor.actions
