"""The drafts database (``lawgraph.drafts``): versions are never overwritten, a save on an old
version is merged or kept aside, the workflow's states and steps."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from lawgraph.drafts import META, DraftStore, StateError, WorkflowError, merge3


def _section(prose: str = "Last year's text.", status: str = "partial") -> dict:
    return {
        "kind": "section",
        "heading": "5.3 Burden of proof",
        "level": 2,
        "prose": prose,
        "assessment": [{"provision": "2000/43 Art 8", "status": status, "reason": "r"}],
        "development": [],
        "equality-body": [],
        "removed": False,
    }


META_CONTENT = {
    "kind": "meta",
    "fields": {"country": "DE", "reporting_year": "2025", "expert": "Anna Berg"},
    "preamble": "",
}


@pytest.fixture
def drafts(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts.sqlite")


@pytest.fixture
def report(drafts: DraftStore):
    return drafts.start(
        "DE",
        2025,
        "anna",
        "country_reports/de-2024.md",
        [(META_CONTENT, META_CONTENT), (_section(), _section())],
    )


MERGES = [
    ({"a": 1, "b": 1}, {"a": 2, "b": 1}, {"a": 1, "b": 3}, {"a": 2, "b": 3}),
    ({"a": 1}, {"a": 2}, {"a": 2}, {"a": 2}),
    ({"a": 1}, {"a": 2}, {"a": 3}, None),
    (
        {"f": {"x": 1, "y": 1}},
        {"f": {"x": 2, "y": 1}},
        {"f": {"x": 1, "y": 2}},
        {"f": {"x": 2, "y": 2}},
    ),
    ({"f": {"x": 1}}, {"f": {"x": 2}}, {"f": {"x": 3}}, None),
    ({"rows": [1]}, {"rows": [1, 2]}, {"rows": [3]}, None),
    ({"a": 1}, {"a": 1, "b": 2}, {"a": 1}, {"a": 1, "b": 2}),
]


@pytest.mark.parametrize(("base", "head", "mine", "merged"), MERGES)
def test_merge3(base, head, mine, merged):
    assert merge3(base, head, mine) == merged


def test_a_new_draft_has_one_start_version_per_section(drafts, report):
    sections = drafts.sections(report)
    assert [s.id for s in sections] == [META, "s001"]
    assert [s.status for s in sections] == ["unchanged", "unchanged"]
    assert [v.kind for v in drafts.versions(report)] == ["start", "start"]
    with pytest.raises(StateError):
        drafts.start("DE", 2025, "bert", "x", [(META_CONTENT, None)])


#: (base: "head" or "start", content change, who saved between, status, section text after)
SAVES = [
    ("head", {"prose": "Mine."}, None, "saved", "Mine."),
    ("head", {}, None, "unchanged", "Last year's text."),
    ("start", {"prose": "Mine."}, {"prose": "Theirs."}, "conflict", "Theirs."),
    ("start", {"prose": "Theirs."}, {"prose": "Theirs."}, "unchanged", "Theirs."),
    (
        "start",
        {"assessment": [{"provision": "2000/43 Art 8", "status": "conform"}]},
        {"prose": "Theirs."},
        "merged",
        "Theirs.",
    ),
]


@pytest.mark.parametrize(
    ("base", "change", "between", "status", "after"),
    SAVES,
    ids=[s[3] + str(i) for i, s in enumerate(SAVES)],
)
def test_saves(drafts, report, base, change, between, status, after):
    start = drafts.section(report, "s001").head
    if between is not None:
        drafts.save(report, "s001", {**start.content, **between}, "bert", base=start.id)
    head = drafts.section(report, "s001").head
    mine = {**start.content, **change}
    result = drafts.save(report, "s001", mine, "anna", base=head.id if base == "head" else start.id)
    assert result.status == status
    state = drafts.section(report, "s001")
    assert state.head.content["prose"] == after
    if status == "conflict":
        assert not result.applied and state.pending == (result.version,)
        assert result.version.content == mine  # kept, not lost
    if status == "merged":
        assert state.head.content["assessment"][0]["status"] == "conform"


def test_versions_are_never_overwritten(drafts, report):
    base = drafts.section(report, "s001").head.id
    for number in range(5):
        result = drafts.save(report, "s001", _section(f"Edit {number}."), "anna", base=base)
        base = result.head.id
    texts = [v.content["prose"] for v in drafts.versions(report, "s001")]
    assert texts == [f"Edit {n}." for n in range(4, -1, -1)] + ["Last year's text."]


def test_a_base_from_another_section_is_refused(drafts, report):
    meta_version = drafts.section(report, META).head.id
    drafts.save(
        report, "s001", _section("Moved on."), "anna", base=drafts.section(report, "s001").head.id
    )
    with pytest.raises(WorkflowError):
        drafts.save(report, "s001", _section("x"), "anna", base=meta_version)


def test_two_saves_at_once_on_the_same_version_one_wins_one_is_kept(drafts, report):
    base = drafts.section(report, "s001").head.id
    results = []

    def save(text: str) -> None:
        results.append(
            DraftStore(drafts.path).save(report, "s001", _section(text), text, base=base)
        )

    threads = [threading.Thread(target=save, args=(name,)) for name in ("anna", "bert")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status for r in results) == ["conflict", "saved"]
    assert {v.content["prose"] for v in drafts.versions(report, "s001")} >= {"anna", "bert"}


#: (steps before, step, allowed)
STEPS = [
    ((), "submit", True),
    ((), "return", False),
    ((), "approve", False),
    (("submit",), "submit", False),
    (("submit",), "return", True),
    (("submit",), "approve", True),
    (("submit", "return"), "submit", True),
    (("submit", "return"), "approve", False),
    (("submit", "approve"), "return", False),
    (("submit", "approve"), "submit", False),
]


def _step(drafts: DraftStore, report, step: str):
    if step == "submit":
        return drafts.submit(report, "anna", drafts.snapshot(report))
    if step == "return":
        return drafts.return_(report, "rita", "Please revise.")
    return drafts.approve(report, "rita", drafts.snapshot(report), "# text\n")


@pytest.mark.parametrize(
    ("before", "step", "allowed"), STEPS, ids=["-".join((*s[0], s[1])) for s in STEPS]
)
def test_workflow_steps(drafts, report, before, step, allowed):
    for earlier in before:
        _step(drafts, report, earlier)
    if allowed:
        event = _step(drafts, report, step)
        assert (
            event.kind == {"submit": "submitted", "return": "returned", "approve": "approved"}[step]
        )
    else:
        with pytest.raises(StateError):
            _step(drafts, report, step)


def test_edits_after_submission_are_kept_aside(drafts, report):
    drafts.submit(report, "anna", drafts.snapshot(report))
    head = drafts.section(report, "s001").head
    result = drafts.save(report, "s001", _section("Too late."), "anna", base=head.id)
    assert result.status == "late" and drafts.section(report, "s001").head == head
    assert drafts.version(report, result.version.id).content["prose"] == "Too late."


def test_comments_go_back_with_the_return(drafts, report):
    drafts.submit(report, "anna", drafts.snapshot(report))
    drafts.comment(report, "s001", "rita", "Cite the ruling.")
    event = drafts.return_(report, "rita", "Revise 5.3.")
    later = drafts.comment(report, None, "rita", "A later thought.")
    comments = drafts.comments(report)
    assert [c.event for c in comments] == [event.id, None]
    assert later.section is None
    with pytest.raises(WorkflowError):
        drafts.comment(report, "nope", "rita", "x")


def test_the_approved_text_is_the_next_years_starting_point(drafts, report):
    drafts.submit(report, "anna", drafts.snapshot(report))
    drafts.approve(report, "rita", drafts.snapshot(report), "---\ncountry: DE\n---\n# Approved\n")
    assert drafts.latest_approved("DE", 2026) == (2025, "---\ncountry: DE\n---\n# Approved\n")
    assert drafts.latest_approved("DE", 2025) is None
    assert drafts.latest_approved("IT", 2026) is None


def test_sections_can_be_added_and_reordered(drafts, report):
    new = drafts.add_section(report, META, _section("Before."), "anna")
    assert [s.id for s in drafts.sections(report)] == [META, new, "s001"]
    drafts.set_order(report, ["s001", new])
    assert [s.id for s in drafts.sections(report)] == [META, "s001", new]
    assert drafts.section(report, new).status == "new"
