"""Moving a whole dataset between stores: ``migrate`` (embedded ⇄ SPARQL server) and the load
step that ``restore_backup`` shares with it.

Every move goes through canonical N-Quads (:mod:`lawgraph.ops.canonical`) and ends with a
verification: the target is dumped canonically and its SHA-256 must equal the source's. A target
that already holds data is refused unless ``replace`` is given.

How data is written:

* **embedded** directory: ``pyoxigraph.Store.bulk_load`` of the N-Quads file (takes the store's
  write lock: no ingest or ``lawgraph serve`` may hold it; read-only readers are fine);
* **server**: ``POST {base}/store`` with ``Content-Type: application/n-quads`` (Graph Store
  Protocol on the whole dataset, which Oxigraph implements); a server without it gets SPARQL
  ``INSERT DATA`` requests of at most 10,000 quads each.

Replacing (``replace=True``) first empties the target (``clear`` / ``DROP ALL``); a move
interrupted after that leaves the target incomplete until the command is run again, so replace
only with writers stopped.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
import requests

from lawgraph.errors import StoreError, StoreLockedError, StoreUnavailableError
from lawgraph.ops.canonical import (
    NQUADS,
    SnapshotInfo,
    backend_of,
    canonical_line,
    snapshot,
)
from lawgraph.ops.errors import OperationRefused, VerificationError

__all__ = ["TransferReport", "load_nquads", "migrate", "snapshot_info", "verify_copy"]

BATCH_QUADS = 10_000
_NO_GSP = (404, 405, 406, 415, 501)


@dataclass
class TransferReport:
    """What a migration or a restore moved, how, and what the verification found."""

    source: str
    target: str
    info: SnapshotInfo
    read_method: str
    write_method: str
    replaced_quads: int
    seconds: float

    def text(self) -> str:
        replaced = (
            f"; the {self.replaced_quads} quads the target held were replaced"
            if self.replaced_quads
            else ""
        )
        return (
            f"{self.info.quads} quads in {len(self.info.graphs)} named graphs moved from "
            f"{self.source} to {self.target} in {self.seconds:.1f} s{replaced}.\n"
            f"read: {self.read_method}\nwrite: {self.write_method}\n"
            f"verified: the target's canonical dump equals the source's "
            f"(sha256 {self.info.sha256})"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "target": self.target,
            "quads": self.info.quads,
            "graphs": len(self.info.graphs),
            "sha256": self.info.sha256,
            "read": self.read_method,
            "write": self.write_method,
            "replaced_quads": self.replaced_quads,
            "seconds": round(self.seconds, 3),
            "verified": True,
        }


class _Discard:
    """A binary sink (hashing a snapshot needs no copy of it)."""

    def write(self, data: bytes) -> int:
        return len(data)


def snapshot_info(location: str | Path) -> SnapshotInfo:
    """Count and hash the store's canonical dump without keeping it."""
    return snapshot(location, _Discard())  # type: ignore[arg-type]


def verify_copy(expected: SnapshotInfo, location: str | Path, what: str) -> SnapshotInfo:
    """Dump ``location`` canonically and compare it with ``expected``."""
    found = snapshot_info(location)
    if found.sha256 != expected.sha256:
        differing = sorted(
            g
            for g in set(found.graphs) | set(expected.graphs)
            if found.graphs.get(g) != expected.graphs.get(g)
        )
        detail = f"; graphs that differ in size: {', '.join(differing[:5])}" if differing else ""
        raise VerificationError(
            f"verification failed: {location} holds {found.quads} quads (sha256 "
            f"{found.sha256[:12]}…) but {what} has {expected.quads} (sha256 "
            f"{expected.sha256[:12]}…){detail}. Run the command again with --replace."
        )
    return found


def _same_place(a: str | Path, b: str | Path) -> bool:
    if backend_of(a) != backend_of(b):
        return False
    if backend_of(a) == "server":
        return str(a).rstrip("/") == str(b).rstrip("/")
    return Path(a).resolve() == Path(b).resolve()


