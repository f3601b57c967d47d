"""The citation network of the rulings in the store, and the questions lawyers ask of it.

Built from the store with SPARQL, as a :mod:`networkx` directed graph:

* ruling → ruling, where a ruling cites another (``eli:cites`` to a ruling IRI, or the literal
  ``lg:citesCase`` matched to exactly one judgment or order by ``lg:caseNumber`` or
  ``lg:ecli``; an ambiguous case number links nothing);
* ruling → provision, for the provisions it interprets (``lg:interprets``) or mentions
  (``eli:cites``).

>>> leading_cases(store, provision("2000/78 Art 2(2)(b)"))      # doctest: +SKIP
[CaseLawEntry(label='C-148/22 Commune d'Ans', …), …]

Each function returns :class:`CaseLawEntry` rows (or dicts for pairs and provisions) that
``CaseLawEntry.record()`` turns into plain values for tables, CSV and JSON.

Building the network and its PageRank takes about a second at full scale. A caller that asks
many questions of data that does not change between them (the web app, between ingests) passes
``generation``: anything that changes when the data does. The network is then built once per
store handle and generation and shared (read-only) by every question and thread.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import weakref
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
from rdflib import URIRef

from lawgraph.refdata import ProvisionInfo, reference_index
from lawgraph.store.base import GraphStore
from lawgraph.vocab import LG, sparql_prefixes

__all__ = [
    "CaseLawEntry",
    "CitationNetwork",
    "case_law_line",
    "citation_network",
    "concept_case_law",
    "cross_country_citations",
    "leading_cases",
    "provision_label",
    "provisions_without_case_law",
]

_KINDS = {
    str(LG.Judgment): "judgment",
    str(LG.Order): "order",
    str(LG.AdvocateGeneralOpinion): "ag-opinion",
    str(LG.EqualityBodyDecision): "equality-body-decision",
}
_VALUES = " ".join(f"<{k}>" for k in _KINDS)
_MANDATORY = "https://w3id.org/lawgraph/id/obligation-kind/mandatory"


@dataclass(frozen=True)
class CaseLawEntry:
    """One ruling in an answer, with why it is there and how it ranks."""

    ruling: URIRef
    label: str
    ecli: str | None
    date: dt.date
    kind: str
    country: str | None = None
    provisions: tuple[str, ...] = ()
    cited_by: int = 0
    pagerank: float = 0.0

    def record(self) -> dict[str, object]:
        return {
            "ruling": self.label,
            "ecli": self.ecli or "",
            "date": self.date.isoformat(),
            "kind": self.kind,
            "country": self.country or "",
            "provisions": "; ".join(self.provisions),
            "cited_by": self.cited_by,
            "pagerank": round(self.pagerank, 4),
        }


@dataclass(frozen=True)
class _Node:
    iri: URIRef
    kind: str
    date: dt.date
    label: str
    ecli: str | None
    country: str | None
    case_numbers: tuple[str, ...]


@dataclass
class CitationNetwork:
    """Rulings and provisions as a directed graph (``graph``); ``rulings`` describes the ruling
    nodes. Citations that could not be matched to one ruling are kept in ``unresolved``."""

    graph: nx.DiGraph
    rulings: dict[URIRef, _Node]
    unresolved: list[tuple[URIRef, str]] = field(default_factory=list)

    @cached_property
    def ruling_graph(self) -> nx.DiGraph:
        return self.graph.subgraph(self.rulings).copy()

    @cached_property
    def pagerank(self) -> dict[URIRef, float]:
        graph = self.ruling_graph
        return nx.pagerank(graph) if graph.number_of_nodes() else {}

    def cited_by(self, ruling: URIRef) -> int:
        return self.ruling_graph.in_degree(ruling) if ruling in self.ruling_graph else 0

    def entry(self, ruling: URIRef, provisions: Iterable[URIRef] = ()) -> CaseLawEntry:
        node = self.rulings[ruling]
        return CaseLawEntry(
            ruling=ruling,
            label=node.label,
            ecli=node.ecli,
            date=node.date,
            kind=node.kind,
            country=node.country,
            provisions=tuple(sorted({provision_label(p) for p in provisions})),
            cited_by=self.cited_by(ruling),
            pagerank=self.pagerank.get(ruling, 0.0),
        )


# --- building the network -----------------------------------------------------------------------


_NETWORKS: weakref.WeakKeyDictionary[GraphStore, tuple[Hashable, CitationNetwork]] = (
    weakref.WeakKeyDictionary()
)
_BUILDING = threading.Lock()


def citation_network(store: GraphStore, *, generation: Hashable | None = None) -> CitationNetwork:
    """The citation network of every ruling in the store. With ``generation``, the network
    built for this store handle and generation (see the module docstring), built at most once."""
    if generation is None:
        return _build(store)
    found = _NETWORKS.get(store)
    if found is not None and found[0] == generation:
        return found[1]
    with _BUILDING:  # one build at a time: threads asking at once wait for the first
        found = _NETWORKS.get(store)
        if found is not None and found[0] == generation:
            return found[1]
        network = _build(store)
        network.pagerank  # noqa: B018 - computed now, so threads only ever read it
        _NETWORKS[store] = (generation, network)
        return network


def _build(store: GraphStore) -> CitationNetwork:
    rulings = _rulings(store)
    graph = nx.DiGraph()
    for iri, node in rulings.items():
        graph.add_node(iri, type="ruling", kind=node.kind, date=node.date)
    network = CitationNetwork(graph, rulings)
    cited = f"""SELECT DISTINCT ?a ?b WHERE {{
        ?a eli:cites ?b . ?b a ?t . VALUES ?t {{ {_VALUES} }}
    }}"""
    for row in store.select(sparql_prefixes() + cited):
        _cite(network, row["a"], row["b"])
    _literal_citations(store, network)
    for predicate, relation in (("lg:interprets", "interprets"), ("eli:cites", "mentions")):
        for row in store.select(
            sparql_prefixes()
            + f"""
                SELECT DISTINCT ?r ?p WHERE {{ ?r {predicate} ?p . ?p a lg:Provision }}"""
        ):
            if row["r"] in rulings and not graph.has_edge(row["r"], row["p"]):
                graph.add_node(row["p"], type="provision")
                graph.add_edge(row["r"], row["p"], relation=relation)
    return network


def _cite(network: CitationNetwork, a: URIRef, b: URIRef) -> None:
    if a in network.rulings and b in network.rulings and a != b:
        network.graph.add_edge(a, b, relation="cites")


def _rulings(store: GraphStore) -> dict[URIRef, _Node]:
    rows = store.select(
        sparql_prefixes()
        + f"""
        SELECT ?r ?type ?date ?title ?ecli ?country
               (GROUP_CONCAT(DISTINCT ?case; SEPARATOR="|") AS ?cases)
        WHERE {{
            VALUES ?type {{ {_VALUES} }}
            ?r a ?type ; eli:date_document ?date .
            OPTIONAL {{ ?r dct:title ?title }}
            OPTIONAL {{ ?r lg:ecli ?ecli }}
            OPTIONAL {{ ?r lg:country ?country }}
            OPTIONAL {{ ?r lg:caseNumber ?case }}
        }} GROUP BY ?r ?type ?date ?title ?ecli ?country"""
    )
    countries = {c.iri: c.eu_code for c in reference_index().countries.values()}
    out: dict[URIRef, _Node] = {}
    for row in rows:
        cases = tuple(c for c in str(row.get("cases") or "").split("|") if c)
        title = str(row["title"]) if row.get("title") else ""
        label = " ".join(p for p in (" and ".join(sorted(cases, key=_case_key)), title) if p)
        out[row["r"]] = _Node(
            iri=row["r"],
            kind=_KINDS[str(row["type"])],
            date=dt.date.fromisoformat(str(row["date"])),
            label=label or str(row.get("ecli") or row["r"]),
            ecli=str(row["ecli"]) if row.get("ecli") else None,
            country=countries.get(row.get("country")) if row.get("country") else None,
            case_numbers=cases,
        )
    return out


def _case_key(case: str) -> tuple[int, int, str]:
    m = re.match(r"[A-Z]-(\d+)/(\d+)", case)
    return (int(m[2]), int(m[1]), case) if m else (0, 0, case)


def _literal_citations(store: GraphStore, network: CitationNetwork) -> None:
    """``lg:citesCase "C-54/07"`` → the one judgment or order of that case (or that ECLI)."""
    by_key: dict[str, set[URIRef]] = {}
    for iri, node in network.rulings.items():
        if node.ecli:
            by_key.setdefault(node.ecli, set()).add(iri)
        if node.kind in ("judgment", "order"):
            for case in node.case_numbers:
                by_key.setdefault(case, set()).add(iri)
    rows = store.select(sparql_prefixes() + "SELECT DISTINCT ?a ?c WHERE { ?a lg:citesCase ?c }")
    for row in rows:
        targets = by_key.get(str(row["c"]), set()) - {row["a"]}
        if len(targets) == 1:
            _cite(network, row["a"], next(iter(targets)))
        else:
            network.unresolved.append((row["a"], str(row["c"])))


# --- provisions ---------------------------------------------------------------------------------


def _provision_infos() -> dict[URIRef, ProvisionInfo]:
    return {p.iri: p for p in reference_index().provisions.values()}


def provision_label(iri: URIRef) -> str:
    """``…/32000L0078/art_2/par_2/pnt_b`` → "2000/78 Art 2(2)(b)"."""
    info = _provision_infos().get(iri)
    if info is None:
        return str(iri)
    return f"{reference_index().directives[info.celex].short} Art {info.path}"


def _interpreting(
    store: GraphStore, targets: Iterable[URIRef], include_parts: bool
) -> dict[URIRef, set[URIRef]]:
    """Rulings interpreting any of ``targets`` (or their parts) → the provisions matched."""
    values = " ".join(f"<{t}>" for t in targets)
    if not values:
        return {}
    match = "?p eli:is_part_of* ?target ." if include_parts else "FILTER (?p = ?target)"
    rows = store.select(
        sparql_prefixes()
        + f"""
        SELECT DISTINCT ?r ?p WHERE {{
            VALUES ?target {{ {values} }}
            ?r lg:interprets ?p .
            {match}
        }}"""
    )
    out: dict[URIRef, set[URIRef]] = {}
    for row in rows:
        out.setdefault(row["r"], set()).add(row["p"])
    return out


# --- questions ----------------------------------------------------------------------------------


def leading_cases(
    store: GraphStore,
    provision_iri: URIRef,
    include_parts: bool = True,
    limit: int | None = 10,
    *,
    include_opinions: bool = False,
    generation: Hashable | None = None,
) -> list[CaseLawEntry]:
    """The rulings interpreting a provision (and, by default, its parts), most cited first:
    by how many rulings in the store cite them, then PageRank in the citation network; equal
    ones earliest first. ``generation``: see the module docstring."""
    network = citation_network(store, generation=generation)
    found = _interpreting(store, [provision_iri], include_parts)
    entries = [
        network.entry(r, ps)
        for r, ps in found.items()
        if r in network.rulings and (include_opinions or network.rulings[r].kind != "ag-opinion")
    ]
    entries.sort(key=lambda e: (-e.cited_by, -round(e.pagerank, 9), e.date, e.label))
    return entries[:limit] if limit else entries


def case_law_line(
    store: GraphStore,
    provision_iri: URIRef,
    include_parts: bool = True,
    *,
    include_opinions: bool = False,
    generation: Hashable | None = None,
) -> list[CaseLawEntry]:
    """The rulings on a provision (and its parts) in the order they were given."""
    entries = leading_cases(
        store,
        provision_iri,
        include_parts,
        None,
        include_opinions=include_opinions,
        generation=generation,
    )
    return sorted(entries, key=lambda e: (e.date, e.label))


def concept_case_law(
    store: GraphStore,
    concept_iri: URIRef,
    *,
    include_opinions: bool = False,
    generation: Hashable | None = None,
) -> list[CaseLawEntry]:
    """All rulings on a legal concept across directives: the rulings interpreting any provision
    the concept map (``eli:is_about``) files under the concept, or a part of one; by date."""
    rows = store.select(
        sparql_prefixes()
        + f"""
        SELECT DISTINCT ?p WHERE {{ ?p eli:is_about <{concept_iri}> ; a lg:Provision }}"""
    )
    network = citation_network(store, generation=generation)
    found = _interpreting(store, [row["p"] for row in rows], include_parts=True)
    entries = [
        network.entry(r, ps)
        for r, ps in found.items()
        if r in network.rulings and (include_opinions or network.rulings[r].kind != "ag-opinion")
    ]
    return sorted(entries, key=lambda e: (e.date, e.label))


def cross_country_citations(
    store: GraphStore, *, generation: Hashable | None = None
) -> list[dict[str, object]]:
    """Pairs of rulings where one cites the other and their countries differ (a Danish
    reference relying on a Spanish one), citing ruling first, by date."""
    network = citation_network(store, generation=generation)
    out = []
    for a, b in network.ruling_graph.edges():
        ca, cb = network.rulings[a], network.rulings[b]
        if ca.country and cb.country and ca.country != cb.country:
            out.append(
                {
                    "citing": ca.label,
                    "citing_country": ca.country,
                    "citing_date": ca.date.isoformat(),
                    "cited": cb.label,
                    "cited_country": cb.country,
                    "cited_date": cb.date.isoformat(),
                }
            )
    return sorted(out, key=lambda r: (str(r["citing_date"]), str(r["citing"]), str(r["cited"])))


def provisions_without_case_law(
    store: GraphStore, directive: URIRef | None = None
) -> list[dict[str, object]]:
    """The mandatory articles (of one directive, or of all) that no ruling in the store
    interprets, neither as a whole nor in any of their parts."""
    only = f"FILTER (?directive = <{directive}>)" if directive is not None else ""
    rows = store.select(
        sparql_prefixes()
        + f"""
        SELECT DISTINCT ?article WHERE {{
            ?article a lg:Provision ; lg:level lg:Article ; lg:directive ?directive ;
                lg:obligationKind <{_MANDATORY}> .
            {only}
            FILTER NOT EXISTS {{ ?r lg:interprets ?p . ?p eli:is_part_of* ?article . }}
        }}"""
    )
    infos = _provision_infos()
    out = []
    for row in rows:
        info = infos.get(row["article"])
        if info is None:
            continue
        out.append(
            {
                "provision": provision_label(info.iri),
                "heading": info.heading or "",
                "directive": reference_index().directives[info.celex].number,
                "_key": (info.celex, int("".join(ch for ch in info.path if ch.isdigit()) or 0)),
            }
        )
    out.sort(key=lambda r: r["_key"])
    for record in out:
        del record["_key"]
    return out
