"""A country report in Markdown ↔ the sections a draft stores, and back, with a map from every
line of the assembled text to the field it came from.

Section contents are plain dicts (what :mod:`lawgraph.drafts` stores)::

    {"kind": "meta", "fields": {"country": "DE", "reporting_year": "2025", …}, "preamble": ""}
    {"kind": "section", "heading": "5.3 Burden of proof", "level": 2, "prose": "…",
     "assessment": [{"provision": "2000/78 Art 10", "status": "partial", …}],
     "development": [], "equality-body": [], "removed": False}

Splitting keeps the prose of a section exactly as written (Markdown and all) and lifts the
``assessment``, ``development`` and ``equality-body`` blocks out into rows, read by the same
``read_block`` the report parser uses. Assembling writes the header, then each section: its
heading, its prose, then its rows as blocks. A block moves to the end of its section; what it
says does not change.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from lawgraph.errors import InputError
from lawgraph.reports.model import ReportDocument
from lawgraph.reports.parse import BLOCK_KINDS, read_block
from lawgraph.sources import Location

__all__ = [
    "FIELDS",
    "META_ORDER",
    "Assembled",
    "Place",
    "assemble",
    "document_to_markdown",
    "empty_section",
    "meta_content",
    "render_section",
    "section_title",
    "split_markdown",
]

#: the fields of each kind of row, in the order the README gives them
FIELDS: dict[str, tuple[str, ...]] = {
    "assessment": ("provision", "status", "reason", "national"),
    "development": (
        "type",
        "date",
        "title",
        "court",
        "case",
        "ecli",
        "provision",
        "grounds",
        "summary",
        "source",
    ),
    "equality-body": ("name", "grounds", "powers"),
}
META_ORDER = (
    "country",
    "reporting_year",
    "period",
    "expert",
    "template",
    "strand",
    "language",
    "sample",
    "sample_note",
    "title",
)

_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w-]*)")
_HEADING = re.compile(r"^ {0,3}(?P<marks>#+)[ \t]+(?P<text>.*)$")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


@dataclass(frozen=True)
class Place:
    """Where a line of the assembled report came from: a section, a part of it (``heading``,
    ``prose``, ``meta``, ``preamble`` or a row kind), the row and the field."""

    section: str
    part: str
    row: int | None = None
    field: str | None = None
    #: for prose and preamble: the line within the text the expert typed (1-based)
    line: int | None = None


@dataclass
class Assembled:
    text: str
    places: list[Place] = field(default_factory=list)  # one per line, index = line - 1

    def place(self, line: int | None) -> Place | None:
        if line is None or not 1 <= line <= len(self.places):
            return None
        return self.places[line - 1]


def empty_section(heading: str = "", level: int = 1) -> dict[str, Any]:
    return {
        "kind": "section",
        "heading": heading,
        "level": level,
        "prose": "",
        **{kind: [] for kind in BLOCK_KINDS},
        "removed": False,
    }


def section_title(content: dict[str, Any]) -> str:
    if content.get("kind") == "meta":
        return "Report details"
    return content.get("heading") or "(untitled section)"


# --------------------------------------------------------------------------------------------
# Splitting
# --------------------------------------------------------------------------------------------


def _comment_lines(text: str) -> set[int]:
    """Indexes of lines inside HTML comments (the parser drops them: no headings there)."""
    inside: set[int] = set()
    for match in _COMMENT.finditer(text):
        first = text.count("\n", 0, match.start())
        inside.update(range(first, first + match.group().count("\n") + 1))
    return inside


def split_markdown(text: str, name: str) -> tuple[dict[str, str], str, list[dict[str, Any]]]:
    """(metadata fields, preamble, sections) of a Markdown report. Metadata values are read as
    the report parser reads them; an :class:`InputError` names a malformed header or block."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    fields, start = _front_matter(lines, name)
    comments = _comment_lines(text)
    preamble: list[str] = []
    sections: list[dict[str, Any]] = []
    body: list[tuple[int, str]] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if index not in comments and (match := _HEADING.match(line)):
            _close(sections, body, preamble, name)
            heading = _CLOSING_HASHES.sub("", match["text"].rstrip())
            sections.append({**empty_section(heading.strip(), len(match["marks"]))})
            body = []
        elif index not in comments and (match := _FENCE.match(line)):
            end = _fence_end(lines, index, match["fence"])
            body += [(i, lines[i]) for i in range(index, min(end + 1, len(lines)))]
            index = end
        else:
            body.append((index, line))
        index += 1
    _close(sections, body, preamble, name)
    return fields, _tidy(preamble), sections


