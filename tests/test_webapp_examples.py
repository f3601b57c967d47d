"""The SPARQL page's example queries on the bundled corpus: each finds rows, and every column it
selects is filled in somewhere (regression: the Italy example read ``lg:reason/lg:evidenceText``,
which reasons from findings no longer carry, so its evidence column was always empty)."""

from __future__ import annotations

import pytest

from lawgraph.gaps import assessed_years, gaps
from webapp.sparql.examples import EXAMPLES


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.key for e in EXAMPLES])
def test_every_example_finds_rows_with_every_column(corpus_store, example):
    rows = corpus_store.select(example.query)
    assert rows, f"{example.key} finds nothing in the bundled corpus"
    empty = [v for v in rows.variables if not rows.values(v)]
    assert not empty, f"{example.key}: no row has {', '.join('?' + v for v in empty)}"


def test_the_italy_example_shows_the_evidence_of_every_reason(embedded_corpus):
    """The example's evidence column says what the country page says: every reason's sentence
    (a finding's, through ``lg:evidence``, or the reason's own)."""
    example = next(e for e in EXAMPLES if e.key == "italy-2000-78")
    shown = {str(v) for v in embedded_corpus.select(example.query).values("evidence")}
    expected = {
        reason["text"]
        for year in assessed_years(embedded_corpus)
        for row in gaps(embedded_corpus, country="IT", directive="2000/78", year=year)
        for reason in row.reasons
        if reason["text"]
    }
    assert expected and shown == expected
