"""French-speaking candidates for the simulator: sim.Candidate answering from the French bank (bank_fr.py), their
corrections, unknowns and whole-profile posts in French (the simulator's own words, independent of the bot's
readers). ``sim.simulate(..., language="fr")`` runs them.
"""
import copy
import datetime as dt
import random
from typing import Any, Dict, List, Optional, Tuple

from tests.sim import bank_fr
from tests.sim.sim import A, LANG, Candidate, _other_score
from tests.sim.words import num

OPENINGS = ["Bonjour, je voudrais connaître mon score CRS", "Salut ! calcule mon score SCG stp",
            "bonjour, je veux savoir mon score Entrée express", "évaluer mon profil s'il vous plaît"]
ELIG_OPENINGS = ["je voudrais vérifier mon admissibilité", "bonjour, je veux savoir si je suis admissible"]
UNKNOWN_ANSWERS = bank_fr.SKIPS


class FrenchCandidate(Candidate):
    """A candidate who answers in French (bank_fr): the bank's styles, plus what sim.Candidate says in its own words
    (no other test, a date not known, work here and abroad, the confirmation, corrections)."""
    OPENINGS, ELIG_OPENINGS, UNKNOWN_ANSWERS = OPENINGS, ELIG_OPENINGS, UNKNOWN_ANSWERS
    RESTART = "calculer mon score"  # what the candidate says when the form is not running

    def __init__(self, c: Dict[str, Any]):
        super().__init__(c, bank_fr)

    def answer(self, slot: str, attempt: int) -> str:
        b, t, p = self.bank, self.truth, self.profile
        st = self.style_for(slot, attempt)
        for g in LANG:
            if slot == f"{g}_test" and p.get(g) is None:
                return self.rng.choice(b.NO_OTHER_TEST)
            if slot == f"{g}_taken_on" and slot not in t:
                return self.rng.choice(b.DONT_KNOW)
        if slot == "canadian_work_years" and st == "multi" and attempt == 1 and t.get("foreign_work_years"):
            return b.work_here_and_abroad(t[slot], t["foreign_work_years"], self.rng)
        if slot == "canadian_work_months_last_3_years":
            return b.months(t[slot], st)
        if slot == "profile_confirmed":
            return self.rng.choice(b.CONFIRM)
        if slot == "spouse_education" and st == "chatty":
            return b.spouse_education(b.EDUCATION[t[slot]][b.STYLES.index(st)])
        return super().answer(slot, attempt)

    def _with_date(self, told: str, group: str, style: str) -> str:
        iso = self.truth.get(f"{group}_taken_on")
        return f"{told}, passé {self.bank.date(iso, style)}" if iso else told

    def correction(self) -> Optional[Tuple[str, str, Dict[str, Any]]]:
        """(kind, message in French, new true profile)."""
        p = self.profile
        kinds = ["absolute_age", "one_ability"]
        if "second_language" in p:
            kinds.append("second_test")
        kind = self.rng.choice(kinds)
        new = copy.deepcopy(p)
        if kind == "absolute_age":
            new["age"] = min(60, p["age"] + self.rng.choice([1, 2, 3]))
            return kind, self.rng.choice([f"en fait j'ai {new['age']} ans", f"désolé, mon âge est {new['age']}",
                                          f"je me suis trompé, j'ai {new['age']} ans",
                                          f"non, pas {p['age']}, {new['age']} ans"]), new
        group = "second_language" if kind == "second_test" else "first_language"
        res = new[group]
        ability = self.rng.choice(A)
        value = _other_score(res["test"], ability, res[ability], self.rng)
        res[ability] = value
        said = {"listening": "compréhension orale", "reading": "compréhension écrite", "writing": "expression écrite",
                "speaking": "expression orale"}[ability]
        code = {"listening": "CO", "reading": "CE", "writing": "EE", "speaking": "EO"}[ability]
        if kind == "second_test":
            return kind, self.rng.choice([f"à mon deuxième test : {said} {num(value)}",
                                          f"en fait, mon deuxième test : {said} {num(value)}"]), new
        if res["test"] in ("tef", "tcf", "nclc"):
            return kind, self.rng.choice([f"en fait j'ai eu {num(value)} en {code}, pas {num(p[group][ability])}",
                                          f"correction : {said} {num(value)}",
                                          f"je me suis trompé, {code} {num(value)}"]), new
        return kind, self.rng.choice([f"en fait j'ai eu {num(value)} en {ability}, pas {num(p[group][ability])}",
                                      f"correction : mon {ability} est {num(value)}",
                                      f"je me suis trompée, {ability} {num(value)}"]), new

    # ------------------------------------------------------------------------- the whole profile in one message
    def post(self, style: str) -> str:
        return post(self.profile, style, self.rng)


