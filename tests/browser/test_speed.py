"""What a browser keeps: static files for a year whatever the session, pages revalidated with a
304 that still runs their scripts, and a second page that fetches only its HTML."""

import pytest
from playwright.sync_api import expect

from benchmarks.pages_bench import visit_and_count

pytestmark = pytest.mark.browser

ADVICE_PAGE = "/paying-for-care/how-the-means-test-works"
IMMUTABLE = "public, max-age=31536000, immutable"


def _is_stylesheet(response) -> bool:
    return response.request.resource_type == "stylesheet"


@pytest.mark.parametrize("with_session", [False, True], ids=["no session", "session"])
def test_the_stylesheet_is_kept_a_year_with_or_without_a_session(page, live_server, with_session):
    if with_session:
        page.context.add_cookies([{"name": "dcg_session", "value": "answers", "url": live_server}])
    with page.expect_response(_is_stylesheet) as stylesheet:
        document = page.goto(ADVICE_PAGE)
    expect(page.locator("h1")).to_be_visible()
    expected_page_rule = "no-store" if with_session else "public, max-age=300"
    assert document.headers["cache-control"] == expected_page_rule
    headers = stylesheet.value.headers
    assert headers["cache-control"] == IMMUTABLE
    assert headers["content-encoding"] in ("br", "gzip")


def test_a_second_page_fetches_only_its_html(page):
    visit_and_count(page.context, "/")
    _total, fetched = visit_and_count(page.context, ADVICE_PAGE)
    assert [address for address, _size in fetched] == [ADVICE_PAGE]


def test_a_page_revalidated_with_a_304_still_runs_its_scripts(page):
    # What crossed the network, as the browser's developer tools show it: a 304 is reported to
    # the page as the 200 it kept, and only the extra information has the status on the wire.
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    documents, statuses = set(), []

    def sent(event):
        if event["request"]["url"].endswith(ADVICE_PAGE):
            documents.add(event["requestId"])

    def received(event):
        if event["requestId"] in documents:
            statuses.append(event["statusCode"])

    network.on("Network.requestWillBeSent", sent)
    network.on("Network.responseReceivedExtraInfo", received)
    page.goto(ADVICE_PAGE)
    expect(page.locator("[data-govuk-skip-link-init]")).to_have_count(1)
    page.reload()
    page.wait_for_load_state("networkidle")  # the status on the wire is reported after the load
    # The inline script (the page's nonce) and the module script both ran in the kept page.
    expect(page.locator("body.govuk-frontend-supported")).to_have_count(1)
    expect(page.locator("[data-govuk-skip-link-init]")).to_have_count(1)
    assert statuses == [200, 304]
