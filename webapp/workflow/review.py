"""Reviewing a submitted report: what changed against last year's report and against the
previous submission, section by section; comments; returning it; approving it (which puts it
into the graph, see :mod:`webapp.workflow.publish`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Response, abort, redirect, request, url_for

from lawgraph.drafts import Event, Report
from lawgraph.vocab import slug
from webapp.auth import User, login_required
from webapp.pages import respond
from webapp.workflow import access
from webapp.workflow.blueprint import approved_dir, bp, drafts
from webapp.workflow.diffs import diff, section_text
from webapp.workflow.model import account, assembled, authors, find_report, last_event
from webapp.workflow.publish import ApprovalError, approve
from webapp.workflow.sections import section_title
from webapp.workflow.views import STATE_TEXT

MAX_COMMENT = 10_000


def _sections(report: Report, current: Event | None, previous: Event | None) -> list[dict]:
    store = drafts()
    states = {s.id: s for s in store.sections(report)}
    snapshot = current.snapshot if current else store.snapshot(report)
    before = dict(store.contents(report, previous.snapshot)) if previous else None
    comments: dict[str | None, list[dict[str, Any]]] = {}
    for comment in store.comments(report):
        comments.setdefault(comment.section, []).append(
            {
                "author": comment.author,
                "at": comment.at,
                "text": comment.text,
                "returned": comment.event is not None,
            }
        )
    out = []
    for section_id, content in store.contents(report, snapshot):
        state = states[section_id]
        text = section_text(section_id, content)
        last_year = diff(
            section_text(section_id, state.carried),
            text,
            before_name="last year's report",
            after_name="this submission",
        )
        since = (
            None
            if before is None
            else diff(
                section_text(section_id, before.get(section_id)),
                text,
                before_name="previous submission",
                after_name="this submission",
            )
        )
        status = "new" if state.carried is None else ("changed" if last_year else "unchanged")
        if content.get("removed"):
            status = "removed"
        out.append(
            {
                "id": section_id,
                "title": section_title(content),
                "status": status,
                "last_year": last_year,
                "since_previous": since,
                "comments": comments.get(section_id, []),
            }
        )
    return out


def _review_page(report: Report, error: str = "", status: int = 200) -> Response:
    user = access.user()
    current = last_event(report, "submitted")
    previous = last_event(report, "submitted", before=current.id) if current else None
    writers = authors(report)
    general = [c for c in drafts().comments(report) if c.section is None]
    data = {
        "title": f"Review of {report.country} {report.year}",
        "report": {
            "country": report.country,
            "year": report.year,
            "state": report.state,
            "state_text": STATE_TEXT[report.state],
            "owner": report.owner,
            "submitted_by": current.actor if current else None,
            "submitted_at": current.at if current else None,
            "href": url_for("workflow.overview", code=report.country, year=report.year),
        },
        "has_previous": previous is not None,
        "may_review": report.state == "submitted" and access.may_review(user, report, writers),
        "why_not": _why_not(user, report, writers),
        "sections": _sections(report, current, previous),
        "general_comments": [{"author": c.author, "at": c.at, "text": c.text} for c in general],
        "error": error,
    }
    response = respond(data, "workflow/review.html")
    response.status_code = status
    return response


def _why_not(user, report: Report, writers: set[str]) -> str:
    if report.state != "submitted":
        return f"The report is {STATE_TEXT[report.state]}."
    if user.role not in access.REVIEW_ROLES:
        return "Reviewers approve or return submitted reports."
    if not access.may_review(user, report, writers):
        return "You started, submitted or wrote part of this report: another reviewer decides."
    return ""


@bp.get("/<code>/<int:year>/review")
@login_required
def review(code: str, year: int):
    country = access.country_or_404(code)
    access.require_reader(country)
    return _review_page(find_report(country, year))


def _text(name: str, required: str) -> str:
    text = request.form.get(name, "").replace("\r\n", "\n").strip()[:MAX_COMMENT]
    if not text:
        abort(400, required)
    return text


@bp.post("/<code>/<int:year>/comments")
@login_required
def comment(code: str, year: int):
    country = access.country_or_404(code)
    report = find_report(country, year)
    user = access.require_reviewer(report, authors(report))
    section_id = request.form.get("section", "").strip() or None
    drafts().comment(report, section_id, user.username, _text("text", "the comment is empty"))
    anchor = f"#sec-{section_id}" if section_id else "#decision"
    return redirect(url_for("workflow.review", code=report.country, year=year) + anchor, code=303)


@bp.post("/<code>/<int:year>/return")
@login_required
def return_report(code: str, year: int):
    country = access.country_or_404(code)
    report = find_report(country, year)
    user = access.require_reviewer(report, authors(report))
    note = request.form.get("note", "").replace("\r\n", "\n").strip()[:MAX_COMMENT]
    has_comments = any(c.event is None for c in drafts().comments(report))
    if not note and not has_comments:
        abort(400, "Say what the expert should change: add a comment to a section or a note.")
    if note:
        drafts().comment(report, None, user.username, note)
    drafts().return_(report, user.username, note)
    return redirect(url_for("workflow.review", code=report.country, year=year), code=303)


def _as_stated(expert: User, report: Report, submitted: Event) -> User:
    """The expert under the name the report's header gives, when it is the same person's (the
    graph then has one name for one expert)."""
    meta = dict(drafts().contents(report, submitted.snapshot)).get("meta", {})
    stated = str(meta.get("fields", {}).get("expert", "")).strip()
    if stated and slug(stated) == slug(expert.name or expert.username):
        return replace(expert, name=stated)
    return expert


@bp.post("/<code>/<int:year>/approve")
@login_required
def approve_report(code: str, year: int):
    country = access.country_or_404(code)
    report = find_report(country, year)
    reviewer = access.require_reviewer(report, authors(report))
    submitted = last_event(report, "submitted")
    if report.state != "submitted" or submitted is None:
        abort(409, f"the report is {report.state}: only a submitted report can be approved")
    markdown = assembled(report, submitted.snapshot).text
    expert = _as_stated(account(submitted.actor, report.country), report, submitted)
    try:
        approve(drafts(), report, submitted, markdown, expert, reviewer, approved_dir())
    except ApprovalError as exc:
        return _review_page(report, str(exc), 422)
    return redirect(url_for("workflow.overview", code=report.country, year=year), code=303)
