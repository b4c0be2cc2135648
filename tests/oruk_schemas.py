"""Checks answers against the Open Referral UK 3.0 schemas kept in tests/fixtures/oruk-3.0,
formats included (uuid, uri, email, date-time)."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

SCHEMAS = Path(__file__).resolve().parent / "fixtures" / "oruk-3.0"


@cache
def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text())
    return Draft202012Validator(schema, format_checker=FormatChecker())


def oruk_errors(name: str, data) -> list[str]:
    """Every way `data` breaks the named schema, as 'path: message' lines."""
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in _validator(name).iter_errors(data)
    ]


def assert_valid(name: str, data) -> None:
    errors = oruk_errors(name, data)
    assert not errors, "\n".join(errors[:20])


def assert_valid_page(item_schema: str, page: dict) -> None:
    page_schema = json.loads((SCHEMAS / "page.json").read_text())["Page"]
    for key, rule in page_schema["properties"].items():
        assert key in page, f"the page has no {key}"
        assert isinstance(page[key], int if rule["type"] == "integer" else bool), key
    assert isinstance(page["contents"], list)
    for item in page["contents"]:
        assert_valid(item_schema, item)
