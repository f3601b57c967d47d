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
from typing import NamedTuple

from flask import url_for

from lawgraph.gaps import AssessmentRow, assessments
from lawgraph.identifiers import IdentifierError, ProvisionPath
from lawgraph.refdata import Country, ProvisionInfo, reference_index
from lawgraph.store import GraphStore
from lawgraph.vocab import LGD, assessment_iri, provision_iri, sparql_prefixes
from webapp.backend import get_store
from webapp.cache import cached
from webapp.facets import facets
from webapp.links import path_for, provision_path
from webapp.status import GAP_SLUGS, STATUSES, status, worst

__all__ = ["GROUPS", "LEVELS", "Filters", "assessment_keys", "build_matrix", "load_assessments",
           "trend"]

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
    """All assessments of one year (and directive), without reasons; cached."""
    return cached(("assessments", year, celex), lambda: assessments(
        get_store(), year=year, directive=celex, with_reasons=False))


@lru_cache(maxsize=1)
def _provision_index() -> dict[str, ProvisionInfo]:
    return {str(p.iri): p for p in reference_index().provisions.values()}


def membership(country: Country) -> str:
    return str(country.membership or "").rsplit("/", 1)[-1]


def in_group(country: Country, group: str) -> bool:
    return membership(country) in GROUPS[group][1]


def _column_key(provision: object, level: str) -> tuple[str, str] | None:
    found = provision_path(provision)
    if found is None:
        return None
    celex, path = found
    parts = path.split("/")
    return celex, "/".join(parts[: 1 if level == "article" else 2])


def _filtered(rows: list[AssessmentRow], f: Filters) -> list[AssessmentRow]:
    index = reference_index()
    facet = facets()
    out = []
    for row in rows:
        country = index.country(row.country)
        if country is None or not in_group(country, f.group):
            continue
        if (f.ground or f.area) and not facet.matches(str(row.provision), f.ground, f.area):
            continue
        out.append(row)
    return out


@dataclass
class _Cell:
    rows: list[AssessmentRow] = field(default_factory=list)

    @property
    def status(self) -> str:
        return worst([r.status for r in self.rows])


def _column(celex: str, path: str, level: str) -> dict[str, object]:
    info = reference_index().directives.get(celex)
    try:
        citation = str(ProvisionPath.from_iri_path(path))
    except IdentifierError:
        citation = path
    article = _provision_index().get(str(provision_iri(celex, path.split("/")[0])))
    iri = provision_iri(celex, path)
    return {
        "key": str(iri), "celex": celex, "path": path, "label": f"Art {citation}",
        "directive": info.short if info else celex,
        "heading": (article.heading if article and article.heading else ""),
        "href": path_for(iri),
        "citation": (_provision_index().get(str(iri)).label if str(iri) in _provision_index()
                     else f"Article {citation} of {info.number if info else celex}"),
    }


def _sort_key(column: dict[str, object]) -> tuple:
    try:
        path = ProvisionPath.from_iri_path(str(column["path"]))
        return (str(column["celex"]), 0, path)
    except IdentifierError:
        return (str(column["celex"]), 1, str(column["path"]))


def _cell_record(code: str, name: str, column: dict, cell: _Cell | None, f: Filters,
                 year: int) -> dict[str, object]:
    slug = cell.status if cell else "not-assessed"
    shown = not f.statuses or slug in f.statuses
    record = status(slug).record()
    parts = len(cell.rows) if cell else 0
    href = None
    if cell and len(cell.rows) == 1:
        only = cell.rows[0]
        celex, path = provision_path(only.provision) or ("", "")
        href = path_for(assessment_iri(code, year, celex, path))
    elif cell:
        href = url_for("countries.country", code=code, year=year) + f"#{anchor(column['key'])}"
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
        key = _column_key(row.provision, f.level)
        if key is None:
            continue
        column = columns.setdefault(str(provision_iri(*key)), _column(*key, f.level))
        cells[(row.country, column["key"])].rows.append(row)
    ordered = sorted(columns.values(), key=_sort_key)
    index = reference_index()
    countries = sorted({r.country for r in rows}, key=lambda c: index.country(c).name)
    matrix_rows = []
    for code in countries:
        country = index.country(code)
        records = [_cell_record(code, country.name, c, cells.get((code, c["key"])), f, f.year)
                   for c in ordered]
        matrix_rows.append(_row(country, records, f.year))
    if f.statuses:
        matrix_rows, ordered = _drop_empty(matrix_rows, ordered)
    return {
        "columns": ordered, "rows": matrix_rows,
        "directives": _directive_groups(ordered),
        "column_totals": _column_totals(matrix_rows, len(ordered)),
        "missing": _missing(countries, f),
    }


def _row(country: Country, records: list[dict], year: int) -> dict[str, object]:
    counts = Counter(r["status"] for r in records if r["shown"] and r["status"] != "not-assessed")
    return {
        "code": country.eu_code, "name": country.name, "membership": membership(country),
        "href": url_for("countries.country", code=country.eu_code, year=year),
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


class _Key(NamedTuple):
    country: str  # EU code
    provision: str
    status: str
    year: int


def _all_assessment_keys(store: GraphStore) -> list[_Key]:
    """(country, provision, status, year) of every assessment: one query for the trend, rather
    than one :func:`lawgraph.gaps.assessments` call per year (2 s each at 36 countries × 20
    years)."""
    rows = store.select(sparql_prefixes() + """
SELECT ?y ?c ?p ?s WHERE {
  ?a a lg:Assessment ; lg:reportingYear ?y ; lg:country ?c ; lg:provision ?p ; lg:status ?s }""")
    codes = {str(c.iri): c.eu_code for c in reference_index().countries.values()}
    status_prefix = len(str(LGD["status/"]))
    return [_Key(codes.get(str(r["c"]), str(r["c"])), str(r["p"]), str(r["s"])[status_prefix:],
                 int(str(r["y"])[:4])) for r in rows if str(r["y"])[:4].isdigit()]


def assessment_keys() -> list[_Key]:
    """Every assessment's (country, provision, status, year), cached per store generation."""
    return cached("assessment-keys", lambda: _all_assessment_keys(get_store()))


def trend(f: Filters, years: list[int]) -> list[dict[str, object]]:
    """Assessments per reporting year and status (filters applied, all parts counted)."""
    keys = assessment_keys()
    prefix = f"{LGD['provision/']}{f.directive}/" if f.directive else ""
    per_year: dict[int, Counter] = {year: Counter() for year in years}
    for key in _filtered([k for k in keys if k.provision.startswith(prefix)], f):
        if key.year in per_year:
            per_year[key.year][key.status] += 1
    return [{
        "year": year, "counts": {s.slug: counts.get(s.slug, 0) for s in STATUSES},
        "gaps": sum(counts.get(s, 0) for s in GAP_SLUGS), "total": sum(counts.values()),
    } for year, counts in per_year.items()]
