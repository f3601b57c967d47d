"""A parsed, checked country report → the triples of its named graph.

What goes in (``docs/data-model.md``): the report and its sections, the expert, the national
measures of Annex 1 and the national provisions cited, which national provisions transpose which
directive provisions, findings (expert-entered from assessment blocks; machine-extracted from gap
statements in the prose, with confidence and sentence), developments, national rulings reported,
and every reference that could not be resolved, with its surface text and place.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from lawgraph.extract import extract_many
from lawgraph.extract.model import Extraction, GapStatement
from lawgraph.identifiers import DirectiveNumber
from lawgraph.refdata import ProvisionInfo, reference_index
from lawgraph.reports.blocks import (
    AssessmentRecord,
    DevelopmentRecord,
    EqualityBodyRecord,
    MeasureRecord,
    measures_from_annex,
    read_assessment,
    read_development,
    read_equality_body,
)
from lawgraph.reports.metadata import ReportMetadata
from lawgraph.reports.model import ReportDocument, Section
from lawgraph.reports.template import section_provisions
from lawgraph.store.base import Triple
from lawgraph.vocab import (
    ELI,
    LG,
    LGD,
    expert_iri,
    measure_iri,
    national_provision_iri,
    report_graph,
    report_iri,
    ruling_iri,
    slug,
    status_iri,
)

__all__ = ["ReportGraph", "build_report_graph"]

#: confidence of a machine-extracted finding, by where its provision came from
PROVISION_SOURCE_WEIGHT = {"sentence": 1.0, "section": 0.6}

# The terms written for every section, finding and reference, looked up once: each attribute
# lookup on a Namespace builds a new URIRef, and a long report has thousands of sections.
_TYPE = RDF.type
_IS_PART_OF = DCTERMS.isPartOf
_TITLE = DCTERMS.title
_REPORT_SECTION = LG.ReportSection
_UNMAPPED_SECTION = LG.UnmappedSection
_SECTION_NUMBER = LG.sectionNumber
_ORDER = LG.order
_LOCATION = LG.location
_TEMPLATE_KEY = LG.templateKey
_KEY_CONFIDENCE = LG.keyConfidence
_CONCERNS_PROVISION = LG.concernsProvision
_TEXT = LG.text
_CITES_CASE = LG.citesCase
_CITES_ECLI = LG.citesEcli
_IN_SECTION = LG.inSection
_REASON = LG.reason
_SURFACE_TEXT = LG.surfaceText
_UNRESOLVED_REFERENCE = LG.UnresolvedReference
_TERMS = (URIRef, Literal)


def _text(value: str, lang: str | None = None) -> Literal:
    """A string literal, made without rdflib's normalisation pass (for a string it changes
    nothing, and costs half the time of making the literal)."""
    return Literal(value, lang=lang, normalize=False)


@dataclass
class ReportGraph:
    graph: URIRef
    report: URIRef
    triples: list[Triple] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add(self, s: URIRef, p: URIRef, o: object) -> None:
        if o is None:
            return
        self.triples.append((s, p, o if isinstance(o, _TERMS) else Literal(o, normalize=False)))

    def bump(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


def _date(value) -> Literal | None:
    return Literal(value.isoformat(), datatype=XSD.date) if value else None


_CELEXES: dict[DirectiveNumber, str] = {}


def _celex(directive: DirectiveNumber) -> str:
    """The CELEX number of a directive, worked out once per directive (``.celex`` builds and
    checks a new :class:`~lawgraph.identifiers.Celex` on every call)."""
    celex = _CELEXES.get(directive)
    if celex is None:
        celex = _CELEXES[directive] = str(directive.celex)
    return celex


_INTEGERS: dict[int, Literal] = {}
_DECIMALS: dict[float, Literal] = {}


def _integer(value: int) -> Literal:
    """``Literal(value)`` (xsd:integer), made once per value: section orders repeat in every
    report."""
    literal = _INTEGERS.get(value)
    if literal is None:
        literal = _INTEGERS[value] = Literal(value)
    return literal


def _decimal(value: float) -> Literal:
    """An xsd:decimal with two decimals at most (``1.0``, ``0.74``), made once per value."""
    value = round(float(value), 2)
    literal = _DECIMALS.get(value)
    if literal is None:
        # from the lexical form: Literal(float, datatype=xsd:decimal) holds a float, which
        # SHACL's sh:datatype check rejects as ill-typed
        literal = _DECIMALS[value] = Literal(str(value), datatype=XSD.decimal)
    return literal


def _section_iri(report: URIRef, section: Section, index: int, used: set[str]) -> URIRef:
    key = section.template_key or (f"n{slug(section.number)}" if section.number else f"s{index}")
    if key in used:
        key = f"{key}-{index}"
    used.add(key)
    return URIRef(f"{report}/section/{key}")


@contextlib.contextmanager
def _older_objects_frozen() -> Iterator[None]:
    """Keep the objects that exist already (the spaCy pipeline, the reference data, the rules:
    some 150,000 objects once loaded) out of the garbage collector's full collections while a
    report is built. Building a long report allocates enough to set off one such collection,
    which walks them all (0.1-0.15 s, a sixth of the ingest of a 60,000-word report) to free
    nothing, since none of them is garbage. ``gc.unfreeze`` hands them back afterwards, so
    cyclic garbage among them is still collected later. Two builds in parallel threads are
    safe: the first to finish unfreezes everything, and the other only loses the saving."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def build_report_graph(doc: ReportDocument, meta: ReportMetadata) -> ReportGraph:
    """All triples of one report's graph (the caller adds file provenance and writes it)."""
    with _older_objects_frozen():
        return _build_report_graph(doc, meta)


