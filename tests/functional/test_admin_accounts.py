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
    fresh_request,
    sign_in_officer,
    sign_in_provider,
    use_mail_server,
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


def test_failures_lock_only_from_that_address_and_the_answer_reveals_no_account(app, pages):
    officer = add_officer(app)
    # Each from an address of its own, to stay under the rate limit per address.
    tries = {officer["email"]: "192.0.2.1", "nobody@example.org": "192.0.2.2"}
    for email, address in tries.items():
        for _ in range(5):
            pages.post(
                "/admin/sign-in",
                status=400,
                data={"email": email, "password": "nope"},
                environ_base={"REMOTE_ADDR": address},
            )
    locked, unknown = (
        pages.post(
            "/admin/sign-in",
            status=400,
            data={"email": email, "password": PASSWORD},
            environ_base={"REMOTE_ADDR": address},
        )
        for email, address in tries.items()
    )
    assert locked.select_one("main").get_text() == unknown.select_one("main").get_text()
    assert "sign-in refused: locked" in _events(app)
    # Someone failing from elsewhere does not lock the officer out at their own desk.
    response = app.test_client().post(
        "/admin/sign-in",
        data={"email": officer["email"], "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "192.0.2.3"},
    )
    assert response.status_code == 302


def test_a_reset_disabling_or_password_change_ends_other_sessions(app, pages):
    boss = add_officer(app, "administrator")
    editor = add_officer(app)
    other = add_officer(app, "editor", "other@example.org")
    elsewhere, here, others, admin = (app.test_client() for _ in range(4))
    sign_in_officer(elsewhere, editor)
    sign_in_officer(here, editor, step=1)
    sign_in_officer(others, other)
    sign_in_officer(admin, boss)

    def status(client, url: str, method: str = "GET", **kwargs) -> int:
        return fresh_request(client, url, method, **kwargs).status_code

    new_password = {"current": PASSWORD, "password": "a new long password"}
    assert status(here, "/admin/password", "POST", data=new_password) == 302
    assert status(here, "/admin/queue") == 200  # the session that changed it carries on
    assert status(elsewhere, "/admin/queue") == 302
    assert status(admin, f"/admin/officers/{editor['id']}/reset", "POST") == 302
    assert status(here, "/admin/queue") == 302
    assert status(others, "/admin/queue") == 200
    assert status(admin, f"/admin/officers/{other['id']}/disable", "POST") == 302
    assert status(admin, f"/admin/officers/{other['id']}/enable", "POST") == 302
    assert status(others, "/admin/queue") == 302  # enabling again does not bring it back


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


def _set_up_link(app, mail_server, email: str) -> str:
    app.test_cli_runner().invoke(args=["mail", "send-pending"])
    message = [m for m in mail_server.messages if m["To"] == email][-1]
    assert message["Subject"] == "Set up your Dorset Care Guide sign-in"
    return re.search(r"http://localhost(/\S+)", message.get_payload(decode=True).decode())[1]


def _set_up(pages, link: str, password: str) -> str:
    """Uses the emailed link: chooses a password, returns the authenticator secret shown."""
    pages.get(link)
    page = pages.post(link, data={"password": password})
    return page.select_one("#totp-secret").get_text(strip=True)


def test_an_administrator_adds_an_officer_who_sets_up_their_sign_in(app, pages, mail_server):
    use_mail_server(app, mail_server)
    boss = add_officer(app, "administrator")
    sign_in_officer(pages.client, boss)
    pages.get("/admin/officers")
    page = pages.post("/admin/officers/new", status=400, data={"email": "x", "role": ""})
    assert "Select a role" in page.select_one(".govuk-error-summary").get_text()
    assert page.select_one("#email")["value"] == "x"
    added = {"email": "Kim@Example.org", "name": "Kim", "role": "editor"}
    assert pages.client.post("/admin/officers/new", data=added).status_code == 302
    page = pages.post("/admin/officers/new", status=400, data=added)
    assert "already an account" in page.get_text()
    listed = pages.get("/admin/officers").get_text()
    assert "kim@example.org" in listed and "Set-up link sent" in listed
    pages.client.post("/admin/sign-out")

    link = _set_up_link(app, mail_server, "kim@example.org")
    short = pages.post(link, status=400, data={"password": "short"})
    assert "12 characters or more" in short.get_text()
    secret = _set_up(pages, link, "a long new password")
    assert pages.post(link, status=400, data={"password": "a long new password"})  # once only
    response = pages.client.post(
        "/admin/sign-in", data={"email": "kim@example.org", "password": "a long new password"}
    )
    assert response.status_code == 302
    response = pages.client.post("/admin/sign-in/code", data={"code": code_for(secret)})
    assert response.status_code == 302
    assert pages.client.get("/admin/officers").status_code == 403  # an editor
    assert "officer added" in _events(app)
    assert "password and second factor set from an emailed link" in _events(app)


def test_an_administrator_changes_a_role_disables_enables_and_resets(app, pages, mail_server):
    use_mail_server(app, mail_server)
    boss = add_officer(app, "administrator")
    editor = add_officer(app, "editor")
    sign_in_officer(pages.client, boss)
    role_url = f"/admin/officers/{editor['id']}/role"
    assert pages.get(role_url).select_one("input[value=editor]").has_attr("checked")
    pages.post(role_url, status=400, data={"role": "provider"})
    assert pages.client.post(role_url, data={"role": "administrator"}).status_code == 302
    assert pages.client.post(f"/admin/officers/{editor['id']}/disable").status_code == 302
    # Not on your own account: no one locks themselves out.
    assert pages.client.post(f"/admin/officers/{boss['id']}/disable").status_code == 302
    assert pages.client.get(f"/admin/officers/{boss['id']}/role").status_code == 302
    assert pages.client.get("/admin/officers/made-up/role").status_code == 404
    with app.app_context():
        db = get_session()
        assert db.get(Account, editor["id"]).role == "administrator"
        assert not db.get(Account, editor["id"]).active
        assert db.get(Account, boss["id"]).active
    pages.client.post("/admin/sign-out")
    page = pages.post(
        "/admin/sign-in", status=400, data={"email": editor["email"], "password": PASSWORD}
    )
    assert "Enter a correct email address and password" in page.get_text()  # disabled

    sign_in_officer(pages.client, boss, step=1)
    assert pages.client.post(f"/admin/officers/{editor['id']}/enable").status_code == 302
    assert pages.client.post(f"/admin/officers/{editor['id']}/reset").status_code == 302
    pages.client.post("/admin/sign-out")
    # The old password and codes no longer work; the emailed link sets new ones.
    response = pages.client.post(
        "/admin/sign-in", data={"email": editor["email"], "password": PASSWORD}
    )
    assert response.status_code == 400
    secret = _set_up(pages, _set_up_link(app, mail_server, editor["email"]), "another password")
    assert secret != editor["secret"]
    sign_in_officer(pages.client, {**editor, "secret": secret}, password="another password")
    assert pages.client.get("/admin/officers").status_code == 200  # now an administrator
    assert [event for event in _events(app) if event.startswith("officer")] == [
        "officer role changed",
        "officer disabled",
        "officer enabled",
        "officer password and second factor reset",
    ]


def test_an_officer_changes_their_own_password(app, pages):
    officer = add_officer(app)
    sign_in_officer(pages.client, officer)
    page = pages.post(
        "/admin/password", status=400, data={"current": "wrong", "password": "a new long password"}
    )
    assert "current password is not right" in page.get_text()
    response = pages.client.post(
        "/admin/password", data={"current": PASSWORD, "password": "a new long password"}
    )
    assert response.status_code == 302
    pages.client.post("/admin/sign-out")
    sign_in_officer(pages.client, officer, step=1, password="a new long password")
    assert "password changed" in _events(app)
    assert "password change refused: wrong current password" in _events(app)


def test_an_unknown_set_up_link_signs_no_one_in(app, pages):
    pages.get("/admin/set-up/made-up")
    pages.post("/admin/set-up/made-up", status=400, data={"password": "a long new password"})
