"""The ruling source kind for ``lawgraph.ingest``, and the duplicate check across files.

The handler accepts case-law Markdown files (a front matter with ``ecli:`` or
``case_numbers:``) and the published texts of rulings (``.txt``, ``.html``), and builds one
named graph per ruling.

A handler sees one file at a time, so two files describing the same ruling, or a file
contradicting a ruling already in the store, are caught by :func:`precheck`, a pass over all
the files of an ingest run before any is written: it parses the rulings, compares them with
each other and with the store (:func:`check_duplicates`), and returns the files to reject.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from lawgraph.caselaw.files import has_case_law_header, read_ruling
from lawgraph.caselaw.graph import CLASSES, build_ruling_graph
from lawgraph.caselaw.html import html_to_text
from lawgraph.caselaw.judgment import detect_layout
from lawgraph.caselaw.model import Ruling
from lawgraph.errors import LawgraphError
from lawgraph.ingest import (
    BuiltGraph,
    display_name,
    register_handler,
    register_precheck,
)
from lawgraph.sources import SourceFile, read_source
from lawgraph.store.base import GraphStore
from lawgraph.vocab import sparql_prefixes

__all__ = [
    "RulingFacts",
    "RulingHandler",
    "check_duplicates",
    "precheck",
    "stored_rulings",
]

_TEXT_SUFFIXES = (".txt", ".html", ".htm")


class RulingHandler:
    kind = "ruling"

    def accepts(self, source: SourceFile) -> bool:
        head = source.data[:16384].decode("utf-8", errors="replace")
        if source.suffix in (".md", ".markdown"):
            return has_case_law_header(head)
        if source.suffix in _TEXT_SUFFIXES:
            text = source.data.decode("utf-8", errors="replace")
            if source.suffix != ".txt":
                text = html_to_text(text)
            return detect_layout(text) is not None
        return False

    def build(self, source: SourceFile) -> BuiltGraph:
        ruling = read_ruling(source)
        graph = build_ruling_graph(ruling)
        return BuiltGraph(
            graph=graph.graph,
            triples=graph.triples,
            kind=self.kind,
            label=ruling.label,
            counts=graph.counts,
            warnings=graph.warnings,
        )


register_handler(RulingHandler(), first=True)


# --- duplicates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RulingFacts:
    """What two descriptions of one ruling must agree on, and where each came from."""

    source: str
    iri: URIRef
    decision: str
    date: dt.date
    case_numbers: frozenset[str]
    court: str | None = None
    formation: str | None = None
    procedure: str | None = None
    country: str | None = None
    #: for an opinion: the IRI of its judgment
    opinion_of: URIRef | None = None

    @classmethod
    def of(cls, ruling: Ruling) -> RulingFacts:
        from lawgraph.vocab import ruling_iri

        return cls(
            source=ruling.source,
            iri=ruling.iri,
            decision=ruling.decision,
            date=ruling.date,
            case_numbers=frozenset(ruling.case_numbers),
            court=str(ruling.court_iri) if ruling.court_iri else None,
            formation=ruling.formation,
            procedure=ruling.procedure,
            country=ruling.country.alpha3 if ruling.country else None,
            opinion_of=ruling_iri(str(ruling.opinion_of)) if ruling.opinion_of else None,
        )

    def conflicts(self, other: RulingFacts) -> list[str]:
        """The facts both give and give differently, e.g. "date 2008-07-10 here, 2008-07-11
        there"."""
        out = []
        for name in (
            "decision",
            "date",
            "case_numbers",
            "court",
            "formation",
            "procedure",
            "country",
        ):
            mine, theirs = getattr(self, name), getattr(other, name)
            if mine and theirs and mine != theirs:
                out.append(f"{name.replace('_', ' ')} {_show(mine)} here, {_show(theirs)} there")
        return out


def _show(value: object) -> str:
    if isinstance(value, frozenset):
        return ", ".join(sorted(value))
    return str(value)


