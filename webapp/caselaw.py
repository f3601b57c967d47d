"""Rulings for the pages: those concerning a country, and those interpreting a provision with
the leading cases first.

A provision's case law is ordered by :func:`lawgraph.caselaw.network.leading_cases` (most cited
first). Rulings it leaves out (opinions, rulings that only cite the provision) follow, ordered by
how directly they concern the provision (interpreted in the operative part before merely cited),
then by how often other rulings cite them, then by date, newest first.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

from lawgraph.store import GraphStore
from lawgraph.vocab import sparql_prefixes
from webapp.backend import generation
from webapp.links import path_for

__all__ = ["rulings_for_country", "rulings_for_provision", "ruling_records"]

_DETAILS = sparql_prefixes() + """
SELECT ?r (SAMPLE(?t) AS ?title) (SAMPLE(?e) AS ?ecli) (SAMPLE(?d) AS ?date)
       (GROUP_CONCAT(DISTINCT ?n; separator=", ") AS ?cases) (SAMPLE(?kind) AS ?type)
       (COUNT(DISTINCT ?citing) AS ?citedBy) WHERE {{
  VALUES ?r {{ {values} }}
  OPTIONAL {{ ?r dct:title ?t }} OPTIONAL {{ ?r lg:ecli ?e }} OPTIONAL {{ ?r eli:date_document ?d }}
  OPTIONAL {{ ?r lg:caseNumber ?n }} OPTIONAL {{ ?r a ?kind }}
  OPTIONAL {{ ?citing eli:cites ?r }}
}} GROUP BY ?r"""


def ruling_records(store: GraphStore, iris: Iterable[object]) -> dict[str, dict[str, object]]:
    wanted = sorted({str(i) for i in iris})
    if not wanted:
        return {}
    rows = store.select(_DETAILS.format(values=" ".join(f"<{i}>" for i in wanted)))
    out = {}
    for row in rows:
        iri = str(row["r"])
        out[iri] = {
            "iri": iri, "href": path_for(iri), "title": str(row.get("title", "")),
            "ecli": str(row.get("ecli", "")), "date": str(row.get("date", "")),
            "case_numbers": str(row.get("cases", "")), "cited_by": int(row.get("citedBy", 0)),
            "type": str(row.get("type", "")).rsplit("#", 1)[-1],
        }
    return out


def rulings_for_country(store: GraphStore, country: URIRef) -> list[dict[str, object]]:
    """Rulings concerning the country, finding its law incompatible, or reported for it."""
    rows = store.select(sparql_prefixes() + f"""
SELECT DISTINCT ?r ?how WHERE {{
  {{ ?r lg:findsIncompatible ?i . ?i lg:country <{country}> BIND ("finds national law incompatible" AS ?how) }}
  UNION {{ ?r lg:country <{country}> ; a ?type
           VALUES ?type {{ lg:JudicialDecision lg:Judgment lg:Order lg:AdvocateGeneralOpinion
                          lg:EqualityBodyDecision }}
           FILTER NOT EXISTS {{ ?r lg:findsIncompatible/lg:country <{country}> }}
           BIND ("concerns this country" AS ?how) }}
}}""")
    how = {str(row["r"]): str(row["how"]) for row in rows}
    records = ruling_records(store, how)
    for iri, record in records.items():
        record["relation"] = how[iri]
    return sorted(records.values(), key=lambda r: str(r["date"]), reverse=True)


def rulings_for_provision(store: GraphStore, provision: URIRef) -> list[dict[str, object]]:
    """Rulings interpreting or citing the provision or one of its parts, leading cases first."""
    leading = _network_order(store, provision)
    rows = store.select(sparql_prefixes() + f"""
SELECT ?r (MAX(?weight) AS ?w) (GROUP_CONCAT(DISTINCT STR(?part); separator=" ") AS ?parts) WHERE {{
  ?part eli:is_part_of* <{provision}> .
  {{ ?r lg:interprets ?part BIND (2 AS ?weight) }}
  UNION {{ ?r eli:cites ?part BIND (1 AS ?weight) }}
  UNION {{ ?part eli:cited_by_case_law ?r BIND (1 AS ?weight) }}
}} GROUP BY ?r""")
    weight = {str(row["r"]): int(row["w"]) for row in rows}
    records = ruling_records(store, weight)
    for iri, record in records.items():
        record["relation"] = "interprets" if weight[iri] == 2 else "cites"
        record["leading"] = iri in leading

    def order(record: dict[str, object]) -> tuple:
        rank = leading.index(record["iri"]) if record["iri"] in leading else len(leading)
        return (rank, -weight[str(record["iri"])], -int(record["cited_by"]),
                _negated_date(str(record["date"])))

    return sorted(records.values(), key=order)


def _negated_date(date: str) -> tuple[int, ...]:
    digits = [int(p) for p in date.split("-") if p.isdigit()]
    return tuple(-d for d in digits) or (0,)


def _network_order(store: GraphStore, provision: URIRef) -> list[str]:
    try:
        from lawgraph.caselaw.network import leading_cases
    except ImportError:
        return []
    try:  # the network is built once per store generation (about a second at full scale)
        found = leading_cases(store, provision, include_parts=True, limit=None,
                              generation=generation())
    except Exception:  # the module is young: its failure must not break the page
        return []
    return [str(getattr(item, "ruling", item)) for item in found]
