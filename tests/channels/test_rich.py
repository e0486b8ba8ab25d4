"""The result and the FAQ's titled links on Telegram and Slack: a real result turn (action_assess's own replies
for the channel) posted through the real webhooks to the fake APIs; each rendering checked against its
platform's rules (Telegram's HTML parse mode and length limits, Slack's Block Kit limits), and against the
structured result the REST channel gets next to the words."""
import html
import json
import re
from html.parser import HTMLParser

from tests.channels.conftest import faq_reply, result_replies
from tests.channels import test_slack, test_telegram
from tests.channels.test_slack import slack_server  # noqa: F401 (a fixture)

TELEGRAM_TAGS = {"b": set(), "strong": set(), "i": set(), "em": set(), "u": set(), "ins": set(), "s": set(),
                 "strike": set(), "del": set(), "a": {"href"}, "code": set(), "pre": set(), "blockquote": set()}
SLACK_BLOCK_TYPES = {"header", "section", "context", "divider", "image", "actions"}


def the_card():
    """The structured result the REST channel gets (the words follow it there)."""
    return next(r["custom"] for r in result_replies("rest") if r.get("custom", {}).get("type") == "crs_result")


class TelegramHTML(HTMLParser):
    """Telegram's HTML parse mode: only its tags and attributes, every tag closed, entities it knows
    (&lt; &gt; &amp; &quot; and numeric ones). ``text`` is what the person reads; ``links`` (href, title)."""
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.stack, self.errors, self.text, self.links, self._href = [], [], "", [], None

    def handle_starttag(self, tag, attrs):
        if tag not in TELEGRAM_TAGS or {k for k, _ in attrs} - TELEGRAM_TAGS[tag]:
            self.errors.append(f"tag {tag} {attrs}")
        self.stack.append(tag)
        if tag == "a":
            self._href, self._title = dict(attrs).get("href"), ""

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unbalanced </{tag}>")
        if tag == "a":
            self.links.append((self._href, self._title))
            self._href = None

    def handle_data(self, data):
        if "<" in data or ">" in data:
            self.errors.append(f"unescaped: {data[:40]}")
        self.text += data
        if self._href is not None:
            self._title += data

    def handle_entityref(self, name):
        if name not in ("lt", "gt", "amp", "quot"):
            self.errors.append(f"entity &{name};")
        self.handle_data(html.unescape(f"&{name};").replace("<", "‹").replace(">", "›"))

    def handle_charref(self, name):
        if not re.fullmatch(r"[0-9]+|[xX][0-9a-fA-F]+", name):
            self.errors.append(f"entity &#{name};")
        self.text += html.unescape(f"&#{name};")


def parse_telegram(markup):
    p = TelegramHTML()
    p.feed(markup)
    p.close()
    assert p.errors == [] and p.stack == [], (p.errors, p.stack, markup[:300])
    return p


def test_telegram_result_is_three_valid_messages_with_the_card_s_figures(fake_telegram, channel_server):
    server = channel_server(test_telegram.make_channel(fake_telegram))
    update = {"update_id": 730000020, "message": {**test_telegram.MESSAGE_UPDATE["message"], "text": "result?"}}
    assert test_telegram.post(server, update).status_code == 200
    photo, = fake_telegram.wait_for("sendPhoto")
    texts = fake_telegram.wait_for("sendMessage", 2)
    calls = [c for c in fake_telegram.calls if c[0] in ("sendMessage", "sendPhoto")]
    assert len(calls) <= 3 and calls[-1][0] == "sendPhoto"
    card = the_card()
    read = ""
    for t in texts:
        assert t["parse_mode"] == "HTML"
        p = parse_telegram(t["text"])
        assert 0 < len(p.text) <= 4096
        read += p.text + "\n"
        for href, title in p.links:  # titled links, never a bare URL
            assert href.startswith("https://") and title and "://" not in title
    caption = parse_telegram(photo["caption"])
    assert len(caption.text) <= 1024 and f"Your CRS score: {card['score']}" in caption.text
    assert photo["parse_mode"] == "HTML"
    assert photo["photo"] == "https://bot.example.org" + card["chart"]["url"]
    # The same figures as the structured result (and so as the words: tests/rasa/test_result_card.py).
    assert f"Your CRS score: {card['score']}" in read and card["ruleset"][:4] in read
    for part in card["parts"]:
        assert f"{part['letter']} {part['label'].lower()} {part['points']}" in read
    for prog in card["programs"]:
        assert prog["name"] in read
    for s in card["top_suggestions"]:
        assert f"+{s['gain']} {s['title']} (to {s['new_total']})" in read
    for r in card["cutoffs"]:
        assert f"{r['cutoff']} {r['label']}" in read
    links = [link for t in texts for link in parse_telegram(t["text"]).links]
    assert [(s["url"], s["title"]) for s in card["sources"]] == links


def test_telegram_faq_answer_ends_with_a_titled_link(fake_telegram, channel_server):
    server = channel_server(test_telegram.make_channel(fake_telegram))
    update = {"update_id": 730000021, "message": {**test_telegram.MESSAGE_UPDATE["message"], "text": "faq?"}}
    assert test_telegram.post(server, update).status_code == 200
    sent, = fake_telegram.wait_for("sendMessage")
    assert sent["parse_mode"] == "HTML"
    p = parse_telegram(sent["text"])
    assert p.text.endswith("Official page: IRCC: Canadian Experience Class")
    assert "://" not in p.text
    (href, title), = p.links
    assert title == "IRCC: Canadian Experience Class" and href in faq_reply()["text"]


