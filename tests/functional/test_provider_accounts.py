"""Providers' accounts: links that expire and work once, passwords, colleagues, rate limits,
and an officer's edit that breaks a listing rule."""

from datetime import timedelta

import pytest

from tests.upkeep import (
    PASSWORD,
    add_listing,
    add_officer,
    add_provider,
    fresh_request,
    sign_in_officer,
    sign_in_provider,
    use_mail_server,
)
from webapp import accounts
from webapp.database import get_session
from webapp.models import Account, Report, Service, SignInToken, Submission
from webapp.moderation import start_submission


@pytest.fixture
def app(empty_app):
    empty_app.config["WTF_CSRF_ENABLED"] = False
    add_listing(empty_app, id="svc-1", organisation="Bridport Befrienders")
    return empty_app


def _organisation(app) -> str:
    with app.app_context():
        return get_session().get(Service, "svc-1").organisation_id


def test_an_expired_link_does_not_sign_anyone_in(app):
    provider = add_provider(app)
    with app.test_request_context():
        db = get_session()
        account = db.get(Account, provider["id"])
        token = accounts.new_link_token(db, account, "sign_in")
        for row in db.query(SignInToken):
            row.expires_at = accounts.now() - timedelta(seconds=1)
        db.commit()
        assert accounts.use_link_token(db, token, "sign_in") is None
        assert accounts.use_link_token(db, "made-up", "sign_in") is None


def test_a_provider_chooses_a_password_and_signs_in_with_it(app, client):
    provider = add_provider(app, "pat@example.org")
    sign_in_provider(client, provider)
    short = client.post("/providers/password", data={"password": "short"})
    assert short.status_code == 400
    assert (
        client.post("/providers/password", data={"password": "a much longer one"}).status_code
        == 302
    )
    client.post("/providers/sign-out")
    response = client.post(
        "/providers/sign-in", data={"email": "pat@example.org", "password": "a much longer one"}
    )
    assert response.status_code == 302


def test_changing_a_password_ends_the_providers_other_sessions(app, client):
    provider = add_provider(app, "pat@example.org")
    other = app.test_client()
    sign_in_provider(other, provider)
    sign_in_provider(client, provider)
    changed = fresh_request(
        client, "/providers/password", "POST", data={"password": "a much longer one"}
    )
    assert changed.status_code == 302
    assert fresh_request(client, "/providers/").status_code == 200
    assert fresh_request(other, "/providers/").status_code == 302


