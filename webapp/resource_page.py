"""View models of resource pages: any resource (its statements, what links to it, the named graphs
it comes from), and richer ones for rulings, national measures, reports, report sections and
assessments."""

from __future__ import annotations

from rdflib import Literal, URIRef

from lawgraph.gaps import assessments
from lawgraph.refdata import reference_index
from lawgraph.store import GraphStore
from lawgraph.vocab import DCTERMS, ELI, LG, PREFIXES, RDF, sparql_prefixes
from webapp.country_page import assessment_record
from webapp.evidence import describe_many, evidence_records
from webapp.links import path_for, provision_path
from webapp.rdf import labels

__all__ = ["kind_of", "resource_page"]

_INBOUND_LIMIT = 100


def kind_of(iri: str, types: set[str]) -> str:
    """Which page layout a resource gets."""
    tail = iri.split("/id/", 1)[-1]
    if tail.startswith("assessment/") and "/reason/" not in tail:
        return "assessment"
    if str(LG.ReportSection) in types:
        return "section"
    if str(LG.CountryReport) in types:
        return "report"
    if str(LG.NationalMeasure) in types:
        return "measure"
    if tail.startswith(("ecli/", "ruling/")) and "/" not in tail.split("/", 1)[1]:
        return "ruling"
    return "resource"


def _curie(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _value(term: object, names: dict[str, str]) -> dict[str, object]:
    if isinstance(term, URIRef):
        return {"kind": "iri", "value": str(term), "label": names.get(str(term), _curie(str(term))),
                "href": path_for(term) or str(term)}
    literal = term if isinstance(term, Literal) else Literal(str(term))
    return {"kind": "literal", "value": str(literal), "lang": literal.language,
            "datatype": _curie(str(literal.datatype)) if literal.datatype else None}


def _statements(description: dict[str, list[object]], names: dict[str, str]) -> list[dict]:
    out = []
    for predicate in sorted(description, key=lambda p: (p != str(RDF.type), names.get(p, _curie(p)))):
        values = sorted(description[predicate], key=str)
        out.append({"predicate": predicate, "label": names.get(predicate, _curie(predicate)),
                    "curie": _curie(predicate), "objects": [_value(v, names) for v in values]})
    return out


def _inbound(store: GraphStore, iri: URIRef) -> list[tuple[URIRef, URIRef]]:
    rows = store.select(f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p <{iri}> }} LIMIT {_INBOUND_LIMIT + 1}")
    return [(row["s"], row["p"]) for row in rows if isinstance(row["s"], URIRef)]


def _graphs(store: GraphStore, iri: URIRef) -> list[dict[str, object]]:
    rows = store.select(sparql_prefixes() + f"""
SELECT ?g (SAMPLE(?src) AS ?source) (SAMPLE(?t) AS ?time) (SAMPLE(?e) AS ?ended) WHERE {{
  GRAPH ?g {{ <{iri}> ?p ?o }}
  OPTIONAL {{ ?g dct:source ?src }} OPTIONAL {{ ?g prov:generatedAtTime ?t }}
  OPTIONAL {{ ?g prov:wasGeneratedBy/prov:endedAtTime ?e }}
}} GROUP BY ?g ORDER BY ?g""")
    return [{"iri": str(r["g"]), "source": str(r.get("source", "")),
             "time": str(r.get("time", r.get("ended", "")))} for r in rows]


def _base(store: GraphStore, iri: URIRef) -> dict[str, object]:
    description = describe_many(store, {str(iri)}).get(str(iri), {})
    inbound = _inbound(store, iri)
    terms = [URIRef(p) for p in description] + [v for vs in description.values() for v in vs]
    terms += [s for s, _ in inbound] + [p for _, p in inbound]
    names = labels(store, terms + [iri])
    types = {str(t) for t in description.get(str(RDF.type), [])}
    return {
        "iri": str(iri), "title": names.get(str(iri), _curie(str(iri))),
        "kind": kind_of(str(iri), types), "types": sorted(names.get(t, _curie(t)) for t in types),
        "statements": _statements(description, names),
        "inbound": [{"iri": str(s), "href": path_for(s) or str(s), "label": names.get(str(s), _curie(str(s))),
                     "predicate": names.get(str(p), _curie(str(p)))} for s, p in inbound[:_INBOUND_LIMIT]],
        "inbound_truncated": len(inbound) > _INBOUND_LIMIT,
        "graphs": _graphs(store, iri), "_description": description, "_names": names,
    }


def _first(data: dict, predicate: URIRef) -> str | None:
    values = data["_description"].get(str(predicate), [])
    english = [v for v in values if getattr(v, "language", None) in (None, "en")]
    return str((english or values)[0]) if values else None


