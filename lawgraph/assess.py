"""The gap engine: from rule hits to one assessment per (country, provision, reporting year).

Every rule (``ontology/rules/*.rq``) returns reasons: a country, year and provision, the status
the rule implies, a confidence, and the evidence (a finding with its sentence, a ruling, a
report, a national measure). For each (country, year, provision) the reasons are combined:

1. Reasons below 0.5 confidence are *indications*: shown, never deciding the status.
2. The status is decided by the reasons of the highest authority present: the expert's own
   assessment, then a court's finding, then the report's prose (machine-read), then lawgraph's
   inferences. Among those, the most severe status wins (not transposed > incorrect > partial >
   unclear > conform).
3. A reason of another authority that is more severe than the decided status marks the
   assessment as *contested* (e.g. the expert says conform, the Court of Justice found a breach).
4. Without any deciding reason the status is "not assessed".
5. The confidence is that of the strongest reason supporting the decided status (1.0 for the
   expert's own assessment; a machine-read sentence's own confidence otherwise).

Assessments of one country and year are stored as one named graph
(``lgd:graph/assessment/{country}/{year}``) with their PROV-O activity, the rules version and the
source graphs used. ``assess(store)`` recomputes everything; ``assess(store, scope=[…])`` only
the (country, year) pairs named, which is what ingest triggers.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from lawgraph.ingest import FileOutcome, after_ingest
from lawgraph.logging import log_assessment
from lawgraph.refdata import reference_index
from lawgraph.rules import Rule, RuleSet, load_rules
from lawgraph.store.base import GraphStore, Triple
from lawgraph.vocab import (
    LG,
    LGD,
    assessment_graph,
    assessment_iri,
    sparql_prefixes,
    status_iri,
    status_table_iri,
)
from lawgraph.workspace import RuleWorkspace

__all__ = ["Assessment", "AssessSummary", "Reason", "assess", "combine", "evaluate"]

AUTHORITY_ORDER = ("expert", "court", "report", "inference")
INDICATION_BELOW = 0.5
_STATUS_PREFIX = str(LGD["status/"])


@dataclass(frozen=True)
class Reason:
    rule: Rule
    country: URIRef
    year: int
    provision: URIRef
    status: str | None  # status slug; None for a flag
    confidence: float
    authority: str
    evidence: URIRef | None = None
    text: str | None = None

    @property
    def indication(self) -> bool:
        return self.confidence < INDICATION_BELOW


@dataclass
class Assessment:
    country: URIRef
    year: int
    provision: URIRef
    status: str
    confidence: float
    basis: str  # the authority that decided, or "none"
    contested: bool
    reasons: list[Reason]


@dataclass
class AssessSummary:
    pairs: int = 0
    assessments: int = 0
    reasons: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    #: country-years whose conclusions had not changed (their graphs were left as they were)
    unchanged: int = 0

    def text(self) -> str:
        statuses = ", ".join(f"{n} {s}" for s, n in sorted(self.by_status.items()))
        lines = [
            f"{self.assessments} assessments for {self.pairs} country-years "
            f"({statuses}); {self.reasons} reasons; {self.seconds:.2f} s"
            + (f"; {self.unchanged} country-years unchanged" if self.unchanged else "")
        ]
        lines += [f"rule not loaded: {p}" for p in self.problems]
        return "\n".join(lines)


def _slug(term: object) -> str | None:
    text = str(term) if term is not None else ""
    return text[len(_STATUS_PREFIX) :] if text.startswith(_STATUS_PREFIX) else None


def _authority(rule: Rule, method: object) -> str:
    if rule.authority != "from-finding":
        return rule.authority
    return "expert" if str(method) == str(LG.ExpertEntered) else "report"


def _reason(rule: Rule, row: dict) -> Reason | None:
    """One result row of a rule as a reason (None when the rule does not concern it)."""
    if rule.provisions not in ("any", "mandatory") and row["provision"] not in rule.provisions:
        return None
    status = _slug(row.get("status")) if rule.status == "from-finding" or "status" in row else None
    if status is None and rule.status not in ("from-finding", "flag"):
        status = rule.status
    confidence = min(
        float(row["confidence"]) if "confidence" in row else (rule.confidence or 1.0),
        float(row["findingConfidence"]) if "findingConfidence" in row else 1.0,
    )
    evidence = row.get("evidence")
    return Reason(
        rule=rule,
        country=row["country"],
        year=int(str(row["year"])),
        provision=row["provision"],
        status=status,
        confidence=round(confidence, 2),
        authority=_authority(rule, row.get("method")),
        evidence=evidence if isinstance(evidence, URIRef) else None,
        text=str(row["evidenceText"]) if "evidenceText" in row else None,
    )


def evaluate(
    store: GraphStore,
    ruleset: RuleSet,
    scope: list[tuple[URIRef, int]] | None,
    workspace: RuleWorkspace | None = None,
) -> list[Reason]:
    """Run every rule for the (country, year) pairs in ``scope`` (all of them when None) and
    return its reasons. Rules run per country in a :class:`RuleWorkspace`."""
    workspace = workspace or RuleWorkspace(store)
    pairs = workspace.pairs() if scope is None else scope
    reasons = (_reason(rule, row) for rule, row in workspace.evaluate(ruleset, pairs))
    # a rule may return the same reason twice (e.g. one row per matching national act)
    return list(dict.fromkeys(r for r in reasons if r is not None))


def status_ranks(store: GraphStore) -> dict[str, int]:
    rows = store.select(sparql_prefixes() + "SELECT ?s ?r WHERE { ?s lg:severityRank ?r }")
    ranks = {_slug(row["s"]): int(row["r"]) for row in rows if _slug(row["s"])}
    ranks.setdefault("not-assessed", -1)
    return ranks


def combine(reasons: list[Reason], ranks: dict[str, int]) -> Assessment:
    """Decide one assessment's status from its reasons (the module docstring's steps)."""
    first = reasons[0]
    deciding = [r for r in reasons if r.status and r.status != "not-assessed" and not r.indication]
    basis, chosen = "none", []
    for authority in AUTHORITY_ORDER:
        chosen = [r for r in deciding if r.authority == authority]
        if chosen:
            basis = authority
            break
    if chosen:
        status = max(chosen, key=lambda r: (ranks.get(r.status, 0), r.confidence)).status
        confidence = max(r.confidence for r in chosen if r.status == status)
    else:
        stale = any(r.status == "not-assessed" for r in reasons)
        status, confidence = "not-assessed", 1.0 if stale else 0.0
    contested = any(ranks.get(r.status, 0) > ranks.get(status, 0) for r in deciding)
    return Assessment(
        first.country, first.year, first.provision, status, confidence, basis, contested, reasons
    )


def _provision_key(provision: URIRef) -> tuple[str, str]:
    tail = str(provision).split("/provision/", 1)[1]
    celex, _, path = tail.partition("/")
    return celex, path


_TYPE, _REASON_P, _RULE, _AUTHORITY = RDF.type, LG.reason, LG.rule, LG.authority
_CONFIDENCE, _STATUS, _EVIDENCE, _TEXT = LG.confidence, LG.status, LG.evidence, LG.evidenceText
_ASSESSMENT, _REASON, _GENERATED = LG.Assessment, LG.Reason, PROV.wasGeneratedBy
_TRUE = Literal(True)


@lru_cache(maxsize=4096)
def _lit(value: str, datatype: URIRef | None = None) -> Literal:
    return Literal(value, datatype=datatype)


def content_digest(
    assessments: list[Assessment], used: Iterable[URIRef], ruleset: RuleSet
) -> str:
    """A digest of one country-year's conclusions (``lg:contentDigest``): equal digests, equal
    assessment graphs but for the time of the run."""
    digest = hashlib.sha256(ruleset.version.encode())
    for source in sorted(set(used)):
        digest.update(f"\nused {source}".encode())
    for a in sorted(assessments, key=lambda a: str(a.provision)):
        digest.update(
            f"\n{a.provision} {a.status} {a.confidence:.2f} {a.basis} {a.contested}".encode()
        )
        for r in a.reasons:
            digest.update(
                f"\n {r.rule.id} {r.authority} {r.confidence:.2f} {r.indication} {r.status} "
                f"{r.evidence} {r.text if r.rule.status != 'from-finding' else ''}".encode()
            )
    return digest.hexdigest()


def assessment_triples(
    assessments: list[Assessment],
    graph: URIRef,
    ruleset: RuleSet,
    used: Iterable[URIRef],
) -> list[Triple]:
    """The triples of one country-year's assessment graph. A reason whose evidence is a
    finding does not repeat the finding's sentence (it is one hop away)."""
    countries = {c.iri: c for c in reference_index().countries.values()}
    activity = URIRef(f"{graph}/activity")
    used = sorted(set(used))
    triples: list[Triple] = [
        (graph, _GENERATED, activity),
        (activity, _TYPE, PROV.Activity),
        (
            activity,
            PROV.endedAtTime,
            Literal(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), datatype=XSD.dateTime),
        ),
        (activity, LG.rulesVersion, Literal(ruleset.version)),
        (activity, LG.contentDigest, Literal(content_digest(assessments, used, ruleset))),
        *((activity, PROV.used, g) for g in used),
    ]
    add = triples.append
    code = countries[assessments[0].country].eu_code if assessments else None
    if code is not None:
        table = {
            str(a.provision): [a.status, a.confidence, a.basis, a.contested] for a in assessments
        }
        node = status_table_iri(code, assessments[0].year)
        triples += [
            (node, _TYPE, LG.StatusTable),
            (node, LG.statuses, Literal(json.dumps(table, sort_keys=True), datatype=RDF.JSON)),
            (node, _GENERATED, activity),
        ]
    for a in assessments:
        celex, path = _provision_key(a.provision)
        iri = assessment_iri(countries[a.country].eu_code, a.year, celex, path)
        triples += [
            (iri, _TYPE, _ASSESSMENT),
            (iri, LG.country, a.country),
            (iri, LG.provision, a.provision),
            (iri, LG.reportingYear, _lit(str(a.year), XSD.gYear)),
            (iri, _STATUS, status_iri(a.status)),
            (iri, _CONFIDENCE, _lit(f"{a.confidence:.2f}", XSD.decimal)),
            (iri, LG.basis, _lit(a.basis)),
            (iri, LG.contested, _lit("true" if a.contested else "false", XSD.boolean)),
            (iri, _GENERATED, activity),
        ]
        for number, reason in enumerate(a.reasons, start=1):
            node = URIRef(f"{iri}/reason/{number}")
            add((iri, _REASON_P, node))
            add((node, _TYPE, _REASON))
            add((node, _RULE, reason.rule.iri))
            add((node, _AUTHORITY, _lit(reason.authority)))
            add((node, _CONFIDENCE, _lit(f"{reason.confidence:.2f}", XSD.decimal)))
            if reason.indication:
                add((node, LG.indication, _TRUE))
            if reason.status:
                add((node, _STATUS, status_iri(reason.status)))
            if reason.evidence is not None:
                add((node, _EVIDENCE, reason.evidence))
            if reason.text and reason.rule.status != "from-finding":
                add((node, _TEXT, Literal(reason.text, lang="en")))
    return triples


