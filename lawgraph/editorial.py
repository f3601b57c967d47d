"""Editors' edits of Law Review entries, kept apart from the graph in a small SQLite database.

An editor rewrites an entry's title or summary; the edit is stored under the entry's stable key
(:func:`lawgraph.exports.entry_key`) with who made it, when, and the source text at that time.
Edits are applied when a review is exported (:func:`apply_edits`), so re-ingesting the reports
never touches them. When the source text has changed since the edit, the export keeps the
edit and flags it for the editor: "source changed since edited on …"::

    save_edit("var/editorial.sqlite", key, "summary", "New summary.", "A. Editor",
              original=entry.summary)
    review = apply_edits(review_entries(store, start, end), "var/editorial.sqlite")

Every edit is a new version; :func:`history` lists them, oldest first, and the latest applies.
The database path comes from the argument, else the ``editorial`` setting when the settings
have one, else ``LAWGRAPH_EDITORIAL``, else ``var/editorial.sqlite``.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from lawgraph.errors import InputError
from lawgraph.exports.model import EditorialSummary, Entry, Review

__all__ = [
    "DEFAULT_PATH",
    "FIELDS",
    "Edit",
    "apply_edits",
    "database_path",
    "edits_for",
    "history",
    "save_edit",
]

DEFAULT_PATH = "var/editorial.sqlite"
FIELDS = ("title", "summary")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS edits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_key TEXT NOT NULL,
    field TEXT NOT NULL CHECK (field IN ('title', 'summary')),
    text TEXT NOT NULL,
    original TEXT,
    editor TEXT NOT NULL,
    edited_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS edits_by_key ON edits (entry_key, field, id);
PRAGMA user_version = 1;
"""

DB = str | Path


@dataclass(frozen=True)
class Edit:
    """One version of an edited field."""

    key: str
    field: str
    text: str
    original: str | None  # the source text when the edit was made
    editor: str
    edited_at: str  # ISO 8601, UTC
    version: int = 1

    @property
    def day(self) -> str:
        return self.edited_at[:10]

    def record(self) -> dict[str, object]:
        return {
            "key": self.key,
            "field": self.field,
            "version": self.version,
            "editor": self.editor,
            "edited_at": self.edited_at,
            "text": self.text,
            "original": self.original or "",
        }


def database_path(path: DB | None = None, settings: object | None = None) -> Path:
    """Where the editorial database is (see the module docstring)."""
    if path:
        return Path(path)
    configured = getattr(settings, "editorial", None) if settings is not None else None
    return Path(configured or os.environ.get("LAWGRAPH_EDITORIAL") or DEFAULT_PATH)


@contextmanager
def _connect(db: DB, *, create: bool) -> Iterator[sqlite3.Connection | None]:
    path = Path(db)
    if not create and not path.exists():
        yield None
        return
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        connection = sqlite3.connect(path)
    except sqlite3.Error as exc:
        raise InputError(str(path), None, f"cannot open the editorial database: {exc}") from exc
    with closing(connection):
        try:
            connection.executescript(_SCHEMA)
            with connection:
                yield connection
        except sqlite3.DatabaseError as exc:
            raise InputError(str(path), None, f"not an editorial database: {exc}") from exc


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def save_edit(
    db: DB,
    key: str,
    field: str,
    text: str,
    editor: str,
    *,
    original: str | None = None,
    edited_at: str | None = None,
) -> Edit:
    """Store a new version of ``field`` ("title" or "summary") of the entry ``key``.
    ``original`` is the source text the editor saw (to notice later source changes)."""
    if field not in FIELDS:
        raise InputError("--field", field, f"cannot edit {field!r}; use {' or '.join(FIELDS)}")
    for name, value in (("KEY", key), ("--text", text), ("--editor", editor)):
        if not value or not value.strip():
            raise InputError(name, value, "must not be empty")
    stamp = edited_at or _now()
    with _connect(db, create=True) as connection:
        assert connection is not None
        connection.execute(
            "INSERT INTO edits (entry_key, field, text, original, editor, edited_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (key, field, text.strip(), original, editor.strip(), stamp),
        )
        (version,) = connection.execute(
            "SELECT COUNT(*) FROM edits WHERE entry_key = ? AND field = ?", (key, field)
        ).fetchone()
    return Edit(key, field, text.strip(), original, editor.strip(), stamp, version)


def history(db: DB, key: str) -> list[Edit]:
    """Every version of every field of one entry, oldest first."""
    with _connect(db, create=False) as connection:
        if connection is None:
            return []
        rows = connection.execute(
            "SELECT entry_key, field, text, original, editor, edited_at FROM edits "
            "WHERE entry_key = ? ORDER BY id",
            (key,),
        ).fetchall()
    versions: dict[str, int] = {}
    out = []
    for row in rows:
        versions[row[1]] = versions.get(row[1], 0) + 1
        out.append(Edit(*row, version=versions[row[1]]))
    return out


def edits_for(db: DB, keys: Iterable[str] | None = None) -> dict[str, dict[str, Edit]]:
    """The current (latest) edit of each field, by entry key; all keys if ``keys`` is None."""
    wanted = None if keys is None else set(keys)
    with _connect(db, create=False) as connection:
        if connection is None:
            return {}
        rows = connection.execute(
            "SELECT entry_key, field, text, original, editor, edited_at, "
            "ROW_NUMBER() OVER (PARTITION BY entry_key, field ORDER BY id) FROM edits ORDER BY id"
        ).fetchall()
    out: dict[str, dict[str, Edit]] = {}
    for *fields, version in rows:
        if wanted is None or fields[0] in wanted:
            out.setdefault(fields[0], {})[fields[1]] = Edit(*fields, version=version)
    return out


def apply_edits(review: Review, db: DB) -> Review:
    """The review with the editors' current edits applied and source changes flagged."""
    edits = edits_for(db, [e.key for e in review.entries()])
    flagged = 0

    def change(entry: Entry) -> Entry:
        nonlocal flagged
        fields = edits.get(entry.key)
        if not fields:
            return entry
        values, notes = {}, list(entry.notes)
        for name, edit in sorted(fields.items()):
            current = getattr(entry, name)
            values[name] = edit.text
            if edit.original is not None and edit.original.strip() != current.strip():
                notes.append(_flag(edit, current))
        flagged += len(notes) > len(entry.notes)
        return replace(entry, **values, notes=tuple(notes), edited=tuple(sorted(values)))

    edited = review.map_entries(change)
    summary = EditorialSummary(str(db), sum(1 for e in edited.entries() if e.edited), flagged)
    return replace(edited, editorial=summary)


def _flag(edit: Edit, current: str) -> str:
    shown = current if len(current) <= 300 else current[:299] + "…"
    return (
        f"{edit.field}: source changed since edited on {edit.day} by {edit.editor}; "
        f"the source now reads: “{shown}”"
    )
