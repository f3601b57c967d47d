"""The store contract (lawgraph/store/base.py), run against both back-ends."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import threading

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from lawgraph.errors import InputError, StoreError, StoreLockedError, StoreUnavailableError
from lawgraph.store import EmbeddedStore, RemoteStore, open_store, query_form
from lawgraph.store.server import free_port

G1 = URIRef("https://w3id.org/lawgraph/id/graph/test/one")
G2 = URIRef("https://w3id.org/lawgraph/id/graph/test/two")
EX = "https://example.org/"


def triples(n: int, tag: str = "v"):
    return [(URIRef(f"{EX}s{i}"), URIRef(f"{EX}p"), Literal(f"{tag}{i}")) for i in range(n)]


TRICKY_LITERALS = [
    pytest.param(Literal("plain"), id="plain"),
    pytest.param(Literal("Gleichbehandlung", lang="de"), id="language-tag"),
    pytest.param(Literal("2024", datatype=XSD.gYear), id="gYear"),
    pytest.param(Literal("2006-08-14", datatype=XSD.date), id="date"),
    pytest.param(Literal("0.85", datatype=XSD.decimal), id="decimal"),
    pytest.param(Literal('quote " backslash \\ newline \n tab \t'), id="escapes"),
    pytest.param(Literal("Türkiye – Ελλάδα – § 22 AGG"), id="unicode"),
]


@pytest.mark.parametrize("literal", TRICKY_LITERALS)
def test_literals_round_trip(store, literal):
    store.replace_graph(G1, [(URIRef(EX + "s"), URIRef(EX + "p"), literal)])
    rows = store.select("SELECT ?o WHERE { ?s ?p ?o }")
    assert rows.values("o") == [literal]


def test_queries_see_the_union_of_named_graphs(store):
    store.replace_graph(G1, triples(3, "a"))
    store.replace_graph(G2, triples(2, "b"))
    assert len(store.select("SELECT ?o WHERE { ?s ?p ?o }")) == 5
    assert store.graph_names() == sorted([G1, G2])
    assert store.count() == 5
    assert store.count(G1) == 3


def test_query_forms(store):
    store.replace_graph(G1, triples(2))
    assert store.ask(f"ASK {{ <{EX}s0> ?p ?o }}") is True
    assert store.query(f"ASK {{ <{EX}nothing> ?p ?o }}") is False
    graph = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert len(graph) == 2
    rows = store.query("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o")
    assert rows.variables == ["s", "o"]
    assert [str(v) for v in rows.values("o")] == ["v0", "v1"]


def test_unbound_variables_are_absent(store):
    store.replace_graph(G1, triples(1))
    rows = store.select(
        f"SELECT ?s ?missing WHERE {{ ?s ?p ?o OPTIONAL {{ ?s <{EX}q> ?missing }} }}"
    )
    assert rows == [{"s": URIRef(EX + "s0")}]


def test_replace_graph_replaces_only_that_graph(store):
    store.replace_graph(G1, triples(3, "old"))
    store.replace_graph(G2, triples(2, "other"))
    store.replace_graph(G1, triples(1, "new"))
    assert store.count(G1) == 1
    assert store.count(G2) == 2
    assert {str(v) for v in store.select("SELECT ?o WHERE { ?s ?p ?o }").values("o")} == {
        "new0",
        "other0",
        "other1",
    }


def test_replace_with_nothing_drops_the_graph(store):
    store.replace_graph(G1, triples(3))
    store.replace_graph(G1, [])
    assert store.graph_names() == []
    store.drop_graph(G2)  # dropping a graph that does not exist is no error


def test_replace_is_atomic_for_readers(store):
    """A reader counting a graph while it is replaced back and forth sees 50 or 200, never a
    mix of old and new."""
    store.replace_graph(G1, triples(50, "small"))
    seen: set[int] = set()
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            seen.add(store.count(G1))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for i in range(15):
            store.replace_graph(G1, triples(200 if i % 2 == 0 else 50, f"r{i}"))
    finally:
        stop.set()
        thread.join(timeout=30)
    assert seen <= {50, 200}


def test_failed_update_changes_nothing(store):
    store.replace_graph(G1, triples(3))
    with pytest.raises(StoreError):
        store.update(f"DROP GRAPH <{G1}> ; INSERT DATA {{ GRAPH <{G1}> {{ <broken")
    assert store.count(G1) == 3


def test_replace_rejects_a_bad_graph_iri(store):
    with pytest.raises(StoreError, match="not a valid graph IRI"):
        store.replace_graph(URIRef("https://example.org/has space"), triples(1))


def test_dump_restore_dump_is_byte_identical(store):
    store.replace_graph(
        G1, triples(20, "a") + [(URIRef(EX + "x"), URIRef(EX + "p"), Literal("é\n", lang="fr"))]
    )
    store.replace_graph(
        G2, [(URIRef(EX + "y"), URIRef(EX + "q"), Literal("7", datatype=XSD.integer))]
    )
    first = io.BytesIO()
    assert store.dump(first) == 22
    store.replace_graph(G1, triples(2, "changed"))
    store.restore(first.getvalue())
    second = io.BytesIO()
    store.dump(second)
    assert second.getvalue() == first.getvalue()
    lines = first.getvalue().decode().splitlines()
    assert lines == sorted(lines)


@pytest.mark.parametrize(
    ("dump", "message"),
    [
        pytest.param(b'<http://a> <http://b> "unterminated .\n', "not valid N-Quads", id="syntax"),
        pytest.param(
            b"<http://a> <http://b> <http://c> .\n", "outside any named graph", id="default-graph"
        ),
        pytest.param(
            b"<http://a> <http://b> <http://c> <http://g> .\nnonsense\n", "line 2", id="line-named"
        ),
    ],
)
def test_malformed_restore_changes_nothing(store, dump, message):
    store.replace_graph(G1, triples(4))
    before = io.BytesIO()
    store.dump(before)
    with pytest.raises(InputError, match=message) as info:
        store.restore(dump, source="backup.nq")
    assert "backup.nq" in str(info.value)
    after = io.BytesIO()
    store.dump(after)
    assert after.getvalue() == before.getvalue()


def test_query_syntax_error_is_clear(store):
    with pytest.raises(StoreError):
        store.select("SELECT * WHERE {")


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * WHERE {}", "SELECT"),
        ("prefix lg: <https://w3id.org/lawgraph/ontology#>\nASK {}", "ASK"),
        ("# a comment\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("BASE <http://x/> DESCRIBE <a>", "DESCRIBE"),
    ],
)
def test_query_form(query, form):
    assert query_form(query) == form


def test_query_form_rejects_updates():
    with pytest.raises(StoreError):
        query_form("INSERT DATA { <a> <b> <c> }")


def test_read_only_embedded_store_refuses_writes(tmp_path):
    writer = EmbeddedStore(tmp_path / "db")
    writer.replace_graph(G1, triples(2))
    writer.close()
    reader = EmbeddedStore(tmp_path / "db", read_only=True)
    assert reader.count() == 2
    with pytest.raises(StoreError, match="read-only"):
        reader.replace_graph(G1, [])
    reader.close()


def test_read_only_open_of_a_missing_store_says_init(tmp_path):
    with pytest.raises(StoreError, match="lawgraph init"):
        EmbeddedStore(tmp_path / "nothing", read_only=True)


def test_a_store_locked_by_another_process_is_reported(tmp_path):
    path = tmp_path / "db"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, pyoxigraph
            store = pyoxigraph.Store({str(path)!r})
            print("open", flush=True)
            sys.stdin.read()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout.readline().strip() == b"open"
        with pytest.raises(StoreLockedError, match="another process"):
            EmbeddedStore(path)
        reader = EmbeddedStore(path, read_only=True)  # readers are still welcome
        assert reader.count() == 0
        reader.close()
    finally:
        holder.communicate(b"", timeout=30)


def test_unreachable_server_is_reported():
    store = RemoteStore(f"http://127.0.0.1:{free_port()}", timeout=2)
    with pytest.raises(StoreUnavailableError, match="does not answer"):
        store.select("SELECT * WHERE {}")
    assert store.ping() is False


@pytest.mark.parametrize(
    ("location", "kind"),
    [
        ("memory:", EmbeddedStore),
        ("http://127.0.0.1:1", RemoteStore),
        ("https://x.invalid/sparql", RemoteStore),
    ],
)
def test_open_store_picks_the_backend(location, kind):
    store = open_store(location)
    assert isinstance(store, kind)
    store.close()
