"""French messages, read by the same readers as English ones.

:func:`normalise` (called by :func:`understanding.text.normalise` on a message that :func:`is_french`, or on any
message of a conversation in French) rewrites the French words the readers hinge on into the words they read:
"j'ai trente-quatre ans" -> "i am 34 years old", "mariée" -> "married", "conjoint de fait" -> "common-law",
"bac+5" -> "master's", "CO 450" -> "listening 450", "NCLC 7 partout" -> "nclc 7 in all", "le 1er juin 2024" ->
"le 1 june 2024", "14/03/2025" (day first), "en fait" -> "actually", "et si j'avais" -> "what if i had",
"je ne sais pas" -> "i don't know", "passer" -> "skip". One reader per kind of fact stays in rules.py: this
module only says the French words in the readers' words.

Words that do not say one fact are left as typed, so that the form asks (:func:`ambiguous`): a "bac" alone (the
French baccalauréat ends secondary school; the Quebec baccalauréat is a university bachelor's degree), a DEC whose
length is not said (a 2-year pre-university or a 3-year technical program), a PACS (a civil union: common-law for
IRCC only after 12 months living together).
"""
import re
from typing import List, Optional

from express_entry.vocabulary import ABILITIES, MONTHS, MONTHS_FR

# Words only French has (or nearly): one of them, or a French accented letter, makes a message French.
_FRENCH_WORDS = re.compile(
    r"(?:^|[\s,;:.!?(\"'])(?:j'|je|suis|ans|années?|mois|oui|ouais|avec|pour|et|pas|une|mes|les|des|du|au|aux|"
    r"c'est|ça|était|aussi|très|merci|bonjour|salut|quel|quelle|combien|mais|dans|depuis|ici|aucune?|rien|"
    r"encore|fait|mari|femme|célibataire|celibataire|mariée?|pacsée?|pacs|conjointe?|licence|maîtrise|maitrise|"
    r"doctorat|diplôme|diplome|partout|passer|passe|sais|trompée?|l'|d'|qu'|n'|s'|m'|veuve?|divorcée|séparée?|"
    r"separee?|nan|ouai|non|bac|baccalauréat|baccalaureat|aec|bts|dut|lycée|secondaire|compréhension|expression|"
    r"1er|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|"
    r"deux|trois|quatre|cinq|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|"
    r"cinquante|soixante|septante|octante|huitante|nonante|cent|mille|partout|tout|technique"
    r"|union|libre|vit|vis|ensemble|veuf|suivante|si|mon|est|moi|enfants?|deuxième|personnes)(?=$|[\s,;:.!?)\"'+-])|(?<![\d,])\d,5(?!\d|,\d)|"
    r"(?:^|[^\w'])(?:j|l|d|qu|n|s|m|c)'[a-zéèêàâîôû]")
_ACCENTS = re.compile(r"[éèêëàâçôûùîïœ]")
# Accented names English writes too ("Montréal", "Québec", "résumé", "café"): not French by themselves.
_ENGLISH_ACCENTED = re.compile(r"\b(?:montréal|québec|résumé|café|fiancée?|naïve|déjà vu|rosé|protégé)\b")


def is_french(text: str) -> bool:
    """True for a message written in French ("j'ai 34 ans", "mariée", "CO 450 CE 300")."""
    t = (text or "").lower().replace("\u2019", "'")
    if _FRENCH_WORDS.search(t):
        return True
    if _ACCENTS.search(_ENGLISH_ACCENTED.sub(" ", t)):
        return True
    return len(_ABILITY_CODE.findall(t)) >= 2  # "CO 450 CE 300 EE 410 EO 400"


# TEF/TCF abilities as their reports write them, in the fixed order of the abilities (vocabulary.ABILITIES):
# compréhension orale, compréhension écrite, expression écrite, expression orale.
_CODES = dict(zip(("co", "ce", "ee", "eo"), ABILITIES))
_ABILITY_CODE = re.compile(r"\b(" + "|".join(_CODES) + r")\s*[:=]?\s*(?=\d)")
_ABILITY_CODE_AFTER = re.compile(r"(\d)\s+(?:en|à|a|pour|in)\s+(" + "|".join(_CODES) + r")\b")
# The abilities' French names (in the same order), and the words of the English readers they become.
_ABILITY_WORDS = dict(zip(ABILITIES, (
    r"\bcompr[eé]hension (?:orale|de l'oral)\b|\b[eé]coute\b",
    r"\bcompr[eé]hension (?:[eé]crite|de l'[eé]crit)\b|\blecture\b",
    r"\bexpression [eé]crite\b|\b[eé]criture\b|\br[eé]daction\b",
    r"\bexpression orale\b")))

