"""The CSV tables of a bulk export: assessments, national measures and rulings.

Each table is a row generator over a :class:`~lawgraph.exports.scope.DataScope`;
:func:`iter_csv` turns one into CSV text, a header line and then one chunk per row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from lawgraph.exports.scope import RULING_CLASSES, DataScope
from lawgraph.gaps import assessments
from lawgraph.store.base import GraphStore
from lawgraph.vocab import assessment_iri, sparql_prefixes

__all__ = ["ASSESSMENT_COLUMNS", "MEASURE_COLUMNS", "RULING_COLUMNS", "TABLES", "iter_csv"]

ASSESSMENT_COLUMNS = (
    "country", "year", "provision", "status", "confidence", "basis", "contested",
    "top_rule", "top_reason", "top_evidence", "provision_iri", "assessment_iri",
)  # fmt: skip
MEASURE_COLUMNS = (
    "measure_iri", "country", "title", "title_en", "short_title", "identifier", "adopted",
    "in_force", "grounds", "areas", "transposes", "listed_in",
)  # fmt: skip
RULING_COLUMNS = (
    "ruling_iri", "kind", "ecli", "case_numbers", "title", "date", "court", "country",
    "procedure", "interprets", "reported_in", "graphs",
)  # fmt: skip


def _assessment_rows(store: GraphStore, scope: DataScope) -> Iterator[dict[str, Any]]:
    code = scope.country.eu_code if scope.country else None
    rows = store.select(
        sparql_prefixes()
        + "SELECT DISTINCT ?y WHERE { ?a a lg:Assessment ; lg:reportingYear ?y } ORDER BY ?y"
    )
    for year in [int(str(r["y"])[:4]) for r in rows]:
        for a in assessments(store, country=code, year=year):
            top = a.reasons[0] if a.reasons else {}
            celex, _, path = str(a.provision).split("/provision/", 1)[-1].partition("/")
            yield {
                **a.record(),
                "top_rule": top.get("rule", ""),
                "top_reason": top.get("title", ""),
                "top_evidence": top.get("text", ""),
                "assessment_iri": str(assessment_iri(a.country, a.year, celex, path)),
            }


def _country_filter(scope: DataScope, predicate: str) -> str:
    return f"?x {predicate} <{scope.country.iri}> ." if scope.country else ""


_MEASURE_LISTS = {
    "grounds": "lg:coversGround/skos:prefLabel",
    "areas": "lg:coversArea/skos:prefLabel",
    "transposes": "eli:transposes",
    "listed_in": "lg:listedIn",
}


def _measure_rows(store: GraphStore, scope: DataScope) -> Iterator[dict[str, Any]]:
    where = f"?x a lg:NationalMeasure . {_country_filter(scope, 'eli:jurisdiction')}"
    rows = store.select(
        sparql_prefixes()
        + f"""
SELECT ?x (MIN(?code) AS ?country) (MIN(?orig) AS ?title) (MIN(?en) AS ?title_en)
  (MIN(STR(?short)) AS ?short_title) (MIN(STR(?id)) AS ?identifier)
  (MIN(STR(?date)) AS ?adopted) (MIN(STR(?force)) AS ?in_force)
WHERE {{
  {where}
  OPTIONAL {{ ?x eli:jurisdiction/lg:euCode ?code }}
  OPTIONAL {{ ?x eli:title ?o FILTER (LANG(?o) != "en") BIND (STR(?o) AS ?orig) }}
  OPTIONAL {{ ?x eli:title ?e FILTER (LANG(?e) = "en") BIND (STR(?e) AS ?en) }}
  OPTIONAL {{ ?x eli:title_short ?short }} OPTIONAL {{ ?x eli:id_local ?id }}
  OPTIONAL {{ ?x eli:date_document ?date }} OPTIONAL {{ ?x eli:first_date_entry_in_force ?force }}
}} GROUP BY ?x ORDER BY ?x"""
    )
    lists = {name: _lists(store, where, f"?x {path} ?v") for name, path in _MEASURE_LISTS.items()}
    for row in rows:
        record = {k: str(v) for k, v in row.items()}
        record["measure_iri"] = iri = record.pop("x")
        yield record | {name: values.get(iri, "") for name, values in lists.items()}


def _lists(store: GraphStore, where: str, pattern: str) -> dict[str, str]:
    """``"a; b"`` per subject ``?x`` of ``where``: the values ``?v`` of ``pattern``, sorted."""
    rows = store.select(sparql_prefixes() + f"SELECT DISTINCT ?x ?v WHERE {{ {where} {pattern} }}")
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(str(row["x"]), []).append(str(row["v"]))
    return {x: "; ".join(sorted(values)) for x, values in out.items()}


_RULING_LISTS = {
    "case_numbers": "lg:caseNumber",
    "country": "lg:country/lg:euCode",
    "interprets": "lg:interprets",
    "reported_in": "lg:reportedIn",
}


def _ruling_rows(store: GraphStore, scope: DataScope) -> Iterator[dict[str, Any]]:
    where = f"VALUES ?class {{ {RULING_CLASSES} }} ?x a ?class . " + _country_filter(
        scope, "lg:country"
    )
    rows = store.select(
        sparql_prefixes()
        + f"""
SELECT ?x (MIN(STR(?class)) AS ?kind) (MIN(STR(?e)) AS ?ecli) (MIN(STR(?t)) AS ?title)
  (MIN(STR(?d)) AS ?date) (MIN(STR(?court_)) AS ?court) (MIN(STR(?proc)) AS ?procedure)
WHERE {{
  {where}
  OPTIONAL {{ ?x lg:ecli ?e }} OPTIONAL {{ ?x dct:title ?t }} OPTIONAL {{ ?x eli:date_document ?d }}
  OPTIONAL {{ ?x lg:courtName ?court_ }} OPTIONAL {{ ?x lg:procedure ?proc }}
}} GROUP BY ?x ORDER BY ?x"""
    )
    lists = {name: _lists(store, where, f"?x {path} ?v") for name, path in _RULING_LISTS.items()}
    lists["graphs"] = _lists(store, where, "GRAPH ?v { ?x a ?class }")
    for row in rows:
        record = {k: str(v) for k, v in row.items()}
        record["ruling_iri"] = iri = record.pop("x")
        record["kind"] = record.get("kind", "").rsplit("#", 1)[-1]
        yield record | {name: values.get(iri, "") for name, values in lists.items()}


#: CSV table name → (columns, row generator)
TABLES = {
    "assessments": (ASSESSMENT_COLUMNS, _assessment_rows),
    "measures": (MEASURE_COLUMNS, _measure_rows),
    "rulings": (RULING_COLUMNS, _ruling_rows),
}


def iter_csv(store: GraphStore, scope: DataScope, table: str) -> Iterator[str]:
    """One CSV table: the header line first, then one chunk per row."""
    columns, rows = TABLES[table]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")

    def take() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writeheader()
    yield take()
    for row in rows(store, scope):
        writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in columns})
        yield take()
