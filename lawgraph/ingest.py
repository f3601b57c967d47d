"""Ingest source documents (country reports, rulings) into the store.

Each source file becomes one named graph, built completely in memory and then swapped in with a
single atomic update: a file that fails anywhere (parse, extraction, graph building, validation)
is rejected with its name and place and leaves the store exactly as it was.

Source kinds are handlers in a registry (:func:`register_handler`), tried in order; the first
whose ``accepts`` says yes builds the graph. Country reports and rulings register themselves
from their own modules.

Once the sources are written, the after-ingest hooks (:func:`after_ingest`: the gap engine
recomputes the assessments of the countries and years concerned) run. So that a process killed
between the two cannot leave the assessments stale (a re-run would find the sources unchanged
and skip them), each source graph is written together with a small *pending* marker graph
(``…/graph/pending/<uuid>``: ``dct:subject`` the source graph, ``dct:type`` its kind), in the
same atomic update; the markers are dropped once the hooks have completed. Every ingest first
looks for markers left by an interrupted run and runs the hooks for their sources too
(:func:`pending_assessments`, :func:`resume_pending`); ``lawgraph assess`` clears them, and
``/healthz`` lists them.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from lawgraph.errors import InputError, LawgraphError
from lawgraph.logging import log_event
from lawgraph.sources import SourceFile, read_source
from lawgraph.store.base import GraphStore, Triple
from lawgraph.vocab import LG, LGD

__all__ = [
    "BuiltGraph",
    "FileOutcome",
    "IngestSummary",
    "PendingWork",
    "SourceHandler",
    "after_ingest",
    "collect_files",
    "drop_pending",
    "handlers",
    "ingest",
    "pending_assessments",
    "register_handler",
    "register_precheck",
    "resume_pending",
]

SOURCE_SUFFIXES = (".md", ".markdown", ".docx", ".pdf", ".txt", ".html", ".htm")
SKIPPED_NAMES = {"readme.md", "sources.md", "changelog.md"}


@dataclass
class BuiltGraph:
    """The graph a handler built from one source, with what it found."""

    graph: URIRef
    triples: list[Triple]
    kind: str  # "country-report" | "ruling"
    label: str  # e.g. "Germany 2024" or "C-54/07 Feryn"
    counts: dict[str, int] = field(default_factory=dict)  # findings, unmapped, unresolved …
    warnings: list[str] = field(default_factory=list)


class SourceHandler(Protocol):
    kind: str

    def accepts(self, source: SourceFile) -> bool: ...

    def build(self, source: SourceFile) -> BuiltGraph: ...


_HANDLERS: list[SourceHandler] = []

#: A check over all files of a run before any is built (e.g. rulings filed twice with
#: conflicting metadata); returns the files to reject with their messages.
Precheck = Callable[["GraphStore | None", list[Path]], dict[Path, str]]
_PRECHECKS: list[Precheck] = []


def register_precheck(check: Precheck) -> Precheck:
    """Add a check run over all files of an ingest before any of them is built."""
    _PRECHECKS.append(check)
    return check


def register_handler(handler: SourceHandler, *, first: bool = False) -> None:
    """Add a source kind; more specific handlers go ``first``."""
    if first:
        _HANDLERS.insert(0, handler)
    else:
        _HANDLERS.append(handler)


def handlers() -> list[SourceHandler]:
    _load_builtin_handlers()
    return list(_HANDLERS)


def _load_builtin_handlers() -> None:
    # Importing the modules registers their handlers (once).
    import importlib

    for module in ("lawgraph.reports.ingest", "lawgraph.caselaw.ingest"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


@dataclass
class FileOutcome:
    source: str
    status: str  # "added" | "replaced" | "unchanged" | "rejected" | "checked"
    graph: URIRef | None = None
    kind: str | None = None
    label: str | None = None
    triples: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    pending: URIRef | None = None  # the marker written with the graph, until the hooks ran
    seconds: float | None = None  # reading, building and writing this file


@dataclass
class IngestSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0
    resumed: list[URIRef] = field(default_factory=list)  # sources an interrupted run left
    after_ingest_seconds: float = 0.0  # the hooks (recomputing assessments)

    def by_status(self, status: str) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def ok(self) -> bool:
        return not self.by_status("rejected")

    def totals(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for outcome in self.outcomes:
            for key, value in outcome.counts.items():
                totals[key] = totals.get(key, 0) + value
        return totals

    def text(self) -> str:
        parts = [
            f"{len(self.by_status(s))} {s}"
            for s in ("added", "replaced", "unchanged", "checked", "rejected")
            if self.by_status(s)
        ]
        totals = self.totals()
        detail = ", ".join(f"{v} {k}" for k, v in sorted(totals.items()))
        lines = [
            f"{len(self.outcomes)} files: {', '.join(parts) or 'nothing'}"
            + (f"; {detail}" if detail else "")
            + f" ({self.seconds:.1f} s)"
        ]
        if self.resumed:
            lines.append(
                f"assessments recomputed for {len(self.resumed)} sources an earlier ingest "
                "had left pending"
            )
        lines += [f"rejected: {o.error}" for o in self.by_status("rejected")]
        return "\n".join(lines)


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """The source files named, with folders searched recursively (READMEs skipped)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SOURCE_SUFFIXES
                and p.name.lower() not in SKIPPED_NAMES
                and not p.name.startswith(".")
            )
        else:
            files.append(path)
    return files


