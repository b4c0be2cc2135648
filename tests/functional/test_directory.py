"""The directory pages through the Flask test client, on the sample directory."""

import json
import re

import pytest

from search_index.engine import miles_between
from search_index.schema import BOOLEAN_FACETS, FACET_FIELDS
from tests.conftest import assert_sound_page
from tests.upkeep import add_listing, add_officer, add_provider, sign_in_officer, sign_in_provider
from webapp.content.contacts import contact
from webapp.database import get_session
from webapp.directory.forms import SearchForm
from webapp.directory.listings import listing_document_by_id, reindex_listing
from webapp.directory.places import gazetteer_rows
from webapp.directory.sample_data import VALLEY_MILES, VALLEYS, sample_records
from webapp.models import Service
from webapp.revisions import bump_revision
from webapp.search import rebuild_index


def _result_names(page) -> list[str]:
    return [link.get_text(strip=True) for link in page.select(".dcg-result h3 a")]


def _count(page) -> str:
    return page.select_one("#result-count").get_text(" ", strip=True)


def test_the_directory_lists_everything_with_filters_and_counts(pages):
    page = pages.get("/find-support")
    assert _count(page) == "155 results"
    assert len(_result_names(page)) == 20
    labels = [
        label.get_text(strip=True)
        for label in page.select("#kind ~ * label, .govuk-checkboxes__label")
    ]
    assert "Extra care housing (5)" in labels
    assert page.select_one("nav.govuk-pagination")


def test_sample_listings_are_marked_as_sample(pages):
    page = pages.get("/find-support?q=befriending")
    assert (
        page.select_one(".govuk-notification-banner")
        .get_text(" ", strip=True)
        .startswith("Sample data")
    )
    results = page.select(".dcg-result")
    assert results and all(r.select_one(".govuk-tag").get_text() == "Sample" for r in results)


def test_the_real_extra_care_schemes_are_not_marked_as_sample(pages):
    page = pages.get("/find-support?kind=extra_care_scheme")
    assert sorted(_result_names(page)) == [
        "Bridport extra care housing",
        "Gillingham extra care housing",
        "Poundbury extra care housing",
        "Purbeck extra care housing",
        "Wareham extra care housing",
    ]
    assert not page.select(".dcg-result .govuk-tag")


def test_words_filters_and_distance_together(pages):
    page = pages.get("/find-support?q=sitter&location=Sherborne&sort=distance&within=20")
    assert _count(page).endswith("near Sherborne")
    distances = [
        float(meta.get_text().split(", ")[-1].split(" miles")[0])
        for meta in page.select(".dcg-result__meta")
    ]
    assert distances == sorted(distances)
    assert all(distance <= 20 for distance in distances)
    assert page.select_one("mark")


def test_a_full_postcode_falls_back_to_its_district(pages):
    page = pages.get("/find-support?location=dt1+1xj&sort=distance")
    assert _count(page) == "155 results near DT1 1XJ"


def test_a_spelling_mistake_offers_did_you_mean(pages):
    page = pages.get("/find-support?q=befrending")
    assert _count(page) == "0 results"
    link = page.find("a", string="befriending")
    assert link["href"] == "/find-support?q=befriending"


def test_nothing_found_gives_a_helpful_page(pages):
    page = pages.get("/find-support?q=helicopter")
    text = page.select_one("main").get_text(" ", strip=True)
    assert "remove a filter" in text
    assert "check the spelling" in text
    assert page.find("a", string="contact Dorset Council’s Adult Access Team")


@pytest.mark.parametrize(
    ("query", "status", "message", "field_id"),
    [
        ("q=" + "care " * 400, 400, "Search words must be 200 characters or fewer", "q"),
        ("kind=spaceship", 400, "We do not recognise the filter ‘spaceship’", "kind"),
        ("location=SW1A+1AA", 400, "We could not find that town or postcode in Dorset", "location"),
        ("location=not+a+place+at+all", 400, "We could not find that town or postcode", "location"),
        ("location=" + "x" * 100, 400, "60 characters or fewer", "location"),
        ("within=5", 400, "Enter a town or postcode to search within a distance", "within"),
        ("sort=distance", 400, "Enter a town or postcode to sort by distance", "sort"),
        ("page=abc", 400, "The page number must be a whole number", "page"),
    ],
)
def test_bad_input_gets_a_clear_message_and_a_working_page(pages, query, status, message, field_id):
    page = pages.get(f"/find-support?{query}", status=status)
    summary = page.select_one(".govuk-error-summary")
    assert message in summary.get_text(" ", strip=True)
    assert page.title.string.startswith("Error:")
    assert page.select_one("#result-count")  # the page still works


