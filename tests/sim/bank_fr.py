"""The French paraphrase bank: how French-speaking candidates (France, Belgium, Switzerland, Quebec, francophone
Africa) answer each question, in the styles of bank.py and with its interface, so that the simulator's
candidates (sim.Candidate) can talk French. Written from how people write in forums and chats (tutoiement aside):
terse, chatty, typos and missing accents, numbers in words (Belgian and Swiss ones too), units, several facts at
once, levels, buttons; never from the bot's patterns.
"""
import datetime as dt
from typing import Any, Dict

from tests.sim.words import num

STYLES = ["terse", "chatty", "typos", "words", "units", "multi", "levels", "buttons"]

_UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
          "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def words(n, belgian: bool = False) -> str:
    """A number in French words ("trente-quatre", "vingt et un", "soixante-dix"; "septante", "nonante" in Belgium
    and Switzerland); halves as "et demi"."""
    if isinstance(n, float) and not n.is_integer():
        return f"{words(int(n), belgian)} et demi" if n - int(n) == 0.5 else num(n)
    n = int(n)
    if n < 20:
        return _UNITS[n]
    if n < 70 or (belgian and n < 100):
        tens = {7: "septante", 8: "quatre-vingts", 9: "nonante"}.get(n // 10) or _TENS[n // 10]
        u = n % 10
        if u == 0:
            return tens
        return f"{tens.rstrip('s')} et un" if u == 1 and n // 10 != 8 else f"{tens.rstrip('s')}-{_UNITS[u]}"
    if n < 80:
        return "soixante et onze" if n == 71 else "soixante-" + _UNITS[n - 60]
    if n < 100:
        return "quatre-vingts" if n == 80 else "quatre-vingt-" + _UNITS[n - 80]
    if n < 1000:
        h, rest = divmod(n, 100)
        head = "cent" if h == 1 else f"{_UNITS[h]} cent" + ("s" if rest == 0 else "")
        return head if rest == 0 else f"{head} {words(rest, belgian)}"
    return num(n)


MARITAL = {
    "single": ["célibataire", "je suis célibataire, jamais mariée", "celibataire", "célibataire", "pas mariée",
               "célibataire, sans conjoint", "jamais marié", "célib"],
    "married": ["marié", "oui je suis mariée, on a deux enfants", "marie", "mariée", "marié", "marié depuis 2015",
                "mariée", "j'ai un mari"],
    "common_law": ["conjoint de fait", "je vis avec mon copain depuis 3 ans, on n'est pas mariés", "conjointe de fait",
                   "union libre", "en union de fait", "on vit ensemble sans être mariés", "conjointe de fait",
                   "en concubinage"],
    "separated": ["séparé", "séparée de mon mari, le divorce n'est pas encore prononcé", "separe", "séparée",
                  "séparé", "on s'est séparés mais on est encore mariés légalement", "séparée", "séparé de corps"],
    "divorced": ["divorcé", "j'ai divorcé il y a deux ans", "divorce", "divorcée", "divorcé", "divorcée, sans enfants",
                 "divorcé", "je suis divorcée"],
    "widowed": ["veuf", "mon mari est décédé en 2020", "veuve", "veuve", "veuf", "veuf, j'ai perdu ma femme",
                "veuve", "je suis veuve"],
}
MARITAL_BUTTON = {"single": "single", "married": "married", "common_law": "common_law", "divorced": "divorced",
                  "widowed": "widowed"}

EDUCATION = {
    "less_than_secondary": ["pas de diplôme", "je n'ai pas fini le lycée", "pas de diplome", "sans diplôme",
                            "pas terminé le secondaire", "je n'ai pas fini le secondaire", "pas de bac",
                            "aucun diplôme"],
    "secondary": ["bac S", "juste le bac, un bac général en France", "bac francais", "diplôme d'études secondaires",
                  "DES", "le bac pro", "bac ES", "diplôme d'études secondaires (Québec)"],
    "one_year": ["AEC", "une AEC en comptabilité au cégep", "aec", "une attestation d'études collégiales",
                 "AEC d'un an", "un certificat d'un an", "AEC", "une AEC"],
    "two_year": ["BTS", "j'ai un BTS en commerce international", "bts", "un DUT informatique", "bac+2",
                 "DEC préuniversitaire", "DUT", "un BTS"],
    "bachelors": ["licence", "j'ai une licence en informatique", "licence pro", "bac+3", "un baccalauréat universitaire",
                  "baccalauréat en génie au Québec", "licence", "DEC technique"],
    "two_or_more": ["deux diplômes", "une licence et un BTS", "licence + BTS", "2 diplômes",
                    "un bac+3 et un DUT", "j'ai une licence et un DUT", "deux diplômes", "une licence et un BTS"],
    "masters": ["master", "j'ai fait un master en finance après ma licence", "mastere", "bac+5", "maîtrise",
                "diplôme d'ingénieur", "master 2", "une maîtrise"],
    "doctoral": ["doctorat", "j'ai un doctorat en chimie", "doctorat", "bac+8", "un doctorat",
                 "doctorat en physique", "docteur en biologie", "doctorat"],
}

YES = ["oui", "oui, c'est ça", "ouais", "ouais", "oui bien sûr", "oui tout à fait", "bien sûr", "oui"]
NO = ["non", "non, pas du tout", "nan", "non", "pas du tout", "non merci", "absolument pas", "non"]
BOOL_CHATTY = {
    "sibling_in_canada": ("oui, mon frère vit à Montréal, il est citoyen", "non, pas de frère ni de sœur au Canada"),
    "provincial_nomination": ("oui, j'ai une nomination provinciale de l'Ontario", "non, pas de nomination"),
    "certificate_of_qualification": ("oui, j'ai un certificat de qualification", "non, je n'en ai pas"),
    "education_recognized": ("oui, j'ai mon EDE de WES", "non, pas encore d'EDE"),
    "spouse_canadian": ("oui, elle est résidente permanente", "non, elle n'est pas canadienne"),
    "spouse_accompanying": ("oui, elle vient avec moi", "non, elle reste au pays"),
}

TEST = {
    "ielts": ["IELTS", "j'ai passé l'IELTS General Training", "ielts", "IELTS General", "ielts gt", "IELTS", "IELTS",
              "IELTS"],
    "celpip": ["CELPIP", "j'ai passé le CELPIP general", "celpip", "CELPIP-G", "celpip general", "CELPIP", "CELPIP",
               "CELPIP"],
    "pte": ["PTE", "j'ai passé le PTE Core", "pte core", "PTE Core", "pte", "PTE", "PTE", "PTE"],
    "tef": ["TEF", "j'ai passé le TEF Canada", "tef canada", "TEF Canada", "tef", "TEF", "TEF", "TEF"],
    "tcf": ["TCF", "j'ai passé le TCF Canada", "tcf canada", "TCF Canada", "tcf", "TCF", "TCF", "TCF"],
    "clb": ["je connais mes niveaux CLB", "je n'ai pas le relevé mais je connais mes niveaux CLB", "clb", "CLB",
            "clb", "niveaux CLB", "CLB", "CLB"],
    "nclc": ["NCLC", "je connais mes niveaux NCLC", "nclc", "NCLC", "nclc", "niveaux NCLC", "NCLC", "NCLC"],
}
TEST_NAME = {"ielts": "IELTS", "celpip": "CELPIP", "pte": "PTE", "tef": "TEF", "tcf": "TCF", "clb": "CLB",
             "nclc": "NCLC"}
FRENCH_TESTS = ("tef", "tcf", "nclc")
A = ("listening", "reading", "writing", "speaking")


def _fr(v) -> str:
    """A score with a decimal comma ("6,5")."""
    return num(v).replace(".", ",")


def scores(res: Dict[str, Any], style: str, who: str = "") -> str:
    l, r, w, s = (res[a] for a in A)
    t = res["test"]
    same = l == r == w == s
    if t in ("clb", "nclc"):
        name = t.upper()
        if same:
            return {"terse": f"{num(l)}", "chatty": f"j'ai {name} {num(l)} dans les quatre compétences",
                    "typos": f"{name.lower()} {num(l)} partout", "words": f"{words(l)} partout",
                    "units": f"{name} {num(l)} en tout", "multi": f"{name} {num(l)} partout",
                    "levels": f"{name} {num(l)}", "buttons": f"{num(l)} {num(r)} {num(w)} {num(s)}"}[style]
        if t == "nclc":
            return {"terse": f"{num(l)} {num(r)} {num(w)} {num(s)}",
                    "chatty": f"NCLC {num(l)} en compréhension orale, {num(r)} en compréhension écrite, {num(w)} en "
                              f"expression écrite et {num(s)} en expression orale",
                    "typos": f"co {num(l)} ce {num(r)} ee {num(w)} eo {num(s)}",
                    "words": f"{words(l)}, {words(r)}, {words(w)}, {words(s)}",
                    "units": f"EO {num(s)} CO {num(l)} CE {num(r)} EE {num(w)}",
                    "multi": f"CO {num(l)} CE {num(r)} EE {num(w)} EO {num(s)}",
                    "levels": f"NCLC CO {num(l)} CE {num(r)} EE {num(w)} EO {num(s)}",
                    "buttons": f"{num(l)}, {num(r)}, {num(w)}, {num(s)}"}[style]
        return {"terse": f"{num(l)} {num(r)} {num(w)} {num(s)}",
                "chatty": f"mes niveaux : écoute {num(l)}, lecture {num(r)}, écriture {num(w)} et oral {num(s)}"
                .replace("oral", "expression orale"),
                "typos": f"L{num(l)} R{num(r)} W{num(w)} S{num(s)}",
                "words": f"{words(l)}, {words(r)}, {words(w)}, {words(s)}",
                "units": f"{name} {num(l)} en listening, {num(r)} en reading, {num(w)} en writing, {num(s)} en speaking",
                "multi": f"L{num(l)} R{num(r)} W{num(w)} S{num(s)}",
                "levels": f"{name} L{num(l)} R{num(r)} W{num(w)} S{num(s)}",
                "buttons": f"{num(l)}, {num(r)}, {num(w)}, {num(s)}"}[style]
    if t in FRENCH_TESTS:  # TEF / TCF: CO, CE, EE, EO as the report writes them, in any order
        return {"terse": f"{num(l)} {num(r)} {num(w)} {num(s)}",
                "chatty": f"j'ai eu {num(l)} en compréhension orale, {num(r)} en compréhension écrite, {num(w)} en "
                          f"expression écrite et {num(s)} en expression orale",
                "typos": f"co {num(l)} ce {num(r)} ee {num(w)} eo {num(s)}",
                "words": f"CO {words(l)}, CE {words(r)}, EE {words(w)}, EO {words(s)}",
                "units": f"CO : {num(l)}, CE : {num(r)}, EE : {num(w)}, EO : {num(s)}",
                "multi": f"{TEST_NAME[t]} EO {num(s)} CO {num(l)} CE {num(r)} EE {num(w)}",
                "levels": f"EE {num(w)}, EO {num(s)}, CE {num(r)}, CO {num(l)}",
                "buttons": f"{num(l)}, {num(r)}, {num(w)}, {num(s)}"}[style]
    return {"terse": f"{_fr(l)} {_fr(r)} {_fr(w)} {_fr(s)}",
            "chatty": f"j'ai eu {_fr(l)} en listening, {_fr(r)} en reading, {_fr(w)} en writing et {_fr(s)} en speaking",
            "typos": f"listening {_fr(l)} reading {_fr(r)} writing {_fr(w)} speaking {_fr(s)}",
            "words": f"compréhension orale {words(l)}, compréhension écrite {words(r)}, expression écrite {words(w)}, "
                     f"expression orale {words(s)}",
            "units": f"L : {_fr(l)}, R : {_fr(r)}, W : {_fr(w)}, S : {_fr(s)}",
            "multi": f"{TEST_NAME[t]} listening {num(l)} reading {num(r)} writing {num(w)} speaking {num(s)}",
            "levels": f"speaking {_fr(s)}, writing {_fr(w)}, reading {_fr(r)}, listening {_fr(l)}",
            "buttons": f"{num(l)}, {num(r)}, {num(w)}, {num(s)}"}[style]


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
          "décembre")


