"""Reading country reports: Markdown, DOCX and PDF into one ReportDocument structure.

Each construct of each format has a row in a table; every broken input has a row saying which
error it gets and where. DOCX and PDF inputs are built in the tests (python-docx, fpdf2); the
bundled samples are parsed and compared with the Markdown they were generated from.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from lawgraph.errors import InputError
from lawgraph.reports import docx as docx_reader
from lawgraph.reports.metadata import parse_metadata
from lawgraph.reports.model import ReportDocument
from lawgraph.reports.parse import detect_content, parse_report, split_heading
from lawgraph.reports.pdf import NO_TEXT, follows
from lawgraph.sources import SourceFile, read_source

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "reports"
REPORTS = ROOT / "country_reports"
SOURCES = ROOT / "tools" / "sample_sources"
#: set to 1 to rewrite the golden files on purpose
REGENERATE = os.environ.get("LAWGRAPH_REGENERATE_GOLDEN") == "1"


def _source(name: str, data: bytes | str) -> SourceFile:
    data = data.encode() if isinstance(data, str) else data
    return SourceFile(name, data, hashlib.sha256(data).hexdigest())


def _parse(name: str, data: bytes | str) -> ReportDocument:
    return parse_report(_source(name, data))


def _error(name: str, data: bytes | str) -> InputError:
    with pytest.raises(InputError) as caught:
        _parse(name, data)
    return caught.value


def _as_data(doc: ReportDocument) -> dict:
    """A parsed document as plain data, for golden files and comparisons."""
    return {
        "format": doc.format,
        "metadata": doc.metadata,
        "metadata_locations": {k: str(v) for k, v in doc.metadata_locations.items()},
        "preamble": [[p.text, str(p.location)] for p in doc.preamble],
        "sections": [
            {
                "number": s.number, "heading": s.heading, "level": s.level,
                "location": str(s.location),
                "paragraphs": [[p.text, str(p.location)] for p in s.paragraphs],
                "blocks": [{"kind": b.kind, "fields": b.fields, "location": str(b.location),
                            "field_locations": {k: str(v) for k, v in b.field_locations.items()}}
                           for b in s.blocks],
                "tables": [{"header": t.header, "rows": t.rows, "location": str(t.location)}
                           for t in s.tables],
            }
            for s in doc.sections
        ],
    }


# --------------------------------------------------------------------------------------------
# Formats and detection
# --------------------------------------------------------------------------------------------

PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\n"
ZIP_BYTES = b"PK\x03\x04" + b"\x00" * 40


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        pytest.param(PDF_BYTES, "pdf", id="pdf"),
        pytest.param(b"junk before\n%PDF-1.4\n", "pdf", id="pdf-after-junk"),
        pytest.param(ZIP_BYTES, "zip", id="zip"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "ole", id="old-word-doc"),
        pytest.param("# Überschrift\n".encode(), "text", id="utf8-text"),
        pytest.param(b"\x00\x01\x02binary", "binary", id="binary"),
        pytest.param(b"  \n", "empty", id="blank"),
    ],
)
def test_detect_content(data: bytes, kind: str) -> None:
    assert detect_content(data) == kind


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        pytest.param("x.docx", PDF_BYTES, "not a Word document (it is a PDF)", id="pdf-as-docx"),
        pytest.param("x.pdf", ZIP_BYTES, "has no PDF header (it is a ZIP archive", id="zip-as-pdf"),
        pytest.param("x.pdf", b"hello", "has no PDF header", id="text-as-pdf"),
        pytest.param("x.md", PDF_BYTES, "not a Markdown text file (it is a PDF)", id="pdf-as-md"),
        pytest.param("x.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old binary .doc", id="doc"),
        pytest.param("x.docx", b"", "the file is empty", id="empty"),
        pytest.param("x.rtf", b"{\\rtf1}", "cannot read .rtf", id="unknown-suffix"),
    ],
)
def test_suffix_and_content_must_agree(name: str, data: bytes, message: str) -> None:
    error = _error(name, data)
    assert error.source == name and error.location is None
    assert message in error.message
    assert str(error).startswith(f"{name}: ")


@pytest.mark.parametrize(
    ("text", "number", "rest", "depth"),
    [
        pytest.param("5.3 Burden of proof", "5.3", "Burden of proof", 2, id="arabic"),
        pytest.param("5.3. Burden of proof", "5.3", "Burden of proof", 2, id="trailing-dot"),
        pytest.param("11.2 Case law", "11.2", "Case law", 2, id="two-digits"),
        pytest.param("2.1.1 Definition", "2.1.1", "Definition", 3, id="three-levels"),
        pytest.param("0 Introduction", "0", "Introduction", 1, id="chapter-0"),
        pytest.param("II.1.9 Article 9 Victimisation", "II.1.9", "Article 9 Victimisation", 3,
                     id="roman-2004"),
        pytest.param("II. Transposition", "II", "Transposition", 1, id="roman"),
        pytest.param("CHAPTER 5 REMEDIES", "5", "REMEDIES", 1, id="chapter-word"),
        pytest.param("Annex 1: Table of legislation", "Annex 1", "Table of legislation", 1,
                     id="annex"),
        pytest.param("ANNEX 2 International instruments", "Annex 2", "International instruments",
                     1, id="annex-caps"),
        pytest.param("Annex 1", None, "Annex 1", 1, id="annex-alone"),
        pytest.param("Executive summary", None, "Executive summary", None, id="unnumbered"),
        pytest.param("2006 was a good year", None, "2006 was a good year", None, id="year"),
        pytest.param("I think so", None, "I think so", None, id="pronoun"),
    ],
)
def test_split_heading(text: str, number: str | None, rest: str, depth: int | None) -> None:
    parts = split_heading(text)
    assert (parts.number, parts.text, parts.depth) == (number, rest, depth)


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------

HEADER = "---\ncountry: DE\nreporting_year: 2024\nexpert: E\ntemplate: '2015'\n---\n"


def test_markdown_golden_file() -> None:
    """Every construct of the entry format at once, against a golden file."""
    doc = parse_report(read_source(DATA / "constructs.md", display="constructs.md"))
    golden = DATA / "constructs.expected.json"
    data = _as_data(doc)
    if REGENERATE:
        golden.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    assert data == json.loads(golden.read_text())


def _md(body: str) -> ReportDocument:
    return _parse("t.md", HEADER + body)


MARKDOWN_CASES: list = [
    pytest.param("## 5.3 Burden of proof\n", lambda d: (d.sections[0].number, d.sections[0].level),
                 ("5.3", 2), id="level-from-number"),
    pytest.param("#### 5 Remedies\n", lambda d: d.sections[0].level, 1, id="hashes-ignored"),
    pytest.param("### Executive summary\n", lambda d: d.sections[0].level, 3,
                 id="level-from-hashes"),
    pytest.param("## Heading ##\n", lambda d: d.sections[0].heading, "Heading",
                 id="closing-hashes"),
    pytest.param("#NotAHeading\n", lambda d: d.preamble[0].text, "#NotAHeading",
                 id="hash-without-space"),
    pytest.param("# H\none\ntwo\n\nthree\n", lambda d: [p.text for p in d.sections[0].paragraphs],
                 ["one two", "three"], id="hard-wrapped"),
    pytest.param("# H\n\n\nText\n", lambda d: str(d.sections[0].paragraphs[0].location),
                 "t.md:10", id="paragraph-line"),
    pytest.param("# H\n- a\n  b\n* c\n+ d\n", lambda d: [p.text for p in d.sections[0].paragraphs],
                 ["a b", "c", "d"], id="bullets"),
    pytest.param("# H\n1. one\n2) two\n", lambda d: [p.text for p in d.sections[0].paragraphs],
                 ["1. one", "2) two"], id="numbered-items"),
    pytest.param("# H\n> quoted\n> text\n", lambda d: d.sections[0].paragraphs[0].text,
                 "quoted text", id="blockquote"),
    pytest.param("# H\na **b** *c* `d` [e](http://x) <https://y> \\*f\\*\n",
                 lambda d: d.sections[0].paragraphs[0].text, "a b c d e https://y *f*",
                 id="inline-markup"),
    pytest.param("# H\na\n\n---\n\nb\n", lambda d: [p.text for p in d.sections[0].paragraphs],
                 ["a", "b"], id="thematic-break"),
    pytest.param("# H\na <!-- x --> b\n", lambda d: d.sections[0].paragraphs[0].text, "a b",
                 id="inline-comment"),
    pytest.param("<!--\n\n-->\n# H\n", lambda d: str(d.sections[0].location), "t.md:10",
                 id="comment-keeps-lines"),
    pytest.param("# H\n```assessment\nprovision: 2000/43 Art 8\nstatus: partial\n"
                 "reason: first line\n  continued\nsecond part\n```\n",
                 lambda d: d.sections[0].blocks[0].fields,
                 {"provision": "2000/43 Art 8", "status": "partial",
                  "reason": "first line continued second part"}, id="block-continuation"),
    pytest.param("# H\n```assessment\nprovision: x\nStatus: conform\n```\n",
                 lambda d: {k: str(v) for k, v in d.sections[0].blocks[0].field_locations.items()},
                 {"provision": "t.md:9", "status": "t.md:10"}, id="field-locations"),
    pytest.param("# H\n```development\ntype: case-law       # legislation | case-law\n```\n",
                 lambda d: d.sections[0].blocks[0].fields["type"], "case-law",
                 id="trailing-comment"),
    pytest.param("# H\n```development\nsource: https://example.org/a:b\n```\n",
                 lambda d: d.sections[0].blocks[0].fields["source"], "https://example.org/a:b",
                 id="url-value"),
    pytest.param("# H\n~~~~equality-body\nname: B\n~~~~\n", lambda d: d.sections[0].blocks[0].kind,
                 "equality-body", id="tilde-fence"),
    pytest.param("# H\n```json\n{\"a\": 1}\n```\n", lambda d: d.sections[0].paragraphs[0].text,
                 '{"a": 1}', id="other-language-kept"),
    pytest.param("# H\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 |\n",
                 lambda d: (d.sections[0].tables[0].header, d.sections[0].tables[0].rows),
                 (["a", "b"], [["1", "2"], ["3", ""]]), id="table-padded"),
    pytest.param("# H\na | b\n--- | ---\n1 | 2\n", lambda d: d.sections[0].tables[0].rows,
                 [["1", "2"]], id="table-without-outer-pipes"),
    pytest.param("# H\n| a \\| b | c |\n|---|---|\n", lambda d: d.sections[0].tables[0].header,
                 ["a | b", "c"], id="table-escaped-pipe"),
    pytest.param("Title page\n# H\n", lambda d: [p.text for p in d.preamble], ["Title page"],
                 id="preamble"),
]


@pytest.mark.parametrize(("body", "get", "expected"), MARKDOWN_CASES)
def test_markdown_constructs(body: str, get: Callable[[ReportDocument], object], expected) -> None:
    assert get(_md(body)) == expected


@pytest.mark.parametrize(
    ("header", "key", "value", "line"),
    [
        pytest.param("reporting_year: 2024", "reporting_year", "2024", 2, id="int"),
        pytest.param("period: 2023-01-01", "period", "2023-01-01", 2, id="date-iso"),
        pytest.param("sample: yes", "sample", "true", 2, id="bool"),
        pytest.param("grounds: [age, disability]", "grounds", "age; disability", 2, id="list"),
        pytest.param("expert:", "expert", "", 2, id="empty"),
        pytest.param("\n\nReporting Year: 2024", "reporting_year", "2024", 4, id="key-normalised"),
    ],
)
def test_markdown_metadata(header: str, key: str, value: str, line: int) -> None:
    doc = _parse("t.md", f"---\n{header}\n---\n# H\n")
    assert doc.metadata[key] == value
    assert doc.metadata_locations[key].line == line


def test_markdown_bom_and_crlf() -> None:
    doc = _parse("t.md", "\ufeff---\r\ncountry: DE\r\n---\r\n# H\r\ntext\r\n")
    assert doc.metadata == {"country": "DE"}
    assert doc.sections[0].paragraphs[0].location.line == 5


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param("---\ncountry: DE\n# H\n", 1, "never closed", id="unterminated-header"),
        pytest.param("---\ncountry: DE\nexpert: [unclosed\n---\n", 3, "not valid YAML",
                     id="bad-yaml"),
        pytest.param("---\ncountry: DE\n  bad indent: x\n---\n", 3, "not valid YAML",
                     id="bad-indentation"),
        pytest.param("---\n- a list\n---\n", 2, "'key: value' lines", id="header-not-mapping"),
        pytest.param("---\ncountry: DE\ncountry: AT\n---\n", 3, "gives 'country' twice",
                     id="duplicate-key"),
        pytest.param("---\nperiod:\n  start: 2023\n---\n", 2, "nested mapping", id="nested"),
        pytest.param(HEADER + "# H\n```assessment\nstatus: x\n", 8, "never closed",
                     id="unclosed-fence"),
        pytest.param(HEADER + "# H\ntext <!-- no end\n", 8, "never closed with '-->'",
                     id="unclosed-comment"),
        pytest.param(HEADER + "```assessment\nstatus: x\n```\n", 7, "belongs to no section",
                     id="block-before-heading"),
        pytest.param(HEADER + "# H\n```assessment\nno key here\n```\n", 9, "comes before any key",
                     id="text-before-key"),
        pytest.param(HEADER + "# H\n```assessment\nstatus: a\nstatus: b\n```\n", 10,
                     "gives 'status' twice", id="duplicate-field"),
        pytest.param(HEADER + "# H\n```development\n\n```\n", 8, "is empty", id="empty-block"),
        pytest.param(HEADER.encode() + b"# H\n\xff\xfe bad\n", 8, "not UTF-8", id="not-utf8"),
    ],
)
def test_markdown_errors_name_file_and_line(text: str | bytes, line: int, message: str) -> None:
    error = _error("country_reports/xx-2024.md", text)
    assert error.source == "country_reports/xx-2024.md"
    assert str(error.location) == str(line)
    assert str(error).startswith(f"country_reports/xx-2024.md:{line}: ")
    assert message in error.message


@pytest.mark.slow
def test_markdown_is_fast() -> None:
    """A 60,000-word report parses well within the ingest budget (100,000 words/s with NLP)."""
    body = (REPORTS / "at-2023.md").read_text().split("\n---\n", 1)[1]
    text = HEADER + "\n".join([body] * (60000 // len(body.split()) + 1))
    source = _source("big.md", text)
    best = min(_timed(lambda: parse_report(source)) for _ in range(3))
    assert best < 0.25, f"{best:.3f} s for {len(text.split())} words"


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------


def _docx(build: Callable[[docx.document.Document], None], *, author: str = "") -> bytes:
    document = docx.Document()
    document.core_properties.author = author
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document, rows: list[list[str]]):
    table = document.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    return table


def _bold(document, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


def _lines(document, lines: list[str]) -> None:
    paragraph = document.add_paragraph()
    for number, line in enumerate(lines):
        run = paragraph.add_run(line)
        if number < len(lines) - 1:
            run.add_break()


ASSESSMENT = [["provision", "2000/78 Art 10"], ["status", "conform"], ["national", "§ 22 AGG"]]
DOCX_CASES: list = [
    pytest.param(lambda d: d.add_heading("5.3 Burden of proof", 2),
                 lambda r: (r.sections[0].number, r.sections[0].heading, r.sections[0].level),
                 ("5.3", "Burden of proof", 2), id="heading-style"),
    pytest.param(lambda d: d.add_heading("Executive summary", 3),
                 lambda r: (r.sections[0].number, r.sections[0].level), (None, 3),
                 id="unnumbered-heading"),
    pytest.param(lambda d: d.add_paragraph("Country report", style="Title"),
                 lambda r: r.sections[0].heading, "Country report", id="title-style"),
    pytest.param(lambda d: _bold(d, "5.4 Victimisation"), lambda r: r.sections[0].number, "5.4",
                 id="bold-numbered-paragraph"),
    pytest.param(lambda d: (d.add_heading("H", 1), _bold(d, "1. The employer must act.")),
                 lambda r: len(r.sections), 1, id="bold-sentence-is-not-heading"),
    pytest.param(lambda d: (d.add_heading("H", 1), d.add_paragraph("5.4 Victimisation")),
                 lambda r: len(r.sections), 1, id="plain-numbered-is-not-heading"),
    pytest.param(lambda d: (d.add_heading("H", 1), d.add_paragraph("a\tb"), d.add_paragraph(""),
                            d.add_paragraph("c")),
                 lambda r: [(p.text, p.location.paragraph) for p in r.sections[0].paragraphs],
                 [("a b", 2), ("c", 4)], id="paragraph-locations"),
    pytest.param(lambda d: (d.add_heading("H", 1), _table(d, ASSESSMENT)),
                 lambda r: (r.sections[0].blocks[0].kind, r.sections[0].blocks[0].fields["national"]),
                 ("assessment", "§ 22 AGG"), id="assessment-table"),
    pytest.param(lambda d: (d.add_heading("H", 1), _table(d, [["Assessment", ""], *ASSESSMENT])),
                 lambda r: len(r.sections[0].blocks[0].fields), 3, id="labelled-table"),
    pytest.param(lambda d: (d.add_heading("H", 1),
                            _table(d, [["type", "case-law"], ["date", "2023-01-12"],
                                       ["title", "T"], ["summary", "S"]])),
                 lambda r: r.sections[0].blocks[0].kind, "development", id="development-table"),
    pytest.param(lambda d: (d.add_heading("H", 1),
                            _table(d, [["name", "Body"], ["powers", "assist victims"]])),
                 lambda r: r.sections[0].blocks[0].kind, "equality-body", id="equality-body-table"),
    pytest.param(lambda d: (d.add_heading("H", 1), d.add_paragraph("assessment:"),
                            d.add_paragraph("provision: 2000/43 Art 8"),
                            d.add_paragraph("status: conform"), d.add_paragraph("After.")),
                 lambda r: (r.sections[0].blocks[0].fields, [p.text for p in r.sections[0].paragraphs],
                            r.sections[0].blocks[0].field_locations["status"].paragraph),
                 ({"provision": "2000/43 Art 8", "status": "conform"}, ["After."], 4),
                 id="paragraph-group"),
    pytest.param(lambda d: (d.add_heading("H", 1),
                            _lines(d, ["development:", "type: policy", "date: 2023-02-01"])),
                 lambda r: r.sections[0].blocks[0].fields, {"type": "policy", "date": "2023-02-01"},
                 id="lines-in-one-paragraph"),
    pytest.param(lambda d: (d.add_heading("H", 1), d.add_paragraph("```assessment"),
                            d.add_paragraph("status: partial"), d.add_paragraph("reason: a"),
                            d.add_paragraph("   continued"), d.add_paragraph("```")),
                 lambda r: r.sections[0].blocks[0].fields, {"status": "partial", "reason": "a continued"},
                 id="fenced-paragraphs"),
    pytest.param(lambda d: (d.add_heading("Annex 1: Table", 1),
                            _table(d, [["Title (original)", "Abbreviation"], ["Gesetz", "G"]])),
                 lambda r: (r.sections[0].number, r.sections[0].tables[0].header,
                            r.sections[0].tables[0].rows),
                 ("Annex 1", ["Title (original)", "Abbreviation"], [["Gesetz", "G"]]),
                 id="annex-table"),
    pytest.param(lambda d: (d.add_heading("H", 1), _merged(d)),
                 lambda r: r.sections[0].tables[0].header, ["Merged", "c"], id="merged-cells"),
]


def _merged(document) -> None:
    table = _table(document, [["a", "b", "c"], ["1", "2", "3"]])
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Merged"


@pytest.mark.parametrize(("build", "get", "expected"), DOCX_CASES)
def test_docx_constructs(build, get, expected) -> None:
    assert get(_parse("r.docx", _docx(build))) == expected


@pytest.mark.parametrize(
    ("build", "author", "expected"),
    [
        pytest.param(lambda d: _table(d, [["Country", "France"], ["Reporting year", "2024"]]), "",
                     {"country": "France", "reporting_year": "2024"}, id="leading-table"),
        pytest.param(lambda d: _lines(d, ["Country: IE", "Expert: A"]), "",
                     {"country": "IE", "expert": "A"}, id="leading-paragraph"),
        pytest.param(lambda d: (d.add_paragraph("Template: 2015"), d.add_paragraph("Author: B")),
                     "", {"template": "2015", "expert": "B"}, id="author-alias"),
        pytest.param(lambda d: d.add_paragraph("Note: not metadata"), "Jane Author",
                     {"expert": "Jane Author"}, id="core-properties-author"),
        pytest.param(lambda d: _table(d, [["Expert", "Given"], ["Country", "NL"]]), "Other",
                     {"expert": "Given", "country": "NL"}, id="table-wins-over-properties"),
        pytest.param(lambda d: None, "python-docx", {}, id="tool-author-ignored"),
    ],
)
def test_docx_metadata(build, author: str, expected: dict) -> None:
    def document(d) -> None:
        build(d)
        d.add_heading("Executive summary", 1)
        d.add_paragraph("Country: not metadata after the first heading")

    doc = _parse("r.docx", _docx(document, author=author))
    assert doc.metadata == expected
    assert doc.sections[0].paragraphs[0].text.startswith("Country:")


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _valid_docx() -> bytes:
    return _docx(lambda d: (d.add_heading("H", 1), d.add_paragraph("text " * 200)))


def _corrupt_member(data: bytes, member: str = "word/document.xml") -> bytes:
    start = data.index(member.encode()) + len(member) + 20  # inside the compressed data
    return data[:start] + bytes(64) + data[start + 64:]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(_valid_docx()[:2000], "not a readable DOCX (the ZIP archive is damaged)",
                     id="truncated"),
        pytest.param(_corrupt_member(_valid_docx()), "not a readable DOCX", id="damaged-member"),
        pytest.param(_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": bytes(5_000_000)}),
                     "compressed", id="zip-bomb-ratio"),
        pytest.param(_zip({"hello.txt": b"hi"}), "without Office content types", id="plain-zip"),
        pytest.param(_zip({"[Content_Types].xml": b"<not xml"}), "not a", id="broken-xml"),
    ],
)
def test_docx_hostile_input(data: bytes, message: str) -> None:
    error = _error("reports/x.docx", data)
    assert error.source == "reports/x.docx"
    assert message in error.message


def test_docx_zip_bomb_is_refused_before_unpacking(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sum of the declared sizes is checked before anything is decompressed."""
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 1_000_000)
    data = _zip({"[Content_Types].xml": b"<x/>", "a": os.urandom(600_000),
                 "b": os.urandom(600_000)}, zipfile.ZIP_STORED)
    error = _error("x.docx", data)
    assert "would unpack to 1 MB" in error.message and "ZIP bomb" in error.message


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------


