"""Where the gap rules run: a small in-memory dataset per country, not the whole archive.

A rule about Germany's 2024 assessments needs Germany's 2024 report (and its 2023 report, to see
what worsened), the rulings that name Germany, the reference data, and to know which reports
exist at all (for stale evidence). It does not need the other 35 countries' twenty years of
reports. Evaluating the rules over the whole store makes every query scan the whole archive,
and the store's query planner does not reliably push a ``VALUES`` restriction into sub-queries,
``MINUS`` and ``FILTER NOT EXISTS`` groups, so one changed report cost seconds at full scale.

:class:`RuleWorkspace` copies, per country, exactly what the rules may read into an in-memory
Oxigraph store and evaluates every rule there (over the union of its graphs, as on the store):

* the **reference data** and every source graph of an unknown kind (copied once per run);
* the **catalogue**: for every country report in the store, the triples ``?report a
  lg:CountryReport ; lg:country ?c ; lg:reportingYear ?y``, so that a rule can tell the latest
  reporting year and a country's last report;
* the country's **reports** for each assessed year, the year before it, and, for a year without
  a report, the country's last report before it;
* the **rulings** whose graph names the country (``lg:country``).

Assessments, review workflow state and pending-work markers are derived data and never read.
A rule sees the same triples for the country-years it is asked about as it would on the whole
store; its results are kept for those country-years only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF
from rdflib.paths import NegatedPath
from rdflib.paths import Path as RdfPath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from lawgraph.rules import Rule, RuleSet
from lawgraph.store.base import GraphStore
from lawgraph.store.embedded import EmbeddedStore
from lawgraph.store.terms import from_ox, to_ox
from lawgraph.vocab import LG, LGD, sparql_prefixes

__all__ = ["RuleWorkspace", "predicates_read"]

_GRAPH = str(LGD["graph/"])
#: graph kinds that hold derived data or workflow state: never evidence for a rule
_DERIVED = ("assessment", "workflow", "pending")
_CATALOGUE = ox.NamedNode(str(LGD["graph/catalogue"]))
_TYPE, _REPORT = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(LG.CountryReport))
_COUNTRY, _YEAR = ox.NamedNode(str(LG.country)), ox.NamedNode(str(LG.reportingYear))
_GYEAR = ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear")

Pair = tuple[URIRef, int]


def _kind(graph: str) -> tuple[str, str]:
    """``("report", "DE/2024")``, ``("ruling", …)``, ``("reference", …)``, ``("other", …)``."""
    if not graph.startswith(_GRAPH):
        return "other", graph
    kind, _, rest = graph[len(_GRAPH) :].partition("/")
    return kind, rest


def _quads(
    store: GraphStore, graph: URIRef, predicates: frozenset[str] | None = None
) -> Iterator[ox.Quad]:
    """The graph's quads as Oxigraph terms (read natively from an embedded store), only those
    with one of ``predicates`` when given."""
    if isinstance(store, EmbeddedStore):
        if predicates is None:
            return store.native_quads(graph)
        return (q for p in sorted(predicates) for q in store.native_quads(graph, predicate=p))
    name = ox.NamedNode(str(graph))
    return (
        ox.Quad(to_ox(s), to_ox(p), to_ox(o), name)
        for s, p, o, _ in store.quads(graph)
        if predicates is None or str(p) in predicates
    )


@lru_cache(maxsize=256)
def _predicates_of(query: str) -> frozenset[str] | None:
    """The IRIs a query can match in predicate position (property paths included), or None
    when it may match any predicate (a variable or a negated path in predicate position)."""
    try:
        algebra = prepareQuery(query).algebra
    except Exception:  # noqa: BLE001 - rdflib's parser differs from Oxigraph's: read everything
        return None
    found: set[str] = set()

    def path_iris(path: object) -> bool:
        if isinstance(path, URIRef):
            found.add(str(path))
            return True
        if isinstance(path, NegatedPath) or not isinstance(path, RdfPath):
            return False
        parts = getattr(path, "args", None) or [
            getattr(path, "path", None) or getattr(path, "arg", None)
        ]
        return all(path_iris(part) for part in parts)

    def walk(node: object) -> bool:
        if isinstance(node, CompValue):
            if node.name == "BGP" and not all(path_iris(p) for _, p, _ in node.triples):
                return False
            if node.name == "TriplesBlock":  # inside EXISTS: not translated, paths unparsed
                for triples in node.triples:
                    for predicate in list(triples)[1::3]:
                        if not isinstance(predicate, URIRef):
                            return False
                        found.add(str(predicate))
            return all(walk(value) for value in node.values())
        if isinstance(node, list | tuple):
            return all(walk(value) for value in node)
        if isinstance(node, dict):
            return all(walk(value) for value in node.values())
        return True

    return frozenset(found) if walk(algebra) else None


def predicates_read(ruleset: RuleSet) -> frozenset[str] | None:
    """Every predicate some rule can read (rdf:type always), or None if a rule can read any."""
    found = {str(RDF.type)}
    for rule in ruleset.rules:
        predicates = _predicates_of(sparql_prefixes() + rule.query)
        if predicates is None:
            return None
        found |= predicates
    return frozenset(found)


class RuleWorkspace:
    """Evaluates rules per country over the data they may read (see the module docstring)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._base: list[ox.Quad] | None = None
        self._base_graphs: list[URIRef] = []
        self._rulings: dict[URIRef, list[URIRef]] = defaultdict(list)
        #: the store's assessment graphs
        self.assessment_graphs: list[URIRef] = []
        ruling_graphs = []
        for name in store.graph_names():
            kind, _ = _kind(str(name))
            if kind == "assessment":
                self.assessment_graphs.append(name)
            if kind == "ruling":
                ruling_graphs.append(name)
            elif kind not in ("report", *_DERIVED):
                self._base_graphs.append(name)
        if ruling_graphs:
            for start in range(0, len(ruling_graphs), 500):
                values = " ".join(f"<{g}>" for g in ruling_graphs[start : start + 500])
                rows = store.select(
                    sparql_prefixes()
                    + f"SELECT DISTINCT ?g ?c WHERE {{ VALUES ?g {{ {values} }} "
                    "GRAPH ?g { ?x lg:country ?c } }"
                )
                for row in rows:
                    self._rulings[row["c"]].append(row["g"])
        #: (country, year) → the report IRI and its graph
        self.reports: dict[Pair, tuple[URIRef, URIRef]] = {}
        rows = store.select(
            sparql_prefixes()
            + "SELECT ?g ?r ?c ?y WHERE { GRAPH ?g { ?r a lg:CountryReport ; "
            "lg:country ?c ; lg:reportingYear ?y } }"
        )
        for row in rows:
            if _kind(str(row["g"]))[0] in _DERIVED:
                continue
            try:
                year = int(str(row["y"]))
            except ValueError:
                continue
            self.reports[(row["c"], year)] = (row["r"], row["g"])

    # --- what each country needs ---------------------------------------------------------
    @property
    def latest(self) -> int | None:
        return max((y for _, y in self.reports), default=None)

    def pairs(self) -> list[Pair]:
        """Every country-year to assess: each report's, and the latest year for every country
        with a report (a country without one that year is flagged as stale)."""
        pairs = set(self.reports)
        if self.latest is not None:
            pairs |= {(c, self.latest) for c, _ in self.reports}
        return sorted(pairs)

    def _report_graphs(self, country: URIRef, years: Iterable[int]) -> set[URIRef]:
        own = sorted(y for c, y in self.reports if c == country)
        graphs = set()
        for year in years:
            for wanted in (year, year - 1):
                if (country, wanted) in self.reports:
                    graphs.add(self.reports[(country, wanted)][1])
            if (country, year) not in self.reports:
                earlier = [y for y in own if y < year]
                if earlier:
                    graphs.add(self.reports[(country, earlier[-1])][1])
        return graphs

    def _base_quads(self) -> list[ox.Quad]:
        if self._base is None:
            base = [q for graph in self._base_graphs for q in _quads(self.store, graph)]
            for (country, year), (report, _) in self.reports.items():
                node = ox.NamedNode(str(report))
                base += [
                    ox.Quad(node, _TYPE, _REPORT, _CATALOGUE),
                    ox.Quad(node, _COUNTRY, ox.NamedNode(str(country)), _CATALOGUE),
                    ox.Quad(node, _YEAR, ox.Literal(str(year), datatype=_GYEAR), _CATALOGUE),
                ]
            self._base = base
        return self._base

    def dataset(
        self, country: URIRef, years: Iterable[int], predicates: frozenset[str] | None = None
    ) -> ox.Store:
        """An in-memory store with what the rules may read about the country in these years:
        of its reports, only the triples whose predicate is in ``predicates`` (when given; a
        report's section text, for one, is read by no rule)."""
        scratch = ox.Store()
        scratch.bulk_extend(self._base_quads())
        for graph in sorted(self._report_graphs(country, years)):
            scratch.bulk_extend(_quads(self.store, graph, predicates))
        for graph in sorted(set(self._rulings.get(country, ()))):
            scratch.bulk_extend(_quads(self.store, graph))
        return scratch

    # --- evaluation ----------------------------------------------------------------------
    def evaluate(
        self, ruleset: RuleSet, pairs: Iterable[Pair]
    ) -> Iterator[tuple[Rule, dict[str, URIRef | str]]]:
        """Each rule's result rows for these country-years, country by country."""
        by_country: dict[URIRef, set[int]] = defaultdict(set)
        for country, year in pairs:
            by_country[country].add(year)
        queries = [(rule, sparql_prefixes() + rule.query) for rule in ruleset.rules]
        predicates = predicates_read(ruleset)
        for country, years in sorted(by_country.items()):
            scratch = self.dataset(country, years, predicates)
            for rule, query in queries:
                for row in _select(scratch, query):
                    if row.get("country") == country and _year(row.get("year")) in years:
                        yield rule, row


def _year(term: object) -> int | None:
    try:
        return int(str(term))
    except ValueError:
        return None


def _select(scratch: ox.Store, query: str) -> list[dict[str, URIRef | str]]:
    """The solutions of a rule: IRIs as rdflib terms (shared), literals as their lexical form
    (what the engine reads of them: a year, a confidence, a sentence)."""
    solutions = scratch.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)  # rules are SELECT queries (load time)
    names = list(enumerate(v.value for v in solutions.variables))
    rows = []
    for solution in solutions:
        row: dict[str, URIRef | str] = {}
        for index, name in names:
            value = solution[index]
            if value is None:
                continue
            row[name] = from_ox(value) if isinstance(value, ox.NamedNode) else value.value
        rows.append(row)
    return rows
