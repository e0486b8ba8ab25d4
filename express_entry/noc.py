"""NOC 2021 (Version 1.0) unit groups: code helpers and job-title search.

* ``unit_group(code)``, ``teer_of(code)``, ``normalize_code(code)``: 5-digit codes,
  checked against the 516 unit groups shipped in ``data/noc2021/``.
* ``search(title)``: a job title in English or French, free text (typos, missing
  accents, plural and feminine forms, common abbreviations such as "RN" or "dev")
  to ranked unit groups ``[{code, title_en, title_fr, teer, score, matched_title,
  ...}]``.

The search index is built once, lazily, on the first search (about 58,000
official example titles plus the unit-group titles).  Matching works on
normalised word stems: each query word is looked up exactly, or, when the word is
unknown, fuzzily with rapidfuzz against the vocabulary of the titles.  Every
title gets a score from how much of the query it covers (rarer words weigh more)
and how much of the title is covered by the query; unit groups are ranked by
their best title, with a small bonus for groups where many titles match.

``import express_entry.noc`` is cheap: numpy and rapidfuzz are imported only
when the index is built.
"""
from __future__ import annotations

import csv
import functools
import math
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from .profile import ProfileError

__all__ = ["NocError", "UnitGroup", "unit_group", "unit_groups", "teer_of", "normalize_code", "search",
           "structure_of", "example_titles", "TEER_DESCRIPTIONS", "NOC_VERSION", "NOC_SOURCE_URL",
           "normalize_text", "load_index", "title_in"]

DATA_DIR = Path(__file__).resolve().parent / "data" / "noc2021"
NOC_VERSION = "NOC 2021 Version 1.0"
NOC_SOURCE_URL = "https://www.statcan.gc.ca/en/subjects/standard/noc/2021/indexV1"

# Official TEER meanings (NOC 2021 introduction, "Training, Education, Experience and Responsibilities").
TEER_DESCRIPTIONS = {
    0: "Management occupations",
    1: "Usually requires a university degree",
    2: "Usually requires a college diploma or apprenticeship training of 2 or more years, "
       "or supervisory occupations",
    3: "Usually requires a college diploma or apprenticeship training of less than 2 years, "
       "or more than 6 months of on-the-job training",
    4: "Usually requires a high school diploma, or several weeks of on-the-job training",
    5: "Usually requires short-term work demonstration and no formal education",
}


class NocError(ProfileError):
    """A NOC code or a job-title query that cannot be used (a ProfileError: ``.field``, ``.accepted``)."""


@dataclass(frozen=True)
class UnitGroup:
    code: str
    title_en: str
    title_fr: str
    teer: int
    broad_category: int

    def to_dict(self) -> dict:
        return {"code": self.code, "title_en": self.title_en, "title_fr": self.title_fr, "teer": self.teer,
                "broad_category": self.broad_category}


def title_in(group, language: str = "en") -> str:
    """A unit group's NOC 2021 title in ``language`` (NOC 2021's own French title for "fr"), from a UnitGroup or
    a search hit."""
    get = group.get if isinstance(group, dict) else lambda k: getattr(group, k, None)
    return (get("title_fr") if language == "fr" else None) or get("title_en")


# ---------------------------------------------------------------------------
# Codes
# ---------------------------------------------------------------------------

_CODE_ACCEPTED = "a 5-digit NOC 2021 unit-group code as text, e.g. \"21231\" (leading zeros kept: \"00012\")"


@functools.lru_cache(maxsize=1)
def unit_groups() -> Dict[str, UnitGroup]:
    """All 516 NOC 2021 unit groups, by code."""
    out: Dict[str, UnitGroup] = {}
    with open(DATA_DIR / "unit_groups.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[row["code"]] = UnitGroup(row["code"], row["title_en"], row["title_fr"], int(row["teer"]),
                                         int(row["broad_category"]))
    return out


