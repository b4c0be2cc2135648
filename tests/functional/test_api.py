"""The JSON API: the calculators' command-line JSON over HTTP, described by OpenAPI 3.1."""

import json
import re
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
            "pension_credit": {"couple": True, "weekly_income": 200, "partner_weekly_income": 140},
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


# --- The published examples, through the API (the command line has the same tests) ------------

LEEDS = {
    "year": "2024-25",
    "setting": "care_home",
    "capital": 0,
    "weekly_cost": 694,
    "weekly_income": {"state_pension": 209.67, "private_pension": 25.81},
}
KNOWSLEY = {
    "year": "2024-25",
    "setting": "care_home",
    "capital": 17050.91,
    "weekly_cost": 694,
    "weekly_income": {"state_pension": 227.55, "savings_credit": 7.25},
}


def test_the_leeds_care_home_example(client):
    result = client.post("/api/v1/calculators/means-test", json=LEEDS).json
    assert result["weekly_contribution"] == 205.33
    assert result["council_weekly_contribution"] == 488.67


def test_the_knowsley_residential_example(client):
    result = client.post("/api/v1/calculators/means-test", json=KNOWSLEY).json
    assert result["tariff_income"] == 12
    assert result["weekly_contribution"] == 209.70
    assert result["ignored_income"][0]["amount"] == 6.95


def test_the_equity_limit_of_a_165000_home(client):
    body = {
        "year": "2024-25",
        "capital": 10000,
        "weekly_cost": 900,
        "start_date": "2024-06-03",
        "years": 2,
        "home": {"value": 165000, "deferred": True},
    }
    result = client.post("/api/v1/calculators/capital-depletion", json=body).json
    assert result["deferred_payment"]["equity_limit"] == 134250
    assert result["ledger"]["reconciles"] is True


# --- Hostile input is a clear 400 (issue 10, item 4) ----------------------------------------------


@pytest.mark.parametrize("depth", [200, 5000, 100000])
def test_deeply_nested_json_is_a_400(client, depth):
    body = '{"capital": ' + "[" * depth + "]" * depth + "}"
    response = client.post(
        "/api/v1/calculators/means-test", data=body, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json) == {"error", "field"}


@pytest.mark.parametrize("field", ["capital", "weeks_since_admission", "year"])
def test_an_integer_of_thousands_of_digits_is_a_400_naming_its_field(client, field):
    body = {"setting": "care_home", "capital": 1, "weekly_cost": 1}
    text = json.dumps(body)[:-1] + f', "{field}": {"9" * 6000}' + "}"
    text = text.replace(f'"{field}": 1, ', "") if field == "capital" else text
    response = client.post(
        "/api/v1/calculators/means-test", data=text, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json["field"] == field


def test_null_means_the_default(client):
    body = {**LEEDS, "property_value": None, "night_care": None, "premiums": None}
    result = client.post("/api/v1/calculators/means-test", json=body).json
    assert result["weekly_contribution"] == 205.33


def test_every_amount_is_a_plain_number_with_at_most_two_decimals(client):
    body = {
        "capital": 100000000,
        "weekly_income": 100000000,
        "weekly_cost": 0.01,
        "annual_interest_rate": 0.2,
        "annual_cost_increase": 0.2,
        "years": 50,
        "start_date": "2026-04-06",
    }
    response = client.post("/api/v1/calculators/capital-depletion", json=body)
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert not re.search(r"\d[eE][+-]?\d", text)  # never exponent notation
    numbers = re.findall(r"(?<![\w.])-?\d+\.\d+(?![\w.])", text)
    assert numbers and all(len(number.split(".")[1]) <= 2 for number in numbers)
    assert response.json["ledger"]["reconciles"] is True


@pytest.mark.parametrize(
    ("start", "years", "status"),
    [("9999-12-31", 1, 400), ("9990-01-01", 30, 400), ("2027-04-06", 10, 200)],
)
def test_dates_past_the_calendar_are_a_400_and_future_years_never_fail(
    client, start, years, status
):
    body = {"capital": 50000, "weekly_cost": 1000, "start_date": start, "years": years}
    response = client.post("/api/v1/calculators/capital-depletion", json=body)
    assert response.status_code == status
    if status == 200:
        assert response.json["provisional"] is True
        assert response.json["notes"]
    else:
        assert response.json["field"] == "start_date"


@pytest.mark.parametrize(
    ("capital", "weeks", "counted"),
    [(16500, None, 16500), ("£16,500", None, 16500), ("16 500", None, 16500),
     ("16.5k", None, 16500), (" 16500.00 ", None, 16500), ("16,50", None, None),
     ("1e4", None, None), ("-5", None, None), ("sixteen", None, None), ("9" * 41, None, None),
     (16500, 3, 16500), (16500, "3", None)],
)  # fmt: skip
def test_the_document_and_the_code_agree_on_amounts_written_as_text(
    client, capital, weeks, counted
):
    """Amounts of money may be sent as people write them, read by the planner's own reader; any
    other number must be a JSON number. The document says exactly what the code takes."""
    payload = {"setting": "care_home", "capital": capital, "weekly_cost": 1000}
    if weeks is not None:
        payload["weeks_since_admission"] = weeks
    valid_by_document = _validator(client, "MeansTestInput").is_valid(payload)
    response = client.post("/api/v1/calculators/means-test", json=payload)
    assert valid_by_document == (response.status_code == 200)
    if counted is None:
        assert response.status_code == 400
        assert response.json["field"] in {"capital", "weeks_since_admission"}
    else:
        assert response.json["counted_capital"] == counted
