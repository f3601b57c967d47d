"""Fault tests: real processes killed with SIGKILL, a server gone, a full disk.

Each scenario is bounded in time and runs on 127.0.0.1 in a scratch directory (the harness is
:mod:`lawgraph.ops.faults`; ``bench/faults.py`` runs the same scenarios many times).
``LAWGRAPH_FAULT_ITERATIONS`` (default 3) and ``LAWGRAPH_FAULT_SEED`` change the number of
random kills per scenario and their delays; a failure message names the seed and the delay.
"""

from __future__ import annotations

import importlib
import os
import random
import re
import time

import pytest

from lawgraph.ops.faults import Scenario
from lawgraph.store import open_store

pytestmark = [pytest.mark.slow, pytest.mark.server]

ITERATIONS = int(os.environ.get("LAWGRAPH_FAULT_ITERATIONS", "3"))
SEED = int(os.environ.get("LAWGRAPH_FAULT_SEED", "20260501"))
BACKENDS = [
    b.strip() for b in os.environ.get("LAWGRAPH_TEST_BACKENDS", "embedded,server").split(",")
]
_CALIBRATION: dict[str, float] = {}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """Expected graph hashes for the old and new versions, and the base store (old)."""
    return Scenario(tmp_path_factory.mktemp("faults"), "embedded").setup()


@pytest.fixture
def scenario(prepared: Scenario, request: pytest.FixtureRequest):
    backend = getattr(request, "param", "embedded")
    chosen = prepared.for_backend(backend)
    yield chosen
    chosen.close()


def calibrate(scenario: Scenario) -> float:
    """Seconds an uninterrupted ingest takes (untargeted kills are drawn over it), checked like
    any other run."""
    if scenario.backend not in _CALIBRATION:
        location = scenario.fresh_store()
        full = scenario.run(location)
        assert full.returncode == 0, full.output
        assert scenario.check(location) == []
        _CALIBRATION[scenario.backend] = full.seconds
        scenario.close()
    return _CALIBRATION[scenario.backend]


# --- (a) the ingest process killed ------------------------------------------------------------


@pytest.mark.parametrize("scenario", BACKENDS, indirect=True)
def test_ingest_killed_at_random_points_leaves_whole_graphs(scenario: Scenario):
    """``lawgraph ingest`` of two changed reports, SIGKILLed after a random delay: every source
    graph is wholly old or wholly new, no assessment uses a missing graph, a re-run completes
    and leaves every source new."""
    seconds = calibrate(scenario)
    rng = random.Random(f"{SEED}-{scenario.backend}")
    kills = 0
    for number in range(ITERATIONS):
        location = scenario.fresh_store()
        result = scenario.random_kill(location, rng, seconds, targeted=number % 2 == 0)
        kills += result.killed
        where = f"seed {SEED}, {scenario.backend}, killed after {result.delay:.2f} s"
        assert scenario.check(location) == [], where
        problems, current = scenario.rerun(location)
        assert problems == [], where
        assert current, f"{where}: the re-run left the assessments stale"
        scenario.close()
    assert kills >= 1, "every ingest finished before its kill: the delays are too long"


# --- (b) the server killed ------------------------------------------------------------------


def test_server_killed_mid_write_and_restarted_on_the_same_directory(prepared: Scenario):
    """The Oxigraph server SIGKILLed while ``lawgraph ingest`` writes to it, then restarted on
    the same directory and port: the ingest ends with a clear error (no traceback) unless it had
    already sent its last request, and the store holds whole graphs; a re-run completes."""
    scenario = prepared.for_backend("server")
    try:
        seconds = calibrate(scenario)
        rng = random.Random(f"{SEED}-server-kill")
        kills = 0
        for number in range(ITERATIONS):
            url = scenario.fresh_store()
            server = scenario.servers[-1]
            result = scenario.random_kill(
                url, rng, seconds, targeted=number % 2 == 0, kill_server=True
            )
            where = f"seed {SEED}, server killed after {result.delay:.2f} s"
            kills += result.killed
            assert "Traceback" not in result.output, f"{where}: {result.output}"
            if result.returncode != 0:  # the kill came before the ingest's last request
                assert result.returncode == 1, f"{where}: {result.output}"
                assert "does not answer" in result.output, f"{where}: {result.output}"
            restarted = scenario.start_server(server.location, port=server.port)
            assert restarted.url == url
            assert scenario.check(url) == [], where
            problems, current = scenario.rerun(url)
            assert problems == [], where
            assert current, f"{where}: the re-run left the assessments stale"
            scenario.close()
        assert kills >= 1, "the ingest always finished before the server was killed"
    finally:
        scenario.close()


# --- (c) the web app while the server is away -----------------------------------------------

PAGES = ["/", "/country/DE", "/api/v1/countries", "/sparql?query=ASK%20%7B%7D"]


def _wait_for(client, path: str, status: int, seconds: float = 15.0):
    deadline = time.monotonic() + seconds
    while True:
        response = client.get(path, headers={"Accept": "text/html"})
        if response.status_code == status or time.monotonic() > deadline:
            return response
        time.sleep(0.2)


