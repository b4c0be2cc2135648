"""Generated input to every form, every page's query string and every API endpoint, through
the Flask test client: no input ever gives a 5xx.

Deterministic (derandomize): the same inputs every run, so a failure can be repeated.
"""

import itertools
import json
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from werkzeug.routing import AnyConverter
from werkzeug.routing.converters import NumberConverter

from tests.functional.test_planner import _answer_all
from tests.fuzz.conftest import EXAMPLES, SENT

FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40)
# Values that have broken sites like this one: odd digits, huge numbers, markup, money.
tricky = st.sampled_from(
    ["", " ", "²", "١٢", "0", "-1", "1e308", "NaN", "9" * 5000, "1.5", "£1,000.50", "1,,0",
     "<b>x</b>", "'; DROP TABLE x; --", "DT1 1XJ", "Sherborne", "yes", "no", "x" * 300]
)  # fmt: skip


def _value(known: list[str]):
    return st.one_of(st.sampled_from(known), text, tricky) if known else st.one_of(text, tricky)


def _placeholders(converter) -> list[str]:
    # Every value a fixed choice allows; a number that matches nothing; words that match nothing.
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)
    if isinstance(converter, NumberConverter):
        return ["999999"]
    return ["not-a-real-one"]


def _pages(app) -> list[str]:
    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or not rule.methods & {"GET", "POST"}:
            continue
        choices = {name: _placeholders(c) for name, c in rule._converters.items()}
        for picked in itertools.product(*choices.values()):
            values = {**(rule.defaults or {}), **dict(zip(choices, picked, strict=True))}
            urls.append((rule, adapter.build(rule.endpoint, values)))
    return urls


def _targets(app, client) -> dict[tuple[str, str], dict[str, list[str]]]:
    """Every form on the site, found by reading its pages with the planner answered, and every
    other page and POST endpoint with no fields: (method, path) -> field name -> known values."""
    _answer_all(client)
    targets: dict[tuple[str, str], dict[str, list[str]]] = {}
    for rule, url in _pages(app):
        if url.startswith("/api/"):
            continue
        for method in sorted(rule.methods & {"GET", "POST"}):
            targets.setdefault((method, url), {})
        if "GET" not in rule.methods:
            continue
        response = client.get(url)
        if response.mimetype != "text/html":
            continue
        for form in BeautifulSoup(response.get_data(as_text=True), "html.parser").find_all("form"):
            method = form.get("method", "get").upper()
            fields = targets.setdefault((method, form.get("action") or url), {})
            for element in form.find_all(["input", "select", "textarea"]):
                if name := element.get("name"):
                    values = fields.setdefault(name, [])
                    options = element.find_all("option") or [element]
                    values += [o.get("value") for o in options if o.get("value") is not None]
    return targets


@pytest.fixture(scope="module")
def site(fuzz_app):
    client = fuzz_app.test_client()
    targets = _targets(fuzz_app, client)
    cookie = client.get_cookie(fuzz_app.config["SESSION_COOKIE_NAME"])
    return fuzz_app, client, sorted(targets.items()), cookie, _pages(fuzz_app)


def _assert_no_server_error(response, what) -> None:
    assert response.status_code < 500, f"{what} -> {response.status_code}"


@FUZZ
@given(data=st.data())
def test_no_form_input_gives_a_server_error(site, data):
    _app, client, targets, cookie, _all_pages = site
    # Start from the answered planner each time, so its later pages are reached too.
    client.set_cookie(cookie.key, cookie.value)
    (method, path), fields = data.draw(st.sampled_from(targets), label="form")
    names = [*fields, "page", "x"]
    # Each field once or more; its known values half the time, to reach deeper pages too.
    chosen = data.draw(
        st.lists(st.tuples(st.sampled_from(names), st.booleans()), max_size=12), label="fields"
    )
    sent = [
        (name, data.draw(_value(fields.get(name, []) if known else []), label=name))
        for name, known in chosen
    ]
    form = MultiDict(sent)
    if method == "GET":
        response = client.get(path, query_string=form)
    else:
        response = client.post(path, data=form)
    SENT["forms"] += 1
    _assert_no_server_error(response, f"{method} {path} {sent!r}")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=5),
    max_leaves=20,
)


@FUZZ
@given(data=st.data())
def test_no_api_input_gives_a_server_error(site, data):
    _app, client, _targets, _cookie, _all_pages = site
    document = client.get("/api/v1/openapi.json").json
    paths = sorted(p for p in document["paths"] if "calculators" in p)
    path = data.draw(st.sampled_from(paths), label="path")
    schema = next(iter(document["paths"][path].values()))
    ref = schema["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    properties = document["components"]["schemas"][ref.rsplit("/", 1)[1]].get("properties", {})
    body = data.draw(
        st.one_of(
            st.dictionaries(st.sampled_from(sorted(properties) or ["x"]), json_values, max_size=8),
            json_values,
        ),
        label="body",
    )
    raw = data.draw(st.booleans(), label="raw")
    if raw:
        response = client.post(path, data=json.dumps(body)[:-1], content_type="application/json")
    else:
        response = client.post(path, json=body)
    SENT["api"] += 1
    _assert_no_server_error(response, f"POST {path} {body!r}")


@FUZZ
@given(data=st.data())
def test_no_address_or_query_string_gives_a_server_error(site, data):
    _app, client, _targets, _cookie, pages = site
    rule, url = data.draw(st.sampled_from(pages), label="page")
    segment = data.draw(st.one_of(text, tricky), label="segment")
    if rule.arguments and data.draw(st.booleans(), label="change the address"):
        url = url.replace("not-a-real-one", quote(segment, safe="")) if segment else url
    query = data.draw(st.lists(st.tuples(st.one_of(text, tricky), _value([]))), label="query")
    method = data.draw(st.sampled_from(sorted(rule.methods & {"GET", "POST"})), label="method")
    response = client.open(url, method=method, query_string=MultiDict(query))
    SENT["addresses"] += 1
    _assert_no_server_error(response, f"{method} {url} {query!r}")
