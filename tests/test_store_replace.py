"""Replacing graphs: the result is exactly the new content, whatever was stored, in one
transaction, on both back-ends; the embedded store writes only the differences."""

from __future__ import annotations

import threading

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from lawgraph.errors import StoreError
from lawgraph.store import EmbeddedStore
from lawgraph.store.terms import nquad_line, nquads, nt_term

G1 = URIRef("https://w3id.org/lawgraph/id/graph/test/one")
G2 = URIRef("https://w3id.org/lawgraph/id/graph/test/two")
G3 = URIRef("https://w3id.org/lawgraph/id/graph/test/three")
EX = "https://example.org/"
P = URIRef(EX + "p")


def triples(n: int, tag: str = "v") -> list[tuple[URIRef, URIRef, Literal]]:
    return [(URIRef(f"{EX}s{i}"), P, Literal(f"{tag}{i}")) for i in range(n)]


def content(store, graph: URIRef) -> set[str]:
    return {f"{nt_term(s)} {nt_term(p)} {nt_term(o)}" for s, p, o, _ in store.quads(graph)}


#: literals Oxigraph keeps in a canonical form ("1.0"^^xsd:decimal is stored as "1")
CANONICALISED = [
    (URIRef(EX + "a"), P, Literal("1.0", datatype=XSD.decimal)),
    (URIRef(EX + "a"), P, Literal("0.60", datatype=XSD.decimal)),
    (URIRef(EX + "a"), P, Literal("12", datatype=XSD.integer)),
    (URIRef(EX + "a"), P, Literal("true", datatype=XSD.boolean)),
    (URIRef(EX + "a"), P, Literal("2024", datatype=XSD.gYear)),
    (URIRef(EX + "a"), P, Literal('Text\nwith "quotes" and \\', lang="EN")),
]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(triples(5, "a"), triples(5, "a"), id="same"),
        pytest.param(triples(5, "a"), triples(3, "a") + triples(2, "b"), id="some-changed"),
        pytest.param(triples(5, "a"), triples(7, "b"), id="all-changed"),
        pytest.param(triples(5, "a"), triples(2, "a"), id="shrunk"),
        pytest.param(triples(2, "a"), triples(5, "a"), id="grown"),
        pytest.param(CANONICALISED, CANONICALISED, id="canonical-literals-again"),
        pytest.param(
            CANONICALISED, CANONICALISED[:2] + triples(1), id="canonical-literals-changed"
        ),
    ],
)
def test_replace_leaves_exactly_the_new_content(store, before, after):
    store.replace_graph(G1, triples(2, "other"))
    store.replace_graph(G2, before)
    fresh = EmbeddedStore()  # what a store that never held ``before`` makes of ``after``
    fresh.replace_graph(G2, after)
    store.replace_graph(G2, after)
    assert content(store, G2) == content(fresh, G2)
    assert store.count(G2) == len(set(after))
    assert content(store, G1) == {f'<{EX}s{i}> <{P}> "other{i}"' for i in range(2)}


def test_replace_graphs_adds_changes_and_drops_in_one_call(store):
    store.replace_graphs({G1: triples(3, "old"), G2: triples(2, "gone")})
    store.replace_graphs({G1: triples(2, "old") + triples(1, "new"), G2: [], G3: triples(4)})
    assert store.graph_names() == sorted([G1, G3])
    assert content(store, G1) == {
        f'<{EX}s0> <{P}> "old0"',
        f'<{EX}s1> <{P}> "old1"',
        f'<{EX}s0> <{P}> "new0"',
    }
    assert store.count(G3) == 4


def test_stored_blank_nodes_are_replaced_too(store):
    store.update(f"INSERT DATA {{ GRAPH <{G1}> {{ _:b <{P}> 'blank' . <{EX}x> <{P}> _:b }} }}")
    assert store.count(G1) == 2
    store.replace_graph(G1, triples(1))
    assert content(store, G1) == {f'<{EX}s0> <{P}> "v0"'}


def test_new_blank_nodes_are_written(store):
    store.replace_graph(G1, triples(2))
    node = BNode()
    store.replace_graph(G1, [(URIRef(EX + "x"), P, node), (node, P, Literal("inner"))])
    assert store.count(G1) == 2
    [row] = store.select(f"SELECT ?v WHERE {{ <{EX}x> <{P}> ?b . ?b <{P}> ?v }}")
    assert str(row["v"]) == "inner"


