"""What the store holds, in brief: for the footer's provenance line and the year selectors."""

from __future__ import annotations

from lawgraph import __version__
from lawgraph.gaps import assessed_years
from lawgraph.store import GraphStore
from lawgraph.vocab import sparql_prefixes
from webapp.backend import get_store
from webapp.cache import cached

__all__ = ["assessment_years", "rules", "store_facts"]


def _compute_facts(store: GraphStore) -> dict[str, object]:
    year_rows = store.select(sparql_prefixes() + """
SELECT (MAX(xsd:integer(STR(?y))) AS ?year) (COUNT(DISTINCT ?r) AS ?reports) WHERE {
  ?r a lg:CountryReport ; lg:reportingYear ?y }""")
    time_rows = store.select(sparql_prefixes() + """
SELECT (MAX(STR(?t)) AS ?t) WHERE { GRAPH ?g { ?g prov:generatedAtTime ?t } }""")
    year = year_rows[0].get("year") if year_rows else None
    stamp = time_rows[0].get("t") if time_rows else None
    return {
        "latest_report_year": int(year) if year is not None else None,
        "reports": int(year_rows[0].get("reports", 0)) if year_rows else 0,
        "last_ingest": str(stamp) if stamp else None,
        "version": __version__,
    }


def store_facts() -> dict[str, object]:
    """``latest_report_year``, ``reports``, ``last_ingest`` (ISO timestamp) and ``version``."""
    return cached("facts", lambda: _compute_facts(get_store()))


def assessment_years() -> list[int]:
    """The reporting years that have been assessed, oldest first."""
    return cached("assessment-years", lambda: assessed_years(get_store()))


def _rules(store: GraphStore) -> dict[str, dict[str, str]]:
    rows = store.select(sparql_prefixes() + """
SELECT ?rule ?id ?title ?comment ?severity WHERE {
  ?rule a lg:GapRule ; dct:identifier ?id .
  OPTIONAL { ?rule dct:title ?title } OPTIONAL { ?rule rdfs:comment ?comment }
  OPTIONAL { ?rule lg:severity ?severity } }""")
    return {
        str(row["id"]): {
            "id": str(row["id"]), "iri": str(row["rule"]), "title": str(row.get("title", "")),
            "explanation": str(row.get("comment", "")), "severity": str(row.get("severity", "")),
        }
        for row in rows
    }


def rules() -> dict[str, dict[str, str]]:
    """The gap rules as stored (``lg:GapRule``), by id: title, explanation, severity."""
    return cached("rules", lambda: _rules(get_store()))
