"""Every resource under ``https://w3id.org/lawgraph/id/`` at the same path on the app:
``/ecli/{ECLI}``, ``/measure/{alpha3}/{slug}``, ``/report/{EU code}/{year}`` (and its sections and
findings), ``/assessment/…``, ``/concept/…``, ``/rule/…`` … Each answers HTML, JSON, Turtle,
JSON-LD and N-Triples by content negotiation or by suffix."""

from __future__ import annotations

from flask import Blueprint, abort

from webapp.backend import get_store
from webapp.links import iri_candidates, path_for
from webapp.negotiate import split_suffix
from webapp.pages import respond
from webapp.rdf import find_existing
from webapp.resource_page import resource_page

bp = Blueprint("resources", __name__)

_TEMPLATES = {
    "ruling": "ruling.html", "measure": "measure.html", "report": "report.html",
    "section": "section.html", "assessment": "assessment.html", "resource": "resource.html",
}


def _resolve(rest: str):
    """The IRI a path stands for: with a format suffix stripped, or the whole path (national
    ECLIs may end in ``.something``)."""
    store = get_store()
    stripped, suffix = split_suffix(rest)
    if suffix is not None:
        found = find_existing(store, iri_candidates(stripped))
        if found is not None:
            return found, suffix
    found = find_existing(store, iri_candidates(rest))
    if found is None:
        abort(404, f"there is no resource /{rest[:120]} in the graph")
    return found, None


@bp.get("/<path:rest>")
def resource(rest: str):
    iri, suffix = _resolve(rest)
    data = resource_page(get_store(), iri)
    return respond(data, _TEMPLATES[str(data["kind"])], iri=iri, suffix=suffix,
                   base_path=path_for(iri))
