"""Reading the assessments: gaps per country and year, year-over-year changes, coverage.

These are the queries behind ``lawgraph gaps | diff | coverage`` and the web app's pages; they
read the materialised assessment graphs that :mod:`lawgraph.assess` writes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import URIRef

from lawgraph.errors import InputError
from lawgraph.refdata import Country, reference_index
from lawgraph.store.base import GraphStore
from lawgraph.vocab import LGD, sparql_prefixes, status_table_iri

__all__ = [
    "GAP_STATUSES",
    "AssessmentRow",
    "Change",
    "CoverageCell",
    "YearDiff",
    "assessments",
    "coverage",
    "diff",
    "gaps",
    "latest_year",
    "resolve_country",
    "status_table",
]

GAP_STATUSES = ("not-transposed", "incorrect", "partial")
_STATUS = str(LGD["status/"])
_ASSESSMENT_GRAPHS = str(LGD["graph/assessment/"])


def _slug(term: object) -> str:
    return str(term)[len(_STATUS) :] if str(term).startswith(_STATUS) else str(term)


def resolve_country(code: str) -> Country:
    country = reference_index().country(code)
    if country is None:
        raise InputError(
            "--country", code, f"unknown country {code!r}: use an EU code such as DE or EL"
        )
    return country


def _directive_celex(name: str) -> str:
    info = reference_index().directive(name)
    if info is None:
        raise InputError(
            "--directive", name, f"unknown directive {name!r}: use e.g. 2000/78 or RED"
        )
    return info.celex


@dataclass(frozen=True)
class AssessmentRow:
    country: str  # EU code
    year: int
    provision: URIRef
    citation: str
    status: str
    confidence: float
    basis: str
    contested: bool
    reasons: tuple[dict[str, str], ...] = ()

    def record(self) -> dict[str, object]:
        top = self.reasons[0] if self.reasons else {}
        return {
            "country": self.country,
            "year": self.year,
            "provision": self.citation,
            "status": self.status,
            "confidence": self.confidence,
            "basis": self.basis,
            "contested": self.contested,
            "rule": top.get("rule", ""),
            "evidence": top.get("text", ""),
            "provision_iri": str(self.provision),
        }


def latest_year(store: GraphStore, country: URIRef | None = None) -> int | None:
    where = f"?a lg:country <{country}> ." if country else ""
    rows = store.select(
        sparql_prefixes() + "SELECT (MAX(xsd:integer(STR(?y))) AS ?latest) WHERE { "
        f"?a a lg:Assessment ; lg:reportingYear ?y . {where} }}"
    )
    return int(rows[0]["latest"]) if rows and "latest" in rows[0] else None


def assessments(
    store: GraphStore,
    *,
    country: str | None = None,
    directive: str | None = None,
    year: int | None = None,
    statuses: tuple[str, ...] | None = None,
    with_reasons: bool = True,
) -> list[AssessmentRow]:
    """Assessments filtered by country (EU code or name), directive, year and status."""
    if year is None:
        year = latest_year(store)
        if year is None:
            return []
    if not with_reasons:
        table = status_table(store, year, country=country)
        if table is not None:
            celex = _directive_celex(directive) if directive else None
            return [
                row
                for row in table
                if (celex is None or f"/provision/{celex}/" in str(row.provision))
                and (not statuses or row.status in statuses)
            ]
    # country and year are bound in the pattern itself (not FILTERed afterwards), so the store
    # starts from them: at full scale one country-year takes 58 ms instead of 1.9 s
    bound = [f'lg:reportingYear "{int(year)}"^^xsd:gYear']
    if country:
        bound.append(f"lg:country <{resolve_country(country).iri}>")
    extra = []
    if directive:
        extra.append(f'?provision lg:directive/lg:celex "{_directive_celex(directive)}" .')
    if statuses:
        values = " ".join(f"<{LGD[f'status/{s}']}>" for s in statuses)
        extra.append(f"VALUES ?status {{ {values} }}")
    query = (
        sparql_prefixes()
        + f"""
