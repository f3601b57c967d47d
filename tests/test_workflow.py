"""The report workflow through the web app: start from last year's report, edit and save
(every version kept), see a validation problem next to its field and fix it, submit, return
with comments, approve (the report and its PROV-O record enter the store, the dashboard and
the API show it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import test_workflow_support as support
from rdflib import URIRef
from test_workflow_support import Person, section_id

from lawgraph.drafts import DraftStore
from lawgraph.store import EmbeddedStore
from lawgraph.vocab import sparql_prefixes

accounts_db = support.accounts_db
store_template = support.store_template
workflow_app = support.workflow_app

LGD = "https://w3id.org/lawgraph/id/"
CORPUS = Path(__file__).resolve().parents[1] / "country_reports"
ACCOMMODATION = "2.6 Reasonable accommodation"
DEVELOPMENTS = "11.2 Case law"


@pytest.fixture
def anna(workflow_app):
    return Person(workflow_app, "anna")


@pytest.fixture
def rita(workflow_app):
    return Person(workflow_app, "rita")


@pytest.fixture
def started(anna):
    return anna.start("DE", 2025)


def _read_store(app) -> EmbeddedStore:
    return EmbeddedStore(Path(app.config["LAWGRAPH"].store), read_only=True)


# --- starting ----------------------------------------------------------------------------
def test_start_from_last_years_report_marks_every_section_unchanged(anna, started):
    assert started["report"]["state"] == "draft"
    assert started["report"]["origin"] == "country_reports/de-2024.md"
    assert [s["status"] for s in started["sections"]][0] == "prefilled"  # the report details
    assert {s["status"] for s in started["sections"][1:]} == {"unchanged"}
    assert started["errors"] == 0
    headings = [
        line
        for line in (CORPUS / "de-2024.md").read_text("utf-8").splitlines()
        if line.startswith("#")
    ]
    assert len(started["sections"]) == len(headings) + 1  # and the report details
    meta = anna.section("DE", 2025, "meta")["content"]["fields"]
    assert meta["reporting_year"] == "2025" and meta["country"] == "DE"
    assert meta["period"] == "2024-01-01 to 2024-12-31"
    assert meta["expert"] == "Anna Berg"


def test_the_assembled_report_is_last_years_text(anna, started):
    text = anna.get("/workflow/DE/2025/report.md").get_data(as_text=True)
    assert "reporting_year: 2025" in text
    old = (CORPUS / "de-2024.md").read_text("utf-8")
    assert [line for line in text.splitlines() if line.startswith("#")] == [
        line for line in old.splitlines() if line.startswith("#")
    ]


def test_starting_twice_opens_the_same_draft(anna, started):
    again = anna.start("DE", 2025)
    assert again["report"]["created_at"] == started["report"]["created_at"]


# --- editing and versions ----------------------------------------------------------------
EDITS = [
    pytest.param(
        {"prose": "The duty of reasonable accommodation was extended in 2024."},
        lambda c: c["prose"].startswith("The duty"),
        id="prose",
    ),
    pytest.param(
        {"assessment-0-status": "not transposed"},
        lambda c: c["assessment"][0]["status"] == "not transposed",
        id="row-status",
    ),
    pytest.param(
        {"assessment-1-provision": "2000/78 Art 2(2)(b)", "assessment-1-status": "conform"},
        lambda c: len(c["assessment"]) == 2,
        id="row-added",
    ),
    pytest.param({"assessment-0-remove": "1"}, lambda c: c["assessment"] == [], id="row-removed"),
    pytest.param(
        {"heading": "2.6 Reasonable accommodation"},
        lambda c: c["heading"] == "2.6 Reasonable accommodation",
        id="heading",
    ),
]


@pytest.mark.parametrize(("changes", "check"), EDITS)
def test_edit_and_save_keeps_every_version(anna, started, changes, check):
    sid = section_id(started, ACCOMMODATION)
    before = anna.section("DE", 2025, sid)
    answer = anna.save("DE", 2025, sid, changes)
    assert answer.status_code == 303
    after = anna.section("DE", 2025, sid)
    assert check(after["content"]) and after["status"] == "edited"
    assert after["base"] > before["base"]
    second = anna.save("DE", 2025, sid, {"prose": "Second edit."})
    assert second.status_code == 303
    versions = anna.json(f"/workflow/DE/2025/section/{sid}/versions")["versions"]
    assert [v["kind"] for v in versions] == ["save", "save", "start"]
    shown = anna.json(f"/workflow/DE/2025/section/{sid}/versions?show={before['base']}")["shown"]
    assert "reasonable accommodation" in shown["text"]  # last year's text is still there


def test_saving_the_same_text_stores_no_new_version(anna, started):
    sid = section_id(started, ACCOMMODATION)
    answer = anna.save("DE", 2025, sid, headers={"Accept": "application/json"})
    assert answer.get_json()["status"] == "unchanged"
    assert anna.section("DE", 2025, sid)["status"] == "unchanged"


def test_autosave_answers_json_with_the_new_version(anna, started):
    sid = section_id(started, ACCOMMODATION)
    shown = anna.section("DE", 2025, sid)
    answer = anna.save(
        "DE",
        2025,
        sid,
        {"prose": "Autosaved.", "autosave": "1"},
        based_on=shown,
        headers={"Accept": "application/json", "X-CSRF-Token": anna.token},
    )
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["status"] == "saved" and body["head"] > shown["base"] and body["saved_at"]
    versions = anna.json(f"/workflow/DE/2025/section/{sid}/versions")["versions"]
    assert versions[0]["kind"] == "autosave"


def test_a_section_can_be_added_and_removed_without_losing_it(anna, started):
    sid = section_id(started, ACCOMMODATION)
    answer = anna.post(f"/workflow/DE/2025/section/{sid}/add", {"heading": "2.6.1 Sheltered work"})
    new = answer.headers["Location"].rsplit("/", 1)[1]
    overview = anna.json("/workflow/DE/2025")
    ids = [s["id"] for s in overview["sections"]]
    assert ids[ids.index(sid) + 1] == new
    assert anna.section("DE", 2025, new)["status"] == "new"
    anna.save("DE", 2025, sid, {"action": "remove"})
    assert anna.section("DE", 2025, sid)["status"] == "removed"
    assert "Reasonable accommodation duties" not in anna.get(
        "/workflow/DE/2025/report.md"
    ).get_data(as_text=True)
    anna.save("DE", 2025, sid, {"action": "restore"})
    assert anna.section("DE", 2025, sid)["status"] == "unchanged"


# --- validation next to the field --------------------------------------------------------
PROBLEMS = [
    pytest.param(
        ACCOMMODATION,
        {"assessment-0-status": "partly-ish"},
        "assessment-0-status",
        "unknown status",
        {"assessment-0-status": "partial"},
        id="unknown-status",
    ),
    pytest.param(
        ACCOMMODATION,
        {"assessment-0-provision": "2000/78 Art 99"},
        "assessment-0-provision",
        "does not exist",
        {"assessment-0-provision": "2000/78 Art 5"},
        id="unknown-provision",
    ),
    pytest.param(
        ACCOMMODATION,
        {"assessment-0-reason": ""},
        "assessment-0-reason",
        "needs a reason",
        {"assessment-0-reason": "Only severe disability is covered."},
        id="missing-reason",
    ),
    pytest.param(
        DEVELOPMENTS,
        {"development-0-date": "2099-01-01"},
        "development-0-date",
        "in the future",
        {"development-0-date": "2024-03-01"},
        id="future-date",
    ),
    pytest.param(
        DEVELOPMENTS,
        {"development-0-type": "gossip"},
        "development-0-type",
        "unknown development type",
        {"development-0-type": "case-law"},
        id="development-type",
    ),
    pytest.param(
        "Report details",
        {"meta-period": "some time last year"},
        "meta-period",
        "period",
        {"meta-period": "2024-01-01 to 2024-12-31"},
        id="metadata-period",
    ),
    pytest.param(
        "Report details",
        {"meta-template": "1999"},
        "meta-template",
        "unknown template",
        {"meta-template": "2015"},
        id="metadata-template",
    ),
    pytest.param(
        ACCOMMODATION,
        {"heading": ""},
        "heading",
        "needs a heading",
        {"heading": "2.6 Reasonable accommodation duties"},
        id="empty-heading",
    ),
]


@pytest.mark.parametrize(("title", "wrong", "anchor", "message", "right"), PROBLEMS)
def test_a_problem_is_shown_next_to_its_field_until_fixed(
    anna, started, title, wrong, anchor, message, right
):
    sid = section_id(started, title)
    assert anna.save("DE", 2025, sid, wrong).status_code == 303
    page = anna.get(f"/workflow/DE/2025/section/{sid}").get_data(as_text=True)
    problem = re.search(
        rf'<p class="wf-problem wf-error" id="{anchor}-problem1">(.*?)</p>', page, re.DOTALL
    )
    assert problem and message in problem.group(1), page[:200]
    field = re.search(rf'<(?:input|select|textarea) id="{anchor}"[^>]*>', page)
    assert field and 'aria-invalid="true"' in field.group(0)
    assert re.search(rf'aria-describedby="(?:[^"]* )?{anchor}-problem1[ "]', field.group(0))
    assert anna.json("/workflow/DE/2025")["errors"] >= 1
    assert anna.save("DE", 2025, sid, right).status_code == 303
    fixed = anna.section("DE", 2025, sid)
    assert [p for p in fixed["problem_list"] if p["severity"] == "error"] == []
    assert anna.json("/workflow/DE/2025")["errors"] == 0


def test_a_shacl_problem_is_mapped_back_to_the_field(anna, started):
    sid = section_id(started, DEVELOPMENTS)
    anna.save("DE", 2025, sid, {"development-0-ecli": "ECLI:XX:not-one"})
    check = anna.json("/workflow/DE/2025/check")
    found = [p for p in check["problems"] if p["anchor"] == "development-0-ecli"]
    assert found and "ECLI" in found[0]["message"] and found[0]["section"] == sid
    page = anna.get("/workflow/DE/2025/check").get_data(as_text=True)
    assert f"/workflow/DE/2025/section/{sid}#development-0-ecli" in page


# --- submitting, returning, approving ---------------------------------------------------
def _submit_edited(anna: Person, started: dict) -> str:
    sid = section_id(started, ACCOMMODATION)
    anna.save(
        "DE",
        2025,
        sid,
        {
            "assessment-0-status": "not transposed",
            "assessment-0-reason": "No general duty in the AGG.",
        },
    )
    answer = anna.post("/workflow/DE/2025/submit")
    assert answer.status_code == 303, answer.get_data(as_text=True)[-2000:]
    return sid


def test_a_report_with_problems_is_not_submitted(anna, started):
    sid = section_id(started, ACCOMMODATION)
    anna.save("DE", 2025, sid, {"assessment-0-status": "partly-ish"})
    answer = anna.post("/workflow/DE/2025/submit")
    assert answer.status_code == 422
    assert "unknown status" in answer.get_data(as_text=True)
    assert anna.json("/workflow/DE/2025")["report"]["state"] == "draft"


def test_a_submitted_report_cannot_be_edited_but_nothing_typed_is_lost(anna, started):
    sid = _submit_edited(anna, started)
    assert anna.json("/workflow/DE/2025")["report"]["state"] == "submitted"
    shown = anna.section("DE", 2025, sid)
    answer = anna.save("DE", 2025, sid, {"prose": "Typed after submitting."}, based_on=shown)
    assert answer.status_code == 409
    assert "Typed after submitting." in answer.get_data(as_text=True)
    versions = anna.json(f"/workflow/DE/2025/section/{sid}/versions")["versions"]
    assert versions[0]["kind"] == "late" and not versions[0]["accepted"]


def test_return_with_comments_and_the_expert_sees_them(workflow_app, anna, rita, started):
    sid = _submit_edited(anna, started)
    comment = rita.post(
        "/workflow/DE/2025/comments",
        {"section": sid, "text": "Cite the Federal Labour Court ruling."},
    )
    assert comment.status_code == 303
    returned = rita.post("/workflow/DE/2025/return", {"note": "Please add the 2024 case law."})
    assert returned.status_code == 303
    overview = anna.json("/workflow/DE/2025")
    assert overview["report"]["state"] == "returned"
    texts = {c["text"] for c in overview["comments"] if c["returned"]}
    assert texts == {"Cite the Federal Labour Court ruling.", "Please add the 2024 case law."}
    for page in ("/workflow/DE/2025", f"/workflow/DE/2025/section/{sid}"):
        assert "Cite the Federal Labour Court ruling." in anna.get(page).get_data(as_text=True)
    # the expert edits again and resubmits; the reviewer sees what changed since
    anna.save("DE", 2025, sid, {"prose": "BAG, 2 AZR 746/14, is the leading ruling."})
    assert anna.post("/workflow/DE/2025/submit").status_code == 303
    review = rita.json("/workflow/DE/2025/review")
    section = next(s for s in review["sections"] if s["id"] == sid)
    assert review["has_previous"]
    assert any(
        line["kind"] == "add" and "2 AZR 746/14" in line["text"]
        for line in section["since_previous"]
    )
    assert any(
        line["kind"] == "del" and "status: partial" in line["text"] for line in section["last_year"]
    )


def test_returning_needs_a_reason(anna, rita, started):
    _submit_edited(anna, started)
    assert rita.post("/workflow/DE/2025/return", {"note": ""}).status_code == 400
    assert anna.json("/workflow/DE/2025")["report"]["state"] == "submitted"


def test_approval_puts_the_report_and_its_provenance_in_the_store(
    workflow_app, anna, rita, started
):
    _submit_edited(anna, started)
    answer = rita.post("/workflow/DE/2025/approve")
    assert answer.status_code == 303, answer.get_data(as_text=True)[-2000:]
    assert anna.json("/workflow/DE/2025")["report"]["state"] == "approved"
    approved = Path(workflow_app.config["LAWGRAPH"].approved) / "de-2025.md"
    assert approved.read_text("utf-8") == anna.get("/workflow/DE/2025/report.md").get_data(
        as_text=True
    )

    store = _read_store(workflow_app)
    try:
        graphs = set(store.graph_names())
        assert URIRef(f"{LGD}graph/report/DE/2025") in graphs
        assert URIRef(f"{LGD}graph/workflow/DE/2025") in graphs
        rows = store.select(
            sparql_prefixes()
            + f"""
