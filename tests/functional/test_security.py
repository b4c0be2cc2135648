import pytest
from flask import render_template_string
from flask_wtf import FlaskForm
from wtforms import StringField


def test_security_headers_on_every_response(client):
    for url in ("/", "/no-such-page", "/healthz", "/static/application.css", "/favicon.ico"):
        headers = client.get(url).headers
        policy = headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in policy
        assert "'unsafe-eval'" not in policy
        assert "frame-ancestors 'none'" in policy
        assert "default-src 'self'" in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in headers["Permissions-Policy"]
        assert "geolocation=()" in headers["Permissions-Policy"]


def test_each_response_has_a_fresh_nonce(client):
    first = client.get("/").headers["Content-Security-Policy"]
    second = client.get("/").headers["Content-Security-Policy"]
    assert "'nonce-" in first
    assert first != second


def test_public_pages_can_be_cached(client):
    response = client.get("/ageing-well")
    assert response.headers["Cache-Control"].startswith("public, max-age=")
    assert "Set-Cookie" not in response.headers


@pytest.fixture
def app_with_form(app):
    class NameForm(FlaskForm):
        name = StringField("Name")

    @app.route("/test-form", methods=["GET", "POST"])
    def test_form():
        form = NameForm()
        if form.validate_on_submit():
            return f"Thanks {form.name.data}"
        return render_template_string("<form method=post>{{ form.csrf_token }}</form>", form=form)

    return app


def test_pages_with_a_form_are_never_stored(app_with_form, client):
    response = client.get("/test-form")
    assert response.headers["Cache-Control"] == "no-store"


def test_a_visitor_with_a_session_gets_no_stored_pages(client, app):
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], "anything")
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_posting_a_form_without_its_token_gets_the_kind_timeout_page(app_with_form, pages):
    page = pages.post("/test-form", status=400, data={"name": "Ann"})
    assert page.h1.get_text(strip=True) == "Your page timed out"
    assert page.select_one('a[href="/test-form"]').get_text(strip=True) == "Open the page again"


def test_posting_a_form_with_its_token_works(app_with_form, client):
    html = client.get("/test-form").get_data(as_text=True)
    token = html.split('value="')[1].split('"')[0]
    response = client.post("/test-form", data={"name": "Ann", "csrf_token": token})
    assert response.get_data(as_text=True) == "Thanks Ann"


def test_production_session_cookie_is_secure(monkeypatch):
    from webapp.config import Config

    assert Config.SESSION_COOKIE_SECURE is True
    assert Config.SESSION_COOKIE_HTTPONLY is True
    assert Config.SESSION_COOKIE_SAMESITE == "Lax"


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    from webapp import create_app
    from webapp.config import Config

    monkeypatch.setattr(Config, "SECRET_KEY", None)
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        create_app(Config)
