"""Property-based checks of the work history and the timeline (hypothesis)."""
import datetime as dt
import json
import os
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from express_entry.rules import ruleset_for
from express_entry.timeline import timeline
from express_entry.work import History, Period, WorkRules

ON = dt.date(2026, 12, 7)
RULES = WorkRules.of(ruleset_for(ON))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = os.path.join(ROOT, ".venv", "bin", "python")
if not os.path.exists(PYTHON):
    PYTHON = sys.executable


@st.composite
def periods(draw):
    start = ON + dt.timedelta(days=draw(st.integers(-4000, 400)))
    ongoing = draw(st.booleans())
    end = None if ongoing else start + dt.timedelta(days=draw(st.integers(0, 1500)))
    return Period(start, end, draw(st.sampled_from([5, 10, 15, 20, 25, 30, 37.5, 40, 60])),
                  draw(st.booleans()) or draw(st.booleans()), draw(st.sampled_from([0, 1, 2, 3, 3, 4])),
                  None, draw(st.booleans()) or draw(st.booleans()) or draw(st.booleans()),
                  draw(st.integers(0, 5)) == 0, draw(st.integers(0, 5)) == 0)


histories = st.lists(periods(), min_size=0, max_size=5)
permits = st.one_of(st.none(), st.integers(-100, 1500).map(lambda d: ON + dt.timedelta(days=d)))


def met_on(ps, permit):
    d = History(ps, RULES, ON, permit).first_cec_met(ON)
    return dt.date.max if d is None else d


@SETTINGS
@given(histories, permits, st.data())
def test_more_hours_never_give_a_later_date(ps, permit, data):
    before = met_on(ps, permit)
    if ps:
        i = data.draw(st.integers(0, len(ps) - 1))
        more = ps[i]._replace(hours_per_week=ps[i].hours_per_week + data.draw(st.sampled_from([1, 5, 12.5, 30])))
        assert met_on(ps[:i] + [more] + ps[i + 1:], permit) <= before
    extra = data.draw(periods())
    assert met_on(ps + [extra], permit) <= before


@SETTINGS
@given(histories, permits, st.integers(0, 1500))
def test_the_cap_holds(ps, permit, offset):
    h = History(ps, RULES, ON, permit)
    day = ON + dt.timedelta(days=offset)
    for years in (RULES.cec_window_years, RULES.crs_window_years):
        days = (day - day.replace(year=day.year - years) if (day.month, day.day) != (2, 29) else
                dt.timedelta(days=365 * years + 1)).days
        for measure in ("canadian", "foreign"):
            assert h.hours(measure, day, years) <= RULES.cap_per_week * days / 7 + 1e-9
    # a job of 30 h or more held every day of the window: any other jobs at the same time add nothing
    full = Period(ON - dt.timedelta(days=4000), ON + dt.timedelta(days=2000), 30, True, 1)
    alone = History([full], RULES, ON, permit)
    both = History([full] + [p._replace(in_canada=True) for p in ps], RULES, ON, permit)
    for years in (RULES.cec_window_years, RULES.crs_window_years):
        assert both.hours("canadian", ON, years) == alone.hours("canadian", ON, years)


@SETTINGS
@given(histories, permits)
def test_summary_agrees_with_the_cec_hours(ps, permit):
    h = History(ps, RULES, ON, permit)
    s = h.summary(ON)
    assert (s["canadian_work_months_last_3_years"] >= RULES.cec_months) == h.cec_met(ON)
    assert s["canadian_work_years"] * RULES.year_hours <= h.hours("canadian", ON, RULES.crs_window_years)
    assert 0 <= s["canadian_work_years"] <= RULES.profile_max_years
    assert s["canadian_work_years"] >= (1 if h.cec_met(ON) else 0)


def _as_input(ps, permit):
    out = {"assessed_on": ON.isoformat(), "age": 30, "marital_status": "single", "education": "bachelors",
           "first_language": {"test": "celpip", "listening": 9, "reading": 9, "writing": 9, "speaking": 9,
                              "taken_on": "2026-01-10"},
           "work": [p.as_dict() for p in ps]}
    if permit is not None:
        out["permit_expires_on"] = permit.isoformat()
    return out


@SETTINGS
@given(histories, permits, st.randoms(use_true_random=False))
def test_order_of_periods_does_not_matter_and_events_are_in_order(ps, permit, rnd):
    a = timeline(_as_input(ps, permit))
    shuffled = list(ps)
    rnd.shuffle(shuffled)
    assert timeline(_as_input(shuffled, permit)) == a
    days = [e["on"] for e in a["events"]]
    assert days == sorted(days) and len(set(days)) == len(days)
    assert all(ON.isoformat() <= d <= "2029-12-07" for d in days)
    if a["cec"]["eligible_on"] is not None:
        assert a["cec"]["eligible_on"] >= a["cec"]["work_met_on"] and not a["cec"]["blocked_by"]
    else:
        assert a["cec"]["blocked_by"]


def test_cli_one_object_a_list_and_invalid_input():
    good = _as_input([Period(dt.date(2026, 3, 2), None, 30, True, 1)], None)
    p = subprocess.run([PYTHON, "-m", "express_entry", "timeline"], input=json.dumps(good), capture_output=True,
                       text=True, cwd=ROOT, timeout=60)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["cec"]["work_met_on"] == "2027-02-28" and out["ruleset"] == "2025-03-25"
    p = subprocess.run([PYTHON, "-m", "express_entry", "timeline", "--compact"], input=json.dumps([good, good]),
                       capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert p.returncode == 0 and [t["cec"]["work_met_on"] for t in json.loads(p.stdout)] == ["2027-02-28"] * 2
    bad = dict(good, work=[dict(good["work"][0], hours_per_week=200)])
    p = subprocess.run([PYTHON, "-m", "express_entry", "timeline"], input=json.dumps([good, bad]),
                       capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert p.returncode == 2 and p.stdout == ""
    assert "item 1: work[0].hours_per_week" in p.stderr and "Traceback" not in p.stderr
    p = subprocess.run([PYTHON, "-m", "express_entry", "timeline"], input="{not json", capture_output=True,
                       text=True, cwd=ROOT, timeout=60)
    assert p.returncode == 2 and p.stderr.startswith("error: input")


def test_work_history_table_agrees_with_the_procedures_figures():
    rs = ruleset_for(ON)
    proc, work = rs.table("procedures"), rs.table("work_history")
    assert (work["cec"]["hours"], work["cec"]["window_years"]) == (proc["cec_hours"], proc["cec_window_years"])
    assert work["hours_per_week_cap"] == proc["hours_per_week_cap"]
    assert work["crs"]["window_years"] == proc["fsw_window_years"] == work["fsw"]["window_years"]
    assert (work["fst"]["hours"], work["fst"]["window_years"]) == (proc["fst_hours"], proc["fst_window_years"])
    assert work["month_hours"] * 12 == work["year_hours"] == work["cec"]["hours"]
    assert work["skilled_teers"] == rs.table("programs")["skilled_teers"]
