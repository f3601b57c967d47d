"""The store behind the web app: opened once per app, refreshed when the data changes.

* An **embedded** store directory is opened read-only. A read-only Oxigraph handle sees the data
  as it was when it was opened (tech.md §1), so at most once per second the app compares a
  signature of the store's files (names, sizes, modification times; RocksDB rewrites its log on
  every write) with the last one and, when it changed, opens a fresh handle. A CLI ingest while
  the app runs is therefore visible within a second.
* A **SPARQL server** (``http(s)://`` location) is reached through :class:`RemoteStore`; its
  signature is the newest ``prov:generatedAtTime``/``prov:endedAtTime`` and the number of
  source graphs, asked at most every few seconds.

Every change of signature bumps ``generation``, which keys the app's caches. Views get the store
with :func:`get_store`; a request keeps the handle it got, so it reads one consistent snapshot.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from flask import current_app

from lawgraph.config import Settings
from lawgraph.errors import StoreError, StoreUnavailableError
from lawgraph.store import EmbeddedStore, GraphStore, RemoteStore
from lawgraph.vocab import sparql_prefixes

__all__ = ["StoreHolder", "generation", "get_store", "holder"]

_IGNORED_FILES = ("LOCK", "LOG")

_REMOTE_SIGNATURE = sparql_prefixes() + """
SELECT (MAX(?t) AS ?latest) (COUNT(?g) AS ?graphs) WHERE {
  { GRAPH ?g { ?g prov:generatedAtTime ?t } }
  UNION { GRAPH ?g { ?g prov:wasGeneratedBy ?a . ?a prov:endedAtTime ?t } }
}"""


class StoreHolder:
    """Owns the app's store handle and knows when the data behind it changed."""

    def __init__(self, settings: Settings, *, check_interval: float = 1.0) -> None:
        self.settings = settings
        self.location = str(settings.store)
        self.remote = self.location.startswith(("http://", "https://"))
        self.check_interval = check_interval if not self.remote else max(check_interval, 2.0)
        self.generation = 0
        self._signature: object = None
        self._store: GraphStore | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    @property
    def path(self) -> Path | None:
        """The embedded store's directory (None for a server)."""
        return None if self.remote or self.location == "memory:" else Path(self.location)

    def get(self) -> GraphStore:
        """The current store handle; reopened first if the data changed (checked ≤ 1/s)."""
        now = time.monotonic()
        if self._store is not None and now - self._checked < self.check_interval:
            return self._store
        with self._lock:
            if self._store is None or time.monotonic() - self._checked >= self.check_interval:
                self._refresh()
            assert self._store is not None
            return self._store

    def current_generation(self) -> int:
        self.get()
        return self.generation

    def _refresh(self) -> None:
        if self.remote:
            self._refresh_remote()
        else:
            self._refresh_embedded()
        self._checked = time.monotonic()

    def _refresh_embedded(self) -> None:
        signature = self._file_signature()
        if self._store is not None and signature == self._signature:
            return
        self._store = self._open_embedded()
        self._signature = signature
        self.generation += 1

    def _open_embedded(self) -> EmbeddedStore:
        if self.path is None:
            return EmbeddedStore(None, read_only=True)
        if not (self.path / "CURRENT").exists():
            raise StoreUnavailableError(
                f"there is no store at {self.path} yet: run `lawgraph demo` (or `lawgraph init` "
                "and `lawgraph ingest`) to create it"
            )
        for attempt in range(3):  # a writer may be swapping files under us
            try:
                return EmbeddedStore(self.path, read_only=True)
            except StoreError as exc:
                if attempt == 2:
                    raise StoreUnavailableError(str(exc)) from exc
                time.sleep(0.05)
        raise AssertionError("unreachable")

    def _file_signature(self) -> object:
        if self.path is None:
            return "memory"
        try:
            entries = []
            with os.scandir(self.path) as found:
                for entry in found:
                    if entry.name.startswith(_IGNORED_FILES):
                        continue
                    info = entry.stat()
                    entries.append((entry.name, info.st_size, info.st_mtime_ns))
        except FileNotFoundError:
            return None
        return tuple(sorted(entries))

    def _refresh_remote(self) -> None:
        if self._store is None:
            self._store = RemoteStore(
                self.location, read_only=True, timeout=max(self.settings.query_timeout, 5.0)
            )
        rows = self._store.select(_REMOTE_SIGNATURE)  # raises StoreUnavailableError if down
        row = rows[0] if rows else {}
        signature = (str(row.get("latest", "")), str(row.get("graphs", "")))
        if signature != self._signature:
            self._signature = signature
            self.generation += 1

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
            self._store = None


def holder() -> StoreHolder:
    """The current app's :class:`StoreHolder`."""
    return current_app.extensions["lawgraph.store"]


def get_store() -> GraphStore:
    """The store for this request (the same handle for the whole request)."""
    from flask import g

    store = g.get("lawgraph_store")
    if store is None:
        store = holder().get()
        g.lawgraph_store = store
        g.lawgraph_generation = holder().generation
    return store


def generation() -> int:
    """The data generation this request reads (keys the caches)."""
    from flask import g

    get_store()
    return g.lawgraph_generation