SELECT ?a ?country ?year ?provision ?label ?status ?confidence ?basis ?contested WHERE {{
  ?a a lg:Assessment ; {" ; ".join(bound)} .
  ?a lg:country ?country ; lg:reportingYear ?year ; lg:provision ?provision ;
     lg:status ?status ; lg:confidence ?confidence ; lg:basis ?basis ; lg:contested ?contested .
  {" ".join(extra)}
  OPTIONAL {{ ?provision rdfs:label ?label }}
}}"""
    )
    rows = store.select(query)
    reasons = _reasons(store, [r["a"] for r in rows]) if with_reasons and rows else {}
    countries = {c.iri: c.eu_code for c in reference_index().countries.values()}
    result = [
        AssessmentRow(
            country=countries.get(r["country"], str(r["country"])),
            year=int(str(r["year"])),
            provision=r["provision"],
            citation=str(r.get("label", r["provision"])),
            status=_slug(r["status"]),
            confidence=float(r["confidence"]),
            basis=str(r["basis"]),
            contested=str(r["contested"]) == "true",
            reasons=tuple(reasons.get(r["a"], ())),
        )
        for r in rows
    ]
    return sorted(result, key=lambda a: (a.country, a.year, _sort_key(a.provision)))


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    return {str(p.iri): p.label for p in reference_index().provisions.values()}


def status_table(
    store: GraphStore, year: int, *, country: str | None = None
) -> list[AssessmentRow] | None:
    """The year's assessments (without reasons) from the materialised status tables that
    :mod:`lawgraph.assess` writes beside them: one lookup per country instead of a pattern
    match over every assessment. None when some assessment graph of the year has no table
    (written by an older lawgraph: ``lawgraph assess`` adds them)."""
    chosen = [resolve_country(country)] if country else list(reference_index().countries.values())
    tables = {status_table_iri(c.eu_code, year): c.eu_code for c in chosen}
    values = " ".join(f"<{t}>" for t in tables)
    rows = store.select(
        sparql_prefixes() + f"SELECT ?t ?statuses WHERE {{ VALUES ?t {{ {values} }} "
        "?t lg:statuses ?statuses }"
    )
    suffix = f"/{int(year)}"
    graphs = {
        str(g).rsplit("/", 2)[-2]
        for g in store.graph_names()
        if str(g).startswith(_ASSESSMENT_GRAPHS) and str(g).endswith(suffix)
    }
    found = {tables[r["t"]]: r["statuses"] for r in rows}
    if not (graphs & set(tables.values())).issubset(found):
        return None
    labels = _labels()
    result = []
    for code, statuses in found.items():
        for provision, (status, confidence, basis, contested) in json.loads(str(statuses)).items():
            result.append(
                AssessmentRow(
                    country=code,
                    year=int(year),
                    provision=URIRef(provision),
                    citation=labels.get(provision, provision),
                    status=status,
                    confidence=float(confidence),
                    basis=basis,
                    contested=bool(contested),
                )
            )
    return sorted(result, key=lambda a: (a.country, a.year, _sort_key(a.provision)))


def _sort_key(provision: URIRef) -> tuple:
    tail = str(provision).split("/provision/", 1)[-1]
    parts = tail.split("/")
    return (parts[0], *[(len(p), p) for p in parts[1:]])


def _reasons(
    store: GraphStore, assessment_iris: list[URIRef]
) -> dict[URIRef, list[dict[str, str]]]:
    values = " ".join(f"<{a}>" for a in assessment_iris)
    rows = store.select(
        sparql_prefixes()
        + f"""
