"""The result as one structured object: every channel renders it its own way (issue 21).

``action_assess`` sends it as a custom payload (``dispatcher.utter_message(json_message=...)``, ``"custom"`` in
the REST channel's replies), built from the same engine figures as the text (the assessment, the advice, the
draws summary and the category fit; never parsed back from the words). The web page draws it as a card, the
Telegram and Slack connectors as rich messages (``connectors/rich.py``); the HTTP API gets it as it is (README:
"The result as data"). The words are the domain's responses, filled by ``actions/results.py``.
"""
import datetime as dt
from typing import Any, Dict, List, Optional

from actions import results
from actions.sources import link
from express_entry import concepts, vocabulary
from express_entry.categories import round_type

RESULT_TYPE = "crs_result"
VERSION = 1
HEADLINE_SUGGESTIONS = 3
HEADLINE_CUTOFFS = 3
CHART_CUTOFFS = 5
MAX_SUGGESTIONS = 10
# The words of the labels' ``card`` section (Telegram's and Slack's) that the web card writes too; the rest of
# its words are the ``web_card`` section's.
SHARED_CARD_WORDS = ("verdict_eligible", "verdict_not_eligible", "verdict_unknown", "reaches", "below",
                     "latest_cutoffs", "eligibility", "raise_most", "to_total", "ruleset")


def web_words(language: str = "en") -> Dict[str, str]:
    """Every word the web page's card writes (web/src/card.js), in ``language``: the payload's ``words``."""
    card = concepts.words("card", language)
    return {**{k: card[k] for k in SHARED_CARD_WORDS}, **concepts.words("web_card", language)}


def _factor(f: dict, language: str = "en") -> Dict[str, Any]:
    return {"factor": f["factor"], "name": results.factor_name(f, language), "part": f.get("part"),
            "points": f.get("points", 0), "max": f.get("max"), "detail": f.get("detail")}


def _parts(a: dict, language: str = "en") -> List[Dict[str, Any]]:
    from express_entry.crs import part_maxima

    maxima = part_maxima()
    return [{"letter": letter, "key": key, "label": label, "points": int(a["crs"].get(key) or 0),
             "max": maxima[key]} for letter, key, label in concepts.parts(language)]


def _programs(a: dict, language: str = "en") -> List[Dict[str, Any]]:
    names = results.program_names(language)
    out = []
    for pid in ("cec", "fsw", "fst"):
        p = (a.get("programs") or {}).get(pid)
        if p:
            out.append({"id": pid, "name": names[pid], "eligible": p.get("eligible"),
                        "reasons": list(p.get("reasons") or []), "fixes": list(p.get("fixes") or []),
                        "source": p.get("source")})
    return out


def _suggestions(adv: Optional[dict]) -> List[Dict[str, Any]]:
    return [{"title": s.get("title") or ", ".join(s.get("change", {})), "gain": s["gain"], "new_total": s["new_total"],
             "note": s.get("note"), "effort": s.get("effort"), "source": s.get("source")}
            for s in ((adv or {}).get("suggestions") or [])[:MAX_SUGGESTIONS]]


def _draws(summary: Optional[dict], cats: Optional[dict], no_french: bool,
           language: str = "en") -> Optional[Dict[str, Any]]:
    """Each type of round's latest cut-off against the score; category rounds with whether the person fits."""
    if not summary or not summary.get("by_type"):
        return None
    from express_entry.draws.text import pool_sentence

    by_key = {round_type(c["id"]): c for c in (cats or {}).get("categories") or []}
    rounds = []
    for g in summary["by_type"]:
        r = g["latest_round"]
        row = {"type": g.get("type"), "label": results.round_label(g, language), "date": r["date"],
               "cutoff": r["cutoff_crs"], "met": bool(r.get("met")), "lowest": g.get("lowest_cutoff"),
               "rounds": g.get("rounds_in_period"), "category": results.is_category_round(g),
               "includes_nomination": g.get("type") == "pnp", "fit": None, "fit_explanation": None}
        if row["category"] and cats is not None:
            cat = by_key.get(g.get("type"))
            row["fit"] = results.category_status(cat, no_french) if cat else "not_this_year"
            row["fit_explanation"] = (cat or {}).get("explanation")
        rounds.append(row)
    data = summary.get("data") or {}
    return {"latest_round_date": data.get("latest_round_date"), "pool_date": data.get("distribution_as_on"),
            "pool": pool_sentence(summary["pool"], language) if summary.get("pool") else None,
            "source": data.get("source"), "rounds": rounds}


def headline_cutoffs(draws: Optional[dict]) -> List[Dict[str, Any]]:
    """The latest cut-offs that apply to the person, newest first: rounds open to all candidates of a program
    and category rounds they fit (not Provincial Nominee rounds, whose scores include the nomination)."""
    if not draws:
        return []
    rows = [r for r in draws["rounds"] if not r["includes_nomination"]
            and (not r["category"] or r["fit"] in (None, "fits"))]
    return sorted(rows, key=lambda r: r["date"], reverse=True)[:HEADLINE_CUTOFFS]


