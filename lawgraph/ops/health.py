"""Health of a lawgraph store, as data for ``/healthz`` and ``lawgraph health``.

``health(store)`` never raises for a store problem: an unreachable store is reported, not
thrown. The answer (JSON-ready)::

    {"status": "ok" | "unhealthy", "ok": true, "problems": [], "warnings": [],
     "checked_at": "2026-…Z", "version": "0.1.0",
     "store": {"location": …, "backend": "embedded" | "server", "reachable": true,
               "seconds": 0.002, "error": null},
     "graphs": {"total": 43, "reference": 19, "reports": 20, "rulings": 42, "assessments": 20,
                "pending": 0},
     "assessments_pending": [],           # source graphs whose assessments an ingest has not
                                          # recomputed yet (running, or killed: run it again)
     "last_ingest": "2026-…Z",            # newest prov:generatedAtTime of a report or ruling graph
     "data": {"latest_year": 2024, "countries_reporting": 10, "countries": ["AT", …]},
     "rules": {"loaded": 11, "problems": [], "version": "dfa6…",
               "assessed_with": ["dfa6…"], "assessments_current": true},
     "data_checked_at": "2026-…Z"}

Unhealthy (``ok`` false, HTTP 503 for ``/healthz``, exit 1 for the CLI): the store does not
answer, holds no reference data, or a rule file does not load. Warnings (still ok): no country
report yet, assessments computed with other rules than the ones installed (run
``lawgraph assess``), assessments pending (an ingest is writing, or was interrupted before it
recomputed them: the next ``lawgraph ingest`` or ``lawgraph assess`` does).
"""

from __future__ import annotations

import time
from typing import Any

from rdflib import URIRef

from lawgraph.errors import LawgraphError
from lawgraph.ops.canonical import backend_of
from lawgraph.store.base import GraphStore
from lawgraph.vocab import LGD, sparql_prefixes

__all__ = ["health", "health_of"]

_KINDS = {
    "reference": "reference/",
    "reports": "report/",
    "rulings": "ruling/",
    "assessments": "assessment/",
    "pending": "pending/",
}

_LAST_INGEST = (
    sparql_prefixes()
    + """
SELECT (MAX(?t) AS ?latest) WHERE {
  GRAPH ?g { ?g prov:generatedAtTime ?t }
  FILTER (STRSTARTS(STR(?g), "%(reports)s") || STRSTARTS(STR(?g), "%(rulings)s"))
}"""
)

_CURRENCY = (
    sparql_prefixes()
    + """
SELECT ?year ?code WHERE {
  { SELECT (MAX(?y) AS ?year) WHERE { ?r a lg:CountryReport ; lg:reportingYear ?y } }
  ?report a lg:CountryReport ; lg:reportingYear ?year ; lg:country ?country .
  OPTIONAL { ?country lg:euCode ?eu }
  OPTIONAL { ?country lg:isoAlpha2 ?alpha2 }
  BIND (COALESCE(?eu, ?alpha2, STR(?country)) AS ?code)
}"""
)

_RULES_USED = (
    sparql_prefixes()
    + """
SELECT DISTINCT ?version WHERE {
  GRAPH ?g { ?g prov:wasGeneratedBy ?activity . ?activity lg:rulesVersion ?version }
}"""
)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


_CACHE: dict[str, tuple[float, dict[str, Any]]] = {}


def health(
    store: GraphStore, *, location: str | None = None, max_age: float = 0.0
) -> dict[str, Any]:
    """The health of ``store`` (see the module docstring). Reachability and its timing are
    always measured; with ``max_age`` (seconds) the rest (five queries and reading the rules,
    about 1 s at 2 million quads) is reused from a check made that recently, which is what a
    frequently polled ``/healthz`` wants (``data_checked_at`` says when it was made)."""
    from lawgraph import __version__

    place = location or store.location
    report: dict[str, Any] = {
        "status": "unhealthy",
        "ok": False,
        "problems": [],
        "warnings": [],
        "checked_at": _now(),
        "version": __version__,
        "store": {
            "location": place,
            "backend": backend_of(place),
            "reachable": False,
            "seconds": None,
            "error": None,
        },
        "graphs": None,
        "assessments_pending": None,
        "last_ingest": None,
        "data": None,
        "rules": None,
        "data_checked_at": None,
    }
    started = time.perf_counter()
    try:
        store.ask("ASK {}")
        report["store"]["seconds"] = round(time.perf_counter() - started, 4)
        report["store"]["reachable"] = True
        cached = _CACHE.get(place)
        if cached is not None and time.monotonic() - cached[0] < max_age:
            facts = cached[1]
        else:
            facts = _facts(store)
            _CACHE[place] = (time.monotonic(), facts)
        report.update({k: v for k, v in facts.items() if k not in ("problems", "warnings")})
        report["problems"] += facts["problems"]
        report["warnings"] += facts["warnings"]
    except LawgraphError as exc:
        _CACHE.pop(place, None)
        report["store"]["error"] = str(exc)
        report["problems"].append(f"store unreachable: {exc}")
        report["rules"] = _rules(None, [])
    report["problems"] += [f"rule not loaded: {p}" for p in report["rules"]["problems"]]
    report["ok"] = not report["problems"]
    report["status"] = "ok" if report["ok"] else "unhealthy"
    return report


