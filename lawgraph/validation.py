"""SHACL validation with ``ontology/shapes.ttl``, reported in plain language.

The data graph is the reference data plus the graphs being checked (a report or ruling refers to
directives, provisions and countries, which the shapes check exist).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.term import Node

from lawgraph.reference import parse_turtle, reference_files
from lawgraph.resources import ontology_dir
from lawgraph.store.base import GraphStore

__all__ = ["Problem", "ValidationReport", "shapes_graph", "validate_graph", "validate_store"]


@dataclass(frozen=True)
class Problem:
    """One SHACL result, in words a reader can act on."""

    severity: str  # "Violation", "Warning" or "Info"
    focus: Node
    path: Node | None
    message: str
    shape: Node | None
    value: Node | None = None

    def describe(self, labels: dict[Node, str] | None = None) -> str:
        name = (labels or {}).get(self.focus) or str(self.focus)
        where = f" ({_short(self.path)})" if self.path is not None else ""
        return f"{self.severity}: {name}{where}: {self.message}"


@dataclass
class ValidationReport:
    conforms: bool
    problems: list[Problem] = field(default_factory=list)
    labels: dict[Node, str] = field(default_factory=dict)

    @property
    def violations(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "Violation"]

    def text(self) -> str:
        if not self.problems:
            return "The data conforms to the lawgraph shapes."
        lines = [p.describe(self.labels) for p in self.problems]
        head = (
            f"{len(self.violations)} violation(s), "
            f"{len(self.problems) - len(self.violations)} warning(s)"
        )
        return head + "\n" + "\n".join(f"- {line}" for line in sorted(lines))


def _short(node: Node) -> str:
    text = str(node)
    for sep in ("#", "/"):
        if sep in text:
            text = text.rsplit(sep, 1)[1]
    return text


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return parse_turtle(ontology_dir() / "shapes.ttl")


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate an rdflib graph; no inference, as pySHACL's ``inference="none"``."""
    conforms, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        inference="none",
        allow_warnings=True,
    )
    problems = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        message = results.value(result, SH.resultMessage)
        problems.append(
            Problem(
                severity=_short(severity) if severity else "Violation",
                focus=results.value(result, SH.focusNode),
                path=results.value(result, SH.resultPath),
                message=str(message) if message else "does not conform",
                shape=results.value(result, SH.sourceShape),
                value=results.value(result, SH.value),
            )
        )
    labels = {p.focus: str(label) for p in problems for label in _labels(data, p.focus)}
    return ValidationReport(bool(conforms), problems, labels)


def _labels(data: Graph, node: Node) -> Iterable[Literal]:
    for predicate in (RDFS.label, SKOS.prefLabel):
        value = data.value(node, predicate)
        if value is not None:
            return [value]
    return []


def reference_data_graph() -> Graph:
    graph = Graph()
    for path in reference_files():
        graph += parse_turtle(path)
    return graph


def validate_store(store: GraphStore, graphs: Iterable[URIRef] | None = None) -> ValidationReport:
    """Validate the named graphs given (default: all) together with the store's reference data."""
    data = Graph()
    names = list(graphs) if graphs is not None else store.graph_names()
    reference_prefix = "https://w3id.org/lawgraph/id/graph/reference/"
    reference = [g for g in store.graph_names() if str(g).startswith(reference_prefix)]
    for name in dict.fromkeys([*names, *reference]):  # each graph once, in order
        for s, p, o, _ in store.quads(name):
            data.add((s, p, o))
    return validate_graph(data)
