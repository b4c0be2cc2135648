"""Page weights in Chromium and throughput under gunicorn, against the site as it is deployed.

The site runs under gunicorn with the production settings in the README (three sync workers,
production configuration) on 127.0.0.1, on a SQLite copy of the sample directory with its built
index. Weights: each page opened in a fresh Chromium profile, counting every byte that crossed
the network (headers, compressed bodies) for every request the page made; then a second page in
the same profile, which should fetch nothing but its HTML. Throughput: wrk for BENCH_SECONDS
(30 by default) on each page type at 50 connections, beside a hello-world Flask route under the
same gunicorn settings in the same run.
"""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from benchmarks.planner_bench import ANSWERS
from tests.helpers import load_sample_directory, make_test_config, new_database
from webapp import create_app
from webapp.config import Config
from webapp.search import rebuild_index

ROOT = Path(__file__).resolve().parent.parent
# Our own ports only, on the loopback address.
PORT = int(os.environ.get("BENCH_PORT", 5108))
HELLO_PORT = PORT + 1
# As in the README's "Deploying to production".
WORKERS = 3
GUNICORN_SETTINGS = ["--workers", str(WORKERS), "--forwarded-allow-ips=127.0.0.1"]
CONNECTIONS = 50
# What a browser sends: compressed pages are what visitors get.
ACCEPT_ENCODING = "gzip, deflate, br, zstd"
ADVICE_PAGE = "/paying-for-care/how-the-means-test-works"
FIND_SUPPORT = "/find-support?location=Sherborne"
PLANNER_RESULTS = "/planner/results"
KB = 1000

# (what, address, target in KB, needs the planner session)
WEIGHTS = (
    ("home page", "/", 50, False),
    ("advice page", ADVICE_PAGE, 50, False),
    ("/find-support, a place", FIND_SUPPORT, 60, False),
    ("planner results", PLANNER_RESULTS, 100, True),
)
# (what, address, target share of hello-world, needs the planner session)
LOADS = (
    ("home page", "/", 0.30, False),
    ("advice page", ADVICE_PAGE, 0.30, False),
    ("/find-support, a place", FIND_SUPPORT, 0.10, False),
    ("planner results", PLANNER_RESULTS, 0.10, True),
)


@dataclass
class Load:
    requests_per_second: float
    p95_ms: float
    failed: int


def run() -> list[str]:
    seconds = int(os.environ.get("BENCH_SECONDS", 30))
    lines = ["## Page weight and throughput", ""]
    with tempfile.TemporaryDirectory() as folder, _site(Path(folder)) as (base, cookie):
        lines += _weights(base, cookie)
        lines.append("")
        lines += _throughput(base, cookie, seconds)
    return lines


@contextmanager
def _site(folder: Path):
    secret = secrets.token_hex(32)
    with new_database("sqlite", folder) as database_url:
        load_sample_directory(database_url)
        index_dir = str(folder / "index")
        app = create_app(make_test_config(database_url, index_dir))
        with app.app_context():
            rebuild_index()
        environment = {
            **os.environ,
            "APP_ENV": "production",
            "PUBLIC_URL": f"http://127.0.0.1:{PORT}",
            "FEEDBACK_EMAIL": "care.guide@dorsetcouncil.gov.uk",
            "SECRET_KEY": secret,
            "DATABASE_URL": database_url,
            "SEARCH_INDEX_DIR": index_dir,
        }
        with _gunicorn("webapp:create_app()", PORT, environment) as base:
            yield base, _planner_cookie(app, secret)


def _planner_cookie(app: Flask, secret: str) -> str:
    """The session cookie of a visitor who has answered a four-option plan: the answers are kept
    in the shared database, and the cookie, signed as the served site signs it, holds their id."""
    app.config.update(SECRET_KEY=secret, WTF_CSRF_ENABLED=False)
    client = app.test_client()
    for step, answers in ANSWERS.items():
        assert client.post(f"/planner/{step}", data=answers).status_code == 302, step
    cookie = client.get_cookie(Config.SESSION_COOKIE_NAME)
    return f"{Config.SESSION_COOKIE_NAME}={cookie.value}"


