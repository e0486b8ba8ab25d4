"""The conversation simulator: generated candidates answer the bot's questions from the paraphrase bank;
the bot's final slots and score are checked against the true profile and `python -m express_entry assess`.

Full run (200 candidates, both banks, in-process agent + real action server):

    .venv/bin/python -m tests.sim.sim --n 200

``--rest`` drives real servers over the REST channel instead; ``--out FILE`` writes one JSON line per
candidate (turns, mismatches). Prints figures; tests/sim/test_sim.py runs a fixed sample of 40 and asserts.
"""
import argparse
import collections
import copy
import json
import random
import re
import subprocess
import sys
import time
import uuid
from typing import Any, Dict, List, Optional, Tuple

from tests.sim import bank as tuning_bank
from tests.sim import bank_holdout
from tests.sim.candidates import flat, generate
from tests.sim.words import num, words

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
MAX_TURNS = 90
SCORE_RE = re.compile(r"(?:Your estimated CRS score is|Votre score SCG estimé est de) (\d+)")
MID_FORM = ["what's the minimum CLB for the CEC?", "why do you need this?",
            "how long is a language test result valid?", "what is express entry?"]
OPENINGS = ["check my score", "hi, what's my CRS score?", "calculate my crs please", "I want to know my points"]
ELIG_OPENINGS = ["which programs am I eligible for?", "am I eligible for express entry?"]
LANG = ("first_language", "second_language", "spouse_language")
A = ("listening", "reading", "writing", "speaking")


def assess_totals(profiles: List[Dict[str, Any]]) -> List[int]:
    """`python -m express_entry assess` on a JSON list: the CRS totals."""
    out = subprocess.run([sys.executable, "-m", "express_entry", "assess"], input=json.dumps(profiles),
                         capture_output=True, text=True, cwd=ROOT, check=True)
    return [a["crs"]["total"] for a in json.loads(out.stdout)]


