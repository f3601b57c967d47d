"""lawgraph: where national anti-discrimination law falls short of the EU equality directives.

The public API is a handful of verbs that the CLI, the web app and the tests all call::

    import lawgraph
    store = lawgraph.open_store("var/store")
    lawgraph.init(store)                                   # reference data
    lawgraph.ingest(store, ["country_reports", "case_law"])  # sources → named graphs → assessments
    lawgraph.gaps(store, country="IT", directive="2000/78")
    lawgraph.diff(store, 2023, 2024, country="DE")
    lawgraph.coverage(store, "DE")
    lawgraph.query(store, "SELECT …")
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from lawgraph.assess import assess
from lawgraph.gaps import coverage, diff, gaps
from lawgraph.ingest import ingest
from lawgraph.reference import load_reference as init
from lawgraph.store import GraphStore, open_store

try:
    __version__ = version("lawgraph")
except PackageNotFoundError:  # a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "GraphStore",
    "__version__",
    "assess",
    "coverage",
    "diff",
    "gaps",
    "ingest",
    "init",
    "open_store",
    "query",
]


def query(store: GraphStore, sparql: str):
    """Run a SPARQL query over every graph: rows for SELECT, a bool for ASK, a graph for
    CONSTRUCT and DESCRIBE."""
    return store.query(sparql)
