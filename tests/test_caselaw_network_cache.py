"""The citation network is built once per store handle and data generation when the caller
says which generation it reads (the web app), and afresh on every call otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

import lawgraph.caselaw.network as network
from lawgraph.caselaw.network import citation_network, leading_cases
from lawgraph.ingest import ingest
from lawgraph.refdata import reference_index
from lawgraph.reference import load_reference
from lawgraph.store import EmbeddedStore

CASE_LAW = Path(__file__).resolve().parents[1] / "case_law"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("network") / "store")
    load_reference(store)
    assert ingest(store, [CASE_LAW]).ok
    yield store
    store.close()


@pytest.fixture
def builds(monkeypatch):
    counted = []
    build = network._build
    monkeypatch.setattr(network, "_build", lambda store: counted.append(1) or build(store))
    return counted


def test_one_build_per_generation(corpus, builds):
    first = citation_network(corpus, generation=1)
    assert citation_network(corpus, generation=1) is first and len(builds) == 1
    assert citation_network(corpus, generation=2) is not first and len(builds) == 2


def test_without_a_generation_every_call_builds(corpus, builds):
    citation_network(corpus)
    citation_network(corpus)
    assert len(builds) == 2


def test_the_answers_do_not_depend_on_the_cache(corpus):
    index = reference_index()
    target = index.provision(index.directive("2000/78").celex, "2(2)(b)").iri
    assert leading_cases(corpus, target, generation="g") == leading_cases(corpus, target)
