from bs4 import BeautifulSoup

from webapp.content.markdown import fill_counts, render

URLS = {"capital-limits": "/paying-for-care/capital-limits", "carers": "/carers"}


def _render(source: str):
    rendered = render(source, URLS.get)
    return rendered, BeautifulSoup(rendered.html, "html.parser")


def test_elements_get_govuk_classes():
    _, html = _render(
        "## Heading\n\nA paragraph.\n\n- one\n- two\n\nThen:\n\n1. first\n\n### Smaller\n\n"
        "| A | B |\n|---|---|\n| 1 | 2 |\n"
    )
    assert html.h2["class"] == ["govuk-heading-m"]
    assert html.h3["class"] == ["govuk-heading-s"]
    assert html.p["class"] == ["govuk-body"]
    assert html.ul["class"] == ["govuk-list", "govuk-list--bullet"]
    assert html.ol["class"] == ["govuk-list", "govuk-list--number"]
    assert html.table["class"] == ["govuk-table"]
    assert html.th["scope"] == "col"
    assert html.td["class"] == ["govuk-table__cell"]


def test_links_between_pages_use_the_slug_and_are_recorded():
    rendered, html = _render(
        "See [the limits](capital-limits), [carers](carers#help) and [x](no-such-page)."
    )
    hrefs = [a["href"] for a in html.find_all("a")]
    assert hrefs == ["/paying-for-care/capital-limits", "/carers#help", "no-such-page"]
    assert rendered.links == ["capital-limits", "carers", "no-such-page"]
    assert all(a["class"] == ["govuk-link"] for a in html.find_all("a"))


def test_inset_warning_and_details_become_govuk_components():
    _, html = _render(
        "!!! inset\n    Set apart.\n\n"
        "!!! warning\n    Call [999](tel:999) now.\n\n"
        '!!! details "What counts"\n    Savings and shares.\n'
    )
    assert html.select_one(".govuk-inset-text").get_text(strip=True) == "Set apart."
    warning = html.select_one(".govuk-warning-text")
    assert warning.select_one(".govuk-warning-text__icon").get_text() == "!"
    assert warning.select_one(".govuk-warning-text__text").get_text(" ", strip=True) == (
        "Warning Call 999 now."
    )
    assert warning.select_one("a")["href"] == "tel:999"
    details = html.select_one("details.govuk-details")
    assert details.select_one(".govuk-details__summary-text").get_text() == "What counts"
    assert details.select_one(".govuk-details__text").get_text(strip=True) == "Savings and shares."


def test_raw_html_is_sanitised():
    _, html = _render(
        'Hi <script>alert(1)</script><img src="x" onerror="alert(2)" alt="x">'
        '<a href="javascript:alert(3)">bad</a> <iframe src="https://example.org"></iframe>'
    )
    text = str(html)
    assert "<script" not in text
    assert "onerror" not in text
    assert "javascript:" not in text
    assert "<iframe" not in text


def test_contents_headings_and_images_without_alt_are_found():
    rendered, _ = _render("## One\n\n### Two\n\n![](photo.jpg)\n\n![A garden](garden.jpg)\n")
    assert [(level, text) for _id, text, level in rendered.headings] == [(2, "One"), (3, "Two")]
    assert rendered.headings[0][0] == "one"
    assert rendered.images_without_alt == ["photo.jpg"]


def test_directory_links_carry_filters_and_a_live_count():
    rendered, html = _render(
        "Try {directory: help_types=befriending, area=West Dorset | befriending services}."
    )
    link = html.a
    assert link["href"] == "/find-support?help_types=befriending&area=West+Dorset"
    assert rendered.directory_links == [{"help_types": ["befriending"], "area": ["West Dorset"]}]
    filled = fill_counts(rendered.html, lambda choices: 12, rendered.directory_links)
    assert "12 befriending services" in filled


def test_planner_links_choose_an_option():
    _, html = _render("{planner: option=extra_care | compare extra care}")
    assert html.a["href"] == "/planner?option=extra_care"
    assert html.a.get_text() == "compare extra care"
