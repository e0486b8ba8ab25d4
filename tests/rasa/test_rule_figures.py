"""Every rule figure in a domain response is a placeholder filled from the ruleset in force on the day the
answer is sent (connectors.nlg for the responses Rasa sends, actions.replies.fill for the ones an action
composes), never typed into domain.yml; and the figures are read on each answer, not once at import."""
import asyncio
import datetime as dt
import re
from string import Formatter

import pytest
import yaml

from express_entry.facts import faq_facts
from express_entry.rules import _registry
from tests.e2e.servers import ROOT

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())

# Numbers a response may type although a ruleset has the same value, each with why it is not a rule figure.
# (Examples in quotes or after "for example", placeholders and links are left out before the check.)
NOT_RULE_FIGURES = {
    ("utter_ask_canadian_work_years", "10"): "the profile field's definition (PROFILE.md: in the last 10 years)",
    ("utter_ask_foreign_work_years", "10"): "the profile field's definition (PROFILE.md)",
    ("utter_form_help_canadian_work_years", "10"): "the profile field's definition (PROFILE.md)",
    ("utter_form_skipped_foreign_work_years", "10"): "the profile field's definition (PROFILE.md)",
    ("utter_ask_canadian_work_months_last_3_years", "3"): "the profile field's definition (its name)",
    ("utter_ask_canadian_work_months_last_3_years", "36"): "the field's range: 3 years of months (PROFILE.md)",
    ("utter_form_help_canadian_work_months_last_3_years", "3"): "the profile field's definition (its name)",
    ("utter_form_help_canadian_work_months_last_3_years", "36"): "the field's range (PROFILE.md)",
    ("utter_form_accepted_months", "36"): "the field's range (PROFILE.md)",
    ("utter_form_summary_canadian_work_months_last_3_years", "3"): "the profile field's definition (its name)",
    ("utter_ask_trade_work_years_last_5", "5"): "the profile field's definition (its name)",
    ("utter_form_summary_trade_work_years_last_5", "5"): "the profile field's definition (its name)",
    ("utter_ask_canadian_study_2_years", "2"): "the profile field's definition (its name)",
    ("utter_ask_spouse_canadian_study_2_years", "2"): "the profile field's definition (its name)",
    ("utter_form_skipped_spouse_canadian_study_2_years", "2"): "the profile field's definition (its name)",
    ("utter_form_summary_canadian_study_2_years", "2"): "the profile field's definition (its name)",
    ("utter_form_summary_spouse_canadian_study_2_years", "2"): "the profile field's definition (its name)",
    ("utter_ask_spouse_canadian_work_1_year", "1"): "the profile field's definition (its name)",
    ("utter_form_summary_spouse_canadian_work_1_year", "1"): "the profile field's definition (its name)",
    ("utter_form_summary_canadian_education_one_or_two_year", "1"): "the education level's name (one_or_two_year)",
    ("utter_form_summary_canadian_education_one_or_two_year", "2"): "the education level's name",
    ("utter_form_summary_canadian_education_three_year_or_more", "3"): "the education level's name",
    ("utter_draws_category_missing_work_months", "3"): "the profile field's definition (category_work_months)",
    ("utter_draws_category_missing_canadian_work_months", "3"): "the profile field's definition",
    ("utter_ask_relative_in_canada", "18"): "FSW adaptability's relative of 18+: the profile question's wording",
    ("utter_form_help_marital_status", "12"): "the common-law definition (12 months together), not a ruleset value",
    ("utter_cec_step", "1"): "the numbering of the five steps",
    ("utter_cec_step", "2"): "the numbering of the five steps",
    ("utter_cec_step", "3"): "the numbering of the five steps",
    ("utter_cec_step", "4"): "the numbering of the five steps",
    ("utter_cec_step", "5"): "the numbering of the five steps",
    ("utter_ask_cec_job_code", "5"): "the 5-digit NOC code and TEER 0 to 5: the classification's shape",
    ("utter_cec_reask_cec_job_code", "5"): "the 5-digit NOC code and TEER 0 to 5: the classification's shape",
    ("utter_cec_reask_cec_language_level", "12"): "the CLB scale (0 to 12)",
}
# The classification's shape (5-digit codes, NOC 2021), not rule figures; 0 is "none", not a figure.
EVERYWHERE = {"0", "2021"}
_SHAPE = re.compile(r"\b5-digit\b|\bNOC 2021\b|\bTEER \d\b(?! ?[-–])")