def chart_cutoffs(draws: Optional[dict]) -> List[Dict[str, Any]]:
    """The cut-offs drawn beside the score, newest first: not Provincial Nominee rounds, nor category rounds the
    person does not fit."""
    if not draws:
        return []
    rows = [r for r in draws["rounds"] if not r["includes_nomination"]
            and r["fit"] not in ("does_not_fit", "not_this_year")]
    return sorted(rows, key=lambda r: r["date"], reverse=True)[:CHART_CUTOFFS]


def _ruleset(a: dict):
    """The ruleset the assessment applied, resolved on its date (None when the assessment does not say)."""
    from express_entry.rules import ruleset_by_id

    try:
        return ruleset_by_id(a["ruleset"], dt.date.fromisoformat(str(a.get("assessed_on"))))
    except (ValueError, KeyError, LookupError):
        return None


def _sources(a: dict, rs, programs: List[dict], suggestions: List[dict], draws: Optional[dict],
             language: str = "en") -> List[Dict[str, str]]:
    """The official pages the card's figures come from, as titled links in ``language`` (actions/sources.py)."""
    urls: List[str] = [rs.source(n) for n in rs.names() if n.startswith("crs_")] if rs is not None else []
    urls += [p["source"] for p in programs] + [s["source"] for s in suggestions]
    if draws:
        urls.append(draws["source"])
    seen: List[str] = []
    for url in urls:
        if url and str(url).startswith("https://") and url not in seen:
            seen.append(url)
    return [link(u, language=language) for u in seen]


def _change_title(change: Dict[str, Any], language: str) -> str:
    """An announced change's title in ``language`` (rulesets/index.yaml's ``title_<language>``, else English)."""
    if language == "en":
        return change["title"]
    from express_entry.rules import not_modelled

    item = next((i for i in not_modelled() if str(i.get("id")) == change.get("id")), {})
    return str(item.get(f"title_{language}") or change["title"])


def build(texts: Dict[str, str], a: dict, adv: Optional[dict] = None, summary: Optional[dict] = None,
          cats: Optional[dict] = None, previous: Optional[float] = None, no_french: bool = False,
          chart: Optional[str] = None, next_steps: Optional[List[str]] = None,
          left_out: Optional[List[str]] = None, language: str = "en") -> Dict[str, Any]:
    """The structured result (see README, "The result as data"). ``texts``: the domain's responses
    (actions.replies.texts); ``chart``: the chart's URL; ``next_steps``: what the person can ask next;
    ``left_out``: the lines naming the facts the person skipped and what they could add (actions/unknown.py),
    shown first among the notes; ``language``: the language of its words ("en" or "fr"), which the card names
    so that a channel writes its own words in it (connectors/rich.py)."""
    strong, weak = results.key_factors(a)
    programs = _programs(a, language)
    suggestions = _suggestions(adv)
    draws = _draws(summary, cats, no_french, language)
    total = int(a["crs"]["total"])
    rs = _ruleset(a)
    card: Dict[str, Any] = {
        "type": RESULT_TYPE, "version": VERSION, "language": language,
        "score": total, "previous": None if previous is None else int(previous),
        "ruleset": a.get("ruleset"), "assessed_on": a.get("assessed_on"),
        # Announced changes in force on that date that the ruleset does not model (the score leaves them out).
        "not_included": [{"title": _change_title(c, language), "effective": c["effective"]}
                         for c in (rs.not_modelled if rs else [])],
        "parts": _parts(a, language),
        "strongest": [_factor(f, language) for f in strong], "room_to_grow": [_factor(f, language) for f in weak],
        "explanation": [_factor(f, language) for f in a["crs"].get("factors", []) if f.get("max") or f.get("points")],
        "programs": programs,
        "suggestions": suggestions, "top_suggestions": suggestions[:HEADLINE_SUGGESTIONS],
        "losses_ahead": [{"title": x.get("title"), "loss": x.get("loss"), "when": x.get("when"), "on": x.get("on")}
                         for x in (adv or {}).get("losses_ahead") or []],
        "draws": draws, "cutoffs": headline_cutoffs(draws),
        "notes": (list(left_out or []) + results.warning_lines(texts, a, language)
                  + results.expiry_lines(texts, a, language=language)),
        "sources": _sources(a, rs, programs, suggestions, draws, language),
        "chart": None,
        "next_steps": list(next_steps or []),
        # The web card's own words and month names in the card's language (README, "The result as data").
        "words": web_words(language), "months": list(vocabulary.card_months(language)),
    }
    if chart:
        card["chart"] = {"url": chart, "cutoffs": chart_cutoffs(draws)}
        card["chart"]["alt"] = chart_alt(card, language)
    return card


def chart_alt(card: Dict[str, Any], language: str = "en") -> str:
    """The chart in words (its text alternative)."""
    parts = ", ".join(f"{p['letter']} {p['label'].lower()} {p['points']}" for p in card["parts"])
    text = concepts.say("chart.alt", language, score=card["score"], parts=parts)
    cutoffs = card["chart"]["cutoffs"]
    if cutoffs:
        text += concepts.say("chart.alt_cutoffs", language, cutoffs="; ".join(
            concepts.say("chart.alt_cutoff", language, label=r["label"], cutoff=r["cutoff"],
                            date=vocabulary.long_date(r["date"], language))
            for r in cutoffs))
    return text