_MONTH_EN = {fr: en.lower() for fr, en in zip(MONTHS_FR, MONTHS)}
_MONTH_EN.update({"fevrier": "february", "aout": "august", "decembre": "december", "janv": "january",
                  "févr": "february", "fevr": "february", "avr": "april", "juil": "july", "déc": "december"})
_MONTHS_RE = "|".join(sorted(_MONTH_EN, key=len, reverse=True))

_COUNTRIES = (r"france|belgique|suisse|maroc|algérie|algerie|tunisie|sénégal|senegal|cameroun|côte d'ivoire|"
              r"cote d'ivoire|liban|haïti|haiti|congo|rdc|madagascar|mali|bénin|benin|togo|gabon|guinée|guinee|niger|"
              r"tchad|burkina faso|mauritanie|djibouti|luxembourg|monaco|maurice|rwanda|burundi|chine|inde|mexique|"
              r"brésil|bresil|espagne|italie|allemagne|royaume-uni|angleterre|états-unis|etats-unis|usa|"
              r"philippines|nigeria|iran|pakistan|vietnam|roumanie|portugal|colombie|pérou|perou")
_CANADIAN_PLACES = (r"québec|quebec|montréal|montreal|ontario|alberta|manitoba|toronto|ottawa|gatineau|sherbrooke|"
                    r"vancouver|calgary|edmonton|winnipeg|moncton|halifax|laval|longueuil|trois-rivières|"
                    r"saguenay|colombie-britannique|nouveau-brunswick|nouvelle-écosse|saskatchewan")

_A = r"(?:à|a)"
_E = r"(?:é|e)"

_N = {"un": "1", "une": "1", "deux": "2", "trois": "3", "quatre": "4"}

