"""Experts' drafts of country reports, every version of every section, and the review workflow,
kept apart from the graph in a small SQLite database.

A draft is one report (country, reporting year) cut into sections: the metadata header
(section ``meta``) and one section per heading of the report, in order. Each section's content
is a plain dict (heading, prose, assessment/development/equality-body rows; see
``webapp.workflow.sections``); this module stores it and never interprets it beyond equality::

    drafts = DraftStore("var/drafts.sqlite")
    report = drafts.start("DE", 2025, "jane", "country_reports/de-2024.md", sections)
    result = drafts.save(report, "s003", content, "jane", base=seen_version)
    if result.status == "conflict": ...   # kept as its own version, not applied

Nothing typed is lost:

* every save is a new row in ``versions``; rows are never updated or deleted;
* a save names the version it was based on (optimistic concurrency). When someone else saved
  the section since, the two edits are merged if they touch different parts of it (the prose,
  the assessment rows, one metadata field …); otherwise the save is a **conflict**: it is
  stored as a version kept aside (``accepted = 0``) and the section's text stays as the other
  person left it, until someone resolves it by saving again on the newer base;
* a save that arrives when the report cannot be changed (submitted, approved) is kept aside
  the same way.

The workflow: ``draft`` → ``submitted`` → ``returned`` (with comments) → ``submitted`` … →
``approved``. Each step is an event with a snapshot (which version of each section), so the
reviewer can compare a submission with the previous one and the approved text can be rebuilt.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lawgraph.errors import LawgraphError

__all__ = [
    "EDITABLE",
    "META",
    "STATES",
    "Comment",
    "DraftStore",
    "Event",
    "Report",
    "SaveResult",
    "SectionState",
    "StateError",
    "Version",
    "WorkflowError",
    "merge3",
]

META = "meta"
STATES = ("draft", "submitted", "returned", "approved")
#: the states in which the expert may change the report
EDITABLE = ("draft", "returned")
KINDS = (
    "start",
    "save",
    "autosave",
    "upload",
    "merge",
    "resolve",
    "conflict",
    "late",
    "add",
    "remove",
)

_SCHEMA = """
PRAGMA journal_mode = WAL;
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    country TEXT NOT NULL,
    year INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'approved')),
    owner TEXT NOT NULL,
    origin TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (country, year)
);
CREATE TABLE IF NOT EXISTS sections (
    report_id INTEGER NOT NULL REFERENCES reports (id),
    section_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    carried TEXT,
    PRIMARY KEY (report_id, section_id)
);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id INTEGER NOT NULL REFERENCES reports (id),
    section_id TEXT NOT NULL,
    content TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    base_id INTEGER,
    accepted INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_by_section ON versions (report_id, section_id, accepted, id);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id INTEGER NOT NULL REFERENCES reports (id),
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    snapshot TEXT NOT NULL,
    markdown TEXT
);
CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id INTEGER NOT NULL REFERENCES reports (id),
    section_id TEXT,
    author TEXT NOT NULL,
    at TEXT NOT NULL,
    text TEXT NOT NULL,
    event_id INTEGER
);
PRAGMA user_version = 1;
"""

Content = dict[str, Any]
#: the sections of a report at one moment, in order: (section id, version id)
Snapshot = list[tuple[str, int]]


class WorkflowError(LawgraphError):
    """A workflow step that cannot be done (unknown report or section, bad input)."""


class StateError(WorkflowError):
    """A step the report's current state does not allow (e.g. editing a submitted report)."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dump(content: Content) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class Report:
    id: int
    country: str
    year: int
    state: str
    owner: str  # username of the expert who started it
    origin: str  # what it was started from ("country_reports/de-2024.md", "upload", …)
    created_at: str

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE

    @property
    def key(self) -> str:
        return f"{self.country}-{self.year}"


