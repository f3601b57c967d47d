"""Structured logs as the command line and the web app write them: configured from the settings
``log_format``/``log_level``, JSON lines for ingests, rejections (file and place), assessments
and authorisation failures; nothing when not asked for. The store timeout setting. On both
back-ends where a store is involved."""

from __future__ import annotations

import importlib
import io
import json
import logging
import shutil
import socket
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import abort

import lawgraph
from lawgraph.cli import Context, main
from lawgraph.config import load_settings
from lawgraph.ingest import pending_assessments
from lawgraph.store import open_store
from lawgraph.store.remote import DEFAULT_TIMEOUT

REPORTS = Path(__file__).resolve().parents[1] / "country_reports"
JSON = {"LAWGRAPH_LOG_FORMAT": "json"}


def events(text: str) -> list[dict]:
    """The JSON log lines of a stream (other lines, such as click's errors, left out)."""
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def lawgraph_cli(location: str, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, ["--store", location, *args], env=env)


@pytest.fixture
def sources(tmp_path: Path) -> tuple[Path, Path]:
    good = Path(shutil.copy(REPORTS / "de-2024.md", tmp_path / "de-2024.md"))
    bad = tmp_path / "xx-2024.md"
    bad.write_text("# Country report\n\nCountry: Nowhere\n", "utf-8")
    return good, bad


@pytest.fixture
def initialised(store_location: str) -> str:
    assert lawgraph_cli(store_location, "init").exit_code == 0
    return store_location


# --- the command line ------------------------------------------------------------------------


def test_ingest_writes_json_events_for_files_rejections_and_the_run(initialised, sources):
    good, bad = sources
    result = lawgraph_cli(initialised, "ingest", "--quiet", str(good), str(bad), env=JSON)
    assert result.exit_code == 1  # one file rejected
    found = events(result.stderr)
    (ingest,) = [e for e in found if e["event"] == "ingest"]
    assert ingest["outcome"] == "added" and ingest["file"].endswith("de-2024.md")
    assert ingest["graph"].endswith("/graph/report/DE/2024") and ingest["seconds"] > 0
    assert ingest["logger"] == "lawgraph.ingest" and ingest["level"] == "INFO"
    (rejection,) = [e for e in found if e["event"] == "rejection"]
    assert rejection["level"] == "WARNING" and rejection["file"].endswith("xx-2024.md")
    assert rejection["message"] and "place" in rejection
    (run,) = [e for e in found if e["event"] == "ingest-run"]
    assert run["by_status"] == {"added": 1, "rejected": 1} and run["ok"] is False
    assert run["after_ingest_seconds"] > 0 and run["resumed"] == 0
    assert "1 added" in result.stdout  # the command's own output is unchanged


def test_a_rejection_names_its_place(store_location: str, tmp_path: Path):
    """``file:place: message`` errors are logged with the place on its own."""
    broken = tmp_path / "de-2024.md"
    text = (REPORTS / "de-2024.md").read_text("utf-8")
    broken.write_text(text.replace("reporting_year: 2024", "reporting_year: twenty"), "utf-8")
    result = lawgraph_cli(store_location, "ingest", "--dry-run", str(broken), env=JSON)
    assert result.exit_code == 1, result.output
    (rejection,) = [e for e in events(result.stderr) if e["event"] == "rejection"]
    assert rejection["file"].endswith("de-2024.md"), rejection
    assert rejection["place"], rejection
    assert rejection["place"] not in rejection["message"].split(":", 1)[0]


def test_assess_writes_an_assessment_event_and_clears_pending_markers(
    initialised, sources, monkeypatch: pytest.MonkeyPatch
):
    class Killed(BaseException):
        pass

    def killed(store, outcomes):
        raise Killed

    module = importlib.import_module("lawgraph.ingest")
    with monkeypatch.context() as patch:
        patch.setattr(module, "_AFTER_INGEST", [killed])
        with open_store(initialised) as store, pytest.raises(Killed):
            lawgraph.ingest(store, [sources[0]])
    health = lawgraph_cli(initialised, "health")
    assert "assessments pending for: " in health.stdout and "report/DE/2024" in health.stdout
    result = lawgraph_cli(initialised, "assess", env={"LAWGRAPH_LOG_LEVEL": "info"})
    assert result.exit_code == 0, result.output
    assert "INFO    assessment: " in result.stderr and 'trigger="command"' in result.stderr
    with open_store(initialised, read_only=True) as store:
        assert pending_assessments(store) == []
        assert store.ask(
            "ASK { GRAPH <https://w3id.org/lawgraph/id/graph/assessment/DE/2024> { ?s ?p ?o } }"
        )


