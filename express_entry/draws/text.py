"""Plain-language wording of a ``summary_for_score`` answer, for the chatbot and the CLI.

Pure Python: works on the dict returned by ``summary_for_score``.
"""
from typing import Optional

from ..concepts import say
from ..vocabulary import count_text, long_date as vocabulary_long_date, us_long_date


def long_date(iso: Optional[str], language: str = "en") -> str:
    """'2025-03-01' -> 'March 1, 2025' (IRCC's style on the rounds page); '1er mars 2025' in French."""
    if not iso:
        return say("draws.unknown_date", language)
    return us_long_date(iso) if language == "en" else vocabulary_long_date(iso, language)


def _range(x: dict, language: str = "en", percent: bool = False) -> str:
    def show(v) -> str:
        return say("draws.percent", language, value=count_text(v, language)) if percent else count_text(v, language)

    if x["at_least"] == x["at_most"]:
        return show(x["at_least"])
    return say("draws.between", language, low=show(x["at_least"]), high=show(x["at_most"]))


def pool_sentence(pos: Optional[dict], language: str = "en") -> str:
    if not pos:
        return say("draws.no_pool", language)
    values = {"higher": _range(pos["candidates_higher"], language), "total": count_text(pos["pool_total"], language),
              "percent": _range(pos["top_percent"], language, percent=True), "score": pos["score"]}
    if pos["candidates_higher"]["exact"]:
        return say("draws.pool_exact", language, **values)
    return say("draws.pool_band", language, band=pos["range"]["band"], **values)


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
