"""One source of truth for the JSON API: each view is declared with :func:`api_route`, which
registers the Flask route *and* its OpenAPI 3.1 description (parameters, response schema), so
``/api/openapi.json`` cannot drift from the routes (``tests/test_webapp_api.py`` checks both ways).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint

from lawgraph import __version__

__all__ = ["ApiRoute", "Param", "api_route", "openapi_spec"]


@dataclass(frozen=True)
class Param:
    name: str
    where: str  # "query" | "path"
    schema: dict[str, Any]
    description: str
    required: bool = False

    def spec(self) -> dict[str, Any]:
        return {"name": self.name, "in": self.where, "required": self.required or self.where == "path",
                "description": self.description, "schema": self.schema}


@dataclass
class ApiRoute:
    path: str  # Flask rule, e.g. /api/v1/countries/<code>
    summary: str
    description: str
    params: tuple[Param, ...]
    schema: dict[str, Any]
    errors: tuple[int, ...] = (400,)
    tags: tuple[str, ...] = field(default_factory=tuple)

    @property
    def openapi_path(self) -> str:
        return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", self.path)

    def operation_id(self) -> str:
        words = re.sub(r"[{}]", "", self.openapi_path.removeprefix("/api/v1/")).split("/")
        return "get_" + "_".join(w.replace("-", "_") for w in words if w)


ROUTES: list[ApiRoute] = []

PROBLEM = {
    "type": "object", "required": ["title", "status", "detail"],
    "properties": {"type": {"type": "string"}, "title": {"type": "string"},
                   "status": {"type": "integer"}, "detail": {"type": "string"}},
}


def api_route(bp: Blueprint, path: str, summary: str, *, params: tuple[Param, ...] = (),
              schema: dict[str, Any], description: str = "", errors: tuple[int, ...] = (400,),
              tags: tuple[str, ...] = ()) -> Callable:
    """``@bp.get(path)`` plus an entry in the OpenAPI description."""
    route = ApiRoute(path, summary, description or summary, params, schema, errors, tags)
    ROUTES.append(route)

    def decorate(view: Callable) -> Callable:
        return bp.get(path, endpoint=route.operation_id())(view)

    return decorate


def _operation(route: ApiRoute) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": {"description": "OK", "content": {"application/json": {"schema": route.schema}}},
    }
    reasons = {400: "A parameter is not valid", 404: "No such resource",
               406: "Not acceptable", 503: "The store is unreachable",
               504: "The query took too long"}
    for code in sorted({*route.errors, 406, 503}):
        responses[str(code)] = {"description": reasons[code],
                                "content": {"application/problem+json": {"schema": PROBLEM}}}
    return {"operationId": route.operation_id(), "summary": route.summary,
            "description": route.description, "tags": list(route.tags) or ["gaps"],
            "parameters": [p.spec() for p in route.params], "responses": responses}


def openapi_spec(server_url: str = "/") -> dict[str, Any]:
    """The OpenAPI 3.1 description of every :func:`api_route`."""
    paths: dict[str, Any] = {}
    for route in ROUTES:
        paths.setdefault(route.openapi_path, {})["get"] = _operation(route)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "lawgraph API", "version": __version__,
            "description": "Where national anti-discrimination law falls short of the EU equality "
                           "directives, with the evidence. Every resource also has a page that "
                           "answers HTML, JSON, Turtle and JSON-LD; the SPARQL endpoint is /sparql.",
            "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        },
        "servers": [{"url": server_url}],
        "paths": dict(sorted(paths.items())),
    }
