"""Word (.docx) country reports, read with python-docx into the same structure as Markdown.

* **Metadata**: a leading two-column table (``Country | FR``), or leading ``Key: value``
  paragraphs, before the first heading; the document properties' title and author fill in what
  neither gives (author → expert).
* **Headings**: paragraphs styled "Title" or "Heading 1" … "Heading 9" (or a style based on
  one, or with an outline level), and bold paragraphs that start with a section number
  ("5.3 Burden of proof"). The number comes from the heading text, as in Markdown.
* **Blocks**: two-column tables whose first column holds the field names (``provision``,
  ``status``, … → assessment; ``type``, ``date``, ``title``, ``summary`` … → development;
  ``name``, ``grounds``, ``powers`` → equality-body), optionally under a first row naming the
  kind; or a paragraph ``assessment:`` / ``development:`` / ``equality-body:`` followed by
  ``key: value`` paragraphs (or lines); or the Markdown form between ```` ```assessment ````
  and ```` ``` ```` paragraphs.
* **Tables**: every other table, first row as header (Annex 1).

Locations are ``para.N``: the N-th item of the document body, paragraphs and tables counted
together from 1 in document order.

The archive is checked before python-docx opens it: a damaged ZIP, an archive that would unpack
to more than :data:`MAX_UNCOMPRESSED` bytes, or a member compressed more than
:data:`MAX_RATIO` to 1 (a ZIP bomb) is refused with an :class:`InputError`.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from lawgraph.errors import InputError
from lawgraph.reports.model import ReportDocument, Table
from lawgraph.reports.parse import (
    BLOCK_KINDS,
    DocumentBuilder,
    normalise_key,
    read_block,
    split_heading,
)
from lawgraph.sources import Location, SourceFile

__all__ = ["MAX_RATIO", "MAX_UNCOMPRESSED", "parse_docx"]

#: the most a .docx may unpack to (a 60,000-word report is a few MB)
MAX_UNCOMPRESSED = 200 * 1024 * 1024
#: a member larger than RATIO_FLOOR that compresses better than this is treated as a ZIP bomb
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 10_000

DAMAGED = "not a readable DOCX (the ZIP archive is damaged)"

ASSESSMENT_FIELDS = frozenset({"provision", "status", "reason", "national"})
DEVELOPMENT_FIELDS = frozenset(
    {"type", "date", "title", "summary", "court", "case", "ecli", "provision", "grounds", "source"}
)
EQUALITY_BODY_FIELDS = frozenset({"name", "grounds", "powers"})
#: metadata keys read from leading paragraphs or a leading table, with their aliases
METADATA_KEYS = {
    "country": "country", "reporting_year": "reporting_year", "year": "reporting_year",
    "period": "period", "reporting_period": "period", "expert": "expert", "author": "expert",
    "template": "template", "template_version": "template", "strand": "strand",
    "language": "language", "sample": "sample", "sample_note": "sample_note", "title": "title",
}
#: authors that programs write into the document properties, not a person
TOOL_AUTHORS = frozenset({"python-docx", "author", "user", "administrator", "microsoft office user",
                          "unknown", "anonymous"})
_KINDS = "|".join(BLOCK_KINDS)
_BLOCK_START = re.compile(rf"^(?:(?P<fence>```|~~~)\s*(?P<fenced>{_KINDS})|(?P<colon>{_KINDS})\s*:)\s*$",
                          re.IGNORECASE)
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def parse_docx(source: SourceFile) -> ReportDocument:
    _check_archive(source)
    document = _open(source)
    reader = _Reader(source, DocumentBuilder(source, "docx"))
    for index, item in enumerate(document.iter_inner_content(), start=1):
        if hasattr(item, "rows"):
            reader.table(item, index)
        else:
            reader.paragraph(item, index)
    reader.end_block()
    reader.core_properties(document.core_properties)
    return reader.builder.build()


# --------------------------------------------------------------------------------------------
# The archive
# --------------------------------------------------------------------------------------------


def _check_archive(source: SourceFile) -> None:
    """Refuse a damaged archive or a ZIP bomb from the central directory, before unpacking."""
    try:
        with zipfile.ZipFile(io.BytesIO(source.data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(source.name, None, DAMAGED) from exc
    if len(members) > MAX_MEMBERS:
        raise InputError(source.name, None, f"the archive holds {len(members)} files; a Word "
                                            "document has a few dozen (refused as a possible ZIP bomb)")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise InputError(source.name, None,
                         f"the archive would unpack to {total / 1e6:,.0f} MB, more than the "
                         f"{MAX_UNCOMPRESSED / 1e6:.0f} MB lawgraph accepts (refused as a possible ZIP bomb)")
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise InputError(source.name, None,
                             f"{member.filename} in the archive is compressed {ratio:,.0f} to 1 "
                             f"(more than {MAX_RATIO} to 1 is refused as a possible ZIP bomb)")
    if "[Content_Types].xml" not in {m.filename for m in members}:
        raise InputError(source.name, None,
                         "not a Word document (a ZIP archive without Office content types)")


def _open(source: SourceFile):
    import docx
    from docx.opc.exceptions import OpcError

    try:
        return docx.Document(io.BytesIO(source.data))
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OpcError) as exc:
        raise InputError(source.name, None, DAMAGED) from exc
    except ValueError as exc:  # python-docx: "file is not a Word file, content type is …"
        raise InputError(source.name, None, f"not a Word document ({exc})") from exc
    except Exception as exc:  # damaged XML and anything else a hostile file provokes
        raise InputError(source.name, None,
                         f"not a readable DOCX ({type(exc).__name__}: {exc})") from exc


# --------------------------------------------------------------------------------------------
# Reading the body
# --------------------------------------------------------------------------------------------


def _text(value: str) -> str:
    return " ".join(value.split())


def _style_level(paragraph) -> int | None:
    """The heading level a paragraph's style (or its outline level) gives it, else None."""
    style, depth = paragraph.style, 0
    while style is not None and depth < 5:
        name = style.name or ""
        if name.lower() == "title":
            return 1
        match = _HEADING_STYLE.match(name)
        if match:
            return max(int(match[1]), 1)
        style, depth = style.base_style, depth + 1
    for element in (paragraph._p, getattr(paragraph.style, "element", None)):
        if element is None:
            continue
        outline = element.find(f"{_W}pPr/{_W}outlineLvl")
        if outline is not None and (value := outline.get(f"{_W}val", "")).isdigit() and int(value) < 9:
            return int(value) + 1
    return None