def display_name(path: Path) -> str:
    """How a source is named in the graph and in messages: relative to the working directory,
    or to the project, so that graphs do not carry one machine's absolute paths."""
    from lawgraph.resources import project_dir

    resolved = path.resolve()
    for base in (Path.cwd(), project_dir()):
        if base is not None:
            try:
                return resolved.relative_to(base.resolve()).as_posix()
            except ValueError:
                continue
    return path.as_posix()


def build(source: SourceFile) -> BuiltGraph:
    """Build the graph of one source with the first handler that accepts it."""
    for handler in handlers():
        if handler.accepts(source):
            built = handler.build(source)
            built.triples += provenance_triples(built.graph, source)
            return built
    raise InputError(
        source.name,
        None,
        "not a country report or ruling lawgraph can read (see country_reports/README.md and "
        "case_law/README.md for the formats)",
    )


def provenance_triples(graph: URIRef, source: SourceFile) -> list[Triple]:
    from rdflib.namespace import DCTERMS, PROV

    return [
        (graph, DCTERMS.source, Literal(source.name)),
        (graph, LG.sha256, Literal(source.sha256)),
        (graph, PROV.generatedAtTime, Literal(_now(), datatype=XSD.dateTime)),
    ]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def stored_hashes(store: GraphStore) -> dict[URIRef, str]:
    rows = store.select(f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{LG.sha256}> ?h }} }}")
    return {row["g"]: str(row["h"]) for row in rows}


AfterIngest = Callable[[GraphStore, list[FileOutcome]], None]
_AFTER_INGEST: list[AfterIngest] = []


def after_ingest(hook: AfterIngest) -> AfterIngest:
    """Register work to do once sources are written (the gap engine recomputes assessments)."""
    _AFTER_INGEST.append(hook)
    return hook


# --- pending markers (see the module docstring) -----------------------------------------------

PENDING = LGD["graph/pending/"]


@dataclass(frozen=True)
class PendingWork:
    """A source graph whose after-ingest hooks have not completed, and its marker graph."""

    marker: URIRef
    graph: URIRef | None  # None: a marker that names no source (dropped, nothing to do)
    kind: str | None


def _marker_triples(marker: URIRef, graph: URIRef, kind: str) -> list[Triple]:
    return [
        (marker, DCTERMS.subject, graph),
        (marker, DCTERMS.type, Literal(kind)),
        (marker, DCTERMS.created, Literal(_now(), datatype=XSD.dateTime)),
    ]


def pending_assessments(
    store: GraphStore, names: Iterable[URIRef] | None = None
) -> list[PendingWork]:
    """The sources an ingest has written but not yet assessed: it is running, or it was
    interrupted (``names``: the store's graph names, if already at hand)."""
    markers = sorted(
        g for g in (store.graph_names() if names is None else names) if g.startswith(PENDING)
    )
    if not markers:
        return []
    rows = store.select(
        f"SELECT ?m ?g ?kind WHERE {{ VALUES ?m {{ {' '.join(f'<{m}>' for m in markers)} }} "
        f"GRAPH ?m {{ ?m <{DCTERMS.subject}> ?g OPTIONAL {{ ?m <{DCTERMS.type}> ?kind }} }} }}"
    )
    found = {row["m"]: row for row in rows}
    pending = []
    for marker in markers:
        row = found.get(marker, {})
        kind = row.get("kind")
        pending.append(PendingWork(marker, row.get("g"), None if kind is None else str(kind)))
    return pending


def drop_pending(store: GraphStore, markers: Iterable[URIRef]) -> None:
    """Drop marker graphs (one update)."""
    names = sorted(set(markers))
    if names:
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{m}>" for m in names))


