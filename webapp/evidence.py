"""The evidence behind an assessment's reasons, ready to show: a report sentence with its section
and place, a national provision and its measure, a ruling, a report section.

Evidence nodes are read with two generic queries (the nodes, then the sections, national
provisions and measures they point to), so new evidence kinds still show with their label.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import URIRef

from lawgraph.store import GraphStore
from lawgraph.vocab import DCTERMS, ELI, LG, PROV, RDF, RDFS
from webapp.links import path_for
from webapp.rdf import best_label, labels

__all__ = ["describe_many", "evidence_records"]

Description = dict[str, list[object]]

_RULING_TYPES = {str(LG[t]) for t in ("JudicialDecision", "Judgment", "Order",
                                       "AdvocateGeneralOpinion", "EqualityBodyDecision")}
_METHODS = {str(LG.ExpertEntered): "expert-entered", str(LG.MachineExtracted): "machine-extracted"}


def describe_many(store: GraphStore, iris: set[str], chunk: int = 300,
                  predicates: tuple[URIRef, ...] = ()) -> dict[str, Description]:
    """Every ``?p ?o`` of each IRI (or only ``predicates``), as ``{iri: {predicate: [objects]}}``."""
    out: dict[str, Description] = defaultdict(lambda: defaultdict(list))
    ordered = sorted(i for i in iris if i)
    # the predicates as a FILTER: a second VALUES table made the store join the two tables
    # first and take seconds
    only = f"FILTER (?p IN ({', '.join(f'<{p}>' for p in predicates)}))" if predicates else ""
    for start in range(0, len(ordered), chunk):
        values = " ".join(f"<{i}>" for i in ordered[start:start + chunk])
        rows = store.select(f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o {only} }}")
        for row in rows:
            out[str(row["s"])][str(row["p"])].append(row["o"])
    return out


def _one(description: Description, predicate: URIRef) -> str | None:
    values = description.get(str(predicate), [])
    english = [v for v in values if getattr(v, "language", None) in ("en", None)]
    chosen = english or values
    return str(chosen[0]) if chosen else None


def _all(description: Description, predicate: URIRef) -> list[str]:
    return sorted({str(v) for v in description.get(str(predicate), [])})


def _kind(description: Description) -> str:
    types = set(_all(description, RDF.type))
    if str(LG.Finding) in types:
        return "finding"
    if types & _RULING_TYPES or description.get(str(LG.ecli)):
        return "ruling"
    for name, kind in (("NationalProvision", "national provision"),
                       ("NationalMeasure", "national measure"),
                       ("ReportSection", "report section"), ("CountryReport", "country report")):
        if str(LG[name]) in types:
            return kind
    return "resource"


def _section(iri: str | None, nodes: dict[str, Description]) -> dict[str, object] | None:
    if not iri:
        return None
    d = nodes.get(iri, {})
    return {"iri": iri, "href": path_for(iri), "number": _one(d, LG.sectionNumber),
            "title": _one(d, DCTERMS.title), "location": _one(d, LG.location)}


def _national(iri: str, nodes: dict[str, Description], names: dict[str, str]) -> dict[str, object]:
    d = nodes.get(iri, {})
    measure = _one(d, ELI.is_part_of)
    return {"iri": iri, "href": path_for(iri), "label": _one(d, RDFS.label) or names.get(iri, iri),
            "measure": measure, "measure_href": path_for(measure) if measure else None,
            "measure_label": names.get(measure or "", measure)}


def _record(iri: str, nodes: dict[str, Description], names: dict[str, str]) -> dict[str, object]:
    d = nodes.get(iri, {})
    kind = _kind(d)
    record: dict[str, object] = {"iri": iri, "href": path_for(iri), "kind": kind,
                                 "label": names.get(iri, iri)}
    if kind == "finding":
        record.update({
            "text": _one(d, LG.evidenceText), "method": _METHODS.get(_one(d, LG.method) or "", ""),
            "confidence": _one(d, LG.confidence), "location": _one(d, LG.location),
            "section": _section(_one(d, LG.inSection), nodes),
            "national": [_national(n, nodes, names) for n in _all(d, LG.citesNationalProvision)],
            "report": _one(d, PROV.wasDerivedFrom),
        })
        record["report_href"] = path_for(record["report"]) if record["report"] else None
    elif kind == "ruling":
        record.update({"title": _one(d, DCTERMS.title), "ecli": _one(d, LG.ecli),
                       "case_numbers": _all(d, LG.caseNumber), "date": _one(d, ELI.date_document)})
    elif kind == "national provision":
        record.update(_national(iri, nodes, names))
    elif kind == "report section":
        record["section"] = _section(iri, nodes)
    return record


def evidence_records(store: GraphStore, iris: set[str]) -> dict[str, dict[str, object]]:
    """A display record for each evidence IRI (see the module docstring)."""
    nodes = describe_many(store, iris)
    related = set()
    for d in nodes.values():
        for predicate in (LG.inSection, LG.citesNationalProvision):
            related.update(_all(d, predicate))
    nodes.update(describe_many(store, related - set(nodes)))
    measures = {_one(nodes.get(n, {}), ELI.is_part_of) for n in related} - {None}
    # the nodes described above carry their labels; only the measures are looked up
    names = {iri: label for iri, d in nodes.items()
             if (label := best_label((p, o) for p, values in d.items() for o in values))}
    names.update(labels(store, [URIRef(m) for m in measures if m not in nodes]))
    return {iri: _record(iri, nodes, names) for iri in iris if iri}
