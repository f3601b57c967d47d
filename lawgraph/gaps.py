"""Reading the assessments: gaps per country and year, year-over-year changes, coverage.

These are the queries behind ``lawgraph gaps | diff | coverage`` and the web app's pages; they
read the materialised assessment graphs that :mod:`lawgraph.assess` writes.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import URIRef

from lawgraph.errors import InputError
from lawgraph.refdata import Country, reference_index
from lawgraph.store.base import GraphStore
from lawgraph.vocab import (
    LGD,
    assessment_graph,
    report_iri,
    sparql_prefixes,
    status_table_iri,
)

__all__ = [
    "GAP_STATUSES",
    "AssessmentRow",
    "Change",
    "CoverageCell",
    "YearCounts",
    "YearDiff",
    "assessed_years",
    "assessments",
    "coverage",
    "diff",
    "gaps",
    "latest_year",
    "resolve_country",
    "status_table",
    "trend",
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
    chosen = [resolve_country(country)] if country else list(reference_index().countries.values())
    # a country-year's assessments are one named graph (lawgraph.assess): matching inside the
    # graphs of the year, with country and year bound, lets the store start from them (at full
    # scale one country-year takes 5 ms instead of 150 ms, a whole year 0.6 s instead of 1.3 s)
    if len(chosen) == 1:
        scope = f"GRAPH <{assessment_graph(chosen[0].eu_code, year)}>"
    else:
        graphs = " ".join(f"<{assessment_graph(c.eu_code, year)}>" for c in chosen)
        scope = f"VALUES ?g {{ {graphs} }} GRAPH ?g"
    bound = [f'lg:reportingYear "{int(year)}"^^xsd:gYear']
    if country:
        bound.append(f"lg:country <{chosen[0].iri}>")
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
  {scope} {{
    ?a a lg:Assessment ; {" ; ".join(bound)} .
    ?a lg:country ?country ; lg:reportingYear ?year ; lg:provision ?provision ;
       lg:status ?status ; lg:confidence ?confidence ; lg:basis ?basis ; lg:contested ?contested .
  }}
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
    found = _tables(store, [(c.eu_code, int(year)) for c in chosen])
    if found is None:
        return None
    return _table_rows(found)


def _tables(store: GraphStore, pairs: list[tuple[str, int]]) -> dict[tuple[str, int], str] | None:
    """(EU code, year) → the JSON of its status table, for the pairs that have assessments;
    None when one of them has no table. One lookup for all the pairs."""
    values = " ".join(
        f"(<{assessment_graph(code, year)}> <{status_table_iri(code, year)}>)"
        for code, year in pairs
    )
    rows = store.select(
        sparql_prefixes() + f"SELECT ?t ?statuses WHERE {{ VALUES (?g ?t) {{ {values} }} "
        "FILTER EXISTS { GRAPH ?g { ?a a lg:Assessment } } "
        "OPTIONAL { ?t lg:statuses ?statuses } }"
    )
    found = {}
    for row in rows:
        if "statuses" not in row:
            return None
        code, year = str(row["t"]).rsplit("/", 3)[-3:-1]
        found[(code, int(year))] = str(row["statuses"])
    return found


def _table_rows(found: dict[tuple[str, int], str]) -> list[AssessmentRow]:
    labels = _labels()
    result = []
    for (code, year), statuses in found.items():
        for provision, (status, confidence, basis, contested) in json.loads(statuses).items():
            result.append(
                AssessmentRow(
                    country=code,
                    year=year,
                    provision=URIRef(provision),
                    citation=labels.get(provision, provision),
                    status=status,
                    confidence=float(confidence),
                    basis=basis,
                    contested=bool(contested),
                )
            )
    return sorted(result, key=lambda a: (a.country, a.year, _sort_key(a.provision)))


def assessed_years(store: GraphStore) -> list[int]:
    """The reporting years that have been assessed, oldest first (from the names of the
    assessment graphs, ``lgd:graph/assessment/{country}/{year}``: no pattern matching)."""
    years = set()
    for name in store.graph_names():
        tail = str(name)[len(_ASSESSMENT_GRAPHS) :]
        if str(name).startswith(_ASSESSMENT_GRAPHS) and tail.rsplit("/", 1)[-1].isdigit():
            years.add(int(tail.rsplit("/", 1)[-1]))
    return sorted(years)


@dataclass(frozen=True)
class YearCounts:
    """How many assessments of one reporting year have each status."""

    year: int
    counts: dict[str, int]  # status slug → assessments

    @property
    def gaps(self) -> int:
        return sum(self.counts.get(s, 0) for s in GAP_STATUSES)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def trend(
    store: GraphStore,
    *,
    years: Iterable[int] | None = None,
    directive: str | None = None,
    countries: Iterable[str] | None = None,
    provisions: Collection[str] | None = None,
) -> list[YearCounts]:
    """Assessments per status in each reporting year (default: every assessed year), for
    the ``countries`` given (EU codes or names; default all), one directive, and the
    ``provisions`` given (IRIs; default all). Read from the status tables of every
    country-year in one lookup; a year without tables is counted from its assessments."""
    chosen = (
        [resolve_country(c) for c in countries]
        if countries is not None
        else list(reference_index().countries.values())
    )
    wanted = sorted(set(years)) if years is not None else assessed_years(store)
    prefix = f"/provision/{_directive_celex(directive)}/" if directive else None

    def keep(provision: str) -> bool:
        return (prefix is None or prefix in provision) and (
            provisions is None or provision in provisions
        )

    counts: dict[int, Counter] = {year: Counter() for year in wanted}
    pairs = [(c.eu_code, year) for year in wanted for c in chosen]
    found = _tables(store, pairs) if pairs else {}
    if found is None:  # some year has no tables: count each year its own way
        codes = {c.eu_code for c in chosen}
        for year in wanted:
            for row in assessments(store, year=year, with_reasons=False):
                if row.country in codes and keep(str(row.provision)):
                    counts[year][row.status] += 1
    else:
        for (_, year), statuses in found.items():
            tally = counts[year]
            for provision, (status, *_) in json.loads(statuses).items():
                if keep(provision):
                    tally[status] += 1
    return [YearCounts(year, dict(counts[year])) for year in wanted]


@lru_cache(maxsize=8192)
def _sort_key(provision: URIRef) -> tuple:
    tail = str(provision).split("/provision/", 1)[-1]
    parts = tail.split("/")
    return (parts[0], *[(len(p), p) for p in parts[1:]])


def _reasons(
    store: GraphStore, assessment_iris: list[URIRef]
) -> dict[URIRef, list[dict[str, str]]]:
    # three plain lookups (the reasons, the rules' titles, the findings' sentences) joined here:
    # one query with the rule and the finding's text as OPTIONALs took 2-3 times as long
    values = " ".join(f"<{a}>" for a in assessment_iris)
    rows = store.select(
        sparql_prefixes()
        + f"""
