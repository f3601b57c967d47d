"""In a real browser: from the gap matrix to the evidence to the ruling, with and without
JavaScript; screenshots of the dashboard and a country page for review."""

from __future__ import annotations

import re

from playwright.sync_api import expect

RED_CELLS = "td.cell.st-not-transposed a, td.cell.st-incorrect a"


def test_dashboard_to_evidence_to_ruling(page, artifacts):
    page.goto("/")
    expect(page.locator("h1")).to_contain_text("Transposition gaps")
    expect(page.locator("table.matrix")).to_be_visible()
    page.screenshot(path=str(artifacts / "dashboard.png"), full_page=True)

    with page.expect_navigation():  # app.js applies a filter as soon as it is chosen
        page.select_option("#f-directive", label="2000/78/EC – Employment Equality Directive")
    assert "directive=2000%2F78" in page.url or "directive=2000/78" in page.url
    headers = page.locator("th.dir-head").all_inner_texts()
    assert [h.strip() for h in headers] == ["2000/78"]

    cells = [a.get_attribute("href") for a in page.locator(RED_CELLS).all()]
    assert cells, "no gap (red) cell for Directive 2000/78/EC"
    ruling_found = False
    for href in cells:
        with page.expect_navigation():
            page.locator(f'td.cell a[href="{href}"]').first.click()
        expect(page.locator("ol.reasons").first).to_be_visible()
        rulings = page.locator("a.ruling-link")
        if rulings.count():
            ruling_found = True
            break
        page.go_back()
    assert ruling_found, "no gap cell of 2000/78 had a ruling among its evidence"
    page.screenshot(path=str(artifacts / "evidence.png"), full_page=True)
    case = rulings.first.inner_text()
    with page.expect_navigation():
        rulings.first.click()
    expect(page.locator("h1")).to_contain_text(re.sub(r"\s+", " ", case).split(" ")[0])
    expect(page.locator("dl.facts")).to_contain_text("ECLI")
    page.screenshot(path=str(artifacts / "ruling.png"), full_page=True)


def test_filters_work_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    try:
        page.goto("/")
        page.select_option("#f-directive", label="2000/43/EC – Racial Equality Directive")
        page.check("input[name=level][value=paragraph]")
        with page.expect_navigation():
            page.click("button:has-text('Apply filters')")
        assert "level=paragraph" in page.url
        headers = [h.strip() for h in page.locator("th.dir-head").all_inner_texts()]
        assert headers == ["2000/43"]
        assert page.locator("th.prov-head").filter(has_text=re.compile(r"\(\d")).count() > 0
    finally:
        context.close()


def test_country_page(page, artifacts):
    page.goto("/country/DE")
    expect(page.locator("h1")).to_contain_text("Germany")
    expect(page.get_by_role("heading", name=re.compile("Assessments"))).to_be_visible()
    expect(page.locator("table.coverage")).to_be_visible()
    page.screenshot(path=str(artifacts / "country-DE.png"))
    page.screenshot(path=str(artifacts / "country-DE-full.png"), full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=str(artifacts / "country-DE-print.png"))


def test_keyboard_users_start_at_the_skip_link(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_search_box(page):
    page.goto("/")
    page.fill("#header-q", "Art 8 RED")
    with page.expect_navigation(url="**/provision/32000L0043/art_8"):
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Article 8")
