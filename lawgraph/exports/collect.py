"""Reading the review's entries from the graph: developments, rulings and status changes.

Each function returns :class:`~lawgraph.exports.model.Entry` objects for a period; the rules of
what counts are in :mod:`lawgraph.exports.review`. Multi-valued fields (grounds, provisions,
case numbers) are read with separate queries so that no query multiplies its rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import unquote

from rdflib import URIRef

from lawgraph.exports.model import Entry, entry_key
from lawgraph.exports.text import ENTRY_TYPES, long_date, status_label
from lawgraph.gaps import assessments, diff
from lawgraph.refdata import Country, reference_index
from lawgraph.store.base import GraphStore
from lawgraph.vocab import LGD, assessment_graph, assessment_iri, sparql_prefixes

__all__ = [
    "STRANDS",
    "ReportInfo",
    "developments",
    "reports",
    "rulings",
    "status_changes",
]

STRANDS = {
    "non-discrimination": ("32000L0043", "32000L0078"),
    "gender-equality": ("31979L0007", "32004L0113", "32006L0054", "32010L0041", "32023L0970"),
}
_UNASSESSED = ("none", "not-assessed")
_TYPE_PREFIX = str(LGD["development-type/"])
_RULING_GRAPHS = str(LGD["graph/ruling/"])
_CJEU_COURT = "Court of Justice of the European Union"
_ECLI_PREFIX = str(LGD["ecli/"])


@dataclass(frozen=True)
class ReportInfo:
    iri: str
    graph: str
    country: Country
    year: int
    start: dt.date | None
    end: dt.date | None
    expert: str | None

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        first = self.start or dt.date(self.year - 1, 1, 1)
        last = self.end or dt.date(self.year - 1, 12, 31)
        return first <= end and start <= last

    @property
    def label(self) -> str:
        return f"country report {self.country.name} {self.year}"


# --- reports -------------------------------------------------------------------------------
def reports(store: GraphStore, strand: str) -> dict[str, ReportInfo]:
    """The country reports of a strand (a report without ``lg:strand`` is non-discrimination),
    by report IRI."""
    rows = store.select(
        sparql_prefixes()
        + """
SELECT ?r ?g ?country ?year ?start ?end ?expert ?strand WHERE {
  GRAPH ?g { ?r a lg:CountryReport ; lg:country ?country ; lg:reportingYear ?year .
    OPTIONAL { ?r lg:periodStart ?start } OPTIONAL { ?r lg:periodEnd ?end }
    OPTIONAL { ?r lg:strand ?strand }
    OPTIONAL { ?r lg:expert ?e . ?e foaf:name ?expert } }
}"""
    )
    countries = {c.iri: c for c in reference_index().countries.values()}
    out = {}
    for row in rows:
        if str(row.get("strand", "non-discrimination")).lower() != strand:
            continue
        country = countries.get(row["country"])
        if country is None:
            continue
        out[str(row["r"])] = ReportInfo(
            str(row["r"]),
            str(row["g"]),
            country,
            int(str(row["year"])[:4]),
            _date(row.get("start")),
            _date(row.get("end")),
            str(row["expert"]) if "expert" in row else None,
        )
    return out


def _date(term: object) -> dt.date | None:
    if term is None:
        return None
    try:
        return dt.date.fromisoformat(str(term)[:10])
    except ValueError:
        return None


def _in_period(variable: str, start: dt.date, end: dt.date) -> str:
    return (
        f'FILTER (?{variable} >= "{start.isoformat()}"^^xsd:date '
        f'&& ?{variable} <= "{end.isoformat()}"^^xsd:date)'
    )


def _grouped(rows: list[dict], key: str, multi: tuple[str, ...]) -> list[dict]:
    """One dict per ``key``: the first value of single fields, the set of ``multi`` fields."""
    out: dict[object, dict] = {}
    for row in rows:
        record = out.setdefault(row[key], {m: set() for m in multi})
        for name, value in row.items():
            if name in multi:
                record[name].add(value)
            else:
                record.setdefault(name, value)
    return list(out.values())


def _labels(store: GraphStore, subjects: list[URIRef], predicate: str) -> dict[str, list[str]]:
    """Grounds or provisions of each subject, as readable labels, sorted."""
    if not subjects:
        return {}
    ref = reference_index()
    provisions = {p.iri: p.label for p in ref.provisions.values()}
    values = " ".join(f"<{s}>" for s in subjects)
    rows = store.select(
        sparql_prefixes() + f"SELECT ?s ?o WHERE {{ VALUES ?s {{ {values} }} ?s {predicate} ?o }}"
    )
    out: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        o = row["o"]
        out[str(row["s"])].add(ref.grounds.get(o) or provisions.get(o) or str(o))
    return {s: sorted(v) for s, v in out.items()}


# --- developments --------------------------------------------------------------------------
def developments(
    store: GraphStore, start: dt.date, end: dt.date, reports: dict[str, ReportInfo]
) -> list[Entry]:
    """The developments reported for the period, each with its report's expert."""
    rows = store.select(
        sparql_prefixes()
        + f"""
SELECT ?d ?g ?report ?type ?date ?title ?abstract ?source ?ruling ?court ?ecli ?case ?rulingGraph
WHERE {{
  GRAPH ?g {{
    ?d a lg:Development ; lg:developmentType ?type ; dct:date ?date ; dct:title ?title ;
       prov:wasDerivedFrom ?report .
    OPTIONAL {{ ?d dct:abstract ?abstract }} OPTIONAL {{ ?d dct:source ?source }}
  }}
  OPTIONAL {{ ?d lg:ruling ?ruling .
    OPTIONAL {{ ?ruling lg:courtName ?court }} OPTIONAL {{ ?ruling lg:ecli ?ecli }}
    OPTIONAL {{ ?ruling lg:caseNumber ?case }}
    OPTIONAL {{ GRAPH ?rulingGraph {{ ?rulingGraph prov:wasDerivedFrom ?ruling }} }} }}
  {_in_period("date", start, end)}
}}"""
    )
    records = [
        r for r in _grouped(rows, "d", ("case", "rulingGraph")) if str(r["report"]) in reports
    ]
    subjects = [r["d"] for r in records]
    grounds = _labels(store, subjects, "lg:ground")
    provisions = _labels(store, subjects, "lg:concernsProvision")
    entries = []
    for record in records:
        report = reports[str(record["report"])]
        iri = str(record["d"])
        entries.append(
            _development_entry(record, report, grounds.get(iri, []), provisions.get(iri, []))
        )
    return entries