def normalize_code(code, field: str = "noc_code") -> str:
    """The code as a 5-character string, checked: it must be one of the 516 NOC 2021 unit groups.

    Accepts a string of 5 digits (surrounding spaces and a leading "NOC" are ignored).  Integers are
    refused because they lose leading zeros (00012 would become 12).
    """
    if isinstance(code, bool) or not isinstance(code, str):
        raise NocError(field, f"{code!r} is not a NOC code (it must be text, not a {type(code).__name__})",
                       _CODE_ACCEPTED)
    text = code.strip()
    if text[:3].lower() == "noc":
        text = text[3:].strip()
    if not re.fullmatch(r"[0-9]{5}", text):
        raise NocError(field, f"{code!r} is not a 5-digit NOC 2021 code", _CODE_ACCEPTED)
    if text not in unit_groups():
        raise NocError(field, f"{text} is not a NOC 2021 unit group (no such code in NOC 2021 Version 1.0)",
                       _CODE_ACCEPTED, "not_a_noc", "noc_code", code=text)
    return text


def unit_group(code, field: str = "noc_code") -> UnitGroup:
    """The unit group of a code; raises NocError naming ``field`` for a malformed or unknown code."""
    return unit_groups()[normalize_code(code, field)]


def teer_of(code, field: str = "noc_code") -> int:
    """TEER (0-5) of a NOC 2021 unit group: the code's second digit."""
    return unit_group(code, field).teer


