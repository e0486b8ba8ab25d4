"""The result card on the web page, in headless Chromium at phone (390 px) and desktop (1280 px) width, after a
whole conversation with the scripted bot (whose result turn is action_assess's own replies): layout, legibility,
keyboard use and an axe-core scan. Screenshots: test-output/web-result-card-<width>[-open].png."""
import pytest

from tests.web.conftest import ROOT, screenshot
from tests.web.test_page import finish_conversation

AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
ROOT_JS = "document.getElementById('chat').shadowRoot"
# Every element with its own text in the card, with its computed font size (SVG text included).
SMALL_TEXT_JS = f"""() => {{
  const card = {ROOT_JS}.querySelector('.ee-card');
  const small = [];
  for (const el of card.querySelectorAll('*')) {{
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 12) small.push([el.tagName, size, el.textContent.trim().slice(0, 40)]);
  }}
  return small;
}}"""


def card_of(site):
    """The structured result the scripted bot sent (what the card must show)."""
    from tests.web.conftest import result_replies

    return next(r["custom"] for r in result_replies() if r.get("custom", {}).get("type") == "crs_result")


@pytest.fixture(params=[390, 1280], ids=["phone", "desktop"])
def sized_page(request, browser):
    # axe-core is injected as a script: the page's Content-Security-Policy (scripts from the server only) would
    # refuse it, so the scan's browser context bypasses it (the other tests keep it).
    bypass_csp = request.node.get_closest_marker("inject_scripts") is not None
    context = browser.new_context(viewport={"width": request.param, "height": 844}, device_scale_factor=1,
                                  bypass_csp=bypass_csp)
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.width = request.param
    yield pg
    context.close()


def test_the_result_is_one_card_that_fits_and_stays_legible(scripted_site, sized_page):
    page, width = sized_page, sized_page.width
    finish_conversation(page, scripted_site)
    card = card_of(scripted_site)
    shown = page.locator(".ee-card")
    # One card instead of the result's text bubbles and the bitmap chart.
    assert shown.count() == 1
    assert page.get_by_text("Your estimated CRS score is").count() == 0
    assert page.locator("img[src*='chart.png']").count() == 0
    assert page.locator(".ee-score").inner_text().startswith(str(card["score"]))
    assert str(card["ruleset"][:4]) in shown.inner_text()
    # A change in force that the rules applied leave out is said next to the score, not only in a section.
    assert page.locator(".ee-warn").count() == (1 if card["not_included"] else 0)
    for c in card["not_included"]:
        assert c["title"] in page.locator(".ee-headline").inner_text()
    assert page.locator(".ee-elig").first.locator("li").count() == 3
    assert page.locator(".ee-list").first.locator("li").count() == min(3, len(card["suggestions"]))
    for r in card["cutoffs"]:
        assert str(r["cutoff"]) in page.locator(".ee-cuts").inner_text()
    shown.scroll_into_view_if_needed()
    screenshot_path = screenshot(page, f"web-result-card-{width}.png")
    assert screenshot_path.stat().st_size > 10_000
    # No horizontal scroll; the collapsed card fits one screen.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    box = shown.bounding_box()
    assert box["height"] <= 844 - 60, box  # the page's header bar stays visible above it
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.evaluate(SMALL_TEXT_JS) == []

    # Keyboard: every section opens with Enter on its summary; links have titles, not URLs.
    summaries = page.locator(".ee-more summary")
    assert summaries.count() == 4
    for i in range(4):
        summaries.nth(i).focus()
        page.keyboard.press("Enter")
    assert page.locator(".ee-more[open]").count() == 4
    links = page.locator(".ee-sources a")
    assert links.count() == len(card["sources"])
    for i in range(links.count()):
        assert links.nth(i).inner_text() == card["sources"][i]["title"]
        assert "://" not in links.nth(i).inner_text()
        assert links.nth(i).get_attribute("href") == card["sources"][i]["url"]
    # The chart: an SVG as wide as the card, with a text alternative; its text as large as the rest.
    chart = page.locator("svg.ee-chart")
    assert chart.get_attribute("role") == "img" and f"Your CRS score {card['score']}" in chart.get_attribute("aria-label")
    cbox = chart.bounding_box()
    assert cbox["width"] >= box["width"] - 40 and cbox["x"] + cbox["width"] <= width
    for r in card["chart"]["cutoffs"]:
        assert str(r["cutoff"]) in chart.text_content()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    assert page.evaluate(SMALL_TEXT_JS) == []
    # SVG text is not squeezed: no label runs past the chart's right edge.
    overflow = page.evaluate(f"""() => {{
        const svg = {ROOT_JS}.querySelector('svg.ee-chart'); const right = svg.getBoundingClientRect().right;
        return [...svg.querySelectorAll('text')].filter(t => t.getBoundingClientRect().right > right + 1)
            .map(t => t.textContent); }}""")
    assert overflow == []
    # The open card, whole, for review: a viewport tall enough to hold it.
    page.set_viewport_size({"width": width, "height": int(shown.bounding_box()["height"]) + 400})
    shown.scroll_into_view_if_needed()
    shown.screenshot(path=str(screenshot_path.with_name(f"web-result-card-{width}-open.png")))
    assert page.console_errors == []


