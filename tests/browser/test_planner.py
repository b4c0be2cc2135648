import csv
import io
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

# (question, how to answer it) for each page of the journey.
JOURNEY = [
    ("Who are you planning for?", lambda p: p.get_by_label("Someone I help").check()),
    ("Are they over State Pension age?", lambda p: p.get_by_label("Yes").check()),
    ("Do they live with a husband, wife or partner?", lambda p: p.get_by_label("No").check()),
    ("Where do they live in Dorset?",
     lambda p: p.get_by_label("Where do they live in Dorset?").fill("Bridport")),
    ("How much help do they need each day?", lambda p: p.get_by_label("1 to 3 hours").check()),
    ("Do any of these apply?", lambda p: p.get_by_label("Help at night").check()),
    ("Which options do you want to compare?", lambda p: p.get_by_label("Nursing home").check()),
    ("Check the costs",
     lambda p: p.get_by_label("Residential care home, fee", exact=True).fill("1350")),
    ("How much do they have in savings and investments?",
     lambda p: p.get_by_label("In their name only").fill("95000")),
    ("Do they own their home?", lambda p: p.get_by_label("Yes").check()),
    ("About their home", lambda p: (
        p.get_by_label("About how much is it worth?").fill("280000"),
        p.get_by_role("group", name="Would a partner").get_by_label("No").check(),
        p.get_by_label("Sell it").check(),
    )),
    ("What do they spend on their home and everyday living?",
     lambda p: p.get_by_label("Housing costs now", exact=True).fill("")),
    ("What is their income?", lambda p: (
        p.get_by_label("No", exact=True).check(),
        p.get_by_label("State Pension", exact=True).fill("241.30"),
    )),
]  # fmt: skip
HEADINGS = [heading for heading, _answer in JOURNEY]


def _continue(page):
    """Press Continue and wait until the next page (or the same page with errors) has loaded:
    the heading changes, or an error summary appears."""
    heading = page.locator("h1").inner_text()
    page.locator("#main-content").get_by_role("button", name="Continue").click()
    expect(
        page.locator(".govuk-error-summary").or_(
            page.locator("h1").filter(has_not_text=re.compile(rf"^\s*{re.escape(heading)}\s*$"))
        )
    ).to_be_visible()


def _walk(page, upto=None, check_axe=False):
    page.goto("/planner")
    page.get_by_role("button", name="Start now").click()
    for heading, answer in JOURNEY[:upto]:
        expect(page.locator("h1")).to_have_text(heading)
        if check_axe:
            assert_no_axe_violations(page)
        answer(page)
        _continue(page)


def _see_results(page):
    _walk(page)
    expect(page.locator("h1")).to_have_text("Check your answers")
    page.get_by_role("button", name="See the results").click()
    expect(page.locator("h1")).to_have_text("Care cost plan")


def test_the_whole_journey_with_axe_on_every_page(page):
    page.goto("/planner")
    assert_no_axe_violations(page)
    _walk(page, check_axe=True)
    expect(page.locator("h1")).to_have_text("Check your answers")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="See the results").click()
    expect(page.locator("h1")).to_have_text("Care cost plan")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", [320, 1280])
