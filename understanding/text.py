"""Normalised text of a message, with a map from its offsets back to the message as typed.

``normalise`` lower-cases, says a French message in the same words (:mod:`understanding.french`), turns number words into digits (text2num: "twenty nine" -> 29), "25k" into 25000,
"a year and a half" into "18 months", and mends one-letter typos of the words answers hinge on. The readers in
:mod:`understanding.rules` work on that text; :class:`Normalised` keeps the offsets so that an entity found in
it points at the right characters of the message.
"""
import difflib
import math
import re
from typing import List, Optional, Tuple

from understanding import french
from understanding.limits import MAX_TEXT_CHARS, bounded
from express_entry.vocabulary import ABILITIES
from express_entry.vocabulary import MARITAL_STATUSES as MARITAL

NUM = r"\d+(?:\.\d+)?"


def normalise(text: str, language: Optional[str] = None) -> str:
    """The text in the readers' words; a French message (or any message when ``language`` is "fr", the
    conversation's language) first through :func:`understanding.french.normalise`."""
    t = bounded(text).lower().replace("\u2019", "'").replace("\u2018", "'")
    t = re.sub(r"\r?\n", lambda m: ";" * len(m.group(0)), t)  # a line is a clause (text2num joins lines)
    if language == "fr" or french.is_french(t):
        t = french.normalise(t)
    t = re.sub(r"\b(a|one) year and (a )?half\b", "18 months", t)
    t = re.sub(r"\bhalf a year\b", "6 months", t)
    t = re.sub(r"\ba (year|month)\b", r"1 \1", t)
    t = re.sub(r"\ban? (couple) of\b", "2", t)
    t = t.replace("twentynine", "twenty nine")
    t = re.sub(r"\bhundred and\b", "hundred", t)  # "four hundred and sixty-nine" is one number
    t = re.sub(r"\b(\d{1,6}(?:\.\d{1,3})?) ?(?:thousand|grand|k)\b",
               lambda m: str(round(float(m.group(1)) * 1000)), t)  # "25 thousand", "25k" (before text2num)
    try:
        from text_to_num import alpha2digit

        try:
            t = alpha2digit(t, "en", threshold=0)
        except TypeError:  # text2num < 2.6 has no threshold (and leaves "one" alone)
            t = alpha2digit(t, "en")
    except Exception:  # text2num missing or failing on odd input: keep the words
        pass
    t = re.sub(r"\bone\b", "1", t)
    t = re.sub(r"(\d),(\d{3})\b", r"\1\2", t)  # 30,000 -> 30000
    t = re.sub(r"\b(\d{1,2}) and a half\b", r"\1.5", t)  # "seven and a half" -> 7.5
    t = re.sub(r"\b(\d{1,2}) point (\d)\b", r"\1.\2", t)
    return fix_typos(t)


_TOKEN = re.compile(r"\w+|[^\w\s]")


# Where a message's parts end, in the message ("\n") and in its normalised text (";"): the rewrites keep them.
_PART_ENDS = (re.compile(r"[;|\n]|\.\s"), re.compile(r"[;|\n]"))


def _word_blocks(low: str, text: str) -> List[Tuple[int, int, int, int, bool]]:
    """The blocks of :class:`Normalised` aligned word by word (a French message said in the readers' words: a
    character alignment would match letters of unrelated words), part by part when the message and its text have
    as many parts (a word of one part never taken for one of another). A word kept maps one to one; the words that
    replaced others map to all of them ("trente-quatre ans" -> "34 years old")."""
    for ends in _PART_ENDS:
        cuts_a = [m.end() for m in ends.finditer(low)]
        cuts_b = [m.end() for m in ends.finditer(text)]
        if len(cuts_a) == len(cuts_b) and cuts_a:
            blocks = []
            for (a1, a2), (b1, b2) in zip(zip([0] + cuts_a, cuts_a + [len(low)]), zip([0] + cuts_b, cuts_b + [len(text)])):
                blocks += [(j1 + b1, j2 + b1, i1 + a1, i2 + a1, eq) for j1, j2, i1, i2, eq in
                           _part_blocks(low[a1:a2], text[b1:b2])]
            return blocks
    return _part_blocks(low, text)


