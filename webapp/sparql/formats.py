"""Serialising endpoint answers: SPARQL results as JSON, XML, CSV and TSV; graphs as Turtle,
N-Triples, JSON-LD and RDF/XML. Answers are the worker's JSON shape (terms as SPARQL JSON)."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from rdflib import Graph

from lawgraph.store.terms import from_json_binding, nt_term
from lawgraph.vocab import PREFIXES
from webapp.rdf import jsonld

__all__ = ["GRAPH_FORMATS", "RESULT_FORMATS", "render_graph", "render_results"]

#: key → (media type answered, media types that ask for it)
RESULT_FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "json": ("application/sparql-results+json",
             ("application/sparql-results+json", "application/json", "text/javascript",
              "application/javascript")),
    "xml": ("application/sparql-results+xml",
            ("application/sparql-results+xml", "application/xml", "text/xml")),
    "csv": ("text/csv; charset=utf-8", ("text/csv",)),
    "tsv": ("text/tab-separated-values; charset=utf-8", ("text/tab-separated-values",)),
    "html": ("text/html; charset=utf-8", ("text/html", "application/xhtml+xml")),
}
GRAPH_FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "turtle": ("text/turtle; charset=utf-8", ("text/turtle", "application/x-turtle")),
    "nt": ("application/n-triples", ("application/n-triples", "text/plain")),
    "jsonld": ("application/ld+json", ("application/ld+json", "application/json")),
    "rdfxml": ("application/rdf+xml", ("application/rdf+xml", "application/xml", "text/xml")),
    "html": ("text/html; charset=utf-8", ("text/html", "application/xhtml+xml")),
}
#: ``format=`` / ``output=`` values → key, per answer kind
FORMAT_PARAMS = {
    "results": {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv",
                "tsv": "tsv", "html": "html"},
    "graph": {"turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt",
              "n-triples": "nt", "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld",
              "rdfxml": "rdfxml", "xml": "rdfxml", "html": "html"},
}


def _plain(term: dict | None) -> str:
    if term is None:
        return ""
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    return str(term["value"])


def _nt(term: dict | None) -> str:
    if term is None:
        return ""
    if term["type"] == "triple":
        inner = term["value"]
        return f"<< {_nt(inner['subject'])} {_nt(inner['predicate'])} {_nt(inner['object'])} >>"
    return nt_term(from_json_binding(term))


def _json(answer: dict) -> str:
    if answer["kind"] == "ask":
        return json.dumps({"head": {}, "boolean": answer["boolean"]})
    names = answer["vars"]
    bindings = [{n: t for n, t in zip(names, row, strict=True) if t is not None}
                for row in answer["rows"]]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                      ensure_ascii=False)


def _xml_term(term: dict) -> str:
    kind = term["type"]
    if kind == "uri":
        return f"<uri>{escape(term['value'])}</uri>"
    if kind == "bnode":
        return f"<bnode>{escape(term['value'])}</bnode>"
    attrs = ""
    if "xml:lang" in term:
        attrs = f" xml:lang={quoteattr(term['xml:lang'])}"
    elif "datatype" in term:
        attrs = f" datatype={quoteattr(term['datatype'])}"
    return f"<literal{attrs}>{escape(str(term['value']))}</literal>"


def _xml(answer: dict) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if answer["kind"] == "ask":
        out += ["<head/>", f"<boolean>{'true' if answer['boolean'] else 'false'}</boolean>"]
    else:
        out.append("<head>" + "".join(f"<variable name={quoteattr(n)}/>" for n in answer["vars"])
                   + "</head>")
        out.append("<results>")
        for row in answer["rows"]:
            cells = "".join(f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                            for n, t in zip(answer["vars"], row, strict=True)
                            if t is not None and t["type"] != "triple")
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _delimited(answer: dict, fmt: str) -> str:
    if answer["kind"] == "ask":
        return ("_askResult\n" if fmt == "csv" else "?_askResult\n") + (
            "true\n" if answer["boolean"] else "false\n")
    if fmt == "tsv":
        lines = ["\t".join(f"?{n}" for n in answer["vars"])]
        lines += ["\t".join(_nt(t) for t in row) for row in answer["rows"]]
        return "\n".join(lines) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(answer["vars"])
    writer.writerows([_plain(t) for t in row] for row in answer["rows"])
    return buffer.getvalue()


def render_results(answer: dict, fmt: str) -> str:
    """A SELECT or ASK answer as ``json``, ``xml``, ``csv`` or ``tsv``."""
    if fmt == "json":
        return _json(answer)
    if fmt == "xml":
        return _xml(answer)
    return _delimited(answer, fmt)


def to_graph(answer: dict) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    for s, p, o in answer["triples"]:
        if "triple" in (s["type"], o["type"]):
            continue
        graph.add((from_json_binding(s), from_json_binding(p), from_json_binding(o)))
    return graph


def render_graph(answer: dict, fmt: str) -> str:
    """A CONSTRUCT or DESCRIBE answer as ``turtle``, ``nt``, ``jsonld`` or ``rdfxml``."""
    graph = to_graph(answer)
    if fmt == "nt":
        return "".join(sorted(graph.serialize(format="nt").splitlines(keepends=True)))
    if fmt == "jsonld":
        return jsonld(graph)
    if fmt == "rdfxml":
        return graph.serialize(format="xml")
    return graph.serialize(format="turtle")
