"""Which language a message is written in, and whether it asks to switch language: context-free readings.

- :func:`detect` ("fr", "en" or None): the language of a message from its function words, greetings and accents.
  Conservative: a message needs two signs of a language (a greeting counts as two), one of them a word only a
  sentence has (a pronoun, a verb, a question word), and more of them than of the other one. A bare number, a test name, a NOC code or a job title alone ("software developer", "développeur")
  says nothing (None), so the person's first real sentence decides.
- :func:`switch_request` ("fr", "en" or None): the language a message asks the conversation to continue in ("in
  English please", "can we speak French", "en français svp", "parlez-vous anglais?", the buttons' "English" and
  "Français"). A language named in a statement is not a request: "my French test", "I speak French at NCLC 7",
  "TEF français NCLC 7", "français : CO 450".

The action that sets the conversation's language (actions/language.py) uses both; the NLU pipeline
(understanding/component.py) turns a switch request into the entity ``language`` and the intent switch_language.
"""
import re
from typing import Optional

from express_entry.vocabulary import UI_LANGUAGES
from understanding.limits import bounded

LANGUAGES = UI_LANGUAGES  # the languages the assistant speaks (express_entry.vocabulary)

# Words only a sentence has (pronouns, verbs, question words): a message needs one of them, because the words a
# job title or a name is made of ("technicien en génie civil", "manager of operations") say nothing.
_FRENCH_WORDS = set("""
je tu il elle nous vous ils elles on moi mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs
ce cet cette ces mais donc car ni que qui quoi dont où
est suis es sommes êtes sont ai avons avez ont été être avoir fait faire peux peut pouvez voudrais veux
voulez aimerais savoir connaître connaitre dois doit quel quelle quels quelles comment combien pourquoi quand
pas ne plus très aussi depuis oui non merci ans année années mois
marié mariée célibataire divorcé divorcée veuf veuve conjoint conjointe travaille travaillé étudié
est-ce qu'est-ce c'est j'ai
""".split())
_ENGLISH_WORDS = set("""
i i'm i've i'd my me mine you your we our they their he she it its this that these those but
is am are was were be been being have has had do does did can could would should will shall may might
what how why when where which who whom if than then there here without about into
not no yes years year old months married single divorced widowed want like know please thanks thank
check score get got work worked study studied as
""".split())
# Words titles have too (articles, prepositions): they count only with a word of the sets above.
_FRENCH_SMALL_WORDS = set("le la les un une des du de au aux et ou en pour avec dans sur sans chez entre".split())
_ENGLISH_SMALL_WORDS = set("the a an and or of to for at by in on with from".split())
_FRENCH_GREETINGS = {"bonjour", "bonsoir", "salut", "allô", "allo", "coucou", "merci"}
_ENGLISH_GREETINGS = {"hi", "hello", "hey", "thanks", "good morning", "good evening", "good afternoon"}
_ELISION = re.compile(r"\b(?:j|qu|n|c|m|s|t)'(?=[a-zàâçéèêëîïôûùüÿœ])")
_ACCENT = re.compile(r"[àâçéèêëîïôûùüÿœ]")
_WORD = re.compile(r"[a-zàâçéèêëîïôûùüÿœ]+(?:['-][a-zàâçéèêëîïôûùüÿœ]+)*")


def _clean(text: str) -> str:
    return bounded(text or "").lower().replace("\u2019", "'").replace("\u2018", "'")


def detect(text: str) -> Optional[str]:
    """"fr", "en" or None (not enough to say) for the language of ``text``."""
    t = _clean(text)
    if t.startswith("/"):  # a button's payload, not words
        return None
    words = _WORD.findall(t)
    french = (sum(w in _FRENCH_WORDS for w in words) + len(_ELISION.findall(t))
              + 2 * sum(w in _FRENCH_GREETINGS for w in words))
    english = (sum(w in _ENGLISH_WORDS for w in words)
               + 2 * sum(w in _ENGLISH_GREETINGS for w in words)
               + 2 * sum(re.search(rf"\b{g}\b", t) is not None for g in _ENGLISH_GREETINGS if " " in g))
    if french:
        french += sum(w in _FRENCH_SMALL_WORDS for w in words) + bool(_ACCENT.search(t))
    if english:
        english += sum(w in _ENGLISH_SMALL_WORDS for w in words)
    if french >= 2 and french > english:
        return "fr"
    if english >= 2 and english > french:
        return "en"
    return None


