"""Look-up as you type, for the fields of a draft: directive provisions (in any citation form
lawyers write), the national provisions and acts of the country, and rulings (case number,
ECLI or name). Each answer is a list of suggestions whose ``value`` is what the field should
hold: ``2000/43 Art 8(1)``, ``§ 22 AGG``, ``C-54/07``, ``ECLI:EU:C:2008:397``."""

from __future__ import annotations

import re
import unicodedata

from lawgraph.extract import extract
from lawgraph.refdata import Country, ProvisionInfo, reference_index
from lawgraph.store import GraphStore
from lawgraph.vocab import sparql_prefixes
from webapp.backend import get_store
from webapp.cache import cached

__all__ = ["KINDS", "MAX_QUERY", "lookup"]

KINDS = ("provision", "national", "ruling", "ecli")
MAX_QUERY = 120
MAX_RESULTS = 12


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9/:.()§ -]+", " ", text).split())


def _citation(info: ProvisionInfo) -> str:
    directive = reference_index().directives[info.celex]
    return f"{directive.short} Art {info.path}"


def _provision_record(info: ProvisionInfo) -> dict[str, str]:
    return {
        "value": _citation(info),
        "label": info.label,
        "detail": info.heading or info.summary or "",
    }


def provisions(q: str) -> list[dict[str, str]]:
    """Provisions the text cites (any form), else those whose citation or heading contains it."""
    index = reference_index()
    found: dict[str, ProvisionInfo] = {}
    for mention in extract(q).provisions:
        if mention.resolved:
            info = index.provision(str(mention.directive.celex), str(mention.path))
            if info is not None:
                found[str(info.iri)] = info
                for child in index.provisions_of(info.celex):  # its paragraphs and points
                    if child.path.startswith(f"{info.path}(") and len(found) < MAX_RESULTS:
                        found[str(child.iri)] = child
    nq = _norm(q)
    if len(found) < MAX_RESULTS and len(nq) >= 3:
        for info in sorted(index.provisions.values(), key=lambda p: (p.celex, p.path)):
            names = (_citation(info), info.label, info.heading or "")
            if any(nq in _norm(n) for n in names):
                found.setdefault(str(info.iri), info)
            if len(found) >= MAX_RESULTS:
                break
    return [_provision_record(i) for i in list(found.values())[:MAX_RESULTS]]


def _national_index(store: GraphStore, country: Country) -> list[tuple[str, str, tuple[str, ...]]]:
    """(value, detail, normalised names) of the country's national provisions and acts."""
    rows = store.select(
        sparql_prefixes()
        + f"""
SELECT ?x ?label ?measure ?short WHERE {{
  {{ ?x a lg:NationalProvision ; rdfs:label ?label ; eli:is_part_of ?m .
     ?m eli:jurisdiction <{country.iri}> .
     OPTIONAL {{ ?m eli:title_short ?short }} OPTIONAL {{ ?m eli:title ?measure }} }}
  UNION
  {{ ?x a lg:NationalMeasure ; eli:jurisdiction <{country.iri}> ; eli:title ?measure .
     OPTIONAL {{ ?x eli:title_short ?label }} }}
}}"""
    )
    out: dict[str, tuple[str, set[str]]] = {}
    for row in rows:
        value = str(row.get("label") or row.get("measure") or "")
        if not value:
            continue
        detail, names = out.get(value, ("", set()))
        measure = str(row.get("measure") or "")
        if measure and measure != value and (not detail or len(measure) > len(detail)):
            detail = measure
        names |= {_norm(value), _norm(measure), _norm(str(row.get("short") or ""))}
        out[value] = (detail, names)
    return sorted((v, d, tuple(n for n in names if n)) for v, (d, names) in out.items())


def national(q: str, country: Country) -> list[dict[str, str]]:
    entries = cached(
        ("workflow-national", country.eu_code), lambda: _national_index(get_store(), country)
    )
    nq = _norm(q)
    if not nq:
        return []
    scored = []
    for value, detail, names in entries:
        if _norm(value).startswith(nq):
            scored.append((0, value, detail))
        elif any(nq in n for n in names):
            scored.append((1, value, detail))
    return [{"value": v, "label": v, "detail": d} for _, v, d in sorted(scored)[:MAX_RESULTS]]


def _ruling_index(store: GraphStore) -> list[dict[str, str]]:
    rows = store.select(
        sparql_prefixes()
        + """
SELECT ?r (SAMPLE(?t) AS ?title) (SAMPLE(?e) AS ?ecli) (SAMPLE(?c) AS ?case)
       (SAMPLE(?p) AS ?parties) (SAMPLE(?d) AS ?date) WHERE {
  ?r lg:ecli|lg:caseNumber ?any .
  OPTIONAL { ?r dct:title ?t } OPTIONAL { ?r lg:ecli ?e } OPTIONAL { ?r lg:caseNumber ?c }
  OPTIONAL { ?r lg:parties ?p } OPTIONAL { ?r eli:date_document ?d }
} GROUP BY ?r"""
    )
    return [
        {k: str(row.get(k) or "") for k in ("title", "ecli", "case", "parties", "date")}
        for row in rows
    ]


def rulings(q: str, field: str = "case") -> list[dict[str, str]]:
    """Rulings by case number, ECLI, title or parties; ``value`` is the case number (or the
    ECLI, for ``field="ecli"``)."""
    entries = cached("workflow-rulings", lambda: _ruling_index(get_store()))
    result = extract(q)
    wanted = {_norm(str(c.case)) for c in result.cases} | {_norm(str(e.ecli)) for e in result.eclis}
    nq = _norm(q)
    scored = []
    for entry in entries:
        names = {_norm(entry[k]) for k in ("title", "ecli", "case", "parties") if entry[k]}
        if wanted & names:
            rank = 0
        elif len(nq) >= 2 and any(nq in n for n in names):
            rank = 1
        else:
            continue
        value = entry["ecli"] if field == "ecli" else (entry["case"] or entry["ecli"])
        if value:
            label = " · ".join(x for x in (entry["case"], entry["title"], entry["ecli"]) if x)
            scored.append(
                (
                    rank,
                    entry["date"],
                    {"value": value, "label": label, "detail": entry["date"], **entry},
                )
            )
    scored.sort(key=lambda s: (s[0], s[1]))
    return [s[2] for s in scored[:MAX_RESULTS]]


def lookup(kind: str, q: str, country: Country | None) -> list[dict[str, str]]:
    q = q.strip()[:MAX_QUERY]
    if not q:
        return []
    if kind == "provision":
        return provisions(q)
    if kind == "national":
        return national(q, country) if country is not None else []
    return rulings(q, "ecli" if kind == "ecli" else "case")
