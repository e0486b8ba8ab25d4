"""French messages read by the same readers as English ones (understanding/french.py), their traps (a "bac", a
DEC, a PACS: the form asks), and English messages that must read as before."""
import datetime as dt

import pytest

from actions import dialogue, parsing, what_if
from understanding import answers, french
from understanding.entities import find_entities, is_correction, is_hypothetical_change, is_profile_post
from understanding.rules import find_date, hypothetical
from understanding.text import normalise


def read(text, requested=None, slots=None):
    """The slot values the form reads from a message."""
    values, _ = parsing.extract(text, requested, slots or {}, None)
    return values


def ents(text):
    return [(e["entity"], e["value"], e.get("role")) for e in find_entities(text)]


# ----------------------------------------------------------------------------- numbers and ages

@pytest.mark.parametrize("text,age", [
    ("J'ai trente-quatre ans", 34), ("j'ai 34 ans et je suis marié", 34), ("vingt et un ans", 21),
    ("J'ai soixante-dix ans", 70), ("septante-deux ans", 72), ("Je suis âgée de quarante-deux ans", 42),
    ("mon âge est 29", 29), ("Âge : 31", 31), ("j'aurai trente-cinq ans le mois prochain", 35),
])
def test_an_age_in_french_words_or_digits(text, age):
    assert read(text)["age"] == age


@pytest.mark.parametrize("text,age", [("trente-trois", 33), ("quatre-vingt-dix", 90), ("nonante", 90)])
def test_a_bare_age_in_words_at_the_age_question(text, age):
    assert read(text, "age", {"language": "fr"}).get("age", age) == age or age > 80  # out of range is an error
    assert normalise(text, "fr").strip() == str(age)


def test_years_of_work_are_not_an_age():
    values = read("J'ai 5 ans d'expérience au Canada et 3 ans en France")
    assert values.get("canadian_work_years") == 5 and values.get("foreign_work_years") == 3
    assert "age" not in values


def test_the_partners_age_and_education():
    assert ents("ma femme a 32 ans et une licence") == [("age", 32, "spouse"), ("education", "bachelors", "spouse")]


# ----------------------------------------------------------------------------- dates, day first

TODAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize("text,iso", [
    ("14/03/2025", "2025-03-14"), ("le 3 mars 2025", "2025-03-03"), ("mars 2025", "2025-03-01"),
    ("le 1er juin 2024", "2024-06-01"), ("passé le 22 août 2025", "2025-08-22"), ("en février 2026", "2026-02-01"),
    ("03/04/2025", "2025-04-03"),  # day first in French: the 3rd of April, not asked
])
def test_dates_day_first_and_french_months(text, iso):
    assert find_date(normalise(text, "fr"), TODAY)[0] == iso


def test_a_french_date_with_its_test():
    values = read("TEF Canada passé le 3 mars 2025", slots={"assessed_on": "2026-12-07"})
    assert values["first_language_test"] == "tef" and values["first_language_taken_on"] == "2025-03-03"


# ----------------------------------------------------------------------------- marital status

@pytest.mark.parametrize("text,status", [
    ("Je suis marié", "married"), ("mariée", "married"), ("je suis conjointe de fait", "common_law"),
    ("en union libre", "common_law"), ("on vit ensemble", "common_law"), ("célibataire", "single"),
    ("jamais mariée", "single"), ("divorcé", "divorced"), ("séparée", "separated"), ("veuf", "widowed"),
    ("veuve", "widowed"), ("pas mariée", "single"),
])
def test_marital_status_in_french(text, status):
    assert read(text, "marital_status")["marital_status"] == status


def test_a_pacs_is_asked_about_never_guessed():
    turn = dialogue.read_turn({}, "je suis pacsé", None, "marital_status")
    assert "marital_status" not in turn.values
    assert {"response": "utter_form_which_pacs"} in turn.messages
    for payload, status in (("conjoint de fait (PACS et vie commune de 12 mois)", "common_law"),
                            ("célibataire (PACS sans 12 mois de vie commune)", "single")):
        assert read(payload, "marital_status")["marital_status"] == status


# ----------------------------------------------------------------------------- education and its traps

@pytest.mark.parametrize("text,level", [
    ("j'ai une licence", "bachelors"), ("bac+3", "bachelors"), ("Bac + 5", "masters"), ("un master", "masters"),
    ("une maîtrise", "masters"), ("diplôme d'ingénieur", "masters"), ("doctorat", "doctoral"), ("bac+8", "doctoral"),
    ("BTS", "two_year"), ("un DUT", "two_year"), ("bac+2", "two_year"), ("AEC", "one_year"),
    ("DEC technique", "bachelors"),  # a three-year program: as the English form's "3-year diploma"
    ("DEC préuniversitaire", "two_year"), ("un DEC de 2 ans", "two_year"),
    ("diplôme d'études secondaires", "secondary"), ("mon DES", "secondary"), ("bac S", "secondary"),
    ("un bac pro", "secondary"), ("le bac français", "secondary"), ("baccalauréat en génie au Québec", "bachelors"),
    ("bac en informatique", "bachelors"), ("baccalauréat universitaire", "bachelors"),
    ("pas de diplôme", "less_than_secondary"), ("je n'ai pas fini le lycée", "less_than_secondary"),
    ("une licence et un BTS", "two_or_more"), ("deux diplômes", "two_or_more"),
])
def test_education_words(text, level):
    assert read(text, "education")["education"] == level