def _linked(data: dict, predicate: URIRef) -> list[dict[str, object]]:
    names = data["_names"]
    return [_value(v, names) for v in sorted(data["_description"].get(str(predicate), []), key=str)
            if isinstance(v, URIRef)]


def _ruling(store: GraphStore, iri: URIRef, data: dict) -> None:
    citing = [s for s in data["inbound"] if s["predicate"] in ("cites", "eli:cites")]
    rows = store.select(sparql_prefixes() + f"""
SELECT DISTINCT ?a WHERE {{ ?a lg:reason ?r . ?r lg:evidence <{iri}> }}""")
    incompatibilities = store.select(sparql_prefixes() + f"""
SELECT ?country ?provision ?reason WHERE {{ <{iri}> lg:findsIncompatible ?i .
  ?i lg:country ?country ; lg:provision ?provision . OPTIONAL {{ ?i lg:reason ?reason }} }}""")
    names = labels(store, [r["provision"] for r in incompatibilities])
    countries = {str(c.iri): c for c in reference_index().countries.values()}
    data.update({
        "ecli": _first(data, LG.ecli), "case_numbers": sorted(
            str(v) for v in data["_description"].get(str(LG.caseNumber), [])),
        "name": _first(data, DCTERMS.title), "date": _first(data, ELI.date_document),
        "parties": _first(data, LG.parties), "court": _first(data, LG.courtName),
        "formation": _first(data, LG.formation), "referring_court": _first(data, LG.referringCourt),
        "outcome": _first(data, LG.outcome), "abstract": _first(data, DCTERMS.abstract),
        "operative_part": _first(data, LG.operativePart),
        "interprets": _linked(data, LG.interprets), "cites": _linked(data, ELI.cites),
        "cited_by": citing,
        "incompatible": [{"country": countries[str(r["country"])].name if str(r["country"]) in countries
                          else str(r["country"]), "country_href": path_for(r["country"]),
                          "provision": names.get(str(r["provision"]), str(r["provision"])),
                          "provision_href": path_for(r["provision"]), "reason": str(r.get("reason", ""))}
                         for r in incompatibilities],
        "used_by": sorted(({"iri": str(r["a"]), "href": path_for(r["a"]),
                            "label": _assessment_label(str(r["a"]))} for r in rows),
                          key=lambda a: a["label"]),
    })
    if data["ecli"] and data["ecli"].startswith("ECLI:EU:"):
        data["curia"] = f"https://curia.europa.eu/juris/liste.jsf?critereEcli={data['ecli']}"


def _assessment_label(iri: str) -> str:
    """``…/assessment/DE/2024/32000L0078/art_6/par_1`` → ``Germany 2024: Article 6(1) of …``."""
    from lawgraph.identifiers import IdentifierError, ProvisionPath

    parts = iri.split("/assessment/", 1)[-1].split("/")
    index = reference_index()
    country = index.country(parts[0]) if parts else None
    try:
        info = index.provision(parts[2], str(ProvisionPath.from_iri_path("/".join(parts[3:]))))
    except (IdentifierError, IndexError):
        info = None
    if country is None or info is None or len(parts) < 4:
        return "/".join(parts)
    return f"{country.name} {parts[1]}: {info.label}"


def _measure(store: GraphStore, iri: URIRef, data: dict) -> None:
    rows = store.select(sparql_prefixes() + f"""
SELECT ?np ?label ?p WHERE {{ ?np eli:is_part_of <{iri}> ; a lg:NationalProvision .
  OPTIONAL {{ ?np rdfs:label ?label }} OPTIONAL {{ ?np eli:transposes ?p }} }}""")
    names = labels(store, [r["p"] for r in rows if "p" in r])
    provisions: dict[str, dict] = {}
    for row in rows:
        entry = provisions.setdefault(str(row["np"]), {
            "iri": str(row["np"]), "href": path_for(row["np"]),
            "label": str(row.get("label", row["np"])), "transposes": []})
        if "p" in row:
            entry["transposes"].append({"label": names.get(str(row["p"]), str(row["p"])),
                                        "href": path_for(row["p"])})
    titles = data["_description"].get(str(ELI.title), [])
    data.update({
        "short": _first(data, ELI.title_short),
        "titles": [{"text": str(t), "lang": getattr(t, "language", None)} for t in titles],
        "adopted": _first(data, ELI.date_document), "in_force": _first(data, ELI.first_date_entry_in_force),
        "identifier": _first(data, ELI.id_local), "jurisdiction": _linked(data, ELI.jurisdiction),
        "transposes": _linked(data, ELI.transposes), "grounds": _linked(data, LG.coversGround),
        "areas": _linked(data, LG.coversArea),
        "national_provisions": sorted(provisions.values(), key=lambda p: str(p["label"])),
    })


