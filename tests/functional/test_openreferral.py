"""The Open Referral UK 3.0 API under /openreferral/v3: every answer checked against the ORUK
3.0 schemas kept in tests/fixtures/oruk-3.0, formats included."""

import json
from datetime import date, datetime

import pytest

from search_index import miles_between
from tests.oruk_schemas import assert_valid, assert_valid_page
from tests.upkeep import add_listing
from webapp.accounts import create_account
from webapp.database import get_session
from webapp.directory import oruk
from webapp.models import Report, Service
from webapp.moderation import save_answers, start_submission, submit

API = "/openreferral/v3"
DT1 = (50.7140, -2.4400)  # the gazetteer's DT1 district


def _json(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/json"
    return response.get_json()


def test_the_root_names_the_version_profile_and_openapi_document(client):
    root = _json(client, f"{API}/")
    assert root["version"] == "3.0"
    assert root["profile"].startswith("https://")
    assert root["openapi_url"].endswith("openapi.json")


def test_the_root_is_cheap_to_poll_too(client):
    response = client.get(f"{API}/")
    again = client.get(f"{API}/", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""


def test_start_and_end_time_mean_what_the_oruk_openapi_says(client):
    # "Return services with a start time of at least the specified value" and "with a end
    # time of at equal to or below": opening hours that lie within the window, ends included.
    def found(start: str, end: str) -> dict:
        return _json(client, f"{API}/services?day=TU&start_time={start}&end_time={end}")

    window = found("08:00", "20:00")
    assert window["total_items"] > 0
    for summary in window["contents"][:10]:
        schedules = _json(client, f"{API}/services/{summary['id']}")["schedules"]
        assert any(
            "TU" in s["byday"] and s["opens_at"] >= "08:00" and s["closes_at"] <= "20:00"
            for s in schedules
        )
    # Those open 8am to 8pm are in the window only because its ends are included.
    assert found("08:01", "20:00")["total_items"] < window["total_items"]
    assert found("08:00", "19:59")["total_items"] < window["total_items"]


def test_a_consumer_can_page_through_services_and_fetch_each_one(client):
    seen = []
    page_number = 1
    while True:
        page = _json(client, f"{API}/services?per_page=40&page={page_number}")
        assert_valid_page("service_list", page)
        assert page["total_items"] == 155
        assert page["total_pages"] == 4
        assert page["page_number"] == page_number
        assert page["first_page"] is (page_number == 1)
        seen += [service["id"] for service in page["contents"]]
        if page["last_page"]:
            break
        page_number += 1
    assert len(seen) == len(set(seen)) == 155
    for service_id in seen:
        service = _json(client, f"{API}/services/{service_id}")
        assert_valid("service", service)
        assert service["id"] == service_id


def test_paging_past_the_end_is_an_empty_page(client):
    page = _json(client, f"{API}/services?page=99")
    assert_valid_page("service_list", page)
    assert page["contents"] == [] and page["empty"] is True and page["size"] == 0
    assert page["total_items"] == 155 and page["last_page"] is True


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=%C2%B2",
        "per_page=101",
        "per_page=-1",
        "minimum_age=old",
        "maximum_age=1e999",
        "day=Funday",
        "start_time=25:00",
        "end_time=9am",
        "search=" + "+".join(["word"] * 11),
        "modified_after=yesterday",
    ],
)
def test_a_bad_parameter_is_a_400_with_a_json_error(client, query):
    for endpoint in ("services", "service_at_locations"):
        error = _json(client, f"{API}/{endpoint}?{query}", status=400)
        assert error["parameter"] == query.split("=")[0]
        assert error["error"]


@pytest.mark.parametrize("query", ["postcode=XX", "postcode=SW1A+1AA", "proximity=500"])
def test_a_bad_place_is_a_400_with_a_json_error(client, query):
    assert _json(client, f"{API}/service_at_locations?{query}", status=400)["error"]


def test_an_unknown_id_is_a_404_in_json(client):
    for endpoint in ("services", "service_at_locations", "taxonomies", "taxonomy_terms"):
        assert _json(client, f"{API}/{endpoint}/nope", status=404)["status"] == 404


