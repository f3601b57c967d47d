"""The review as one self-contained HTML page: inline CSS for screen and print, no scripts, no
external resources. It is also the input of the PDF export.

Every piece of text from the graph is escaped (``html.escape``), and links are only made for
``http``/``https`` URLs, so hostile text in a report (``<script>``, ``javascript:`` links)
is shown as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from typing import BinaryIO

from lawgraph.exports.model import REVIEW_TITLE, Entry, Review
from lawgraph.exports.text import period_text

__all__ = ["HTML", "HtmlExporter", "render_html"]

CSS = """
:root { --ink: #1d1d1b; --muted: #5b5b57; --accent: #1f4e79; --warn: #8a1c1c; }
body { font-family: "DejaVu Serif", Georgia, serif; color: var(--ink); max-width: 48em;
       margin: 2em auto; padding: 0 1em; line-height: 1.45; }
h1, h2, h3, h4 { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: var(--accent); }
h1 { font-size: 1.9em; margin-bottom: .2em; }
h2 { border-bottom: 1px solid var(--accent); padding-bottom: .1em; margin-top: 2em; }
h3 { font-size: 1.1em; margin-top: 1.4em; }
h4 { font-size: 1em; color: var(--ink); margin: 1em 0 .2em; }
.statement { font-size: 1.1em; font-weight: bold; }
.sample-notice { border: 2px solid var(--warn); color: var(--warn); padding: .6em .8em;
                 font-weight: bold; }
.provenance { font-size: .85em; color: var(--muted); }
.provenance code { font-size: .95em; overflow-wrap: anywhere; }
.expert { font-style: italic; color: var(--muted); }
.entry-meta { font-size: .9em; color: var(--muted); margin: 0 0 .3em; }
.entry-source { font-size: .85em; color: var(--muted); }
.entry-source a { overflow-wrap: anywhere; color: var(--accent); }
.editor-note { background: #fff3bf; border-left: 4px solid #e0a800; padding: .2em .6em; }
.empty { font-style: italic; color: var(--muted); }
nav.toc ol { columns: 2; }
@media print {
  @page { size: A4; margin: 2cm 2cm 2.2cm;
          @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; } }
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  header.title-page { page-break-after: always; }
  section.country { page-break-before: always; }
  h2, h3, h4 { page-break-after: avoid; }
  article.entry { page-break-inside: avoid; }
  nav.toc a { color: var(--ink); text-decoration: none; }
}
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _link(url: str | None) -> str:
    if url and url.startswith(("http://", "https://")):
        return f'<a href="{_e(url)}">{_e(url)}</a>'
    return _e(url or "")


def render_html(review: Review) -> str:
    return "".join(_parts(review))


def _parts(review: Review) -> Iterator[str]:
    yield (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(review.statement())}</title>\n"
        f'<meta name="generator" content="lawgraph {_e(review.info.version)}">\n'
        f'<meta name="dcterms.created" content="{_e(review.info.timestamp)}">\n'
        f'<meta name="description" content="{_e(review.statement())}">\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n"
    )
    yield '<header class="title-page">\n'
    yield f"<h1>{_e(REVIEW_TITLE)}</h1>\n"
    yield f'<p class="statement">{_e(review.statement())}</p>\n'
    notice = review.sample_notice()
    if notice:
        yield f'<p class="sample-notice" role="note">{_e(notice)}</p>\n'
    yield from _provenance(review)
    yield '<nav class="toc">\n<h2>Contents</h2>\n<ol>\n'
    for section in review.sections:
        code = _e(section.country.eu_code)
        name = _e(section.country.name)
        yield f'<li><a href="#country-{code}">{name}</a> ({len(section.entries)})</li>\n'
    yield "</ol>\n</nav>\n</header>\n<main>\n"
    for section in review.sections:
        code = _e(section.country.eu_code)
        name = _e(section.country.name)
        yield f'<section class="country" id="country-{code}">\n<h2>{name}</h2>\n'
        if section.experts:
            yield f'<p class="expert">Reporting expert: {_e(", ".join(section.experts))}</p>\n'
        if not section.entries:
            yield '<p class="empty">No developments recorded in the graph for this period.</p>\n'
        for heading, entries in section.by_type():
            yield f'<section class="entry-type">\n<h3>{_e(heading)}</h3>\n'
            for entry in entries:
                yield _entry(entry)
            yield "</section>\n"
        yield "</section>\n"
    yield "</main>\n</body>\n</html>\n"


def _provenance(review: Review) -> Iterator[str]:
    yield '<section class="provenance">\n<h2>About this export</h2>\n<ul>\n'
    yield f"<li>Period: {_e(period_text(review.period_start, review.period_end))}</li>\n"
    yield f"<li>Strand: {_e(review.strand)}</li>\n"
    files = [s for s in review.sources if s.path]
    yield f"<li>Source documents ({len(files)}):\n<ul>\n"
    for source in files:
        sample = " (sample)" if source.sample else ""
        yield (
            f"<li><code>{_e(source.path or '')}</code>{sample}, "
            f"sha256 <code>{_e(source.sha256 or 'not recorded')}</code></li>\n"
        )
    yield "</ul>\n</li>\n"
    computed = [s for s in review.sources if not s.path]
    if computed:
        graphs = ", ".join(f"<code>{_e(s.graph)}</code>" for s in computed)
        yield f"<li>Status changes computed by the gap engine: {graphs}</li>\n"
    if review.editorial:
        yield f"<li>{_e(review.editorial.text())}</li>\n"
    yield f"<li>{_e(review.info.text())}</li>\n</ul>\n</section>\n"


def _entry(entry: Entry) -> str:
    parts = [
        f'<article class="entry" id="{_e(_anchor(entry.key))}" data-key="{_e(entry.key)}">\n',
        f"<h4>{_e(entry.title)}</h4>\n",
        f'<p class="entry-meta">{_e(entry.meta_line())}</p>\n',
    ]
    if entry.summary:
        parts.append(f'<p class="entry-summary">{_e(entry.summary)}</p>\n')
    source = _e(entry.source_line())
    if entry.source_url and entry.source_url.startswith(("http://", "https://")):
        source = source.replace(_e(entry.source_url), _link(entry.source_url), 1)
    parts.append(f'<p class="entry-source">{source}</p>\n')
    parts += [f'<p class="editor-note">Editor: {_e(note)}</p>\n' for note in entry.notes]
    parts.append("</article>\n")
    return "".join(parts)


def _anchor(key: str) -> str:
    return "entry-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in key)


class HtmlExporter:
    name = "html"
    suffix = ".html"
    media_type = "text/html; charset=utf-8"

    def write(self, review: Review, out: BinaryIO) -> None:
        for part in _parts(review):
            out.write(part.encode("utf-8"))


HTML = HtmlExporter()
