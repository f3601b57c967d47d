"""The ontology, the reference data and the SHACL shapes under ``ontology/``.

* every Turtle file parses, and the data files contain no blank nodes;
* the ontology declares and documents every ``lg:`` term used anywhere under ``ontology/``;
* the ontology plus all reference data (whoever wrote it) conforms to ``ontology/shapes.ttl``;
* a small valid example of every class conforms, and each hand-written invalid variant of it is
  caught by the shape meant to catch it (table-driven, one row per mistake);
* the reference schemes, grounds, areas and countries have the content docs/data-model.md and
  domain.md promise.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology"
ONTOLOGY_FILE = ONTOLOGY / "lawgraph.ttl"
SHAPES_FILE = ONTOLOGY / "shapes.ttl"
REFERENCE_DIR = ONTOLOGY / "reference"
OUR_REFERENCE = [
    REFERENCE_DIR / f"{name}.ttl" for name in ("schemes", "grounds", "areas", "countries")
]

LG = Namespace("https://w3id.org/lawgraph/ontology#")
LGD = Namespace("https://w3id.org/lawgraph/id/")
LGSH = Namespace("https://w3id.org/lawgraph/shapes#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")
ONTOLOGY_IRI = URIRef("https://w3id.org/lawgraph/ontology")

PREFIXES = """\
@base <https://w3id.org/lawgraph/id/> .
@prefix lg: <https://w3id.org/lawgraph/ontology#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix country: <http://publications.europa.eu/resource/authority/country/> .
@prefix red: <http://data.europa.eu/eli/dir/2000/43/> .
@prefix eed: <http://data.europa.eu/eli/dir/2000/78/> .
"""


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _ttl_files() -> list[Path]:
    return sorted(ONTOLOGY.rglob("*.ttl"))


def _data_files() -> list[Path]:
    """Everything that is loaded into the store: the ontology and all reference data."""
    return [ONTOLOGY_FILE, *sorted(REFERENCE_DIR.rglob("*.ttl"))]


@cache
def _parsed(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def _union(paths: list[Path]) -> Graph:
    graph = Graph()
    for path in paths:
        graph += _parsed(path)
    return graph


@cache
def _shapes() -> Graph:
    return _parsed(SHAPES_FILE)


@cache
def _ontology() -> Graph:
    return _parsed(ONTOLOGY_FILE)


@cache
def _reference() -> Graph:
    return _union(_data_files())


def _validate(data: Graph, *, allow_warnings: bool = False) -> tuple[bool, Graph, str]:
    conforms, results, text = validate(
        data, shacl_graph=_shapes(), inference="none", allow_warnings=allow_warnings
    )
    return conforms, results, text


def _results(report: Graph) -> list[dict[str, object]]:
    rows = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        rows.append({
            "shape": report.value(result, SH.sourceShape),
            "focus": report.value(result, SH.focusNode),
            "value": report.value(result, SH.value),
            "severity": report.value(result, SH.resultSeverity),
            "message": str(report.value(result, SH.resultMessage) or ""),
        })
    return rows


# --------------------------------------------------------------------------------------------
# Files parse; data has no blank nodes
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", _ttl_files(), ids=_rel)
def test_turtle_parses(path: Path) -> None:
    assert len(_parsed(path)) > 0


@pytest.mark.parametrize("path", _data_files(), ids=_rel)
def test_data_has_no_blank_nodes(path: Path) -> None:
    blank = [t for t in _parsed(path) if any(isinstance(term, BNode) for term in t)]
    assert not blank, f"{_rel(path)} has blank nodes, e.g. {blank[:3]}"


# --------------------------------------------------------------------------------------------
# The ontology
# --------------------------------------------------------------------------------------------


def test_ontology_header() -> None:
    onto = _ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    for predicate in (OWL.versionInfo, DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert onto.value(ONTOLOGY_IRI, predicate) is not None, predicate


def _lg_terms_in_text(text: str) -> set[URIRef]:
    return {LG[name] for name in re.findall(r"\blg:([A-Za-z_][A-Za-z0-9_]*)", text)}


def _lg_terms_used() -> dict[URIRef, set[str]]:
    """Every lg: term in any Turtle file (as IRIs) or SPARQL query (as text) under ontology/."""
    used: dict[URIRef, set[str]] = {}
    for path in _ttl_files():
        graph = _parsed(path)
        terms = {t for triple in graph for t in triple if isinstance(t, URIRef) and t in LG}
        for query in graph.objects(None, SH.select):
            terms |= _lg_terms_in_text(str(query))
        for term in terms:
            used.setdefault(term, set()).add(_rel(path))
    for path in sorted(ONTOLOGY.rglob("*.rq")):
        for term in _lg_terms_in_text(path.read_text(encoding="utf-8")):
            used.setdefault(term, set()).add(_rel(path))
    return used


def test_every_lg_term_is_declared_in_the_ontology() -> None:
    onto = _ontology()
    missing = {
        str(term): sorted(files)
        for term, files in _lg_terms_used().items()
        if (term, RDF.type, None) not in onto
    }
    assert not missing, f"lg: terms used but not declared in ontology/lawgraph.ttl: {missing}"


def test_every_lg_term_of_the_data_model_is_declared() -> None:
    """docs/data-model.md is the contract: each lg: term it names exists in the ontology."""
    onto = _ontology()
    named = _lg_terms_in_text((ROOT / "docs" / "data-model.md").read_text(encoding="utf-8"))
    assert named
    assert sorted(t for t in named if (t, RDF.type, None) not in onto) == []


def _declared_terms() -> list[URIRef]:
    onto = _ontology()
    return sorted({s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef) and s in LG})


@pytest.mark.parametrize("term", _declared_terms(), ids=lambda t: t.split("#")[1])
def test_every_term_is_documented(term: URIRef) -> None:
    onto = _ontology()
    for predicate in (RDFS.label, RDFS.comment):
        values = [v for v in onto.objects(term, predicate) if isinstance(v, Literal)]
        assert any(v.language == "en" for v in values), f"{term} lacks an English {predicate}"
    assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in onto


ALIGNMENTS = [
    (LG.Directive, RDFS.subClassOf, ELI.LegalResource),
    (LG.Provision, RDFS.subClassOf, ELI.LegalResourceSubdivision),
    (LG.NationalMeasure, RDFS.subClassOf, ELI.LegalResource),
    (LG.NationalProvision, RDFS.subClassOf, ELI.LegalResourceSubdivision),
    (LG.JudicialDecision, RDFS.subClassOf, ELI.LegalResource),
    (LG.Judgment, RDFS.subClassOf, LG.JudicialDecision),
    (LG.Order, RDFS.subClassOf, LG.JudicialDecision),
    (LG.AdvocateGeneralOpinion, RDFS.subClassOf, LG.JudicialDecision),
    (LG.EqualityBodyDecision, RDFS.subClassOf, LG.JudicialDecision),
    (LG.Country, RDFS.subClassOf, DCTERMS.Location),
    (LG.CountryReport, RDFS.subClassOf, PROV.Entity),
    (LG.Finding, RDFS.subClassOf, PROV.Entity),
    (LG.Assessment, RDFS.subClassOf, PROV.Entity),
    (LG.Development, RDFS.subClassOf, PROV.Entity),
    (LG.Expert, RDFS.subClassOf, PROV.Person),
    (LG.EqualityBody, RDFS.subClassOf, FOAF.Organization),
    (LG.Court, RDFS.subClassOf, FOAF.Organization),
    (LG.interprets, RDFS.subPropertyOf, ELI.cites),
    (LG.expert, RDFS.subPropertyOf, PROV.wasAttributedTo),
    (LG.Article, RDF.type, LG.ProvisionLevel),
    (LG.Paragraph, RDF.type, LG.ProvisionLevel),
    (LG.Subparagraph, RDF.type, LG.ProvisionLevel),
    (LG.Point, RDF.type, LG.ProvisionLevel),
    (LG.ExpertEntered, RDF.type, LG.ExtractionMethod),
    (LG.MachineExtracted, RDF.type, LG.ExtractionMethod),
]


@pytest.mark.parametrize(
    "triple", ALIGNMENTS, ids=lambda t: f"{t[0].split('#')[1]}-{t[2].split('#')[-1].split('/')[-1]}"
)
def test_alignment_with_standard_vocabularies(triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in _ontology()


# --------------------------------------------------------------------------------------------
# The shapes themselves
# --------------------------------------------------------------------------------------------

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
NOT_CONSTRAINTS = {
    RDF.type, SH.name, SH.description, SH.message, SH.severity, SH.property, SH.sparql,
    SH.deactivated, *TARGETS,
}


def _targeted_shapes() -> list[URIRef]:
    shapes = _shapes()
    return sorted({s for p in TARGETS for s in shapes.subjects(p, None)})


def test_every_named_shape_has_a_name_and_description() -> None:
    shapes = _shapes()
    named = {s for s in shapes.subjects(RDF.type, None) if isinstance(s, URIRef) and s in LGSH}
    undocumented = [
        s for s in named
        if not (shapes.value(s, SH.name) and shapes.value(s, SH.description))
    ]
    assert not undocumented, undocumented


@pytest.mark.parametrize("shape", _targeted_shapes(), ids=lambda s: s.split("#")[1])
def test_every_check_has_a_message(shape: URIRef) -> None:
    """What a targeted shape reports (itself, its property shapes, its SPARQL constraints) comes
    with a message a non-technical user can read, and each property shape is documented."""
    shapes = _shapes()
    own = set(shapes.predicates(shape, None)) - NOT_CONSTRAINTS
    if own:
        assert shapes.value(shape, SH.message), f"{shape} has constraints but no sh:message"
    for prop in shapes.objects(shape, SH.property):
        for predicate in (SH.name, SH.description, SH.message):
            assert shapes.value(prop, predicate), f"{prop} (in {shape}) lacks {predicate}"
    for constraint in shapes.objects(shape, SH.sparql):
        assert shapes.value(constraint, SH.message), f"a SPARQL check of {shape} has no message"


def test_every_class_has_a_shape() -> None:
    onto, shapes = _ontology(), _shapes()
    classes = {c for c in onto.subjects(RDF.type, OWL.Class) if c in LG}
    closed_sets = {LG.ProvisionLevel, LG.ExtractionMethod}  # fixed individuals, nothing to check
    targeted = {
        c for s in shapes.subjects(SH.targetClass, None) if s != LGSH.NoBlankNodes
        for c in shapes.objects(s, SH.targetClass)
    }
    assert classes - closed_sets - targeted == set()
    assert classes - set(shapes.objects(LGSH.NoBlankNodes, SH.targetClass)) == set()


def _in_list(shape: URIRef) -> set[URIRef]:
    shapes = _shapes()
    return set(Collection(shapes, shapes.value(shape, SH["in"])))


def _members(scheme: str) -> set[URIRef]:
    return set(_union(OUR_REFERENCE).subjects(SKOS.inScheme, LGD[f"scheme/{scheme}"]))


@pytest.mark.parametrize(
    ("shape", "scheme", "left_out"),
    [
        (LGSH["Assessment-status"], "transposition-status", set()),
        (LGSH["Finding-status"], "transposition-status", {LGD["status/not-assessed"]}),
        (LGSH["Provision-kind"], "obligation-kinds", set()),
        (LGSH["Country-membership"], "membership", set()),
        (LGSH["JudicialDecision-procedure"], "procedures", set()),
        (LGSH["EqualityBody-power"], "equality-body-powers", set()),
        (LGSH["Development-type"], "development-types", set()),
    ],
    ids=lambda v: v.split("#")[-1] if isinstance(v, URIRef) else None,
)
def test_closed_lists_in_shapes_match_the_schemes(
    shape: URIRef, scheme: str, left_out: set[URIRef]
) -> None:
    assert _in_list(shape) == _members(scheme) - left_out


# --------------------------------------------------------------------------------------------
# Conformance of the reference data
# --------------------------------------------------------------------------------------------


def test_our_reference_data_conforms_without_warnings() -> None:
    """The ontology and the schemes, grounds, areas and countries: no violation, no warning."""
    conforms, _, text = _validate(_union([ONTOLOGY_FILE, *OUR_REFERENCE]))
    print(text)
    assert conforms


def test_all_reference_data_conforms() -> None:
    """The ontology and everything under ontology/reference/ (directives, concept map,
    templates … whoever wrote them). Warnings are printed but do not fail the test."""
    conforms, report, text = _validate(_reference(), allow_warnings=True)
    print(text)
    assert conforms, text
    warnings = [r for r in _results(report) if r["severity"] == SH.Warning]
    print(f"{len(warnings)} warning(s)")


# --------------------------------------------------------------------------------------------
# A valid example of every class, and invalid variants of it
# --------------------------------------------------------------------------------------------

CHECKSUM = "0" * 63 + "a"

EXAMPLE = PREFIXES + f"""
red:oj a lg:Directive ;
    eli:title "Council Directive 2000/43/EC of 29 June 2000 implementing the principle …"@en ;
    eli:title_short "Racial Equality Directive"@en ;
    skos:altLabel "RED"@en ;
    lg:celex "32000L0043" ;
    eli:number "2000/43/EC" ;
    eli:date_document "2000-06-29"^^xsd:date ;
    lg:transpositionDeadline "2003-07-19"^^xsd:date ;
    eli:in_force eli:InForce-inForce ;
    owl:sameAs <http://publications.europa.eu/resource/celex/32000L0043> ;
    lg:concernsGround <ground/racial-or-ethnic-origin> ;
    lg:concernsArea <area/employment> , <area/education> ;
    eli:has_part <provision/32000L0043/art_3> , <provision/32000L0043/art_8> .

