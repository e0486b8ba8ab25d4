"""A French conversation gets the engine's sentences in French (reasons, advice, names, the card's words, the
form's repeated facts), with the same figures; an English one gets exactly what it got before (model-free)."""
import re

from actions import dialogue, results, unknown, what_if
from connectors import rich
from express_entry.assess import assess
from express_entry.advice import advise
from tests.rasa.test_result_card import DONE, _run

# Words an English sentence has and a French one does not.
ENGLISH = re.compile(r"\b(the|you|your|and|with|needs?|of work|in all four|score is)\b")


def _card(slots):
    messages, _ = _run(slots)
    return messages[0]["custom"], messages


def test_the_result_card_of_a_french_conversation_is_in_french_with_the_same_figures():
    fr, _ = _card({**DONE, "language": "fr"})
    en, _ = _card(DONE)
    assert fr["language"] == "fr" and en["language"] == "en"
    assert fr["score"] == en["score"] and [p["points"] for p in fr["parts"]] == [p["points"] for p in en["parts"]]
    assert [s["new_total"] for s in fr["suggestions"]] == [s["new_total"] for s in en["suggestions"]]
    assert [s["title"] for s in fr["suggestions"]] != [s["title"] for s in en["suggestions"]]
    assert fr["parts"][0]["label"] == "Facteurs de base / capital humain"
    assert {p["name"] for p in fr["programs"]} == {
        "Catégorie de l'expérience canadienne (CEC)", "Programme des travailleurs qualifiés (fédéral) (PTQF)",
        "Programme des travailleurs de métiers spécialisés (fédéral) (PTMSF)"}
    texts = ([r for p in fr["programs"] for r in p["reasons"] + p["fixes"]]
             + [t for s in fr["suggestions"] for t in (s["title"], s["note"])]
             + [f["name"] for f in fr["explanation"]] + [fr["chart"]["alt"]])
    assert texts
    for text in texts:
        assert not ENGLISH.search(text), text


def test_an_english_conversation_gets_what_it_got_before():
    assert _card(DONE)[1] == _card({**DONE, "language": "en"})[1]
    card, _ = _card(DONE)
    assert card["parts"][0]["label"] == "Core / human capital"
    assert any("Canadian Experience Class" in p["name"] for p in card["programs"])


def test_the_engine_writes_french_for_a_french_profile_and_english_by_default():
    profile = {"age": 30, "marital_status": "single", "education": "bachelors", "intends_quebec": True,
               "first_language": {"test": "ielts", "listening": 6, "reading": 5.5, "writing": 6, "speaking": 6},
               "canadian_work_years": 0, "foreign_work_years": 3, "noc_code": "21232", "settlement_funds": 5000,
               "family_size": 1, "job_offer": False, "assessed_on": "2026-06-01"}
    en, fr = assess(profile), assess(profile, "fr")
    assert en == assess(profile, "en")
    def figures(crs):
        return {**crs, "factors": [{k: v for k, v in f.items() if k != "detail"} for f in crs["factors"]]}

    assert figures(en["crs"]) == figures(fr["crs"]) and en["missing"] == fr["missing"]
    for pid in ("cec", "fsw", "fst"):
        assert en["programs"][pid]["eligible"] == fr["programs"][pid]["eligible"]
        assert len(en["programs"][pid]["reasons"]) == len(fr["programs"][pid]["reasons"])
    fsw = fr["programs"]["fsw"]["reasons"]
    assert any("compréhension de l'écrit (CLB 6)" in r and "le PTQF exige au moins CLB 7" in r for r in fsw)
    assert any("5\u00a0000\u00a0$\u00a0CA" in r and "15\u00a0263\u00a0$\u00a0CA" in r for r in fsw)
    assert any("You have 5,000 CAD" in r for r in en["programs"]["fsw"]["reasons"])
    adv_en, adv_fr = advise(profile), advise(profile, "fr")
    assert [s["change"] for s in adv_en["suggestions"]] == [s["change"] for s in adv_fr["suggestions"]]
    assert all(not ENGLISH.search(s["title"]) for s in adv_fr["suggestions"])


