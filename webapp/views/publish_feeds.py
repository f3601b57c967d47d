"""Atom feeds of status changes and new case law (:mod:`lawgraph.exports.feeds`):
``/feeds/country/{EU code}.atom`` and ``/feeds/provision/{CELEX}/{path}.atom`` (the provision's
path as on its page, ``art_8/par_1``; sub-provisions are included), listed at ``/feeds``.

Feeds are open to everyone when ``public_read`` is on, like every page; their links point into
this app. They are computed once per store generation.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, request, url_for

from lawgraph.exports.feeds import country_feed, provision_feed
from lawgraph.identifiers import IdentifierError, ProvisionPath
from lawgraph.refdata import reference_index
from lawgraph.vocab import sparql_prefixes
from webapp.backend import get_store
from webapp.cache import cached
from webapp.pages import respond
from webapp.params import find_country

bp = Blueprint("feeds", __name__)

ATOM = "application/atom+xml; charset=utf-8"


def _base() -> str:
    return request.url_root.rstrip("/")


def _atom(body: bytes) -> Response:
    return Response(body, content_type=ATOM)


def _articles(celex: str) -> list:
    found = [p for p in reference_index().provisions_of(celex) if p.path.isdigit()]
    return sorted(found, key=lambda p: int(p.path))


@bp.get("/feeds")
def index():
    rows = get_store().select(
        sparql_prefixes()
        + """
SELECT DISTINCT ?code WHERE { ?r a lg:CountryReport ; lg:country ?c . ?c lg:euCode ?code }"""
    )
    index_ = reference_index()
    countries = sorted((index_.country(str(r["code"])) for r in rows), key=lambda c: c.name)
    directives = sorted(index_.directives.values(), key=lambda d: d.celex[1:5])
    data = {
        "title": "Feeds",
        "countries": [
            {"code": c.eu_code, "name": c.name, "href": url_for("feeds.country", code=c.eu_code)}
            for c in countries
        ],
        "directives": [
            {
                "number": d.number,
                "title": d.short_title,
                "articles": [
                    {
                        "label": p.label,
                        "href": url_for(
                            "feeds.provision",
                            celex=p.celex,
                            rest=ProvisionPath.parse(p.path).iri_path(),
                        ),
                    }
                    for p in _articles(d.celex)
                ],
            }
            for d in directives
        ],
    }
    return respond(data, "publish_feeds.html")


@bp.get("/feeds/country/<code>.atom")
def country(code: str):
    found = find_country(code)
    if code != found.eu_code:
        return redirect(url_for("feeds.country", code=found.eu_code), code=301)
    base = _base()
    return _atom(
        cached(
            ("feed", "country", found.eu_code, base),
            lambda: country_feed(get_store(), found.eu_code, base_url=base),
        )
    )


@bp.get("/feeds/provision/<celex>/<path:rest>.atom")
def provision(celex: str, rest: str):
    directive = reference_index().directives.get(celex)
    try:
        path = ProvisionPath.from_iri_path(rest)
    except IdentifierError:
        abort(404, f"{rest[:80]!r} is not a provision path such as art_8/par_1")
    info = reference_index().provision(celex, str(path)) if directive else None
    if info is None or directive is None:
        abort(404, f"there is no provision {rest[:80]!r} in directive {celex[:20]!r}")
    citation = f"{directive.number} Art {path}"
    base = _base()
    return _atom(
        cached(
            ("feed", "provision", str(info.iri), base),
            lambda: provision_feed(get_store(), citation, base_url=base),
        )
    )
