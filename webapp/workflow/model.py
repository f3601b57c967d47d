"""What the workflow pages share: finding the report, its text, its problems, its people."""

from __future__ import annotations

from typing import Any

from flask import abort, request

from lawgraph.drafts import META, Event, Report, SectionState, Snapshot
from lawgraph.refdata import Country
from webapp.auth import User, users_db
from webapp.negotiate import best, parse_accept
from webapp.workflow.blueprint import drafts
from webapp.workflow.checks import Problem, report_problems, row_problems
from webapp.workflow.sections import Assembled, assemble, section_title

__all__ = [
    "account",
    "assembled",
    "authors",
    "find_report",
    "last_event",
    "problems",
    "source_name",
    "wants_json",
]


def find_report(country: Country, year: int) -> Report:
    report = drafts().report(country.eu_code, year)
    if report is None:
        abort(404, f"there is no draft of {country.name}'s {year} report yet")
    return report


def source_name(report: Report) -> str:
    return f"{report.country.lower()}-{report.year}.md"


def assembled(report: Report, snapshot: Snapshot | None = None) -> Assembled:
    return assemble(drafts().contents(report, snapshot or drafts().snapshot(report)))


def problems(report: Report, sections: list[SectionState], *, shacl: bool = False) -> list[Problem]:
    """Row checks of every section and the report pipeline on the assembled text, without
    repeating the same message for the same field."""
    found: list[Problem] = []
    for state in sections:
        found += row_problems(state.id, state.head.content)
    text = assemble([(s.id, s.head.content) for s in sections])
    found += report_problems(text, source_name(report), shacl=shacl)
    seen, out = set(), []
    for problem in found:
        key = (problem.section, problem.part, problem.row, problem.field, problem.message)
        if key not in seen:
            seen.add(key)
            out.append(problem)
    return out


def authors(report: Report) -> set[str]:
    return {v.author for v in drafts().versions(report) if v.accepted}


def last_event(report: Report, kind: str, before: int | None = None) -> Event | None:
    events = [
        e for e in drafts().events(report) if e.kind == kind and (before is None or e.id < before)
    ]
    return events[-1] if events else None


def account(username: str, country: str | None = None) -> User:
    """The account of ``username``; a stand-in with the username as name if it is gone."""
    found = users_db().get(username)
    return found or User(0, username, username, "expert", country, False)


def wants_json() -> bool:
    if request.args.get("format") == "json":
        return True
    ranges = parse_accept(request.headers.get("Accept"))
    return bool(ranges) and best(["text/html", "application/json"], ranges) == "application/json"


def section_summary(state: SectionState, found: list[Problem]) -> dict[str, Any]:
    mine = [p for p in found if p.section == state.id]
    return {
        "id": state.id,
        "title": section_title(state.head.content),
        "level": state.head.content.get("level", 0),
        # the metadata is filled in for the new year when the draft starts
        "status": "prefilled" if state.id == META and state.status == "unchanged" else state.status,
        "version": state.head.id,
        "edited_by": state.head.author,
        "edited_at": state.head.created_at,
        "kept_aside": len(state.pending),
        "errors": sum(p.severity == "error" for p in mine),
        "warnings": sum(p.severity == "warning" for p in mine),
    }
