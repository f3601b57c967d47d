"""``/healthz``: store reachable, last ingest, data currency, rules (JSON; 503 when unhealthy)."""

from __future__ import annotations

from flask import Blueprint

from lawgraph import ops
from lawgraph.errors import LawgraphError
from webapp.backend import holder
from webapp.pages import json_response

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    current = holder()
    try:
        report = ops.health(current.get(), location=current.location, max_age=30)
    except LawgraphError:
        report = ops.health_of(current.location)
    return json_response(report, status=200 if report["ok"] else 503)
