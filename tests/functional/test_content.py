"""The advice pages as shipped in content/."""

from datetime import date

import pytest

from webapp.config import Config
from webapp.content.cli import READABILITY_TARGET, page_problems, readability
from webapp.content.library import ContentLibrary

LIBRARY = ContentLibrary(Config.CONTENT_DIR)
PAGES = sorted(LIBRARY.pages().values(), key=lambda p: p.url)
TOPICS = (
    "ageing-well", "day-opportunities", "care-at-home", "housing-with-care", "care-homes",
    "paying-for-care", "carers",
)  # fmt: skip


def test_there_are_at_least_30_pages_in_the_seven_topics():
    assert len([p for p in PAGES if not p.is_hub]) >= 30
    assert set(LIBRARY.topics) == set(TOPICS)


@pytest.mark.parametrize("page", PAGES, ids=[p.slug for p in PAGES])
def test_every_page_passes_the_content_check_and_reads_plainly(page):
    assert page_problems(page, LIBRARY) == []
    assert page.review_by > date(2026, 11, 25)
    assert readability(page) >= READABILITY_TARGET


@pytest.mark.parametrize("page", PAGES, ids=[p.slug for p in PAGES])
def test_every_page_renders_in_the_layout(pages, page):
    html = pages.get(page.url)
    assert html.h1.get_text(strip=True) == page.title
    assert html.select_one(".govuk-breadcrumbs")
    assert html.find(string=lambda s: s and "Last reviewed: 25 November 2026." in s)


def test_a_hub_lists_its_pages_in_order(pages):
    html = pages.get("/paying-for-care")
    titles = [a.get_text(strip=True) for a in html.select("main h2 + ul.govuk-list > li > a")]
    assert titles == [p.title for p in LIBRARY.in_topic("paying-for-care")]
    assert titles[0] == "How the means test works"


def test_long_pages_have_a_contents_list_and_related_pages(pages):
    html = pages.get("/paying-for-care/how-the-means-test-works")
    contents = [a.get_text(strip=True) for a in html.select(".dcg-contents a")]
    assert contents[:2] == ["Step 1: your capital", "Step 2: your home"]
    related = [a.get_text(strip=True) for a in html.select(".dcg-related a")]
    assert "The capital limits" in related


def test_directory_links_show_a_live_count(pages):
    html = pages.get("/ageing-well/staying-connected")
    link = html.find("a", href="/find-support?help_types=befriending")
    count = int(link.get_text().split()[0])
    listing = pages.get("/find-support?help_types=befriending")
    assert f"{count} results" == listing.select_one("#result-count").get_text(strip=True)


def test_the_a_to_z_lists_every_page(pages):
    html = pages.get("/a-to-z")
    assert {a["href"] for a in html.select("main ul.govuk-list a[href^='/']")} == {
        p.url for p in PAGES
    }


def test_advice_index_links_every_topic(pages):
    html = pages.get("/advice")
    assert {a["href"] for a in html.select("main h2 a")} == {f"/{t}" for t in TOPICS}


def test_unknown_topics_and_pages_are_404(pages):
    pages.get("/no-such-topic", status=404)
    pages.get("/carers/no-such-page", status=404)
    pages.get("/carers/carers", status=404)
    pages.get("/ageing-well/carers-assessment", status=404)  # a real page, wrong topic


def test_site_search_finds_advice_and_services(pages):
    html = pages.get("/search?q=deferred+payment")
    assert html.select_one(".dcg-result a")["href"] == (
        "/paying-for-care/deferred-payment-agreements"
    )
    advice_only = pages.get("/search?q=befriending&show=page")
    assert all(
        meta.get_text(strip=True).startswith("Advice page")
        for meta in advice_only.select(".dcg-result__meta")
    )
    services = pages.get("/search?q=befriending&show=listing")
    assert services.select(".dcg-result .govuk-tag")  # sample services are marked


def test_site_search_bad_input(pages):
    html = pages.get("/search?q=" + "x" * 300, status=400)
    assert "200 characters or fewer" in html.select_one(".govuk-error-summary").get_text()
    pages.get("/search?q=care&show=spaceship", status=400)
    pages.get("/search?q=care&page=999", status=404)
    empty = pages.get("/search")
    assert not empty.select("#result-count")