def _build_report_graph(doc: ReportDocument, meta: ReportMetadata) -> ReportGraph:
    country = meta.country
    report = report_iri(country.eu_code, meta.year)
    out = ReportGraph(report_graph(country.eu_code, meta.year), report)
    _report_node(out, doc, meta)
    measures = _measures(out, doc, meta)
    used: set[str] = set()
    extractions = _extract_sections(doc)
    finding_no = 0
    for index, section in enumerate(doc.sections):
        section_iri = _section_iri(report, section, index, used)
        provisions, paragraph_extractions = extractions[index]
        _section_node(out, report, section, section_iri, index, provisions)
        for block in section.blocks:
            if block.kind == "assessment":
                record = read_assessment(doc, section, block)
                finding_no = _entered_findings(out, meta, record, section_iri, measures, finding_no)
            elif block.kind == "development":
                _development(out, meta, read_development(doc, section, block), section_iri)
            elif block.kind == "equality-body":
                _equality_body(out, meta, read_equality_body(doc, section, block), section_iri)
            else:
                out.warnings.append(f"{block.location}: unknown block '{block.kind}' kept as text")
        for paragraph, extraction in paragraph_extractions:
            finding_no = _extracted_findings(
                out, meta, extraction, section_iri, provisions, paragraph.location, finding_no
            )
            _unresolved(out, extraction, section_iri, paragraph.location)
    return out


def _report_node(out: ReportGraph, doc: ReportDocument, meta: ReportMetadata) -> None:
    report, country = out.report, meta.country
    expert = expert_iri(meta.expert)
    out.add(out.graph, PROV.wasDerivedFrom, report)
    out.add(report, RDF.type, LG.CountryReport)
    out.add(
        report,
        DCTERMS.title,
        Literal(
            meta.title or f"Country report non-discrimination: {country.name} {meta.year}",
            lang="en",
        ),
    )
    out.add(report, LG.country, country.iri)
    out.add(report, LG.reportingYear, Literal(str(meta.year), datatype=XSD.gYear))
    out.add(report, LG.periodStart, _date(meta.period_start))
    out.add(report, LG.periodEnd, _date(meta.period_end))
    out.add(report, LG.expert, expert)
    out.add(report, LG.templateVersion, meta.template)
    out.add(report, LG.strand, meta.strand)
    out.add(report, DCTERMS.language, meta.language)
    out.add(report, LG.sourceFormat, doc.format)
    out.add(report, LG.isSample, Literal(meta.sample))
    if meta.sample_note:
        out.add(report, DCTERMS.description, Literal(meta.sample_note, lang="en"))
    out.add(report, LG.wordCount, Literal(doc.word_count()))
    out.add(expert, RDF.type, LG.Expert)
    out.add(expert, FOAF.name, meta.expert)
    out.add(expert, LG.country, country.iri)
    out.add(report, PROV.wasAttributedTo, expert)


