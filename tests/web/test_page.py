"""The web chat page in a real headless Chromium, against a scripted bot on Rasa's REST channel."""
import re

import requests

from connectors import web_ids
from tests.web.conftest import screenshot

HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def open_chat(page, site):
    page.goto(site.url + "/webhooks/web/")
    page.get_by_text("Hi! I'm the Express Entry assistant.").wait_for(timeout=15000)


def say(page, text):
    box = page.locator("#text-input")
    box.click()
    box.fill(text)
    box.press("Enter")


def test_page_and_bundle_are_served_locally_with_a_strict_policy(scripted_site, page):
    r = requests.get(scripted_site.url + "/webhooks/web/", timeout=10)
    assert r.status_code == 200
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "://" not in r.text.split("<body>")[0]  # no script or style from another host
    js = requests.get(scripted_site.url + "/webhooks/web/static/app.js", timeout=10)
    assert js.status_code == 200 and js.headers["Content-Type"].startswith("text/javascript")
    assert requests.get(scripted_site.url + "/webhooks/web/static/..%2Fbuild.mjs", timeout=10).status_code == 404

    open_chat(page, scripted_site)
    assert page.requests_seen, "the page made no request"
    assert all(u.startswith(scripted_site.url + "/") for u in page.requests_seen), page.requests_seen
    assert page.console_errors == []


def finish_conversation(page, site):
    """The scripted conversation up to the result: a button clicked, an answer typed, a button whose title is
    markup clicked."""
    open_chat(page, site)
    page.get_by_role("button", name="Check my score").click()
    page.get_by_text("How old are you?").wait_for(timeout=10000)
    say(page, "31")
    page.get_by_text("Your highest education?").wait_for(timeout=10000)
    # A button title is text, not markup.
    page.get_by_role("button", name="Master's <b>degree</b>").click()
    page.locator(".ee-card").wait_for(timeout=30000)


def test_click_a_button_type_answers_see_the_score_and_the_chart(scripted_site, page):
    # The result: one card (tests/web/test_result_card.py checks it in detail), its chart an SVG.
    finish_conversation(page, scripted_site)
    score = page.locator(".ee-score").inner_text()
    assert re.match(r"\d{3}", score)
    assert page.locator("svg.ee-chart").count() == 1
    screenshot(page, "web-chat-scripted.png")
    texts = [t for _, t in scripted_site.received]
    assert texts == ["/greet", "/start_assessment", "31", '/inform{"education":"masters"}']
    assert len({s for s, _ in scripted_site.received}) == 1  # one conversation id
    assert page.console_errors == []


def test_script_in_a_message_is_shown_as_text(scripted_site, page):
    open_chat(page, scripted_site)
    say(page, HOSTILE)
    echo = page.get_by_text("You said: <script>")
    echo.wait_for(timeout=10000)
    assert HOSTILE in echo.inner_text()
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate(
        "() => document.getElementById('chat').shadowRoot.querySelectorAll('script, img[src=\"x\"]').length") == 0
    bubbles = page.evaluate(
        "() => [...document.getElementById('chat').shadowRoot.querySelectorAll('.message-bubble')]"
        ".map(b => b.textContent)")
    assert sum(HOSTILE in b for b in bubbles) == 2  # the user's bubble and the bot's echo
    assert scripted_site.received[-1][1] == HOSTILE


def test_privacy_controls_delete_and_forget_the_chat_id(scripted_site, page):
    open_chat(page, scripted_site)
    first_id = page.evaluate("() => localStorage.getItem('ee-chat-id')")
    assert first_id and first_id.startswith("web-")
    page.locator("#delete-data").click()
    page.get_by_role("button", name="Yes, delete my data").click()
    page.get_by_text("Done: I deleted your data.").wait_for(timeout=10000)
    assert page.evaluate("() => localStorage.getItem('ee-chat-id')") is None
    say(page, "hello again")
    page.get_by_text("You said: hello again").wait_for(timeout=10000)
    senders = [s for s, _ in scripted_site.received]
    assert senders[:3] == [first_id] * 3  # /greet, /delete_my_data, /confirm_delete_data
    assert senders[3] != first_id  # a new, unrelated conversation
    assert page.locator("#show-data").is_visible()


def test_fits_a_phone_screen(scripted_site, page):
    open_chat(page, scripted_site)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390
    box = page.locator("#text-input").bounding_box()
    assert box and box["y"] + box["height"] <= 844 and box["x"] >= 0
    for control in ("#show-data", "#delete-data", "#end-session"):
        b = page.locator(control).bounding_box()
        assert b["x"] + b["width"] <= 390 and b["height"] >= 30  # big enough to tap
    screenshot(page, "web-chat-phone.png")


def test_chart_route_refuses_bad_values(scripted_site):
    r = requests.get(scripted_site.url + "/webhooks/web/chart.png?a=366&b=0&c=999&d=0", timeout=10)
    assert r.status_code == 400
    assert r.json()["field"] == "c" and "0-100" in r.json()["accepted"]
    ok = requests.get(scripted_site.url + "/webhooks/web/chart.png?a=366&b=0&c=75&d=0", timeout=30)
    assert ok.status_code == 200 and ok.headers["Content-Type"] == "image/png"
    assert ok.content[:8] == b"\x89PNG\r\n\x1a\n"


