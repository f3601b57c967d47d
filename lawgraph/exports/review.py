"""Collecting the Law Review from the graph: ``review_entries(store, start, end)``.

For each country, the entries of the period (``domain.md`` §3):

* **developments** the country reports record (``lg:Development``) dated within the period:
  legislation, case law (with the national ruling reported), equality-body decisions, policy
  and other developments, with the reporting expert of the report (``lg:expert/foaf:name``);
* **rulings** from the case-law files (``lgd:graph/ruling/…``) delivered within the period that
  concern the country (``lg:country``) and that no development of that country already reports;
  AG opinions are not rulings and are left out;
* **status changes** from the gap engine: ``lawgraph.gaps.diff(year − 1, year)`` for every
  reporting year whose report's reporting period (``lg:periodStart``–``lg:periodEnd``) overlaps
  the review period and for which the country also has the previous year's report. Changes to
  "not assessed" (a provision the newer report no longer assesses) are not developments and are
  left out.

Countries come in the review's order (EU Member States by English name, then EEA/EFTA, then
candidate countries, then others); within a country entries are ordered by type, then date. A
country is listed when it has an entry or a report whose period overlaps the review period, or
when it was asked for; a country without entries says so.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from lawgraph.errors import InputError
from lawgraph.exports.collect import (
    STRANDS,
    ReportInfo,
    developments,
    reports,
    rulings,
    status_changes,
)
from lawgraph.exports.model import CountrySection, Entry, Review
from lawgraph.exports.provenance import ExportInfo, source_documents
from lawgraph.exports.text import ENTRY_TYPES
from lawgraph.gaps import resolve_country
from lawgraph.refdata import Country, reference_index
from lawgraph.store.base import GraphStore

__all__ = [
    "STRANDS",
    "ReportInfo",
    "country_order",
    "find_entry",
    "parse_period",
    "review_entries",
]

_MEMBERSHIP_ORDER = {"eu": 0, "eea-efta": 1, "candidate": 2}


def country_order(country: Country) -> tuple[int, str]:
    """Sort key of the review's country order (refdata membership, then English name)."""
    membership = str(country.membership or "").rsplit("/", 1)[-1]
    return (_MEMBERSHIP_ORDER.get(membership, 3), country.name)


def parse_period(start: dt.date | str, end: dt.date | str) -> tuple[dt.date, dt.date]:
    """Check a review period; ISO dates (``2023-07-01``) are accepted as text."""
    first, last = _date_arg(start, "--from"), _date_arg(end, "--to")
    if last < first:
        raise InputError(
            "--to", last.isoformat(), f"the period ends before it starts ({first.isoformat()})"
        )
    return first, last


def _date_arg(value: dt.date | str, option: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(option, str(value), "not a date: use YYYY-MM-DD") from None


def review_entries(
    store: GraphStore,
    period_start: dt.date | str,
    period_end: dt.date | str,
    countries: Iterable[str] | None = None,
    strand: str = "non-discrimination",
    *,
    info: ExportInfo | None = None,
) -> Review:
    """The review of a period (see the module docstring); ``countries`` are EU codes or names."""
    start, end = parse_period(period_start, period_end)
    if strand not in STRANDS:
        raise InputError("--strand", strand, f"unknown strand; use {', '.join(STRANDS)}")
    wanted = [resolve_country(c) for c in countries] if countries else None
    found = reports(store, strand)
    draft = _Draft()
    for entry in developments(store, start, end, found):
        draft.add(entry)
    for entry in rulings(store, start, end, strand):
        draft.add(entry)
    for entry in status_changes(store, start, end, found):
        draft.add(entry)
    sections = _sections(draft.entries.values(), found, start, end, wanted)
    graphs = {g for s in sections for e in s.entries for g in e.graphs}
    covered = {s.country.alpha3 for s in sections}
    graphs |= {
        r.graph for r in found.values() if r.country.alpha3 in covered and r.overlaps(start, end)
    }
    return Review(
        start,
        end,
        strand,
        tuple(sections),
        tuple(source_documents(store, graphs)),
        info or ExportInfo.now(),
    )


def find_entry(store: GraphStore, key: str, strand: str = "non-discrimination") -> Entry:
    """The entry with this key, whatever its date (for editors' edits)."""
    country = key.split("/", 1)[0]
    if reference_index().country(country) is None:
        raise InputError("KEY", key, "not an entry key: it starts with an unknown country code")
    review = review_entries(
        store, dt.date(1, 1, 1), dt.date(9999, 12, 31), [country], strand, info=ExportInfo.now()
    )
    for entry in review.entries():
        if entry.key == key:
            return entry
    raise InputError(
        "KEY", key, "no entry has this key in the store (list keys with `lawgraph review-entries`)"
    )


# --- sections ------------------------------------------------------------------------------
def _sections(
    entries: Iterable[Entry],
    found: dict[str, ReportInfo],
    start: dt.date,
    end: dt.date,
    wanted: list[Country] | None,
) -> list[CountrySection]:
    index = reference_index()
    by_country: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_country[entry.country].append(entry)
    experts: dict[str, set[str]] = defaultdict(set)
    for report in found.values():
        if report.overlaps(start, end):
            by_country.setdefault(report.country.eu_code, [])
            if report.expert:
                experts[report.country.eu_code].add(report.expert)
    if wanted is not None:
        codes = {c.eu_code for c in wanted}
        by_country = {c: by_country.get(c, []) for c in codes}
    type_order = {t: i for i, t in enumerate(ENTRY_TYPES)}
    sections = []
    for code, items in by_country.items():
        items.sort(key=lambda e: (type_order[e.type], e.date or dt.date.min, e.key))
        country = index.country(code)
        assert country is not None
        sections.append(CountrySection(country, tuple(items), tuple(sorted(experts[code]))))
    return sorted(sections, key=lambda s: country_order(s.country))


@dataclass
class _Draft:
    """Collects entries before they are grouped: the first entry per key is kept, so that a
    ruling an expert reports is listed once, with the expert."""

    entries: dict[str, Entry] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        entry = replace(entry, title=_squash(entry.title), summary=_squash(entry.summary))
        self.entries.setdefault(entry.key, entry)


def _squash(text: str) -> str:
    return " ".join(text.split())