def _pdf(pages: list[list[tuple[str, str]]], *, header: str | None = None, numbers: bool = True,
         author: str | None = None, encrypt: bool = False) -> bytes:
    """A PDF from pages of (kind, text) items: h1, h2 (bold), p (justified), small, gap."""
    running = header

    class Document(FPDF):
        def header(self) -> None:
            if running:
                self.set_font("Helvetica", "I", 8)
                self.cell(0, 5, running, align="C")
                self.ln(10)

        def footer(self) -> None:
            if numbers:
                self.set_y(-15)
                self.set_font("Helvetica", size=8)
                self.cell(0, 5, f"- {self.page_no()} -", align="C")

    pdf = Document()
    pdf.core_fonts_encoding = "windows-1252"
    if author:
        pdf.set_author(author)
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="secret")
    for items in pages:
        pdf.add_page()
        for kind, text in items:
            size, style = {"h1": (13, "B"), "h2": (10.5, "B"), "small": (7, "")}.get(kind, (10, ""))
            pdf.set_font("Helvetica", style, size)
            if kind == "gap":
                pdf.ln(float(text))
                continue
            pdf.multi_cell(0, 5, text, align="J" if kind == "p" else "L")
            pdf.ln(3)
    return bytes(pdf.output())


LOREM = ("The Equal Treatment Act applies to employment and to access to goods and services. "
         "Claims are brought before the labour courts within the time limits of the Act. ")
