"""The review as a Word document (python-docx) that an editor can keep working with.

* a title page: title, period, the statement of contents, the sample warning, provenance;
* a table of contents as a real ``TOC \\o "1-3"`` field, marked dirty and with
  ``w:updateFields`` set, so that Word and LibreOffice fill it in (or on *Update field*);
* the built-in heading styles: **Heading 1** per country (each starts a new page),
  **Heading 2** per type of entry, **Heading 3** per entry title;
* named paragraph styles for everything else, so that a house style is one edit away:
  ``Entry Metadata`` (date, type, grounds, provisions), ``Body Text`` (the summary),
  ``Entry Source`` (the source line, with a real hyperlink), ``Editor Note``,
  ``Reporting Expert``, ``Review Statement``, ``Sample Notice`` and ``Provenance``;
* the statement and generation time in the document properties, and in the footer with the
  page number.
"""

from __future__ import annotations

from typing import BinaryIO

from lawgraph.exports.model import REVIEW_TITLE, Entry, Review
from lawgraph.exports.text import period_text

__all__ = ["DOCX", "STYLES", "DocxExporter", "build_document"]

#: the paragraph styles this exporter adds: name → (size pt, italic, bold, RGB hex)
STYLES = {
    "Review Statement": (12, False, True, "1F4E79"),
    "Sample Notice": (11, False, True, "8A1C1C"),
    "Provenance": (8, False, False, "5B5B57"),
    "Reporting Expert": (10, True, False, "5B5B57"),
    "Entry Metadata": (9, True, False, "5B5B57"),
    "Entry Source": (8.5, False, False, "5B5B57"),
    "Editor Note": (9, False, True, "7A5200"),
}
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
#: the elements that follow w:updateFields in w:settings (ECMA-376 CT_Settings)
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
)  # fmt: skip


def build_document(review: Review):
    """The review as a ``docx.Document``."""
    from docx import Document

    document = Document()
    _styles(document)
    _properties(document, review)
    _title_page(document, review)
    _contents(document)
    for section in review.sections:
        document.add_paragraph(section.country.name, style="Heading 1")
        if section.experts:
            document.add_paragraph(
                "Reporting expert: " + ", ".join(section.experts), style="Reporting Expert"
            )
        if not section.entries:
            document.add_paragraph(
                "No developments recorded in the graph for this period.", style="Reporting Expert"
            )
        for heading, entries in section.by_type():
            document.add_paragraph(heading, style="Heading 2")
            for entry in entries:
                _entry(document, entry)
    _footer(document, review)
    return document


def _styles(document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    styles = document.styles
    for name, (size, italic, bold, color) in STYLES.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.quick_style = True
        style.font.size = Pt(size)
        style.font.italic = italic
        style.font.bold = bold
        style.font.color.rgb = RGBColor.from_string(color)
        style.paragraph_format.space_after = Pt(4)
    styles["Heading 1"].paragraph_format.page_break_before = True
    styles["Entry Metadata"].paragraph_format.keep_with_next = True
    styles["Entry Source"].paragraph_format.space_after = Pt(10)
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor.from_string("1F4E79")
    link.font.underline = True


def _properties(document, review: Review) -> None:
    props = document.core_properties
    props.title = review.title()
    props.subject = review.contents()
    props.author = "lawgraph"
    props.last_modified_by = f"lawgraph {review.info.version}"
    props.keywords = f"European equality law review; {review.strand}"
    sample = "Contains sample material (see the title page). " if review.sample_notice() else ""
    comments = f"{review.statement()}. {sample}{review.info.text()}"
    props.comments = comments if len(comments) <= 255 else comments[:254] + "…"
    stamp = review.info.generated_at.replace(tzinfo=None)
    props.created = stamp
    props.modified = stamp
    props.revision = 1


def _title_page(document, review: Review) -> None:
    document.add_paragraph(REVIEW_TITLE, style="Title")
    period = period_text(review.period_start, review.period_end)
    document.add_paragraph(f"National developments, {period}", style="Subtitle")
    document.add_paragraph(review.statement(), style="Review Statement")
    notice = review.sample_notice()
    if notice:
        document.add_paragraph(notice, style="Sample Notice")
    document.add_paragraph(f"Period: {period}. Strand: {review.strand}.", style="Provenance")
    files = [s for s in review.sources if s.path]
    document.add_paragraph(f"Source documents ({len(files)}):", style="Provenance")
    for source in files:
        sample = " (sample)" if source.sample else ""
        document.add_paragraph(
            f"{source.path}{sample}, sha256 {source.sha256 or 'not recorded'}", style="Provenance"
        )
    computed = [s.graph for s in review.sources if not s.path]
    if computed:
        document.add_paragraph(
            "Status changes computed by the gap engine: " + ", ".join(computed), style="Provenance"
        )
    if review.editorial:
        document.add_paragraph(review.editorial.text(), style="Provenance")
    document.add_paragraph(review.info.text(), style="Provenance")


def _contents(document) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Contents", style="TOC Heading")
    paragraph = document.add_paragraph()
    _field(
        paragraph,
        TOC_INSTRUCTION,
        "Right-click and choose Update Field (Word), or Tools > Update > Update All "
        "(LibreOffice), to build the table of contents.",
    )
    _update_fields_on_open(document)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A complex field (begin, instruction, separate, placeholder result, end), marked dirty."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def fld_char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            element.set(qn("w:dirty"), "true")
        run._r.append(element)

    fld_char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    fld_char("separate")
    paragraph.add_run(placeholder)
    fld_char("end")


def _update_fields_on_open(document) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    # CT_Settings is a sequence: updateFields goes before the first of these that is present
    later = {qn(f"w:{name}") for name in _AFTER_UPDATE_FIELDS}
    successor = next((child for child in settings if child.tag in later), None)
    if successor is not None:
        successor.addprevious(element)
    else:
        settings.append(element)


def _entry(document, entry: Entry) -> None:
    document.add_paragraph(entry.title, style="Heading 3")
    document.add_paragraph(entry.meta_line(), style="Entry Metadata")
    if entry.summary:
        document.add_paragraph(entry.summary, style="Body Text")
    source = document.add_paragraph(style="Entry Source")
    text = entry.source_line()
    url = entry.source_url
    if url and url.startswith(("http://", "https://")) and url in text:
        before, _, after = text.partition(url)
        source.add_run(before)
        _hyperlink(source, url)
        source.add_run(after)
    else:
        source.add_run(text)
    for note in entry.notes:
        document.add_paragraph(f"Editor: {note}", style="Editor Note")


def _hyperlink(paragraph, url: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = paragraph.add_run(url, style="Hyperlink")
    link.append(run._r)
    paragraph._p.append(link)


def _footer(document, review: Review) -> None:
    footer = document.sections[0].footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    period = period_text(review.period_start, review.period_end)
    footer.add_run(f"{REVIEW_TITLE}, {period} · page ")
    _field(footer, "PAGE", "1")


class DocxExporter:
    name = "docx"
    suffix = ".docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def write(self, review: Review, out: BinaryIO) -> None:
        build_document(review).save(out)


DOCX = DocxExporter()