def test_a_locked_provider_hears_what_a_stranger_hears(app, client):
    provider = add_provider(app, "pat@example.org")
    # Each from an address of its own, to stay under the rate limit per address.
    tries = {provider["email"]: "192.0.2.1", "nobody@example.org": "192.0.2.2"}
    for email, address in tries.items():
        for _ in range(5):
            client.post(
                "/providers/sign-in",
                data={"email": email, "password": "nope"},
                environ_base={"REMOTE_ADDR": address},
            )
    locked, unknown = (
        client.post(
            "/providers/sign-in",
            data={"email": email, "password": PASSWORD},
            environ_base={"REMOTE_ADDR": address},
        )
        for email, address in tries.items()
    )
    assert locked.status_code == unknown.status_code == 400
    assert locked.get_data(as_text=True).count("Enter a correct email address and password") > 0
    assert "locked" not in locked.get_data(as_text=True)
    elsewhere = app.test_client().post(
        "/providers/sign-in",
        data={"email": provider["email"], "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "192.0.2.3"},
    )
    assert elsewhere.status_code == 302


def test_an_invitation_moves_no_one_until_it_is_used(app, client, mail_server):
    use_mail_server(app, mail_server)
    organisation = _organisation(app)
    inviter = add_provider(app, organisation=organisation)
    newcomer = add_provider(app, "new@example.org")
    busy = add_provider(app, "busy@example.org")
    with app.app_context():
        db = get_session()
        start_submission(db, db.get(Account, busy["id"]), None)
        db.commit()
    sign_in_provider(client, inviter)
    refused = client.post("/providers/invite", data={"email": "busy@example.org"})
    assert refused.status_code == 400
    assert "listings of their own in progress" in refused.get_data(as_text=True)
    assert client.post("/providers/invite", data={"email": "new@example.org"}).status_code == 302
    with app.app_context():
        assert get_session().get(Account, newcomer["id"]).organisation_id is None
    client.post("/providers/sign-out")
    app.test_cli_runner().invoke(args=["mail", "send-pending"])
    body = mail_server.messages[-1].get_payload(decode=True).decode()
    assert client.post(body.split("http://localhost", 1)[1].split()[0]).status_code == 302
    with app.app_context():
        assert get_session().get(Account, newcomer["id"]).organisation_id == organisation


def test_an_officer_cannot_sign_in_as_a_provider_or_by_link(app, client):
    officer = add_officer(app)
    response = client.post(
        "/providers/sign-in", data={"email": officer["email"], "password": PASSWORD}
    )
    assert response.status_code == 400
    client.post("/providers/sign-in/email", data={"email": officer["email"]})
    with app.app_context():
        assert get_session().query(SignInToken).count() == 0


def test_a_provider_invites_a_colleague_who_then_manages_the_listing(app, client, mail_server):
    use_mail_server(app, mail_server)
    provider = add_provider(app, organisation=_organisation(app))
    sign_in_provider(client, provider)
    assert "Bridport Befrienders" in client.get("/providers/").get_data(as_text=True)
    assert client.post("/providers/invite", data={"email": "sam@example.org"}).status_code == 302
    client.post("/providers/sign-out")
    app.test_cli_runner().invoke(args=["mail", "send-pending"])
    body = mail_server.messages[-1].get_payload(decode=True).decode()
    link = body.split("http://localhost", 1)[1].split()[0]
    assert client.post(link).status_code == 302
    home = client.get("/providers/").get_data(as_text=True)
    assert "Update availability" in home


def test_an_officers_edit_that_breaks_a_rule_is_a_message_not_a_database_error(app, client):
    provider = add_provider(app, organisation=_organisation(app))
    sign_in_provider(client, provider)
    response = client.post("/providers/services/svc-1/update")
    check = response.location
    assert client.post(check).status_code == 302
    client.post("/providers/sign-out")
    sign_in_officer(client, add_officer(app))
    with app.app_context():
        submission = get_session().query(Submission).one()
    edit = f"/admin/submissions/{submission.id}/edit"
    page = client.get(edit).get_data(as_text=True)
    assert "Bridport Befrienders" in page
    form = dict.fromkeys(("organisation", "summary", "town"), "")
    form.update(name="Bridport Befrienders", organisation="Bridport Befrienders",
                summary="Visits", town="Bridport", phone="0" * 60)  # fmt: skip
    rejected = client.post(edit, data=form)
    assert rejected.status_code == 400
    assert "Must be 40 characters or fewer" in rejected.get_data(as_text=True)
    assert 'value="000000' in rejected.get_data(as_text=True)  # what was typed is kept
    form["phone"] = "01632 960999"
    assert client.post(edit, data=form).status_code == 302
    with app.app_context():
        assert get_session().get(Service, "svc-1").phone == "01632 960999"


def test_reports_are_rate_limited(app, client):
    for _ in range(5):
        response = client.post("/find-support/bridport-befrienders/report", data={"problem": "x"})
        assert response.status_code == 302
    assert (
        client.post("/find-support/bridport-befrienders/report", data={"problem": "x"}).status_code
        == 429
    )


CLOSED = {"availability": "full", "status": "temporarily_closed", "closed_reason": "Holiday"}


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "marked"),
    [
        ("1", "", "2099", "The reopening date must include a month", ["month"]),
        ("", "", "2099", "The reopening date must include a day and a month", ["day", "month"]),
        ("31", "2", "2099", "The reopening date must be a real date", ["day", "month", "year"]),
        ("1", "March", "2099", "The reopening date must be in numbers", ["month"]),
        ("1", "3", "99", "The year must include 4 numbers", ["year"]),
        ("1", "3", "2001", "The reopening date must be today or in the future", ["day"]),
    ],
)
def test_a_reopening_date_in_three_boxes_with_a_clear_message(
    app, client, pages, day, month, year, message, marked
):
    provider = add_provider(app, organisation=_organisation(app))
    sign_in_provider(client, provider)
    url = "/providers/services/svc-1/availability"
    page = pages.post(url, status=400, data={**CLOSED, "reopening_on": [day, month, year]})
    assert message in page.select_one(".govuk-error-summary").get_text()
    assert page.select_one(".govuk-error-summary a")["href"] == "#reopening_on"
    boxes = {box["id"]: box for box in page.select("#reopening_on input")}
    assert [box.get("value", "") for box in boxes.values()] == [day, month, year]  # as typed
    for part in marked:
        assert "govuk-input--error" in boxes[f"reopening_on-{part}"]["class"]
    assert page.select_one("#closed_reason")["value"] == "Holiday"


