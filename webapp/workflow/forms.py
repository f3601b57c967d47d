"""The section and metadata forms: what the page shows (rows plus blank rows to fill in) and
what a posted form means as section content. Field names: ``heading``, ``level``, ``prose``,
``{kind}-{row}-{field}`` for the rows (``assessment-0-status``), ``{kind}-{row}-remove`` to drop
a row, ``meta-{key}`` and ``preamble`` for the metadata."""

from __future__ import annotations

import re
from typing import Any

from werkzeug.datastructures import MultiDict

from lawgraph.reports.blocks import DEVELOPMENT_TYPES
from lawgraph.reports.parse import BLOCK_KINDS
from webapp.workflow.sections import FIELDS, META_ORDER

__all__ = ["BLANK_ROWS", "EDITABLE_META", "STATUS_CHOICES", "content_from_form", "form_rows"]

BLANK_ROWS = 1
MAX_ROWS = 500
STATUS_CHOICES = ("conform", "partial", "not transposed", "incorrect", "not applicable", "unclear")
TYPE_CHOICES = DEVELOPMENT_TYPES
#: metadata the expert edits; country and year are the draft's own
EDITABLE_META = tuple(k for k in META_ORDER if k not in ("country", "reporting_year"))
_ROW_FIELD = re.compile(rf"^({'|'.join(BLOCK_KINDS)})-(\d{{1,3}})-([a-z_]+)$")
_EXTRA_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z _-]{0,30}?)\s*:\s*(.*)$")

Content = dict[str, Any]


def _text(value: str | None, limit: int = 200_000) -> str:
    return (value or "").replace("\r\n", "\n").replace("\r", "\n")[:limit]


def _rows(form: MultiDict, kind: str) -> list[dict[str, str]]:
    rows: dict[int, dict[str, str]] = {}
    for key in form:
        match = _ROW_FIELD.match(key)
        if match and match[1] == kind and int(match[2]) < MAX_ROWS:
            rows.setdefault(int(match[2]), {})[match[3]] = _text(form.get(key), 20_000).strip()
    out = []
    for _, fields in sorted(rows.items()):
        if fields.pop("remove", ""):
            continue
        extra = fields.pop("extra", "")
        row = {k: " ".join(fields.get(k, "").split()) for k in FIELDS[kind]}
        for line in extra.split("\n"):
            if match := _EXTRA_LINE.match(line):
                name = re.sub(r"[\s-]+", "_", match[1].strip().lower())
                if name not in FIELDS[kind] and match[2].strip():
                    row[name] = " ".join(match[2].split())
        if any(row.values()):
            out.append({k: v for k, v in row.items() if v or k in FIELDS[kind]})
    return out


def content_from_form(form: MultiDict, current: Content) -> Content:
    """The content a posted form describes, starting from the current content (what the form
    does not show is kept)."""
    if current.get("kind") == "meta":
        fields = dict(current.get("fields") or {})
        for key in EDITABLE_META:
            if f"meta-{key}" in form:
                value = " ".join(_text(form.get(f"meta-{key}"), 5_000).split())
                if value:
                    fields[key] = value
                else:
                    fields.pop(key, None)
        return {
            **current,
            "fields": fields,
            "preamble": _text(form.get("preamble")).strip("\n")
            if "preamble" in form
            else current.get("preamble", ""),
        }
    content = dict(current)
    if "heading" in form:
        content["heading"] = " ".join(_text(form.get("heading"), 500).split())
    if (form.get("level") or "").isdigit():
        content["level"] = max(1, min(int(form["level"]), 6))
    if "prose" in form:
        content["prose"] = _text(form.get("prose")).strip("\n")
    for kind in BLOCK_KINDS:
        if any(_ROW_FIELD.match(k) and k.startswith(f"{kind}-") for k in form):
            content[kind] = _rows(form, kind)
    return content


def _blank(kind: str) -> dict[str, str]:
    return dict.fromkeys(FIELDS[kind], "")


def form_rows(content: Content, kind: str) -> list[dict[str, Any]]:
    """The rows to show for ``kind``: each with its fields and the lines of fields the form
    does not know (``extra``), then blank rows to add one without JavaScript."""
    rows = []
    for row in content.get(kind) or []:
        known = {k: str(row.get(k, "")) for k in FIELDS[kind]}
        extra = "\n".join(f"{k}: {v}" for k, v in row.items() if k not in FIELDS[kind])
        rows.append({"fields": known, "extra": extra, "blank": False})
    rows += [{"fields": _blank(kind), "extra": "", "blank": True} for _ in range(BLANK_ROWS)]
    return rows
