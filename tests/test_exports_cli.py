"""The export commands: help, happy paths, and a table of error cases."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from test_exports_support import disk_store

from lawgraph.cli import main

KEY = "DE/2023-07-18/policy/federal-commissioner-presents-basic-paper-on-the-reform-of-f1c7726d"
PERIOD = ["--from", "2023-07-01", "--to", "2024-06-30"]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    store = disk_store(root / "store")
    return {
        "LAWGRAPH_STORE": str(store),
        "LAWGRAPH_EDITORIAL": str(root / "editorial.sqlite"),
        "LAWGRAPH_SETTINGS": "",
    }


def run(env, *args):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.mark.parametrize(
    "command",
    [
        ["export"],
        ["export", "review"],
        ["export", "data"],
        ["export", "feed"],
        ["review-entries"],
        ["edit-entry"],
        ["edit-history"],
    ],  # fmt: skip
    ids=lambda c: " ".join(c),
)
def test_every_command_has_help(env, command):
    result = run(env, *command, "--help")
    assert result.exit_code == 0 and "Usage: " in result.output
    assert len(result.output.splitlines()) > 4


def test_export_review_writes_the_file_and_says_what_it_contains(env, tmp_path):
    target = tmp_path / "out" / "review.md"
    result = run(env, "export", "review", *PERIOD, "--countries", "DE,AT", "-o", str(target))
    assert result.exit_code == 0, result.output
    statement = (
        "European equality law review — national developments, 1 July 2023 – 30 June 2024: "
        "2 countries, "
    )
    assert result.stdout.startswith(f"{target}: {statement}")
    text = target.read_text(encoding="utf-8")
    assert statement in text and "## Austria" in text and "## Slovakia" not in text


def test_export_review_to_standard_output(env):
    result = run(env, "export", "review", *PERIOD, "--format", "html", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stderr.startswith("-: European")


def test_review_entries_edit_entry_and_history(env, tmp_path):
    listing = run(env, "review-entries", *PERIOD, "--countries", "DE", "--format", "json")
    assert listing.exit_code == 0
    keys = [r["key"] for r in json.loads(listing.stdout)]
    assert KEY in keys
    edited = run(
        env, "edit-entry", KEY, "--field", "summary", "--text", "New text.", "--editor", "A. Editor"
    )
    assert edited.exit_code == 0 and "summary version 1 saved by A. Editor" in edited.stdout
    listing = run(env, "review-entries", *PERIOD, "--countries", "DE", "--format", "json")
    record = next(r for r in json.loads(listing.stdout) if r["key"] == KEY)
    assert record["summary"] == "New text." and record["edited"] == "summary"
    history = run(env, "edit-history", KEY, "--format", "json")
    (version,) = json.loads(history.stdout)
    assert version["editor"] == "A. Editor" and version["original"].startswith("The Independent")
    target = tmp_path / "review.md"
    run(env, "export", "review", *PERIOD, "--countries", "DE", "-o", str(target))
    assert "New text." in target.read_text(encoding="utf-8")
    run(env, "export", "review", *PERIOD, "--countries", "DE", "--no-editorial", "-o", str(target))
    assert "New text." not in target.read_text(encoding="utf-8")


def test_export_data_and_feed(env, tmp_path):
    result = run(
        env, "export", "data", "--country", "DE", "--format", "csv", "-o", str(tmp_path / "csv")
    )
    assert (
        result.exit_code == 0 and "lawgraph data export (CSV), Germany: 1 country" in result.stdout
    )
    assert (tmp_path / "csv" / "export.meta.json").exists()
    result = run(env, "export", "data", "--format", "nq", "-o", str(tmp_path / "all.nq"))
    assert result.exit_code == 0 and (tmp_path / "all.nq").read_text().startswith(
        "# lawgraph data export"
    )
    target = tmp_path / "de.atom"
    result = run(
        env,
        "export",
        "feed",
        "--country",
        "DE",
        "--base-url",
        "http://localhost:5000",
        "-o",
        str(target),
    )
    assert result.exit_code == 0
    assert ET.parse(target).getroot().tag == "{http://www.w3.org/2005/Atom}feed"


ERRORS = [
    pytest.param(["export", "review", "--from", "2023-13-01", "--to", "2024-06-30", "-o", "x.md"],
                 2, "'2023-13-01' is not a date: use YYYY-MM-DD", id="review-bad-date"),
    pytest.param(["export", "review", "--from", "2024-07-01", "--to", "2024-06-30", "-o", "x.md"],
                 2, "the period ends (2024-06-30) before it starts (2024-07-01)", id="review-end-before-start"),
    pytest.param(["export", "review", *PERIOD, "--countries", "DE,XX", "-o", "x.md"],
                 2, "unknown country 'XX'", id="review-unknown-country"),
    pytest.param(["export", "review", *PERIOD, "--format", "odt", "-o", "x.odt"],
                 2, "'odt' is not one of 'md', 'html', 'docx', 'pdf'", id="review-unknown-format"),
    pytest.param(["export", "review", *PERIOD, "-o", "x.xls"],
                 2, "cannot tell the format from 'x.xls'", id="review-unknown-suffix"),
    pytest.param(["export", "review", *PERIOD, "--format", "docx", "-o", "-"],
                 2, "docx cannot be written to standard output", id="review-binary-to-stdout"),
    pytest.param(["export", "review", "--to", "2024-06-30", "-o", "x.md"],
                 2, "Missing option '--from'", id="review-missing-from"),
    pytest.param(["export", "review", *PERIOD, "--editorial", "/nonexistent/e.sqlite", "-o", "x.md"],
                 2, "no editorial database at /nonexistent/e.sqlite", id="review-missing-editorial-db"),
    pytest.param(["export", "data", "--format", "xlsx", "-o", "x"],
                 2, "'xlsx' is not one of 'nq', 'ttl', 'jsonld', 'csv'", id="data-unknown-format"),
    pytest.param(["export", "data", "--country", "Atlantis", "--format", "nq", "-o", "x.nq"],
                 2, "unknown country 'Atlantis'", id="data-unknown-country"),
    pytest.param(["export", "feed", "-o", "x.atom"],
                 2, "give either --country or --provision", id="feed-no-subject"),
    pytest.param(["export", "feed", "--country", "DE", "--provision", "2000/78 Art 5", "-o", "x"],
                 2, "give either --country or --provision", id="feed-two-subjects"),
    pytest.param(["export", "feed", "--provision", "2000/78 Art 99", "-o", "x.atom"],
                 1, "unknown provision", id="feed-unknown-provision"),
    pytest.param(["export", "feed", "--country", "DE", "--base-url", "ftp://x", "-o", "x"],
                 2, "must be an http(s) URL", id="feed-bad-base-url"),
    pytest.param(["edit-entry", "DE/2099-01-01/policy/x", "--field", "summary", "--text", "t", "--editor", "e"],
                 1, "no entry has this key", id="edit-unknown-key"),
    pytest.param(["edit-entry", KEY, "--field", "date", "--text", "t", "--editor", "e"],
                 2, "'date' is not one of 'title', 'summary'", id="edit-unknown-field"),
    pytest.param(["edit-entry", KEY, "--field", "title", "--text", " ", "--editor", "e"],
                 1, "must not be empty", id="edit-empty-text"),
    pytest.param(["review-entries", "--from", "2024-01-01", "--to", "2023-01-01"],
                 2, "before it starts", id="entries-end-before-start"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "code", "message"), ERRORS)
def test_errors_are_one_clear_line(env, tmp_path, monkeypatch, args, code, message):
    monkeypatch.chdir(tmp_path)
    result = run(env, *args)
    assert result.exit_code == code, result.output
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.output


def test_data_to_the_wrong_kind_of_target(env, tmp_path):
    (tmp_path / "file.txt").write_text("x")
    result = run(env, "export", "data", "--format", "csv", "-o", str(tmp_path / "file.txt"))
    assert result.exit_code == 1 and "is a file" in result.stderr
    result = run(env, "export", "data", "--format", "nq", "-o", str(tmp_path))
    assert result.exit_code == 2 and "is a directory" in result.stderr