_GRAPH_OF = (
    (
        re.compile(r"^(https://w3id\.org/lawgraph/id/)report/([^/]+)/(\d{4})(?:/|$)"),
        r"\1graph/report/\2/\3",
    ),
    (re.compile(r"^(https://w3id\.org/lawgraph/id/)ecli/([^/]+)(?:/|$)"), r"\1graph/ruling/\2"),
)


def _source_graphs(store: GraphStore, evidence: set[URIRef]) -> dict[URIRef, set[URIRef]]:
    """Which named graph holds each piece of evidence (for prov:used). Report and ruling
    resources are minted under their source's IRI, so the graph follows from the IRI; the
    store is asked only about evidence of another shape."""
    found: dict[URIRef, set[URIRef]] = defaultdict(set)
    unknown = set()
    for item in evidence:
        for pattern, graph in _GRAPH_OF:
            match = pattern.match(str(item))
            if match:
                found[item].add(URIRef(match.expand(graph)))
                break
        else:
            unknown.add(item)
    if unknown:
        values = " ".join(f"<{e}>" for e in sorted(unknown))
        rows = store.select(
            f"SELECT DISTINCT ?e ?g WHERE {{ VALUES ?e {{ {values} }} GRAPH ?g {{ ?e a ?type }} }}"
        )
        for row in rows:
            if "/graph/assessment/" not in str(row["g"]):
                found[row["e"]].add(row["g"])
    return found


