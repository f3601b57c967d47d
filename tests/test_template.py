"""The report template as reference data, and recognising its sections across the 2004, 2008
and 2015 layouts: by heading text and article references, never by the number alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from lawgraph.refdata import reference_index
from lawgraph.reports.model import ReportDocument, Section
from lawgraph.reports.parse import parse_report, split_heading
from lawgraph.reports.template import (
    TEMPLATE_SCHEME,
    detect_version,
    heading_articles,
    heading_tokens,
    match_heading,
    recognise,
    section_provisions,
    template_keys,
    template_sections,
)
from lawgraph.resources import ontology_dir
from lawgraph.sources import Location, read_source
from lawgraph.vocab import LG, LGD

ROOT = Path(__file__).resolve().parent.parent
TTL = ontology_dir() / "reference" / "report-template.ttl"
RED, EED = "32000L0043", "32000L0078"

#: the keys the rest of lawgraph relies on (docs, rules, web app)
REQUIRED_KEYS = (
    "executive-summary", "introduction", "general-legal-framework",
    "definition-of-discrimination", "grounds", "multiple-discrimination",
    "assumed-associated-discrimination", "direct-discrimination", "situation-testing",
    "indirect-discrimination", "statistical-evidence", "harassment",
    "instruction-to-discriminate", "reasonable-accommodation", "sheltered-employment",
    "personal-scope", "nationals", "natural-legal-persons", "public-private-sector",
    "material-scope", "employment-self-employment", "employment-access", "working-conditions",
    "vocational-training", "membership-organisations", "social-protection", "social-advantages",
    "education", "goods-and-services", "housing", "exceptions", "occupational-requirements",
    "religious-ethos", "armed-forces", "nationality-exception", "family-benefits",
    "health-safety", "age-exceptions", "public-security", "other-exceptions", "positive-action",
    "remedies-enforcement", "procedures", "standing", "burden-of-proof", "victimisation",
    "sanctions", "equality-body", "implementation", "dissemination-dialogue", "compliance",
    "coordination", "best-practices", "sensitive-issues", "latest-developments",
    "legislative-amendments", "case-law", "annex-legislation", "annex-international",
)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(TTL, format="turtle")


# --------------------------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------------------------


def test_required_keys_exist() -> None:
    assert set(REQUIRED_KEYS) <= set(template_keys())


def test_concepts_are_well_formed(graph: Graph) -> None:
    concepts = set(graph.subjects(SKOS.inScheme, TEMPLATE_SCHEME))
    assert concepts == set(graph.subjects(RDF.type, SKOS.Concept))
    for concept in concepts:
        key = str(graph.value(concept, SKOS.notation))
        assert concept == LGD[f"template-section/{key}"]
        assert len(list(graph.objects(concept, SKOS.prefLabel))) == 1
        broader = graph.value(concept, SKOS.broader)
        top = (concept, SKOS.topConceptOf, TEMPLATE_SCHEME) in graph
        assert (broader is None) == top, key
        if broader is not None:
            assert (broader, SKOS.narrower, concept) in graph


def test_reconstructed_numbers_are_marked(graph: Graph) -> None:
    for concept in graph.subjects(LG.numberIn2008, None):
        marks = " ".join(str(v) for v in graph.objects(concept, LG.verification))
        assert "[M]" in marks or "[V]" in marks, concept


def test_every_provision_exists_in_the_directives() -> None:
    index = reference_index()
    missing = [(key, celex, path) for key, section in template_sections().items()
               for celex, path in section.provisions if index.provision(celex, path) is None]
    assert missing == []


@pytest.mark.parametrize(
    ("key", "provisions"),
    [
        ("burden-of-proof", {(RED, "8"), (EED, "10")}),
        ("direct-discrimination", {(RED, "2(2)(a)"), (EED, "2(2)(a)")}),
        ("reasonable-accommodation", {(EED, "5"), (EED, "2(2)(b)(ii)")}),
        ("education", {(RED, "3(1)(g)")}),
        ("equality-body", {(RED, "13")}),
        ("sanctions", {(RED, "15"), (EED, "17")}),
        ("standing", {(RED, "7(2)"), (EED, "9(2)")}),
        ("religious-ethos", {(EED, "4(2)")}),
        ("executive-summary", set()),
        ("no-such-key", set()),
    ],
)
def test_section_provisions(key: str, provisions: set) -> None:
    assert set(section_provisions(key)) == provisions


def test_provision_iris_follow_the_data_model(graph: Graph) -> None:
    for iri in graph.objects(None, LG.concernsProvision):
        assert isinstance(iri, URIRef)
        assert str(iri).startswith(str(LGD["provision/3200"]))


# --------------------------------------------------------------------------------------------
# Recognition
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "version", "parent", "key"),
    [
        pytest.param("5.3 Burden of proof (Article 8 Directive 2000/43, Article 10 Directive "
                     "2000/78)", "2015", None, "burden-of-proof", id="2015"),
        pytest.param("5.3 Burden of proof", "2008", None, "burden-of-proof", id="2008"),
        pytest.param("II.1.8 Article 8 Burden of proof", "2004", None, "burden-of-proof",
                     id="2004-article-by-article"),
        pytest.param("6.3 Burden of proof", None, None, "burden-of-proof", id="other-number"),
        pytest.param("5.3 BURDEN OF PROOF", "2015", None, "burden-of-proof", id="capitals"),
        pytest.param("Shift of the burden of proof", None, None, "burden-of-proof", id="variant"),
        pytest.param("II.1.9 Article 9 Victimization", "2004", None, "victimisation",
                     id="american-spelling"),
        pytest.param("6 Bodies for the promotion of equal treatment", "2008", None,
                     "equality-body", id="2008-plural"),
        pytest.param("CHAPTER 8 CO-ORDINATION AT NATIONAL LEVEL", "2008", None, "coordination",
                     id="co-ordination"),
        pytest.param("11 Latest developments in 2022", "2015", None, "latest-developments",
                     id="year-stripped"),
        pytest.param("11.2 Case law", "2015", "latest-developments", "case-law",
                     id="case-law-under-latest"),
        pytest.param("0.3 Case-law", "2008", "introduction", "introduction-case-law",
                     id="case-law-under-introduction"),
        pytest.param("4.7.1 Direct discrimination", "2015", "age-exceptions",
                     "age-direct-discrimination", id="direct-under-age"),
        pytest.param("2.2 Direct discrimination (Article 2(2)(a))", "2015",
                     "definition-of-discrimination", "direct-discrimination", id="direct"),
        pytest.param("Annex 1", "2015", None, "annex-legislation", id="annex-1"),
        pytest.param("Annex 2", "2015", None, "annex-international", id="annex-2"),
        pytest.param("ZUSAMMENFASSUNG (DE)", "2015", None, "executive-summary", id="german"),
        pytest.param("Article 13 Directive 2000/43", None, None, "equality-body",
                     id="article-reference-only"),
        pytest.param("5.9 Sanctions and remedies in the labour courts", "2015", None,
                     "sanctions", id="fuzzy"),
        pytest.param("The weather in Vienna", "2015", None, None, id="unknown"),
        pytest.param("5.3 Miscellaneous remarks", "2015", None, None, id="number-alone-is-not-enough"),
        pytest.param("Case law", None, None, None, id="ambiguous-without-context"),
        pytest.param("Article 2 Directive 2000/43", None, None, None, id="ambiguous-article"),
    ],
)
def test_recognition(heading: str, version: str | None, parent: str | None, key: str | None) -> None:
    parts = split_heading(heading)
    assert match_heading(parts.text, parts.number, version, parent)[0] == key


@pytest.mark.parametrize(
    ("heading", "confidence"),
    [("Burden of proof", 1.0), ("5.9 Sanctions and remedies in the labour courts", 0.64),
     ("Article 13 Directive 2000/43", 0.6), ("The weather in Vienna", 0.0)],
)
def test_confidence(heading: str, confidence: float) -> None:
    parts = split_heading(heading)
    assert match_heading(parts.text, parts.number, "2015")[1] == pytest.approx(confidence, abs=0.05)


def _doc(headings: list[str], template: str | None = None) -> ReportDocument:
    sections = []
    for text in headings:
        parts = split_heading(text)
        sections.append(Section(parts.number, parts.text, parts.depth or 1, Location("t.md")))
    return ReportDocument("t.md", "", "markdown", {"template": template} if template else {}, {},
                          sections)


def test_recognise_uses_the_enclosing_section() -> None:
    doc = _doc(["4 Exceptions", "4.7 Exceptions related to discrimination on the ground of age",
                "4.7.1 Direct discrimination", "11 Latest developments in 2023", "11.2 Case law"])
    recognise(doc)
    assert [s.template_key for s in doc.sections] == [
        "exceptions", "age-exceptions", "age-direct-discrimination", "latest-developments",
        "case-law"]


@pytest.mark.parametrize(
    ("headings", "version"),
    [
        pytest.param(["II.1 Directive 2000/43", "II.1.8 Article 8 Burden of proof"], "2004",
                     id="roman-numbers"),
        pytest.param(["Article 1 Purpose", "Article 2 Concept", "Article 8 Burden of proof"],
                     "2004", id="article-headings"),
        pytest.param(["Introduction", "0.1 The national legal system", "1 General legal framework",
                      "8 Co-ordination at national level"], "2008", id="chapters-0-to-8"),
        pytest.param(["Executive summary", "1 General legal framework",
                      "11 Latest developments in 2023"], "2015", id="executive-summary"),
        pytest.param(["Some heading"], None, id="unknown"),
    ],
)
def test_detect_version(headings: list[str], version: str | None) -> None:
    assert detect_version(_doc(headings).sections) == version


def test_heading_normalisation() -> None:
    assert heading_tokens("5.3 Burden of proof (Article 8 Directive 2000/43)") == {"burden", "proof"}
    assert heading_tokens("Co-ordination") == heading_tokens("Coordination")
    assert heading_articles("Standing (Article 7(2) Directive 2000/43, Article 9(2) Directive "
                            "2000/78)") == {(RED, "7"), (EED, "9")}
    assert heading_articles("Articles 10 and 12 RED") == {(RED, "10"), (RED, "12")}


REPORTS = sorted(p for p in (ROOT / "country_reports").iterdir()
                 if p.suffix in (".md", ".docx", ".pdf") and p.name != "README.md")


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_every_corpus_section_is_recognised(path: Path) -> None:
    """The corpus follows the template, so every heading maps (except the report's title)."""
    doc = parse_report(read_source(path))
    recognise(doc)
    unmapped = [s.title for s in doc.sections if s.template_key is None]
    assert unmapped == []
    keyed = [s for s in doc.sections if s.template_key != "title-page"]
    assert all(s.key_confidence == 1.0 for s in keyed)
