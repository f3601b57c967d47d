"""Entering a report: start a draft from last year's report, edit it section by section (saved
versions, autosave, conflicts kept), upload a file instead, check it, submit it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Response, abort, redirect, request, url_for
from werkzeug.exceptions import BadRequest

from lawgraph.drafts import EDITABLE, META, Report, SaveResult, SectionState
from lawgraph.refdata import reference_index
from lawgraph.reports.parse import BLOCK_KINDS, split_heading
from lawgraph.reports.template import match_heading, section_provisions
from webapp.auth import login_required
from webapp.pages import json_response, respond
from webapp.workflow import access
from webapp.workflow.blueprint import bp, drafts, setting
from webapp.workflow.checks import Problem
from webapp.workflow.diffs import section_text
from webapp.workflow.forms import (
    EDITABLE_META,
    STATUS_CHOICES,
    TYPE_CHOICES,
    content_from_form,
    form_rows,
)
from webapp.workflow.lookup import KINDS, lookup
from webapp.workflow.model import (
    assembled,
    find_report,
    problems,
    section_summary,
    source_name,
    wants_json,
)
from webapp.workflow.origin import find_origin, first_sections, next_year
from webapp.workflow.sections import FIELDS, empty_section, section_title

STATE_TEXT = {
    "draft": "being written by the expert",
    "submitted": "submitted, waiting for a reviewer",
    "returned": "returned to the expert with comments",
    "approved": "approved: in the graph",
}


def _report_record(report: Report) -> dict[str, Any]:
    return {
        "country": report.country,
        "year": report.year,
        "state": report.state,
        "state_text": STATE_TEXT[report.state],
        "owner": report.owner,
        "origin": report.origin,
        "created_at": report.created_at,
        "href": url_for("workflow.overview", code=report.country, year=report.year),
    }


def _year_form() -> int:
    raw = request.form.get("year", "").strip()
    if not raw.isdigit() or not 2000 <= int(raw) <= dt.date.today().year + 1:
        raise BadRequest(f"the reporting year must be a year such as 2025, not {raw[:20]!r}")
    return int(raw)


# --- the list of reports and starting one ---------------------------------------------------
@bp.get("/")
@login_required
def index():
    user = access.user()
    if user.role == "expert" and user.country:
        reports = drafts().reports(user.country)
        country = access.country_or_404(user.country)
        start = {
            "country": country.eu_code,
            "name": country.name,
            "year": next_year(drafts(), country),
        }
    elif user.role in access.REVIEW_ROLES:
        reports, start = drafts().reports(), None
    else:
        abort(403, "Drafts of country reports are for experts and reviewers only.")
    waiting = [r for r in reports if r.state == "submitted"]
    data = {
        "title": "Country reports in progress",
        "start": start,
        "reports": [_report_record(r) for r in reports],
        "waiting": [_report_record(r) for r in waiting],
    }
    return respond(data, "workflow/index.html")


@bp.post("/<code>/start")
@login_required
def start(code: str):
    country = access.country_or_404(code)
    user = access.require_writer(country)
    year = _year_form()
    if drafts().report(country.eu_code, year) is None:
        origin = find_origin(drafts(), country, year)
        sections = first_sections(origin, country, year, user.name or user.username)
        drafts().start(country.eu_code, year, user.username, origin.label, sections)
    return redirect(url_for("workflow.overview", code=country.eu_code, year=year), code=303)


# --- the overview -----------------------------------------------------------------------------
@bp.get("/<code>/<int:year>")
@login_required
def overview(code: str, year: int):
    country = access.country_or_404(code)
    user = access.require_reader(country)
    report = find_report(country, year)
    sections = drafts().sections(report)
    found = problems(report, sections)
    comments = drafts().comments(report)
    data = {
        "title": f"{country.name} {year}: country report",
        "report": _report_record(report),
        "country": country.name,
        "may_write": report.editable and access.can_write_country(user, country.eu_code),
        "sections": [section_summary(s, found) for s in sections],
        "problems": [p.record() for p in found],
        "errors": sum(p.severity == "error" for p in found),
        "events": [
            {"kind": e.kind, "actor": e.actor, "at": e.at, "note": e.note}
            for e in drafts().events(report)
        ],
        "comments": [_comment_record(c) for c in comments],
    }
    return respond(data, "workflow/overview.html")


def _comment_record(comment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "section": comment.section,
        "author": comment.author,
        "at": comment.at,
        "text": comment.text,
        "returned": comment.event is not None,
    }


# --- one section -----------------------------------------------------------------------------
def _section_or_404(report: Report, section_id: str) -> SectionState:
    for state in drafts().sections(report):
        if state.id == section_id:
            return state
    abort(404, f"the {report.year} report has no section {section_id[:40]!r}")


def _field_problems(found: list[Problem], section_id: str) -> dict[str, list[dict[str, Any]]]:
    by_anchor: dict[str, list[dict[str, Any]]] = {}
    for problem in found:
        if problem.section == section_id:
            by_anchor.setdefault(problem.anchor, []).append(problem.record())
    return by_anchor


def _template_key(content: dict[str, Any]) -> str | None:
    if content.get("kind") != "section":
        return None
    parts = split_heading(str(content.get("heading") or ""))
    return match_heading(parts.text, parts.number)[0]


def _section_data(
    report: Report,
    state: SectionState,
    content: dict[str, Any],
    found: list[Problem],
    may_write: bool,
) -> dict[str, Any]:
    key = _template_key(content)
    directives = reference_index().directives
    provisions = (
        [
            f"{directives[celex].short} Art {path}"
            for celex, path in section_provisions(key)
            if celex in directives
        ]
        if key
        else []
    )
    elsewhere = [p for p in found if p.section != state.id and p.severity == "error"]
    return {
        "title": f"{section_title(content)} · {report.country} {report.year}",
        "report": _report_record(report),
        "section": state.id,
        "kind": content.get("kind"),
        "status": state.status,
        "base": state.head.id,
        "head_author": state.head.author,
        "head_at": state.head.created_at,
        "content": content,
        "carried": section_text(state.id, state.carried) if state.carried is not None else None,
        "rows": {kind: form_rows(content, kind) for kind in BLOCK_KINDS},
        "problems": _field_problems(found, state.id),
        "problem_list": [p.record() for p in found if p.section == state.id],
        "errors_elsewhere": len(elsewhere),
        "may_write": may_write,
        "kept_aside": [v.record() for v in state.pending],
        "provisions": provisions,
        "autosave_seconds": setting("WORKFLOW_AUTOSAVE_SECONDS"),
        "comments": [
            _comment_record(c)
            for c in drafts().comments(report)
            if c.section == state.id and c.event is not None  # sent back with a return
        ],
    }


def _render_section(
    report: Report,
    state: SectionState,
    content: dict[str, Any] | None = None,
    status: int = 200,
    extra: dict[str, Any] | None = None,
) -> Response:
    sections = drafts().sections(report)
    found = problems(report, sections)
    user = access.user()
    may_write = report.editable and access.can_write_country(user, report.country)
    data = _section_data(report, state, content or state.head.content, found, may_write)
    data.update(extra or {})
    response = respond(data, "workflow/section.html", extra=_choices())
    response.status_code = status
    return response


def _choices() -> dict[str, Any]:
    return {
        "STATUS_CHOICES": STATUS_CHOICES,
        "TYPE_CHOICES": TYPE_CHOICES,
        "FIELDS": FIELDS,
        "BLOCK_KINDS": BLOCK_KINDS,
        "EDITABLE_META": EDITABLE_META,
        "LOOKUPS": {
            "provision": "provision",
            "national": "national",
            "case": "ruling",
            "ecli": "ecli",
        },
    }


@bp.get("/<code>/<int:year>/section/<section_id>")
@login_required
def section(code: str, year: int, section_id: str):
    country = access.country_or_404(code)
    access.require_reader(country)
    report = find_report(country, year)
    return _render_section(report, _section_or_404(report, section_id))


def _base() -> int | None:
    raw = request.form.get("base", "").strip()
    if not raw.isdigit():
        raise BadRequest(
            "the form does not say which version it was based on (field base); reload the page"
        )
    return int(raw)


def _answer_save(
    report: Report, state: SectionState, content: dict[str, Any], result: SaveResult
) -> Response:
    record = {
        "status": result.status,
        "version": result.version.id,
        "head": result.head.id,
        "saved_at": result.version.created_at,
        "author": result.head.author,
    }
    if result.applied:
        if wants_json():
            return json_response(record)
        merged = {"merged": 1} if result.status == "merged" else {}
        return redirect(
            url_for(
                "workflow.section",
                code=report.country,
                year=report.year,
                section_id=state.id,
                saved=result.version.id,
                **merged,
            )
            + "#saved",
            code=303,
        )
    if result.status == "late":
        message = (
            f"The report is {report.state}; it cannot be changed now. Your text was kept "
            f"as version {result.version.id} and is listed under this section."
        )
    else:
        message = (
            f"{result.head.author} saved this section (version {result.head.id}) after you "
            f"opened it. Both texts are kept: theirs is the section's text now; yours is "
            f"version {result.version.id}. Compare them, then save the text you want."
        )
    theirs = section_text(state.id, result.head.content)
    mine = section_text(state.id, content)
    if wants_json():
        return json_response(
            {**record, "message": message, "theirs": theirs, "mine": mine}, status=409
        )
    return _render_section(
        report,
        _section_or_404(report, state.id),
        content,
        409,
        {
            "conflict": {
                "message": message,
                "theirs": theirs,
                "mine": mine,
                "theirs_author": result.head.author,
                "mine_version": result.version.id,
                "late": result.status == "late",
            }
        },
    )


@bp.post("/<code>/<int:year>/section/<section_id>")
@login_required
def save(code: str, year: int, section_id: str):
    country = access.country_or_404(code)
    user = access.require_writer(country)
    report = find_report(country, year)
    state = _section_or_404(report, section_id)
    base = _base()
    action = request.form.get("action", "save")
    current = state.head.content
    if base != state.head.id:  # edited on an older version: read the form against that one
        current = drafts().version(report, base).content if base else current
    content = content_from_form(request.form, current)
    if action == "remove" and state.id != META:
        content = {**current, "removed": True}
    elif action == "restore" and state.id != META:
        content = {**current, "removed": False}
    kind = "autosave" if request.form.get("autosave") else "save"
    result = drafts().save(report, state.id, content, user.username, base=base, kind=kind)
    return _answer_save(report, state, content, result)


@bp.post("/<code>/<int:year>/section/<section_id>/add")
@login_required
def add_section(code: str, year: int, section_id: str):
    country = access.country_or_404(code)
    user = access.require_writer(country)
    report = find_report(country, year)
    _section_or_404(report, section_id)
    heading = " ".join(request.form.get("heading", "").split())[:500] or "New section"
    new_id = drafts().add_section(report, section_id, empty_section(heading, 2), user.username)
    return redirect(
        url_for("workflow.section", code=report.country, year=year, section_id=new_id), code=303
    )


@bp.get("/<code>/<int:year>/section/<section_id>/versions")
@login_required
def versions(code: str, year: int, section_id: str):
    country = access.country_or_404(code)
    access.require_reader(country)
    report = find_report(country, year)
    state = _section_or_404(report, section_id)
    shown = request.args.get("show", "")
    listed = drafts().versions(report, state.id)
    chosen = next((v for v in listed if str(v.id) == shown), None)
    data = {
        "title": f"Versions of {section_title(state.head.content)}",
        "report": _report_record(report),
        "section": state.id,
        "head": state.head.id,
        "versions": [v.record() for v in listed],
        "shown": None
        if chosen is None
        else {**chosen.record(), "text": section_text(state.id, chosen.content)},
        "may_write": report.editable and access.can_write_country(access.user(), country.eu_code),
    }
    return respond(data, "workflow/versions.html")


@bp.post("/<code>/<int:year>/section/<section_id>/versions/<int:version_id>/restore")
@login_required
def restore(code: str, year: int, section_id: str, version_id: int):
    """Make an earlier version (or a text kept aside) the section's text again, as a new save."""
    country = access.country_or_404(code)
    user = access.require_writer(country)
    report = find_report(country, year)
    state = _section_or_404(report, section_id)
    old = drafts().version(report, version_id)
    if old.section != state.id:
        abort(404, f"version {version_id} is not a version of this section")
    result = drafts().save(
        report, state.id, old.content, user.username, base=_base(), kind="resolve"
    )
    return _answer_save(report, state, old.content, result)


