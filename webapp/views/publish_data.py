"""Bulk data downloads for account holders (:mod:`lawgraph.exports.bulk`), of the whole graph
(``all``) or of one country (its reports, assessments and the rulings concerning it), listed at
``/data``:

| path | what |
|---|---|
| ``/data/{scope}.nq`` | canonical N-Quads, opening with ``#`` lines that say what the file holds |
| ``/data/{scope}.jsonld`` | expanded JSON-LD, an array of named graphs |
| ``/data/{scope}.meta.json`` | the statement of contents (counts, sources with SHA-256, time, version) |
| ``/data/{scope}.ttl.zip`` | one Turtle file per named graph and ``export.meta.json`` |
| ``/data/{scope}.csv.zip`` | ``assessments.csv``, ``measures.csv``, ``rulings.csv``, ``export.meta.json`` |
| ``/data/{scope}/{table}.csv`` | one of the CSV tables |

Every download is streamed: a named graph (or a CSV row) at a time, never the whole store in
memory; ZIP archives are written as they are sent.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from flask import Blueprint, Response, abort, stream_with_context, url_for
from rdflib import URIRef

from lawgraph.exports.bulk import (
    DataScope,
    data_scope,
    export_meta,
    graph_file_name,
    iter_csv,
    iter_nquads,
    jsonld_chunks,
)
from lawgraph.exports.provenance import ExportInfo
from lawgraph.exports.scope import comment_block
from lawgraph.exports.tables import TABLES
from lawgraph.refdata import reference_index
from lawgraph.store.base import GraphStore
from lawgraph.vocab import PREFIXES, sparql_prefixes
from webapp.auth import DATA_ROLES, require_role
from webapp.backend import get_store
from webapp.pages import respond

bp = Blueprint("data", __name__)

CHUNK = 64 * 1024
FILES = {
    "nq": ("application/n-quads", "N-Quads"),
    "jsonld": ("application/ld+json", "JSON-LD"),
    "ttl.zip": ("application/zip", "Turtle (ZIP, a file per named graph)"),
    "csv.zip": ("application/zip", "CSV tables (ZIP)"),
    "meta.json": ("application/json", "Statement of contents (JSON)"),
}


def _scope(name: str) -> tuple[str, str | None]:
    """``all`` or a country's EU code → (file name stem, country code or None)."""
    if name == "all":
        return "all", None
    found = reference_index().country(name) if len(name) <= 60 else None
    if found is None:
        abort(404, f"there is no country {name[:60]!r}: use all or an EU code such as DE")
    return found.eu_code, found.eu_code


@bp.get("/data")
@require_role(*DATA_ROLES)
def index():
    rows = get_store().select(
        sparql_prefixes()
        + """
SELECT DISTINCT ?code WHERE { ?r a lg:CountryReport ; lg:country ?c . ?c lg:euCode ?code }"""
    )
    countries = sorted(
        (reference_index().country(str(r["code"])) for r in rows), key=lambda c: c.name
    )
    scopes = [("all", "Whole graph")] + [(c.eu_code, c.name) for c in countries]
    data = {
        "title": "Bulk data",
        "scopes": [
            {
                "scope": key,
                "label": label,
                "files": [
                    {
                        "format": fmt,
                        "label": FILES[fmt][1],
                        "href": url_for("data.download", scope=key, fmt=fmt),
                    }
                    for fmt in FILES
                ],
                "tables": [
                    {"table": t, "href": url_for("data.table", scope=key, table=t)} for t in TABLES
                ],
            }
            for key, label in scopes
        ],
    }
    return respond(data, "publish_data.html")


@bp.get('/data/<scope>.<any(nq, jsonld, "ttl.zip", "csv.zip", "meta.json"):fmt>')
@require_role(*DATA_ROLES)
def download(scope: str, fmt: str):
    stem, country = _scope(scope)
    store = get_store()
    found = data_scope(store, country)
    kind = fmt.split(".")[0] if fmt != "meta.json" else "jsonld"
    files = {str(g): graph_file_name(g) for g in found.graphs} if fmt == "ttl.zip" else None
    meta = export_meta(store, found, kind, ExportInfo.now(), **({"files": files} if files else {}))
    if fmt == "meta.json":
        body: Iterable[bytes] = [json.dumps(meta, indent=2, ensure_ascii=False).encode() + b"\n"]
    elif fmt == "nq":
        body = _nquads(store, found, meta)
    elif fmt == "jsonld":
        body = (chunk.encode("utf-8") for chunk in jsonld_chunks(store, found))
    elif fmt == "ttl.zip":
        body = _zip(_turtle_files(store, found, meta))
    else:
        body = _zip(_csv_files(store, found, meta))
    response = _download(body, FILES[fmt][0], f"lawgraph-{stem}.{fmt}")
    if fmt == "jsonld":
        meta_url = url_for("data.download", scope=scope, fmt="meta.json")
        response.headers["Link"] = f'<{meta_url}>; rel="describedby"; type="application/json"'
    return response


