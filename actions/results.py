"""Plain-words messages for an assessment, advice, what-if, draws and NOC lookups.

Pure Python over the engine's output (the contract's assessment format); the
numbers are the engine's, never recomputed here.
"""
from typing import Any, Dict, List, Optional

PART_NAMES = {"core": "core/human capital (A)", "spouse": "spouse or partner (B)",
              "transferability": "skill transferability (C)", "additional": "additional points (D)"}
PROGRAM_NAMES = {"cec": "Canadian Experience Class (CEC)", "fsw": "Federal Skilled Worker (FSW)",
                 "fst": "Federal Skilled Trades (FST)"}
FACTOR_NAMES = {
    "age": "age", "education": "education", "first_language_listening": "first language: listening",
    "first_language_reading": "first language: reading", "first_language_writing": "first language: writing",
    "first_language_speaking": "first language: speaking", "second_language": "second official language",
    "canadian_work": "Canadian work experience", "spouse_education": "partner's education",
    "spouse_language": "partner's language", "spouse_canadian_work": "partner's Canadian work",
    "transferability_education": "education combined with language / Canadian work",
    "transferability_foreign_work": "foreign work combined with language / Canadian work",
    "transferability_certificate": "certificate of qualification with language",
    "provincial_nomination": "provincial nomination", "job_offer": "job offer",
    "canadian_education": "Canadian education", "sibling": "sibling in Canada", "french": "French-language bonus",
}


def factor_name(f: dict) -> str:
    return FACTOR_NAMES.get(f.get("factor"), str(f.get("factor", "")).replace("_", " "))


def _warning_text(w: Any) -> str:
    if isinstance(w, dict):
        return str(w.get("message") or w.get("text") or w)
    return str(w)


def score_lines(a: dict, previous: Optional[float] = None) -> List[str]:
    crs = a["crs"]
    parts = ", ".join(f"{PART_NAMES[k]} {crs.get(k, 0)}" for k in ("core", "spouse", "transferability", "additional"))
    was = ""
    if previous is not None:
        diff = int(crs["total"]) - int(previous)
        was = f"was {int(previous)}, {'+' if diff > 0 else ''}{diff if diff else 'no change'}; "
    msgs = [f"Your estimated CRS score is {crs['total']} ({was}rules in force since {a.get('ruleset')}).\nParts: {parts}."]
    factors = [f for f in crs.get("factors", []) if (f.get("max") or 0) > 0]
    strong = sorted([f for f in factors if f.get("points", 0) > 0], key=lambda f: (-f["points"], f["factor"]))[:3]
    weak = sorted([f for f in factors if f["factor"] not in ("provincial_nomination",)],
                  key=lambda f: (-(f["max"] - f.get("points", 0)), f["factor"]))[:3]
    lines = []
    if strong:
        lines.append("Strongest: " + "; ".join(f"{factor_name(f)} {f['points']}/{f['max']}" for f in strong) + ".")
    if weak:
        lines.append("Most room to grow: " + "; ".join(f"{factor_name(f)} {f.get('points', 0)}/{f['max']}"
                                                       for f in weak) + ".")
    if lines:
        msgs.append("\n".join(lines))
    return msgs


def program_lines(a: dict, detailed: bool = True, known_only: bool = False) -> List[str]:
    """One line per program; known_only leaves out the ones that need more answers."""
    out = []
    for pid in ("cec", "fsw", "fst"):
        p = (a.get("programs") or {}).get(pid)
        if not p or (known_only and p.get("eligible") is None):
            continue
        name = PROGRAM_NAMES[pid]
        if p.get("eligible") is True:
            line = f"- {name}: you meet the requirements I can check."
        elif p.get("eligible") is False:
            line = f"- {name}: not eligible. " + " ".join(p.get("reasons", [])[:2 if not detailed else 4])
        else:
            line = f"- {name}: can't tell yet. " + " ".join(p.get("reasons", [])[:2])
        out.append(line.strip())
    if not out:
        return []
    return ["Eligibility:\n" + "\n".join(out)]


def eligible_programs(a: dict) -> List[str]:
    return [pid for pid, p in (a.get("programs") or {}).items() if p.get("eligible") is True]


