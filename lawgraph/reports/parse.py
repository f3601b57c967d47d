"""Read a country report in any supported format into a :class:`ReportDocument`.

Formats are registered by name, the defaults the same way as any other::

    >>> sorted(formats())
    ['docx', 'markdown', 'pdf']
    >>> parse_report(read_source("country_reports/at-2023.md")).format   # doctest: +SKIP
    'markdown'

A file is read by the format its suffix names, and only if its first bytes agree: a PDF saved
as ``.docx`` is refused ("not a Word document (it is a PDF)") rather than half-read.

This module also holds what the format parsers share: reading section numbers out of heading
text (:func:`split_heading`), reading ``key: value`` block lines (:func:`read_block`) and
assembling sections in document order (:class:`DocumentBuilder`).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from lawgraph.errors import InputError
from lawgraph.reports.model import Block, Paragraph, ReportDocument, Section, Table
from lawgraph.sources import Location, SourceFile, read_source

__all__ = [
    "BLOCK_KINDS",
    "DocumentBuilder",
    "ReportFormat",
    "detect_content",
    "formats",
    "parse_report",
    "read_block",
    "register_format",
    "split_heading",
]

#: the structured blocks an expert may write (country_reports/README.md §3–4)
BLOCK_KINDS = ("assessment", "development", "equality-body")


# --------------------------------------------------------------------------------------------
# Registry
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFormat:
    """An input format: its name, the suffixes it owns, what its bytes look like, its parser.

    ``content`` is the kind :func:`detect_content` must report for the bytes ("pdf", "zip",
    "text"); ``parser`` is ``"module:function"``, imported on first use so that reading Markdown
    never loads python-docx or pdfium.
    """

    name: str
    suffixes: tuple[str, ...]
    content: str
    parser: str
    description: str

    def load(self) -> Callable[[SourceFile], ReportDocument]:
        module, _, function = self.parser.partition(":")
        return getattr(importlib.import_module(module), function)


_FORMATS: dict[str, ReportFormat] = {}


def register_format(fmt: ReportFormat, *, replace: bool = False) -> None:
    """Add an input format; a suffix already owned by another format is refused."""
    if fmt.name in _FORMATS and not replace:
        raise ValueError(f"a report format named {fmt.name!r} is already registered")
    for other in _FORMATS.values():
        clash = set(other.suffixes) & set(fmt.suffixes)
        if clash and other.name != fmt.name:
            raise ValueError(f"suffix {sorted(clash)[0]} already belongs to format {other.name!r}")
    _FORMATS[fmt.name] = fmt


def formats() -> dict[str, ReportFormat]:
    return dict(_FORMATS)


register_format(ReportFormat(
    "markdown", (".md", ".markdown"), "text", "lawgraph.reports.markdown:parse_markdown",
    "a Markdown text file",
))
register_format(ReportFormat(
    "docx", (".docx",), "zip", "lawgraph.reports.docx:parse_docx", "a Word document",
))
register_format(ReportFormat(
    "pdf", (".pdf",), "pdf", "lawgraph.reports.pdf:parse_pdf", "a PDF document",
))

_CONTENT_NAMES = {
    "pdf": "a PDF",
    "zip": "a ZIP archive (e.g. a Word document)",
    "text": "a text file",
    "binary": "a binary file of unknown type",
    "empty": "empty",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def detect_content(data: bytes) -> str:
    """What the bytes are: "pdf", "zip", "ole" (old .doc), "text", "binary" or "empty".

    >>> detect_content(b"%PDF-1.7\\n"), detect_content(b"PK\\x03\\x04..."), detect_content(b"# Hi")
    ('pdf', 'zip', 'text')
    """
    if not data.strip():
        return "empty"
    if b"%PDF-" in data[:1024]:  # the PDF header may follow up to 1 KB of junk
        return "pdf"
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "zip"
    if data[:8] == _OLE:
        return "ole"
    head = data[:4096]
    if b"\x00" in head:
        return "binary"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:  # a few stray bytes: the text parser names the line
        printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in head)
        if printable < 0.9 * len(head):
            return "binary"
    return "text"


def _mismatch(fmt: ReportFormat, content: str) -> str:
    if content == "empty":
        return "the file is empty"
    if fmt.name == "pdf":
        what = {"zip": " (it is a ZIP archive, e.g. a Word document)",
                "ole": " (it is an old binary Word .doc file)"}.get(content, "")
        return f"has no PDF header{what}"
    if fmt.name == "docx":
        if content == "ole":
            return "not a Word .docx document (it is an old binary .doc file: save it as .docx)"
        return f"not a Word document (it is {_CONTENT_NAMES.get(content, content)})"
    return f"not {fmt.description} (it is {_CONTENT_NAMES.get(content, content)})"


def _format_for(source: SourceFile) -> ReportFormat:
    for fmt in _FORMATS.values():
        if source.suffix in fmt.suffixes:
            return fmt
    known = ", ".join(s for f in _FORMATS.values() for s in f.suffixes)
    raise InputError(source.name, None,
                     f"lawgraph cannot read {source.suffix or 'files without a suffix'} "
                     f"as a country report (it reads {known})")


def parse_report(source: SourceFile) -> ReportDocument:
    """Parse a report by its suffix, after checking that its bytes are what the suffix says."""
    fmt = _format_for(source)
    content = detect_content(source.data)
    if content != fmt.content:
        raise InputError(source.name, None, _mismatch(fmt, content))
    return fmt.load()(source)


# --------------------------------------------------------------------------------------------
# Section numbers in headings
# --------------------------------------------------------------------------------------------

_SEP = r"\s*(?:[:.\-–—]\s*)?"
_ANNEX = re.compile(
    rf"^(?P<word>annex|appendix)\s+(?P<num>\d{{1,2}}|[ivx]{{1,4}}|[a-e])\b{_SEP}(?P<rest>.*)$",
    re.IGNORECASE,
)
_CHAPTER = re.compile(rf"^(?:chapter|part)\s+(?P<num>\d{{1,2}}|[IVX]{{1,4}})\b{_SEP}(?P<rest>.*)$",
                      re.IGNORECASE)
_ROMAN_DOTTED = re.compile(r"^(?P<num>[IVX]{1,4}(?:\.\d{1,2})+)\.?\s+(?P<rest>\S.*)$")
_ROMAN = re.compile(r"^(?P<num>[IVX]{1,4})\.\s+(?P<rest>[A-Z].*)$")
_ARABIC = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?(?:\s+|\s*[–—]\s*)(?P<rest>\S.*)$")


@dataclass(frozen=True)
class HeadingParts:
    number: str | None
    text: str
    #: nesting depth implied by the number (``"5.3"`` → 2), None if unnumbered
    depth: int | None


def split_heading(text: str) -> HeadingParts:
    """Separate the section number from a heading.

    >>> split_heading("5.3 Burden of proof (Article 8 Directive 2000/43)")
    HeadingParts(number='5.3', text='Burden of proof (Article 8 Directive 2000/43)', depth=2)
    >>> split_heading("II.1.9 Article 9 Victimisation").number
    'II.1.9'
    >>> split_heading("Annex 1: Table of key national legislation")
    HeadingParts(number='Annex 1', text='Table of key national legislation', depth=1)
    >>> split_heading("Annex 2")
    HeadingParts(number=None, text='Annex 2', depth=1)
    >>> split_heading("CHAPTER 5 REMEDIES AND ENFORCEMENT").number, split_heading("Introduction")
    ('5', HeadingParts(number=None, text='Introduction', depth=None))
    """
    text = " ".join(text.split())
    first = text[:1]
    if first.isdigit() or first in "IVX":
        for pattern in (_ROMAN_DOTTED, _ARABIC):
            match = pattern.match(text)
            if match:
                number = match["num"].rstrip(".")
                return HeadingParts(number, match["rest"].strip(), number.count(".") + 1)
        match = _ROMAN.match(text)
        if match:
            return HeadingParts(match["num"], match["rest"].strip(), 1)
    elif first in "AaCcPp":
        match = _ANNEX.match(text)
        if match:
            number = f"{match['word'].capitalize()} {match['num'].upper()}"
            if not match["rest"]:  # "Annex 1" alone is a name, not a number before a title
                return HeadingParts(None, number, 1)
            return HeadingParts(number, match["rest"], 1)
        match = _CHAPTER.match(text)
        if match and match["rest"]:
            return HeadingParts(match["num"], match["rest"], 1)
    return HeadingParts(None, text, None)


# --------------------------------------------------------------------------------------------
# Blocks: ``key: value`` lines
# --------------------------------------------------------------------------------------------

_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z _-]{0,30}?)\s*:(?:\s+(?P<value>.*)|\s*)$")
#: a trailing "   # comment", as in the README's examples
_TRAILING_COMMENT = re.compile(r"\s{2,}#\s.*$")


def read_block(
    kind: str, lines: Iterable[tuple[str, Location, bool]], source: str, location: Location,
) -> Block:
    """A block from its lines: ``(text, location, indented)``.

    A line ``key: value`` starts a field; a line that is indented, or that does not start with
    a key, continues the previous value. A field written twice, or text before the first key,
    is an error naming the line.
    """
    fields: dict[str, str] = {}
    places: dict[str, Location] = {}
    key: str | None = None
    for text, where, indented in lines:
        text = text.strip()
        if not text:
            continue
        match = None if indented and key else _KEY_LINE.match(text)
        if match:
            key = match["key"].strip().lower().replace(" ", "_")
            if key in fields:
                raise InputError(source, where.place, f"the {kind} block gives {key!r} twice "
                                                      f"(first at {places[key].place})")
            value = match["value"] or ""
            fields[key] = (_TRAILING_COMMENT.sub("", value) if "#" in value else value).strip()
            places[key] = where
        elif key is None:
            raise InputError(source, where.place,
                             f"the {kind} block must be 'key: value' lines; {text[:40]!r} comes "
                             "before any key")
        else:
            joined = _TRAILING_COMMENT.sub("", text) if "#" in text else text
            fields[key] = f"{fields[key]} {joined}".strip()
    if not fields:
        raise InputError(source, location.place, f"the {kind} block is empty")
    return Block(kind, fields, location, places)


# --------------------------------------------------------------------------------------------
# Assembling the document
# --------------------------------------------------------------------------------------------


@dataclass
class DocumentBuilder:
    """Collects headings, paragraphs, blocks and tables in document order.

    What comes before the first heading is the preamble (title page); a block there belongs to
    no section and is refused.
    """

    source: SourceFile
    format: str
    metadata: dict[str, str] = field(default_factory=dict)
    metadata_locations: dict[str, Location] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    preamble: list[Paragraph] = field(default_factory=list)

    def heading(self, text: str, location: Location, fallback_level: int = 1) -> Section:
        parts = split_heading(text)
        section = Section(parts.number, parts.text, parts.depth or max(fallback_level, 1), location)
        self.sections.append(section)
        return section

    def paragraph(self, text: str, location: Location) -> None:
        text = " ".join(text.split())
        if not text:
            return
        target = self.sections[-1].paragraphs if self.sections else self.preamble
        target.append(Paragraph(text, location))

    def block(self, block: Block) -> None:
        if not self.sections:
            raise InputError(self.source.name, block.location.place,
                             f"an {block.kind} block before the first heading belongs to no "
                             "section: move it under the heading it is about")
        self.sections[-1].blocks.append(block)

    def table(self, table: Table) -> None:
        if self.sections:
            self.sections[-1].tables.append(table)
            return
        for row in [table.header, *table.rows]:  # a table on the title page: keep its text
            self.paragraph(" | ".join(c for c in row if c), table.location)

    def set_metadata(self, key: str, value: str, location: Location, *, overwrite: bool = True) -> None:
        key = normalise_key(key)
        if not overwrite and self.metadata.get(key):
            return
        self.metadata[key] = value
        self.metadata_locations[key] = location

    def build(self) -> ReportDocument:
        return ReportDocument(
            source=self.source.name, sha256=self.source.sha256, format=self.format,
            metadata=self.metadata, metadata_locations=self.metadata_locations,
            sections=self.sections, preamble=self.preamble,
        )


def normalise_key(key: str) -> str:
    """``"Reporting year"`` → ``"reporting_year"`` (the form ``metadata.py`` looks up)."""
    return re.sub(r"[\s-]+", "_", key.strip().lower())


def parse_path(path: str) -> ReportDocument:
    """Convenience for scripts and the REPL: read and parse a file."""
    return parse_report(read_source(path))