@pytest.fixture
def app_on_server(prepared: Scenario):
    webapp = pytest.importorskip("webapp")
    scenario = prepared.for_backend("server")
    try:
        url = scenario.fresh_store()
        app = webapp.create_app({"LAWGRAPH_STORE": url, "TESTING": True})
        yield app, scenario, scenario.servers[-1]
        webapp.close_app(app)
    finally:
        scenario.close()


def test_webapp_answers_503_while_the_server_is_down_and_recovers(app_on_server):
    app, scenario, server = app_on_server
    client = app.test_client()
    for path in PAGES:
        assert client.get(path).status_code == 200, path
    server.stop(kill=True)
    for path in PAGES:
        response = _wait_for(client, path, 503)
        assert response.status_code == 503, (path, response.status_code)
        assert response.headers["Retry-After"].isdigit()
        assert "does not answer" in response.get_data(as_text=True), path
    problem = client.get("/api/v1/countries").get_json()
    assert problem["status"] == 503 and "try again" in problem["detail"]
    scenario.start_server(server.location, port=server.port)
    for path in PAGES:
        assert _wait_for(client, path, 200).status_code == 200, path


def test_health_follows_the_server_down_and_back(app_on_server):
    from lawgraph.ops import health
    from lawgraph.store import RemoteStore

    _, scenario, server = app_on_server
    with RemoteStore(server.url) as store:
        assert health(store)["ok"] is True
        server.stop(kill=True)
        down = health(store)
        assert down["ok"] is False and down["store"]["reachable"] is False
        scenario.start_server(server.location, port=server.port)
        assert health(store)["ok"] is True


def test_healthz_route_answers_503_while_the_server_is_down(app_on_server):
    """For the web app's ``/healthz`` (wire it to :func:`lawgraph.ops.health`: 200 with the
    dict when ``ok``, else 503)."""
    app, scenario, server = app_on_server
    client = app.test_client()
    if client.get("/healthz").status_code == 404:
        pytest.skip("the web app has no /healthz route yet (serve lawgraph.ops.health there)")
    up = client.get("/healthz")
    assert up.status_code == 200 and up.get_json()["ok"] is True
    server.stop(kill=True)
    down = _wait_for(client, "/healthz", 503)
    assert down.status_code == 503 and down.get_json()["ok"] is False
    scenario.start_server(server.location, port=server.port)
    assert _wait_for(client, "/healthz", 200).status_code == 200


# --- (d) disk full --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def disk_full(prepared: Scenario):
    return prepared.disk_full(os.environ.get("LAWGRAPH_FAULTS_DISK"))


def test_disk_full_during_ingest_changes_nothing(disk_full):
    """The disk fills up once the store is open: the ingest fails naming the file and the
    cause, the store dumps to the same bytes as before, and a re-run (with space) completes."""
    result = disk_full
    assert result.returncode == 1, result.output
    cause = "No space left on device" if result.method == "tmpfs" else "File too large"
    # (the embedded store says "update" or "write" depending on how it wrote the graphs)
    assert re.search(
        rf"de-2024\.md: the (update|write) failed and was rolled back: IO error: {cause}",
        result.output,
    ), result.output
    assert result.sha256_after == result.sha256_before, "the store changed"
    assert result.rerun_problems == []
    assert result.assessments_current


def test_disk_full_ends_with_clear_errors_only(disk_full):
    """Regression: a failed flush at close (disk full) escaped as a traceback."""
    assert "Traceback" not in disk_full.output, disk_full.output


# --- assessments after a crash ----------------------------------------------------------------


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs (not an Exception, so nothing catches it)."""


def _killed(store, outcomes):
    raise Killed


@pytest.mark.parametrize("scenario", BACKENDS, indirect=True)
def test_a_rerun_after_a_kill_before_the_assessments_recomputes_them(
    scenario: Scenario, monkeypatch: pytest.MonkeyPatch
):
    """Deterministic form of the kill that lands between the last source write and the
    assessment step: the process "dies" as the hooks start. The sources are new, their pending
    markers name them, and a re-run (which finds the files unchanged) recomputes the
    assessments and drops the markers."""
    import lawgraph
    from lawgraph.ingest import pending_assessments
    from lawgraph.ops import health

    ingest_module = importlib.import_module("lawgraph.ingest")
    location = scenario.fresh_store()
    with monkeypatch.context() as patch:
        patch.setattr(ingest_module, "_AFTER_INGEST", [_killed])
        with open_store(location) as store, pytest.raises(Killed):
            lawgraph.ingest(store, scenario.files())
    assert scenario.check(location) == []
    with open_store(location) as store:
        pending = pending_assessments(store)
        assert sorted(str(w.graph).rsplit("/", 2)[-2] for w in pending) == ["AT", "DE"]
        assert health(store)["assessments_pending"] == sorted(str(w.graph) for w in pending)
    problems, current = scenario.rerun(location)
    assert problems == []
    assert current, "the assessments are still those computed from the old reports"
