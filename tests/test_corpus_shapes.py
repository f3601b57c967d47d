"""Every graph lawgraph writes from the bundled corpus conforms to ontology/shapes.ttl."""

from __future__ import annotations

from lawgraph.validation import validate_store


def test_the_ingested_corpus_conforms_to_the_shapes(embedded_corpus):
    names = embedded_corpus.graph_names()
    kinds = {str(g).split("/graph/")[1].split("/")[0] for g in names}
    assert {"reference", "report", "ruling", "assessment"} <= kinds
    report = validate_store(embedded_corpus)
    assert report.violations == [], report.text()