def migrate(source: str | Path, target: str | Path, *, replace: bool = False) -> TransferReport:
    """Copy every named graph of ``source`` to ``target`` (store locations: a directory or a
    server URL), then verify the copy. The source is read from a snapshot and not changed."""
    if _same_place(source, target):
        raise OperationRefused(f"the source and the target are the same store ({source})")
    if backend_of(target) == "memory":
        raise OperationRefused("an in-memory store cannot be a migration target")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lawgraph-migrate-") as tmp:
        file = Path(tmp) / "dataset.nq"
        with file.open("wb") as out:
            info = snapshot(source, out)
        write_method, previous = load_nquads(file, target, replace=replace)
    verify_copy(info, target, f"the source {source}")
    return TransferReport(
        str(source),
        str(target),
        info,
        info.method,
        write_method,
        previous,
        time.perf_counter() - started,
    )


def load_nquads(file: Path, target: str | Path, *, replace: bool) -> tuple[str, int]:
    """Load an N-Quads file into the store at ``target``; returns how, and how many quads the
    target held before (refused if any, unless ``replace``)."""
    if backend_of(target) == "server":
        return _load_server(file, str(target).rstrip("/"), replace)
    if backend_of(target) == "memory":
        raise OperationRefused("an in-memory store cannot be loaded from the command line")
    return _load_embedded(file, Path(target), replace)


def _refuse_non_empty(target: str | Path, quads: int) -> None:
    raise OperationRefused(
        f"the store at {target} is not empty ({quads} quads); add --replace to replace its "
        "content (stop ingests first), or choose an empty target"
    )


def _open_writable(path: Path) -> ox.Store:
    try:
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise StoreLockedError(
                f"the store at {path} is open for writing in another process (an ingest, or "
                "`lawgraph serve`/`demo`); stop it first"
            ) from exc
        raise StoreError(f"cannot open the store at {path}: {exc}") from exc


def _load_embedded(file: Path, path: Path, replace: bool) -> tuple[str, int]:
    store = _open_writable(path)
    try:
        previous = len(store)
        if previous and not replace:
            _refuse_non_empty(path, previous)
        try:
            if previous:
                store.clear()
            store.bulk_load(path=str(file), format=ox.RdfFormat.N_QUADS)
            store.flush()
        except OSError as exc:
            raise StoreError(
                f"loading into {path} failed ({exc}); the store is incomplete: free the cause "
                "and run the command again with --replace"
            ) from exc
    finally:
        del store
    return f"bulk load into the embedded store at {path}", previous


def _load_server(file: Path, base: str, replace: bool) -> tuple[str, int]:
    from lawgraph.store.remote import RemoteStore

    with RemoteStore(base, timeout=600.0) as store:
        previous = store.count()
        if previous and not replace:
            _refuse_non_empty(base, previous)
        if previous:
            store.update("DROP ALL")
        if _post_dataset(file, f"{base}/store"):
            return f"POST {base}/store (Graph Store Protocol, {NQUADS})", previous
        batches = _insert_batches(store, file)
        return f"{batches} SPARQL INSERT DATA requests to {base}/update", previous


def _post_dataset(file: Path, url: str) -> bool:
    """POST the file to the dataset; False when the server has no Graph Store Protocol."""
    try:
        with file.open("rb") as body:
            answer = requests.post(
                url, data=body, headers={"Content-Type": NQUADS}, timeout=(10, 3600)
            )
    except requests.ConnectionError as exc:
        raise StoreUnavailableError(f"the SPARQL server at {url} does not answer") from exc
    if answer.status_code in _NO_GSP:
        return False
    if answer.status_code >= 400:
        detail = answer.text.strip().splitlines()[0][:300] if answer.text.strip() else ""
        raise StoreError(f"the server refused the data ({answer.status_code}): {detail}")
    return True


def _insert_batches(store, file: Path) -> int:
    batches = 0
    for body in _batches(file.open("rb")):
        store.update(body)
        batches += 1
    return batches


def _batches(stream: BinaryIO) -> Iterator[str]:
    with stream:
        groups: dict[str, list[str]] = {}
        size = 0
        for quad in ox.parse(stream, format=ox.RdfFormat.N_QUADS):
            line = canonical_line(quad)
            graph_end = line.rindex(" ", 0, -2)
            groups.setdefault(line[graph_end + 1 : -2], []).append(line[:graph_end] + " .")
            size += 1
            if size >= BATCH_QUADS:
                yield _insert_data(groups)
                groups, size = {}, 0
        if groups:
            yield _insert_data(groups)


def _insert_data(groups: dict[str, list[str]]) -> str:
    parts = [f"GRAPH {graph} {{\n" + "\n".join(lines) + "\n}" for graph, lines in groups.items()]
    return "INSERT DATA {\n" + "\n".join(parts) + "\n}"
