"""Structured logs: one JSON object per line (or readable text), one event per thing that
happened.

Configure once per process::

    from lawgraph.logging import configure_logging
    configure_logging()        # LAWGRAPH_LOG_FORMAT=json|text, LAWGRAPH_LOG_LEVEL=INFO|DEBUG|…

The command line (``lawgraph …``) and the web app factory (``create_app``, so every gunicorn
worker) do it from the settings ``log_format`` and ``log_level`` (:mod:`lawgraph.config`) when
either is set, with :func:`configure_if_requested`; otherwise the command line logs nothing and
the web app leaves logging as it finds it.

Events, each with its own fields beside ``time``, ``level``, ``logger``, ``event`` and
``message``:

| event | fields | logged by |
|---|---|---|
| ``ingest`` | file, outcome (added, replaced, unchanged, checked), graph, kind, label, triples, counts, warnings, seconds | :func:`logged_ingest` / :func:`log_ingest` (``lawgraph ingest``, ``lawgraph demo``) |
| ``rejection`` | file, place, message, seconds | the same |
| ``ingest-run`` | files, by_status, ok, resumed, after_ingest_seconds, seconds | the same |
| ``pending-assessments`` | graphs, seconds: assessments an interrupted ingest had left, recomputed | :func:`lawgraph.ingest.ingest` |
| ``assessment`` | pairs, assessments, reasons, by_status, problems, seconds, trigger, scope | :func:`logged_assess` / :func:`log_assessment` (``lawgraph assess``, ``lawgraph demo``) |
| ``auth-failure`` | user, reason, method, path, remote_addr | :func:`log_auth_failure` (the web app: refused logins, 401 and 403 answers, CSRF failures) |
| ``migrate``, ``backup``, ``restore-backup`` | what the operation reports | ``lawgraph`` ops commands |

Example line::

    {"time": "2026-05-01T09:12:03.114Z", "level": "INFO", "logger": "lawgraph.ingest",
     "event": "ingest", "message": "added Germany 2024", "file": "country_reports/de-2024.md",
     "outcome": "added", "graph": "https://w3id.org/lawgraph/id/graph/report/DE/2024", …}
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from lawgraph.errors import InputError

__all__ = [
    "JsonFormatter",
    "TextFormatter",
    "configure_if_requested",
    "configure_logging",
    "log_assessment",
    "log_auth_failure",
    "log_event",
    "log_ingest",
    "logged_assess",
    "logged_ingest",
]

LOGGER = "lawgraph"
FORMATS = ("json", "text")
_STANDARD = set(logging.LogRecord("x", 0, "x", 0, "x", None, None).__dict__) | {
    "message",
    "asctime",
    "taskName",
}


def _timestamp(created: float) -> str:
    return datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds")[:-6] + "Z"


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in record.__dict__.items() if k not in _STANDARD and k != "event"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ms), level, logger, event, message, then the
    event's fields (``extra=`` of the logging call)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": _timestamp(record.created),
            "level": record.levelname,
            "logger": record.name,
            "event": getattr(record, "event", None) or "log",
            "message": record.getMessage(),
        }
        entry.update(_fields(record))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """``time level event: message key=value …`` for people reading a terminal."""

    def format(self, record: logging.LogRecord) -> str:
        fields = " ".join(
            f"{k}={json.dumps(v, ensure_ascii=False, default=str)}"
            for k, v in _fields(record).items()
        )
        event = getattr(record, "event", None)
        line = (
            f"{_timestamp(record.created)} {record.levelname:7} "
            f"{event + ': ' if event else ''}{record.getMessage()}"
            + (f"  {fields}" if fields else "")
        )
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def configure_logging(
    settings: object | None = None,
    *,
    env: Mapping[str, str] | None = None,
    stream: IO[str] | None = None,
    fmt: str | None = None,
    level: str | int | None = None,
) -> logging.Logger:
    """Send the ``lawgraph`` loggers to ``stream`` (standard error) in the configured format.

    The format and level come from the arguments, else ``LAWGRAPH_LOG_FORMAT`` /
    ``LAWGRAPH_LOG_LEVEL``, else the settings' ``log_format`` / ``log_level`` if they have
    them, else text and INFO. Calling it again replaces the handler it installed."""
    env = os.environ if env is None else env
    fmt = (
        fmt or env.get("LAWGRAPH_LOG_FORMAT") or getattr(settings, "log_format", None) or "text"
    ).lower()
    if fmt not in FORMATS:
        raise InputError("LAWGRAPH_LOG_FORMAT", None, f"expected json or text, got {fmt!r}")
    level = level or env.get("LAWGRAPH_LOG_LEVEL") or getattr(settings, "log_level", None) or "INFO"
    number = level if isinstance(level, int) else logging.getLevelName(str(level).upper())
    if not isinstance(number, int):
        raise InputError(
            "LAWGRAPH_LOG_LEVEL", None, f"expected DEBUG, INFO, WARNING or ERROR, got {level!r}"
        )
    logger = logging.getLogger(LOGGER)
    for handler in [h for h in logger.handlers if getattr(h, "_lawgraph", False)]:
        logger.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler._lawgraph = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(number)
    logger.propagate = False
    return logger


def configure_if_requested(
    settings: object | None = None,
    *,
    env: Mapping[str, str] | None = None,
    quiet: bool = False,
    stream: IO[str] | None = None,
) -> bool:
    """Configure logging only if ``LAWGRAPH_LOG_FORMAT`` or ``LAWGRAPH_LOG_LEVEL`` (or the
    settings' ``log_format``/``log_level``) asks for it; True if it did. Otherwise, with
    ``quiet`` (a command line, which prints its own messages), lawgraph's events go nowhere:
    without it Python would print their warnings a second time on standard error."""
    env = os.environ if env is None else env
    asked = any(env.get(f"LAWGRAPH_LOG_{n}") for n in ("FORMAT", "LEVEL")) or any(
        getattr(settings, f"log_{n}", None) for n in ("format", "level")
    )
    if asked:
        configure_logging(settings, env=env, stream=stream)
    elif quiet:
        logger = logging.getLogger(LOGGER)
        if not any(getattr(h, "_lawgraph", False) for h in logger.handlers):
            handler = logging.NullHandler()
            handler._lawgraph = True  # type: ignore[attr-defined]
            logger.addHandler(handler)
    return bool(asked)


def log_event(
    event: str,
    message: str,
    *,
    logger: str = "lawgraph.ops",
    level: int = logging.INFO,
    **fields: Any,
) -> None:
    """Log one event with its fields."""
    logging.getLogger(logger).log(level, message, extra={"event": event, **fields})


# --- ingest ---------------------------------------------------------------------------------

_PLACE = re.compile(r"^(?P<file>[^:\n]+?)(?::(?P<place>[^:\s]+))?: (?P<message>.*)$", re.DOTALL)


def split_error(error: str, fallback_file: str) -> tuple[str, str | None, str]:
    """``("file", "place", "message")`` out of an error line ``file:place: message``."""
    match = _PLACE.match(error or "")
    if not match:
        return fallback_file, None, error
    return match["file"], match["place"], match["message"]


def _seconds(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def log_ingest(summary: Any, seconds: list[float] | None = None) -> None:
    """Log each file of an :class:`~lawgraph.ingest.IngestSummary` (with the seconds it took:
    ``seconds[i]``, else the outcome's own), then the run."""
    log = logging.getLogger("lawgraph.ingest")
    for index, outcome in enumerate(summary.outcomes):
        own = getattr(outcome, "seconds", None)
        took = _seconds(seconds[index] if seconds and index < len(seconds) else own)
        if outcome.status == "rejected":
            file, place, message = split_error(outcome.error or "", outcome.source)
            log.warning(  # the message is the rejection's own text; file and place beside it
                "%s",
                message,
                extra={"event": "rejection", "file": file, "place": place, "seconds": took},
            )
            continue
        log.info(
            "%s %s",
            outcome.status,
            outcome.label or outcome.source,
            extra={
                "event": "ingest",
                "file": outcome.source,
                "outcome": outcome.status,
                "graph": str(outcome.graph) if outcome.graph else None,
                "kind": outcome.kind,
                "label": outcome.label,
                "triples": outcome.triples,
                "counts": dict(outcome.counts),
                "warnings": len(outcome.warnings),
                "seconds": took,
            },
        )
    by_status: dict[str, int] = {}
    for outcome in summary.outcomes:
        by_status[outcome.status] = by_status.get(outcome.status, 0) + 1
    log.log(
        logging.INFO if summary.ok else logging.WARNING,
        "%d files ingested",
        len(summary.outcomes),
        extra={
            "event": "ingest-run",
            "files": len(summary.outcomes),
            "by_status": by_status,
            "ok": summary.ok,
            "resumed": len(getattr(summary, "resumed", ())),
            "after_ingest_seconds": _seconds(getattr(summary, "after_ingest_seconds", None)),
            "seconds": round(summary.seconds, 3),
        },
    )


def logged_ingest(store: Any, paths: Iterable[str | Path], **options: Any) -> Any:
    """:func:`lawgraph.ingest.ingest`, logging every file (with the seconds it took) and the
    run. Same arguments, same result."""
    from lawgraph.ingest import ingest

    summary = ingest(store, paths, **options)
    log_ingest(summary)
    return summary


# --- assessments ----------------------------------------------------------------------------


def log_assessment(summary: Any, *, scope: Any = None, trigger: str = "command") -> None:
    """Log an :class:`~lawgraph.assess.AssessSummary`."""
    logging.getLogger("lawgraph.assess").log(
        logging.WARNING if summary.problems else logging.INFO,
        "%d assessments for %d country-years",
        summary.assessments,
        summary.pairs,
        extra={
            "event": "assessment",
            "pairs": summary.pairs,
            "assessments": summary.assessments,
            "reasons": summary.reasons,
            "by_status": dict(summary.by_status),
            "problems": list(summary.problems),
            "seconds": round(summary.seconds, 3),
            "trigger": trigger,
            "scope": None
            if scope is None
            else [f"{str(c).rsplit('/', 1)[-1]}/{y}" for c, y in scope],
        },
    )


def logged_assess(store: Any, scope: Any = None, **options: Any) -> Any:
    """:func:`lawgraph.assess.assess`, logged."""
    from lawgraph.assess import assess

    summary = assess(store, scope=scope, **options)
    log_assessment(summary, scope=scope)
    return summary


# --- the web app ----------------------------------------------------------------------------


def log_auth_failure(
    user: str | None,
    reason: str,
    *,
    method: str | None = None,
    path: str | None = None,
    remote_addr: str | None = None,
    **fields: Any,
) -> None:
    """Log a refused login or a refused request (the web app calls this; never pass a
    password or a token, only who and why)."""
    logging.getLogger("lawgraph.auth").warning(
        "authorisation failed for %s: %s",
        user or "anonymous",
        reason,
        extra={
            "event": "auth-failure",
            "user": user,
            "reason": reason,
            "method": method,
            "path": path,
            "remote_addr": remote_addr,
            **fields,
        },
    )
