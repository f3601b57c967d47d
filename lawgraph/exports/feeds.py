"""Atom 1.0 feeds (RFC 4287) of status changes and new case law, per country or per provision.

* **status changes**: ``lawgraph.gaps.diff(year − 1, year)`` for each pair of consecutive
  reporting years in which the country has assessments (changes to "not assessed" are left out,
  as in the review);
* **case law**: rulings concerning the country (``lg:country``, or reported in one of its
  developments), or interpreting or citing the provision or one of its sub-provisions; the
  newest first.

Every entry has a stable id (the ruling's IRI; the assessment's IRI with
``#changed-from-{year}``), an ``updated`` date (the ruling's date; the end of the newer report's
reporting period) and a link to the web app, which serves ``https://w3id.org/lawgraph/id/X`` at
``{base_url}/X``; other IRIs (countries, ELIs) are linked as they are. The feed says what it
contains in its subtitle. Text is escaped by the XML serialiser.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import quote

from lawgraph.exports.provenance import ExportInfo, sample_notice, source_documents
from lawgraph.exports.text import counted, long_date, status_label
from lawgraph.gaps import diff, resolve_country
from lawgraph.refdata import Country, ProvisionInfo
from lawgraph.store.base import GraphStore
from lawgraph.vocab import LGD, assessment_iri, report_graph, sparql_prefixes

__all__ = [
    "ATOM_NS",
    "DEFAULT_BASE_URL",
    "FeedEntry",
    "country_feed",
    "provision_feed",
    "resolve_provision",
    "resource_url",
]

ATOM_NS = "http://www.w3.org/2005/Atom"
DEFAULT_BASE_URL = str(LGD).rstrip("/")
_TAG = "tag:w3id.org,2024:lawgraph/feed"
_UNASSESSED = ("none", "not-assessed")
_RULINGS = "lg:Judgment lg:Order lg:EqualityBodyDecision"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    updated: dt.date
    link: str
    summary: str
    category: str  # "status-change" | "case-law"
    graphs: tuple[str, ...] = ()


def resource_url(iri: str, base_url: str = DEFAULT_BASE_URL) -> str:
    """The web app's URL of a resource: ``lgd:X`` → ``{base_url}/X``; other IRIs unchanged.

    >>> resource_url("https://w3id.org/lawgraph/id/ecli/ECLI:EU:C:2008:397", "http://localhost:5000/")
    'http://localhost:5000/ecli/ECLI:EU:C:2008:397'
    """
    prefix = str(LGD)
    if not iri.startswith(prefix):
        return iri
    return f"{base_url.rstrip('/')}/{quote(iri[len(prefix) :], safe='/:._-~%')}"


def resolve_provision(text: str) -> ProvisionInfo:
    """``"2000/78 Art 5"``, ``"Article 8 RED"`` → the provision (an InputError if unknown)."""
    from lawgraph.reports.blocks import resolve_provision as resolve
    from lawgraph.sources import Location

    return resolve(text, "--provision", Location("--provision"))


# --- feeds ---------------------------------------------------------------------------------
def country_feed(
    store: GraphStore,
    country: str,
    *,
    base_url: str = DEFAULT_BASE_URL,
    limit: int = 100,
    info: ExportInfo | None = None,
) -> bytes:
    """The Atom feed of one country (EU code or name)."""
    target = resolve_country(country)
    entries = _status_changes(store, base_url, country=target) + _rulings(
        store,
        base_url,
        f"{{ ?j lg:country <{target.iri}> }} UNION "
        f"{{ ?d a lg:Development ; lg:ruling ?j ; lg:country <{target.iri}> }}",
    )
    return _render(
        store,
        f"{_TAG}/country/{target.eu_code}",
        f"lawgraph: {target.name}: status changes and new case law",
        target.name,
        resource_url(str(target.iri), base_url),
        entries,
        limit,
        info or ExportInfo.now(),
    )


def provision_feed(
    store: GraphStore,
    provision: str,
    *,
    base_url: str = DEFAULT_BASE_URL,
    limit: int = 100,
    info: ExportInfo | None = None,
) -> bytes:
    """The Atom feed of one directive provision and its sub-provisions (``"2000/78 Art 5"``)."""
    target = resolve_provision(provision)
    iri = str(target.iri)
    match = f'FILTER (?p = <{iri}> || STRSTARTS(STR(?p), "{iri}/"))'
    entries = _status_changes(store, base_url, provision=iri) + _rulings(
        store, base_url, f"?j lg:interprets|eli:cites ?p . {match}"
    )
    return _render(
        store,
        f"{_TAG}/provision/{iri[len(str(LGD['provision/'])) :]}",
        f"lawgraph: {target.label}: status changes and new case law",
        target.label,
        resource_url(iri, base_url),
        entries,
        limit,
        info or ExportInfo.now(),
    )


# --- entries -----------------------------------------------------------------------------------
def _assessed(store: GraphStore) -> dict[tuple[str, int], dt.date | None]:
    """(country, year) pairs with assessments → the end of that year's reporting period."""
    rows = store.select(
        sparql_prefixes()
        + """
SELECT DISTINCT ?code ?y ?end WHERE {
  ?a a lg:Assessment ; lg:country ?c ; lg:reportingYear ?y . ?c lg:euCode ?code .
  OPTIONAL { ?r a lg:CountryReport ; lg:country ?c ; lg:reportingYear ?y ; lg:periodEnd ?end }
}"""
    )
    out: dict[tuple[str, int], dt.date | None] = {}
    for row in rows:
        end = dt.date.fromisoformat(str(row["end"])[:10]) if "end" in row else None
        out[(str(row["code"]), int(str(row["y"])[:4]))] = end
    return out


