"""The view models of a directive's page and a provision's page."""

from __future__ import annotations

from rdflib import URIRef

from lawgraph.identifiers import IdentifierError, ProvisionPath
from lawgraph.refdata import DirectiveInfo, ProvisionInfo, reference_index
from lawgraph.store import GraphStore
from lawgraph.vocab import assessment_iri, sparql_prefixes
from webapp.caselaw import rulings_for_provision
from webapp.links import path_for, provision_path
from webapp.matrix import load_assessments
from webapp.rdf import labels
from webapp.status import status

__all__ = ["directive_outline", "provision_page"]


def _brief(info: ProvisionInfo) -> dict[str, object]:
    return {"iri": str(info.iri), "href": path_for(info.iri), "label": info.label,
            "path": info.path, "heading": info.heading, "summary": info.summary}


def _ordered(infos: list[ProvisionInfo]) -> list[ProvisionInfo]:
    def key(info: ProvisionInfo) -> tuple:
        try:
            return (0, ProvisionPath.parse(info.path))
        except IdentifierError:
            return (1, info.path)

    return sorted(infos, key=key)


def directive_outline(store: GraphStore, info: DirectiveInfo) -> dict[str, object]:
    """A directive, its articles and their parts (from the reference data)."""
    rows = store.select(sparql_prefixes() + f"""
SELECT ?p ?o WHERE {{ <{info.iri}> ?p ?o FILTER (?p IN (eli:date_document, lg:transpositionDeadline,
  owl:sameAs, eli:in_force)) }}""")
    facts = {str(r["p"]).rsplit("#", 1)[-1].rsplit("/", 1)[-1]: str(r["o"]) for r in rows}
    provisions = _ordered(reference_index().provisions_of(info.celex))
    articles = []
    for p in provisions:
        depth = str(p.path).count("(") + (1 if "subparagraph" in p.path else 0)
        record = {**_brief(p), "depth": depth}
        if depth == 0:
            articles.append({**record, "parts": []})
        elif articles:
            articles[-1]["parts"].append(record)
    return {
        "title": f"Directive {info.number}", "celex": info.celex, "number": info.number,
        "full_title": info.title, "short_title": info.short_title, "eli": str(info.iri),
        "names": sorted(set(info.names)), "adopted": facts.get("date_document"),
        "deadline": facts.get("transpositionDeadline"), "same_as": facts.get("sameAs"),
        "eurlex": f"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{info.celex}",
        "articles": articles,
        "matrix_href": f"/?directive={info.short}",
    }


def _breadcrumb(info: ProvisionInfo) -> list[dict[str, object]]:
    index = reference_index()
    directive = index.directives[info.celex]
    trail = [{"label": f"Directive {directive.number}", "href": path_for(directive.iri)}]
    try:
        ancestors = ProvisionPath.parse(info.path).ancestors()
    except IdentifierError:
        ancestors = ()
    for ancestor in ancestors:
        found = index.provision(info.celex, str(ancestor))
        if found:
            trail.append({"label": f"Article {found.path}", "href": path_for(found.iri)})
    return trail


def _children(store: GraphStore, info: ProvisionInfo) -> list[dict[str, object]]:
    rows = store.select(sparql_prefixes() + f"""
SELECT DISTINCT ?c WHERE {{ ?c eli:is_part_of <{info.iri}> ; a lg:Provision }}""")
    by_iri = {str(p.iri): p for p in reference_index().provisions_of(info.celex)}
    return [_brief(p) for p in _ordered([by_iri[str(r["c"])] for r in rows if str(r["c"]) in by_iri])]


def _concepts(info: ProvisionInfo) -> list[dict[str, object]]:
    index = reference_index()
    out = []
    for concept in info.concepts:
        equivalents = [p for p in index.provisions_about(concept) if p.celex != info.celex]
        out.append({"iri": str(concept), "href": path_for(concept),
                    "label": index.concepts.get(concept, str(concept)),
                    "equivalents": [_brief(p) for p in _ordered(equivalents)]})
    return out


def _statuses(info: ProvisionInfo, year: int | None) -> list[dict[str, object]]:
    if year is None:
        return []
    prefix = str(info.iri)
    index = reference_index()
    rows = [r for r in load_assessments(year, info.celex)
            if str(r.provision) == prefix or str(r.provision).startswith(prefix + "/")]
    out = []
    for r in sorted(rows, key=lambda r: (index.country(r.country).name, str(r.provision))):
        celex, path = provision_path(r.provision) or ("", "")
        out.append({
            "country": r.country, "country_name": index.country(r.country).name,
            "country_href": f"/country/{r.country}?year={year}", "provision": str(r.provision),
            "citation": r.citation, "status": r.status, "status_label": status(r.status).label,
            "basis": r.basis, "confidence": r.confidence, "contested": r.contested,
            "href": path_for(assessment_iri(r.country, year, celex, path)),
        })
    return out


def _scope(store: GraphStore, iri: URIRef) -> dict[str, list[dict[str, str]]]:
    rows = store.select(sparql_prefixes() + f"""
SELECT ?p ?v WHERE {{ <{iri}> ?p ?v FILTER (?p IN (lg:concernsGround, lg:concernsArea, lg:obligationKind)) }}""")
    names = labels(store, [r["v"] for r in rows])
    out: dict[str, list[dict[str, str]]] = {"grounds": [], "areas": [], "kind": []}
    slot = {"concernsGround": "grounds", "concernsArea": "areas", "obligationKind": "kind"}
    for row in rows:
        key = slot[str(row["p"]).rsplit("#", 1)[-1]]
        out[key].append({"iri": str(row["v"]), "label": names.get(str(row["v"]), str(row["v"])),
                         "href": path_for(row["v"]) or str(row["v"])})
    return out


def provision_page(store: GraphStore, info: ProvisionInfo, year: int | None,
                   years: list[int]) -> dict[str, object]:
    directive = reference_index().directives[info.celex]
    article = reference_index().provision(info.celex, info.path.split("(")[0].split(",")[0])
    return {
        "title": info.label, "iri": str(info.iri), "label": info.label, "path": info.path,
        "heading": info.heading or (article.heading if article else None),
        "summary": info.summary,
        "directive": {"celex": info.celex, "number": directive.number,
                      "short_title": directive.short_title, "href": path_for(directive.iri)},
        "breadcrumb": _breadcrumb(info), "children": _children(store, info),
        "concepts": _concepts(info), "scope": _scope(store, info.iri),
        "year": year, "years": years, "statuses": _statuses(info, year),
        "case_law": rulings_for_provision(store, info.iri),
    }
