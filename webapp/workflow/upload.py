"""Uploading a whole report (Markdown or Word) instead of typing it in the forms.

What is refused, with a message that says why, before anything is stored:

* a request larger than the upload limit (``WORKFLOW_UPLOAD_LIMIT``, 20 MB), by its
  ``Content-Length`` before a byte is read, and by the per-request ``max_content_length`` when
  a client sends no length or lies about it;
* a file whose name is not ``.md``/``.markdown``/``.docx``, or whose bytes are something else
  (magic bytes: a PDF or a ZIP called ``.md``, a text called ``.docx``);
* a Word file that is a ZIP bomb, damaged or not a Word document (the DOCX reader checks the
  archive before unpacking it);
* a report of another country or year.

The text is then cut into sections and each is saved like a form edit made on the draft as
the upload page showed it: sections someone changed since are merged or kept aside as
conflicts, never overwritten. HTML or script in the text stays text: pages escape it and
nothing renders a report as HTML.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from flask import Response, abort, request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

from lawgraph.drafts import EDITABLE, META, Report
from lawgraph.errors import InputError
from lawgraph.refdata import Country
from lawgraph.reports.parse import detect_content, parse_report
from lawgraph.sources import SourceFile
from webapp.auth import User, login_required
from webapp.pages import respond
from webapp.workflow import access
from webapp.workflow.blueprint import bp, drafts, setting
from webapp.workflow.origin import check_country_year, find_origin, first_sections
from webapp.workflow.sections import document_to_markdown, meta_content, split_markdown

__all__ = ["guard_size", "read_upload"]

SUFFIXES = {".md": "text", ".markdown": "text", ".docx": "zip"}
_KINDS = {
    "text": "a text file",
    "zip": "a ZIP archive",
    "pdf": "a PDF",
    "ole": "an old Word .doc",
    "binary": "a binary file",
    "empty": "empty",
}
#: room for the form's other fields around the file
_FORM_OVERHEAD = 64 * 1024


def _limit_text(limit: int) -> str:
    return f"{limit / 1e6:.0f} MB"


def guard_size() -> int:
    """Refuse an oversized request before reading it; returns the file limit."""
    limit = setting("WORKFLOW_UPLOAD_LIMIT")
    length = request.content_length
    if length is not None and length > limit + _FORM_OVERHEAD:
        raise RequestEntityTooLarge(
            f"The upload is {length / 1e6:,.0f} MB; a report may be at most {_limit_text(limit)}. "
            "Nothing was read or stored."
        )
    request.max_content_length = limit + _FORM_OVERHEAD
    return limit


def _display_name(raw: str) -> str:
    name = PureWindowsPath(PurePosixPath(raw or "").name).name
    name = re.sub(r"[\x00-\x1f<>\"]", "", name).strip()
    return name[:120] or "upload"


def read_upload(name: str, data: bytes, limit: int) -> str:
    """The report's Markdown from an uploaded file's bytes, or an :class:`InputError`."""
    suffix = PurePosixPath(name.lower()).suffix
    if suffix not in SUFFIXES:
        raise InputError(name, None, "upload the report as Markdown (.md) or Word (.docx)")
    if len(data) > limit:
        raise InputError(name, None, f"the file is larger than {_limit_text(limit)}")
    found = detect_content(data)
    if found != SUFFIXES[suffix]:
        raise InputError(
            name,
            None,
            f"the file is called {name} but it is "
            f"{_KINDS.get(found, found)}, not "
            f"{'a Markdown text' if suffix != '.docx' else 'a Word document'}",
        )
    source = SourceFile(name, data, hashlib.sha256(data).hexdigest())
    if suffix == ".docx":
        try:
            return document_to_markdown(parse_report(source))
        except InputError:
            raise
        except Exception as exc:  # python-docx and lxml raise many kinds on damaged files
            raise InputError(name, None, "not a readable Word document") from exc
    parse_report(source)  # the parser names a malformed header, fence or encoding here
    return data.decode("utf-8-sig")


def _apply(report: Report, user: User, text: str, name: str, revision: int) -> dict[str, Any]:
    """Save the uploaded text section by section on the draft as of ``revision``."""
    fields, preamble, uploaded = split_markdown(text, name)
    country = access.country_or_404(report.country)
    check_country_year(fields, country, report.year, name)
    store = drafts()
    heads = store.heads_at(report, revision)
    sections = store.sections(report)
    meta = next(s for s in sections if s.id == META)
    fields.update(country=report.country, reporting_year=str(report.year))
    outcome: dict[str, Any] = {
        "saved": 0,
        "unchanged": 0,
        "merged": 0,
        "conflict": 0,
        "added": 0,
        "removed": 0,
        "conflicts": [],
    }

    def save(section_id: str, content: dict[str, Any]) -> None:
        result = store.save(
            report, section_id, content, user.username, base=heads.get(section_id), kind="upload"
        )
        outcome[result.status if result.status != "late" else "conflict"] += 1
        if not result.applied:
            outcome["conflicts"].append(section_id)

    save(META, meta_content({**meta.head.content.get("fields", {}), **fields}, preamble))
    existing: dict[str, list[str]] = {}
    for state in sections:
        if state.id != META and not state.head.content.get("removed"):
            existing.setdefault(_key(state.head.content.get("heading", "")), []).append(state.id)
    order, new = [], []
    for content in uploaded:
        matches = existing.get(_key(content["heading"]))
        if matches:
            section_id = matches.pop(0)
            save(section_id, content)
            order.append(section_id)
        else:
            new.append(content)
    added = store.add_sections(report, new, user.username, "upload") if new else []
    outcome["added"] = len(added)
    for ids in existing.values():
        for section_id in ids:
            state = next(s for s in sections if s.id == section_id)
            save(section_id, {**state.head.content, "removed": True})
            outcome["removed"] += 1
    store.set_order(report, order + added)
    return outcome


def _key(heading: str) -> str:
    return " ".join(str(heading).lower().split())


def _page(
    report: Report | None,
    country: Country,
    year: int,
    error: str = "",
    status: int = 200,
    outcome: dict[str, Any] | None = None,
) -> Response:
    limit = setting("WORKFLOW_UPLOAD_LIMIT")
    data = {
        "title": f"Upload the {year} report of {country.name}",
        "country": country.eu_code,
        "country_name": country.name,
        "year": year,
        "error": error,
        "outcome": outcome,
        "limit": _limit_text(limit),
        "limit_bytes": limit,
        "revision": drafts().revision(report) if report else 0,
        "exists": report is not None,
    }
    response = respond(data, "workflow/upload.html")
    response.status_code = status
    return response


@bp.route("/<code>/<int:year>/upload", methods=["GET", "POST"])
@login_required
def upload(code: str, year: int):
    country = access.country_or_404(code)
    user = access.require_writer(country)
    report = drafts().report(country.eu_code, year)
    if request.method == "GET":
        return _page(report, country, year)
    limit = guard_size()
    if report is not None and report.state not in EDITABLE:
        abort(409, f"the {year} report is {report.state}; it cannot be replaced now")
    found = request.files.get("file")
    if found is None or not found.filename:
        return _page(report, country, year, "Choose a file to upload.", 400)
    name = _display_name(found.filename)
    try:
        data = found.stream.read(limit + 1)
    finally:
        found.close()
    try:
        text = read_upload(name, data, limit)
        raw = request.form.get("revision", "0").strip()
        if not raw.isdigit():
            raise BadRequest("the form does not say which state of the draft it showed")
        if report is None:
            fields, _, _ = split_markdown(text, name)
            check_country_year(fields, country, year, name)
            origin = find_origin(drafts(), country, year)
            report = drafts().start(
                country.eu_code,
                year,
                user.username,
                origin.label,
                first_sections(origin, country, year, user.name or user.username),
            )
            raw = str(drafts().revision(report))
        outcome = _apply(report, user, text, name, int(raw))
    except InputError as exc:
        return _page(report, country, year, f"{name}: {exc.message}. Nothing was stored.", 400)
    return _page(report, country, year, outcome=outcome)
