"""Helpers and fixtures for the directory upkeep tests: officers, listings and a mail server."""

import email
import socket
import time
from collections.abc import Iterator
from email.message import Message

import pyotp
import pytest
from aiosmtpd.controller import Controller
from flask import g

from webapp.accounts import create_account
from webapp.database import get_session
from webapp.directory.transfer import import_rows

PASSWORD = "correct horse battery staple"


def add_officer(app, role: str = "editor", email_address: str | None = None) -> dict:
    email_address = email_address or f"{role}@example.org"
    with app.app_context():
        db = get_session()
        account = create_account(db, email_address, role, name=role.title(), password=PASSWORD)
        db.commit()
        return {"email": account.email, "secret": account.totp_secret, "id": account.id}


def add_listing(app, **values) -> str:
    """One listing, straight into the directory as an import would put it."""
    row = {
        "id": "svc-1",
        "name": "Bridport Befrienders",
        "kind": "micro_provider",
        "summary": "Friendly visits at home",
        "area": "West Dorset",
        "town": "Bridport",
        "latitude": "50.7336",
        "longitude": "-2.7584",
        "last_checked": "2026-01-10",
        "help_types": "befriending",
        "phone": "01632 960001",
        **values,
    }
    with app.app_context():
        db = get_session()
        import_rows(db, [(1, row)])
        db.commit()
    return row["id"]


def code_for(secret: str, step: int = 0) -> str:
    totp = pyotp.TOTP(secret)
    return totp.at(int(time.time()) + 30 * step)


def sign_in_officer(client, officer: dict, step: int = 0, password: str = PASSWORD):
    """Password, then the code: returns the final response."""
    response = client.post("/admin/sign-in", data={"email": officer["email"], "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client.post("/admin/sign-in/code", data={"code": code_for(officer["secret"], step)})


class _Collector:
    def __init__(self):
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_server() -> Iterator[_Collector]:
    """A real SMTP server on a free local port; its messages are in `.messages`."""
    collector = _Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
    controller.start()
    collector.port = controller.port
    yield collector
    controller.stop()


def use_mail_server(app, server) -> None:
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_USE_TLS=False)


def add_provider(app, email_address: str = "provider@example.org", organisation=None) -> dict:
    with app.app_context():
        db = get_session()
        account = create_account(db, email_address, "provider", password=PASSWORD)
        account.organisation_id = organisation
        db.commit()
        return {"email": account.email, "id": account.id}


def fresh_request(client, url: str, method: str = "GET", **kwargs):
    """A request that loads the signed-in account afresh, as each real request does:
    pytest-flask keeps one app context (so one `g`, where Flask-Login keeps the user) for a
    whole test, so with several clients the last one signed in would otherwise carry over."""
    g.pop("_login_user", None)
    return client.open(url, method=method, **kwargs)


def sign_in_provider(client, provider: dict):
    response = client.post(
        "/providers/sign-in", data={"email": provider["email"], "password": PASSWORD}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    return response