def test_search_and_filters_narrow_the_services(client):
    everything = _json(client, f"{API}/services?per_page=100")["total_items"]
    found = _json(client, f"{API}/services?search=prescriptions&per_page=100")
    assert 0 < found["total_items"] < everything
    terms = _json(client, f"{API}/taxonomy_terms?per_page=100")["contents"]
    transport = next(term for term in terms if term["term"] == "transport")
    by_term = _json(client, f"{API}/services?taxonomy_term_id={transport['id']}&per_page=100")
    assert 0 < by_term["total_items"] < everything
    for summary in by_term["contents"][:10]:
        service = _json(client, f"{API}/services/{summary['id']}")
        assert transport["id"] in [a["taxonomy_term_id"] for a in service["attributes"]]
    purbeck = oruk.FACTS["area:Purbeck"].id
    in_purbeck = _json(client, f"{API}/services?taxonomy_term_id={purbeck}&per_page=100")
    assert 0 < in_purbeck["total_items"] < everything
    mondays = _json(client, f"{API}/services?day=MO&start_time=09:00&end_time=17:00&per_page=100")
    for summary in mondays["contents"][:10]:
        schedules = _json(client, f"{API}/services/{summary['id']}")["schedules"]
        assert any(
            "MO" in s["byday"] and s["opens_at"] >= "09:00" and s["closes_at"] <= "17:00"
            for s in schedules
        )
    assert 0 < mondays["total_items"] < everything
    help_taxonomy = oruk.TAXONOMIES[0].id
    assert _json(client, f"{API}/services?taxonomy_id={help_taxonomy}")["total_items"] > 0
    assert _json(client, f"{API}/services?taxonomy_id=unknown")["total_items"] == 0
    adults = _json(client, f"{API}/services?minimum_age=18&per_page=100")["total_items"]
    assert 0 < adults <= everything


def test_service_at_locations_near_a_postcode_are_nearest_first_and_within_reach(client):
    page = _json(client, f"{API}/service_at_locations?postcode=DT1+1XJ&proximity=5000&per_page=100")
    assert_valid_page("service_at_location_list", page)
    assert page["total_items"] > 0
    distances = [
        miles_between(DT1, (item["location"]["latitude"], item["location"]["longitude"])) * 1609.344
        for item in page["contents"]
    ]
    assert distances == sorted(distances)
    assert max(distances) <= 5000
    whole = _json(client, f"{API}/service_at_locations/{page['contents'][0]['id']}")
    assert_valid("service_at_location", whole)
    everywhere = _json(client, f"{API}/service_at_locations?per_page=100&page=2")
    assert_valid_page("service_at_location_list", everywhere)
    assert everywhere["total_items"] == 155


def test_taxonomies_publish_the_types_of_help_and_the_dorset_facts(client):
    taxonomies = _json(client, f"{API}/taxonomies")
    assert_valid_page("taxonomy", taxonomies)
    names = {taxonomy["name"] for taxonomy in taxonomies["contents"]}
    assert names == {"Dorset Care Guide types of help", "Dorset Care Guide listing facts"}
    published_terms = set()
    for taxonomy in taxonomies["contents"]:
        whole = _json(client, f"{API}/taxonomies/{taxonomy['id']}")
        assert_valid("taxonomy", whole)
        published_terms |= {term["id"] for term in whole["taxonomy_terms"]}
    terms = _json(client, f"{API}/taxonomy_terms?per_page=100")
    assert_valid_page("taxonomy_term", terms)
    assert terms["total_items"] == len(published_terms)
    assert_valid(
        "taxonomy_term", _json(client, f"{API}/taxonomy_terms/{terms['contents'][0]['id']}")
    )
    # Every term a service uses is one the API publishes.
    page = _json(client, f"{API}/services?per_page=20")
    for summary in page["contents"]:
        for attribute in _json(client, f"{API}/services/{summary['id']}")["attributes"]:
            assert attribute["taxonomy_term_id"] in published_terms


