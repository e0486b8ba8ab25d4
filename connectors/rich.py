"""The structured result (``custom`` payload ``crs_result``, actions/result_card.py) and titled links, rendered
for Telegram and Slack.

- Telegram: at most three messages, in Telegram's HTML (only its tags: ``b``, ``i``, ``a``; everything else
  escaped; each message within Telegram's length limits): the result at a glance, the details with titled links,
  and the chart as a photo whose caption carries the score.
- Slack: one message of Block Kit blocks (header, sections with fields, context, image block for the chart,
  titled links), within Block Kit's limits (text lengths, ten fields a section, fifty blocks).
- Text with markdown links (``[IRCC: Canadian Experience Class](https://...)``, as the FAQ answers end): the link
  shown with its title on both.

Pure functions over the payload: no words are parsed back from the text messages.
"""
import html
import re
from typing import Any, Callable, Dict, List, Optional, Text

from connectors._urls import absolute_url
from express_entry.concepts import say
from express_entry.vocabulary import MONTHS_SHORT as MONTHS, long_date

RESULT_TYPE = "crs_result"  # actions.result_card.RESULT_TYPE (connectors do not import actions)
MARKDOWN_LINK = re.compile(r"\[([^\[\]]+)\]\((https?://[^\s()]+)\)")

# Telegram Bot API limits (https://core.telegram.org/bots/api#sendmessage, #sendphoto).
TELEGRAM_TEXT_MAX = 4096
TELEGRAM_CAPTION_MAX = 1024
TELEGRAM_TAGS = ("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote",
                 "span", "tg-spoiler", "tg-emoji")
# Slack Block Kit limits (https://api.slack.com/reference/block-kit/blocks).
SLACK_SECTION_TEXT_MAX = 3000
SLACK_FIELD_MAX = 2000
SLACK_FIELDS_MAX = 10
SLACK_HEADER_MAX = 150
SLACK_BLOCKS_MAX = 50
SLACK_CONTEXT_ELEMENTS_MAX = 10
SLACK_ALT_TEXT_MAX = 2000
VERDICT = {True: ("✅", "verdict_eligible"), False: ("❌", "verdict_not_eligible"), None: ("❔", "verdict_unknown")}


def is_result(payload: Any) -> bool:
    return isinstance(payload, dict) and payload.get("type") == RESULT_TYPE


def has_links(text: Optional[Text]) -> bool:
    return bool(text) and bool(MARKDOWN_LINK.search(text))


def short_date(iso: Any, language: Text = "en") -> Text:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(iso or ""))
    if m and language != "en":
        return long_date(m.group(0), language)
    return f"{int(m.group(3))} {MONTHS[int(m.group(2)) - 1]} {m.group(1)}" if m else str(iso or "")


def _language(card: Dict[str, Any]) -> Text:
    """The language the card is written in (actions/result_card.py sets it; English when it does not say)."""
    return card.get("language") or "en"


def _say(card: Dict[str, Any], key: Text, **values: Any) -> Text:
    """The card's words (data/labels/<language>.yaml, ``card``) in the card's language."""
    return say(f"card.{key}", _language(card), **values)


def _verdict(card: Dict[str, Any], eligible: Optional[bool]):
    mark, key = VERDICT.get(eligible, VERDICT[None])
    return mark, _say(card, key)


def _not_included_text(change: Dict[str, Any], language: Text = "en") -> Text:
    """An announced change in force that the rules applied leave out (the card's ``not_included``)."""
    return say("card.not_included", language, title=change["title"],
               date=short_date(change["effective"], language))


def _cut(text: Text, limit: int) -> Text:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fit_lines(lines: List[Text], limit: int) -> Text:
    """Whole lines (each already valid markup) up to ``limit`` characters; the rest left out with an ellipsis."""
    out: List[Text] = []
    for line in lines:
        if len("\n".join(out + [line, "…"])) > limit:
            out.append("…")
            break
        out.append(line)
    return "\n".join(out)


# --- Telegram ---------------------------------------------------------------------------------------------

def tg(text: Any) -> Text:
    """Text escaped for Telegram's HTML parse mode: &, < and > (the named entities it knows)."""
    return html.escape(str(text), quote=False)


def tg_link(title: Text, url: Text) -> Text:
    return f'<a href="{tg(url).replace(chr(34), "&quot;")}">{tg(title)}</a>'


def _with_links(text: Text, escape: Callable[[Any], Text], link: Callable[[Text, Text], Text]) -> Text:
    """``text`` escaped with ``escape``, its markdown links written with ``link(title, url)``."""
    out, last = [], 0
    for m in MARKDOWN_LINK.finditer(text):
        out += [escape(text[last:m.start()]), link(m.group(1), m.group(2))]
        last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)


