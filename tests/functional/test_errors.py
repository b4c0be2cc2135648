import pytest
from flask import abort, request
from werkzeug.exceptions import TooManyRequests

STATUSES = [400, 403, 404, 405, 413, 429, 500]


@pytest.fixture
def app_with_failing_routes(app):
    """Routes that fail on purpose, added to a test app only."""

    @app.get("/test-abort/<int:status>")
    def test_abort(status):
        if status == 429:
            raise TooManyRequests()
        abort(status)

    @app.get("/api/test-abort/<int:status>")
    def api_test_abort(status):
        abort(status)

    @app.get("/test-crash")
    def test_crash():
        raise RuntimeError("secret internal detail")

    @app.get("/api/test-crash")
    def api_test_crash():
        raise RuntimeError("secret internal detail")

    @app.post("/test-form")
    def test_form():
        return str(len(request.form))

    return app


@pytest.mark.parametrize("status", STATUSES)
def test_each_error_has_a_page_in_the_site_layout(app_with_failing_routes, pages, status):
    page = pages.get(f"/test-abort/{status}", status=status)
    assert page.select_one(".dcg-header__name")
    assert page.h1.get_text(strip=True)
    assert page.select_one('footer a[href="/contact"]')


@pytest.mark.parametrize("status", STATUSES)
def test_api_errors_are_json(app_with_failing_routes, client, status):
    response = client.get(f"/api/test-abort/{status}")
    assert response.status_code == status
    assert response.is_json
    assert response.json["status"] == status
    assert isinstance(response.json["error"], str) and response.json["error"]


def test_unknown_page_is_404_in_the_layout(pages):
    page = pages.get("/no-such-page", status=404)
    assert page.h1.get_text(strip=True) == "Page not found"


def test_unknown_api_url_is_json_404(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json == {"error": "Page not found", "status": 404}


def test_wrong_method_is_405_with_allow_header(client):
    response = client.post("/", data={})
    # A POST without a CSRF token to a GET-only page: the method is what is wrong.
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_a_crash_never_shows_a_stack_trace(app_with_failing_routes, pages, client):
    app_with_failing_routes.testing = False  # testing mode would re-raise the error
    page = pages.get("/test-crash", status=500)
    assert "secret internal detail" not in str(page)
    assert "Traceback" not in str(page)
    response = client.get("/api/test-crash")
    assert response.status_code == 500
    assert response.json == {"error": "Sorry, there is a problem with the service", "status": 500}


def test_too_large_request_is_413(app_with_failing_routes, pages):
    app_with_failing_routes.config["MAX_CONTENT_LENGTH"] = 10
    app_with_failing_routes.config["WTF_CSRF_ENABLED"] = False
    page = pages.post("/test-form", status=413, data={"answer": "x" * 100})
    assert page.h1.get_text(strip=True) == "What you sent is too large"
