"""Answering a page in the format the client asked for.

Every view builds one plain dict (its *view model*) and hands it to :func:`respond`: HTML renders
it with a template, JSON is the dict itself (the page's machine-readable twin), and for a
resource with an IRI, Turtle, N-Triples and JSON-LD are the resource's description from the
store. Each answer names its alternates in a ``Link`` header and varies on ``Accept``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from flask import Response, render_template, request
from rdflib import URIRef
from werkzeug.urls import iri_to_uri

from webapp.backend import get_store
from webapp.cache import cached
from webapp.negotiate import MEDIA_TYPES, choose
from webapp.rdf import cbd, serialize

__all__ = ["alternates", "json_response", "respond"]

RDF_FORMATS = ("ttl", "jsonld", "nt")
_NAMES = {"html": "HTML", "json": "JSON", "ttl": "Turtle", "jsonld": "JSON-LD",
          "nt": "N-Triples", "csv": "CSV"}


def alternates(offered: list[str], base_path: str | None = None) -> list[dict[str, str]]:
    """Links to this page in each offered format: suffixes on a resource path, else format=."""
    args = request.args.to_dict(flat=False)
    args.pop("format", None)
    out = []
    for key in offered:
        if base_path is not None:
            query = urlencode(args, doseq=True)
            href = (base_path if key == "html" else f"{base_path}.{key}") + (f"?{query}" if query else "")
        else:
            query = urlencode({**args, **({"format": [key]} if key != "html" else {})}, doseq=True)
            href = request.path + (f"?{query}" if query else "")
        out.append({"format": key, "name": _NAMES[key], "type": MEDIA_TYPES[key].split(";")[0],
                    "href": iri_to_uri(href)})
    return out


def json_response(data: Any, status: int = 200, mimetype: str = "application/json") -> Response:
    body = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    return Response(body + "\n", status=status, mimetype=mimetype)


def respond(
    data: dict[str, Any], template: str, *, iri: URIRef | None = None,
    suffix: str | None = None, base_path: str | None = None, extra: dict[str, Any] | None = None,
    csv: Callable[[], str] | None = None, cache: bool = False,
) -> Response:
    """Answer with ``data`` as HTML (``template``), JSON, or (with ``iri``) RDF; ``csv`` text
    is offered too when ``csv`` (a function making it) is given. With ``cache``, the rendered HTML is kept for the store's
    generation (for pages whose view model is cached too)."""
    offered = ["html", "json"] + (list(RDF_FORMATS) if iri is not None else [])
    if csv is not None:
        offered.append("csv")
    fmt = choose(offered, suffix)
    links = alternates(offered, base_path)
    if fmt == "html":
        def render() -> str:
            return render_template(template, data=data, alternates=links, **(extra or {}))

        body = cached(("html", request.full_path, suffix), render) if cache else render()
        response = Response(body, mimetype="text/html")
    elif fmt == "json":
        response = json_response(data)
    elif fmt == "csv":
        assert csv is not None
        response = Response(csv(), content_type=MEDIA_TYPES["csv"])
    else:
        assert iri is not None
        response = Response(serialize(cbd(get_store(), iri), fmt), content_type=MEDIA_TYPES[fmt])
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = ", ".join(
        f'<{a["href"]}>; rel="alternate"; type="{a["type"]}"' for a in links if a["format"] != fmt
    )
    return response
