"""The JSON API: the calculators' command-line JSON over HTTP, described by OpenAPI 3.1."""

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

EXAMPLES = {
    "care-cost": ({"year": "2025-26", "option": "nursing", "weekly_fee": 1500}, "CareCostResult"),
    "means-test": (
        {
            "year": "2025-26",
            "setting": "care_home",
            "capital": 16500,
            "weekly_cost": 1300,
            "weekly_income": {"state_pension": 230.25},
        },
        "MeansTestResult",
    ),
    "capital-depletion": (
        {
            "year": "2025-26",
            "capital": 100000,
            "weekly_income": 300,
            "weekly_cost": 1300,
            "start_date": "2026-11-23",
        },
        "CapitalDepletionResult",
    ),
    "compare": (
        {
            "year": "2025-26",
            "capital": 120000,
            "weekly_income": 280,
            "start_date": "2026-11-23",
            "options": [{"option": "home_care", "hours_per_week": 14}, {"option": "residential"}],
        },
        "CompareResult",
    ),
    "screens": (
        {
            "year": "2025-26",
            "attendance_allowance": {"over_state_pension_age": True, "help_by_day": True},
        },
        "ScreensResult",
    ),
}


def _validator(client, schema_name: str) -> Draft202012Validator:
    document = client.get("/api/v1/openapi.json").json
    return Draft202012Validator(
        {"components": document["components"], "$ref": f"#/components/schemas/{schema_name}"}
    )


def test_the_openapi_document_describes_every_calculator(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) == {f"/api/v1/calculators/{name}" for name in EXAMPLES}
    Draft202012Validator.check_schema({"components": document["components"]})


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_api_returns_exactly_the_command_line_json(client, name):
    payload, schema_name = EXAMPLES[name]
    response = client.post(f"/api/v1/calculators/{name}", json=payload)
    assert response.status_code == 200
    completed = subprocess.run(
        [sys.executable, "-m", "calculators", name],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
    )
    assert response.json == json.loads(completed.stdout)
    errors = list(_validator(client, schema_name).iter_errors(response.json))
    assert errors == []


def test_invalid_input_is_400_with_the_field(client):
    response = client.post(
        "/api/v1/calculators/means-test",
        json={"setting": "care_home", "capital": -5, "weekly_cost": 100},
    )
    assert response.status_code == 400
    assert response.json == {"error": "The capital cannot be negative", "field": "capital"}
    errors = list(_validator(client, "Error").iter_errors(response.json))
    assert errors == []


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        ("{not json", "application/json", "The input is not valid JSON"),
        ("capital=5", "application/x-www-form-urlencoded", "Send the input as JSON"),
        ("[1, 2]", "application/json", "The input must be a JSON object"),
        ("\xff\xfe", "application/json", "The input is not valid JSON"),
    ],
)
def test_bodies_that_are_not_a_json_object_are_400(client, body, content_type, message):
    response = client.post(
        "/api/v1/calculators/care-cost", data=body.encode("latin-1"), content_type=content_type
    )
    assert response.status_code == 400
    assert response.json["error"].startswith(message)


def test_wrong_method_and_unknown_calculator_are_json(client):
    assert client.get("/api/v1/calculators/means-test").json["status"] == 405
    assert client.post("/api/v1/calculators/horoscope", json={}).json["status"] == 404


def test_no_csrf_token_is_needed(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/api/v1/calculators/care-cost", json={"option": "live_in"})
    assert response.status_code == 200


def test_requests_are_limited_per_client_address(app, client):
    app.config["API_REQUESTS_PER_MINUTE"] = 3
    for _ in range(3):
        assert (
            client.post("/api/v1/calculators/care-cost", json={"option": "live_in"}).status_code
            == 200
        )
    limited = client.post("/api/v1/calculators/care-cost", json={"option": "live_in"})
    assert limited.status_code == 429
    assert limited.json == {"error": "Too many requests", "status": 429}
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    other = client.post(
        "/api/v1/calculators/care-cost",
        json={"option": "live_in"},
        environ_base={"REMOTE_ADDR": "10.0.0.2"},
    )
    assert other.status_code == 200


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=15,
)
fields = st.sampled_from(
    ["year", "option", "setting", "capital", "weekly_cost", "weekly_income", "options", "home",
     "start_date", "years", "hours_per_week", "property_value", "income_changes", "parts"]
)  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.sampled_from(list(EXAMPLES)), body=st.dictionaries(fields, json_values, max_size=6))
def test_no_input_ever_gives_a_500(client, name, body):
    response = client.post(f"/api/v1/calculators/{name}", json=body)
    assert response.status_code in (200, 400), response.json
    if response.status_code == 400:
        assert set(response.json) == {"error", "field"}
