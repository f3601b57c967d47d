"""Publishing in the web app: the Law Review page and its downloads (DOCX read back with
python-docx, PDF, HTML, Markdown), editors' edits, Atom feeds, bulk data downloads.

The store is the export tests' fixture (``test_exports_support``): Austria, Germany and
Slovakia, and a CJEU ruling concerning Belgium, in the period 2023-07-01 – 2024-06-30.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile

import pyoxigraph as ox
import pytest
import test_auth_support as support
from rdflib import Graph
from test_auth_support import PERIOD, csrf_token_of, people_client
from test_exports_feeds import A, _check_atom, _parse
from test_exports_support import ensure_pdf_support, fixture_store

from lawgraph.editorial import history, save_edit
from lawgraph.exports import review_entries
from lawgraph.exports.feeds import country_feed
from lawgraph.exports.tables import ASSESSMENT_COLUMNS
from webapp import close_app

accounts_template = support.accounts_template
review_store_path = support.review_store_path

START, END = PERIOD
QUERY = f"from={START}&to={END}"
ENTRY = "AT/2023-11-28/case-law/ecli-eu-c-2023-924"


@pytest.fixture(scope="module")
def app(review_store_path, accounts_template, tmp_path_factory):
    application = support.make_auth_app(
        review_store_path, tmp_path_factory.mktemp("publish"), accounts_template
    )
    yield application
    close_app(application)


@pytest.fixture(scope="module")
def editor(app):
    return people_client(app, "editor")


@pytest.fixture(scope="module")
def official(app):
    return people_client(app, "official")


@pytest.fixture(scope="module")
def expected_review():
    return review_entries(fixture_store(), START, END)


def _editorial(app) -> str:
    return app.config["LAWGRAPH"].editorial


# --- the review page ---------------------------------------------------------------------
def test_the_page_says_what_the_review_holds(official, expected_review):
    page = official.get(f"/publish?{QUERY}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert expected_review.statement() in text.replace("&#39;", "'")
    assert "4 countries, 11 entries" in text
    assert "SAMPLE MATERIAL" in text
    for section in expected_review.sections:
        assert f'id="c-{section.country.eu_code}"' in text
    assert "/publish/entry/" not in text  # officials read; editors edit


def test_the_page_as_json_lists_every_entry(official, expected_review):
    data = official.get(f"/publish?{QUERY}&format=json").get_json()
    assert data["statement"] == expected_review.statement()
    keys = [e["key"] for s in data["sections"] for e in s["entries"]]
    assert keys == [e.key for e in expected_review.entries()]
    assert {d["format"] for d in data["downloads"]} == {"md", "html", "docx", "pdf"}


def test_the_period_defaults_to_july_to_june_of_the_latest_report_year(official):
    data = official.get("/publish?format=json").get_json()
    assert (data["from"], data["to"]) == (START, END)


def test_editors_get_edit_links(editor):
    text = editor.get(f"/publish?{QUERY}").get_data(as_text=True)
    assert f'href="/publish/entry/{ENTRY}?back=' in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2024-13-01&to=2024-12-31", "not a date"),
        ("from=2024-07-01&to=2024-06-30", "ends before it starts"),
        (f"{QUERY}&countries=XX", "unknown country"),
        (f"{QUERY}&format=odt", "format must be one of"),
    ],
)
def test_bad_parameters_are_400(official, query, message):
    answer = official.get(f"/publish/download?{query}")
    assert answer.status_code == 400 and message in answer.get_data(as_text=True)


# --- downloads ---------------------------------------------------------------------------
def _download(client, fmt: str, extra: str = ""):
    answer = client.get(f"/publish/download?{QUERY}&format={fmt}{extra}")
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    return answer


def test_docx_download_opens_in_python_docx(official, expected_review):
    from docx import Document

    answer = _download(official, "docx")
    assert answer.mimetype == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert answer.headers["Content-Disposition"] == (
        f'attachment; filename="law-review_{START}_{END}.docx"'
    )
    document = Document(io.BytesIO(answer.data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert expected_review.contents() in text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [s.country.name for s in expected_review.sections]


@pytest.mark.parametrize(
    ("fmt", "media", "start"),
    [
        ("md", "text/markdown", b"# European equality law review"),
        ("html", "text/html", b"<!DOCTYPE html>"),
    ],
)
def test_text_downloads_start_with_the_review(official, expected_review, fmt, media, start):
    answer = _download(official, fmt)
    assert answer.mimetype == media
    assert answer.data.lstrip().upper().startswith(start.upper())
    assert expected_review.contents().encode() in answer.data
    assert "attachment" in answer.headers["Content-Disposition"]


def test_pdf_download(official):
    ensure_pdf_support()
    import pypdfium2

    answer = _download(official, "pdf")
    assert answer.mimetype == "application/pdf" and answer.data.startswith(b"%PDF-")
    pdf = pypdfium2.PdfDocument(answer.data)
    try:
        page = pdf[0]
        first = " ".join(page.get_textpage().get_text_range().split())
        page.close()
    finally:
        pdf.close()
    assert "4 countries" in first


def test_a_download_for_some_countries(official):
    from docx import Document

    answer = _download(official, "docx", "&countries=DE&countries=at")
    assert answer.headers["Content-Disposition"].endswith('_AT-DE.docx"')
    document = Document(io.BytesIO(answer.data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Austria", "Germany"]


def test_a_missing_pdf_library_is_a_clear_500(official, monkeypatch):
    from lawgraph.exports import ExportError, pdf

    def missing():
        raise ExportError("PDF export needs WeasyPrint: pip install 'lawgraph[pdf]'")

    monkeypatch.setattr(pdf, "load_weasyprint", missing)
    answer = official.get(f"/publish/download?{QUERY}&format=pdf")
    assert answer.status_code == 500
    assert "pip install" in answer.get_data(as_text=True)


# --- editors' edits ----------------------------------------------------------------------
def _edit(client, key: str, **form):
    token = csrf_token_of(client, "/account")
    return client.post(f"/publish/entry/{key}", data={"csrf_token": token, **form})


def test_an_editors_edit_is_kept_and_exported(app, editor, official):
    page = editor.get(f"/publish/entry/{ENTRY}")
    assert page.status_code == 200
    summary = re.search(
        r'<textarea id="e-summary"[^>]*>(.*?)</textarea>', page.get_data(as_text=True), re.S
    ).group(1)
    saved = _edit(
        editor,
        ENTRY,
        title="Commune d'Ans: neutrality at work, edited",
        summary=summary,
        back=f"/publish?{QUERY}",
    )
    assert saved.status_code == 303
    assert saved.headers["Location"].startswith(f"/publish/entry/{ENTRY}?back=")
    after = editor.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Saved the new title." in after and "Edda Editor (edda)" in after
    versions = history(_editorial(app), ENTRY)
    assert [(v.field, v.editor) for v in versions] == [("title", "Edda Editor (edda)")]
    markdown = _download(official, "md").get_data(as_text=True)
    assert "neutrality at work, edited" in markdown
    listing = official.get(f"/publish?{QUERY}").get_data(as_text=True)
    assert "edited: title" in listing


def test_saving_the_same_text_saves_nothing(app, editor):
    page = editor.get(f"/publish/entry/{ENTRY}").get_data(as_text=True)
    title = re.search(r'id="e-title"[^>]*value="([^"]*)"', page).group(1)
    summary = re.search(r'<textarea id="e-summary"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    before = len(history(_editorial(app), ENTRY))
    answer = _edit(editor, ENTRY, title=html.unescape(title), summary=html.unescape(summary))
    assert answer.status_code == 303
    assert "Nothing changed." in editor.get(answer.headers["Location"]).get_data(as_text=True)
    assert len(history(_editorial(app), ENTRY)) == before


def test_a_changed_source_is_flagged(app, editor):
    key = "DE/2023-2024/status-change/32000l0043-art-13"
    found = [e for e in review_entries(fixture_store(), START, END).entries() if e.key == key]
    assert found, "the fixture has no such entry"
    save_edit(
        _editorial(app),
        key,
        "summary",
        "Our summary.",
        "Edda Editor (edda)",
        original="What the source said before.",
    )
    page = editor.get(f"/publish/entry/{key}").get_data(as_text=True)
    assert "The source summary changed after it was edited" in page
    listing = editor.get(f"/publish?{QUERY}").get_data(as_text=True)
    assert "source changed since edited" in listing


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"title": "", "summary": "x"}, "title must not be empty"),
        ({"title": "x", "summary": "  "}, "summary must not be empty"),
        ({"title": "x" * 501, "summary": "x"}, "at most 500 characters"),
    ],
)
def test_edits_are_checked(editor, form, message):
    answer = _edit(editor, ENTRY, **form)
    assert answer.status_code == 400 and message in answer.get_data(as_text=True)


def test_an_unknown_entry_is_404(editor):
    assert editor.get("/publish/entry/DE/2099-01-01/policy/nothing").status_code == 404
    assert editor.get("/publish/entry/XX/2024-01-01/policy/x").status_code == 404


def test_hostile_text_in_an_edit_is_escaped(editor):
    key = "DE/2023-2024/status-change/32000l0043-art-15"
    _edit(editor, key, title="<script>alert(1)</script>", summary="<b>bold</b>")
    page = editor.get(f"/publish/entry/{key}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


# --- feeds -------------------------------------------------------------------------------
def test_country_feed_is_valid_atom_linking_into_the_app(app):
    client = app.test_client()  # feeds are public while public_read is on
    answer = client.get("/feeds/country/DE.atom")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = _parse(answer.data)
    _check_atom(root)
    expected = _parse(country_feed(fixture_store(), "DE", base_url="http://localhost"))
    ids = [e.findtext(f"{A}id") for e in root.findall(f"{A}entry")]
    assert ids and ids == [e.findtext(f"{A}id") for e in expected.findall(f"{A}entry")]
    links = [e.find(f"{A}link").get("href") for e in root.findall(f"{A}entry")]
    assert all(link.startswith("http://localhost/") for link in links)


def test_provision_feed_includes_its_paragraphs(app):
    answer = app.test_client().get("/feeds/provision/32000L0043/art_8.atom")
    assert answer.status_code == 200
    root = _parse(answer.data)
    _check_atom(root)
    assert root.findtext(f"{A}title").startswith("lawgraph: Article 8 of Directive 2000/43/EC")


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/feeds/country/deu.atom", 301),
        ("/feeds/country/XX.atom", 404),
        ("/feeds/provision/32000L0043/art_99.atom", 404),
        ("/feeds/provision/32000L0043/nonsense.atom", 404),
        ("/feeds/provision/31999L0001/art_1.atom", 404),
    ],
)
def test_feed_addresses(app, url, status):
    answer = app.test_client().get(url)
    assert answer.status_code == status
    if status == 301:
        assert answer.headers["Location"] == "/feeds/country/DE.atom"


def test_the_feeds_page_lists_countries_and_articles(app):
    data = app.test_client().get("/feeds?format=json").get_json()
    assert [c["code"] for c in data["countries"]] == ["AT", "DE", "SK"]
    articles = [a["href"] for d in data["directives"] for a in d["articles"]]
    assert "/feeds/provision/32000L0078/art_5.atom" in articles


# --- bulk data ---------------------------------------------------------------------------
def test_nquads_are_streamed_and_hold_the_store(official):
    answer = official.get("/data/all.nq")
    assert answer.status_code == 200 and answer.is_streamed
    assert answer.mimetype == "application/n-quads"
    assert answer.headers["Content-Disposition"] == 'attachment; filename="lawgraph-all.nq"'
    lines = answer.get_data(as_text=True).splitlines()
    assert lines[0].startswith("# lawgraph data export (N-Quads), whole graph: 3 countries")
    body = [line for line in lines if not line.startswith("#")]
    assert len(body) == fixture_store().count()
    assert len(list(ox.parse(answer.data, format=ox.RdfFormat.N_QUADS))) == len(body)


def test_a_country_in_json_ld_with_its_statement(official):
    answer = official.get("/data/DE.jsonld")
    assert answer.mimetype == "application/ld+json"
    quads = list(ox.parse(answer.data, format=ox.RdfFormat.JSON_LD))
    meta_url = re.search(r"<([^>]+)>", answer.headers["Link"]).group(1)
    meta = official.get(meta_url).get_json()
    assert meta["countries"] == ["DE"] and len(quads) == meta["counts"]["quads"]
    assert all(isinstance(q.graph_name, ox.NamedNode) for q in quads)


def test_turtle_archive_has_a_file_per_graph(official):
    answer = official.get("/data/DE.ttl.zip")
    assert answer.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(answer.data)) as archive:
        assert archive.testzip() is None
        meta = json.loads(archive.read("export.meta.json"))
        assert set(archive.namelist()) == {"export.meta.json", *meta["files"].values()}
        assert "report/DE/2024.ttl" in archive.namelist()
        for graph, name in meta["files"].items():
            text = archive.read(name).decode("utf-8")
            assert text.startswith(f"# Named graph {graph}\n# Part of: {meta['statement']}")
            record = next(g for g in meta["graphs"] if g["graph"] == graph)
            assert len(Graph().parse(data=text, format="turtle")) == record["quads"]


def test_csv_archive_and_single_tables(official):
    answer = official.get("/data/DE.csv.zip")
    with zipfile.ZipFile(io.BytesIO(answer.data)) as archive:
        meta = json.loads(archive.read("export.meta.json"))
        for name, table in meta["tables"].items():
            rows = list(csv.reader(io.StringIO(archive.read(name).decode("utf-8"))))
            assert rows[0] == table["columns"] and len(rows) - 1 == table["rows"]
        zipped = archive.read("assessments.csv")
    single = official.get("/data/DE/assessments.csv")
    assert single.mimetype == "text/csv" and single.is_streamed
    assert single.data == zipped
    assert single.get_data(as_text=True).splitlines()[0] == ",".join(ASSESSMENT_COLUMNS)
    assert meta["tables"]["assessments.csv"]["rows"] > 0


@pytest.mark.parametrize("url", ["/data/XX.nq", "/data/all.xml", "/data/DE/people.csv"])
def test_unknown_downloads_are_404(official, url):
    assert official.get(url).status_code == 404


def test_the_data_page_lists_every_scope(official):
    data = official.get("/data?format=json").get_json()
    assert [s["scope"] for s in data["scopes"]] == ["all", "AT", "DE", "SK"]
    hrefs = {f["href"] for s in data["scopes"] for f in s["files"]}
    assert {"/data/all.nq", "/data/DE.ttl.zip", "/data/SK.csv.zip"} <= hrefs


@pytest.mark.parametrize("url", [f"/publish?{QUERY}", f"/publish/entry/{ENTRY}", "/feeds", "/data"])
def test_publishing_pages_are_accessible(editor, url):
    from test_webapp_a11y import _Page

    page = _Page()
    page.feed(editor.get(url).get_data(as_text=True))
    assert page.lang == "en" and page.skip and page.h1 == 1
    assert not page.th_without_scope
    for control in page.controls:
        assert (
            control.get("id") in page.labels_for or control["_wrapped"] or control.get("aria-label")
        ), control
