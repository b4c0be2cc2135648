"""The issue's 'done when' journey in real Chromium, axe-checked on the way: a provider lists a
service, an officer approves it, it is found in search, the provider changes its availability,
a member of the public reports a problem, the officer sees the report and the difference, and
restores an older version."""

import re
import threading
import time

import pyotp
import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import expect
from werkzeug.serving import make_server

from tests.browser.conftest import assert_no_axe_violations
from tests.conftest import _database_params
from tests.helpers import load_sample_directory, make_test_config, new_database
from tests.upkeep import PASSWORD, _Collector, _free_port
from webapp import create_app
from webapp.accounts import create_account
from webapp.database import get_session
from webapp.search import rebuild_index

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def mail():
    collector = _Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
    controller.start()
    collector.port = controller.port
    yield collector
    controller.stop()


@pytest.fixture(scope="module", params=_database_params())
def upkeep_app(request, tmp_path_factory, mail):
    """SQLite, and PostgreSQL too when TEST_DATABASE_URL is set."""
    with new_database(request.param, tmp_path_factory.mktemp("upkeep-db")) as database_url:
        load_sample_directory(database_url)
        app = create_app(
            make_test_config(database_url, str(tmp_path_factory.mktemp("upkeep-index")))
        )
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=mail.port, MAIL_USE_TLS=False)
        with app.app_context():
            rebuild_index()
            db = get_session()
            officer = create_account(db, "officer@example.org", "editor", password=PASSWORD)
            db.commit()
            app.config["TEST_OFFICER_SECRET"] = officer.totp_secret
        yield app


@pytest.fixture(scope="module")
def live_server(upkeep_app):
    """This module's own server and database: its journey changes the directory."""
    server = make_server("127.0.0.1", 0, upkeep_app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    upkeep_app.config["PUBLIC_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield upkeep_app.config["PUBLIC_URL"]
    server.shutdown()


def _send_mail(app) -> None:
    result = app.test_cli_runner().invoke(args=["mail", "send-pending"])
    assert "0 failed" in result.output, result.output


def _sign_in_link(app, mail, email: str) -> str:
    _send_mail(app)
    message = [m for m in mail.messages if m["To"] == email][-1]
    body = message.get_payload(decode=True).decode()
    return re.search(r"http://127\.0\.0\.1:\d+(/\S+)", body)[1]


def _continue(page) -> None:
    page.get_by_role("button", name="Continue").click()


def _provider_lists_a_service(page, app, mail) -> str:
    page.goto("/providers/sign-in")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Email me a sign-in link").click()
    page.get_by_label("What is your email address?").fill("ann@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    page.goto(_sign_in_link(app, mail, "ann@example.org"))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your listings")).to_be_visible()

    page.get_by_role("button", name="List a new service").click()
    page.get_by_label("Name of your organisation").fill("Chideock Companions")
    page.get_by_label("Your name").fill("Ann Example")
    _continue(page)
    page.get_by_label("What is your service called?").fill("Chideock Companions")
    _continue(page)
    # An answer missing: an error summary, and nothing typed so far is lost.
    _continue(page)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Micro provider").check()
    _continue(page)
    page.get_by_label("Befriending and company").check()
    _continue(page)
    page.get_by_label("In a sentence, what do you do?").fill("Weekly visits and a chat")
    _continue(page)
    page.get_by_label("Town or village").fill("Bridport")
    _continue(page)
    page.get_by_label("West Dorset").check()
    _continue(page)
    _continue(page)  # the towns covered are optional
    page.get_by_label("Who is it for?").fill("Older people living at home")
    _continue(page)
    page.get_by_label("What does it cost?").fill("£18 an hour")
    _continue(page)
    _continue(page)  # opening times are optional
    page.get_by_label("Direct payments").check()
    _continue(page)
    page.get_by_label("No, we do not need to be").check()
    _continue(page)
    page.get_by_label("Yes").check()
    _continue(page)
    page.get_by_label("Yes").check()
    _continue(page)
    _continue(page)  # no accreditation
    _continue(page)  # languages keep their answer: English
    expect(page.get_by_role("heading", name="Can wheelchair users use")).to_be_visible()
    page.get_by_label("Yes").check()
    _continue(page)
    page.get_by_label("Yes").check()
    _continue(page)
    page.get_by_label("Telephone (optional)").fill("01632 960123")
    _continue(page)
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send for checking").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Your reference")
    assert_no_axe_violations(page)
    return page.locator(".govuk-panel strong").inner_text()