@dataclass(frozen=True)
class Version:
    id: int
    section: str
    content: Content
    author: str
    created_at: str
    kind: str
    base: int | None
    accepted: bool

    def record(self) -> dict[str, object]:
        return {
            "id": self.id,
            "section": self.section,
            "author": self.author,
            "created_at": self.created_at,
            "kind": self.kind,
            "base": self.base,
            "accepted": self.accepted,
        }


@dataclass(frozen=True)
class SectionState:
    """A section of a draft now: its current version and what was carried over from the
    report the draft started from (None for a section added since)."""

    id: str
    position: int
    head: Version
    carried: Content | None
    #: versions kept aside (conflicts, late saves) newer than the head
    pending: tuple[Version, ...] = ()

    @property
    def status(self) -> str:
        """``unchanged`` (as carried over), ``edited``, ``new`` or ``removed``."""
        if self.head.content.get("removed"):
            return "removed"
        if self.carried is None:
            return "new"
        if self.head.kind == "start" or _dump(self.head.content) == _dump(self.carried):
            return "unchanged"
        return "edited"


@dataclass(frozen=True)
class SaveResult:
    """What a save did: ``saved``, ``merged`` (with someone else's edit of other parts),
    ``unchanged`` (nothing new), ``conflict`` or ``late`` (kept aside, not applied)."""

    status: str
    version: Version  # the version stored (or the head, when nothing new was stored)
    head: Version  # the section's current version after the save

    @property
    def applied(self) -> bool:
        return self.status in ("saved", "merged", "unchanged")


@dataclass(frozen=True)
class Event:
    id: int
    kind: str  # started | submitted | returned | approved
    actor: str
    at: str
    note: str
    snapshot: Snapshot = field(default_factory=list)
    markdown: str | None = None

    @property
    def revision(self) -> int:
        """The newest version in the snapshot: names the state of the draft it records."""
        return max((v for _, v in self.snapshot), default=0)


@dataclass(frozen=True)
class Comment:
    id: int
    section: str | None
    author: str
    at: str
    text: str
    event: int | None


def merge3(base: Content, head: Content, mine: Content) -> Content | None:
    """Three-way merge of two edits of the same base, part by part (top-level keys, and keys of
    nested dicts such as the metadata fields); None when both changed the same part
    differently.

    >>> merge3({"a": 1, "b": 1}, {"a": 2, "b": 1}, {"a": 1, "b": 3})
    {'a': 2, 'b': 3}
    >>> merge3({"a": 1}, {"a": 2}, {"a": 3}) is None
    True
    """
    out: Content = {}
    for key in sorted(base.keys() | head.keys() | mine.keys()):
        b, h, m = base.get(key), head.get(key), mine.get(key)
        if h == b:
            value = m
        elif m in (b, h):
            value = h
        elif all(isinstance(x, dict) for x in (b, h, m)):
            value = merge3(b, h, m)
            if value is None:
                return None
        else:
            return None
        if value is not None:
            out[key] = value
    return out


