"""A small in-process cache of computed views (the gap matrix, label indexes, rendered pages),
per data generation.

Every entry belongs to the store generation it was computed from (see :mod:`webapp.backend`):
when a request reads a newer generation, every older entry is dropped. A request that still
reads an older snapshot (it started before the change) computes what it needs without
storing it, so the cache never goes back to older data.

Views call :func:`cached`; code that changed the data in this process calls
:func:`webapp.backend.StoreHolder.invalidate` (a new generation at once), and
:meth:`GenerationCache.clear` empties the cache without one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import current_app

from webapp.backend import snapshot

__all__ = ["GenerationCache", "cached"]

_T = TypeVar("_T")


class GenerationCache:
    """Least-recently-used entries, all of one store generation."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._generation: int | None = None
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def generation(self) -> int | None:
        """The generation of the entries held (None before the first)."""
        return self._generation

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        """Drop every entry (the next request of each key computes it again)."""
        with self._lock:
            self._entries.clear()
            self._computing.clear()

    def get_or_compute(self, gen: int, key: Hashable, compute: Callable[[], _T]) -> _T:
        """The cached value, or ``compute()`` run once even when many threads ask at once."""
        with self._lock:
            if self._generation is None or gen > self._generation:
                self._entries.clear()
                self._computing.clear()
                self._generation = gen
            elif gen < self._generation:  # an older snapshot: never stored
                self.misses += 1
                return compute()
            if key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return self._entries[key]
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:  # one computation per key; other keys are not blocked
            with self._lock:
                if gen == self._generation and key in self._entries:
                    self.hits += 1
                    return self._entries[key]
            value = compute()
            with self._lock:
                self.misses += 1
                if gen == self._generation:
                    self._entries[key] = value
                    self._computing.pop(key, None)
                    while len(self._entries) > self.size:
                        self._entries.popitem(last=False)
        return value


def cached(key: Hashable, compute: Callable[[], _T]) -> _T:
    """``compute()`` for this request's store generation, computed once per key."""
    cache: GenerationCache = current_app.extensions["lawgraph.cache"]
    _, gen = snapshot()
    return cache.get_or_compute(gen, key, compute)
