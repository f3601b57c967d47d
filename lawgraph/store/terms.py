"""RDF terms at the store boundary: rdflib terms in, rdflib terms out, canonical N-Quads text.

Everything above the store speaks rdflib terms (``URIRef``, ``Literal``, ``BNode``). The back-ends
convert to and from their own (pyoxigraph terms, SPARQL JSON results). Literals are created with
``normalize=False`` so that a lexical form survives a round trip byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

__all__ = [
    "from_json_binding",
    "from_ox",
    "nquad_line",
    "nt_term",
    "to_ox",
]

_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)


_IRIS: dict[str, URIRef] = {}


def from_ox(term: object) -> Node:
    """Convert a pyoxigraph term to the equivalent rdflib term. IRIs repeat a great deal in
    query results (countries, statuses, provisions), so their rdflib objects are reused."""
    if isinstance(term, ox.NamedNode):
        value = term.value
        iri = _IRIS.get(value)
        if iri is None:
            if len(_IRIS) > 500_000:
                _IRIS.clear()
            iri = _IRIS[value] = URIRef(value)
        return iri
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        return _literal(term.value, term.language, term.datatype.value)
    raise TypeError(f"unsupported RDF term {term!r}")


def _literal(value: str, language: str | None, datatype: str | None) -> Literal:
    if language:
        return Literal(value, lang=language, normalize=False)
    if datatype and datatype not in (_XSD_STRING, _LANG_STRING):
        return Literal(value, datatype=URIRef(datatype), normalize=False)
    return Literal(value, normalize=False)


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to the equivalent pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported RDF term {term!r}")


def from_json_binding(binding: Mapping[str, str]) -> Node:
    """Convert one term of a SPARQL 1.1 JSON result (``{"type": "uri", "value": …}``)."""
    kind = binding["type"]
    value = binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        return _literal(value, binding.get("xml:lang"), binding.get("datatype"))
    raise ValueError(f"unsupported SPARQL JSON term type {kind!r}")


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def _escape(text: str) -> str:
    if any(ch in text for ch in _ESCAPES):
        return "".join(_ESCAPES.get(ch, ch) for ch in text)
    return text


def nt_term(term: Node) -> str:
    """The canonical N-Triples form of a term (RDF 1.1 canonical N-Triples escaping)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        body = f'"{_escape(str(term))}"'
        if term.language:
            return f"{body}@{term.language.lower()}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{body}^^<{term.datatype}>"
        return body
    raise TypeError(f"unsupported RDF term {term!r}")


def nquad_line(s: Node, p: Node, o: Node, g: Node | None) -> str:
    """One canonical N-Quads line (without the newline)."""
    graph = f" {nt_term(g)}" if g is not None else ""
    return f"{nt_term(s)} {nt_term(p)} {nt_term(o)}{graph} ."