# --- the whole text, checks, submission ------------------------------------------------------
@bp.get("/<code>/<int:year>/report.md")
@login_required
def markdown(code: str, year: int):
    country = access.country_or_404(code)
    access.require_reader(country)
    report = find_report(country, year)
    response = Response(assembled(report).text, mimetype="text/plain")
    response.headers["Content-Disposition"] = f'inline; filename="{source_name(report)}"'
    return response


def _check_data(report: Report, found: list[Problem]) -> dict[str, Any]:
    titles = {s.id: section_title(s.head.content) for s in drafts().sections(report)}
    return {
        "title": f"Check of {report.country} {report.year}",
        "report": _report_record(report),
        "problems": [
            {**p.record(), "section_title": titles.get(p.section or "", "")} for p in found
        ],
        "errors": sum(p.severity == "error" for p in found),
        "warnings": sum(p.severity == "warning" for p in found),
    }


@bp.get("/<code>/<int:year>/check")
@login_required
def check(code: str, year: int):
    """Everything the report pipeline and the SHACL shapes find (a few seconds)."""
    country = access.country_or_404(code)
    access.require_reader(country)
    report = find_report(country, year)
    found = problems(report, drafts().sections(report), shacl=True)
    return respond(_check_data(report, found), "workflow/check.html")


@bp.post("/<code>/<int:year>/submit")
@login_required
def submit(code: str, year: int):
    country = access.country_or_404(code)
    user = access.require_writer(country)
    report = find_report(country, year)
    if report.state not in EDITABLE:
        abort(409, f"the report is {report.state}: it cannot be submitted again now")
    snapshot = drafts().snapshot(report)
    sections = drafts().sections(report)
    found = problems(report, sections, shacl=True)
    if any(p.severity == "error" for p in found):
        response = respond({**_check_data(report, found), "refused": True}, "workflow/check.html")
        response.status_code = 422
        return response
    drafts().submit(report, user.username, snapshot)
    return redirect(url_for("workflow.overview", code=report.country, year=year), code=303)


# --- look-up ---------------------------------------------------------------------------------
@bp.get("/lookup")
@login_required
def lookup_view():
    kind = request.args.get("kind", "provision")
    if kind not in KINDS:
        raise BadRequest(f"kind must be one of {', '.join(KINDS)}")
    code = request.args.get("country", "").strip()
    country = access.country_or_404(code) if code else None
    results = lookup(kind, request.args.get("q", ""), country)
    return json_response({"kind": kind, "q": request.args.get("q", "")[:120], "results": results})