STYLES = ["list", "paragraph", "semicolon", "slash", "pipe", "forum"]
SCORE_FORMS = ["codes", "codes_shuffled", "slashes", "labelled", "words"]
NAMES = {"ielts": ["IELTS", "IELTS General"], "celpip": ["CELPIP", "CELPIP-G"], "pte": ["PTE Core", "PTE"],
         "tef": ["TEF Canada", "TEF"], "tcf": ["TCF Canada", "TCF"], "clb": ["CLB"], "nclc": ["NCLC"]}
EDUCATION = {"less_than_secondary": ["pas de diplôme", "sans diplôme"], "secondary": ["bac S", "bac général", "DES"],
             "one_year": ["une AEC", "AEC en comptabilité"], "two_year": ["BTS", "DUT", "bac+2"],
             "bachelors": ["licence", "bac+3", "licence pro"],
             "two_or_more": ["une licence et un BTS", "deux diplômes"],
             "masters": ["master", "bac+5", "maîtrise"], "doctoral": ["doctorat", "bac+8"]}
SPOUSE_EDUCATION = {"less_than_secondary": "pas de diplôme", "secondary": "le bac français", "one_year": "une AEC",
                    "two_year": "un BTS", "bachelors": "une licence", "two_or_more": "deux diplômes",
                    "masters": "un master", "doctoral": "un doctorat"}
MARITAL = {"single": ["célibataire", "jamais mariée"], "married": ["marié", "mariée"],
           "common_law": ["conjoint de fait", "en union libre"], "separated": ["séparé", "séparée"],
           "divorced": ["divorcé", "divorcée"], "widowed": ["veuf", "veuve"]}
FOREIGN = ["en France", "à l'étranger", "au Maroc", "en Belgique", "au Sénégal", "hors du Canada"]
CODES = (("CO", "listening"), ("CE", "reading"), ("EE", "writing"), ("EO", "speaking"))


def scores(res: Dict[str, Any], form: str, rng: random.Random) -> str:
    """A test, its scores and its date, as French speakers post them (TEF/TCF by CO/CE/EE/EO in any order)."""
    t = res["test"]
    name = rng.choice(NAMES[t])
    v = {a: num(res[a]) for a in A}
    if t in ("clb", "nclc") and len(set(v.values())) == 1:
        text = rng.choice([f"{name} {v['listening']} partout", f"{name} {v['listening']} en tout",
                           f"{name} {v['listening']} dans toutes les compétences"])
    elif t in ("tef", "tcf", "nclc"):
        codes = list(CODES)
        if form == "codes_shuffled":
            rng.shuffle(codes)
        if form == "labelled":
            text = (f"{name} : compréhension orale {v['listening']}, compréhension écrite {v['reading']}, "
                    f"expression écrite {v['writing']}, expression orale {v['speaking']}")
        elif form == "slashes":
            text = f"{name} " + " / ".join(f"{c} {v[a]}" for c, a in codes)
        else:
            text = f"{name} " + " ".join(f"{c} {v[a]}" for c, a in codes)
    else:
        fr = {a: x.replace(".", ",") for a, x in v.items()}
        text = {"codes": f"{name} L{v['listening']} R{v['reading']} W{v['writing']} S{v['speaking']}",
                "codes_shuffled": f"{name} L{v['listening']} R{v['reading']} W{v['writing']} S{v['speaking']}",
                "slashes": f"{name} {v['listening']}/{v['reading']}/{v['writing']}/{v['speaking']}",
                "labelled": f"{name} : listening {fr['listening']}, reading {fr['reading']}, writing {fr['writing']}, "
                            f"speaking {fr['speaking']}",
                "words": f"{name} {fr['listening']} {fr['reading']} {fr['writing']} {fr['speaking']}"}[form]
    if res.get("taken_on"):
        d = dt.date.fromisoformat(res["taken_on"])
        when = (f"{d.day:02d}/{d.month:02d}/{d.year}" if rng.random() < 0.5 else
                f"{'1er' if d.day == 1 else d.day} {bank_fr.MONTHS[d.month - 1]} {d.year}")
        text += rng.choice([f" passé le {when}", f" ({when})", f" le {when}"])
    return text


def _years(n: int, where: str, rng: random.Random) -> str:
    if n == 0:
        return "pas d'expérience au Canada" if where == "Canada" else "pas d'expérience à l'étranger"
    an = "an" if n == 1 else "ans"
    if where == "Canada":
        return rng.choice([f"{n} {an} d'expérience au Canada", f"{n} {an} d'expérience canadienne",
                           f"{n} {an} de travail à Montréal"])
    return f"{n} {an} d'expérience {where}"


