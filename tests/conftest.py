"""Shared fixtures.

Tests that take the ``store`` fixture run once per back-end: the embedded Oxigraph store and a
real Oxigraph server that the session starts on 127.0.0.1 and stops at the end.
``LAWGRAPH_TEST_BACKENDS=embedded`` limits a local run to one back-end.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from lawgraph.store import EmbeddedStore, GraphStore, RemoteStore
from lawgraph.store.server import OxigraphServer

BACKENDS = [
    b.strip() for b in os.environ.get("LAWGRAPH_TEST_BACKENDS", "embedded,server").split(",")
]
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph") / "db")
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each back-end."""
    if request.param == "embedded":
        opened: GraphStore = EmbeddedStore(tmp_path / "store")
    else:
        server = request.getfixturevalue("oxigraph_server")
        opened = RemoteStore(server.url)
        opened.update("DROP ALL")
    yield opened
    opened.close()


CORPUS = [
    Path(__file__).resolve().parents[1] / "country_reports",
    Path(__file__).resolve().parents[1] / "case_law",
]


def _build_corpus(store: GraphStore) -> GraphStore:
    import lawgraph

    lawgraph.init(store)
    summary = lawgraph.ingest(store, CORPUS)
    assert summary.ok, summary.text()
    return store


_CORPORA: dict[str, GraphStore] = {}


def _corpus_for(backend: str, request: pytest.FixtureRequest, tmp: pytest.TempPathFactory):
    """The bundled corpus ingested once per back-end and session (shared by fixtures)."""
    if backend not in _CORPORA:
        if backend == "embedded":
            store: GraphStore = EmbeddedStore(tmp.mktemp("corpus") / "store")
        else:
            server = OxigraphServer(tmp.mktemp("corpus-server") / "db").start()
            request.session.config.add_cleanup(server.stop)
            store = RemoteStore(server.url)
        request.session.config.add_cleanup(store.close)
        _CORPORA[backend] = _build_corpus(store)
    return _CORPORA[backend]


@pytest.fixture(scope="session", params=BACKENDS)
def corpus_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The bundled corpus on each back-end (read it; don't change it)."""
    return _corpus_for(request.param, request, tmp_path_factory)


@pytest.fixture(scope="session")
def embedded_corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The bundled corpus on the embedded store, for checks that do not depend on the
    back-end (read it; don't change it)."""
    return _corpus_for("embedded", request, tmp_path_factory)


@pytest.fixture
def corpus_store_factory(tmp_path: Path):
    """Build a private embedded corpus store a test may change."""
    stores = []

    def make() -> GraphStore:
        store = EmbeddedStore(tmp_path / f"corpus{len(stores)}")
        stores.append(store)
        return _build_corpus(store)

    yield make
    for store in stores:
        store.close()