def resume_pending(store: GraphStore) -> list[URIRef]:
    """Run the after-ingest hooks for every source an interrupted ingest left pending, then drop
    its markers; the sources concerned."""
    return _finish(store, pending_assessments(store), [])


def _finish(
    store: GraphStore, leftover: list[PendingWork], written: list[FileOutcome]
) -> list[URIRef]:
    """Run the hooks for the sources written now and those left pending, then drop the markers
    (not before: a process killed in the hooks leaves them for the next run)."""
    outcomes = list(written)
    seen = {o.graph for o in written}
    resumed: list[URIRef] = []
    for work in leftover:
        if work.graph is not None and work.graph not in seen and work.kind is not None:
            outcomes.append(FileOutcome(str(work.graph), "replaced", work.graph, work.kind))
            seen.add(work.graph)
            resumed.append(work.graph)
    if outcomes:
        started = time.perf_counter()
        for hook in _AFTER_INGEST:
            hook(store, outcomes)
        if resumed:
            log_event(
                "pending-assessments",
                f"recomputed the assessments an earlier ingest had left pending for "
                f"{len(resumed)} sources",
                logger="lawgraph.ingest",
                level=logging.WARNING,
                graphs=[str(g) for g in resumed],
                seconds=round(time.perf_counter() - started, 3),
            )
    drop_pending(store, [w.marker for w in leftover] + [o.pending for o in written if o.pending])
    return resumed


def ingest(
    store: GraphStore | None,
    paths: Iterable[str | Path],
    *,
    dry_run: bool = False,
    force: bool = False,
    progress: Callable[[Iterator[Path]], Iterator[Path]] | None = None,
) -> IngestSummary:
    """Ingest files and folders. ``dry_run`` builds and checks every graph but writes nothing
    (``store`` may then be None). An unchanged file (same SHA-256 as stored) is skipped unless
    ``force``. Assessments an interrupted earlier ingest left pending are recomputed too."""
    started = time.perf_counter()
    summary = IngestSummary()
    files = collect_files(paths)
    writing = store is not None and not dry_run
    known = stored_hashes(store) if writing else {}
    existing = set(store.graph_names()) if writing else set()
    leftover = pending_assessments(store, existing) if writing else []
    written: list[FileOutcome] = []
    handlers()  # registers the built-in source kinds and their prechecks
    rejected: dict[Path, str] = {}
    for check in _PRECHECKS:
        rejected.update(check(None if dry_run else store, files))
    iterator = progress(iter(files)) if progress else iter(files)
    for path in iterator:
        begun = time.perf_counter()
        if path in rejected:
            outcome = FileOutcome(display_name(path), "rejected", error=rejected[path])
        else:
            outcome = _ingest_one(store, path, dry_run, force, known, existing)
        outcome.seconds = time.perf_counter() - begun
        summary.outcomes.append(outcome)
        if outcome.status in ("added", "replaced"):
            written.append(outcome)
    if writing and (written or leftover):
        begun = time.perf_counter()
        summary.resumed = _finish(store, leftover, written)
        summary.after_ingest_seconds = time.perf_counter() - begun
    summary.seconds = time.perf_counter() - started
    return summary


def _ingest_one(
    store: GraphStore | None,
    path: Path,
    dry_run: bool,
    force: bool,
    known: dict[URIRef, str],
    existing: set[URIRef],
) -> FileOutcome:
    try:
        source = read_source(path, display_name(path))
        built = build(source)
    except LawgraphError as exc:
        return FileOutcome(str(path), "rejected", error=str(exc))
    outcome = FileOutcome(
        source.name,
        "checked",
        built.graph,
        built.kind,
        built.label,
        len(built.triples),
        built.counts,
        built.warnings,
    )
    if dry_run or store is None:
        return outcome
    if not force and known.get(built.graph) == source.sha256:
        outcome.status = "unchanged"
        return outcome
    marker = URIRef(PENDING + uuid.uuid4().hex)
    try:  # the source and its pending marker in one atomic update
        store.replace_graphs(
            {built.graph: built.triples, marker: _marker_triples(marker, built.graph, built.kind)}
        )
    except LawgraphError as exc:
        return FileOutcome(source.name, "rejected", error=f"{source.name}: {exc}")
    outcome.status = "replaced" if built.graph in existing else "added"
    outcome.pending = marker
    existing.add(built.graph)
    return outcome


def graph_of(triples: Iterable[Triple]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph
