"""Officer accounts: argon2 passwords, time-based codes, lockout, timeouts, roles, audit."""

import re

import pytest
from flask import url_for
from werkzeug.routing import IntegerConverter

from tests.upkeep import (
    PASSWORD,
    add_officer,
    add_provider,
    code_for,
    sign_in_officer,
    sign_in_provider,
)
from webapp.admin import OPEN_ENDPOINTS
from webapp.database import get_session
from webapp.models import Account, AuditEvent


@pytest.fixture
def app(empty_app):
    """These tests change data: each has its own empty database (and `client` uses it)."""
    empty_app.config["WTF_CSRF_ENABLED"] = False
    return empty_app


def _events(app) -> list[str]:
    with app.app_context():
        return [event.action for event in get_session().query(AuditEvent).order_by(AuditEvent.id)]


def test_create_user_makes_the_first_administrator(empty_app):
    result = empty_app.test_cli_runner().invoke(
        args=["admin", "create-user", "--email", "Boss@Example.org", "--role", "administrator"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "otpauth://totp/" in result.output
    with empty_app.app_context():
        account = get_session().query(Account).one()
        assert account.email == "boss@example.org"
        assert account.role == "administrator"
        assert account.password_hash.startswith("$argon2id$")
        assert PASSWORD not in account.password_hash
    again = empty_app.test_cli_runner().invoke(
        args=["admin", "create-user", "--email", "boss@example.org"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert again.exit_code == 1
    assert "already an account" in again.output


def test_an_officer_signs_in_with_a_password_and_a_code_then_signs_out(app, pages):
    officer = add_officer(app)
    assert pages.client.get("/admin/").status_code == 302
    response = sign_in_officer(pages.client, officer)
    assert response.status_code == 302
    assert response.location == "/admin/"
    page = pages.get("/admin/")
    assert page.h1.get_text(strip=True) == "Directory dashboard"
    assert pages.client.post("/admin/sign-out").status_code == 302
    assert pages.client.get("/admin/").status_code == 302
    assert _events(app) == ["signed in", "signed out"]


def test_a_wrong_password_or_code_is_a_message_and_a_code_works_only_once(app, pages):
    officer = add_officer(app)
    page = pages.post(
        "/admin/sign-in", status=400, data={"email": officer["email"], "password": "wrong"}
    )
    assert (
        "Enter a correct email address and password"
        in page.select_one(".govuk-error-summary").get_text()
    )
    assert page.select_one("#email")["value"] == officer["email"]  # nothing typed is lost
    assert (
        pages.client.post(
            "/admin/sign-in", data={"email": officer["email"], "password": PASSWORD}
        ).status_code
        == 302
    )
    pages.post("/admin/sign-in/code", status=400, data={"code": "000000"})
    code = code_for(officer["secret"])
    assert pages.client.post("/admin/sign-in/code", data={"code": code}).status_code == 302
    pages.client.post("/admin/sign-out")
    assert (
        pages.client.post(
            "/admin/sign-in", data={"email": officer["email"], "password": PASSWORD}
        ).status_code
        == 302
    )
    pages.post("/admin/sign-in/code", status=400, data={"code": code})


def test_repeated_failures_lock_the_account(app, pages):
    officer = add_officer(app)
    for _ in range(5):
        pages.post(
            "/admin/sign-in", status=400, data={"email": officer["email"], "password": "nope"}
        )
    page = pages.post(
        "/admin/sign-in", status=400, data={"email": officer["email"], "password": PASSWORD}
    )
    assert "locked for 15 minutes" in page.get_text()
    assert "sign-in refused: locked" in _events(app)


def test_an_idle_session_times_out(app, client):
    officer = add_officer(app)
    sign_in_officer(client, officer)
    assert client.get("/admin/").status_code == 200
    with client.session_transaction() as session:
        session["seen_at"] -= 31 * 60
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/sign-in" in response.location
    page = client.get("/admin/sign-in").get_data(as_text=True)
    assert "You were signed out because you had not done anything for a while" in page


def _admin_urls(app) -> list[tuple[str, str, str]]:
    """Every admin route with made-up values for its parts, and each method it answers."""
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith("admin.") or rule.endpoint in OPEN_ENDPOINTS:
                continue
            values = {
                name: 1 if isinstance(rule._converters[name], IntegerConverter) else "x"
                for name in rule.arguments
            }
            url = url_for(rule.endpoint, **values)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                urls.append((rule.endpoint, method, url))
    assert len(urls) > 10
    return urls


def test_every_admin_route_refuses_strangers(app, client):
    for endpoint, method, url in _admin_urls(app):
        response = client.open(url, method=method)
        assert response.status_code == 302, (endpoint, method)
        assert re.match(r"^/admin/sign-in", response.location), (endpoint, response.location)


def test_every_admin_route_refuses_a_signed_in_provider(app, client):
    provider = add_provider(app)
    sign_in_provider(client, provider)
    for endpoint, method, url in _admin_urls(app):
        assert client.open(url, method=method).status_code == 403, (endpoint, method)


def test_administrator_only_pages_refuse_an_editor(app, client):
    editor = add_officer(app, "editor")
    sign_in_officer(client, editor)
    assert client.get("/admin/audit").status_code == 403
    assert client.get("/admin/").status_code == 200
    client.post("/admin/sign-out")
    boss = add_officer(app, "administrator")
    sign_in_officer(client, boss)
    assert client.get("/admin/audit").status_code == 200


def test_signing_out_needs_the_csrf_token(app, client):
    officer = add_officer(app)
    sign_in_officer(client, officer)
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/admin/sign-out").status_code == 400
    assert client.get("/admin/").status_code == 200