def test_results_show_a_summary_card_for_each_option_and_a_readable_chart(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    _see_results(page)
    cards = page.locator(".govuk-summary-card")
    expect(cards).to_have_count(6)
    first = cards.first
    expect(first.get_by_text("Total a week")).to_be_visible()
    expect(first.get_by_text("From savings")).to_be_visible()
    expect(first.get_by_text("Ask the council by")).to_be_visible()
    # Every figure of a card is on screen at 320 pixels: nothing hides off to the side.
    box = first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    chart = page.locator("svg.dcg-chart__svg")
    expect(chart).to_be_visible()
    assert chart.bounding_box()["height"] >= 230
    legend = page.locator(".dcg-chart__legend")
    assert legend.bounding_box()["y"] > chart.bounding_box()["y"]  # the legend is below
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", [320, 1280])
def test_a_plan_for_someone_else_says_they_and_gives_the_councils_number(page, width):
    from webapp.content.contacts import contact

    team = contact("adult_access_team")
    page.set_viewport_size({"width": width, "height": 900})
    _see_results(page)
    main = page.locator("main")
    expect(main.get_by_text("They may be able to claim Attendance Allowance")).to_be_visible()
    expect(main.get_by_text(re.compile(r"\bYou (may|would|keep|spend)\b"))).to_have_count(0)
    # Beside the dates to ask the council by: the Adult Access Team's number and hours.
    call = page.locator(".dcg-call-the-council").first
    expect(call).to_be_visible()
    expect(call).to_contain_text(team.hours)
    expect(call.get_by_role("link", name=team.phone)).to_have_attribute("href", team.tel)
    # And in each option's workings.
    page.get_by_text("How we worked this out for nursing home").click()
    workings = page.locator("details[open] .dcg-call-the-council")
    expect(workings).to_be_visible()
    box = workings.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    # One point a year on each line, on the same date each year as the table says.
    expect(page.locator("svg.dcg-chart__svg g path")).to_have_count(6 * 11)
    expect(page.get_by_role("table", name="Savings and investments on")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_no_axe_violations(page)


# Whether anything inside an element is cut off (wider than the element shows).
CLIPPED = "element => element.scrollWidth > element.clientWidth"


@pytest.mark.parametrize("width", [320, 1280])
def test_the_results_tables_and_captions_are_never_cut_off(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    _see_results(page)
    for name in ("Where the money comes from each week, now", "Savings and investments on"):
        table = page.get_by_role("table", name=name)
        expect(table).to_be_visible()
        caption = page.locator(f"#{table.get_attribute('aria-labelledby')}")
        # The caption wraps to the screen: every word of it can be read without scrolling.
        assert not caption.evaluate(CLIPPED), name
        box = caption.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, name
        if width == 1280:
            # At a desk every column of every option shows: the table needs no scrolling.
            assert not table.locator("xpath=..").evaluate(CLIPPED), name
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_no_axe_violations(page)


def test_the_chart_needs_no_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    _see_results(page)
    expect(page.locator("svg.dcg-chart__svg polyline")).to_have_count(6)
    context.close()


def test_printing_the_plan(page):
    _see_results(page)
    page.get_by_role("link", name="Print the plan").click()
    expect(page.locator("h1")).to_have_text("Care cost plan")
    assert_no_axe_violations(page)
    page.emulate_media(media="print")
    expect(page.locator(".dcg-plan-actions")).to_be_hidden()
    expect(page.get_by_text("Made on")).to_be_visible()
    expect(
        page.get_by_role("heading", name="How we worked this out for nursing home")
    ).to_be_visible()
    expect(page.get_by_text("http://127.0.0.1").first).to_be_visible()  # full addresses
    expect(page.locator(".dcg-call-the-council").first).to_be_visible()
    expect(page.locator("svg.dcg-chart__svg")).to_be_visible()
    page.emulate_media(media="screen")


def test_downloading_the_pdf_and_the_csv(page):
    from pdfminer.high_level import extract_text

    _see_results(page)
    # A PDF of a six-option plan is a dozen pages: allow for a slow, busy machine.
    with page.expect_download(timeout=120_000) as pdf:
        page.get_by_role("link", name="Download the plan (PDF)").click()
    assert pdf.value.suggested_filename == "care-cost-plan.pdf"
    text = " ".join(extract_text(pdf.value.path()).split())
    assert "Bridport" in text and "How we worked this out for nursing home" in text
    with page.expect_download() as figures:
        page.get_by_role("link", name="Download the figures (CSV)").click()
    with open(figures.value.path(), encoding="utf-8") as file:
        rows = list(csv.reader(io.StringIO(file.read())))
    assert ["Where do they live in Dorset?", "Bridport"] in rows


def test_saving_changes_to_a_link_or_as_a_new_one(page):
    _see_results(page)
    page.get_by_role("button", name="Save and get a link").click()
    expect(
        page.get_by_text("You are looking at the plan saved at this private link")
    ).to_be_visible()
    saved_url = page.url
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Change your answers").click()
    page.get_by_role("link", name="Change how much do they have in savings").click()
    page.get_by_label("In their name only").fill("40k")
    _continue(page)
    page.get_by_role("button", name="See the results").click()
    expect(page.get_by_text("you have changed them")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save changes to this link").click()
    expect(page.get_by_text("You are looking at the plan saved")).to_be_visible()
    assert page.url == saved_url
    page.get_by_role("link", name="Change your answers").click()
    expect(page.locator(".govuk-summary-list")).to_contain_text("£40,000")


def test_deleting_and_starting_again_ask_first(page):
    _see_results(page)
    page.get_by_role("button", name="Save and get a link").click()
    page.get_by_role("link", name="Delete the answers saved at this link").click()
    expect(page.locator("h1")).to_have_text("Are you sure you want to delete the saved answers?")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Yes, delete the answers").click()
    expect(page.locator("h1")).to_have_text("Your answers have been deleted")
    assert_no_axe_violations(page)
    _see_results(page)
    page.get_by_role("link", name="Start again").click()
    expect(page.locator("h1")).to_have_text("Are you sure you want to start again?")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Yes, clear my answers").click()
    expect(page.locator("h1")).to_have_text("Your answers have been cleared")
    assert_no_axe_violations(page)


def test_monthly_amounts_and_180k(page):
    _walk(page, upto=HEADINGS.index("How much do they have in savings and investments?"))
    page.get_by_label("In their name only").fill("180k")
    _continue(page)
    _walk_from(page, "Do they own their home?", stop_before="What is their income?")
    page.get_by_label("No", exact=True).check()
    page.get_by_label("State Pension", exact=True).fill("1,045.63")
    page.get_by_label("How often: State Pension", exact=True).select_option("month")
    assert_no_axe_violations(page)
    _continue(page)
    summary = page.locator(".govuk-summary-list")
    expect(summary).to_contain_text("In their name only: £180,000")
    expect(summary).to_contain_text("State Pension: £1,045.63 a month")


def _walk_from(page, heading, stop_before):
    for step_heading, answer in JOURNEY[HEADINGS.index(heading) : HEADINGS.index(stop_before)]:
        expect(page.locator("h1")).to_have_text(step_heading)
        answer(page)
        _continue(page)
    expect(page.locator("h1")).to_have_text(stop_before)


def test_changing_an_answer_from_the_check_page(page):
    _walk(page)
    page.get_by_role("link", name="Change how much do they have in savings").click()
    assert page.get_by_label("In their name only").input_value() == "95000"
    page.get_by_label("In their name only").fill("20000")
    _continue(page)
    expect(page.locator("h1")).to_have_text("Check your answers")
    assert "£20,000" in page.locator(".govuk-summary-list").inner_text()


def test_going_back_keeps_every_answer(page):
    _walk(page, upto=4)
    expect(page.locator("h1")).to_have_text("How much help do they need each day?")
    page.get_by_role("link", name="Back").click()
    expect(page.get_by_label("Where do they live in Dorset?")).to_have_value("Bridport")
    page.get_by_role("link", name="Back").click()
    expect(page.get_by_label("No")).to_be_checked()
    # The browser's own buttons: pages are never stored, so answers come from the server.
    page.go_back()
    expect(page.get_by_label("Where do they live in Dorset?")).to_have_value("Bridport")
    page.go_forward()
    expect(page.get_by_label("No")).to_be_checked()


# Every question page where some answer is wrong: not "Do any of these apply?" (any answer, even
# none, is valid) nor the living costs page (every box may be left empty).
WITH_ERRORS = [
    i
    for i, heading in enumerate(HEADINGS)
    if heading not in ("Do any of these apply?", HEADINGS[HEADINGS.index("About their home") + 1])
]


@pytest.mark.parametrize("index", WITH_ERRORS)
def test_an_error_on_every_question_page(page, index):
    _walk(page, upto=index)
    heading = HEADINGS[index]
    # Act only once the page is really there: a click before it loads is lost.
    expect(page.locator("h1")).to_have_text(heading)
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


def test_the_adviser_page(page):
    page.goto("/planner/adviser")
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 900})
    assert_no_axe_violations(page)


def test_the_partner_s_income_page_with_a_partner(page):
    page.set_viewport_size({"width": 320, "height": 800})
    partner = HEADINGS.index("Do they live with a husband, wife or partner?")
    journey = list(JOURNEY)
    journey[partner] = (journey[partner][0], lambda p: p.get_by_label("Yes").check())
    page.goto("/planner")
    page.get_by_role("button", name="Start now").click()
    for heading, answer in journey:
        expect(page.locator("h1")).to_have_text(heading)
        answer(page)
        _continue(page)
    expect(page.locator("h1")).to_have_text("What is their husband, wife or partner's income?")
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_label("Partner's income", exact=True).fill("not an amount")
    _continue(page)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Partner's income", exact=True).fill("950")
    page.get_by_label("How often: Partner's income").select_option("month")
    _continue(page)
    expect(page.locator("h1")).to_have_text("Check your answers")
    expect(page.locator(".govuk-summary-list")).to_contain_text("£950")
