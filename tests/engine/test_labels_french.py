"""The words in French: fr.yaml has every key of en.yaml with the same {placeholders}, and the FAQ's facts and
the engine's sentences come out in French for "fr" while the English ones stay as they were."""
import datetime as dt
import os
import re
from string import Formatter

import yaml

from express_entry import concepts
from express_entry.facts import NOT_IN_DATA, faq_facts, not_in_data

LABELS = os.path.join(os.path.dirname(concepts.__file__), "data", "labels")


def _load(language):
    with open(os.path.join(LABELS, f"{language}.yaml"), encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _leaves(tree, path=()):
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _leaves(value, path + (str(key),))
    else:
        yield ".".join(path), str(tree)


def _placeholders(text):
    return sorted({name for _, name, _, _ in Formatter().parse(text) if name is not None})


# French sentences that leave out a value the English one gives, and why.
LEAVE_OUT = {"eligibility.trade_excluded": {"group_title"}}  # NOC 2021's French group titles are not in the data


def test_every_english_label_has_a_french_one_with_the_same_placeholders():
    en, fr = dict(_leaves(_load("en"))), dict(_leaves(_load("fr")))
    assert sorted(en) == sorted(fr)
    for key, text in en.items():
        expected = [p for p in _placeholders(text) if p not in LEAVE_OUT.get(key, ())]
        assert _placeholders(fr[key]) == expected, key
    assert not any("\\u00a0" in text for text in fr.values())  # a no-break space, not its escape


def test_french_labels_are_not_the_english_ones():
    en, fr = dict(_leaves(_load("en"))), dict(_leaves(_load("fr")))
    # A text with words (not only placeholders, letters, test names and symbols) is translated.
    same = {k for k in en if en[k] == fr[k]
            and re.search(r"[a-z]{4,}", re.sub(r"\{\w+\}|TEER|NOC", "", en[k]))}
    # "test IELTS", "Points" and "Sources (3)" are French too
    assert same <= {"form.test", "web_card.points", "web_card.sources_count"}, sorted(same)


def test_an_unknown_language_falls_back_to_english():
    assert concepts.factor_names("de") == concepts.factor_names("en")


def test_faq_facts_in_french_have_the_same_names_and_french_formats():
    on = dt.date(2026, 12, 7)
    en, fr = faq_facts(on, "en"), faq_facts(on, "fr")
    assert set(en) == set(fr)
    assert en == faq_facts(on)  # English is the default
    assert en["crs_max"] == "1,200" and fr["crs_max"] == "1\u00a0200"
    assert en["funds_1"].startswith("$") and fr["funds_1"].endswith("\u00a0$") and "$" not in fr["funds_1"][:-1]
    assert fr["ruleset_effective"] == "25 mars 2025" and en["ruleset_effective"] == "March 25, 2025"
    assert fr["skilled_teers"] == "0, 1, 2 ou 3"
    assert fr["funds_table"].startswith("Pour une famille de 1") and "\u00a0$" in fr["funds_table"]
    assert "SCG" in fr["crs_change_note"] and "3 novembre 2026" in fr["crs_change_note"]
    for name, text in fr.items():  # no English sentence left in the French facts
        assert not re.search(r"\b(the|and|for|points? values|since|adds)\b", text), (name, text)


def test_missing_figures_say_so_in_each_language():
    fr = faq_facts(dt.date(2020, 11, 1), "fr")
    assert fr["funds_1"] == not_in_data("fr") != NOT_IN_DATA
    assert faq_facts(dt.date(2020, 11, 1))["funds_1"] == NOT_IN_DATA == not_in_data("en")


def test_the_english_education_words_are_the_vocabulary_s():
    from express_entry.vocabulary import EDUCATION_LABELS

    from express_entry.vocabulary import CANADIAN_EDUCATION_LABELS

    assert concepts.words("education_words", "en") == EDUCATION_LABELS
    assert concepts.words("canadian_education_words", "en") == CANADIAN_EDUCATION_LABELS


def test_timeline_events_and_assumptions_in_french_with_the_same_dates_and_scores():
    from express_entry.timeline import timeline

    data = {"age": 29, "marital_status": "single", "education": "bachelors", "assessed_on": "2026-06-01",
            "first_language": {"test": "ielts", "listening": 8, "reading": 7, "writing": 7, "speaking": 7,
                               "taken_on": "2025-06-01"},
            "birth_date": "1997-03-02", "permit_expires_on": "2027-12-31",
            "work": [{"start": "2025-09-01", "hours_per_week": 40, "noc_code": "21232", "in_canada": True}]}
    en, fr = timeline(data), timeline(data, language="fr")
    assert en == timeline(data, language="en")
    strip = ("text",)
    assert [{k: v for k, v in e.items() if k not in strip} for e in en["events"]] == \
        [{k: v for k, v in e.items() if k not in strip} for e in fr["events"]]
    texts = " ".join(e["text"] for e in fr["events"]) + " ".join(fr["assumptions"])
    assert "1\u00a0560 heures" in texts and "Score SCG à cette date" in texts and "1er juin 2025" in texts
    assert "Your" not in texts and "CRS on that date" not in texts
    assert "CRS on that date" in " ".join(e["text"] for e in en["events"])


def test_the_crs_factors_details_in_french_with_the_same_points():
    from express_entry.assess import assess

    profile = {"age": 29, "marital_status": "single", "education": "bachelors", "foreign_work_years": 3,
               "first_language": {"test": "ielts", "listening": 8.5, "reading": 8, "writing": 7.5, "speaking": 7.5},
               "assessed_on": "2026-06-01"}
    en, fr = assess(profile)["crs"], assess(profile, "fr")["crs"]
    assert [(f["factor"], f["points"], f["max"]) for f in en["factors"]] == \
        [(f["factor"], f["points"], f["max"]) for f in fr["factors"]]
    details = {f["factor"]: f["detail"] for f in fr["factors"]}
    assert details["age"] == "29 ans (colonne sans époux ou conjoint)"
    assert details["first_language_listening"] == "IELTS 8,5 = CLB 10"
    assert {f["factor"]: f["detail"] for f in en["factors"]}["age"] == "29 years old (single column)"
    assert not any(re.search(r"\b(no|not|with|years?|the)\b", d) for d in details.values()), details


# An IELTS result two and a half years old on the assessment date: it earns nothing.
_EXPIRED = {"age": 30, "marital_status": "single", "education": "masters", "education_recognized": True,
            "canadian_work_years": 1, "canadian_work_months_last_3_years": 14, "foreign_work_years": 3,
            "noc_code": "21231", "settlement_funds": 20000, "family_size": 1, "assessed_on": "2026-12-01",
            "first_language": {"test": "ielts", "listening": 8, "reading": 7, "writing": 7, "speaking": 7,
                               "taken_on": "2024-06-01"},
            "second_language": {"test": "tef", "listening": 500, "reading": 450, "writing": 450, "speaking": 450,
                                "taken_on": "2024-05-01"}}
_IELTS_EN = ("This IELTS General Training result was taken on 2024-06-01 and expired on 2026-06-01: results count "
             "for 2 years from the test date, so it earns no points.")
_IELTS_FR = ("Ce résultat IELTS General Training a été obtenu le 1er juin 2024 et a expiré le 1er juin 2026\u00a0: les "
             "résultats sont valides 2 ans à compter de la date du test; il ne donne donc aucun point.")


def test_an_expired_result_s_reason_in_each_language_everywhere_it_is_shown():
    """The one reason (express_entry.language.reason_text) in the score's details, the programs' reasons, the
    warnings, the advice and the French category: the English words as before, the French ones in French (not a
    generic "result not valid")."""
    from express_entry.advice import advise
    from express_entry.assess import assess
    from express_entry.categories import categories_from_profile
    from express_entry.language import levels, reason_text
    from express_entry.profile import validate

    p = validate(_EXPIRED)
    lv = levels(p["first_language"], p["assessed_on"])
    assert (lv.valid, lv.reason, reason_text(lv), reason_text(lv, "fr")) == (False, _IELTS_EN, _IELTS_EN, _IELTS_FR)
    for language, reason in (("en", _IELTS_EN), ("fr", _IELTS_FR)):
        a = assess(_EXPIRED, language)
        details = {f["factor"]: f["detail"] for f in a["crs"]["factors"]}
        assert details["first_language_listening"] == reason
        assert reason in a["warnings"]
        assert a["language_levels"]["first_language"]["reason"] == reason
        for pid in ("cec", "fsw", "fst"):
            assert any(r.startswith(reason.rstrip(".") + "; ") for r in a["programs"][pid]["reasons"]), pid
        notes = [s["note"] for s in advise(_EXPIRED, language=language)["suggestions"] if s["kind"] == "expired_result"]
        assert len(notes) == 2 and notes[0].startswith(reason.rstrip(".") + ". "), notes
        french = next(c for c in categories_from_profile(_EXPIRED, language=language)["categories"]
                      if c["kind"] == "language")
        assert french["status"] == "does_not_fit" and "TEF Canada" in french["explanation"]
        assert ("1er mai 2024" in french["explanation"]) == (language == "fr")
    assert "TEF Canada results are accepted only for tests taken on or after" not in _IELTS_FR


def test_a_result_not_yet_accepted_says_since_when_in_each_language():
    from express_entry.language import levels, reason_text

    lv = levels({"test": "pte", "listening": 80, "reading": 70, "writing": 70, "speaking": 70,
                 "taken_on": dt.date(2024, 1, 2)}, dt.date(2024, 6, 1))
    assert lv.valid is False
    assert reason_text(lv) == "PTE Core results are accepted only for tests taken on or after 2024-01-30."
    assert reason_text(lv, "fr") == ("Les résultats PTE Core ne sont acceptés que pour les tests passés à partir du "
                                     "30 janvier 2024.")


def test_the_timeline_s_warnings_in_french():
    """The timeline's warnings are the assessment's of the first date, in the timeline's language."""
    from express_entry.timeline import timeline

    data = {"age": 29, "marital_status": "married", "education": "bachelors", "assessed_on": "2026-06-01",
            "first_language": {"test": "ielts", "listening": 8, "reading": 7, "writing": 7, "speaking": 7,
                               "taken_on": "2024-05-01"},
            "work": [{"start": "2025-09-01", "hours_per_week": 40, "teer": 1, "in_canada": True}]}
    en, fr = timeline(data), timeline(data, language="fr")
    assert len(en["warnings"]) == len(fr["warnings"]) == 2
    assert "Scored as if your spouse or partner is coming with you" in en["warnings"][0]
    assert fr["warnings"][1].startswith("Ce résultat IELTS General Training a été obtenu le 1er mai 2024")
    for text in fr["warnings"] + fr["assumptions"]:
        assert not re.search(r"\b(the|you|your|and|with|result|Scored)\b", text), text


def _sentences(tree):
    """Every string of a result that is a sentence (has a space), at any depth."""
    if isinstance(tree, dict):
        for value in tree.values():
            yield from _sentences(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from _sentences(value)
    elif isinstance(tree, str) and " " in tree:
        yield tree


def test_french_sentences_write_dates_as_french_does():
    """No 2025-03-25 in a French sentence: the ruleset named by the day it took effect ("les règles du 25 mars
    2025"), test dates and announced changes as French writes them. Date fields (no space) stay ISO."""
    from express_entry.advice import advise
    from express_entry.assess import assess

    iso = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
    profile = {"age": 30, "marital_status": "single", "education": "bachelors", "job_offer": True,
               "first_language": {"test": "tef", "listening": 300, "reading": 300, "writing": 300, "speaking": 300,
                                  "taken_on": "2024-02-01"},
               "canadian_work_years": 1, "foreign_work_years": 2}
    for result in (assess(profile, "fr"), advise(profile, language="fr")):
        found = [s for s in _sentences(result) if iso.search(s)]
        assert found == [], found


def test_a_ruleset_is_named_by_its_date_in_french_and_by_its_id_otherwise():
    from express_entry.vocabulary import ruleset_name

    assert ruleset_name("2025-03-25", "fr") == "25 mars 2025"
    assert ruleset_name("2025-03-25") == "2025-03-25"  # the contract's id in English
    assert ruleset_name("2026-hwo", "fr") == "2026-hwo"  # an id that is not a date: never a crash in French
