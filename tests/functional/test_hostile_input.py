"""Hostile input to every page: markup is always shown as text, and no input gives a 500."""

import itertools
from urllib.parse import quote, urlencode

import pytest
from bs4 import BeautifulSoup
from werkzeug.datastructures import MultiDict
from werkzeug.routing import AnyConverter

MARK = "injected"
# Closes an attribute, then adds an element and a redirect: both must reach the page as text.
PAYLOAD = f'"><b class="{MARK}">x</b><meta http-equiv="refresh" content="0;url=/{MARK}">'
PATH_PAYLOAD = f'"><b class="{MARK}">x<b>'  # no slash, so it stays one path segment


def _page_urls(app) -> list[str]:
    """Every page's address: each choice of a fixed part, the payload in each free one."""
    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or "GET" not in rule.methods:
            continue
        choices = {
            name: sorted(converter.items) if isinstance(converter, AnyConverter) else [PATH_PAYLOAD]
            for name, converter in rule._converters.items()
        }
        for picked in itertools.product(*choices.values()):
            values = {**(rule.defaults or {}), **dict(zip(choices, picked, strict=True))}
            urls.append(adapter.build(rule.endpoint, values))
    return sorted(set(urls))


def _forms(html: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Each form on a page: its method, its action and its fields with the values they have."""
    forms = []
    for form in BeautifulSoup(html, "html.parser").find_all("form"):
        fields = []
        for element in form.find_all(["input", "select", "textarea"]):
            name = element.get("name")
            if not name:
                continue
            fields.append((name, element.get("value", "")))
        forms.append((form.get("method", "get").upper(), form.get("action") or "", fields))
    return forms


def _assert_escaped(response, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"
    if response.mimetype != "text/html":
        return
    html = response.get_data(as_text=True)
    page = BeautifulSoup(html, "html.parser")
    assert not page.find(class_=MARK), f"{what}: markup from the request reached the page"
    assert not page.find("meta", attrs={"http-equiv": True}), f"{what}: a meta refresh got in"


def test_markup_in_every_parameter_of_every_page_is_shown_as_text(app, client):
    checked = 0
    for url in _page_urls(app):
        opened = client.get(url, follow_redirects=True)
        _assert_escaped(opened, url)
        # Any query parameter, even one the page does not expect.
        _assert_escaped(client.get(f"{url}?{urlencode({'x': PAYLOAD})}"), f"{url}?x=")
        for method, action, fields in _forms(opened.get_data(as_text=True)):
            target = action or opened.request.path
            for name, _value in fields:
                if name == "csrf_token":
                    continue
                # One parameter at a time, the rest as the form has them: each field's own
                # message is reached rather than hidden behind another's.
                one = [(n, PAYLOAD if n == name else v) for n, v in fields]
                if method == "GET":
                    response = client.get(f"{target}?{urlencode(one)}")
                else:
                    response = client.post(target, data=MultiDict(one))
                _assert_escaped(response, f"{method} {target} {name}")
                checked += 1
            # And every parameter at once (the CSRF token kept, to reach the form's checks).
            every = [(n, v if n == "csrf_token" else PAYLOAD) for n, v in fields]
            if method == "GET":
                response = client.get(f"{target}?{urlencode(every)}")
            else:
                response = client.post(target, data=MultiDict(every))
            _assert_escaped(response, f"{method} {target} (all fields)")
    assert checked >= 20  # the walk really found the site's forms


@pytest.mark.parametrize(
    "name", ["kind", "help_types", "area", "funding", "registered", "features"]
)
def test_an_unknown_filter_value_is_shown_back_as_text(pages, name):
    page = pages.get(f"/find-support?{name}={quote('<b>x</b>')}", status=400)
    summary = page.select_one(".govuk-error-summary")
    assert "We do not recognise the filter ‘<b>x</b>’" in summary.get_text()
    assert not summary.find("b")
    assert (
        page.select_one(".govuk-error-message")
        .get_text(strip=True)
        .endswith("We do not recognise the filter ‘<b>x</b>’, so we left it out")
    )


@pytest.mark.parametrize("path", ["/find-support", "/search"])
@pytest.mark.parametrize("page_number", ["²", "-1", "9" * 5000, "1.5"])
def test_a_page_number_that_is_not_a_whole_number_is_a_clear_400(pages, path, page_number):
    page = pages.get(f"{path}?q=care&page={quote(page_number)}", status=400)
    assert "The page number must be a whole number, like 2" in page.select_one(
        ".govuk-error-summary"
    ).get_text(" ", strip=True)


@pytest.mark.parametrize("within", ["abc", "nan"])
def test_an_unknown_distance_with_a_place_is_a_clear_400(pages, within):
    page = pages.get(f"/find-support?location=Sherborne&within={within}", status=400)
    assert page.select_one(".govuk-error-summary a[href='#within']")
    # The search still ran near the place, without the distance.
    assert page.find(string=lambda s: s and "Sherborne" in s)