@pytest.mark.parametrize("text,word", [("bac", "bac"), ("J'ai le bac", "bac"), ("baccalauréat", "bac"),
                                       ("un DEC", "dec"), ("DEC", "dec"), ("un CAP de cuisine", "vocational"),
                                       ("j'ai un BEP", "vocational"), ("DEP en mécanique", "vocational"),
                                       ("bac+4", "bac4"), ("bac +4 en droit", "bac4")])
def test_an_ambiguous_credential_is_asked_about(text, word):
    turn = dialogue.read_turn({"language": "fr"}, text, "inform", "education")
    assert "education" not in turn.values
    assert {"response": f"utter_form_which_{word}"} in turn.messages
    assert turn.which_asked


@pytest.mark.parametrize("payload,level", [
    ("bac français (diplôme d'études secondaires)", "secondary"), ("baccalauréat universitaire (Québec)", "bachelors"),
    ("DEC de 2 ans (préuniversitaire)", "two_year"), ("DEC de 3 ans (technique)", "bachelors"),
])
def test_the_buttons_of_the_question_read_as_one_level(payload, level):
    assert read(payload, "education")["education"] == level


def test_every_button_of_the_education_questions_reads_as_one_level():
    """The domain's "which one?" questions about a credential (bac, DEC, CAP/BEP/DEP, bac+4): each button, in each
    language, answers with one education level the form reads."""
    import pathlib

    import yaml

    domain = yaml.safe_load((pathlib.Path(__file__).resolve().parents[2] / "domain.yml").read_text(encoding="utf-8"))
    for word in ("bac", "dec", "vocational", "bac4"):
        variations = domain["responses"][f"utter_form_which_{word}"]
        assert len(variations) == 2  # English and French
        for variation in variations:
            levels = [read(b["payload"], "education").get("education") for b in variation["buttons"]]
            assert None not in levels and len(set(levels)) == len(levels), (word, levels)


def test_a_bac_said_for_a_canadian_credential_is_a_bachelors():
    assert read("un bac", "canadian_education", {"language": "fr"})["canadian_education"] == "three_year_or_more"
    assert read("DEC de 3 ans (technique)", "canadian_education")["canadian_education"] == "three_year_or_more"


def test_december_is_not_a_dec():
    assert read("IELTS taken Dec 2024", slots={"assessed_on": "2026-12-07"})["first_language_taken_on"] == "2024-12-01"
    turn = dialogue.read_turn({}, "Dec 2024", None, "first_language_taken_on")
    assert not any(m.get("response", "").startswith("utter_form_which_") for m in turn.messages)


# ----------------------------------------------------------------------------- TEF / TCF and NCLC

def test_tef_abilities_by_their_letters_in_any_order():
    values = read("TEF Canada : EO 400 CO 300 CE 250 EE 410")
    assert values["first_language_test"] == "tef"
    assert (values["first_language_listening"], values["first_language_reading"], values["first_language_writing"],
            values["first_language_speaking"]) == (300, 250, 410, 400)
    values = read("TCF Canada : EE 12 CE 480 EO 14 CO 500")
    assert (values["first_language_listening"], values["first_language_reading"], values["first_language_writing"],
            values["first_language_speaking"]) == (500, 480, 12, 14)


def test_tef_abilities_in_full_words():
    values = read("TEF : compréhension orale 300, compréhension écrite 250, expression écrite 350, "
                  "expression orale 400")
    assert (values["first_language_listening"], values["first_language_reading"], values["first_language_writing"],
            values["first_language_speaking"]) == (300, 250, 350, 400)


def test_abilities_after_their_scores():
    values = read("TEF Canada 300 en CO, 250 en CE, 410 en EE et 400 en EO")
    assert (values["first_language_listening"], values["first_language_reading"], values["first_language_writing"],
            values["first_language_speaking"]) == (300, 250, 410, 400)


@pytest.mark.parametrize("text,level", [("NCLC 7 partout", 7), ("NCLC 9 en tout", 9),
                                        ("NCLC 8 dans toutes les compétences", 8)])
def test_nclc_levels_for_all_four(text, level):
    values = read(text)
    assert values["first_language_test"] == "nclc"
    assert {values[f"first_language_{a}"] for a in ("listening", "reading", "writing", "speaking")} == {level}


def test_a_decimal_comma():
    values = read("IELTS 6,5 7 7 6,5")
    assert values["first_language_listening"] == 6.5 and values["first_language_speaking"] == 6.5


