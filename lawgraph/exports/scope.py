"""What a bulk export covers (:class:`DataScope`) and its statement of contents.

:func:`export_meta` gives counts, countries, reporting years, the source graphs with their files
and SHA-256 hashes, the generation time and lawgraph's version; every bulk format carries it
(as ``#`` comments, or as a ``.meta.json`` sidecar).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from lawgraph.exports.provenance import ExportInfo, SourceDocument, sample_notice, source_documents
from lawgraph.exports.text import counted
from lawgraph.gaps import resolve_country
from lawgraph.refdata import Country
from lawgraph.store.base import GraphStore
from lawgraph.vocab import LGD, sparql_prefixes

__all__ = [
    "FORMAT_NAMES",
    "RULING_CLASSES",
    "DataScope",
    "comment_block",
    "data_scope",
    "export_meta",
]

RULING_CLASSES = "lg:Judgment lg:Order lg:AdvocateGeneralOpinion lg:EqualityBodyDecision"
FORMAT_NAMES = {"nq": "N-Quads", "ttl": "Turtle", "jsonld": "JSON-LD", "csv": "CSV"}
_COUNTED = {
    "country reports": "lg:CountryReport",
    "developments": "lg:Development",
    "national measures": "lg:NationalMeasure",
    "findings": "lg:Finding",
    "assessments": "lg:Assessment",
    "rulings": RULING_CLASSES,
}
_REFERENCE = str(LGD["graph/reference/"])


@dataclass(frozen=True)
class DataScope:
    """The named graphs of an export, with their quad counts."""

    country: Country | None
    graphs: dict[URIRef, int]

    @property
    def label(self) -> str:
        return self.country.name if self.country else "whole graph"

    def values(self) -> str:
        return " ".join(f"<{g}>" for g in self.graphs)


def data_scope(store: GraphStore, country: str | None = None) -> DataScope:
    """All named graphs, or those about one country (EU code or name)."""
    rows = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    counts = {row["g"]: int(row["n"]) for row in rows}
    target = resolve_country(country) if country else None
    if target is not None:
        about = store.select(
            sparql_prefixes()
            + "SELECT DISTINCT ?g WHERE { GRAPH ?g { "
            + f"?s lg:country|eli:jurisdiction <{target.iri}> }} }}"
        )
        keep = {r["g"] for r in about if not str(r["g"]).startswith(_REFERENCE)}
        counts = {g: n for g, n in counts.items() if g in keep}
    return DataScope(target, dict(sorted(counts.items())))


# --- the statement of contents -------------------------------------------------------------
def export_meta(
    store: GraphStore, scope: DataScope, fmt: str, info: ExportInfo, **extra: Any
) -> dict[str, Any]:
    """What an export contains and where it came from (also written as ``*.meta.json``)."""
    sources = source_documents(store, scope.graphs)
    countries, years = _countries_years(store, scope)
    counts = {"named graphs": len(scope.graphs), "quads": sum(scope.graphs.values())}
    counts |= _class_counts(store, scope)
    year_text = (
        f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "none")
    )
    statement = (
        f"lawgraph data export ({FORMAT_NAMES.get(fmt, fmt)}), {scope.label}: "
        f"{counted(len(countries), 'country', 'countries')}, reporting years {year_text}, "
        f"{counted(counts['named graphs'], 'named graph', 'named graphs')}, "
        f"{counted(counts['quads'], 'quad', 'quads')} ("
        + ", ".join(f"{n} {k}" for k, n in counts.items() if k not in ("named graphs", "quads"))
        + ")"
    )
    return {
        "statement": statement,
        "format": fmt,
        "scope": scope.country.eu_code if scope.country else "all",
        "counts": counts,
        "countries": countries,
        "years": years,
        "sample_notice": sample_notice(sources),
        "graphs": [_graph_record(s, scope.graphs) for s in sources],
        "generated_at": info.timestamp,
        "lawgraph_version": info.version,
        **extra,
    }


def _graph_record(source: SourceDocument, counts: dict[URIRef, int]) -> dict[str, Any]:
    return source.record() | {"quads": counts.get(URIRef(source.graph), 0)}


def _countries_years(store: GraphStore, scope: DataScope) -> tuple[list[str], list[int]]:
    if not scope.graphs:
        return [], []
    rows = store.select(
        sparql_prefixes()
        + f"""
SELECT DISTINCT ?code ?year WHERE {{
  VALUES ?g {{ {scope.values()} }}
  GRAPH ?g {{ ?x a ?class ; lg:country ?c ; lg:reportingYear ?year }}
  VALUES ?class {{ lg:CountryReport lg:Assessment }}
  ?c lg:euCode ?code }}"""
    )
    countries = sorted({str(r["code"]) for r in rows})
    years = sorted({int(str(r["year"])[:4]) for r in rows})
    return countries, years


def _class_counts(store: GraphStore, scope: DataScope) -> dict[str, int]:
    if not scope.graphs:
        return dict.fromkeys(_COUNTED, 0)
    out = {}
    for label, classes in _COUNTED.items():
        rows = store.select(
            sparql_prefixes()
            + f"""SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{
  VALUES ?g {{ {scope.values()} }} VALUES ?class {{ {classes} }} GRAPH ?g {{ ?x a ?class }} }}"""
        )
        out[label] = int(rows[0]["n"]) if rows else 0
    return out


def comment_block(meta: dict[str, Any], extra: list[str] | None = None) -> Iterator[str]:
    """The statement of contents as ``#`` comment lines (N-Quads, Turtle)."""
    yield f"# {meta['statement']}"
    if meta["sample_notice"]:
        yield f"# {meta['sample_notice']}"
    yield f"# Generated {meta['generated_at']} by lawgraph {meta['lawgraph_version']}."
    yield "# Source graphs (graph, file, sha256, quads):"
    for graph in meta["graphs"]:
        sample = " sample" if graph["sample"] else ""
        yield (
            f"#   {graph['graph']}  {graph['source'] or '-'}  {graph['sha256'] or '-'}"
            f"  {graph['quads']}{sample}"
        )
    for line in extra or []:
        yield f"# {line}"
