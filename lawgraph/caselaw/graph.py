"""A checked ruling → the triples of its named graph (``docs/data-model.md``, "Case law").

Everything about one ruling goes into ``ruling_graph(key)``: the ruling itself, the provisions
it interprets and cites with their ``eli:cited_by_case_law`` back-links, the rulings it cites,
the Advocate General's opinion link, and its findings of incompatibility, shaped exactly as gap
rule LG-R03 (``ontology/rules/r03-ruling-incompatibility.rq``) reads them::

    <ruling> lg:findsIncompatible <ruling/incompatibility/1> ; eli:date_document "…"^^xsd:date .
    <ruling/incompatibility/1> a lg:IncompatibilityFinding ; lg:country country:ITA ;
        lg:provision <provision> ; lg:reason "…"@en ; lg:status lgd:status/incorrect ;
        prov:wasDerivedFrom <ruling> .

A cited ruling becomes a link to its IRI only when its ECLI is certain (given, or the only
judgment of that case number in the bundled corpus); otherwise the citation is kept as the
literal ``lg:citesCase "C-54/07"``. No blank nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from lawgraph.caselaw.corpus import CaseIndex, bundled_index
from lawgraph.caselaw.model import Ruling
from lawgraph.store.base import Triple
from lawgraph.vocab import ELI, LG, LGD, ruling_iri, slug, status_iri

__all__ = ["CLASSES", "RulingGraph", "build_ruling_graph", "incompatibility_iri", "procedure_iri"]

#: decision kind → class
CLASSES = {
    "judgment": LG.Judgment,
    "order": LG.Order,
    "ag-opinion": LG.AdvocateGeneralOpinion,
    "equality-body-decision": LG.EqualityBodyDecision,
}


@dataclass
class RulingGraph:
    graph: URIRef
    ruling: URIRef
    triples: list[Triple] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add(self, s: URIRef, p: URIRef, o: object) -> None:
        if o is None or o == "":
            return
        self.triples.append((s, p, o if isinstance(o, URIRef | Literal) else Literal(o)))


def procedure_iri(name: str) -> URIRef:
    return LGD[f"procedure/{slug(name)}"]


def incompatibility_iri(ruling: URIRef, n: int) -> URIRef:
    return URIRef(f"{ruling}/incompatibility/{n}")


def build_ruling_graph(ruling: Ruling, index: CaseIndex | None = None) -> RulingGraph:
    """The triples of one ruling's named graph; ``index`` resolves cited case numbers (the
    bundled corpus by default)."""
    out = RulingGraph(ruling.graph, ruling.iri, warnings=list(ruling.warnings))
    out.counts = {
        "rulings": 1,
        "interpreted provisions": len(ruling.interprets),
        "incompatibility findings": len(ruling.incompatible),
    }
    _describe(out, ruling)
    _provisions(out, ruling)
    _citations(out, ruling, index if index is not None else bundled_index())
    _incompatibility(out, ruling)
    out.add(out.graph, PROV.wasDerivedFrom, out.ruling)
    return out


def _describe(out: RulingGraph, ruling: Ruling) -> None:
    r = out.ruling
    out.add(r, RDF.type, CLASSES[ruling.decision])
    out.add(r, LG.ecli, str(ruling.ecli) if ruling.ecli else None)
    for case in ruling.case_numbers:
        out.add(r, LG.caseNumber, case)
    out.add(r, DCTERMS.title, ruling.name)
    out.add(r, LG.parties, ruling.parties)
    out.add(r, ELI.date_document, Literal(ruling.date.isoformat(), datatype=XSD.date))
    out.add(r, LG.court, ruling.court_iri)
    out.add(r, LG.courtName, ruling.court)
    out.add(r, LG.formation, ruling.formation)
    out.add(r, LG.procedure, procedure_iri(ruling.procedure) if ruling.procedure else None)
    out.add(r, LG.referringCourt, ruling.referring_court)
    out.add(r, LG.country, ruling.country.iri if ruling.country else None)
    out.add(r, LG.outcome, ruling.outcome)
    out.add(r, DCTERMS.abstract, Literal(ruling.summary, lang="en") if ruling.summary else None)
    out.add(r, LG.operativePart, ruling.operative_part)
    out.add(r, LG.verification, ruling.verification)
    if ruling.sample is not None:
        out.add(r, LG.isSample, Literal(ruling.sample))
    if ruling.opinion_of is not None:
        out.add(r, LG.opinionIn, ruling_iri(str(ruling.opinion_of)))


def _provisions(out: RulingGraph, ruling: Ruling) -> None:
    r = out.ruling
    for info in ruling.interprets:
        out.add(r, LG.interprets, info.iri)
        out.add(info.iri, ELI.cited_by_case_law, r)
    for info in ruling.mentions:
        if info in ruling.interprets:
            continue
        out.add(r, ELI.cites, info.iri)
        out.add(info.iri, ELI.cited_by_case_law, r)


def _citations(out: RulingGraph, ruling: Ruling, index: CaseIndex) -> None:
    for cited in ruling.cites:
        ecli = index.resolve(cited, ruling.ecli)
        if ecli is not None:
            out.add(out.ruling, ELI.cites, ruling_iri(str(ecli)))
        else:
            out.add(out.ruling, LG.citesCase, str(cited))
            out.counts["unresolved citations"] = out.counts.get("unresolved citations", 0) + 1


def _incompatibility(out: RulingGraph, ruling: Ruling) -> None:
    for n, finding in enumerate(ruling.incompatible, start=1):
        node = incompatibility_iri(out.ruling, n)
        out.add(out.ruling, LG.findsIncompatible, node)
        out.add(node, RDF.type, LG.IncompatibilityFinding)
        out.add(node, LG.country, finding.country.iri)
        out.add(node, LG.provision, finding.provision.iri)
        out.add(node, LG.reason, Literal(finding.reason, lang="en"))
        out.add(node, LG.status, status_iri(finding.status))
        out.add(node, PROV.wasDerivedFrom, out.ruling)
