"""Shared fixtures.

Tests that take the ``store`` fixture (an open, empty store) or the ``store_location`` fixture
(where one is: what ``--store`` and ``LAWGRAPH_STORE`` take) run once per back-end: the embedded
Oxigraph store and a real Oxigraph server that the session starts on 127.0.0.1 and stops at the
end. ``LAWGRAPH_TEST_BACKENDS=embedded`` limits a local run to one back-end.
"""

from __future__ import annotations

import contextlib
import logging
import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from lawgraph.store import EmbeddedStore, GraphStore, RemoteStore
from lawgraph.store.server import OxigraphServer

# Hypothesis imports libcst to suggest a patch when a property fails; libcst warns (a
# DeprecationWarning from mypy_extensions) and, with warnings as errors, the failure report
# itself would crash. Import it once, before any test module (the property tests of the fuzz and
# API modules both use Hypothesis), with that warning silenced.
with warnings.catch_warnings(), contextlib.suppress(ImportError):  # libcst is optional
    warnings.simplefilter("ignore", DeprecationWarning)
    import hypothesis.extra._patching  # noqa: F401

BACKENDS = [
    b.strip() for b in os.environ.get("LAWGRAPH_TEST_BACKENDS", "embedded,server").split(",")
]
DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _lawgraph_logging_restored() -> Iterator[None]:
    """A test (or the CLI or app it runs) may configure lawgraph's logs; undo it afterwards, so
    that no handler outlives the stream it writes to and ``caplog`` sees the events again."""
    logger = logging.getLogger("lawgraph")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    yield
    logger.handlers[:] = saved[0]
    logger.setLevel(saved[1])
    logger.propagate = saved[2]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph") / "db")
    server.start()
    yield server
    server.stop()


def _emptied(server: OxigraphServer) -> str:
    with RemoteStore(server.url) as remote:
        remote.update("DROP ALL")
    return server.url


@pytest.fixture(params=BACKENDS)
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where an empty store of each back-end is: a directory that does not exist yet, or the
    URL of the session's Oxigraph server, emptied."""
    if request.param == "embedded":
        return str(tmp_path / "store")
    return _emptied(request.getfixturevalue("oxigraph_server"))


@pytest.fixture
def store(store_location: str) -> Iterator[GraphStore]:
    """An empty store of each back-end."""
    if store_location.startswith("http"):
        opened: GraphStore = RemoteStore(store_location)
    else:
        opened = EmbeddedStore(Path(store_location))
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
