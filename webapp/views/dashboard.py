"""The dashboard: the gap matrix for a reporting year, its filters, and the trend over years."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, request
from werkzeug.exceptions import BadRequest

from lawgraph.refdata import reference_index
from webapp.cache import cached
from webapp.facets import facets
from webapp.facts import assessment_years
from webapp.matrix import GROUPS, LEVELS, Filters, build_matrix, trend
from webapp.pages import respond
from webapp.params import choice, directive_arg, year_arg
from webapp.status import STATUSES

bp = Blueprint("dashboard", __name__)


def _concept_arg(name: str, known: dict, resolve) -> str | None:
    raw = request.args.get(name, "").strip()
    if not raw or raw == "all":
        return None
    iri = resolve(raw) if len(raw) <= 80 else None
    if iri is None or iri not in known:
        raise BadRequest(f"unknown {name} {raw[:60]!r}")
    return str(iri)


def _filters(years: list[int]) -> Filters:
    index = reference_index()
    directive = directive_arg()
    year = year_arg(default=years[-1] if years else None)
    statuses = tuple(s for s in request.args.getlist("status") if s)
    unknown = [s for s in statuses if s not in {st.slug for st in STATUSES}]
    if unknown:
        raise BadRequest(f"unknown status {unknown[0][:40]!r}")
    return Filters(
        year=year, directive=directive.celex if directive else None,
        level=choice("level", LEVELS, "article"),
        ground=_concept_arg("ground", index.grounds, index.ground),
        area=_concept_arg("area", index.areas, index.area),
        group=choice("group", list(GROUPS), "eu"), statuses=statuses,
    )


def _options(f: Filters) -> dict[str, list[dict[str, object]]]:
    index = reference_index()
    facet = facets()
    used_grounds = set().union(*facet.grounds.values()) if facet.grounds else set()
    used_areas = set().union(*facet.areas.values()) if facet.areas else set()

    def slug(iri: object) -> str:
        return str(iri).rsplit("/", 1)[-1]

    return {
        "directives": [{"value": d.short, "label": f"{d.number} – {d.short_title}",
                        "selected": d.celex == f.directive}
                       for d in sorted(index.directives.values(), key=lambda d: d.celex[1:5])],
        "grounds": [{"value": slug(i), "label": label, "selected": str(i) == f.ground}
                    for i, label in sorted(index.grounds.items(), key=lambda kv: kv[1])
                    if str(i) in used_grounds],
        "areas": [{"value": slug(i), "label": label, "selected": str(i) == f.area}
                  for i, label in sorted(index.areas.items(), key=lambda kv: kv[1])
                  if str(i) in used_areas],
        "groups": [{"value": k, "label": label, "selected": k == f.group}
                   for k, (label, _) in GROUPS.items()],
        "statuses": [{"value": s.slug, "label": s.label, "symbol": s.symbol,
                      "selected": s.slug in f.statuses} for s in STATUSES],
    }


def _csv(data: dict) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["country", *[f"{c['directive']} {c['label']}" for c in data["columns"]]])
    for row in data["rows"]:
        writer.writerow([row["code"], *[c["status"] if c["shown"] else "" for c in row["cells"]]])
    return buffer.getvalue()


def _data(f: Filters, years: list[int]) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Transposition gaps", "year": f.year, "years": years, "level": f.level,
        "filters": {"directive": f.directive, "ground": f.ground, "area": f.area,
                    "group": f.group, "status": list(f.statuses), "level": f.level},
        "legend": [s.record() for s in STATUSES],
    }
    if f.year is not None:
        data.update(build_matrix(f))
        data["trend"] = trend(f, years)
    else:
        data.update({"columns": [], "rows": [], "directives": [], "column_totals": [],
                     "missing": [], "trend": []})
    return data


@bp.get("/")
def index():
    years = assessment_years()
    f = _filters(years)
    data = cached(("dashboard", f), lambda: _data(f, years))
    options = cached(("dashboard-options", f), lambda: _options(f))
    return respond(data, "dashboard.html", extra={"options": options},
                   csv=lambda: _csv(data), cache=True)
