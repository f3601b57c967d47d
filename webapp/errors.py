"""Error pages: 400, 404, 405, 406, 500, 503, 504 as HTML, or as RFC 9457 problem JSON for API
clients and JSON-asking clients, or as plain text for the SPARQL endpoint. Never a stack trace.

When the store cannot be reached (a SPARQL server down, no embedded store yet), every page
answers 503 with ``Retry-After``; the next request tries again, so the app recovers by itself.
"""

from __future__ import annotations

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from lawgraph.errors import InputError, StoreError, StoreUnavailableError
from webapp.negotiate import best, parse_accept
from webapp.pages import json_response

__all__ = ["QueryTimeout", "register_error_handlers"]

RETRY_AFTER_SECONDS = 5

_TITLES = {
    400: "Bad request", 401: "Login required", 403: "Not allowed", 404: "Not found",
    409: "Conflicting edit", 422: "Cannot be accepted as it is", 405: "Method not allowed", 406: "Not acceptable",
    413: "Request too large", 414: "URI too long", 500: "Something went wrong on our side",
    429: "Too many requests", 503: "The store is unreachable", 504: "The query took too long",
}


class QueryTimeout(HTTPException):
    """A query that did not finish within the deadline (it was stopped)."""

    code = 504
    description = "The query did not finish in time and was stopped."


def _format() -> str:
    """html for browsers and clients that ask nothing in particular, problem JSON for the API
    and JSON clients, plain text for anything else (a SPARQL or RDF client)."""
    if request.path.startswith("/api/") or request.path.endswith(".json"):
        return "json"
    ranges = parse_accept(request.headers.get("Accept"))
    if not ranges:
        return "html"
    wants = best(
        ["text/html", "application/json", "application/problem+json", "application/ld+json",
         "application/sparql-results+json", "text/plain"], ranges,
    )
    if wants == "text/html":
        return "html"
    return "text" if wants in (None, "text/plain") else "json"


def error_response(status: int, detail: str, headers: dict[str, str] | None = None) -> Response:
    title = _TITLES.get(status, "Error")
    fmt = _format()
    if fmt == "json":
        response = json_response(
            {"type": "about:blank", "title": title, "status": status, "detail": detail},
            status=status, mimetype="application/problem+json",
        )
    elif fmt == "text":
        response = Response(f"{title}: {detail}\n", status=status, mimetype="text/plain")
    else:
        page = render_template("error.html", status=status, title=title, detail=detail)
        response = Response(page, status=status, mimetype="text/html")
    response.headers["Vary"] = "Accept"
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    headers = {}
    if status == 405 and exc.valid_methods:  # type: ignore[attr-defined]
        headers["Allow"] = ", ".join(exc.valid_methods)  # type: ignore[attr-defined]
    if status in (503, 504):
        headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    detail = exc.description or _TITLES.get(status, "")
    if status == 404 and detail.startswith("The requested URL was not found"):
        detail = f"There is nothing at {request.path}. Try the search, or start from the dashboard."
    return error_response(status, detail, headers)


def _unavailable(exc: StoreUnavailableError) -> Response:
    detail = (f"{exc}. Nothing is lost: this page will work again as soon as the store answers; "
              f"try again in a few seconds.")
    return error_response(503, detail, {"Retry-After": str(RETRY_AFTER_SECONDS)})


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(StoreUnavailableError, _unavailable)
    app.register_error_handler(InputError, lambda exc: error_response(400, exc.message))

    def _store_error(exc: StoreError) -> Response:
        app.logger.error("store error on %s: %s", request.path, exc)
        return error_response(500, "The store could not answer this request.")

    def _internal(exc: Exception) -> Response:
        if isinstance(exc, HTTPException):
            return _http_error(exc)
        app.logger.exception("unhandled error on %s", request.path)
        return error_response(500, InternalServerError.description)

    app.register_error_handler(StoreError, _store_error)
    app.register_error_handler(Exception, _internal)
