"""Country pages: ``/countries`` and ``/country/{EU code}`` (also ``.json``, ``.ttl`` …)."""

from __future__ import annotations

from flask import Blueprint, redirect, request, url_for

from lawgraph.refdata import reference_index
from lawgraph.vocab import sparql_prefixes
from webapp.backend import get_store
from webapp.cache import cached
from webapp.country_page import country_page
from webapp.matrix import GROUPS, membership
from webapp.negotiate import split_suffix
from webapp.pages import respond
from webapp.params import find_country, year_arg

bp = Blueprint("countries", __name__)


def _report_counts() -> dict[str, list[int]]:
    rows = get_store().select(sparql_prefixes() + """
SELECT ?c ?y WHERE { ?r a lg:CountryReport ; lg:country ?c ; lg:reportingYear ?y }""")
    years: dict[str, list[int]] = {}
    for row in rows:
        years.setdefault(str(row["c"]), []).append(int(str(row["y"])[:4]))
    return {k: sorted(v) for k, v in years.items()}


@bp.get("/countries")
def index():
    reports = _report_counts()
    groups = []
    for key, (label, members) in GROUPS.items():
        if key == "all":
            continue
        countries = [c for c in reference_index().countries.values() if membership(c) in members]
        groups.append({"key": key, "label": label, "countries": [
            {"code": c.eu_code, "name": c.name, "alpha3": c.alpha3,
             "href": url_for("countries.country", code=c.eu_code),
             "report_years": reports.get(str(c.iri), [])}
            for c in sorted(countries, key=lambda c: c.name)]})
    data = {"title": "Countries", "groups": groups}
    return respond(data, "countries.html")


@bp.get("/country/<code>")
def country(code: str):
    code, suffix = split_suffix(code)
    found = find_country(code)
    if code != found.eu_code:
        target = url_for("countries.country", code=found.eu_code + (f".{suffix}" if suffix else ""),
                         **request.args)
        return redirect(target, code=301)
    year = year_arg()
    data = cached(("country", found.eu_code, year), lambda: country_page(get_store(), found, year))
    base = url_for("countries.country", code=found.eu_code)
    return respond(data, "country.html", iri=found.iri, suffix=suffix, base_path=base, cache=True)