def check_block_kit(message):
    """Slack's Block Kit limits for a message (https://api.slack.com/reference/block-kit/blocks)."""
    blocks = message["blocks"]
    assert 0 < len(blocks) <= 50
    for b in blocks:
        assert b["type"] in SLACK_BLOCK_TYPES, b
        if b["type"] == "header":
            assert b["text"]["type"] == "plain_text" and 0 < len(b["text"]["text"]) <= 150
        elif b["type"] == "section":
            assert "text" in b or "fields" in b
            if "text" in b:
                assert b["text"]["type"] in ("mrkdwn", "plain_text") and 0 < len(b["text"]["text"]) <= 3000
            if "fields" in b:
                assert 1 <= len(b["fields"]) <= 10
                assert all(f["type"] in ("mrkdwn", "plain_text") and 0 < len(f["text"]) <= 2000 for f in b["fields"])
        elif b["type"] == "context":
            assert 1 <= len(b["elements"]) <= 10
            assert all(e["type"] in ("mrkdwn", "plain_text", "image") and 0 < len(e.get("text", "x")) <= 2000
                       for e in b["elements"])
        elif b["type"] == "image":
            assert b["image_url"].startswith("https://") and len(b["image_url"]) <= 3000
            assert 0 < len(b["alt_text"]) <= 2000 and len(b["title"]["text"]) <= 2000
    assert message["text"]  # the notification's fallback text


def mrkdwn_texts(blocks):
    out = []
    for b in blocks:
        if "text" in b:
            out.append(b["text"]["text"])
        out += [f["text"] for f in b.get("fields", [])] + [e.get("text", "") for e in b.get("elements", [])]
    return "\n".join(out)


def test_slack_result_is_block_kit_with_fields_links_and_the_chart(slack_server, fake_slack):
    event = json.loads(json.dumps(test_slack.MESSAGE_EVENT))
    event["event"]["text"] = "result?"
    assert test_slack.post(slack_server, test_slack.dumps(event), "application/json").status_code == 200
    posted, = fake_slack.wait_for("chat.postMessage")
    blocks = posted["blocks"] if isinstance(posted["blocks"], list) else json.loads(posted["blocks"])
    message = {"text": posted["text"], "blocks": blocks}
    check_block_kit(message)
    card = the_card()
    assert blocks[0]["text"]["text"] == f"Your CRS score: {card['score']}"
    assert any(b["type"] == "section" and len(b.get("fields", [])) == 4 for b in blocks)  # parts A-D
    image, = [b for b in blocks if b["type"] == "image"]
    assert image["image_url"] == "https://bot.example.org" + card["chart"]["url"]
    assert image["alt_text"] == card["chart"]["alt"]
    text = mrkdwn_texts(blocks)
    for part in card["parts"]:
        assert f"*{part['letter']}. {part['label']}*\n{part['points']} of {part['max']}" in text
    for prog in card["programs"]:
        assert prog["name"] in text
    for s in card["top_suggestions"]:
        assert f"*+{s['gain']}* (to {s['new_total']})" in text
    links = re.findall(r"<(https://[^|>]+)\|([^>]+)>", text)
    assert [(s["url"], s["title"]) for s in card["sources"]] == links
    assert all("://" not in title for _, title in links)


def test_slack_faq_answer_ends_with_a_titled_link(slack_server, fake_slack):
    event = json.loads(json.dumps(test_slack.MESSAGE_EVENT))
    event["event"]["text"] = "faq?"
    assert test_slack.post(slack_server, test_slack.dumps(event), "application/json").status_code == 200
    posted, = fake_slack.wait_for("chat.postMessage")
    url = re.search(r"\((https://[^)]+)\)$", faq_reply()["text"]).group(1)
    assert posted["text"].endswith(f"Official page: <{url}|IRCC: Canadian Experience Class>")
    assert posted["text"].count("https://") == 1


def test_escaping_keeps_markup_out(monkeypatch):
    from connectors import rich

    card = the_card()
    card["programs"][0]["reasons"] = ["<b>bold</b> & <script>x</script>"]
    card["top_suggestions"][0]["title"] = "A < B & C > D"
    for m in rich.telegram_messages(card, "https://bot.example.org"):
        parse_telegram(m.get("text") or m["caption"])
    text = mrkdwn_texts(rich.slack_message(card, "https://bot.example.org")["blocks"])
    assert "A &lt; B &amp; C &gt; D" in text and "<script>" not in text
    # Without a public address neither platform could fetch the chart: no photo, no image block.
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    assert [m["method"] for m in rich.telegram_messages(card, None)] == ["sendMessage", "sendMessage"]
    assert "image" not in {b["type"] for b in rich.slack_message(card, None)["blocks"]}


def test_every_link_in_the_responses_is_titled():
    """No response (domain.yml, the FAQ answers) shows a bare URL: each is a markdown link whose title is the
    page's (actions/sources.py), in the variation's language (a French variation: the French title), which the web
    page, Telegram and Slack show as a titled link."""
    from pathlib import Path

    import yaml

    from actions.sources import link_title

    root = Path(__file__).resolve().parents[2]
    for path in (root / "domain.yml", root / "data/nlu/responses/faq.yml"):
        text = "\n".join(line for line in path.read_text().splitlines() if not line.lstrip().startswith("#"))
        urls = re.findall(r"https?://[^\s)\"']+", text)
        titled, wrong = set(), {}
        for variations in yaml.safe_load(text)["responses"].values():
            for variation in variations:
                language = "fr" if any(c.get("name") == "language" and c.get("value") == "fr"
                                       for c in variation.get("condition") or ()) else "en"
                for t, u in re.findall(r"\[([^\[\]]+)\]\((https?://[^\s()]+)\)", variation.get("text") or ""):
                    titled.add(u)
                    if t != link_title(u, language=language) or "page" in t.split(":")[0]:
                        wrong[u] = t
        assert urls and set(urls) == titled, set(urls) - titled
        assert not wrong, wrong
