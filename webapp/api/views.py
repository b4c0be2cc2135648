import json
from decimal import Decimal
from pathlib import Path

from flask import current_app, jsonify, request

from calculators.commands import run
from calculators.errors import InputError
from webapp.api import bp
from webapp.api.rate_limit import limit_requests

API_VERSION = "1"
CALCULATORS = ("care-cost", "means-test", "capital-depletion", "compare", "screens")
OPENAPI_FILE = Path(__file__).resolve().parent / "openapi.json"


@bp.get("/v1/")
def index():
    return jsonify(
        service="Dorset Care Guide",
        api_version=API_VERSION,
        calculators=[f"/api/v1/calculators/{name}" for name in CALCULATORS],
        openapi="/api/v1/openapi.json",
    )


@bp.get("/v1/openapi.json")
def openapi():
    return current_app.response_class(OPENAPI_FILE.read_text(), mimetype="application/json")


@bp.post("/v1/calculators/<any(" + ", ".join(f"'{c}'" for c in CALCULATORS) + "):name>")
@limit_requests
def calculator(name: str):
    """The calculators' command-line JSON, over HTTP: the same input, the same output."""
    if not request.is_json:
        return _bad_input(InputError("Send the input as JSON, with Content-Type application/json"))
    try:
        # Amounts are read as Decimal: never float arithmetic on money.
        data = json.loads(request.get_data(as_text=True), parse_float=Decimal)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return _bad_input(InputError(f"The input is not valid JSON: {error}"))
    try:
        return jsonify(run(name, data))
    except InputError as error:
        return _bad_input(error)


def _bad_input(error: InputError):
    return jsonify(error.as_dict()), 400
