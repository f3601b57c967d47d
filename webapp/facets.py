"""Which grounds and areas of life each directive provision concerns, for the dashboard's filters.

A provision concerns the grounds and areas stated on it, on the levels above it and on the parts
below it; a provision whose whole line states none inherits its directive's. Areas are matched
through their SKOS hierarchy: "employment" matches a provision about access to employment, and
the other way round.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from lawgraph.store import GraphStore
from lawgraph.vocab import sparql_prefixes
from webapp.backend import get_store
from webapp.cache import cached

__all__ = ["Facets", "facets"]


@dataclass
class Facets:
    grounds: dict[str, set[str]] = field(default_factory=dict)  # provision IRI → ground IRIs
    areas: dict[str, set[str]] = field(default_factory=dict)  # provision IRI → area IRIs
    area_family: dict[str, set[str]] = field(default_factory=dict)  # area → itself ∪ kin

    def matches(self, provision: str, ground: str | None, area: str | None) -> bool:
        if ground and ground not in self.grounds.get(provision, ()):
            return False
        if area:
            family = self.area_family.get(area, {area})
            return bool(family & self.areas.get(provision, set()))
        return True


def _lineage(provision: str, parent: dict[str, str], children: dict[str, set[str]]) -> set[str]:
    up, node = set(), provision
    while node in parent:
        node = parent[node]
        up.add(node)
    down, stack = set(), [provision]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in down:
                down.add(child)
                stack.append(child)
    return up | down | {provision}


def _compute(store: GraphStore) -> Facets:
    rows = store.select(sparql_prefixes() + """
SELECT ?p ?parent ?directive ?kind ?v WHERE {
  ?p a lg:Provision ; lg:directive ?directive .
  OPTIONAL { ?p eli:is_part_of ?parent }
  OPTIONAL { { ?p lg:concernsGround ?v BIND ("g" AS ?kind) }
             UNION { ?p lg:concernsArea ?v BIND ("a" AS ?kind) } }
}""")
    directive_rows = store.select(sparql_prefixes() + """
SELECT ?d ?kind ?v WHERE { ?d a lg:Directive .
  { ?d lg:concernsGround ?v BIND ("g" AS ?kind) } UNION { ?d lg:concernsArea ?v BIND ("a" AS ?kind) } }""")
    broader = store.select(sparql_prefixes() + "SELECT ?a ?b WHERE { ?a skos:broader ?b }")
    own: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"g": set(), "a": set()})
    parent, children, directive_of = {}, defaultdict(set), {}
    for row in rows:
        p = str(row["p"])
        directive_of[p] = str(row["directive"])
        own[p]
        if "parent" in row and str(row["parent"]) != str(row["directive"]):
            parent[p] = str(row["parent"])
            children[str(row["parent"])].add(p)
        if "kind" in row:
            own[p][str(row["kind"])].add(str(row["v"]))
    of_directive: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"g": set(), "a": set()})
    for row in directive_rows:
        of_directive[str(row["d"])][str(row["kind"])].add(str(row["v"]))
    result = Facets(area_family=_families(broader))
    for p in own:
        line = _lineage(p, parent, children)
        for kind, target in (("g", result.grounds), ("a", result.areas)):
            values = set().union(*(own[x][kind] for x in line if x in own))
            target[p] = values or set(of_directive[directive_of[p]][kind])
    return result


def _families(rows) -> dict[str, set[str]]:
    up: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        up[str(row["a"])].add(str(row["b"]))
    down: dict[str, set[str]] = defaultdict(set)
    for child, parents in up.items():
        for p in parents:
            down[p].add(child)

    def closure(start: str, edges: dict[str, set[str]]) -> set[str]:
        seen, stack = set(), [start]
        while stack:
            for nxt in edges.get(stack.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    areas = set(up) | set(down)
    return {a: {a} | closure(a, up) | closure(a, down) for a in areas}


def facets() -> Facets:
    return cached("facets", lambda: _compute(get_store()))
