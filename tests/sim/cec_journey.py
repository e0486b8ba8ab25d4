"""CEC-journey candidates for the conversation simulator, with each one's CEC date worked out independently.

``generate_cec(n, seed, today)`` takes the project's own candidates (tests/sim/candidates.generate: age,
education, language results, occupation...) and gives each a dated job history in Canada: full time, part
time, two jobs, a full-time study period, self-employment, jobs that ended, permits that end first, expired
tests, Quebec. ``expected(c, today)`` counts the hours day by day with IRCC's rules typed in here (30 hours a
week at most across jobs, 1,560 hours in the 3 years up to the date, TEER 0-3 only, none while a full-time
student or self-employed; CLB 7 for TEER 0/1 and CLB 5 for TEER 2/3; results valid 2 years; outside Quebec),
without the engine. ``answer(c, slot)`` is what the candidate says to each question of the journey.

Run against the trained model and the real action server (in-process agent):

    .venv/bin/python -m tests.sim.cec_journey --n 100
"""
import argparse
import datetime as dt
import json
import random
import sys
import uuid
from typing import Any, Dict, List, Optional

from tests.sim.candidates import OCCUPATIONS, flat, generate

CAP, NEED, WINDOW = 30, 1560, 3  # hours a week counted, hours needed, years (canada.ca CEC page)
CLB_BY_TEER = {0: 7, 1: 7, 2: 5, 3: 5}  # canada.ca CEC page
VALID_YEARS = 2  # language results (canada.ca language-test page)
KINDS = ("full_time", "part_time", "two_jobs", "study", "self_employed")
OPENINGS = ["when can I apply for CEC?", "am I eligible for CEC?", "I'm on a PGWP, how long until I qualify?",
            "when will I qualify for CEC?"]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _years_back(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February: 1 March, as the contract's "D minus 3 years"
        return dt.date(day.year - years, 3, 1)


def _say_date(day: dt.date, rng: random.Random) -> str:
    return rng.choice([day.isoformat(), f"{MONTHS[day.month - 1]} {day.day}, {day.year}",
                       f"{day.day} {MONTHS[day.month - 1]} {day.year}"])


def generate_cec(n: int, seed: int = 11, today: Optional[dt.date] = None) -> List[Dict[str, Any]]:
    today = today or dt.date.today()
    out = []
    for c in generate(n, seed, today):
        rng = random.Random(c["seed"])
        i = c["id"]
        kind = KINDS[i % len(KINDS)]
        code, title, _ = OCCUPATIONS[(i // len(KINDS)) % len(OCCUPATIONS)]
        start = today - dt.timedelta(days=rng.randint(60, 1000))
        ongoing = rng.random() < 0.75
        end = None if ongoing else min(today, start + dt.timedelta(days=rng.randint(200, 900)))
        hours = rng.choice([30, 35, 37.5, 40, 45]) if kind != "part_time" else rng.choice([10, 15, 20, 24, 25])
        job = {"start": start, "end": end, "hours": hours, "code": code, "title": title}
        h = {"kind": kind, "jobs": [job], "self_employed": kind == "self_employed", "student_until": None}
        if kind == "two_jobs":
            code2, title2, _ = OCCUPATIONS[(i + 3) % len(OCCUPATIONS)]
            s2 = today - dt.timedelta(days=rng.randint(30, 900))
            e2 = None if rng.random() < 0.5 else min(today, s2 + dt.timedelta(days=rng.randint(60, 500)))
            h["jobs"].append({"start": s2, "end": e2, "hours": rng.choice([10, 15, 20, 25]), "code": code2,
                              "title": title2})
        if kind == "study":
            h["student_until"] = start + dt.timedelta(days=rng.randint(30, 400))
        level = rng.choice([5, 6, 7, 8, 9, 10])
        taken = today - dt.timedelta(days=rng.randint(20, 700))
        h["language"] = {"level": level, "taken_on": taken}
        h["quebec"] = rng.random() < 0.06
        h["permit"] = None if rng.random() < 0.15 else today + dt.timedelta(days=rng.randint(40, 1100))
        c["cec"] = h
        c["opening"] = rng.choice(OPENINGS)
        out.append(c)
    return out


# --------------------------------------------------------------------------- the expected answer

UNITS = 700  # a day earns hours_per_week x 100 units; an hour is 700 units (exact integers)


def _daily(h: dict, day: dt.date, permit_stop: bool = True) -> int:
    total = 0
    for k, job in enumerate(h["jobs"]):
        if k == 0 and h["self_employed"]:
            continue
        end = job["end"] if job["end"] is not None else (h["permit"] if permit_stop and h["permit"] else dt.date.max)
        if not (job["start"] <= day <= end):
            continue
        if h["student_until"] is not None and day <= h["student_until"]:
            continue
        if int(job["code"][1]) > 3:
            continue
        total += round(job["hours"] * 100)
    return min(total, CAP * 100)


def _first_met(h: dict, today: dt.date, permit_stop: bool = True) -> Optional[dt.date]:
    """The first day on or after ``today`` whose 3-year window holds 1,560 hours (a running sum: each day adds
    its hours and drops the days that leave the window)."""
    ends = [j["end"] for j in h["jobs"] if j["end"] is not None] + ([h["permit"]] if h["permit"] else [])
    last = _years_back(max([today] + [j["start"] for j in h["jobs"]] + ends), -WINDOW) + dt.timedelta(days=2)
    day = _years_back(today, WINDOW) - dt.timedelta(days=1)
    start = day
    hours: Dict[dt.date, int] = {}
    window = 0
    low = start - dt.timedelta(days=1)  # the last day outside the window so far
    while day <= last:
        hours[day] = _daily(h, day, permit_stop)
        window += hours[day]
        new_low = _years_back(day, WINDOW)
        while low < new_low:
            low += dt.timedelta(days=1)
            window -= hours.get(low, 0)
        if day >= today and window >= NEED * UNITS:
            return day
        day += dt.timedelta(days=1)
    return None


def expected(c: Dict[str, Any], today: dt.date) -> Dict[str, Any]:
    """The CEC date (or what blocks it) for candidate ``c``, worked out from the rules typed in above."""
    h = c["cec"]
    met = _first_met(h, today)
    blocked = []
    if met is None:
        later = _first_met(h, today, permit_stop=False) if h["permit"] else None
        blocked.append("permit_ends_first" if later else "work_never_met")
        check = later or today
    else:
        check = met
    teer = _main_teer(h, today)  # the TEER of the counted work (none counted: the work is what blocks)
    lang = h["language"]
    if teer is not None:
        expires = lang["taken_on"].replace(year=lang["taken_on"].year + VALID_YEARS) \
            if (lang["taken_on"].month, lang["taken_on"].day) != (2, 29) else dt.date(lang["taken_on"].year + VALID_YEARS, 3, 1)
        if lang["level"] < CLB_BY_TEER.get(teer, 99):
            blocked.append("language_level")
        elif expires <= check:
            blocked.append("language_expired")
    if h["quebec"]:
        blocked.append("intends_quebec")
    out = {"work_met_on": met, "eligible_on": met if not blocked else None, "blocked_by": blocked, "crs": None}
    if met is not None:
        out["crs"] = expected_crs(c, met, today)
    return out


def _main_teer(h: dict, today: dt.date) -> Optional[int]:
    """The TEER of the counted Canadian work with the most hours (ties: the lower TEER)."""
    by: Dict[int, int] = {}
    # an ongoing job without a permit end runs to the engine's horizon: 3 years after the last start, end or
    # permit end (and at least 3 years after today), plus one day
    turning = [_years_back(today, -WINDOW)] + [j["start"] for j in h["jobs"]] + \
        [j["end"] + dt.timedelta(days=1) for j in h["jobs"] if j["end"] is not None] + \
        ([h["permit"] + dt.timedelta(days=1)] if h["permit"] else [])
    horizon = _years_back(max(turning), -WINDOW) + dt.timedelta(days=1)
    for k, job in enumerate(h["jobs"]):
        if (k == 0 and h["self_employed"]) or int(job["code"][1]) > 3:
            continue
        end = job["end"] if job["end"] is not None else (h["permit"] or horizon)
        start = job["start"]
        if h["student_until"] is not None:  # the days as a full-time student don't count
            start = max(start, h["student_until"] + dt.timedelta(days=1))
        if end >= start:
            by[int(job["code"][1])] = by.get(int(job["code"][1]), 0) + ((end - start).days + 1) * round(job["hours"] * 100)
    if not by:
        return None
    return max(sorted(by), key=lambda t: by[t])


# The profile fields the CRS reads that the journey does not ask (they come from the generator's profile).
PROFILE_KEEP = ("age", "marital_status", "spouse_canadian", "spouse_accompanying", "education", "education_recognized",
                "canadian_education", "spouse_education", "certificate_of_qualification", "provincial_nomination",
                "sibling_in_canada")


def profile_part(c: Dict[str, Any]) -> Dict[str, Any]:
    return {k: c["profile"][k] for k in PROFILE_KEEP if k in c["profile"]}


def expected_crs(c: Dict[str, Any], day: dt.date, today: dt.date) -> int:
    """The CRS on ``day``: ``python -m express_entry assess`` semantics (the engine's CRS, checked on its own by
    tests/oracle) over the work years counted here: Canadian hours in the 10 years up to ``day`` / 1,560."""
    from express_entry import assess

    h = c["cec"]
    low10, low3 = _years_back(day, 10), _years_back(day, WINDOW)
    d, ten, three = low10 + dt.timedelta(days=1), 0, 0
    while d <= day:
        v = _daily(h, d)
        ten += v
        if d > low3:
            three += v
        d += dt.timedelta(days=1)
    lang = h["language"]
    profile = dict(profile_part(c), assessed_on=day.isoformat(), intends_quebec=h["quebec"],
                   canadian_work_years=min(10, ten // (NEED * UNITS)), foreign_work_years=0,
                   canadian_work_months_last_3_years=min(36, three // (NEED // 12 * UNITS)),
                   first_language={"test": "clb", "listening": lang["level"], "reading": lang["level"],
                                   "writing": lang["level"], "speaking": lang["level"],
                                   "taken_on": lang["taken_on"].isoformat()})
    teer = _main_teer(h, today)
    if teer is not None:
        profile["teer"] = teer
    return assess(profile)["crs"]["total"]


def long_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --------------------------------------------------------------------------- the conversation

def answer(c: Dict[str, Any], slot: str, slots: Dict[str, Any]) -> str:
    h, rng = c["cec"], random.Random(f"{c['seed']}-{slot}")
    first = h["jobs"][0]
    second = h["jobs"][1] if len(h["jobs"]) > 1 else None
    if slot == "cec_job_start":
        return _say_date(first["start"], rng)
    if slot == "cec_job_ongoing":
        return "yes" if first["end"] is None else rng.choice(["no", "no, it ended"])
    if slot == "cec_job_end":
        return _say_date(first["end"], rng)
    if slot == "cec_job_hours":
        return rng.choice([f"{first['hours']}", f"{first['hours']} hours a week", f"about {first['hours']} hours"])
    if slot == "cec_job_title":
        return rng.choice([first["title"], f"I'm a {first['title']}", f"I work as a {first['title']}"])
    if slot == "cec_noc_confirmed":
        return "yes" if slots.get("cec_job_noc") == first["code"] else "no"
    if slot == "cec_job_code":
        return first["code"]
    if slot == "cec_self_employed":
        return "yes" if h["self_employed"] else "no"
    if slot == "cec_other_job":
        return "yes" if second else rng.choice(["no", "no, just this one"])
    if slot == "cec_job2_start":
        return _say_date(second["start"], rng)
    if slot == "cec_job2_ongoing":
        return "yes" if second["end"] is None else "no"
    if slot == "cec_job2_end":
        return _say_date(second["end"], rng)
    if slot == "cec_job2_hours":
        return f"{second['hours']}"
    if slot == "cec_job2_title":
        return second["code"]  # the NOC code typed in place of the title
    if slot == "cec_student":
        return "yes" if h["student_until"] else "no"
    if slot == "cec_student_until":
        return _say_date(h["student_until"], rng)
    if slot == "cec_language_level":
        return rng.choice([f"CLB {h['language']['level']}", f"{h['language']['level']}"])
    if slot == "cec_language_date":
        return _say_date(h["language"]["taken_on"], rng)
    if slot == "cec_quebec":
        return "yes" if h["quebec"] else "no"
    if slot == "cec_permit_end":
        return _say_date(h["permit"], rng) if h["permit"] else rng.choice(["don't know", "not sure"])
    raise KeyError(slot)


def slots_of(c: Dict[str, Any], noc_found: Optional[str] = None) -> Dict[str, Any]:
    """The journey's slots as the form fills them from the candidate's answers (for runs without a model)."""
    h = c["cec"]
    first = h["jobs"][0]
    s: Dict[str, Any] = {**profile_part(c), "cec_job_start": first["start"].isoformat(), "cec_job_ongoing": first["end"] is None,
                         "cec_job_hours": float(first["hours"]), "cec_noc_confirmed": True,
                         "cec_job_noc": noc_found or first["code"], "cec_self_employed": h["self_employed"],
                         "cec_other_job": len(h["jobs"]) > 1, "cec_student": h["student_until"] is not None,
                         "cec_language_level": h["language"]["level"],
                         "cec_language_date": h["language"]["taken_on"].isoformat(), "cec_quebec": h["quebec"],
                         "cec_permit_end": h["permit"].isoformat() if h["permit"] else "unknown"}
    if first["end"] is not None:
        s["cec_job_end"] = first["end"].isoformat()
    if len(h["jobs"]) > 1:
        j2 = h["jobs"][1]
        s.update({"cec_job2_start": j2["start"].isoformat(), "cec_job2_ongoing": j2["end"] is None,
                  "cec_job2_hours": float(j2["hours"]), "cec_job2_noc": j2["code"]})
        if j2["end"] is not None:
            s["cec_job2_end"] = j2["end"].isoformat()
    if h["student_until"] is not None:
        s["cec_student_until"] = h["student_until"].isoformat()
    return s


def check_reply(reply: str, exp: Dict[str, Any], today: dt.date, with_crs: bool = True) -> bool:
    """The reply gives the expected date (or says what blocks it), and the CRS on that date."""
    if with_crs and exp["crs"] is not None and \
            f"Your CRS score on {long_date(exp['work_met_on'])} would be {exp['crs']}." not in reply:
        return False
    if exp["eligible_on"] == today:
        return "You meet the CEC requirements I can check today" in reply
    if exp["eligible_on"] is not None:
        return f"you meet the CEC requirements I can check on {long_date(exp['eligible_on'])}" in reply
    marks = {"permit_ends_first": "before you reach the", "work_never_met": "you don't reach the",
             "language_level": "below the CEC minimum", "language_expired": "language result expires",
             "intends_quebec": "outside Quebec"}
    return all(marks[b] in reply for b in exp["blocked_by"])


def run(n: int, seed: int = 11, driver=None) -> List[Dict[str, Any]]:
    """The journey with the trained model and the real action server (in-process agent), from a cold start: the
    date (or the blockers) is checked; the CRS needs the profile form's answers first (say "calculate my CRS"),
    and is checked without a model in tests/sim/test_sim_cec.py. ``driver``: one already started (the caller
    stops it)."""
    from tests.sim.drivers import InProcessDriver

    today = dt.date.today()
    own = driver is None
    if own:
        driver = InProcessDriver()
    records = []
    try:
        for c in generate_cec(n, seed, today):
            sid = f"cec-{c['id']}-{uuid.uuid4().hex[:6]}"
            reply = "\n".join(m.get("text") or "" for m in driver.say(sid, c["opening"]))
            turns = 1
            for _ in range(40):
                st = driver.state(sid)
                req = st["slots"].get("requested_slot") if st["active_loop"] == "cec_form" else None
                if not req:
                    break
                msgs = driver.say(sid, answer(c, req, st["slots"]))
                reply = "\n".join(m.get("text") or "" for m in msgs)
                turns += 1
            exp = expected(c, today)
            records.append({"id": c["id"], "kind": c["cec"]["kind"], "turns": turns,
                            "expected": {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in exp.items()},
                            "right": check_reply(reply, exp, today, with_crs=False), "reply": reply})
    finally:
        if own:
            driver.stop()
    return records


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    records = run(args.n, args.seed)
    if args.out:
        with open(args.out, "w") as f:
            f.writelines(json.dumps(r) + "\n" for r in records)
    right = sum(r["right"] for r in records)
    print(f"CEC journey: {right}/{len(records)} right; wrong ids: "
          + (",".join(str(r["id"]) for r in records if not r["right"]) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
