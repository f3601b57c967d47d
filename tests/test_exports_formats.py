"""Review exporters: golden Markdown and HTML, DOCX read back with python-docx, PDF, escaping of
hostile text, and the exporter registry."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from test_exports_support import (
    FIXED_INFO,
    PERIOD,
    check_golden,
    copy_fixture,
    ensure_pdf_support,
    fixture_store,
    ingest_fixture,
)

import lawgraph
from lawgraph.exports import (
    ExportError,
    exporter,
    exporter_names,
    register_exporter,
    review_entries,
)
from lawgraph.exports.word import STYLES, TOC_INSTRUCTION

HOSTILE_TITLE = '<script>alert("x")</script> & <b>bold</b> *stars* [link](javascript:alert(1))'
HOSTILE_BLOCK = f"""
```development
type: case-law
date: 2023-10-05
title: {HOSTILE_TITLE}
court: Landesarbeitsgericht <i>Berlin</i>
case: 1 Sa <1>/23
grounds: age
summary: </p><img src=x onerror=alert(1)> 1. Not a list & not &amp; an entity.
source: javascript:alert(1)
```
"""


@pytest.fixture(scope="module")
def review():
    return review_entries(fixture_store(), *PERIOD, info=FIXED_INFO)


def _render(review, fmt: str) -> bytes:
    out = io.BytesIO()
    exporter(fmt).write(review, out)
    return out.getvalue()


# --- golden files ----------------------------------------------------------------------------
def test_markdown_golden(review):
    check_golden("review_out.md", _render(review, "md").decode("utf-8"))


def test_html_golden(review):
    check_golden("review_out.html", _render(review, "html").decode("utf-8"))


def test_docx_text_golden(review):
    check_golden("review_out.docx.txt", _docx_text(_render(review, "docx")))


def _docx_text(data: bytes) -> str:
    """Every paragraph as ``[style] text``: what an editor sees, with the structure."""
    from docx import Document

    document = Document(io.BytesIO(data))
    return "".join(f"[{p.style.name}] {p.text}\n" for p in document.paragraphs)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_text_exports_start_with_the_statement_and_the_sample_warning(review, fmt):
    text = _render(review, fmt).decode("utf-8")
    head = text[: text.index("About this export")]
    assert review.statement() in head
    assert "SAMPLE MATERIAL: 5 of 6 source documents are samples" in head
    unescaped = text.replace("&lt;", "<").replace("&gt;", ">")
    assert "Generated 2024-09-01T12:00:00Z by lawgraph <version>." in unescaped
    for source in review.sources:
        if source.path:
            assert source.path in text and source.sha256 in text


# --- DOCX structure ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def document(review):
    from docx import Document

    return Document(io.BytesIO(_render(review, "docx")))


def test_docx_headings_follow_countries_types_and_entries(review, document):
    expected = []
    for section in review.sections:
        expected.append(("Heading 1", section.country.name))
        for heading, entries in section.by_type():
            expected.append(("Heading 2", heading))
            expected += [("Heading 3", e.title) for e in entries]
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings == expected
    assert document.styles["Heading 1"].paragraph_format.page_break_before


def test_docx_one_metadata_and_one_source_paragraph_per_entry(review, document):
    styles = [p.style.name for p in document.paragraphs]
    entries = len(review.entries())
    assert styles.count("Heading 3") == styles.count("Entry Metadata") == entries
    assert styles.count("Entry Source") == entries
    for name in STYLES:
        assert document.styles[name].type == 1  # WD_STYLE_TYPE.PARAGRAPH, editable by name


def test_docx_title_page_states_contents_and_provenance(review, document):
    first = document.paragraphs[:6]
    assert first[0].style.name == "Title" and first[0].text == "European equality law review"
    assert any(p.text == review.statement() and p.style.name == "Review Statement" for p in first)
    assert any(p.style.name == "Sample Notice" for p in first)
    provenance = [p.text for p in document.paragraphs if p.style.name == "Provenance"]
    assert any("review_in/de-2024.md (sample), sha256 " in t for t in provenance)
    assert document.core_properties.title == review.title()
    assert document.core_properties.subject == review.contents()


def test_docx_has_an_updatable_toc_field_and_page_numbers(review):
    data = _render(review, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = package.read("word/document.xml").decode("utf-8")
        settings = package.read("word/settings.xml").decode("utf-8")
        footers = [package.read(n).decode() for n in package.namelist() if "footer" in n]
    assert re.search(r'<w:fldChar w:fldCharType="begin" w:dirty="true"/>', body)
    assert TOC_INSTRUCTION.replace('"', "&quot;") in body or TOC_INSTRUCTION in body
    assert "<w:updateFields" in settings
    assert any(" PAGE " in f for f in footers)
    assert 'TargetMode="External"' in package_rels(data)


def package_rels(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/_rels/document.xml.rels").decode("utf-8")


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_docx_and_fills_the_toc(review, tmp_path):
    source = tmp_path / "review.docx"
    source.write_bytes(_render(review, "docx"))
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    text = (tmp_path / "review.txt").read_text(encoding="utf-8", errors="replace")
    assert "Austria" in text and review.sections[-1].country.name in text


# --- PDF ---------------------------------------------------------------------------------------
def test_pdf_is_a_valid_pdf_that_starts_with_the_statement(review):
    ensure_pdf_support()
    import pypdfium2

    data = _render(review, "pdf")
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    pdf = pypdfium2.PdfDocument(data)
    try:
        assert len(pdf) >= 1 + len(review.sections)  # title page, then a page per country
        page = pdf[0]
        text = page.get_textpage().get_text_range()
        page.close()
    finally:
        pdf.close()
    flat = " ".join(text.split())
    assert "European equality law review" in flat and "SAMPLE MATERIAL" in flat
    assert "4 countries" in flat


def test_pdf_without_system_libraries_names_the_apt_packages(monkeypatch):
    import builtins

    from lawgraph.exports import pdf

    real_import = builtins.__import__

    def failing(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: not found")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing)
    with pytest.raises(ExportError) as caught:
        pdf.load_weasyprint()
    message = str(caught.value)
    assert "apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core" in message


# --- hostile text --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile_review(tmp_path_factory):
    folder = copy_fixture(tmp_path_factory.mktemp("hostile"))
    report = folder / "review_in" / "de-2024.md"
    text = report.read_text(encoding="utf-8")
    marker = "## 11.2 Case law\n"
    assert marker in text
    report.write_text(text.replace(marker, marker + HOSTILE_BLOCK), encoding="utf-8")
    for other in (folder / "review_in").iterdir():
        if not other.name.startswith("de-"):
            other.unlink()
    store = lawgraph.open_store("memory:")
    ingest_fixture(store, folder)
    review = review_entries(store, *PERIOD, info=FIXED_INFO)
    assert any(e.title == HOSTILE_TITLE for e in review.entries())
    return review


def test_html_escapes_hostile_text(hostile_review):
    html = _render(hostile_review, "html").decode("utf-8")
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript:' not in html and "href='javascript:" not in html
    assert "Landesarbeitsgericht &lt;i&gt;Berlin&lt;/i&gt;" in html
    assert "<style>" in html and "<link" not in html  # self-contained


def test_markdown_escapes_hostile_text(hostile_review):
    text = _render(hostile_review, "md").decode("utf-8")
    assert not re.search(r"(?<!\\)<(script|img|b>)", text)
    assert "\\<script\\>" in text and "\\*stars\\*" in text and "\\[link\\]" in text
    assert "\\&amp; an entity" in text


def test_docx_keeps_hostile_text_literally(hostile_review):
    from docx import Document

    document = Document(io.BytesIO(_render(hostile_review, "docx")))
    titles = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    assert HOSTILE_TITLE in titles


# --- registry -------------------------------------------------------------------------------------
def test_default_exporters_are_registered_like_any_other():
    assert exporter_names() == ["md", "html", "docx", "pdf"]
    assert exporter_names("data") == ["nq", "ttl", "jsonld", "csv"]
    assert exporter("md").suffix == ".md"


def test_unknown_format_names_the_known_ones():
    with pytest.raises(
        ExportError, match="unknown review export format 'odt'; use one of: docx, html, md, pdf"
    ):
        exporter("odt")


def test_registering_an_exporter_lazily(review):
    class Plain:
        name = "txt"
        suffix = ".txt"
        media_type = "text/plain"

        def write(self, review, out):
            out.write(review.statement().encode())

    import sys
    import types

    module = types.ModuleType("lawgraph_test_plain")
    module.PLAIN = Plain()
    sys.modules[module.__name__] = module
    try:
        register_exporter("txt", "lawgraph_test_plain:PLAIN")
        assert _render(review, "txt").decode() == review.statement()
    finally:
        from lawgraph.exports import _REGISTRY

        _REGISTRY["review"].pop("txt", None)
        del sys.modules[module.__name__]


def test_writing_to_a_file(review, tmp_path):
    path = Path(tmp_path) / "review.md"
    with path.open("wb") as out:
        exporter("md").write(review, out)
    assert path.read_text(encoding="utf-8").startswith("# European equality law review\n")