def _development_entry(
    record: dict, report: ReportInfo, grounds: list[str], provisions: list[str]
) -> Entry:
    kind = str(record["type"]).removeprefix(_TYPE_PREFIX)
    kind = kind if kind in ENTRY_TYPES else "other"
    date = _date(record["date"])
    ecli = _ecli(record)
    cases = sorted(str(c) for c in record["case"])
    source = str(record["source"]) if "source" in record else None
    url = source if source and source.startswith(("http://", "https://")) else None
    if kind in ("case-law", "equality-body") or ecli or cases:
        court = str(record["court"]) if "court" in record else None
        if court is None and ecli and ecli.startswith("ECLI:EU:C:"):
            court = _CJEU_COURT
        citation = _ruling_citation(court, date, cases, ecli)
    else:
        citation = "" if url else (source or "")
    title = str(record["title"])
    return Entry(
        key=entry_key(
            report.country.eu_code, kind, date or "undated", ecli or _first(cases), title
        ),
        country=report.country.eu_code,
        type=kind,
        date=date,
        title=title,
        summary=str(record.get("abstract", "")),
        grounds=tuple(grounds),
        provisions=tuple(provisions),
        citation=citation,
        source_url=url,
        expert=report.expert,
        origin=report.label,
        iri=str(record["d"]),
        graphs=(report.graph, *sorted(str(g) for g in record["rulingGraph"])),
    )


def _ecli(record: dict) -> str | None:
    """The ECLI of the ruling a development reports: recorded on the ruling, or (a CJEU ruling,
    which report graphs only link to) read from its IRI ``lgd:ecli/{ECLI}``."""
    if "ecli" in record:
        return str(record["ecli"])
    ruling = str(record.get("ruling", ""))
    return unquote(ruling[len(_ECLI_PREFIX) :]) if ruling.startswith(_ECLI_PREFIX) else None


def _first(items: list[str]) -> str | None:
    return items[0] if items else None


def _ruling_citation(
    court: str | None, date: dt.date | None, cases: list[str], ecli: str | None
) -> str:
    parts = [court or "", long_date(date), " and ".join(f"case {c}" for c in cases), ecli or ""]
    return ", ".join(p for p in parts if p)


# --- rulings from case-law files -----------------------------------------------------------
def rulings(store: GraphStore, start: dt.date, end: dt.date, strand: str) -> list[Entry]:
    """Rulings of the case-law files delivered in the period, one entry per country concerned,
    unless a development of that country reports the ruling."""
    rows = store.select(
        sparql_prefixes()
        + f"""
SELECT ?j ?g ?class ?date ?title ?abstract ?ecli ?case ?country ?courtName ?courtLabel
       ?formation ?celex WHERE {{
  VALUES ?class {{ lg:Judgment lg:Order lg:EqualityBodyDecision }}
  GRAPH ?g {{
    ?j a ?class ; eli:date_document ?date ; lg:country ?country .
    OPTIONAL {{ ?j dct:title ?title }} OPTIONAL {{ ?j dct:abstract ?abstract }}
    OPTIONAL {{ ?j lg:ecli ?ecli }} OPTIONAL {{ ?j lg:caseNumber ?case }}
    OPTIONAL {{ ?j lg:courtName ?courtName }} OPTIONAL {{ ?j lg:formation ?formation }}
    OPTIONAL {{ ?j lg:court ?court }}
    OPTIONAL {{ ?j lg:interprets ?p }}
  }}
  FILTER (STRSTARTS(STR(?g), "{_RULING_GRAPHS}"))
  OPTIONAL {{ ?court skos:prefLabel|rdfs:label ?courtLabel }}
  OPTIONAL {{ ?p lg:directive/lg:celex ?celex }}
  {_in_period("date", start, end)}
  FILTER NOT EXISTS {{ ?d a lg:Development ; lg:ruling ?j ; lg:country ?country }}
}}"""
    )
    for row in rows:
        row["jc"] = (row["j"], row["country"])
    records = _grouped(rows, "jc", ("case", "celex"))
    directives = set(STRANDS[strand])
    records = [r for r in records if not r["celex"] or {str(c) for c in r["celex"]} & directives]
    subjects = sorted({r["j"] for r in records})
    grounds = _labels(store, subjects, "lg:concernsGround")
    provisions = _labels(store, subjects, "lg:interprets")
    countries = {c.iri: c for c in reference_index().countries.values()}
    entries = []
    for record in records:
        country = countries.get(record["country"])
        if country is not None:
            iri = str(record["j"])
            entries.append(
                _ruling_entry(record, country, grounds.get(iri, []), provisions.get(iri, []))
            )
    return entries


