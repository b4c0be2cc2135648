"""The issue's example searches, as a person makes them in Chromium."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser


def _search_directory(page, words: str, place: str = "") -> None:
    page.goto("/find-support")
    page.get_by_label("What help are you looking for?").fill(words)
    if place:
        page.get_by_label("Near a town or postcode in Dorset").fill(place)
    page.locator("#main-content").get_by_role("button", name="Search").click()
    page.wait_for_url("**q=**")


def _distances(page) -> list[float]:
    return [
        float(text.split(", ")[-1].split(" miles")[0])
        for text in page.locator(".dcg-result__meta").all_inner_texts()
    ]


@pytest.mark.parametrize("words", ["someone to sit with mum", "sitter for mum"])
def test_everyday_words_find_sitters(page, words):
    _search_directory(page, words)
    first = page.locator(".dcg-result h3 a").first
    expect(first).to_be_visible()
    assert any(word in first.inner_text() for word in ("Sitt", "Time Out"))
    expect(page.locator("#suggestion")).to_have_count(0)


def test_befriending_and_a_postcode_lists_the_nearest_first(page):
    _search_directory(page, "befriending DT6")
    expect(page.locator("#result-count")).to_contain_text("near DT6")
    distances = _distances(page)
    assert distances and distances == sorted(distances)
    assert page.get_by_label("Nearest first").is_checked()
    assert_no_axe_violations(page)


def test_a_postcode_gives_nearest_first_until_best_match_is_chosen(page):
    _search_directory(page, "befriending", place="DT6")
    expect(page.locator("#result-count")).to_contain_text("near DT6")
    assert _distances(page) == sorted(_distances(page))
    page.get_by_label("Best match").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**sort=relevance**")
    expect(page.locator("#result-count")).to_contain_text("near DT6")
    assert page.get_by_label("Best match").is_checked()
    assert len(_distances(page)) == page.locator(".dcg-result").count()  # each shows its distance


def test_a_misspelt_town_is_offered_the_nearest_name(page):
    _search_directory(page, "lunch club", place="Bridpor")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Did you mean Bridport?")
    page.locator("#place-suggestion").get_by_role("link", name="Bridport").click()
    page.wait_for_url("**location=Bridport**")
    expect(page.locator("#result-count")).to_contain_text("near Bridport")


def test_hairdresser_says_nothing_was_found_and_lists_nothing(page):
    _search_directory(page, "hairdresser")
    expect(page.locator("#result-count")).to_have_text("0 results")
    expect(page.locator(".dcg-result")).to_have_count(0)


@pytest.mark.parametrize("width", [320, 1280])
def test_respite_on_site_search_puts_the_advice_first(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/search?q=respite")
    groups = page.locator(".dcg-result-group")
    expect(groups.first).to_contain_text("Advice")
    expect(groups.nth(1)).to_contain_text("Services near you")
    advice = page.locator("#group-page + ol .dcg-result h4 a").all_inner_texts()
    assert "Short breaks for carers" in advice[:3]
    assert_no_axe_violations(page)
    page.locator("#all-services").click()
    page.wait_for_url("**/find-support?q=respite")
    expect(page.locator(".dcg-result").first).to_be_visible()
