"""A stopped or read-only database: a 503 page that says nothing was lost, never a 500."""

import pytest
from flask import g
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from tests.functional.test_planner import _answer_all
from webapp.database import make_engine, normalise_database_url

UNAVAILABLE = "Sorry, the service is temporarily unavailable"


def _use_engine(app, engine) -> None:
    # The test's own app context may hold a session on the old engine: start afresh.
    if (session := g.pop("db_session", None)) is not None:
        session.close()
    app.extensions["engine"] = engine
    app.extensions["sessionmaker"] = sessionmaker(bind=engine, expire_on_commit=False)


def _read_only_engine(database_url: str):
    url = make_url(normalise_database_url(database_url))
    if url.get_backend_name() == "sqlite":
        # The same file, opened as a read-only file is: every write fails.
        return create_engine(f"sqlite:///file:{url.database}?mode=ro&uri=true")
    # A read-only replica, as PostgreSQL runs one.
    return create_engine(url, connect_args={"options": "-c default_transaction_read_only=on"})


@pytest.fixture
def stopped(app):
    app.config["WTF_CSRF_ENABLED"] = False
    _use_engine(app, make_engine("postgresql://postgres@127.0.0.1:1/stopped"))
    app.extensions["search_freshness"].checked_at = float("inf")  # index checks not under test
    return app


def test_a_page_that_reads_the_database_says_the_service_is_unavailable(stopped, pages):
    page = pages.get("/find-support/any-listing", status=503)
    assert page.h1.get_text(strip=True) == UNAVAILABLE
    assert page.find(string=lambda s: s and "Nothing you entered or saved has been lost" in s)


def test_what_a_person_typed_comes_back_to_send_again(stopped, client, pages):
    response = client.post("/planner/where", data={"where": 'Sherborne "north" <end>'})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    page = pages.post("/planner/where", status=503, data={"where": 'Sherborne "north" <end>'})
    form = page.select_one("main form")
    assert form["action"] == "/planner/where"
    assert form.select_one("input[name=where]")["value"] == 'Sherborne "north" <end>'
    assert form.select_one("input[name=csrf_token]")
    assert page.find(string=lambda s: s and "Nothing you entered has been lost" in s)


def test_a_read_only_database_gives_503_and_keeps_the_answers(app, client, database_url, pages):
    app.config["WTF_CSRF_ENABLED"] = False
    _answer_all(client)
    _use_engine(app, _read_only_engine(database_url))
    page = pages.post("/planner/save", status=503)
    assert page.h1.get_text(strip=True) == UNAVAILABLE
    # The answers are still there to save once the database is back.
    assert client.get("/planner/results").status_code == 200


def test_healthz_checks_that_the_database_accepts_writes(app, client, database_url):
    assert client.get("/healthz").json["checks"]["database"] == "ok"
    _use_engine(app, _read_only_engine(database_url))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["checks"]["database"] == "not accepting writes"
