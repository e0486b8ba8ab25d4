"""Round types: map IRCC's ``drawName`` to a stable type id.

IRCC renames rounds over the years ("Healthcare occupations (Version 1)",
"Healthcare and social services occupations (Version 2)",
"Healthcare and Social Services Occupations, 2026-Version 3"), so rounds are
grouped under a stable id.  Category ids are the ids of
``express_entry/data/categories/categories.json`` without their year suffix
(``healthcare-social-services-2026`` -> ``healthcare-social-services``).

Pure Python: no database and no third-party import.
"""
import re
from typing import NamedTuple, Optional

# id -> (kind, label).  Order is the display order.
TYPES = {
    "general": ("general", "General (all programs)"),
    "cec": ("program", "Canadian Experience Class"),
    "pnp": ("program", "Provincial Nominee Program"),
    "fsw": ("program", "Federal Skilled Worker"),
    "fst": ("program", "Federal Skilled Trades"),
    "french": ("category", "French-language proficiency"),
    "healthcare-social-services": ("category", "Healthcare and social services occupations"),
    "stem": ("category", "STEM occupations"),
    "trades": ("category", "Trade occupations"),
    "transport": ("category", "Transport occupations"),
    "agriculture-agri-food": ("category", "Agriculture and agri-food occupations"),
    "education": ("category", "Education occupations"),
    "physicians-canadian-experience": ("category", "Physicians with Canadian work experience"),
    "senior-managers-canadian-experience": ("category", "Senior managers with Canadian work experience"),
    "researchers-canadian-experience": ("category", "Researchers with Canadian work experience"),
    "skilled-military-recruits": ("category", "Skilled military recruits"),
}

# What a candidate must have to be invited in a round of that kind (beyond being in the pool).
KIND_NOTES = {
    "general": "open to candidates of every Express Entry program",
    "program": "only candidates eligible for this program are invited",
    "category": "only candidates who meet this category's requirements are invited",
}
TYPE_NOTES = {
    "pnp": "only candidates with a provincial or territorial nomination are invited; the cut-off includes "
           "the 600 nomination points",
}


def note_for(type_id: str, kind: str) -> str:
    return TYPE_NOTES.get(type_id) or KIND_NOTES.get(kind, KIND_NOTES["category"])


# Tried in order on the lower-cased name without its version suffix.
_RULES = [
    (re.compile(r"^(no program specified|general)$"), "general"),
    (re.compile(r"^canadian experience class$"), "cec"),
    (re.compile(r"^provincial nominee program$"), "pnp"),
    (re.compile(r"^federal skilled worker( program)?$"), "fsw"),
    (re.compile(r"^federal skilled trades?( program)?$"), "fst"),
    (re.compile(r"french"), "french"),
    (re.compile(r"health"), "healthcare-social-services"),
    (re.compile(r"\bstem\b|science, technology"), "stem"),
    (re.compile(r"\btrades? occupations\b"), "trades"),
    (re.compile(r"\btransport"), "transport"),
    (re.compile(r"agricultur|agri-food"), "agriculture-agri-food"),
    (re.compile(r"\beducation\b"), "education"),
    (re.compile(r"physician"), "physicians-canadian-experience"),
    (re.compile(r"senior manager"), "senior-managers-canadian-experience"),
    (re.compile(r"research"), "researchers-canadian-experience"),
    (re.compile(r"military"), "skilled-military-recruits"),
]

# "(Version 1)", "(2023-1)", ", 2026-Version 3", " 2026-Version 2"
_VERSION = re.compile(
    r"\s*(?:\((?P<p>(?:\d{4}-)?version\s*\d+|\d{4}-\d+)\)|,?\s+(?P<s>\d{4}-version\s*\d+))\s*$",
    re.IGNORECASE,
)


class RoundType(NamedTuple):
    id: str
    kind: str  # general | program | category
    label: str
    version: Optional[str]  # the list version in the name, e.g. "2026-Version 3"
    known: bool  # False: a name this code does not know yet (grouped by its own slug)


def split_version(name: str):
    """("Healthcare occupations (Version 1)") -> ("Healthcare occupations", "Version 1")."""
    name = " ".join(str(name).split())
    m = _VERSION.search(name)
    if not m:
        return name, None
    return name[: m.start()].strip(), (m.group("p") or m.group("s"))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unnamed"


def classify(draw_name: str) -> RoundType:
    """The stable type of a round from its ``drawName``.

    Unknown names (a category IRCC creates later) are not an error: they get the
    kind "category" and an id made from the name without its version.
    """
    base, version = split_version(draw_name)
    low = base.lower()
    for pattern, type_id in _RULES:
        if pattern.search(low):
            kind, label = TYPES[type_id]
            return RoundType(type_id, kind, label, version, True)
    return RoundType(slug(base), "category", base, version, False)


def label_of(type_id: str) -> str:
    return TYPES.get(type_id, ("category", type_id))[1]