SELECT ?a ?reason ?rule ?status ?confidence ?authority ?evidence ?ownText ?indication WHERE {{
  VALUES ?a {{ {values} }}
  ?a lg:reason ?reason . ?reason lg:rule ?rule ; lg:confidence ?confidence ;
     lg:authority ?authority .
  OPTIONAL {{ ?reason lg:indication ?indication }}
  OPTIONAL {{ ?reason lg:status ?status }}
  OPTIONAL {{ ?reason lg:evidence ?evidence }}
  OPTIONAL {{ ?reason lg:evidenceText ?ownText }}
}}"""
    )
    rules = _rule_titles(store, {r["rule"] for r in rows})
    texts = _evidence_texts(
        store, {r["evidence"] for r in rows if "evidence" in r and "ownText" not in r}
    )
    out: dict[URIRef, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        rule_id, title = rules.get(r["rule"], ("", ""))
        evidence = r.get("evidence")
        text = r.get("ownText") or (texts.get(evidence) if evidence is not None else None)
        out[r["a"]].append(
            {
                "reason": str(r["reason"]),
                "rule": rule_id,
                "title": title,
                "status": _slug(r["status"]) if "status" in r else "",
                "confidence": str(r["confidence"]),
                "authority": str(r["authority"]),
                "evidence": str(evidence) if evidence is not None else "",
                "text": str(text) if text is not None else "",
                "indication": str(r.get("indication", "false")),
            }
        )
    for reasons in out.values():
        reasons.sort(key=lambda x: (x["indication"] == "true", -float(x["confidence"]), x["rule"]))
    return out


def _rule_titles(store: GraphStore, rules: set[URIRef]) -> dict[URIRef, tuple[str, str]]:
    """Rule IRI → (identifier, title), for the rules that have both."""
    if not rules:
        return {}
    values = " ".join(f"<{r}>" for r in rules)
    rows = store.select(
        sparql_prefixes() + f"SELECT ?rule ?id ?title WHERE {{ VALUES ?rule {{ {values} }} "
        "?rule dct:identifier ?id ; dct:title ?title }"
    )
    return {r["rule"]: (str(r["id"]), str(r["title"])) for r in rows}


def _evidence_texts(store: GraphStore, evidence: set[URIRef]) -> dict[URIRef, object]:
    """Evidence IRI → its sentence (a finding's ``lg:evidenceText``)."""
    if not evidence:
        return {}
    values = " ".join(f"<{e}>" for e in evidence)
    rows = store.select(
        sparql_prefixes()
        + f"SELECT ?e ?text WHERE {{ VALUES ?e {{ {values} }} ?e lg:evidenceText ?text }}"
    )
    return {r["e"]: r["text"] for r in rows}


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
    evidence: bool = True,
) -> YearDiff:
    """What changed between two reporting years, for one country or all of them.

    ``basis="expert"`` compares only what the experts themselves assessed (the assessment
    blocks of the two reports); by default every assessment counts. With ``evidence=False``
    only statuses are compared (read from the status tables, much faster) and the changes
    carry no evidence sentences.
    """
    result = YearDiff(year_from, year_to)
    reasons = evidence or include_evidence
    before = {
        (a.country, a.provision): a
        for a in assessments(store, country=country, year=year_from, with_reasons=reasons)
    }
    after = {
        (a.country, a.provision): a
        for a in assessments(store, country=country, year=year_to, with_reasons=reasons)
    }
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