def _officer_signs_in(page, app, step: int = 0) -> None:
    page.goto("/admin/sign-in")
    page.get_by_label("Email address").fill("officer@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    totp = pyotp.TOTP(app.config["TEST_OFFICER_SECRET"])
    page.get_by_label("Enter the code").fill(totp.at(time.time() + 30 * step))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Directory dashboard")).to_be_visible()


def test_done_when_journey(browser, live_server, upkeep_app, mail):
    provider = browser.new_context(base_url=live_server).new_page()
    officer = browser.new_context(base_url=live_server).new_page()
    public = browser.new_context(base_url=live_server, viewport={"width": 320, "height": 800})
    public = public.new_page()

    reference = _provider_lists_a_service(provider, upkeep_app, mail)
    # (Public pages may be cached for minutes, so each look is at an address not seen before.)
    public.goto("/find-support?q=Chideock+Companions")
    expect(public.get_by_role("link", name="Chideock Companions")).to_have_count(0)

    # The officer approves it, and it is found in search at once.
    _officer_signs_in(officer, upkeep_app)
    assert_no_axe_violations(officer)
    officer.get_by_role("navigation", name="Directory team").get_by_role(
        "link", name="Queue"
    ).click()
    officer.get_by_role("link", name=reference).click()
    expect(officer.get_by_text("Weekly visits and a chat")).to_be_visible()
    assert_no_axe_violations(officer)
    officer.get_by_role("button", name="Approve and publish").click()
    expect(officer.locator(".govuk-notification-banner")).to_contain_text("is live")
    public.goto("/find-support?q=Chideock")
    public.get_by_role("link", name="Chideock Companions").click()
    expect(public.get_by_text("Checked by the council on")).to_be_visible()

    # The provider says they have a waiting list.
    provider.goto("/providers/")
    provider.get_by_role("link", name="Update availability").click()
    provider.get_by_label("Waiting list").check()
    # A closure's reopening date, half typed: a clear message, the boxes kept as typed.
    provider.get_by_label("We are temporarily closed").check()
    provider.get_by_label("Why are you closed?").fill("Holiday")
    provider.get_by_label("Day").fill("1")
    provider.get_by_label("Year").fill("2099")
    provider.get_by_role("button", name="Save").click()
    expect(provider.locator(".govuk-error-summary")).to_contain_text("must include a month")
    expect(provider.get_by_label("Year")).to_have_value("2099")
    assert_no_axe_violations(provider)
    provider.get_by_label("Yes, we are open").check()
    assert_no_axe_violations(provider)
    provider.get_by_role("button", name="Save").click()
    public.reload()
    expect(public.get_by_text("Waiting list", exact=True)).to_be_visible()

    # ... and changes their summary, which waits for an officer.
    provider.get_by_role("button", name="Update your listing").click()
    provider.get_by_role("link", name="Change Summary").click()
    provider.get_by_label("In a sentence, what do you do?").fill("Visits, chats and shopping")
    _continue(provider)
    provider.get_by_role("button", name="Send for checking").click()
    expect(provider.locator(".govuk-panel")).to_be_visible()

    # A member of the public reports a problem, on a small screen.
    public.get_by_role("link", name="Report something wrong with this listing").click()
    public.get_by_label("What is wrong?").fill("The phone number is wrong")
    assert_no_axe_violations(public)
    public.get_by_role("button", name="Send report").click()
    expect(public.locator(".govuk-panel")).to_contain_text("Your reference")
    assert_no_axe_violations(public)
    report_reference = public.locator(".govuk-panel strong").inner_text()

    # The officer sees the report and the difference, approves, then restores.
    officer.get_by_role("navigation", name="Directory team").get_by_role(
        "link", name="Queue"
    ).click()
    officer.get_by_role("link", name=report_reference).click()
    expect(officer.get_by_text("The phone number is wrong")).to_be_visible()
    officer.get_by_role("button", name="Close this report").click()
    officer.locator("table a").first.click()
    expect(officer.get_by_role("cell", name="Weekly visits and a chat")).to_be_visible()
    expect(officer.get_by_role("cell", name="Visits, chats and shopping")).to_be_visible()
    officer.get_by_role("button", name="Approve and publish").click()
    listing_url = public.url.split("/report")[0]
    public.goto(listing_url)
    public.reload()
    expect(public.get_by_text("Visits, chats and shopping")).to_be_visible()
    officer.go_back()
    officer.get_by_role("link", name="History of this listing").click()
    assert_no_axe_violations(officer)
    officer.locator(
        f"xpath=//p[contains(., 'from {reference}')]/following-sibling::form[1]//button"
    ).click()
    expect(officer.locator(".govuk-notification-banner")).to_contain_text("restored")
    public.goto(listing_url)
    public.reload()
    expect(public.get_by_text("Weekly visits and a chat")).to_be_visible()
    expect(public.get_by_text("Visits, chats and shopping")).to_have_count(0)


def test_an_administrator_manages_officers(browser, live_server, upkeep_app, mail):
    with upkeep_app.app_context():
        db = get_session()
        boss = create_account(db, "boss@example.org", "administrator", password=PASSWORD)
        db.commit()
        secret = boss.totp_secret
    page = browser.new_context(base_url=live_server, viewport={"width": 320, "height": 800})
    page = page.new_page()
    page.goto("/admin/sign-in")
    page.get_by_label("Email address").fill("boss@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Enter the code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Officers").click()
    expect(page.get_by_role("heading", name="Officers")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Add an officer").click()
    page.get_by_label("Email address").fill("kim@example.org")
    page.get_by_role("button", name="Add and email them a link").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter their name")
    expect(page.get_by_label("Email address")).to_have_value("kim@example.org")
    assert_no_axe_violations(page)
    page.get_by_label("Name").fill("Kim")
    page.get_by_label("Editor").check()
    page.get_by_role("button", name="Add and email them a link").click()
    expect(page.get_by_role("cell", name="kim@example.org", exact=True)).to_be_visible()
    page.get_by_role("link", name="Change role of kim@example.org").click()
    assert_no_axe_violations(page)
    page.get_by_label("Administrator").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("role is changed")
    page.get_by_role("link", name="Change your password").first.click()
    assert_no_axe_violations(page)

    officer = browser.new_context(base_url=live_server).new_page()
    officer.goto(_sign_in_link(upkeep_app, mail, "kim@example.org"))
    officer.get_by_label("Choose a password").fill("kim's long password")
    assert_no_axe_violations(officer)
    officer.get_by_role("button", name="Continue").click()
    expect(officer.locator("#totp-secret")).to_be_visible()
    assert_no_axe_violations(officer)
