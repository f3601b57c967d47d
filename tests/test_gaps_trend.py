"""The gap engine's quick readings for the web app: the trend over the years and the assessed
years from the status tables, status-only diffs, and the fall-backs when a table is missing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from lawgraph.gaps import (
    assessed_years,
    assessments,
    diff,
    status_table,
    trend,
)
from lawgraph.store import EmbeddedStore
from lawgraph.vocab import LGD, PROV, status_table_iri

REPORTS = Path(__file__).resolve().parents[1] / "country_reports"


def _counted(store, year, keep=lambda row: True) -> dict[str, int]:
    return dict(Counter(r.status for r in assessments(store, year=year, with_reasons=True)
                        if keep(r)))


def test_assessed_years_are_the_years_with_assessments(embedded_corpus):
    years = assessed_years(embedded_corpus)
    assert years and years == sorted({r.year for y in years
                                      for r in assessments(embedded_corpus, year=y)})


def test_the_trend_counts_what_the_assessments_say(embedded_corpus):
    points = trend(embedded_corpus)
    assert [p.year for p in points] == assessed_years(embedded_corpus)
    for point in points:
        assert point.counts == _counted(embedded_corpus, point.year)
        assert point.total == sum(point.counts.values())
        assert point.gaps == sum(point.counts.get(s, 0)
                                 for s in ("not-transposed", "incorrect", "partial"))


def test_the_trend_filters_by_directive_country_and_provision(embedded_corpus):
    year = assessed_years(embedded_corpus)[-1]
    rows = assessments(embedded_corpus, year=year, directive="2000/78", with_reasons=False)
    some = {str(r.provision) for r in rows[::2]}
    codes = sorted({r.country for r in rows})[:2]
    [point] = trend(embedded_corpus, years=[year], directive="2000/78", countries=codes,
                    provisions=some)
    assert point.total and point.counts == _counted(
        embedded_corpus, year,
        lambda r: "/32000L0078/" in str(r.provision) and r.country in codes
        and str(r.provision) in some)


def test_a_status_only_diff_says_what_the_full_diff_says(embedded_corpus):
    years = assessed_years(embedded_corpus)
    if len(years) < 2:
        pytest.skip("the corpus has one reporting year")
    full = diff(embedded_corpus, years[-2], years[-1])
    quick = diff(embedded_corpus, years[-2], years[-1], evidence=False)
    assert full.changes
    assert [(c.country, c.provision, c.kind, c.before, c.after) for c in quick.changes] == [
        (c.country, c.provision, c.kind, c.before, c.after) for c in full.changes]
    assert all(not c.evidence_after and not c.evidence_before for c in quick.changes)


@pytest.fixture
def italy(tmp_path):
    from lawgraph import ingest, init

    store = EmbeddedStore(tmp_path / "s")
    init(store)
    ingest(store, [REPORTS / "it-2024.md"])
    yield store
    store.close()


def test_without_a_table_the_trend_counts_the_assessments(italy):
    expected = _counted(italy, 2024)
    graph = LGD["graph/assessment/IT/2024"]
    table = status_table_iri("IT", 2024)
    italy.replace_graph(graph, [t for t in italy.graph(graph) if t[0] != table])
    assert status_table(italy, 2024) is None
    assert trend(italy, years=[2024])[0].counts == expected


def test_an_assessment_graph_without_assessments_needs_no_table(italy):
    """(A country-year with nothing to assess gets a graph with its activity only.)"""
    expected = status_table(italy, 2024)
    empty = LGD["graph/assessment/DE/2024"]
    italy.replace_graph(empty, [(empty, PROV.wasGeneratedBy, LGD["graph/assessment/DE/2024/activity"])])
    assert status_table(italy, 2024) == expected
