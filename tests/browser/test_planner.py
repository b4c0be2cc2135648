import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

# (question, how to answer it) for each page of the journey.
JOURNEY = [
    ("Who are you planning for?", lambda p: p.get_by_label("Someone I help").check()),
    ("Are they over State Pension age?", lambda p: p.get_by_label("Yes").check()),
    ("Where do they live in Dorset?",
     lambda p: p.get_by_label("Where do they live in Dorset?").fill("Bridport")),
    ("How much help do they need each day?", lambda p: p.get_by_label("1 to 3 hours").check()),
    ("Do any of these apply?", lambda p: p.get_by_label("Help at night").check()),
    ("Which options do you want to compare?", lambda p: p.get_by_label("Nursing home").check()),
    ("Check the costs", lambda p: p.get_by_label("Residential care home, fee a week").fill("1350")),
    ("How much do they have in savings and investments?",
     lambda p: p.get_by_label("In their name only").fill("95000")),
    ("Do they own their home?", lambda p: p.get_by_label("Yes").check()),
    ("About their home", lambda p: (
        p.get_by_label("About how much is it worth?").fill("280000"),
        p.get_by_role("group", name="Would a partner").get_by_label("No").check(),
        p.get_by_label("Sell it").check(),
    )),
    ("What is their weekly income?", lambda p: p.get_by_label("State Pension").fill("241.30")),
]  # fmt: skip


def _continue(page):
    page.locator("#main-content").get_by_role("button", name="Continue").click()


def _walk(page, upto=None, check_axe=False):
    page.goto("/planner")
    page.get_by_role("button", name="Start now").click()
    for heading, answer in JOURNEY[:upto]:
        expect(page.locator("h1")).to_have_text(heading)
        if check_axe:
            assert_no_axe_violations(page)
        answer(page)
        _continue(page)


def test_the_whole_journey_with_axe_on_every_page(page):
    page.goto("/planner")
    assert_no_axe_violations(page)
    _walk(page, check_axe=True)
    expect(page.locator("h1")).to_have_text("Check your answers")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="See the results").click()
    expect(page.locator("h1")).to_have_text("Your care cost plan")
    # The chart is drawn by Chart.js, under the strict CSP, and the table is always there.
    page.wait_for_function("document.getElementById('savings-chart').width > 0")
    assert page.locator("#savings-chart").is_visible()
    assert page.get_by_role("table").nth(1).is_visible()
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 900})  # WCAG 1.4.10: no sideways page scroll
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(media="print")  # printed, it is a tidy plan: no buttons, chart kept
    assert not page.locator(".dcg-plan-actions").is_visible()
    assert page.locator("#savings-chart").is_visible()
    page.emulate_media(media="screen")

    page.get_by_role("button", name="Save and get a link").click()
    expect(page.get_by_text("Your answers are saved for 90 days")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Delete my answers now").click()
    expect(page.locator("h1")).to_have_text("Your answers have been deleted")
    assert_no_axe_violations(page)


def test_changing_an_answer_from_the_check_page(page):
    _walk(page)
    page.get_by_role("link", name="Change how much do they have in savings").click()
    assert page.get_by_label("In their name only").input_value() == "95000"
    page.get_by_label("In their name only").fill("20000")
    _continue(page)
    expect(page.locator("h1")).to_have_text("Check your answers")
    assert "£20,000.00" in page.locator(".govuk-summary-list").inner_text()


def test_going_back_keeps_every_answer(page):
    _walk(page, upto=3)
    expect(page.locator("h1")).to_have_text("How much help do they need each day?")
    page.get_by_role("link", name="Back").click()
    expect(page.get_by_label("Where do they live in Dorset?")).to_have_value("Bridport")
    page.get_by_role("link", name="Back").click()
    expect(page.get_by_label("Yes")).to_be_checked()
    # The browser's own buttons: pages are never stored, so answers come from the server.
    page.go_back()
    expect(page.get_by_label("Where do they live in Dorset?")).to_have_value("Bridport")
    page.go_forward()
    expect(page.get_by_label("Yes")).to_be_checked()


# Every question page but "Do any of these apply?", where any answer, even none, is valid.
WITH_ERRORS = [i for i, (heading, _) in enumerate(JOURNEY) if heading != "Do any of these apply?"]


@pytest.mark.parametrize("index", WITH_ERRORS)
def test_an_error_on_every_question_page(page, index):
    _walk(page, upto=index)
    heading = JOURNEY[index][0]
    if heading == "Which options do you want to compare?":
        for box in page.locator('input[name="options"]').all():
            box.uncheck()
    elif heading == "Check the costs":
        page.get_by_label("Hours of care at home a week").fill("lots")
    else:
        for field in page.locator('#main-content input[type="text"]').all():
            field.fill(
                "not an amount" if heading != "Where do they live in Dorset?" else "Atlantis"
            )
    _continue(page)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.title().startswith("Error:")
    assert_no_axe_violations(page)


def test_every_planner_page_fits_a_320_pixel_screen(page):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/planner")
    page.get_by_role("button", name="Start now").click()
    for heading, answer in JOURNEY:
        expect(page.locator("h1")).to_have_text(heading)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), heading
        answer(page)
        _continue(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