SELECT ?expert ?name ?reviewer ?start ?end ?revision WHERE {{ GRAPH <{LGD}graph/workflow/DE/2025> {{
  <{LGD}report/DE/2025> prov:wasAttributedTo ?expert ; prov:wasGeneratedBy ?activity .
  ?expert a lg:Expert ; foaf:name ?name .
  ?activity a prov:Activity ; prov:wasAssociatedWith ?expert , ?reviewer ; lg:enteredBy ?expert ;
      lg:approvedBy ?reviewer ; prov:startedAtTime ?start ; prov:endedAtTime ?end ;
      prov:used ?revision .
  ?reviewer a lg:Reviewer ; foaf:name "Rita Reviewer" .
  ?revision a prov:Entity ; lg:sha256 ?sha }} }}"""
        )
        assert len(rows) == 1
        assert str(rows[0]["name"]) == "Anna Berg" and str(rows[0]["start"]) <= str(rows[0]["end"])
    finally:
        store.close()

    # the dashboard and the API show the new report at once
    years = [y["year"] for y in rita.json("/api/v1/countries/DE")["years"]]
    assert 2025 in years
    assessed = rita.json("/api/v1/assessments?country=DE&year=2025&directive=2000/78")[
        "assessments"
    ]
    art5 = [a for a in assessed if a["provision"].endswith("32000L0078/art_5")]
    assert art5 and art5[0]["status"] == "not-transposed"
    matrix = rita.json("/?year=2025")
    assert [row["code"] for row in matrix["rows"]] == ["DE"]


def test_approval_that_ingest_rejects_changes_nothing(workflow_app, anna, rita, started):
    """A text that slipped past the checks (written straight into the drafts database here)
    is refused by ingest: the approval fails with ingest's message and nothing changes."""
    drafts = DraftStore(workflow_app.config["LAWGRAPH"].drafts)
    report = drafts.report("DE", 2025)
    sid = section_id(started, ACCOMMODATION)
    state = drafts.section(report, sid)
    broken = {
        **state.head.content,
        "assessment": [{"provision": "2000/78 Art 99", "status": "partial", "reason": "x"}],
    }
    drafts.save(report, sid, broken, "anna", base=state.head.id)
    drafts.submit(report, "anna", drafts.snapshot(report))
    answer = rita.post("/workflow/DE/2025/approve")
    assert answer.status_code == 422
    assert "ingest rejected it" in answer.get_data(as_text=True)
    assert drafts.report("DE", 2025).state == "submitted"
    assert not (Path(workflow_app.config["LAWGRAPH"].approved) / "de-2025.md").exists()
    store = _read_store(workflow_app)
    try:
        assert URIRef(f"{LGD}graph/report/DE/2025") not in set(store.graph_names())
    finally:
        store.close()


