"""Plain-words messages for an assessment, advice, what-if, draws and NOC lookups.

Pure Python over the engine's output (the contract's assessment format); the
numbers are the engine's, never recomputed here. The words are the domain's
responses (``texts``: actions.replies.texts of the domain the action received):
each function picks the lines, fills them and joins the lines of one message.
"""
from typing import Any, Dict, List, Optional

from actions.replies import fill as _fill
from express_entry import concepts, vocabulary
from express_entry.categories import round_type


# The CRS parts, factors and programs as a result names them, in each language (express_entry/concepts.py,
# data/labels/<language>.yaml).
def part_names(language: str = "en") -> Dict[str, str]:
    return {key: f"{name.lower()} ({letter})" for letter, key, name in concepts.parts(language)}


def program_names(language: str = "en") -> Dict[str, str]:
    return concepts.words("programs", language)


PART_NAMES = part_names()
FACTOR_NAMES = concepts.factor_names()
PROGRAM_NAMES = program_names()


def factor_name(f: dict, language: str = "en") -> str:
    return concepts.factor_names(language).get(f.get("factor"), str(f.get("factor", "")).replace("_", " "))


def round_label(g: dict, language: str = "en") -> str:
    """A type of round as a person reads it: the draws data's label in English, the labels file's otherwise."""
    label = g.get("type_label") or g.get("type")
    return label if language == "en" else concepts.words("round_types", language).get(g.get("type"), label)


def profile_error(e: Exception, language: str = "en") -> Dict[str, str]:
    """The placeholders of utter_result_cannot_assess (and utter_what_if_cannot, utter_noc_cannot) for a profile the
    engine refuses (express_entry.profile.ProfileError ``e``): ``error``, what is wrong, and ``field``, the fact to
    change, both from the labels in ``language`` (``profile_errors``, ``fields``); the exception's own text is the
    developers' English."""
    path = str(getattr(e, "field", "") or "profile")
    labels = concepts.field_labels(language)
    head = path.split(".")[0]
    field = labels.get(path.replace(".", "_")) or labels.get(head) or head.replace("_", " ")
    kind = getattr(e, "kind", None) or "not_accepted"
    accepted = e.accepted_in(language) if hasattr(e, "accepted_in") else ""
    return {"error": concepts.say(f"profile_errors.{kind}", language, field=field, accepted=accepted,
                                  **getattr(e, "values", {})), "field": field}


def _warning_text(w: Any) -> str:
    if isinstance(w, dict):
        return str(w.get("message") or w.get("text") or w)
    return str(w)


def key_factors(a: dict, count: int = 3):
    """(strongest, most room to grow): the factors that matter, each list at most ``count`` long."""
    factors = [f for f in a["crs"].get("factors", []) if (f.get("max") or 0) > 0]
    strong = sorted([f for f in factors if f.get("points", 0) > 0], key=lambda f: (-f["points"], f["factor"]))[:count]
    weak = sorted([f for f in factors if f["factor"] not in ("provincial_nomination",)],
                  key=lambda f: (-(f["max"] - f.get("points", 0)), f["factor"]))[:count]
    return strong, weak


def is_category_round(g: dict) -> bool:
    """A draws summary group of category-based rounds (as opposed to general, CEC, PNP, FSW, FST rounds)."""
    return (g.get("kind") or ("category" if g.get("type") not in ("general", "cec", "pnp", "fsw", "fst") else "")) \
        == "category"


