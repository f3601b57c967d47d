"""Building a report's graph: the section nodes as docs/data-model.md describes them, and what
the builder does to stay fast on long reports."""

from __future__ import annotations

import gc
import hashlib

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

import lawgraph.reports.graph as graph_module
from lawgraph.reports.graph import build_report_graph
from lawgraph.reports.metadata import parse_metadata
from lawgraph.reports.parse import parse_report
from lawgraph.reports.template import recognise
from lawgraph.sources import SourceFile
from lawgraph.vocab import LG

REPORT = """---
country: DE
reporting_year: 2024
period: 2023-01-01 to 2023-12-31
expert: Jane Example
template: "2015"
strand: non-discrimination
language: en
---

# 1 General legal framework

The constitution guarantees equality before the law.

Statute law protects against discrimination by private actors.

# 7 Musings of the expert

Nothing in the template is about this.
"""

SECTION = URIRef("https://w3id.org/lawgraph/id/report/DE/2024/section/general-legal-framework")


def _built(text: str = REPORT):
    data = text.encode()
    doc = parse_report(SourceFile("de-2024.md", data, hashlib.sha256(data).hexdigest()))
    meta = parse_metadata(doc)
    recognise(doc)
    return build_report_graph(doc, meta)


def test_a_section_node_has_the_documented_triples():
    built = _built()
    section = {(p, o) for s, p, o in built.triples if s == SECTION}
    assert section == {
        (RDF.type, LG.ReportSection),
        (DCTERMS.isPartOf, URIRef("https://w3id.org/lawgraph/id/report/DE/2024")),
        (DCTERMS.title, Literal("General legal framework", lang="en")),
        (LG.sectionNumber, Literal("1")),
        (LG.order, Literal(0)),
        (LG.location, Literal("de-2024.md:11")),
        (LG.templateKey, Literal("general-legal-framework")),
        (
            LG.text,
            Literal(
                "The constitution guarantees equality before the law.\n\n"
                "Statute law protects against discrimination by private actors.",
                lang="en",
            ),
        ),
    }
    # an exact heading match has no key confidence; a near one has its figure
    assert not [o for s, p, o in built.triples if p == LG.keyConfidence]
    unmapped = [s for s, p, o in built.triples if p == RDF.type and o == LG.UnmappedSection]
    assert len(unmapped) == 1
    assert built.counts["sections"] == 2
    assert built.counts["unmapped sections"] == 1


def test_the_triples_are_rdflib_terms():
    for triple in _built().triples:
        assert all(isinstance(term, URIRef | Literal) for term in triple), triple


def test_older_objects_are_frozen_while_building_and_unfrozen_after(monkeypatch):
    """The objects that exist before the build are kept out of the garbage collector's full
    collections during it, and handed back afterwards, also when the build fails."""
    seen = []
    real = graph_module.extract_many

    def spy(*args, **kwargs):
        seen.append(gc.get_freeze_count())
        return real(*args, **kwargs)

    monkeypatch.setattr(graph_module, "extract_many", spy)
    assert gc.get_freeze_count() == 0
    _built()
    assert seen and min(seen) > 0
    assert gc.get_freeze_count() == 0

    def broken(*args, **kwargs):
        raise RuntimeError("extraction failed")

    monkeypatch.setattr(graph_module, "extract_many", broken)
    with pytest.raises(RuntimeError):
        _built()
    assert gc.get_freeze_count() == 0


def test_a_near_heading_match_keeps_its_key_confidence():
    built = _built(
        REPORT.replace("# 1 General legal framework", "# 1 General legal framework overview")
    )
    [(section, confidence)] = [(s, o) for s, p, o in built.triples if p == LG.keyConfidence]
    assert section == SECTION
    assert confidence.datatype == XSD.decimal and 0 < float(confidence) < 1


def test_decimal_literals_hold_decimals() -> None:
    """Regression: key confidences were Literal(0.74, datatype=xsd:decimal), whose value is a
    float, so the review workflow's SHACL check rejected every inexact heading match."""
    from decimal import Decimal

    from rdflib import Literal
    from rdflib.namespace import XSD

    from lawgraph.reports.graph import _decimal

    assert isinstance(_decimal(0.74).value, Decimal) and not _decimal(0.74).ill_typed
    assert _decimal(0.74) == Literal("0.74", datatype=XSD.decimal)