def advice_lines(adv: Optional[dict], limit: int = 3) -> List[str]:
    if not adv or not adv.get("suggestions"):
        return []
    lines = []
    for s in adv["suggestions"][:limit]:
        title = s.get("title") or ", ".join(s.get("change", {}))
        lines.append(f"- {title}: +{s['gain']} (to {s['new_total']})")
    return ["What would raise your score most:\n" + "\n".join(lines)
            + "\nAsk \"what if I get CLB 9?\" to try a change."]


MISSING_WORDS = {"noc_code": "your occupation (NOC code)",
                 "work_months": "how many months you worked in that occupation in the last 3 years (in Canada or abroad)",
                 "canadian_work_months": "how many months you worked in that occupation in Canada in the last 3 years",
                 "french_nclc": "French test results (TEF Canada or TCF Canada)",
                 "military_requirements": "details of military service"}


def _category_key(cat_id: str) -> str:
    """categories.json ids carry the year ("stem-2026"); draw types don't ("stem")."""
    head, _, tail = cat_id.rpartition("-")
    return head if tail.isdigit() and head else cat_id


def _round_text(g: dict, score: Optional[int]) -> str:
    from express_entry.draws.text import long_date

    r = g["latest_round"]
    line = f"latest cut-off {r['cutoff_crs']} on {long_date(r['date'])}"
    if (g.get("rounds_in_period") or 0) > 1 and g.get("lowest_cutoff") is not None:
        line += f" (lowest {g['lowest_cutoff']} in {g['rounds_in_period']} rounds)"
    if score is not None:
        line += ": your score is " + ("at or above it" if r.get("met") else "below it")
    return line


def _short_round(label: str, g: dict, score: Optional[int]) -> str:
    from express_entry.draws.text import long_date

    r = g["latest_round"]
    text = f"{label}, cut-off {r['cutoff_crs']} on {long_date(r['date'])}"
    if score is not None:
        text += " (your score is " + ("at or above it)" if r.get("met") else "below it)")
    return text


def draws_lines(summary: Optional[dict], score: Optional[int], cats: Optional[dict] = None,
                no_french: bool = False) -> List[str]:
    """Recent cut-offs against the score, with the dates of the data; category rounds grouped by whether the
    candidate fits the category (``cats``: express_entry.categories.categories_from_profile; None: not assessed).
    ``no_french``: the person said they have no French test result."""
    if not summary or not summary.get("by_type"):
        return []
    from express_entry.draws.text import long_date, pool_sentence

    data = summary.get("data") or {}
    head = f"Recent draws (rounds up to {long_date(data.get('latest_round_date'))}"
    if data.get("distribution_as_on"):
        head += f"; pool counts as on {long_date(data['distribution_as_on'])}"
    head += "):"
    lines = [head]
    by_key = {_category_key(c["id"]): c for c in (cats or {}).get("categories") or []}
    groups: Dict[str, List[str]] = {"fits": [], "partially_fits": [], "unknown": [], "does_not_fit": [], "old": []}
    missing: List[str] = []
    for g in summary["by_type"]:
        label = g.get("type_label") or g.get("type")
        kind = g.get("kind") or ("category" if g.get("type") not in ("general", "cec", "pnp", "fsw", "fst") else "")
        if kind != "category":
            line = f"- {label}: {_round_text(g, score)}"
            if g.get("type") == "pnp":
                from express_entry.crs import part_maxima

                line += (" (only people with a provincial nomination are invited; the cut-off includes its "
                         f"{part_maxima()['provincial_nomination']} points)")
            lines.append(line + ".")
            continue
        if cats is None:
            groups["fits"].append(f"- {label}: {_round_text(g, score)}.")
            continue
        cat = by_key.get(g.get("type"))
        if cat is None:
            groups["old"].append(label)
            continue
        status = cat.get("status")
        if status == "unknown" and no_french and "french_nclc" in (cat.get("missing") or []):
            status = "does_not_fit"
        if status == "fits":
            groups["fits"].append(f"- {label}: you meet its requirements; {_round_text(g, score)}.")
        elif status == "partially_fits":
            groups["partially_fits"].append(f"- {label}: you partly fit. {cat.get('explanation', '')} "
                                            f"({_round_text(g, None).capitalize()}.)")
        elif status == "does_not_fit":
            groups["does_not_fit"].append(label)
        else:
            groups["unknown"].append(_short_round(label, g, score))
            missing += [m for m in cat.get("missing") or [] if m not in missing]
    cat_lines = groups["fits"] + groups["partially_fits"]
    if groups["unknown"]:
        if "work_months" in missing and "canadian_work_months" in missing:
            missing.remove("canadian_work_months")
        need = [MISSING_WORDS[m] for m in missing if m in MISSING_WORDS and m != "military_requirements"]
        cat_lines.append("- You may fit these, I can't tell yet" + (" without " + " and ".join(need) if need else "")
                         + ": " + "; ".join(groups["unknown"]) + ".")
    if groups["does_not_fit"]:
        cat_lines.append("- You don't meet the requirements of: " + ", ".join(groups["does_not_fit"])
                         + ", so those cut-offs don't apply to you.")
    if groups["old"]:
        cat_lines.append("- Not a category this year: " + ", ".join(groups["old"]) + ".")
    if cat_lines:
        lines.append("Category rounds invite only people who meet the category's requirements:")
        lines += cat_lines
    if score is not None and summary.get("pool"):
        lines.append(pool_sentence(summary["pool"]))
    src = data.get("source")
    if src:
        lines.append(f"Source: IRCC, {src}")
    return ["\n".join(lines)]


