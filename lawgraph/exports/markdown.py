"""The review as Markdown (CommonMark): for editors' drafts, diffs and golden files.

Text from the graph is escaped so that it reads as written: Markdown punctuation and ``<`` are
backslash-escaped, so a title such as ``<script>`` or ``*urgent*`` is shown, never interpreted.
Each entry ends with an HTML comment holding its key (``<!-- key: DE/2023-07-18/policy/… -->``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from lawgraph.exports.model import REVIEW_TITLE, Entry, Review
from lawgraph.exports.text import period_text

__all__ = ["MARKDOWN", "MarkdownExporter", "md_escape", "render_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*\d*)([-+=.)])(\s)")


def md_escape(text: str) -> str:
    """Escape what Markdown would interpret.

    >>> md_escape("<script> *x* 1. y")
    '\\\\<script\\\\> \\\\*x\\\\* 1. y'
    """
    text = _SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    return _LINE_START.sub(r"\1\\\2\3", text)


def _code(text: str) -> str:
    return f"`{text.replace('`', '')}`"


def render_markdown(review: Review) -> str:
    return "\n".join(_lines(review)) + "\n"


def _lines(review: Review) -> Iterator[str]:
    yield f"# {REVIEW_TITLE}"
    yield ""
    yield f"**{md_escape(review.statement())}**"
    yield ""
    notice = review.sample_notice()
    if notice:
        yield f"> **{md_escape(notice)}**"
        yield ""
    yield from _provenance(review)
    yield "## Contents"
    yield ""
    for section in review.sections:
        yield f"- {md_escape(section.country.name)} ({len(section.entries)})"
    yield ""
    for section in review.sections:
        yield f"## {md_escape(section.country.name)}"
        yield ""
        if section.experts:
            yield f"*Reporting expert: {md_escape(', '.join(section.experts))}*"
            yield ""
        if not section.entries:
            yield "*No developments recorded in the graph for this period.*"
            yield ""
        for heading, entries in section.by_type():
            yield f"### {heading}"
            yield ""
            for entry in entries:
                yield from _entry(entry)


def _provenance(review: Review) -> Iterator[str]:
    yield "## About this export"
    yield ""
    yield f"- Period: {period_text(review.period_start, review.period_end)}"
    yield f"- Strand: {review.strand}"
    files = [s for s in review.sources if s.path]
    yield f"- Source documents ({len(files)}):"
    for source in files:
        sample = " (sample)" if source.sample else ""
        digest = _code(source.sha256 or "not recorded")
        yield f"  - {_code(source.path or '')}{sample}, sha256 {digest}"
    computed = [s for s in review.sources if not s.path]
    if computed:
        graphs = ", ".join(_code(s.graph) for s in computed)
        yield f"- Status changes computed by the gap engine: {graphs}"
    if review.editorial:
        yield f"- {md_escape(review.editorial.text())}"
    yield f"- {review.info.text()}"
    yield ""


def _entry(entry: Entry) -> Iterator[str]:
    yield f"#### {md_escape(entry.title)}"
    yield ""
    yield f"*{md_escape(entry.meta_line())}*"
    yield ""
    if entry.summary:
        yield md_escape(entry.summary)
        yield ""
    yield md_escape(entry.source_line())
    yield ""
    for note in entry.notes:
        yield f"> **Editor:** {md_escape(note)}"
        yield ""
    yield f"<!-- key: {entry.key.replace('--', '-')} -->"
    yield ""


class MarkdownExporter:
    name = "md"
    suffix = ".md"
    media_type = "text/markdown; charset=utf-8"

    def write(self, review: Review, out: BinaryIO) -> None:
        for line in _lines(review):
            out.write(line.encode("utf-8") + b"\n")


MARKDOWN = MarkdownExporter()