COVER = [("h1", "REPORT ON MEASURES TO COMBAT DISCRIMINATION"), ("gap", "20"),
         ("p", "COUNTRY REPORT 2010"), ("p", "AUSTRIA"), ("p", "Author: Lukas Muster"),
         ("p", "State of affairs up to 1 January 2011"),
         ("p", "Sample note: a test document, not a network report.")]
BODY = [
    [("h1", "INTRODUCTION"), ("h2", "0.1 The national legal system"), ("p", LOREM * 3),
     ("p", "A second paragraph, separated by a gap from the first one.")],
    [("h1", "5 REMEDIES AND ENFORCEMENT"),
     ("h2", "5.3 Burden of proof (Article 8 Directive 2000/43, Article 10 Directive 2000/78)"),
     ("p", "The claimant must make the facts credible. " * 12 + "It is not clear whether this "
           "meets Article 8 of Directive 2000/43."),
     ("p", "1. The first numbered point ends with a full stop."),
     ("p", "15 employers were fined in 2010."),
     ("h1", "8 CO-ORDINATION AT NATIONAL LEVEL"), ("p", "Responsibility is divided.")],
]
RUNNING = "Sample country report 2010 - Austria - test"


@pytest.fixture(scope="module")
def legacy_pdf() -> ReportDocument:
    return _parse("at-2010.pdf", _pdf([COVER, *BODY], header=RUNNING))