def test_answers_are_open_to_every_site_and_cheap_to_poll(client):
    response = client.get(f"{API}/services")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    etag, modified = response.headers["ETag"], response.headers["Last-Modified"]
    again = client.get(f"{API}/services", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["Access-Control-Allow-Origin"] == "*"
    since = client.get(f"{API}/services", headers={"If-Modified-Since": modified})
    assert since.status_code == 304
    other = client.get(f"{API}/services?page=2", headers={"If-None-Match": etag})
    assert other.status_code == 200, "each query has its own ETag"
    assert client.get(f"{API}/taxonomies").headers["Access-Control-Allow-Origin"] == "*"


def test_a_service_says_when_it_was_checked_changed_and_whether_it_is_open(empty_app):
    runner = empty_app.test_cli_runner()
    assert runner.invoke(args=["directory", "load-sample"]).exit_code == 0
    client = empty_app.test_client()
    with empty_app.app_context():
        session = get_session()
        closed = session.get(Service, "sample-000003")
        closed.status = "temporarily_closed"
        closed.closed_reason = "Closed while the hall is repaired."
        closed.availability = "waiting_list"
        closed.last_checked = date(2026, 10, 5)
        hidden = session.get(Service, "sample-000004")
        hidden.status = "pending"  # anything not approved and public is never published
        session.commit()
        closed_id, hidden_id = oruk.service_id(closed), oruk.service_id(hidden)
    service = _json(client, f"{API}/services/{closed_id}")
    assert_valid("service", service)
    assert service["status"] == "temporarily closed"
    assert service["assured_date"] == "2026-10-05"
    assert service["last_modified"].startswith(date.today().isoformat()[:4])
    assert service["alert"] == "Closed while the hall is repaired."
    facts = {a["taxonomy_term"]["term"]: a.get("value") for a in service["attributes"]}
    assert "availability:waiting_list" in facts
    assert facts["closed_reason"] == "Closed while the hall is repaired."
    assert _json(client, f"{API}/services/{hidden_id}", status=404)
    page = _json(client, f"{API}/services?per_page=100&page=2")
    assert page["total_items"] == 154
    assert hidden_id not in [
        s["id"] for s in _json(client, f"{API}/services?per_page=100")["contents"]
    ]
    exported = runner.invoke(args=["directory", "export", "--format", "oruk"]).output
    assert hidden_id not in {s["id"] for s in json.loads(exported)}


def test_the_export_is_valid_and_the_same_as_the_api(client, runner):
    result = runner.invoke(args=["directory", "export", "--format", "oruk"])
    services = json.loads(result.output)
    assert len(services) == 155
    for service in services:
        assert_valid("service", service)
    first = services[0]
    assert _json(client, f"{API}/services/{first['id']}") == first


def _every_answer(client) -> list[dict]:
    """Every ORUK answer a consumer can reach: each page of each list, and each item on it."""
    answers = [_json(client, f"{API}/")]
    for endpoint in ("services", "service_at_locations", "taxonomies", "taxonomy_terms"):
        page_number = 1
        while True:
            page = _json(client, f"{API}/{endpoint}?per_page=100&page={page_number}")
            answers.append(page)
            answers += [
                _json(client, f"{API}/{endpoint}/{item['id']}") for item in page["contents"]
            ]
            if page["last_page"]:
                break
            page_number += 1
    return answers


def test_nothing_waiting_for_an_officer_is_ever_published(empty_app):
    """A new listing and a change waiting in the queue, a report and a provider's account:
    none of them reaches any ORUK answer or the export, only the approved listing as it is."""
    add_listing(empty_app, id="approved-1", description="Visits at home, as approved.")
    with empty_app.app_context():
        db = get_session()
        provider = create_account(db, "hidden-provider@example.org", "provider", name="Hidden Hal")
        new = start_submission(db, provider, None)
        save_answers(
            new,
            {"name": "Unapproved Newcomers", "summary": "Not yet checked", "area": "Purbeck",
             "town": "Wareham", "kind": "micro_provider", "help_types": "befriending"},
        )  # fmt: skip
        submit(new)
        change = start_submission(db, provider, db.get(Service, "approved-1"))
        save_answers(
            change, {"name": "Renamed Before Approval", "description": "Changed, not approved."}
        )
        submit(change)
        db.add(
            Report(
                reference="RHIDDEN01",
                service_id="approved-1",
                problem="The phone number is wrong, says a reporter.",
                name="Rita Reporter",
                email="rita@example.org",
                created_at=datetime.now(),
            )
        )
        db.commit()
        approved_id = oruk.service_id(db.get(Service, "approved-1"))
    client = empty_app.test_client()
    published = json.dumps(_every_answer(client))
    exported = empty_app.test_cli_runner().invoke(args=["directory", "export", "--format", "oruk"])
    assert exported.exit_code == 0, exported.output
    for text in (published, exported.output):
        for secret in (
            "Unapproved Newcomers", "Renamed Before Approval", "Changed, not approved",
            "hidden-provider", "Hidden Hal", "phone number is wrong", "Rita", "RHIDDEN01",
        ):  # fmt: skip
            assert secret not in text
    service = _json(client, f"{API}/services/{approved_id}")
    assert (service["name"], service["description"]) == (
        "Bridport Befrienders",
        "Visits at home, as approved.",
    )
    assert json.loads(exported.output) == [service]
    assert _json(client, f"{API}/services")["total_items"] == 1


def test_a_kept_answer_is_never_served_after_the_data_changes(empty_app):
    add_listing(empty_app, id="kept-1")
    client = empty_app.test_client()
    first = _json(client, f"{API}/services")
    assert _json(client, f"{API}/services") == first, "asked again: the kept answer"
    with empty_app.app_context():
        db = get_session()
        db.get(Service, "kept-1").name = "Bridport Befrienders and Friends"
        db.commit()
    assert _json(client, f"{API}/services")["contents"][0]["name"] == (
        "Bridport Befrienders and Friends"
    )
    with empty_app.app_context():
        db = get_session()
        db.get(Service, "kept-1").status = "pending"  # no longer published
        db.commit()
    assert _json(client, f"{API}/services")["total_items"] == 0


def test_a_change_to_an_organisation_or_a_place_is_a_change_to_its_listings(empty_app):
    add_listing(empty_app, id="kept-2")
    client = empty_app.test_client()
    before = _json(client, f"{API}/services/kept-2")
    with empty_app.app_context():
        db = get_session()
        service = db.get(Service, "kept-2")
        service.organisation.name = "Renamed Friends of Bridport"
        db.commit()
    renamed = _json(client, f"{API}/services/kept-2")
    assert renamed["organization"]["name"] == "Renamed Friends of Bridport"
    assert renamed["last_modified"] >= before["last_modified"]
    with empty_app.app_context():
        db = get_session()
        place = db.get(Service, "kept-2").locations[0].location
        place.name = "The Renamed Hall"
        db.commit()
    moved = _json(client, f"{API}/services/kept-2")
    assert moved["service_at_locations"][0]["location"]["name"] == "The Renamed Hall"


def test_a_listing_taken_off_the_site_is_not_published(empty_app):
    add_listing(empty_app, id="gone", name="Zanzibar Befrienders", status="inactive")
    add_listing(empty_app, id="shown", name="Quokka Befrienders")
    client = empty_app.test_client()
    with empty_app.app_context():
        gone = get_session().get(Service, "gone")
        gone_id, link_id = oruk.service_id(gone), gone.locations[0].id
    assert _json(client, f"{API}/services/{gone_id}", status=404)
    assert _json(client, f"{API}/service_at_locations/{link_id}", status=404)
    services = _json(client, f"{API}/services")
    assert [s["name"] for s in services["contents"]] == ["Quokka Befrienders"]
    assert services["total_items"] == 1
    links = _json(client, f"{API}/service_at_locations")["contents"]
    assert link_id not in [link["id"] for link in links] and len(links) == 1
    found = _json(client, f"{API}/services?search=zanzibar")
    assert found["total_items"] == 0
    exported = empty_app.test_cli_runner().invoke(args=["directory", "export", "--format", "oruk"])
    assert [s["name"] for s in json.loads(exported.output)] == ["Quokka Befrienders"]
