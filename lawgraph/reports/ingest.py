"""The country-report source kind for ``lawgraph.ingest``: Markdown, DOCX and PDF reports."""

from __future__ import annotations

import re

from lawgraph.ingest import BuiltGraph, register_handler
from lawgraph.reports.graph import build_report_graph
from lawgraph.reports.metadata import parse_metadata
from lawgraph.reports.parse import parse_report
from lawgraph.reports.template import recognise
from lawgraph.sources import SourceFile

__all__ = ["CountryReportHandler"]

_REPORT_HEADER = re.compile(
    rb"\A\s*---\s*\n(?:(?!---).*\n)*?\s*reporting[_ ]year\s*:", re.IGNORECASE
)


class CountryReportHandler:
    kind = "country-report"

    def accepts(self, source: SourceFile) -> bool:
        if source.suffix in (".docx", ".pdf"):
            return True
        return source.suffix in (".md", ".markdown") and bool(
            _REPORT_HEADER.match(source.data[:4096])
        )

    def build(self, source: SourceFile) -> BuiltGraph:
        document = parse_report(source)
        metadata = parse_metadata(document)
        recognise(document)
        graph = build_report_graph(document, metadata)
        return BuiltGraph(
            graph=graph.graph,
            triples=graph.triples,
            kind=self.kind,
            label=f"{metadata.country.name} {metadata.year}",
            counts=graph.counts,
            warnings=graph.warnings,
        )


register_handler(CountryReportHandler())