<provision/32000L0043/art_3> a lg:Provision ;
    eli:is_part_of red:oj ;
    lg:directive red:oj ;
    lg:level lg:Article ;
    lg:path "3" ;
    rdfs:label "Article 3 of Directive 2000/43/EC"@en ;
    eli:number "3" ;
    dct:title "Scope"@en ;
    lg:obligationSummary "Apply the prohibition to all persons in the listed areas of life."@en ;
    lg:obligationKind <obligation-kind/mandatory> ;
    eli:has_part <provision/32000L0043/art_3/par_1> .

<provision/32000L0043/art_3/par_1> a lg:Provision ;
    eli:is_part_of <provision/32000L0043/art_3> ;
    lg:directive red:oj ;
    lg:level lg:Paragraph ;
    lg:path "3(1)" ;
    rdfs:label "Article 3(1) of Directive 2000/43/EC"@en ;
    eli:number "1" ;
    eli:has_part <provision/32000L0043/art_3/par_1/pnt_g> .

<provision/32000L0043/art_3/par_1/pnt_g> a lg:Provision ;
    eli:is_part_of <provision/32000L0043/art_3/par_1> ;
    lg:directive red:oj ;
    lg:level lg:Point ;
    lg:path "3(1)(g)" ;
    rdfs:label "Article 3(1)(g) of Directive 2000/43/EC"@en ;
    eli:number "g" ;
    lg:concernsGround <ground/racial-or-ethnic-origin> ;
    lg:concernsArea <area/education> .

