"""Shared set-up of the export tests (imported by the other ``test_exports_*`` modules).

The fixture store is built with ``lawgraph.ingest`` from frozen copies of a few corpus files in
``tests/data/golden/review_in/`` (Austria and Germany 2023 and 2024, Slovakia 2024, and the CJEU
judgment Commune d'Ans, which concerns Belgium), so that golden files do not move when the
corpus grows. Paths are recorded relative to ``tests/data/golden``.

``LAWGRAPH_UPDATE_GOLDEN=1`` rewrites the golden files on purpose (then review the diff).
PDF tests need WeasyPrint's system libraries: :func:`ensure_pdf_support` installs them with
apt-get when running as root, and otherwise fails with the command to run. They are skipped
only when ``LAWGRAPH_SKIP_PDF=1`` says so, and the skip then shows in the test report.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest

import lawgraph
from lawgraph.exports import ExportError
from lawgraph.exports.provenance import ExportInfo
from lawgraph.store import GraphStore

GOLDEN = Path(__file__).parent / "data" / "golden"
FIXTURE_FILES = sorted((GOLDEN / "review_in").iterdir())
PERIOD = ("2023-07-01", "2024-06-30")
#: the generation time and version written into golden files
FIXED_INFO = ExportInfo(dt.datetime(2024, 9, 1, 12, 0, tzinfo=dt.UTC), "<version>")
UPDATE = os.environ.get("LAWGRAPH_UPDATE_GOLDEN") == "1"


def ingest_fixture(store: GraphStore, folder: Path | None = None) -> None:
    """Load reference data and ingest the fixture files (from ``folder`` if given, with the
    same relative paths ``review_in/...``)."""
    lawgraph.init(store)
    root = folder or GOLDEN
    with contextlib.chdir(root):
        summary = lawgraph.ingest(store, ["review_in"])
    assert summary.ok, summary.text()


@lru_cache(maxsize=1)
def fixture_store() -> GraphStore:
    """The shared, read-only-by-convention fixture store (built once per test session)."""
    store = lawgraph.open_store("memory:")
    ingest_fixture(store)
    return store


def fixture_dump() -> bytes:
    import io

    buffer = io.BytesIO()
    fixture_store().dump(buffer)
    return buffer.getvalue()


def disk_store(path: Path) -> Path:
    """A copy of the fixture store on disk (for the CLI), closed again."""
    store = lawgraph.open_store(path)
    store.restore(fixture_dump())
    store.close()
    return path


def copy_fixture(target: Path) -> Path:
    """The fixture files copied to ``target/review_in`` (for tests that change them)."""
    shutil.copytree(GOLDEN / "review_in", target / "review_in")
    return target


def check_golden(name: str, actual: str) -> None:
    """Compare with ``tests/data/golden/{name}``; rewrite it when LAWGRAPH_UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{path} did not exist and was written: review it and run again")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"{name} differs from the golden file; if the change is intended, "
        "regenerate with LAWGRAPH_UPDATE_GOLDEN=1 and review the diff"
    )


def ensure_pdf_support() -> None:
    """Make WeasyPrint usable or fail loudly (see the module docstring)."""
    from lawgraph.exports.pdf import APT_PACKAGES, load_weasyprint

    try:
        load_weasyprint()
        return
    except ExportError as exc:
        problem = str(exc)
    if os.environ.get("LAWGRAPH_SKIP_PDF") == "1":
        pytest.skip(f"PDF tests skipped because LAWGRAPH_SKIP_PDF=1: {problem}")
    if "system libraries" in problem and _can_apt():
        _apt_install(APT_PACKAGES)
        try:
            load_weasyprint()
            return
        except ExportError as exc:
            problem = str(exc)
    pytest.fail(
        f"PDF export cannot run here: {problem}. Install with: "
        f"apt-get install -y {' '.join(APT_PACKAGES)} (as root), or set LAWGRAPH_SKIP_PDF=1 "
        "to skip the PDF tests knowingly."
    )


def _can_apt() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get") is not None


def _apt_install(packages: tuple[str, ...]) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    command = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    if subprocess.run(command, env=env, check=False).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, check=False)
        subprocess.run(command, env=env, check=False)


# --- tests of the set-up itself -----------------------------------------------------------------
def test_fixture_files_are_frozen_copies_with_their_relative_paths():
    names = [p.name for p in FIXTURE_FILES]
    assert "de-2024.md" in names and "2023-11-28_C-148-22_commune-d-ans.md" in names
    sources = fixture_store().select(
        "SELECT ?s WHERE { GRAPH ?g { ?g <http://purl.org/dc/terms/source> ?s } "
        'FILTER (!STRSTARTS(STR(?g), "https://w3id.org/lawgraph/id/graph/reference/")) }'
    )
    assert {str(r["s"]) for r in sources} == {f"review_in/{n}" for n in names}


def test_pdf_support_helper_leaves_weasyprint_importable():
    ensure_pdf_support()
    from lawgraph.exports.pdf import load_weasyprint

    assert load_weasyprint().HTML
