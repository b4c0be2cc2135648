"""Real Chromium, driven by Playwright, against the app served on 127.0.0.1.

Chromium comes from the system (Debian's package at /usr/bin/chromium); nothing is downloaded.
Outside CI a missing Chromium skips these tests with a message; with CI=true it fails them.
"""

import json
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from tests.helpers import load_sample_directory, make_test_config, new_database
from webapp import create_app
from webapp.search import rebuild_index

ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = ROOT / "node_modules/axe-core/axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The machine has no network: stop Chromium calling home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def _chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if shutil.which(path):
        return path
    message = (
        f"Chromium not found at {path}: browser tests need it "
        "(install Debian's chromium package, or set CHROMIUM_PATH)."
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app on a real port, with its own SQLite database of sample data and built index."""
    with new_database("sqlite", tmp_path_factory.mktemp("browser-db")) as database_url:
        load_sample_directory(database_url)
        index_dir = str(tmp_path_factory.mktemp("browser-index"))
        app = create_app(make_test_config(database_url, index_dir))
        with app.app_context():
            rebuild_index()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_port}"
        server.shutdown()


@pytest.fixture(scope="session")
def browser():
    executable = _chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab that fails the test on a console error or a request elsewhere."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    own_host = urlsplit(live_server).netloc
    page.on(
        "console",
        lambda message: message.type == "error" and problems.append(f"console: {message.text}"),
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "request",
        lambda request: (
            urlsplit(request.url).scheme in ("http", "https")
            and urlsplit(request.url).netloc != own_host
            and problems.append(f"request to another host: {request.url}")
        ),
    )
    yield page
    context.close()
    # 4xx pages log the failed load itself as a console error: that is expected, nothing else.
    unexpected = [p for p in problems if "status of 4" not in p]
    assert not unexpected, "\n".join(unexpected)


def assert_no_axe_violations(page) -> None:
    """Run axe-core in the page (outside its CSP, as devtools would) for WCAG 2.2 A and AA."""
    if not AXE_SOURCE.exists():
        pytest.fail(f"{AXE_SOURCE} is missing: run `make install` to install npm packages")
    page.evaluate(AXE_SOURCE.read_text())
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]},
    )
    violations = [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
    ]
    assert violations == [], f"axe found problems on {page.url}:\n" + json.dumps(
        violations, indent=2
    )