def date(iso: str, style: str) -> str:
    d = dt.date.fromisoformat(iso)
    month = MONTHS[d.month - 1]
    if d.day != 1:
        return {"terse": f"{d.day} {month} {d.year}", "chatty": f"je l'ai passé le {d.day} {month} {d.year}",
                "typos": f"le {d.day} {month.replace('é', 'e').replace('û', 'u')} {d.year}",
                "words": f"le {d.day} {month} {d.year}", "units": f"{d.day:02d}/{d.month:02d}/{d.year}",
                "multi": f"{d.day}/{d.month:02d}/{d.year}", "levels": f"{d.day} {month} {d.year}",
                "buttons": d.isoformat()}[style]
    return {"terse": f"{month} {d.year}", "chatty": f"je l'ai passé en {month} {d.year}",
            "typos": f"{month.replace('é', 'e').replace('û', 'u')} {d.year}", "words": f"le 1er {month} {d.year}",
            "units": f"{d.month:02d}/{d.year}", "multi": f"en {month} {d.year}", "levels": f"{month} {d.year}",
            "buttons": d.isoformat()}[style]


def years(n: int, style: str) -> str:
    if n == 0:
        return {"terse": "0", "chatty": "aucune, je n'y ai pas travaillé", "typos": "aucune", "words": "zéro",
                "units": "0 an", "multi": "pas d'expérience", "levels": "aucune", "buttons": "0"}[style]
    an = "an" if n == 1 else "ans"
    return {"terse": str(n), "chatty": f"environ {n} {an}", "typos": f"{n} annees", "words": f"{words(n)} {an}",
            "units": f"{n} {an}", "multi": f"{12 * n} mois", "levels": f"{n} {an}", "buttons": str(n)}[style]