def check_duplicates(
    rulings: Sequence[Ruling | RulingFacts], stored: Iterable[RulingFacts] = ()
) -> dict[str, str]:
    """The sources to reject, with why: a ruling given by two of ``rulings`` (the later file is
    rejected, naming the earlier), a ruling contradicting what the store holds from another
    file, and an opinion whose judgment is, elsewhere, an opinion itself."""
    facts = [r if isinstance(r, RulingFacts) else RulingFacts.of(r) for r in rulings]
    by_iri: dict[URIRef, RulingFacts] = {}
    in_store = {f.iri: f for f in stored}
    rejected: dict[str, str] = {}
    for item in facts:
        earlier = by_iri.get(item.iri)
        if earlier is not None and earlier.source != item.source:
            detail = "; ".join(item.conflicts(earlier)) or "the same ruling"
            rejected[item.source] = (
                f"{item.source}: the ruling {_key(item.iri)} is also given "
                f"by {earlier.source} ({detail}); keep one file per ruling"
            )
            continue
        kept = in_store.get(item.iri)
        if kept is not None and kept.source != item.source and item.conflicts(kept):
            rejected[item.source] = (
                f"{item.source}: the ruling {_key(item.iri)} is already in the store from "
                f"{kept.source}, with different metadata ({'; '.join(item.conflicts(kept))})"
            )
            continue
        by_iri[item.iri] = item
    known = {**in_store, **by_iri}
    for item in facts:
        target = known.get(item.opinion_of) if item.opinion_of else None
        if target is not None and target.decision == "ag-opinion" and item.source not in rejected:
            rejected[item.source] = (
                f"{item.source}: opinion_of {_key(item.opinion_of)} is "
                f"itself an Advocate General's opinion ({target.source}), "
                "not the judgment"
            )
    return rejected


def _key(iri: URIRef | None) -> str:
    return str(iri).rsplit("/ecli/", 1)[-1] if iri is not None else ""


def stored_rulings(store: GraphStore) -> list[RulingFacts]:
    """The rulings in the store, as :class:`RulingFacts` (their source is the graph's
    ``dct:source``)."""
    classes = " ".join(f"<{c}>" for c in CLASSES.values())
    decision = {str(c): k for k, c in CLASSES.items()}
    rows = store.select(
        sparql_prefixes()
        + f"""
        SELECT ?r ?type ?date ?source ?court ?formation ?procedure ?country ?opinion
               (GROUP_CONCAT(DISTINCT ?case; SEPARATOR="|") AS ?cases)
        WHERE {{ GRAPH ?g {{
            VALUES ?type {{ {classes} }}
            ?r a ?type ; eli:date_document ?date .
            OPTIONAL {{ ?g dct:source ?source }}
            OPTIONAL {{ ?r lg:caseNumber ?case }}
            OPTIONAL {{ ?r lg:court ?court }}
            OPTIONAL {{ ?r lg:formation ?formation }}
            OPTIONAL {{ ?r lg:procedure ?procedure }}
            OPTIONAL {{ ?r lg:country ?country }}
            OPTIONAL {{ ?r lg:opinionIn ?opinion }}
        }} }}
        GROUP BY ?r ?type ?date ?source ?court ?formation ?procedure ?country ?opinion"""
    )
    out = []
    for row in rows:
        cases = str(row.get("cases") or "")
        out.append(
            RulingFacts(
                source=str(row.get("source") or row["r"]),
                iri=row["r"],
                decision=decision[str(row["type"])],
                date=dt.date.fromisoformat(str(row["date"])),
                case_numbers=frozenset(c for c in cases.split("|") if c),
                court=str(row["court"]) if row.get("court") else None,
                formation=str(row["formation"]) if row.get("formation") else None,
                procedure=str(row["procedure"]).rsplit("/", 1)[-1]
                if row.get("procedure")
                else None,
                country=str(row["country"]).rsplit("/", 1)[-1] if row.get("country") else None,
                opinion_of=row.get("opinion"),
            )
        )
    return out


def precheck(store: GraphStore | None, files: Sequence[Path]) -> dict[Path, str]:
    """The pre-pass of an ingest run: the case-law files among ``files`` that must be rejected
    as duplicates, with the message to report. Files that do not parse are left to the normal
    ingest, which reports them itself."""
    handler = RulingHandler()
    rulings: list[Ruling] = []
    paths: dict[str, Path] = {}
    for path in files:
        try:
            source = read_source(path, display_name(path))
            if not handler.accepts(source):
                continue
            ruling = read_ruling(source)
        except LawgraphError:
            continue
        rulings.append(ruling)
        paths[ruling.source] = path
    stored = stored_rulings(store) if store is not None else []
    return {paths[s]: message for s, message in check_duplicates(rulings, stored).items()}


register_precheck(precheck)