def test_the_command_line_logs_nothing_unless_asked(store_location: str, sources):
    result = lawgraph_cli(store_location, "ingest", "--dry-run", *map(str, sources))
    assert result.exit_code == 1
    assert result.stderr == ""  # no warning printed twice by Python's last-resort handler
    assert "rejected: " in result.stdout


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"LAWGRAPH_LOG_FORMAT": "xml"}, "log_format: expected one of json, text"),
        ({"LAWGRAPH_LOG_LEVEL": "loud"}, "log_level: expected one of debug, info"),
    ],
)
def test_bad_log_settings_are_usage_errors(env, words):
    result = CliRunner().invoke(main, ["rules"], env=env)
    assert result.exit_code == 2 and words in result.output


# --- the web app -----------------------------------------------------------------------------


@pytest.fixture
def logged_app(tmp_path: Path):
    """The app with JSON logs, and the events it logged (read from its handler's stream)."""
    webapp = pytest.importorskip("webapp")
    app = webapp.create_app(
        {
            "TESTING": True,
            "LAWGRAPH_STORE": "memory:",
            "LAWGRAPH_ACCOUNTS": str(tmp_path / "accounts.sqlite"),
            "LAWGRAPH_PUBLIC_READ": False,
            "LAWGRAPH_LOG_FORMAT": "json",
        }
    )
    (handler,) = logging.getLogger("lawgraph").handlers
    assert handler.stream is sys.stderr  # configured by the factory
    stream = io.StringIO()
    handler.setStream(stream)

    @app.get("/test-only/forbidden")
    def forbidden_by_the_view():
        abort(403, "not for you")

    yield app, lambda: [e for e in events(stream.getvalue()) if e["event"] == "auth-failure"]
    webapp.close_app(app)


def test_the_app_configures_json_logs_and_logs_refusals(logged_app):
    app, logged = logged_app
    client = app.test_client()
    assert client.get("/api/v1/countries").status_code == 401
    assert client.get("/account", headers={"Accept": "application/json"}).status_code == 401
    first, second = logged()  # each refusal once
    assert first["reason"] == "not logged in" and first["path"] == "/api/v1/countries"
    assert first["logger"] == "lawgraph.auth" and first["level"] == "WARNING"
    assert first["user"] is None and first["method"] == "GET"
    assert second["path"] == "/account"


def test_a_refusal_no_check_logged_is_logged_by_the_app(logged_app):
    """A view's own ``abort(403)`` (no ``refuse`` call) still makes an auth-failure event."""
    app, logged = logged_app
    app.config["LAWGRAPH"] = app.config["LAWGRAPH"].with_overrides(public_read=True)
    assert app.test_client().get("/test-only/forbidden").status_code == 403
    (event,) = logged()
    assert event["reason"] == "answered 403" and event["path"] == "/test-only/forbidden"
    assert event["user"] is None


def test_the_app_leaves_logging_alone_unless_asked(tmp_path: Path):
    webapp = pytest.importorskip("webapp")
    before = list(logging.getLogger("lawgraph").handlers)
    app = webapp.create_app({"TESTING": True, "LAWGRAPH_STORE": "memory:"})
    try:
        assert logging.getLogger("lawgraph").handlers == before
    finally:
        webapp.close_app(app)


# --- the store timeout -----------------------------------------------------------------------


def test_store_timeout_is_a_setting_passed_to_the_store():
    assert load_settings(env={}).store_timeout == DEFAULT_TIMEOUT
    settings = load_settings(
        env={"LAWGRAPH_STORE": "http://127.0.0.1:9", "LAWGRAPH_STORE_TIMEOUT": "7.5"}
    )
    store = Context(settings).store(read_only=True)
    try:
        assert store.timeout == 7.5
    finally:
        store.close()


@pytest.fixture
def silent_server():
    """A port on 127.0.0.1 that accepts connections and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_a_server_that_does_not_answer_in_time_is_one_clear_line(silent_server):
    started = time.monotonic()
    result = lawgraph_cli(silent_server, "query", "ASK {}", env={"LAWGRAPH_STORE_TIMEOUT": "0.5"})
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    assert "did not answer within 0.5 s" in result.output and "Traceback" not in result.output
    health = lawgraph_cli(silent_server, "health", env={"LAWGRAPH_STORE_TIMEOUT": "0.5"})
    assert health.exit_code == 1 and "did not answer within 0.5 s" in health.output


def test_an_ingest_logs_the_assessment_it_triggered(initialised, sources):
    result = lawgraph_cli(
        initialised, "ingest", str(sources[0]), env={"LAWGRAPH_LOG_LEVEL": "info"}
    )
    assert result.exit_code == 0, result.output
    assert "assessment: " in result.stderr and 'trigger="ingest"' in result.stderr


def test_assess_leaves_unchanged_graphs_unless_told_to_rewrite(initialised, sources):
    assert lawgraph_cli(initialised, "ingest", str(sources[0])).exit_code == 0
    again = lawgraph_cli(initialised, "assess")
    assert again.exit_code == 0 and "country-years unchanged" in again.stdout
    rewritten = lawgraph_cli(initialised, "assess", "--rewrite")
    assert rewritten.exit_code == 0 and "unchanged" not in rewritten.stdout
