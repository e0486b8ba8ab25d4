"""Fixtures for the web page tests: a headless Debian Chromium driven by Playwright.

The browser is Debian's /usr/bin/chromium (``apt-get install chromium``), never a
downloaded one.  ``scripted_site`` serves the real page, bundle and chart route
(``connectors.web.WebChatInput``) next to this project's REST channel
(``connectors.rest.WebRestInput``: server-issued ids, length cap, deletion confirmed
after commit), answered by a small scripted bot: the page can be tested without a
trained model.
"""
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.channels.conftest import LoopThread, faq_reply, free_port, result_replies, stop_sanic

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
OUTPUT = ROOT / "test-output"


@pytest.fixture(scope="session")
def built_page():
    """web/dist, built by scripts/build_web.sh when missing or older than its sources."""
    proc = subprocess.run(["bash", str(ROOT / "scripts" / "build_web.sh")], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    assert proc.returncode == 0, f"scripts/build_web.sh failed:\n{proc.stdout}"
    dist = ROOT / "web" / "dist"
    assert (dist / "index.html").is_file() and (dist / "app.js").is_file()
    return dist


@pytest.fixture(scope="module")
def browser():
    # Module scope: Playwright's sync API keeps an event loop running in the main thread while
    # it is open, which would break later tests that run their own loop.
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: apt-get install chromium chromium-driver", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A phone-sized page (390 x 844) that records every request the page makes."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    pg = context.new_page()
    pg.requests_seen = []
    pg.console_errors = []
    pg.on("request", lambda r: pg.requests_seen.append(r.url))
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.on("dialog", lambda d: (pg.console_errors.append("dialog: " + d.message), d.dismiss()))
    yield pg
    context.close()


def screenshot(pg, name: str) -> Path:
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / name
    pg.screenshot(path=str(path), full_page=True)
    return path


class ScriptedBot:
    """Answers like the real assistant would, enough to exercise the page."""

    def __init__(self):
        self.received = []
        self.delete_fails = False  # True: the "tracker store" reports a failed commit
        self.delay = 0.0  # seconds before each answer (a slow server)

    async def handle_message(self, message):
        import asyncio

        from connectors import erasure
        from common.names import ERASURE_REQUESTED_CUSTOM

        self.received.append((message.sender_id, message.text))
        if self.delay:
            await asyncio.sleep(self.delay)
        out, to, text = message.output_channel, message.sender_id, message.text or ""
        if text == "/greet":
            await out.send_response(to, {"text": "Hi! I'm the Express Entry assistant.", "buttons": [
                {"title": "Check my score", "payload": "/start_assessment"}]})
        elif text == "/start_assessment":
            await out.send_response(to, {"text": "Question 1 of about 3: How old are you?"})
        elif re.fullmatch(r"\d+", text.strip()):
            await out.send_response(to, {"text": "Question 2 of about 3: Your highest education?", "buttons": [
                {"title": "Master's <b>degree</b>", "payload": '/inform{"education":"masters"}'}]})
        elif text.startswith("/inform"):
            for reply in result_replies():
                await out.send_response(to, reply)
        elif text == "fullest result?":  # the most a collapsed card shows: a change, three cut-offs
            replies = result_replies()
            card = replies[0]["custom"]
            card["previous"] = card["score"] - 17
            card["cutoffs"] = [r for r in card["draws"]["rounds"] if not r["includes_nomination"]][:3]
            for reply in replies:
                await out.send_response(to, reply)
        elif text == "résultat en français?":  # a French conversation's result turn
            for reply in result_replies(language="fr"):
                await out.send_response(to, reply)
        elif text == "faq?":
            await out.send_response(to, faq_reply())
        elif text == "/show_my_data":
            await out.send_response(to, {"text": "Here is everything I keep about you: Age: 31"})
        elif text == "/delete_my_data":
            await out.send_response(to, {"text": "Delete everything?", "buttons": [
                {"title": "Yes, delete my data", "payload": "/confirm_delete_data"}]})
        elif text == "/confirm_delete_data":
            # As action_delete_my_data does; the store reports the commit when it saves.
            await out.send_response(to, {"custom": dict(ERASURE_REQUESTED_CUSTOM)})
            await out.send_response(to, {"text": "Done: I deleted your data."})
            erasure.report_outcome(to, not self.delete_fails)
        else:
            # Echo, so that hostile text comes back from the bot's side too.
            await out.send_response(to, {"text": f"You said: {text}"})


@pytest.fixture
def scripted_site(built_page):
    from rasa.core.channels.channel import register
    from sanic import Sanic

    from connectors.rest import WebRestInput
    from connectors.web import WebChatInput

    Sanic.test_mode = True
    bot = ScriptedBot()
    app = Sanic(f"web_test_{id(bot)}")
    app.ctx.agent = bot
    register([WebRestInput(b"s" * 32), WebChatInput(str(built_page))], app, route="/webhooks/")
    port = free_port()
    lt = LoopThread()

    async def start():
        server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True,
                                         access_log=False)
        await server.startup()
        return server

    server = lt.run(start())
    bot.url = f"http://127.0.0.1:{port}"
    yield bot
    stop_sanic(lt, server)


@pytest.fixture(scope="session")
def live_sqlite(request, built_page):
    """The real servers (tests/channels/live.py) with the real bot, SQLite tracker store."""
    from tests.channels.live import shared_live

    return shared_live("sqlite", request)