def _report(store: GraphStore, iri: URIRef, data: dict) -> None:
    rows = store.select(sparql_prefixes() + f"""
SELECT ?s ?number ?title ?order ?location (COUNT(DISTINCT ?f) AS ?findings)
       (COUNT(DISTINCT ?u) AS ?unresolved) WHERE {{
  ?s dct:isPartOf <{iri}> ; a lg:ReportSection .
  OPTIONAL {{ ?s lg:sectionNumber ?number }} OPTIONAL {{ ?s dct:title ?title }}
  OPTIONAL {{ ?s lg:order ?order }} OPTIONAL {{ ?s lg:location ?location }}
  OPTIONAL {{ ?f a lg:Finding ; lg:inSection ?s }} OPTIONAL {{ ?u a lg:UnresolvedReference ; lg:inSection ?s }}
}} GROUP BY ?s ?number ?title ?order ?location""")
    sections = sorted(rows, key=lambda r: int(r["order"]) if "order" in r else 10**6)
    data.update({
        "country": _linked(data, LG.country), "year": _first(data, LG.reportingYear),
        "period_start": _first(data, LG.periodStart), "period_end": _first(data, LG.periodEnd),
        "expert": _linked(data, LG.expert), "sample": _first(data, LG.isSample) == "true",
        "description": _first(data, DCTERMS.description),
        "sections": [{"iri": str(r["s"]), "href": path_for(r["s"]), "number": str(r.get("number", "")),
                      "title": str(r.get("title", "")), "location": str(r.get("location", "")),
                      "findings": int(r["findings"]), "unresolved": int(r["unresolved"])}
                     for r in sections],
    })
    code = str(iri).rsplit("/", 2)[-2]
    data["country_href"] = f"/country/{code}?year={data['year']}" if data["year"] else f"/country/{code}"


def _section(store: GraphStore, iri: URIRef, data: dict) -> None:
    rows = store.select(sparql_prefixes() + f"""
SELECT ?x ?kind WHERE {{ {{ ?x a lg:Finding ; lg:inSection <{iri}> BIND ("finding" AS ?kind) }}
  UNION {{ ?x a lg:UnresolvedReference ; lg:inSection <{iri}> BIND ("unresolved" AS ?kind) }} }}""")
    findings = evidence_records(store, {str(r["x"]) for r in rows if str(r["kind"]) == "finding"})
    unresolved = describe_many(store, {str(r["x"]) for r in rows if str(r["kind"]) == "unresolved"})
    data.update({
        "number": _first(data, LG.sectionNumber), "heading": _first(data, DCTERMS.title),
        "text": _first(data, LG.text), "location": _first(data, LG.location),
        "report": _linked(data, DCTERMS.isPartOf), "provisions": _linked(data, LG.concernsProvision),
        "findings": sorted(findings.values(), key=lambda f: str(f.get("location") or f["iri"])),
        "unresolved": [{"text": str(d.get(str(LG.surfaceText), [""])[0]),
                        "reason": str(d.get(str(LG.reason), [""])[0]),
                        "location": str(d.get(str(LG.location), [""])[0])}
                       for d in unresolved.values()],
    })


def _assessment(store: GraphStore, iri: URIRef, data: dict) -> None:
    parts = str(iri).split("/assessment/", 1)[1].split("/")
    code, year = parts[0], int(parts[1])
    celex = parts[2]
    found = [a for a in assessments(store, country=code, year=year, directive=celex)
             if str(a.provision) == str(_first_iri(data, LG.provision))]
    if not found:
        return
    row = found[0]
    evidence = evidence_records(store, {r["evidence"] for r in row.reasons if r["evidence"]})
    data["assessment"] = assessment_record(row, evidence)
    data["country_href"] = f"/country/{code}?year={year}"
    data["title"] = f"{reference_index().country(code).name}, {row.citation}, {year}"
    data["provision_path"] = provision_path(row.provision)


def _first_iri(data: dict, predicate: URIRef) -> URIRef | None:
    values = [v for v in data["_description"].get(str(predicate), []) if isinstance(v, URIRef)]
    return values[0] if values else None


_ENRICH = {"ruling": _ruling, "measure": _measure, "report": _report, "section": _section,
           "assessment": _assessment}


def resource_page(store: GraphStore, iri: URIRef) -> dict[str, object]:
    """The view model of any resource page (internal keys starting with ``_`` removed)."""
    data = _base(store, iri)
    enrich = _ENRICH.get(str(data["kind"]))
    if enrich:
        enrich(store, iri, data)
    if data["kind"] == "ruling" and data.get("name"):
        data["title"] = f"{', '.join(data['case_numbers'])} {data['name']}".strip()
    return {k: v for k, v in data.items() if not k.startswith("_")}
