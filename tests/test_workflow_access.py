"""Who may do what in the report workflow, CSRF, and two people editing the same section."""

from __future__ import annotations

import pytest
import test_workflow_support as support
from test_workflow_support import Person, section_id

from lawgraph.accounts import AccountStore

accounts_db = support.accounts_db
store_template = support.store_template
workflow_app = support.workflow_app

ACCOMMODATION = "2.6 Reasonable accommodation"


@pytest.fixture
def draft(workflow_app):
    """Anna's draft of Germany's 2025 report: (app, overview)."""
    return workflow_app, Person(workflow_app, "anna").start("DE", 2025)


# --- permissions -------------------------------------------------------------------------
#: (who, method, path, expected status): path may hold {sid}, the burden-of-proof section
ACCESS = [
    ("ilse", "GET", "/workflow/DE/2025", 403),
    ("ilse", "GET", "/workflow/DE/2025/section/{sid}", 403),
    ("ilse", "GET", "/workflow/DE/2025/report.md", 403),
    ("ilse", "GET", "/workflow/DE/2025/review", 403),
    ("ilse", "POST", "/workflow/DE/2025/section/{sid}", 403),
    ("ilse", "POST", "/workflow/DE/start", 403),
    ("ilse", "POST", "/workflow/DE/2025/upload", 403),
    ("ilse", "POST", "/workflow/DE/2025/submit", 403),
    ("olga", "GET", "/workflow/", 403),
    ("olga", "GET", "/workflow/DE/2025", 403),
    ("rita", "POST", "/workflow/DE/2025/section/{sid}", 403),
    ("rita", "POST", "/workflow/DE/2025/submit", 403),
    ("anna", "POST", "/workflow/DE/2025/approve", 403),
    ("anna", "POST", "/workflow/DE/2025/return", 403),
    ("anna", "POST", "/workflow/DE/2025/comments", 403),
    (None, "GET", "/workflow/DE/2025", 302),
    (None, "POST", "/workflow/DE/2025/section/{sid}", 401),
    (None, "GET", "/workflow/lookup?kind=provision&q=Art+8+RED", 401),
    ("rita", "GET", "/workflow/DE/2025", 200),
    ("rita", "GET", "/workflow/DE/2025/review", 200),
    ("bert", "GET", "/workflow/DE/2025/section/{sid}", 200),
    ("ilse", "GET", "/workflow/IT/2025", 404),
]


@pytest.mark.parametrize(
    ("who", "method", "path", "status"), ACCESS, ids=[f"{a[0]}-{a[1]}-{a[2]}" for a in ACCESS]
)
def test_who_may_do_what(draft, who, method, path, status):
    app, overview = draft
    person = Person(app, who)
    url = path.format(sid=section_id(overview, "5.3 Burden of proof"))
    if method == "GET":  # the look-up is asked for by scripts, as JSON
        answer = person.get(url, headers={"Accept": "application/json"} if "lookup" in url else {})
    else:
        answer = person.post(
            url,
            {
                "base": "1",
                "year": "2025",
                "note": "x",
                "text": "x",
                "prose": "Written by someone else.",
            },
        )
    assert answer.status_code == status, answer.get_data(as_text=True)[:300]
    if status == 403:
        assert Person(app, "anna").section("DE", 2025, "meta")["status"] == "unchanged"


def test_an_expert_sees_only_their_own_countrys_drafts(draft):
    app, _ = draft
    ilse = Person(app, "ilse")
    listed = ilse.json("/workflow/")
    assert listed["reports"] == [] and listed["start"]["country"] == "IT"
    assert [r["country"] for r in Person(app, "rita").json("/workflow/")["reports"]] == ["DE"]


def test_a_reviewer_cannot_approve_a_report_they_wrote(draft):
    """Vera wrote and submitted the report as an expert, then became a reviewer."""
    app, overview = draft
    vera = Person(app, "vera")
    vera.save("DE", 2025, section_id(overview, ACCOMMODATION), {"prose": "Vera's text."})
    assert vera.post("/workflow/DE/2025/submit").status_code == 303
    AccountStore(app.config["LAWGRAPH"].accounts).set_role("vera", "reviewer")
    reviewer_vera = Person(app, "vera")
    answer = reviewer_vera.post("/workflow/DE/2025/approve")
    assert answer.status_code == 403
    assert "another reviewer" in answer.get_data(as_text=True).lower()
    review = reviewer_vera.json("/workflow/DE/2025/review")
    assert not review["may_review"] and "wrote part" in review["why_not"]
    assert reviewer_vera.post("/workflow/DE/2025/return", {"note": "x"}).status_code == 403
    assert Person(app, "rita").post("/workflow/DE/2025/approve").status_code == 303