<provision/32000L0043/art_8> a lg:Provision ;
    eli:is_part_of red:oj ;
    lg:directive red:oj ;
    lg:level lg:Article ;
    lg:path "8" ;
    rdfs:label "Article 8 of Directive 2000/43/EC"@en ;
    eli:number "8" ;
    dct:title "Burden of proof"@en ;
    lg:obligationSummary "Shift the burden of proof to the respondent once facts are shown."@en ;
    lg:obligationKind <obligation-kind/mandatory> .

eed:oj a lg:Directive ;
    eli:title "Council Directive 2000/78/EC of 27 November 2000 establishing …"@en ;
    lg:celex "32000L0078" ;
    eli:number "2000/78/EC" ;
    eli:date_document "2000-11-27"^^xsd:date ;
    lg:transpositionDeadline "2003-12-02"^^xsd:date ;
    owl:sameAs <http://publications.europa.eu/resource/celex/32000L0078> ;
    eli:has_part <provision/32000L0078/art_5> .

<provision/32000L0078/art_5> a lg:Provision ;
    eli:is_part_of eed:oj ;
    lg:directive eed:oj ;
    lg:level lg:Article ;
    lg:path "5" ;
    rdfs:label "Article 5 of Directive 2000/78/EC"@en ;
    eli:number "5" ;
    dct:title "Reasonable accommodation for disabled persons"@en ;
    lg:obligationSummary "Require employers to provide reasonable accommodation."@en ;
    lg:obligationKind <obligation-kind/mandatory> .

<requirement/32000L0043/racial-or-ethnic-origin/education> a lg:CoverageRequirement ;
    lg:ground <ground/racial-or-ethnic-origin> ;
    lg:area <area/education> ;
    lg:requiredBy <provision/32000L0043/art_3/par_1/pnt_g> .

<measure/DEU/agg> a lg:NationalMeasure ;
    eli:title "Allgemeines Gleichbehandlungsgesetz"@de , "General Equal Treatment Act"@en ;
    eli:title_short "AGG" ;
    eli:jurisdiction country:DEU ;
    eli:date_document "2006-08-14"^^xsd:date ;
    eli:first_date_entry_in_force "2006-08-18"^^xsd:date ;
    eli:id_local "BGBl. I S. 1897" ;
    eli:transposes red:oj ;
    lg:coversGround <ground/racial-or-ethnic-origin> ;
    lg:coversArea <area/employment> ;
    lg:listedIn <report/DE/2024> .

<measure/DEU/agg/par_22> a lg:NationalProvision ;
    eli:is_part_of <measure/DEU/agg> ;
    rdfs:label "§ 22 AGG" ;
    eli:transposes <provision/32000L0043/art_8> .

<equality-body/DEU/ads> a lg:EqualityBody ;
    skos:prefLabel "Antidiskriminierungsstelle des Bundes"@de ;
    lg:country country:DEU ;
    lg:mandateGround <ground/racial-or-ethnic-origin> , <ground/age> ;
    lg:hasPower <power/assist-victims> , <power/independent-surveys> ;
    lg:reportedIn <report/DE/2024> .

<court/EU/C> a lg:Court ;
    skos:prefLabel "Court of Justice of the European Union"@en .

<ecli/ECLI:EU:C:2008:397> a lg:Judgment ;
    lg:ecli "ECLI:EU:C:2008:397" ;
    eli:date_document "2008-07-10"^^xsd:date ;
    lg:caseNumber "C-54/07" ;
    dct:title "Feryn" ;
    lg:court <court/EU/C> ;
    lg:procedure <procedure/preliminary-ruling> ;
    lg:referringCourt "Arbeidshof te Brussel" ;
    lg:country country:BEL ;
    lg:interprets <provision/32000L0043/art_8> ;
    dct:abstract "Saying one will not hire people of an ethnic origin is discrimination."@en ;
    lg:isSample false .