class Candidate:
    def __init__(self, c: Dict[str, Any], bank):
        self.c = c
        self.profile = copy.deepcopy(c["profile"])
        self.truth = flat(self.profile)
        self.bank = bank
        self.rng = random.Random(c["seed"])
        self.style = {}  # field -> first style

    def style_for(self, field: str, attempt: int) -> str:
        if field not in self.style:
            self.style[field] = self.rng.choice(self.bank.STYLES)
        if attempt == 1:
            return self.style[field]
        return "terse" if attempt == 2 else "buttons"

    def answer(self, slot: str, attempt: int) -> str:
        b, t, st = self.bank, self.truth, self.style_for(slot, attempt)
        p = self.profile
        for g in LANG:
            # The test question asks for the test, its four scores and its date at once, and the scores question
            # for the scores and the date: a first answer gives all it is asked (a button gives the test alone).
            if slot in (f"{g}_{a}" for a in A):
                res = p[g]
                if st == "multi" and g == "first_language" and attempt == 1:
                    return self._with_date(b.scores(res, "multi"), g, st)
                return self._with_date(b.scores(res, st), g, st) if attempt == 1 and st != "buttons" else \
                    b.scores(res, st)
            if slot == f"{g}_test":
                res = p.get(g)
                if res is None:
                    return self.rng.choice(["no", "no, only that one", "nope", '/inform{"choice":"none"}'])
                test = res["test"]
                if st == "buttons" and test != "nclc":
                    return '/inform{"choice":"%s"}' % test
                if st in ("multi", "levels") and attempt == 1:
                    told = b.scores(res, "multi") if test not in ("clb", "nclc") else b.scores(res, "levels")
                    return self._with_date(told, g, st)
                name = b.TEST[test][b.STYLES.index(st)]
                if attempt == 1 and st != "buttons":
                    return self._with_date(f"{name.rstrip('.')}, {b.scores(res, st)}", g, st)
                return name
            if slot == f"{g}_taken_on":
                if f"{g}_taken_on" in t:
                    return b.date(t[f"{g}_taken_on"], st)
                return self.rng.choice(["I don't know", "not sure", "don't remember", "no idea, sorry"])
        v = t.get(slot)
        if slot == "age":
            return b.age(v, st, p["marital_status"])
        if slot == "marital_status":
            if st == "buttons" and v in b.MARITAL_BUTTON:
                return '/inform{"choice":"%s"}' % v
            return b.MARITAL[v][b.STYLES.index(st)]
        if slot in ("education", "spouse_education"):
            if st == "buttons":
                return '/inform{"choice":"%s"}' % v
            text = b.EDUCATION[v][b.STYLES.index(st)]
            return text if slot == "education" or st != "chatty" else "she has " + text
        if slot == "canadian_education":
            if st == "multi" and attempt == 1 and self.rng.random() < 0.5:
                # a score line typed while this question is pending (it must not answer it)
                return b.scores(p["first_language"], "multi")
            return b.canadian_education(v, st)
        if slot == "canadian_work_years":
            f = t.get("foreign_work_years", 0)
            if st == "multi" and attempt == 1 and f:
                here = f"{v} years" if v != 1 else "1 year"
                return self.rng.choice([f"{here} here and {f} back home", f"{here} in Canada and {f} abroad",
                                        f"{v} in canada, {f} outside"])
            return b.years(v, st)
        if slot in ("foreign_work_years", "trade_work_years_last_5", "spouse_canadian_work_years"):
            return b.years(v or 0, st)
        if slot == "canadian_work_months_last_3_years":
            return {"terse": str(v), "chatty": f"about {v} months", "words": f"{words(v)} months"}.get(st, f"{v} months")
        if slot == "noc_code":
            return b.noc(v, self.c["occupation_title"], st)
        if slot == "settlement_funds":
            return b.money(v, st)
        if slot == "family_size":
            return b.family(v, st, p["marital_status"] in ("married", "common_law"))
        if slot == "profile_confirmed":
            return self.rng.choice(["yes", "yes that's right", "/affirm", "correct"])
        return b.bool_answer(slot, bool(v), st)

    def _with_date(self, told: str, group: str, style: str) -> str:
        """A test's answer followed by its date in the same style, when the candidate knows it."""
        iso = self.truth.get(f"{group}_taken_on")
        return f"{told}, {self.bank.date(iso, style)}" if iso else told

    # --------------------------------------------------------------- corrections after the result
    def correction(self) -> Optional[Tuple[str, str, Dict[str, Any]]]:
        """(kind, message, new true profile) or None."""
        p = self.profile
        kinds = ["absolute_age", "relative_age", "one_ability"]
        if "second_language" in p:
            kinds += ["named_test", "second_test"]
        if p.get("canadian_education") not in (None, "none") and not self.c["eligibility"]:
            kinds.append("retract_canadian_study")
        kind = self.rng.choice(kinds)
        new = copy.deepcopy(p)
        if kind == "absolute_age":
            new["age"] = min(60, p["age"] + self.rng.choice([1, 2, 3]))
            return kind, self.rng.choice([f"actually I'm {new['age']}", f"sorry, my age is {new['age']}",
                                          f"wait, I'm {new['age']} not {p['age']}"]), new
        if kind == "relative_age":
            d = self.rng.choice([1, 2, 3])
            new["age"] = p["age"] + d
            return kind, self.rng.choice([f"I'm {words(d)} years older than I said", f"oops I'm actually {d} years older",
                                          f"add {d} years to my age"]), new
        if kind == "retract_canadian_study":
            new["canadian_education"] = "none"
            return kind, "no I didn't study in canada, that was wrong", new
        group = "first_language"
        if kind in ("named_test", "second_test"):
            group = "second_language"
        res = new[group]
        ability = self.rng.choice(A)
        value = _other_score(res["test"], ability, res[ability], self.rng)
        res[ability] = value
        if kind == "one_ability":
            return kind, self.rng.choice([f"I got {num(value)} in {ability}, not {num(p[group][ability])}",
                                          f"correction: my {ability} was {num(value)}",
                                          f"actually {ability} is {num(value)}"]), new
        if kind == "named_test":
            lang = "French" if res["test"] in ("tef", "tcf", "nclc") else "English"
            return kind, f"in my {lang} test the {ability} was {num(value)}", new
        return kind, f"my second test: {ability} {num(value)}", new


