"""Editors' edits: stored with who, when and the original text; applied at export time;
untouched by re-ingest; flagged when the source changed since the edit."""

from __future__ import annotations

import io
import sqlite3

import pytest
from test_exports_support import FIXED_INFO, PERIOD, copy_fixture, ingest_fixture

import lawgraph
from lawgraph.editorial import apply_edits, database_path, edits_for, history, save_edit
from lawgraph.errors import InputError
from lawgraph.exports import exporter, review_entries

POLICY = "DE/2023-07-18/policy/federal-commissioner-presents-basic-paper-on-the-reform-of-f1c7726d"
RULING = "AT/2023-11-28/case-law/ecli-eu-c-2023-924"


def _entry(review, key):
    return next(e for e in review.entries() if e.key == key)


def test_versions_are_kept_with_editor_time_and_original(tmp_path):
    db = tmp_path / "editorial.sqlite"
    save_edit(db, POLICY, "summary", "First.", "A. Editor", original="Source text.",
              edited_at="2024-09-01T10:00:00Z")  # fmt: skip
    second = save_edit(db, POLICY, "summary", " Second. ", "B. Editor", original="Source text.")
    save_edit(db, POLICY, "title", "A title", "A. Editor")
    assert second.version == 2 and second.text == "Second."
    versions = history(db, POLICY)
    assert [(v.field, v.version, v.editor) for v in versions] == [
        ("summary", 1, "A. Editor"), ("summary", 2, "B. Editor"), ("title", 1, "A. Editor"),
    ]  # fmt: skip
    assert (
        versions[0].edited_at == "2024-09-01T10:00:00Z" and versions[0].original == "Source text."
    )
    current = edits_for(db, [POLICY, "other/key"])
    assert set(current) == {POLICY}
    assert current[POLICY]["summary"].text == "Second." and current[POLICY]["summary"].version == 2


@pytest.mark.parametrize(
    ("field", "text", "editor", "message"),
    [
        pytest.param("date", "x", "A", "cannot edit 'date'", id="unknown-field"),
        pytest.param("summary", "  ", "A", "must not be empty", id="empty-text"),
        pytest.param("title", "x", "", "must not be empty", id="no-editor"),
    ],
)
def test_bad_edits_are_refused(tmp_path, field, text, editor, message):
    with pytest.raises(InputError, match=message):
        save_edit(tmp_path / "e.sqlite", POLICY, field, text, editor)


def test_reading_a_missing_database_creates_nothing(tmp_path):
    db = tmp_path / "none.sqlite"
    assert edits_for(db) == {} and history(db, POLICY) == []
    assert not db.exists()


def test_a_file_that_is_not_a_database_is_reported(tmp_path):
    db = tmp_path / "notes.sqlite"
    db.write_text("not sqlite " * 200)
    with pytest.raises(InputError, match="not an editorial database"):
        edits_for(db)


def test_database_path_from_argument_setting_environment_or_default(monkeypatch, tmp_path):
    monkeypatch.delenv("LAWGRAPH_EDITORIAL", raising=False)
    assert str(database_path()) == "var/editorial.sqlite"
    monkeypatch.setenv("LAWGRAPH_EDITORIAL", str(tmp_path / "env.sqlite"))
    assert database_path() == tmp_path / "env.sqlite"

    class Settings:
        editorial = str(tmp_path / "settings.sqlite")

    assert database_path(None, Settings()) == tmp_path / "settings.sqlite"
    assert database_path(tmp_path / "arg.sqlite", Settings()) == tmp_path / "arg.sqlite"


@pytest.fixture
def workspace(tmp_path):
    folder = copy_fixture(tmp_path / "corpus")
    for path in (folder / "review_in").iterdir():
        if not path.name.startswith(("de-", "at-2024")):
            path.unlink()
    store = lawgraph.open_store("memory:")
    ingest_fixture(store, folder)
    return store, folder, tmp_path / "editorial.sqlite"


def test_edits_survive_reingest_and_appear_in_every_export(workspace):
    store, folder, db = workspace
    entry = _entry(review_entries(store, *PERIOD), POLICY)
    save_edit(db, POLICY, "summary", "Edited summary of the reform paper.", "A. Editor",
              original=entry.summary)  # fmt: skip
    save_edit(db, RULING, "title", "Commune d'Ans: neutrality in public administration", "A. Editor",
              original=_entry(review_entries(store, *PERIOD), RULING).title)  # fmt: skip
    with lawgraph_chdir(folder):
        summary = lawgraph.ingest(store, ["review_in"], force=True)
    assert {o.status for o in summary.outcomes} == {"replaced"}
    review = apply_edits(review_entries(store, *PERIOD, info=FIXED_INFO), db)
    edited = _entry(review, POLICY)
    assert edited.summary == "Edited summary of the reform paper."
    assert edited.edited == ("summary",) and edited.notes == ()
    assert _entry(review, RULING).title.startswith("Commune d'Ans: neutrality")
    assert review.editorial.edited_entries == 2 and review.editorial.flagged_entries == 0
    for fmt in ("md", "html"):
        out = io.BytesIO()
        exporter(fmt).write(review, out)
        text = out.getvalue().decode()
        assert "Edited summary of the reform paper." in text
        assert "2 entries edited" in text
    from docx import Document

    out = io.BytesIO()
    exporter("docx").write(review, out)
    body = [p.text for p in Document(io.BytesIO(out.getvalue())).paragraphs]
    assert "Edited summary of the reform paper." in body


def test_a_changed_source_keeps_the_edit_and_flags_it(workspace):
    store, folder, db = workspace
    before = _entry(review_entries(store, *PERIOD), POLICY)
    save_edit(db, POLICY, "summary", "Edited.", "A. Editor", original=before.summary,
              edited_at="2024-09-01T10:00:00Z")  # fmt: skip
    report = folder / "review_in" / "de-2024.md"
    text = report.read_text(encoding="utf-8")
    assert before.summary[:60] in text
    report.write_text(
        text.replace(before.summary[:60], "CORRECTED BY THE EXPERT. " + before.summary[:60]),
        encoding="utf-8",
    )
    with lawgraph_chdir(folder):
        lawgraph.ingest(store, ["review_in"])
    fresh = review_entries(store, *PERIOD, info=FIXED_INFO)
    assert _entry(fresh, POLICY).summary.startswith("CORRECTED BY THE EXPERT.")  # same key
    review = apply_edits(fresh, db)
    entry = _entry(review, POLICY)
    assert entry.summary == "Edited."
    (note,) = entry.notes
    assert note.startswith("summary: source changed since edited on 2024-09-01 by A. Editor")
    assert "CORRECTED BY THE EXPERT." in note
    assert review.editorial.flagged_entries == 1
    out = io.BytesIO()
    exporter("md").write(review, out)
    assert (
        "**Editor:** summary: source changed since edited on 2024-09-01" in out.getvalue().decode()
    )


def test_the_database_is_a_plain_sqlite_file(tmp_path):
    db = tmp_path / "e.sqlite"
    save_edit(db, POLICY, "title", "T", "A. Editor", original="O")
    connection = sqlite3.connect(db)
    try:
        row = connection.execute(
            "SELECT entry_key, field, text, original, editor FROM edits"
        ).fetchone()
    finally:
        connection.close()
    assert row == (POLICY, "title", "T", "O", "A. Editor")


def lawgraph_chdir(folder):
    import contextlib

    return contextlib.chdir(folder)