# (pattern, replacement) in order: longer phrases before the words they contain.
REWRITES = [
    # "diplôme de 2 ans", "certificat canadien d'un an": the length of a credential, not of work
    (r"\b(dipl(?:ô|o)me|certificat|programme)( canadien| coll" + _E + r"gial)? (?:de |d')(\d|un|une|deux|trois|quatre) "
     r"(?:ans?|ann" + _E + r"es?)\b", lambda m: f"{m[2] or ''} {_N.get(m[3], m[3])}-year {m[1]}".strip()),
    (r"\b(?:d'|dans )une? (coll[èée]ge|c" + _E + r"gep|universit" + _E + r") canadien(?:ne)?\b", r"from a canadian \1"),
    # --- numbers and durations
    (r"\b1er\b|\bpremier\b(?=\s+(?:" + _MONTHS_RE + r")\b)", "1"),
    (r"\b(?:un|une|1) an(?:n" + _E + r"e)? et demie?\b", "18 months"),
    (r"\b(\d{1,2}) ans? et demie?\b", r"\1.5 years"),
    (r"\b(\d{1,2}) ann" + _E + r"es? et demie?\b", r"\1.5 years"),
    (r"\b(\d{1,2}) et demie?\b", r"\1.5"),  # "sept et demi" (a band)
    (r"\b(?:six|6) mois\b", "6 months"),
    (r"\b(\d+) ans? de plus\b|\b(\d+) ann" + _E + r"es? de plus\b", r"\1\2 more years"),
    (r"\bune? (?:ann" + _E + r"e|an) de plus\b|\bencore (?:un an|une ann" + _E + r"e)\b", "1 more year"),
    (r"\bun an\b|\bune ann" + _E + r"e\b", "1 year"),
    (r"\bun mois\b", "1 month"),
    (r"\bdeux\b", "2"), (r"\btrois\b", "3"),  # "deux diplômes" (text2num leaves a lone small number)
    # "non, pas 32, 33 ans": the new value first, as English says it ("33, not 32")
    (r"\b(?:non,? )?pas (\d+(?:\.\d)?)(?: ans)?,? (?:mais |plut(?:ô|o)t )?(\d+(?:\.\d)?)( ans)?",
     r"actually \2\3, not \1"),
    # --- age ("j'ai 34 ans", "âgé de 34 ans", "ma femme a 32 ans"), before durations
    (r"\b(?:j'ai|j ai|jai|ai|a|âg" + _E + r"e?s? de|ag" + _E + r"e?s? de|aura|aurai|j'aurai|avoir)\s+(\d{1,3})\s*ans\b"
     r"(?!\s*(?:d'|de |d |au |en |" + _A + r" |dans |comme |chez |pass|hors |ici|l" + _A + r"-bas|\.\d))",
     r"\1 years old"),
    (r"^\s*(\d{1,3})\s*ans\s*[.!]?\s*$|\b(\d{1,3}) ans(?=,? not \d)|(?:(?<=en fait )|(?<=actually ))(\d{1,3}) ans\b(?! d)", r"\1\2\3 years old"),
    (r"\b(?:mon )?" + r"[âa]ge\s*(?:est\s*(?:de\s*)?|:)\s*(\d{1,3})\b", r"age: \1"),
    (r"(?:^|(?<=[;,|/:!?.])|(?<=^-)|(?<=;-))\s*-?\s*(1[6-9]|[2-6]\d)\s*ans(?=\s*(?:$|[;,.|/]))", r" \1 years old"),  # "- 34 ans"
    (r"\b(\d{1,3}) ans (plus vieux|plus vieille|plus âgée?|de plus que)\b", r"\1 years older"),
    (r"\b(\d{1,3}) ans (plus jeune|de moins)\b", r"\1 years younger"),
    # --- marital status
    (r"\b(?:mon|ma) (?:mari|femme|" + _E + r"poux|" + _E + r"pouse|conjointe?) (?:est )?(?:d" + _E + r"c" + _E +
     r"d" + _E + r"e?|morte?)\b|\bd" + _E + r"c" + _E + r"s de (?:mon|ma) \w+", "widowed"),
    (r"\bjamais (?:" + _E + r"t" + _E + r" )?mari" + _E + r"e?s?\b", "never married"),
    (r"\bpas mari" + _E + r"e?s?\b", "not married"),
    (r"\b(?:mon|ma) conjointe? de fait\b", "my common-law partner"),
    (r"\bconjointe?s? de fait\b|\bunion de fait\b|\bunion libre\b|\bconcubinage\b|\bconcubine?\b|"
     r"\bvi(?:s|vons|t) (?:ensemble|en couple)\b|\bvi(?:s|vons) avec (?:mon|ma) (?:copain|copine|chum|blonde|"
     r"partenaire|conjointe?)\b", "common-law"),
    (r"\bc" + _E + r"libataire\b|\b(?:suis|vis) seule?\b", "single"),
    (r"\bmari" + _E + r"e?s?\b", "married"),
    (r"\bdivorc" + _E + r"e?s?\b", "divorced"),
    (r"\bs" + _E + r"par" + _E + r"e?s?\b", "separated"),
    (r"\bveu(?:f|ve)s?\b", "widowed"),
    # --- the partner
    (r"\b(?:ma|sa) (?:femme|" + _E + r"pouse|conjointe)\b", "my wife"),
    (r"\b(?:mon|son) (?:mari|" + _E + r"poux|conjoint)\b", "my husband"),
    (r"\b(?:mon|ma) (?:partenaire|copain|copine|chum|blonde)\b", "my partner"),
    (r"\bcitoyen(?:ne)? canadien(?:ne)?\b", "canadian citizen"),
    (r"\br" + _E + r"sidente? permanente?\b", "permanent resident"),
    (r"\b(?:ne )?(?:vient|viendra|viens) pas\b|\bne m'accompagne(?:ra)? pas\b|\breste(?:ra)? (?:au|en|l" + _A + r")\b",
     "not coming"),
    (r"\bvient avec moi\b|\bviendra avec moi\b|\bm'accompagne(?:ra)?\b|\bm'accompagn" + _E + r"\b", "coming with me"),
    # --- yes/no facts told in passing
    (r"\bnomination provinciale\b|\bd" + _E + r"signation provinciale\b|\bpcp\b|\bcandidat des provinces\b",
     "provincial nomination"),
    (r"\bfr(?:è|e)res?\b", "brother"), (r"\bs(?:oe|œ)urs?\b", "sister"),
    (r"\bcertificat de qualification\b", "certificate of qualification"),
    (r"\b" + _E + r"valuation (?:des|de mes) dipl(?:ô|o)mes\b|\bede\b|\b" + _E + r"quivalence\b", "eca"),
    (r"\boffre d'emploi\b", "job offer"),
    (r"\bpas encore\b", "not yet"), (r"\ben cours\b", "in progress"),
    # --- education (the ambiguous "bac", "baccalauréat" and "DEC" alone are left as typed: the form asks)
    (r"\b(?:pas|sans|aucun|jamais eu (?:mon|le)) (?:de |d')?(?:diplôme|diplome|bac)\b(?! \+)|"
     r"\bpas (?:fini|termin" + _E + r"|eu) (?:le |mon )?(?:lyc" + _E + r"e|secondaire|bac)\b", "no high school"),
    (r"\bbac ?\+ ?(?:8|7|6)\b|\bdoctorat\b|\bdocteure?\b|\bth" + _E + r"se\b", "phd"),
    (r"\bbac ?\+ ?5\b|\bmast(?:e|è)re?s?\b|\bma(?:î|i)trises?\b|\bm2\b|\bdipl(?:ô|o)me d'ing" + _E + r"nieur\b|"
     r"\bing" + _E + r"nieur dipl(?:ô|o)m" + _E + r"e?\b", "master's"),
    (r"\bbac(?:calaur" + _E + r"at)? (?:fran(?:ç|c)ais|en france|g" + _E + r"n" + _E + r"ral|technologique|"
     r"professionnel|pro|s|es|l|stmg|sti2d|scientifique|litt" + _E + r"raire|" + _E + r"conomique)\b|"
     r"\bbac(?:calaur" + _E + r"at)? \(?(?:de )?(?:fin du |fin d'|dipl(?:ô|o)me d')" + _E + r"tudes secondaires\)?|"
     r"\bdipl(?:ô|o)me d'" + _E + r"tudes secondaires\b|^\s*(?:un |mon |le )?des\s*$|\b(?:mon|un|le) des\b|"
     r"(?:(?<=^)|(?<=[;,|/:!?.-])|(?<=[;,|/:!?.-]\s))des(?=\s*(?:avec\b|\(|[;,|/.]|$))|"
     r"\blyc" + _E + r"e\b|\b(?:[ée]cole )?secondaire\b", "high school"),
    (r"\bbac(?:calaur" + _E + r"at)?\b[^,;.]{0,30}?(?:\bau qu" + _E + r"bec\b|\buniversit\w*|\bqu" + _E + r"b" + _E +
     r"cois\b)|\bbac(?:calaur" + _E + r"at)? (?:en|de|d') ?(?!france\b|pro\b|fin\b|\d)[a-zé]\w*", "bachelor's degree"),
    (r"\bbac ?\+ ?3\b|\blicences?(?: pro(?:fessionnelle)?)?\b|\bbachelor\b(?!')|\bbaccalaur" + _E + r"at universitaire\b|"
     r"\bbac(?:calaur" + _E + r"at)? (?:universitaire|qu" + _E + r"b" + _E + r"cois|au qu" + _E + r"bec|"
     r"de l'universit" + _E + r"|" + r"d'universit" + _E + r")\b", "bachelor's degree"),
    (r"\bbac ?\+ ?2\b|\bbts\b|\bdut\b|\bdeug\b|\bdeust\b|"
     r"\bdec (?:pr" + _E + r"universitaire|g" + _E + r"n" + _E + r"ral)\b|\bdec (?:de |en )?(?:2|deux) ans\b|"
     r"\bdipl(?:ô|o)me d'" + _E + r"tudes coll" + _E + r"giales (?:pr" + _E + r"universitaire|g" + _E + r"n" + _E +
     r"ral)\b", "college diploma"),
    (r"\bdec (?:technique|professionnel)\b|\bdec (?:de |en )?(?:3|trois) ans\b|\bdipl(?:ô|o)me d'" + _E +
     r"tudes coll" + _E + r"giales technique\b", "3-year college diploma"),
    (r"\baec\b|\battestation d'" + _E + r"tudes coll" + _E + r"giales\b", "1-year certificate"),
    (r"\bdec\b(?!\.?\s*\d)", "dec_quebec"),  # a DEC of unknown length (not December): the form asks
    (r"\b(?:2|deux|3|trois) dipl(?:ô|o)mes\b", "2 diplomas"),
    (r"\bdipl(?:ô|o)mes?\b", "diploma"), (r"\bcertificats?\b", "certificate"),
    (r"\buniversit" + _E + r"\b", "university"), (r"\bcoll[èée]ge\b|\bc" + _E + r"gep\b", "college"),
    (r"\bprogrammes?\b", "program"),
    (r"\b(?:pas|aucune?) (?:d'|de )?" + _E + r"tudes? (?:au canada|canadiennes?)\b", "no canadian education"),
    (r"\b" + _E + r"tudes?\b", "study"), (r"\b" + _E + r"tudi" + _E + r"e?\b", "studied"),
    # --- language tests and abilities
    *((words, ability) for ability, words in _ABILITY_WORDS.items()),
    (r"\b(?:partout|dans toutes les (?:comp" + _E + r"tences|" + _E + r"preuves|habilet" + _E + r"s)|"
     r"dans chaque (?:comp" + _E + r"tence|" + _E + r"preuve)|en tout|pour tout|aux 4|aux quatre|"
     r"sur toute la ligne|dans les 4|dans les quatre)\b", "in all"),
    (r"\b(?:pas de|aucun|sans|pas d'autre) test (?:de |en )?fran(?:ç|c)ais\b", "no french test"),
    (r"\b(?:pas de|aucun|sans|pas d'autre) test (?:d'|en )anglais\b", "no english test"),
    (r"\b(?:pas d'autre|aucun autre|pas de deuxi[èée]me|pas de second) test\b", "no other test"),
    (r"\b(?:seulement|juste|uniquement) (?:l'|le |en )?anglais\b", "only english"),
    (r"\b(?:seulement|juste|uniquement) (?:le |en )?fran(?:ç|c)ais\b", "only french"),
    (r"\ben (" + "|".join(ABILITIES) + r")\b", r"in \1"),  # "8 en listening"
    (r"\btest (?:de |en )?fran(?:ç|c)ais\b", "french test"), (r"\btest (?:d'|en )anglais\b", "english test"),
    (r"\bpass" + _E + r"e? (?:le|en|au mois de)?\s*(?=\d|" + _MONTHS_RE + r")", "taken "),
    # --- work and places
    (r"\b(\d+(?:\.\d)?) (?:ans|ann" + _E + r"es)\b", r"\1 years"),
    (r"\b(\d+(?:\.\d)?) (?:an|ann" + _E + r"e)\b", r"\1 year"),
    (r"\b(\d+(?:\.\d)?) mois\b", r"\1 months"),
    (r"\bexp" + _E + r"riences? (?:de travail |professionnelles? )?canadiennes?\b", "canadian work experience"),
    (r"\bexp" + _E + r"riences? (?:de travail |professionnelles? )?" + _E + r"trang" + _E + r"res?\b",
     "foreign work experience"),
    (r"\b(?:pas d'|aucune |sans |z" + _E + r"ro |0 )exp" + _E + r"riences?(?: de travail| professionnelles?)?\b",
     "no work experience"),
    (r"\bd'exp" + _E + r"riences? (?:de travail |professionnelles? )?canadiennes?\b", "of canadian work experience"),
    (r"\bd'exp" + _E + r"riences?\b|\bde travail\b", "of work experience"),
    (r"\bexp" + _E + r"riences?\b", "experience"), (r"\btravaill" + _E + r"e?\b", "worked"),
    (r"\btravail\b", "work"), (r"\bemploi\b", "job"),
    (r"\b(?:" + _A + r" l'" + _E + r"tranger|hors du canada|hors canada|en dehors du canada|dans mon pays|"
     r"chez moi|au pays)\b", "abroad"),
    (r"\b(?:en|au|aux|" + _A + r")\s+(?:" + _COUNTRIES + r")\b", "abroad"),
    (r"\b(?:en|au|" + _A + r")\s+(?:" + _CANADIAN_PLACES + r")\b", "in canada"),
    (r"\bau canada\b", "in canada"), (r"\bcanadiennes?\b|\bcanadiens?\b", "canadian"), (r"\bici\b", "here"),
    (r"\bm" + _E + r"tier sp" + _E + r"cialis" + _E + r"\b|\bmon m" + _E + r"tier\b", "my trade"),
    # --- what-ifs and corrections
    (r"\bet si j'(?:avais|obtenais|obtiens|ai|avait)\b", "what if i had"), (r"\bet si\b", "what if"), (r"\bsi j'(?:avais|obtenais|obtiens|ai|avait|am" + _E + r"liore)\b", "if i had"),
    (r"\bsi je (?:passe|passais|faisais|fais|gagne|gagnais|reste|restais)\b", "if i had"),
    (r"\bet avec\b", "and with"),
    (r"\bqu'est-ce que (?:ça|ca) donnerait\b|\bcombien (?:j'aurais|aurais-je)\b|\bj'aurais combien\b",
     "what would"),
    (r"\b(?:imaginons|supposons|admettons)\b", "suppose"), (r"\bhypoth" + _E + r"tiquement\b", "hypothetically"),
    (r"\ben fait\b|\ben r" + _E + r"alit" + _E + r"\b|\bplut(?:ô|o)t\b", "actually"),
    (r"\bje me suis tromp" + _E + r"e?\b|\bje me trompe\b|\bune erreur\b|\berreur\b", "mistake"),
    (r"\bje voulais dire\b", "i meant"), (r"\bc'est faux\b|\bpas correct\b", "wrong"),
    (r"\bcorrection\b|\bcorriger\b|\bcorrige\b", "correction"),
    (r"\bd" + _E + r"sol" + _E + r"e?\b|\bpardon\b", "sorry"), (r"\boups\b", "oops"),
    (r"\b(?:non,? )?pas (\d)", r"not \1"),
    # --- don't know, skip, yes, no
    (r"\baucune id" + _E + r"e\b|\bj'en ai aucune id" + _E + r"e\b", "no idea"),
    (r"\b(?:je )?(?:ne )?(?:sais|sait|s(?:ai|é)) (?:pas|plus)\b|\bj'sais pas\b|\bchais pas\b|\bj'(?:en )?sais rien\b|"
     r"\bje (?:ne )?(?:me )?souviens (?:pas|plus)\b|\bje ne m'en souviens pas\b|\bpas s(?:û|u)re?\b",
     "i don't know"),
    (r"\bje (?:pr" + _E + r"f(?:è|e)re|voudrais|veux|pr" + _E + r"f" + _E + r"rerais) (?:ne pas|pas) (?:r" + _E +
     r"pondre|le dire|dire)\b|\bpas de r" + _E + r"ponse\b|\bsans commentaire\b", "rather not say"),
    (r"^\W*(?:passer|passe|on passe|je passe|passons|suivant|suivante)\W*$|\bquestion suivante\b|"
     r"\bpasser (?:cette|la) question\b|\bon peut passer\b", "skip"),
    (r"\bpas du tout\b|\babsolument pas\b|\bnon merci\b", "no"),
    (r"(?<!-)\bnon\b(?!-)|\bnan\b", "no"),
    (r"\bje n'ai pas\b|\bj'ai pas\b|\bje n'ai aucune?\b|\bn'a pas\b", "i have no"),
    (r"\bpas (?:de|d')\s*", "no "), (r"\baucune?\b", "no"), (r"\bsans\b", "without"), (r"\bjamais\b", "never"),
    (r"\b(?:oui|ouais|ouai|ouep|yep|bien s(?:û|u)r|tout (?:à|a) fait|exactement|exacte?|absolument|c'est (?:ça|ca|exact|bon)|"
     r"d'accord|certainement|effectivement)\b", "yes"),
    # --- joining words the clause splitter and the readers know
    (r"\bdeuxi(?:è|e)me\b|\b2e\b", "second"), (r"\bpremi(?:er|ère)\b|\b1er\b", "first"),
    (r"\bmoi\b", "me"), (r"\bjuste\b", "just"), (r"\benfants\b", "kids"), (r"\benfant\b", "kid"), (r"\bpersonnes\b", "people"),
    (r"\b" + _A + r" (?:mon|ma) ", "in my "),
    (r"\bet\b", "and"), (r"\bmon\b|\bma\b|\bmes\b", "my"), (r"\bje suis\b|\bj'suis\b", "i am"),
    (r"\bj'ai (?:eu|obtenu)\b", "i got"), (r"\best\b", "is"), (r"\b" + _E + r"tait\b", "was"),
    (r"\bj'ai\b", "i have"),
]
_REWRITES = [(re.compile(p), r) for p, r in REWRITES]
_DATE_DAY_FIRST = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2})\b")
_DECIMAL = re.compile(r"(?<![\d,])(\d{1,2}),(\d)(?!\d|,\d)")
_MONEY_SPACES = re.compile(r"\b(\d{1,3})(?:[ \u00a0\u202f.](\d{3}))?[ \u00a0\u202f.](\d{3})(?=\s*(?:\$|dollars?\b|cad\b|"
                           r"\$ ?ca|ca\$))")


