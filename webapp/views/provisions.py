"""Directives and their provisions: ``/directives``, ``/directive/{CELEX}`` and
``/provision/{CELEX}/{path}`` (the path as in the IRI: ``art_2/par_2/pnt_b``)."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, url_for

from lawgraph.identifiers import IdentifierError, ProvisionPath
from lawgraph.refdata import DirectiveInfo, reference_index
from webapp.backend import get_store
from webapp.cache import cached
from webapp.facts import assessment_years
from webapp.links import path_for
from webapp.negotiate import split_suffix
from webapp.pages import respond
from webapp.params import year_arg
from webapp.provision_page import directive_outline, provision_page

bp = Blueprint("provisions", __name__)


def _directive_or_404(key: str) -> DirectiveInfo:
    index = reference_index()
    info = index.directives.get(key) or index.directive(key)
    if info is None:
        abort(404, f"there is no directive {key[:60]!r} in the reference data")
    return info


@bp.get("/directives")
def index():
    directives = sorted(reference_index().directives.values(), key=lambda d: d.celex[1:5])
    data = {"title": "Directives", "directives": [
        {"celex": d.celex, "number": d.number, "title": d.title, "short_title": d.short_title,
         "href": path_for(d.iri), "articles": len([p for p in reference_index().provisions_of(d.celex)
                                                   if p.path.isdigit()])}
        for d in directives]}
    return respond(data, "directives.html")


@bp.get("/directive/<key>")
def directive(key: str):
    key, suffix = split_suffix(key)
    info = _directive_or_404(key)
    if key != info.celex:
        return redirect(url_for("provisions.directive", key=info.celex + (f".{suffix}" if suffix else "")), 301)
    data = directive_outline(get_store(), info)
    return respond(data, "directive.html", iri=info.iri, suffix=suffix,
                   base_path=url_for("provisions.directive", key=info.celex))


@bp.get("/provision/<celex>/<path:rest>")
def provision(celex: str, rest: str):
    rest, suffix = split_suffix(rest)
    info = reference_index().directives.get(celex)
    try:
        path = ProvisionPath.from_iri_path(rest)
    except IdentifierError:
        abort(404, f"{rest[:80]!r} is not a provision path such as art_2/par_2/pnt_b")
    found = reference_index().provision(celex, str(path)) if info else None
    if found is None:
        abort(404, f"there is no provision {rest[:80]!r} in directive {celex[:20]!r}")
    iri = found.iri
    if path_for(iri) != f"/provision/{celex}/{rest}":
        return redirect(path_for(iri) + (f".{suffix}" if suffix else ""), 301)
    years = assessment_years()
    year = year_arg(default=years[-1] if years else None)
    data = cached(("provision", str(iri), year),
                  lambda: provision_page(get_store(), found, year, years))
    return respond(data, "provision.html", iri=iri, suffix=suffix, base_path=path_for(iri),
                   cache=True)
