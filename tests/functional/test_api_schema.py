"""The API and its OpenAPI document agree: schemathesis sends generated requests, valid and
invalid by the document, and checks every answer against it. Short, bounded and deterministic
(a fixed number of examples, derandomised), so `make test` runs it every time."""

import json
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from calculators.commands import MAX_WEEKS
from calculators.inputs import MAX_AMOUNT
from calculators.means_test import AGE_BANDS, INCOME_KINDS, PREMIUMS, SETTINGS
from calculators.money import AMOUNT_TEXT_MAX_LENGTH, AMOUNT_TEXT_PATTERN
from calculators.rates import available_years

OPENAPI = Path(__file__).resolve().parents[2] / "webapp" / "api" / "openapi.json"
schema = schemathesis.openapi.from_path(str(OPENAPI))
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_app(app):
    # The per-client limit would answer 429 long before the run ends.
    app.config["API_REQUESTS_PER_MINUTE"] = 1_000_000
    return app


def test_the_served_document_is_the_one_tested(client):
    assert client.get("/api/v1/openapi.json").get_data() == OPENAPI.read_bytes()


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_agrees_with_its_openapi_document(case, api_app):
    # Plain bodies: the site compresses whatever a client accepts, and the checks read JSON.
    case.call_and_validate(app=api_app, checks=CHECKS, headers={"Accept-Encoding": "identity"})


def test_the_document_lists_the_values_the_code_takes():
    schemas = json.loads(OPENAPI.read_text())["components"]["schemas"]
    means_test = schemas["MeansTestInput"]["properties"]
    assert means_test["setting"]["enum"] == list(SETTINGS)
    assert means_test["age_band"]["enum"] == [*AGE_BANDS, None]
    assert means_test["premiums"]["items"]["enum"] == list(PREMIUMS)
    by_kind = means_test["weekly_income"]["anyOf"][1]
    assert list(by_kind["properties"]) == list(INCOME_KINDS)
    home = schemas["CapitalDepletionInput"]["properties"]["home"]
    assert home["properties"]["sold_at_week"]["maximum"] == MAX_WEEKS
    assert schemas["CareCostInput"]["properties"]["year"]["enum"] == [*available_years(), None]


def _numeric_fields(node):
    if isinstance(node, dict):
        types = node.get("type") if isinstance(node.get("type"), list) else [node.get("type")]
        if "number" in types or "integer" in types:
            yield node, types
        for value in node.values():
            yield from _numeric_fields(value)
    elif isinstance(node, list):
        for value in node:
            yield from _numeric_fields(value)


def test_only_amounts_of_money_may_be_text_and_the_document_has_the_code_s_grammar():
    schemas = json.loads(OPENAPI.read_text())["components"]["schemas"]
    inputs = [schema for name, schema in schemas.items() if name.endswith("Input")]
    fields = [field for schema in inputs for field in _numeric_fields(schema)]
    amounts = [field for field, _ in fields if field.get("maximum") == MAX_AMOUNT]
    assert len(amounts) > 50
    for field, types in fields:
        is_amount = field.get("maximum") == MAX_AMOUNT
        assert ("string" in types) == is_amount, field
        if is_amount:
            assert field["pattern"] == AMOUNT_TEXT_PATTERN
            assert field["maxLength"] == AMOUNT_TEXT_MAX_LENGTH