def test_a_reopening_date_is_saved_shown_back_and_ignored_when_open(app, client, pages):
    provider = add_provider(app, organisation=_organisation(app))
    sign_in_provider(client, provider)
    url = "/providers/services/svc-1/availability"
    pages.get(url)
    response = client.post(url, data={**CLOSED, "reopening_on": [" 1", "3 ", "2099"]})
    assert response.status_code == 302
    with app.app_context():
        assert get_session().get(Service, "svc-1").reopening_on.isoformat() == "2099-03-01"
    page = pages.get(url)
    assert [box["value"] for box in page.select("#reopening_on input")] == ["1", "3", "2099"]
    # Open again: the date left in the boxes, even half typed, is not a closure's.
    open_again = {"availability": "taking_new", "status": "active", "reopening_on": ["1", "", ""]}
    assert client.post(url, data=open_again).status_code == 302
    with app.app_context():
        assert get_session().get(Service, "svc-1").reopening_on is None


def test_providers_see_reports_about_their_listings_open_or_dealt_with(app, client, pages):
    with app.app_context():
        db = get_session()
        for number, problem in enumerate(("Phone is wrong <script>x</script>", "Moved town")):
            db.add(
                Report(
                    reference=f"R-TEST{number}",
                    service_id="svc-1",
                    problem=problem,
                    email="pat@example.org",
                    created_at=accounts.now() - timedelta(days=number),
                )
            )
        db.commit()
        first = db.query(Report).filter_by(reference="R-TEST0").one().id
    officer = add_officer(app)
    sign_in_officer(client, officer)
    assert client.post(f"/admin/reports/{first}/close").status_code == 302
    client.post("/admin/sign-out")

    sign_in_provider(client, add_provider(app, organisation=_organisation(app)))
    rows = {
        row.select_one("dt").get_text(" ", strip=True): row.select_one("dd")
        for row in pages.get("/providers/").select("#reports .govuk-summary-list__row")
    }
    [dealt_with] = [value for key, value in rows.items() if "R-TEST0" in key]
    [still_open] = [value for key, value in rows.items() if "R-TEST1" in key]
    assert dealt_with.select_one(".govuk-tag").get_text(strip=True) == "Dealt with"
    assert "<script>x</script>" in dealt_with.get_text()  # shown as text, never run
    assert dealt_with.select_one("script") is None
    assert still_open.select_one(".govuk-tag").get_text(strip=True) == "Open"
    assert "pat@example.org" not in str(rows)  # the reporter's details are the council's


def test_a_provider_without_listings_sees_no_one_elses_reports(app, client, pages):
    with app.app_context():
        db = get_session()
        db.add(
            Report(reference="R-OTHER", service_id="svc-1", problem="x", created_at=accounts.now())
        )
        db.commit()
    sign_in_provider(client, add_provider(app))
    assert "R-OTHER" not in pages.get("/providers/").get_text()
