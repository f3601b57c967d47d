"""A store behind a SPARQL 1.1 server (Query and Update protocols).

Tested against the Oxigraph server (``pip install oxigraph``; ``oxigraph serve --location DIR
--bind 127.0.0.1:7878 --union-default-graph``). Any SPARQL 1.1 server works if its default graph
is the union of the named graphs, as lawgraph's queries expect.

Given the server's base URL, the endpoints are Oxigraph's: ``{base}/query`` and
``{base}/update``; other servers name them explicitly (``query_endpoint=…``).
"""

from __future__ import annotations

from collections.abc import Iterator

import requests
from rdflib import Graph, URIRef

from lawgraph.errors import StoreError, StoreUnavailableError
from lawgraph.store.base import GraphStore, Quad, Rows
from lawgraph.store.terms import from_json_binding

__all__ = ["DEFAULT_TIMEOUT", "RemoteStore"]

_SPARQL_JSON = "application/sparql-results+json"
#: seconds to wait for the server's answer to one request, unless told otherwise (the
#: ``store_timeout`` setting, :mod:`lawgraph.config`)
DEFAULT_TIMEOUT = 60.0


class RemoteStore(GraphStore):
    """A SPARQL 1.1 server reached over HTTP."""

    def __init__(
        self,
        base_url: str,
        *,
        query_endpoint: str | None = None,
        update_endpoint: str | None = None,
        read_only: bool = False,
        timeout: float | None = None,
    ) -> None:
        base = base_url.rstrip("/")
        self.location = base
        self.query_endpoint = query_endpoint or f"{base}/query"
        self.update_endpoint = update_endpoint or f"{base}/update"
        self.read_only = read_only
        self.timeout = DEFAULT_TIMEOUT if timeout is None else timeout
        self._session = requests.Session()

    def _post(
        self, url: str, body: str, content_type: str, accept: str | None
    ) -> requests.Response:
        headers = {"Content-Type": f"{content_type}; charset=utf-8"}
        if accept:
            headers["Accept"] = accept
        try:
            response = self._session.post(
                url, data=body.encode("utf-8"), headers=headers, timeout=self.timeout
            )
        except requests.ConnectionError as exc:
            raise StoreUnavailableError(f"the SPARQL server at {url} does not answer") from exc
        except requests.Timeout as exc:
            raise StoreUnavailableError(
                f"the SPARQL server at {url} did not answer within {self.timeout:g} s"
            ) from exc
        if response.status_code >= 400:
            detail = response.text.strip().splitlines()[0][:500] if response.text else ""
            raise StoreError(
                f"the SPARQL server refused the request ({response.status_code}): {detail}"
            )
        return response

    def _query(self, query: str, accept: str) -> requests.Response:
        return self._post(self.query_endpoint, query, "application/sparql-query", accept)

    # --- reading -------------------------------------------------------------------------
    def select(self, query: str) -> Rows:
        payload = self._query(query, _SPARQL_JSON).json()
        names = payload.get("head", {}).get("vars", [])
        rows = [
            {name: from_json_binding(term) for name, term in binding.items()}
            for binding in payload.get("results", {}).get("bindings", [])
        ]
        return Rows(names, rows)

    def ask(self, query: str) -> bool:
        payload = self._query(query, _SPARQL_JSON).json()
        if "boolean" not in payload:
            raise StoreError("ask() needs an ASK query")
        return bool(payload["boolean"])

    def construct(self, query: str) -> Graph:
        response = self._query(query, "application/n-triples")
        graph = Graph()
        graph.parse(data=response.text, format="nt")
        return graph

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        if graph is None:
            query = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        else:
            query = (
                f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} VALUES ?g {{ <{graph}> }} }}"
            )
        for row in self.select(query):
            yield row["s"], row["p"], row["o"], row["g"]

    # --- writing -------------------------------------------------------------------------
    def update(self, update: str) -> None:
        self._check_writable()
        self._post(self.update_endpoint, update, "application/sparql-update", None)

    def ping(self) -> bool:
        """True when the server answers a trivial query."""
        try:
            self.ask("ASK {}")
        except StoreError:
            return False
        return True

    def close(self) -> None:
        self._session.close()
