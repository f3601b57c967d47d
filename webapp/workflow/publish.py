"""Approving a report: the submitted text enters the graph, with its provenance.

1. the text of the submitted snapshot is written to ``{approved}/{cc}-{year}.md`` (setting
   ``approved``);
2. ``lawgraph.ingest`` reads that file into the store through a short-lived writable handle
   (:func:`writable_store`): the report's named graph is swapped in atomically and the
   assessments are recomputed. If ingest rejects the file, the previous file (if any) is put
   back, the approval fails with ingest's message and nothing changes;
3. the workflow's PROV-O record goes into ``lgd:graph/workflow/{cc}/{year}`` (who entered the
   report, who approved it, when, from which draft revision);
4. only then is the approval recorded in the drafts database.

A failure in step 3 leaves the report submitted; approving again re-runs every step (ingest
finds the file unchanged) and writes the record.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import current_app
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, XSD

from lawgraph.config import Settings
from lawgraph.drafts import DraftStore, Event, Report, WorkflowError
from lawgraph.errors import LawgraphError
from lawgraph.ingest import ingest
from lawgraph.refdata import reference_index
from lawgraph.store import EmbeddedStore, GraphStore, RemoteStore
from lawgraph.store.base import Triple
from lawgraph.vocab import LG, LGD, expert_iri, report_iri, slug
from webapp.auth import User
from webapp.backend import holder

__all__ = ["ApprovalError", "approve", "workflow_graph", "workflow_triples", "writable_store"]

_WRITER = threading.Lock()


class ApprovalError(WorkflowError):
    """The report could not enter the graph; nothing was changed."""


def workflow_graph(country: str, year: int) -> URIRef:
    return LGD[f"graph/workflow/{country.upper()}/{year}"]


@contextmanager
def writable_store(settings: Settings) -> Iterator[GraphStore]:
    """A write handle on the app's store for one short job, one job at a time per process.
    The app reads the embedded store read-only; a CLI ingest holding the write lock makes this
    fail with a message saying so (``StoreLockedError``)."""
    location = str(settings.store)
    with _WRITER:
        if location.startswith(("http://", "https://")):
            store: GraphStore = RemoteStore(location, timeout=max(settings.query_timeout, 60.0))
        elif location == "memory:":
            raise ApprovalError(
                "the app's store is in memory and read-only: set LAWGRAPH_STORE "
                "to a store directory or a SPARQL server to approve reports"
            )
        else:
            store = EmbeddedStore(Path(location))
        try:
            yield store
        finally:
            store.close()


def _reviewer_iri(name: str) -> URIRef:
    return LGD[f"reviewer/{slug(name)}"]


def _time(stamp: str) -> Literal:
    return Literal(stamp, datatype=XSD.dateTime)


def _name(user: User) -> str:
    return user.name or user.username


def workflow_triples(
    report: Report,
    submitted: Event,
    expert: User,
    reviewer: User,
    approved_at: str,
    sha256: str,
    source: str,
) -> list[Triple]:
    """The PROV-O record of how the report was entered and approved."""
    country = reference_index().country(report.country)
    assert country is not None
    base = f"workflow/{report.country}/{report.year}"
    graph = workflow_graph(report.country, report.year)
    subject = report_iri(report.country, report.year)
    activity = LGD[f"{base}/activity"]
    revision = LGD[f"{base}/revision/{submitted.revision}"]
    entered_by = expert_iri(_name(expert))
    approved_by = _reviewer_iri(_name(reviewer))
    return [
        (graph, PROV.wasDerivedFrom, subject),
        (graph, PROV.generatedAtTime, _time(approved_at)),
        (subject, PROV.wasAttributedTo, entered_by),
        (subject, PROV.wasGeneratedBy, activity),
        (subject, PROV.wasDerivedFrom, revision),
        (entered_by, RDF.type, LG.Expert),
        (entered_by, FOAF.name, Literal(_name(expert))),
        (entered_by, LG.country, country.iri),
        (approved_by, RDF.type, LG.Reviewer),
        (approved_by, FOAF.name, Literal(_name(reviewer))),
        (activity, RDF.type, PROV.Activity),
        (activity, PROV.startedAtTime, _time(report.created_at)),
        (activity, PROV.endedAtTime, _time(approved_at)),
        (activity, PROV.wasAssociatedWith, entered_by),
        (activity, PROV.wasAssociatedWith, approved_by),
        (activity, LG.enteredBy, entered_by),
        (activity, LG.approvedBy, approved_by),
        (activity, PROV.used, revision),
        (revision, RDF.type, PROV.Entity),
        (revision, RDF.type, LG.DraftRevision),
        (revision, PROV.generatedAtTime, _time(submitted.at)),
        (revision, PROV.wasAttributedTo, entered_by),
        (revision, LG.sha256, Literal(sha256)),
        (revision, DCTERMS.source, Literal(source)),
    ]


def _write(path: Path, text: str) -> bytes | None:
    """Write ``text`` to ``path`` atomically; returns what was there before (None: nothing)."""
    previous = path.read_bytes() if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    draft.write_text(text, encoding="utf-8")
    os.replace(draft, path)
    return previous


def _restore(path: Path, previous: bytes | None) -> None:
    if previous is None:
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(previous)


def approve(
    drafts: DraftStore,
    report: Report,
    submitted: Event,
    markdown: str,
    expert: User,
    reviewer: User,
    folder: Path,
) -> Event:
    """Steps 1–4 of the module docstring; an :class:`ApprovalError` changes nothing."""
    settings: Settings = current_app.config["LAWGRAPH"]
    path = folder / f"{report.country.lower()}-{report.year}.md"
    previous = _write(path, markdown)
    ingested = False
    try:
        with writable_store(settings) as store:
            source = _ingest(store, path)
            ingested = True
            approved_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            sha = hashlib.sha256(markdown.encode("utf-8")).hexdigest()
            store.replace_graph(
                workflow_graph(report.country, report.year),
                workflow_triples(report, submitted, expert, reviewer, approved_at, sha, source),
            )
    except BaseException as exc:
        if not ingested:
            _restore(path, previous)
        if isinstance(exc, LawgraphError) and not isinstance(exc, ApprovalError):
            what = (
                "its provenance could not be recorded; approve again"
                if ingested
                else "the store could not take it"
            )
            raise ApprovalError(f"The report was not approved: {what} ({exc}).") from exc
        raise
    event = drafts.approve(report, reviewer.username, submitted.snapshot, markdown)
    _refresh()
    return event


def _ingest(store: GraphStore, path: Path) -> str:
    """Ingest the file; its name as the graph records it. Rejected: :class:`ApprovalError`."""
    summary = ingest(store, [path])
    rejected = summary.by_status("rejected")
    if rejected or not summary.outcomes:
        reason = rejected[0].error if rejected else "nothing was read"
        raise ApprovalError(f"The report was not approved: ingest rejected it: {reason}")
    return summary.outcomes[0].source


def _refresh() -> None:
    """Make the app see the new graphs at once (not within a second): a fresh read-only
    handle and a new data generation, so no cached page shows the data from before."""
    holder().invalidate()