def telegram_html(text: Text) -> Text:
    """Plain text with markdown links as Telegram HTML: the text escaped, each link an <a> with its title."""
    return _with_links(text, tg, tg_link)


def _parts_line(card: Dict[str, Any]) -> Text:
    return " · ".join(f"{p['letter']} {p['label'].lower()} {p['points']}" for p in card["parts"])


def _cutoff_text(card: Dict[str, Any], r: Dict[str, Any]) -> Text:
    verdict = _say(card, "reaches" if r["met"] else "below")
    return f"{r['cutoff']} {r['label']}, {short_date(r['date'], _language(card))} ({verdict})"


def telegram_messages(card: Dict[str, Any], public_url: Optional[Text] = None) -> List[Dict[str, Any]]:
    """At most three Bot API calls' parameters: {"method": "sendMessage" | "sendPhoto", ...}."""
    language = _language(card)
    colon = _say(card, "colon")
    score = f"<b>{tg(_say(card, 'score', score=card['score']))}</b>"
    head = [score + (tg(_say(card, "was", previous=card["previous"])) if card.get("previous") is not None else ""),
            f"<i>{tg(_say(card, 'ruleset', date=short_date(card['ruleset'], language)))}</i>"]
    head += [f"⚠ {tg(_not_included_text(c, language))}" for c in card.get("not_included") or []]
    head += [tg(_parts_line(card))]
    if card.get("cutoffs"):
        head += ["", f"<b>{tg(_say(card, 'latest_cutoffs'))}</b>"]
        head += [f"• {tg(_cutoff_text(card, r))}" for r in card["cutoffs"]]
    head += ["", f"<b>{tg(_say(card, 'eligibility'))}</b>"]
    for p in card["programs"]:
        mark, verdict = _verdict(card, p["eligible"])
        reason = f" {tg(p['reasons'][0])}" if p["eligible"] is not True and p.get("reasons") else ""
        head.append(f"{mark} <b>{tg(p['name'])}</b>{colon} {verdict}.{reason}")
    if card.get("top_suggestions"):
        head += ["", f"<b>{tg(_say(card, 'raise_most'))}</b>"]
        head += [f"<b>+{tg(s['gain'])}</b> {tg(s['title'])} {tg(_say(card, 'to_total', total=s['new_total']))}"
                 for s in card["top_suggestions"]]

    details = []
    if card.get("strongest"):
        details.append(f"<b>{tg(_say(card, 'strongest'))}</b> " + tg("; ".join(
            f"{f['name']} {f['points']}/{f['max']}" for f in card["strongest"])))
    if card.get("room_to_grow"):
        details.append(f"<b>{tg(_say(card, 'room_to_grow'))}</b> " + tg("; ".join(
            f"{f['name']} {f['points']}/{f['max']}" for f in card["room_to_grow"])))
    details += [tg(n) for n in card.get("notes") or []]
    draws = card.get("draws")
    if draws:
        details += ["", f"<b>{tg(_say(card, 'recent_draws'))}</b> "
                    + tg(_say(card, "rounds_up_to", date=short_date(draws["latest_round_date"], language)))]
        for r in draws["rounds"]:
            if r["includes_nomination"]:
                details.append(f"• {tg(r['label'])}{colon} {tg(r['cutoff'])} {tg(_say(card, 'includes_nomination'))}")
            elif r["fit"] in ("does_not_fit", "not_this_year"):
                continue
            else:
                details.append(f"• {tg(_cutoff_text(card, r))}")
        if draws.get("pool"):
            details.append(tg(draws["pool"]))
    details += [""] + [telegram_html(t) for t in card.get("next_steps") or []]
    if card.get("sources"):
        details += ["", f"<b>{tg(_say(card, 'sources'))}</b> "
                    + " · ".join(tg_link(s["title"], s["url"]) for s in card["sources"])]

    messages = [{"method": "sendMessage", "text": _fit_lines(head, TELEGRAM_TEXT_MAX), "parse_mode": "HTML",
                 "disable_web_page_preview": True},
                {"method": "sendMessage", "text": _fit_lines(details, TELEGRAM_TEXT_MAX), "parse_mode": "HTML",
                 "disable_web_page_preview": True}]
    chart = card.get("chart")
    photo = absolute_url(chart["url"], public_url) if chart else ""
    if "://" in photo:  # Telegram fetches the picture itself: it needs the public address
        caption = f"{score} ({tg(_parts_line(card))}){tg(_say(card, 'caption'))}"
        if len(caption) > TELEGRAM_CAPTION_MAX:  # never cut inside a tag
            caption = score
        messages.append({"method": "sendPhoto", "photo": photo, "caption": caption, "parse_mode": "HTML"})
    return messages


# --- Slack ------------------------------------------------------------------------------------------------

