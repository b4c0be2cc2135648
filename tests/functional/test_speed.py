"""Light, fast pages: compression, the page cache with its ETags and per-response nonces, and
static files that browsers keep."""

import gzip
import shutil
import uuid

import brotli
import pytest
import redis
from flask import template_rendered
from sqlalchemy.orm import Session

from tests.conftest import _policy_nonce, assert_sound_page
from tests.helpers import make_test_config
from webapp import create_app
from webapp.config import PROJECT_DIR
from webapp.database import make_engine
from webapp.directory.places import load_gazetteer
from webapp.directory.sample_data import sample_records
from webapp.directory.transfer import import_rows
from webapp.revisions import bump_revision
from webapp.search import rebuild_index

ADVICE_PAGE = "/paying-for-care/how-the-means-test-works"
CACHED_PAGES = ("/", "/advice", "/paying-for-care", ADVICE_PAGE)


@pytest.fixture
def renders(app):
    """How many templates each request drew."""
    drawn: list[str] = []

    def record(sender, template, context, **extra):
        drawn.append(template.name)

    template_rendered.connect(record, app)
    yield drawn
    template_rendered.disconnect(record, app)


@pytest.mark.parametrize(
    "encoding, decompress", [("br", brotli.decompress), ("gzip", gzip.decompress)]
)
def test_pages_are_compressed_for_browsers_that_accept_it(client, encoding, decompress):
    for url in (*CACHED_PAGES, "/find-support"):
        plain = client.get(url)
        packed = client.get(url, headers={"Accept-Encoding": encoding})
        assert packed.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in packed.headers["Vary"]
        assert len(packed.data) < len(plain.data) / 3
        html = decompress(packed.data).decode()
        assert_sound_page(html, packed.headers)
        main = html.split("<main")[1].split("</main>")[0]
        assert main == plain.get_data(as_text=True).split("<main")[1].split("</main>")[0]


def test_a_cached_page_is_drawn_once_with_a_fresh_nonce_in_every_response(client, renders):
    nonces = []
    for _ in range(3):
        response = client.get(ADVICE_PAGE)
        assert_sound_page(response.get_data(as_text=True), response.headers)
        nonces.append(_policy_nonce(response.headers["Content-Security-Policy"]))
    assert len(set(nonces)) == 3
    assert renders.count("content/page.html") == 1


@pytest.mark.parametrize("url", CACHED_PAGES)
def test_a_cached_page_answers_its_etag_with_a_304(client, url):
    first = client.get(url, headers={"Accept-Encoding": "br"})
    assert first.headers["ETag"].startswith('W/"')
    assert first.headers["Last-Modified"]
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["Cache-Control"] == first.headers["Cache-Control"]
    # The browser keeps the page it has, whose scripts carry the first response's nonce: a new
    # policy would block them.
    assert "Content-Security-Policy" not in again.headers
    since = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    other = client.get(url, headers={"If-None-Match": 'W/"something-else"'})
    assert other.status_code == 200


def test_a_visitor_with_a_session_gets_the_cached_page_never_stored(client, app, renders):
    client.get(ADVICE_PAGE)
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], "anything")
    response = client.get(ADVICE_PAGE)
    assert response.headers["Cache-Control"] == "no-store"
    assert_sound_page(response.get_data(as_text=True), response.headers)
    assert renders.count("content/page.html") == 1


def test_a_change_to_the_directory_draws_the_page_again(empty_app):
    client = empty_app.test_client()
    before = client.get("/").headers["ETag"]
    assert client.get("/").headers["ETag"] == before
    engine = make_engine(empty_app.config["DATABASE_URL"])
    with Session(engine) as session:
        bump_revision(session, "directory")
        session.commit()
    engine.dispose()
    assert client.get("/").headers["ETag"] != before
    assert client.get("/", headers={"If-None-Match": before}).status_code == 200


def test_the_data_is_asked_after_at_most_once_in_the_configured_time(empty_database_url, tmp_path):
    config = make_test_config(empty_database_url, str(tmp_path / "index"))
    app = create_app(type("Config", (config,), {"PAGE_CACHE_REVISION_SECONDS": 3600}))
    client = app.test_client()
    before = client.get("/").headers["ETag"]
    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        bump_revision(session, "directory")
        session.commit()
    engine.dispose()
    assert client.get("/").headers["ETag"] == before
    app.extensions.pop("page_cache_revision")
    assert client.get("/").headers["ETag"] != before
    app.extensions["engine"].dispose()


