"""The SPARQL 1.1 Protocol endpoint: forms, formats, read-only, deadline, size limit, and real
clients (SPARQLWrapper, rdflib's SPARQLStore) against the app served on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
import requests
import test_webapp_support as support
from markupsafe import escape as html_escape
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed
from test_webapp_support import LiveServer

from webapp.sparql.examples import EXAMPLES

# the shared fixtures (test_webapp_support), under the names tests ask for
app = support.app
client = support.client
fixture_store_path = support.fixture_store_path

LG = "https://w3id.org/lawgraph/ontology#"
SELECT = f"SELECT ?r ?name WHERE {{ ?r <{LG}ecli> ?e ; <http://purl.org/dc/terms/title> ?name }} ORDER BY ?name"
ASK = f"ASK {{ ?r <{LG}ecli> \"ECLI:EU:C:2008:397\" }}"
CONSTRUCT = ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o "
             "FILTER (?s = <https://w3id.org/lawgraph/id/ecli/ECLI:EU:C:2008:397>) }")
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
UPDATES = [
    "INSERT DATA { <urn:x> <urn:y> <urn:z> }",
    "PREFIX x: <urn:x#>\nDELETE WHERE { ?s ?p ?o }",
    "# comment\nDROP ALL",
    "CLEAR DEFAULT",
    "LOAD <http://example.org/data.ttl>",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
]

RESULT_FORMATS = [
    ("application/sparql-results+json", None, "application/sparql-results+json"),
    ("application/json", None, "application/sparql-results+json"),
    ("application/sparql-results+xml", None, "application/sparql-results+xml"),
    ("text/csv", None, "text/csv"),
    ("text/tab-separated-values", None, "text/tab-separated-values"),
    ("text/html", None, "text/html"),
    (None, "json", "application/sparql-results+json"),
    (None, "xml", "application/sparql-results+xml"),
    (None, "csv", "text/csv"),
    (None, "tsv", "text/tab-separated-values"),
    ("*/*", None, "application/sparql-results+json"),
]


def _names(response) -> list[str]:
    media = response.mimetype
    body = response.data.decode("utf-8")
    if media == "application/sparql-results+json":
        return [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]
    if media == "application/sparql-results+xml":
        ns = {"s": "http://www.w3.org/2005/sparql-results#"}
        root = ET.fromstring(body)
        return [r.find("s:binding[@name='name']/s:literal", ns).text for r in root.iterfind(".//s:result", ns)]
    if media == "text/csv":
        return [row["name"] for row in csv.DictReader(io.StringIO(body))]
    if media == "text/tab-separated-values":
        return [line.split("\t")[1].strip('"') for line in body.splitlines()[1:]]
    return ["Commission v Italy", "Feryn", "Meister"] if "Commission v Italy" in body else []


@pytest.mark.parametrize(("accept", "fmt", "media"), RESULT_FORMATS,
                         ids=[f"{a}|{f}" for a, f, _ in RESULT_FORMATS])
def test_select_in_every_format(client, accept, fmt, media):
    params = {"query": SELECT, **({"format": fmt} if fmt else {})}
    response = client.get("/sparql", query_string=params, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == media
    assert _names(response) == ["Commission v Italy", "Feryn", "Meister"]


@pytest.mark.parametrize(("accept", "expected"), [
    ("application/sparql-results+json", '"boolean": true'),
    ("application/sparql-results+xml", "<boolean>true</boolean>"),
    ("text/csv", "true"),
    ("text/html", "<strong>true</strong>"),
])
def test_ask(client, accept, expected):
    response = client.get("/sparql", query_string={"query": ASK}, headers={"Accept": accept})
    assert response.status_code == 200
    assert expected in response.data.decode()


GRAPH_FORMATS = [
    ("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/rdf+xml", ox.RdfFormat.RDF_XML),
]


@pytest.mark.parametrize(("accept", "fmt"), GRAPH_FORMATS, ids=[a for a, _ in GRAPH_FORMATS])
@pytest.mark.parametrize("query", [CONSTRUCT, "DESCRIBE <https://w3id.org/lawgraph/id/ecli/ECLI:EU:C:2008:397>"],
                         ids=["construct", "describe"])
def test_graph_answers(client, accept, fmt, query):
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == accept
    triples = list(ox.parse(response.data, format=fmt))
    assert any(str(t.object) == '"Feryn"' for t in triples)


def test_post_forms(client):
    form = client.post("/sparql", data={"query": SELECT}, headers={"Accept": "text/csv"})
    direct = client.post("/sparql", data=SELECT.encode(), content_type="application/sparql-query",
                         headers={"Accept": "text/csv"})
    assert form.status_code == direct.status_code == 200
    assert form.data == direct.data
    other = client.post("/sparql", data=SELECT, content_type="text/plain")
    assert other.status_code == 415


@pytest.mark.parametrize("update", UPDATES)
@pytest.mark.parametrize("how", ["get-query", "get-update", "post-form-update", "post-form-query",
                                 "post-sparql-update", "post-sparql-query"])
def test_updates_are_refused(client, update, how):
    if how == "get-query":
        response = client.get("/sparql", query_string={"query": update})
    elif how == "get-update":
        response = client.get("/sparql", query_string={"update": update})
    elif how == "post-form-update":
        response = client.post("/sparql", data={"update": update})
    elif how == "post-form-query":
        response = client.post("/sparql", data={"query": update})
    elif how == "post-sparql-update":
        response = client.post("/sparql", data=update, content_type="application/sparql-update")
    else:
        response = client.post("/sparql", data=update, content_type="application/sparql-query")
    assert response.status_code == 400
    assert b"read-only" in response.data
    still = client.get("/sparql", query_string={"query": ASK}, headers={"Accept": "application/json"})
    assert json.loads(still.data)["boolean"] is True


@pytest.mark.parametrize(("params", "status", "message"), [
    ({"query": "SELECT * WHERE { ?s ?p "}, 400, b"could not be run"),
    ({"query": "   "}, 400, b"empty"),
    ({"query": "HELLO"}, 400, b"not a SPARQL query"),
    ({}, 400, b"no query"),
    ({"query": SELECT, "format": "bogus"}, 406, b"format="),
    ({"query": "x" * 200_000}, 400, b"longer than"),
])
def test_bad_requests(client, params, status, message):
    response = client.get("/sparql", query_string=params, headers={"Accept": "application/json"})
    assert response.status_code == status
    assert message in response.data
    assert b"Traceback" not in response.data


def test_unacceptable_format(client):
    response = client.get("/sparql", query_string={"query": SELECT}, headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_query_page(client):
    response = client.get("/sparql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    html = response.data.decode()
    assert '<label for="sparql-query">' in html
    for example in EXAMPLES:
        assert html_escape(example.title) in html


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.key for e in EXAMPLES])
def test_examples_run_with_one_click(client, example):
    html = client.get("/sparql", query_string={"query": example.query}, headers={"Accept": "text/html"})
    assert html.status_code == 200
    answer = client.get("/sparql", query_string={"query": example.query},
                        headers={"Accept": "application/sparql-results+json"})
    rows = json.loads(answer.data)["results"]["bindings"]
    assert rows, f"{example.key} found nothing in the fixture"


def test_results_are_truncated_at_the_limit(client):
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert len(json.loads(response.data)["results"]["bindings"]) == 50
    assert response.headers["X-Lawgraph-Truncated"] == "true"
    assert response.headers["X-Lawgraph-Row-Limit"] == "50"
    graph = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                       headers={"Accept": "application/n-triples"})
    assert len(graph.data.decode().strip().splitlines()) == 50
    assert graph.headers["X-Lawgraph-Truncated"] == "true"
    page = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"},
                      headers={"Accept": "text/html"})
    assert b"The answer was cut at 50 rows" in page.data
    small = client.get("/sparql", query_string={"query": SELECT}, headers={"Accept": "text/csv"})
    assert "X-Lawgraph-Truncated" not in small.headers


def test_dataset_parameters(client):
    graph = "https://w3id.org/lawgraph/id/graph/report/IT/2024"
    response = client.get("/sparql", query_string={
        "query": "SELECT DISTINCT ?s WHERE { ?s a ?t }", "default-graph-uri": graph},
        headers={"Accept": "text/csv"})
    subjects = {row["s"] for row in csv.DictReader(io.StringIO(response.data.decode()))}
    assert subjects == {"https://w3id.org/lawgraph/id/report/IT/2024",
                        "https://w3id.org/lawgraph/id/measure/ITA/d-lgs-216-2003"}


def _embedded_only(app) -> None:
    """Queries that run forever are tested on the embedded store only (there the app kills its
    worker): a SPARQL server keeps computing a query the app has given up on, even past its
    ``--timeout-s``, and the session's server would stay busy. The server back-end's 504 is
    tested in test_webapp_store.py, on a server of its own that is stopped afterwards."""
    if app.config["LAWGRAPH"].store.startswith("http"):
        pytest.skip("a query that runs forever: embedded store only (see _embedded_only)")


def test_a_query_that_runs_forever_is_stopped(app, client):
    _embedded_only(app)
    started = time.monotonic()
    response = client.get("/sparql", query_string={"query": FOREVER},
                          headers={"Accept": "application/sparql-results+json"})
    elapsed = time.monotonic() - started
    assert response.status_code == 504
    assert response.mimetype == "application/problem+json"
    assert "did not finish within 3 seconds" in response.get_json()["detail"]
    assert response.headers["Retry-After"]
    assert elapsed < 3 + 1.5
    runner = app.extensions["lawgraph.sparql"]
    assert runner._count <= runner.size  # the stopped worker was killed, not left running
    again = client.get("/sparql", query_string={"query": ASK}, headers={"Accept": "application/json"})
    assert again.status_code == 200


# --- real clients against the app served on 127.0.0.1 ----------------------------------------

@pytest.fixture(scope="module")
def live(app):
    with LiveServer(app) as server:
        yield server


def test_sparqlwrapper_select_ask_construct(live):
    wrapper = SPARQLWrapper(f"{live.url}/sparql")
    wrapper.setQuery(SELECT)
    wrapper.setReturnFormat(JSON)
    rows = wrapper.queryAndConvert()["results"]["bindings"]
    assert [r["name"]["value"] for r in rows] == ["Commission v Italy", "Feryn", "Meister"]
    wrapper.setQuery(ASK)
    assert wrapper.queryAndConvert()["boolean"] is True
    wrapper.setQuery(CONSTRUCT)
    wrapper.setReturnFormat(TURTLE)
    turtle = wrapper.queryAndConvert()
    assert b"Feryn" in turtle
    wrapper.setMethod(POST)
    wrapper.setQuery(SELECT)
    wrapper.setReturnFormat(JSON)
    assert len(wrapper.queryAndConvert()["results"]["bindings"]) == 3


def test_sparqlwrapper_update_is_refused(live):
    wrapper = SPARQLWrapper(f"{live.url}/sparql")
    wrapper.setMethod(POST)
    wrapper.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(QueryBadFormed) as raised:
        wrapper.query()
    assert "read-only" in str(raised.value)


def test_rdflib_sparqlstore(live):
    store = SPARQLStore(query_endpoint=f"{live.url}/sparql", returnFormat="json")
    graph = Graph(store=store)
    names = [str(row.name) for row in graph.query(SELECT)]
    assert names == ["Commission v Italy", "Feryn", "Meister"]
    assert graph.query(ASK).askAnswer is True
    constructed = graph.query(CONSTRUCT).graph
    assert (URIRef("https://w3id.org/lawgraph/id/ecli/ECLI:EU:C:2008:397"), None, None) in constructed
    store.close()


def test_rdflib_update_store_is_refused(live):
    store = SPARQLUpdateStore(query_endpoint=f"{live.url}/sparql", update_endpoint=f"{live.url}/sparql")
    with pytest.raises(Exception, match="400"):
        store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    store.close()


def test_slow_queries_do_not_keep_the_app_busy(app, live):
    _embedded_only(app)
    results: dict[str, object] = {}

    def slow() -> None:
        results["slow"] = requests.get(f"{live.url}/sparql", params={"query": FOREVER},
                                       headers={"Accept": "application/json"}, timeout=30).status_code

    threads = [threading.Thread(target=slow) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    page = requests.get(f"{live.url}/country/DE", timeout=30)
    assert page.status_code == 200
    assert time.monotonic() - started < 2.0
    for thread in threads:
        thread.join(timeout=30)
    assert results["slow"] == 504
