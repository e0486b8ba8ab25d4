"""The web chat page in a real headless Chromium, against a scripted bot on Rasa's REST channel."""
import requests

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


def test_click_a_button_type_answers_see_the_score_and_the_chart(scripted_site, page):
    open_chat(page, scripted_site)
    page.get_by_role("button", name="Check my score").click()
    page.get_by_text("How old are you?").wait_for(timeout=10000)
    say(page, "31")
    page.get_by_text("Your highest education?").wait_for(timeout=10000)
    # A button title is text, not markup.
    page.get_by_role("button", name="Master's <b>degree</b>").click()
    score = page.get_by_text("Your CRS score is")
    score.wait_for(timeout=10000)
    assert "441" in score.inner_text()
    chart = page.locator("img[src*='chart.png']")
    chart.wait_for(timeout=15000)
    page.wait_for_function(
        "() => { const r = document.getElementById('chat').shadowRoot;"
        " const i = r.querySelector(\"img[src*='chart.png']\"); return i && i.complete && i.naturalWidth > 300; }",
        timeout=15000)
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
    for control in ("#show-data", "#delete-data"):
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