def test_a_page_beyond_the_last_is_404_with_a_way_back(pages):
    page = pages.get("/find-support?q=befriending&page=99999", status=404)
    assert page.find(string=lambda s: s and "There is no page 99999" in s)
    assert page.find("a", string="Go to the first page")["href"] == "/find-support?q=befriending"


def test_search_words_are_shown_back_escaped(pages, client):
    html = client.get("/find-support?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    page = pages.get("/find-support?q=%3Cb%3Ebold%3C%2Fb%3E")
    assert page.select_one("#q")["value"] == "<b>bold</b>"
    assert not page.select("main b")


def test_what_a_person_typed_is_kept_in_the_form(pages):
    page = pages.get("/find-support?q=lift&location=Wareham&within=10&funding=direct_payments")
    assert page.select_one("#q")["value"] == "lift"
    assert page.select_one("#location")["value"] == "Wareham"
    assert page.select_one("#within option[selected]")["value"] == "10"
    assert page.select_one('input[name="funding"][value="direct_payments"]').has_attr("checked")


def test_pagination_keeps_every_choice(pages):
    page = pages.get("/find-support?area=West+Dorset&funding=self_funders")
    next_link = page.select_one(".govuk-pagination__next a")["href"]
    assert "area=West+Dorset" in next_link
    assert "funding=self_funders" in next_link
    assert next_link.endswith("page=2")


def test_a_listing_page_shows_everything_a_person_needs(pages):
    search = pages.get("/find-support?q=befriending")
    url = search.select_one(".dcg-result h3 a")["href"]
    page = pages.get(url)
    keys = [key.get_text(strip=True) for key in page.select(".govuk-summary-list__key")]
    for expected in ("What they offer", "Who it is for", "Cost", "Area covered", "Opening times",
                     "How you can pay", "Registration"):  # fmt: skip
        assert expected in keys
    assert page.find(string=lambda s: s and s.startswith("Checked by the council on "))
    assert page.find("a", string="Report something wrong with this listing")
    assert page.select_one(".govuk-notification-banner")  # sample data
    phone = page.find(string=lambda s: s and "Telephone:" in s)
    number = phone.split("Telephone:")[1].strip()
    assert number.startswith(("01632 960", "07700 900"))  # Ofcom's drama ranges


def test_a_listing_carries_schema_org_json_ld(pages):
    page = pages.get("/find-support/poundbury-extra-care")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Service"
    assert data["name"] == "Poundbury extra care housing"


def test_an_extra_care_scheme_shows_the_facts_we_have_and_says_what_is_unknown(pages):
    page = pages.get("/find-support/gillingham-extra-care")
    rows = {
        row.select_one(".govuk-summary-list__key").get_text(strip=True): row.select_one(
            ".govuk-summary-list__value"
        ).get_text(strip=True)
        for row in page.select(".govuk-summary-list__row")
    }
    assert rows["Number of flats"] == "55"
    assert rows["Care team on site 24 hours"] == "Yes"
    assert rows["Landlord"] == "Magna Housing"
    assert rows["Dementia friendly"] == "To be confirmed"
    assert "checked 2026-11-25" in page.get_text()
    assert not page.select(".govuk-notification-banner")


def test_an_unknown_listing_is_404(pages):
    pages.get("/find-support/no-such-listing", status=404)
    pages.get("/find-support/%3Cscript%3E", status=404)


def _distances(page) -> list[float]:
    return [
        float(meta.get_text().split(", ")[-1].split(" miles")[0])
        for meta in page.select(".dcg-result__meta")
    ]


@pytest.mark.parametrize("words", ["someone to sit with mum", "sitter for mum"])
def test_everyday_words_find_sitters_without_a_silly_suggestion(pages, words):
    page = pages.get("/find-support", query_string={"q": words})
    names = _result_names(page)
    assert names and all("Sitt" in name or "Time Out" in name for name in names[:5])
    assert not page.select_one("#suggestion")
    assert not page.select_one("#partial-match")


def test_a_postcode_in_the_words_is_where_to_look_nearest_first(pages):
    page = pages.get("/find-support", query_string={"q": "befriending DT6"})
    assert _count(page).endswith("results near DT6")
    distances = _distances(page)
    assert distances and distances == sorted(distances)
    assert distances[0] < 5
    assert not page.select_one("#suggestion")
    assert page.select_one("input[name=sort][value=distance]").has_attr("checked")


def test_a_place_nearest_first_unless_best_match_is_chosen(pages):
    nearest = pages.get("/find-support", query_string={"q": "befriending", "location": "DT6"})
    distances = _distances(nearest)
    assert distances == sorted(distances) and len(distances) == 20
    best = pages.get(
        "/find-support", query_string={"q": "befriending", "location": "DT6", "sort": "relevance"}
    )
    assert _distances(best) != sorted(_distances(best))  # still shown, in best-match order
    assert _count(best) == _count(nearest)


def test_a_place_typed_in_the_words_with_within(pages):
    page = pages.get("/find-support", query_string={"q": "lunch club in Bridport", "within": "10"})
    assert _count(page).endswith("near Bridport")
    assert all(distance <= 10 for distance in _distances(page))
    assert _result_names(page)


def test_a_misspelt_place_gets_the_nearest_known_name(pages):
    page = pages.get(
        "/find-support", query_string={"q": "befriending", "location": "Dorchster"}, status=400
    )
    summary = page.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Did you mean Dorchester?" in summary
    link = page.select_one("#place-suggestion a")
    assert link.get_text() == "Dorchester"
    assert "location=Dorchester" in link["href"] and "q=befriending" in link["href"]
    bridport = pages.get("/find-support", query_string={"location": "Bridpor"}, status=400)
    assert bridport.select_one("#place-suggestion a").get_text() == "Bridport"


def test_a_misspelling_with_a_postcode_keeps_the_postcode(pages):
    page = pages.get("/find-support", query_string={"q": "befrending DT6"})
    link = page.select_one("#suggestion a")
    assert link.get_text() == "befriending DT6"
    assert link["href"] == "/find-support?q=befriending+DT6"


def test_the_count_agrees_with_the_list_and_advice_is_never_a_listing(pages):
    page = pages.get("/find-support", query_string={"q": "hairdresser"})
    assert _count(page) == "0 results"
    assert _result_names(page) == []
    assert "Advice page" not in page.get_text()


def test_results_matching_most_words_show_when_none_match_all(pages):
    page = pages.get("/find-support", query_string={"q": "befriending hairdresser"})
    assert page.select_one("#partial-match")
    total = int(_count(page).split()[0])
    assert total and len(_result_names(page)) == min(total, 20)


def test_every_filter_group_narrows_by_its_index_field_with_counts(pages):
    # One list of filter names: each is a filter field of the index, shown with counts.
    assert set(SearchForm.FIELD_FILTERS) <= set(FACET_FIELDS)
    features = [choice.value for choice in SearchForm.features.kwargs["choices"]]
    assert set(features) <= set(BOOLEAN_FACETS)
    everything = pages.get("/find-support")
    for name in SearchForm.FILTERS:
        first = everything.select_one(f"input[name={name}]")
        count = re.search(r"\((\d+)\)$", first.find_next("label").get_text(strip=True))
        page = pages.get("/find-support", query_string={name: first["value"]})
        assert page.select_one(f'input[name="{name}"][value="{first["value"]}"]').has_attr(
            "checked"
        )
        assert _count(page) == f"{count[1]} result" + ("" if count[1] == "1" else "s"), name


def _council_number_and_hours(app) -> tuple[str, str]:
    with app.app_context():
        team = contact("adult_access_team")
    return team.phone, team.hours


def test_nothing_found_shows_the_adult_access_teams_number_and_hours(app, pages):
    phone, hours = _council_number_and_hours(app)
    page = pages.get("/find-support", query_string={"q": "hairdresser"})
    council = page.select_one("a[href^='tel:']")
    assert council.get_text(strip=True) == phone
    assert hours in council.parent.get_text()


def test_a_listing_without_contact_details_shows_the_adult_access_teams(empty_app):
    phone, hours = _council_number_and_hours(empty_app)
    add_listing(empty_app, id="no-contact", phone="")
    client = empty_app.test_client()
    with empty_app.app_context():
        slug = get_session().get(Service, "no-contact").slug
    response = client.get(f"/find-support/{slug}")
    page = assert_sound_page(response.get_data(as_text=True), response.headers)
    assert "Contact details are to be confirmed" in page.get_text()
    assert page.select_one("a[href^='tel:']").get_text(strip=True) == phone
    assert hours in page.get_text()


def _sample_listing(**facts) -> dict:
    return next(
        record
        for record in sample_records()
        if all(record.get(name) == value for name, value in facts.items())
    )


@pytest.mark.parametrize(("unit", "words"), [("hour", "an hour"), ("visit", "a visit")])
def test_a_cost_reads_as_english(pages, unit, words):
    record = _sample_listing(cost_unit=unit)
    page = pages.get(f"/find-support/{record['slug']}")
    cost = page.find("dt", string=lambda s: s and s.strip() == "Cost").find_next("dd")
    assert cost.get_text(strip=True) == f"£{record['cost_amount']} {words}"


def test_distances_are_singular_for_one_mile(pages):
    page = pages.get("/find-support")
    options = [option.get_text(strip=True) for option in page.select("#within option")]
    assert "Within 1 mile" in options
    assert "Within 3 miles" in options


def test_sample_providers_have_unique_names_placed_where_they_say():
    providers = [record for record in sample_records() if record["is_sample"] == "yes"]
    names = [record["name"] for record in providers]
    assert len(names) == len(set(names))
    # A vale first, so "Cranborne Chase" is not read as the village of Cranborne.
    points = dict(VALLEYS) | {
        row["name"]: (float(row["latitude"]), float(row["longitude"]))
        for row in gazetteer_rows()
        if row["kind"] != "district"
    }
    named = 0
    for record in providers:
        here = (float(record["latitude"]), float(record["longitude"]))
        name = record["name"]
        for place, point in points.items():
            if re.search(rf"\b{re.escape(place)}\b", name):
                assert miles_between(here, point) <= VALLEY_MILES, (name, record["town"])
                name = name.replace(place, "")
                named += 1
    assert named > len(providers) / 3  # enough names name a place for this to mean something


def test_some_sample_providers_are_taking_new_people_and_the_filter_counts_them(pages):
    everything = pages.get("/find-support")
    label = everything.select_one('input[name="availability"][value="taking_new"]').find_next(
        "label"
    )
    count = int(re.search(r"\((\d+)\)$", label.get_text(strip=True))[1])
    assert count > 0
    page = pages.get("/find-support", query_string={"availability": "taking_new"})
    assert _count(page) == f"{count} results"
    taking = [record for record in sample_records() if record.get("availability") == "taking_new"]
    assert count == len(taking)


def test_a_listing_taken_off_the_site_is_in_no_public_view(empty_app):
    """Inactive: taken off the site by the council. Officers and its own provider still see it;
    a temporarily closed listing stays public with its notice."""
    add_listing(empty_app, id="gone", name="Zanzibar Befrienders", status="inactive")
    add_listing(
        empty_app,
        id="shut",
        name="Quokka Befrienders",
        status="temporarily_closed",
        closed_reason="Closed while the hall is repaired.",
    )
    with empty_app.app_context():
        rebuild_index()
        organisation = get_session().get(Service, "gone").organisation_id
    client = empty_app.test_client()
    assert client.get("/find-support/zanzibar-befrienders").status_code == 404
    assert client.get("/find-support/zanzibar-befrienders/report").status_code == 404
    for url in ("/find-support?q=zanzibar", "/find-support", "/search?q=zanzibar"):
        assert "Zanzibar" not in client.get(url).get_data(as_text=True), url
    closed = client.get("/find-support/quokka-befrienders")
    assert closed.status_code == 200
    assert "Closed while the hall is repaired." in closed.get_data(as_text=True)
    assert "Quokka Befrienders" in client.get("/find-support?q=quokka").get_data(as_text=True)
    assert "Quokka Befrienders" in client.get("/search?q=quokka").get_data(as_text=True)
    # Taken off the site later: out of the index at once, and for every other server too.
    with empty_app.test_request_context():
        session = get_session()
        session.get(Service, "shut").status = "inactive"
        bump_revision(session, "directory")
        session.commit()
        reindex_listing("shut")
        assert listing_document_by_id("listing:shut") is None
        assert listing_document_by_id("listing:gone") is None
    assert client.get("/find-support/quokka-befrienders").status_code == 404
    assert "Quokka" not in client.get("/find-support?q=quokka").get_data(as_text=True)
    empty_app.config["WTF_CSRF_ENABLED"] = False
    officer = empty_app.test_client()
    sign_in_officer(officer, add_officer(empty_app))
    history = officer.get("/admin/listings/gone")
    assert history.status_code == 200 and "Zanzibar Befrienders" in history.get_data(as_text=True)
    provider = empty_app.test_client()
    sign_in_provider(provider, add_provider(empty_app, organisation=organisation))
    assert "Zanzibar Befrienders" in provider.get("/providers/").get_data(as_text=True)