def health_of(location: str, *, timeout: float | None = None) -> dict[str, Any]:
    """Open the store at ``location`` read-only (a server: waiting at most ``timeout`` seconds
    per request), report its health, close it."""
    from lawgraph.store import open_store

    try:
        store = open_store(location, read_only=True, timeout=timeout)
    except LawgraphError as exc:
        report = health(_Unreachable(location, exc), location=location)
        return report
    try:
        return health(store, location=location)
    finally:
        store.close()


_NAMED_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"  # the graph list, not a scan


def _facts(store: GraphStore) -> dict[str, Any]:
    """What the store holds (the cacheable part of the report)."""
    facts: dict[str, Any] = {"problems": [], "warnings": [], "data_checked_at": _now()}
    names = [str(row["g"]) for row in store.select(_NAMED_GRAPHS) if "g" in row]
    graphs = {"total": len(names)}
    for kind, prefix in _KINDS.items():
        graphs[kind] = sum(1 for g in names if g.startswith(str(LGD[f"graph/{prefix}"])))
    facts["graphs"] = graphs
    if not graphs["reference"]:
        facts["problems"].append("the store holds no reference data: run `lawgraph init`")
    facts["assessments_pending"] = _pending(store, names, facts["warnings"])
    prefixes = {k: str(LGD[f"graph/{v}"]) for k, v in _KINDS.items()}
    rows = store.select(_LAST_INGEST % prefixes)
    latest = rows[0].get("latest") if rows else None
    facts["last_ingest"] = str(latest) if latest is not None else None
    rows = store.select(_CURRENCY)
    years = {int(str(r["year"])) for r in rows if "year" in r}
    countries = sorted({str(r["code"]) for r in rows if "code" in r})
    facts["data"] = {
        "latest_year": max(years) if years else None,
        "countries_reporting": len(countries),
        "countries": countries,
    }
    if not years:
        facts["warnings"].append("no country report in the store yet")
    used = sorted(str(r["version"]) for r in store.select(_RULES_USED) if "version" in r)
    facts["rules"] = _rules(used, facts["warnings"])
    return facts


def _pending(store: GraphStore, names: list[str], warnings: list[str]) -> list[str]:
    from lawgraph.ingest import pending_assessments

    pending = pending_assessments(store, [URIRef(n) for n in names])
    sources = sorted({str(work.graph) for work in pending if work.graph is not None})
    if sources:
        warnings.append(
            f"assessments pending for {len(sources)} sources (an ingest is running, or was "
            "interrupted: run `lawgraph ingest` again or `lawgraph assess`)"
        )
    return sources


def _rules(used: list[str] | None, warnings: list[str]) -> dict[str, Any]:
    from lawgraph.rules import load_rules

    ruleset = load_rules()
    answer: dict[str, Any] = {
        "loaded": len(ruleset.rules),
        "problems": [str(p) for p in ruleset.problems],
        "version": ruleset.version,
    }
    if used is not None:
        answer["assessed_with"] = used
        answer["assessments_current"] = not used or used == [ruleset.version]
        if not answer["assessments_current"]:
            warnings.append(
                "assessments were computed with other rules than the ones installed "
                f"({', '.join(v[:8] for v in used)} vs {ruleset.version[:8]}): "
                "run `lawgraph assess`"
            )
    return answer


class _Unreachable(GraphStore):
    """Stands in for a store that could not even be opened."""

    def __init__(self, location: str, error: LawgraphError) -> None:
        self.location = location
        self.error = error

    def _fail(self, *args: object) -> Any:
        raise self.error

    select = ask = construct = quads = update = _fail