@pytest.mark.parametrize(
    ("get", "expected"),
    [
        pytest.param(lambda d: [s.title for s in d.sections],
                     ["INTRODUCTION", "0.1 The national legal system",
                      "5 REMEDIES AND ENFORCEMENT",
                      "5.3 Burden of proof (Article 8 Directive 2000/43, Article 10 Directive 2000/78)",
                      "8 CO-ORDINATION AT NATIONAL LEVEL"], id="headings"),
        pytest.param(lambda d: [s.level for s in d.sections], [1, 2, 1, 2, 1], id="levels"),
        pytest.param(lambda d: [p.text for p in d.sections[1].paragraphs],
                     [(LOREM * 3).strip(), "A second paragraph, separated by a gap from the first one."],
                     id="paragraphs-joined-and-split"),
        pytest.param(lambda d: [p.text[:20] for p in d.sections[3].paragraphs],
                     ["The claimant must ma", "1. The first numbere", "15 employers were fi"],
                     id="numbered-sentences-are-not-headings"),
        pytest.param(lambda d: [p.location.page for p in d.sections[3].paragraphs], [3, 3, 3],
                     id="page-locations"),
        pytest.param(lambda d: any(RUNNING in p.text or p.text.startswith("-")
                                   for s in d.sections for p in s.paragraphs), False,
                     id="running-lines-removed"),
        pytest.param(lambda d: [p.text for p in d.preamble][:2],
                     ["REPORT ON MEASURES TO COMBAT DISCRIMINATION", "COUNTRY REPORT 2010"],
                     id="cover-is-preamble"),
        pytest.param(lambda d: {k: d.metadata.get(k) for k in
                                ("country", "reporting_year", "expert", "template", "sample",
                                 "state_of_affairs")},
                     {"country": "AT", "reporting_year": "2010", "expert": "Lukas Muster",
                      "template": "2008", "sample": "true", "state_of_affairs": "2011-01-01"},
                     id="cover-metadata"),
        pytest.param(lambda d: str(d.metadata_locations["expert"]), "at-2010.pdf:p.1",
                     id="metadata-location"),
    ],
)
def test_pdf_structure(legacy_pdf: ReportDocument, get, expected) -> None:
    assert get(legacy_pdf) == expected


