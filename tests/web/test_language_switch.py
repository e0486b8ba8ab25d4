"""The web page's EN | FR switch against the real bot (issue 20): a conversation started in English switches to
French in the middle of the form; the bot says so in French, asks its pending question again in French (not the
questions already answered), keeps the answers, and the page's own words turn French."""
import pytest

from tests.web.test_page import say
from tests.web.test_real_bot import BUBBLES, LOADING, bubbles, wait_text

pytestmark = pytest.mark.e2e


def wait_replies(page, count):
    """Until the bot has answered (at least two more bubbles: the person's and a reply) and nothing is pending."""
    page.wait_for_function(
        f"n => {{ const r = document.getElementById('chat').shadowRoot;"
        f" return r.querySelectorAll('{BUBBLES}').length >= n + 2 && !r.querySelector('{LOADING}'); }}",
        arg=count, timeout=60000)


def test_switching_to_french_mid_conversation_keeps_the_answers(live_sqlite, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    try:
        page = context.new_page()
        page.goto(live_sqlite.url + "/webhooks/web/")
        wait_text(page, "not legal advice")
        assert page.locator("#show-data").inner_text() == "Show my data"
        page.get_by_role("button", name="Check my score").last.click()
        wait_text(page, "How old")
        count = len(bubbles(page))
        say(page, "I am forty seven")
        wait_replies(page, count)
        wait_text(page, "marital status")

        count = len(bubbles(page))
        page.locator("#lang-fr").click()
        wait_text(page, "je continue en français")
        wait_text(page, "Quel est votre état matrimonial")
        page.wait_for_function(f"() => !document.getElementById('chat').shadowRoot.querySelector('{LOADING}')")
        after = bubbles(page)[count:]
        assert not any("How old" in b or "Quel âge" in b for b in after), after  # the age is not asked again
        assert page.get_by_role("button", name="Célibataire").count() >= 1
        assert page.locator("#show-data").inner_text() == "Voir mes données"
        assert page.evaluate("() => document.documentElement.lang") == "fr"

        sender = page.evaluate("() => localStorage.getItem('ee-chat-id')")
        slots = live_sqlite.slots(sender)
        assert slots["language"] == "fr" and slots["age"] == 47

        # "Show my data" lists the answer given in English and the language chosen.
        count = len(bubbles(page))
        page.locator("#show-data").click()
        wait_replies(page, count)
        wait_text(page, "Français")
        assert any("47" in b for b in bubbles(page)[count:])
    finally:
        context.close()