@bp.get("/data/<scope>/<any(assessments, measures, rulings):table>.csv")
@require_role(*DATA_ROLES)
def table(scope: str, table: str):
    stem, country = _scope(scope)
    store = get_store()
    body = (chunk.encode("utf-8") for chunk in iter_csv(store, data_scope(store, country), table))
    return _download(_batched(body), "text/csv; charset=utf-8", f"lawgraph-{stem}-{table}.csv")


def _download(body: Iterable[bytes], mimetype: str, filename: str) -> Response:
    response = Response(stream_with_context(iter(body)), content_type=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _batched(chunks: Iterable[bytes], size: int = CHUNK) -> Iterator[bytes]:
    """Small pieces joined into chunks of about ``size`` bytes."""
    pending: list[bytes] = []
    length = 0
    for chunk in chunks:
        pending.append(chunk)
        length += len(chunk)
        if length >= size:
            yield b"".join(pending)
            pending, length = [], 0
    if pending:
        yield b"".join(pending)


def _nquads(store: GraphStore, scope: DataScope, meta: dict[str, Any]) -> Iterator[bytes]:
    header = (" ".join(line.split()).encode("utf-8") + b"\n" for line in comment_block(meta))
    lines = (line.encode("utf-8") + b"\n" for line in iter_nquads(store, scope))
    yield from _batched(header)
    yield from _batched(lines)


# --- ZIP archives, written as they are sent ----------------------------------------------
class _Pipe(io.RawIOBase):
    """A write-only, unseekable file: zipfile writes into it, the response takes from it."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts, self.size = [], 0
        return data


def _zip(files: Iterable[tuple[str, Iterable[bytes]]]) -> Iterator[bytes]:
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, chunks in files:
            with archive.open(name, "w", force_zip64=True) as member:
                for chunk in chunks:
                    member.write(chunk)
                    if pipe.size >= CHUNK:
                        yield pipe.take()
            yield pipe.take()
    yield pipe.take()


def _meta_file(meta: dict[str, Any]) -> tuple[str, list[bytes]]:
    return "export.meta.json", [json.dumps(meta, indent=2, ensure_ascii=False).encode() + b"\n"]


def _turtle_files(
    store: GraphStore, scope: DataScope, meta: dict[str, Any]
) -> Iterator[tuple[str, Iterable[bytes]]]:
    yield _meta_file(meta)
    for graph, name in meta["files"].items():
        yield name, _turtle(store, graph, meta)


def _turtle(store: GraphStore, graph: str, meta: dict[str, Any]) -> Iterator[bytes]:
    header = [
        f"# Named graph {graph}",
        f"# Part of: {meta['statement']}",
        f"# Generated {meta['generated_at']} by lawgraph {meta['lawgraph_version']}.",
    ]
    yield ("\n".join(" ".join(h.split()) for h in header) + "\n\n").encode("utf-8")
    rdf = store.graph(URIRef(graph))
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace, override=True)
    yield rdf.serialize(format="turtle", encoding="utf-8")


def _csv_files(
    store: GraphStore, scope: DataScope, meta: dict[str, Any]
) -> Iterator[tuple[str, Iterable[bytes]]]:
    rows: dict[str, int] = {}

    def counted(table: str) -> Iterator[bytes]:
        rows[table] = -1  # the header line
        for chunk in iter_csv(store, scope, table):
            rows[table] += 1
            yield chunk.encode("utf-8")

    for name in TABLES:
        yield f"{name}.csv", _batched(counted(name))
    meta["tables"] = {
        f"{t}.csv": {"columns": list(TABLES[t][0]), "rows": n} for t, n in rows.items()
    }
    yield _meta_file(meta)