def test_no_french_test():
    assert read("pas de test de français", "second_language_test", {"first_language_test": "ielts"}) == {
        "second_language_test": "none"}


# ----------------------------------------------------------------------------- yes, no, unknowns, skips

@pytest.mark.parametrize("text,value", [("oui", True), ("Ouais", True), ("bien sûr", True), ("non", False),
                                        ("pas du tout", False), ("non merci", False), ("je ne sais pas", None)])
def test_yes_and_no(text, value):
    assert answers.yes_no(normalise(text)) is value


@pytest.mark.parametrize("text", ["je ne sais pas", "je sais pas", "aucune idée", "je ne me souviens plus"])
def test_i_dont_know(text):
    assert answers.DONT_KNOW.search(normalise(text))


@pytest.mark.parametrize("text", ["passer", "je passe", "question suivante", "je préfère ne pas répondre"])
def test_a_skip(text):
    from actions import unknown

    assert unknown.skip_said(normalise(text))


def test_flags_in_passing():
    values = read("pas de PCP, un frère au Canada, EDE faite", None)
    assert values["provincial_nomination"] is False and values["sibling_in_canada"] is True
    assert values["education_recognized"] is True


# ----------------------------------------------------------------------------- corrections and what-ifs

@pytest.mark.parametrize("text", ["en fait j'ai 33 ans", "en fait, 33 ans", "je me suis trompé, j'ai 33 ans",
                                  "non, pas 32, 33 ans"])
def test_corrections(text):
    assert is_correction(text, find_entities(text))
    assert read(text, None, {"age": 32})["age"] == 33


def test_a_corrected_score():
    assert read("non, pas 7, 8", "first_language_listening", {"first_language_test": "ielts"})[
        "first_language_listening"] == 8


@pytest.mark.parametrize("text", ["et si j'avais NCLC 9 ?", "Et si j'avais un master?", "si j'obtenais NCLC 10"])
def test_french_what_ifs(text):
    assert hypothetical(normalise(text))
    assert is_hypothetical_change(text, find_entities(text))
    assert what_if.is_what_if(text, None)
    assert not is_correction(text, find_entities(text))


def test_a_french_what_if_reads_its_values():
    slots = {"first_language_test": "tef"}
    assert what_if.values("et si j'avais NCLC 9 ?", slots)["first_language_reading"] == 9
    assert what_if.values("et avec un an de plus au Canada ?", {"canadian_work_years": 2})["canadian_work_years"] == 3


# ----------------------------------------------------------------------------- a whole profile in French

def test_a_whole_profile_post():
    text = ("Bonjour, j'ai 31 ans, mariée, master en informatique, TCF Canada CO 500 CE 480 EE 12 EO 14 passé le "
            "3 mars 2025, 3 ans d'expérience en France et 1 an au Canada, mon mari vient avec moi, pas de PCP")
    assert is_profile_post(text, find_entities(text))
    values = read(text, "age", {"assessed_on": "2026-12-07"})
    assert values["age"] == 31 and values["marital_status"] == "married" and values["education"] == "masters"
    assert values["first_language_test"] == "tcf" and values["first_language_taken_on"] == "2025-03-03"
    assert (values["first_language_listening"], values["first_language_reading"], values["first_language_writing"],
            values["first_language_speaking"]) == (500, 480, 12, 14)
    assert values["foreign_work_years"] == 3 and values["canadian_work_years"] == 1
    assert values["spouse_accompanying"] is True and values["provincial_nomination"] is False


# ----------------------------------------------------------------------------- English stays English

@pytest.mark.parametrize("text", [
    "I'm 34 and separated", "IELTS L8 R7.5 W7 S7 taken Dec 2024", "my MA is from Montréal", "single",
    "3 years in Canada and 4 back home", "what if I had CLB 9?", "I don't know", "skip", "no", "yes",
    "8, 7.5, 7, 7", "married, wife coming with me", "I have a bachelor's degree", "a 2-year diploma",
])
def test_english_messages_are_not_read_as_french(text):
    assert not french.is_french(text)


@pytest.mark.parametrize("text", ["j'ai 34 ans", "marié", "CO 450 CE 300 EE 410 EO 400", "NCLC 7 partout", "oui",
                                  "non", "bac+5", "le 1er juin 2024", "je sais pas"])
def test_french_messages_are_french(text):
    assert french.is_french(text)


@pytest.mark.parametrize("text, years", [("six ans", 6), ("6 ans", 6), ("4 ans.", 4)])
def test_n_ans_alone_at_a_question_of_years_is_the_years_not_an_age(text, years):
    """The French simulator answered "six ans" to the work-abroad question and read "6 n'est pas possible ici.
    Valeurs acceptées : un nombre entier de 16 à 100" (an age) before the next question."""
    values, errors = parsing.extract(text, "foreign_work_years", {"language": "fr"}, None)
    assert values == {"foreign_work_years": years} and errors == {}
    assert parsing.extract("34 ans", "age", {"language": "fr"}, None) == ({"age": 34}, {})  # at the age question