def mrkdwn(text: Any) -> Text:
    """Text escaped for Slack's mrkdwn (&, <, >; https://api.slack.com/reference/surfaces/formatting#escaping)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_link(title: Text, url: Text) -> Text:
    return f"<{url.replace('|', '%7C').replace('>', '%3E')}|{mrkdwn(title).replace('|', '¦')}>"


def slack_text(text: Text) -> Text:
    """Plain text with markdown links as Slack mrkdwn: the text escaped, each link ``<url|title>``."""
    return _with_links(text, mrkdwn, slack_link)


def _section(text: Text) -> Dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, SLACK_SECTION_TEXT_MAX)}}


def _fields(items: List[Text]) -> Dict[str, Any]:
    """A section of up to ten fields (at least one: an empty list gives a dash)."""
    items = items or ["–"]
    return {"type": "section", "fields": [{"type": "mrkdwn", "text": _cut(t, SLACK_FIELD_MAX)}
                                          for t in items[:SLACK_FIELDS_MAX]]}


def slack_message(card: Dict[str, Any], public_url: Optional[Text] = None) -> Dict[str, Any]:
    """chat.postMessage's ``text`` (the notification's fallback) and ``blocks``."""
    language = _language(card)
    colon = _say(card, "colon")
    score = _say(card, "score", score=card["score"])
    blocks: List[Dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _cut(score, SLACK_HEADER_MAX)}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": mrkdwn(
            _say(card, "ruleset", date=short_date(card["ruleset"], language))
            + (" · " + _say(card, "was_short", previous=card["previous"]) if card.get("previous") is not None else "")
            + " · " + _say(card, "estimate")
            + "".join(f"\n⚠ {_not_included_text(c, language)}" for c in card.get("not_included") or []))}]},
        _fields([f"*{p['letter']}. {mrkdwn(p['label'])}*\n{_say(card, 'of', points=p['points'], max=p['max'])}"
                 for p in card["parts"]]),
    ]
    if card.get("cutoffs"):
        blocks.append(_section(f"*{mrkdwn(_say(card, 'latest_cutoffs'))}*\n"
                               + "\n".join(f"• {mrkdwn(_cutoff_text(card, r))}" for r in card["cutoffs"])))
    lines = []
    for p in card["programs"]:
        mark, verdict = _verdict(card, p["eligible"])
        reason = f" {mrkdwn(p['reasons'][0])}" if p["eligible"] is not True and p.get("reasons") else ""
        lines.append(f"{mark} *{mrkdwn(p['name'])}*{colon} {verdict}.{reason}")
    blocks.append(_section(f"*{mrkdwn(_say(card, 'eligibility'))}*\n" + "\n".join(lines)))
    if card.get("top_suggestions"):
        blocks.append(_fields([f"*+{s['gain']}* {mrkdwn(_say(card, 'to_total', total=s['new_total']))}\n"
                               f"{mrkdwn(s['title'])}" for s in card["top_suggestions"]]))
    if card.get("notes"):
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": _cut(mrkdwn(n), SLACK_FIELD_MAX)}
                                                       for n in card["notes"][:SLACK_CONTEXT_ELEMENTS_MAX]]})
    draws = card.get("draws")
    if draws:
        rows = [r for r in draws["rounds"] if not r["includes_nomination"]
                and r["fit"] not in ("does_not_fit", "not_this_year")]
        blocks.append({"type": "divider"})
        blocks.append(_section(f"*{mrkdwn(_say(card, 'recent_draws'))}* "
                               + mrkdwn(_say(card, "rounds_up_to", date=short_date(draws["latest_round_date"],
                                                                                    language)))))
        blocks.append(_fields([f"*{r['cutoff']}* {mrkdwn(r['label'])}\n{short_date(r['date'], language)}, "
                               + mrkdwn(_say(card, "reaches" if r["met"] else "below_short")) for r in rows]))
    chart = card.get("chart")
    image = absolute_url(chart["url"], public_url) if chart else ""
    if "://" in image:  # Slack fetches the picture itself: it needs the public address
        blocks.append({"type": "image", "image_url": image,
                       "alt_text": _cut(chart.get("alt") or score, SLACK_ALT_TEXT_MAX),
                       "title": {"type": "plain_text", "text": _say(card, "chart_title")}})
    if card.get("sources"):
        blocks.append(_section(f"*{mrkdwn(_say(card, 'sources'))}* " + " · ".join(slack_link(s["title"], s["url"]) for s in card["sources"])))
    if card.get("next_steps"):
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": _cut(slack_text(t), SLACK_FIELD_MAX)}
                                                       for t in card["next_steps"][:SLACK_CONTEXT_ELEMENTS_MAX]]})
    fallback = f"{score} ({_parts_line(card)})"
    return {"text": fallback, "blocks": blocks[:SLACK_BLOCKS_MAX]}
