"""The per-country rule workspace and the materialised status tables.

The workspace must give every rule exactly the rows it gives over the whole store (for the
country-years assessed), and the status tables exactly what the assessment triples say.
"""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import URIRef

from lawgraph.assess import _reason, assess, evaluate
from lawgraph.gaps import _ASSESSMENT_GRAPHS, assessments, status_table
from lawgraph.refdata import reference_index
from lawgraph.rules import load_rules, scoped_query
from lawgraph.store import EmbeddedStore
from lawgraph.vocab import LG, status_table_iri
from lawgraph.workspace import RuleWorkspace


def _key(reason) -> tuple:
    return (
        reason.rule.id,
        str(reason.country),
        reason.year,
        str(reason.provision),
        reason.status,
        reason.confidence,
        reason.authority,
        str(reason.evidence),
        reason.text,
    )


def test_the_workspace_gives_each_rule_the_rows_it_gives_over_the_whole_store(
    embedded_corpus,
) -> None:
    ruleset = load_rules()
    workspace = RuleWorkspace(embedded_corpus)
    pairs = set(workspace.pairs())
    whole = Counter()
    for rule in ruleset.rules:
        for row in embedded_corpus.select(scoped_query(rule, None)):
            reason = _reason(rule, row)
            if reason is not None and (reason.country, reason.year) in pairs:
                whole[_key(reason)] += 1
    per_country = Counter(_key(r) for r in evaluate(embedded_corpus, ruleset, None, workspace))
    assert per_country, "the corpus yields reasons"
    # the engine drops a rule's duplicate rows; the whole-store rows may repeat
    assert set(per_country) == set(whole)
    assert max(per_country.values()) == 1


def test_every_country_with_a_report_is_assessed_in_the_latest_year(embedded_corpus) -> None:
    workspace = RuleWorkspace(embedded_corpus)
    latest = workspace.latest
    countries = {c for c, _ in workspace.reports}
    assert latest is not None and len(countries) >= 10
    assert {(c, latest) for c in countries} <= set(workspace.pairs())
    assert set(workspace.reports) <= set(workspace.pairs())


def test_a_country_dataset_holds_its_reports_and_no_other_countrys(embedded_corpus) -> None:
    workspace = RuleWorkspace(embedded_corpus)
    germany = reference_index().country("DE").iri
    years = sorted(y for c, y in workspace.reports if c == germany)
    scratch = workspace.dataset(germany, {years[-1]})
    graphs = {g.value for g in scratch.named_graphs()}
    reports = {g for g in graphs if "/graph/report/" in g}
    assert reports and all("/graph/report/DE/" in g for g in reports)
    assert not any("/graph/assessment/" in g for g in graphs)
    # the year before is there (for "worsened since last year")
    if years[-1] - 1 in years:
        assert any(g.endswith(f"/DE/{years[-1] - 1}") for g in reports)


@pytest.mark.parametrize("year", [2023, 2024])
def test_status_tables_say_what_the_assessment_triples_say(embedded_corpus, year) -> None:
    table = status_table(embedded_corpus, year)
    assert table, f"no status tables for {year}"
    # the slow path: the assessment triples themselves
    from_triples = assessments(embedded_corpus, year=year, with_reasons=True)
    strip = [
        (r.country, r.year, str(r.provision), r.citation, r.status, r.confidence, r.basis,
         r.contested)
        for r in from_triples
    ]
    assert [
        (r.country, r.year, str(r.provision), r.citation, r.status, r.confidence, r.basis,
         r.contested)
        for r in table
    ] == strip


def test_filters_on_the_status_table_path_match_the_triples_path(embedded_corpus) -> None:
    fast = assessments(
        embedded_corpus, country="IT", directive="2000/78", year=2024, with_reasons=False
    )
    slow = assessments(
        embedded_corpus, country="IT", directive="2000/78", year=2024, with_reasons=True
    )
    assert fast and [(r.provision, r.status) for r in fast] == [
        (r.provision, r.status) for r in slow
    ]
    gaps_only = assessments(
        embedded_corpus, year=2024, statuses=("partial",), with_reasons=False
    )
    assert gaps_only and {r.status for r in gaps_only} == {"partial"}


