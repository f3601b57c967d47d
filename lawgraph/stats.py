"""What a store holds, counted."""

from __future__ import annotations

from lawgraph.store.base import GraphStore
from lawgraph.vocab import expand, sparql_prefixes

__all__ = ["STAT_CLASSES", "store_stats"]

#: label → class counted (distinct instances across all graphs)
STAT_CLASSES: dict[str, str] = {
    "directives": "lg:Directive",
    "provisions": "lg:Provision",
    "countries": "lg:Country",
    "SKOS concepts": "skos:Concept",
    "coverage requirements": "lg:CoverageRequirement",
    "country reports": "lg:CountryReport",
    "national measures": "lg:NationalMeasure",
    "national provisions": "lg:NationalProvision",
    "rulings": "lg:JudicialDecision",
    "findings": "lg:Finding",
    "assessments": "lg:Assessment",
}


def store_stats(store: GraphStore) -> dict[str, int]:
    """Counts of the main kinds of resource, provisions by level, graphs and quads."""
    values = " ".join(f"({cls})" for cls in STAT_CLASSES.values())
    rows = store.select(
        sparql_prefixes()
        + "SELECT ?cls (COUNT(DISTINCT ?x) AS ?n) WHERE { VALUES (?cls) { "
        + values
        + " } "
        "?x a ?c . ?c rdfs:subClassOf* ?cls } GROUP BY ?cls"
    )
    by_class = {str(row["cls"]): int(row["n"]) for row in rows}
    stats = {label: by_class.get(expand(cls), 0) for label, cls in STAT_CLASSES.items()}
    level_rows = store.select(
        sparql_prefixes()
        + "SELECT ?level (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a lg:Provision ; lg:level ?level }"
        " GROUP BY ?level"
    )
    for row in level_rows:
        level = str(row["level"]).rsplit("#", 1)[-1].lower()
        stats[f"provisions: {level}s"] = int(row["n"])
    stats["named graphs"] = len(store.graph_names())
    stats["quads"] = store.count()
    return stats
