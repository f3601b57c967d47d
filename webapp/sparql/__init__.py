"""The SPARQL 1.1 Protocol endpoint: read-only, with a deadline and a result-size limit."""

from __future__ import annotations

import re
import threading

from flask import current_app, request
from werkzeug.exceptions import BadRequest, UnsupportedMediaType

from lawgraph.errors import StoreError
from lawgraph.store import query_form
from webapp.backend import holder

__all__ = ["classify", "read_request", "runner"]

_PROLOGUE = re.compile(
    r"\A(?:\s+|#[^\n]*\n?|PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.IGNORECASE)
_UPDATE = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
MAX_QUERY_BYTES = 100_000
_RUNNER_LOCK = threading.Lock()

READ_ONLY = ("This endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP …) "
             "is not accepted. Change the data with `lawgraph ingest` instead.")


def read_request() -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
    """The query and the dataset (default-graph-uri, named-graph-uri) of a protocol request:
    GET ``?query=``, POST form, or POST ``application/sparql-query``. Updates are refused."""
    if request.method == "POST":
        mimetype = request.mimetype
        if mimetype == "application/sparql-update" or "update" in request.form:
            raise BadRequest(READ_ONLY)
        if mimetype == "application/sparql-query":
            query = request.get_data(as_text=True)
            source = request.args
        elif mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            query = request.form.get("query")
            source = request.form
        else:
            raise UnsupportedMediaType(
                "POST a query as application/sparql-query or as a form field 'query'")
    else:
        if "update" in request.args:
            raise BadRequest(READ_ONLY)
        query = request.args.get("query")
        source = request.args
    if query is not None and len(query.encode("utf-8")) > MAX_QUERY_BYTES:
        raise BadRequest(f"the query is longer than {MAX_QUERY_BYTES} bytes")
    default = tuple(source.getlist("default-graph-uri") or request.args.getlist("default-graph-uri"))
    named = tuple(source.getlist("named-graph-uri") or request.args.getlist("named-graph-uri"))
    return query, default, named


def classify(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; a 400 for an update or anything else."""
    if not query.strip():
        raise BadRequest("the query is empty")
    try:
        return query_form(query)
    except StoreError:
        rest = query[_PROLOGUE.match(query).end():]
        if _UPDATE.match(rest):
            raise BadRequest(READ_ONLY) from None
        raise BadRequest("not a SPARQL query: it must start with SELECT, ASK, CONSTRUCT or "
                         "DESCRIBE (after any PREFIX and BASE declarations)") from None


def runner():
    """The app's query runner, created on first use (see :mod:`webapp.sparql.runner`)."""
    from webapp.sparql.runner import EmbeddedRunner, RemoteRunner

    found = current_app.extensions.get("lawgraph.sparql")
    if found is not None:
        return found
    with _RUNNER_LOCK:
        found = current_app.extensions.get("lawgraph.sparql")
        if found is not None:
            return found
        store_holder = holder()
        if store_holder.remote:
            store = store_holder.get()
            found = RemoteRunner(store.query_endpoint)  # type: ignore[attr-defined]
        else:
            found = EmbeddedRunner(store_holder.location, current_app.config["SPARQL_WORKERS"])
        current_app.extensions["lawgraph.sparql"] = found
        return found