def _ruling_entry(
    record: dict, country: Country, grounds: list[str], provisions: list[str]
) -> Entry:
    ecli = str(record["ecli"]) if "ecli" in record else None
    cases = sorted(str(c) for c in record["case"])
    date = _date(record["date"])
    is_cjeu = bool(ecli and ecli.startswith("ECLI:EU:C:"))
    court = str(record.get("courtLabel") or record.get("courtName") or "")
    if not court and is_cjeu:
        court = _CJEU_COURT
    if court and "formation" in record:
        court += f" ({record['formation']})"
    kind = "equality-body" if str(record["class"]).endswith("EqualityBodyDecision") else "case-law"
    name = str(record.get("title") or ", ".join(cases) or ecli or "Ruling")
    title = f"{name} ({', '.join(cases)})" if cases and cases[0] not in name else name
    return Entry(
        key=entry_key(country.eu_code, kind, date or "undated", ecli or _first(cases), title),
        country=country.eu_code,
        type=kind,
        date=date,
        title=title,
        summary=str(record.get("abstract", "")),
        grounds=tuple(grounds),
        provisions=tuple(provisions),
        citation=_ruling_citation(court, date, cases, ecli),
        origin="CJEU ruling" if is_cjeu else "case-law file",
        iri=str(record["j"]),
        graphs=(str(record["g"]),),
    )


# --- status changes ------------------------------------------------------------------------
def status_changes(
    store: GraphStore, start: dt.date, end: dt.date, reports: dict[str, ReportInfo]
) -> list[Entry]:
    """Status changes between consecutive reports whose newer one covers part of the period."""
    by_country_year = {(r.country.eu_code, r.year): r for r in reports.values()}
    pairs = {
        (code, year)
        for (code, year), report in by_country_year.items()
        if report.overlaps(start, end) and (code, year - 1) in by_country_year
    }
    entries = []
    for year in sorted({year for _, year in pairs}):
        top = {(a.country, a.provision): a for a in assessments(store, year=year)}
        for change in diff(store, year - 1, year).changes:
            if (change.country, year) not in pairs or change.after in _UNASSESSED:
                continue
            if change.before == change.after:
                continue
            report = by_country_year[(change.country, year)]
            previous = by_country_year[(change.country, year - 1)]
            entries.append(
                _change_entry(change, report, previous, top.get((change.country, change.provision)))
            )
    return entries


def _change_entry(change, report: ReportInfo, previous: ReportInfo, assessment) -> Entry:
    year = report.year
    tail = str(change.provision).split("/provision/", 1)[-1]
    celex, _, path = tail.partition("/")
    kind = f" ({change.kind})" if change.kind in ("new gap", "closed gap") else ""
    before = (
        f"not assessed in the {year - 1} report"
        if change.before in _UNASSESSED
        else f"{status_label(change.before)} in the {year - 1} report"
    )
    summary = f"Assessed as {status_label(change.after)} in the {year} report; {before}."
    reason = _reason_text(assessment)
    if reason:
        summary += f" {reason}"
    return Entry(
        key=entry_key(change.country, "status-change", f"{year - 1}-{year}", tail),
        country=change.country,
        type="status-change",
        date=report.end,
        title=f"{change.citation}: {_arrow(change.before, change.after)}{kind}",
        summary=summary,
        provisions=(change.citation,),
        citation=f"lawgraph gap assessment of the country reports {year - 1} and {year}",
        expert=report.expert,
        origin=f"country reports {report.country.name} {year - 1} and {year}",
        iri=str(assessment_iri(change.country, year, celex, path)),
        graphs=(report.graph, previous.graph, str(assessment_graph(change.country, year))),
    )


def _arrow(before: str, after: str) -> str:
    return f"{status_label(before)} → {status_label(after)}"


def _reason_text(assessment) -> str:
    """The deciding reason's evidence, unless it only restates the status."""
    if assessment is None or not assessment.reasons:
        return ""
    text = assessment.reasons[0].get("text", "").strip()
    return "" if text.startswith("Assessed as ") and text.endswith("by the expert.") else text