def score_lines(texts: Dict[str, str], a: dict, previous: Optional[float] = None,
                language: str = "en") -> List[str]:
    crs = a["crs"]
    names = part_names(language)
    parts = ", ".join(_fill(texts, "utter_result_part", language=language,
                            name=names[k], points=crs.get(k, 0)) for k in names)
    values = {"total": crs["total"], "ruleset": vocabulary.long_date(a["ruleset_effective"], language), "parts": parts}
    if previous is None:
        msgs = [_fill(texts, "utter_result_score", language=language, **values)]
    else:
        diff = int(crs["total"]) - int(previous)
        name = "utter_result_score_changed" if diff else "utter_result_score_unchanged"
        msgs = [_fill(texts, name, language=language, previous=int(previous), difference=f"{diff:+d}", **values)]
    strong, weak = key_factors(a)

    def shares(chosen: List[dict]) -> str:
        return "; ".join(_fill(texts, "utter_result_factor_share", language=language,
                               name=factor_name(f, language), points=f.get("points", 0),
                               max=f["max"]) for f in chosen)

    lines = []
    if strong:
        lines.append(_fill(texts, "utter_result_strongest", language=language, factors=shares(strong)))
    if weak:
        lines.append(_fill(texts, "utter_result_room_to_grow", language=language, factors=shares(weak)))
    if lines:
        msgs.append("\n".join(lines))
    return msgs


def program_lines(texts: Dict[str, str], a: dict, detailed: bool = True, known_only: bool = False,
                  language: str = "en") -> List[str]:
    """One line per program; known_only leaves out the ones that need more answers."""
    out = []
    for pid in ("cec", "fsw", "fst"):
        p = (a.get("programs") or {}).get(pid)
        if not p or (known_only and p.get("eligible") is None):
            continue
        eligible = p.get("eligible")
        name = {True: "utter_result_program_eligible", False: "utter_result_program_not_eligible"}.get(
            eligible, "utter_result_program_unknown")
        reasons = p.get("reasons", [])[:4 if eligible is False and detailed else 2]
        out.append(_fill(texts, name, language=language,
                         program=program_names(language)[pid], reasons=" ".join(reasons)).strip())
    if not out:
        return []
    return [_fill(texts, "utter_result_programs", language=language, lines="\n".join(out))]


def eligible_programs(a: dict) -> List[str]:
    return [pid for pid, p in (a.get("programs") or {}).items() if p.get("eligible") is True]


def advice_lines(texts: Dict[str, str], adv: Optional[dict], limit: int = 3, language: str = "en") -> List[str]:
    if not adv or not adv.get("suggestions"):
        return []
    lines = [_fill(texts, "utter_result_advice_item", language=language,
                   title=s.get("title") or ", ".join(s.get("change", {})),
                   gain=s["gain"], new_total=s["new_total"]) for s in adv["suggestions"][:limit]]
    return [_fill(texts, "utter_result_advice", language=language, lines="\n".join(lines))]


def category_status(cat: dict, no_french: bool = False) -> str:
    """fits, partially_fits, unknown or does_not_fit; a French category is out for someone with no French test."""
    status = cat.get("status")
    if status == "unknown" and no_french and "french_nclc" in (cat.get("missing") or []):
        return "does_not_fit"
    return status


def _round_text(texts: Dict[str, str], g: dict, score: Optional[int], language: str = "en") -> str:
    from express_entry.draws.text import long_date

    r = g["latest_round"]
    values = {"cutoff": r["cutoff_crs"], "date": long_date(r["date"], language)}
    if (g.get("rounds_in_period") or 0) > 1 and g.get("lowest_cutoff") is not None:
        line = _fill(texts, "utter_draws_round_lowest", language=language,
                     lowest=g["lowest_cutoff"], count=g["rounds_in_period"],
                     **values)
    else:
        line = _fill(texts, "utter_draws_round", language=language, **values)
    if score is None:
        return line
    return _fill(texts, "utter_draws_score_met" if r.get("met") else "utter_draws_score_not_met", language=language,
                 round=line)


def _short_round(texts: Dict[str, str], label: str, g: dict, score: Optional[int], language: str = "en") -> str:
    from express_entry.draws.text import long_date

    r = g["latest_round"]
    name = "utter_draws_short_round" if score is None else (
        "utter_draws_short_round_met" if r.get("met") else "utter_draws_short_round_not_met")
    return _fill(texts, name, language=language,
                 label=label, cutoff=r["cutoff_crs"], date=long_date(r["date"], language))


