"""The view model of a country page: reports, national measures, assessments with every reason
and piece of evidence, coverage, changes since the previous year, case law."""

from __future__ import annotations

from collections import Counter

from rdflib import URIRef

from lawgraph.errors import InputError
from lawgraph.gaps import AssessmentRow, assessments, coverage, diff
from lawgraph.refdata import Country, reference_index
from lawgraph.store import GraphStore
from lawgraph.vocab import ELI, assessment_iri, provision_iri, sparql_prefixes
from webapp.cache import cached
from webapp.caselaw import rulings_for_country
from webapp.evidence import describe_many, evidence_records
from webapp.facts import rules
from webapp.links import path_for, provision_path
from webapp.matrix import anchor, membership
from webapp.status import GAP_SLUGS, status

__all__ = ["assessment_record", "country_page", "measures", "report_years"]


def report_years(store: GraphStore, country: Country) -> list[dict[str, object]]:
    rows = store.select(sparql_prefixes() + f"""
SELECT ?r ?y ?sample ?title WHERE {{
  ?r a lg:CountryReport ; lg:country <{country.iri}> ; lg:reportingYear ?y .
  OPTIONAL {{ ?r lg:isSample ?sample }} OPTIONAL {{ ?r dct:title ?title }} }}""")
    found = {}
    for row in rows:
        year = int(str(row["y"])[:4])
        found[year] = {"year": year, "iri": str(row["r"]), "href": path_for(row["r"]),
                       "title": str(row.get("title", f"{country.name} {year}")),
                       "sample": str(row.get("sample", "")) == "true"}
    return [found[y] for y in sorted(found)]


def measures(store: GraphStore, country: Country) -> list[dict[str, object]]:
    """The national measures of the country named in its reports (two small queries: which
    measures, then their titles, dates and the directives they transpose)."""
    found = store.select(sparql_prefixes() + f"""
SELECT DISTINCT ?m WHERE {{ ?m eli:jurisdiction <{country.iri}> . ?m a lg:NationalMeasure }}""")
    iris = {str(row["m"]) for row in found}
    wanted = (ELI.title, ELI.title_short, ELI.date_document, ELI.first_date_entry_in_force,
              ELI.id_local, ELI.transposes)
    described = describe_many(store, iris, predicates=wanted)
    by_eli = {str(d.iri): d for d in reference_index().directives.values()}
    out = []
    for iri in iris:
        d = described.get(iri, {})
        titles = d.get(str(ELI.title), [])
        english = next((str(t) for t in titles if (getattr(t, "language", "") or "").startswith("en")), "")
        original = next((str(t) for t in titles
                         if not (getattr(t, "language", "") or "").startswith("en")), "")
        short = _text(d, ELI.title_short)
        directives = sorted((by_eli[str(x)] for x in d.get(str(ELI.transposes), []) if str(x) in by_eli),
                            key=lambda x: x.celex)
        out.append({
            "iri": iri, "href": path_for(iri), "short": short,
            "title": english or original or short or iri, "original_title": original,
            "adopted": _text(d, ELI.date_document), "in_force": _text(d, ELI.first_date_entry_in_force),
            "identifier": _text(d, ELI.id_local),
            "transposes": [{"number": x.number, "href": path_for(x.iri)} for x in directives],
        })
    return sorted(out, key=lambda m: (m["title"] == "Acts not listed in Annex 1",
                                      str(m["short"] or m["title"]).lower()))


def _text(description: dict, predicate: URIRef) -> str:
    values = description.get(str(predicate), [])
    return str(sorted(values, key=str)[0]) if values else ""


def _reason_record(reason: dict[str, str], evidence: dict[str, dict]) -> dict[str, object]:
    rule = rules().get(reason["rule"], {})
    return {
        "rule": reason["rule"], "rule_title": rule.get("title") or reason.get("title", ""),
        "rule_href": path_for(rule["iri"]) if rule.get("iri") else None,
        "explanation": rule.get("explanation", ""), "status": reason["status"],
        "confidence": float(reason["confidence"]), "authority": reason["authority"],
        "indication": reason["indication"] == "true", "text": reason["text"],
        "evidence": evidence.get(reason["evidence"]) if reason["evidence"] else None,
    }


def assessment_record(row: AssessmentRow, evidence: dict[str, dict]) -> dict[str, object]:
    celex, path = provision_path(row.provision) or ("", "")
    iri = assessment_iri(row.country, row.year, celex, path)
    info = reference_index().provision(celex, _lg_path(row.provision))
    return {
        "iri": str(iri), "href": path_for(iri), "anchor": anchor(row.provision).replace("p-", "a-", 1),
        "country": row.country, "year": row.year, "provision": str(row.provision),
        "provision_href": path_for(row.provision), "citation": row.citation,
        "heading": info.heading if info else None, "summary": info.summary if info else None,
        "status": row.status, "status_label": status(row.status).label,
        "gap": row.status in GAP_SLUGS, "confidence": row.confidence, "basis": row.basis,
        "contested": row.contested,
        "reasons": [_reason_record(r, evidence) for r in row.reasons],
    }


