"""Bulk data exports of the whole graph or of one country, streamed graph by graph.

| format | target | what is written |
|---|---|---|
| ``nq`` | a file | canonical N-Quads: named graphs in IRI order, each graph's lines sorted and unique, preceded by ``#`` comment lines saying what the file contains |
| ``ttl`` | a folder | one Turtle file per named graph (``report/DE/2024.ttl``), each opening with a comment block, and ``export.meta.json`` |
| ``jsonld`` | a file | expanded JSON-LD: an array of named graphs (``{"@id": graph, "@graph": [...]}``), with a ``FILE.meta.json`` sidecar |
| ``csv`` | a folder | ``assessments.csv``, ``measures.csv``, ``rulings.csv`` and ``export.meta.json`` |

The statement of contents (:func:`export_meta`) gives counts, countries, reporting years, the
source graphs with their files and SHA-256 hashes, the generation time and lawgraph's version.

A country export holds the named graphs about that country (its reports, its assessments, the
rulings concerning it), not the shared reference data; the whole-graph export holds everything.
Nothing holds the whole store as one string: N-Quads, Turtle and JSON-LD are written one named
graph at a time (a graph's lines are sorted in memory), CSV one row at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import unquote

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from lawgraph.exports.provenance import ExportInfo
from lawgraph.exports.scope import DataScope, comment_block, data_scope, export_meta
from lawgraph.exports.tables import TABLES, iter_csv
from lawgraph.store.base import GraphStore
from lawgraph.store.terms import nquad_line
from lawgraph.vocab import PREFIXES

__all__ = [
    "CSV",
    "JSONLD",
    "NQUADS",
    "TURTLE",
    "DataScope",
    "data_scope",
    "export_meta",
    "graph_file_name",
    "iter_csv",
    "iter_nquads",
    "jsonld_chunks",
]


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# --- N-Quads ---------------------------------------------------------------------------------
def iter_nquads(store: GraphStore, scope: DataScope) -> Iterator[str]:
    """Canonical N-Quads lines (without newline), one named graph at a time."""
    for graph in scope.graphs:
        yield from sorted({nquad_line(s, p, o, g) for s, p, o, g in store.quads(graph)})


class NQuadsExporter:
    name = "nq"
    target = "file"

    def write(self, store, target, *, country=None, info=None) -> dict[str, Any]:
        scope = data_scope(store, country)
        meta = export_meta(store, scope, self.name, info or ExportInfo.now())
        with _binary(target) as out:
            for line in comment_block(meta):
                out.write(_one_line(line).encode("utf-8") + b"\n")
            for line in iter_nquads(store, scope):
                out.write(line.encode("utf-8") + b"\n")
        return meta


# --- Turtle, one file per graph ----------------------------------------------------------------
def graph_file_name(graph: URIRef | str) -> str:
    """``…/graph/report/DE/2024`` → ``report/DE/2024.ttl`` (characters unsafe in file names
    become ``_``)."""
    tail = str(graph).split("/graph/", 1)[-1]
    parts = [
        "".join(c if c.isalnum() or c in "._-" else "_" for c in unquote(part)) or "_"
        for part in tail.split("/")
    ]
    return "/".join(parts) + ".ttl"


class TurtleExporter:
    name = "ttl"
    target = "directory"

    def write(self, store, target, *, country=None, info=None) -> dict[str, Any]:
        directory = _directory(target)
        scope = data_scope(store, country)
        files = {str(g): graph_file_name(g) for g in scope.graphs}
        meta = export_meta(store, scope, self.name, info or ExportInfo.now(), files=files)
        for graph, name in files.items():
            path = directory / name
            path.parent.mkdir(parents=True, exist_ok=True)
            rdf = store.graph(URIRef(graph))
            for prefix, namespace in PREFIXES.items():
                rdf.bind(prefix, namespace, override=True)
            header = [f"# Named graph {graph}", *_graph_header(meta, graph)]
            with path.open("wb") as out:
                out.write(("\n".join(_one_line(h) for h in header) + "\n\n").encode("utf-8"))
                out.write(rdf.serialize(format="turtle", encoding="utf-8"))
        _write_meta(directory / "export.meta.json", meta)
        return meta


def _graph_header(meta: dict[str, Any], graph: str) -> list[str]:
    record = next((g for g in meta["graphs"] if g["graph"] == graph), None)
    lines = [f"# Part of: {meta['statement']}"]
    if record:
        lines.append(
            f"# Source: {record['source'] or 'none recorded'}; sha256 {record['sha256'] or '-'}; "
            f"{record['quads']} triples{'; SAMPLE' if record['sample'] else ''}"
        )
    lines.append(f"# Generated {meta['generated_at']} by lawgraph {meta['lawgraph_version']}.")
    return lines


# --- JSON-LD -------------------------------------------------------------------------------------
def _jsonld_value(term) -> dict[str, str]:
    if isinstance(term, Literal):
        value: dict[str, str] = {"@value": str(term)}
        if term.language:
            value["@language"] = term.language
        elif term.datatype is not None:
            value["@type"] = str(term.datatype)
        return value
    return {"@id": str(term)}


def _jsonld_nodes(store: GraphStore, graph: URIRef) -> list[dict[str, Any]]:
    nodes: dict[str, dict[str, Any]] = {}
    for s, p, o, _ in store.quads(graph):
        node = nodes.setdefault(str(s), {"@id": str(s)})
        if p == RDF.type and isinstance(o, URIRef):
            node.setdefault("@type", []).append(str(o))
        else:
            node.setdefault(str(p), []).append(_jsonld_value(o))
    out = []
    for subject in sorted(nodes):
        node = nodes[subject]
        for key, values in node.items():
            if isinstance(values, list):
                unique = {json.dumps(v, sort_keys=True): v for v in values}
                node[key] = [unique[k] for k in sorted(unique)]
        out.append(dict(sorted(node.items())))
    return out


def jsonld_chunks(store: GraphStore, scope: DataScope) -> Iterator[str]:
    """Expanded JSON-LD text, one named graph per chunk."""
    yield "["
    for n, graph in enumerate(scope.graphs):
        body = {"@id": str(graph), "@graph": _jsonld_nodes(store, graph)}
        yield ("," if n else "") + "\n" + json.dumps(body, ensure_ascii=False)
    yield "\n]\n"


class JsonLdExporter:
    name = "jsonld"
    target = "file"

    def write(self, store, target, *, country=None, info=None) -> dict[str, Any]:
        scope = data_scope(store, country)
        meta = export_meta(store, scope, self.name, info or ExportInfo.now())
        with _binary(target) as out:
            for chunk in jsonld_chunks(store, scope):
                out.write(chunk.encode("utf-8"))
        if isinstance(target, str | Path):
            _write_meta(Path(f"{target}.meta.json"), meta)
        return meta


class CsvExporter:
    name = "csv"
    target = "directory"

    def write(self, store, target, *, country=None, info=None) -> dict[str, Any]:
        directory = _directory(target)
        scope = data_scope(store, country)
        rows: dict[str, int] = {}
        for table in TABLES:
            rows[table] = -1  # the header
            with (directory / f"{table}.csv").open("w", encoding="utf-8", newline="") as out:
                for chunk in iter_csv(store, scope, table):
                    out.write(chunk)
                    rows[table] += 1
        tables = {f"{t}.csv": {"columns": list(TABLES[t][0]), "rows": n} for t, n in rows.items()}
        meta = export_meta(store, scope, self.name, info or ExportInfo.now(), tables=tables)
        _write_meta(directory / "export.meta.json", meta)
        return meta


# --- targets -------------------------------------------------------------------------------
class _binary:
    """A binary file object for a path (opened and closed here) or one given by the caller."""

    def __init__(self, target: str | Path | BinaryIO) -> None:
        self.target = target
        self.opened: BinaryIO | None = None

    def __enter__(self) -> BinaryIO:
        if isinstance(self.target, str | Path):
            Path(self.target).parent.mkdir(parents=True, exist_ok=True)
            self.opened = Path(self.target).open("wb")
            return self.opened
        return self.target

    def __exit__(self, *exc: object) -> None:
        if self.opened is not None:
            self.opened.close()


def _directory(target: str | Path) -> Path:
    from lawgraph.exports import ExportError

    if not isinstance(target, str | Path):
        raise ExportError("this format writes several files: give a directory, not a stream")
    path = Path(target)
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path} is a file; this format writes several files into a directory")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _write_meta(path: Path, meta: dict[str, Any]) -> None:
    path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


NQUADS = NQuadsExporter()
TURTLE = TurtleExporter()
JSONLD = JsonLdExporter()
CSV = CsvExporter()
