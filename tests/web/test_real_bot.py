"""The web page against the real bot: a whole conversation in headless Chromium (buttons clicked,
answers typed) up to the score, hostile text, and the privacy controls.
Saves test-output/web-chat-finished.png. (The result card is tested in detail in test_result_card.py.)"""
import re

import pytest

from tests.privacy.test_live import ANSWERS, DEFAULT_ANSWER  # answers picked by the question asked
from tests.web.conftest import screenshot
from tests.web.test_page import HOSTILE, say

pytestmark = pytest.mark.e2e


# Message bubbles, without deep-chat's "loading" dots (also a .message-bubble): counting those
# made the test read the previous question again and type while a reply was pending.
BUBBLES = ".message-bubble:not(.deep-chat-loading-message-bubble)"
LOADING = ".deep-chat-loading-message-bubble"


def wait_text(page, text, timeout=60000):
    page.wait_for_function(
        f"t => [...document.getElementById('chat').shadowRoot.querySelectorAll('{BUBBLES}')]"
        ".some(b => b.textContent.toLowerCase().includes(t))", arg=text.lower(), timeout=timeout)


def bubbles(page):
    return page.evaluate(f"() => [...document.getElementById('chat').shadowRoot"
                         f".querySelectorAll('{BUBBLES}')].map(b => b.innerText)")


def test_whole_conversation_in_the_browser(live_sqlite, page):
    page.goto(live_sqlite.url + "/webhooks/web/")
    wait_text(page, "not legal advice")
    page.get_by_role("button", name="Check my score").last.click()
    wait_text(page, "How old")
    for _ in range(45):
        last = bubbles(page)[-1]
        if page.evaluate("() => !!document.getElementById('chat').shadowRoot.querySelector('.ee-card')"):
            break
        question = [b for b in bubbles(page) if "?" in b and not b.startswith("Sorry")][-1]
        question = question.strip().split("\n")[-1].lower()
        answer = next((a for key, a in ANSWERS if key in question), DEFAULT_ANSWER)
        count = len(bubbles(page))
        if answer == "single":
            page.get_by_role("button", name="Single").last.click()  # a button, as a person would
        else:
            say(page, answer)
        page.wait_for_function(
            f"n => {{ const r = document.getElementById('chat').shadowRoot;"
            f" return r.querySelectorAll('{BUBBLES}').length >= n + 2 && !r.querySelector('{LOADING}'); }}",
            arg=count, timeout=60000)
        page.wait_for_timeout(300)
    else:
        raise AssertionError(f"no score; last bubble: {last!r}\n" + "\n---\n".join(bubbles(page)))
    # The result is one card (not the words' bubbles), its chart an SVG with a text alternative.
    score = int(re.match(r"\d+", page.locator(".ee-score").inner_text()).group(0))
    sender = page.evaluate("() => localStorage.getItem('ee-chat-id')")
    assert live_sqlite.slots(sender)["crs_score"] == score
    assert not any("Your estimated CRS score" in b for b in bubbles(page))
    assert f"Your CRS score {score}" in page.locator("svg.ee-chart").get_attribute("aria-label")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    page.locator(".ee-card").scroll_into_view_if_needed()
    screenshot(page, "web-chat-finished.png")

    # Hostile text from the user is shown as text, and runs nothing.
    say(page, HOSTILE)
    page.wait_for_function(
        "h => [...document.getElementById('chat').shadowRoot.querySelectorAll('.message-bubble')]"
        ".some(b => b.textContent.includes(h))", arg=HOSTILE, timeout=30000)
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate(
        "() => document.getElementById('chat').shadowRoot.querySelectorAll('script, img[src=\"x\"]').length") == 0

    # The page's privacy controls.
    page.locator("#show-data").click()
    wait_text(page, "Age: 47")
    page.locator("#delete-data").click()
    page.get_by_role("button", name="Yes, delete my data").last.click()
    wait_text(page, "I deleted your answers")
    assert live_sqlite.rows(sender) == 0
    assert page.evaluate("() => localStorage.getItem('ee-chat-id')") is None
    assert all(u.startswith(live_sqlite.url + "/") for u in page.requests_seen)
    assert page.console_errors == []