def _measure_titles(store: GraphStore, measures: set[URIRef]) -> dict[URIRef, set[str]]:
    """How the coverage matrix names each measure: its short titles, else its English titles,
    else its IRI. (Asked apart from the coverage: a measure restated in every year's report
    has its titles once per report, which multiplied the coverage rows.)"""
    out: dict[URIRef, set[str]] = {m: set() for m in measures}
    if not measures:
        return out
    values = " ".join(f"<{m}>" for m in measures)
    rows = store.select(
        sparql_prefixes()
        + f"""
SELECT DISTINCT ?measure ?kind ?title WHERE {{
  VALUES ?measure {{ {values} }}
  {{ ?measure eli:title_short ?title BIND ("short" AS ?kind) }}
  UNION {{ ?measure eli:title ?title FILTER (LANG(?title) = "en") BIND ("en" AS ?kind) }}
}}"""
    )
    found: dict[URIRef, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in rows:
        found[r["measure"]][str(r["kind"])].add(str(r["title"]))
    for measure in measures:
        kinds = found.get(measure, {})
        out[measure] = set(kinds.get("short") or kinds.get("en") or {str(measure)})
    return out


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
SELECT DISTINCT ?measure ?ground ?area WHERE {{
  {{ SELECT DISTINCT ?measure ?ground ?broad WHERE {{
      VALUES ?report {{ <{report_iri(target.eu_code, year)}> }}  # (its IRI: lawgraph.reports)
      ?report a lg:CountryReport ; lg:country <{target.iri}> ;
          lg:reportingYear "{year}"^^xsd:gYear .
      GRAPH ?g {{ ?measure lg:listedIn ?report ; lg:coversGround ?ground ; lg:coversArea ?broad }}
  }} }}
  ?area skos:broader* ?broad .
}}"""
    )
    titles = _measure_titles(store, {r["measure"] for r in covered_rows})
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
        covered[(r["ground"], r["area"])].update(titles[r["measure"]])
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