class DraftStore:
    """The drafts database at ``path`` (created on first write)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._ready = False

    @contextmanager
    def _db(self, *, write: bool = False) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        except sqlite3.Error as exc:
            raise WorkflowError(f"cannot open the drafts database {self.path}: {exc}") from exc
        with closing(connection):
            connection.row_factory = sqlite3.Row
            try:
                if not self._ready:
                    connection.executescript(_SCHEMA)
                    self._ready = True
                connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    # --- reports -------------------------------------------------------------------------
    def start(
        self,
        country: str,
        year: int,
        author: str,
        origin: str,
        sections: Sequence[tuple[Content, Content | None]],
    ) -> Report:
        """A new draft from ``(content, carried)`` pairs, the metadata first. ``carried`` is
        what the previous report said (None for a section it did not have)."""
        if not sections:
            raise WorkflowError("a draft needs at least its metadata")
        now = _now()
        with self._db(write=True) as db:
            if db.execute(
                "SELECT 1 FROM reports WHERE country = ? AND year = ?", (country, year)
            ).fetchone():
                raise StateError(f"there is already a report for {country} {year}")
            report_id = db.execute(
                "INSERT INTO reports (country, year, state, owner, origin, created_at) "
                "VALUES (?, ?, 'draft', ?, ?, ?)",
                (country, year, author, origin, now),
            ).lastrowid
            for position, (content, carried) in enumerate(sections):
                section_id = META if position == 0 else f"s{position:03d}"
                self._add(db, report_id, section_id, position, content, carried, author, "start")
            self._event(db, report_id, "started", author, "", now)
        return self.report(country, year)  # type: ignore[return-value]

    def _add(
        self,
        db: sqlite3.Connection,
        report_id: int,
        section_id: str,
        position: int,
        content: Content,
        carried: Content | None,
        author: str,
        kind: str,
    ) -> int:
        db.execute(
            "INSERT INTO sections (report_id, section_id, position, carried) VALUES (?, ?, ?, ?)",
            (report_id, section_id, position, None if carried is None else _dump(carried)),
        )
        return self._insert(db, report_id, section_id, content, author, kind, None, True)

    @staticmethod
    def _insert(
        db: sqlite3.Connection,
        report_id: int,
        section_id: str,
        content: Content,
        author: str,
        kind: str,
        base: int | None,
        accepted: bool,
    ) -> int:
        return db.execute(
            "INSERT INTO versions (report_id, section_id, content, author, created_at, kind, "
            "base_id, accepted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (report_id, section_id, _dump(content), author, _now(), kind, base, int(accepted)),
        ).lastrowid

    def report(self, country: str, year: int) -> Report | None:
        with self._db() as db:
            row = db.execute(
                "SELECT * FROM reports WHERE country = ? AND year = ?", (country, year)
            ).fetchone()
        return _report(row) if row else None

    def reports(
        self, country: str | None = None, states: Sequence[str] | None = None
    ) -> list[Report]:
        """Reports, newest year first, optionally of one country and in some states."""
        query, args = "SELECT * FROM reports WHERE 1 = 1", []
        if country:
            query += " AND country = ?"
            args.append(country)
        if states:
            query += f" AND state IN ({', '.join('?' for _ in states)})"
            args += list(states)
        with self._db() as db:
            rows = db.execute(query + " ORDER BY year DESC, country", args).fetchall()
        return [_report(r) for r in rows]

    def latest_approved(self, country: str, before: int) -> tuple[int, str] | None:
        """(year, Markdown) of the newest report of ``country`` approved here before ``before``."""
        with self._db() as db:
            row = db.execute(
                "SELECT r.year, e.markdown FROM reports r JOIN events e ON e.report_id = r.id "
                "WHERE r.country = ? AND r.year < ? AND r.state = 'approved' "
                "AND e.kind = 'approved' ORDER BY r.year DESC, e.id DESC LIMIT 1",
                (country, before),
            ).fetchone()
        return (int(row["year"]), row["markdown"]) if row and row["markdown"] else None

    # --- sections and versions -----------------------------------------------------------
    def sections(self, report: Report) -> list[SectionState]:
        """Every section, in order, with its current version."""
        with self._db() as db:
            return self._sections(db, report.id)

    def _sections(self, db: sqlite3.Connection, report_id: int) -> list[SectionState]:
        rows = db.execute(
            "SELECT * FROM sections WHERE report_id = ? ORDER BY position", (report_id,)
        ).fetchall()
        heads = {
            r["section_id"]: r
            for r in db.execute(
                "SELECT * FROM versions WHERE id IN (SELECT MAX(id) FROM versions "
                "WHERE report_id = ? AND accepted = 1 GROUP BY section_id)",
                (report_id,),
            )
        }
        aside: dict[str, list[Version]] = {}
        for row in db.execute(
            "SELECT * FROM versions WHERE report_id = ? AND accepted = 0 ORDER BY id", (report_id,)
        ):
            aside.setdefault(row["section_id"], []).append(_version(row))
        out = []
        for row in rows:
            head = _version(heads[row["section_id"]])
            pending = tuple(v for v in aside.get(row["section_id"], ()) if v.id > head.id)
            carried = json.loads(row["carried"]) if row["carried"] is not None else None
            out.append(SectionState(row["section_id"], row["position"], head, carried, pending))
        return out

    def section(self, report: Report, section_id: str) -> SectionState:
        for state in self.sections(report):
            if state.id == section_id:
                return state
        raise WorkflowError(f"the report {report.key} has no section {section_id!r}")

    def version(self, report: Report, version_id: int) -> Version:
        with self._db() as db:
            row = db.execute(
                "SELECT * FROM versions WHERE report_id = ? AND id = ?", (report.id, version_id)
            ).fetchone()
        if row is None:
            raise WorkflowError(f"the report {report.key} has no version {version_id}")
        return _version(row)

    def versions(self, report: Report, section_id: str | None = None) -> list[Version]:
        """Every version (kept aside ones too), newest first."""
        query, args = "SELECT * FROM versions WHERE report_id = ?", [report.id]
        if section_id is not None:
            query += " AND section_id = ?"
            args.append(section_id)
        with self._db() as db:
            return [_version(r) for r in db.execute(query + " ORDER BY id DESC", args)]

    def save(
        self,
        report: Report,
        section_id: str,
        content: Content,
        author: str,
        *,
        base: int | None,
        kind: str = "save",
    ) -> SaveResult:
        """Store an edit of one section made on version ``base`` (see the module docstring)."""
        if kind not in KINDS:
            raise WorkflowError(f"unknown kind of save {kind!r}")
        with self._db(write=True) as db:
            state = db.execute("SELECT state FROM reports WHERE id = ?", (report.id,)).fetchone()
            current = {s.id: s for s in self._sections(db, report.id)}
            if section_id not in current:
                raise WorkflowError(f"the report {report.key} has no section {section_id!r}")
            head = current[section_id].head
            if _dump(content) == _dump(head.content):
                return SaveResult("unchanged", head, head)
            if state["state"] not in EDITABLE:
                kept = self._insert(db, report.id, section_id, content, author, "late", base, False)
                return SaveResult("late", self._get(db, kept), head)
            if base == head.id:
                saved = self._get(
                    db, self._insert(db, report.id, section_id, content, author, kind, base, True)
                )
                return SaveResult("saved", saved, saved)
            seen = self._get(db, base)
            if seen is None or seen.section != section_id:
                raise WorkflowError(f"version {base} is not a version of this section")
            merged = merge3(seen.content, head.content, content)
            if merged is not None:
                saved = self._get(
                    db,
                    self._insert(db, report.id, section_id, merged, author, "merge", head.id, True),
                )
                return SaveResult("merged", saved, saved)
            kept = self._insert(db, report.id, section_id, content, author, "conflict", base, False)
            return SaveResult("conflict", self._get(db, kept), head)

    def add_section(self, report: Report, after: str, content: Content, author: str) -> str:
        """Insert a new section after ``after``; returns its id."""
        with self._db(write=True) as db:
            self._require(db, report, EDITABLE)
            sections = self._sections(db, report.id)
            position = next((s.position for s in sections if s.id == after), None)
            if position is None:
                raise WorkflowError(f"the report {report.key} has no section {after!r}")
            taken = {s.id for s in sections}
            number = len(sections)
            while f"s{number:03d}" in taken:
                number += 1
            section_id = f"s{number:03d}"
            db.execute(
                "UPDATE sections SET position = position + 1 WHERE report_id = ? AND position > ?",
                (report.id, position),
            )
            self._add(db, report.id, section_id, position + 1, content, None, author, "add")
        return section_id

    def heads_at(self, report: Report, revision: int) -> dict[str, int]:
        """The version each section had when the newest version was ``revision`` (what a page
        rendered then showed)."""
        with self._db() as db:
            rows = db.execute(
                "SELECT section_id, MAX(id) FROM versions WHERE report_id = ? AND accepted = 1 "
                "AND id <= ? GROUP BY section_id",
                (report.id, revision),
            ).fetchall()
        return {row[0]: int(row[1]) for row in rows}

    def revision(self, report: Report) -> int:
        """The newest version of any section: names the state of the whole draft."""
        with self._db() as db:
            row = db.execute(
                "SELECT MAX(id) FROM versions WHERE report_id = ?", (report.id,)
            ).fetchone()
        return int(row[0] or 0)

    def set_order(self, report: Report, section_ids: Sequence[str]) -> None:
        """Put the sections in this order (the metadata stays first; others keep theirs,
        after the ones named)."""
        with self._db(write=True) as db:
            self._require(db, report, EDITABLE)
            current = [s.id for s in self._sections(db, report.id)]
            unknown = set(section_ids) - set(current)
            if unknown:
                raise WorkflowError(
                    f"the report {report.key} has no section {sorted(unknown)[0]!r}"
                )
            named = [META] + [i for i in section_ids if i != META]
            order = named + [i for i in current if i not in named]
            for position, section_id in enumerate(order):
                db.execute(
                    "UPDATE sections SET position = ? WHERE report_id = ? AND section_id = ?",
                    (position, report.id, section_id),
                )

    def add_sections(
        self, report: Report, contents: Sequence[Content], author: str, kind: str = "add"
    ) -> list[str]:
        """Append new sections (no carried-over text); returns their ids."""
        with self._db(write=True) as db:
            self._require(db, report, EDITABLE)
            sections = self._sections(db, report.id)
            taken = {s.id for s in sections}
            position = max((s.position for s in sections), default=0)
            number, ids = len(sections), []
            for content in contents:
                while f"s{number:03d}" in taken:
                    number += 1
                section_id = f"s{number:03d}"
                taken.add(section_id)
                position += 1
                self._add(db, report.id, section_id, position, content, None, author, kind)
                ids.append(section_id)
        return ids

    @staticmethod
    def _get(db: sqlite3.Connection, version_id: int | None) -> Version | None:
        if version_id is None:
            return None
        row = db.execute("SELECT * FROM versions WHERE id = ?", (version_id,)).fetchone()
        return _version(row) if row else None

    # --- workflow ------------------------------------------------------------------------
    def snapshot(self, report: Report) -> Snapshot:
        return [(s.id, s.head.id) for s in self.sections(report)]

    def contents(self, report: Report, snapshot: Snapshot) -> list[tuple[str, Content]]:
        """The section contents a snapshot names, in its order."""
        with self._db() as db:
            out = []
            for section_id, version_id in snapshot:
                version = self._get(db, version_id)
                if version is None or version.section != section_id:
                    raise WorkflowError(f"the snapshot names an unknown version {version_id}")
                out.append((section_id, version.content))
        return out

    def submit(self, report: Report, actor: str, snapshot: Snapshot) -> Event:
        """Hand the draft (as ``snapshot``: what was checked) to the reviewers."""
        return self._step(report, actor, "submitted", EDITABLE, "submitted", "", snapshot)

    def return_(self, report: Report, actor: str, note: str) -> Event:
        """Send a submitted report back to the expert, with a note."""
        return self._step(report, actor, "returned", ("submitted",), "returned", note)

    def approve(self, report: Report, actor: str, snapshot: Snapshot, markdown: str) -> Event:
        """Record the approval of the submitted ``snapshot`` (``markdown``: its text, exactly
        as ingested)."""
        return self._step(
            report, actor, "approved", ("submitted",), "approved", "", snapshot, markdown
        )

    def _step(
        self,
        report: Report,
        actor: str,
        kind: str,
        allowed: Sequence[str],
        to: str,
        note: str,
        snapshot: Snapshot | None = None,
        markdown: str | None = None,
    ) -> Event:
        with self._db(write=True) as db:
            self._require(db, report, allowed)
            if snapshot is None:
                snapshot = [(s.id, s.head.id) for s in self._sections(db, report.id)]
            db.execute("UPDATE reports SET state = ? WHERE id = ?", (to, report.id))
            event_id = self._event(db, report.id, kind, actor, note, _now(), snapshot, markdown)
            if kind == "returned":  # the comments made so far go back with this return
                db.execute(
                    "UPDATE comments SET event_id = ? WHERE report_id = ? AND event_id IS NULL",
                    (event_id, report.id),
                )
            return _event(db.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone())

    @staticmethod
    def _require(db: sqlite3.Connection, report: Report, allowed: Sequence[str]) -> None:
        row = db.execute("SELECT state FROM reports WHERE id = ?", (report.id,)).fetchone()
        if row is None:
            raise WorkflowError(f"there is no report {report.key}")
        if row["state"] not in allowed:
            raise StateError(
                f"the report {report.country} {report.year} is {row['state']}; "
                f"this needs it to be {' or '.join(allowed)}"
            )

    @staticmethod
    def _event(
        db: sqlite3.Connection,
        report_id: int,
        kind: str,
        actor: str,
        note: str,
        at: str,
        snapshot: Snapshot | None = None,
        markdown: str | None = None,
    ) -> int:
        return db.execute(
            "INSERT INTO events (report_id, kind, actor, at, note, snapshot, markdown) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (report_id, kind, actor, at, note, json.dumps(snapshot or []), markdown),
        ).lastrowid

    def events(self, report: Report) -> list[Event]:
        """The report's workflow events, oldest first."""
        with self._db() as db:
            rows = db.execute(
                "SELECT * FROM events WHERE report_id = ? ORDER BY id", (report.id,)
            ).fetchall()
        return [_event(r) for r in rows]

    # --- comments ------------------------------------------------------------------------
    def comment(self, report: Report, section_id: str | None, author: str, text: str) -> Comment:
        """A reviewer's comment on one section (or on the whole report: ``section_id`` None)."""
        text = text.strip()
        if not text:
            raise WorkflowError("a comment needs some text")
        with self._db(write=True) as db:
            if (
                section_id is not None
                and not db.execute(
                    "SELECT 1 FROM sections WHERE report_id = ? AND section_id = ?",
                    (report.id, section_id),
                ).fetchone()
            ):
                raise WorkflowError(f"the report {report.key} has no section {section_id!r}")
            comment_id = db.execute(
                "INSERT INTO comments (report_id, section_id, author, at, text) "
                "VALUES (?, ?, ?, ?, ?)",
                (report.id, section_id, author, _now(), text),
            ).lastrowid
            row = db.execute("SELECT * FROM comments WHERE id = ?", (comment_id,)).fetchone()
        return _comment(row)

    def comments(self, report: Report) -> list[Comment]:
        with self._db() as db:
            rows = db.execute(
                "SELECT * FROM comments WHERE report_id = ? ORDER BY id", (report.id,)
            ).fetchall()
        return [_comment(r) for r in rows]


def _report(row: sqlite3.Row) -> Report:
    return Report(
        row["id"],
        row["country"],
        int(row["year"]),
        row["state"],
        row["owner"],
        row["origin"],
        row["created_at"],
    )


def _version(row: sqlite3.Row) -> Version:
    return Version(
        row["id"],
        row["section_id"],
        json.loads(row["content"]),
        row["author"],
        row["created_at"],
        row["kind"],
        row["base_id"],
        bool(row["accepted"]),
    )


def _event(row: sqlite3.Row) -> Event:
    snapshot = [(str(s), int(v)) for s, v in json.loads(row["snapshot"])]
    return Event(
        row["id"], row["kind"], row["actor"], row["at"], row["note"], snapshot, row["markdown"]
    )


def _comment(row: sqlite3.Row) -> Comment:
    return Comment(
        row["id"], row["section_id"], row["author"], row["at"], row["text"], row["event_id"]
    )
