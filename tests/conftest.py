"""Fixtures shared by every test: an app on a real, migrated database, and page checks."""

import os
from collections import Counter
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup

from tests.helpers import load_sample_directory, make_test_config, new_database
from webapp import create_app


def _database_params() -> list:
    params = [pytest.param("sqlite", id="sqlite")]
    if os.environ.get("TEST_DATABASE_URL"):
        params.append(pytest.param("postgresql", id="postgresql"))
    return params


@pytest.fixture(scope="session", params=_database_params())
def database_kind(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def database_url(database_kind, tmp_path_factory) -> Iterator[str]:
    """The shared database for the run, with the sample directory loaded. Tests must not
    change it: those that do use `empty_database_url`."""
    with new_database(database_kind, tmp_path_factory.mktemp("db")) as url:
        load_sample_directory(url)
        yield url


@pytest.fixture
def empty_database_url(database_kind, tmp_path) -> Iterator[str]:
    with new_database(database_kind, tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def search_index_dir(database_url, tmp_path_factory) -> str:
    """The index for the shared database, built by the first request that needs it."""
    return str(tmp_path_factory.mktemp("search-index"))


@pytest.fixture
def app(database_url, search_index_dir):
    app = create_app(make_test_config(database_url, search_index_dir))
    yield app
    app.extensions["engine"].dispose()


@pytest.fixture
def runner(app):
    """Runs `flask ...` commands against the test app."""
    return app.test_cli_runner()


@pytest.fixture
def empty_app(empty_database_url, tmp_path):
    """An app on its own empty database and index, for tests that change data."""
    app = create_app(make_test_config(empty_database_url, str(tmp_path / "index")))
    yield app
    app.extensions["engine"].dispose()


class PageChecker:
    """Fetches pages through the test client and checks each HTML page is sound."""

    def __init__(self, client):
        self.client = client

    def get(self, url: str, status: int = 200, **kwargs) -> BeautifulSoup:
        return self._check(self.client.get(url, **kwargs), status)

    def post(self, url: str, status: int = 200, **kwargs) -> BeautifulSoup:
        return self._check(self.client.post(url, **kwargs), status)

    def _check(self, response, status: int) -> BeautifulSoup:
        assert response.status_code == status, response.get_data(as_text=True)[:2000]
        assert response.mimetype == "text/html"
        return assert_sound_page(response.get_data(as_text=True), response.headers)


def assert_sound_page(html: str, headers) -> BeautifulSoup:
    page = BeautifulSoup(html, "html.parser")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert len(page.find_all("title")) == 1, "a page has exactly one <title>"
    assert page.title.string and page.title.string.strip(), "the title is not empty"
    assert len(page.find_all("h1")) == 1, "a page has exactly one <h1>"
    assert page.html.get("lang") == "en-GB"
    ids = Counter(element["id"] for element in page.find_all(id=True))
    assert not [i for i, n in ids.items() if n > 1], f"duplicate ids: {ids.most_common(3)}"
    nonce = _policy_nonce(headers["Content-Security-Policy"])
    for script in page.find_all("script"):
        assert script.get("nonce") == nonce, f"script without this response's nonce: {script}"
    for element in page.find_all(style=True):
        raise AssertionError(f"inline style blocked by the CSP: {element}")
    return page


def _policy_nonce(policy: str) -> str:
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    nonce = next(s for s in script_src.split() if s.startswith("'nonce-"))
    return nonce.removeprefix("'nonce-").rstrip("'")


@pytest.fixture
def pages(client) -> PageChecker:
    return PageChecker(client)