def report_pairs(store: GraphStore) -> list[tuple[URIRef, int]]:
    rows = store.select(
        sparql_prefixes() + "SELECT DISTINCT ?c ?y WHERE { ?r a lg:CountryReport ; "
        "lg:country ?c ; lg:reportingYear ?y }"
    )
    return sorted((row["c"], int(str(row["y"]))) for row in rows)


def assess(
    store: GraphStore,
    scope: list[tuple[URIRef, int]] | None = None,
    ruleset: RuleSet | None = None,
    *,
    rewrite: bool = False,
    workspace: RuleWorkspace | None = None,
) -> AssessSummary:
    """Recompute assessments: all of them, or those of the (country, year) pairs in ``scope``.
    A country-year whose conclusions have not changed keeps its graph, unless ``rewrite``.

    Country by country: the rules run over that country's data (:class:`RuleWorkspace`), and
    a full recomputation writes each country's graphs before it moves on, so memory stays that
    of one country whatever the size of the archive."""
    started = time.perf_counter()
    ruleset = ruleset or load_rules()
    ranks = status_ranks(store)
    workspace = workspace or RuleWorkspace(store)
    countries = {c.iri: c for c in reference_index().countries.values()}
    pairs = set(scope) if scope is not None else set(workspace.pairs())
    if scope is None:  # drop assessment graphs of pairs that no longer exist
        pairs |= {_pair_of(g) for g in store.graph_names() if "/graph/assessment/" in str(g)}
    pairs = {p for p in pairs if p[0] in countries}
    summary = AssessSummary(pairs=len(pairs), problems=[str(p) for p in ruleset.problems])
    by_country: dict[URIRef, list[tuple[URIRef, int]]] = defaultdict(list)
    for pair in sorted(pairs):
        by_country[pair[0]].append(pair)
    scoped_graphs: dict[URIRef, list[Triple]] = {}
    stored = {} if rewrite else _stored_digests(store, workspace.assessment_graphs)
    for country, country_pairs in sorted(by_country.items()):
        reasons = evaluate(store, ruleset, country_pairs, workspace)
        graphs = _assessment_graphs(
            store, ruleset, ranks, countries[country].eu_code, country_pairs, reasons, summary
        )
        # a graph whose conclusions have not changed is left as it is
        graphs = {
            g: triples
            for g, triples in graphs.items()
            if rewrite or _digest_of(triples) != stored.get(g, "absent" if triples else None)
        }
        summary.unchanged += len(country_pairs) - len(graphs)
        if scope is None:
            # a full recomputation rewrites derived data only: bulk-load it (``lawgraph
            # assess`` re-run after an interruption restores any graph missing)
            store.bulk_replace_graphs(graphs)
        else:
            scoped_graphs.update(graphs)
    if scope is not None:
        store.replace_graphs(scoped_graphs, together=len(scoped_graphs) <= 4)
    summary.seconds = time.perf_counter() - started
    return summary


