"""Graph stores: one contract (:class:`GraphStore`), two back-ends.

``open_store(location)`` picks the back-end from one setting:

* a directory path → the embedded Oxigraph store on disk (the default, ``var/store``);
* ``memory:`` → an in-memory embedded store (tests);
* ``http://…`` or ``https://…`` → a SPARQL 1.1 server (``{url}/query``, ``{url}/update``).
"""

from __future__ import annotations

from pathlib import Path

from lawgraph.store.base import GraphStore, Rows, query_form
from lawgraph.store.embedded import EmbeddedStore
from lawgraph.store.remote import RemoteStore

__all__ = ["EmbeddedStore", "GraphStore", "RemoteStore", "Rows", "open_store", "query_form"]


def open_store(
    location: str | Path, *, read_only: bool = False, timeout: float | None = None
) -> GraphStore:
    """Open the store named by ``location`` (see the module docstring); ``timeout``: seconds to
    wait for a SPARQL server's answer to one request (the ``store_timeout`` setting; default
    :data:`~lawgraph.store.remote.DEFAULT_TIMEOUT`)."""
    text = str(location)
    if text.startswith(("http://", "https://")):
        return RemoteStore(text, read_only=read_only, timeout=timeout)
    if text == "memory:":
        return EmbeddedStore(None, read_only=read_only)
    return EmbeddedStore(Path(text), read_only=read_only)