def test_the_result_lines_name_parts_programs_and_occupations_in_french():
    texts = {"utter_result_part": "{name} {points}", "utter_result_program_not_eligible": "{program}: {reasons}",
             "utter_result_programs": "{lines}", "utter_noc_match": "{code} {title} {teer}",
             "utter_noc_matches": "{lines}", "utter_noc_nearest": "{lines}",
             "utter_result_score": "{total} {ruleset} {parts}", "utter_result_strongest": "{factors}",
             "utter_result_room_to_grow": "{factors}", "utter_result_factor_share": "{name} {points}/{max}"}
    a = assess({"age": 30, "marital_status": "single", "education": "bachelors", "intends_quebec": True,
                "first_language": {"test": "tef", "listening": 300, "reading": 300, "writing": 300, "speaking": 300}},
               "fr")
    score = results.score_lines(texts, a, language="fr")[0]
    assert "facteurs de base / capital humain (A)" in score
    assert re.search(r" \d{1,2}(?:er)? (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
                     r"décembre) 20\d\d ", score), score  # the rules' date as French writes it, not 2025-03-25
    lines = results.program_lines(texts, a, language="fr")[0]
    assert "Catégorie de l'expérience canadienne (CEC): Vous prévoyez vivre au Québec" in lines
    noc = results.noc_lines(texts, [{"code": "21232", "title_en": "Software developers and programmers",
                                     "title_fr": "Développeurs/développeuses de logiciels", "teer": 1,
                                     "confidence": "high"}], "x", "fr")[0]
    assert "Développeurs/développeuses de logiciels" in noc


def test_telegram_and_slack_render_a_french_card_in_french():
    card, _ = _card({**DONE, "language": "fr"})
    telegram = "\n".join(m.get("text") or m.get("caption") or "" for m in rich.telegram_messages(card))
    assert "Votre score SCG\u00a0:" in telegram and "Admissibilité" in telegram
    assert "Your CRS score" not in telegram and "Eligibility" not in telegram
    slack = rich.slack_message(card)
    assert slack["text"].startswith("Votre score SCG")
    english = rich.slack_message(_card(DONE)[0])
    assert english["text"].startswith("Your CRS score: ")


def test_the_form_repeats_facts_in_the_conversation_s_language():
    assert dialogue.describe("age", 31) == "age: 31"
    assert dialogue.describe("age", 31, "fr") == "âge\u00a0: 31"
    assert dialogue.describe("marital_status", "common_law", "fr") == "état matrimonial\u00a0: conjoint(e) de fait"
    assert dialogue.change_parts("age", 29, 31, "fr") == ("âge", "29", "31")
    assert dialogue.change_parts("age", 29, 31) == ("age", "29", "31")
    said = dialogue.acknowledgement({"first_language_test": "ielts", "first_language_listening": 6.5,
                                     "age": 34}, "fr")
    assert said == "IELTS General Training\u00a0: compréhension de l'oral 6,5, âge\u00a0: 34"
    said = dialogue.acknowledgement({"first_language_test": "clb", "first_language_speaking": 8}, "fr")
    assert said == "niveaux CLB\u00a0: expression orale 8"  # not "CLB levels", which the French simulator saw
    assert what_if.label({"canadian_work_years": 3}, {"language": "fr"}) == "travail au Canada\u00a0: 3 an(s)"
    assert unknown.label("spouse_education", "fr") == "études de l'époux ou conjoint"
    assert [b["title"] for b in dialogue.which_work_buttons("3 years", "fr")] == ["Au Canada",
                                                                                 "À l'extérieur du Canada"]