def _status_changes(
    store: GraphStore,
    base_url: str,
    *,
    country: Country | None = None,
    provision: str | None = None,
) -> list[FeedEntry]:
    assessed = _assessed(store)
    years = sorted({y for _, y in assessed})
    entries = []
    for year in (y for y in years if y - 1 in years):
        changes = diff(store, year - 1, year, country=country.eu_code if country else None)
        for change in changes.changes:
            if change.after in _UNASSESSED or (change.country, year - 1) not in assessed:
                continue
            if provision and not (
                str(change.provision) == provision
                or str(change.provision).startswith(provision + "/")
            ):
                continue
            entries.append(
                _change_entry(change, year, assessed.get((change.country, year)), base_url)
            )
    return entries


def _change_entry(change, year: int, period_end: dt.date | None, base_url: str) -> FeedEntry:
    celex, _, path = str(change.provision).split("/provision/", 1)[-1].partition("/")
    iri = str(assessment_iri(change.country, year, celex, path))
    kind = f" ({change.kind})" if change.kind in ("new gap", "closed gap") else ""
    title = (
        f"{change.country}: {change.citation}: {status_label(change.before)} → "
        f"{status_label(change.after)}{kind}"
    )
    evidence = next((t for t in change.evidence_after if not t.startswith("Assessed as ")), "")
    summary = (
        f"Assessed as {status_label(change.after)} in the {year} report "
        f"({status_label(change.before)} in the {year - 1} report). {evidence}"
    ).strip()
    return FeedEntry(
        f"{iri}#changed-from-{year - 1}",
        title,
        period_end or dt.date(year, 1, 1),
        resource_url(iri, base_url),
        summary,
        "status-change",
        (str(report_graph(change.country, year)), str(report_graph(change.country, year - 1))),
    )


def _rulings(store: GraphStore, base_url: str, pattern: str) -> list[FeedEntry]:
    rows = store.select(
        sparql_prefixes()
        + f"""
SELECT ?j (MIN(?date_) AS ?date) (MIN(STR(?t)) AS ?title) (MIN(STR(?abs)) AS ?abstract)
  (MIN(STR(?court_)) AS ?court) (GROUP_CONCAT(DISTINCT STR(?case); separator=", ") AS ?cases)
  (GROUP_CONCAT(DISTINCT STR(?g); separator=" ") AS ?graphs)
WHERE {{
  {{ SELECT DISTINCT ?j WHERE {{ {pattern} }} }}
  VALUES ?class {{ {_RULINGS} }}
  GRAPH ?g {{ ?j a ?class ; eli:date_document ?date_ }}
  OPTIONAL {{ ?j dct:title ?t }} OPTIONAL {{ ?j dct:abstract ?abs }}
  OPTIONAL {{ ?j lg:courtName ?court_ }} OPTIONAL {{ ?j lg:caseNumber ?case }}
}} GROUP BY ?j"""
    )
    entries = []
    for row in rows:
        date = dt.date.fromisoformat(str(row["date"])[:10])
        name = str(row.get("title") or row["j"])
        cases = str(row.get("cases", ""))
        title = f"{name} ({cases})" if cases and cases not in name else name
        court = str(row.get("court", ""))
        summary = " ".join(
            p
            for p in (f"{court}, {long_date(date)}." if court else "", str(row.get("abstract", "")))
            if p
        )
        entries.append(
            FeedEntry(
                str(row["j"]),
                title,
                date,
                resource_url(str(row["j"]), base_url),
                summary,
                "case-law",
                tuple(str(row.get("graphs", "")).split()),
            )
        )
    return entries


# --- Atom ------------------------------------------------------------------------------------
def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _child(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def _render(
    store: GraphStore,
    feed_id: str,
    title: str,
    subject: str,
    alternate: str,
    entries: list[FeedEntry],
    limit: int,
    info: ExportInfo,
) -> bytes:
    entries = sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)[: max(limit, 0)]
    sources = source_documents(store, {g for e in entries for g in e.graphs if g})
    changes = sum(1 for e in entries if e.category == "status-change")
    subtitle = (
        f"{subject}: {counted(len(entries), 'entry', 'entries')} "
        f"({counted(changes, 'status change', 'status changes')}, "
        f"{counted(len(entries) - changes, 'ruling', 'rulings')}), newest first. "
        f"{info.text()}"
    )
    notice = sample_notice(sources)
    if notice:
        subtitle += f" {notice}"
    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    _child(feed, "id", feed_id)
    _child(feed, "title", title)
    _child(feed, "subtitle", subtitle)
    updated = max((e.updated for e in entries), default=None)
    _child(feed, "updated", _stamp(updated) if updated else info.timestamp)
    _child(feed, "link", rel="alternate", href=alternate)
    author = _child(feed, "author")
    _child(author, "name", "lawgraph")
    _child(feed, "generator", "lawgraph", uri="https://w3id.org/lawgraph", version=info.version)
    for entry in entries:
        node = _child(feed, "entry")
        _child(node, "id", entry.id)
        _child(node, "title", entry.title)
        _child(node, "updated", _stamp(entry.updated))
        _child(node, "link", rel="alternate", href=entry.link)
        _child(node, "category", term=entry.category)
        _child(node, "summary", entry.summary, type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