def _digest_of(triples: list[Triple]) -> str | None:
    for _, predicate, value in triples:
        if predicate == LG.contentDigest:
            return str(value)
    return None


def _stored_digests(store: GraphStore, graphs: list[URIRef]) -> dict[URIRef, str | None]:
    """The content digest of each existing assessment graph ("" for one without a digest)."""
    found: dict[URIRef, str | None] = dict.fromkeys(graphs, "")
    for start in range(0, len(graphs), 500):
        values = " ".join(f"<{g}>" for g in graphs[start : start + 500])
        rows = store.select(
            sparql_prefixes() + f"SELECT ?g ?d WHERE {{ VALUES ?g {{ {values} }} "
            "GRAPH ?g { ?g prov:wasGeneratedBy ?run . ?run lg:contentDigest ?d } }"
        )
        for row in rows:
            found[row["g"]] = str(row["d"])
    return found


def _assessment_graphs(
    store: GraphStore,
    ruleset: RuleSet,
    ranks: dict[str, int],
    code: str,
    pairs: list[tuple[URIRef, int]],
    reasons: list[Reason],
    summary: AssessSummary,
) -> dict[URIRef, list[Triple]]:
    """The assessment graphs of one country's pairs, from their reasons."""
    grouped: dict[int, dict[URIRef, list[Reason]]] = defaultdict(lambda: defaultdict(list))
    for reason in reasons:
        grouped[reason.year][reason.provision].append(reason)
    sources = _source_graphs(store, {r.evidence for r in reasons if r.evidence is not None})
    graphs: dict[URIRef, list[Triple]] = {}
    for _, year in pairs:
        graph = assessment_graph(code, year)
        assessments = [combine(rs, ranks) for rs in grouped.get(year, {}).values()]
        used = {
            g
            for a in assessments
            for r in a.reasons
            if r.evidence
            for g in sources.get(r.evidence, ())
        }
        graphs[graph] = assessment_triples(assessments, graph, ruleset, used) if assessments else []
        summary.assessments += len(assessments)
        summary.reasons += sum(len(a.reasons) for a in assessments)
        for a in assessments:
            summary.by_status[a.status] = summary.by_status.get(a.status, 0) + 1
    return graphs


