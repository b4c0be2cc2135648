from pathlib import Path

from flask import current_app, jsonify, request

from calculators.commands import dumps, parse, run
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
        text = request.get_data().decode("utf-8")
    except UnicodeDecodeError:
        return _bad_input(InputError("The input is not valid JSON: send it as UTF-8 text"))
    try:
        result = run(name, parse(text))
    except InputError as error:
        return _bad_input(error)
    # Every amount a plain number in pounds (see calculators.commands.dumps).
    return current_app.response_class(dumps(result), mimetype="application/json")


def _bad_input(error: InputError):
    return jsonify(error.as_dict()), 400
