"""Write the sample Word and PDF country reports of the demonstration corpus.

The content of each sample is a Markdown report in the entry format
(``tools/sample_sources/*.md``); this script renders it as the document an expert or the network
would have produced, so that lawgraph's DOCX and PDF readers have realistic input:

* ``fr-2024.docx``, ``ie-2024.docx``, ``nl-2024.docx``: the 2015 template, with Word heading
  styles, Annex 1 as a table and the assessment and development blocks in the three forms
  lawgraph reads (two-column tables, ``assessment:`` paragraph groups, lines in one paragraph).
  The metadata is a leading table (FR), leading ``Key: value`` paragraphs (IE), or a table plus
  the document properties (NL, whose expert is only given as the document's author).
* ``de-2012.pdf``, ``at-2010.pdf``: the layout of the 2008–2014 reports (chapters "0
  Introduction" … "8 Co-ordination at national level"), with a cover page, running header and
  footer, page numbers and words hyphenated at line ends. Like the real legacy reports they have
  no metadata header and no assessment blocks: lawgraph reads the cover and extracts the gap
  statements from the prose.

Every sample says on its cover or in its metadata that it is a sample written for lawgraph's
demonstration, not a network report. The output is byte-for-byte reproducible::

    python tools/make_sample_documents.py            # write country_reports/*.docx, *.pdf
    python tools/make_sample_documents.py --check    # exit 1 if a file is missing or stale
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lawgraph.reports.markdown import parse_markdown  # noqa: E402
from lawgraph.reports.model import Block, ReportDocument, Section, Table  # noqa: E402
from lawgraph.sources import read_source  # noqa: E402

SOURCES = ROOT / "tools" / "sample_sources"
OUTPUT = ROOT / "country_reports"
#: the fixed timestamp written into every file, so that the output is reproducible
STAMP = dt.datetime(2024, 6, 30, 12, 0, 0, tzinfo=dt.UTC)

METADATA_LABELS = {
    "country": "Country", "reporting_year": "Reporting year", "period": "Reporting period",
    "expert": "Expert", "template": "Template", "strand": "Strand", "language": "Language",
    "sample": "Sample", "sample_note": "Sample note",
}
BLOCK_TITLES = {"assessment": "Assessment", "development": "Development",
                "equality-body": "Equality body"}


@dataclass(frozen=True)
class DocxStyle:
    """How a Word sample writes its metadata and its blocks."""

    metadata: str  # "table" | "paragraphs" | "table+properties"
    blocks: str  # "table" | "labelled-table" | "paragraphs" | "lines"


@dataclass(frozen=True)
class Sample:
    source: str
    output: str
    render: Callable[[ReportDocument, Sample], bytes]
    docx: DocxStyle | None = None


# --------------------------------------------------------------------------------------------
# Word
# --------------------------------------------------------------------------------------------


def _docx_metadata(document, doc: ReportDocument, style: DocxStyle) -> None:
    items = [(label, doc.metadata[key]) for key, label in METADATA_LABELS.items()
             if doc.metadata.get(key)]
    if style.metadata == "table+properties":  # the expert is only the document's author
        items = [(label, value) for label, value in items if label != "Expert"]
    if style.metadata == "paragraphs":
        for label, value in items:
            document.add_paragraph(f"{label}: {value}")
        return
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in items:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value


def _docx_block(document, block: Block, style: str) -> None:
    fields = list(block.fields.items())
    if style in ("table", "labelled-table"):
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        if style == "labelled-table":
            row = table.add_row().cells
            merged = row[0].merge(row[1])
            merged.text = BLOCK_TITLES[block.kind]
            merged.paragraphs[0].runs[0].bold = True
        for key, value in fields:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = key, value
        document.add_paragraph()
    elif style == "paragraphs":
        document.add_paragraph(f"{block.kind}:")
        for key, value in fields:
            document.add_paragraph(f"{key}: {value}")
        document.add_paragraph()
    else:  # one paragraph, one line per field
        paragraph = document.add_paragraph()
        lines = [f"{block.kind}:", *(f"{key}: {value}" for key, value in fields)]
        for number, line in enumerate(lines):
            run = paragraph.add_run(line)
            if number < len(lines) - 1:
                run.add_break()


def _docx_table(document, table: Table) -> None:
    out = document.add_table(rows=1, cols=len(table.header))
    out.style = "Table Grid"
    for cell, text in zip(out.rows[0].cells, table.header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in table.rows:
        for cell, text in zip(out.add_row().cells, row, strict=False):
            cell.text = text


def _docx_section(document, section: Section, index: int, style: DocxStyle) -> None:
    if index == 0 and section.number is None:
        document.add_paragraph(section.title, style="Title")
    else:
        document.add_heading(section.title, level=min(section.level, 9))
    for paragraph in section.paragraphs:
        document.add_paragraph(paragraph.text)
    blocks = iter(section.blocks)
    for number, block in enumerate(blocks):
        # the "mixed" samples alternate between tables and paragraph forms
        form = style.blocks if style.blocks != "mixed" else ("labelled-table", "lines")[number % 2]
        _docx_block(document, block, form)
    for table in section.tables:
        _docx_table(document, table)


def render_docx(doc: ReportDocument, sample: Sample) -> bytes:
    import docx

    style = sample.docx
    document = docx.Document()
    properties = document.core_properties
    properties.title = doc.sections[0].title if doc.sections else ""
    properties.author = doc.metadata["expert"]
    properties.subject = "Sample country report (lawgraph demonstration, not a network report)"
    properties.keywords = "lawgraph; sample; non-discrimination"
    properties.comments = "Sample written for lawgraph's demonstration, not a network report."
    properties.last_modified_by = "tools/make_sample_documents.py"
    properties.created = properties.modified = STAMP.replace(tzinfo=None)
    properties.revision = 1
    _docx_metadata(document, doc, style)
    for index, section in enumerate(doc.sections):
        if index == 0:
            for paragraph in doc.preamble:
                document.add_paragraph(paragraph.text)
        _docx_section(document, section, index, style)
    buffer = io.BytesIO()
    document.save(buffer)
    return _reproducible_zip(buffer.getvalue())


def _reproducible_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps and member order, so that reruns are identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=STAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# PDF (legacy layout)
# --------------------------------------------------------------------------------------------

_VOWELS = set("aeiouyäöüéèà")


def hyphenate(text: str) -> str:
    """Put one soft hyphen into each long word, so that lines break inside words as in print."""

    def soft(match: re.Match[str]) -> str:
        word = match.group()
        middle = len(word) // 2
        cuts = [i for i in range(4, len(word) - 4)
                if word[i - 1].lower() in _VOWELS and word[i].lower() not in _VOWELS]
        if not cuts:
            return word
        cut = min(cuts, key=lambda i: abs(i - middle))
        return f"{word[:cut]}\u00ad{word[cut:]}"

    return re.sub(r"(?<!\w)[^\W\d_]{10,}(?!\w)", soft, text)


def _country_name(code: str) -> str:
    from lawgraph.refdata import reference_index

    country = reference_index().country(code)
    return country.name if country else code


def render_pdf(doc: ReportDocument, sample: Sample) -> bytes:
    from fpdf import FPDF

    meta = doc.metadata
    country = _country_name(meta["country"])
    year = meta["reporting_year"]
    running = (f"Sample country report {year} – {country} – lawgraph demonstration, "
               "not a network report")

    class Report(FPDF):
        def header(self) -> None:
            if self.page_no() == 1:
                return
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 5, running, align="C")
            self.ln(10)

        def footer(self) -> None:
            if self.page_no() == 1:
                return
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, str(self.page_no()), align="C")

    pdf = Report(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=22)
    pdf.set_creation_date(STAMP)
    pdf.set_title(f"Report on measures to combat discrimination – Country report {year} – "
                  f"{country} (sample)")
    pdf.set_author(meta["expert"])
    pdf.set_subject(meta.get("sample_note", ""))
    pdf.set_keywords("lawgraph sample; non-discrimination")
    pdf.set_creator("lawgraph tools/make_sample_documents.py")
    _pdf_cover(pdf, meta, country, year)
    pdf.add_page()
    for section in doc.sections:
        _pdf_section(pdf, section)
    return bytes(pdf.output())


def _pdf_cover(pdf, meta: dict[str, str], country: str, year: str) -> None:
    pdf.add_page()
    pdf.ln(30)
    for text, size, bold, gap in (
        ("REPORT ON MEASURES TO COMBAT DISCRIMINATION", 18, True, 10),
        ("Directives 2000/43/EC and 2000/78/EC", 12, False, 25),
        (f"COUNTRY REPORT {year}", 16, True, 10),
        (country.upper(), 16, True, 30),
        (f"Author: {meta['expert']}", 11, False, 8),
        (f"State of affairs up to {meta['state_of_affairs']}", 11, False, 30),
    ):
        pdf.set_font("Helvetica", "B" if bold else "", size)
        pdf.cell(0, 8, text, align="C")
        pdf.ln(8 + gap)
    pdf.set_font("Helvetica", size=9)
    pdf.multi_cell(0, 4.5, f"Sample note: {meta['sample_note']}", align="L")


def _pdf_section(pdf, section: Section) -> None:
    chapter = section.level == 1
    title = section.title.upper() if chapter else section.title
    pdf.ln(4 if chapter else 2)
    pdf.set_font("Helvetica", "B", 12 if chapter else 10.5)
    pdf.multi_cell(0, 6, title, align="L")
    pdf.ln(2)
    pdf.set_font("Helvetica", size=10)
    for paragraph in section.paragraphs:
        pdf.multi_cell(0, 5, hyphenate(paragraph.text), align="J")
        pdf.ln(2.5)
    for table in section.tables:
        pdf.set_font("Helvetica", size=7)
        widths = (3, 3, 2.1, 1.9, 1.9, 2.4, 2.4, 2)[:len(table.header)]
        with pdf.table(col_widths=widths, text_align="LEFT", line_height=4) as grid:
            for row in [table.header, *table.rows]:
                cells = grid.row()
                for text in row:
                    cells.cell(hyphenate(text))
        pdf.set_font("Helvetica", size=10)


# --------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------

SAMPLES = (
    Sample("fr-2024.md", "fr-2024.docx", render_docx, DocxStyle("table", "table")),
    Sample("ie-2024.md", "ie-2024.docx", render_docx, DocxStyle("paragraphs", "paragraphs")),
    Sample("nl-2024.md", "nl-2024.docx", render_docx, DocxStyle("table+properties", "mixed")),
    Sample("de-2012.md", "de-2012.pdf", render_pdf),
    Sample("at-2010.md", "at-2010.pdf", render_pdf),
)


def build(sample: Sample) -> bytes:
    source = read_source(SOURCES / sample.source, display=f"tools/sample_sources/{sample.source}")
    return sample.render(parse_markdown(source), sample)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUTPUT, help="output folder")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if a file is missing or differs")
    args = parser.parse_args(argv)
    stale = []
    for sample in SAMPLES:
        data = build(sample)
        target = args.out / sample.output
        digest = hashlib.sha256(data).hexdigest()[:12]
        if args.check:
            if not target.exists() or target.read_bytes() != data:
                stale.append(sample.output)
            continue
        target.write_bytes(data)
        print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target} "
              f"({len(data):,} bytes, sha256 {digest}…)")
    if stale:
        print(f"out of date: {', '.join(stale)} (run python tools/make_sample_documents.py)")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