_EN = r"(?P<en>english|anglais|en)"
_FR = r"(?P<fr>french|fran[cç]ais|fr)"
_LANG = rf"(?:{_EN}|{_FR})"
_WORDY_LANG = r"(?:(?P<en>english|anglais)|(?P<fr>french|fran[cç]ais))"
_POLITE = r"(?:please|pls|plz|svp|stp|s'il (?:vous|te) pla[iî]t|merci|thanks|thank you)"
_SWITCH_PATTERNS = [re.compile(p) for p in (
    # The buttons' titles and a bare language name: "English", "Français", "EN", "en français".
    rf"^\s*(?:(?:in|en|le|l')\s*)?{_LANG}\s*[.!?]*\s*(?:,?\s*{_POLITE}\s*[.!?]*)?\s*$",
    # English requests.
    rf"\b(?:can|could|may|shall|would)\s+(?:we|you|i)\s+(?:please\s+)?(?:speak|talk|chat|continue|write|reply|answer|"
    rf"respond|go on|carry on|do this|switch|change)\b[^.?!;]{{0,20}}?\b(?:in|to|into)?\s*{_WORDY_LANG}\b",
    rf"\b(?:do|does)\s+(?:you|the bot|this bot)\s+(?:speak|talk|understand|know|work in)\s+{_WORDY_LANG}\b",
    rf"\b(?:switch|change|swap|go back|back|move|set)\b[^.?!;]{{0,20}}?\b(?:to|into|in)\s+{_WORDY_LANG}\b",
    rf"^\s*(?:ok\s*,?\s*)?(?:please\s+)?(?:speak|talk|continue|carry on|go on|reply|answer|respond|write|"
    rf"let'?s (?:speak|talk|chat|continue|switch to))\b[^.?!;]{{0,12}}?\b(?:in\s+)?{_WORDY_LANG}\b",
    rf"\b(?:in|into)\s+{_WORDY_LANG}\s*,?\s*{_POLITE}",
    rf"\b{_WORDY_LANG}\s*,?\s*{_POLITE}\s*[.!?]*\s*$",
    rf"\b(?:i|we)(?:'d| would)?\s+(?:prefer|like)\s+(?:to\s+(?:speak|talk|continue|chat)\s+)?(?:in\s+)?"
    rf"{_WORDY_LANG}\b",
    # French requests.
    rf"\bparlez[- ]vous\s+{_WORDY_LANG}\b",
    rf"\b(?:on peut|on pourrait|peut-on|pourrait-on|pouvez-vous|pourriez-vous|pouvons-nous|peux-tu|pourrais-tu)\s+"
    rf"(?:me\s+|nous\s+)?(?:parler|continuer|discuter|[ée]crire|r[ée]pondre)\s+(?:en\s+|l')?{_WORDY_LANG}\b",
    rf"\b(?:tu|vous)\s+parle[sz]\s+(?:l')?{_WORDY_LANG}\b",
    rf"\b(?:peut|peux|pouvez|pouvons|pourrait|pourriez|voudrais|voudrions|aimerais|aimerions|pr[ée]f[èée]re|"
    rf"pr[ée]f[ée]rerais|veux|souhaite|souhaiterais)(?:[- ](?:on|tu|vous|nous))?\s+(?:[a-zé]+\s+){{0,2}}?"
    rf"(?:parler|continuer|[ée]crire|discuter|[ée]changer|r[ée]pondre|passer|poursuivre)\b[^.?!;]{{0,12}}?"
    rf"\b(?:en|au|à l'|a l'|l')\s*{_WORDY_LANG}\b",
    rf"\b(?:continuez|continuons|continue|parlez|parlons|r[ée]pondez|r[ée]pondez-moi|[ée]crivez|[ée]crivez-moi|"
    rf"passez|passons|passer|poursuivez|poursuivons|changez|changeons|changer)\b[^.?!;]{{0,20}}?"
    rf"\b(?:en|au|à l'|a l'|pour l'|pour le|vers l'|vers le)\s*{_WORDY_LANG}\b",
    rf"\ben\s+{_WORDY_LANG}\s*,?\s*{_POLITE}",
    rf"\bversion\s+(?:(?P<en2>anglaise)|(?P<fr2>fran[cç]aise))\b",
)]


def switch_request(text: str) -> Optional[str]:
    """The language ("en" or "fr") that ``text`` asks the conversation to continue in, or None."""
    t = _clean(text)
    if len(t) > 120:  # a request to switch is short; a long message names languages for other reasons
        return None
    for pattern in _SWITCH_PATTERNS:
        m = pattern.search(t)
        if m:
            groups = m.groupdict()
            if groups.get("en") or groups.get("en2"):
                return "en"
            return "fr"
    return None
