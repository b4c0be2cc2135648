import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser


def test_find_support_journey_by_words_place_and_filter(page):
    page.goto("/")
    page.get_by_role("navigation", name="Main sections").get_by_role(
        "link", name="Find support", exact=True
    ).click()
    page.get_by_label("What help are you looking for?").fill("day centre")
    page.get_by_label("Near a town or postcode in Dorset").fill("DT1 1XJ")
    page.locator("#main-content").get_by_role("button", name="Search").click()
    expect(page.locator("#result-count")).to_contain_text("near DT1 1XJ")

    page.get_by_label("Nearest first").check()
    page.get_by_label("Distance").select_option("20")
    page.get_by_label("Direct payments").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**funding=direct_payments**")
    assert page.get_by_label("Direct payments").is_checked()
    assert_no_axe_violations(page)

    first = page.locator(".dcg-result h3 a").first
    name = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_have_text(name)
    assert page.get_by_text("Sample data").first.is_visible()
    assert_no_axe_violations(page)


def test_a_mistyped_search_is_rescued_by_did_you_mean(page):
    page.goto("/find-support?q=befrending")
    page.get_by_role("link", name="befriending").click()
    page.wait_for_url("**q=befriending")
    assert int(page.locator("#result-count").inner_text().split()[0]) > 0


def test_an_error_moves_focus_to_the_error_summary(page):
    page.goto("/find-support")
    page.get_by_label("Near a town or postcode in Dorset").fill("Atlantis")
    page.locator("#main-content").get_by_role("button", name="Search").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    # GOV.UK Frontend focuses the summary so screen reader users hear it first.
    # (It does so once its script has run, so wait for that rather than race it.)
    page.wait_for_function("document.activeElement.classList.contains('govuk-error-summary')")
    summary.get_by_role("link").first.click()
    page.wait_for_function("document.activeElement.id === 'location'")
    assert page.get_by_label("Near a town or postcode in Dorset").input_value() == "Atlantis"