def _extract_sections(
    doc: ReportDocument,
) -> dict[int, tuple[list[ProvisionInfo], list]]:
    """Per section: the provisions it is about, and its paragraphs with their extraction
    (batched per section, with the section's directive as default when it has just one)."""
    results = {}
    headings = extract_many([s.heading for s in doc.sections])
    keyed: dict[str, list[ProvisionInfo]] = {}
    for index, section in enumerate(doc.sections):
        provisions = _section_provision_infos(section, headings[index], keyed)
        celexes = {p.celex for p in provisions}
        default = celexes.pop() if len(celexes) == 1 else None
        texts = [p.text for p in section.paragraphs]
        extractions = extract_many(texts, default_directive=default) if texts else []
        results[index] = (provisions, list(zip(section.paragraphs, extractions, strict=True)))
    return results


def _section_provision_infos(
    section: Section, heading: Extraction, keyed: dict[str, list[ProvisionInfo]]
) -> list[ProvisionInfo]:
    """The provisions a section is about: its template key's (looked up once per key, in
    ``keyed``), plus those its heading cites."""
    ref = reference_index()
    key = section.template_key
    if key and key not in keyed:
        found = (ref.provision(celex, path) for celex, path in section_provisions(key))
        keyed[key] = [info for info in found if info]
    infos: dict[URIRef, ProvisionInfo] = {info.iri: info for info in keyed.get(key or "", ())}
    for mention in heading.provisions:
        if mention.resolved:
            info = ref.provision(_celex(mention.directive), str(mention.path))
            if info:
                infos[info.iri] = info
    return list(infos.values())


def _section_node(
    out: ReportGraph,
    report: URIRef,
    section: Section,
    iri: URIRef,
    index: int,
    provisions: list[ProvisionInfo],
) -> None:
    # the commonest node of a report: its triples are appended directly
    add = out.triples.append
    add((iri, _TYPE, _REPORT_SECTION))
    add((iri, _IS_PART_OF, report))
    add((iri, _TITLE, _text(section.heading, "en")))
    if section.number is not None:
        add((iri, _SECTION_NUMBER, _text(section.number)))
    add((iri, _ORDER, _integer(index)))
    add((iri, _LOCATION, _text(str(section.location))))
    if section.template_key:
        add((iri, _TEMPLATE_KEY, _text(section.template_key)))
        if round(section.key_confidence, 2) < 1.0:  # an exact match (1.0), the norm, goes unsaid
            add((iri, _KEY_CONFIDENCE, _decimal(section.key_confidence)))
    else:
        add((iri, _TYPE, _UNMAPPED_SECTION))
        out.bump("unmapped sections")
    for info in provisions:
        add((iri, _CONCERNS_PROVISION, info.iri))
    text = section.text
    if text:
        add((iri, _TEXT, _text(text, "en")))
    out.bump("sections")


def _measures(
    out: ReportGraph, doc: ReportDocument, meta: ReportMetadata
) -> list[tuple[MeasureRecord, URIRef]]:
    country = meta.country
    measures = []
    for section in doc.sections:
        if (
            section.template_key != "annex-legislation"
            and not re.match(r"annex\s*1\b|annex\s*i\b", section.heading.lower())
            and not (section.number or "").lower().startswith("annex 1")
        ):
            continue
        for table in section.tables:
            for record in measures_from_annex(doc, table):
                iri = measure_iri(country.alpha3, record.abbreviation or record.title_original)
                measures.append((record, iri))
                _measure_node(out, meta, record, iri)
    return measures


