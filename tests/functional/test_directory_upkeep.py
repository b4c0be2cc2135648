"""The people side of the directory, end to end through the test client, with real email:
a provider lists a service, an officer approves it, it is found, the provider changes its
availability, the public report a problem, the officer sees the difference and restores."""

import re

import pytest
from bs4 import BeautifulSoup

from tests.conftest import assert_sound_page
from tests.upkeep import add_listing, add_officer, sign_in_officer, use_mail_server
from webapp.database import get_session
from webapp.directory.places import load_gazetteer
from webapp.models import Account, ListingVersion, OutboxMessage, Report, Service, Submission
from webapp.providers.forms import STEPS

ANSWERS = {
    "who-you-are": {"organisation": "Chideock Companions", "contact_name": "Ann Example"},
    "name": {"name": "Chideock Companions"},
    "kind": {"kind": "micro_provider"},
    "help": {"help_types": ["befriending", "shopping"]},
    "summary": {"summary": "Weekly visits and help with shopping", "description": ""},
    "where": {"town": "Bridport", "postcode": "", "address": ""},
    "area": {"area": "West Dorset"},
    "service-areas": {"service_areas": "Bridport; Chideock"},
    "who-for": {"who_for": "Older people living at home"},
    "costs": {"cost_description": "£18 an hour"},
    "opening-times": {"opening_days": ["MO", "WE"], "opens": "9:00", "closes": "17:00"},
    "payment": {"funding": ["direct_payments", "self_funders"]},
    "cqc": {"cqc_registered": "no"},
    "dbs": {"dbs_checked": "yes"},
    "insurance": {"insured": "yes"},
    "accreditation": {"accreditation": ""},
    "languages": {"languages": "English"},
    "wheelchair": {"wheelchair_accessible": "yes"},
    "dementia": {"dementia_friendly": "yes"},
    "contact": {"phone": "01632 960123", "email": "ann@example.org", "website": ""},
}


@pytest.fixture
def app(empty_app):
    """A database of its own, with the gazetteer so towns are known, and another provider's
    listing."""
    empty_app.config["WTF_CSRF_ENABLED"] = False
    with empty_app.app_context():
        db = get_session()
        load_gazetteer(db)
        db.commit()
    add_listing(empty_app, id="already-there", organisation="Someone Else")
    return empty_app


def _send_mail(app) -> str:
    return app.test_cli_runner().invoke(args=["mail", "send-pending"]).output


def _link(message) -> str:
    return re.search(r"http://localhost(/\S+)", message.get_payload(decode=True).decode())[1]