NUMBER = re.compile(r"(?<![\w.,$])\$?\d{1,3}(?:,\d{3})+(?![\d])|(?<![\w.,$])\$?\d+(?:\.\d+)?(?![\d])")


def _rule_numbers():
    """Every number of every ruleset (table values and the figures the answers quote), as typed in text."""
    out = set()
    for d in _registry().order:
        for value in faq_facts(d["effective"]).values():
            out.update(m.group(0).lstrip("$").replace(",", "") for m in NUMBER.finditer(value))
        rs = _registry().resolve(d, dt.date.today())  # every table version up to today
        for name in rs.names():
            if rs.has(name):
                _numbers_in(rs.table(name), out)
    return out - EVERYWHERE


def _numbers_in(value, out):
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        out.add(str(int(value)) if float(value).is_integer() else str(value))
    elif isinstance(value, dict):
        for v in value.values():
            _numbers_in(v, out)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _numbers_in(v, out)


def _rule_dates():
    """Every effective date of the rulesets and their tables, as the answers would write it."""
    out = set()
    for d in _registry().order:
        rs = _registry().resolve(d, dt.date.today())
        for name in rs.names():
            when = rs.has(name) and rs.info(name).get("effective")
            if when:
                day = dt.date.fromisoformat(str(when))
                out |= {day.isoformat(), f"{day.day} {day:%B %Y}", f"{day:%B} {day.day}, {day.year}"}
    return out


def _without_examples(text):
    """The text with its placeholders, links, quoted examples and "for example N" taken out (in English and in
    French: « ... », "par exemple N")."""
    text = re.sub(r"\{[a-z0-9_]+\}", " ", text)
    text = re.sub(r"\]\([^)]*\)|https?://\S+", " ", text)
    text = re.sub(r"\"[^\"]*\"|“[^”]*”|«[^»]*»", " ", text)
    text = re.sub(r"\b(?:for example|par exemple),? [$\w.,]+", " ", text)
    return _SHAPE.sub(" ", text)


def _response_texts(domain):
    for name, variants in (domain.get("responses") or {}).items():
        for variant in variants:
            if variant.get("text"):
                yield name, variant["text"]


def typed_rule_figures(domain):
    """(response, figure) for each rule figure a response types instead of naming it."""
    numbers, dates = _rule_numbers(), _rule_dates()
    found = []
    for name, text in _response_texts(domain):
        found += [(name, day) for day in dates if day in text]
        for m in NUMBER.finditer(_without_examples(text)):
            figure = m.group(0).lstrip("$").replace(",", "").rstrip(".")
            if figure in numbers and (name, figure) not in NOT_RULE_FIGURES:
                found.append((name, m.group(0)))
    return found


def test_no_response_types_a_rule_figure():
    assert typed_rule_figures(DOMAIN) == []


@pytest.mark.parametrize("text, figure", [
    ("Age gives up to 110 CRS points.", "110"), ("A provincial nomination adds 600 points.", "600"),
    ("A brother or sister in Canada adds 15 points.", "15"), ("You need $15,263 in funds.", "$15,263"),
    ("A job offer no longer gives CRS points (since 25 March 2025).", "25 March 2025"),
    ("Results count for 2 years.", "2"),
])
def test_the_check_finds_a_typed_figure(text, figure):
    domain = {"responses": {"utter_x": [{"text": text}]}}
    assert figure in [f for _, f in typed_rule_figures(domain)]


@pytest.mark.parametrize("text", [
    'Age gives up to {age_max_points} points. For example "CLB 9 in everything", or for example 29.',
    "L'âge donne jusqu'à {age_max_points} points. Par exemple « CLB 9 partout », ou par exemple 29.",
])
def test_the_check_leaves_examples_and_placeholders(text):
    assert typed_rule_figures({"responses": {"utter_x": [{"text": text}]}}) == []


def test_the_check_finds_a_typed_figure_in_french():
    text = "Une nomination provinciale ajoute 600 points (« par exemple »)."
    assert "600" in [f for _, f in typed_rule_figures({"responses": {"utter_x": [{"text": text}]}})]


def test_every_placeholder_is_a_slot_a_figure_or_a_value_an_action_passes():
    """A response's placeholders: the domain's slots, the rule figures, or values its action passes (the
    action tests check those); a figure name misspelt would be sent as it is."""
    figures = set(faq_facts(dt.date.today()))
    named = {f for _, text in _response_texts(DOMAIN) for _, f, _, _ in Formatter().parse(text) if f}
    assert {"age_max_points", "pnp_points", "job_offer_crs", "language_validity_years"} <= named & figures


