"""The store behind the app: an ingest while the app runs becomes visible (embedded store:
read-only handle reopened; server: its data signature changes), on both back-ends; a SPARQL
server that is down gives a clear 503 and the app recovers by itself when the server comes up;
the same pages and endpoint work on the server back-end."""

from __future__ import annotations

import json
import time

import pytest
import test_webapp_support as support
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD
from test_webapp_support import build_fixture_store, closed_port, fixture_graphs, make_app

from lawgraph.store import RemoteStore, open_store
from lawgraph.store.server import OxigraphServer
from lawgraph.vocab import LG, LGD, country_iri
from webapp import close_app

fixture_store_path = support.fixture_store_path  # the fixture graph on each back-end


def _add_french_assessment(location: str) -> None:
    """What an ingest does, in small: write a report graph (with its time) and an assessment
    graph."""
    store = open_store(location)
    try:
        report, assessment = LGD["report/FR/2024"], LGD["assessment/FR/2024/32000L0043/art_7"]
        graph = LGD["graph/report/FR/2024"]
        store.replace_graphs({
            graph: [
                (graph, PROV.generatedAtTime, Literal("2099-01-01T00:00:00Z", datatype=XSD.dateTime)),
                (report, RDF.type, LG.CountryReport), (report, LG.country, country_iri("FRA")),
                (report, LG.reportingYear, Literal("2024", datatype=XSD.gYear))],
            LGD["graph/assessment/FR/2024"]: [
                (assessment, RDF.type, LG.Assessment), (assessment, LG.country, country_iri("FRA")),
                (assessment, LG.provision, LGD["provision/32000L0043/art_7"]),
                (assessment, LG.reportingYear, Literal("2024", datatype=XSD.gYear)),
                (assessment, LG.status, LGD["status/incorrect"]),
                (assessment, LG.confidence, Literal("1.00", datatype=XSD.decimal)),
                (assessment, LG.basis, Literal("expert")), (assessment, LG.contested, Literal(False))],
        })
    finally:
        store.close()


def _rows(client) -> list[str]:
    return [r["code"] for r in client.get("/?format=json").get_json()["rows"]]


def test_ingest_while_the_app_runs_becomes_visible(store_location):
    support.fill(open_store(store_location))
    path = store_location
    app = make_app(path)
    try:
        client = app.test_client()
        assert _rows(client) == ["DE", "IT"]
        assert client.get("/country/FR.json").get_json()["directives"] == []
        generation = app.extensions["lawgraph.store"].generation
        _add_french_assessment(path)  # a second handle writes while the app holds its read-only one
        deadline = time.monotonic() + 5
        while _rows(client) != ["FR", "DE", "IT"] and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _rows(client) == ["FR", "DE", "IT"]
        assert app.extensions["lawgraph.store"].generation > generation
        page = client.get("/country/FR.json").get_json()
        assert page["directives"][0]["articles"][0]["assessments"][0]["status"] == "incorrect"
        sparql = client.get("/sparql", query_string={
            "query": "ASK { <https://w3id.org/lawgraph/id/assessment/FR/2024/32000L0043/art_7> ?p ?o }"},
            headers={"Accept": "application/json"})
        assert json.loads(sparql.data)["boolean"] is True
    finally:
        close_app(app)


def test_the_gap_matrix_is_cached_per_generation(fixture_store_path):
    app = make_app(fixture_store_path)
    try:
        client = app.test_client()
        cache = app.extensions["lawgraph.cache"]
        client.get("/")
        misses = cache.misses
        client.get("/")
        assert cache.misses == misses and cache.hits > 0
    finally:
        close_app(app)


def test_no_store_yet_is_a_clear_503(tmp_path):
    app = make_app(tmp_path / "nothing-here")
    try:
        client = app.test_client()
        response = client.get("/")
        assert response.status_code == 503
        assert response.headers["Retry-After"]
        assert b"lawgraph demo" in response.data
        build_fixture_store(tmp_path / "nothing-here")
        assert client.get("/").status_code == 200
    finally:
        close_app(app)


@pytest.mark.server
def test_server_down_then_up(tmp_path):
    port = closed_port()
    app = make_app(f"http://127.0.0.1:{port}")
    try:
        client = app.test_client()
        for url, accept in [("/", "text/html"), ("/country/DE", "text/html"),
                            ("/api/v1/gaps", "application/json"),
                            ("/sparql?query=ASK%7B%7D", "application/sparql-results+json")]:
            response = client.get(url, headers={"Accept": accept})
            assert response.status_code == 503, url
            assert response.headers["Retry-After"] == "5"
            assert b"does not answer" in response.data
            assert b"Traceback" not in response.data
        html = client.get("/").data.decode()
        assert "The store is unreachable" in html and "will work again by itself" in html
        with OxigraphServer(tmp_path / "db", port=port) as server:
            RemoteStore(server.url).replace_graphs(fixture_graphs())
            response = client.get("/")
            assert response.status_code == 200
            assert "Germany" in response.data.decode()
        assert client.get("/").status_code in (200, 503)  # cached matrix, or down again
        assert client.get("/country/DE").status_code == 503
    finally:
        close_app(app)


@pytest.fixture(scope="module")
def server_app(tmp_path_factory):
    """The app on the fixture graph on a server of its own: the query that runs forever below
    keeps the server busy until it stops."""
    server = OxigraphServer(tmp_path_factory.mktemp("oxi") / "db",
                            timeout_s=support.SERVER_TIMEOUT_S).start()
    try:
        support.fill(RemoteStore(server.url))
        app = make_app(server.url)
        yield app
        close_app(app)
    finally:
        server.stop(kill=True)


@pytest.mark.server
@pytest.mark.parametrize("url", ["/", "/country/DE", "/country/IT.json", "/provision/32000L0043/art_8",
                                 "/ecli/ECLI:EU:C:2013:446", "/report/DE/2024.ttl", "/search?q=Meister",
                                 "/api/v1/assessments?country=DE"])
def test_pages_on_the_server_backend(server_app, url):
    response = server_app.test_client().get(url)
    assert response.status_code in (200, 303), response.data[:300]


@pytest.mark.server
def test_sparql_on_the_server_backend(server_app):
    client = server_app.test_client()
    rows = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"},
                      headers={"Accept": "application/sparql-results+json"})
    assert len(json.loads(rows.data)["results"]["bindings"]) == 50
    assert rows.headers["X-Lawgraph-Truncated"] == "true"
    graph = client.get("/sparql", query_string={
        "query": "DESCRIBE <https://w3id.org/lawgraph/id/ecli/ECLI:EU:C:2008:397>"},
        headers={"Accept": "text/turtle"})
    assert graph.status_code == 200 and b"Feryn" in graph.data
    refused = client.post("/sparql", data={"update": "DROP ALL"})
    assert refused.status_code == 400
    started = time.monotonic()
    forever = client.get("/sparql", query_string={
        "query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"},
        headers={"Accept": "application/sparql-results+json"})
    assert forever.status_code == 504
    assert time.monotonic() - started < 3 + 1.5
    assert URIRef  # the store still answers
    ask = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"},
                     headers={"Accept": "application/sparql-results+json"})
    assert json.loads(ask.data)["boolean"] is True