def draws_lines(texts: Dict[str, str], summary: Optional[dict], score: Optional[int], cats: Optional[dict] = None,
                no_french: bool = False, language: str = "en") -> List[str]:
    """Recent cut-offs against the score, with the dates of the data; category rounds grouped by whether the
    candidate fits the category (``cats``: express_entry.categories.categories_from_profile; None: not assessed).
    ``no_french``: the person said they have no French test result."""
    if not summary or not summary.get("by_type"):
        return []
    from express_entry.draws.text import long_date, pool_sentence

    data = summary.get("data") or {}
    latest = long_date(data.get("latest_round_date"), language)
    lines = [_fill(texts, "utter_draws_head_with_pool", language=language, latest=latest,
                   pool_date=long_date(data["distribution_as_on"], language))
             if data.get("distribution_as_on") else _fill(texts, "utter_draws_head", language=language, latest=latest)]
    by_key = {round_type(c["id"]): c for c in (cats or {}).get("categories") or []}
    groups: Dict[str, List[str]] = {"fits": [], "partially_fits": [], "unknown": [], "does_not_fit": [], "old": []}
    missing: List[str] = []
    for g in summary["by_type"]:
        label = round_label(g, language)
        if not is_category_round(g):
            if g.get("type") == "pnp":
                from express_entry.crs import part_maxima

                lines.append(_fill(texts, "utter_draws_type_pnp", language=language, label=label,
                                   round=_round_text(texts, g, score, language),
                                   points=part_maxima()["provincial_nomination"]))
            else:
                lines.append(_fill(texts, "utter_draws_type", language=language, label=label,
                                   round=_round_text(texts, g, score, language)))
            continue
        if cats is None:
            groups["fits"].append(_fill(texts, "utter_draws_type", language=language, label=label,
                                        round=_round_text(texts, g, score, language)))
            continue
        cat = by_key.get(g.get("type"))
        if cat is None:
            groups["old"].append(label)
            continue
        status = category_status(cat, no_french)
        if status == "fits":
            groups["fits"].append(_fill(texts, "utter_draws_category_fits", language=language, label=label,
                                        round=_round_text(texts, g, score, language)))
        elif status == "partially_fits":
            groups["partially_fits"].append(_fill(texts, "utter_draws_category_partly", language=language, label=label,
                                                  explanation=cat.get("explanation", ""),
                                                  round=_round_text(texts, g, None, language).capitalize()))
        elif status == "does_not_fit":
            groups["does_not_fit"].append(label)
        else:
            groups["unknown"].append(_short_round(texts, label, g, score, language))
            missing += [m for m in cat.get("missing") or [] if m not in missing]
    cat_lines = groups["fits"] + groups["partially_fits"]
    if groups["unknown"]:
        if "work_months" in missing and "canadian_work_months" in missing:
            missing.remove("canadian_work_months")
        need = [texts[f"utter_draws_category_missing_{m}"] for m in missing
                if f"utter_draws_category_missing_{m}" in texts]
        rounds = "; ".join(groups["unknown"])
        cat_lines.append(_fill(texts, "utter_draws_category_unknown_without", language=language,
                               missing=f" {concepts.say('facts.and', language)} ".join(need), rounds=rounds)
                         if need else _fill(texts, "utter_draws_category_unknown", language=language, rounds=rounds))
    if groups["does_not_fit"]:
        cat_lines.append(_fill(texts, "utter_draws_category_does_not_fit", language=language,
                               labels=", ".join(groups["does_not_fit"])))
    if groups["old"]:
        cat_lines.append(_fill(texts, "utter_draws_category_old", language=language, labels=", ".join(groups["old"])))
    if cat_lines:
        lines.append(texts["utter_draws_categories"])
        lines += cat_lines
    if score is not None and summary.get("pool"):
        lines.append(pool_sentence(summary["pool"], language))
    if data.get("source"):
        lines.append(_fill(texts, "utter_draws_source", language=language, source=data["source"]))
    return ["\n".join(lines)]