def _fence_end(lines: list[str], start: int, fence: str) -> int:
    char, size = fence[0], len(fence)
    for end in range(start + 1, len(lines)):
        closing = lines[end].strip()
        if closing.startswith(char * size) and not closing.strip(char):
            return end
    return len(lines)  # never closed: the parser names it when the draft is checked


def _close(
    sections: list[dict[str, Any]], body: list[tuple[int, str]], preamble: list[str], name: str
) -> None:
    """Move a finished section's body into its prose and rows."""
    if not sections:
        preamble += [line for _, line in body]
        return
    prose: list[str] = []
    index = 0
    while index < len(body):
        number, line = body[index]
        match = _FENCE.match(line)
        lang = match["lang"].lower() if match else ""
        if match and lang in BLOCK_KINDS:
            end = index + 1
            while end < len(body) and not _closes(body[end][1], match["fence"]):
                end += 1
            if end < len(body):  # an unclosed block stays prose; the parser reports it
                inner = [
                    (t, Location(name, line=n + 1), t[:1] in (" ", "\t"))
                    for n, t in body[index + 1 : end]
                ]
                block = read_block(lang, inner, name, Location(name, line=number + 1))
                sections[-1][lang].append(dict(block.fields))
                index = end + 1
                continue
        prose.append(line)
        index += 1
    sections[-1]["prose"] = _tidy(prose)


def _closes(line: str, fence: str) -> bool:
    closing = line.strip()
    return closing.startswith(fence[0] * len(fence)) and not closing.strip(fence[0])


