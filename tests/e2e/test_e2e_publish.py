"""In a real browser: an editor logs in, chooses the period of the Law Review, downloads it as
Word, and the file opens (python-docx reads it back; LibreOffice turns it into a PDF when
``soffice`` is installed — it is not installed by the tests: about 200 MB).

The app serves the bundled corpus (``corpus_store`` of ``conftest.py``) with its own accounts in
a temporary folder.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from lawgraph.accounts import AccountStore
from lawgraph.exports import review_entries
from lawgraph.store import EmbeddedStore

PASSWORD = "correct horse battery staple"
PERIOD = ("2023-07-01", "2024-06-30")


@pytest.fixture(scope="module")
def publish_url(corpus_store: Path, tmp_path_factory) -> Iterator[str]:
    from webapp import close_app, create_app

    folder = tmp_path_factory.mktemp("e2e-publish")
    AccountStore(folder / "accounts.sqlite").create(
        "edda", PASSWORD, role="editor", name="Edda Editor"
    )
    app = create_app(
        {
            "LAWGRAPH_STORE": str(corpus_store),
            "LAWGRAPH_ACCOUNTS": str(folder / "accounts.sqlite"),
            "LAWGRAPH_EDITORIAL": str(folder / "editorial.sqlite"),
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.socket.getsockname()[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
    close_app(app)


@pytest.fixture(scope="module")
def expected(corpus_store: Path):
    store = EmbeddedStore(corpus_store, read_only=True)
    try:
        return review_entries(store, *PERIOD)
    finally:
        store.close()


@pytest.fixture(scope="module")
def downloaded(browser, publish_url, artifacts, tmp_path_factory) -> Path:
    """The editor's way through the app, ending with the DOCX on disk."""
    context = browser.new_context(
        base_url=publish_url, accept_downloads=True, viewport={"width": 1400, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto("/publish")
        expect(page.locator("h1")).to_have_text("Log in")  # sent to the login page first
        page.fill("#login-username", "edda")
        page.fill("#login-password", PASSWORD)
        with page.expect_navigation(url="**/publish"):
            page.click("button:has-text('Log in')")
        expect(page.locator("nav.account-menu")).to_contain_text("Edda Editor (editor)")
        page.fill("#p-from", PERIOD[0])
        page.fill("#p-to", PERIOD[1])
        with page.expect_navigation():
            page.click("button:has-text('Show the review')")
        assert f"from={PERIOD[0]}" in page.url and f"to={PERIOD[1]}" in page.url
        expect(page.locator(".review-statement")).to_contain_text("European equality law review")
        page.screenshot(path=str(artifacts / "publish.png"), full_page=True)
        with page.expect_download() as info:
            page.click("a[data-format=docx]")
        download = info.value
        assert download.suggested_filename == f"law-review_{PERIOD[0]}_{PERIOD[1]}.docx"
        target = tmp_path_factory.mktemp("download") / download.suggested_filename
        download.save_as(target)
        return target
    finally:
        context.close()


def test_editor_downloads_the_review_as_docx_and_it_opens(downloaded, expected):
    from docx import Document

    document = Document(io.BytesIO(downloaded.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert expected.contents() in text
    countries = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert countries == [s.country.name for s in expected.sections] and countries


@pytest.mark.skipif(
    not shutil.which("soffice"),
    reason="LibreOffice (soffice) is not installed; apt-get install -y "
    "libreoffice-writer-nogui to run this check (about 200 MB)",
)
def test_libreoffice_turns_the_download_into_a_pdf(downloaded, tmp_path):
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(downloaded),
        ],
        check=True,
        timeout=240,
        capture_output=True,
    )
    pdf = tmp_path / downloaded.with_suffix(".pdf").name
    assert pdf.read_bytes().startswith(b"%PDF-")