# --- the figures of the day the answer is sent ---------------------------------------------------------------

def _why(nlg, requested_slot):
    from rasa.shared.core.events import SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker.from_events("t", [SlotSet("requested_slot", requested_slot)],
                                               slots=_slots())
    return asyncio.run(nlg.generate("utter_why", tracker, "rest"))["text"]


def _slots():
    from rasa.shared.core.domain import Domain

    return Domain.from_dict(DOMAIN).slots


@pytest.fixture
def nlg():
    from rasa.shared.core.domain import Domain

    from connectors.nlg import RuleFiguresNLG

    return RuleFiguresNLG(domain=Domain.from_dict(DOMAIN))


def test_why_answers_state_the_figures_of_the_ruleset_in_force(nlg):
    text = _why(nlg, "provincial_nomination")
    assert faq_facts(dt.date.today())["pnp_points"] in text and "{" not in text
    assert "110" in _why(nlg, "age") or faq_facts(dt.date.today())["age_max_points"] in _why(nlg, "age")


def test_a_new_ruleset_in_force_changes_the_next_answer(nlg, monkeypatch):
    """A running server: the day moves past a ruleset's effective date, and then a ruleset's effective date is
    moved at run time; the next answer states the figures of the ruleset in force then."""
    from connectors import nlg as module
    from express_entry import rules

    monkeypatch.setattr(module, "today", lambda: dt.date(2020, 1, 1))  # before 2025-03-25: job offers scored
    before = _why(nlg, "job_offer")
    assert "50 CRS points" in before and "200" in before, before
    monkeypatch.setattr(module, "today", lambda: dt.date(2025, 6, 1))
    after = _why(nlg, "job_offer")
    assert "no longer adds CRS points" in after and "March 25, 2025" in after, after

    reg = rules._registry()
    latest = reg.order[-1]
    monkeypatch.setitem(latest, "effective", dt.date(2025, 7, 1))  # the 2025 change now takes effect in July
    rules.ruleset_for.cache_clear()
    try:
        moved = _why(nlg, "job_offer")
        assert "50 CRS points" in moved, moved
    finally:
        monkeypatch.undo()
        rules.ruleset_for.cache_clear()
    assert _why(nlg, "job_offer") == after


def test_every_allowed_number_is_still_typed_where_it_is_allowed():
    """The allow-list stays as small as the domain needs."""
    texts = {}
    for name, text in _response_texts(DOMAIN):
        texts.setdefault(name, []).append(_without_examples(text))
    stale = [(name, n) for name, n in NOT_RULE_FIGURES
             if not any(re.search(rf"(?<![\d.]){n}(?!\d)", t) for t in texts.get(name, []))]
    assert stale == []


@pytest.fixture
def ruleset_of_2025_from_2027(monkeypatch):
    """The 2025-03-25 ruleset made to take effect on 1 January 2027, at run time: today the 2020 one is in force."""
    from express_entry import rules

    latest = next(d for d in rules._registry().order if d["id"] == "2025-03-25")
    monkeypatch.setitem(latest, "effective", dt.date(2027, 1, 1))
    rules.ruleset_for.cache_clear()
    yield
    monkeypatch.undo()
    rules.ruleset_for.cache_clear()


def test_the_form_states_the_rules_in_force_when_it_answers(ruleset_of_2025_from_2027):
    """actions.fields reads the ruleset on each answer (it kept the one of the day it was imported)."""
    from actions import fields

    response, values = fields.skip_response("job_offer")
    assert response == "utter_form_skipped_job_offer" and values["job_offer_points"] == 200


def test_the_chart_checks_a_request_against_the_rules_of_the_day(monkeypatch):
    from connectors import chart

    assert chart.parse_query({"a": "500"})["a"] == 500
    monkeypatch.setattr(chart, "part_maxima", lambda on=None: {"core": 400, "spouse": 40, "transferability": 100,
                                                                "additional": 600, "total": 1100,
                                                                "provincial_nomination": 600})
    with pytest.raises(chart.ChartRequestError):
        chart.parse_query({"a": "500"})


def test_a_composed_message_states_the_figures_of_the_day(ruleset_of_2025_from_2027):
    from actions.replies import fill

    texts = {"utter_x": "Up to {job_offer_crs}. Noted: {value}."}
    assert "adds 50 CRS points" in fill(texts, "utter_x", value=3) and "Noted: 3." in fill(texts, "utter_x", value=3)
