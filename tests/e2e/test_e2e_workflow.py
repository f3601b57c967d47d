"""In a real browser: an expert starts this year's report from last year's, edits a section,
saves, sees a validation problem next to the field, fixes it (with the look-up) and submits; a
reviewer approves; the dashboard shows the new report. And two people editing the same section
at once: the second save shows the conflict and both texts survive."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from test_webapp_support import LiveServer
from test_workflow_support import PASSWORD, accounts_db, make_workflow_app, store_template

__all__ = ["accounts_db", "store_template"]  # session fixtures, under the names tests ask for

ACCOMMODATION = "2.6 Reasonable accommodation duties"


@pytest.fixture
def site(tmp_path: Path, store_template: Path, accounts_db: Path) -> Iterator[str]:
    """A fresh app (its own store, accounts, drafts) served on 127.0.0.1; autosave every 2 s."""
    from webapp import close_app

    app = make_workflow_app(
        tmp_path,
        store_template,
        accounts_db,
        SESSION_COOKIE_SECURE=False,
        WORKFLOW_AUTOSAVE_SECONDS=2,
    )
    with LiveServer(app) as server:
        yield server.url
    close_app(app)


def _person(browser: Browser, site: str, username: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=site)
    page = context.new_page()
    page.goto("/login")
    page.fill("#login-username", username)
    page.fill("#login-password", PASSWORD)
    with page.expect_navigation():
        page.click("button:has-text('Log in')")
    return context, page


def _open_section(page: Page, title: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(re.escape(title))).first.click()
    expect(page.locator("h1")).to_contain_text(title)


def test_full_cycle_from_last_years_report_to_the_dashboard(browser, site, artifacts):
    expert_context, expert = _person(browser, site, "anna")
    reviewer_context, reviewer = _person(browser, site, "rita")
    try:
        expert.goto("/workflow/")
        with expert.expect_navigation():
            expert.click('button:has-text("Start from last year\'s report")')
        expect(expert.locator("h1")).to_contain_text("Germany 2025")
        expect(expert.locator("table.wf-sections")).to_contain_text("unchanged since last year")
        _open_section(expert, ACCOMMODATION)

        # an edit in the text is autosaved
        expert.fill(
            "#prose", "In 2024 the AGG still lays down no duty of reasonable accommodation."
        )
        expect(expert.locator("#save-status")).to_contain_text("Saved at", timeout=10_000)

        # a wrong provision: saved, and the problem is shown next to the field
        expert.fill("#assessment-0-provision", "2000/78 Art 99")
        with expert.expect_navigation():
            expert.click("button[value=save]")
        problem = expert.locator("#assessment-0-provision-problem1")
        expect(problem).to_contain_text("does not exist")
        expect(expert.locator("#assessment-0-provision")).to_have_attribute("aria-invalid", "true")
        expert.screenshot(path=str(artifacts / "workflow-problem.png"), full_page=True)

        # fixed with the help of the look-up
        field = expert.locator("#assessment-0-provision")
        field.fill("")
        field.press_sequentially("Art 5 EED", delay=30)
        expect(expert.locator("#assessment-0-provision-list option").first).to_have_attribute(
            "value", "2000/78 Art 5", timeout=10_000
        )
        field.fill("2000/78 Art 5")
        expert.select_option("#assessment-0-status", "not transposed")
        with expert.expect_navigation():
            expert.click("button[value=save]")
        expect(expert.locator("#saved")).to_contain_text("Saved as version")
        expect(expert.locator("#assessment-0-provision-problem1")).to_have_count(0)

        # submitted
        with expert.expect_navigation():
            expert.click("a:has-text('All sections')")
        expect(expert.locator("table.wf-sections")).to_contain_text("edited")
        with expert.expect_navigation(timeout=60_000):
            expert.click("button:has-text('Submit for review')")
        expect(expert.locator(".lead")).to_contain_text("submitted")
        expert.screenshot(path=str(artifacts / "workflow-overview.png"), full_page=True)

        # approved by the reviewer
        reviewer.goto("/workflow/")
        with reviewer.expect_navigation():
            reviewer.click("a:has-text('DE 2025')")
        expect(reviewer.locator("h1")).to_contain_text("Review")
        expect(reviewer.locator(".wf-d-add").first).to_be_visible()
        reviewer.screenshot(path=str(artifacts / "workflow-review.png"), full_page=True)
        with reviewer.expect_navigation(timeout=60_000):
            reviewer.click("button:has-text('Approve and publish')")
        expect(reviewer.locator(".lead")).to_contain_text("approved")

        # the dashboard shows the new report, with the edited status
        reviewer.goto("/")
        expect(reviewer.locator("h1")).to_contain_text("2025")
        cell = reviewer.locator('td.cell:has(a[href="/assessment/DE/2025/32000L0078/art_5"])')
        expect(cell).to_have_class(re.compile("st-not-transposed"))
        reviewer.screenshot(path=str(artifacts / "workflow-dashboard.png"), full_page=True)
    finally:
        expert_context.close()
        reviewer_context.close()


def test_two_people_editing_one_section(browser, site, artifacts):
    anna_context, anna = _person(browser, site, "anna")
    bert_context, bert = _person(browser, site, "bert")
    try:
        anna.goto("/workflow/")
        with anna.expect_navigation():
            anna.click('button:has-text("Start from last year\'s report")')
        _open_section(anna, ACCOMMODATION)
        section_url = anna.url
        bert.goto(section_url)
        expect(bert.locator("h1")).to_contain_text(ACCOMMODATION)

        anna.fill("#prose", "Anna's version of the text.")
        with anna.expect_navigation():
            anna.click("button[value=save]")
        expect(anna.locator("#saved")).to_be_visible()

        # Bert still sees the old text; his autosave meets Anna's newer version
        bert.fill("#prose", "Bert's version of the text.")
        bert.locator("#heading").focus()  # leaving the field saves
        panel = bert.locator("#wf-live-conflict")
        expect(panel).to_be_visible(timeout=10_000)
        expect(panel.locator(".wf-theirs")).to_contain_text("Anna's version of the text.")
        expect(panel.locator(".wf-mine")).to_contain_text("Bert's version of the text.")
        expect(bert.locator("#save-status")).to_contain_text("both texts are kept")
        bert.screenshot(path=str(artifacts / "workflow-conflict.png"), full_page=True)

        # both texts survive: Anna's is the section's text, Bert's a version kept aside
        anna.goto(section_url)
        expect(anna.locator("#prose")).to_have_value("Anna's version of the text.")
        with anna.expect_navigation():
            anna.click(".notice a:has-text('by bert')")  # the text kept aside
        expect(anna.locator("pre.wf-text")).to_contain_text("Bert's version of the text.")

        # Bert keeps his text after all: saved over Anna's, on her version
        with bert.expect_navigation():
            panel.locator("button").click()
        expect(bert.locator("#prose")).to_have_value("Bert's version of the text.")
        versions = bert.request.get(section_url + "/versions?format=json").json()["versions"]
        texts = [v["kind"] for v in versions]
        assert texts[:3] == ["save", "conflict", "save"], texts
    finally:
        anna_context.close()
        bert_context.close()