def stored_id(page):
    return page.evaluate("() => localStorage.getItem('ee-chat-id')")


def test_a_click_while_a_reply_is_pending_is_not_lost(scripted_site, page):
    """"Delete my data" clicked right after "Show my data", before its reply came back."""
    open_chat(page, scripted_site)
    scripted_site.delay = 1.0
    page.locator("#show-data").click()
    page.locator("#delete-data").click()
    page.get_by_role("button", name="Yes, delete my data").wait_for(timeout=15000)
    page.get_by_text("Here is everything I keep about you").wait_for(timeout=15000)
    texts = [t for _, t in scripted_site.received]
    assert texts[-2:] == ["/show_my_data", "/delete_my_data"]  # both sent, in the order clicked
    assert page.console_errors == []


def test_a_failed_deletion_is_reported_and_the_page_keeps_its_id(scripted_site, page):
    from connectors.erasure import ERASURE_FAILED_REPLY

    open_chat(page, scripted_site)
    first_id = stored_id(page)
    scripted_site.delete_fails = True
    page.locator("#delete-data").click()
    page.get_by_role("button", name="Yes, delete my data").click()
    page.get_by_text(ERASURE_FAILED_REPLY[:40]).wait_for(timeout=10000)
    assert page.get_by_text("Done: I deleted your data.").count() == 0  # never said
    assert stored_id(page) == first_id


def test_ids_are_issued_by_the_server_and_forged_ones_are_refused(scripted_site, page):
    open_chat(page, scripted_site)
    issued = stored_id(page)
    assert re.fullmatch(web_ids.ID_PATTERN, issued)
    for forged in ("web-" + "0" * 32 + "-" + "0" * 8 + "-" + "0" * 32, "555000111", "telegram-555000111",
                   issued[:-1] + "x", issued + "\n"):
        r = requests.post(scripted_site.url + "/webhooks/rest/webhook",
                          json={"sender": forged, "message": "hi"}, timeout=10)
        assert r.status_code == 403
    assert all(s == issued for s, _ in scripted_site.received)


def test_shared_computer_the_id_expires_when_idle(scripted_site, page):
    open_chat(page, scripted_site)
    first_id = stored_id(page)
    # The last message was sent more than the idle limit ago (2 hours): the next visitor starts afresh.
    page.evaluate("() => localStorage.setItem('ee-chat-seen', String(Date.now() - 2 * 3600 * 1000 - 1000))")
    page.reload()
    page.get_by_text("Hi! I'm the Express Entry assistant.").wait_for(timeout=15000)
    second_id = stored_id(page)
    assert second_id and second_id != first_id
    assert scripted_site.received[-1] == (second_id, "/greet")
    # Within the limit the same browser keeps its conversation.
    page.reload()
    page.get_by_text("Hi! I'm the Express Entry assistant.").wait_for(timeout=15000)
    assert stored_id(page) == second_id


def test_shared_computer_end_session_forgets_the_chat(scripted_site, page):
    open_chat(page, scripted_site)
    say(page, "31")
    page.get_by_text("Your highest education?").wait_for(timeout=10000)
    first_id = stored_id(page)
    page.locator("#end-session").click()
    page.wait_for_function("id => localStorage.getItem('ee-chat-id') && localStorage.getItem('ee-chat-id') !== id",
                           arg=first_id, timeout=15000)
    page.get_by_text("Hi! I'm the Express Entry assistant.").wait_for(timeout=15000)
    assert page.get_by_text("Your highest education?").count() == 0  # the transcript is gone
    assert scripted_site.received[-1] == (stored_id(page), "/greet")
    # the server refuses the old id from now on: a copy of it reads nothing
    r = requests.post(scripted_site.url + "/webhooks/rest/webhook", json={"sender": first_id, "message": "hi"},
                      timeout=10)
    assert r.status_code == 403 and r.json()["reason"] == "ended"


def test_a_button_clicked_the_moment_it_appears_is_not_lost(scripted_site, page):
    """The real-bot browser test failed when a button was clicked right after its message
    rendered: the click must count even before anything else happened on the page."""
    open_chat(page, scripted_site)
    page.evaluate("""() => {
        const root = document.getElementById('chat').shadowRoot;
        new MutationObserver((records, observer) => {
            for (const r of records) for (const n of r.addedNodes) {
                const b = n.querySelector && (n.matches && n.matches('button.ee-button') ? n
                          : n.querySelector("button.ee-button[data-payload^='/inform']"));
                if (b) { observer.disconnect(); b.click(); return; }
            }
        }).observe(root, {childList: true, subtree: true});
    }""")
    say(page, "31")
    page.locator(".ee-card").wait_for(timeout=15000)
    assert [t for _, t in scripted_site.received][-1] == '/inform{"education":"masters"}'


def test_an_faq_answer_ends_with_a_titled_link(scripted_site, page):
    open_chat(page, scripted_site)
    say(page, "faq?")
    link = page.get_by_role("link", name="IRCC: Canadian Experience Class")
    link.wait_for(timeout=10000)
    assert link.get_attribute("href").startswith("https://www.canada.ca/")
    bubble = link.evaluate("a => a.closest('.message-bubble').innerText")
    assert bubble.rstrip().endswith("Official page: IRCC: Canadian Experience Class") and "://" not in bubble
    assert link.get_attribute("target") == "_blank"  # the chat stays open
