"""The structured result (actions/result_card.py): one object per result, built from the engine's figures, sent
next to the words on the REST channel and alone on the channels that render it themselves."""
import json
import re

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionAssess, run_assessment
from actions import fields
from express_entry.vocabulary import long_date
from tests.rasa.test_form import SINGLE_DONE
from tests.sim.drivers import domain, render

DONE = {**SINGLE_DONE, "profile_confirmed": True}


def _run(slots, channel="rest"):
    events = [{"event": "user", "text": "yes", "input_channel": channel,
               "parse_data": {"intent": {"name": "affirm"}, "entities": []}}]
    tracker = Tracker("t", dict(slots), {"text": "yes", "intent": {"name": "affirm"}, "entities": []}, events,
                      False, None, {}, "action_listen")
    d = CollectingDispatcher()
    events = ActionAssess().run(d, tracker, domain())
    return d.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def _engine(slots):
    return run_assessment(fields.build_profile(dict(slots)))


def test_the_card_comes_first_and_says_what_the_words_say():
    messages, slots = _run(DONE)
    card = messages[0]["custom"]
    json.dumps(card)  # plain JSON
    assert card["type"] == "crs_result" and card["version"] == 1
    a, adv, summary, cats = _engine(DONE)
    # The engine's figures, not recomputed: the score, its parts, the verdicts, the ranked suggestions.
    assert card["score"] == a["crs"]["total"] == slots["crs_score"]
    assert card["ruleset"] == a["ruleset"]
    assert {p["key"]: p["points"] for p in card["parts"]} == {
        k: a["crs"][k] for k in ("core", "spouse", "transferability", "additional")}
    assert sum(p["points"] for p in card["parts"]) == card["score"]
    assert [(p["id"], p["eligible"]) for p in card["programs"]] == [
        (k, a["programs"][k]["eligible"]) for k in ("cec", "fsw", "fst")]
    assert [(s["title"], s["gain"], s["new_total"]) for s in card["suggestions"]] == [
        (s["title"], s["gain"], s["new_total"]) for s in adv["suggestions"][:len(card["suggestions"])]]
    assert card["top_suggestions"] == card["suggestions"][:3]
    # The words that follow it, as the person reads them, carry the same figures.
    following = messages[1:]
    assert card["messages"] == len(following)
    words = "\n".join(render(m, DONE)["text"] for m in following if m.get("text") or m.get("response"))
    assert f"Your estimated CRS score is {card['score']}" in words
    for s in card["top_suggestions"]:
        assert f"{s['title']}: +{s['gain']} (to {s['new_total']})" in words
    for r in card["draws"]["rounds"]:  # the words name the categories one does not fit, without their cut-off
        assert (str(r["cutoff"]) if r["fit"] not in ("does_not_fit", "not_this_year") else r["label"]) in words
    assert following[-1]["image"] == card["chart"]["url"]


def test_cutoffs_next_to_the_score_are_the_ones_that_apply():
    messages, _ = _run(DONE)
    card = messages[0]["custom"]
    rounds = card["draws"]["rounds"]
    assert any(r["includes_nomination"] for r in rounds)  # the data has PNP rounds...
    assert card["cutoffs"] and not any(r["includes_nomination"] for r in card["cutoffs"])  # ...not shown up front
    assert all(not r["category"] or r["fit"] == "fits" for r in card["cutoffs"])
    assert [r["date"] for r in card["cutoffs"]] == sorted((r["date"] for r in card["cutoffs"]), reverse=True)
    for r in card["chart"]["cutoffs"]:
        # the date as a screen reader says it ("18 August 2026", not 2026-08-18)
        assert f"{r['label']} {r['cutoff']} on {long_date(r['date'])}" in card["chart"]["alt"]
    assert f"Your CRS score {card['score']}" in card["chart"]["alt"]


def test_sources_are_titled_links():
    card = _run(DONE)[0][0]["custom"]
    assert card["sources"]
    for s in card["sources"]:
        assert s["url"].startswith("https://www.canada.ca/")
        assert re.fullmatch(r"IRCC: [A-Z][^:/]+(: [^/]+)?", s["title"]), s
    titles = {s["title"] for s in card["sources"]}
    assert {"IRCC: CRS criteria", "IRCC: Canadian Experience Class"} <= titles


def test_rich_channels_get_the_card_alone():
    for channel in ("telegram", "slack"):
        messages, slots = _run(DONE, channel)
        assert len(messages) == 1 and messages[0]["custom"]["type"] == "crs_result"
        assert messages[0]["custom"]["score"] == slots["crs_score"]
        assert "messages" not in messages[0]["custom"]
        assert any("not legal advice" in s for s in messages[0]["custom"]["next_steps"])


def test_a_change_in_force_that_the_rules_leave_out_is_named_on_the_card():
    """From 2026-11-03 IRCC's high-wage occupation factor is in force, and no ruleset has its points: a result
    on or after that date says so next to the score (web card, Telegram, Slack); one before it says nothing."""
    import datetime as dt

    from actions import replies, result_card
    from connectors import rich
    from express_entry.assess import assess

    base = fields.build_profile(dict(DONE))
    before = result_card.build(replies.texts(domain()), assess({**base, "assessed_on": "2026-11-02"}))
    assert before["not_included"] == []
    after = result_card.build(replies.texts(domain()), assess({**base, "assessed_on": "2026-12-07"}))
    assert after["ruleset"] < "2026-11-03"
    assert [c["effective"] for c in after["not_included"]] == ["2026-11-03"]
    assert "high-wage" in after["not_included"][0]["title"].lower()
    said = f"Not counted: {after['not_included'][0]['title']} (in force since 3 Nov 2026)"
    assert said in rich.telegram_messages(after)[0]["text"]
    slack = json.dumps(rich.slack_message(after)["blocks"], ensure_ascii=False)
    assert said in slack
    assert "Not counted" not in rich.telegram_messages(before)[0]["text"]
    assert dt.date.fromisoformat(after["assessed_on"]) >= dt.date(2026, 11, 3)
