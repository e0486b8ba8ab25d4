"""The FAQ content: data/nlu/responses/faq.yml (answer templates), domain.yml (the retrieval intent), data/nlu/faq.yml
(training questions), tests/nlu_holdout/faq.yml (held-out questions), data/rules/faq.yml and docs/faq_sources.yml.
The answers are checked as the user reads them: rendered with express_entry.facts.faq_facts() for the day they
were checked (the placeholders themselves are checked in test_faq_facts.py).

Plain YAML checks, no Rasa import: structure, coverage, the official URL each answer
ends with, and the numbers the answers state, which are compared with the official
values typed in below (from the canada.ca pages) AND with the engine's ruleset tables.
"""
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "domain.yml"
ANSWERS = ROOT / "data" / "nlu" / "responses" / "faq.yml"
NLU = ROOT / "data" / "nlu" / "faq.yml"
HOLDOUT = ROOT / "tests" / "nlu_holdout" / "faq.yml"
FR_NLU = ROOT / "data" / "nlu" / "fr" / "faq.yml"  # issue 20: the French questions, same keys
FR_HOLDOUT = ROOT / "tests" / "nlu_holdout" / "fr_faq.yml"
RULES = ROOT / "data" / "rules" / "faq.yml"
SOURCES = ROOT / "docs" / "faq_sources.yml"

URL_PREFIX = "https://www.canada.ca/"
KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# The day the answers were checked; the ruleset in force that day is the one they describe.
CHECKED_ON = dt.date(2026, 12, 5)


