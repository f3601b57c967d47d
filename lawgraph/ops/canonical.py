"""Canonical N-Quads snapshots of a whole store, taken from its location.

A snapshot is what ``GraphStore.dump`` writes (one canonical line per quad, sorted, no
duplicates), produced without taking the store's write lock, so that it can run while the web
app and an ingest use the store:

* **embedded** (a directory): read through a read-only handle
  (``pyoxigraph.Store.read_only(path)``), which sees the store as of its opening, write-ahead log
  included, while another process holds the write lock. (A RocksDB checkpoint,
  ``Store.read_only(path).backup(dir)``, also works beside a writer but misses the writes that
  are still only in the log: measured, a checkpoint of a store whose writer had not flushed was
  empty.)
* **server** (an ``http(s)://`` URL): ``GET {base}/store`` with ``Accept: application/n-quads``
  (SPARQL 1.1 Graph Store Protocol on the whole dataset), which Oxigraph answers from one
  snapshot; servers without it are read with one SPARQL ``SELECT`` over all named graphs.

Quads in the default graph are not part of a lawgraph dataset (everything lives in named graphs)
and are left out, as ``dump`` leaves them out.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
import requests

from lawgraph.errors import StoreError, StoreUnavailableError

__all__ = [
    "NQUADS",
    "SnapshotInfo",
    "backend_of",
    "canonical_line",
    "read_snapshot",
    "snapshot",
    "write_canonical",
]

NQUADS = "application/n-quads"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_CHUNK = 1 << 20


def backend_of(location: str | Path) -> str:
    """``"server"``, ``"memory"`` or ``"embedded"``, as :func:`lawgraph.store.open_store`
    decides it."""
    text = str(location)
    if text.startswith(("http://", "https://")):
        return "server"
    return "memory" if text == "memory:" else "embedded"


# --- canonical lines ------------------------------------------------------------------------


def _escape(text: str) -> str:
    if any(ch in text for ch in _ESCAPES):
        return "".join(_ESCAPES.get(ch, ch) for ch in text)
    return text


def _term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        body = f'"{_escape(term.value)}"'
        if term.language:
            return f"{body}@{term.language.lower()}"
        if term.datatype.value != _XSD_STRING:
            return f"{body}^^<{term.datatype.value}>"
        return body
    raise StoreError(f"unsupported RDF term in the store: {term!r}")


def canonical_line(quad: ox.Quad) -> str:
    """The canonical N-Quads line of a quad, exactly as ``GraphStore.dump`` writes it."""
    return (
        f"{_term(quad.subject)} {_term(quad.predicate)} {_term(quad.object)} "
        f"{_term(quad.graph_name)} ."
    )


@dataclass
class SnapshotInfo:
    """What a canonical dump holds: its quads per named graph and the SHA-256 of its bytes."""

    quads: int = 0
    sha256: str = ""
    bytes: int = 0
    graphs: dict[str, int] = field(default_factory=dict)
    method: str = ""

    def summary(self) -> str:
        return f"{self.quads} quads in {len(self.graphs)} graphs (sha256 {self.sha256[:12]}…)"


def write_canonical(quads: Iterable[ox.Quad], out: BinaryIO) -> SnapshotInfo:
    """Write the quads as canonical, sorted, de-duplicated N-Quads and describe what was
    written. Default-graph quads are skipped."""
    lines: set[str] = set()
    for quad in quads:
        if not isinstance(quad.graph_name, ox.DefaultGraph):
            lines.add(canonical_line(quad))
    digest = hashlib.sha256()
    graphs: Counter[str] = Counter()
    size = 0
    for line in sorted(lines):
        data = line.encode("utf-8") + b"\n"
        digest.update(data)
        out.write(data)
        size += len(data)
        graphs[_graph_of(line)] += 1
    return SnapshotInfo(len(lines), digest.hexdigest(), size, dict(sorted(graphs.items())))


def _graph_of(line: str) -> str:
    """The graph IRI (or ``_:label``) at the end of a canonical line."""
    if line.endswith("> ."):
        return line[line.rindex(" <", 0, -2) + 2 : -3]
    return line.rsplit(" ", 2)[-2]


def read_snapshot(stream: BinaryIO, source: str) -> SnapshotInfo:
    """Hash and count an N-Quads stream that claims to be canonical (a backup's dataset). The
    stream is parsed, so a damaged file is reported with its line."""
    digest = hashlib.sha256()
    graphs: Counter[str] = Counter()
    count = size = 0
    try:
        for raw in _lines(stream, digest):
            size += len(raw)
            for quad in ox.parse(raw, format=ox.RdfFormat.N_QUADS):
                graph = quad.graph_name
                if isinstance(graph, ox.DefaultGraph):
                    raise StoreError(f"{source}: a quad outside any named graph")
                graphs[graph.value] += 1
                count += 1
    except SyntaxError as exc:
        raise StoreError(f"{source}: not valid N-Quads: {exc}") from exc
    return SnapshotInfo(count, digest.hexdigest(), size, dict(sorted(graphs.items())))


def _lines(stream: BinaryIO, digest: Any) -> Iterator[bytes]:
    """Blocks of whole lines (parsed block by block keeps memory flat)."""
    rest = b""
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
        block = rest + chunk
        cut = block.rfind(b"\n") + 1
        rest = block[cut:]
        if cut:
            yield block[:cut]
    if rest:
        yield rest


# --- reading a store without its write lock -------------------------------------------------


def snapshot(location: str | Path, out: BinaryIO, *, timeout: float = 600.0) -> SnapshotInfo:
    """Write a canonical dump of a consistent snapshot of the store at ``location`` to ``out``
    (see the module docstring); ``method`` in the answer says how it was read."""
    backend = backend_of(location)
    if backend == "memory":
        raise StoreError("an in-memory store has nothing to back up or migrate")
    if backend == "embedded":
        return _embedded_snapshot(Path(location), out)
    with tempfile.TemporaryDirectory(prefix="lawgraph-snapshot-") as tmp:
        file = Path(tmp) / "dataset.nq"
        method = _download(str(location).rstrip("/"), file, timeout)
        info = write_canonical(ox.parse(path=str(file), format=ox.RdfFormat.N_QUADS), out)
    info.method = method
    return info


def _embedded_snapshot(path: Path, out: BinaryIO, attempts: int = 5) -> SnapshotInfo:
    """A read-only handle sees the store as of its opening, including writes still only in the
    write-ahead log (a RocksDB checkpoint would miss those). The writer's compactions may delete
    a file the handle has not read yet; that is an I/O error, never silently different data,
    and the snapshot is then taken again. ``write_canonical`` reads everything before it
    writes, so a failed attempt has written nothing."""
    if not (path / "CURRENT").exists():
        raise StoreError(f"there is no store at {path}: run `lawgraph init` first")
    for attempt in range(attempts):
        try:
            store = ox.Store.read_only(str(path))
            info = write_canonical(store.quads_for_pattern(None, None, None, None), out)
        except (OSError, RuntimeError) as exc:  # RocksDB reports a vanished file as corruption
            if attempt == attempts - 1:
                raise StoreError(f"cannot read a snapshot of the store at {path}: {exc}") from exc
            time.sleep(0.05 * (attempt + 1))
            continue
        finally:
            store = None
        info.method = "read-only snapshot of the embedded store"
        return info
    raise AssertionError("unreachable")


def _download(base: str, file: Path, timeout: float) -> str:
    """Fetch the whole dataset into ``file`` as N-Quads; returns the method used."""
    url = f"{base}/store"
    try:
        with requests.get(url, headers={"Accept": NQUADS}, stream=True, timeout=timeout) as answer:
            if answer.ok and answer.headers.get("Content-Type", "").startswith(NQUADS):
                with file.open("wb") as out:
                    for chunk in answer.iter_content(_CHUNK):
                        out.write(chunk)
                return f"GET {url} (Graph Store Protocol)"
    except requests.ConnectionError as exc:
        raise StoreUnavailableError(f"the SPARQL server at {base} does not answer") from exc
    except requests.Timeout as exc:
        raise StoreUnavailableError(
            f"the SPARQL server at {base} did not send the dataset within {timeout:g} s"
        ) from exc
    _select_all(base, file, timeout)
    return f"SPARQL SELECT over every named graph at {base}/query"


def _select_all(base: str, file: Path, timeout: float) -> None:
    from lawgraph.store.remote import RemoteStore
    from lawgraph.store.terms import nquad_line

    with RemoteStore(base, read_only=True, timeout=timeout) as store, file.open("wb") as out:
        for s, p, o, g in store.quads():
            out.write(nquad_line(s, p, o, g).encode("utf-8") + b"\n")