SELECT ?a ?reason ?ruleId ?title ?status ?confidence ?authority ?evidence ?text ?indication
WHERE {{
  VALUES ?a {{ {values} }}
  ?a lg:reason ?reason . ?reason lg:rule ?rule ; lg:confidence ?confidence ;
     lg:authority ?authority .
  OPTIONAL {{ ?reason lg:indication ?flag }}
  BIND (COALESCE(?flag, false) AS ?indication)
  OPTIONAL {{ ?rule dct:identifier ?ruleId ; dct:title ?title }}
  OPTIONAL {{ ?reason lg:status ?status }}
  OPTIONAL {{ ?reason lg:evidence ?evidence }}
  OPTIONAL {{ ?reason lg:evidenceText ?ownText }}
  OPTIONAL {{ ?reason lg:evidence/lg:evidenceText ?findingText }}
  BIND (COALESCE(?ownText, ?findingText) AS ?text)
}}"""
    )
    out: dict[URIRef, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        out[r["a"]].append(
            {
                "reason": str(r["reason"]),
                "rule": str(r.get("ruleId", "")),
                "title": str(r.get("title", "")),
                "status": _slug(r["status"]) if "status" in r else "",
                "confidence": str(r["confidence"]),
                "authority": str(r["authority"]),
                "evidence": str(r.get("evidence", "")),
                "text": str(r.get("text", "")),
                "indication": str(r["indication"]),
            }
        )
    for reasons in out.values():
        reasons.sort(key=lambda x: (x["indication"] == "true", -float(x["confidence"]), x["rule"]))
    return out


def gaps(store: GraphStore, **filters) -> list[AssessmentRow]:
    """Assessments whose status is a gap (not transposed, incorrect, partial)."""
    return assessments(store, statuses=GAP_STATUSES, **filters)


@dataclass(frozen=True)
class Change:
    country: str
    provision: URIRef
    citation: str
    kind: str  # "new gap" | "closed gap" | "status change" | "evidence change"
    before: str  # status slug or "none"
    after: str
    evidence_before: tuple[str, ...] = ()
    evidence_after: tuple[str, ...] = ()

    def record(self) -> dict[str, object]:
        return {
            "country": self.country,
            "provision": self.citation,
            "change": self.kind,
            "before": self.before,
            "after": self.after,
            "evidence_after": " | ".join(self.evidence_after),
        }


@dataclass
class YearDiff:
    year_from: int
    year_to: int
    changes: list[Change] = field(default_factory=list)

    def by_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]


def _kind(before: str, after: str) -> str:
    was_gap, is_gap = before in GAP_STATUSES, after in GAP_STATUSES
    if is_gap and not was_gap:
        return "new gap"
    if was_gap and not is_gap:
        return "closed gap"
    return "status change"


def diff(
    store: GraphStore,
    year_from: int,
    year_to: int,
    *,
    country: str | None = None,
    basis: str | None = None,
    include_evidence: bool = False,
) -> YearDiff:
    """What changed between two reporting years, for one country or all of them.

    ``basis="expert"`` compares only what the experts themselves assessed (the assessment
    blocks of the two reports); by default every assessment counts.
    """
    result = YearDiff(year_from, year_to)
    before = {
        (a.country, a.provision): a for a in assessments(store, country=country, year=year_from)
    }
    after = {(a.country, a.provision): a for a in assessments(store, country=country, year=year_to)}
    if basis:
        before = {k: a for k, a in before.items() if a.basis == basis}
        after = {k: a for k, a in after.items() if a.basis == basis}
    for key in sorted(set(before) | set(after), key=lambda k: (k[0], _sort_key(k[1]))):
        old, new = before.get(key), after.get(key)
        old_status = old.status if old else "none"
        new_status = new.status if new else "none"
        old_evidence = tuple(sorted({r["text"] for r in old.reasons if r["text"]})) if old else ()
        new_evidence = tuple(sorted({r["text"] for r in new.reasons if r["text"]})) if new else ()
        citation = (new or old).citation
        if old_status != new_status:
            kind = _kind(old_status, new_status)
        elif include_evidence and old_evidence != new_evidence:
            kind = "evidence change"
        else:
            continue
        result.changes.append(
            Change(
                key[0], key[1], citation, kind, old_status, new_status, old_evidence, new_evidence
            )
        )
    return result


@dataclass(frozen=True)
class CoverageCell:
    ground: URIRef
    area: URIRef
    ground_label: str
    area_label: str
    required_by: tuple[str, ...]
    covered_by: tuple[str, ...]

    @property
    def state(self) -> str:
        if self.required_by:
            return "covered" if self.covered_by else "gap"
        return "beyond" if self.covered_by else "not required"

    def record(self) -> dict[str, object]:
        return {
            "ground": self.ground_label,
            "area": self.area_label,
            "state": self.state,
            "required_by": "; ".join(self.required_by),
            "covered_by": "; ".join(self.covered_by),
        }


def coverage(store: GraphStore, country: str, year: int | None = None) -> list[CoverageCell]:
    """Grounds × areas of life: what national law covers (acts of the report's Annex 1) against
    what the directives require, and where national law goes beyond them."""
    target = resolve_country(country)
    if year is None:
        rows = store.select(
            sparql_prefixes() + "SELECT (MAX(xsd:integer(STR(?y))) AS ?latest) "
            f"WHERE {{ ?r a lg:CountryReport ; lg:country <{target.iri}> ; lg:reportingYear ?y }}"
        )
        if not rows or "latest" not in rows[0]:
            raise InputError("--country", country, f"no report for {target.name} in the store")
        year = int(rows[0]["latest"])
    covered_rows = store.select(
        sparql_prefixes()
        + f"""
SELECT DISTINCT ?ground ?area ?title WHERE {{
  {{ SELECT DISTINCT ?measure ?ground ?broad WHERE {{
      ?report a lg:CountryReport ; lg:country <{target.iri}> ;
          lg:reportingYear "{year}"^^xsd:gYear .
      GRAPH ?g {{ ?measure lg:listedIn ?report ; lg:coversGround ?ground ; lg:coversArea ?broad }}
  }} }}
  ?area skos:broader* ?broad .
  OPTIONAL {{ ?measure eli:title_short ?short }}
  OPTIONAL {{ ?measure eli:title ?t FILTER (LANG(?t) = "en") }}
  BIND (COALESCE(?short, ?t, STR(?measure)) AS ?title)
}}"""
    )
    required_rows = store.select(
        sparql_prefixes()
        + """
SELECT ?ground ?area ?label WHERE {
  ?r a lg:CoverageRequirement ; lg:ground ?ground ; lg:area ?area ; lg:requiredBy ?p .
  ?p rdfs:label ?label }"""
    )
    covered: dict[tuple, set[str]] = defaultdict(set)
    required: dict[tuple, set[str]] = defaultdict(set)
    for r in covered_rows:
        covered[(r["ground"], r["area"])].add(str(r["title"]))
    for r in required_rows:
        required[(r["ground"], r["area"])].add(str(r["label"]))
    index = reference_index()
    cells = []
    for ground, ground_label in sorted(index.grounds.items(), key=lambda kv: kv[1]):
        for area, area_label in sorted(index.areas.items(), key=lambda kv: kv[1]):
            key = (ground, area)
            if key in covered or key in required:
                cells.append(
                    CoverageCell(
                        ground,
                        area,
                        ground_label,
                        area_label,
                        tuple(sorted(required[key])),
                        tuple(sorted(covered[key])),
                    )
                )
    return cells
