"""Where an export came from: its source documents, when it was made, and by which lawgraph.

Every named graph built from a file records its own provenance (``docs/data-model.md``):
``<g> dct:source "path"; lg:sha256 "…"; prov:generatedAtTime …; prov:wasDerivedFrom <doc>``.
:func:`source_documents` reads that back for the graphs an export used, with the sample flag of
the document (``lg:isSample``) so that exports can say prominently when sources are samples.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import URIRef

from lawgraph.store.base import GraphStore
from lawgraph.vocab import LGD, sparql_prefixes

__all__ = [
    "ExportInfo",
    "SourceDocument",
    "graph_kind",
    "sample_notice",
    "source_documents",
]

_GRAPH = str(LGD["graph/"])


def graph_kind(graph: URIRef | str) -> str:
    """``report``, ``ruling``, ``assessment``, ``reference`` or ``other``, from the graph IRI."""
    tail = str(graph)[len(_GRAPH) :] if str(graph).startswith(_GRAPH) else ""
    kind = tail.split("/", 1)[0]
    return kind if kind in ("report", "ruling", "assessment", "reference") else "other"


@dataclass(frozen=True)
class SourceDocument:
    """One named graph an export used, with the file it was built from (if any)."""

    graph: str
    kind: str  # report | ruling | assessment | reference | other
    path: str | None  # dct:source as given at ingest
    sha256: str | None
    sample: bool
    sample_note: str | None = None
    label: str | None = None

    def record(self) -> dict[str, object]:
        return {
            "graph": self.graph,
            "kind": self.kind,
            "source": self.path,
            "sha256": self.sha256,
            "sample": self.sample,
        }


@dataclass(frozen=True)
class ExportInfo:
    """When and by which lawgraph an export was generated."""

    generated_at: dt.datetime
    version: str

    @classmethod
    def now(cls) -> ExportInfo:
        from lawgraph import __version__

        stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
        return cls(stamp, __version__)

    @property
    def timestamp(self) -> str:
        """``2024-09-01T12:00:00Z``."""
        return self.generated_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def text(self) -> str:
        return f"Generated {self.timestamp} by lawgraph {self.version}."


def source_documents(store: GraphStore, graphs: Iterable[URIRef | str]) -> list[SourceDocument]:
    """The provenance of the named graphs given, sorted by kind and path (graphs that record
    no source file, such as computed assessments, are listed with ``path`` None)."""
    wanted = sorted({str(g) for g in graphs})
    if not wanted:
        return []
    values = " ".join(f"<{g}>" for g in wanted)
    rows = store.select(
        sparql_prefixes()
        + f"""
SELECT ?g ?path ?hash ?doc ?sample ?note ?title WHERE {{
  VALUES ?g {{ {values} }}
  OPTIONAL {{ GRAPH ?g {{ ?g dct:source ?path }} }}
  OPTIONAL {{ GRAPH ?g {{ ?g lg:sha256 ?hash }} }}
  OPTIONAL {{ GRAPH ?g {{ ?g prov:wasDerivedFrom ?doc }}
             OPTIONAL {{ GRAPH ?g {{ ?doc lg:isSample ?sample }} }}
             OPTIONAL {{ GRAPH ?g {{ ?doc dct:description ?note }} }}
             OPTIONAL {{ GRAPH ?g {{ ?doc dct:title ?title }} }} }}
}}"""
    )
    found: dict[str, SourceDocument] = {}
    for row in rows:
        graph = str(row["g"])
        if graph in found:
            continue
        found[graph] = SourceDocument(
            graph=graph,
            kind=graph_kind(graph),
            path=str(row["path"]) if "path" in row else None,
            sha256=str(row["hash"]) if "hash" in row else None,
            sample=str(row.get("sample", "false")).lower() in ("true", "1"),
            sample_note=str(row["note"]) if "note" in row else None,
            label=str(row["title"]) if "title" in row else None,
        )
    order = {"report": 0, "ruling": 1, "assessment": 2, "reference": 3, "other": 4}
    return sorted(found.values(), key=lambda d: (order[d.kind], d.path or "", d.graph))


def sample_notice(sources: Iterable[SourceDocument]) -> str | None:
    """The warning an export carries when any of its sources is sample material."""
    sources = [s for s in sources if s.path and s.kind in ("report", "ruling")]
    samples = [s for s in sources if s.sample]
    if not samples:
        return None
    notes = sorted({s.sample_note for s in samples if s.sample_note})
    text = (
        f"SAMPLE MATERIAL: {len(samples)} of {len(sources)} source documents are samples "
        "(lg:isSample true), not reports of the European network of legal experts. "
        "Do not cite this export as a statement of national law."
    )
    if len(notes) == 1:
        text += f" The sources say: “{notes[0]}”"
    return text
