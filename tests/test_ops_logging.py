"""Structured logs (lawgraph/logging.py): JSON lines for ingests, rejections, assessments,
authorisation failures; configured from the environment."""

from __future__ import annotations

import io
import json
import logging
import shutil
from pathlib import Path

import pytest

import lawgraph
from lawgraph.errors import InputError
from lawgraph.logging import (
    configure_if_requested,
    configure_logging,
    log_auth_failure,
    logged_assess,
    logged_ingest,
    split_error,
)
from lawgraph.store import EmbeddedStore

REPORTS = Path(__file__).resolve().parents[1] / "country_reports"


@pytest.fixture
def lines():
    stream = io.StringIO()
    configure_logging(env={}, stream=stream, fmt="json", level="DEBUG")

    def read() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield read
    logger = logging.getLogger("lawgraph")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.propagate = True
    logger.setLevel(logging.NOTSET)


def test_ingest_rejection_and_assessment_events(tmp_path, lines):
    good = tmp_path / "de-2024.md"
    shutil.copy(REPORTS / "de-2024.md", good)
    bad = tmp_path / "xx-2024.md"
    bad.write_text("# Country report\n\nCountry: Nowhere\n", "utf-8")
    with EmbeddedStore(tmp_path / "store") as store:
        lawgraph.init(store)
        summary = logged_ingest(store, [good, bad])
        logged_assess(store)
    events = lines()
    ingest = [e for e in events if e["event"] == "ingest"]
    assert len(ingest) == 1
    assert ingest[0]["outcome"] == "added" and ingest[0]["file"].endswith("de-2024.md")
    assert ingest[0]["graph"].endswith("/graph/report/DE/2024")
    assert ingest[0]["counts"]["findings"] > 0 and ingest[0]["seconds"] > 0
    assert ingest[0]["level"] == "INFO" and ingest[0]["logger"] == "lawgraph.ingest"
    assert ingest[0]["time"].endswith("Z")
    rejected = [e for e in events if e["event"] == "rejection"]
    assert len(rejected) == 1 and rejected[0]["level"] == "WARNING"
    assert rejected[0]["file"].endswith("xx-2024.md") and rejected[0]["message"]
    run = [e for e in events if e["event"] == "ingest-run"]
    assert run[0]["files"] == 2 and run[0]["by_status"] == {"added": 1, "rejected": 1}
    assert run[0]["ok"] is False and summary.ok is False
    assessment = [e for e in events if e["event"] == "assessment"]
    assert assessment[-1]["assessments"] > 0 and assessment[-1]["trigger"] == "command"


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            "country_reports/de-2024.md:12: unknown country 'XX'",
            ("country_reports/de-2024.md", "12", "unknown country 'XX'"),
        ),
        ("at-2010.pdf:p.4: no heading", ("at-2010.pdf", "p.4", "no heading")),
        (
            "de.md: the update failed: IO error: x",
            ("de.md", None, "the update failed: IO error: x"),
        ),
        ("something odd", ("fallback.md", None, "something odd")),
    ],
)
def test_rejection_messages_are_split_into_file_place_message(error, expected):
    assert split_error(error, "fallback.md") == expected


def test_auth_failure_event(lines):
    log_auth_failure(
        "expert-de",
        "draft belongs to another country",
        method="POST",
        path="/drafts/DE/2024",
        remote_addr="127.0.0.1",
    )
    (event,) = lines()
    assert event["event"] == "auth-failure" and event["level"] == "WARNING"
    assert event["user"] == "expert-de" and event["path"] == "/drafts/DE/2024"
    assert (
        event["message"] == "authorisation failed for expert-de: draft belongs to another country"
    )


def test_text_format_and_levels():
    stream = io.StringIO()
    configure_logging(
        env={"LAWGRAPH_LOG_FORMAT": "text", "LAWGRAPH_LOG_LEVEL": "warning"}, stream=stream
    )
    try:
        log_auth_failure(None, "no session")
        logging.getLogger("lawgraph.ingest").info("hidden", extra={"event": "ingest"})
        text = stream.getvalue()
        assert "WARNING auth-failure: authorisation failed for anonymous: no session" in text
        assert 'reason="no session"' in text and "hidden" not in text
        configure_logging(env={}, stream=stream)  # replaces its handler, not adds one
        assert len(logging.getLogger("lawgraph").handlers) == 1
    finally:
        logging.getLogger("lawgraph").handlers.clear()
        logging.getLogger("lawgraph").propagate = True
        logging.getLogger("lawgraph").setLevel(logging.NOTSET)


@pytest.mark.parametrize(
    ("env", "words"),
    [({"LAWGRAPH_LOG_FORMAT": "xml"}, "json or text"), ({"LAWGRAPH_LOG_LEVEL": "LOUD"}, "DEBUG")],
)
def test_bad_settings_are_clear_errors(env, words):
    with pytest.raises(InputError, match=words):
        configure_logging(env=env)


def test_quiet_unless_asked():
    assert configure_if_requested(env={}) is False
    try:
        assert configure_if_requested(env={"LAWGRAPH_LOG_FORMAT": "json"}) is True
    finally:
        logging.getLogger("lawgraph").handlers.clear()
        logging.getLogger("lawgraph").propagate = True
        logging.getLogger("lawgraph").setLevel(logging.NOTSET)
