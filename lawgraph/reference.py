"""Load the reference data under ``ontology/`` into a store.

The ontology and every file under ``ontology/reference/`` become one named graph each
(``lgd:graph/reference/{name}``). All files are parsed before anything is written, and all graphs
are swapped in with one update, so a broken file changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph

from lawgraph.errors import InputError
from lawgraph.resources import ontology_dir
from lawgraph.store.base import GraphStore, Triple
from lawgraph.vocab import LGD, reference_graph

__all__ = ["LoadedFile", "load_reference", "reference_files", "reference_graph_name"]


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    graph: URIRef
    triples: int


def reference_files(root: Path | None = None) -> list[Path]:
    """The ontology and the reference data, in load order (shapes and rules are not data)."""
    root = root or ontology_dir()
    files = [root / "lawgraph.ttl"] if (root / "lawgraph.ttl").exists() else []
    return files + sorted((root / "reference").rglob("*.ttl"))


def reference_graph_name(path: Path, root: Path | None = None) -> URIRef:
    """``ontology/reference/directives/2000-43-ec.ttl`` → ``…/graph/reference/directives-2000-43-ec``."""
    root = root or ontology_dir()
    try:
        relative = path.resolve().relative_to((root / "reference").resolve())
    except ValueError:
        relative = Path(path.name)
    return reference_graph(str(relative.with_suffix("")))


def parse_turtle(path: Path, display: str | None = None) -> Graph:
    """Parse a Turtle file; a syntax error becomes an :class:`InputError` naming file and line."""
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
        raise InputError(display or str(path), _line_of(exc), f"not valid Turtle: {exc}") from exc
    return graph


def _line_of(exc: Exception) -> str | None:
    line = getattr(exc, "lines", None) or getattr(exc, "line", None)
    return f"line {line}" if line else None


def skolemized(graph: Graph, graph_iri: URIRef) -> list[Triple]:
    """The graph's triples with blank nodes replaced by stable IRIs under the graph's IRI, so the
    same file always yields the same triples (and dumps stay canonical)."""
    if not any(isinstance(term, BNode) for triple in graph for term in triple):
        return list(graph)
    canonical = to_canonical_graph(graph)
    base = f"{graph_iri}/genid/"

    def fix(term):
        return URIRef(base + str(term)) if isinstance(term, BNode) else term

    return [(fix(s), fix(p), fix(o)) for s, p, o in canonical]


def load_reference(store: GraphStore, files: list[Path] | None = None) -> list[LoadedFile]:
    """Parse every reference file, then replace their graphs in the store in one update."""
    files = files if files is not None else reference_files()
    if not files:
        raise InputError(str(ontology_dir()), None, "no reference data found")
    graphs: dict[URIRef, list[Triple]] = {}
    loaded = []
    for path in files:
        name = reference_graph_name(path)
        triples = skolemized(parse_turtle(path), name)
        triples += _provenance(name, path)
        graphs[name] = triples
        loaded.append(LoadedFile(path, name, len(triples)))
    graphs[reference_graph("rules")] = _rules_triples()
    store.replace_graphs(graphs)
    return loaded


def _provenance(graph: URIRef, path: Path) -> list[Triple]:
    """Where a reference graph came from: the file (relative to ``ontology/``) and its hash."""
    import hashlib

    from rdflib import Literal
    from rdflib.namespace import DCTERMS

    from lawgraph.vocab import LG

    try:
        shown = "ontology/" + path.resolve().relative_to(ontology_dir().resolve()).as_posix()
    except ValueError:
        shown = path.name
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return [(graph, DCTERMS.source, Literal(shown)), (graph, LG.sha256, Literal(digest))]


def _rules_triples() -> list[Triple]:
    """The gap rules as data (their problems are reported by ``lawgraph rules``)."""
    from lawgraph.rules import load_rules, rule_triples

    return rule_triples(load_rules())


REFERENCE_GRAPH_PREFIX = str(LGD["graph/reference/"])
