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
DISCLAIMER = "This is an estimate from the published rules, not legal advice."


def factor_name(f: dict) -> str:
    return FACTOR_NAMES.get(f.get("factor"), str(f.get("factor", "")).replace("_", " "))


def _warning_text(w: Any) -> str:
    if isinstance(w, dict):
        return str(w.get("message") or w.get("text") or w)
    return str(w)


def score_lines(a: dict, previous: Optional[float] = None) -> List[str]:
    crs = a["crs"]
    parts = ", ".join(f"{PART_NAMES[k]} {crs.get(k, 0)}" for k in ("core", "spouse", "transferability", "additional"))
    was = f"was {int(previous)}; " if previous is not None else ""
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


def draws_lines(summary: Optional[dict], score: Optional[int]) -> List[str]:
    if not summary or not summary.get("by_type"):
        return []
    lines = []
    for g in summary["by_type"][:6]:
        r = g["latest_round"]
        line = f"- {g['type_label']}: latest cut-off {r['cutoff_crs']} on {r['date']}"
        if g.get("lowest_cutoff") is not None and g.get("rounds_in_period"):
            line += f" (lowest in the period {g['lowest_cutoff']}, {g['rounds_in_period']} round(s))"
        if score is not None:
            line += ": your score is " + ("at or above it" if r.get("met") else "below it")
        lines.append(line)
    period = summary.get("period") or {}
    head = "Recent draws"
    if period:
        head += f" ({period.get('from')} to {period.get('to')})"
    src = (summary.get("data") or {}).get("source")
    text = head + ":\n" + "\n".join(lines)
    text += "\nA category round also needs eligibility for that category."
    if src:
        text += f" Source: {src}"
    return [text]


def warning_lines(a: dict) -> List[str]:
    return ["Note: " + _warning_text(w) for w in a.get("warnings") or []]


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
    return [f"Best matches for \"{title}\":\n" + "\n".join(lines)
            + "\nTEER 0-3 counts as skilled work for Express Entry. Check the duties on https://noc.esdc.gc.ca/."]