def _alpha2digit(t: str) -> str:
    try:
        from text_to_num import alpha2digit

        return alpha2digit(t, "fr")
    except Exception:  # text2num missing or failing on odd input: keep the words
        return t


_TENS = re.compile(r"\b(vingt|trente|quarante|cinquante|soixante|septante|octante|huitante|nonante)\s+$")


def _and_a(t: str) -> str:
    """ "une licence et un BTS": "et un" is "and a" (text2num would read it as 1), unless after a ten ("vingt et
    un")."""
    return re.sub(r"\bet (?=une?\b)", lambda m: m[0] if _TENS.search(t, 0, m.start()) else "and ", t)


def normalise(t: str) -> str:
    """A lower-cased French message in the readers' words (see the module's docstring)."""
    t = _alpha2digit(_and_a(t))
    t = _DECIMAL.sub(r"\1.\2", t)  # "6,5" (not "8,7,6,7", a list)
    t = _MONEY_SPACES.sub(lambda m: "".join(g for g in m.groups() if g), t)  # "15 000 $"
    t = _DATE_DAY_FIRST.sub(lambda m: f"{int(m[1])} {MONTHS[int(m[2]) - 1].lower()} {m[3]}"
                            if 1 <= int(m[2]) <= 12 else m[0], t)  # day first in French: 03/04/2025 is 3 April
    t = re.sub(r"\b(" + _MONTHS_RE + r")\.?(?=\s|$|,|;)", lambda m: _MONTH_EN[m[1]], t)
    t = _ABILITY_CODE_AFTER.sub(lambda m: f"{m[1]} in {_CODES[m[2]]}", t)
    t = _ABILITY_CODE.sub(lambda m: _CODES[m[1]] + " ", t)
    for pat, repl in _REWRITES:
        t = pat.sub(repl, t)
    return t


