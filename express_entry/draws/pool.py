"""The pool's CRS score distribution (the ``dd1``..``dd18`` columns of IRCC's feed).

IRCC publishes, with each round, the number of candidates in the pool per CRS
score range "as on" a date shortly before the round.  Some ranges are also split
into 10-point ranges::

    dd1  601-1200        dd9  401-450         dd15 351-400
    dd2  501-600         dd10   441-450       dd16 301-350
    dd3  451-500         dd11   431-440       dd17 0-300
    dd4    491-500       dd12   421-430       dd18 Total
    dd5    481-490       dd13   411-420
    dd6    471-480       dd14   401-410
    dd7    461-470
    dd8    451-460

Inside a range, the feed says nothing about how candidates are spread, so a
candidate's position is given as bounds ("at least" / "at most"); it is exact
only when the score sits on the edge of a range.

Pure Python: no database and no third-party import.
"""
from typing import Dict, List, Optional, Tuple

MAX_CRS = 1200

# key -> (low, high, parent key or None)
BANDS = {
    "dd1": (601, 1200, None),
    "dd2": (501, 600, None),
    "dd3": (451, 500, None),
    "dd4": (491, 500, "dd3"),
    "dd5": (481, 490, "dd3"),
    "dd6": (471, 480, "dd3"),
    "dd7": (461, 470, "dd3"),
    "dd8": (451, 460, "dd3"),
    "dd9": (401, 450, None),
    "dd10": (441, 450, "dd9"),
    "dd11": (431, 440, "dd9"),
    "dd12": (421, 430, "dd9"),
    "dd13": (411, 420, "dd9"),
    "dd14": (401, 410, "dd9"),
    "dd15": (351, 400, None),
    "dd16": (301, 350, None),
    "dd17": (0, 300, None),
}
TOTAL_KEY = "dd18"
DD_KEYS = [f"dd{i}" for i in range(1, 19)]
TOP_LEVEL = [k for k, (_, _, parent) in BANDS.items() if parent is None]
CHILDREN = {p: [k for k, (_, _, parent) in BANDS.items() if parent == p] for p in TOP_LEVEL}
# The finest ranges that cover 0..1200 exactly once, highest first.
FINEST = [k for k in BANDS if not CHILDREN.get(k)]


def band_label(key: str) -> str:
    low, high, _ = BANDS[key]
    return f"{low}-{high}"


def consistency_problems(counts: Dict[str, int]) -> List[str]:
    """Where the published sub-totals do not add up (IRCC's own figures).

    ``counts`` maps dd1..dd18 to numbers.  Returns readable messages; empty if
    the ranges add up to their parents and to the total.
    """
    problems = []
    for parent, kids in CHILDREN.items():
        if not kids:
            continue
        parts = sum(counts[k] for k in kids)
        if parts != counts[parent]:
            problems.append(
                f"range {band_label(parent)} is {counts[parent]:,} but its 10-point ranges add up to {parts:,}"
            )
    top = sum(counts[k] for k in TOP_LEVEL)
    if top != counts[TOTAL_KEY]:
        problems.append(f"the total is {counts[TOTAL_KEY]:,} but the ranges add up to {top:,}")
    return problems


def _pct(n: int, total: int) -> float:
    return round(100.0 * n / total, 2) if total else 0.0


def position(score: int, counts: Dict[str, int]) -> dict:
    """Where ``score`` stands in a published distribution.

    Uses the finest ranges.  Returns counts of candidates with a higher score
    and a lower score as bounds (exact when the bounds are equal), the share of
    the pool above (``top_percent``) and below (``percentile``) as bounds, and
    the range the score falls in.
    """
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= MAX_CRS:
        raise ValueError(f"score must be a whole number from 0 to {MAX_CRS}, got {score!r}")
    total = sum(counts[k] for k in FINEST)
    own = next(k for k in FINEST if BANDS[k][0] <= score <= BANDS[k][1])
    low, high, _ = BANDS[own]
    in_band = counts[own]
    above = sum(counts[k] for k in FINEST if BANDS[k][0] > score)
    below = sum(counts[k] for k in FINEST if BANDS[k][1] < score)
    # Inside the own range: who is higher is unknown unless the score is the range's top.
    higher = (above, above if score == high else above + in_band)
    lower = (below, below if score == low else below + in_band)
    exact_higher = higher[0] == higher[1]
    exact_lower = lower[0] == lower[1]
    notes = []
    if exact_higher and exact_lower:
        notes.append(f"Exact: {score} is both the top and the bottom of its published range.")
    else:
        notes.append(
            f"IRCC publishes only how many candidates are in the range {low}-{high} ({in_band:,}), "
            f"not how they are spread inside it, so the counts inside that range are given as bounds."
        )
        if exact_higher:
            notes.append(f"{score} is the top of its range, so the number of candidates with a higher score is exact.")
        if exact_lower:
            notes.append(f"{score} is the bottom of its range, so the number of candidates with a lower score is exact.")
    # A plain estimate, clearly labelled, for readers who want one number.
    width = high - low + 1
    est_higher = above + round(in_band * (high - score) / width)
    return {
        "score": score,
        "pool_total": total,
        "range": {"band": f"{low}-{high}", "low": low, "high": high, "candidates": in_band},
        "candidates_higher": {"at_least": higher[0], "at_most": higher[1], "exact": exact_higher},
        "candidates_lower": {"at_least": lower[0], "at_most": lower[1], "exact": exact_lower},
        "top_percent": {"at_least": _pct(higher[0], total), "at_most": _pct(higher[1], total)},
        "percentile": {"at_least": _pct(lower[0], total), "at_most": _pct(lower[1], total)},
        "estimate": {
            "candidates_higher": est_higher,
            "top_percent": _pct(est_higher, total),
            "assumes": "candidates spread evenly over the scores inside the range; IRCC does not publish this",
        },
        "notes": notes,
    }
