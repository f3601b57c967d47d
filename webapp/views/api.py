"""The JSON API, ``/api/v1/…``, described at ``/api/openapi.json`` (see :mod:`webapp.openapi`)."""

from __future__ import annotations

from flask import Blueprint, abort, request

from lawgraph.gaps import assessments, coverage, diff
from lawgraph.identifiers import IdentifierError, ProvisionPath
from lawgraph.refdata import Country, ProvisionInfo, reference_index
from lawgraph.vocab import ruling_iri, sparql_prefixes
from webapp.backend import get_store
from webapp.caselaw import ruling_records, rulings_for_country, rulings_for_provision
from webapp.country_page import assessment_record, report_years
from webapp.evidence import evidence_records
from webapp.facts import assessment_years
from webapp.links import path_for
from webapp.matrix import load_assessments, membership
from webapp.openapi import Param, api_route, openapi_spec
from webapp.pages import json_response, respond
from webapp.params import choice, country_arg, directive_arg, year_arg
from webapp.rdf import exists
from webapp.status import GAP_SLUGS, STATUSES

bp = Blueprint("api", __name__)

_YEAR = Param("year", "query", {"type": "integer", "minimum": 1950, "maximum": 2100},
              "Reporting year; default: the latest in the store.")
_COUNTRY = Param("country", "query", {"type": "string", "maxLength": 60},
                 "EU country code (DE, EL), ISO code or English name.")
_DIRECTIVE = Param("directive", "query", {"type": "string", "maxLength": 60},
                   "Directive: number (2000/78), CELEX (32000L0078) or name (RED).")
_STATUS = Param("status", "query", {"type": "string", "enum": [s.slug for s in STATUSES]},
                "Only assessments with this status.")

_STR = {"type": "string"}
_NSTR = {"type": ["string", "null"]}
_COUNTRY_SCHEMA = {"type": "object", "required": ["code", "name", "iri"], "properties": {
    "code": _STR, "alpha2": _STR, "alpha3": _STR, "name": _STR, "membership": _STR, "iri": _STR,
    "url": _STR, "report_years": {"type": "array", "items": {"type": "integer"}}}}
_EVIDENCE = {"type": ["object", "null"], "properties": {"iri": _STR, "kind": _STR, "href": _NSTR}}
_REASON = {"type": "object", "required": ["rule", "authority", "confidence"], "properties": {
    "rule": _STR, "rule_title": _STR, "explanation": _STR, "status": _STR,
    "confidence": {"type": "number"}, "authority": _STR, "indication": {"type": "boolean"},
    "text": _STR, "evidence": _EVIDENCE}}
_ASSESSMENT = {"type": "object", "required": ["iri", "country", "year", "provision", "status"],
               "properties": {
                   "iri": _STR, "href": _NSTR, "country": _STR, "year": {"type": "integer"},
                   "provision": _STR, "citation": _STR, "status": {"enum": [s.slug for s in STATUSES]},
                   "confidence": {"type": "number"}, "basis": _STR, "contested": {"type": "boolean"},
                   "reasons": {"type": "array", "items": _REASON}}}
_LIST = {"type": "array"}
_RULING = {"type": "object", "required": ["iri", "title"], "properties": {
    "iri": _STR, "href": _NSTR, "title": _STR, "ecli": _STR, "date": _STR,
    "case_numbers": _STR, "cited_by": {"type": "integer"}}}
_PROVISION = {"type": "object", "required": ["iri", "celex", "path", "label"], "properties": {
    "iri": _STR, "url": _NSTR, "celex": _STR, "path": _STR, "label": _STR, "heading": _NSTR,
    "summary": _NSTR, "concepts": {"type": "array", "items": _STR}}}


def _country_record(country: Country, reports: dict[str, list[int]] | None = None) -> dict:
    return {"code": country.eu_code, "alpha2": country.alpha2, "alpha3": country.alpha3,
            "name": country.name, "membership": membership(country), "iri": str(country.iri),
            "url": f"/country/{country.eu_code}",
            "report_years": (reports or {}).get(str(country.iri), [])}


def _year(default_latest: bool = True) -> int | None:
    years = assessment_years()
    return year_arg(default=years[-1] if years and default_latest else None)


def _provision_record(info: ProvisionInfo) -> dict:
    return {"iri": str(info.iri), "url": path_for(info.iri), "celex": info.celex, "path": info.path,
            "label": info.label, "heading": info.heading, "summary": info.summary,
            "concepts": [str(c) for c in info.concepts]}


@bp.get("/api")
def docs():
    data = {"title": "JSON API", "spec": "/api/openapi.json", "routes": [
        {"path": r.openapi_path, "summary": r.summary,
         "params": [p.name for p in r.params if p.where == "query"]} for r in _routes()]}
    return respond(data, "api.html")


def _routes():
    from webapp.openapi import ROUTES

    return ROUTES


