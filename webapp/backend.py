"""The store behind the web app: opened once per app, refreshed when the data changes.

* An **embedded** store directory is opened read-only. A read-only Oxigraph handle sees the data
  as it was when it was opened (tech.md §1), so at most once per second the app compares a
  signature of the store's files (names, sizes, modification times; RocksDB rewrites its log on
  every write) with the last one and, when it changed, opens a fresh handle. A CLI ingest while
  the app runs is therefore visible within a second.
* A **SPARQL server** (``http(s)://`` location) is reached through :class:`RemoteStore`; its
  signature is the newest ``prov:generatedAtTime``/``prov:endedAtTime`` and the number of
  source graphs, asked at most every few seconds.

Every change of signature bumps ``generation``, which keys the app's caches. Code that changed
the data itself (the app's own publishing ingest) calls :meth:`StoreHolder.invalidate` so that
the next request sees it at once. Views get the store with :func:`get_store`; a request keeps
the handle it got, and the generation that handle belongs to (:func:`snapshot`), so it reads one
consistent snapshot and caches what it computes under the right generation.
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

__all__ = ["StoreHolder", "generation", "get_store", "holder", "snapshot"]

_IGNORED_FILES = ("LOCK", "LOG")

# the newest ingest and assessment times and how many graphs carry them: two aggregates, each
# one index lookup (as one UNION the store matched every graph's triples: 40 ms at full scale)
_REMOTE_SIGNATURE = sparql_prefixes() + """
SELECT ?latest ?graphs ?ended ?activities WHERE {
  { SELECT (MAX(?t) AS ?latest) (COUNT(?g) AS ?graphs) WHERE {
      GRAPH ?g { ?g prov:generatedAtTime ?t } } }
  { SELECT (MAX(?e) AS ?ended) (COUNT(?a) AS ?activities) WHERE { ?a prov:endedAtTime ?e } }
}"""


class StoreHolder:
    """Owns the app's store handle and knows when the data behind it changed."""

    def __init__(self, settings: Settings, *, check_interval: float = 1.0) -> None:
        self.settings = settings
        self.location = str(settings.store)
        self.remote = self.location.startswith(("http://", "https://"))
        self.check_interval = check_interval if not self.remote else max(check_interval, 2.0)
        self._signature: object = None
        self._current: tuple[GraphStore, int] | None = None  # the handle and its generation
        self._generation = 0
        self._checked = 0.0
        self._lock = threading.Lock()

    @property
    def path(self) -> Path | None:
        """The embedded store's directory (None for a server)."""
        return None if self.remote or self.location == "memory:" else Path(self.location)

    @property
    def generation(self) -> int:
        """The data generation of the current handle (0 before the first look)."""
        return self._generation

    def get(self) -> GraphStore:
        """The current store handle; reopened first if the data changed (checked ≤ 1/s)."""
        return self.current()[0]

    def current(self) -> tuple[GraphStore, int]:
        """The current handle with the generation of the data it reads, taken together (a
        change between the two would otherwise cache old data under the new generation)."""
        current = self._current
        if current is not None and time.monotonic() - self._checked < self.check_interval:
            return current
        with self._lock:
            if self._current is None or time.monotonic() - self._checked >= self.check_interval:
                self._refresh()
            assert self._current is not None
            return self._current

    def current_generation(self) -> int:
        return self.current()[1]

    def invalidate(self) -> int:
        """This process changed the data: reopen the handle (embedded) and start a new
        generation now rather than at the next look. Returns the new generation."""
        with self._lock:
            if self.remote:
                self._refresh_remote(force=True)
            else:
                self._refresh_embedded(force=True)
            self._checked = time.monotonic()
            return self._generation

    def _refresh(self) -> None:
        if self.remote:
            self._refresh_remote()
        else:
            self._refresh_embedded()
        self._checked = time.monotonic()

    def _publish(self, store: GraphStore) -> None:
        self._generation += 1
        self._current = (store, self._generation)

    def _refresh_embedded(self, *, force: bool = False) -> None:
        signature = self._file_signature()
        if self._current is not None and signature == self._signature and not force:
            return
        if self._current is not None and self.path is None:  # in memory: no other snapshot
            store = self._current[0]
        else:
            store = self._open_embedded()
        self._signature = signature
        self._publish(store)

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

    def _refresh_remote(self, *, force: bool = False) -> None:
        store = self._current[0] if self._current is not None else RemoteStore(
            self.location, read_only=True, timeout=max(self.settings.query_timeout, 5.0)
        )
        rows = store.select(_REMOTE_SIGNATURE)  # raises StoreUnavailableError if down
        row = rows[0] if rows else {}
        signature = tuple(str(row.get(k, "")) for k in ("latest", "graphs", "ended", "activities"))
        if signature != self._signature or self._current is None or force:
            self._signature = signature
            self._publish(store)

    def close(self) -> None:
        with self._lock:
            if self._current is not None:
                self._current[0].close()
            self._current = None


def holder() -> StoreHolder:
    """The current app's :class:`StoreHolder`."""
    return current_app.extensions["lawgraph.store"]


def snapshot() -> tuple[GraphStore, int]:
    """This request's store handle and the generation of its data (the same for the whole
    request)."""
    from flask import g

    found = g.get("lawgraph_snapshot")
    if found is None:
        found = g.lawgraph_snapshot = holder().current()
    return found


def get_store() -> GraphStore:
    """The store for this request (the same handle for the whole request)."""
    return snapshot()[0]


def generation() -> int:
    """The data generation this request reads (keys the caches)."""
    return snapshot()[1]