def test_pdf_metadata_is_accepted(legacy_pdf: ReportDocument) -> None:
    meta = parse_metadata(legacy_pdf)
    assert (meta.country.alpha2, meta.year, meta.template, meta.sample) == ("AT", 2010, "2008", True)


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        pytest.param("Rules on anti\u00addiscrimination and the anti-discrimination body", 50,
                     "Rules on anti-discrimination and", id="compound-keeps-hyphen"),
        pytest.param("Under the Gleichbehand\u00adlungsgesetz the rules apply", 50,
                     "Gleichbehandlungsgesetz the rules", id="word-rejoined"),
        pytest.param("In a discrimi\u00adnation case and discrimination", 40,
                     "In a discrimination case", id="known-word-rejoined"),
    ],
)
def test_pdf_dehyphenation(text: str, width: int, expected: str) -> None:
    # the page width puts the soft hyphen at a line end (pdfium then marks the hyphen)
    pdf = FPDF(format=(width, 200))
    pdf.set_margins(5, 5, 5)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in ("Country: AT", "Reporting year: 2010", "Expert: X", "Template: 2008"):
        pdf.cell(0, 5, line)
        pdf.ln(10)
    pdf.multi_cell(0, 5, f"{text} in this test.")
    doc = _parse("h.pdf", bytes(pdf.output()))
    assert expected in " ".join(p.text for p in doc.preamble)