<ecli/ECLI:EU:C:2008:155> a lg:AdvocateGeneralOpinion ;
    lg:ecli "ECLI:EU:C:2008:155" ;
    eli:date_document "2008-03-12"^^xsd:date ;
    lg:caseNumber "C-54/07" ;
    dct:title "Feryn (Opinion)" ;
    lg:court <court/EU/C> ;
    lg:opinionIn <ecli/ECLI:EU:C:2008:397> .

<ecli/ECLI:EU:C:2013:446> a lg:Judgment ;
    lg:ecli "ECLI:EU:C:2013:446" ;
    eli:date_document "2013-07-04"^^xsd:date ;
    lg:caseNumber "C-312/11" ;
    dct:title "Commission v Italy" ;
    lg:court <court/EU/C> ;
    lg:procedure <procedure/infringement> ;
    lg:country country:ITA ;
    lg:interprets <provision/32000L0078/art_5> ;
    lg:findsIncompatible <ecli/ECLI:EU:C:2013:446/incompatibility/1> .

<ecli/ECLI:EU:C:2013:446/incompatibility/1> a lg:IncompatibilityFinding ;
    lg:country country:ITA ;
    lg:provision <provision/32000L0078/art_5> ;
    lg:reason "Italian law did not oblige all employers to provide reasonable accommodation." .

<report/DE/2024> a lg:CountryReport ;
    lg:country country:DEU ;
    lg:reportingYear "2024"^^xsd:gYear ;
    lg:periodStart "2023-01-01"^^xsd:date ;
    lg:periodEnd "2023-12-31"^^xsd:date ;
    lg:expert <expert/jane-example> ;
    lg:templateVersion "2015" ;
    lg:strand "non-discrimination" ;
    lg:isSample true ;
    dct:description "Invented sample report for the tests; not a network report." ;
    dct:source "country_reports/de-2024.md" ;
    lg:sha256 "{CHECKSUM}" ;
    prov:generatedAtTime "2025-01-01T12:00:00"^^xsd:dateTime .

<graph/report/DE/2024> prov:wasDerivedFrom <report/DE/2024> ;
    dct:source "country_reports/de-2024.md" ;
    lg:sha256 "{CHECKSUM}" ;
    prov:generatedAtTime "2025-01-01T12:00:00"^^xsd:dateTime .

<expert/jane-example> a lg:Expert ;
    foaf:name "Jane Example" ;
    lg:country country:DEU .

<report/DE/2024/section/burden-of-proof> a lg:ReportSection ;
    dct:isPartOf <report/DE/2024> ;
    lg:sectionNumber "5.3" ;
    dct:title "Burden of proof"@en ;
    lg:templateKey "burden-of-proof" ;
    lg:concernsProvision <provision/32000L0043/art_8> ;
    lg:text "The burden of proof shifts under § 22 AGG." .

<report/DE/2024/finding/1> a lg:Finding ;
    lg:country country:DEU ;
    lg:provision <provision/32000L0043/art_8> ;
    lg:status <status/partial> ;
    lg:reason "The burden of proof shifts only in labour courts."@en ;
    lg:evidenceText "The burden shifts only in labour courts; civil courts use general rules." ;
    lg:inSection <report/DE/2024/section/burden-of-proof> ;
    lg:method lg:ExpertEntered ;
    lg:confidence 1.0 ;
    lg:citesNationalProvision <measure/DEU/agg/par_22> ;
    lg:reportingYear "2024"^^xsd:gYear ;
    prov:wasDerivedFrom <report/DE/2024> .

<report/DE/2024/finding/2> a lg:Finding ;
    lg:country country:DEU ;
    lg:provision <provision/32000L0043/art_8> ;
    lg:status <status/unclear> ;
    lg:evidenceText "It is not settled whether § 22 AGG applies in civil proceedings." ;
    lg:method lg:MachineExtracted ;
    lg:confidence 0.6 ;
    prov:wasDerivedFrom <report/DE/2024> .

<report/DE/2024/unresolved/1> a lg:UnresolvedReference ;
    lg:surfaceText "Art. 8 of the old Race Directive draft" ;
    lg:inSection <report/DE/2024/section/burden-of-proof> ;
    lg:reason "No directive of that name." .

<report/DE/2024/unmapped/1> a lg:UnmappedSection ;
    dct:isPartOf <report/DE/2024> ;
    lg:sectionNumber "12" ;
    dct:title "Miscellaneous" ;
    lg:text "Further remarks." .

<report/DE/2024/development/1> a lg:Development ;
    lg:developmentType <development-type/case-law> ;
    dct:date "2023-05-25"^^xsd:date ;
    dct:title "Federal Labour Court on church employers' loyalty duties" ;
    dct:abstract "Two or three sentences in the expert's own words."@en ;
    lg:concernsGround <ground/religion-or-belief> ;
    lg:courtName "Bundesarbeitsgericht" ;
    lg:caseNumber "2 AZR 746/14" ;
    lg:country country:DEU ;
    prov:wasDerivedFrom <report/DE/2024> .

<assessment/DE/2024/32000L0043/art_8> a lg:Assessment ;
    lg:country country:DEU ;
    lg:provision <provision/32000L0043/art_8> ;
    lg:reportingYear "2024"^^xsd:gYear ;
    lg:status <status/partial> ;
    lg:confidence 0.9 ;
    lg:reason <assessment/DE/2024/32000L0043/art_8/reason/1> ;
    prov:wasGeneratedBy <run/2025-01-01T12:00:00> .

<assessment/DE/2024/table> a lg:StatusTable ;
    lg:statuses '''{{"https://w3id.org/lawgraph/id/provision/32000L0043/art_8": ["partial", 0.9, "expert", false]}}'''^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> ;
    prov:wasGeneratedBy <run/2025-01-01T12:00:00> .

<assessment/DE/2024/32000L0043/art_8/reason/1> a lg:Reason ;
    lg:rule <https://w3id.org/lawgraph/id/rule/LG-R99> ;
    lg:authority "expert" ;
    lg:confidence 1.0 ;
    lg:evidence <report/DE/2024/finding/1> .