def test_approval_while_another_process_writes_the_store_changes_nothing(
    workflow_app, anna, rita, started
):
    _submit_edited(anna, started)
    writer = EmbeddedStore(Path(workflow_app.config["LAWGRAPH"].store))  # holds the write lock
    try:
        answer = rita.post("/workflow/DE/2025/approve")
    finally:
        writer.close()
    assert answer.status_code == 422
    assert "not approved" in answer.get_data(as_text=True)
    assert anna.json("/workflow/DE/2025")["report"]["state"] == "submitted"
    assert rita.post("/workflow/DE/2025/approve").status_code == 303  # and again, now it can


def test_the_review_page_escapes_report_text(anna, rita, started):
    sid = section_id(started, ACCOMMODATION)
    anna.save(
        "DE", 2025, sid, {"prose": "<script>alert('x')</script> <img src=x onerror=alert(1)>"}
    )
    for person, path in (
        (anna, f"/workflow/DE/2025/section/{sid}"),
        (rita, "/workflow/DE/2025/review"),
    ):
        page = person.get(path).get_data(as_text=True)
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert" in page
    text = anna.get("/workflow/DE/2025/report.md")
    assert text.mimetype == "text/plain" and text.headers["X-Content-Type-Options"] == "nosniff"


# --- pages are accessible ------------------------------------------------------------------
def test_workflow_pages_are_accessible(anna, rita, started):
    from test_webapp_a11y import _Page

    sid = section_id(started, ACCOMMODATION)
    anna.save("DE", 2025, sid, {"assessment-0-status": "partly-ish"})
    pages = [
        (anna, "/workflow/"),
        (anna, "/workflow/DE/2025"),
        (anna, f"/workflow/DE/2025/section/{sid}"),
        (anna, "/workflow/DE/2025/section/meta"),
        (anna, f"/workflow/DE/2025/section/{sid}/versions"),
        (anna, "/workflow/DE/2025/upload"),
        (anna, "/workflow/DE/2025/check"),
        (rita, "/workflow/"),
        (rita, "/workflow/DE/2025/review"),
    ]
    for person, url in pages:
        answer = person.get(url, headers={"Accept": "text/html"})
        assert answer.status_code == 200, url
        html = answer.get_data(as_text=True)
        page = _Page()
        page.feed(html)
        assert page.h1 == 1 and not page.th_without_scope, url
        for control in page.controls:
            labelled = control.get("id") in page.labels_for or control["_wrapped"]
            assert labelled, f"{url}: form control without a label: {control}"
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), f"{url}: duplicate ids"