def test_pdf_2004_and_2015_templates_detected() -> None:
    cover = [("p", "Country report 2005 Belgium"), ("p", "Author: X")]
    old = _parse("be.pdf", _pdf([cover, [("h1", "II.1 Directive 2000/43"),
                                         ("h2", "II.1.8 Article 8 Burden of proof"),
                                         ("p", LOREM)]]))
    new = _parse("be.pdf", _pdf([cover, [("h1", "EXECUTIVE SUMMARY"), ("p", LOREM),
                                         ("h1", "11 LATEST DEVELOPMENTS IN 2015"), ("p", LOREM)]]))
    assert (old.metadata["template"], new.metadata["template"]) == ("2004", "2015")
    assert [s.number for s in old.sections] == ["II.1", "II.1.8"]


@pytest.mark.parametrize(
    ("cover", "author", "expected"),
    [
        pytest.param([("p", "Country report Non-discrimination"), ("p", "Ireland"),
                      ("p", "Reporting period 1 January 2018 - 31 December 2018"), ("p", "2019")],
                     "Judy Example", {"country": "IE", "reporting_year": "2019",
                                      "period": "1 January 2018 to 31 December 2018",
                                      "expert": "Judy Example"}, id="2015-cover"),
        pytest.param([("p", "Country report Non-discrimination"), ("p", "Ireland"),
                      ("p", "Reporting period 1 January 2018 - 31 December 2018")], "X",
                     {"reporting_year": "2019"}, id="year-from-period"),
        pytest.param([("p", "COUNTRY REPORT 2011"), ("p", "IRELAND"),
                      ("p", "State of affairs up to 1st January 2012"), ("p", "Author: O. Example")],
                     None, {"country": "IE", "reporting_year": "2011", "expert": "O. Example",
                            "state_of_affairs": "2012-01-01"}, id="2008-cover"),
    ],
)
def test_pdf_cover_metadata(cover, author: str | None, expected: dict) -> None:
    body = [("h1", "EXECUTIVE SUMMARY"), ("p", LOREM), ("h1", "1 GENERAL LEGAL FRAMEWORK"),
            ("p", LOREM)]
    doc = _parse("ie.pdf", _pdf([cover, body], author=author))
    assert {k: doc.metadata.get(k) for k in expected} == expected