@bp.get("/api/openapi.json")
def spec():
    return json_response(openapi_spec(request.url_root))


@api_route(bp, "/api/v1/countries", "Countries of the network, with their reports",
           schema={"type": "object", "properties": {"countries": {**_LIST, "items": _COUNTRY_SCHEMA}}},
           errors=())
def countries():
    rows = get_store().select(sparql_prefixes() + """
SELECT ?c ?y WHERE { ?r a lg:CountryReport ; lg:country ?c ; lg:reportingYear ?y }""")
    reports: dict[str, list[int]] = {}
    for row in rows:
        reports.setdefault(str(row["c"]), []).append(int(str(row["y"])[:4]))
    reports = {k: sorted(set(v)) for k, v in reports.items()}
    found = sorted(reference_index().countries.values(), key=lambda c: c.name)
    return json_response({"countries": [_country_record(c, reports) for c in found]})


@api_route(bp, "/api/v1/countries/<code>", "One country, its reports and gap counts per year",
           params=(Param("code", "path", {"type": "string", "maxLength": 60}, "EU country code"),),
           schema={"type": "object", "required": ["country"], "properties": {
               "country": _COUNTRY_SCHEMA, "years": {**_LIST, "items": {"type": "object"}},
               "case_law": {**_LIST, "items": _RULING}}},
           errors=(404,))
def country(code: str):
    found = reference_index().country(code) if len(code) <= 60 else None
    if found is None:
        abort(404, f"unknown country {code[:60]!r}")
    store = get_store()
    years = []
    for report in report_years(store, found):
        rows = [r for r in load_assessments(report["year"], None) if r.country == found.eu_code]
        years.append({"year": report["year"], "report": report["iri"], "assessed": len(rows),
                      "gaps": sum(1 for r in rows if r.status in GAP_SLUGS)})
    return json_response({"country": _country_record(found), "years": years,
                          "case_law": rulings_for_country(store, found.iri)})


def _assessment_list(statuses: tuple[str, ...] | None, with_reasons: bool) -> dict:
    country = country_arg()
    directive = directive_arg()
    year = _year()
    if year is None:
        return {"year": None, "count": 0, "assessments": []}
    rows = assessments(get_store(), country=country.eu_code if country else None,
                       directive=directive.celex if directive else None, year=year,
                       with_reasons=with_reasons)
    if statuses:
        rows = [r for r in rows if r.status in statuses]
    evidence = evidence_records(get_store(), {x["evidence"] for r in rows for x in r.reasons
                                              if x["evidence"]}) if with_reasons else {}
    records = [assessment_record(r, evidence) for r in rows]
    for record in records:
        record.pop("anchor", None)
        record.pop("provision_href", None)
        if not with_reasons:
            record.pop("reasons", None)
    return {"year": year, "count": len(records), "assessments": records}


_LIST_SCHEMA = {"type": "object", "required": ["count"], "properties": {
    "year": {"type": ["integer", "null"]}, "count": {"type": "integer"},
    "assessments": {**_LIST, "items": _ASSESSMENT}}}


@api_route(bp, "/api/v1/gaps", "Transposition gaps (not transposed, incorrect, partial)",
           params=(_YEAR, _COUNTRY, _DIRECTIVE), schema=_LIST_SCHEMA)
def gaps():
    return json_response(_assessment_list(GAP_SLUGS, with_reasons=False))


@api_route(bp, "/api/v1/assessments", "Assessments with every reason and its evidence",
           params=(_YEAR, _COUNTRY, _DIRECTIVE, _STATUS), schema=_LIST_SCHEMA)
def assessments_view():
    status = choice("status", [s.slug for s in STATUSES] + ["any"], "any")
    return json_response(_assessment_list(None if status == "any" else (status,), True))


@api_route(bp, "/api/v1/directives", "The equality directives in the reference data",
           schema={"type": "object", "properties": {"directives": {**_LIST, "items": {
               "type": "object", "properties": {"celex": _STR, "number": _STR, "title": _STR}}}}},
           errors=())
def directives():
    found = sorted(reference_index().directives.values(), key=lambda d: d.celex[1:5])
    return json_response({"directives": [
        {"celex": d.celex, "number": d.number, "title": d.title, "short_title": d.short_title,
         "eli": str(d.iri), "url": path_for(d.iri)} for d in found]})


@api_route(bp, "/api/v1/provisions", "Provisions of the directives (articles, paragraphs, points)",
           params=(_DIRECTIVE,),
           schema={"type": "object", "properties": {"provisions": {**_LIST, "items": _PROVISION}}})
def provisions():
    directive = directive_arg()
    infos = reference_index().provisions.values()
    chosen = [p for p in infos if directive is None or p.celex == directive.celex]
    return json_response({"provisions": [_provision_record(p) for p in
                                         sorted(chosen, key=lambda p: (p.celex, str(p.iri)))]})