# ----------------------------------------------------------------------------- words that need a question

_BAC = re.compile(r"\bbac(?:calaur(?:é|e)at)?\b(?! ?\+)")
_DEC = re.compile(r"\bdec_quebec\b|\bdipl(?:ô|o)me d'(?:é|e)tudes coll(?:é|e)giales\b")
# A vocational diploma (France's CAP and BEP, Quebec's DEP) and a "bac+4" (a maîtrise, a master 1, a 4-year degree):
# several Canadian levels, which a credential assessment decides.
_VOCATIONAL = re.compile(r"\b(?:cap|bep|dep)\b|\bdipl(?:ô|o)me d'(?:é|e)tudes professionnelles\b")
_BAC4 = re.compile(r"\bbac ?\+ ?4\b")
_PACS = re.compile(r"\bpacs(?:(?:é|e)e?s?)?\b|\bpacte civil de solidarit(?:é|e)\b")

def ambiguous(text: str) -> List[str]:
    """The words of a French message that do not say one fact once normalised (the form asks, never guesses):
    "bac" (secondary in France, a bachelor's in Quebec), "dec" (a 2- or 3-year program), "pacs" (common-law only
    after 12 months living together), "vocational" (CAP, BEP, DEP: secondary or a one-year program?), "bac4" (a
    bachelor's or a master's?)."""
    from understanding.text import normalise as full

    t = full(text, "fr")
    out = []
    if _BAC.search(t):
        out.append("bac")
    if _DEC.search(t):
        out.append("dec")
    if _VOCATIONAL.search(t):
        out.append("vocational")
    if _BAC4.search(t):
        out.append("bac4")
    if _PACS.search((text or "").lower()):
        out.append("pacs")
    return out


def language_of_text(text: str) -> Optional[str]:
    """ "fr" for a French message, None otherwise (no opinion: English or too short to tell)."""
    return "fr" if is_french(text) else None
