"""Namespaces and IRI minting.

Every IRI lawgraph writes is built here, one function per pattern of ``docs/data-model.md``, so
that the ingest code, the gap engine and the web app agree on them::

    >>> provision_iri("32000L0043", "art_8/par_1")
    rdflib.term.URIRef('https://w3id.org/lawgraph/id/provision/32000L0043/art_8/par_1')
    >>> country_iri("DEU")
    rdflib.term.URIRef('http://publications.europa.eu/resource/authority/country/DEU')
    >>> report_graph("DE", 2024)
    rdflib.term.URIRef('https://w3id.org/lawgraph/id/graph/report/DE/2024')
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "CELEX",
    "COUNTRY",
    "DCTERMS",
    "ELI",
    "FOAF",
    "LG",
    "LGD",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "XSD",
    "area_iri",
    "assessment_graph",
    "assessment_iri",
    "concept_iri",
    "country_iri",
    "court_iri",
    "directive_eli",
    "expand",
    "expert_iri",
    "ground_iri",
    "measure_iri",
    "national_provision_iri",
    "provision_iri",
    "reference_graph",
    "report_graph",
    "report_iri",
    "ruling_graph",
    "ruling_iri",
    "slug",
    "sparql_prefixes",
    "status_iri",
]

LG = Namespace("https://w3id.org/lawgraph/ontology#")
LGD = Namespace("https://w3id.org/lawgraph/id/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")
CELEX = Namespace("http://publications.europa.eu/resource/celex/")

PREFIXES: dict[str, str] = {
    "lg": str(LG),
    "lgd": str(LGD),
    "eli": str(ELI),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "prov": str(PROV),
    "foaf": str(FOAF),
    "country": str(COUNTRY),
    "celex": str(CELEX),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}


def sparql_prefixes() -> str:
    """The PREFIX lines for every namespace above, to put in front of a SPARQL query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def expand(curie: str) -> str:
    """``"lg:Finding"`` → ``"https://w3id.org/lawgraph/ontology#Finding"``."""
    prefix, _, local = curie.partition(":")
    if prefix not in PREFIXES:
        raise ValueError(f"unknown prefix in {curie!r}")
    return PREFIXES[prefix] + local


def slug(text: str) -> str:
    """A lower-case ASCII slug: ``"Allgemeines Gleichbehandlungsgesetz" -> "allgemeines-..."``.

    >>> slug("§ 22 AGG")
    'par-22-agg'
    >>> slug("Loi du 10 mai 2007 tendant à lutter")
    'loi-du-10-mai-2007-tendant-a-lutter'
    """
    text = text.replace("§", " par ")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def _segment(value: str) -> str:
    """Percent-encode what may not stand in an IRI path segment (keeps ``:`` for ECLIs)."""
    return quote(value, safe=":._-~")


def directive_eli(year: int, number: int) -> URIRef:
    """The EU ELI of a directive: ``http://data.europa.eu/eli/dir/2000/43/oj``."""
    return URIRef(f"http://data.europa.eu/eli/dir/{year}/{number}/oj")


def provision_iri(celex: str, iri_path: str) -> URIRef:
    """A provision of a directive, by CELEX and ELI-style path (``art_2/par_2/pnt_b``)."""
    return LGD[f"provision/{celex}/{iri_path}"]


def concept_iri(name: str) -> URIRef:
    return LGD[f"concept/{name}"]


def ground_iri(name: str) -> URIRef:
    return LGD[f"ground/{name}"]


def area_iri(name: str) -> URIRef:
    return LGD[f"area/{name}"]


def status_iri(name: str) -> URIRef:
    return LGD[f"status/{name}"]


def country_iri(alpha3: str) -> URIRef:
    return COUNTRY[alpha3.upper()]


def measure_iri(alpha3: str, measure_slug: str) -> URIRef:
    return LGD[f"measure/{alpha3.upper()}/{slug(measure_slug)}"]


def national_provision_iri(measure: URIRef, provision_label: str) -> URIRef:
    return URIRef(f"{measure}/{slug(provision_label)}")


def ruling_iri(ecli: str | None = None, *, alpha3: str | None = None, name: str = "") -> URIRef:
    """A ruling by ECLI, or (a national ruling without one) by country and a slug."""
    if ecli:
        return LGD[f"ecli/{_segment(ecli)}"]
    if not alpha3 or not name:
        raise ValueError("a ruling without ECLI needs a country and a name")
    return LGD[f"ruling/{alpha3.upper()}/{slug(name)}"]


def court_iri(ecli_country: str, court_code: str) -> URIRef:
    return LGD[f"court/{ecli_country.upper()}/{_segment(court_code.upper())}"]


def report_iri(eu_code: str, year: int) -> URIRef:
    return LGD[f"report/{eu_code.upper()}/{year}"]


def expert_iri(name: str) -> URIRef:
    return LGD[f"expert/{slug(name)}"]


def assessment_iri(eu_code: str, year: int, celex: str, iri_path: str) -> URIRef:
    return LGD[f"assessment/{eu_code.upper()}/{year}/{celex}/{iri_path}"]


def reference_graph(name: str) -> URIRef:
    return LGD[f"graph/reference/{slug(name)}"]


def report_graph(eu_code: str, year: int) -> URIRef:
    return LGD[f"graph/report/{eu_code.upper()}/{year}"]


def ruling_graph(key: str) -> URIRef:
    """The named graph of one ruling file, keyed by ECLI (or the national ruling's IRI tail)."""
    return LGD[f"graph/ruling/{_segment(key)}"]


def status_table_iri(eu_code: str, year: int) -> URIRef:
    """The materialised status table of one country's assessments in one year."""
    return LGD[f"assessment/{eu_code.upper()}/{year}/table"]


def assessment_graph(eu_code: str, year: int) -> URIRef:
    return LGD[f"graph/assessment/{eu_code.upper()}/{year}"]