def _measure_node(
    out: ReportGraph, meta: ReportMetadata, record: MeasureRecord, iri: URIRef
) -> None:
    ref = reference_index()
    language = meta.country.languages[0] if meta.country.languages else "und"
    out.add(iri, RDF.type, LG.NationalMeasure)
    out.add(iri, ELI.title, Literal(record.title_original, lang=language))
    if record.title_english:
        out.add(iri, ELI.title, Literal(record.title_english, lang="en"))
    out.add(iri, ELI.title_short, record.abbreviation)
    out.add(iri, ELI.jurisdiction, meta.country.iri)
    out.add(iri, ELI.date_document, _date(record.adopted))
    out.add(iri, ELI.first_date_entry_in_force, _date(record.in_force))
    out.add(iri, ELI.id_local, record.identifier)
    out.add(iri, LG.listedIn, out.report)
    out.add(iri, LG.location, str(record.location))
    for name in record.grounds:
        ground = ref.ground(name)
        if ground is not None:
            out.add(iri, LG.coversGround, ground)
        else:
            out.warnings.append(f"{record.location}: unknown ground {name!r} (kept as text)")
            out.add(iri, LG.coversGroundText, name)
    for name in record.areas:
        area = ref.area(name)
        if area is not None:
            out.add(iri, LG.coversArea, area)
        else:
            out.warnings.append(f"{record.location}: unknown area {name!r} (kept as text)")
            out.add(iri, LG.coversAreaText, name)
    out.bump("national measures")


def _national_provision(
    out: ReportGraph,
    meta: ReportMetadata,
    label: str,
    measures: list[tuple[MeasureRecord, URIRef]],
    location: str,
) -> URIRef:
    """``§ 22 AGG`` → the national provision, part of the Annex 1 measure it names."""
    measure = None
    for record, iri in measures:
        names = [n for n in (record.abbreviation, record.title_original, record.title_english) if n]
        if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", label, re.IGNORECASE) for n in names):
            measure = iri
            break
    if measure is None:
        out.warnings.append(f"{location}: national provision {label!r} names no act of Annex 1")
        measure = measure_iri(meta.country.alpha3, "unlisted")
        out.add(measure, RDF.type, LG.NationalMeasure)
        out.add(measure, ELI.title, Literal("Acts not listed in Annex 1", lang="en"))
        out.add(measure, ELI.jurisdiction, meta.country.iri)
    iri = national_provision_iri(measure, label)
    out.add(iri, RDF.type, LG.NationalProvision)
    out.add(iri, ELI.is_part_of, measure)
    out.add(iri, RDFS.label, label)
    return iri


def _finding(
    out: ReportGraph,
    meta: ReportMetadata,
    number: int,
    provision: ProvisionInfo,
    status: str,
    section: URIRef,
    evidence: str,
    method: URIRef,
    confidence: float,
    location: str,
    reason: str | None = None,
) -> URIRef:
    iri = URIRef(f"{out.report}/finding/{number}")
    out.add(iri, RDF.type, LG.Finding)
    out.add(iri, LG.country, meta.country.iri)
    out.add(iri, LG.provision, provision.iri)
    out.add(iri, LG.status, status_iri(status))
    out.add(iri, LG.reason, Literal(reason, lang="en") if reason else None)
    out.add(iri, LG.evidenceText, Literal(evidence, lang="en"))
    out.add(iri, LG.inSection, section)
    out.add(iri, LG.method, method)
    out.add(iri, LG.confidence, Literal(f"{confidence:.2f}", datatype=XSD.decimal))
    out.add(iri, LG.reportingYear, Literal(str(meta.year), datatype=XSD.gYear))
    out.add(iri, LG.location, location)
    out.add(iri, PROV.wasDerivedFrom, out.report)
    out.bump("findings")
    return iri