def _load(path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _examples(doc, path):
    out = {}
    for block in doc["nlu"]:
        intent = block["intent"]
        assert intent.startswith("faq/"), f"{path}: {intent} is not a faq/<key> retrieval intent"
        key = intent.split("/", 1)[1]
        assert key not in out, f"{path}: faq/{key} appears twice"
        lines = [ln.strip() for ln in block["examples"].splitlines() if ln.strip()]
        assert all(ln.startswith("- ") for ln in lines), f"{path}: faq/{key} has a line without '- '"
        out[key] = [ln[2:].strip() for ln in lines]
    return out


def _norm(text):
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


FRENCH_CONDITION = [{"type": "slot", "name": "language", "value": "fr"}]


def load_templates(language="en"):
    """{key: answer template} in ``language`` from data/nlu/responses/faq.yml: each answer is one English variation
    (no condition) followed by its French variation (the language slot's condition, issue 20)."""
    doc = _load(ANSWERS)
    out = {}
    for name, variants in doc["responses"].items():
        assert name.startswith("utter_faq/"), name
        key = name.split("/", 1)[1]
        assert KEY_RE.match(key), f"bad FAQ key {key!r}"
        assert isinstance(variants, list) and len(variants) == 2, name
        english, french = variants
        assert set(english) == {"text"}, name
        assert set(french) == {"condition", "text"} and french["condition"] == FRENCH_CONDITION, name
        out[key] = (english if language == "en" else french)["text"]
    return out


@pytest.fixture(scope="module")
def templates():
    assert "faq" in _load(DOMAIN)["intents"], "domain.yml declares the retrieval intent `faq`"
    return load_templates()


@pytest.fixture(scope="module")
def answers(templates):
    """The answers as the user reads them on CHECKED_ON (placeholders filled from the ruleset in force)."""
    from express_entry.facts import faq_facts

    facts = faq_facts(CHECKED_ON)
    return {key: text.format(**facts) for key, text in templates.items()}


@pytest.fixture(scope="module")
def training():
    return _examples(_load(NLU), NLU)


@pytest.fixture(scope="module")
def holdout():
    return _examples(_load(HOLDOUT), HOLDOUT)


@pytest.fixture(scope="module")
def fr_training():
    return _examples(_load(FR_NLU), FR_NLU)


@pytest.fixture(scope="module")
def fr_holdout():
    return _examples(_load(FR_HOLDOUT), FR_HOLDOUT)


@pytest.fixture(scope="module")
def sources():
    return _load(SOURCES)["faq"]


LINK_AT_END = re.compile(r"Official page: \[(?P<title>[^\]]+)\]\((?P<url>https://[^\s()]+)\)$")


def _body(text):
    """The answer without its closing 'Official page: [title](url)'."""
    return text.rsplit("Official page:", 1)[0].strip()


def _url(text):
    m = LINK_AT_END.search(text.rstrip())
    return m and m.group("url")


# --- structure and coverage -------------------------------------------------------------------

def test_at_least_60_keys(answers):
    assert len(answers) >= 60, len(answers)


def test_keys_match_between_domain_nlu_holdout_and_sources(answers, training, holdout, sources):
    assert set(training) == set(answers), set(training) ^ set(answers)
    assert set(holdout) == set(answers), set(holdout) ^ set(answers)
    assert set(sources) == set(answers), set(sources) ^ set(answers)


def test_every_key_has_enough_training_and_heldout_examples(training, holdout):
    thin = {k: len(v) for k, v in training.items() if len(v) < 8}
    assert not thin, f"keys with fewer than 8 training examples: {thin}"
    thin = {k: len(v) for k, v in holdout.items() if len(v) < 2}
    assert not thin, f"keys with fewer than 2 held-out examples: {thin}"


def test_heldout_questions_are_never_training_questions(training, holdout):
    seen = {_norm(e) for exs in training.values() for e in exs}
    leaked = [e for exs in holdout.values() for e in exs if _norm(e) in seen]
    assert not leaked, f"held-out questions also in the training data: {leaked}"


def test_no_training_question_is_used_for_two_keys(training):
    owner = {}
    clashes = []
    for key, exs in training.items():
        for e in exs:
            n = _norm(e)
            if n in owner and owner[n] != key:
                clashes.append((e, owner[n], key))
            owner.setdefault(n, key)
    assert not clashes, clashes


def test_examples_carry_no_entity_markup(training, holdout):
    # '[text](entity)' / '{...}' would be read as entity annotations by Rasa's loader.
    bad = [e for d in (training, holdout) for exs in d.values() for e in exs if re.search(r"[\[\]{}]", e)]
    assert not bad, bad


def test_french_questions_cover_every_key_and_stay_out_of_training(answers, training, fr_training, fr_holdout):
    assert set(fr_training) == set(answers), set(fr_training) ^ set(answers)
    assert set(fr_holdout) == set(answers), set(fr_holdout) ^ set(answers)
    # about half as many as the English ones (training time), never fewer than 5
    thin = {k: len(v) for k, v in fr_training.items() if len(v) < 5}
    assert not thin, f"keys with fewer than 5 French training examples: {thin}"
    seen = {_norm(e) for d in (training, fr_training) for exs in d.values() for e in exs}
    leaked = [e for exs in fr_holdout.values() for e in exs if _norm(e) in seen]
    assert not leaked, f"French held-out questions also in the training data: {leaked}"
    owner = {_norm(e): k for k, exs in training.items() for e in exs}
    clashes = [(e, owner[_norm(e)], k) for k, exs in fr_training.items() for e in exs
               if owner.get(_norm(e), k) != k]
    assert not clashes, clashes
    bad = [e for d in (fr_training, fr_holdout) for exs in d.values() for e in exs if re.search(r"[\[\]{}]", e)]
    assert not bad, bad


def test_heldout_file_is_outside_the_training_data_folder():
    assert "data" not in HOLDOUT.relative_to(ROOT).parts
    assert "data" not in FR_HOLDOUT.relative_to(ROOT).parts
    assert not list((ROOT / "data").rglob("nlu_holdout*"))


def test_rule_answers_faq_with_the_action_that_fills_the_figures():
    rules = _load(RULES)["rules"]
    assert any(r.get("steps") == [{"intent": "faq"}, {"action": "action_answer_faq"}] for r in rules), rules
    assert "action_answer_faq" in _load(DOMAIN)["actions"]
    # In the middle of the form the same action answers and the form goes on.
    form_rules = _load(ROOT / "data" / "rules" / "form.yml")["rules"]
    mid = [r for r in form_rules if {"intent": "faq"} in r.get("steps", [])]
    assert mid and all(r["steps"][1] == {"action": "action_answer_faq"} and r["steps"][2] == {"action": "profile_form"}
                       and {"active_loop": "profile_form"} in r["condition"] for r in mid), mid
    assert not any({"action": "utter_faq"} in r.get("steps", []) for path in (ROOT / "data").rglob("*.yml")
                   for r in (_load(path) or {}).get("rules", []) + (_load(path) or {}).get("stories", [])), \
        "utter_faq would show the answers' placeholders unfilled"


# --- the answers ------------------------------------------------------------------------------

def test_every_answer_ends_with_a_titled_link_to_an_official_canada_ca_page(answers):
    """"Official page: [IRCC: Canadian Experience Class](https://www.canada.ca/...html)": every channel shows the
    title as the link (the web page's markdown, the Telegram and Slack connectors), never a bare URL."""
    from actions.sources import link_title

    bad = {}
    for key, text in answers.items():
        m = LINK_AT_END.search(text.rstrip())
        if not (m and m.group("url").startswith(URL_PREFIX) and m.group("url").endswith(".html")
                and m.group("title") == link_title(m.group("url")) and m.group("title") != "IRCC page"):
            bad[key] = text[-160:]
    assert not bad, bad


def test_answers_are_short(answers):
    long_ = {}
    for key, text in answers.items():
        body = _body(text)
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", body) if s]
        if not 1 <= len(sentences) <= 4 or len(body) > 650:
            long_[key] = (len(sentences), len(body))
    assert not long_, f"answers over 4 sentences or 650 characters: {long_}"


def test_sources_file_names_the_same_url_and_a_check_date(answers, sources):
    for key, entry in sources.items():
        assert entry["url"] == _url(answers[key]), key
        assert dt.date.fromisoformat(str(entry["checked"])) <= dt.date.today(), key
        assert entry["checked_against"], key


def test_fees_are_not_quoted_and_money_only_comes_from_the_funds_table(answers):
    # Fees change: the answer points to the official page. The only amounts quoted are proof-of-funds
    # figures, filled from the ruleset's funds table (test_faq_facts.py).
    assert not re.search(r"\d", _body(answers["fees"]))
    money = re.compile(r"\$|\bCAD\b|\bdollars?\b", re.I)
    assert {k for k, t in answers.items() if money.search(t)} == {"proof_of_funds_fsw_fstp", "proof_of_funds_amounts"}


def test_processing_time_gives_the_service_standard_and_the_tool(answers, ruleset):
    text = answers["processing_time"]
    p = ruleset.table("procedures")
    assert f"service standard for Express Entry applications for permanent residence is {p['service_standard_months']} months" in text
    assert f"{p['service_standard_percent']}% of complete applications" in text
    assert p["processing_times_tool"] in text
    assert _url(text) == p["service_standards_page"]


def test_answers_do_not_promise_outcomes(answers):
    banned = re.compile(r"\bguarantee[sd]?\b(?! future)|\byou will (?:be invited|get (?:an )?ita|get pr)\b", re.I)
    offenders = {k: m.group(0) for k, t in answers.items() for m in [banned.search(t)] if m}
    assert not offenders, offenders


def test_legal_advice_answer_says_it_is_not_legal_advice(answers):
    assert "not legal advice" in answers["legal_advice_representative"]


# --- the numbers the answers state ------------------------------------------------------------
# Official values typed in from the canada.ca pages (not read from the engine):
OFFICIAL = {
    "cec_clb_teer_0_1": 7, "cec_clb_teer_2_3": 5,           # CEC page
    "fsw_clb": 7,                                            # FSW page
    "fst_clb": {"speaking": 5, "listening": 5, "reading": 4, "writing": 4},  # FSTP page
    "language_validity_years": 2, "eca_validity_years": 5,
    "cec_hours": 1560, "hours_per_week_cap": 30, "cec_window_years": 3,
    "fsw_pass_mark": 67, "fst_years": 2, "fst_window_years": 5,
    "crs_total": 1200, "crs_additional_cap": 600, "spouse_max": 40, "pnp": 600,
    "sibling": 15, "canadian_education": (15, 30), "french": (25, 50),
    "job_offer_points_now": 0, "job_offer_removed_on": "March 25, 2025",
    "ita_days": 60, "profile_months": 12, "dependent_age_limit": 22,
    "service_standard_months": 6, "service_standard_percent": 80,   # IRCC service standards page
    "sibling_min_age": 18, "fsw_relative_points": 5,   # CRS criteria (sibling note), FSW six selection factors
}


@pytest.fixture(scope="module")
def ruleset():
    from express_entry.rules import ruleset_for

    return ruleset_for(CHECKED_ON)


def test_engine_tables_agree_with_the_official_values(ruleset):
    programs = ruleset.table("programs")
    cec = programs["cec"]["language_by_teer"]
    assert {cec[t][a] for t in (0, 1) for a in cec[t]} == {OFFICIAL["cec_clb_teer_0_1"]}
    assert {cec[t][a] for t in (2, 3) for a in cec[t]} == {OFFICIAL["cec_clb_teer_2_3"]}
    assert set(programs["fsw"]["language_first_official"].values()) == {OFFICIAL["fsw_clb"]}
    assert programs["fst"]["language"] == OFFICIAL["fst_clb"]
    assert programs["fst"]["trade_work_years_last_5"] == OFFICIAL["fst_years"]
    assert programs["cec"]["canadian_work_months_last_3_years"] == 12
    assert programs["skilled_teers"] == [0, 1, 2, 3]
    assert ruleset.table("language_tests")["validity_years"] == OFFICIAL["language_validity_years"]
    assert ruleset.table("fsw_grid")["pass_mark"] == OFFICIAL["fsw_pass_mark"]
    caps = ruleset.table("crs_caps")
    assert caps["total"] == OFFICIAL["crs_total"]
    assert caps["additional"] == OFFICIAL["crs_additional_cap"]
    assert caps["spouse"] == OFFICIAL["spouse_max"]
    assert caps["core_plus_spouse"] + caps["transferability"] == 600
    add = ruleset.table("crs_additional")
    assert add["provincial_nomination"] == OFFICIAL["pnp"]
    assert add["sibling"] == OFFICIAL["sibling"]
    ce = add["canadian_education"]
    assert (ce["one_or_two_year"], ce["three_year_or_more"]) == OFFICIAL["canadian_education"]
    assert (add["french"]["french_only"], add["french"]["bilingual"]) == OFFICIAL["french"]
    assert add["french"]["min_nclc"] == 7 and add["french"]["english_min_clb_for_bilingual"] == 5
    assert set(add["job_offer"].values()) == {OFFICIAL["job_offer_points_now"]}
    age = ruleset.table("crs_age")
    best = max(v[1] for v in age.values())
    assert [a for a, v in age.items() if v[1] == best] == [20]      # the 20-29 row
    assert age[30][1] < best and age[45] == [0, 0]
    p = ruleset.table("procedures")
    assert (p["cec_hours"], p["hours_per_week_cap"], p["cec_window_years"]) == (
        OFFICIAL["cec_hours"], OFFICIAL["hours_per_week_cap"], OFFICIAL["cec_window_years"])
    assert (p["fst_window_years"], p["eca_validity_years"], p["ita_days"], p["profile_months"]) == (
        OFFICIAL["fst_window_years"], OFFICIAL["eca_validity_years"], OFFICIAL["ita_days"], OFFICIAL["profile_months"])
    assert p["dependent_child_age_limit"] == OFFICIAL["dependent_age_limit"]
    assert (p["service_standard_months"], p["service_standard_percent"]) == (
        OFFICIAL["service_standard_months"], OFFICIAL["service_standard_percent"])


def test_language_minimums_stated_in_the_answers(answers):
    cec = answers["cec_language_minimum"]
    assert f"CLB {OFFICIAL['cec_clb_teer_0_1']} (NCLC {OFFICIAL['cec_clb_teer_0_1']} in French) for TEER 0 or 1" in cec
    assert f"CLB {OFFICIAL['cec_clb_teer_2_3']} (NCLC {OFFICIAL['cec_clb_teer_2_3']}) for TEER 2 or 3" in cec
    assert f"CLB {OFFICIAL['fsw_clb']} (NCLC {OFFICIAL['fsw_clb']} in French) in all four" in answers["fsw_language_minimum"]
    fst = OFFICIAL["fst_clb"]
    for key in ("fstp_language_minimum", "fstp_requirements"):
        assert f"CLB {fst['speaking']} for speaking and listening" in answers[key].replace(" in speaking and listening", " for speaking and listening"), key
        assert f"CLB {fst['reading']} for reading and writing" in answers[key].replace(" in reading and writing", " for reading and writing"), key
    who = answers["cec_who_can_apply"]
    assert "CLB 7 if that work is in TEER 0 or 1" in who and "CLB 5 if it is in TEER 2 or 3" in who


def test_every_clb_level_mentioned_is_an_official_minimum_or_threshold(answers):
    # 4, 5, 7: program minimums; 9: the 'CLB 9 or higher' transferability threshold.
    levels = {int(n) for t in answers.values() for n in re.findall(r"\b(?:CLB|NCLC) (\d+)", t)}
    assert levels <= {4, 5, 7, 9}, levels


def test_durations_and_points_stated_in_the_answers(answers):
    o = OFFICIAL
    assert f"{o['language_validity_years']} years" in answers["language_validity"]
    assert f"less than {o['eca_validity_years']} years old" in answers["eca_validity_organizations"]
    assert f"{o['cec_hours']:,} hours" in answers["cec_hours_1560"]
    assert f"{o['hours_per_week_cap']} hours a week" in answers["hours_cap_30_week"]
    assert f"{o['cec_window_years']} years before" in answers["cec_3_year_window"]
    assert f"{o['fsw_pass_mark']} points" in answers["fsw_67_points"]
    assert f"{o['fsw_pass_mark']} points" in answers["fsw_requirements"]
    assert f"{o['fst_years']} years" in answers["fstp_requirements"]
    assert f"{o['fst_window_years']} years before" in answers["fstp_requirements"]
    assert f"{o['crs_total']:,}" in answers["how_crs_works"] and f"{o['crs_additional_cap']} more" in answers["how_crs_works"]
    assert f"up to {o['spouse_max']} points" in answers["spouse_effect"]
    assert f"adds {o['pnp']} CRS points" in answers["pnp_base_vs_enhanced"]
    assert f"{o['sibling']} additional CRS points" in answers["sibling_points"]
    low, high = o["canadian_education"]
    assert f"{low} for a one- or two-year" in answers["canadian_education_points"]
    assert f"{high} for a credential of three years or more" in answers["canadian_education_points"]
    low, high = o["french"]
    assert f"{high} if your English is CLB 5 or higher" in answers["french_second_language"]
    assert f"{low} if your English is CLB 4 or lower" in answers["french_second_language"]
    assert f"Since {o['job_offer_removed_on']}, a job offer no longer adds CRS points" in answers["job_offer_points"]
    assert f"{o['ita_days']} days" in answers["ita_60_days"]
    assert f"{o['profile_months']} months" in answers["profile_validity"]
    assert f"under {o['dependent_age_limit']}" in answers["dependent_children"]


def test_the_five_cec_steps_are_answered_in_order_with_the_rules_figures(answers):
    """The customer's description of the CEC: work permit, a year of work, the other criteria, a profile, a better
    ranking; then the invitation's deadline."""
    o = OFFICIAL
    text = answers["cec_steps"]
    steps = [text.index(f"{n}, ") for n in ("first", "second", "third", "fourth", "fifth")]
    assert steps == sorted(steps) and "five steps" in text
    for words in ("work permit", f"{o['cec_hours']:,} hours", f"{o['cec_window_years']} years before you apply",
                  f"CLB {o['cec_clb_teer_0_1']} for TEER 0 or 1", f"CLB {o['cec_clb_teer_2_3']} for TEER 2 or 3",
                  "outside Quebec", "Express Entry profile", f"{o['profile_months']} months", "improve your ranking",
                  f"{o['ita_days']} days to apply"):
        assert words in text, words


def test_the_profile_answer_says_what_a_profile_is_and_how_long_it_stays(answers):
    text = answers["profile_validity"]
    assert text.startswith("Your Express Entry profile is the online form where you tell IRCC about yourself")
    assert f"stays there for up to {OFFICIAL['profile_months']} months" in text


def test_family_in_canada_gets_the_sibling_rule_whatever_relative_is_named(answers, training, holdout):
    text = answers["sibling_points"]
    assert text.startswith("Only a brother or sister counts")
    assert f"who is {OFFICIAL['sibling_min_age']} or older" in text
    assert "Parents, children, grandparents, cousins, aunts, uncles and other relatives earn no CRS points" in text
    assert f"gives {OFFICIAL['fsw_relative_points']} adaptability points" in text
    relatives = ("parent", "mom", "aunt", "uncle", "cousin", "grandparent", "niece")
    for examples in (training["sibling_points"], holdout["sibling_points"]):
        named = {r for r in relatives for e in examples if r in e}
        assert len(named) >= 2, named


def test_points_mentioned_anywhere_are_known_crs_values(answers):
    # Any "<n> points"/"<n> CRS points"/"<n> more" figure must be one the official grid has.
    known = {15, 25, 30, 40, 50, 67, 100, 460, 500, 600, 1200}
    found = set()
    for text in answers.values():
        for n in re.findall(r"\b(\d[\d,]*) (?:additional |CRS )?points\b", text):
            found.add(int(n.replace(",", "")))
    assert found <= known, found - known


def test_the_2026_crs_change_is_flagged_without_numbers(answers, ruleset):
    text = answers["crs_changes_2026"]
    assert "November 3, 2026" in text and "point values are not in the sources" in text
    assert "don't include that change" in text
    assert not re.search(r"\b\d+ (?:CRS )?points\b", text)
    # The engine flags the same date as not modelled, and this answer says the same.
    from express_entry.rules import ruleset_for

    warnings = " ".join(str(w) for w in ruleset_for(CHECKED_ON).warnings)
    assert "2026-11-03" in warnings or "November 3, 2026" in warnings, warnings


# --- Rasa's own loaders -----------------------------------------------------------------------

def test_rasa_reads_the_retrieval_intent_and_its_responses():
    from rasa.shared.nlu.training_data.loading import load_data

    responses = load_data(str(ANSWERS)).responses
    assert responses and all(r.startswith("utter_faq/") for r in responses)
    for path in (NLU, HOLDOUT):
        data = load_data(str(path))
        assert data.retrieval_intents == {"faq"}, path
        keys = {ex.get("intent_response_key") for ex in data.training_examples}
        # faq/<key> in the NLU data <-> utter_faq/<key> in the answers
        assert keys == {r[len("utter_"):] for r in responses}, path