def _part_blocks(low: str, text: str) -> List[Tuple[int, int, int, int, bool]]:
    a = [m for m in _TOKEN.finditer(low)]
    b = [m for m in _TOKEN.finditer(text)]
    if not a or not b:
        return [(0, len(text), 0, len(low), False)] if text else []
    starts_a = [m.start() for m in a] + [len(low)]
    starts_b = [0] + [m.start() for m in b[1:]] + [len(text)]  # each block runs to the next word (spaces too)
    blocks = []
    ops = difflib.SequenceMatcher(None, [m.group(0) for m in a], [m.group(0) for m in b], autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            for k in range(i2 - i1):
                ja, jb = starts_b[j1 + k], starts_b[j1 + k + 1]
                ia = a[i1 + k].start()
                ib = ia + (jb - ja) if low[ia:ia + jb - ja] == text[ja:jb] else a[i1 + k].end()
                blocks.append((ja, jb, ia, ib, ib - ia == jb - ja and low[ia:ib] == text[ja:jb]))
        elif j2 > j1:  # replaced (or inserted) words: all of the words they replace
            ia = starts_a[i1]
            ib = a[i2 - 1].end() if i2 > i1 else ia
            blocks.append((starts_b[j1], starts_b[j2], ia, ib, False))
    return blocks


class Normalised:
    """A message's normalised text and the map between its offsets and the message's."""

    def __init__(self, text: str, language: Optional[str] = None):
        self.original = text or ""
        self.text = normalise(self.original, language)
        low = self.original[:MAX_TEXT_CHARS].lower()  # what normalise() reads of it
        if language == "fr" or french.is_french(low):  # words rewritten into others: aligned word by word
            self._blocks = _word_blocks(low, self.text)
            return
        if low == self.text:
            ops = [("equal", 0, len(low), 0, len(low))]
        else:  # exact alignment for messages; a faster, coarser one for very long texts (quadratic otherwise)
            ops = difflib.SequenceMatcher(None, low, self.text, autojunk=len(low) > 500).get_opcodes()
        # (norm_start, norm_end, orig_start, orig_end) of each block; equal blocks map one to one
        self._blocks = [(j1, j2, i1, i2, tag == "equal") for tag, i1, i2, j1, j2 in ops]

    def span(self, start: int, end: int) -> Tuple[int, int]:
        """The message's offsets of the normalised text's [start, end): a rewritten part ("twenty nine" for
        "29") maps to all of what it replaced."""
        return self._to_original(start, False), self._to_original(end, True)

    def _to_original(self, pos: int, is_end: bool) -> int:
        for j1, j2, i1, i2, equal in self._blocks:
            if j1 <= pos < j2 or (is_end and j1 < pos <= j2):
                if equal:
                    return i1 + (pos - j1)
                return i2 if is_end else i1
        return len(self.original) if is_end or pos >= len(self.text) else 0

    def position(self, orig: int) -> int:
        """The normalised text's offset of the message's offset ``orig`` (the start of a rewritten part)."""
        for j1, j2, i1, i2, equal in self._blocks:
            if i1 <= orig < i2:
                return j1 + (orig - i1) if equal else j1
        return len(self.text)


# Words an answer hinges on; a word one edit (or one swap) away from one of them is read as it
# ("listning", "seperated", "bachlors", "ilets"). Only words of 5+ letters, so short words stay as typed.
VOCABULARY = ABILITIES + MARITAL + ("widower", "common", "bachelor", "bachelors", "master", "masters", "diploma",
              "certificate", "secondary", "highschool", "school", "degree", "doctorate", "credentials", "ielts",
              "celpip", "canada", "canadian", "experience", "years", "months", "abroad", "outside", "partner",
              "husband", "spouse", "program", "college", "university", "people", "abilities", "everything",
              "degrees", "diplomas", "certificates", "programs", "colleges", "schools", "partners", "spouses",
              "masters", "reader", "writer", "speaker", "listen", "speak", "write", "singles", "marriage")
# Words kept as typed although one edit away from one above ("why does it matter" is not about a master's).
_VOCAB_SET = frozenset(VOCABULARY + ("matter", "matters", "latter", "faster"))
_WORD = re.compile(r"[a-z]{5,14}")


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or swap of neighbours."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def fix_typos(t: str) -> str:
    def repl(m):
        w = m.group(0)
        if w in _VOCAB_SET:
            return w
        for v in VOCABULARY:
            if _one_edit(w, v):
                return v
        return w
    return _WORD.sub(repl, t)


def numbers(t: str) -> List[float]:
    return [float(x) for x in re.findall(NUM, t)]


def as_number(x: float):
    if not math.isfinite(float(x)):
        raise ValueError("not a finite number")
    return int(x) if float(x).is_integer() else float(x)


# Commas, semicolons, new lines, sentence ends, "|", a " / " (not between scores: "8 / 7 / 6.5 / 7") and "and"
# before a new subject.
_CLAUSE_SEP = re.compile(r"[,;\n|]|\.(?=\s)|(?<!\b\d)(?<!\b\d\d)(?<!\b\d\d\d)(?<!\.\d)\s/\s"
                         r"|\s/\s(?!\s*\d+(?:\.\d+)?\s*(?:/|$|[,;|(]|and\b|taken\b|on\b|test\b))"
                         r"|\band\b(?=\s+(?:my|i|i'm|i am|we|he|she|his|her|the)\b)")


# "october 22, 2025", "14 december, 2025", "june, 2025": a comma between a month (or its day) and a year is inside
# the date.
_MONTH_DAY_END = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
                            r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?\s*$")
_YEAR_START = re.compile(r"\s*(?:19|20)\d{2}\b")


def clause_spans(t: str) -> List[Tuple[int, int]]:
    """The [start, end) of each clause of a normalised text (split at commas, semicolons, sentence ends and
    "and" before a new subject; not at the comma of "October 22, 2025" or "June, 2025"), blank ones left out."""
    spans, start = [], 0
    for m in _CLAUSE_SEP.finditer(t):
        if m.group(0) == "," and _MONTH_DAY_END.search(t, start, m.start()) and _YEAR_START.match(t, m.end()):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(t)))
    return [(a, b) for a, b in spans if t[a:b].strip()]


def clauses(t: str) -> List[str]:
    return [t[a:b] for a, b in clause_spans(t)]
