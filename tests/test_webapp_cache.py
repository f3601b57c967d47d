"""The app's caches follow the data: computed views, rendered pages and the citation network
belong to a store generation; a change made by the app itself shows at once
(:meth:`StoreHolder.invalidate`), a change made by another process at the next look; a request
reads one snapshot from start to end, and a request still reading an older snapshot never puts
old data back into the cache."""

from __future__ import annotations

import threading
import time

import pytest
from rdflib import Literal
from rdflib.namespace import PROV, RDF, XSD
from test_webapp_support import fill, make_app

import lawgraph.caselaw.network as network
from lawgraph.store import open_store
from lawgraph.vocab import LG, LGD, country_iri
from webapp import close_app
from webapp.backend import generation, get_store, holder, snapshot
from webapp.cache import GenerationCache, cached

FR_GRAPH = LGD["graph/assessment/FR/2024"]


def _french_assessment(status: str, ended: str) -> list:
    """An assessment graph as lawgraph.assess writes it, in small: the graph's activity with its
    end time, one assessment."""
    assessment, activity = LGD["assessment/FR/2024/32000L0043/art_7"], LGD["activity/fr-2024"]
    return [
        (FR_GRAPH, PROV.wasGeneratedBy, activity),
        (activity, PROV.endedAtTime, Literal(ended, datatype=XSD.dateTime)),
        (assessment, RDF.type, LG.Assessment), (assessment, LG.country, country_iri("FRA")),
        (assessment, LG.provision, LGD["provision/32000L0043/art_7"]),
        (assessment, LG.reportingYear, Literal("2024", datatype=XSD.gYear)),
        (assessment, LG.status, LGD[f"status/{status}"]),
        (assessment, LG.confidence, Literal("1.00", datatype=XSD.decimal)),
        (assessment, LG.basis, Literal("expert")), (assessment, LG.contested, Literal(False)),
    ]


def _write(location: str, triples: list) -> None:
    store = open_store(location)  # a second, writable handle: as an ingest or `lawgraph assess`
    try:
        store.replace_graph(FR_GRAPH, triples)
    finally:
        store.close()


def _french_status(client) -> str | None:
    page = client.get("/country/FR.json?year=2024").get_json()
    found = [a["status"] for d in page["directives"] for art in d["articles"]
             for a in art["assessments"]]
    return found[0] if found else None


def _matrix_codes(client) -> list[str]:
    return [r["code"] for r in client.get("/?year=2024&format=json").get_json()["rows"]]


@pytest.fixture
def live(store_location):
    """An app on a store of its own (each back-end) that only looks for changes when told."""
    fill(open_store(store_location))
    app = make_app(store_location)
    app.extensions["lawgraph.store"].check_interval = 3600.0
    yield app, store_location
    close_app(app)


def test_invalidate_shows_the_apps_own_change_at_once(live):
    app, location = live
    client = app.test_client()
    assert "FR" not in _matrix_codes(client) and _french_status(client) is None
    store_holder = app.extensions["lawgraph.store"]
    before = store_holder.generation
    _write(location, _french_assessment("incorrect", "2099-01-01T00:00:00Z"))
    assert "FR" not in _matrix_codes(client)  # cached, and nobody looked yet
    assert store_holder.invalidate() == before + 1
    assert _matrix_codes(client)[0] == "FR"
    assert _french_status(client) == "incorrect"


def test_a_reassessment_by_another_process_shows_at_the_next_look(live):
    """Only an assessment graph changes (no new report, no new ingest time): the embedded
    store's files change, a server's newest PROV end time does."""
    app, location = live
    client = app.test_client()
    _write(location, _french_assessment("incorrect", "2099-01-01T00:00:00Z"))
    app.extensions["lawgraph.store"].invalidate()
    assert _french_status(client) == "incorrect"
    _write(location, _french_assessment("conform", "2099-01-02T00:00:00Z"))
    app.extensions["lawgraph.store"].check_interval = 0.0  # look at every request
    deadline = time.monotonic() + 5
    while _french_status(client) != "conform" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _french_status(client) == "conform"
    html = client.get("/?year=2024", headers={"Accept": "text/html"}).data.decode()
    assert "France, Article 7 of Directive 2000/43/EC: conform" in html  # the cached page too


def test_a_request_reads_one_snapshot_and_never_caches_it_after_a_change(live):
    app, location = live
    with app.test_request_context("/"):
        store, gen = snapshot()
        _write(location, _french_assessment("partial", "2099-01-03T00:00:00Z"))
        assert holder().invalidate() == gen + 1
        assert get_store() is store and generation() == gen  # this request's snapshot
        assert cached("probe", lambda: "old") == "old"  # computed for the old snapshot...
    with app.test_request_context("/"):
        assert generation() == gen + 1
        assert cached("probe", lambda: "new") == "new"  # ...and never stored over the new one


def test_the_citation_network_is_built_once_per_generation(live, monkeypatch):
    app, _ = live
    builds = []
    build = network._build
    monkeypatch.setattr(network, "_build", lambda store: builds.append(1) or build(store))
    client = app.test_client()
    for path in ("/provision/32000L0043/art_8.json", "/provision/32000L0078/art_5.json",
                 "/provision/32000L0043/art_8/par_1.json"):
        assert client.get(path).status_code == 200
    assert len(builds) == 1
    app.extensions["lawgraph.store"].invalidate()
    assert client.get("/provision/32000L0043/art_8.json").status_code == 200
    assert len(builds) == 2


# --- GenerationCache on its own -------------------------------------------------------------------

def test_a_newer_generation_drops_the_older_entries():
    cache = GenerationCache()
    assert cache.get_or_compute(1, "k", lambda: "one") == "one"
    assert cache.get_or_compute(1, "k", lambda: "again") == "one"
    assert cache.get_or_compute(2, "k", lambda: "two") == "two"
    assert cache.generation == 2 and len(cache) == 1


def test_an_older_generation_is_computed_but_never_stored():
    cache = GenerationCache()
    cache.get_or_compute(5, "k", lambda: "five")
    assert cache.get_or_compute(4, "k", lambda: "four") == "four"
    assert cache.generation == 5
    assert cache.get_or_compute(5, "k", lambda: "other") == "five"


def test_clear_empties_the_cache_in_place():
    cache = GenerationCache()
    cache.get_or_compute(1, "k", lambda: "one")
    cache.clear()
    assert len(cache) == 0 and cache.generation == 1
    assert cache.get_or_compute(1, "k", lambda: "recomputed") == "recomputed"


def test_the_least_recently_used_entry_goes_first():
    cache = GenerationCache(size=2)
    for key in ("a", "b"):
        cache.get_or_compute(1, key, lambda key=key: key)
    cache.get_or_compute(1, "a", lambda: "never")  # a is used again: b is now the oldest
    cache.get_or_compute(1, "c", lambda: "c")
    assert cache.get_or_compute(1, "a", lambda: "recomputed") == "a"
    assert cache.get_or_compute(1, "b", lambda: "recomputed") == "recomputed"


def test_many_threads_asking_at_once_compute_once():
    cache = GenerationCache()
    calls, results = [], []
    gate = threading.Event()

    def slow() -> str:
        calls.append(1)
        gate.wait(5)
        return "value"

    threads = [threading.Thread(target=lambda: results.append(cache.get_or_compute(1, "k", slow)))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(0.1)
    gate.set()
    for thread in threads:
        thread.join(10)
    assert results == ["value"] * 8 and len(calls) == 1
