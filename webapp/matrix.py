"""The gap matrix of the dashboard: countries × directive provisions for one reporting year.

Assessments come from :func:`lawgraph.gaps.assessments` (cached per year and directive for the
store's generation). A cell stands for an article (default) or a paragraph and shows the worst
status of the assessed parts under it; it links to the assessment when it holds exactly one,
else to the country page at that provision.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from flask import url_for

from lawgraph.gaps import AssessmentRow, assessments
from lawgraph.gaps import trend as gaps_trend
from lawgraph.identifiers import IdentifierError, ProvisionPath
from lawgraph.refdata import Country, ProvisionInfo, reference_index
from lawgraph.vocab import assessment_iri, provision_iri
from webapp.backend import get_store
from webapp.cache import cached
from webapp.facets import facets
from webapp.links import path_for, provision_path
from webapp.status import GAP_SLUGS, STATUSES, status, worst

__all__ = ["GROUPS", "LEVELS", "Filters", "build_matrix", "load_assessments", "trend"]

LEVELS = ("article", "paragraph")
GROUPS = {
    "eu": ("EU-27", ("eu",)),
    "eea-efta": ("EEA/EFTA", ("eea-efta",)),
    "candidate": ("candidate countries", ("candidate",)),
    "all": ("all countries", ("eu", "eea-efta", "candidate", "former-eu", "")),
}


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    directive: str | None = None  # CELEX
    level: str = "article"
    ground: str | None = None  # IRI
    area: str | None = None  # IRI
    group: str = "eu"
    statuses: tuple[str, ...] = ()


def load_assessments(year: int, celex: str | None) -> list[AssessmentRow]:
    """All assessments of one year (and directive), without reasons; cached (a directive's
    are taken from the year's)."""
    if celex is None:
        return cached(("assessments", year, None), lambda: assessments(
            get_store(), year=year, with_reasons=False))
    prefix = str(provision_iri(celex, ""))
    return cached(("assessments", year, celex), lambda: [
        r for r in load_assessments(year, None) if str(r.provision).startswith(prefix)])


@lru_cache(maxsize=1)
def _provision_index() -> dict[str, ProvisionInfo]:
    return {str(p.iri): p for p in reference_index().provisions.values()}


def membership(country: Country) -> str:
    return str(country.membership or "").rsplit("/", 1)[-1]


def in_group(country: Country, group: str) -> bool:
    return membership(country) in GROUPS[group][1]


@lru_cache(maxsize=8192)
def _column_for(provision: str, level: str) -> dict[str, object] | None:
    """The column an assessed provision falls in at this level (its article or paragraph)."""
    found = provision_path(provision)
    if found is None:
        return None
    celex, path = found
    parts = path.split("/")
    return _column(celex, "/".join(parts[: 1 if level == "article" else 2]))


def _group_codes(group: str) -> frozenset[str]:
    return frozenset(c.eu_code for c in reference_index().countries.values() if in_group(c, group))


def _filtered(rows: list[AssessmentRow], f: Filters) -> list[AssessmentRow]:
    codes = _group_codes(f.group)
    rows = [row for row in rows if row.country in codes]
    if f.ground or f.area:
        facet = facets()
        rows = [row for row in rows if facet.matches(str(row.provision), f.ground, f.area)]
    return rows


@dataclass
class _Cell:
    rows: list[AssessmentRow] = field(default_factory=list)

    @property
    def status(self) -> str:
        return worst([r.status for r in self.rows])


@lru_cache(maxsize=4096)
def _column(celex: str, path: str) -> dict[str, object]:
    """A column's heading (shared by every matrix: not to be changed)."""
    info = reference_index().directives.get(celex)
    try:
        citation = str(ProvisionPath.from_iri_path(path))
    except IdentifierError:
        citation = path
    article = _provision_index().get(str(provision_iri(celex, path.split("/")[0])))
    iri = provision_iri(celex, path)
    return {
        "key": str(iri), "anchor": anchor(iri), "celex": celex, "path": path,
        "label": f"Art {citation}",
        "directive": info.short if info else celex,
        "heading": (article.heading if article and article.heading else ""),
        "href": path_for(iri),
        "citation": (_provision_index().get(str(iri)).label if str(iri) in _provision_index()
                     else f"Article {citation} of {info.number if info else celex}"),
    }


def _sort_key(column: dict[str, object]) -> tuple:
    return _path_order(str(column["celex"]), str(column["path"]))


@lru_cache(maxsize=4096)
def _path_order(celex: str, path_text: str) -> tuple:
    try:
        return (celex, 0, ProvisionPath.from_iri_path(path_text))
    except IdentifierError:
        return (celex, 1, path_text)


def _cell_record(code: str, name: str, column: dict, cell: _Cell | None, f: Filters,
                 year: int, country_href: str) -> dict[str, object]:
    slug = cell.status if cell else "not-assessed"
    shown = not f.statuses or slug in f.statuses
    record = _status_record(slug)
    parts = len(cell.rows) if cell else 0
    href = None
    if cell and len(cell.rows) == 1:
        only = cell.rows[0]
        celex, path = provision_path(only.provision) or ("", "")
        href = path_for(assessment_iri(code, year, celex, path))
    elif cell:
        href = f"{country_href}#{column['anchor']}"
    text = f"{name}, {column['citation']}: {record['label']}"
    if parts > 1:
        text += f" (worst of {parts} assessed parts)"
    if cell and any(r.contested for r in cell.rows):
        text += "; contested"
    return {
        "status": slug, "symbol": record["symbol"], "code": record["code"],
        "label": record["label"], "parts": parts, "href": href if shown else None,
        "contested": bool(cell and any(r.contested for r in cell.rows)), "shown": shown,
        "text": text,
    }


@lru_cache(maxsize=16)
def _status_record(slug: str) -> dict[str, object]:
    return status(slug).record()  # (shared: read, never changed)


def anchor(provision: object) -> str:
    """The id of a provision's block on a country page: ``p-32000L0043-art_8-par_1``."""
    found = provision_path(provision)
    return "p-" + "-".join(found).replace("/", "-") if found else "p-unknown"


def build_matrix(f: Filters) -> dict[str, object]:
    """The view model of the heatmap for the filters (``f.year`` must be set)."""
    assert f.year is not None
    rows = _filtered(load_assessments(f.year, f.directive), f)
    cells: dict[tuple[str, str], _Cell] = defaultdict(_Cell)
    columns: dict[str, dict] = {}
    for row in rows:
        column = _column_for(str(row.provision), f.level)
        if column is None:
            continue
        columns[column["key"]] = column
        cells[(row.country, column["key"])].rows.append(row)
    ordered = sorted(columns.values(), key=_sort_key)
    index = reference_index()
    countries = sorted({r.country for r in rows}, key=lambda c: index.country(c).name)
    matrix_rows = []
    for code in countries:
        country = index.country(code)
        href = url_for("countries.country", code=code, year=f.year)
        records = [_cell_record(code, country.name, c, cells.get((code, c["key"])), f, f.year,
                                href) for c in ordered]
        matrix_rows.append(_row(country, records, href))
    if f.statuses:
        matrix_rows, ordered = _drop_empty(matrix_rows, ordered)
    return {
        "columns": ordered, "rows": matrix_rows,
        "directives": _directive_groups(ordered),
        "column_totals": _column_totals(matrix_rows, len(ordered)),
        "missing": _missing(countries, f),
    }


def _row(country: Country, records: list[dict], href: str) -> dict[str, object]:
    counts = Counter(r["status"] for r in records if r["shown"] and r["status"] != "not-assessed")
    return {
        "code": country.eu_code, "name": country.name, "membership": membership(country),
        "href": href,
        "cells": records, "counts": dict(counts), "gaps": sum(counts[s] for s in GAP_SLUGS),
        "assessed": sum(counts.values()),
    }


def _drop_empty(rows: list[dict], columns: list[dict]) -> tuple[list[dict], list[dict]]:
    keep_cols = [i for i in range(len(columns))
                 if any(r["cells"][i]["shown"] and r["cells"][i]["parts"] for r in rows)]
    kept_rows = []
    for row in rows:
        cells = [row["cells"][i] for i in keep_cols]
        if any(c["shown"] and c["parts"] for c in cells):
            kept_rows.append({**row, "cells": cells})
    return kept_rows, [columns[i] for i in keep_cols]


def _directive_groups(columns: list[dict]) -> list[dict[str, object]]:
    groups: list[dict[str, object]] = []
    for column in columns:
        if groups and groups[-1]["celex"] == column["celex"]:
            groups[-1]["span"] += 1
            continue
        info = reference_index().directives.get(column["celex"])
        groups.append({"celex": column["celex"], "short": column["directive"], "span": 1,
                       "title": info.short_title if info else column["celex"],
                       "href": path_for(info.iri) if info else None})
    return groups


def _column_totals(rows: list[dict], width: int) -> list[dict[str, int]]:
    totals = []
    for i in range(width):
        shown = [r["cells"][i] for r in rows if r["cells"][i]["shown"]]
        totals.append({
            "gaps": sum(1 for c in shown if c["status"] in GAP_SLUGS),
            "assessed": sum(1 for c in shown if c["status"] != "not-assessed"),
        })
    return totals


def _missing(present: list[str], f: Filters) -> list[dict[str, str]]:
    index = reference_index()
    return [
        {"code": c.eu_code, "name": c.name}
        for c in sorted(index.countries.values(), key=lambda c: c.name)
        if in_group(c, f.group) and c.eu_code not in present and membership(c) != "former-eu"
    ]


def trend(f: Filters, years: list[int]) -> list[dict[str, object]]:
    """Assessments per reporting year and status (filters but the year and statuses applied,
    all parts counted), from :func:`lawgraph.gaps.trend`; cached per generation and filters."""
    key = ("trend", f.directive, f.group, f.ground, f.area, tuple(years))
    return cached(key, lambda: _trend(f, years))


def _trend(f: Filters, years: list[int]) -> list[dict[str, object]]:
    countries = [c.eu_code for c in reference_index().countries.values() if in_group(c, f.group)]
    provisions = None
    if f.ground or f.area:
        facet = facets()
        provisions = {p for p in facet.grounds if facet.matches(p, f.ground, f.area)}
    points = gaps_trend(get_store(), years=years, directive=f.directive, countries=countries,
                        provisions=provisions)
    return [{
        "year": point.year, "counts": {s.slug: point.counts.get(s.slug, 0) for s in STATUSES},
        "gaps": point.gaps, "total": point.total,
    } for point in points]