@pytest.mark.inject_scripts
def test_accessibility_scan_after_a_whole_conversation(scripted_site, sized_page):
    """axe-core (npm, web/node_modules) in the same browser: no serious or critical violation, sections open."""
    page = sized_page
    finish_conversation(page, scripted_site)
    for s in page.locator(".ee-more summary").all():
        s.click()
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => { const r = await axe.run(document, {resultTypes: ['violations']});"
                           " return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                           " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)})); }")
    bad = [v for v in result if v["impact"] in ("serious", "critical")]
    assert bad == [], bad
    # Screen readers announce new messages: the message list is a polite live region.
    live = page.evaluate(f"() => {{ const m = {ROOT_JS}.querySelector('[aria-live]');"
                         " return m && [m.getAttribute('aria-live'), m.getAttribute('role'), m.querySelectorAll('.ee-card').length]; }")
    assert live == ["polite", "log", 1]


def test_the_fullest_collapsed_card_still_fits_a_phone_screen(scripted_site, page):
    """A re-assessment (the change shown) with three cut-offs next to the score, at 390 x 844."""
    from tests.web.test_page import open_chat, say

    open_chat(page, scripted_site)
    say(page, "fullest result?")
    shown = page.locator(".ee-card")
    shown.wait_for(timeout=30000)
    assert page.locator(".ee-cuts li").count() == 3
    assert "(was " in page.locator(".ee-score").inner_text()
    shown.scroll_into_view_if_needed()
    screenshot(page, "web-result-card-390-fullest.png")
    assert shown.bounding_box()["height"] <= 844 - 60
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert page.evaluate(SMALL_TEXT_JS) == []


def test_a_french_conversation_s_card_reads_in_french(scripted_site, page):
    """The card of a French conversation, drawn by the page: every section open, its text, its chart's and bar's
    text alternatives in French (the payload's words), with the figures of the English card."""
    import re

    from tests.channels.conftest import result_replies
    from tests.web.test_page import open_chat, say

    open_chat(page, scripted_site)
    say(page, "résultat en français?")
    shown = page.locator(".ee-card")
    shown.wait_for(timeout=30000)
    for s in page.locator(".ee-more summary").all():
        s.click()
    text = shown.inner_text()
    labels = " ".join(page.evaluate(f"() => [...{ROOT_JS}.querySelectorAll('.ee-card [aria-label], .ee-card [title]')]"
                                    ".map(e => (e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('title') || ''))"))
    english = re.compile(r"\b(the|you|your|and|with|score is|reaches|below it|Full explanation|Eligibility|Latest)\b")
    assert english.findall(text) == [] and english.findall(labels) == [], (english.findall(text), labels)
    card = next(r["custom"] for r in result_replies(language="fr") if r.get("custom"))
    assert card["language"] == "fr" and card["words"]["full_explanation"] in text
    assert page.locator(".ee-score").inner_text().startswith(str(card_of(scripted_site)["score"]))
    screenshot(page, "web-result-card-fr.png")
