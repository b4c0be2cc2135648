"""The review cycle: reminders, the dashboard's counts, and officers' CSV exports."""

import csv
import io

import pytest

from tests.upkeep import (
    add_listing,
    add_officer,
    add_provider,
    sign_in_officer,
    use_mail_server,
)
from webapp.admin.exports import neutralise
from webapp.database import get_session
from webapp.directory.transfer import COLUMNS
from webapp.listing_rules import LABELS
from webapp.models import Service


@pytest.fixture
def app(empty_app):
    empty_app.config["WTF_CSRF_ENABLED"] = False
    add_listing(empty_app, id="old", name="=HYPERLINK(1)", last_checked="2024-01-01")
    add_listing(empty_app, id="new", name="Fresh Listing", slug="fresh", last_checked="2099-01-01")
    return empty_app


def test_every_listing_field_has_a_label():
    assert set(LABELS) == set(COLUMNS)


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=1+2", "'=1+2"), ("+44", "'+44"), ("-1", "'-1"), ("@SUM", "'@SUM"), ("fine", "fine")],
)
def test_cells_that_would_run_as_formulas_are_neutralised(value, cell):
    assert neutralise(value) == cell


def test_providers_due_for_review_are_reminded_once_a_week(app, mail_server):
    use_mail_server(app, mail_server)
    with app.app_context():
        organisation = get_session().get(Service, "old").organisation_id
    add_provider(app, "owner@example.org", organisation=organisation)
    runner = app.test_cli_runner()
    assert "Queued 1 reminder" in runner.invoke(args=["directory", "remind-reviews"]).output
    assert "Queued 0 reminder" in runner.invoke(args=["directory", "remind-reviews"]).output
    assert "Sent 1 email" in runner.invoke(args=["mail", "send-pending"]).output
    message = mail_server.messages[0]
    assert message["To"] == "owner@example.org"
    assert "Please check your listing" in message["Subject"]


def test_the_dashboard_counts_the_backlog_and_the_exports_are_safe(app, client):
    sign_in_officer(client, add_officer(app))
    page = client.get("/admin/").get_data(as_text=True)
    assert "Not checked for 12 months" in page
    assert "=HYPERLINK(1)" in page  # due for review, listed by name
    exported = client.get("/admin/export/directory.csv")
    assert exported.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True))))
    assert {row["name"] for row in rows} == {"'=HYPERLINK(1)", "Fresh Listing"}
    queue = client.get("/admin/export/queue.csv")
    assert queue.get_data(as_text=True).startswith("type,reference,listing,received")


def test_an_old_listing_says_it_has_not_been_checked_for_12_months(app, client):
    stale = client.get("/find-support/hyperlink-1").get_data(as_text=True)
    assert "has not checked this listing for over 12 months" in stale
    response = client.get("/find-support/fresh")
    assert "has not checked this listing" not in response.get_data(as_text=True)
    # Sign-in machinery never makes a public page personal or vary on the cookie.
    assert response.headers["Cache-Control"].startswith("public")
    assert "Cookie" not in response.headers.get("Vary", "")