def test_pdf_table_of_contents_lines_are_not_headings() -> None:
    toc = [("h1", "TABLE OF CONTENTS"), ("p", "1 GENERAL LEGAL FRAMEWORK ........ 5"),
           ("p", "2 THE DEFINITION OF DISCRIMINATION ........ 7")]
    cover = [*COVER, ("p", "Template: 2008")]
    doc = _parse("t.pdf", _pdf([cover, toc, [("h1", "1 GENERAL LEGAL FRAMEWORK"), ("p", LOREM)]]))
    assert [s.title for s in doc.sections] == ["TABLE OF CONTENTS", "1 GENERAL LEGAL FRAMEWORK"]


@pytest.mark.parametrize(
    ("previous", "number", "expected"),
    [
        ((5, 2), (5, 3), True), ((5, 2), (5, 2, 1), True), ((5, 2), (6,), True),
        ((5, 2, 1), (6,), True), ((0, 3), (1,), True), (None, (0, 1), True), (None, (1,), True),
        ((5, 2), (1,), False), ((5, 2), (5, 9), False), ((5, 2), (5, 2), False),
        (None, (15,), False), ((2, 1), (3, 4), False),
    ],
    ids=str,
)
def test_pdf_heading_numbers_must_follow(previous, number, expected: bool) -> None:
    assert follows(previous, number) is expected