def facts(p: Dict[str, Any], rng: random.Random, form: str) -> List[str]:
    out = [f"{p['age']} ans"]
    out.append(rng.choice(MARITAL[p["marital_status"]]))
    partner = p["marital_status"] in ("married", "common_law")
    who, she = rng.choice([("ma femme", "elle"), ("mon mari", "il"), ("ma conjointe", "elle"), ("mon conjoint", "il")])
    if partner:
        if p.get("spouse_canadian"):
            out.append(f"{who} est citoyenne canadienne" if she == "elle" else f"{who} est citoyen canadien")
        elif p.get("spouse_accompanying"):
            out.append(rng.choice([f"{who} vient avec moi", f"{who} m'accompagne"]))
        else:
            out.append(rng.choice([f"{who} ne vient pas", f"{who} reste au pays"]))
    edu = rng.choice(EDUCATION[p["education"]])
    if p["education"] != "less_than_secondary":
        edu += rng.choice([" avec EDE", " (EDE faite)", " avec évaluation des diplômes WES"]) \
            if p.get("education_recognized") else rng.choice([" (pas encore d'EDE)", ", pas d'EDE"])
    out.append(edu)
    out.append({"none": rng.choice(["pas d'études au Canada", "aucune étude au Canada"]),
                "one_or_two_year": rng.choice(["diplôme de 2 ans au Canada", "certificat canadien d'un an"]),
                "three_year_or_more": rng.choice(["diplôme canadien de 4 ans", "diplôme de 3 ans d'un collège canadien"])
                }[p.get("canadian_education", "none")])
    out.append(scores(p["first_language"], form, rng))
    if p.get("second_language"):
        out.append(scores(p["second_language"], rng.choice(SCORE_FORMS), rng))
    elif rng.random() < 0.7:
        french = p["first_language"]["test"] in ("tef", "tcf", "nclc")
        out.append(rng.choice(["pas d'autre test", "pas de deuxième test", "pas de test d'anglais" if french
                               else "pas de test de français"]))
    out.append(_years(p.get("canadian_work_years", 0), "Canada", rng))
    out.append(_years(p.get("foreign_work_years", 0), rng.choice(FOREIGN), rng))
    if partner and p.get("spouse_education"):
        out.append(f"{who} a {SPOUSE_EDUCATION[p['spouse_education']]}")
        if p.get("spouse_language"):
            out.append(f"test de {who} : " + scores(p["spouse_language"], rng.choice(SCORE_FORMS), rng))
        else:
            out.append(f"{who} n'a pas de test de langue")
        n = p.get("spouse_canadian_work_years", 0)
        out.append(f"{who} a {n} an{'s' if n != 1 else ''} d'expérience au Canada" if n
                   else f"{who} n'a pas d'expérience au Canada")
    out.append("certificat de qualification" if p.get("certificate_of_qualification") else "pas de certificat de qualification")
    out.append("nomination provinciale" if p.get("provincial_nomination") else "pas de PCP")
    out.append("un frère au Canada" if p.get("sibling_in_canada") else "pas de frère ni sœur au Canada")
    return out


def post(p: Dict[str, Any], style: str, rng: random.Random) -> str:
    fs = facts(p, rng, rng.choice(SCORE_FORMS))
    opener = rng.choice(["Calcul CRS svp : ", "Mon profil : ", "Bonjour ! ", "", "Quel serait mon score ? "])
    if style == "list":
        return "Mon profil :\n" + "\n".join(f"- {f}" for f in fs)
    if style == "paragraph":
        return opener + f"J'ai {p['age']} ans et je suis " + ". ".join(fs[1:]) + "."
    sep = {"semicolon": "; ", "slash": " / ", "pipe": " | ", "forum": ", "}[style]
    return opener + sep.join(fs)


def english_sentences(records) -> List[str]:
    """The sentences of the bot's replies in these conversations that read as English
    (understanding.language.detect), links left out; the form-only driver's "ask <slot>:" before a question is not
    part of the reply."""
    import re

    from understanding.language import detect

    found = []
    for r in records:
        for _, reply in r["log"] + list((r.get("correction") or {}).get("log") or []):
            for line in reply.splitlines():
                if line.startswith("ask "):
                    line = line.split(": ", 1)[-1]
                line = re.sub(r"\]\([^)]*\)|https?://\S+", " ", line)
                found += [s for s in re.split(r"(?<=[.!?;:])\s+", line) if detect(s) == "en"]
    return found
