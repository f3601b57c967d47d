"""PDF country reports, typically the legacy reports of 2004–2014 that exist only as PDF.

The text layer is read with pdfium (pypdfium2), page by page, with the position, size and weight
of each line. Then:

1. **Running headers and footers** are removed: lines at the top or bottom of the page that
   repeat (digits aside) on at least half of the pages, and page numbers.
2. **Headings** are told from the rest. A heading is short, has no final full stop, and starts
   with a section number that follows on from the previous heading ("5.2" → "5.3", "5.2.1",
   "6"); or it stands out typographically (bold or larger than the body text); or it is an
   all-capitals line ("EXECUTIVE SUMMARY", "CHAPTER 5 …"). A numbered list item or a sentence
   that begins with a number is none of these.
3. **Paragraphs** are joined from lines: a paragraph ends at a larger vertical gap, a change of
   font size, a list marker or a heading. Words hyphenated at a line break are rejoined
   ("discrimi-/nation" → "discrimination"), keeping the hyphen of compounds that the document
   writes with one elsewhere ("anti-discrimination").
4. **Metadata** of reports without a metadata header comes from the cover page ("Country
   report 2010 Austria", "Author: …", "Reporting period …", "state of affairs up to 1 January
   2011", "Sample note: …") and the PDF's document properties; the template version is
   guessed from the headings (:func:`lawgraph.reports.template.detect_version`).

Tables are not reconstructed: a table's rows come out as paragraphs (their text is kept).
Locations are pages (``p.4``).
"""

from __future__ import annotations

import ctypes
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from lawgraph.errors import InputError
from lawgraph.reports.model import ReportDocument
from lawgraph.reports.parse import DocumentBuilder, normalise_key, split_heading
from lawgraph.sources import Location, SourceFile

__all__ = ["MAX_PAGES", "parse_pdf"]

MAX_PAGES = 3000
NO_TEXT = "no text layer on any page (a scanned PDF?): run OCR first"
#: share of the page height at the top and bottom where running headers and footers sit
EDGE = 0.1
HYPHEN_MARKS = ("\ufffe", "\x02", "\xad")
#: prefixes that keep their hyphen at a line break when the document does not say otherwise
HYPHEN_PREFIXES = frozenset({"anti", "non", "self", "semi", "ex", "quasi", "cross", "co", "sub"})
REQUIRED = ("country", "reporting_year", "expert", "template")
#: a first page with at most this many words, followed by others, is a cover page
COVER_WORDS = 150
#: a table-of-contents line: a title, leader dots, a page number
_TOC_LINE = re.compile(r"(?:\.\s?){4,}\s*\d+\s*$|…+\s*\d+\s*$")


@dataclass
class _Line:
    text: str
    page: int
    top: float
    bottom: float
    size: float
    bold: bool
    heading: bool = False
    level: int = 1


@dataclass
class _Pages:
    lines: list[list[_Line]] = field(default_factory=list)  # per page, top to bottom
    info: dict[str, str] = field(default_factory=dict)
    heights: list[float] = field(default_factory=list)


def parse_pdf(source: SourceFile) -> ReportDocument:
    pages = _read(source)
    _drop_running_lines(pages)
    lines = [line for page in pages.lines for line in page]
    builder = DocumentBuilder(source, "pdf")
    _Structure(source, builder, lines).run()
    _metadata(source, builder, pages)
    return builder.build()


# --------------------------------------------------------------------------------------------
# Reading pages
# --------------------------------------------------------------------------------------------