@contextmanager
def _gunicorn(application: str, port: int, environment: dict):
    command = [
        sys.executable, "-m", "gunicorn", *GUNICORN_SETTINGS,
        "--bind", f"127.0.0.1:{port}", "--log-level", "warning", application,
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=environment)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start on port {port}") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _weights(base: str, cookie: str) -> list[str]:
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not shutil.which(chromium):
        return [f"Page weights skipped: no Chromium at {chromium} (set CHROMIUM_PATH)."]
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for what, address, target, with_session in WEIGHTS:
            context = browser.new_context(base_url=base)
            if with_session:
                name, value = cookie.split("=", 1)
                context.add_cookies([{"name": name, "value": value, "url": base}])
            total, requests = visit_and_count(context, address)
            rows.append(
                f"| {what}, first visit | {total / KB:.1f} KB in {len(requests)} requests | "
                f"≤ {target} KB | {'yes' if total <= target * KB else 'no'} |"
            )
            context.close()
        # A repeat visit: another page after the home page, in the same profile.
        context = browser.new_context(base_url=base)
        visit_and_count(context, "/")
        total, requests = visit_and_count(context, ADVICE_PAGE)
        only_html = [urlpath for urlpath, _size in requests] == [ADVICE_PAGE]
        rows.append(
            f"| advice page after the home page | {total / KB:.1f} KB in {len(requests)} "
            f"request(s) | only its HTML | {'yes' if only_html else 'no'} |"
        )
        context.close()
        browser.close()
    return [
        "Transferred bytes (headers and compressed bodies, every request of the page) in "
        "Chromium, 1 KB = 1,000 bytes.",
        "",
        "| page | transferred | target | met |",
        "|---|---|---|---|",
        *rows,
    ]


def visit_and_count(context, address: str) -> tuple[int, list[tuple[str, int]]]:
    """Bytes that crossed the network for one page load, and which requests sent them."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on(
        "Network.requestWillBeSent",
        lambda event: urls.__setitem__(event["requestId"], event["request"]["url"]),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda event: sizes.__setitem__(event["requestId"], int(event["encodedDataLength"])),
    )
    response = page.goto(address, wait_until="load")
    assert response is not None and response.ok, f"{address}: {response and response.status}"
    page.wait_for_load_state("networkidle")
    fetched = [
        (re.sub(r"^https?://[^/]+", "", urls[request]), size)
        for request, size in sizes.items()
        if size > 0
    ]
    page.close()
    return sum(size for _url, size in fetched), fetched


def _throughput(base: str, cookie: str, seconds: int) -> list[str]:
    if not shutil.which("wrk"):
        return ["Throughput skipped: wrk is not installed (Debian's package `wrk`)."]
    environment = {**os.environ, "APP_ENV": "production"}
    with _gunicorn("benchmarks.hello:app", HELLO_PORT, environment) as hello_base:
        _warm_up(f"{hello_base}/", seconds, None)
        hello = _wrk(f"{hello_base}/", seconds, None)
    rows = [
        f"| hello-world Flask route | {hello.requests_per_second:,.0f} | 100% | – | "
        f"{hello.p95_ms:.1f} ms | {hello.failed} |"
    ]
    for what, address, target, with_session in LOADS:
        session = cookie if with_session else None
        _warm_up(f"{base}{address}", seconds, session)
        load = _wrk(f"{base}{address}", seconds, session)
        share = load.requests_per_second / hello.requests_per_second
        met = "yes" if share >= target and not load.failed else "no"
        rows.append(
            f"| {what} | {load.requests_per_second:,.0f} | {share:.1%} | ≥ {target:.0%} ({met}) | "
            f"{load.p95_ms:.1f} ms | {load.failed} |"
        )
    return [
        f"wrk, {seconds} s a page at {CONNECTIONS} connections, sending "
        f"`Accept-Encoding: {ACCEPT_ENCODING}`; gunicorn {' '.join(GUNICORN_SETTINGS)}.",
        "",
        "| page | requests/s | share of hello-world | target | p95 | failed |",
        "|---|---|---|---|---|---|",
        *rows,
    ]


def _warm_up(url: str, seconds: int, cookie: str | None) -> None:
    """Each worker's first request opens the search index and fills its page cache. One request
    more, alone, returns only when the requests still queued from the warm-up are answered."""
    _wrk(url, max(5, seconds // 3), cookie, connections=WORKERS)
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()


def _wrk(url: str, seconds: int, cookie: str | None, connections: int = CONNECTIONS) -> Load:
    headers = ["-H", f"Accept-Encoding: {ACCEPT_ENCODING}"]
    if cookie:
        headers += ["-H", f"Cookie: {cookie}"]
    command = [
        "wrk", "--threads", "2", "--connections", str(connections), "--duration", f"{seconds}s",
        "--timeout", "10s", "--script", str(ROOT / "benchmarks/wrk_report.lua"), *headers, url,
    ]  # fmt: skip
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    figures = dict(re.findall(r"(\w+)=([\d.]+)", output.split("DCG ", 1)[1]))
    return Load(
        requests_per_second=int(figures["requests"]) / float(figures["seconds"]),
        p95_ms=int(figures["p95_us"]) / 1000,
        failed=int(figures["failed"]),
    )