# --- CSRF ----------------------------------------------------------------------------------
@pytest.mark.parametrize("token", [None, "forged-token"], ids=["missing", "forged"])
def test_a_form_without_the_sessions_csrf_token_is_refused(draft, token):
    app, overview = draft
    anna = Person(app, "anna")
    sid = section_id(overview, ACCOMMODATION)
    shown = anna.section("DE", 2025, sid)
    form = {**support.form_of(shown), "prose": "Forged."}
    if token is not None:
        form["csrf_token"] = token
    answer = anna.client.post(f"/workflow/DE/2025/section/{sid}", data=form)
    assert answer.status_code == 400
    assert "CSRF" in answer.get_data(as_text=True)
    assert anna.section("DE", 2025, sid)["base"] == shown["base"]
    header = anna.client.post(
        f"/workflow/DE/2025/section/{sid}",
        data=form,
        headers={"X-CSRF-Token": anna.token, "Accept": "application/json"},
    )
    assert header.status_code == (400 if token else 200)


# --- two people, one section ---------------------------------------------------------------
def test_the_second_save_on_an_old_version_is_a_conflict_and_both_texts_survive(draft):
    app, overview = draft
    anna, bert = Person(app, "anna"), Person(app, "bert")
    sid = section_id(overview, ACCOMMODATION)
    seen_by_anna, seen_by_bert = anna.section("DE", 2025, sid), bert.section("DE", 2025, sid)
    assert (
        anna.save("DE", 2025, sid, {"prose": "Anna's text."}, based_on=seen_by_anna).status_code
        == 303
    )
    answer = bert.save("DE", 2025, sid, {"prose": "Bert's text."}, based_on=seen_by_bert)
    assert answer.status_code == 409
    page = answer.get_data(as_text=True)
    assert "Anna&#39;s text." in page.split('class="wf-text wf-theirs"')[1].split("</pre>")[0]
    assert "Bert&#39;s text." in page.split('class="wf-text wf-mine"')[1].split("</pre>")[0]
    assert anna.section("DE", 2025, sid)["content"]["prose"] == "Anna's text."
    versions = anna.json(f"/workflow/DE/2025/section/{sid}/versions")["versions"]
    kept = [v for v in versions if not v["accepted"]]
    assert [v["author"] for v in kept] == ["bert"] and kept[0]["kind"] == "conflict"
    assert (
        anna.json(f"/workflow/DE/2025/section/{sid}/versions?show={kept[0]['id']}")["shown"][
            "text"
        ].count("Bert's text.")
        == 1
    )
    # Bert decides: his text, saved on Anna's version, becomes the section's text
    resolved = bert.post(
        f"/workflow/DE/2025/section/{sid}/versions/{kept[0]['id']}/restore",
        {"base": str(anna.section("DE", 2025, sid)["base"])},
    )
    assert resolved.status_code == 303
    assert anna.section("DE", 2025, sid)["content"]["prose"] == "Bert's text."


def test_a_conflicting_autosave_answers_409_with_both_texts(draft):
    app, overview = draft
    anna, bert = Person(app, "anna"), Person(app, "bert")
    sid = section_id(overview, ACCOMMODATION)
    seen = bert.section("DE", 2025, sid)
    anna.save("DE", 2025, sid, {"prose": "Anna was first."})
    answer = bert.save(
        "DE",
        2025,
        sid,
        {"prose": "Bert autosaved.", "autosave": "1"},
        based_on=seen,
        headers={"Accept": "application/json"},
    )
    assert answer.status_code == 409
    body = answer.get_json()
    assert body["status"] == "conflict" and "Anna was first." in body["theirs"]
    assert "Bert autosaved." in body["mine"] and body["version"] != body["head"]


def test_edits_of_different_parts_of_a_section_are_merged(draft):
    app, overview = draft
    anna, bert = Person(app, "anna"), Person(app, "bert")
    sid = section_id(overview, ACCOMMODATION)
    seen = bert.section("DE", 2025, sid)
    anna.save("DE", 2025, sid, {"prose": "Anna rewrote the text."})
    answer = bert.save("DE", 2025, sid, {"assessment-0-status": "not transposed"}, based_on=seen)
    assert answer.status_code == 303 and "merged=1" in answer.headers["Location"]
    content = anna.section("DE", 2025, sid)["content"]
    assert content["prose"] == "Anna rewrote the text."
    assert content["assessment"][0]["status"] == "not transposed"