def _read(source: SourceFile) -> _Pages:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(source.data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == 4 or "password" in str(exc).lower():
            raise InputError(source.name, None, "the PDF is encrypted (password-protected): save "
                                                "an unprotected copy and ingest that") from exc
        raise InputError(source.name, None, f"not a readable PDF (the file is damaged: {exc})") from exc
    try:
        count = len(document)
        if count == 0:
            raise InputError(source.name, None, "the PDF has no pages")
        if count > MAX_PAGES:
            raise InputError(source.name, None, f"the PDF has {count} pages; lawgraph reads at "
                                                f"most {MAX_PAGES} pages per report")
        pages = _Pages(info=_info(document))
        for number in range(1, count + 1):
            try:
                page = document[number - 1]
            except pdfium.PdfiumError as exc:
                raise InputError(source.name, f"p.{number}", f"the page cannot be read ({exc})") from exc
            try:
                pages.heights.append(page.get_height())
                pages.lines.append(_page_lines(page, number))
            except pdfium.PdfiumError as exc:
                raise InputError(source.name, f"p.{number}",
                                 f"the text of the page cannot be read ({exc})") from exc
            finally:
                page.close()
    finally:
        document.close()
    if not any(pages.lines):
        raise InputError(source.name, None, NO_TEXT)
    return pages


def _info(document) -> dict[str, str]:
    try:
        return {k: v.strip() for k, v in document.get_metadata_dict().items() if v and v.strip()}
    except Exception:  # a damaged info dictionary is not worth failing the report for
        return {}


_LINE = re.compile(r"[^\r\n\ufffe\x02]+[\ufffe\x02]?")


def _page_lines(page, number: int) -> list[_Line]:
    """The lines of a page with the position, size and weight of each line's first character.

    A line ends at a line break, or after a hyphen pdfium marks as a line-end hyphen: pdfium
    joins such a line with whatever comes next in the content stream (even a page number).
    """
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        text = textpage.get_text_range()
        identity = raw.FPDFText_CountChars(handle) == len(text)
        rect, font, flags = raw.FS_RECTF(), ctypes.create_string_buffer(96), ctypes.c_int()
        fonts: dict[bytes, bool] = {}
        lines = []
        for match in _LINE.finditer(text):
            content = match.group()
            stripped = content.strip()
            if not stripped:
                continue
            first = match.start() + content.index(stripped[0])
            index = first if identity else raw.FPDFText_GetCharIndexFromTextIndex(handle, first)
            if index < 0:
                index = first
            raw.FPDFText_GetLooseCharBox(handle, index, rect)
            size = raw.FPDFText_GetFontSize(handle, index)
            bold = raw.FPDFText_GetFontWeight(handle, index) >= 600
            if not bold:
                raw.FPDFText_GetFontInfo(handle, index, font, len(font), ctypes.byref(flags))
                name = font.value
                if name not in fonts:
                    fonts[name] = b"bold" in name.lower() or b"black" in name.lower()
                bold = fonts[name]
            lines.append(_Line(" ".join(stripped.split(" ")), number, rect.top, rect.bottom,
                               round(size, 1), bold))
        return lines
    finally:
        textpage.close()


# --------------------------------------------------------------------------------------------
# Running headers, footers and page numbers
# --------------------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?#+(?:\s*(?:of|/)\s*#+)?$|^[-–]\s*#+\s*[-–]$|^[ivxlc]+$",
                          re.IGNORECASE)


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _edge_lines(page: list[_Line], height: float) -> list[_Line]:
    if not page:
        return []
    return [line for line in page
            if line.top >= height * (1 - EDGE) or line.bottom <= height * EDGE]


