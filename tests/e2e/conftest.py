"""End-to-end fixtures: Debian's Chromium driven by Playwright, and the app serving the bundled
corpus on 127.0.0.1.

Chromium comes from apt (``apt-get install -y chromium``), never from ``playwright install``.
When ``/usr/bin/chromium`` is missing and we are root with apt-get, the session installs it;
otherwise the tests fail with a message that says what to do. Nothing is skipped.
Screenshots go to ``tests/artifacts/`` (gitignored) for review.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = Path("/usr/bin/chromium")
#: the launch flags of shared/reference/tech.md §5, exactly
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-quic", "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def _install_chromium() -> None:
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.fail(
            f"{CHROMIUM} is missing and cannot be installed from here (needs root and apt-get). "
            "Install it with `apt-get install -y chromium` (never `playwright install`).",
            pytrace=False,
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800)
        if done.returncode != 0:
            pytest.fail(f"`{' '.join(command)}` failed:\n{done.stderr[-2000:]}", pytrace=False)


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        _install_chromium()
    if not CHROMIUM.exists():
        pytest.fail(f"apt-get installed chromium but {CHROMIUM} is still missing", pytrace=False)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store with the bundled corpus, built the way `lawgraph demo` builds it."""
    from lawgraph.cli.web_commands import build_demo_store
    from lawgraph.config import load_settings

    path = tmp_path_factory.mktemp("e2e") / "store"
    build_demo_store(str(path), load_settings().corpus)
    return path


@pytest.fixture(scope="session")
def base_url(corpus_store: Path) -> Iterator[str]:
    from webapp import close_app, create_app

    app = create_app({"LAWGRAPH_STORE": str(corpus_store)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.socket.getsockname()[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
    close_app(app)


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=base_url)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