def _image_only_pdf() -> bytes:
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(image, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(image.getvalue()), x=10, y=10, w=100)
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("data", "location", "message"),
    [
        pytest.param(_image_only_pdf(), None, NO_TEXT, id="scanned"),
        pytest.param(_pdf([BODY[0]], encrypt=True), None, "encrypted", id="encrypted"),
        pytest.param(b"%PDF-1.4\n1 0 obj garbage", None, "not a readable PDF", id="damaged"),
        pytest.param(_pdf([BODY[0]])[:300], None, "not a readable PDF", id="truncated"),
        pytest.param(_pdf([[("p", "Some text without a cover.")], BODY[1]]), "p.1",
                     "cannot tell the country, reporting year, expert", id="no-metadata"),
    ],
)
def test_pdf_broken_input(data: bytes, location: str | None, message: str) -> None:
    error = _error("reports/x.pdf", data)
    assert error.source == "reports/x.pdf"
    assert error.location == location
    assert message in error.message


# --------------------------------------------------------------------------------------------
# The bundled samples
# --------------------------------------------------------------------------------------------

SAMPLES = {
    # name: (template, sections, blocks, tables)
    "fr-2024.docx": ("2015", 25, 9, 1),
    "ie-2024.docx": ("2015", 20, 7, 1),
    "nl-2024.docx": ("2015", 22, 7, 1),
    "de-2012.pdf": ("2008", 27, 0, 0),
    "at-2010.pdf": ("2008", 18, 0, 0),
}


@pytest.fixture(scope="module", params=sorted(SAMPLES))
def sample(request: pytest.FixtureRequest) -> tuple[str, ReportDocument, ReportDocument]:
    name = request.param
    document = parse_report(read_source(REPORTS / name, display=f"country_reports/{name}"))
    source = parse_report(read_source(SOURCES / f"{Path(name).stem}.md"))
    return name, document, source


def test_sample_counts_and_metadata(sample) -> None:
    name, doc, _ = sample
    template, sections, blocks, tables = SAMPLES[name]
    assert (len(doc.sections), sum(len(s.blocks) for s in doc.sections),
            sum(len(s.tables) for s in doc.sections)) == (sections, blocks, tables)
    meta = parse_metadata(doc)
    assert meta.template == template and meta.sample and "not a" in meta.sample_note.lower()
    assert meta.country.alpha2.lower() == name[:2]


def test_sample_matches_its_markdown_source(sample) -> None:
    name, doc, source = sample
    assert [s.title.lower() for s in doc.sections] == [s.title.lower() for s in source.sections]
    for ours, theirs in zip(doc.sections, source.sections, strict=True):
        if ours.number == "Annex 1":
            continue  # a PDF table comes out as lines of text
        assert [p.text for p in ours.paragraphs] == [p.text for p in theirs.paragraphs]
        assert [(b.kind, b.fields) for b in ours.blocks] == [(b.kind, b.fields) for b in theirs.blocks]
        if name.endswith(".docx"):
            assert [(t.header, t.rows) for t in ours.tables] == [(t.header, t.rows)
                                                                 for t in theirs.tables]


@pytest.mark.parametrize("path", sorted(p for p in REPORTS.glob("*.md") if p.name != "README.md"),
                         ids=lambda p: p.name)
def test_markdown_corpus_parses(path: Path) -> None:
    doc = parse_report(read_source(path))
    assert doc.sections and parse_metadata(doc).year >= 2000


@pytest.mark.slow
def test_sample_documents_are_up_to_date() -> None:
    """The committed samples are exactly what tools/make_sample_documents.py writes."""
    spec = importlib.util.spec_from_file_location(
        "make_sample_documents", ROOT / "tools" / "make_sample_documents.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    assert module.main(["--check"]) == 0