def test_a_store_without_status_tables_falls_back_to_the_triples(tmp_path) -> None:
    """Assessment graphs written before status tables existed are still read (regression:
    an upgraded store must not show an empty matrix until ``lawgraph assess`` runs)."""
    from lawgraph import ingest, init

    store = EmbeddedStore(tmp_path / "s")
    init(store)
    ingest(store, [_corpus_file("it-2024.md")])
    graph = next(g for g in store.graph_names() if str(g).startswith(_ASSESSMENT_GRAPHS))
    table = status_table_iri("IT", 2024)
    # as an older lawgraph wrote it: no status table, no content digest
    kept = [t for t in store.graph(graph) if t[0] != table and t[1] != LG.contentDigest]
    store.replace_graph(graph, kept)
    assert status_table(store, 2024) is None
    rows = assessments(store, year=2024, with_reasons=False)
    assert rows and {r.country for r in rows} == {"IT"}
    assess(store)  # a recomputation writes the tables again
    assert status_table(store, 2024) == rows


def _corpus_file(name: str):
    from pathlib import Path

    return Path(__file__).resolve().parents[1] / "country_reports" / name


def test_reasons_are_not_duplicated_by_rules_with_several_matching_rows() -> None:
    """A rule row per matching national act used to give one reason per row."""
    from lawgraph.assess import Reason

    ruleset = load_rules()
    rule = ruleset.rules[0]
    row = {
        "country": URIRef("http://publications.europa.eu/resource/authority/country/DEU"),
        "year": "2024",
        "provision": URIRef("https://w3id.org/lawgraph/id/provision/32000L0043/art_8"),
        "status": URIRef("https://w3id.org/lawgraph/id/status/partial"),
        "evidence": URIRef("https://w3id.org/lawgraph/id/report/DE/2024/finding/1"),
    }
    first, second = _reason(rule, dict(row)), _reason(rule, dict(row))
    assert isinstance(first, Reason) and first == second
    assert len(list(dict.fromkeys([first, second]))) == 1


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("?s lg:status ?o", {"lg:status"}),
        ("?s a lg:Finding ; lg:provision/eli:is_part_of* ?p", {"rdf:type", "lg:provision",
                                                               "eli:is_part_of"}),
        ("?s (lg:status|lg:basis) ?o", {"lg:status", "lg:basis"}),
        ("?s ^lg:reason ?o", {"lg:reason"}),
        ("?s lg:status ?o FILTER NOT EXISTS { ?s lg:contested ?c }", {"lg:status", "lg:contested"}),
        ("?s lg:status ?o MINUS { ?s lg:basis ?b }", {"lg:status", "lg:basis"}),
        ("?s ?p ?o", None),  # any predicate: the whole graph is needed
        ("?s !lg:status ?o", None),
        ("?s lg:status ?o OPTIONAL { ?s ?anything ?x }", None),
    ],
)
def test_the_predicates_a_rule_reads(where, expected) -> None:
    from lawgraph.vocab import sparql_prefixes
    from lawgraph.workspace import _predicates_of

    names = {"lg:": "https://w3id.org/lawgraph/ontology#",
             "eli:": "http://data.europa.eu/eli/ontology#",
             "rdf:": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
    found = _predicates_of(sparql_prefixes() + f"SELECT * WHERE {{ {where} }}")
    if expected is None:
        assert found is None
    else:
        full = set()
        for name in expected:
            prefix, _, local = name.partition(":")
            full.add(names[prefix + ":"] + local)
        assert found == full


def test_a_path_inside_exists_reads_every_predicate() -> None:
    """Inside FILTER (NOT) EXISTS rdflib leaves paths unparsed: read everything, to be safe."""
    from lawgraph.vocab import sparql_prefixes
    from lawgraph.workspace import _predicates_of

    query = "SELECT * WHERE { ?s lg:status ?o FILTER EXISTS { ?s lg:reason/lg:rule ?r } }"
    assert _predicates_of(sparql_prefixes() + query) is None


def test_a_recomputation_that_reaches_the_same_conclusions_writes_nothing(tmp_path) -> None:
    from lawgraph import ingest, init

    store = EmbeddedStore(tmp_path / "s")
    init(store)
    ingest(store, [_corpus_file("it-2023.md"), _corpus_file("it-2024.md")])
    before = {g: sorted(store.graph(g)) for g in store.graph_names() if "/assessment/" in str(g)}
    again = assess(store)
    assert again.unchanged == again.pairs == len(before) and again.assessments > 0
    after = {g: sorted(store.graph(g)) for g in store.graph_names() if "/assessment/" in str(g)}
    assert after == before  # not even the run's time changed
    # a changed conclusion rewrites that country-year's graph, and only that one
    graph = next(g for g in before if str(g).endswith("/2024"))
    store.replace_graph(graph, [t for t in before[graph] if t[1] != LG.contentDigest])
    third = assess(store)
    assert third.unchanged == third.pairs - 1
    assert sorted(store.graph(graph)) != [t for t in before[graph] if t[1] != LG.contentDigest]