def _other_score(test: str, ability: str, old, rng):
    choices = {"ielts": [x / 2 for x in range(9, 19)], "celpip": list(range(4, 13)), "pte": list(range(30, 90, 3)),
               "tef": list(range(200, 600, 17)), "clb": list(range(4, 11)), "nclc": list(range(4, 11))}.get(test)
    if test == "tcf":
        choices = list(range(6, 21)) if ability in ("speaking", "writing") else list(range(340, 650, 13))
    return rng.choice([c for c in choices if c != old])


def texts(msgs: List[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in msgs)


def run_candidate(driver, cand: Candidate, with_correction: bool, mid_form: bool) -> Dict[str, Any]:
    sid = f"sim-{cand.c['id']}-{uuid.uuid4().hex[:6]}"
    log: List[Tuple[str, str]] = []
    asked = collections.Counter()
    opening = cand.rng.choice(_openings(cand))
    reply = texts(driver.say(sid, opening))
    log.append((opening, reply))
    reported = None
    mid_done, mid_ok = False, None
    last_req = None
    for _ in range(MAX_TURNS):
        reported = _score(reply)
        if reported is not None:
            break
        req, st = _pending(driver, sid)
        if not req:
            if asked["<restart>"] >= 2:
                break
            asked["<restart>"] += 1
            msg = getattr(cand, "RESTART", "check my score")
        else:
            key = question_key(req)
            asked[key] += 1
            if mid_form and not mid_done and len(asked) >= 4:
                mid_done = True
                q = cand.rng.choice(MID_FORM)
                r = texts(driver.say(sid, q))
                log.append((q, r))
                after = driver.state(sid)
                mid_ok = after["active_loop"] == st["active_loop"] and after["slots"].get("requested_slot") == req
            msg = cand.answer(req, asked[key])
            last_req = req
        reply = texts(driver.say(sid, msg))
        log.append((msg, reply))
    final = driver.state(sid)["slots"]
    rec = {"id": cand.c["id"], "bank": cand.bank.__name__.rsplit(".", 1)[-1], "reported": reported,
           "turns": len(log), "asked_max": max([v for k, v in asked.items() if k != "<restart>"] or [0]),
           "most_asked": asked.most_common(1)[0][0] if asked else None, "mid_form_ok": mid_ok,
           "mismatch": _mismatch(cand.truth, final), "slots_checked": len(cand.truth), "profile": cand.profile,
           "log": log, "last_req": last_req}
    if with_correction and reported is not None:
        kind, msg, new = cand.correction()
        reply = texts(driver.say(sid, msg))
        clog = [(msg, reply)]
        new_score = None
        for _ in range(6):
            new_score = _score(reply)
            req, _ = _pending(driver, sid)
            if new_score is not None or not req:
                break
            cand.profile, old = new, cand.profile
            cand.truth = flat(new)
            ans = cand.answer(req, 1)
            cand.profile, cand.truth = old, flat(old)
            reply = texts(driver.say(sid, ans))
            clog.append((ans, reply))
        rec["correction"] = {"kind": kind, "message": msg, "profile": new, "reported": new_score,
                             "shows_change": "→" in texts([{"text": r} for _, r in clog]), "log": clog,
                             "mismatch": _mismatch(flat(new), driver.state(sid)["slots"])}
    return rec


def _openings(cand) -> List[str]:
    """The first messages a candidate may send (a French candidate's own: tests/sim/french.py)."""
    eligibility = cand.c["eligibility"]
    return getattr(cand, "ELIG_OPENINGS", ELIG_OPENINGS) if eligibility else getattr(cand, "OPENINGS", OPENINGS)


def run_post_candidate(driver, cand: Candidate, style: str) -> Dict[str, Any]:
    """The whole profile in the first message (tests/sim/posts.py), then the answers to what is still asked."""
    from tests.sim import posts

    sid = f"post-{cand.c['id']}-{uuid.uuid4().hex[:6]}"
    msg = cand.post(style) if hasattr(cand, "post") else posts.post(cand.profile, style, cand.rng)
    log: List[Tuple[str, str]] = [(msg, texts(driver.say(sid, msg)))]
    reported, asked = answer_until_score(driver, sid, log, cand.answer)
    return {"id": cand.c["id"], "bank": "posts", "style": style, "reported": reported, "turns": len(log), "sid": sid,
            "asked": sorted(asked), "asked_max": max(asked.values() or [0]),
            "mismatch": _mismatch(cand.truth, driver.state(sid)["slots"]), "profile": cand.profile, "log": log,
            "slots_checked": len(cand.truth)}


UNKNOWN_ANSWERS = ["I don't know", "idk", "skip", "can we skip this?", "next question please", "rather not say",
                   "no idea", "dunno", "I'd rather not say", "skip this one", "not sure, skip"]
# The facts a candidate may not know, and a word the result must use to name each one.
UNKNOWN_FACTS = {"foreign_work_years": "foreign work", "canadian_work_years": "Canadian work",
                 "certificate_of_qualification": "certificate of qualification", "provincial_nomination": "nomination",
                 "sibling_in_canada": "sibling", "canadian_education": "Canadian education", "education_recognized": "ECA",
                 "second_language_test": "second language", "spouse_education": "partner's education",
                 "spouse_language_test": "partner's language", "spouse_canadian_work_years": "partner's Canadian work",
                 "noc_code": "NOC", "settlement_funds": "settlement funds", "family_size": "family size",
                 "job_offer": "job offer", "intends_quebec": "Quebec"}
_PARTNER_FACTS = ("spouse_education", "spouse_language_test", "spouse_canadian_work_years")
_ELIGIBILITY_FACTS = ("noc_code", "settlement_funds", "family_size", "job_offer", "intends_quebec")
_ABSENT = {"certificate_of_qualification": False, "provincial_nomination": False, "sibling_in_canada": False,
           "canadian_education": "none", "education_recognized": False}


def run_unknown_candidate(driver, cand: Candidate) -> Dict[str, Any]:
    """A candidate who does not know 1-3 facts answers them with "I don't know", "skip", "rather not say"...: the
    result is checked against the profile without them (points-only facts count as absent) and must name each."""
    p = cand.profile
    pool = ["foreign_work_years", "canadian_work_years", "certificate_of_qualification", "provincial_nomination",
            "second_language_test"] + [f for f in ("sibling_in_canada", "canadian_education") if f in p]  # asked
    if p["education"] != "less_than_secondary":
        pool.append("education_recognized")
    if p.get("spouse_accompanying") and not p.get("spouse_canadian"):
        pool += list(_PARTNER_FACTS)
    if cand.c["eligibility"]:
        pool += list(_ELIGIBILITY_FACTS)
    unknown = cand.rng.sample(pool, cand.rng.randint(1, 3))
    known = copy.deepcopy(p)
    for fact in unknown:
        group = fact[: -len("_test")] if fact.endswith("_language_test") else None
        if fact in _ABSENT:
            known[fact] = _ABSENT[fact]
        elif group:
            known.pop(group, None)
        else:
            known.pop(fact, None)
            if fact == "canadian_work_years":
                known.pop("canadian_work_months_last_3_years", None)
            if fact == "job_offer":
                known.pop("authorized_to_work_in_canada", None)
    for fact in unknown:  # an answer in several facts at once would tell the fact not known
        if fact in ("foreign_work_years", "canadian_work_years"):
            cand.style["canadian_work_years"] = "terse"
    sid = f"unknown-{cand.c['id']}-{uuid.uuid4().hex[:6]}"
    opening = cand.rng.choice(_openings(cand))
    log: List[Tuple[str, str]] = [(opening, texts(driver.say(sid, opening)))]

    def answer(req: str, attempt: int) -> str:
        fact = question_key(req).replace("_scores", "_test")
        if fact in unknown:
            return cand.rng.choice(getattr(cand, "UNKNOWN_ANSWERS", UNKNOWN_ANSWERS))
        return cand.answer(req, attempt)

    reported, in_a_row = answer_until_score(driver, sid, log, answer)
    final = driver.state(sid)["slots"]
    truth = flat(known)
    return {"id": cand.c["id"], "bank": "unknown", "unknown": unknown, "reported": reported, "turns": len(log),
            "asked_max": max(in_a_row.values() or [0]), "most_asked": in_a_row.most_common(1)[0][0] if in_a_row else None,
            "mismatch": _mismatch(truth, final), "profile": known, "log": log,
            "unnamed": [f for f in unknown if UNKNOWN_FACTS[f].lower() not in log[-1][1].lower()]}


WHAT_IF_RE = re.compile(r"With .*?: (\d+) -> (\d+) \(([+-]\d+)\)")


def run_what_if_candidate(driver, cand: Candidate, count: int = 2) -> Dict[str, Any]:
    """The whole profile told at once, then ``count`` what-ifs after the result: each must give the engine's new
    total (`express_entry.advice.what_if`) and leave the profile's slots exactly as they were."""
    from actions.fields import PROFILE_SLOTS
    from express_entry.advice import what_if
    from tests.sim import posts

    rec = run_post_candidate(driver, cand, posts.STYLES[cand.c["id"] % len(posts.STYLES)])
    sid = rec.pop("sid")
    tries = []
    if rec["reported"] is not None:
        possible = []
        for phrasing, msg, change in posts.hypotheticals(cand.profile, cand.rng):
            try:  # a change the contract refuses (a first test in the second test's language) is not tried
                possible.append((phrasing, msg, what_if(cand.profile, change)["after"]["total"]))
            except ValueError:
                pass
        for phrasing, msg, expected in cand.rng.sample(possible, count):
            before = {k: v for k, v in driver.state(sid)["slots"].items() if k in PROFILE_SLOTS}
            reply = texts(driver.say(sid, msg))
            after = {k: v for k, v in driver.state(sid)["slots"].items() if k in PROFILE_SLOTS}
            m = WHAT_IF_RE.search(reply)
            tries.append({"phrasing": phrasing, "message": msg, "reply": reply, "expected": expected,
                          "got": int(m.group(2)) if m else None, "unchanged": before == after})
    rec["what_ifs"] = tries
    return rec


def answer_until_score(driver, sid: str, log: List[Tuple[str, str]], answer) -> Tuple[Optional[int], collections.Counter]:
    """Answers each question the form asks with ``answer(slot, attempt)`` until a score is shown or nothing is
    asked: (the score reported, how many times each question was asked in a row at most)."""
    asked: collections.Counter = collections.Counter()
    in_a_row: collections.Counter = collections.Counter()
    previous = None
    for _ in range(MAX_TURNS):
        reported = _score(log[-1][1])
        if reported is not None:
            return reported, in_a_row
        req, _ = _pending(driver, sid)
        if not req:
            return None, in_a_row
        key = question_key(req)
        asked[key] += 1
        run = in_a_row.get(key, 0) + 1 if key == previous else 1
        in_a_row[key] = max(in_a_row.get(key, 0), run)
        previous = key
        msg = answer(req, asked[key])
        log.append((msg, texts(driver.say(sid, msg))))
    return None, in_a_row


def question_key(req: str) -> str:
    """A question as the person sees it: a test's four scores are one question."""
    return next((f"{g}_scores" for g in LANG if req in (f"{g}_{a}" for a in A)), req)


def _score(reply: str) -> Optional[int]:
    m = SCORE_RE.search(reply)
    return int(m.group(1)) if m else None


def _pending(driver, sid: str):
    """(the question the form waits for, or None; the state)."""
    st = driver.state(sid)
    req = st["slots"].get("requested_slot")
    return (req if req and st["active_loop"] else None), st


def _mismatch(truth: Dict[str, Any], slots: Dict[str, Any]) -> Dict[str, Any]:
    out = {}
    for k, v in truth.items():
        got = slots.get(k)
        if isinstance(v, (int, float)) and not isinstance(v, bool) and isinstance(got, (int, float)) \
                and not isinstance(got, bool):
            if float(v) == float(got):
                continue
        elif got == v:
            continue
        out[k] = [v, got]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rest", action="store_true", help="real servers over the REST channel")
    ap.add_argument("--form-only", action="store_true", help="no model: the form logic and the parser alone")
    ap.add_argument("--out", help="JSON lines per candidate")
    ap.add_argument("--only", help="comma-separated candidate ids")
    ap.add_argument("--report", help="figures of a (partial) --out file written earlier")
    ap.add_argument("--mode", choices=["steps", "posts", "unknown", "whatif"], default="steps",
                    help="steps: one answer at a time; posts: the whole profile in the first message; "
                         "unknown: 1-3 facts answered with \"I don't know\" or \"skip\"")
    ap.add_argument("--language", choices=["en", "fr"], default="en",
                    help="fr: French-speaking candidates (tests/sim/french.py, the French paraphrase bank)")
    args = ap.parse_args(argv)
    from scripts.quiet import quiet_libraries

    quiet_libraries()  # the command prints figures
    if args.report:
        records = [json.loads(line) for line in open(args.report)]
        score(records)
        print(report(records))
        return 0
    records = simulate(args.n, args.seed, "rest" if args.rest else "form" if args.form_only else "in-process",
                       [int(x) for x in args.only.split(",")] if args.only else None, out=args.out,
                       mode=args.mode, language=args.language)
    if args.out:
        with open(args.out, "w") as f:
            for r in records:
                f.write(json.dumps(r) + "\n")
    print(report(records))
    return 0


def simulate(n: int, seed: int = 1, driver_kind: str = "in-process", only: Optional[List[int]] = None,
             out: Optional[str] = None, mode: str = "steps", driver=None, language: str = "en"
             ) -> List[Dict[str, Any]]:
    """Runs the candidates; with ``out``, each record is written as soon as it is done (a partial run can be
    read with --report). ``mode``: "steps" (one answer at a time), "posts" (the whole profile in the first
    message), "unknown" (1-3 facts not known), "whatif". ``driver``: one already started (the caller stops it;
    conversations have their own sender ids), else one of ``driver_kind`` for this run. ``language`` "fr": French
    candidates (tests/sim/french.py), in conversations whose language slot is French (the form-only driver)."""
    from tests.sim.drivers import FormDriver, InProcessDriver, RestDriver

    if out:
        open(out, "w").close()
    cands = generate(n, seed)
    if only:
        cands = [c for c in cands if c["id"] in only]
    if mode in ("posts", "whatif"):
        from tests.sim import posts

        for c in cands:
            c["profile"], c["eligibility"] = posts.crs_profile(c["profile"]), False
    start = time.time()
    own = driver is None
    if own:
        driver = {"rest": RestDriver, "form": FormDriver, "in-process": InProcessDriver}[driver_kind]()
        driver.language = language if language != "en" else None
    ready = time.time()
    records = []
    try:
        for c in cands:
            bank = bank_holdout if c["id"] % 5 == 4 else tuning_bank
            if language == "fr":
                from tests.sim.french import FrenchCandidate

                cand = FrenchCandidate(c)
            else:
                cand = Candidate(c, bank)
            if mode == "posts":
                from tests.sim import posts

                records.append(run_post_candidate(driver, cand, posts.STYLES[c["id"] % len(posts.STYLES)]))
                records[-1].pop("sid")
            elif mode == "whatif":
                records.append(run_what_if_candidate(driver, cand))
            elif mode == "unknown":
                records.append(run_unknown_candidate(driver, cand))
            else:
                records.append(run_candidate(driver, cand, with_correction=c["id"] % 2 == 0,
                                             mid_form=c["id"] % 4 == 1))
            if out:
                with open(out, "a") as f:
                    f.write(json.dumps(records[-1]) + "\n")
            if len(records) % 10 == 0:
                print(f"sim: {len(records)}/{len(cands)} conversations, {time.time() - ready:.0f} s",
                      file=sys.stderr, flush=True)
    finally:
        if own:
            driver.stop()
    score(records)
    if records:
        records[0]["_timing"] = {"driver": driver.name, "start_s": round(ready - start, 1),
                                 "run_s": round(time.time() - ready, 1)}
    return records


def score(records: List[Dict[str, Any]]) -> None:
    """Adds the engine's totals (`python -m express_entry assess`) and the verdicts to the records."""
    expected = assess_totals([r["profile"] for r in records])
    corr = [r for r in records if r.get("correction")]
    corr_expected = assess_totals([r["correction"]["profile"] for r in corr]) if corr else []
    for r, e in zip(records, expected):
        r["expected"] = e
        r["right"] = r["reported"] == e
    for r, e in zip(corr, corr_expected):
        r["correction"]["expected"] = e
        r["correction"]["honoured"] = r["correction"]["reported"] == e and not r["correction"]["mismatch"]


def report(records: List[Dict[str, Any]]) -> str:
    lines = []
    t = records[0].get("_timing", {}) if records else {}
    lines.append(f"driver: {t.get('driver')}, start {t.get('start_s')} s, conversations {t.get('run_s')} s")
    for name in ("all", "bank", "bank_holdout"):
        rs = [r for r in records if name == "all" or r["bank"] == name]
        if not rs:
            continue
        right = sum(r["right"] for r in rs)
        lines.append(f"{name}: {right}/{len(rs)} scored right ({100 * right / len(rs):.1f}%), "
                     f"asked >3 times: {sum(r['asked_max'] > 3 for r in rs)}, no score: "
                     f"{sum(r['reported'] is None for r in rs)}")
    corr = [r["correction"] for r in records if r.get("correction")]
    if corr:
        by = collections.defaultdict(lambda: [0, 0])
        for c in corr:
            by[c["kind"]][0] += c["honoured"]
            by[c["kind"]][1] += 1
        lines.append(f"corrections honoured: {sum(c['honoured'] for c in corr)}/{len(corr)} ("
                     + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(by.items())) + f"); showing what changed: "
                     f"{sum(c['shows_change'] for c in corr)}/{len(corr)}")
    mids = [r["mid_form_ok"] for r in records if r.get("mid_form_ok") is not None]
    if mids:
        lines.append(f"mid-form questions answered and the form went on: {sum(mids)}/{len(mids)}")
    fields = collections.Counter(k for r in records for k in r["mismatch"])
    lines.append("wrong or missing slots: " + (", ".join(f"{k} {v}" for k, v in fields.most_common(15)) or "none"))
    turns = sorted(r["turns"] for r in records)
    if turns:
        lines.append(f"messages per conversation: median {turns[len(turns) // 2]}, max {turns[-1]}; "
                     f"max asks of one question: {max(r['asked_max'] for r in records)}")
    unknown = [r for r in records if r.get("unknown")]
    if unknown:
        lines.append(f"don't know / skip: {sum(not r['unnamed'] for r in unknown)}/{len(unknown)} results name every "
                     f"fact left out; facts not named: " + (", ".join(
                         f"{k} {v}" for k, v in collections.Counter(f for r in unknown for f in r["unnamed"]).items())
                         or "none"))
    tries = [w for r in records for w in r.get("what_ifs") or []]
    if tries:
        lines.append(f"what-ifs: {sum(w['got'] == w['expected'] for w in tries)}/{len(tries)} right totals, profile "
                     f"slots unchanged after {sum(w['unchanged'] for w in tries)}/{len(tries)}, "
                     f"{len({w['phrasing'] for w in tries})} phrasings; wrong: " + (", ".join(sorted(
                         {w["phrasing"] for w in tries if w["got"] != w["expected"] or not w["unchanged"]})) or "none"))
    posted = [r for r in records if r.get("style")]
    if posted:
        checked = sum(r["slots_checked"] for r in posted)
        wrong_slots = sum(len(r["mismatch"]) for r in posted)
        lines.append(f"whole-profile posts: slots right {100 * (checked - wrong_slots) / checked:.2f}% "
                     f"({checked - wrong_slots}/{checked}); by style: " + ", ".join(
                         f"{st} {sum(r['right'] for r in posted if r['style'] == st)}/"
                         f"{sum(r['style'] == st for r in posted)}" for st in sorted({r['style'] for r in posted})))
        lines.append("still asked after a post: " + ", ".join(
            f"{k} {v}" for k, v in collections.Counter(k for r in posted for k in r["asked"]).most_common(12)))
    wrong = [r["id"] for r in records if not r["right"]]
    lines.append("wrong ids: " + (",".join(map(str, wrong)) or "none"))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
