"""The Law Review for editors and officials.

* ``/publish?from=2023-07-01&to=2024-06-30&countries=DE&countries=AT``: what the review of a
  period holds, entry by entry (with the editors' edits applied), and links to download it;
* ``/publish/download?…&format=docx``: the review as Word, PDF, HTML or Markdown
  (:mod:`lawgraph.exports`), a file that starts with what it contains;
* ``/publish/entry/{key}``: editors rewrite an entry's title or summary. Every version is kept
  (:mod:`lawgraph.editorial`, setting ``editorial``) and applied at export; when the source text
  changes later, the export keeps the edit and flags it.

The period defaults to July–June of the latest reporting year in the store.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, flash, redirect, request, url_for
from werkzeug.exceptions import BadRequest, InternalServerError

from lawgraph.editorial import apply_edits, database_path, edits_for, history, save_edit
from lawgraph.errors import InputError
from lawgraph.exports import ExportError, Review, exporter, exporter_names, find_entry
from lawgraph.exports.review import country_order, parse_period, review_entries
from lawgraph.refdata import reference_index
from webapp.auth import EDIT_ROLES, EXPORT_ROLES, current_user, require_role, safe_next
from webapp.backend import get_store
from webapp.facts import store_facts
from webapp.pages import respond
from webapp.params import choice

bp = Blueprint("publish", __name__)

FORMAT_LABELS = {"docx": "Word (DOCX)", "pdf": "PDF", "html": "HTML", "md": "Markdown"}
LIMITS = {"title": 500, "summary": 20_000}


def _period() -> tuple[dt.date, dt.date]:
    start, end = request.args.get("from", "").strip(), request.args.get("to", "").strip()
    if not start and not end:
        year = store_facts().get("latest_report_year") or dt.date.today().year
        return dt.date(int(year) - 1, 7, 1), dt.date(int(year), 6, 30)
    return parse_period(start[:20], end[:20])  # an InputError is a 400 that names the field


def _countries() -> list[str] | None:
    raw = [c.strip() for value in request.args.getlist("countries") for c in value.split(",")]
    codes = []
    for code in filter(None, raw):
        found = reference_index().country(code) if len(code) <= 60 else None
        if found is None:
            raise BadRequest(f"unknown country {code[:60]!r}: use EU codes such as DE or AT")
        codes.append(found.eu_code)
    return sorted(set(codes)) or None


def _editorial() -> str:
    return str(database_path(None, current_app.config["LAWGRAPH"]))


def _review(start: dt.date, end: dt.date, countries: list[str] | None) -> Review:
    """The review with the editors' edits applied (when there are any)."""
    review = review_entries(get_store(), start, end, countries)
    db = _editorial()
    return apply_edits(review, db) if Path(db).exists() else review


def _query(start: dt.date, end: dt.date, countries: list[str] | None, **extra: str) -> dict:
    return {"from": start.isoformat(), "to": end.isoformat(), "countries": countries or [], **extra}


@bp.get("/publish")
@require_role(*EXPORT_ROLES)
def index():
    start, end = _period()
    countries = _countries()
    review = _review(start, end, countries)
    user = current_user()
    data = {
        "title": "Law Review",
        "from": start.isoformat(),
        "to": end.isoformat(),
        "countries": countries or [],
        "statement": review.statement(),
        "sample_notice": review.sample_notice(),
        "editorial": review.editorial.text() if review.editorial else None,
        "downloads": [
            {
                "format": f,
                "label": FORMAT_LABELS.get(f, f),
                "href": url_for("publish.download", **_query(start, end, countries, format=f)),
            }
            for f in exporter_names("review")
        ],
        "sections": [
            {
                "code": s.country.eu_code,
                "name": s.country.name,
                "experts": list(s.experts),
                "entries": [e.record() for e in s.entries],
            }
            for s in review.sections
        ],
        "can_edit": user is not None and user.role in EDIT_ROLES,
    }
    options = [
        {"code": c.eu_code, "name": c.name, "selected": c.eu_code in (countries or [])}
        for c in sorted(reference_index().countries.values(), key=country_order)
    ]
    return respond(
        data,
        "publish.html",
        extra={"country_options": options, "back": request.full_path.rstrip("?")},
    )


@bp.get("/publish/download")
@require_role(*EXPORT_ROLES)
def download():
    start, end = _period()
    countries = _countries()
    fmt = choice("format", exporter_names("review"), "docx")
    review = _review(start, end, countries)
    writer = exporter(fmt)
    buffer = io.BytesIO()
    try:
        writer.write(review, buffer)
    except ExportError as exc:
        raise InternalServerError(f"The {fmt} export cannot be made here: {exc}") from None
    name = f"law-review_{start}_{end}" + (f"_{'-'.join(countries)}" if countries else "")
    response = Response(buffer.getvalue(), content_type=writer.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}{writer.suffix}"'
    return response


# --- editors' edits ----------------------------------------------------------------------
def _entry(key: str):
    if len(key) > 300:
        abort(404, "not an entry key")
    try:
        return find_entry(get_store(), key)
    except InputError as exc:
        abort(404, exc.message)


def _entry_page(key: str, error: str = "", status: int = 200, form: dict | None = None):
    entry = _entry(key)
    db = _editorial()
    current = edits_for(db, [key]).get(key, {})
    fields = {}
    for name in ("title", "summary"):
        edit = current.get(name)
        source = getattr(entry, name)
        fields[name] = {
            "source": source,
            "text": (form or {}).get(name) or (edit.text if edit else source),
            "edited": edit is not None,
            "flag": bool(
                edit and edit.original is not None and edit.original.strip() != source.strip()
            ),
        }
    data = {
        "title": f"Entry {key}",
        "key": key,
        "entry": entry.record(),
        "fields": fields,
        "history": [e.record() for e in history(db, key)],
        "error": error,
        "limits": LIMITS,
    }
    back = safe_next(request.values.get("back")) if request.values.get("back") else None
    response = respond(data, "publish_entry.html", extra={"back": back})
    response.status_code = status
    return response


@bp.get("/publish/entry/<path:key>")
@require_role(*EDIT_ROLES)
def entry(key: str):
    return _entry_page(key)


@bp.post("/publish/entry/<path:key>")
@require_role(*EDIT_ROLES)
def edit_entry(key: str):
    entry = _entry(key)
    user = current_user()
    assert user is not None
    form = {
        name: " ".join(request.form.get(name, "").split())
        if name == "title"
        else request.form.get(name, "").strip()
        for name in LIMITS
    }
    for name, limit in LIMITS.items():
        if not form[name]:
            return _entry_page(key, f"The {name} must not be empty.", 400, form)
        if len(form[name]) > limit:
            return _entry_page(key, f"The {name} may have at most {limit} characters.", 400, form)
    db = _editorial()
    current = edits_for(db, [key]).get(key, {})
    saved = []
    for name in LIMITS:
        shown = current[name].text if name in current else getattr(entry, name)
        if form[name] != shown:
            save_edit(db, key, name, form[name], user.label, original=getattr(entry, name))
            saved.append(name)
    flash(f"Saved the new {' and '.join(saved)}." if saved else "Nothing changed.")
    back = request.form.get("back")
    return redirect(
        url_for("publish.entry", key=key, **({"back": safe_next(back)} if back else {})), code=303
    )