def test_category_explanations_in_french_have_the_same_statuses():
    from express_entry.categories import categories_from_profile

    profile = {"age": 30, "noc_code": "31301", "canadian_work_months_last_3_years": 4,
               "first_language": {"test": "tef", "listening": 300, "reading": 300, "writing": 300, "speaking": 300}}
    en, fr = categories_from_profile(profile), categories_from_profile(profile, language="fr")
    assert [c["status"] for c in en["categories"]] == [c["status"] for c in fr["categories"]]
    french = next(c for c in fr["categories"] if c["kind"] == "language")
    assert french["explanation"].startswith("Cette catégorie exige NCLC 7 dans les quatre compétences")
    assert "compréhension de l'oral NCLC 3" in french["explanation"]
    for c in fr["categories"]:
        assert not ENGLISH.search(c["explanation"]), c["explanation"]


def test_the_chart_link_and_drawing_follow_the_language():
    from common.chart_link import chart_url
    from connectors import chart

    crs = {"core": 366, "spouse": 0, "transferability": 75, "additional": 0}
    assert chart_url(crs) == "/webhooks/web/chart.png?a=366&b=0&c=75&d=0"
    assert chart_url(crs, language="fr") == "/webhooks/web/chart.png?a=366&b=0&c=75&d=0&lang=fr"
    assert [chart.parse_language(q) for q in ({"lang": "fr"}, {"lang": "de"}, {})] == ["fr", "en", "en"]
    fr, _ = _card({**DONE, "language": "fr"})
    assert fr["chart"]["url"].endswith("&lang=fr") and fr["chart"]["alt"].startswith("Votre score SCG")
    png = chart.render_png({"a": 366, "b": 0, "c": 75, "d": 0}, [], None, "fr")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png != chart.render_png({"a": 366, "b": 0, "c": 75, "d": 0}, [], None)


def test_an_announced_change_left_out_is_named_in_french():
    from actions.result_card import _change_title

    change = {"id": "high-wage-occupation-factor", "title": "High-wage occupation factor in the CRS",
              "effective": "2026-11-03"}
    assert _change_title(change, "en") == "High-wage occupation factor in the CRS"
    assert _change_title(change, "fr") == "Facteur des professions à salaire élevé dans le SCG"


def test_the_explanation_of_a_score_heads_and_names_the_language_results_in_french():
    texts = {"utter_result_explain_factor": "{name} {points}/{max}",
             "utter_result_explain_factor_detail": "{name} {points}/{max} ({detail})",
             "utter_result_explain_language": "{lines}", "utter_result_explain_levels": "{group}: {levels}"}
    profile = {"age": 29, "marital_status": "single", "education": "bachelors",
               "first_language": {"test": "ielts", "listening": 8.5, "reading": 8, "writing": 7.5, "speaking": 7.5}}
    en = results.explain_lines(texts, assess(profile), "language")
    fr = results.explain_lines(texts, assess(profile, "fr"), "language", "fr")
    assert en[-1] == "First language: listening 10, reading 10, writing 10, speaking 10"
    assert fr[-1] == ("Première langue: compréhension de l'oral 10, compréhension de l'écrit 10, "
                      "expression écrite 10, expression orale 10")
    assert "première langue\u00a0: compréhension de l'oral 34/34 (IELTS 8,5 = CLB 10)" in fr[0]


def test_the_confirmation_summary_writes_values_in_the_conversation_s_language():
    from actions import fields, replies
    from tests.rasa.test_form import SINGLE_DONE
    from tests.sim.drivers import domain

    texts = replies.texts(domain())
    slots = dict(SINGLE_DONE, settlement_funds=15263)
    english = fields.summary(slots, texts)
    assert "listening 8" in english and "15,263" in english and "single" in english
    french = fields.summary({**slots, "language": "fr"}, texts)
    assert "compréhension de l'oral 8" in french and "15\u00a0263" in french and "célibataire" in french


