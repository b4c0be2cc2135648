"""Reading other publishers' Open Referral UK feeds, served by a local test server."""

import json
import re
import threading
import uuid

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug import Response

from tests.conftest import assert_sound_page
from tests.helpers import make_test_config, new_database
from tests.upkeep import add_officer, sign_in_officer
from webapp import create_app
from webapp.database import get_session, make_engine
from webapp.directory import feeds, oruk
from webapp.directory.places import load_gazetteer
from webapp.directory.transfer import import_rows, service_record
from webapp.models import (
    FeedListing,
    FeedPossibleDuplicate,
    FeedUnknownTerm,
    Organisation,
    OrganisationIdentifier,
    Service,
)

CHARITY = "1234567"


def _row(number: int, name: str, postcode: str, **extra) -> dict:
    return {
        "id": f"listed-{number}",
        "name": name,
        "kind": "community_group",
        "summary": f"{name} meets every week.",
        "area": "West Dorset",
        "town": "Bridport",
        "postcode": postcode,
        "last_checked": "2026-11-01",
        "funding": "direct_payments",
        **extra,
    }


@pytest.fixture
def listed_app(empty_app):
    """A directory with two listings, one from an organisation with a charity number."""
    with empty_app.app_context():
        session = get_session()
        load_gazetteer(session)
        session.flush()
        rows = [
            _row(1, "Bridport Friends", "DT6 3AA", organisation="Bridport Friends CIO"),
            _row(2, "Sherborne Lunch Club", "DT9 3AA", town="Sherborne"),
        ]
        import_rows(session, enumerate(rows, start=1))
        organisation = session.scalar(
            select(Organisation).where(Organisation.name == "Bridport Friends CIO")
        )
        session.add(
            OrganisationIdentifier(
                organisation=organisation, identifier_type="charity_number", identifier=CHARITY
            )
        )
        session.commit()
    return empty_app