@functools.lru_cache(maxsize=1)
def _structure() -> Dict[str, dict]:
    out = {}
    with open(DATA_DIR / "structure.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[row["code"]] = row
    return out


def structure_of(code, field: str = "noc_code") -> dict:
    """The hierarchy above a unit group (broad category, major, sub-major and minor group) and its definition."""
    c = normalize_code(code, field)
    s = _structure()
    levels = []
    for length, name in ((1, "broad_category"), (2, "major_group"), (3, "sub_major_group"), (4, "minor_group")):
        row = s.get(c[:length])
        if row:
            levels.append({"level": name, "code": row["code"], "title_en": row["title_en"]})
    return {"hierarchy": levels, "definition_en": s[c]["definition_en"] if c in s else None}


@functools.lru_cache(maxsize=1)
def _examples() -> Dict[str, Dict[str, List[str]]]:
    out: Dict[str, Dict[str, List[str]]] = {}
    for name, col, lang in (("example_titles.csv", "title_en", "en"), ("example_titles_fr.csv", "title_fr", "fr")):
        with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                out.setdefault(row["code"], {"en": [], "fr": []})[lang].append(row[col])
    return out


def example_titles(code, field: str = "noc_code") -> Dict[str, List[str]]:
    """Official example titles of a unit group: ``{"en": [...], "fr": [...]}``."""
    c = normalize_code(code, field)
    return _examples().get(c, {"en": [], "fr": []})


# ---------------------------------------------------------------------------
# Text normalisation
# ---------------------------------------------------------------------------

_STOPWORDS = frozenset("""
a an and or of the in for to at on with by from as except other
de du des la le les l d et ou en au aux pour sur un une dans par sauf autre autres
""".split())

# Query words that say little about the occupation: they count for a quarter of a normal word.
_MODIFIERS = frozenset("""
senior sr junior jr lead principal experienced trainee intern entry level part full time night day shift
freelance self employed contract contractual temporary permanent casual seasonal new year years
1st 2nd 3rd 4th first second third fourth i ii iii iv
""".split())

# Abbreviations and variants: query word -> slots, each slot a tuple of alternative words.
_ALIASES_RAW = {
    "rn": [("registered",), ("nurse",)],
    "lpn": [("licensed",), ("practical",), ("nurse",)],
    "psw": [("personal",), ("support",), ("worker",)],
    "ece": [("early",), ("childhood",), ("educator",)],
    "emt": [("emergency",), ("medical",), ("technician",)],
    "cpa": [("chartered",), ("professional",), ("accountant",)],
    "dba": [("database",), ("administrator",)],
    "hr": [("human",), ("resources",)],
    "qa": [("quality",), ("assurance",)],
    "ux": [("user",), ("experience",)],
    "ui": [("user",), ("interface",)],
    "ml": [("machine",), ("learning",)],
    "ai": [("artificial",), ("intelligence",)],
    "it": [("information",), ("technology",)],
    "ceo": [("chief",), ("executive",), ("officer",)],
    "cfo": [("chief",), ("financial",), ("officer",)],
    "coo": [("chief",), ("operating",), ("officer",)],
    "cto": [("chief",), ("technology",), ("officer",)],
    "vp": [("vice",), ("president",)],
    "gp": [("general",), ("practitioner",)],
    "ot": [("occupational",), ("therapist",)],
    "pm": [("project",), ("manager",)],
    "sysadmin": [("system",), ("administrator",)],
    "xray": [("x",), ("ray",)],
    "dev": [("developer", "development")],
    "devs": [("developer", "development")],
    "eng": [("engineer", "engineering")],
    "engr": [("engineer",)],
    "mgr": [("manager",)],
    "asst": [("assistant",)],
    "admin": [("admin", "administrative", "administrator", "administration")],
    "tech": [("tech", "technician", "technologist", "technical")],
    "techs": [("tech", "technician", "technologist", "technical")],
    "physio": [("physio", "physiotherapist", "physiotherapy")],
    "vet": [("vet", "veterinarian", "veterinary")],
    "mech": [("mechanic", "mechanical")],
    "auto": [("auto", "automotive", "automobile")],
    "elec": [("electrician", "electrical")],
    "prof": [("professor", "professeur")],
    "center": [("center", "centre")],
    "centre": [("center", "centre")],
    "labor": [("labor", "labour")],
    "laborer": [("laborer", "labourer")],
    "counselor": [("counselor", "counsellor")],
    "theater": [("theater", "theatre")],
}

_FR_SUFFIXES = (  # (suffix, replacement): feminine and plural forms onto one stem
    ("ieres", "ier"), ("iere", "ier"), ("euses", "eur"), ("euse", "eur"), ("trices", "teur"), ("trice", "teur"),
    ("iennes", "ien"), ("ienne", "ien"), ("eaux", "eau"), ("esses", "e"), ("esse", "e"),
)


def _strip_accents(text: str) -> str:
    """Accents removed ("é" -> "e", "œ" -> "oe"); other non-Latin characters are kept."""
    if text.isascii():
        return text
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE").replace("ß", "ss")
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalize_text(text: str) -> str:
    """Lower case, no accents, dots dropped (``R.N.`` -> ``rn``), any other punctuation -> one space."""
    text = _strip_accents(text).lower().replace(".", "").replace("'", " ").replace("\u2019", " ")
    return _NON_WORD.sub(" ", text).strip()


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, repl in _FR_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + repl
            break
    else:
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    while word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def _words(text: str) -> List[str]:
    return [w for w in normalize_text(text).split() if w not in _STOPWORDS]


def _key(words: Iterable[str]) -> Tuple[str, ...]:
    """Stems of the words, duplicates removed, order kept (``infirmier/infirmiere`` -> one stem)."""
    seen, out = set(), []
    for w in words:
        s = _stem(w)
        if s not in seen:
            seen.add(s)
            out.append(s)
    return tuple(out)


_PAREN = re.compile(r"\(([^()]*)\)")


def _variants(title: str) -> List[str]:
    """Texts to index for one title: without parentheses, plus a form with an acronym for the words it
    abbreviates ("Registered nurse (R.N.)" -> "Registered nurse", "RN"; "Information technology (IT) business
    analyst" -> "Information technology business analyst", "IT business analyst")."""
    base = re.sub(r"\s+", " ", _PAREN.sub(" ", title)).strip()
    out = [base] if base else []
    for m in _PAREN.finditer(title):
        acro = normalize_text(m.group(1)).replace(" ", "")
        if not (2 <= len(acro) <= 6 and acro.isalpha()):
            continue
        before = title[: m.start()]
        words = normalize_text(before).split()
        content = [(i, w) for i, w in enumerate(words) if w not in _STOPWORDS]
        n = len(acro)
        if len(content) >= n and "".join(w[0] for _, w in content[-n:]) == acro:
            start = content[-n][0]
            after = normalize_text(title[m.end():])
            out.append(" ".join(words[:start] + [acro] + ([after] if after else [])))
        elif len(m.group(1).split()) == 1:
            # A one-word name in parentheses that is not an initialism, e.g. "(DevOps)": keep it in place.
            out.append(re.sub(r"\s+", " ", title[: m.start()] + " " + m.group(1) + " " + title[m.end():]).strip())
    return out


# ---------------------------------------------------------------------------
# Index
# ---------------------------------------------------------------------------

@dataclass
class _Index:
    titles: List[str]            # original title text per entry
    langs: List[str]             # "en" | "fr"
    group_titles: "object"       # numpy bool array: entry is a unit-group title
    codes: List[str]             # unit-group codes (group index -> code)
    entry_group: "object"        # numpy int array: entry -> group index
    entry_len: "object"          # numpy float array: number of distinct stems per entry
    postings: Dict[str, "object"]  # stem -> numpy int array of entries
    idf: Dict[str, float]
    by_key: Dict[Tuple[str, ...], List[int]]  # exact stem key -> entries
    vocab: List[str]
    n: int


_INDEX: Optional[_Index] = None
_LOCK = threading.Lock()


def load_index() -> _Index:
    """Build (once) and return the search index."""
    global _INDEX
    if _INDEX is None:
        with _LOCK:
            if _INDEX is None:
                _INDEX = _build_index()
    return _INDEX


def _build_index() -> _Index:
    import numpy as np

    groups = unit_groups()
    codes = sorted(groups)
    gidx = {c: i for i, c in enumerate(codes)}
    titles: List[str] = []
    langs: List[str] = []
    is_group: List[bool] = []
    entry_group: List[int] = []
    entry_len: List[int] = []
    post: Dict[str, List[int]] = {}
    by_key: Dict[Tuple[str, ...], List[int]] = {}

    def add(code: str, title: str, lang: str, group_title: bool) -> None:
        for text in _variants(title):
            key = _key(_words(text))
            if not key:
                continue
            e = len(titles)
            titles.append(title)
            langs.append(lang)
            is_group.append(group_title)
            entry_group.append(gidx[code])
            entry_len.append(len(key))
            by_key.setdefault(key, []).append(e)
            for s in key:
                post.setdefault(s, []).append(e)

    for code in codes:
        g = groups[code]
        add(code, g.title_en, "en", True)
        add(code, g.title_fr, "fr", True)
    for code, per_lang in _examples().items():
        if code not in gidx:
            continue
        for lang in ("en", "fr"):
            for t in per_lang[lang]:
                add(code, t, lang, False)

    from rapidfuzz import fuzz, process  # noqa: F401  (imported now so that the first search is fast)

    n = len(titles)
    postings = {s: np.asarray(ids, dtype=np.int32) for s, ids in post.items()}
    idf = {s: math.log((n + 1) / (len(ids) + 0.5)) for s, ids in post.items()}
    return _Index(titles, langs, np.asarray(is_group, dtype=bool), codes, np.asarray(entry_group, dtype=np.int32),
                  np.asarray(entry_len, dtype=np.float32), postings, idf, by_key, sorted(postings), n)


# ---------------------------------------------------------------------------
# Query
# ---------------------------------------------------------------------------

_FUZZY_LIMIT = 6
_MAX_WORDS = 12      # a job title is short: words beyond these are ignored
_MAX_FUZZY = 5       # unknown words looked up fuzzily per query
_EXCEPT = re.compile(r"\((?:except|sauf|excluding|excluant)\b[^)]*\)?", re.IGNORECASE)
# English: words after these introduce context ("cook at a diner", "assistant to the CEO"): half weight.
_EN_CONTEXT = frozenset("at in for with to from".split())
_FR_HINT_WORDS = frozenset("de du des la le les aux au en chez dans pour".split())
_FR_HEAD_ENDINGS = ("eur", "euse", "eure", "ier", "iere", "ien", "ienne", "trice", "ante", "ee")


@dataclass
class _Word:
    text: str
    factor: float = 1.0      # weight multiplier (head word, context)
    optional: bool = False   # modifiers and numbers: a small bonus when matched, no penalty when not
    fuzzy: bool = True       # may be matched fuzzily when unknown


def _query_words(title: str) -> List[_Word]:
    """Content words of a query with their weight factors.

    The head word of a job title weighs 1.5 times as much: the last word before any context in English
    ("civil *engineer*", "*cook* at a diner"), the first word in French ("*infirmière* de nuit").  French
    is assumed when the query has accents, French function words or a French agent-noun ending on its
    first word."""
    raw = normalize_text(title).split()
    accents = _strip_accents(title) != title
    french = accents or any(w in _FR_HINT_WORDS for w in raw)
    words: List[_Word] = []
    context = False
    for w in raw:
        if w in _STOPWORDS:
            if not french and w in _EN_CONTEXT and words:
                context = True
            continue
        optional = w in _MODIFIERS or any(ch.isdigit() for ch in w)
        words.append(_Word(w, 0.5 if context else 1.0, optional))
    core = [x for x in words if not x.optional]
    if not core:
        return words
    if not french and len(core) >= 2 and core[0].text.endswith(_FR_HEAD_ENDINGS) and not core[-1].text.endswith(
            ("er", "or", "ist", "ian", "ant", "ent")):
        french = True
    if french:
        core[0].factor *= 1.5
    else:
        main = [x for x in core if x.factor == 1.0] or core
        main[-1].factor *= 1.5
    return words


def _fuzzy(word: str, index: _Index) -> Dict[str, float]:
    """Vocabulary stems close to an unknown stem, with a similarity in (0, 1)."""
    if len(word) < 4 or word.isdigit():
        return {}
    return dict(_fuzzy_cached(word, id(index)))


@functools.lru_cache(maxsize=4096)
def _fuzzy_cached(word: str, index_id: int) -> Tuple[Tuple[str, float], ...]:
    from rapidfuzz import fuzz, process

    cutoff = 75 if len(word) <= 5 else 80
    out = {}
    for cand, ratio, _ in process.extract(word, _vocab_near(len(word)), scorer=fuzz.ratio, limit=_FUZZY_LIMIT,
                                          score_cutoff=cutoff):
        out[cand] = (ratio / 100.0) ** 2
    return tuple(out.items())


@functools.lru_cache(maxsize=64)
def _vocab_near(length: int) -> List[str]:
    """Vocabulary stems at most 3 characters longer or shorter than ``length``."""
    return [v for v in load_index().vocab if abs(len(v) - length) <= 3]


@dataclass
class _Slot:
    sims: Dict[str, float]   # stem -> similarity in (0, 1]
    weight: float
    optional: bool


def _slot(alternatives: Sequence[str], word: _Word, index: _Index) -> _Slot:
    """One query position: {stem: similarity} over the alternatives, and its weight (rarer words weigh more;
    a word found nowhere, even fuzzily, weighs little: it cannot help to choose)."""
    sims: Dict[str, float] = {}
    for alt in alternatives:
        s = _stem(alt)
        if s in index.postings:
            sims[s] = 1.0
    fuzzy = False
    if not sims and word.fuzzy:
        fuzzy = True
        for alt in alternatives:
            for cand, sim in _fuzzy(_stem(alt), index).items():
                sims[cand] = max(sims.get(cand, 0.0), sim)
    weight = max(index.idf[s] for s in sims) if sims else 2.0
    if fuzzy:  # a guessed word must not outweigh the words typed right: at most a common word's weight
        weight = min(weight, 4.0)
    return _Slot(sims, weight * word.factor, word.optional)


def _query_variants(words: List[_Word], index: _Index) -> List[List[Tuple[Tuple[str, ...], _Word]]]:
    """Alternative readings of the query as (alternatives, word) positions: aliases expanded; adjacent words
    joined when the joined word is known ("fire fighter" -> "firefighter"); an unknown word split in two known
    words ("helpdesk" -> "help desk")."""
    def expand(ws: List[_Word]):
        out = []
        for w in ws:
            if w.text in _ALIASES_RAW:
                out.extend((alts, w) for alts in _ALIASES_RAW[w.text])
            else:
                out.append(((w.text,), w))
        return out

    variants = [expand(words)]
    known = index.postings
    for i in range(len(words) - 1):
        joined = words[i].text + words[i + 1].text
        if _stem(joined) in known:
            j = _Word(joined, max(words[i].factor, words[i + 1].factor), False)
            variants.append(expand(words[:i] + [j] + words[i + 2:]))
    for i, w in enumerate(words):
        t = w.text
        if t in _ALIASES_RAW or _stem(t) in known or len(t) < 6:
            continue
        for cut in range(3, len(t) - 2):
            a, b = t[:cut], t[cut:]
            if _stem(a) in known and _stem(b) in known and a not in _STOPWORDS and b not in _STOPWORDS:
                parts = [_Word(a, w.factor / 1.5 if w.factor > 1 else w.factor), _Word(b, w.factor)]
                variants.append(expand(words[:i] + parts + words[i + 1:]))
                break
    return variants[:4]


def _score_variant(positions, index: _Index):
    """Score of every indexed title for one reading of the query (numpy array), and the query's stem key
    with the score an exact title match gets (100, or 97 when a word was matched fuzzily)."""
    import numpy as np

    n = index.n
    cov = np.zeros(n, dtype=np.float32)
    matched = np.zeros(n, dtype=np.float32)
    extra = np.zeros(n, dtype=np.float32)
    total_w = 0.0
    n_optional = 0
    keys: List[str] = []
    all_found, min_sim = True, 1.0
    slots = [_slot(alts, word, index) for alts, word in positions]
    if all(sl.optional for sl in slots):
        for sl in slots:
            sl.optional = False
    for sl in slots:
        if sl.optional:
            n_optional += 1
        else:
            total_w += sl.weight
        if not sl.sims:
            all_found = False
            continue
        best = np.zeros(n, dtype=np.float32)
        for s, sim in sl.sims.items():
            ids = index.postings[s]
            best[ids] = np.maximum(best[ids], sim)
        if sl.optional:
            extra += best
        else:
            cov += sl.weight * best
        matched += best > 0
        k = max(sl.sims, key=sl.sims.get)
        keys.append(k)
        min_sim = min(min_sim, sl.sims[k])
    if total_w <= 0 or not keys:
        return None, None, None
    cov /= total_w
    prec = np.minimum(1.0, matched / index.entry_len)
    score = 100.0 * cov * (0.75 + 0.25 * prec)
    if n_optional:
        score += 3.0 * extra / n_optional
    score += np.where(index.group_titles & (cov > 0), 2.0, 0.0)
    score = np.minimum(score, 99.0)
    exact = None
    if all_found:
        exact = (tuple(dict.fromkeys(keys)), 100.0 if min_sim >= 1.0 else 97.0)
    return score, exact, cov


def search(title: str, limit: int = 5, min_score: float = 45.0) -> List[dict]:
    """Rank NOC 2021 unit groups for a job title (English or French, free text).

    Returns at most ``limit`` groups, best first, each ``{code, title_en, title_fr, teer, score (0-100),
    confidence ("high" | "medium" | "low"), matched_title, matched_language, matching_titles}``; only groups
    scoring at least ``min_score``.  A query with no usable word returns ``[]``.  Raises NocError (field
    ``title``) for a query that is not text or is too long.
    """
    if not isinstance(title, str):
        raise NocError("title", f"{title!r} is not text", "a job title, e.g. \"software developer\"")
    if len(title) > 200:
        raise NocError("title", f"the job title is {len(title)} characters long",
                       "a job title of at most 200 characters")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 50:
        raise NocError("limit", f"{limit!r} is not a valid number of results", "an integer from 1 to 50")
    code = normalize_text(title)
    if code.startswith("noc "):
        code = code[4:]
    if len(code) == 5 and code.isdigit() and code in unit_groups():  # a code typed in place of a title
        g = unit_groups()[code]
        return [{"code": g.code, "title_en": g.title_en, "title_fr": g.title_fr, "teer": g.teer, "score": 100.0,
                 "confidence": "high", "matched_title": g.title_en, "matched_language": "en",
                 "matching_titles": 1}]
    # "(except ...)" in a query copied from NOC names what the title is NOT: leave those words out.
    words = _query_words(_EXCEPT.sub(" ", title))[:_MAX_WORDS]
    if not words:
        return []
    import numpy as np

    index = load_index()
    best_cov = None
    unknown = [w for w in words if w.text not in _ALIASES_RAW and _stem(w.text) not in index.postings]
    for w in unknown[_MAX_FUZZY:]:  # bounded time for long, garbled queries
        w.fuzzy = False
    best = None
    for positions in _query_variants(words, index):
        score, exact, cov = _score_variant(positions, index)
        if score is None:
            continue
        if exact is not None and exact[0] in index.by_key:
            ids = index.by_key[exact[0]]
            score[ids] = np.maximum(score[ids], exact[1])
        best = score if best is None else np.maximum(best, score)
        best_cov = cov if best_cov is None else np.maximum(best_cov, cov)
    if best is None:
        return []
    # The query's words, optional ones left out, are exactly a title ("senior accountant" -> "Accountant").
    core_key = _key(w.text for w in words if not w.optional)
    if core_key and core_key != _key(w.text for w in words) and core_key in index.by_key:
        ids = index.by_key[core_key]
        best[ids] = np.maximum(best[ids], 99.0)

    cand = np.nonzero(best >= min_score * 0.8)[0]
    if cand.size == 0:
        return []
    cand_scores = best[cand]
    groups = index.entry_group[cand]
    n_groups = len(index.codes)
    gmax = np.zeros(n_groups, dtype=np.float32)
    np.maximum.at(gmax, groups, cand_scores)
    # Titles within 10 points of their group's best support the group: a small bonus, and the tie-breaker.
    near = cand_scores >= gmax[groups] - 10.0
    support = np.bincount(groups[near], minlength=n_groups)
    bonus = np.minimum(4.0, 1.5 * np.log2(1.0 + support))
    # A group whose own title holds every word of the query ("teacher" -> "Secondary school teachers") is a
    # better guess than a group where the words only appear in some example titles.
    own = np.zeros(n_groups, dtype=bool)
    own[index.entry_group[np.nonzero(index.group_titles & (best_cov >= 0.999))[0]]] = True
    bonus = bonus + np.where(own, 3.0, 0.0)
    gscore = np.where(gmax >= 100.0, 100.0 + bonus, np.minimum(99.0, gmax + bonus))
    order = np.lexsort((-support, -gscore))
    results = []
    groups_by_code = unit_groups()
    for gi in order[:limit]:
        if gmax[gi] <= 0:
            break
        shown = float(min(100.0, gscore[gi]))
        if shown < min_score:
            break
        entries = cand[groups == gi]
        top = entries[np.argmax(best[entries])]
        g = groups_by_code[index.codes[gi]]
        results.append({
            "code": g.code,
            "title_en": g.title_en,
            "title_fr": g.title_fr,
            "teer": g.teer,
            "score": round(shown, 1),
            "confidence": "high" if shown >= 85 else "medium" if shown >= 65 else "low",
            "matched_title": index.titles[top],
            "matched_language": index.langs[top],
            "matching_titles": int(support[gi]),
        })
    return results
