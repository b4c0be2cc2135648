"""One index per server, one database: a change made on one server reaches the others."""

import pytest
from bs4 import BeautifulSoup

from tests.helpers import make_test_config
from tests.upkeep import add_listing
from webapp import create_app
from webapp.database import get_session
from webapp.directory.listings import reindex_listing
from webapp.models import SearchChange, Service
from webapp.revisions import bump_revision
from webapp.search import catch_up


@pytest.fixture
def two_servers(empty_database_url, tmp_path):
    """Two apps on one database, each with its own index, as on two machines."""

    def server(number: int):
        config = make_test_config(empty_database_url, str(tmp_path / f"index-{number}"))
        return create_app(type("TwoServers", (config,), {"SEARCH_CHECK_SECONDS": 0}))

    first, second = server(1), server(2)
    result = first.test_cli_runner().invoke(args=["directory", "load-sample"])
    assert result.exit_code == 0, result.output
    yield first, second
    for app in (first, second):
        app.extensions["engine"].dispose()


def _found(app, words: str) -> list[str]:
    html = app.test_client().get("/find-support", query_string={"q": words}).get_data(True)
    return [
        a.get_text(strip=True)
        for a in BeautifulSoup(html, "html.parser").select(".dcg-result h3 a")
    ]


def _rename(app, service_id: str, name: str) -> None:
    with app.test_request_context():
        session = get_session()
        session.get(Service, service_id).name = name
        bump_revision(session, "directory")
        session.commit()
        reindex_listing(service_id)


def _delete(app, service_id: str) -> None:
    with app.test_request_context():
        session = get_session()
        session.delete(session.get(Service, service_id))
        bump_revision(session, "directory")
        session.commit()
        reindex_listing(service_id)


def test_a_change_on_one_server_is_seen_by_the_other_without_a_restart(two_servers):
    first, second = two_servers
    assert _found(second, "zanzibar") == []  # the second server has built its own index
    built_from = second.extensions["search_store"].current.resolve()
    _rename(first, "sample-000001", "Zanzibar Companions")
    assert _found(first, "zanzibar") == ["Zanzibar Companions"]
    assert _found(second, "zanzibar") == ["Zanzibar Companions"]
    # It applied the one change rather than rebuilding.
    assert second.extensions["search_store"].current.resolve() == built_from
    _delete(second, "sample-000001")
    assert _found(first, "zanzibar") == []
    with first.test_request_context():
        rows = get_session().query(SearchChange).order_by(SearchChange.id).all()
        # The sample's load rebuilt the index whole, then two changes to one listing.
        assert [row.document_ids for row in rows] == ["*"] + ["listing:sample-000001"] * 2
        assert catch_up() == "current"


def test_a_whole_rebuild_on_one_server_is_a_whole_rebuild_on_the_other(two_servers):
    first, second = two_servers
    _found(second, "anything")
    with first.test_request_context():
        session = get_session()
        session.get(Service, "sample-000006").name = "Numbat Neighbours"
        bump_revision(session, "directory")
        session.commit()
    result = first.test_cli_runner().invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    with second.test_request_context():
        assert catch_up(patient=True) == "rebuilt"
    assert _found(second, "numbat") == ["Numbat Neighbours"]


def test_checks_are_at_most_once_an_interval_and_unrecorded_changes_rebuild(
    two_servers, monkeypatch
):
    first, second = two_servers
    second.config["SEARCH_CHECK_SECONDS"] = 5
    _found(second, "anything")  # the first check, at start
    clock = [1000.0]
    monkeypatch.setattr("webapp.search.time.monotonic", lambda: clock[0])
    second.extensions["search_freshness"].checked_at = clock[0]
    _rename(first, "sample-000004", "Platypus Pals")
    clock[0] += 1
    assert _found(second, "platypus") == []  # checked a second ago: not yet
    clock[0] += 5
    assert _found(second, "platypus") == ["Platypus Pals"]

    with first.test_request_context():
        session = get_session()
        session.get(Service, "sample-000003").name = "Wombat Wheels"
        bump_revision(session, "directory")  # as a change made by hand, or a restore, would
        session.commit()
    with second.test_request_context():
        # It may be moments from being recorded: a running server waits a little first.
        assert catch_up(patient=True) == "waiting"
        clock[0] += 15
        assert catch_up(patient=True) == "rebuilt"
    assert _found(second, "wombat") == ["Wombat Wheels"]


def test_the_first_listing_in_an_empty_directory_is_searchable(empty_app):
    """An empty directory's index holds only advice pages; its first approval once crashed."""
    client = empty_app.test_client()
    assert client.get("/find-support").status_code == 200  # builds the index: pages only
    add_listing(empty_app)
    with empty_app.test_request_context():
        reindex_listing("svc-1")
    assert _found(empty_app, "befrienders") == ["Bridport Befrienders"]
    html = client.get("/find-support", query_string={"location": "Bridport"}).get_data(True)
    assert "Bridport Befrienders" in html