def _entered_findings(
    out: ReportGraph,
    meta: ReportMetadata,
    record: AssessmentRecord,
    section: URIRef,
    measures: list[tuple[MeasureRecord, URIRef]],
    number: int,
) -> int:
    nationals = [
        _national_provision(out, meta, label, measures, str(record.location))
        for label in record.national
    ]
    evidence = record.reason or f"Assessed as {record.status.replace('-', ' ')} by the expert."
    for provision in record.provisions:
        number += 1
        finding = _finding(
            out,
            meta,
            number,
            provision,
            record.status,
            section,
            evidence,
            LG.ExpertEntered,
            1.0,
            str(record.location),
            record.reason,
        )
        for national in nationals:
            out.add(finding, LG.citesNationalProvision, national)
            if record.status in ("conform", "partial", "incorrect"):
                out.add(national, ELI.transposes, provision.iri)
                directive = reference_index().directives[provision.celex].iri
                out.add(_measure_of(national), ELI.transposes, directive)
    out.bump("expert findings", len(record.provisions))
    return number


def _measure_of(national: URIRef) -> URIRef:
    return URIRef(str(national).rsplit("/", 1)[0])


def _gap_provisions(
    gap: GapStatement, section_provisions: list[ProvisionInfo]
) -> tuple[list[ProvisionInfo], str]:
    ref = reference_index()
    infos = []
    for mention in gap.provisions:
        if mention.resolved:
            info = ref.provision(_celex(mention.directive), str(mention.path))
            if info:
                infos.append(info)
    if infos:
        return infos, "sentence"
    return list(section_provisions), "section"


def _extracted_findings(
    out: ReportGraph,
    meta: ReportMetadata,
    extraction: Extraction,
    section: URIRef,
    section_provisions: list[ProvisionInfo],
    location,
    number: int,
) -> int:
    for gap in extraction.gaps:
        provisions, origin = _gap_provisions(gap, section_provisions)
        if not provisions:
            _unresolved_node(
                out,
                section,
                gap.sentence.text,
                location,
                "gap statement that names no provision, in a section keyed to none",
            )
            continue
        confidence = round(gap.confidence * PROVISION_SOURCE_WEIGHT[origin], 2)
        for provision in provisions:
            number += 1
            finding = _finding(
                out,
                meta,
                number,
                provision,
                gap.status,
                section,
                gap.sentence.text,
                LG.MachineExtracted,
                confidence,
                str(location),
            )
            out.add(finding, LG.cue, gap.cue)
            out.add(finding, LG.provisionSource, origin)
        out.bump("extracted findings", len(provisions))
    return number


def _unresolved(out: ReportGraph, extraction: Extraction, section: URIRef, location) -> None:
    for mention in extraction.provisions:
        if mention.resolved or mention.other_act:
            continue
        _unresolved_node(
            out,
            section,
            mention.span.text,
            location,
            mention.unresolved_reason or "no directive named",
        )
    for case in extraction.cases:
        out.triples.append((section, _CITES_CASE, _text(str(case.case))))
    for ecli in extraction.eclis:
        out.triples.append((section, _CITES_ECLI, _text(str(ecli.ecli))))


def _unresolved_node(
    out: ReportGraph, section: URIRef, surface: str, location, reason: str
) -> None:
    number = out.counts.get("unresolved references", 0) + 1
    iri = URIRef(f"{out.report}/unresolved/{number}")
    out.add(iri, _TYPE, _UNRESOLVED_REFERENCE)
    out.add(iri, _SURFACE_TEXT, surface)
    out.add(iri, _IN_SECTION, section)
    out.add(iri, _REASON, Literal(reason, lang="en"))
    out.add(iri, _LOCATION, str(location))
    out.bump("unresolved references")