def test_a_change_to_an_advice_page_draws_it_again(database_url, search_index_dir, tmp_path):
    content = shutil.copytree(PROJECT_DIR / "content", tmp_path / "content")
    config = make_test_config(database_url, search_index_dir)
    app = create_app(type("Config", (config,), {"CONTENT_DIR": str(content)}))
    client = app.test_client()
    before = client.get(ADVICE_PAGE)
    source = content / "paying-for-care/how-the-means-test-works.md"
    source.write_text(source.read_text() + "\nA sentence added by the test.\n")
    after = client.get(ADVICE_PAGE)
    assert after.headers["ETag"] != before.headers["ETag"]
    assert "A sentence added by the test." in after.get_data(as_text=True)
    app.extensions["engine"].dispose()


def _redis_or_skip(url: str) -> redis.Redis:
    connection = redis.Redis.from_url(url)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {url}")
    return connection


def test_pages_are_kept_in_redis_when_it_is_set(database_url, search_index_dir):
    url = "redis://127.0.0.1:6379/0"
    connection = _redis_or_skip(url)
    prefix = f"dcg-test-{uuid.uuid4().hex}:"
    config = make_test_config(database_url, search_index_dir)
    app = create_app(type("Config", (config,), {"REDIS_URL": url, "PAGE_CACHE_PREFIX": prefix}))
    try:
        first = app.test_client().get(ADVICE_PAGE)
        assert len(connection.keys(f"{prefix}*")) == 1
        # Another process (here, another app) on the same Redis serves the page drawn once.
        other = create_app(
            type("Config", (config,), {"REDIS_URL": url, "PAGE_CACHE_PREFIX": prefix})
        )
        second = other.test_client().get(
            ADVICE_PAGE, headers={"If-None-Match": first.headers["ETag"]}
        )
        assert second.status_code == 304
        other.extensions["engine"].dispose()
    finally:
        for key in connection.scan_iter(f"{prefix}*"):
            connection.delete(key)
        app.extensions["engine"].dispose()


def test_pages_are_served_when_the_cache_is_unreachable(database_url, search_index_dir):
    config = make_test_config(database_url, search_index_dir)
    # Nothing listens on port 1: every cache call fails at once.
    app = create_app(type("Config", (config,), {"REDIS_URL": "redis://127.0.0.1:1/0"}))
    response = app.test_client().get(ADVICE_PAGE)
    assert response.status_code == 200
    assert_sound_page(response.get_data(as_text=True), response.headers)
    app.extensions["engine"].dispose()


def _linked_stylesheet(client) -> str:
    html = client.get("/").get_data(as_text=True)
    return html.split('rel="stylesheet" href="')[1].split('"')[0]