def _service(name: str, postcode: str = "", city: str = "", **extra) -> dict:
    service = {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, name)),
        "name": name,
        "description": f"{name}. Everyone is welcome.",
        "status": "active",
        "assured_date": "2026-10-01",
        "last_modified": "2026-10-02T09:00:00Z",
        "organization": {"id": str(uuid.uuid4()), "name": f"{name} group", "description": "x"},
    }
    if postcode or city:
        service["service_at_locations"] = [
            {
                "id": str(uuid.uuid4()),
                "location": {
                    "id": str(uuid.uuid4()),
                    "location_type": "physical",
                    "addresses": [
                        {
                            "id": str(uuid.uuid4()),
                            "address_1": "1 High Street",
                            "city": city,
                            "state_province": "Dorset",
                            "postal_code": postcode,
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ]
    service.update(extra)
    return service


def _attribute(term: str, name: str, taxonomy: str = "esd-service-types") -> dict:
    return {
        "id": str(uuid.uuid4()),
        "taxonomy_term": {
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, term)),
            "term": term,
            "name": name,
            "description": name,
            "taxonomy": taxonomy,
        },
    }


MEMORY_CAFE = _service(
    "Dorchester Memory Cafe",
    "DT1 1XJ",
    "Dorchester",
    attributes=[
        _attribute("dementia", "Dementia and memory support"),
        _attribute("memory-cafes", "Memory cafes"),
    ],
)
SAME_CHARITY = _service(
    "Bridport Friends",
    "DT6 9ZZ",
    "Bridport",
    description="Friendly visits at home in and around Bridport.",
    organization={
        "id": str(uuid.uuid4()),
        "name": "Bridport Friends CIO",
        "description": "A charity.",
        "organization_identifiers": [
            {"id": str(uuid.uuid4()), "identifier_type": "Charity number", "identifier": CHARITY}
        ],
    },
)
SAME_NAME_ELSEWHERE = _service("Sherborne Lunch Club", "DT9 6AA", "Sherborne")
IN_LONDON = _service(
    "Camden Walking Group",
    service_at_locations=[
        {"id": "l", "location": {"id": "l", "location_type": "physical", "latitude": 51.54,
                                 "longitude": -0.14}}
    ],
)  # fmt: skip
FEED = [MEMORY_CAFE, SAME_CHARITY, SAME_NAME_ELSEWHERE, IN_LONDON]


def _serve(httpserver, services: list[dict], per_page: int = 2, fail_page: int | None = None):
    pages = [services[i : i + per_page] for i in range(0, len(services), per_page)]
    for number, contents in enumerate(pages, start=1):
        handler = httpserver.expect_request(
            "/v3/services", query_string={"page": str(number), "per_page": "100"}
        )
        if number == fail_page:
            handler.respond_with_data("Server error", status=500)
            continue
        handler.respond_with_json(
            {
                "total_items": len(services),
                "total_pages": len(pages),
                "page_number": number,
                "size": len(contents),
                "first_page": number == 1,
                "last_page": number == len(pages),
                "empty": False,
                "contents": [{"id": s["id"], "name": s["name"]} for s in contents],
            }
        )
    for service in services:
        httpserver.expect_request(f"/v3/services/{service['id']}").respond_with_json(service)
    return httpserver.url_for("/v3")


def _invoke(app, *args):
    return app.test_cli_runner().invoke(args=["directory", *args], catch_exceptions=False)


def _count(app, model=Service) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(model))


def test_a_feed_imports_page_by_page_with_duplicates_and_unknown_terms_kept_for_officers(
    listed_app, httpserver
):
    url = _serve(httpserver, FEED)
    result = _invoke(listed_app, "import-feed", url, "--publisher", "NHS Dorset")
    assert result.exit_code == 0, result.output
    assert "1 added, 1 updated, 1 set aside as possible duplicates, 1 left out" in result.output
    assert "1 unknown taxonomy terms recorded" in result.output
    assert "Camden Walking Group" in result.output and "not in Dorset" in result.output
    with listed_app.app_context():
        session = get_session()
        cafe = session.scalar(select(Service).where(Service.name == "Dorchester Memory Cafe"))
        assert cafe.area == "West Dorset" and cafe.town == "Dorchester"
        assert [term.code for term in cafe.help_types] == ["dementia_support"]
        friends = session.get(Service, "listed-1")
        # The same charity and name: the listing is updated, keeping what the feed does not say.
        assert friends.description == "Friendly visits at home in and around Bridport."
        assert friends.accepts_direct_payments is True
        assert session.get(FeedListing, "listed-1").publisher == "NHS Dorset"
        assert session.scalar(select(func.count()).select_from(Service)) == 3
        duplicate = session.scalar(select(FeedPossibleDuplicate))
        assert duplicate.service_id == "listed-2"
        assert json.loads(duplicate.record)["name"] == "Sherborne Lunch Club"
        unknown = session.scalar(select(FeedUnknownTerm))
        assert (unknown.taxonomy, unknown.term, unknown.services) == (
            "esd-service-types",
            "memory-cafes",
            1,
        )
        slug = cafe.slug
    report = _invoke(listed_app, "feed-report").output
    assert "esd-service-types / memory-cafes (Memory cafes), on 1 service(s)" in report
    assert "'Sherborne Lunch Club'" in report and "listed-2" in report
    page = listed_app.test_client().get(f"/find-support/{slug}").get_data(as_text=True)
    assert "This listing comes from NHS Dorset" in page
    # Reading the feed again changes the same listings, and adds nothing twice.
    again = _invoke(listed_app, "import-feed", url, "--publisher", "NHS Dorset")
    assert "0 added, 2 updated" in again.output, again.output
    assert _count(listed_app) == 3


def test_a_feed_that_fails_halfway_changes_nothing(listed_app, httpserver):
    url = _serve(httpserver, FEED, fail_page=2)
    result = listed_app.test_cli_runner().invoke(args=["directory", "import-feed", url])
    assert result.exit_code == 1
    assert "Nothing was imported" in result.output and "500" in result.output
    assert _count(listed_app) == 2
    assert _count(listed_app, FeedUnknownTerm) == 0


def test_since_asks_the_publisher_for_changes_only(listed_app, httpserver):
    httpserver.expect_request(
        "/v3/services",
        query_string={"page": "1", "per_page": "100", "modified_after": "2026-11-20T00:00:00"},
    ).respond_with_json({"total_pages": 1, "last_page": True, "contents": []})
    url = httpserver.url_for("/v3/services")
    result = _invoke(listed_app, "import-feed", url, "--since", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert "0 added, 0 updated" in result.output


def test_refresh_feeds_reads_every_feed_in_the_settings(listed_app, httpserver):
    url = _serve(httpserver, [MEMORY_CAFE])
    listed_app.config["ORUK_FEEDS"] = json.dumps({"Dorset Family Hubs": url})
    result = _invoke(listed_app, "refresh-feeds")
    assert "Imported" in result.output and "(Dorset Family Hubs): 1 added" in result.output
    listed_app.config["ORUK_FEEDS"] = "not json"
    bad = listed_app.test_cli_runner().invoke(args=["directory", "refresh-feeds"])
    assert bad.exit_code == 1 and "ORUK_FEEDS must be a JSON object" in bad.output


# Values of the wrong type in an ORUK file: each is a problem with its record and field.
WRONG_TYPES = [
    ({"name": 5}, "line 1, name: must be text"),
    ({"name": ["a"]}, "line 1, name: must be text"),
    ({"description": {"a": 1}}, "line 1, description: must be text"),
    ({"organization": "Acme"}, "line 1, organization: must be a JSON object"),
    ({"organization": {"name": [1]}}, "organization.name: must be text"),
    ({"service_at_locations": "here"}, "line 1, service_at_locations: must be a list"),
    ({"service_at_locations": [1]}, "service_at_locations[0]: must be a JSON object"),
    ({"service_at_locations": [{"location": []}]}, "location: must be a JSON object"),
    (
        {"service_at_locations": [{"location": {"latitude": {"x": 1}}}]},
        "location.latitude: must be a number",
    ),
    (
        {"service_at_locations": [{"location": {"addresses": {"city": "x"}}}]},
        "location.addresses: must be a list",
    ),
    ({"attributes": {"term": "x"}}, "line 1, attributes: must be a list"),
    ({"attributes": ["meals"]}, "attributes[0]: must be a JSON object"),
    ({"attributes": [{"taxonomy_term": "meals"}]}, "taxonomy_term: must be a JSON object"),
    ({"schedules": [{"byday": 1.5, "opens_at": 9}]}, "schedules[0].byday: must be text"),
    ({"cost_options": [{"amount": "lots"}]}, "line 1, cost_amount: 'lots' must be a number"),
    ({"minimum_age": True}, "line 1, minimum_age: must be a number"),
    ({"phones": [{"number": None}], "email": 12}, "line 1, email: must be text"),
    ({"languages": "English"}, "line 1, languages: must be a list"),
]


@pytest.mark.parametrize(("change", "message"), WRONG_TYPES)
def test_an_oruk_file_with_wrong_value_types_is_reported_not_a_traceback(
    empty_app, tmp_path, change, message
):
    service = _service("Bridport Lunch Club", "DT6 3AA", "Bridport") | change
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([service]))
    result = empty_app.test_cli_runner().invoke(args=["directory", "import", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1, result.output
    assert message in result.output, result.output
    assert "Nothing was imported" in result.output


def test_a_page_that_is_not_a_list_is_reported(empty_app, tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"contents": {"name": "x"}}))
    result = empty_app.test_cli_runner().invoke(args=["directory", "import", str(path)])
    assert "line 1, file: must hold a list of Open Referral UK services" in result.output


def test_two_concurrent_imports_of_the_same_new_listings_are_serialised(empty_database_url):
    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        load_gazetteer(session)
        session.commit()
    rows = [_row(n, f"Listing {n}", "DT6 3AA") for n in range(1, 41)]
    start = threading.Barrier(2)
    outcomes: list = []

    def run() -> None:
        with Session(engine) as session:
            start.wait()
            try:
                summary = import_rows(session, enumerate(rows, start=1))
                session.commit()
                outcomes.append((summary.added, summary.updated))
            except Exception as error:  # the test reports whatever went wrong
                outcomes.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [(0, 40), (40, 0)], outcomes
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Service)) == 40
    engine.dispose()