def _development(
    out: ReportGraph, meta: ReportMetadata, record: DevelopmentRecord, section: URIRef
) -> None:
    number = out.counts.get("developments", 0) + 1
    iri = URIRef(f"{out.report}/development/{number}")
    out.add(iri, RDF.type, LG.Development)
    out.add(iri, LG.developmentType, LGD[f"development-type/{record.kind}"])
    out.add(iri, DCTERMS.date, _date(record.date))
    out.add(iri, DCTERMS.title, Literal(record.title, lang="en"))
    out.add(iri, DCTERMS.abstract, Literal(record.summary, lang="en"))
    out.add(iri, LG.country, meta.country.iri)
    out.add(iri, LG.inSection, section)
    out.add(iri, LG.location, str(record.location))
    out.add(iri, DCTERMS.source, record.source)
    out.add(iri, PROV.wasDerivedFrom, out.report)
    for provision in record.provisions:
        out.add(iri, LG.concernsProvision, provision.iri)
    _grounds(out, iri, record.grounds, str(record.location))
    if record.kind == "case-law":
        ruling = _reported_ruling(out, meta, record)
        out.add(iri, LG.ruling, ruling)
    out.bump("developments")


def _equality_body(
    out: ReportGraph, meta: ReportMetadata, record: EqualityBodyRecord, section: URIRef
) -> None:
    """An equality body as the report describes it: its mandate's grounds and its powers."""
    iri = LGD[f"equality-body/{meta.country.alpha3}/{slug(record.name)}"]
    out.add(iri, RDF.type, LG.EqualityBody)
    # the name as the report writes it, in the report's language
    out.add(iri, SKOS.prefLabel, Literal(record.name, lang=meta.language))
    out.add(iri, LG.country, meta.country.iri)
    out.add(iri, LG.reportedIn, out.report)
    out.add(iri, LG.inSection, section)
    out.add(iri, LG.location, str(record.location))
    for ground in record.grounds:
        out.add(iri, LG.mandateGround, ground)
    for power in record.powers:
        out.add(iri, LG.hasPower, power)
    out.bump("equality bodies")


def _grounds(out: ReportGraph, node: URIRef, names: Iterable[str], location: str) -> None:
    for name in names:
        ground = reference_index().ground(name)
        if ground is not None:
            out.add(node, LG.ground, ground)
        else:
            out.warnings.append(f"{location}: unknown ground {name!r} (kept as text)")


def _case_numbers(text: str | None) -> list[str]:
    """The separate case numbers in a case reference: "2 AZR 746/14", "C-335/11 and C-337/11"
    → each; "20081/19 and 20 others" → "20081/19" (the rest stays in the citation)."""
    if not text:
        return []
    parts = re.split(r"\s*(?:;|,|\band\b|&)\s*", text)
    return [p.strip() for p in parts if re.search(r"\d+\s*/\s*\d+|\d{3,}", p) and "other" not in p]


def _reported_ruling(out: ReportGraph, meta: ReportMetadata, record: DevelopmentRecord) -> URIRef:
    """A ruling reported in the report. A CJEU ruling (EU ECLI) is only linked: the case-law
    corpus describes it. A national ruling is described here, linked the same way as the
    bundled case law."""
    if record.ecli and record.ecli.upper().startswith("ECLI:EU:"):
        return ruling_iri(record.ecli.upper())
    iri = (
        ruling_iri(record.ecli)
        if record.ecli
        else ruling_iri(
            alpha3=meta.country.alpha3,
            name=f"{record.court or 'court'} {record.case or record.title} {record.date}",
        )
    )
    out.add(iri, RDF.type, LG.Judgment)
    out.add(iri, ELI.date_document, _date(record.date))
    out.add(iri, DCTERMS.title, Literal(record.title, lang="en"))
    out.add(iri, DCTERMS.abstract, Literal(record.summary, lang="en"))
    out.add(iri, LG.country, meta.country.iri)
    out.add(iri, LG.courtName, record.court)
    for number in _case_numbers(record.case):
        out.add(iri, LG.caseNumber, number)
    if record.case:  # the reference as the report writes it ("20081/19 and 20 others")
        out.add(iri, DCTERMS.bibliographicCitation, record.case)
    out.add(iri, LG.ecli, record.ecli)
    out.add(iri, LG.reportedIn, out.report)
    for provision in record.provisions:
        out.add(iri, ELI.cites, provision.iri)
        out.add(provision.iri, ELI.cited_by_case_law, iri)
    out.bump("national rulings")
    return iri
