"""Pending markers (lawgraph/ingest.py): a source graph is written together with a marker that
its assessments are still to be recomputed; the marker goes once the after-ingest hooks have
run, and the next ingest runs them for any marker an interrupted run left. On both back-ends.

(The same with real processes killed and the real gap engine: tests/test_faults.py.)
"""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest

import lawgraph
from lawgraph.errors import StoreUnavailableError
from lawgraph.ingest import PENDING, drop_pending, pending_assessments, resume_pending
from lawgraph.ops import health
from lawgraph.vocab import LGD

ingest_module = importlib.import_module("lawgraph.ingest")
REPORT = Path(__file__).resolve().parents[1] / "country_reports" / "de-2024.md"
DE_2024 = LGD["graph/report/DE/2024"]


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs."""


@pytest.fixture
def report(tmp_path: Path) -> Path:
    return Path(shutil.copy(REPORT, tmp_path / "de-2024.md"))


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch):
    """Replace the after-ingest hooks (the gap engine) with ones the test chooses."""

    def use(*chosen):
        monkeypatch.setattr(ingest_module, "_AFTER_INGEST", list(chosen))

    return use


def recorder():
    calls: list[list[tuple[str, str | None]]] = []

    def hook(store, outcomes):
        calls.append(sorted((str(o.graph), o.kind) for o in outcomes))

    hook.calls = calls
    return hook


def _fail(error: BaseException):
    def hook(store, outcomes):
        raise error

    return hook


@pytest.mark.parametrize(
    "error",
    [Killed(), StoreUnavailableError("the SPARQL server does not answer")],
    ids=["killed", "server-gone"],
)
def test_an_interrupted_assessment_is_resumed_by_the_next_ingest(store, report, hooks, error):
    hooks(_fail(error))
    with pytest.raises(type(error)):
        lawgraph.ingest(store, [report])
    (pending,) = pending_assessments(store)
    assert (pending.graph, pending.kind) == (DE_2024, "country-report")
    assert pending.marker.startswith(PENDING) and pending.marker in store.graph_names()
    assert DE_2024 in store.graph_names()

    after = recorder()
    hooks(after)
    summary = lawgraph.ingest(store, [report])  # the file is unchanged: skipped
    assert [o.status for o in summary.outcomes] == ["unchanged"]
    assert after.calls == [[(str(DE_2024), "country-report")]]
    assert summary.resumed == [DE_2024]
    assert "had left pending" in summary.text()
    assert pending_assessments(store) == []
    assert pending.marker not in store.graph_names()


def test_a_completed_ingest_leaves_no_marker(store, report, hooks):
    after = recorder()
    hooks(after)
    summary = lawgraph.ingest(store, [report])
    assert [o.status for o in summary.outcomes] == ["added"]
    assert after.calls == [[(str(DE_2024), "country-report")]]
    assert summary.resumed == [] and pending_assessments(store) == []
    assert [g for g in store.graph_names() if g.startswith(PENDING)] == []


def test_the_marker_is_written_in_the_same_update_as_the_source(
    store, report, hooks, monkeypatch: pytest.MonkeyPatch
):
    """Atomic together: no moment where the source is new and its marker missing."""
    calls = []
    original = store.replace_graphs

    def spy(graphs, *args, **kwargs):
        calls.append((sorted(graphs), args, kwargs))
        return original(graphs, *args, **kwargs)

    monkeypatch.setattr(store, "replace_graphs", spy)
    hooks(_fail(Killed()))
    with pytest.raises(Killed):
        lawgraph.ingest(store, [report])
    ((graphs, args, kwargs),) = calls
    (marker,) = [g for g in graphs if g != DE_2024]
    assert DE_2024 in graphs and marker.startswith(PENDING)
    assert kwargs.get("together", True) and not args


def test_a_dry_run_neither_marks_nor_resumes(store, report, hooks):
    hooks(_fail(Killed()))
    with pytest.raises(Killed):
        lawgraph.ingest(store, [report])
    after = recorder()
    hooks(after)
    summary = lawgraph.ingest(store, [report], dry_run=True)
    assert [o.status for o in summary.outcomes] == ["checked"]
    assert after.calls == [] and len(pending_assessments(store)) == 1


def test_resume_and_drop(store, report, hooks):
    hooks(_fail(Killed()))
    with pytest.raises(Killed):
        lawgraph.ingest(store, [report])
    with pytest.raises(Killed):
        lawgraph.ingest(store, [report], force=True)  # a second marker for the same source
    assert len(pending_assessments(store)) == 2
    after = recorder()
    hooks(after)
    assert resume_pending(store) == [DE_2024]
    assert after.calls == [[(str(DE_2024), "country-report")]]  # once, not once per marker
    assert pending_assessments(store) == [] and resume_pending(store) == []
    drop_pending(store, [])  # nothing to drop: no request


def test_health_lists_pending_assessments(store, report, hooks):
    hooks(_fail(Killed()))
    with pytest.raises(Killed):
        lawgraph.ingest(store, [report])
    report_ = health(store)
    assert report_["assessments_pending"] == [str(DE_2024)]
    assert report_["graphs"]["pending"] == 1
    assert any("assessments pending for 1 sources" in w for w in report_["warnings"])
    hooks()
    lawgraph.ingest(store, [report])
    again = health(store)
    assert again["assessments_pending"] == [] and again["graphs"]["pending"] == 0
    assert not any("pending" in w for w in again["warnings"])