@pytest.mark.parametrize("stored", [0, 3], ids=["new-graph", "stored-graph"])
def test_a_triple_the_store_cannot_take_changes_nothing(store, stored):
    if stored:
        store.replace_graph(G1, triples(stored))
    bad = (URIRef(EX + "has space"), P, Literal("x"))
    with pytest.raises(StoreError):
        store.replace_graphs({G1: [*triples(5, "new"), bad], G2: triples(2)})
    assert store.count(G1) == stored
    assert G2 not in store.graph_names()


def test_creating_a_graph_is_atomic_for_readers(store):
    """A reader counting a graph while it is created and dropped over and over sees all of it
    or none of it."""
    seen: set[int] = set()
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            seen.add(store.count(G1))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for _ in range(10):
            store.replace_graph(G1, triples(300))
            store.replace_graph(G1, [])
    finally:
        stop.set()
        thread.join(timeout=30)
    assert seen <= {0, 300}


# --- the embedded store writes only the differences ------------------------------------------


class _Recorder:
    """Stands in for the pyoxigraph store and records the writes made through it."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self.writes: list[tuple[str, object]] = []

    def __getattr__(self, name: str):
        value = getattr(self._inner, name)
        if name in ("update", "extend", "load", "remove_graph", "bulk_extend"):

            def record(arg, *args, **kwargs):
                self.writes.append((name, arg))
                return value(arg, *args, **kwargs)

            return record
        return value


@pytest.fixture
def recorded(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store._store = _Recorder(store._store)
    yield store, store._store.writes
    store.close()


def test_a_new_graph_is_one_load(recorded):
    store, writes = recorded
    store.replace_graphs({G1: triples(100), G2: triples(1)})
    assert [name for name, _ in writes] == ["load"]


def test_the_same_content_again_writes_nothing(recorded):
    store, writes = recorded
    store.replace_graph(G1, triples(100) + CANONICALISED)
    writes.clear()
    store.replace_graph(G1, triples(100) + CANONICALISED)
    assert writes == []


def test_a_change_writes_only_the_differences(recorded):
    store, writes = recorded
    store.replace_graph(G1, triples(100))
    writes.clear()
    store.replace_graph(G1, triples(99) + [(URIRef(EX + "s99"), P, Literal("changed"))])
    [(name, update)] = writes
    assert name == "update"
    assert update.count(" .") == 2  # one quad deleted, one inserted
    assert '"v99"' in update.split("INSERT DATA")[0]
    assert '"changed"' in update.split("INSERT DATA")[1]


def test_additions_only_are_one_extend(recorded):
    store, writes = recorded
    store.replace_graph(G1, triples(10))
    writes.clear()
    store.replace_graph(G1, triples(12))
    [(name, quads)] = writes
    assert name == "extend"
    assert len(quads) == 2


def test_nquads_escapes_as_canonical_n_triples():
    text = nquads({G1: [(URIRef(EX + "s"), P, Literal('a\\b"c\nd\re\tf', lang="EN"))]})
    assert text == f'<{EX}s> <{P}> "a\\\\b\\"c\\nd\\re\tf"@en <{G1}> .'


def test_text_that_looks_like_a_blank_node_is_written_as_text(recorded):
    store, writes = recorded
    text = Literal("_:x and a > _:y")
    store.replace_graph(G1, [(URIRef(EX + "s"), P, text)])
    assert [name for name, _ in writes] == ["load"]
    assert [o for _, _, o, _ in store.quads(G1)] == [text]


@pytest.mark.parametrize(
    "triple",
    [
        (URIRef(EX + "s"), P, URIRef(EX + "o")),
        (URIRef(EX + "s"), P, Literal("plain")),
        (URIRef(EX + "s"), P, Literal("Text", lang="DE-at")),
        (URIRef(EX + "s"), P, Literal("2024", datatype=XSD.gYear)),
        (URIRef(EX + "s"), P, Literal("x", datatype=XSD.string)),
        (BNode("b1"), P, BNode("b2")),
        (URIRef(EX + "s"), P, Literal('q"\\n\n')),
    ],
    ids=["iri", "plain", "language", "typed", "xsd-string", "blank", "escapes"],
)
def test_nquads_lines_are_nquad_line(triple):
    assert nquads({G1: [triple]}) == nquad_line(*triple, G1)
