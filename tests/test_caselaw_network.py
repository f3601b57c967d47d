"""Questions a lawyer asks of the bundled corpus, answered from the store (both back-ends).

The expected answers are read off the corpus headers (``interprets:``, ``cites:``,
``country:``, ``date:``) and the concept map of the reference data:

* leading cases on 2000/78 Art 2(2)(b): the rulings whose ``interprets`` names 2(2)(b) or a part
  of it: Achbita (2(2)(b); cited by WABE and Commune d'Ans), Ruiz Conejero and Commune d'Ans
  (2(2)(b)(i); cited by none, so by date). WABE interprets Art 2(2), the provision *above*
  2(2)(b), and is not one of them.
* burden of proof (concept map: 2000/43 Art 8, 2000/78 Art 10, 2004/113 Art 9, 2006/54 Art 19):
  Feryn, Meister, Accept, CHEZ and Egenberger; no bundled ruling interprets 2004/113 Art 9.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lawgraph.caselaw.network import (
    case_law_line,
    citation_network,
    concept_case_law,
    cross_country_citations,
    leading_cases,
    provisions_without_case_law,
)
from lawgraph.ingest import ingest
from lawgraph.refdata import reference_index
from lawgraph.reference import load_reference
from lawgraph.store import GraphStore
from lawgraph.vocab import concept_iri

CASE_LAW = Path(__file__).resolve().parents[1] / "case_law"


@pytest.fixture
def corpus(store: GraphStore) -> GraphStore:
    load_reference(store)
    summary = ingest(store, [CASE_LAW])
    assert summary.ok, summary.text()
    return store


def _provision(directive: str, path: str):
    index = reference_index()
    return index.provision(index.directive(directive).celex, path).iri


def _rows(entries) -> list[tuple]:
    return [(e.label, e.date.isoformat(), e.provisions, e.cited_by) for e in entries]


LEADING_2_2_B = [
    # (ruling, date, provisions matched, cited by how many rulings in the corpus)
    ("C-157/15 Achbita (G4S Secure Solutions)", "2017-03-14", ("2000/78 Art 2(2)(b)",), 2),
    ("C-270/16 Ruiz Conejero", "2018-01-18", ("2000/78 Art 2(2)(b)(i)",), 0),
    ("C-148/22 Commune d'Ans", "2023-11-28", ("2000/78 Art 2(2)(b)(i)",), 0),
]

BURDEN_OF_PROOF = [
    ("C-54/07 Feryn", "2008-07-10", ("2000/43 Art 8(1)",), 1),
    (
        "C-415/10 Meister",
        "2012-04-19",
        ("2000/43 Art 8(1)", "2000/78 Art 10(1)", "2006/54 Art 19"),
        0,
    ),
    ("C-81/12 Asociaţia Accept", "2013-04-25", ("2000/78 Art 10(1)",), 1),
    ("C-83/14 CHEZ Razpredelenie Bulgaria (Nikolova)", "2015-07-16", ("2000/43 Art 8(1)",), 0),
    ("C-414/16 Egenberger", "2018-04-17", ("2000/78 Art 10",), 2),
]

LINE_6_1 = [
    ("C-144/04 Mangold", "2005-11-22"),
    ("C-411/05 Palacios de la Villa", "2007-10-16"),
    ("C-388/07 Age Concern England (Heyday)", "2009-03-05"),
    ("C-341/08 Petersen", "2010-01-12"),
    ("C-555/07 Kücükdeveci", "2010-01-19"),
    ("C-447/09 Prigge", "2011-09-13"),
    ("C-286/12 Commission v Hungary", "2012-11-06"),
]

CROSS_COUNTRY = [
    # (citing, its country, cited, its country): the header's cites: where countries differ
    (
        "C-335/11 and C-337/11 HK Danmark (Ring and Skouboe Werge)",
        "DK",
        "C-13/05 Chacón Navas",
        "ES",
    ),
    ("C-81/12 Asociaţia Accept", "RO", "C-54/07 Feryn", "BE"),
    (
        "C-312/11 Commission v Italy",
        "IT",
        "C-335/11 and C-337/11 HK Danmark (Ring and Skouboe Werge)",
        "DK",
    ),
    ("C-267/12 Hay", "FR", "C-147/08 Römer", "DE"),
    ("C-267/12 Hay", "FR", "C-267/06 Maruko", "DE"),
    ("C-83/14 CHEZ Razpredelenie Bulgaria (Nikolova)", "BG", "C-303/06 Coleman", "UK"),
    ("C-395/15 Daouidi", "ES", "C-335/11 and C-337/11 HK Danmark (Ring and Skouboe Werge)", "DK"),
    ("C-193/17 Cresco Investigation", "AT", "C-414/16 Egenberger", "DE"),
    ("C-507/18 Rete Lenford", "IT", "C-81/12 Asociaţia Accept", "RO"),
    (
        "C-804/18 and C-341/19 WABE and MH Müller Handel",
        "DE",
        "C-157/15 Achbita (G4S Secure Solutions)",
        "BE",
    ),
    ("C-148/22 Commune d'Ans", "BE", "C-804/18 and C-341/19 WABE and MH Müller Handel", "DE"),
]


def test_leading_cases_on_2000_78_article_2_2_b(corpus: GraphStore) -> None:
    target = _provision("2000/78", "2(2)(b)")
    assert _rows(leading_cases(corpus, target)) == LEADING_2_2_B
    assert _rows(leading_cases(corpus, target, include_parts=False)) == LEADING_2_2_B[:1]
    assert _rows(leading_cases(corpus, target, limit=1)) == LEADING_2_2_B[:1]
    ranks = leading_cases(corpus, target)
    assert ranks[0].pagerank > ranks[1].pagerank == ranks[2].pagerank


def test_all_case_law_on_burden_of_proof_across_directives(corpus: GraphStore) -> None:
    assert _rows(concept_case_law(corpus, concept_iri("burden-of-proof"))) == BURDEN_OF_PROOF


def test_the_line_of_case_law_on_age_justification(corpus: GraphStore) -> None:
    line = case_law_line(corpus, _provision("2000/78", "6(1)"))
    assert [(e.label, e.date.isoformat()) for e in line] == LINE_6_1


def test_rulings_citing_rulings_from_another_country(corpus: GraphStore) -> None:
    rows = cross_country_citations(corpus)
    assert sorted(
        (r["citing"], r["citing_country"], r["cited"], r["cited_country"]) for r in rows
    ) == sorted(CROSS_COUNTRY)


def test_mandatory_articles_without_case_law(corpus: GraphStore) -> None:
    eed = reference_index().directive("2000/78").iri
    red = reference_index().directive("2000/43").iri
    assert [r["provision"] for r in provisions_without_case_law(corpus, eed)] == [
        "2000/78 Art 11",
        "2000/78 Art 16",
    ]
    assert [r["provision"] for r in provisions_without_case_law(corpus, red)] == [
        "2000/43 Art 6",
        "2000/43 Art 9",
        "2000/43 Art 13",
        "2000/43 Art 14",
    ]
    every = provisions_without_case_law(corpus)
    assert {"2004/113 Art 9", "2000/78 Art 11"} <= {r["provision"] for r in every}


def test_the_citation_network(corpus: GraphStore) -> None:
    network = citation_network(corpus)
    assert len(network.rulings) == 42
    # one edge per cites: entry of the headers (16), all resolved to the judgment
    assert network.ruling_graph.number_of_edges() == 16 and network.unresolved == []
    kinds = {network.rulings[n].kind for n in network.ruling_graph.nodes}
    assert kinds == {"judgment", "ag-opinion"}
    assert all(network.rulings[b].kind == "judgment" for _, b in network.ruling_graph.edges)