def warning_lines(texts: Dict[str, str], a: dict, language: str = "en") -> List[str]:
    return [_fill(texts, "utter_result_note", language=language,
                  text=_warning_text(w)) for w in a.get("warnings") or []]


def expiry_lines(texts: Dict[str, str], a: dict, within_days: int = 183, language: str = "en") -> List[str]:
    """A valid test result that stops counting within about 6 months (the engine's expires_on)."""
    import datetime as dt

    try:
        on = dt.date.fromisoformat(str(a.get("assessed_on")))
    except ValueError:
        return []
    out = []
    for key, lv in (a.get("language_levels") or {}).items():
        if not isinstance(lv, dict) or not lv.get("valid") or not lv.get("expires_on"):
            continue
        ends = dt.date.fromisoformat(lv["expires_on"])
        if (ends - on).days <= within_days:
            date = ends.isoformat() if language == "en" else vocabulary.long_date(ends, language)
            out.append(_fill(texts, f"utter_result_expiry_{key}", language=language, date=date))
    return out


def explain_lines(texts: Dict[str, str], a: dict, topic: Optional[str], language: str = "en") -> List[str]:
    factors = a["crs"].get("factors", [])
    if topic == "language":
        chosen = [f for f in factors if "language" in f["factor"] or f["factor"] in ("french",)
                  or f["factor"].startswith("transferability")]
    else:
        chosen = factors
    lines = [_fill(texts, "utter_result_explain_factor_detail" if f.get("detail") else "utter_result_explain_factor",
                   language=language, name=factor_name(f, language), points=f.get("points", 0), max=f.get("max"),
                   detail=f.get("detail"))
             for f in chosen if f.get("max") or f.get("points")]
    if topic == "language":
        msgs = [_fill(texts, "utter_result_explain_language", language=language, lines="\n".join(lines))]
    else:
        msgs = [_fill(texts, "utter_result_explain", language=language,
                      total=a["crs"]["total"], lines="\n".join(lines))]
    levels = a.get("language_levels")
    if topic == "language" and isinstance(levels, dict):
        for key, lv in levels.items():
            if isinstance(lv, dict) and lv.get("levels"):
                group = concepts.words("language_groups", language).get(key, key.replace("_", " ").capitalize())
                msgs.append(_fill(texts, "utter_result_explain_levels", language=language, group=group,
                                  levels=", ".join(f"{concepts.words('abilities', language).get(k, k)} {v}"
                                                   for k, v in lv["levels"].items())))
    return msgs


def what_if_lines(texts: Dict[str, str], result: dict, label: str, language: str = "en") -> List[str]:
    b, a = result["before"]["total"], result["after"]["total"]
    msg = _fill(texts, "utter_what_if_result", language=language,
                label=label, before=b, after=a, difference=f"{a - b:+d}")
    changed = [f for f in result.get("factors", []) if f.get("difference")]
    if changed:
        msg += "\n" + "\n".join(_fill(texts, "utter_what_if_factor", language=language, name=factor_name(f, language),
                                      before=f["before"], after=f["after"]) for f in changed[:6])
    becomes = {True: "utter_what_if_program_eligible", False: "utter_what_if_program_not_eligible"}
    progs = [_fill(texts, becomes.get(v["after"], "utter_what_if_program_unknown"), language=language,
                   program=program_names(language)[p])
             for p, v in (result.get("programs") or {}).items() if v.get("changed")]
    if progs:
        msg += "\n" + "; ".join(progs) + "."
    return [msg]


def noc_lines(texts: Dict[str, str], hits: List[dict], title: str, language: str = "en") -> List[str]:
    from express_entry import noc

    if not hits:
        return [_fill(texts, "utter_noc_not_found", language=language, title=title)]
    lines = "\n".join(_fill(texts, "utter_noc_match", language=language, code=h["code"], teer=h["teer"],
                            title=noc.title_in(h, language))
                      for h in hits[:3])
    name = "utter_noc_matches" if hits[0].get("confidence") == "high" else "utter_noc_nearest"
    return [_fill(texts, name, language=language, title=title, lines=lines)]
