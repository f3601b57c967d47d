"""Uploading a report instead of typing it, hostile uploads, and the look-up as you type."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
import test_workflow_support as support
from test_workflow_support import Person, section_id
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

accounts_db = support.accounts_db
store_template = support.store_template
workflow_app = support.workflow_app

CORPUS = Path(__file__).resolve().parents[1] / "country_reports"


def _de_2025(extra: str = "", text: str | None = None) -> bytes:
    """Germany's report for 2025 (last year's, unless ``text``), with ``extra`` in section 2.6."""
    if text is None:
        text = (
            (CORPUS / "de-2024.md")
            .read_text("utf-8")
            .replace("reporting_year: 2024", "reporting_year: 2025")
        )
    return (
        text.replace(
            "## 2.6 Reasonable accommodation duties (Article 2(2)(b)(ii) and Article 5 "
            "Directive 2000/78)",
            "## 2.6 Reasonable accommodation duties (Article "
            "2(2)(b)(ii) and Article 5 Directive 2000/78)\n\n" + extra,
        )
    ).encode("utf-8")


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (40 * 1024 * 1024))
    return buffer.getvalue()


def _docx(country: str, year: str) -> bytes:
    document = docx.Document()
    table = document.add_table(rows=0, cols=2)
    for key, value in (
        ("country", country),
        ("reporting_year", year),
        ("expert", "Anna Berg"),
        ("template", "2015"),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = key, value
    document.add_heading("2.6 Reasonable accommodation duties", level=2)
    document.add_paragraph("Uploaded from Word: no general duty of reasonable accommodation.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def anna(workflow_app):
    person = Person(workflow_app, "anna")
    person.start("DE", 2025)
    return person


def _upload(person: Person, name: str, data: bytes, **kwargs):
    revision = person.json("/workflow/DE/2025/upload")["revision"]
    return person.post(
        "/workflow/DE/2025/upload",
        {"revision": str(revision), "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
        **kwargs,
    )


#: (file name, bytes, status, what the answer says)
HOSTILE = [
    pytest.param("de-2025.docx", _zip_bomb(), 400, "ZIP bomb", id="docx-zip-bomb"),
    pytest.param(
        "de-2025.md",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        400,
        "it is a PDF",
        id="pdf-called-md",
    ),
    pytest.param("de-2025.docx", b"%PDF-1.7\n1 0 obj", 400, "it is a PDF", id="pdf-called-docx"),
    pytest.param("de-2025.docx", b"# Just text\n", 400, "it is a text file", id="text-called-docx"),
    pytest.param(
        "de-2025.md",
        b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64,
        400,
        "binary file",
        id="program-called-md",
    ),
    pytest.param(
        "de-2025.html",
        b"<html><script>alert(1)</script></html>",
        400,
        "Markdown (.md) or Word (.docx)",
        id="html-file",
    ),
    pytest.param("de-2025.docx", b"PK\x03\x04 not really a zip", 400, "damaged", id="broken-zip"),
    pytest.param(
        "it-2025.md",
        (CORPUS / "it-2024.md").read_bytes().replace(b"2024", b"2025"),
        400,
        "not of DE 2025",
        id="other-country",
    ),
    pytest.param(
        "de-2025.md",
        b"---\ncountry: DE\nreporting_year: 2025\n",
        400,
        "never closed",
        id="broken-header",
    ),
    pytest.param(
        "de-2025.md",
        "---\ncountry: DE\n---\n# Caf\xe9\n".encode("latin-1"),
        400,
        "not UTF-8",
        id="not-utf8",
    ),
]


@pytest.mark.parametrize(("name", "data", "status", "says"), HOSTILE)
def test_hostile_uploads_are_refused_and_nothing_is_stored(anna, name, data, status, says):
    before = anna.json("/workflow/DE/2025/upload")["revision"]
    answer = _upload(anna, name, data)
    assert answer.status_code == status
    assert says in answer.get_data(as_text=True)
    assert anna.json("/workflow/DE/2025/upload")["revision"] == before


def test_a_500_mb_upload_is_refused_by_its_length_before_it_is_read(anna):
    before = anna.json("/workflow/DE/2025/upload")["revision"]
    body = io.BytesIO(b"x" * 1024)
    answer = anna.client.post(
        "/workflow/DE/2025/upload",
        input_stream=body,
        content_type="multipart/form-data; boundary=x",
        environ_overrides={"CONTENT_LENGTH": str(500 * 1024 * 1024)},
    )
    assert answer.status_code == 413
    text = answer.get_data(as_text=True)
    assert "524 MB" in text and "at most 21 MB" in text
    assert body.tell() == 0  # not a byte was read
    assert anna.json("/workflow/DE/2025/upload")["revision"] == before


def test_an_upload_larger_than_the_limit_is_refused_while_reading(workflow_app, anna):
    workflow_app.config["WORKFLOW_UPLOAD_LIMIT"] = 50_000
    answer = _upload(anna, "de-2025.md", _de_2025("x" * 200_000))
    assert answer.status_code == 413


def test_a_markdown_upload_updates_only_the_sections_it_changes(anna):
    """The draft downloaded as Markdown, edited in an editor, uploaded again."""
    downloaded = anna.get("/workflow/DE/2025/report.md").get_data(as_text=True)
    answer = _upload(anna, "de-2025.md", _de_2025("A paragraph added in the upload.", downloaded))
    assert answer.status_code == 200, answer.get_data(as_text=True)[-1500:]
    overview = anna.json("/workflow/DE/2025")
    changed = [
        s["title"] for s in overview["sections"] if s["status"] not in ("unchanged", "prefilled")
    ]
    assert changed == [
        "2.6 Reasonable accommodation duties (Article 2(2)(b)(ii) and Article 5 Directive 2000/78)"
    ]


def test_script_in_an_uploaded_report_stays_text(anna):
    hostile = "<script>alert('upload')</script> <iframe src=//evil></iframe>"
    assert _upload(anna, "de-2025.md", _de_2025(hostile)).status_code == 200
    overview = anna.json("/workflow/DE/2025")
    sid = section_id(overview, "2.6 Reasonable accommodation")
    assert hostile in anna.section("DE", 2025, sid)["content"]["prose"]
    page = anna.get(f"/workflow/DE/2025/section/{sid}").get_data(as_text=True)
    assert "<script>alert('upload')" not in page and "<iframe" not in page
    assert "&lt;script&gt;alert(&#39;upload&#39;)&lt;/script&gt;" in page


def test_a_word_upload_is_read_into_the_sections(anna):
    answer = _upload(anna, "de-2025.docx", _docx("DE", "2025"))
    assert answer.status_code == 200, answer.get_data(as_text=True)[-1500:]
    overview = anna.json("/workflow/DE/2025")
    sid = section_id(overview, "2.6 Reasonable accommodation")
    assert "Uploaded from Word" in anna.section("DE", 2025, sid)["content"]["prose"]
    assert sum(s["status"] == "removed" for s in overview["sections"]) > 10  # kept, not lost


def test_an_upload_over_someone_elses_newer_edit_is_kept_aside(workflow_app, anna):
    revision = anna.json("/workflow/DE/2025/upload")["revision"]
    bert = Person(workflow_app, "bert")
    sid = section_id(anna.json("/workflow/DE/2025"), "2.6 Reasonable accommodation")
    bert.save("DE", 2025, sid, {"prose": "Bert edited this meanwhile."})
    answer = anna.post(
        "/workflow/DE/2025/upload",
        {"revision": str(revision), "file": (io.BytesIO(_de_2025("Anna's upload.")), "de-2025.md")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 200 and "kept aside as conflicts" in answer.get_data(as_text=True)
    section = anna.section("DE", 2025, sid)
    assert section["content"]["prose"] == "Bert edited this meanwhile."
    assert [v["author"] for v in section["kept_aside"]] == ["anna"]


def test_an_upload_can_start_the_draft(workflow_app):
    bert = Person(workflow_app, "bert")
    answer = bert.post(
        "/workflow/DE/2026/upload",
        {
            "revision": "0",
            "file": (
                io.BytesIO(_de_2025().replace(b"reporting_year: 2025", b"reporting_year: 2026")),
                "de-2026.md",
            ),
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)[-1500:]
    assert bert.json("/workflow/DE/2026")["report"]["owner"] == "bert"


# --- look-up as you type ----------------------------------------------------------------
LOOKUPS = [
    ("provision", "Art 8 RED", "2000/43 Art 8"),
    ("provision", "Article 10 of Directive 2000/78/EC", "2000/78 Art 10"),
    ("provision", "2000/78 Art 2(2)(b)", "2000/78 Art 2(2)(b)"),
    ("provision", "burden of proof", "2000/43 Art 8"),
    ("provision", "2000/43 Art 2; Art 5 EED", "2000/78 Art 5"),
    ("national", "AGG", "§ 22 AGG"),
    ("national", "§ 22", "§ 22 AGG"),
    ("ruling", "C-54/07", "C-54/07"),
    ("ruling", "Feryn", "C-54/07"),
    ("ruling", "commission v italy", "C-312/11"),
    ("ecli", "ECLI:EU:C:2013:446", "ECLI:EU:C:2013:446"),
]


@pytest.mark.parametrize(("kind", "q", "value"), LOOKUPS, ids=[f"{k}:{q}" for k, q, _ in LOOKUPS])
def test_look_up_as_you_type(workflow_app, kind, q, value):
    anna = Person(workflow_app, "anna")
    found = anna.json(
        f"/workflow/lookup?kind={kind}&country=DE&q={q.replace(' ', '+').replace(';', '%3B')}"
    )
    assert value in [r["value"] for r in found["results"]], found


def test_look_up_refuses_an_unknown_kind(workflow_app):
    anna = Person(workflow_app, "anna")
    answer = anna.get(
        "/workflow/lookup?kind=everything&q=x", headers={"Accept": "application/json"}
    )
    assert answer.status_code == 400 and answer.mimetype == "application/problem+json"


def test_an_upload_larger_than_the_apps_form_limit_is_accepted(workflow_app, anna):
    """The app refuses bodies over 1 MB; an upload has its own, larger limit."""
    padding = "<!-- " + "padding " * 300_000 + "-->"
    data = _de_2025(padding + "\n\nAfter the padding.")
    assert len(data) > workflow_app.config["MAX_CONTENT_LENGTH"]
    revision = anna.json("/workflow/DE/2025/upload")["revision"]
    # encoded in memory: the test client would spool a large body to a file it never closes
    boundary, body = encode_multipart(
        {
            "csrf_token": anna.token,
            "revision": str(revision),
            "file": FileStorage(io.BytesIO(data), "de-2025.md"),
        }
    )
    answer = anna.client.post(
        "/workflow/DE/2025/upload",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)[-800:]