def test_a_profile_the_engine_refuses_is_explained_in_the_conversation_s_language():
    """utter_result_cannot_assess: what is wrong and the fact to change from the labels (the field's name in
    French, the reason in French), never the exception's English text."""
    from actions.actions import ActionAssess
    from tests.rasa.test_actions import run
    from tests.rasa.test_form import SINGLE_DONE

    cases = {  # slots -> (the French words, the English words)
        "age": ({"age": 300}, ("âge\u00a0: un nombre entier de 16 à 100 est attendu", "« modifier âge »"),
                ("age: a whole number from 16 to 100 is needed", '"change my age"')),
        "second test": ({"second_language_test": "celpip", **{f"second_language_{a}": 9 for a in
                                                               ("listening", "reading", "writing", "speaking")}},
                        ("test de deuxième langue\u00a0: il est dans la même langue officielle", "« modifier test de "
                         "deuxième langue »"), ("second language test: it is in the same official language",)),
    }
    for name, (slots, french, english) in cases.items():
        got, text = run(ActionAssess(), {**SINGLE_DONE, **slots, "language": "fr", "profile_confirmed": True})
        assert got.get("profile_confirmed", "x") is None and "Je ne peux pas évaluer ce profil" in text, name
        assert all(w in text for w in french), (name, text)
        assert not re.search(r"accepted|out of range|first_language|\b(is|the)\b", text), (name, text)
        _, text = run(ActionAssess(), {**SINGLE_DONE, **slots, "profile_confirmed": True})
        assert all(w in text for w in english), (name, text)


def test_the_form_names_facts_and_values_from_the_labels_in_every_language():
    """One path for every language: a fact's name (``fields``) and an enumerated value (``values``) come from the
    labels file; English reads en.yaml as French reads fr.yaml (no spelling of slot names as words)."""
    from express_entry import concepts
    from express_entry.vocabulary import CANADIAN_EDUCATION, MARITAL_STATUSES

    for language in ("en", "fr"):
        values, names = concepts.words("values", language), concepts.field_labels(language)
        for status in MARITAL_STATUSES:
            assert dialogue.describe("marital_status", status, language) == concepts.say(
                "form.fact", language, field=names["marital_status"], value=values[status])
        for level in CANADIAN_EDUCATION:
            assert values[level] in dialogue.describe("canadian_education", level, language)
        for slot in ("spouse_canadian", "spouse_accompanying", "intends_quebec", "authorized_to_work_in_canada",
                     "canadian_study_2_years"):
            said = dialogue.describe(slot, True, language)
            assert said.startswith(names[slot]) and slot.replace("_", " ") not in said, said
    assert dialogue.describe("marital_status", "common_law") == "marital status: common-law"
    assert dialogue.describe("intends_quebec", False) == "plan to live in Quebec: no"
    assert dialogue.describe("spouse_canadian", True, "fr") == \
        "époux ou conjoint citoyen canadien ou résident permanent\u00a0: oui"


def test_an_impossible_answer_is_reasked_with_what_is_accepted_in_the_conversation_s_language():
    """The accepted values of a re-ask are the engine's range written from the labels (``accepted``) in the
    conversation's language, with the ability's name and the number as French writes them."""
    from tests.rasa.test_form import run_form

    ielts = {"first_language_test": "ielts"}
    said = {language: [run_form({**slots, "language": language}, text, requested=slot)[1]
                       for slots, text, slot in (({}, "age 300", "age"),
                                                 (ielts, "9,7 8 7 7" if language == "fr" else "9.7 8 7 7",
                                                  "first_language_listening"))]
            for language in ("en", "fr")}
    assert said["en"] == [["300 isn't possible here: accepted a whole number from 16 to 100."],
                          ["9.7 isn't a possible IELTS General Training listening score: accepted 0 to 9 in steps "
                           "of 0.5."]]
    assert said["fr"] == [["300 n'est pas possible ici. Valeurs acceptées : un nombre entier de 16 à 100."],
                          ["9,7 n'est pas un résultat possible en compréhension de l'oral pour le test IELTS General "
                           "Training. Valeurs acceptées : de 0 à 9 par tranches de 0,5."]]