def money(v: float, style: str) -> str:
    v = int(v)
    spaced = f"{v:,}".replace(",", " ")
    if v == 0:
        return {"terse": "0", "chatty": "rien de côté pour l'instant", "typos": "0", "words": "zéro",
                "units": "0 $", "multi": "aucune", "levels": "0 $", "buttons": "0"}[style]
    return {"terse": str(v), "chatty": f"environ {spaced} $", "typos": f"{v}", "words": f"{spaced} dollars",
            "units": f"{spaced} $ CAD", "multi": f"{v // 1000}k", "levels": f"{spaced} $", "buttons": str(v)}[style]


def family(n: int, style: str, partner: bool) -> str:
    kids = n - 1 - (1 if partner else 0)
    if style == "chatty":
        if n == 1:
            return "juste moi"
        who = "moi et ma femme" if partner else "moi"
        return who + (f" et {kids} enfants" if kids > 1 else " et 1 enfant" if kids == 1 else "")
    return {"terse": str(n), "typos": f"{n} persones", "words": words(n), "units": f"{n} personnes",
            "multi": f"{n} personnes", "levels": f"{n}", "buttons": str(n)}[style]


def age(n: int, style: str, marital: str) -> str:
    m = {"single": "célibataire", "married": "marié", "common_law": "conjoint de fait", "separated": "séparé",
         "divorced": "divorcé", "widowed": "veuf"}[marital]
    return {"terse": str(n), "chatty": f"j'ai {n} ans", "typos": f"jai {n} ans", "words": f"{words(n, n % 2 == 1)} ans",
            "units": f"{n} ans", "multi": f"{n} ans, {m}", "levels": f"âge : {n}", "buttons": str(n)}[style]