def _sound(client, url: str) -> str:
    """The page, checked as every page is (one h1, unique ids, nonce on scripts...)."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert_sound_page(response.get_data(as_text=True), response.headers)
    return response.get_data(as_text=True)


def _search(client, query: str) -> str:
    return client.get(f"/find-support?{query}").get_data(as_text=True)


def _provider_signs_in(app, client, mail_server, email="ann@example.org"):
    page = client.post("/providers/sign-in/email", data={"email": email})
    assert page.status_code == 200
    assert "Check your email" in page.get_data(as_text=True)
    assert "0 failed" in _send_mail(app)
    message = [m for m in mail_server.messages if m["Subject"] == "Your sign-in link"][-1]
    assert message["To"] == email
    link = _link(message)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    return link


def _list_a_service(client) -> str:
    response = client.post("/providers/listings/new")
    assert response.status_code == 302
    submission_url = response.location.rsplit("/", 1)[0]
    for step, data in ANSWERS.items():
        _sound(client, f"{submission_url}/{step}")
        response = client.post(f"{submission_url}/{step}", data=data)
        assert response.status_code == 302, (step, response.get_data(as_text=True)[:3000])
    check = client.get(f"{submission_url}/check")
    assert check.status_code == 200
    assert "Chideock Companions" in check.get_data(as_text=True)
    sent = client.post(f"{submission_url}/check")
    assert sent.status_code == 302
    return submission_url


def test_a_provider_lists_a_service_and_an_officer_approves_it(app, client, mail_server):
    use_mail_server(app, mail_server)
    link = _provider_signs_in(app, client, mail_server)
    _list_a_service(client)
    home = _sound(client, "/providers/")
    assert "Waiting for the council" in home
    _sound(client, "/providers/password")
    assert "Chideock Companions" not in _search(client, "q=chideock")  # nothing public yet

    client.post("/providers/sign-out")
    assert client.post(link).status_code == 400  # a link works once

    officer = add_officer(app)
    sign_in_officer(client, officer)
    queue = _sound(client, "/admin/queue")
    with app.app_context():
        submission = get_session().query(Submission).one()
    assert submission.reference in queue
    page = _sound(client, f"/admin/submissions/{submission.id}")
    _sound(client, f"/admin/submissions/{submission.id}/edit")
    _sound(client, f"/admin/submissions/{submission.id}/reject")
    assert "Weekly visits and help with shopping" in page
    assert "Approving adds Chideock Companions to the directory" in page
    assert client.post(f"/admin/submissions/{submission.id}/approve").status_code == 302

    assert "Chideock Companions" in _search(client, "q=chideock")  # in the index at once
    with app.app_context():
        service = get_session().query(Service).filter_by(name="Chideock Companions").one()
        assert service.provider_updated_on is not None
    listing = client.get(f"/find-support/{service.slug}").get_data(as_text=True)
    assert "Checked by the council on" in listing
    assert "Updated by the provider on" in listing
    _send_mail(app)
    assert "Your listing is live" in mail_server.messages[-1]["Subject"]


def test_each_page_asks_one_question_and_change_links_come_back_to_check(app, client, mail_server):
    use_mail_server(app, mail_server)
    _provider_signs_in(app, client, mail_server)
    submission_url = client.post("/providers/listings/new").location.rsplit("/", 1)[0]
    for step, data in ANSWERS.items():
        page = BeautifulSoup(_sound(client, f"{submission_url}/{step}"), "html.parser")
        if step in ("area", "service-areas", "wheelchair", "dementia"):
            # The question is the page's heading, and the page's only question.
            heading = page.select_one("h1").get_text(strip=True)
            assert heading == str(STEPS[step].question)
            assert len(page.select("fieldset, input[type=text], textarea")) == 1
        client.post(f"{submission_url}/{step}", data=data)
    check = BeautifulSoup(_sound(client, f"{submission_url}/check"), "html.parser")
    changes = {
        link.select_one(".govuk-visually-hidden").get_text(strip=True): link["href"]
        for link in check.select(".govuk-summary-list__actions a")
    }
    assert changes["Area"].endswith("/area?from=check")
    assert changes["Wheelchair accessible"].endswith("/wheelchair?from=check")
    assert changes["Dementia friendly"].endswith("/dementia?from=check")
    response = client.post(changes["Area"], data={})
    assert response.status_code == 400
    assert "Select the area of Dorset you are in" in response.get_data(as_text=True)
    response = client.post(changes["Area"], data={"area": "Purbeck"})
    assert response.location.endswith("/check")
    response = client.post(changes["Dementia friendly"], data={"dementia_friendly": "no"})
    assert response.location.endswith("/check")
    rows = {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(strip=True)
        for row in BeautifulSoup(_sound(client, response.location), "html.parser").select(
            ".govuk-summary-list__row"
        )
    }
    assert rows["Area"] == "Purbeck"
    assert rows["Dementia friendly"] == "no"
    assert rows["Wheelchair accessible"] == "yes"
    assert rows["Places covered"] == "Bridport; Chideock"


def test_a_rejection_reaches_the_provider_with_its_reason(app, client, mail_server):
    use_mail_server(app, mail_server)
    _provider_signs_in(app, client, mail_server)
    _list_a_service(client)
    client.post("/providers/sign-out")
    sign_in_officer(client, add_officer(app))
    with app.app_context():
        submission = get_session().query(Submission).one()
    empty = client.post(f"/admin/submissions/{submission.id}/reject", data={"reason": ""})
    assert empty.status_code == 400
    client.post(
        f"/admin/submissions/{submission.id}/reject",
        data={"reason": "Please add <b>prices</b> for weekends"},
    )
    _send_mail(app)
    body = mail_server.messages[-1].get_payload(decode=True).decode()
    assert "Please add <b>prices</b> for weekends" in body  # plain text: shown as typed
    with app.app_context():
        assert get_session().query(Submission).one().status == "rejected"


def test_availability_reports_differences_and_restore(app, client, mail_server):
    use_mail_server(app, mail_server)
    _provider_signs_in(app, client, mail_server)
    _list_a_service(client)
    client.post("/providers/sign-out")
    officer = add_officer(app)
    sign_in_officer(client, officer)
    with app.app_context():
        first = get_session().query(Submission).one()
    client.post(f"/admin/submissions/{first.id}/approve")
    client.post("/admin/sign-out")
    with app.app_context():
        service = get_session().query(Service).filter_by(name="Chideock Companions").one()

    # The provider starts changing their summary...
    _provider_signs_in(app, client, mail_server)
    response = client.post(f"/providers/services/{service.id}/update")
    submission_url = response.location.rsplit("/", 1)[0]
    client.post(
        f"{submission_url}/summary",
        data={"summary": "Visits, shopping <script>alert(1)</script>", "description": ""},
    )

    # ... says they have a waiting list, which shows at once and can be filtered on ...
    response = client.post(
        f"/providers/services/{service.id}/availability",
        data={"availability": "waiting_list", "status": "active"},
    )
    assert response.status_code == 302
    # A choice not offered, sent without the date boxes, gets the form back with its error.
    refused = client.post(
        f"/providers/services/{service.id}/availability", data={"availability": "bad"}
    )
    assert refused.status_code == 400 and "govuk-error-summary" in refused.get_data(as_text=True)
    assert "Waiting list" in client.get(f"/find-support/{service.slug}").get_data(as_text=True)
    assert "Chideock Companions" in _search(client, "availability=waiting_list")
    assert "Chideock Companions" not in _search(client, "availability=full")

    # ... and sends the change, which waits for an officer.
    assert client.post(f"{submission_url}/check").status_code == 302
    client.post("/providers/sign-out")

    # A member of the public reports a problem; the provider hears of it too.
    form = client.post(f"/find-support/{service.slug}/report", data={"problem": "", "email": "x"})
    assert form.status_code == 400
    assert 'value="x"' in form.get_data(as_text=True)  # nothing typed is lost
    sent = client.post(
        f"/find-support/{service.slug}/report",
        data={"problem": "The phone number is wrong", "email": "pat@example.org"},
    )
    assert sent.status_code == 302
    confirmation = client.get(sent.location).get_data(as_text=True)
    with app.app_context():
        report = get_session().query(Report).one()
    assert report.reference in confirmation
    _send_mail(app)
    assert "reported a problem" in mail_server.messages[-1]["Subject"]

    # The officer sees the report and the change, field by field, escaped.
    sign_in_officer(client, officer, step=1)
    queue = client.get("/admin/queue").get_data(as_text=True)
    assert report.reference in queue
    with app.app_context():
        change = get_session().query(Submission).filter_by(status="pending").one()
    assert queue.index(change.reference) < queue.index(report.reference)  # oldest first
    diff = client.get(f"/admin/submissions/{change.id}").get_data(as_text=True)
    assert "Weekly visits and help with shopping" in diff
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in diff
    assert "<script>alert(1)" not in diff
    assert "The phone number is wrong" in client.get(f"/admin/reports/{report.id}").get_data(
        as_text=True
    )
    client.post(f"/admin/submissions/{change.id}/approve")
    live = client.get(f"/find-support/{service.slug}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)" in live
    assert "Waiting list" in live  # the change started earlier did not undo it

    # ... and puts back the version they approved first.
    with app.app_context():
        approved_first = get_session().query(ListingVersion).filter_by(submission_id=first.id).one()
    history = _sound(client, f"/admin/listings/{service.id}")
    _sound(client, f"/admin/reports/{report.id}")
    _sound(client, "/admin/")
    assert f"from {first.reference}" in history
    restored = client.post(f"/admin/listings/{service.id}/versions/{approved_first.id}/restore")
    assert restored.status_code == 302
    live = client.get(f"/find-support/{service.slug}").get_data(as_text=True)
    assert "Weekly visits and help with shopping" in live
    assert "alert(1)" not in live


def test_a_provider_cannot_touch_another_organisations_listing(app, client, mail_server):
    use_mail_server(app, mail_server)
    _provider_signs_in(app, client, mail_server)
    assert client.get("/providers/services/already-there/availability").status_code == 404
    assert client.post("/providers/services/already-there/update").status_code == 404


def test_naming_an_existing_organisation_gives_no_access_to_its_listings(app, client, mail_server):
    use_mail_server(app, mail_server)
    _provider_signs_in(app, client, mail_server)
    submission_url = client.post("/providers/listings/new").location.rsplit("/", 1)[0]
    for step, data in ANSWERS.items():
        if step == "who-you-are":
            data = {**data, "organisation": "Someone Else"}
        client.post(f"{submission_url}/{step}", data=data)
    assert client.post(f"{submission_url}/check").status_code == 302
    client.post("/providers/sign-out")

    sign_in_officer(client, add_officer(app))
    with app.app_context():
        submission = get_session().query(Submission).one()
    page = _sound(client, f"/admin/submissions/{submission.id}")
    assert "Someone Else is already in the directory" in page
    assert "does not give ann@example.org access to its listings" in page
    assert client.post(f"/admin/submissions/{submission.id}/approve").status_code == 302
    client.post("/admin/sign-out")

    _provider_signs_in(app, client, mail_server)
    assert client.get("/providers/services/already-there/availability").status_code == 404
    with app.app_context():
        assert (
            get_session().query(Account).filter_by(email="ann@example.org").one().organisation_id
            is None
        )


def test_mail_that_fails_stays_in_the_outbox_and_is_retried(app, client, mail_server):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=1, MAIL_USE_TLS=False)
    client.post("/providers/sign-in/email", data={"email": "sam@example.org"})
    result = app.test_cli_runner().invoke(args=["mail", "send-pending"])
    assert result.exit_code == 1
    with app.app_context():
        message = get_session().query(OutboxMessage).one()
        assert message.sent_at is None and message.attempts == 1 and message.last_error
    use_mail_server(app, mail_server)
    assert "Sent 1 email" in _send_mail(app)
    assert mail_server.messages[0]["To"] == "sam@example.org"
    assert "Sent 0 email" in _send_mail(app)  # never sent twice


def test_a_name_in_a_message_shown_once_is_shown_as_text(app, client):
    # Flask keeps a lazy translation string in the session as safe HTML: a listing's name in
    # "... marked as checked today" must still reach the page escaped.
    service_id = add_listing(app, id="marked-up", name='<b id="injected">Bold</b> Befrienders')
    sign_in_officer(client, add_officer(app))
    response = client.post(f"/admin/listings/{service_id}/checked", follow_redirects=True)
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.find(id="injected") is None
    assert '<b id="injected">Bold</b> Befrienders marked as checked today' in page.get_text()