def test_our_own_feed_read_by_another_directory_gives_the_same_listings(
    listed_app, httpserver, database_kind, tmp_path
):
    source = listed_app.test_client()

    def publish(request):
        answer = source.get(request.full_path)
        return Response(answer.get_data(), answer.status_code, content_type=answer.content_type)

    httpserver.expect_request(re.compile(r"^/openreferral/v3/.*")).respond_with_handler(publish)
    with new_database(database_kind, tmp_path / "reader") as url:
        reader = create_app(make_test_config(url, str(tmp_path / "reader-index")))
        result = _invoke(reader, "import-feed", httpserver.url_for("/openreferral/v3/"))
        assert "2 added" in result.output, result.output
        exported = _invoke(reader, "export").output
        reader.extensions["engine"].dispose()
    assert exported == _invoke(listed_app, "export").output


def _officer_client(app):
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    sign_in_officer(client, add_officer(app))
    return client


def _duplicate_id(app) -> int:
    with app.app_context():
        return get_session().scalar(select(FeedPossibleDuplicate.id))


def test_officers_see_a_feeds_unknown_terms_and_possible_duplicates(listed_app, httpserver):
    url = _serve(httpserver, FEED)
    _invoke(listed_app, "import-feed", url, "--publisher", "NHS Dorset")
    client = _officer_client(listed_app)
    queue = client.get("/admin/queue").get_data(as_text=True)
    assert "Possible duplicate from a feed" in queue and "Sherborne Lunch Club" in queue
    feeds_page = client.get("/admin/feeds")
    assert feeds_page.status_code == 200
    assert_sound_page(feeds_page.get_data(as_text=True), feeds_page.headers)
    cells = [
        [cell.get_text(strip=True) for cell in row.find_all(["td", "th"])]
        for row in BeautifulSoup(feeds_page.get_data(as_text=True), "html.parser").select("tr")
    ]
    assert ["esd-service-types", "memory-cafes", "Memory cafes", "1"] in [c[:4] for c in cells]
    assert url in feeds_page.get_data(as_text=True)
    duplicate = client.get(f"/admin/feeds/duplicates/{_duplicate_id(listed_app)}")
    assert duplicate.status_code == 200
    page = duplicate.get_data(as_text=True)
    assert_sound_page(page, duplicate.headers)
    assert "the same name as listing listed-2, at another address" in page
    assert "DT9 6AA" in page, "the feed's postcode, against the listing's"
    for missing in ("nope", "0", "999999"):
        assert client.get(f"/admin/feeds/duplicates/{missing}").status_code == 404


