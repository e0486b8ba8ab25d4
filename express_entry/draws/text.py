"""Plain-language wording of a ``summary_for_score`` answer, for the chatbot and the CLI.

Pure Python: works on the dict returned by ``summary_for_score``.
"""
from typing import Optional

from ..vocabulary import us_long_date


def long_date(iso: Optional[str]) -> str:
    """'2025-03-01' -> 'March 1, 2025' (IRCC's style on the rounds page)."""
    return us_long_date(iso) if iso else "an unknown date"


def _range(x: dict, fmt="{:,}") -> str:
    if x["at_least"] == x["at_most"]:
        return fmt.format(x["at_least"])
    return f"between {fmt.format(x['at_least'])} and {fmt.format(x['at_most'])}"


def pool_sentence(pos: Optional[dict]) -> str:
    if not pos:
        return "IRCC has not published the pool's score distribution for this date."
    h = pos["candidates_higher"]
    total = f"{pos['pool_total']:,}"
    if h["exact"]:
        line = (f"In the pool, {_range(h)} of {total} candidates ({_range(pos['top_percent'], '{}%')}) "
                f"had a higher score than {pos['score']}.")
    else:
        line = (f"In the pool, {_range(h)} of {total} candidates had a higher score than {pos['score']} "
                f"({_range(pos['top_percent'], '{}%')}): IRCC gives only the number of candidates in the range "
                f"{pos['range']['band']}, not their exact scores.")
    return line


def summary_text(summary: dict, max_types: Optional[int] = None) -> str:
    """A short, friendly answer: the data date, each type's latest cut-off against the score, the pool."""
    score = summary["score"]
    data = summary["data"]
    lines = [f"Rounds of invitations up to {long_date(data['latest_round_date'])}"
             + (f", pool as on {long_date(data['distribution_as_on'])}" if data.get("distribution_as_on") else "")
             + ":"]
    for g in summary["by_type"][:max_types]:
        r = g["latest_round"]
        verdict = "meets it" if g["met_latest"] else "is below it"
        extra = ""
        if g["rounds_in_period"] > 1:
            extra = f" Lowest in the period: {g['lowest_cutoff']}; {score} met {g['rounds_met']} of {g['rounds_in_period']} rounds."
        if g["type"] == "pnp":
            extra += f" ({g['who_is_invited'][0].upper()}{g['who_is_invited'][1:]}.)"
        lines.append(f"- {g['type_label']}: latest cut-off {r['cutoff_crs']} on {long_date(r['date'])}; "
                     f"your {score} {verdict}.{extra}")
    if not summary["by_type"]:
        lines.append("- No rounds in the period.")
    lines.append(pool_sentence(summary.get("pool")))
    lines.append("Meeting a cut-off is not a guarantee: you also need to be eligible for that round's program or "
                 "category, and at exactly the cut-off score the tie-breaking rule applies.")
    lines.append(f"Source: IRCC, {data['source']}")
    return "\n".join(lines)
