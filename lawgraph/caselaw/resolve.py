"""Resolving what rulings name: directive provisions, Member States, courts.

Shared by the header checks (:mod:`lawgraph.caselaw.files`) and the text parser
(:mod:`lawgraph.caselaw.judgment`), so that a header and a published text resolve the same
words to the same reference data.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from lawgraph.errors import InputError
from lawgraph.identifiers import IdentifierError, ProvisionPath, ProvisionRef
from lawgraph.refdata import Country, ProvisionInfo, reference_index
from lawgraph.reports.blocks import resolve_provision
from lawgraph.resources import ontology_dir
from lawgraph.sources import Location
from lawgraph.vocab import LG, court_iri

__all__ = [
    "EU_COURTS",
    "KnownCourts",
    "country_named",
    "implementation_article",
    "known_courts",
    "provision",
    "provision_in_header",
]

#: the EU courts by the names rulings and headers use → ECLI court code
EU_COURTS = {
    "court of justice of the european union": "C",
    "court of justice": "C",
    "the court": "C",
    "court": "C",
    "cjeu": "C",
    "european court of justice": "C",
    "general court": "T",
    "court of first instance": "T",
    "civil service tribunal": "F",
    "european union civil service tribunal": "F",
}

#: the names the Court gives the Member States as parties ("Italian Republic") → EU code
STATE_NAMES = {
    "kingdom of belgium": "BE",
    "republic of bulgaria": "BG",
    "czech republic": "CZ",
    "kingdom of denmark": "DK",
    "federal republic of germany": "DE",
    "republic of estonia": "EE",
    "ireland": "IE",
    "hellenic republic": "EL",
    "kingdom of spain": "ES",
    "french republic": "FR",
    "republic of croatia": "HR",
    "italian republic": "IT",
    "republic of cyprus": "CY",
    "republic of latvia": "LV",
    "republic of lithuania": "LT",
    "grand duchy of luxembourg": "LU",
    "hungary": "HU",
    "republic of malta": "MT",
    "malta": "MT",
    "kingdom of the netherlands": "NL",
    "republic of austria": "AT",
    "republic of poland": "PL",
    "portuguese republic": "PT",
    "romania": "RO",
    "republic of slovenia": "SI",
    "slovak republic": "SK",
    "republic of finland": "FI",
    "kingdom of sweden": "SE",
    "united kingdom of great britain and northern ireland": "UK",
}


def country_named(name: str | None) -> Country | None:
    """A country by the name a ruling prints: "United Kingdom", "Italian Republic", "DE" …"""
    if not name:
        return None
    text = re.sub(r"^the\s+", "", " ".join(name.split()).strip(" ,.;"), flags=re.IGNORECASE)
    code = STATE_NAMES.get(text.lower())
    return reference_index().country(code or text)


def provision(celex: str, path: str) -> tuple[ProvisionInfo | None, str | None]:
    """A provision of the reference data by CELEX and path, with a note when it had to be
    taken at the level of its article.

    The reference data does not subdivide every article (e.g. Article 19 of Directive
    2006/54/EC has no paragraphs there). A paragraph of such an article is linked to the
    article, which is true at a coarser level; a part the reference data does subdivide but
    does not know (Article 2(9)) is unknown, and so is an unknown article.
    """
    index = reference_index()
    found = index.provision(celex, path)
    if found is not None:
        return found, None
    try:
        parsed = ProvisionPath.parse(path)
    except IdentifierError:
        return None, None
    article = parsed.ancestors()[0] if parsed.ancestors() else None
    if article is None:
        return None, None
    article_info = index.provision(celex, str(article))
    prefix = f"{article}("
    subdivided = any(
        p.path.startswith(prefix) or p.path.startswith(f"{article},")
        for p in index.provisions_of(celex)
    )
    if article_info is None or subdivided:
        return None, None
    directive = index.directives[celex].short
    return article_info, (
        f"{directive} Art {path} is not subdivided in lawgraph's reference data; "
        f"linked to {directive} Art {article}"
    )


def provision_in_header(
    text: str, source: str, line: int | None
) -> tuple[ProvisionInfo, str | None]:
    """A provision as a case-law header writes it ("2000/78 Art 6(1)") → reference data, or an
    :class:`InputError` naming the file and line. See :func:`provision` for the one fallback."""
    location = Location(source, line=line)
    try:
        return resolve_provision(text, source, location), None
    except InputError as exc:
        error = InputError(source, line, exc.message)
        try:
            ref = ProvisionRef.parse(text.strip())
        except IdentifierError:
            raise error from None
        info, note = provision(str(ref.directive.celex), str(ref.path))
        if info is None:
            raise error from None
        return info, note


def implementation_article(celex: str) -> ProvisionInfo | None:
    """The article of a directive that obliges the Member States to transpose it by a date
    ("Implementation", "Transposition"), if the reference data has exactly one."""
    found = [
        p
        for p in reference_index().provisions_of(celex)
        if "(" not in p.path
        and (p.heading or "").strip().lower() in ("implementation", "transposition")
    ]
    return found[0] if len(found) == 1 else None


class KnownCourts:
    """The courts described in ``ontology/reference/courts.ttl`` (empty if there is none)."""

    def __init__(self, iris: set[URIRef], names: dict[str, URIRef]) -> None:
        self.iris = iris
        self.names = names

    def __bool__(self) -> bool:
        return bool(self.iris)

    def by_name(self, name: str | None) -> URIRef | None:
        if not name:
            return None
        return self.names.get(" ".join(name.lower().split()))


@lru_cache(maxsize=1)
def known_courts() -> KnownCourts:
    from lawgraph.reference import parse_turtle

    iris: set[URIRef] = {court_iri("EU", code) for code in "CTF"}
    names: dict[str, URIRef] = {name: court_iri("EU", code) for name, code in EU_COURTS.items()}
    path = ontology_dir() / "reference" / "courts.ttl"
    if not path.exists():
        return KnownCourts(set(), names)
    graph = parse_turtle(path)
    for node in graph.subjects(RDF.type, LG.Court):
        if not isinstance(node, URIRef):
            continue
        iris.add(node)
        for predicate in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(node, predicate):
                if isinstance(label, Literal):
                    names.setdefault(" ".join(str(label).lower().split()), node)
    return KnownCourts(iris, names)