def test_an_officer_keeps_a_possible_duplicate_as_a_new_listing(listed_app, httpserver):
    url = _serve(httpserver, FEED)
    _invoke(listed_app, "import-feed", url, "--publisher", "NHS Dorset")
    client = _officer_client(listed_app)
    response = client.post(f"/admin/feeds/duplicates/{_duplicate_id(listed_app)}/keep")
    assert response.status_code == 302
    with listed_app.app_context():
        session = get_session()
        both = session.scalars(select(Service).where(Service.name == "Sherborne Lunch Club")).all()
        assert len(both) == 2
        kept = next(service for service in both if service.id != "listed-2")
        assert kept.slug == "sherborne-lunch-club-2"
        assert session.get(FeedListing, kept.id).publisher == "NHS Dorset"
        assert session.scalar(select(func.count()).select_from(FeedPossibleDuplicate)) == 0
        kept_id = kept.id
    assert response.location.endswith(f"/admin/listings/{kept_id}")
    assert "The queue is empty" in client.get("/admin/queue").get_data(as_text=True)
    # The feed's service now has its listing: reading the feed again updates it.
    again = _invoke(listed_app, "import-feed", url, "--publisher", "NHS Dorset")
    assert "0 added, 3 updated, 0 set aside" in again.output, again.output


def test_an_officer_merges_a_possible_duplicate_into_the_listing(listed_app, httpserver):
    url = _serve(httpserver, FEED)
    _invoke(listed_app, "import-feed", url, "--publisher", "NHS Dorset")
    before = _count(listed_app)
    client = _officer_client(listed_app)
    response = client.post(f"/admin/feeds/duplicates/{_duplicate_id(listed_app)}/merge")
    assert response.location.endswith("/admin/listings/listed-2")
    assert _count(listed_app) == before
    with listed_app.app_context():
        session = get_session()
        listed = session.get(Service, "listed-2")
        assert listed.description == "Sherborne Lunch Club. Everyone is welcome."
        assert listed.accepts_direct_payments is True, "what the feed does not say is kept"
        assert session.get(FeedListing, "listed-2").publisher == "NHS Dorset"
        assert session.scalar(select(func.count()).select_from(FeedPossibleDuplicate)) == 0
    again = _invoke(listed_app, "import-feed", url, "--publisher", "NHS Dorset")
    assert "0 added, 3 updated, 0 set aside" in again.output, again.output