def _tidy(lines: Iterable[str]) -> str:
    """Lines → text without leading/trailing blank lines and without runs of blank lines."""
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _front_matter(lines: list[str], name: str) -> tuple[dict[str, str], int]:
    if not lines or lines[0].strip() != "---":
        return {}, 0
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise InputError(name, 1, "the metadata header that starts here is never closed")
    try:
        data = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        raise InputError(name, 2, f"the metadata header is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError(name, 2, "the metadata header must be 'key: value' lines")
    fields = {re.sub(r"[\s-]+", "_", str(k).strip().lower()): _scalar(v) for k, v in data.items()}
    return fields, end + 1


def _scalar(value: object) -> str:
    """A header value as the report parser reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "; ".join(_scalar(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value).strip()


def meta_content(fields: dict[str, str], preamble: str = "") -> dict[str, Any]:
    return {"kind": "meta", "fields": dict(fields), "preamble": preamble}


# --------------------------------------------------------------------------------------------
# Assembling
# --------------------------------------------------------------------------------------------


def _yaml_value(key: str, value: str) -> str:
    """A header value written so that the parser reads back exactly ``value``."""
    if key == "template" or not value:
        return json.dumps(value, ensure_ascii=False)
    plain = " ".join(value.split())
    if plain == value and "#" not in value and not value.startswith(("'", '"', "{", "[")):
        try:
            if _scalar(yaml.safe_load(f"k: {plain}")["k"]) == value:
                return plain
        except (yaml.YAMLError, TypeError, KeyError):
            pass
    return json.dumps(value, ensure_ascii=False)


def _row_value(value: object) -> str:
    return " ".join(str(value or "").split())


def render_section(section_id: str, content: dict[str, Any]) -> list[tuple[str, Place]]:
    """The Markdown lines of one section (or of the header), each with its place."""
    if content.get("kind") == "meta":
        return _render_meta(section_id, content)
    if content.get("removed"):
        return []
    out = [
        (
            "#" * max(1, min(int(content.get("level") or 1), 6))
            + " "
            + " ".join(str(content.get("heading") or "Untitled section").split()),
            Place(section_id, "heading", field="heading"),
        ),
        ("", Place(section_id, "heading")),
    ]
    prose = str(content.get("prose") or "").replace("\r\n", "\n").strip("\n")
    if prose:
        out += [
            (line, Place(section_id, "prose", field="prose", line=n))
            for n, line in enumerate(prose.split("\n"), start=1)
        ]
        out.append(("", Place(section_id, "prose", field="prose")))
    for kind in BLOCK_KINDS:
        for row_no, row in enumerate(content.get(kind) or []):
            where = Place(section_id, kind, row_no)
            out.append((f"```{kind}", where))
            keys = [k for k in FIELDS[kind] if _row_value(row.get(k))]
            keys += sorted(k for k in row if k not in FIELDS[kind] and _row_value(row.get(k)))
            out += [
                (f"{k}: {_row_value(row[k])}", Place(section_id, kind, row_no, k)) for k in keys
            ]
            out += [("```", where), ("", where)]
    return out


def _render_meta(section_id: str, content: dict[str, Any]) -> list[tuple[str, Place]]:
    fields = content.get("fields") or {}
    keys = [k for k in META_ORDER if k in fields] + sorted(k for k in fields if k not in META_ORDER)
    out = [("---", Place(section_id, "meta"))]
    out += [
        (f"{k}: {_yaml_value(k, str(fields[k]))}", Place(section_id, "meta", field=k))
        for k in keys
        if re.fullmatch(r"[a-z][a-z0-9_]*", k)
    ]
    out += [("---", Place(section_id, "meta")), ("", Place(section_id, "meta"))]
    preamble = str(content.get("preamble") or "").strip("\n")
    if preamble:
        out += [
            (line, Place(section_id, "preamble", field="preamble", line=n))
            for n, line in enumerate(preamble.split("\n"), start=1)
        ]
        out.append(("", Place(section_id, "preamble", field="preamble")))
    return out


def assemble(sections: Iterable[tuple[str, dict[str, Any]]]) -> Assembled:
    """The report's Markdown from its sections (the header first), with the place of each line."""
    lines: list[tuple[str, Place]] = []
    for section_id, content in sections:
        lines += render_section(section_id, content)
    while lines and not lines[-1][0]:
        lines.pop()
    return Assembled("\n".join(text for text, _ in lines) + "\n", [p for _, p in lines])


# --------------------------------------------------------------------------------------------
# DOCX (or any parsed report) → Markdown
# --------------------------------------------------------------------------------------------

_SPECIAL_START = re.compile(r"^(\s*)([#>|~`*+-]|\d+[.)]\s)")


def _escape(text: str) -> str:
    """Paragraph text that Markdown would read as structure gets a backslash in front."""
    text = text.replace("\\", "\\\\")
    return _SPECIAL_START.sub(lambda m: m[1] + "\\" + m[2], text)


def document_to_markdown(doc: ReportDocument) -> str:
    """A report read from another format (DOCX) written as entry-format Markdown."""
    fields = {k: v for k, v in doc.metadata.items() if v}
    parts: list[tuple[str, dict[str, Any]]] = [
        ("meta", meta_content(fields, "\n\n".join(_escape(p.text) for p in doc.preamble)))
    ]
    for number, section in enumerate(doc.sections, start=1):
        content = empty_section(section.title, section.level)
        texts = [_escape(p.text) for p in section.paragraphs]
        texts += [_table(t.header, t.rows) for t in section.tables]
        content["prose"] = "\n\n".join(texts)
        for block in section.blocks:
            if block.kind in BLOCK_KINDS:
                content[block.kind].append(dict(block.fields))
        parts.append((f"s{number:03d}", content))
    return assemble(parts).text


def _table(header: list[str], rows: list[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(" ".join(c.split()).replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(header), "|" + "---|" * len(header), *(line(r) for r in rows)])
