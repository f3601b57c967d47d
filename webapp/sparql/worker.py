"""A query worker for the SPARQL endpoint on an embedded store: a separate process with its own
read-only handle, so that a query that runs too long can be stopped by killing the process
(Oxigraph cannot cancel a query from Python).

Started by :mod:`webapp.sparql.runner` as a script (it imports nothing from lawgraph or Flask,
so it starts fast). It reads one JSON request per line on stdin and answers one JSON line on
stdout; it exits when stdin closes. Terms are encoded as in SPARQL 1.1 Query Results JSON.

Request: ``{"query": …, "limit": N, "generation": G, "default_graph": [...], "named_graph": [...]}``.
Answers: ``{"kind": "select", "vars": [...], "rows": [[term|null, …]], "truncated": bool}``,
``{"kind": "ask", "boolean": bool}``, ``{"kind": "graph", "triples": [[s, p, o]], "truncated": bool}``,
or ``{"error": "syntax"|"query", "message": …}``.
"""

from __future__ import annotations

import json
import sys

import pyoxigraph as ox

__all__ = ["encode_term", "execute", "main"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def encode_term(term: object) -> dict[str, object] | None:
    """A pyoxigraph term as a SPARQL JSON term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": encode_term(term.subject),
                                            "predicate": encode_term(term.predicate),
                                            "object": encode_term(term.object)}}
    return {"type": "literal", "value": str(term)}


def _dataset(request: dict) -> dict[str, object]:
    default = [ox.NamedNode(g) for g in request.get("default_graph") or []]
    named = [ox.NamedNode(g) for g in request.get("named_graph") or []]
    kwargs: dict[str, object] = {}
    if default:
        kwargs["default_graph"] = default
    else:
        kwargs["use_default_graph_as_union"] = True
    if named:
        kwargs["named_graphs"] = named
    return kwargs


def execute(store: ox.Store, request: dict) -> dict[str, object]:
    """Run one query; at most ``limit`` rows or triples, with ``truncated`` saying if more."""
    limit = int(request.get("limit") or 10_000)
    result = store.query(request["query"], **_dataset(request))
    if isinstance(result, ox.QueryBoolean):
        return {"kind": "ask", "boolean": bool(result)}
    rows: list[object] = []
    truncated = False
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        for solution in result:
            if len(rows) >= limit:
                truncated = True
                break
            rows.append([encode_term(solution[i]) for i in range(len(names))])
        return {"kind": "select", "vars": names, "rows": rows, "truncated": truncated}
    for triple in result:
        if len(rows) >= limit:
            truncated = True
            break
        rows.append([encode_term(triple.subject), encode_term(triple.predicate),
                     encode_term(triple.object)])
    return {"kind": "graph", "triples": rows, "truncated": truncated}


def main(path: str) -> None:
    store = None
    generation = None
    for line in sys.stdin:
        request = json.loads(line)
        try:
            if store is None or request.get("generation") != generation:
                store = ox.Store.read_only(path) if path != "memory:" else ox.Store()
                generation = request.get("generation")
            answer = execute(store, request)
        except SyntaxError as exc:
            answer = {"error": "syntax", "message": str(exc)}
        except (OSError, ValueError, TypeError, RuntimeError) as exc:
            answer = {"error": "query", "message": str(exc)}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1])