@api_route(bp, "/api/v1/provisions/<celex>/<path>", "One provision, its status across countries "
           "and its case law, leading cases first",
           params=(Param("celex", "path", {"type": "string", "maxLength": 20}, "CELEX, e.g. 32000L0043"),
                   Param("path", "path", {"type": "string", "maxLength": 40},
                         "Provision path as cited, e.g. 8(1) or 2(2)(b)"), _YEAR),
           schema={"type": "object", "required": ["provision"], "properties": {
               "provision": _PROVISION, "assessments": {**_LIST, "items": _ASSESSMENT},
               "case_law": {**_LIST, "items": _RULING}}},
           errors=(400, 404))
def provision(celex: str, path: str):
    try:
        normal = str(ProvisionPath.parse(path))
    except (IdentifierError, ValueError):
        abort(404, f"{path[:40]!r} is not a provision path such as 8(1)")
    info = reference_index().provision(celex, normal)
    if info is None:
        abort(404, f"no provision {path[:40]!r} in {celex[:20]!r}")
    year = _year()
    rows = [r for r in (load_assessments(year, celex) if year else [])
            if str(r.provision) == str(info.iri) or str(r.provision).startswith(f"{info.iri}/")]
    records = [assessment_record(r, {}) for r in rows]
    for record in records:
        record.pop("reasons")
    return json_response({"provision": _provision_record(info), "year": year,
                          "assessments": records,
                          "case_law": rulings_for_provision(get_store(), info.iri)})


@api_route(bp, "/api/v1/rulings", "Rulings in the store (optionally concerning one country)",
           params=(_COUNTRY,),
           schema={"type": "object", "properties": {"rulings": {**_LIST, "items": _RULING}}})
def rulings():
    country = country_arg()
    store = get_store()
    if country is not None:
        return json_response({"rulings": rulings_for_country(store, country.iri)})
    rows = store.select(sparql_prefixes() + "SELECT DISTINCT ?r WHERE { ?r lg:ecli|lg:caseNumber ?x }")
    records = ruling_records(store, [r["r"] for r in rows])
    return json_response({"rulings": sorted(records.values(), key=lambda r: str(r["date"]))})


@api_route(bp, "/api/v1/rulings/<ecli>", "One ruling by ECLI",
           params=(Param("ecli", "path", {"type": "string", "maxLength": 80},
                         "ECLI, e.g. ECLI:EU:C:2008:397"),),
           schema=_RULING, errors=(404,))
def ruling(ecli: str):
    iri = ruling_iri(ecli.strip()) if ecli.strip() else None
    store = get_store()
    if iri is None or not exists(store, iri):
        abort(404, f"no ruling with ECLI {ecli[:80]!r}")
    return json_response(ruling_records(store, [iri])[str(iri)])


@api_route(bp, "/api/v1/diff", "What changed between two reporting years",
           params=(_COUNTRY, Param("from", "query", {"type": "integer", "minimum": 1950, "maximum": 2100},
                                   "Earlier reporting year", True),
                   Param("to", "query", {"type": "integer", "minimum": 1950, "maximum": 2100},
                         "Later reporting year", True)),
           schema={"type": "object", "required": ["from", "to", "changes"], "properties": {
               "from": {"type": "integer"}, "to": {"type": "integer"}, "changes": {**_LIST, "items": {
                   "type": "object", "properties": {"country": _STR, "provision": _STR, "citation": _STR,
                                                    "change": _STR, "before": _STR, "after": _STR}}}}})
def diff_view():
    country = country_arg()
    year_from, year_to = year_arg("from"), year_arg("to")
    if year_from is None or year_to is None:
        abort(400, "from and to are required: two reporting years, e.g. from=2023&to=2024")
    result = diff(get_store(), year_from, year_to, country=country.eu_code if country else None)
    return json_response({"from": year_from, "to": year_to, "changes": [
        {"country": c.country, "provision": str(c.provision), "citation": c.citation,
         "change": c.kind, "before": c.before, "after": c.after,
         "evidence_after": list(c.evidence_after)} for c in result.changes]})


@api_route(bp, "/api/v1/coverage", "Grounds × areas of life: required, covered, beyond",
           params=(Param("country", "query", {"type": "string", "maxLength": 60},
                         "EU country code", True), _YEAR),
           schema={"type": "object", "required": ["country", "cells"], "properties": {
               "country": _STR, "year": {"type": ["integer", "null"]}, "cells": {**_LIST, "items": {
                   "type": "object", "properties": {"ground": _STR, "area": _STR, "state": _STR}}}}},
           errors=(400, 404))
def coverage_view():
    country = country_arg(required=True)
    year = year_arg()
    cells = coverage(get_store(), country.eu_code, year)
    return json_response({"country": country.eu_code, "year": year, "cells": [
        {"ground": str(c.ground), "ground_label": c.ground_label, "area": str(c.area),
         "area_label": c.area_label, "state": c.state, "required_by": list(c.required_by),
         "covered_by": list(c.covered_by)} for c in cells]})
