"""Running endpoint queries with a deadline and a size limit.

* Embedded store: a small pool of worker processes (:mod:`webapp.sparql.worker`), each with its
  own read-only handle, reopened when the store's generation changes. A query that misses its
  deadline is stopped by killing its worker; a fresh one starts on demand. Waiting for a free
  worker counts against the same deadline, so a burst of slow queries cannot pile up.
* SPARQL server: the query is sent to the server's query endpoint with an HTTP read timeout of
  the deadline (the server's own ``--timeout-s`` stops it there).

Both return the worker's JSON answer shape (see :mod:`webapp.sparql.worker`).
"""

from __future__ import annotations

import json
import os
import queue
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import requests

from lawgraph.errors import StoreError, StoreUnavailableError
from webapp.sparql.worker import encode_term

__all__ = ["EmbeddedRunner", "QueryFailed", "QueryTimedOut", "RemoteRunner"]

_WORKER = Path(__file__).with_name("worker.py")


class QueryTimedOut(Exception):
    """The query did not finish before the deadline (and was stopped)."""


class QueryFailed(Exception):
    """The query is not valid, or the engine refused it (``syntax`` says which)."""

    def __init__(self, message: str, syntax: bool = False) -> None:
        super().__init__(message)
        self.syntax = syntax


class _Worker:
    def __init__(self, path: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(_WORKER), path], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            bufsize=0, close_fds=True,
        )
        self._buffer = b""

    def alive(self) -> bool:
        return self.process.poll() is None

    def ask(self, request: dict, deadline: float) -> dict:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write((json.dumps(request) + "\n").encode("utf-8"))
        fd = self.process.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise QueryTimedOut()
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise StoreError("the query worker stopped unexpectedly")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return json.loads(line)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


class EmbeddedRunner:
    """A pool of at most ``size`` query workers for one store directory."""

    def __init__(self, path: str, size: int = 2) -> None:
        self.path = path
        self.size = max(1, size)
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._count = 0
        self._lock = threading.Lock()
        self._closed = False

    def _acquire(self, deadline: float) -> _Worker:
        """An idle worker, or a new one while the pool is not full; waits until the deadline."""
        while True:
            with self._lock:
                create = self._idle.empty() and self._count < self.size
                if create:
                    self._count += 1
            if create:
                try:
                    return _Worker(self.path)
                except OSError:
                    with self._lock:
                        self._count -= 1
                    raise
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise QueryTimedOut()
            try:
                worker = self._idle.get(timeout=min(remaining, 0.25))
            except queue.Empty:
                continue
            if worker.alive():
                return worker
            self._discard(worker)

    def _discard(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._count -= 1

    def run(self, query: str, *, limit: int, timeout: float, generation: int, form: str = "",
            default_graph: tuple[str, ...] = (), named_graph: tuple[str, ...] = ()) -> dict:
        deadline = time.monotonic() + timeout
        worker = self._acquire(deadline)
        request = {"query": query, "limit": limit, "generation": generation,
                   "default_graph": list(default_graph), "named_graph": list(named_graph)}
        try:
            answer = worker.ask(request, deadline)
        except (QueryTimedOut, StoreError, OSError, ValueError) as exc:
            self._discard(worker)
            if isinstance(exc, QueryTimedOut):
                raise
            raise StoreError(f"the query worker failed: {exc}") from exc
        if self._closed:
            self._discard(worker)
        else:
            self._idle.put(worker)
        if "error" in answer:
            raise QueryFailed(str(answer["message"]), syntax=answer["error"] == "syntax")
        return answer

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._discard(self._idle.get_nowait())
            except queue.Empty:
                break


class RemoteRunner:
    """Queries sent to a SPARQL server's query endpoint."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self._session = requests.Session()

    def run(self, query: str, *, limit: int, timeout: float, generation: int, form: str,
            default_graph: tuple[str, ...] = (), named_graph: tuple[str, ...] = ()) -> dict:
        accept = "application/n-triples" if form in ("CONSTRUCT", "DESCRIBE") else \
            "application/sparql-results+json"
        params = [("default-graph-uri", g) for g in default_graph]
        params += [("named-graph-uri", g) for g in named_graph]
        try:
            response = self._session.post(
                self.endpoint, params=params, data=query.encode("utf-8"), timeout=(3.0, timeout),
                headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept},
            )
        except requests.Timeout as exc:
            raise QueryTimedOut() from exc
        except requests.ConnectionError as exc:
            raise StoreUnavailableError(f"the SPARQL server at {self.endpoint} does not answer") from exc
        if response.status_code >= 400:
            detail = response.text.strip()[:1000]
            if "timeout" in detail.lower():
                raise QueryTimedOut()
            raise QueryFailed(detail or f"the server answered {response.status_code}",
                              syntax=response.status_code == 400)
        if form in ("CONSTRUCT", "DESCRIBE"):
            return _graph_answer(response.content, limit)
        return _results_answer(response.json(), limit)

    def close(self) -> None:
        self._session.close()


def _results_answer(payload: dict, limit: int) -> dict:
    if "boolean" in payload:
        return {"kind": "ask", "boolean": bool(payload["boolean"])}
    names = payload.get("head", {}).get("vars", [])
    bindings = payload.get("results", {}).get("bindings", [])
    rows = [[b.get(n) for n in names] for b in bindings[:limit]]
    return {"kind": "select", "vars": names, "rows": rows, "truncated": len(bindings) > limit}


def _graph_answer(data: bytes, limit: int) -> dict:
    triples = []
    truncated = False
    for triple in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        if len(triples) >= limit:
            truncated = True
            break
        triples.append([encode_term(triple.subject), encode_term(triple.predicate),
                        encode_term(triple.object)])
    return {"kind": "graph", "triples": triples, "truncated": truncated}
