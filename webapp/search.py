"""One search box for countries, directives, provisions, rulings and national measures.

Provision citations are read by :func:`lawgraph.extract.extract` in any form lawyers write
("Art 8 RED", "2000/78 Article 5", "Article 2(2)(b) of Directive 2000/43/EC"); case numbers and
ECLIs by the same extractor; countries and directives by the reference index. Rulings and
national measures are matched on their names in an index built once per store generation.
A *direct* hit (the whole query names one thing) lets the view redirect to it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass

from lawgraph.extract import extract
from lawgraph.refdata import reference_index
from lawgraph.store import GraphStore
from lawgraph.vocab import sparql_prefixes
from webapp.backend import get_store
from webapp.cache import cached
from webapp.links import path_for

__all__ = ["Hit", "search"]

MAX_QUERY = 200
MAX_HITS = 50


@dataclass(frozen=True)
class Hit:
    kind: str  # country | directive | provision | concept | ruling | measure
    label: str
    href: str
    detail: str = ""
    direct: bool = False

    def record(self) -> dict[str, object]:
        return asdict(self)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9/:.\-§ ]+", " ", text).split())


def _named_index(store: GraphStore) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    """(kind, iri, label, detail, normalised names) for every ruling and national measure."""
    rows = store.select(sparql_prefixes() + """
SELECT ?x ?kind (SAMPLE(?l) AS ?label) (SAMPLE(?c) AS ?country) (SAMPLE(?d) AS ?date)
       (GROUP_CONCAT(DISTINCT STR(?n); separator="\\u001f") AS ?names)
WHERE {
  { ?x a lg:NationalMeasure BIND ("measure" AS ?kind)
    { ?x eli:title ?n } UNION { ?x eli:title_short ?n } UNION { ?x eli:id_local ?n } }
  UNION
  { ?x lg:ecli|lg:caseNumber ?any BIND ("ruling" AS ?kind)
    { ?x dct:title ?n } UNION { ?x lg:parties ?n } UNION { ?x lg:caseNumber ?n } UNION { ?x lg:ecli ?n } }
  OPTIONAL { ?x eli:title_short|dct:title ?l }
  OPTIONAL { ?x eli:jurisdiction|lg:country ?c }
  OPTIONAL { ?x eli:date_document ?d }
} GROUP BY ?x ?kind""")
    countries = {str(c.iri): c.name for c in reference_index().countries.values()}
    out = []
    for row in rows:
        raw = [n for n in str(row.get("names", "")).split("\u001f") if n]
        names = tuple(_norm(n) for n in raw)
        label = str(row.get("label", "")) or (raw[0] if raw else str(row["x"]))
        detail = ", ".join(x for x in (countries.get(str(row.get("country", "")), ""),
                                       str(row.get("date", ""))) if x)
        if str(row["kind"]) == "measure":
            longest = max(raw, key=len, default="")
            if longest and longest != label:
                detail = f"{longest} ({detail})" if detail else longest
        out.append((str(row["kind"]), str(row["x"]), label, detail, names))
    return out


def _case_index() -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    return cached("search-index", lambda: _named_index(get_store()))


def _countries(q: str) -> list[Hit]:
    index = reference_index()
    exact = index.country(q)
    if exact is not None:
        return [Hit("country", exact.name, f"/country/{exact.eu_code}", exact.eu_code, True)]
    nq = _norm(q)
    if len(nq) < 3:
        return []
    return [Hit("country", c.name, f"/country/{c.eu_code}", c.eu_code)
            for c in sorted(index.countries.values(), key=lambda c: c.name)
            if any(nq in _norm(n) for n in (c.name, *c.names))]


def _directives(q: str) -> list[Hit]:
    info = reference_index().directive(q)
    if info is None:
        return []
    return [Hit("directive", f"Directive {info.number}", path_for(info.iri) or "", info.short_title, True)]


def _provisions(q: str) -> list[Hit]:
    index = reference_index()
    result = extract(q)
    hits = []
    for mention in result.provisions:
        if not mention.resolved:
            continue
        info = index.provision(str(mention.directive.celex), str(mention.path))
        if info is None:
            continue
        whole = _only_citation(q.replace(mention.span.text, " "))
        hits.append(Hit("provision", info.label, path_for(info.iri) or "",
                        info.heading or info.summary or "", whole))
    return hits


_CITATION_WORDS = {"of", "the", "directive", "council", "article", "art", "art.", "ec", "eu", "eec",
                   "in", "and", "(eu)", "see"}


def _only_citation(rest: str) -> bool:
    """True when what is left of a query, once the provision is cut out, names only its act."""
    text = " " + " ".join(rest.lower().split()) + " "
    for name in sorted(reference_index().directive_names(), key=len, reverse=True):
        text = text.replace(f" {name} ", " ")
    for token in re.findall(r"[^\s,;]+", text):
        if token not in _CITATION_WORDS and not re.fullmatch(r"[\d/().]+(ec|eu|eec)?", token):
            return False
    return True


def _concepts(q: str) -> list[Hit]:
    nq = _norm(q)
    if len(nq) < 4:
        return []
    index = reference_index()
    hits = []
    for concept, label in index.concepts.items():
        if nq in _norm(label):
            for p in index.provisions_about(concept):
                hits.append(Hit("provision", p.label, path_for(p.iri) or "", f"about {label}"))
    return hits


def _rulings_and_measures(q: str) -> list[Hit]:
    result = extract(q)
    wanted = {_norm(str(c.case)) for c in result.cases} | {_norm(str(e.ecli)) for e in result.eclis}
    nq = _norm(q)
    hits = []
    for kind, iri, label, detail, names in _case_index():
        if wanted & set(names) or len(nq) >= 3 and any(nq == n for n in names):
            hits.append(Hit(kind, label, path_for(iri) or iri, detail, True))
        elif len(nq) >= 3 and any(nq in n for n in names):
            hits.append(Hit(kind, label, path_for(iri) or iri, detail))
    return hits


def search(q: str) -> list[Hit]:
    """Hits for the query, direct hits first, without duplicates."""
    q = q.strip()[:MAX_QUERY]
    if not q:
        return []
    found: list[Hit] = []
    for finder in (_countries, _directives, _provisions, _rulings_and_measures, _concepts):
        found += finder(q)
    seen, out = set(), []
    for hit in sorted(found, key=lambda h: not h.direct):
        if hit.href not in seen:
            seen.add(hit.href)
            out.append(hit)
    return out[:MAX_HITS]
