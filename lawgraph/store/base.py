"""The graph store contract shared by the embedded store and the SPARQL-server store.

A store holds a dataset of named graphs: one per source document (a country report, a ruling, a
reference-data file) and one per computed result (the assessments of a country and year). The
contract, checked by ``tests/test_store_contract.py`` against both back-ends:

* queries see the union of all named graphs as their default graph;
* ``replace_graph`` swaps a graph's content in one transaction: a reader sees the old graph or
  the new one, never a mix, and a failure leaves the old one in place;
* ``dump`` writes the whole dataset as N-Quads, one canonical line per quad, sorted, so that
  dump → restore → dump is byte-identical;
* ``restore`` reads such a dump, checks all of it before changing anything, then replaces the
  dataset.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from lawgraph.errors import InputError, StoreError
from lawgraph.store.terms import from_ox, nquad_line, nt_term

__all__ = ["GraphStore", "Quad", "Rows", "Triple", "graph_iri", "query_form"]

Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, Node]


class Rows(list[dict[str, Node]]):
    """The solutions of a SELECT query: a list of ``{variable: term}`` dicts (unbound variables
    are absent), with the projected variables in order in ``variables``."""

    def __init__(self, variables: Iterable[str], rows: Iterable[dict[str, Node]] = ()) -> None:
        super().__init__(rows)
        self.variables = list(variables)

    def values(self, variable: str) -> list[Node]:
        """The bound values of one variable, in order."""
        return [row[variable] for row in self if variable in row]


_PROLOGUE = re.compile(
    r"""\A(?:\s+|\#[^\n]*\n?|(?:PREFIX\s+[\w.-]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>))*""",
    re.IGNORECASE,
)
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def query_form(query: str) -> str:
    """The form of a SPARQL query: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.

    >>> query_form("PREFIX x: <http://x/> # comment\\n  ask { ?s ?p ?o }")
    'ASK'
    """
    match = _FORM.match(query, _PROLOGUE.match(query).end())
    if not match:
        raise StoreError(
            "not a SPARQL query: it must start with SELECT, ASK, CONSTRUCT or DESCRIBE"
        )
    return match.group(1).upper()