<https://w3id.org/lawgraph/id/rule/LG-R99>
    a lg:GapRule ;
    dct:identifier "LG-R99" ;
    dct:title "An example rule"@en ;
    rdfs:comment "Flags nothing; shows the shape of a rule."@en ;
    lg:severity "low" ;
    lg:impliesStatus "flag" ;
    lg:authority "inference" .

<https://w3id.org/lawgraph/id/reviewer/rita-review>
    a lg:Reviewer ;
    foaf:name "Rita Review" .

<https://w3id.org/lawgraph/id/workflow/DE/2025/revision/1>
    a lg:DraftRevision ;
    lg:sha256 "0000000000000000000000000000000000000000000000000000000000000000" ;
    prov:wasAttributedTo <expert/jane-example> .
"""

# A finding that is valid except for what a case changes (for the blank-node case).
FINDING_BODY = """
    lg:country country:DEU ;
    lg:provision <provision/32000L0043/art_8> ;
    lg:status <status/partial> ;
    lg:evidenceText "Some sentence." ;
    lg:method lg:ExpertEntered ;
    lg:reason "Some reason." ;
    prov:wasDerivedFrom <report/DE/2024> .
"""

# (id, Turtle added to EXAMPLE, shape expected among the results, fragment of its message)
INVALID = [
    ("provision-without-parent", """
        <provision/32000L0043/art_9> a lg:Provision ;
            lg:directive red:oj ; lg:level lg:Article ; lg:path "9" ; eli:number "9" ;
            rdfs:label "Article 9 of Directive 2000/43/EC"@en ; dct:title "Victimisation"@en ;
            lg:obligationSummary "Protect complainants against retaliation."@en .
     """, "Provision-isPartOf", "part of exactly one higher level"),
    ("provision-unknown-level", """
        <provision/32000L0043/art_8> lg:level lg:Chapter .
     """, "Provision-level", "article, a paragraph"),
    ("provision-level-contradicts-iri", """
        <provision/32000L0043/art_8/par_1> a lg:Provision ;
            eli:is_part_of <provision/32000L0043/art_8> ; lg:directive red:oj ;
            lg:level lg:Article ; lg:path "8(1)" ; eli:number "1" ;
            rdfs:label "Article 8(1) of Directive 2000/43/EC"@en ; dct:title "Burden of proof"@en ;
            lg:obligationSummary "Shift the burden of proof."@en .
        <provision/32000L0043/art_8> eli:has_part <provision/32000L0043/art_8/par_1> .
     """, "ProvisionLevelMatchesIri", "does not match its IRI"),
    ("cjeu-case-number-message-names-it", """
        <ecli/ECLI:EU:C:2008:155> lg:caseNumber "C 54/07" .
     """, "CjeuCaseNumber", "written as \"C 54/07\""),
    ("provision-path-as-prose", """
        <provision/32000L0043/art_8> lg:path "Art. 8" .
     """, "Provision-path", "without the word"),
    ("provision-names-other-directive", """
        <provision/32000L0043/art_3/par_1/pnt_g> lg:directive eed:oj .
     """, "ProvisionsInTheirDirective", "not part of it"),
    ("provision-iri-malformed", """
        <provision/32000L0043/article-9> a lg:Provision ;
            eli:is_part_of red:oj ; lg:directive red:oj ; lg:level lg:Article ; lg:path "13" ;
            rdfs:label "Article 13 of Directive 2000/43/EC"@en ; dct:title "Victimisation"@en ;
            lg:obligationSummary "Protect complainants against retaliation."@en .
        red:oj eli:has_part <provision/32000L0043/article-9> .
     """, "ProvisionIri", "lgd:provision/{CELEX}"),
    ("article-without-heading", """
        <provision/32000L0043/art_10> a lg:Provision ;
            eli:is_part_of red:oj ; lg:directive red:oj ; lg:level lg:Article ; lg:path "10" ;
            rdfs:label "Article 10 of Directive 2000/43/EC"@en ;
            lg:obligationSummary "Protect complainants against retaliation."@en .
        red:oj eli:has_part <provision/32000L0043/art_10> .
     """, "ArticleHasHeading", "no heading"),
    ("article-without-summary", """
        <provision/32000L0043/art_11> a lg:Provision ;
            eli:is_part_of red:oj ; lg:directive red:oj ; lg:level lg:Article ; lg:path "11" ;
            rdfs:label "Article 11 of Directive 2000/43/EC"@en ; dct:title "Victimisation"@en .
        red:oj eli:has_part <provision/32000L0043/art_11> .
     """, "ArticleHasSummary", "one-line summary"),
    ("part-not-listed-by-parent", """
        <provision/32000L0043/art_12> a lg:Provision ;
            eli:is_part_of red:oj ; lg:directive red:oj ; lg:level lg:Article ; lg:path "12" ;
            rdfs:label "Article 12 of Directive 2000/43/EC"@en ; dct:title "Victimisation"@en ;
            lg:obligationSummary "Protect complainants against retaliation."@en .
     """, "PartsListedBothWays-parts", "listed on one side only"),
    ("directive-celex-malformed", """
        red:oj lg:celex "2000L0043" .
     """, "Directive-celex", "3YYYYLNNNN"),
    ("directive-two-titles", """
        red:oj eli:title "Race Directive"@en .
     """, "Directive-title", "exactly one official title"),
    ("directive-eli-and-celex-disagree", """
        eed:oj lg:celex "32000L0079" .
     """, "DirectiveIdentifiersAgree", "different acts"),
    ("coverage-area-not-an-area", """
        <requirement/32000L0043/racial-or-ethnic-origin/education> lg:area <ground/age> .
     """, "CoverageRequirement-area", "areas list"),
    ("coverage-ground-not-a-directive-ground", """
        <requirement/32000L0043/nationality/education> a lg:CoverageRequirement ;
            lg:ground <ground/nationality> ; lg:area <area/education> ;
            lg:requiredBy <provision/32000L0043/art_3/par_1/pnt_g> .
     """, "CoverageRequirement-ground", "six grounds"),
    ("country-alpha2-with-three-letters", """
        country:ZZZ a lg:Country ; skos:prefLabel "Testland"@en ; lg:isoAlpha2 "ZZZ" ;
            lg:euCode "ZA" ; lg:isoAlpha3 "ZZZ" ; lg:membership <membership/candidate> ;
            lg:inNetwork false .
     """, "Country-isoAlpha2", "two capital letters"),
    ("country-code-taken", """
        country:ZZB a lg:Country ; skos:prefLabel "Testland"@en ; lg:isoAlpha2 "DE" ;
            lg:euCode "ZB" ; lg:isoAlpha3 "ZZB" ; lg:membership <membership/candidate> ;
            lg:inNetwork false .
     """, "CountryCodesUnique-isoAlpha2", "must be unique"),
    ("country-iri-not-its-code", """
        country:ZZC a lg:Country ; skos:prefLabel "Testland"@en ; lg:isoAlpha2 "ZC" ;
            lg:euCode "ZC" ; lg:isoAlpha3 "ZZY" ; lg:membership <membership/candidate> ;
            lg:inNetwork false .
     """, "CountryIriMatchesCode", "alpha-3 code"),
    ("country-unknown-membership", """
        country:DEU lg:membership <membership/founding-member> .
     """, "Country-membership", "membership status"),
    ("measure-title-without-language", """
        <measure/DEU/agg> eli:title "AGG" .
     """, "NationalMeasure-title", "say its language"),
    ("measure-in-unknown-country", """
        <measure/QQQ/law> a lg:NationalMeasure ; eli:title "Law"@en ;
            eli:jurisdiction country:QQQ .
     """, "NationalMeasure-jurisdiction", "one of the countries"),
    ("measure-iri-other-country", """
        <measure/AUT/agg> a lg:NationalMeasure ; eli:title "Law"@en ;
            eli:jurisdiction country:DEU .
     """, "NationalMeasureIriMatchesCountry", "not the code"),
    ("measure-date-as-text", """
        <measure/DEU/agg> eli:date_document "14.08.2006" .
     """, "NationalMeasure-date", "as a date"),
    ("national-provision-outside-its-measure", """
        <measure/DEU/par_22> a lg:NationalProvision ; eli:is_part_of <measure/DEU/agg> ;
            rdfs:label "§ 22 AGG" .
     """, "NationalProvisionIri", "measure's IRI"),
    ("equality-body-unknown-power", """
        <equality-body/DEU/ads> lg:hasPower <power/issue-fines> .
     """, "EqualityBody-power", "powers must be taken from the list"),
    ("ecli-malformed", """
        <ruling/BEL/arbeidshof-2009> a lg:Judgment ; lg:ecli "ECLI:EU:C:2008" ;
            eli:date_document "2009-01-01"^^xsd:date ; lg:court <court/EU/C> .
     """, "JudicialDecision-ecli", "five parts"),
    ("ruling-without-date", """
        <ruling/BEL/arbeidshof-2010> a lg:Judgment ; lg:court <court/EU/C> .
     """, "JudicialDecision-date", "date of delivery"),
    ("ruling-without-court", """
        <ruling/DEU/bag-2023> a lg:Judgment ; eli:date_document "2023-05-25"^^xsd:date .
     """, "RulingNamesItsCourt", "name the court"),
    ("ruling-iri-ecli-not-stated", """
        <ecli/ECLI:EU:C:2010:21> a lg:Judgment ; lg:ecli "ECLI:EU:C:2010:22" ;
            eli:date_document "2010-01-19"^^xsd:date ; lg:court <court/EU/C> .
     """, "RulingIriMatchesEcli", "does not state that ECLI"),
    ("cjeu-case-number-malformed", """
        <ecli/ECLI:EU:C:2008:397> lg:caseNumber "54/2007" .
     """, "CjeuCaseNumber", "C-54/07"),
    ("joined-cases-in-one-number", """
        <ecli/ECLI:EU:C:2013:446> lg:caseNumber "C-335/11 and C-337/11" .
     """, "JudicialDecision-caseNumber", "one by one"),
    ("opinion-link-on-a-judgment", """
        <ecli/ECLI:EU:C:2013:446> lg:opinionIn <ecli/ECLI:EU:C:2008:397> .
     """, "OpinionInOnlyForOpinions", "Advocate General"),
    ("incompatibility-without-ruling", """
        <ecli/ECLI:EU:C:2013:446/incompatibility/2> a lg:IncompatibilityFinding ;
            lg:country country:ITA ; lg:provision <provision/32000L0078/art_5> ;
            lg:reason "Some reason." .
     """, "IncompatibilityFinding-ruling", "belong to a ruling"),
    ("report-sample-without-description", """
        <report/AT/2024> a lg:CountryReport ; lg:country country:AUT ;
            lg:reportingYear "2024"^^xsd:gYear ; lg:expert <expert/jane-example> ;
            lg:templateVersion "2015" ; lg:isSample true .
     """, "SampleIsDescribed", "marked as a sample"),
    ("report-year-as-integer", """
        <report/BE/2024> a lg:CountryReport ; lg:country country:BEL ;
            lg:reportingYear 2024 ; lg:expert <expert/jane-example> ;
            lg:templateVersion "2015" ; lg:isSample false .
     """, "CountryReport-reportingYear", "written as a year"),
    ("report-iri-other-country", """
        <report/FR/2024> a lg:CountryReport ; lg:country country:DEU ;
            lg:reportingYear "2024"^^xsd:gYear ; lg:expert <expert/jane-example> ;
            lg:templateVersion "2015" ; lg:isSample false .
     """, "ReportIriMatches", "does not match"),
    ("report-unknown-template", """
        <report/DE/2024> lg:templateVersion "2020" .
     """, "CountryReport-template", "which template"),
    ("report-period-backwards", """
        <report/BG/2024> a lg:CountryReport ; lg:country country:BGR ;
            lg:reportingYear "2024"^^xsd:gYear ; lg:expert <expert/jane-example> ;
            lg:templateVersion "2015" ; lg:isSample false ;
            lg:periodStart "2023-12-31"^^xsd:date ; lg:periodEnd "2023-01-01"^^xsd:date .
     """, "ReportPeriodInOrder-start", "ends before it starts"),
    ("checksum-malformed", """
        <graph/report/AT/2024> lg:sha256 "ABC" .
     """, "Checksum-value", "64 lower-case"),
    ("section-iri-not-its-key", """
        <report/DE/2024/section/5-3> a lg:ReportSection ; dct:isPartOf <report/DE/2024> ;
            lg:templateKey "burden-of-proof" ; dct:title "Burden of proof" .
     """, "ReportSectionIri", "template key"),
    ("expert-without-name", """
        <expert/john-example> a lg:Expert .
     """, "Expert-name", "exactly one name"),
    ("blank-node-finding", f"""
        [] a lg:Finding ; {FINDING_BODY}
     """, "NoBlankNodes", "blank node"),
    ("finding-confidence-above-one", """
        <report/DE/2024/finding/2> lg:confidence 1.5 .
     """, "Finding-confidence", "between 0 and 1"),
    ("finding-status-not-assessed", """
        <report/DE/2024/finding/1> lg:status <status/not-assessed> .
     """, "Finding-status", "transposition status it records"),
    ("finding-empty-evidence", f"""
        <report/DE/2024/finding/3> a lg:Finding ; lg:confidence 0.5 ;
            lg:evidenceText "" ;
            {FINDING_BODY.replace('lg:evidenceText "Some sentence." ;', '')}
     """, "Finding-evidenceText", "cannot be empty"),
    ("finding-without-source", """
        <report/DE/2024/finding/4> a lg:Finding ; lg:country country:DEU ;
            lg:provision <provision/32000L0043/art_8> ; lg:status <status/conform> ;
            lg:evidenceText "Some sentence." ; lg:method lg:ExpertEntered .
     """, "Finding-wasDerivedFrom", "comes from"),
    ("finding-unknown-method", """
        <report/DE/2024/finding/1> lg:method lg:Guessed .
     """, "Finding-method", "how it was obtained"),
    ("machine-finding-without-confidence", f"""
        <report/DE/2024/finding/5> a lg:Finding ;
            {FINDING_BODY.replace("lg:ExpertEntered", "lg:MachineExtracted")}
     """, "MachineFindingHasConfidence", "how confident"),
    ("finding-iri-not-under-its-source", f"""
        <finding/3> a lg:Finding ; {FINDING_BODY}
     """, "FindingIri", "/finding/"),
    ("unresolved-without-surface-text", """
        <report/DE/2024/unresolved/2> a lg:UnresolvedReference ; lg:reason "Unknown act." .
     """, "UnresolvedReference-surfaceText", "exactly as it was written"),
    ("unmapped-without-content", """
        <report/DE/2024/unmapped/3> a lg:UnmappedSection ; dct:isPartOf <report/DE/2024> .
     """, "UnmappedSectionHasContent", "heading"),
    ("development-unknown-type", """
        <report/DE/2024/development/1> lg:developmentType <development-type/rumour> .
     """, "Development-type", "exactly one type"),
    ("development-bad-ecli", """
        <report/DE/2024/development/1> lg:ecli "ECLI:DE:BAG:19:1" .
     """, "Development-ecli", "five parts"),
    ("development-outside-period", """
        <report/DE/2024/development/1> dct:date "2019-02-20"^^xsd:date .
     """, "DevelopmentInPeriod", "outside the report's reporting period"),
    ("assessment-reason-as-text", """
        <assessment/DE/2024/32000L0043/art_8> lg:reason "Because." .
     """, "Assessment-reason", "not as plain text"),
    ("assessment-iri-other-provision", """
        <assessment/DE/2024/32000L0043/art_3> a lg:Assessment ; lg:country country:DEU ;
            lg:provision <provision/32000L0043/art_8> ;
            lg:reportingYear "2024"^^xsd:gYear ; lg:status <status/conform> ;
            lg:reason <assessment/DE/2024/32000L0043/art_8/reason/1> ;
            prov:wasGeneratedBy <run/x> .
     """, "AssessmentIri", "does not match"),
    ("reason-without-rule", """
        <assessment/DE/2024/32000L0043/art_8/reason/2> a lg:Reason ;
            rdfs:comment "No rule named."@en .
        <assessment/DE/2024/32000L0043/art_8>
            lg:reason <assessment/DE/2024/32000L0043/art_8/reason/2> .
     """, "Reason-rule", "exactly one gap rule"),
    ("ground-without-directive-flag", """
        <ground/caste> a skos:Concept ; skos:prefLabel "caste"@en ;
            skos:definition "Caste."@en ; skos:inScheme <scheme/grounds> ;
            skos:topConceptOf <scheme/grounds> .
        <scheme/grounds> skos:hasTopConcept <ground/caste> .
     """, "GroundsHaveDirectiveFlag-grounds", "six grounds"),
    ("status-rank-out-of-range", """
        <status/unclear> lg:severityRank 7 .
     """, "StatusRank-value", "0 (no problem) to 4"),
    ("top-concept-not-listed", """
        <area/prisons> a skos:Concept ; skos:prefLabel "prisons"@en ;
            skos:definition "Prisons."@en ; skos:inScheme <scheme/areas> ;
            skos:topConceptOf <scheme/areas> .
     """, "TopConceptsListed-both-ways", "named on one side only"),
]


@cache
def _example() -> Graph:
    """The ontology, our reference data and EXAMPLE."""
    graph = _union([ONTOLOGY_FILE, *OUR_REFERENCE])
    return graph.parse(data=EXAMPLE, format="turtle")


def _with(turtle: str = "") -> Graph:
    """A fresh copy of the example with ``turtle`` (prefixes are added) parsed into it."""
    graph = Graph()
    graph += _example()
    return graph.parse(data=PREFIXES + turtle, format="turtle")


def test_example_of_every_class_conforms() -> None:
    data = _with()
    onto_classes = {c for c in _ontology().subjects(RDF.type, OWL.Class) if c in LG}
    not_in_example = {LG.JudicialDecision, LG.Order, LG.EqualityBodyDecision}
    used = set(data.objects(None, RDF.type))
    assert onto_classes - not_in_example - used == set()
    conforms, _, text = _validate(data)
    assert conforms, text


def _only(shape: URIRef) -> Graph:
    """The part of the shapes graph needed to run the check ``shape``: the targeted shapes that
    contain it, with everything they refer to (property shapes, helper shapes, lists, SPARQL
    prefixes). pySHACL parses every SPARQL check again on each run, so running one check is
    ~50 times faster than running them all."""
    shapes = _shapes()
    targeted = any(shapes.value(shape, p) for p in TARGETS)
    roots = [shape] if targeted else list(shapes.subjects(SH.property, shape))
    subset, todo, seen = Graph(), list(roots), set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in shapes.predicate_objects(node):
            subset.add((node, p, o))
            if isinstance(o, BNode | URIRef) and p not in (RDF.type, *TARGETS):
                todo.append(o)
    return subset


def _assert_caught(report: Graph, text: str, case: str, shape: str, fragment: str) -> None:
    hits = [r for r in _results(report) if r["shape"] == LGSH[shape]]
    assert hits, f"{case}: {shape} did not fire; results were:\n{text}"
    declared = _shapes().value(LGSH[shape], SH.severity) or SH.Violation
    assert all(hit["severity"] == declared for hit in hits), case
    assert any(fragment in hit["message"] for hit in hits), f"{case}: {hits}"


@pytest.mark.parametrize(
    ("case", "turtle", "shape", "fragment"), INVALID, ids=[case[0] for case in INVALID]
)
def test_invalid_example_is_caught(case: str, turtle: str, shape: str, fragment: str) -> None:
    conforms, report, text = validate(
        _with(turtle), shacl_graph=_only(LGSH[shape]), inference="none"
    )
    assert not conforms, f"{case}: expected {shape} to fire"
    _assert_caught(report, text, case, shape, fragment)


def test_all_invalid_examples_at_once_with_all_shapes() -> None:
    """The same mistakes in one graph, checked with every shape: each is still caught."""
    turtle = "".join(PREFIXES + case[1] for case in INVALID)
    _, report, text = _validate(_with(turtle))
    for case, _, shape, fragment in INVALID:
        _assert_caught(report, text, case, shape, fragment)


# --------------------------------------------------------------------------------------------
# Content of the reference schemes
# --------------------------------------------------------------------------------------------


def test_every_concept_scheme_has_a_top_concept() -> None:
    graph = _reference()
    schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert schemes
    assert [s for s in schemes if graph.value(s, SKOS.hasTopConcept) is None] == []


@pytest.mark.parametrize(
    ("status", "rank"),
    [("conform", 0), ("not-applicable", 0), ("unclear", 1), ("partial", 2), ("incorrect", 3),
     ("not-transposed", 4), ("not-assessed", None)],
)
def test_status_severity_rank(status: str, rank: int | None) -> None:
    value = _parsed(REFERENCE_DIR / "schemes.ttl").value(LGD[f"status/{status}"], LG.severityRank)
    assert (value.toPython() if value is not None else None) == rank
    if value is not None:
        assert value.datatype == XSD.integer


def test_six_directive_grounds() -> None:
    grounds = _parsed(REFERENCE_DIR / "grounds.ttl")
    flagged = {s for s, o in grounds.subject_objects(LG.directiveGround) if o.toPython()}
    assert flagged == {
        LGD[f"ground/{g}"] for g in (
            "racial-or-ethnic-origin", "religion-or-belief", "disability", "age",
            "sexual-orientation", "sex",
        )
    }
    top = set(grounds.objects(LGD["scheme/grounds"], SKOS.hasTopConcept))
    assert flagged <= top


@pytest.mark.parametrize("name", ["grounds", "areas"])
def test_related_is_stated_both_ways(name: str) -> None:
    graph = _parsed(REFERENCE_DIR / f"{name}.ttl")
    pairs = graph.subject_objects(SKOS.related)
    one_way = [(a, b) for a, b in pairs if (b, SKOS.related, a) not in graph]
    assert one_way == []


def test_housing_is_part_of_goods_and_services() -> None:
    areas = _parsed(REFERENCE_DIR / "areas.ttl")
    assert (LGD["area/housing"], SKOS.broader, LGD["area/goods-and-services"]) in areas
    assert set(areas.objects(LGD["area/employment"], SKOS.narrower)) == {
        LGD[f"area/{a}"] for a in (
            "employment-access", "self-employment", "working-conditions", "vocational-training",
            "membership-organisations",
        )
    }


# --------------------------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------------------------


@cache
def _countries() -> Graph:
    return _parsed(REFERENCE_DIR / "countries.ttl")


def test_network_countries_with_unique_codes() -> None:
    """domain.md §6: 36 countries in 2021 (EU-27, the UK, 3 EEA/EFTA, 5 candidates)."""
    graph = _countries()
    countries = set(graph.subjects(RDF.type, LG.Country))
    assert len(countries) == 36
    for predicate in (LG.isoAlpha2, LG.euCode, LG.isoAlpha3):
        codes = [str(graph.value(c, predicate)) for c in countries]
        assert len(set(codes)) == len(codes), predicate
    for country in countries:
        assert (country, RDF.type, DCTERMS.Location) in graph
        assert country == COUNTRY[str(graph.value(country, LG.isoAlpha3))]


@pytest.mark.parametrize(
    ("alpha3", "name", "alpha2", "eu_code", "membership"),
    [
        ("GRC", "Greece", "GR", "EL", "eu"),
        ("GBR", "United Kingdom", "GB", "UK", "former-eu"),
        ("CZE", "Czechia", "CZ", "CZ", "eu"),
        ("TUR", "Türkiye", "TR", "TR", "candidate"),
        ("MKD", "North Macedonia", "MK", "MK", "candidate"),
        ("NOR", "Norway", "NO", "NO", "eea-efta"),
    ],
)
def test_country_codes(alpha3: str, name: str, alpha2: str, eu_code: str, membership: str) -> None:
    graph, country = _countries(), COUNTRY[alpha3]
    assert graph.value(country, SKOS.prefLabel) == Literal(name, lang="en")
    assert str(graph.value(country, LG.isoAlpha2)) == alpha2
    assert str(graph.value(country, LG.euCode)) == eu_code
    assert graph.value(country, LG.membership) == LGD[f"membership/{membership}"]
    assert graph.value(country, LG.inNetwork).toPython() is True


def test_accession_years_only_where_domain_md_gives_them() -> None:
    years = {
        str(c).rsplit("/", 1)[1]: str(y) for c, y in _countries().subject_objects(LG.accessionYear)
    }
    assert years == {"BGR": "2007", "ROU": "2007", "HRV": "2013"}


@pytest.mark.parametrize(
    ("group", "size", "membership"),
    [("eu27", 27, "eu"), ("eea-efta", 3, "eea-efta"), ("candidates", 5, "candidate"),
     ("network", 36, None)],
)
def test_country_groups(group: str, size: int, membership: str | None) -> None:
    graph = _countries()
    members = set(graph.objects(LGD[f"group/{group}"], SKOS.member))
    assert len(members) == size
    assert all((m, RDF.type, LG.Country) in graph for m in members)
    if membership:
        expected = set(graph.subjects(LG.membership, LGD[f"membership/{membership}"]))
        assert members == expected
