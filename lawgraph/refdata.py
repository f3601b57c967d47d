"""An in-memory index of the reference data under ``ontology/``, for parsers and extractors.

Parsers need to resolve "RED", "Art 8", "Germany", "sexual orientation" or "housing" without a
store; this index reads the same Turtle files the store loads, once per process::

    >>> ref = reference_index()
    >>> ref.directive("Employment Equality Directive").celex
    '32000L0078'
    >>> ref.country("EL").name
    'Greece'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from lawgraph.reference import parse_turtle, reference_files
from lawgraph.vocab import ELI, LG

__all__ = ["Country", "DirectiveInfo", "ProvisionInfo", "ReferenceIndex", "reference_index"]


@dataclass(frozen=True)
class DirectiveInfo:
    iri: URIRef
    number: str  # "2000/43/EC", "(EU) 2024/1499"
    short: str  # "2000/43", "2024/1499"
    celex: str
    title: str
    short_title: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class ProvisionInfo:
    iri: URIRef
    celex: str
    path: str  # "2(2)(b)"
    label: str
    heading: str | None
    kind: URIRef | None
    concepts: tuple[URIRef, ...]
    summary: str | None


@dataclass(frozen=True)
class Country:
    iri: URIRef
    name: str
    alpha2: str
    eu_code: str
    alpha3: str
    membership: URIRef | None
    names: tuple[str, ...]
    #: BCP 47 codes of the official languages, main one first (for titles of national acts)
    languages: tuple[str, ...] = ()


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().replace("’", "'"))


@dataclass
class ReferenceIndex:
    directives: dict[str, DirectiveInfo] = field(default_factory=dict)  # by celex
    provisions: dict[tuple[str, str], ProvisionInfo] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)  # by alpha3
    grounds: dict[URIRef, str] = field(default_factory=dict)
    areas: dict[URIRef, str] = field(default_factory=dict)
    concepts: dict[URIRef, str] = field(default_factory=dict)
    _directive_names: dict[str, str] = field(default_factory=dict)  # normalised name → celex
    _country_names: dict[str, str] = field(default_factory=dict)  # code/name → alpha3
    _ground_names: dict[str, URIRef] = field(default_factory=dict)
    _area_names: dict[str, URIRef] = field(default_factory=dict)

    # --- directives and provisions ---------------------------------------------------------
    def directive(self, name: str) -> DirectiveInfo | None:
        """A directive by number ("2000/43/EC", "2000/43", "(EU) 2024/1499"), CELEX, or any of
        its names and abbreviations ("RED", "Racial Equality Directive"); None if unknown."""
        celex = self._directive_names.get(_norm(name))
        return self.directives.get(celex) if celex else None

    def directive_names(self) -> dict[str, str]:
        """Every name a directive is known by (normalised) → CELEX."""
        return dict(self._directive_names)

    def provision(self, celex: str, path: str) -> ProvisionInfo | None:
        return self.provisions.get((celex, path))

    def provisions_of(self, celex: str) -> list[ProvisionInfo]:
        return [p for (c, _), p in self.provisions.items() if c == celex]

    def provisions_about(self, concept: URIRef) -> list[ProvisionInfo]:
        return [p for p in self.provisions.values() if concept in p.concepts]

    # --- countries, grounds, areas ---------------------------------------------------------
    def country(self, name_or_code: str) -> Country | None:
        """By EU code (EL, UK), ISO alpha-2 or alpha-3, or English name; None if unknown."""
        alpha3 = self._country_names.get(_norm(name_or_code))
        return self.countries.get(alpha3) if alpha3 else None

    def ground(self, label: str) -> URIRef | None:
        """A ground by label, alternative label or slug ("sexual orientation", "age")."""
        return self._ground_names.get(_norm(label)) or self._ground_names.get(
            _norm(label.replace("-", " "))
        )

    def area(self, label: str) -> URIRef | None:
        """An area of life by label, alternative label or slug ("goods and services")."""
        return self._area_names.get(_norm(label)) or self._area_names.get(
            _norm(label.replace("-", " "))
        )

    def ground_names(self) -> dict[str, URIRef]:
        return dict(self._ground_names)

    def area_names(self) -> dict[str, URIRef]:
        return dict(self._area_names)


def _labels(graph: Graph, node: URIRef) -> list[str]:
    out = []
    for predicate in (SKOS.prefLabel, SKOS.altLabel, RDFS.label, SKOS.notation):
        out += [str(v) for v in graph.objects(node, predicate) if isinstance(v, Literal)]
    return out


def _str(graph: Graph, node: URIRef, predicate: URIRef) -> str | None:
    value = graph.value(node, predicate)
    return str(value) if value is not None else None


def _languages(graph: Graph, iri: URIRef) -> tuple[str, ...]:
    primary = _str(graph, iri, LG.primaryLanguage)
    others = sorted(str(v) for v in graph.objects(iri, LG.officialLanguage) if str(v) != primary)
    return ((primary,) if primary else ()) + tuple(others)


def build_index(graph: Graph) -> ReferenceIndex:
    index = ReferenceIndex()
    for iri in sorted(set(graph.subjects(RDF.type, LG.Directive))):
        number = _str(graph, iri, ELI.number) or ""
        celex = _str(graph, iri, LG.celex) or ""
        short = re.sub(r"^\(EU\)\s*", "", number)
        short = re.sub(r"/(EC|EU|EEC)$", "", short)
        names = tuple(
            str(v)
            for p in (ELI.title, ELI.title_short, SKOS.altLabel, SKOS.prefLabel)
            for v in graph.objects(iri, p)
        )
        info = DirectiveInfo(
            iri,
            number,
            short,
            celex,
            _str(graph, iri, ELI.title) or number,
            _str(graph, iri, ELI.title_short) or number,
            names,
        )
        index.directives[celex] = info
        for name in (number, short, celex, *names):
            index._directive_names.setdefault(_norm(name), celex)
    for iri in sorted(set(graph.subjects(RDF.type, LG.Provision))):
        directive = graph.value(iri, LG.directive)
        celex = next((c for c, d in index.directives.items() if d.iri == directive), None)
        path = _str(graph, iri, LG.path)
        if celex is None or path is None:
            continue
        index.provisions[(celex, path)] = ProvisionInfo(
            iri,
            celex,
            path,
            _str(graph, iri, RDFS.label) or path,
            _str(graph, iri, DCTERMS.title),
            graph.value(iri, LG.obligationKind),
            tuple(sorted(graph.objects(iri, ELI.is_about))),
            _str(graph, iri, LG.obligationSummary),
        )
    for iri in sorted(set(graph.subjects(RDF.type, LG.Country))):
        names = tuple(_labels(graph, iri))
        country = Country(
            iri,
            _str(graph, iri, SKOS.prefLabel) or "",
            _str(graph, iri, LG.isoAlpha2) or "",
            _str(graph, iri, LG.euCode) or "",
            _str(graph, iri, LG.isoAlpha3) or "",
            graph.value(iri, LG.membership),
            names,
            _languages(graph, iri),
        )
        index.countries[country.alpha3] = country
        for key in (country.alpha3, country.alpha2, country.eu_code, *names):
            if key:
                index._country_names.setdefault(_norm(key), country.alpha3)
    for scheme, target, names in (
        ("grounds", index.grounds, index._ground_names),
        ("areas", index.areas, index._area_names),
        ("legal-concepts", index.concepts, {}),
    ):
        scheme_iri = URIRef(f"https://w3id.org/lawgraph/id/scheme/{scheme}")
        for iri in sorted(set(graph.subjects(SKOS.inScheme, scheme_iri))):
            labels = _labels(graph, iri)
            target[iri] = _str(graph, iri, SKOS.prefLabel) or str(iri)
            for label in labels + [str(iri).rsplit("/", 1)[-1].replace("-", " ")]:
                names.setdefault(_norm(label), iri)
    return index


@lru_cache(maxsize=1)
def reference_index() -> ReferenceIndex:
    """The index of the bundled reference data (parsed once per process)."""
    graph = Graph()
    for path in reference_files():
        graph += parse_turtle(path)
    return build_index(graph)