@pytest.mark.parametrize("with_session", [False, True], ids=["no session", "session"])
def test_static_files_are_kept_a_year_whatever_the_session(client, app, with_session):
    stylesheet = _linked_stylesheet(client)
    assert stylesheet != "/static/application.css"
    if with_session:
        client.set_cookie(app.config["SESSION_COOKIE_NAME"], "anything")
    response = client.get(stylesheet, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Encoding"] == "br"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    gzipped = client.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["Content-Encoding"] == "gzip"
    assert brotli.decompress(response.data) == gzip.decompress(gzipped.data)
    unhashed = client.get("/static/application.css")
    assert (
        unhashed.headers["Cache-Control"] == f"max-age={app.config['PUBLIC_CACHE_SECONDS']}, public"
    )


def test_pages_link_static_files_by_their_hashed_names(app, pages):
    hashed = {f"/static/{name}" for name in app.extensions["static_names"].values()}
    for url in ("/", ADVICE_PAGE, "/find-support"):
        page = pages.get(url)
        linked = page.select("link[href^='/static/'], script[src^='/static/']")
        assert len(linked) == 4
        for element in linked:
            assert (element.get("href") or element.get("src")) in hashed


FIND_SUPPORT = "/find-support?location=Sherborne&help_types=befriending"


def _without_nonce(response) -> str:
    nonce = _policy_nonce(response.headers["Content-Security-Policy"])
    return response.get_data(as_text=True).replace(nonce, "NONCE")


def test_a_search_page_is_drawn_once_and_served_the_same_with_a_fresh_nonce(client, renders):
    responses = [client.get(FIND_SUPPORT) for _ in range(3)]
    for response in responses:
        assert response.status_code == 200
        assert_sound_page(response.get_data(as_text=True), response.headers)
    assert renders.count("directory/find_support.html") == 1
    assert len({_policy_nonce(r.headers["Content-Security-Policy"]) for r in responses}) == 3
    assert len({_without_nonce(r) for r in responses}) == 1
    assert "near Sherborne" in responses[0].get_data(as_text=True)
    assert len({r.headers["ETag"] for r in responses}) == 1
    again = client.get(FIND_SUPPORT, headers={"If-None-Match": responses[0].headers["ETag"]})
    assert again.status_code == 304


def test_each_query_has_its_own_page_and_spellings_of_one_query_share_it(client, renders):
    plus = client.get("/find-support?q=day+centre")
    percent = client.get("/find-support?q=day%20centre")
    assert _without_nonce(plus) == _without_nonce(percent)
    assert renders.count("directory/find_support.html") == 1
    other = client.get("/find-support?q=day+centre&location=Sherborne")
    assert renders.count("directory/find_support.html") == 2
    assert "near Sherborne" in other.get_data(as_text=True)
    assert "near Sherborne" not in plus.get_data(as_text=True)
    assert other.headers["ETag"] != plus.headers["ETag"]


@pytest.mark.parametrize(
    "url, status",
    [
        ("/find-support?location=Nowhereville", 400),
        ("/find-support?sort=distance", 400),
        ("/find-support?page=999", 404),
    ],
)
def test_a_search_page_with_an_error_is_drawn_each_time_and_never_kept(
    client, renders, url, status
):
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == status
        assert_sound_page(response.get_data(as_text=True), response.headers)
        assert "ETag" not in response.headers
        assert response.headers["Cache-Control"] == "no-cache"
    assert renders.count("directory/find_support.html") == 2


def test_a_search_page_for_a_visitor_with_a_session_is_reused_but_never_stored(
    client, app, renders
):
    first = client.get(FIND_SUPPORT)
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], "anything")
    response = client.get(FIND_SUPPORT)
    assert response.headers["Cache-Control"] == "no-store"
    assert _without_nonce(response) == _without_nonce(first)
    assert renders.count("directory/find_support.html") == 1


def test_a_change_to_the_directory_draws_the_search_page_again(empty_app):
    url = "/find-support?help_types=befriending"
    client = empty_app.test_client()
    before = client.get(url)
    assert client.get(url).headers["ETag"] == before.headers["ETag"]
    assert _result_count(before) == "0 results"
    engine = make_engine(empty_app.config["DATABASE_URL"])
    with Session(engine) as session:
        load_gazetteer(session)
        import_rows(session, enumerate(sample_records(), start=1))
        session.commit()
    engine.dispose()
    with empty_app.app_context():
        rebuild_index()  # as `flask directory import` does
    after = client.get(url)
    assert after.headers["ETag"] != before.headers["ETag"]
    assert _result_count(after) != "0 results"


def _result_count(response) -> str:
    page = assert_sound_page(response.get_data(as_text=True), response.headers)
    return " ".join(page.select_one("#result-count").get_text().split())


def test_the_search_pages_kept_are_bounded_in_number(database_url, search_index_dir):
    config = make_test_config(database_url, search_index_dir)
    app = create_app(type("Config", (config,), {"PAGE_CACHE_SEARCHES": 3}))
    drawn: list[str] = []

    def record(sender, template, **extra):
        drawn.append(template.name)

    template_rendered.connect(record, app)
    client = app.test_client()
    client.get("/find-support?q=lunch")
    for number in range(10):  # junk queries, each new
        client.get(f"/find-support?q=junk{number}")
    assert len(app.extensions["page_cache_searches"]._cache) <= 4
    client.get("/find-support?q=lunch")
    assert drawn.count("directory/find_support.html") == 12
    template_rendered.disconnect(record, app)
    app.extensions["engine"].dispose()