def warning_lines(a: dict) -> List[str]:
    return ["Note: " + _warning_text(w) for w in a.get("warnings") or []]


LANG_WHO = {"first_language": "Your", "second_language": "Your second-language", "spouse_language": "Your partner's"}


def expiry_lines(a: dict, within_days: int = 183) -> List[str]:
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
            out.append(f"Note: {LANG_WHO.get(key, 'Your')} test result stops counting on {ends.isoformat()} (2 years "
                       "after the test date): your profile and your application both need a valid result.")
    return out


def explain_lines(a: dict, topic: Optional[str]) -> List[str]:
    factors = a["crs"].get("factors", [])
    if topic == "language":
        chosen = [f for f in factors if "language" in f["factor"] or f["factor"] in ("french",)
                  or f["factor"].startswith("transferability")]
        head = "Your language points:"
    else:
        chosen = factors
        head = f"Your {a['crs']['total']} points, factor by factor:"
    lines = []
    for f in chosen:
        if not f.get("max") and not f.get("points"):
            continue
        detail = f" ({f['detail']})" if f.get("detail") else ""
        lines.append(f"- {factor_name(f)}: {f.get('points', 0)} of {f.get('max')}{detail}")
    levels = a.get("language_levels")
    msgs = [head + "\n" + "\n".join(lines)]
    if topic == "language" and isinstance(levels, dict):
        for key, lv in levels.items():
            if isinstance(lv, dict) and lv.get("levels"):
                lvl = ", ".join(f"{k} {v}" for k, v in lv["levels"].items())
                msgs.append(f"{key.replace('_', ' ').capitalize()} levels: {lvl}.")
    return msgs


def what_if_lines(result: dict, label: str) -> List[str]:
    b, a = result["before"]["total"], result["after"]["total"]
    diff = a - b
    sign = "+" if diff >= 0 else ""
    msg = f"With {label}: {b} -> {a} ({sign}{diff})."
    changed = [f for f in result.get("factors", []) if f.get("difference")]
    if changed:
        msg += "\n" + "\n".join(f"- {FACTOR_NAMES.get(f['factor'], f['factor'])}: {f['before']} -> {f['after']}"
                                for f in changed[:6])
    progs = [f"{PROGRAM_NAMES[p]} becomes {'eligible' if v['after'] else 'not eligible' if v['after'] is False else 'unknown'}"
             for p, v in (result.get("programs") or {}).items() if v.get("changed")]
    if progs:
        msg += "\n" + "; ".join(progs) + "."
    return [msg]


def noc_lines(hits: List[dict], title: str) -> List[str]:
    if not hits:
        return [f"I couldn't find a NOC code for \"{title}\". Try another job title, or search "
                "https://noc.esdc.gc.ca/ (the official NOC 2021 site)."]
    lines = [f"- {h['code']} {h['title_en']} (TEER {h['teer']})" for h in hits[:3]]
    head = f"Best matches for \"{title}\":"
    if hits[0].get("confidence") != "high":
        head = f"No close match for \"{title}\"; the nearest occupations are:"
    return [head + "\n" + "\n".join(lines)
            + "\nYour NOC depends on your main duties, not only the job title: pick the one whose duties fit. "
            "TEER 0-3 counts as skilled work for Express Entry. Check the duties on https://noc.esdc.gc.ca/."]