def _drop_running_lines(pages: _Pages) -> None:
    edges = [_edge_lines(page, h) for page, h in zip(pages.lines, pages.heights, strict=True)]
    counts = Counter(shape for edge in edges for shape in {_shape(line.text) for line in edge})
    threshold = max(2, len(pages.lines) // 2)
    running = {shape for shape, count in counts.items() if count >= threshold}
    for page, edge in zip(pages.lines, edges, strict=True):
        drop = {id(line) for line in edge
                if _shape(line.text) in running or _PAGE_NUMBER.match(_shape(line.text))}
        if drop:
            page[:] = [line for line in page if id(line) not in drop]


# --------------------------------------------------------------------------------------------
# Headings and paragraphs
# --------------------------------------------------------------------------------------------

_LIST_MARKER = re.compile(r"^(?:[•▪◦●‣·\-–—]\s|\(?[a-z]\)\s|\(?[ivx]{1,4}\)\s|\d{1,2}[.)]\s)")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def _roman(text: str) -> int:
    total = 0
    for char, following in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


def _number_tuple(number: str) -> tuple[int, ...] | None:
    parts = number.split(".")
    if re.fullmatch(r"[IVX]+", parts[0]):
        parts[0] = str(_roman(parts[0]))
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None


def follows(previous: tuple[int, ...] | None, number: tuple[int, ...]) -> bool:
    """Whether a section number can come after the previous heading's number.

    >>> follows((5, 2), (5, 3)), follows((5, 2), (5, 2, 1)), follows((5, 2), (6,))
    (True, True, True)
    >>> follows((5, 2), (1,)), follows((5, 2), (5, 9)), follows(None, (15,))
    (False, False, False)
    """
    if previous is None:
        return number[0] <= 1 and all(n <= 1 for n in number[1:])
    if number in (previous + (1,), previous + (0,)):
        return True
    for level in range(len(previous)):
        if number[:level] == previous[:level] and len(number) > level \
                and previous[level] < number[level] <= previous[level] + 2 \
                and all(n == 1 for n in number[level + 1:]):
            return True
    return False


_WORD = re.compile(r"[^\W\d_][\w-]*")
_LOWER_WORD = re.compile(r"[a-zß-öø-ÿ]{3}")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")


def _toc_line(text: str) -> bool:
    """A table-of-contents entry: "5 REMEDIES AND ENFORCEMENT ........ 37"."""
    return ("...." in text or ". . ." in text or "…" in text) and bool(_TOC_LINE.search(text))


def _caps(text: str) -> bool:
    """An all-capitals line ("EXECUTIVE SUMMARY", "5 REMEDIES AND ENFORCEMENT")."""
    return not _LOWER_WORD.search(text) and len(_UPPER.findall(text)) >= 5


class _Structure:
    def __init__(self, source: SourceFile, builder: DocumentBuilder, lines: list[_Line]) -> None:
        self.source, self.builder, self.lines = source, builder, lines
        sizes = Counter()
        for line in lines:
            sizes[line.size] += len(line.text)
        self.body_size = sizes.most_common(1)[0][0] if sizes else 0.0
        pitches = [a.bottom - b.bottom for a, b in zip(lines, lines[1:], strict=False)
                   if a.page == b.page and a.size == b.size == self.body_size and a.bottom > b.bottom]
        self.pitch = statistics.median(pitches) if pitches else self.body_size * 1.4
        self.previous: tuple[int, ...] | None = None
        self.words, self.hyphenated = self._vocabulary()
        self.cover = self._cover_page()

    def _vocabulary(self) -> tuple[set[str], set[str]]:
        """The words of the document, and those it writes with a hyphen inside a line."""
        text = "\n".join(line.text for line in self.lines).lower()
        words = set(_WORD.findall(text))
        return words, {w for w in words if "-" in w and not w.endswith("-")}

    def _cover_page(self) -> int | None:
        """The first page, if it is a cover: the document goes on and the page is short."""
        if not self.lines or self.lines[-1].page == self.lines[0].page:
            return None
        page = self.lines[0].page
        words = sum(len(line.text.split()) for line in self.lines if line.page == page)
        return page if words <= COVER_WORDS else None

    # headings -------------------------------------------------------------------------------

    def heading_at(self, index: int) -> int:
        """How many lines the heading starting at ``index`` spans (0: not a heading)."""
        line = self.lines[index]
        text = line.text
        if line.page == self.cover or _toc_line(text):
            return 0
        if len(text.split()) > 25 or text.endswith((".", ",", ";")) and not _caps(text):
            return 0
        if line.size < self.body_size - 0.5:  # footnotes, table cells, captions
            return 0
        parts = split_heading(text)
        prominent = (line.bold or line.size >= self.body_size + 1) and len(text.split()) <= 20
        if parts.number is not None:
            number = _number_tuple(parts.number)
            starts_well = parts.text[:1].isupper() or parts.text[:1] == "("
            ordered = number is not None and follows(self.previous, number)
            named = number is None  # "Annex 1", chapter words
            if not starts_well or not (ordered or named or prominent):
                return 0
            if number is not None:
                self.previous = number
        elif not (prominent or _caps(text)) or len(text.split()) > 15 or text.endswith(":"):
            return 0
        return 1 + self._continuation(index)

    def _continuation(self, index: int) -> int:
        """Lines that continue a heading broken over lines (an open bracket, same typography)."""
        line, extra = self.lines[index], 0
        text = line.text
        while index + extra + 1 < len(self.lines) and extra < 2:
            following = self.lines[index + extra + 1]
            unbalanced = text.count("(") > text.count(")")
            same_look = following.bold == line.bold and following.size == line.size \
                and (line.bold or line.size > self.body_size)
            close = following.page == line.page and line.bottom - following.bottom <= self.pitch * 1.5
            if not close or split_heading(following.text).number is not None \
                    or not (unbalanced or same_look):
                break
            text += " " + following.text
            extra += 1
        return extra

    # paragraphs -----------------------------------------------------------------------------

    def breaks(self, before: _Line, after: _Line) -> bool:
        """Whether a new paragraph starts between two body lines."""
        if _LIST_MARKER.match(after.text) or after.size != before.size:
            return True
        if after.page != before.page:
            return before.text.endswith((".", ":", "!", "?")) and not after.text[:1].islower()
        if after.top > before.bottom + 1:  # moved up: a new column or a table cell
            return True
        return before.bottom - after.bottom > self.pitch * 1.35

    def join(self, parts: list[str]) -> str:
        text = ""
        for part in parts:
            if not text:
                text = part
            elif text[-1] in HYPHEN_MARKS or (text.endswith("-") and text[-2:-1].isalpha()
                                              and part[:1].islower()):
                text = self._dehyphenate(text.rstrip("-" + "".join(HYPHEN_MARKS)), part)
            else:
                text = f"{text} {part}"
        for mark in HYPHEN_MARKS:  # pdfium joins hyphenated line breaks itself, with a marker
            if mark in text:
                text = re.sub(rf"(\S*){mark}\s*(\S*)",
                              lambda m: self._dehyphenate(m[1], m[2]), text)
        return text

    def _dehyphenate(self, left: str, right: str) -> str:
        """Rejoin a word broken at a line end, keeping the hyphen of a real compound."""
        word = left.rsplit(" ", 1)[-1]
        head = right.split(" ", 1)[0]
        compound = f"{word}-{head}".lower().strip(".,;:()\"'")
        joined = f"{word}{head}".lower().strip(".,;:()\"'")
        keep = compound in self.hyphenated or (
            joined not in self.words and (word.lower() in HYPHEN_PREFIXES or word[:1].isupper()
                                          and right[:1].isupper()))
        return f"{left}{'-' if keep else ''}{right}"

    def run(self) -> None:
        index, paragraph, start = 0, [], None
        lines = self.lines
        while index < len(lines):
            line = lines[index]
            span = self.heading_at(index)
            if span:
                self.flush(paragraph, start)
                paragraph, start = [], None
                text = " ".join(item.text for item in lines[index:index + span])
                self.builder.heading(self.join([text]), Location(self.source.name, page=line.page))
                index += span
                continue
            if paragraph and self.breaks(lines[index - 1], line):
                self.flush(paragraph, start)
                paragraph, start = [], None
            if not paragraph:
                start = line
            paragraph.append(line.text)
            index += 1
        self.flush(paragraph, start)

    def flush(self, parts: list[str], start: _Line | None) -> None:
        if parts and start is not None:
            self.builder.paragraph(self.join(parts), Location(self.source.name, page=start.page))


# --------------------------------------------------------------------------------------------
# Metadata of legacy reports
# --------------------------------------------------------------------------------------------

_COVER_KEYS = {
    "author": "expert", "expert": "expert", "country": "country", "country_report": None,
    "reporting_period": "period", "period": "period", "sample_note": "sample_note",
    "sample": "sample", "template": "template", "reporting_year": "reporting_year",
    "strand": "strand", "language": "language",
}
_REPORT_YEAR = re.compile(r"\bcountry\s+report\b[^\n]{0,80}?\b((?:19|20)\d{2})\b", re.IGNORECASE)
_STATE = re.compile(r"\b(?:state of affairs|situation)\s+(?:up to|as (?:of|at)|on)\s+"
                    r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+((?:19|20)\d{2})", re.IGNORECASE)
_YEAR_LINE = re.compile(r"^\s*((?:19|20)\d{2})\s*$", re.MULTILINE)
_PERIOD = re.compile(r"\breporting period\s*:?\s*(.+?\d{4})\s*(?:–|—|-|to|until)\s*(.+?\d{4})",
                     re.IGNORECASE)


def _metadata(source: SourceFile, builder: DocumentBuilder, pages: _Pages) -> None:
    cover_page = next((i for i, page in enumerate(pages.lines) if page), 0) + 1
    lines = pages.lines[cover_page - 1]
    cover = [line.text for line in lines]
    where = Location(source.name, page=cover_page)
    for key, value in _cover_fields(lines):
        builder.set_metadata(key, value, where, overwrite=False)
    if builder.metadata.get("sample_note") and "sample" not in builder.metadata:
        builder.set_metadata("sample", "true", where)
    text = "\n".join(cover)
    _cover_facts(builder, text, where)
    info = Location(source.name)
    if pages.info.get("Title"):
        builder.set_metadata("title", pages.info["Title"], info, overwrite=False)
    if pages.info.get("Author"):
        builder.set_metadata("expert", pages.info["Author"], info, overwrite=False)
    if not builder.metadata.get("country"):
        _country(builder, f"{pages.info.get('Title', '')}\n{text}", where)
    if not builder.metadata.get("template"):
        from lawgraph.reports.template import detect_version

        version = detect_version(builder.sections)
        if version:
            builder.set_metadata("template", version, Location(source.name))
    missing = [key for key in REQUIRED if not builder.metadata.get(key)]
    if missing:
        raise InputError(source.name, f"p.{cover_page}",
                         f"cannot tell the {', '.join(k.replace('_', ' ') for k in missing)} of this "
                         "PDF report: neither the cover page nor the document properties say "
                         "(lawgraph reads cover lines such as 'Country report 2010 Austria', "
                         "'Author: …', 'Reporting period 1 January 2015 – 31 December 2015')")


def _cover_fields(lines: list[_Line]) -> list[tuple[str, str]]:
    """``Key: value`` lines of the cover; a value goes on over the lines right below it."""
    fields: list[list] = []
    previous = None
    for line in lines:
        key, sep, value = line.text.partition(":")
        name = _COVER_KEYS.get(normalise_key(key)) if sep and len(key) < 30 else None
        if name:
            fields.append([name, value.strip()])
        elif fields and previous is not None and fields[-1][0] and line.page == previous.page \
                and previous.bottom - line.bottom < (previous.top - previous.bottom) * 1.8:
            fields[-1][1] = f"{fields[-1][1]} {line.text}".strip()
        else:
            fields.append([None, ""])  # a line that is not part of a field ends the field
        previous = line
    return [(name, value) for name, value in fields if name and value]


def _cover_facts(builder: DocumentBuilder, text: str, where: Location) -> None:
    from lawgraph.dates import parse_date

    state = _STATE.search(text)
    if state:
        try:
            cut_off = parse_date(f"{state[1]} {state[2]} {state[3]}")
            builder.set_metadata("state_of_affairs", cut_off.isoformat(), where, overwrite=False)
        except ValueError:
            cut_off = None
    period = _PERIOD.search(text)
    if period:
        builder.set_metadata("period", f"{period[1].strip()} to {period[2].strip()}", where,
                             overwrite=False)
    year = _REPORT_YEAR.search(text) or _YEAR_LINE.search(text)
    if year:  # "Country report 2010 Austria", or a line with the year alone (2015 covers)
        builder.set_metadata("reporting_year", year[1], where, overwrite=False)
    elif state and cut_off and cut_off.month == 1 and cut_off.day == 1:
        # "state of affairs up to 1 January 2011" closes the report on 2010
        builder.set_metadata("reporting_year", str(cut_off.year - 1), where, overwrite=False)
    elif period:  # the report of year N covers year N - 1 ("Reporting period … 2018" → 2019)
        end = re.findall(r"\d{4}", period[2])[-1]
        builder.set_metadata("reporting_year", str(int(end) + 1), where, overwrite=False)


def _country(builder: DocumentBuilder, text: str, where: Location) -> None:
    """The first country named on the cover (by its English name or another known name)."""
    from lawgraph.refdata import reference_index

    found: list[tuple[int, str]] = []
    for country in reference_index().countries.values():
        for name in {country.name, *country.names}:
            if len(name) < 4:
                continue
            match = re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE)
            if match:
                found.append((match.start(), country.eu_code))
    if found:
        builder.set_metadata("country", min(found)[1], where)