def test_the_header_search_box_is_on_every_page(pages):
    html = pages.get("/carers")
    form = html.select_one("form.dcg-header__search")
    assert form["action"] == "/search"
    assert form.select_one("input#site-search")["name"] == "q"


def test_flask_content_check_passes_on_the_shipped_pages(runner):
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    assert f"{len(PAGES)} pages checked, 0 errors." in result.output
    assert "reading ease" in result.output


def test_the_contact_page_shows_the_data_file_contacts_and_the_feedback_address(app, pages):
    from webapp.content.contacts import contact

    html = pages.get("/contact")
    text = html.get_text(" ", strip=True)
    team = contact("adult_access_team")
    link = html.find("a", href=team.tel)
    assert link and link.get_text(strip=True) == team.phone
    assert team.hours in text
    assert html.find("a", href=team.source)
    assert "Checked on 25 November 2026 against the published details" in text
    for key in ("out_of_hours", "carer_support_dorset", "ombudsman"):
        assert contact(key).name in text
    feedback = app.config["FEEDBACK_EMAIL"]
    assert html.find("a", href=f"mailto:{feedback}").get_text(strip=True) == feedback


def test_an_advice_page_shows_figures_and_contacts_from_the_data(pages):
    from calculators.rates import rates_for
    from webapp.content.contacts import contact
    from webapp.content.figures import current_year, money

    rates = rates_for(current_year())
    html = pages.get("/paying-for-care/how-the-means-test-works")
    text = html.get_text(" ", strip=True)
    assert f"over {money(rates.value('upper_capital_limit'))}" in text
    allowance = money(rates.value("personal_expenses_allowance"))
    assert f"personal expenses allowance of {allowance} a week" in text
    total = rates.value("state_pension_full") + 9 - rates.value("personal_expenses_allowance")
    assert f"That comes to {money(total)} a week." in text
    advice = pages.get("/paying-for-care/if-your-money-runs-out")
    assert advice.find("a", href=contact("adult_access_team").tel)


def test_a_page_quoting_a_provisional_figure_says_so(pages):
    from calculators.rates import rates_for
    from webapp.content.figures import current_year

    cost = rates_for(current_year()).default_costs["homecare_minimum_price"]
    html = pages.get("/care-at-home/home-care")
    notes = html.select(".govuk-inset-text")
    provisional = [n for n in notes if "provisional" in n.get_text()]
    assert bool(provisional) == cost.provisional
    sources = html.select(".govuk-details__text a")
    assert any("homecareassociation.org.uk" in a["href"] for a in sources)


def test_site_search_puts_advice_first_in_its_own_group(pages):
    html = pages.get("/search?q=respite")
    assert [h.contents[0].strip() for h in html.select(".dcg-result-group")] == [
        "Advice",
        "Services near you",
    ]
    advice = [a["href"] for a in html.select("#group-page + ol .dcg-result a")]
    assert "/carers/short-breaks" in advice[:3]
    assert "/care-homes/trial-stays-and-respite" in advice[:3]
    services = html.select("#group-listing + ol .dcg-result")
    assert len(services) == 5
    assert html.select_one("#all-services")["href"] == "/find-support?q=respite"


def test_site_search_with_a_place_lists_the_nearest_services(pages):
    html = pages.get("/search?q=day+centre+Sherborne")
    heading = html.select_one("#group-listing").contents[0].strip()
    assert heading == "Services near Sherborne"
    distances = [
        float(meta.get_text().split(", ")[-1].split(" miles")[0])
        for meta in html.select("#group-listing + ol .dcg-result__meta")
    ]
    assert distances == sorted(distances)


def test_a_service_word_finds_that_service_not_everything_with_the_broader_word(pages, client):
    # "lunch club" is a kind of meals service: care home and extra care pages, which mention
    # meals, are not about lunch clubs.
    html = pages.get("/search?q=lunch+club+DT6")
    advice = [a["href"] for a in html.select("#group-page + ol .dcg-result a")]
    services = [a["href"] for a in html.select("#group-listing + ol .dcg-result a")]
    assert advice == ["/ageing-well/staying-connected"]
    assert services
    for url in services:
        assert "lunch club" in client.get(url).get_data(as_text=True).lower(), url


def test_site_search_for_only_a_place_searches_its_name(pages):
    html = pages.get("/search?q=Sherborne")
    total = int(html.select_one("#result-count").get_text().split()[0])
    assert 0 < total < 40  # not every advice page
    assert not html.select_one("#group-page")
