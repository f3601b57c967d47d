"""``/sparql``: the SPARQL 1.1 Protocol endpoint, and the query page for people."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.exceptions import BadRequest, NotAcceptable

from lawgraph.store.terms import from_json_binding
from webapp.backend import generation, get_store
from webapp.errors import QueryTimeout
from webapp.links import path_for
from webapp.negotiate import best, parse_accept
from webapp.sparql import classify, read_request, runner
from webapp.sparql.examples import examples
from webapp.sparql.formats import (
    FORMAT_PARAMS,
    GRAPH_FORMATS,
    RESULT_FORMATS,
    render_graph,
    render_results,
)
from webapp.sparql.runner import QueryFailed, QueryTimedOut

bp = Blueprint("sparql", __name__)


def _format(kind: str) -> str:
    """The answer format: ``format=``/``output=`` first, then the Accept header."""
    table = RESULT_FORMATS if kind == "results" else GRAPH_FORMATS
    param = (request.values.get("format") or request.values.get("output") or "").lower()
    if param:
        key = FORMAT_PARAMS[kind].get(param)
        if key is None:
            raise NotAcceptable(f"format={param[:30]!r} is not available for this query; "
                                f"choose one of {', '.join(sorted(set(FORMAT_PARAMS[kind])))}")
        return key
    ranges = parse_accept(request.headers.get("Accept"))
    if not ranges:
        return next(iter(table))
    if kind == "graph" and any(sub.startswith("sparql-results") for _, sub, q in ranges if q):
        # a results-minded client (rdflib's SPARQLStore, SPARQLWrapper with JSON) asking a
        # CONSTRUCT: answer the default graph format, as most SPARQL servers do
        return "turtle"
    offers = {media: key for key, (_, medias) in table.items() for media in medias}
    chosen = best(list(offers), ranges)
    if chosen is None:
        raise NotAcceptable("acceptable answers: " + ", ".join(m for m, _ in table.values()))
    return offers[chosen]


def _run(query: str, form: str, default: tuple[str, ...], named: tuple[str, ...]) -> dict:
    settings = current_app.config["LAWGRAPH"]
    get_store()
    try:
        return runner().run(query, form=form, limit=settings.query_limit,
                            timeout=settings.query_timeout, generation=generation(),
                            default_graph=default, named_graph=named)
    except QueryTimedOut:
        raise QueryTimeout(
            f"The query did not finish within {settings.query_timeout:g} seconds and was stopped. "
            "Narrow it down (a LIMIT, fewer OPTIONALs, a more selective pattern) and try again."
        ) from None
    except QueryFailed as exc:
        raise BadRequest(f"the query could not be run: {exc}") from None


def _page(query: str | None, answer: dict | None, form: str | None) -> Response:
    settings = current_app.config["LAWGRAPH"]
    rows = []
    if answer and answer["kind"] in ("select", "graph"):
        rows = [[_cell(t) for t in row] for row in answer.get("rows", answer.get("triples", []))]
    listed = [{"key": e.key, "title": e.title, "description": e.description, "query": e.query,
               "href": "?" + urlencode({"query": e.query})} for e in examples()]
    body = render_template(
        "sparql.html", query=query or listed[0]["query"], answer=answer, rows=rows, form=form,
        examples=listed, limit=settings.query_limit, timeout=settings.query_timeout,
        data={"title": "SPARQL"},
    )
    return Response(body, mimetype="text/html")


def _cell(term: dict | None) -> dict[str, object] | None:
    if term is None:
        return None
    if term["type"] == "uri":
        return {"text": term["value"], "href": path_for(term["value"]) or term["value"]}
    if term["type"] == "triple":
        return {"text": "<< triple >>"}
    value = from_json_binding(term)
    suffix = f"@{value.language}" if getattr(value, "language", None) else ""
    return {"text": str(value) + suffix}


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint():
    query, default, named = read_request()
    if query is None:
        wants = best(["text/html", "application/sparql-results+json"],
                     parse_accept(request.headers.get("Accept")) or [("text", "html", 1.0)])
        if wants == "text/html":
            return _page(None, None, None)
        raise BadRequest("no query: send ?query= (GET), a form field 'query' or an "
                         "application/sparql-query body (POST)")
    form = classify(query)
    kind = "graph" if form in ("CONSTRUCT", "DESCRIBE") else "results"
    fmt = _format(kind)
    answer = _run(query, form, default, named)
    if fmt == "html":
        response = _page(query, answer, form)
    elif kind == "graph":
        response = Response(render_graph(answer, fmt), content_type=GRAPH_FORMATS[fmt][0])
    else:
        response = Response(render_results(answer, fmt), content_type=RESULT_FORMATS[fmt][0])
    response.headers["Vary"] = "Accept"
    if answer.get("truncated"):
        limit = current_app.config["LAWGRAPH"].query_limit
        response.headers["X-Lawgraph-Truncated"] = "true"
        response.headers["X-Lawgraph-Row-Limit"] = str(limit)
    return response
