"""The RDF twin of a resource page, and labels for the IRIs a page links to.

The Turtle, N-Triples and JSON-LD views of a resource are its concise bounded description: its
own triples plus those of the nodes that exist only as its parts (an assessment's reasons, a
report's sections, a ruling's incompatibility findings, a measure's national provisions), taken
by one CONSTRUCT over all graphs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from lawgraph.store import GraphStore
from lawgraph.vocab import PREFIXES, expand, sparql_prefixes

__all__ = ["best_label", "cbd", "exists", "find_existing", "jsonld", "labels", "serialize"]

_CBD = sparql_prefixes() + """
CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ <{iri}> ?p ?o . BIND (<{iri}> AS ?s) }}
  UNION {{ <{iri}> lg:reason ?s . ?s ?p ?o }}
  UNION {{ <{iri}> lg:findsIncompatible ?s . ?s ?p ?o }}
  UNION {{ ?s dct:isPartOf <{iri}> ; a lg:ReportSection . ?s ?p ?o }}
  UNION {{ ?s eli:is_part_of <{iri}> ; a lg:NationalProvision . ?s ?p ?o }}
  UNION {{ <{iri}> ?q ?s . FILTER (isBlank(?s)) ?s ?p ?o }}
}}"""

#: label properties, most preferred first
_LABEL_PROPERTIES = (
    "skos:prefLabel", "eli:title_short", "dct:title", "rdfs:label", "foaf:name", "eli:title",
    "lg:ecli",
)
_RANKS = {expand(curie): rank for rank, curie in enumerate(_LABEL_PROPERTIES)}


def exists(store: GraphStore, iri: URIRef) -> bool:
    return store.ask(f"ASK {{ <{iri}> ?p ?o }}")


def find_existing(store: GraphStore, candidates: list[URIRef]) -> URIRef | None:
    """The first candidate IRI that is the subject of some triple."""
    if not candidates:
        return None
    values = " ".join(f"<{c}>" for c in candidates)
    rows = store.select(f"SELECT DISTINCT ?s WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}")
    found = {row["s"] for row in rows}
    return next((c for c in candidates if c in found), None)


def cbd(store: GraphStore, iri: URIRef) -> Graph:
    graph = store.construct(_CBD.format(iri=iri))
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def serialize(graph: Graph, fmt: str) -> str:
    """Turtle (``ttl``), N-Triples (``nt``) or compacted JSON-LD (``jsonld``)."""
    if fmt == "ttl":
        return graph.serialize(format="turtle")
    if fmt == "nt":
        return "".join(sorted(graph.serialize(format="nt").splitlines(keepends=True)))
    if fmt == "jsonld":
        return jsonld(graph)
    raise ValueError(f"not an RDF format: {fmt}")


def _compact(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        rest = iri[len(namespace):]
        if iri.startswith(namespace) and rest and not rest.startswith("//"):
            return f"{prefix}:{rest}"
    return iri


def _jsonld_value(term: object) -> object:
    if isinstance(term, URIRef):
        return {"@id": _compact(str(term))}
    if isinstance(term, BNode):
        return {"@id": f"_:{term}"}
    assert isinstance(term, Literal)
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype is not None and str(term.datatype) != str(XSD.string):
        return {"@value": str(term), "@type": _compact(str(term.datatype))}
    return str(term)


def jsonld(graph: Graph) -> str:
    """Compact JSON-LD 1.1 (prefixes in ``@context``, one node object per subject, sorted).

    Written here rather than with rdflib's serializer, which warns on every call in rdflib 7.
    """
    nodes: dict[str, dict[str, object]] = {}
    for s, p, o in sorted(graph):
        subject = _compact(str(s)) if isinstance(s, URIRef) else f"_:{s}"
        node = nodes.setdefault(subject, {"@id": subject})
        if p == RDF.type and isinstance(o, URIRef):
            node.setdefault("@type", []).append(_compact(str(o)))  # type: ignore[union-attr]
        else:
            node.setdefault(_compact(str(p)), []).append(_jsonld_value(o))  # type: ignore[union-attr]
    document = {"@context": dict(PREFIXES), "@graph": list(nodes.values())}
    return json.dumps(document, indent=2, ensure_ascii=False)


def labels(store: GraphStore, iris: Iterable[object], chunk: int = 400) -> dict[str, str]:
    """A human label for each IRI that has one (English preferred), keyed by the IRI string."""
    wanted = sorted({str(i) for i in iris if isinstance(i, URIRef)})
    props = ", ".join(_LABEL_PROPERTIES)
    found: dict[str, list[tuple[str, object]]] = {}
    for start in range(0, len(wanted), chunk):
        values = " ".join(f"<{i}>" for i in wanted[start:start + chunk])
        # the label properties as a FILTER, not a VALUES table joined with ?s ?p ?label: the
        # store joined the two tables badly (0.5 s for 500 national provisions, now 20 ms)
        rows = store.select(sparql_prefixes() + f"""
SELECT DISTINCT ?s ?p ?label WHERE {{
  VALUES ?s {{ {values} }} ?s ?p ?label . FILTER (?p IN ({props}) && isLiteral(?label))
}}""")
        for row in rows:
            found.setdefault(str(row["s"]), []).append((str(row["p"]), row["label"]))
    return {key: best for key, pairs in found.items() if (best := best_label(pairs)) is not None}


def best_label(pairs: Iterable[tuple[str, object]]) -> str | None:
    """The preferred label among ``(property IRI, value)`` pairs: by property (see
    ``_LABEL_PROPERTIES``), English before untagged; other languages never."""
    best: tuple[int, str] | None = None
    for predicate, value in pairs:
        rank = _RANKS.get(str(predicate))
        if rank is None or not isinstance(value, Literal):
            continue
        language = (value.language or "").lower()
        if language and not (language == "en" or language.startswith("en-")):
            continue
        candidate = (rank * 2 + (0 if language else 1), str(value))
        if best is None or candidate < best:  # equals: the first in order, for stable pages
            best = candidate
    return best[1] if best else None
