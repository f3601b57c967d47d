"""The parsed form of a country report, whatever its format (Markdown, DOCX, PDF).

Parsers produce a :class:`ReportDocument`; the extraction and graph steps read only this. Every
piece keeps its :class:`~lawgraph.sources.Location` so that findings lead back to the place they
came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lawgraph.sources import Location

__all__ = ["Block", "Paragraph", "ReportDocument", "Section", "Table"]


@dataclass
class Paragraph:
    text: str
    location: Location


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    location: Location


@dataclass
class Block:
    """A structured block an expert wrote: ``assessment`` or ``development`` (key: value lines)."""

    kind: str
    fields: dict[str, str]
    location: Location
    #: where each field's line is, for error messages next to the field
    field_locations: dict[str, Location] = field(default_factory=dict)


@dataclass
class Section:
    """One heading of the report and what stands under it until the next heading.

    ``number`` is the number as printed ("5.3", "II.1.9", None for unnumbered headings such as
    "Executive summary"); ``template_key`` is filled in by template recognition
    (``lawgraph.reports.template``) with the stable key of the template section ("burden-of-proof")
    or left None when the heading could not be mapped.
    """

    number: str | None
    heading: str
    level: int
    location: Location
    paragraphs: list[Paragraph] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    template_key: str | None = None
    #: how sure template recognition is of the key (1.0 for an exact heading match)
    key_confidence: float = 0.0

    @property
    def title(self) -> str:
        return f"{self.number} {self.heading}" if self.number else self.heading

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass
class ReportDocument:
    """A parsed report: the raw metadata header and the sections in document order."""

    source: str
    sha256: str
    format: str  # "markdown" | "docx" | "pdf"
    metadata: dict[str, str]
    metadata_locations: dict[str, Location]
    sections: list[Section]
    #: text before the first heading (title page, foreword)
    preamble: list[Paragraph] = field(default_factory=list)

    def word_count(self) -> int:
        return sum(len(p.text.split()) for s in self.sections for p in s.paragraphs)