def _lg_path(provision: URIRef) -> str:
    from lawgraph.identifiers import IdentifierError, ProvisionPath

    found = provision_path(provision)
    try:
        return str(ProvisionPath.from_iri_path(found[1])) if found else ""
    except IdentifierError:
        return ""


def _grouped(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """Assessments by directive, then by article (each article has an anchor)."""
    index = reference_index()
    directives: dict[str, dict] = {}
    for record in records:
        celex, path = provision_path(record["provision"]) or ("", "")
        info = index.directives.get(celex)
        group = directives.setdefault(celex, {
            "celex": celex, "number": info.number if info else celex,
            "title": info.short_title if info else celex,
            "href": path_for(info.iri) if info else None, "articles": {}})
        article_path = path.split("/")[0]
        article_iri = provision_iri(celex, article_path)
        article_info = index.provision(celex, article_path.removeprefix("art_"))
        article = group["articles"].setdefault(article_path, {
            "anchor": anchor(article_iri), "href": path_for(article_iri),
            "label": f"Article {article_path.removeprefix('art_')}",
            "heading": article_info.heading if article_info else None, "assessments": []})
        article["assessments"].append(record)
    out = []
    for celex in sorted(directives, key=lambda c: c[1:5]):
        group = directives[celex]
        group["articles"] = [group["articles"][k] for k in sorted(
            group["articles"], key=lambda k: int(k.removeprefix("art_")) if k[4:].isdigit() else 0)]
        out.append(group)
    return out


def _coverage(store: GraphStore, country: Country, year: int) -> dict[str, object] | None:
    try:
        cells = coverage(store, country.eu_code, year)
    except InputError as exc:
        return {"message": exc.message, "grounds": [], "areas": [], "cells": []}
    grounds = sorted({(str(c.ground), c.ground_label) for c in cells}, key=lambda g: g[1])
    areas = sorted({(str(c.area), c.area_label) for c in cells}, key=lambda a: a[1])
    return {
        "grounds": [{"iri": g, "label": label} for g, label in grounds],
        "areas": [{"iri": a, "label": label} for a, label in areas],
        "cells": [{"ground": str(c.ground), "area": str(c.area), "state": c.state,
                   "required_by": list(c.required_by), "covered_by": list(c.covered_by)}
                  for c in cells],
        "message": None if cells else "No ground or area of life is recorded for this year.",
    }


def _changes(store: GraphStore, country: Country, year: int, years: list[int]) -> dict | None:
    earlier = [y for y in years if y < year]
    if not earlier:
        return None
    result = diff(store, earlier[-1], year, country=country.eu_code, evidence=False)
    return {
        "from": earlier[-1], "to": year,
        "items": [{"provision": str(c.provision), "provision_href": path_for(c.provision),
                   "citation": c.citation, "change": c.kind, "before": c.before, "after": c.after}
                  for c in result.changes],
    }


def _country_facts(store: GraphStore, country: Country) -> dict[str, list]:
    """What does not depend on the year shown: reports, national measures, case law."""
    return {"reports": report_years(store, country), "measures": measures(store, country),
            "case_law": rulings_for_country(store, country.iri)}


def country_page(store: GraphStore, country: Country, year: int | None) -> dict[str, object]:
    facts = cached(("country-facts", country.eu_code), lambda: _country_facts(store, country))
    reports = facts["reports"]
    years = [r["year"] for r in reports]
    if year is None:
        year = years[-1] if years else None
    rows = assessments(store, country=country.eu_code, year=year) if year else []
    evidence_iris = {r["evidence"] for row in rows for r in row.reasons if r["evidence"]}
    evidence = evidence_records(store, evidence_iris)
    records = [assessment_record(row, evidence) for row in rows]
    counts = Counter(r["status"] for r in records)
    return {
        "title": f"{country.name}: transposition of the equality directives",
        "country": {"code": country.eu_code, "alpha2": country.alpha2, "alpha3": country.alpha3,
                    "name": country.name, "membership": membership(country),
                    "iri": str(country.iri)},
        "year": year, "years": years, "reports": reports,
        "counts": {s: counts.get(s, 0) for s in counts},
        "gaps": sum(counts.get(s, 0) for s in GAP_SLUGS),
        "directives": _grouped(records),
        "measures": facts["measures"],
        "coverage": _coverage(store, country, year) if year in years else None,
        "changes": _changes(store, country, year, years) if year else None,
        "case_law": facts["case_law"],
    }
