"""``lawgraph demo`` and ``lawgraph serve``: the README's first command works on the bundled
corpus (on both back-ends), and serving opens the store read-only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from flask import Flask
from test_webapp_support import BACKENDS, make_app

from lawgraph.cli import main
from lawgraph.store import EmbeddedStore
from lawgraph.store.server import OxigraphServer
from webapp import close_app


@pytest.fixture(scope="module", params=BACKENDS)
def demo_store(request, tmp_path_factory) -> Iterator[tuple[str, str]]:
    """``lawgraph demo --no-serve`` into an embedded store, or into an Oxigraph server."""
    server = None
    if request.param == "embedded":
        location = str(tmp_path_factory.mktemp("demo") / "store")
    else:
        server = OxigraphServer(tmp_path_factory.mktemp("demo-server") / "db").start()
        location = server.url
    try:
        result = CliRunner().invoke(main, ["demo", "--store", location, "--no-serve"])
        assert result.exit_code == 0, result.output
        yield location, result.output
    finally:
        if server is not None:
            server.stop()


@pytest.mark.slow
def test_demo_builds_the_store_from_the_bundled_corpus(demo_store):
    path, output = demo_store
    assert "Reference data loaded" in output
    assert "Store ready:" in output and "country reports" in output and "assessments" in output
    assert "rejected" not in output.split("Store ready:")[0].splitlines()[-3], output
    app = make_app(path)
    try:
        client = app.test_client()
        data = client.get("/?format=json").get_json()
        assert data["rows"], "the demo store shows no country in the gap matrix"
        assert client.get("/country/DE").status_code == 200
        assert client.get("/ecli/ECLI:EU:C:2008:397").status_code == 200
    finally:
        close_app(app)


@pytest.mark.slow
def test_demo_again_refreshes(demo_store):
    path, _ = demo_store
    result = CliRunner().invoke(main, ["demo", "--store", str(path), "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "unchanged" in result.output


def test_demo_then_serves_read_only(tmp_path, monkeypatch):
    served: dict[str, object] = {}

    def fake_run(self: Flask, host: str, port: int, **kwargs: object) -> None:
        served.update(host=host, port=port, store=self.config["LAWGRAPH"].store)
        holder = self.extensions["lawgraph.store"]
        served["read_only"] = holder.get().read_only

    monkeypatch.setattr(Flask, "run", fake_run)
    corpus = tmp_path / "corpus"
    (corpus / "country_reports").mkdir(parents=True)
    monkeypatch.setenv("LAWGRAPH_CORPUS", str(corpus))
    result = CliRunner().invoke(main, ["demo", "--store", str(tmp_path / "s"), "--port", "5099"])
    assert result.exit_code == 0, result.output
    assert served == {"host": "127.0.0.1", "port": 5099, "store": str(tmp_path / "s"),
                      "read_only": True}
    assert "Serving lawgraph on http://127.0.0.1:5099/" in result.output


def test_serve_uses_the_configured_store(tmp_path, monkeypatch):
    served: dict[str, object] = {}
    monkeypatch.setattr(Flask, "run", lambda self, host, port, **kw: served.update(
        host=host, port=port, store=self.config["LAWGRAPH"].store))
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "x"), "serve", "--port", "5098"])
    assert result.exit_code == 0, result.output
    assert served == {"host": "127.0.0.1", "port": 5098, "store": str(tmp_path / "x")}


def test_serve_help_names_the_production_command():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert "gunicorn -w 2 -k gthread --threads 4 'webapp:create_app()'" in result.output


def test_demo_without_a_corpus_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("LAWGRAPH_CORPUS", str(tmp_path / "empty"))
    result = CliRunner().invoke(main, ["demo", "--store", str(tmp_path / "s"), "--no-serve"])
    assert result.exit_code != 0
    assert "no country_reports/ or case_law/ folder" in result.output


def test_demo_while_another_process_writes(tmp_path, monkeypatch):
    (tmp_path / "corpus" / "case_law").mkdir(parents=True)
    monkeypatch.setenv("LAWGRAPH_CORPUS", str(tmp_path / "corpus"))
    writer = EmbeddedStore(tmp_path / "s")
    try:
        result = CliRunner().invoke(main, ["demo", "--store", str(tmp_path / "s"), "--no-serve"])
    finally:
        writer.close()
    assert result.exit_code == 1
    assert "error:" in result.output