def _bold(paragraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    return bool(runs) and all(r.bold or (r.bold is None and style_bold) for r in runs)


def _numbered_heading(paragraph, text: str) -> bool:
    if len(text) > 200 or "\n" in text.strip() or text.endswith((".", ";", ",")):
        return False
    parts = split_heading(text)
    return parts.number is not None and parts.text[:1].isupper() and _bold(paragraph)


def _cells(row) -> list[str]:
    cells, seen = [], []
    for cell in row.cells:  # a merged cell is returned once per grid column it spans
        if any(cell._tc is s for s in seen):
            continue
        seen.append(cell._tc)
        cells.append(_text(cell.text))
    return cells


class _Reader:
    def __init__(self, source: SourceFile, builder: DocumentBuilder) -> None:
        self.source, self.builder = source, builder
        self.block_kind: str | None = None
        self.block_fenced = False
        self.block_lines: list[tuple[str, Location, bool]] = []
        self.block_location: Location | None = None

    def location(self, index: int) -> Location:
        return Location(self.source.name, paragraph=index)

    @property
    def before_headings(self) -> bool:
        return not self.builder.sections

    # blocks ---------------------------------------------------------------------------------

    def start_block(self, kind: str, fenced: bool, location: Location) -> None:
        self.block_kind, self.block_fenced = kind.lower(), fenced
        self.block_lines, self.block_location = [], location

    def end_block(self) -> None:
        if self.block_kind is None:
            return
        if self.block_fenced:
            raise InputError(self.source.name, self.block_location.place,
                             f"the ```{self.block_kind} block that starts here is never closed "
                             "(add a paragraph ```)")
        kind, lines, location = self.block_kind, self.block_lines, self.block_location
        self.block_kind = None
        self.builder.block(read_block(kind, lines, self.source.name, location))

    def continue_block(self, lines: list[str], location: Location) -> bool:
        """Feed a paragraph's lines to the open block; False if the paragraph ends the block."""
        if self.block_fenced:
            for line in lines:
                if line.strip() in ("```", "~~~"):
                    self.block_fenced = False
                    self.end_block()
                    return True
                self.block_lines.append((line, location, line[:1] in (" ", "\t")))
            return True
        if not lines[0].strip() or not re.match(r"^[A-Za-z][\w -]{0,30}:(\s|$)", lines[0].strip()):
            self.end_block()
            return False
        self.block_lines.extend((line, location, False) for line in lines)
        return True

    # paragraphs -----------------------------------------------------------------------------

    def paragraph(self, paragraph, index: int) -> None:
        location = self.location(index)
        raw = paragraph.text.replace("\t", " ")
        lines = [line.rstrip() for line in raw.split("\n")] or [""]
        if self.block_kind is not None and self.continue_block(lines, location):
            return
        text = _text(raw)
        if not text:
            return
        level = _style_level(paragraph)
        if level is not None or _numbered_heading(paragraph, text):
            self.builder.heading(text, location, level or 1)
            return
        start = _BLOCK_START.match(lines[0].strip())
        if start:
            self.start_block(start["fenced"] or start["colon"], bool(start["fence"]), location)
            if len(lines) > 1:
                self.continue_block(lines[1:], location)
            return
        if self.before_headings and self.metadata_lines(lines, location):
            return
        self.builder.paragraph(text, location)

    def metadata_lines(self, lines: list[str], location: Location) -> bool:
        pairs = []
        for line in (line.strip() for line in lines if line.strip()):
            key, sep, value = line.partition(":")
            if not sep or normalise_key(key) not in METADATA_KEYS:
                return False
            pairs.append((METADATA_KEYS[normalise_key(key)], value.strip()))
        for key, value in pairs:
            self.builder.set_metadata(key, value, location)
        return bool(pairs)

    # tables ---------------------------------------------------------------------------------

    def table(self, table, index: int) -> None:
        self.end_block()
        location = self.location(index)
        rows = [_cells(row) for row in table.rows]
        rows = [row for row in rows if any(row)]
        if not rows:
            return
        if self.as_block(rows, location):
            return
        if self.before_headings and self.as_metadata(rows, location):
            return
        width = max(len(row) for row in rows)
        body = [row + [""] * (width - len(row)) for row in rows[1:]]
        self.builder.table(Table(rows[0], body, location))

    def as_block(self, rows: list[list[str]], location: Location) -> bool:
        if any(len(row) > 2 for row in rows):
            return False
        title = re.sub(r"\s+", "-", rows[0][0].strip().rstrip(":").lower())
        label = None
        if title in BLOCK_KINDS and (len(rows[0]) == 1 or rows[0][1].strip().lower() in ("", title)):
            label, rows = title, rows[1:]
        if not rows or any(len(row) != 2 for row in rows):
            return False
        keys = [normalise_key(row[0].rstrip(":")) for row in rows]
        kind = label
        if kind is None and set(keys) <= ASSESSMENT_FIELDS and "status" in keys:
            kind = "assessment"
        elif kind is None and set(keys) <= DEVELOPMENT_FIELDS and "type" in keys:
            kind = "development"
        elif kind is None and set(keys) <= EQUALITY_BODY_FIELDS and "name" in keys \
                and len(keys) > 1:
            kind = "equality-body"
        if kind is None:
            return False
        lines = [(f"{key}: {row[1]}", location, False) for key, row in zip(keys, rows, strict=True)]
        self.builder.block(read_block(kind, lines, self.source.name, location))
        return True

    def as_metadata(self, rows: list[list[str]], location: Location) -> bool:
        if any(len(row) != 2 for row in rows):
            return False
        keys = [normalise_key(row[0].rstrip(":")) for row in rows]
        if sum(key in METADATA_KEYS for key in keys) < 2:
            return False
        for key, row in zip(keys, rows, strict=True):
            self.builder.set_metadata(METADATA_KEYS.get(key, key), row[1], location)
        return True

    def core_properties(self, properties) -> None:
        where = Location(self.source.name)
        if properties.title:
            self.builder.set_metadata("title", properties.title.strip(), where, overwrite=False)
        if properties.author and properties.author.strip().lower() not in TOOL_AUTHORS:
            self.builder.set_metadata("expert", properties.author.strip(), where, overwrite=False)