def _pair_of(graph: URIRef) -> tuple[URIRef, int]:
    code, year = str(graph).rsplit("/", 2)[-2:]
    country = reference_index().country(code)
    return (country.iri if country else URIRef(code)), int(year)


def affected_pairs(
    store: GraphStore, outcomes: list[FileOutcome], workspace: RuleWorkspace | None = None
) -> list[tuple[URIRef, int]]:
    """The (country, year) pairs to recompute after these sources changed (the reports are
    taken from ``workspace``'s catalogue when given, instead of asking the store again)."""
    pairs: set[tuple[URIRef, int]] = set()
    all_pairs = sorted(workspace.reports) if workspace is not None else report_pairs(store)
    latest = max((y for _, y in all_pairs), default=None)
    for outcome in outcomes:
        if outcome.kind == "country-report" and outcome.graph is not None:
            code, year = str(outcome.graph).rsplit("/", 2)[-2:]
            country = reference_index().country(code)
            if country:
                pairs |= {(country.iri, int(year)), (country.iri, int(year) + 1)}
                if latest is not None and int(year) == latest:
                    # a new latest year changes every country's stale-evidence flags
                    pairs |= {(c, latest) for c, _ in all_pairs}
        elif outcome.kind == "ruling" and outcome.graph is not None:
            rows = store.select(
                sparql_prefixes() + f"SELECT DISTINCT ?c WHERE {{ GRAPH <{outcome.graph}> "
                "{ ?r lg:findsIncompatible ?i . ?i lg:country ?c } }"
            )
            countries = {row["c"] for row in rows}
            pairs |= {(c, y) for c, y in all_pairs if c in countries}
    existing = set(all_pairs)
    return sorted(p for p in pairs if p in existing or p[1] == latest)


@after_ingest
def _reassess_after_ingest(store: GraphStore, outcomes: list[FileOutcome]) -> None:
    workspace = RuleWorkspace(store)  # one catalogue of the reports for both steps
    pairs = affected_pairs(store, outcomes, workspace)
    if pairs:
        summary = assess(store, scope=pairs, workspace=workspace)
        log_assessment(summary, scope=pairs, trigger="ingest")
