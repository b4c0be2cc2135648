import pytest

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "/",
    "site page": "/accessibility",
    "topic hub": "/ageing-well",
    "advice page": "/paying-for-care/how-the-means-test-works",
    "advice page with components": "/ageing-well/preventing-falls",
    "advice index": "/advice",
    "contact page": "/contact",
    "advice page with contacts": "/paying-for-care/challenging-a-decision",
    "advice page with a warning and contacts": "/ageing-well/scams-and-abuse",
    "council tax": "/paying-for-care/council-tax",
    "other entitlements": "/paying-for-care/other-entitlements",
    "other free care": "/paying-for-care/other-free-care",
    "couples": "/paying-for-care/couples",
    "care home contracts": "/care-homes/care-home-contracts",
    "lasting power of attorney": "/ageing-well/lasting-power-of-attorney",
    "a to z": "/a-to-z",
    "site search": "/search?q=day+centre",
    "directory": "/find-support",
    "directory results": "/find-support?q=sitter&location=Sherborne&sort=distance",
    "directory with errors": "/find-support?kind=spaceship&location=Atlantis",
    "sample listing": "/find-support/marshwood-vale-sitting-service",
    "extra care scheme": "/find-support/poundbury-extra-care",
    "planner": "/planner",
    "not found": "/no-such-page",
}


@pytest.mark.parametrize("url", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
@pytest.mark.parametrize("width", [320, 1280])
def test_every_page_type_passes_axe_at_phone_and_desktop_widths(page, url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    assert_no_axe_violations(page)
    # WCAG 1.4.10 reflow: nothing scrolls sideways at 320 CSS pixels.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_javascript_enhancements_run_under_the_strict_csp(page):
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto("/")
    assert "govuk-frontend-supported" in page.locator("body").get_attribute("class")
    menu = page.get_by_role("button", name="Menu")
    # GOV.UK Frontend's script shows the menu button on narrow screens, closed at first.
    assert menu.is_visible()
    navigation = page.get_by_role("navigation", name="Main sections")
    find_support = navigation.get_by_role("link", name="Find support", exact=True)
    assert not find_support.is_visible()
    menu.click()
    find_support.click()
    assert page.url.endswith("/find-support")


def test_keyboard_only_walk_through_the_navigation(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    assert skip_link.inner_text() == "Skip to main content"
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"

    page.goto("/")
    focused = []
    for _ in range(8):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.textContent.trim()"))
    sections = ["Ageing well", "Day opportunities", "Find support", "Plan care costs"]
    assert [text for text in focused if text in sections] == sections
    # Each focused link shows the GOV.UK focus style (yellow background).
    while page.evaluate("document.activeElement.textContent.trim()") != "Find support":
        page.keyboard.press("Shift+Tab")
    background = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert background == "rgb(255, 221, 0)"
    page.keyboard.press("Enter")
    page.wait_for_url("**/find-support")
    assert page.locator("h1").inner_text() == "Find support near you"


def test_the_axe_check_catches_a_real_violation(page):
    """The check above would be worthless if axe never ran."""
    page.goto("/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<img src=\"/static/images/favicon.svg\">')"
    )
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(page)


def test_an_advice_page_prints_as_a_tidy_page(page):
    page.goto("/paying-for-care/how-the-means-test-works")
    page.emulate_media(media="print")
    for hidden in (".dcg-header", ".govuk-service-navigation", ".govuk-footer", ".dcg-related"):
        assert not page.locator(hidden).is_visible(), hidden
    assert page.locator("h1").is_visible()
    link_text = page.evaluate(
        "getComputedStyle(document.querySelector('.dcg-prose a[href^=\"/\"]'), '::after').content"
    )
    assert "/paying-for-care/capital-limits" in link_text