def _take_over(listing: Service, external_id: str) -> dict:
    """A feed's service giving `listing`'s id (as our own ORUK feed does) with other details."""
    service = json.loads(json.dumps(oruk.to_oruk(listing), default=str))
    service.update(id=external_id, name="Scam Care Ltd", url="https://scam.example/pay")
    return service


def test_a_feed_cannot_change_a_listing_it_did_not_bring_in(listed_app):
    with listed_app.app_context():
        session = get_session()
        before = service_record(session.get(Service, "listed-1"))
        by_reference = _take_over(session.get(Service, "listed-1"), "evil-1")
        by_id = {**_service("Scam Care Ltd", "DT6 3AA", "Bridport"), "id": "listed-1"}
        summary = feeds.import_feed(session, "https://evil.example/v3", "Evil", [by_reference])
        assert summary.imported.updated == summary.imported.added == 0
        assert summary.set_aside == [
            "Scam Care Ltd (evil-1): the id of listing listed-1, which does not come from this feed"
        ]
        summary = feeds.import_feed(session, "https://evil.example/v3", "Evil", [by_id])
        assert len(summary.set_aside) == 1 and summary.imported.updated == 0
        session.commit()
        session.expire_all()
        assert service_record(session.get(Service, "listed-1")) == before
        assert session.get(FeedListing, "listed-1") is None
        set_aside = session.scalars(select(FeedPossibleDuplicate)).all()
        assert {(d.external_id, d.service_id) for d in set_aside} == {
            ("evil-1", "listed-1"),
            ("listed-1", "listed-1"),
        }
    # An officer who keeps one adds it under an id of its own, never over the listing.
    client = _officer_client(listed_app)
    client.post(f"/admin/feeds/duplicates/{_duplicate_id(listed_app)}/keep")
    with listed_app.app_context():
        session = get_session()
        assert service_record(session.get(Service, "listed-1")) == before
        kept = session.scalar(select(Service).where(Service.name == "Scam Care Ltd"))
        assert kept.id != "listed-1"
        assert session.get(FeedListing, kept.id).feed_url == "https://evil.example/v3"


def test_a_second_feed_cannot_take_over_a_listing_from_the_first(listed_app):
    first, second = "https://first.example/v3", "https://second.example/v3"
    with listed_app.app_context():
        session = get_session()
        assert feeds.import_feed(session, first, "First", [MEMORY_CAFE]).imported.added == 1
        session.commit()
        cafe = session.scalar(select(Service).where(Service.name == "Dorchester Memory Cafe"))
        cafe_id, before = cafe.id, service_record(cafe)
        by_id = _take_over(cafe, cafe_id)
        same_service = {**MEMORY_CAFE, "id": "theirs-2", "url": "https://scam.example/pay"}
        # A service of its own that gives the cafe's slug is added, under a slug of its own.
        own = _take_over(cafe, "theirs-3")
        summary = feeds.import_feed(session, second, "Second", [by_id, same_service, own])
        assert (summary.imported.updated, summary.imported.added) == (0, 1)
        assert session.get(Service, "theirs-3").slug == "scam-care-ltd"
        assert summary.set_aside[1] == (
            f"Dorchester Memory Cafe (theirs-2): the same service as listing {cafe_id}, "
            "which another feed keeps up to date"
        )
        session.commit()
        session.expire_all()
        assert service_record(session.get(Service, cafe_id)) == before
        assert session.get(FeedListing, cafe_id).feed_url == first
        duplicate_id = session.scalar(
            select(FeedPossibleDuplicate.id).where(FeedPossibleDuplicate.external_id == "theirs-2")
        )
    # Nor can an officer merge it: the listing would pass from one feed to the other.
    client = _officer_client(listed_app)
    client.post(f"/admin/feeds/duplicates/{duplicate_id}/merge")
    page = client.get(f"/admin/feeds/duplicates/{duplicate_id}").get_data(as_text=True)
    assert "comes from another feed" in page
    with listed_app.app_context():
        session = get_session()
        assert session.get(FeedListing, cafe_id).feed_url == first
        assert service_record(session.get(Service, cafe_id)) == before
        # The first feed still keeps its listing up to date.
        summary = feeds.import_feed(session, first, "First", [MEMORY_CAFE])
        assert (summary.imported.updated, summary.set_aside) == (1, [])
