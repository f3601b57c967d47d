"""RDF terms at the store boundary: rdflib terms in, rdflib terms out, canonical N-Quads text.

Everything above the store speaks rdflib terms (``URIRef``, ``Literal``, ``BNode``). The back-ends
convert to and from their own (pyoxigraph terms, SPARQL JSON results). Literals are created with
``normalize=False`` so that a lexical form survives a round trip byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

__all__ = [
    "from_json_binding",
    "from_ox",
    "nquad_line",
    "nquads",
    "nt_term",
    "to_ox",
]

_XSD_STRING = str(XSD.string)
_XSD_STRING_IRI = XSD.string
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


_OX_IRIS: dict[URIRef, ox.NamedNode] = {}


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to the equivalent pyoxigraph term. Like :func:`from_ox` it reuses
    the pyoxigraph objects of IRIs, which repeat a great deal in the graphs written (predicates,
    classes, a section's IRI on each of its triples)."""
    if isinstance(term, URIRef):
        iri = _OX_IRIS.get(term)
        if iri is None:
            if len(_OX_IRIS) > 500_000:
                _OX_IRIS.clear()
            iri = _OX_IRIS[term] = ox.NamedNode(term)
        return iri
    if isinstance(term, Literal):
        language = term.language
        if language:
            return ox.Literal(term, language=language)
        datatype = term.datatype
        if datatype is not None and datatype != _XSD_STRING_IRI:
            return ox.Literal(term, datatype=to_ox(datatype))
        return ox.Literal(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
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


def _escape(text: str) -> str:
    """Escape a literal's text for N-Triples: backslash first, so that the backslashes the
    other escapes add are not escaped again."""
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if '"' in text:
        text = text.replace('"', '\\"')
    if "\n" in text:
        text = text.replace("\n", "\\n")
    if "\r" in text:
        text = text.replace("\r", "\\r")
    return text


def nt_term(term: Node) -> str:
    """The canonical N-Triples form of a term (RDF 1.1 canonical N-Triples escaping)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        return _literal_term(term)
    raise TypeError(f"unsupported RDF term {term!r}")


def _literal_term(term: Literal) -> str:
    body = f'"{_escape(str(term))}"'
    language = term.language
    if language:
        return f"{body}@{language.lower()}"
    datatype = term.datatype
    if datatype is not None and datatype != _XSD_STRING_IRI:
        return f"{body}^^<{datatype}>"
    return body


def nquad_line(s: Node, p: Node, o: Node, g: Node | None) -> str:
    """One canonical N-Quads line (without the newline)."""
    graph = f" {nt_term(g)}" if g is not None else ""
    return f"{nt_term(s)} {nt_term(p)} {nt_term(o)}{graph} ."


def nquads(graphs: Mapping[Node, Iterable[tuple[Node, Node, Node]]]) -> str:
    """Named graphs' triples as N-Quads text, one canonical line per triple (no final newline);
    each line is what :func:`nquad_line` makes of it.

    >>> from rdflib import URIRef, Literal
    >>> print(nquads({URIRef("http://g"): [(URIRef("http://s"), URIRef("http://p"), Literal("a"))]}))
    <http://s> <http://p> "a" <http://g> .
    """
    lines: list[str] = []
    append = lines.append
    for graph, triples in graphs.items():
        tail = f" {nt_term(graph)} ."
        for s, p, o in triples:
            # the common shapes inline (a graph of a long report has tens of thousands of lines)
            if type(s) is URIRef and type(p) is URIRef:
                kind = type(o)
                if kind is URIRef:
                    append(f"<{s}> <{p}> <{o}>{tail}")
                    continue
                if kind is Literal:
                    append(f"<{s}> <{p}> {_literal_term(o)}{tail}")
                    continue
            append(f"{nt_term(s)} {nt_term(p)} {nt_term(o)}{tail}")
    return "\n".join(lines)