def canadian_education(v: str, style: str) -> str:
    table = {
        "none": ["non", "non, toutes mes études sont à l'étranger", "nan", "aucune", "pas d'études au Canada", "non",
                 "aucune", '/inform{"choice":"none"}'],
        "one_or_two_year": ["oui, 2 ans", "oui, un DEC de 2 ans au cégep", "oui une AEC", "oui, une AEC d'un an",
                            "un programme de 2 ans dans un collège canadien", "oui, un diplôme collégial de 2 ans",
                            "1 ou 2 ans", '/inform{"choice":"one_or_two_year"}'],
        "three_year_or_more": ["oui, 4 ans", "oui, mon bac à l'UQAM", "oui 3 ans ou plus", "oui, un baccalauréat",
                               "3 ans ou plus", "une maîtrise à l'Université Laval", "oui, un DEC technique de 3 ans",
                               '/inform{"choice":"three_year_or_more"}'],
    }
    return table[v][STYLES.index(style)]


def bool_answer(slot: str, v: bool, style: str) -> str:
    if style == "buttons":
        return "/affirm" if v else "/deny"
    if style == "chatty" and slot in BOOL_CHATTY:
        return BOOL_CHATTY[slot][0 if v else 1]
    return (YES if v else NO)[STYLES.index(style)]


def noc(code: str, title: str, style: str) -> str:
    return {"terse": code, "chatty": f"je travaille comme {title}, CNP {code}", "typos": f"cnp {code}", "words": code,
            "units": f"CNP {code}", "multi": f"mon code CNP est {code}", "levels": code, "buttons": code}[style]


# ----------------------------------------------------------------------------- what sim.Candidate says in English
NO_OTHER_TEST = ["non", "non, seulement celui-là", "nan", "pas d'autre test", '/inform{"choice":"none"}']
DONT_KNOW = ["je ne sais pas", "je sais pas", "aucune idée", "je ne me souviens plus"]
CONFIRM = ["oui", "oui c'est bien ça", "/affirm", "exact"]
SKIPS = ["passer", "je préfère ne pas répondre", "question suivante", "je sais pas", "aucune idée"]


def work_here_and_abroad(here: int, abroad: int, rng) -> str:
    a = f"{here} an" if here == 1 else f"{here} ans"
    return rng.choice([f"{a} ici et {abroad} ans dans mon pays", f"{a} au Canada et {abroad} ans à l'étranger",
                       f"{here} au canada, {abroad} hors du Canada"])


def months(v: int, style: str) -> str:
    return {"terse": str(v), "chatty": f"environ {v} mois", "words": f"{words(v)} mois"}.get(style, f"{v} mois")


def spouse_education(text: str) -> str:
    return "elle a " + text if not text.startswith(("j'ai", "je ")) else text
