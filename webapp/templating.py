"""Template filters and the footer's provenance line, shared by every page."""

from __future__ import annotations

from datetime import datetime

from flask import Flask, request

from lawgraph.errors import LawgraphError
from webapp.links import path_for
from webapp.status import STATUSES, status

__all__ = ["register"]

NAV = (
    ("dashboard.index", "Gap matrix"),
    ("countries.index", "Countries"),
    ("provisions.index", "Directives"),
    ("search.search", "Search"),
    ("sparql.endpoint", "SPARQL"),
    ("api.docs", "API"),
)


def href(iri: object) -> str:
    """The app's page for an IRI, or the IRI itself when it lives elsewhere."""
    return path_for(iri) or str(iri)


def timestamp(value: object) -> str:
    """``2025-03-01T09:30:00Z`` → ``2025-03-01 09:30 UTC``."""
    text = str(value or "")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def percent(value: object) -> str:
    try:
        return f"{float(value) * 100:.0f} %"  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""


def _footer_facts() -> dict[str, object] | None:
    from webapp.facts import store_facts

    try:
        return store_facts()
    except LawgraphError:
        return None


def register(app: Flask, version: str) -> None:
    app.jinja_env.filters.update(href=href, timestamp=timestamp, percent=percent)
    app.jinja_env.globals.update(status=status, STATUSES=STATUSES, NAV=NAV, VERSION=version)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def _footer() -> dict[str, object]:
        facts = _footer_facts() if request.endpoint != "static" else None
        return {"facts": facts}