class GraphStore(ABC):
    """A dataset of named graphs behind SPARQL 1.1 (see the module docstring)."""

    location: str
    read_only: bool = False

    # --- reading -------------------------------------------------------------------------
    @abstractmethod
    def select(self, query: str) -> Rows:
        """Run a SELECT query."""

    @abstractmethod
    def ask(self, query: str) -> bool:
        """Run an ASK query."""

    @abstractmethod
    def construct(self, query: str) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query; the triples come back as an rdflib Graph."""

    def query(self, query: str) -> Rows | bool | Graph:
        """Run any query form and return what that form returns."""
        form = query_form(query)
        if form == "SELECT":
            return self.select(query)
        if form == "ASK":
            return self.ask(query)
        return self.construct(query)

    @abstractmethod
    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        """Every quad of the dataset, or of one named graph."""

    def graph_names(self) -> list[URIRef]:
        """The named graphs, sorted."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(row["g"] for row in rows if isinstance(row.get("g"), URIRef))

    def count(self, graph: URIRef | None = None) -> int:
        """The number of quads in the dataset, or in one named graph."""
        target = f"<{graph}>" if graph is not None else "?g"
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {target} {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"]) if rows else 0

    def graph(self, graph: URIRef) -> Graph:
        """One named graph as an rdflib Graph (for SHACL validation, networkx, serialising)."""
        result = Graph(identifier=graph)
        for s, p, o, _ in self.quads(graph):
            result.add((s, p, o))
        return result

    # --- writing -------------------------------------------------------------------------
    @abstractmethod
    def update(self, update: str) -> None:
        """Run a SPARQL 1.1 Update request as one transaction."""

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int:
        """Replace one named graph's content atomically; returns the number of triples written."""
        return self.replace_graphs({graph: triples})

    def replace_graphs(
        self, graphs: Mapping[URIRef, Iterable[Triple]], *, together: bool = True
    ) -> int:
        """Replace several named graphs. With ``together`` (the default) it is one SPARQL
        Update request, which SPARQL 1.1 Update executes atomically: readers see all the old
        graphs or all the new ones. Without it each graph is replaced atomically on its own,
        which is several times faster for large batches (one transaction per graph) and is
        what recomputing derived graphs uses. A graph given no triples is dropped."""
        self._check_writable()
        if not together:
            return sum(self.replace_graphs({g: t}) for g, t in graphs.items())
        operations = [f"DROP SILENT GRAPH {_iri(g)}" for g in graphs]
        data, written = [], 0
        for graph, triples in graphs.items():
            lines = [f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in triples]
            if lines:
                data.append(f"GRAPH {_iri(graph)} {{\n" + "\n".join(lines) + "\n}")
                written += len(lines)
        if data:
            operations.append("INSERT DATA {\n" + "\n".join(data) + "\n}")
        self.update(" ;\n".join(operations))
        return written

    def bulk_replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> int:
        """Replace many derived graphs as fast as the back-end can. Each graph is replaced
        atomically where the back-end allows it cheaply; the embedded store bulk-loads, which is
        not transactional (an interrupted run leaves some graphs missing until it is re-run), so
        use it only for data that can be recomputed, such as assessments."""
        return self.replace_graphs(graphs, together=False)

    def drop_graph(self, graph: URIRef) -> None:
        """Remove one named graph (no error if it does not exist)."""
        self.replace_graphs({graph: ()})

    def _replace_dataset(self, quads: list[Quad]) -> None:
        """Replace the whole dataset in one update request."""
        graphs: dict[URIRef, list[Triple]] = {g: [] for g in self.graph_names()}
        for s, p, o, g in quads:
            graphs.setdefault(g, []).append((s, p, o))
        self.replace_graphs(graphs)

    # --- dump and restore ----------------------------------------------------------------
    def dump(self, out: BinaryIO) -> int:
        """Write the dataset as canonical, sorted N-Quads; returns the number of quads."""
        lines = sorted({nquad_line(s, p, o, g) for s, p, o, g in self.quads()})
        for line in lines:
            out.write(line.encode("utf-8") + b"\n")
        return len(lines)

    def restore(self, data: bytes, source: str = "<dump>") -> int:
        """Replace the dataset with an N-Quads dump; nothing changes if the dump is malformed."""
        self._check_writable()
        quads: list[Quad] = [
            (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), from_ox(q.graph_name))
            for q in parse_dump(data, source)
        ]
        self._replace_dataset(quads)
        return len(quads)

    # --- life cycle ----------------------------------------------------------------------
    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.location} is open read-only")

    def close(self) -> None:  # noqa: B027 - back-ends without resources need nothing
        """Release the store."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def graph_iri(term: Node) -> str:
    """A graph name checked to be an IRI that SPARQL can carry (a :class:`StoreError` if not)."""
    if not isinstance(term, URIRef) or _IRI_FORBIDDEN.search(str(term)):
        raise StoreError(f"not a valid graph IRI: {term!r}")
    return str(term)


def _iri(term: Node) -> str:
    return f"<{graph_iri(term)}>"


def parse_dump(data: bytes, source: str) -> list[ox.Quad]:
    """Parse and check a whole N-Quads dump; an :class:`InputError` names the line."""
    try:
        quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    except SyntaxError as exc:
        raise InputError(source, _syntax_location(exc), f"not valid N-Quads: {exc}") from exc
    for number, quad in enumerate(quads, start=1):
        if isinstance(quad.graph_name, ox.DefaultGraph):
            raise InputError(source, f"quad {number}", "a quad outside any named graph")
    return quads


def _syntax_location(exc: SyntaxError) -> str | None:
    match = re.search(r"line (\d+)", str(exc))
    return f"line {match.group(1)}" if match else None
