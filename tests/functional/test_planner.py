"""The planner journey through the Flask test client."""

import csv
import io
import json
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from flask import template_rendered
from sqlalchemy import func, select

from calculators.rates import rates_for, year_for
from tests.conftest import _policy_nonce, assert_sound_page
from webapp.database import get_session
from webapp.models import PlannerAnswers, SavedPlan
from webapp.planner.store import token_hash

ANSWERS = {
    "who": {"who": "someone_i_help"},
    "age": {"over_state_pension_age": "yes"},
    "partner": {"partner_at_home": "no"},
    "where": {"where": "Sherborne"},
    "hours": {"hours": "1_to_3"},
    "needs": {"needs": ["night"]},
    "options": {"options": ["home_care", "extra_care", "live_in", "residential"]},
    "costs": {"home_care_hours": "14", "residential_fee": "1,450", "residential_fee_per": "week"},
    "savings": {"savings": "£120,000"},
    "home": {"owns_home": "yes"},
    "home-details": {"home_value": "300k", "someone_lives_there": "no", "home_plan": "sell"},
    "living": {"housing_costs": "", "living_costs": "232.60", "living_costs_per": "week"},
    "income": {"attendance_allowance": "no", "state_pension": "241.30", "private_pension": "80"},
}
QUESTIONS = {
    "who": "Who are you planning for?",
    "age": "Are they over State Pension age?",
    "partner": "Do they live with a husband, wife or partner?",
    "where": "Where do they live in Dorset?",
    "hours": "How much help do they need each day?",
    "needs": "Do any of these apply?",
    "options": "Which options do you want to compare?",
    "costs": "Check the costs",
    "savings": "How much do they have in savings and investments?",
    "home": "Do they own their home?",
    "home-details": "About their home",
    "living": "What do they spend on their home and everyday living?",
    "income": "What is their income?",
}
# The same journey as it was kept by version 1 of the planner (before the household questions,
# "how often" choices and Attendance Allowance by rate).
VERSION_1 = {
    "who": {"who": "myself"},
    "age": {"over_state_pension_age": "yes"},
    "where": {"where": "Sherborne"},
    "hours": {"hours": "1_to_3"},
    "needs": {"needs": ["night"]},
    "options": {"options": ["home_care", "residential"]},
    "costs": {"home_care_hours": "14", "hourly_rate": "", "residential_fee": "1,450"},
    "savings": {"savings": "£120,000", "joint_savings": ""},
    "home": {"owns_home": "no"},
    "income": {"state_pension": "241.30", "attendance_allowance": "114.60"},
    "start": {"option": "residential"},
}


@pytest.fixture
def planner(app, client):
    app.config["WTF_CSRF_ENABLED"] = False
    return client


def _answer_all(client, answers=ANSWERS):
    for step, data in answers.items():
        response = client.post(f"/planner/{step}", data=data)
        assert response.status_code == 302, (step, response.get_data(as_text=True)[:500])


def _answers_before(step: str) -> dict:
    steps = list(ANSWERS)
    return {s: ANSWERS[s] for s in steps[: steps.index(step)]}


def _cookie(app, client) -> dict:
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    serializer = app.session_interface.get_signing_serializer(app)
    return serializer.loads(cookie.value)


def money_text(pounds: Decimal) -> str:
    """Pounds as the check page shows them: pence only where there are some."""
    return f"£{pounds:,.0f}" if pounds == pounds.to_integral_value() else f"£{pounds:,.2f}"


def _rows(table) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in table.select("tbody tr")
    ]


def test_each_question_page_asks_one_thing_and_leads_to_the_next(planner, pages):
    following = [*list(ANSWERS)[1:], "check"]
    for step, next_step in zip(ANSWERS, following, strict=True):
        page = pages.get(f"/planner/{step}")
        assert page.h1.get_text(" ", strip=True) == QUESTIONS[step]
        assert page.find("summary", string=lambda s: s and "I don't know" in s)
        assert page.select_one(".govuk-back-link")
        response = planner.post(f"/planner/{step}", data=ANSWERS[step])
        assert response.location == f"/planner/{next_step}"


def test_questions_say_you_when_the_plan_is_for_yourself(planner, pages):
    planner.post("/planner/who", data={"who": "myself"})
    assert pages.get("/planner/age").h1.get_text(strip=True) == "Are you over State Pension age?"
    assert pages.get("/planner/savings").select_one('label[for="savings"]').get_text(
        strip=True
    ) == ("In your name only")
    _answer_all(planner, {**ANSWERS, "who": {"who": "myself"}})
    page = pages.get("/planner/check")
    keys = [key.get_text(strip=True) for key in page.select(".govuk-summary-list__key")]
    assert "What is your income?" in keys
    assert not [key for key in keys if "they" in key.split() or "their" in key.split()]
    assert pages.get("/planner/results").h1.get_text(strip=True) == "Your care cost plan"


@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        ("who", {}, "Select who you are planning for"),
        ("age", {}, "Select yes if they are over State Pension age"),
        ("where", {"where": ""}, "Enter a town, village or postcode in Dorset"),
        ("where", {"where": "Atlantis"}, "We could not find that town or postcode in Dorset"),
        ("hours", {"hours": "forever"}, "Select how much help they need each day"),
        ("options", {}, "Select at least one option to compare"),
        ("options", {"options": ["nursing", "nursing"]}, "Tick each box at most once"),
        ("costs", {"home_care_hours": "200"}, "must be a number of hours from 0 to 168"),
        ("costs", {"home_care_hours": "£14"}, "must be a number of hours from 0 to 168"),
        ("savings", {"savings": ""}, "Enter their savings in their name only"),
        ("savings", {"savings": "lots"},
         "Their savings in their name only must be an amount in pounds"),
        ("savings", {"savings": "-5"}, "Their savings in their name only cannot be negative"),
        ("savings", {"savings": "5", "joint_savings": "lots"},
         "Their savings in joint names must be an amount in pounds"),
        ("savings", {"savings": "1000000000"}, "must be £100,000,000 or less"),
        ("savings", {"savings": "10.555"}, "must be in pounds and pence"),
        ("savings", {"savings": "1,00"}, "must be an amount in pounds, like 250.50 or 180k"),
        ("home", {}, "Select yes if they own their home"),
        ("income", {"state_pension": "two hundred"},
         "Their State Pension must be an amount in pounds"),
        ("income", {"attendance_allowance": "lots"},
         "Select whether they get Attendance Allowance"),
        ("income", {"attendance_allowance": "no", "state_pension": "200",
                    "state_pension_per": "fortnight"},
         "Select how often the amount for their State Pension is: a week, a month or a year"),
        ("costs", {"home_care_hours": "14", "residential_fee": "1,450",
                   "residential_fee_per": "fortnight"},
         "Select how often the amount for the residential care home fee is"),
        ("living", {"living_costs": "lots"}, "Their living costs must be an amount in pounds"),
    ],
)  # fmt: skip
def test_every_question_explains_a_mistake_and_keeps_what_was_typed(
    planner, pages, step, data, message
):
    _answer_all(planner, _answers_before(step))
    page = pages.post(f"/planner/{step}", status=400, data=data)
    assert page.title.string.startswith("Error:")
    summary = page.select_one(".govuk-error-summary")
    assert message in summary.get_text(" ", strip=True)
    assert page.select_one(".govuk-error-message")
    for name, value in data.items():
        typed = page.select_one(f'input[name="{name}"][type="text"]')
        if typed is not None:  # a text box keeps exactly what was typed
            assert typed["value"] == value


def test_error_messages_name_the_question_for_yourself(planner, pages):
    _answer_all(planner, {**_answers_before("savings"), "who": {"who": "myself"}})
    page = pages.post("/planner/savings", status=400, data={"savings": ""})
    assert "Enter your savings in your name only" in page.select_one(".govuk-error-summary").text
    page = pages.post("/planner/savings", status=400, data={"savings": "x", "joint_savings": "1"})
    summary = page.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Your savings in your name only must be an amount in pounds" in summary


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("180k", "£180,000"), ("£180,000", "£180,000"), ("180 000", "£180,000"),
     ("1,000.50", "£1,000.50"), ("1.5m", "£1,500,000")],
)  # fmt: skip
def test_amounts_are_read_the_way_people_write_them(planner, pages, typed, shown):
    _answer_all(planner, {**ANSWERS, "savings": {"savings": typed}})
    values = pages.get("/planner/check").select_one(".govuk-summary-list").get_text(" ")
    assert f"In their name only: {shown}" in values


def test_an_amount_can_be_given_a_month(planner, pages):
    monthly = {**ANSWERS["income"], "state_pension": "1,045.63", "state_pension_per": "month"}
    _answer_all(planner, {**ANSWERS, "income": monthly})
    values = pages.get("/planner/check").select_one(".govuk-summary-list").get_text(" ")
    assert "State Pension: £1,045.63 a month" in values
    page = pages.get("/planner/results")
    weekly = _rows(page.select_one("table"))[0]
    # £1,045.63 a month is £241.30 a week, plus £80 of private pension.
    assert weekly[2] == "£321.30"
    income = pages.get("/planner/income")
    assert income.select_one('#state_pension_per option[value="month"]').has_attr("selected")


def test_the_check_page_lists_every_answer_with_change_links(planner, pages):
    _answer_all(planner)
    page = pages.get("/planner/check")
    keys = [key.get_text(strip=True) for key in page.select(".govuk-summary-list__key")]
    assert keys == list(QUESTIONS.values())
    values = page.select_one(".govuk-summary-list").get_text(" ", strip=True)
    for expected in ("Someone I help", "Sherborne", "1 to 3 hours", "Help at night",
                     "Residential care home, fee: £1,450 a week", "£120,000",
                     "£300,000", "Living costs: £232.60 a week",
                     "State Pension: £241.30 a week"):  # fmt: skip
        assert expected in values
    change = page.select_one('a[href="/planner/savings?change=1"]')
    assert change.select_one(".govuk-visually-hidden")
    # The hidden text reads "Change where do they live in Dorset?": names keep their capitals.
    hidden = {
        link["href"]: link.select_one(".govuk-visually-hidden").get_text(strip=True)
        for link in page.select(".govuk-summary-list__actions a")
    }
    assert hidden["/planner/where?change=1"] == "where do they live in Dorset?"
    assert hidden["/planner/age?change=1"] == "are they over State Pension age?"


def test_changing_an_answer_returns_to_the_check_page(planner):
    _answer_all(planner)
    response = planner.post("/planner/savings?change=1", data={"savings": "50000"})
    assert response.location == "/planner/check"
    assert "£50,000" in planner.get("/planner/check").get_data(as_text=True)


def test_answers_are_shown_again_on_the_way_back(planner, pages):
    _answer_all(planner)
    assert pages.get("/planner/savings").select_one("#savings")["value"] == "£120,000"
    assert pages.get("/planner/hours").select_one('input[value="1_to_3"]').has_attr("checked")


def test_options_start_ticked_from_the_needs(planner, pages):
    _answer_all(planner, {s: ANSWERS[s] for s in ("who", "age", "partner", "where", "hours")})
    planner.post("/planner/needs", data=ANSWERS["needs"])
    page = pages.get("/planner/options")
    ticked = [box["value"] for box in page.select('input[name="options"][checked]')]
    assert ticked == ["home_care", "home_care_day", "extra_care", "live_in", "residential"]


def test_the_costs_page_asks_only_about_the_chosen_options(planner, pages):
    _answer_all(planner, _answers_before("costs"))
    page = pages.get("/planner/costs")
    names = [field["name"] for field in page.select("input.govuk-input")]
    assert "nursing_fee" not in names
    assert {"home_care_hours", "hourly_rate", "live_in_fee", "residential_fee"} <= set(names)
    assert page.select_one("#home_care_hours")["value"] == "14"
    # The typical figures come from the rates file, and hours are not pounds.
    assert "Typical in Dorset: £1,300.00 a week" in page.get_text(" ")
    hours = page.select_one("#home_care_hours").find_parent(class_="govuk-form-group")
    assert "£" not in hours.get_text()


def test_living_costs_start_at_the_minimum_income_guarantee(planner, pages):
    guarantee = rates_for(year_for(date.today())).value("minimum_income_guarantee")
    _answer_all(planner, _answers_before("living"))
    page = pages.get("/planner/living")
    assert page.select_one("#living_costs")["value"] == f"{guarantee:f}"
    assert page.find("summary", string=lambda s: s and "I don't know" in s)


def test_home_details_are_skipped_when_they_do_not_own_a_home(planner):
    answers = {**ANSWERS, "home": {"owns_home": "no"}}
    del answers["home-details"]
    _answer_all(planner, answers)
    assert planner.get("/planner/home-details").location == "/planner/living"


def test_a_partner_s_income_is_asked_only_with_a_partner_and_joins_the_pension_credit_check(
    planner, pages
):
    assert planner.get("/planner/partner-income").location == "/planner/check"
    answers = {
        **ANSWERS,
        "partner": {"partner_at_home": "yes"},
        "savings": {"savings": "0"},
        "home": {"owns_home": "no"},
    }
    del answers["home-details"]
    _answer_all(planner, answers)
    assert planner.get("/planner/check").location == "/planner/partner-income"
    page = pages.get("/planner/partner-income")
    question = "What is their husband, wife or partner's income?"
    assert page.h1.get_text(" ", strip=True) == question
    assert page.select_one(".govuk-back-link")["href"] == "/planner/income"
    response = planner.post("/planner/partner-income", data={"partner_income": ""})
    assert response.location == "/planner/check"
    assert question in pages.get("/planner/check").get_text(" ")
    # A couple's joint income is set against the couple rate: £241.30 + £80 of their own.
    couple = rates_for(year_for(date.today())).value("pension_credit_guarantee_couple")
    top_up = couple - Decimal("321.30")
    results = pages.get("/planner/results").get_text(" ")
    assert f"£{top_up:.2f} a week of Pension Credit" in results
    planner.post("/planner/partner-income?change=1", data={"partner_income": f"{top_up}"})
    assert "a week of Pension Credit" not in pages.get("/planner/results").get_text(" ")


def test_results_before_the_questions_are_answered_go_to_the_first_unanswered(planner):
    assert planner.get("/planner/results").location == "/planner/who"
    _answer_all(planner, {s: ANSWERS[s] for s in ("who", "age")})
    assert planner.get("/planner/check").location == "/planner/partner"


def test_the_results(planner, pages, client):
    _answer_all(planner)
    response = client.get("/planner/results")
    assert response.headers["Cache-Control"] == "no-store"
    page = pages.get("/planner/results")
    cards = page.select(".govuk-summary-card")
    titles = [card.select_one(".govuk-summary-card__title").get_text(strip=True) for card in cards]
    assert titles == ["Care at home", "Extra care housing", "Live-in care", "Residential care home"]
    first = {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(strip=True)
        for row in cards[0].select(".govuk-summary-list__row")
    }
    assert first["Total a week"] == "£680.60"  # £448 of care and £232.60 of living costs
    assert first["From income"] == "£321.30"
    assert first["From savings"] == "£359.30"
    assert "Savings reach £23,250" in first
    rows = _rows(page.select_one("table"))
    assert [row[0] for row in rows] == titles
    assert rows[0][1:5] == ["£680.60", "£321.30", "£359.30", "£0.00"]
    # The chart is drawn on the server, with no script, and its figures are in a table too.
    chart = page.select_one("svg.dcg-chart__svg")
    assert chart["role"] == "img"
    assert len(chart.select("polyline")) == 4
    assert not page.select('script[src*="chart"]')
    yearly = page.select("table")[1]
    years = [row.select_one("th").get_text(strip=True) for row in yearly.select("tbody tr")]
    assert years == [str(date.today().year + n) for n in range(11)]
    # The same day each year: the start date and its anniversaries.
    day = date.today().strftime("%-d %B")
    caption = page.select_one(f"#{yearly['aria-labelledby']}").get_text(strip=True)
    assert caption == f"Savings and investments on {day} each year"
    # The caption names the table and its scrolling box, from outside the box.
    assert (
        yearly.find_parent(class_="dcg-table-scroll")["aria-labelledby"]
        == yearly["aria-labelledby"]
    )
    text = page.get_text(" ", strip=True)
    assert "They may be able to claim Attendance Allowance of £114.60 a week" in text
    assert "Provisional" in text
    assert "Homecare Association" in text  # the source of the default hourly rate
    assert "The home is sold in week 12" in text
    links = {a["href"] for a in page.select("main a")}
    assert "http://localhost/find-support?kind=extra_care_scheme" in links
    assert "http://localhost/care-at-home/reablement" in links
    assert "http://localhost/paying-for-care/deferred-payment-agreements" in links


@pytest.mark.parametrize(
    ("needs", "said"),
    [
        (["dementia"], "uses the typical fee for a home that specialises in dementia care"),
        (["night"], "not the higher fee for dementia care"),
    ],
)
def test_the_dementia_fee_is_used_only_when_they_say_so(planner, pages, needs, said):
    answers = {**ANSWERS, "needs": {"needs": needs}, "costs": {"home_care_hours": "14"}}
    _answer_all(planner, answers)
    text = pages.get("/planner/results").get_text(" ", strip=True)
    assert said in text


def test_deferred_payments_are_not_suggested_without_a_home(planner, pages):
    answers = {**ANSWERS, "home": {"owns_home": "no"}}
    del answers["home-details"]
    _answer_all(planner, answers)
    links = {a["href"] for a in pages.get("/planner/results").select("main a")}
    assert not [link for link in links if "deferred-payment" in link]


def test_ask_the_council_now_when_the_date_has_passed(planner, pages):
    _answer_all(planner, {**ANSWERS, "savings": {"savings": "24000"}})
    rows = _rows(pages.get("/planner/results").select_one("table"))
    assert rows[2][5] == "Now"  # live-in care uses up £750 over the limit within weeks


def test_the_print_page_stands_on_its_own(planner, pages):
    _answer_all(planner)
    page = pages.get("/planner/print")
    text = page.get_text(" ", strip=True)
    assert "Made on" in text
    assert "Sherborne" in text and "£120,000" in text  # the answers
    assert "Savings earn no interest" in text  # the assumptions
    assert not page.select("details")  # every "How we worked this out" is open
    assert "How we worked this out for care at home" in text
    assert "http://localhost/care-at-home/reablement" in text  # links as full addresses


def test_the_plan_downloads_as_a_pdf(planner):
    from pdfminer.high_level import extract_text

    _answer_all(planner)
    response = planner.get("/planner/care-cost-plan.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    text = " ".join(extract_text(io.BytesIO(response.data)).split())
    for expected in ("Care cost plan", "Made on", "Sherborne", "Savings earn no interest",
                     "How we worked this out for care at home",
                     "http://localhost/care-at-home/reablement"):  # fmt: skip
        assert expected in text


def test_the_figures_download_as_csv(planner):
    _answer_all(planner)
    response = planner.get("/planner/results.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][0] == "Care cost plan made on"
    assert ["Where do they live in Dorset?", "Sherborne"] in rows
    assert ["Savings earn no interest", "a rule of the planner"] in rows
    options = next(i for i, r in enumerate(rows) if r and r[0] == "Option")
    assert rows[options + 1][:6] == ["Care at home", "448.00", "680.60", "321.30", "359.30", "0.00"]
    yearly = next(i for i, r in enumerate(rows) if r and r[0].startswith("Savings and invest"))
    assert len(rows[yearly + 1 :]) == 11  # every year, not only milestones
    assert rows[options + 2][6:] == ["not within 10 years", "no need within 10 years"]


@pytest.mark.parametrize("path", ["/planner/results.csv", "/planner/care-cost-plan.pdf"])
def test_downloads_without_answers_go_to_the_start_like_the_pages(planner, path):
    # As for the results page: no answers (a new visitor, or answers that have expired).
    assert planner.get(path).location == "/planner/who"
    _answer_all(planner, {s: ANSWERS[s] for s in ("who", "age")})
    assert planner.get(path).location == "/planner/partner"


def test_answers_are_kept_on_the_server_and_the_cookie_holds_only_an_id(planner, app, client):
    _answer_all(planner)
    cookie = _cookie(app, client)
    assert set(cookie) <= {"planner_id", "csrf_token"}
    assert "Sherborne" not in json.dumps(cookie)
    with app.app_context():
        row = get_session().get(PlannerAnswers, token_hash(cookie["planner_id"]))
        assert "Sherborne" in row.answers


def test_answers_left_for_hours_expire_and_are_purged(planner, app, client):
    _answer_all(planner)
    planner_id = _cookie(app, client)["planner_id"]
    with app.app_context():
        db = get_session()
        db.get(PlannerAnswers, token_hash(planner_id)).expires_at = datetime.now() - timedelta(
            minutes=1
        )
        db.commit()
    assert planner.get("/planner/check").location == "/planner/who"
    result = app.test_cli_runner().invoke(args=["planner", "purge"])
    assert result.exit_code == 0
    with app.app_context():
        assert get_session().get(PlannerAnswers, token_hash(planner_id)) is None


def test_answers_from_an_old_cookie_are_never_used(planner, app, client, pages):
    with client.session_transaction() as session:
        session["planner"] = dict(ANSWERS)
    assert planner.get("/planner/results").location == "/planner/who"
    assert client.get_cookie(app.config["SESSION_COOKIE_NAME"]) is None


def test_options_sent_25000_times_are_refused(planner, pages):
    _answer_all(planner, _answers_before("options"))
    response = planner.post("/planner/options", data={"options": ["nursing"] * 25_000})
    assert response.status_code == 413
    response = planner.post("/planner/options", data={"options": ["nursing"] * 1000})
    assert response.status_code == 400
    assert planner.get("/planner/check").location == "/planner/options"  # nothing was kept


def test_answers_kept_wrong_are_checked_again_and_never_trusted(planner, app, client):
    """Whatever is in the store (an old bug, a hand-edited row) is checked on every request."""
    _answer_all(planner)
    planner_id = _cookie(app, client)["planner_id"]
    with app.app_context():
        db = get_session()
        row = db.get(PlannerAnswers, token_hash(planner_id))
        stored = json.loads(row.answers)
        stored["options"] = {"options": ["nursing"] * 25_000}
        stored["savings"] = {"savings": "1e999"}
        row.answers = json.dumps(stored)
        db.commit()
    assert planner.get("/planner/results").location == "/planner/options"


def test_save_come_back_and_delete_with_a_confirmation_page(planner, app, pages):
    _answer_all(planner)
    saved = planner.post("/planner/save")
    token = saved.location.rsplit("/", 1)[1]
    assert len(token) >= 32
    with app.app_context():
        stored = get_session().query(SavedPlan).all()
        assert token not in [row.token_hash for row in stored]  # only a hash is kept
    planner.delete_cookie(app.config["SESSION_COOKIE_NAME"])  # a new browser
    page = pages.get(f"/planner/plan/{token}")
    assert page.find(string=lambda s: s and "You are looking at the plan saved" in s)
    confirm = pages.get(f"/planner/plan/{token}/delete")
    assert confirm.h1.get_text(strip=True) == "Are you sure you want to delete the saved answers?"
    pages.get(f"/planner/plan/{token}")  # looking at the question deletes nothing
    gone = pages.post(f"/planner/plan/{token}/delete")
    assert gone.h1.get_text(strip=True) == "Your answers have been deleted"
    pages.get(f"/planner/plan/{token}", status=404)
    pages.get("/planner/plan/not-a-real-token", status=404)


def test_changes_to_a_saved_plan_can_be_saved_to_the_same_link_or_a_new_one(planner, pages):
    _answer_all(planner)
    token = planner.post("/planner/save").location.rsplit("/", 1)[1]
    planner.post("/planner/savings?change=1", data={"savings": "50000"})
    page = pages.get("/planner/results")
    banner = page.select_one(".govuk-notification-banner").get_text(" ", strip=True)
    assert "you have changed them" in banner
    assert page.find("button", string=lambda s: s and "Save changes to this link" in s)
    assert page.find("button", string=lambda s: s and "Save as a new link" in s)
    assert planner.post(f"/planner/plan/{token}/update").location == f"/planner/plan/{token}"
    again = pages.get(f"/planner/plan/{token}")
    assert "£50,000" in again.get_text(" ")
    assert "You are looking at the plan saved" in again.get_text(" ")
    planner.post("/planner/savings?change=1", data={"savings": "60000"})
    other = planner.post("/planner/save").location.rsplit("/", 1)[1]
    assert other != token
    assert "£50,000" in pages.get(f"/planner/plan/{token}").get_text(" ")
    assert "£60,000" in pages.get(f"/planner/plan/{other}").get_text(" ")


def test_starting_again_asks_first(planner, pages):
    _answer_all(planner)
    page = pages.get("/planner/start-again")
    assert page.h1.get_text(strip=True) == "Are you sure you want to start again?"
    assert planner.get("/planner/check").status_code == 200  # nothing cleared yet
    cleared = pages.post("/planner/start-again")
    assert cleared.h1.get_text(strip=True) == "Your answers have been cleared"
    assert planner.get("/planner/check").location == "/planner/who"


def test_a_plan_saved_by_the_previous_version_still_opens(planner, app, pages):
    from webapp.planner import saved as saved_plans

    with app.test_request_context():
        token = saved_plans.save(VERSION_1)
    page = pages.get(f"/planner/plan/{token}")
    assert page.h1.get_text(strip=True) == "Your care cost plan"
    text = page.get_text(" ", strip=True)
    assert "Residential care home" in text
    check = pages.get("/planner/check").get_text(" ", strip=True)
    assert "Do you get Attendance Allowance already? Yes, the higher rate" in check


@pytest.mark.parametrize(
    "answers",
    [{"version": 99}, {"version": 1, "options": "x"}, [], {"savings": {"savings": ["a"]}}],
)
def test_a_saved_link_with_answers_it_cannot_read_never_fails(planner, app, answers):
    with app.test_request_context():
        from webapp.planner import saved as saved_plans

        token = saved_plans.save(answers)
    assert planner.get(f"/planner/plan/{token}").location == "/planner/who"


def test_saved_answers_expire_after_90_days(planner, app, pages):
    _answer_all(planner)
    token = planner.post("/planner/save").location.rsplit("/", 1)[1]
    with app.app_context():
        session = get_session()
        for row in session.query(SavedPlan):
            row.expires_at = datetime.now() - timedelta(minutes=1)
        session.commit()
    pages.get(f"/planner/plan/{token}", status=404)


def test_saving_needs_a_csrf_token(app, client, pages):
    pages.post("/planner/save", status=400)


def _adviser_data(**changes) -> dict:
    data = {
        name: value
        for step, answers in ANSWERS.items()
        if step != "who"
        for name, value in answers.items()
    }
    return {**data, **changes}


def test_the_adviser_page_asks_everything_at_once(planner, pages):
    page = pages.get("/planner/adviser")
    names = {field["name"] for field in page.select("input, select, textarea")}
    assert {"where", "hours", "needs", "options", "savings", "home_value", "mortgage",
            "housing_costs", "living_costs", "state_pension", "residential_fee",
            "reference", "note"} <= names  # fmt: skip
    # One question, one heading: a legend is never repeated by a heading above it.
    headings = [h.get_text(strip=True) for h in page.select("h2")]
    legends = [legend.get_text(strip=True) for legend in page.select("legend")]
    assert not set(headings) & set(legends)
    response = planner.post(
        "/planner/adviser", data=_adviser_data(owns_home="no", home_value="", reference="AB/12")
    )
    assert response.location == "/planner/results"
    results = pages.get("/planner/results")
    change = results.find("a", string="Change your answers")
    assert change["href"] == "/planner/adviser"


def test_the_adviser_page_counts_a_partner_s_income_only_with_a_partner(planner, pages):
    question = "What is their husband, wife or partner's income?"
    data = _adviser_data(partner_income="lots")
    assert planner.post("/planner/adviser", data=data).location == "/planner/results"
    assert question not in pages.get("/planner/check").get_text(" ")
    data = _adviser_data(partner_at_home="yes", partner_income="lots")
    page = pages.post("/planner/adviser", status=400, data=data)
    assert page.select_one(".govuk-error-summary a[href='#partner_income']")
    data = _adviser_data(partner_at_home="yes", partner_income="900", partner_income_per="month")
    assert planner.post("/planner/adviser", data=data).location == "/planner/results"
    assert question in pages.get("/planner/check").get_text(" ")


def _check_page_text(pages) -> str:
    return pages.get("/planner/check").select_one(".govuk-summary-list").get_text(" ", strip=True)


def test_the_adviser_page_fills_hours_from_the_band(planner, pages):
    page = pages.get("/planner/adviser")
    # Nothing is typed for the adviser: the hint says what an empty box means.
    assert not page.select_one("#home_care_hours").get("value")
    hint = page.select_one("#home_care_hours-hint").get_text(" ", strip=True)
    assert "Left empty" in hint and "more than 6 hours a day: 56" in hint
    data = _adviser_data(home_care_hours="", hours="over_6")
    assert planner.post("/planner/adviser", data=data).location == "/planner/results"
    assert "Hours of care at home a week: 56 hours" in _check_page_text(pages)
    # Still not typed by the adviser, so the hours follow a new band.
    assert not pages.get("/planner/adviser").select_one("#home_care_hours").get("value")
    data = _adviser_data(home_care_hours="", hours="3_to_6")
    assert planner.post("/planner/adviser", data=data).location == "/planner/results"
    assert "Hours of care at home a week: 31.5 hours" in _check_page_text(pages)
    # Hours the adviser types are kept whatever the band.
    data = _adviser_data(home_care_hours="20", hours="over_6")
    planner.post("/planner/adviser", data=data)
    assert "Hours of care at home a week: 20 hours" in _check_page_text(pages)
    assert pages.get("/planner/adviser").select_one("#home_care_hours")["value"] == "20"


@pytest.mark.parametrize(("partner", "key"), [("no", "minimum_income_guarantee"),
                                               ("yes", "mig_couple_pension_age")])  # fmt: skip
def test_the_adviser_page_s_living_costs_follow_the_partner_answer(planner, pages, partner, key):
    guarantee = rates_for(year_for(date.today())).value(key)
    assert not pages.get("/planner/adviser").select_one("#living_costs").get("value")
    data = _adviser_data(partner_at_home=partner, living_costs="", living_costs_per="week")
    assert planner.post("/planner/adviser", data=data).location == "/planner/results"
    assert f"Living costs: {money_text(guarantee)} a week" in _check_page_text(pages)
    # The step-by-step page starts from the same figure for the same answers.
    planner.post("/planner/start-again")
    _answer_all(planner, {**_answers_before("living"), "partner": {"partner_at_home": partner}})
    assert pages.get("/planner/living").select_one("#living_costs")["value"] == f"{guarantee:f}"


@pytest.mark.parametrize("rate", ["lower", "higher"])
def test_the_adviser_page_keeps_attendance_allowance(planner, pages, rate):
    weekly = rates_for(year_for(date.today())).value(f"attendance_allowance_{rate}")
    data = _adviser_data(attendance_allowance=rate)
    assert planner.post("/planner/adviser", data=data).location == "/planner/results"
    label = {"lower": "Yes, the lower rate", "higher": "Yes, the higher rate"}[rate]
    assert f"Do they get Attendance Allowance already? {label}" in _check_page_text(pages)
    income = _rows(pages.get("/planner/results").select_one("table"))[0][2]
    # £241.30 of State Pension and £80 of private pension, with the allowance.
    assert income == f"£{Decimal('321.30') + weekly:,.2f}"


def test_the_advisers_reference_and_note_print_and_go_with_the_saved_plan(planner, app, pages):
    data = _adviser_data(reference="AB/12", note="Daughter holds power of attorney.")
    planner.post("/planner/adviser", data=data)
    printed = pages.get("/planner/print").get_text(" ", strip=True)
    assert "AB/12" in printed and "Daughter holds power of attorney." in printed
    token = planner.post("/planner/save").location.rsplit("/", 1)[1]
    with app.app_context():
        row = get_session().get(SavedPlan, token_hash(token))
        assert "power of attorney" in row.answers
    planner.post(f"/planner/plan/{token}/delete")
    with app.app_context():
        assert get_session().get(SavedPlan, token_hash(token)) is None


def test_the_adviser_page_shows_every_error_and_keeps_answers(planner, pages):
    page = pages.post("/planner/adviser", status=400, data={"savings": "lots", "where": "Mars"})
    summary = page.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Select yes if they are over State Pension age" in summary
    assert "must be an amount in pounds" in summary
    assert page.select_one("#savings")["value"] == "lots"


def test_flask_planner_purge_deletes_only_expired_answers(planner, app):
    _answer_all(planner)
    planner.post("/planner/save")
    kept = planner.post("/planner/save").location.rsplit("/", 1)[1]
    with app.app_context():
        session = get_session()
        rows = session.query(SavedPlan).order_by(SavedPlan.created_at).all()
        rows[0].expires_at = datetime.now() - timedelta(days=1)
        session.commit()
    result = app.test_cli_runner().invoke(args=["planner", "purge"])
    assert "Deleted 1 expired saved plans and answers." in result.output
    assert planner.get(f"/planner/plan/{kept}").status_code == 200


def _kept_answers(app) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(PlannerAnswers))


def test_a_link_from_an_advice_page_ticks_its_option(app, planner, pages):
    before = _kept_answers(app)
    planner.get("/planner?option=nursing")
    # Nothing is written before the first answer: crawlers follow the advice pages' links.
    assert _kept_answers(app) == before
    _answer_all(planner, _answers_before("options"))
    page = pages.get("/planner/options")
    assert page.select_one('input[name="options"][value="nursing"]').has_attr("checked")
    planner.get("/planner?option=spaceship")  # an unknown option is ignored
    assert pages.get("/planner/options").select_one('input[value="nursing"]').has_attr("checked")


@pytest.fixture
def renders(app):
    """The templates each request drew."""
    drawn: list[str] = []

    def record(sender, template, context, **extra):
        drawn.append(template.name)

    template_rendered.connect(record, app)
    yield drawn
    template_rendered.disconnect(record, app)


def _without_nonce_and_token(response) -> str:
    nonce = _policy_nonce(response.headers["Content-Security-Policy"])
    page = response.get_data(as_text=True)
    assert page.count(nonce) >= 1
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return page.replace(nonce, "NONCE").replace(token, "TOKEN")


def test_the_same_answers_are_drawn_once_with_a_fresh_nonce_and_token(app, client, renders):
    app.config["WTF_CSRF_ENABLED"] = False
    _answer_all(client)
    app.config["WTF_CSRF_ENABLED"] = True
    first, second = client.get("/planner/results"), client.get("/planner/results")
    assert renders.count("planner/results.html") == 1
    for response in (first, second):
        assert response.headers["Cache-Control"] == "no-store"
        assert_sound_page(response.get_data(as_text=True), response.headers)
    assert _policy_nonce(first.headers["Content-Security-Policy"]) != _policy_nonce(
        second.headers["Content-Security-Policy"]
    )
    assert _without_nonce_and_token(first) == _without_nonce_and_token(second)
    # The form on the kept page carries this visitor's own working token.
    token = re.search(r'name="csrf_token" value="([^"]+)"', second.get_data(as_text=True))
    saved = client.post("/planner/save", data={"csrf_token": token.group(1)})
    assert saved.status_code == 302


def test_changing_an_answer_draws_the_page_again(planner, pages, renders):
    _answer_all(planner)
    before = pages.get("/planner/results").get_text(" ", strip=True)
    planner.post("/planner/savings", data={"savings": "£50,000"})
    after = pages.get("/planner/results").get_text(" ", strip=True)
    assert renders.count("planner/results.html") == 2
    assert "£120,000" in before and "£120,000" not in after
    assert "£50,000" in after
    # Back to the first answers: the page first drawn is served again.
    planner.post("/planner/savings", data={"savings": "£120,000"})
    assert pages.get("/planner/results").get_text(" ", strip=True) == before
    assert renders.count("planner/results.html") == 2


def test_two_visitors_with_the_same_answers_each_get_their_own_page(app, renders):
    app.config["WTF_CSRF_ENABLED"] = False
    visitors = [app.test_client(), app.test_client()]
    for visitor in visitors:
        _answer_all(visitor)
    app.config["WTF_CSRF_ENABLED"] = True
    responses = [visitor.get("/planner/results") for visitor in visitors]
    assert renders.count("planner/results.html") == 1
    assert _without_nonce_and_token(responses[0]) == _without_nonce_and_token(responses[1])
    tokens = [
        re.search(r'name="csrf_token" value="([^"]+)"', r.get_data(as_text=True)).group(1)
        for r in responses
    ]
    assert tokens[0] != tokens[1]
    # Each visitor's token works only for that visitor.
    assert visitors[0].post("/planner/save", data={"csrf_token": tokens[1]}).status_code == 400
    assert visitors[0].post("/planner/save", data={"csrf_token": tokens[0]}).status_code == 302
    # Neither the answers nor who gave them are in the key.
    keys = list(app.extensions["page_cache_plans"]._cache)
    assert len([key for key in keys if not key.startswith("checked|")]) == 1
    ids = [_cookie(app, visitor)["planner_id"] for visitor in visitors]
    with app.app_context():
        id_hashes = [row.id_hash for row in get_session().query(PlannerAnswers)]
    for secret in [*ids, *id_hashes, "Sherborne", "120,000", "232.60"]:
        assert not [key for key in keys if secret in key]


def test_the_print_page_is_kept_like_the_results(planner, pages, renders):
    _answer_all(planner)
    first, second = pages.get("/planner/print"), pages.get("/planner/print")
    assert renders.count("planner/print.html") == 1
    assert first.main == second.main


YOU = re.compile(r"\byou(rs?|rself)?\b", re.IGNORECASE)
# Words to the reader about the page itself, not about the person the plan is for.
TO_THE_READER = (
    "Who are you planning for?",
    "Which options do you want to compare?",
    "Use your browser’s print option to print this page, or",
    "Typical costs come from these sources, unless you typed your own:",
    "No name or account is needed, and you can delete them at any time.",
)


def _about_them(page) -> str:
    """What a page says about the person: not its links (the names of other pages and of things
    to do), the sources it quotes as published, or its words to the reader."""
    main = page.select_one("main")
    for element in main.select("a, .govuk-body-s"):
        element.decompose()
    text = main.get_text(" ", strip=True)
    for words in TO_THE_READER:
        text = text.replace(words, "")
    return text


def _you_in(text: str) -> list[str]:
    return [text[max(0, m.start() - 60) : m.end() + 30] for m in YOU.finditer(text)]


def test_a_plan_for_someone_else_says_they_on_every_page(planner, pages):
    from pdfminer.high_level import extract_text

    _answer_all(planner, {**ANSWERS, "savings": {"savings": "30000"}})
    results = _about_them(pages.get("/planner/results"))
    said = (
        "They may be able to claim Attendance Allowance",
        "Their savings and investments of £30,000.00 count as capital.",
        "Their capital would stay at £23,250 or less from week",
    )
    for sentence in said:
        assert sentence in results
    assert not _you_in(results)
    assert not _you_in(_about_them(pages.get("/planner/print")))
    pdf = " ".join(
        extract_text(io.BytesIO(planner.get("/planner/care-cost-plan.pdf").data)).split()
    )
    for sentence in said:
        assert sentence in pdf
    assert not re.search(r"\bYou (may|would|spend|keep)\b|\bYour (capital|savings|home)\b", pdf)
    rows = list(csv.reader(io.StringIO(planner.get("/planner/results.csv").get_data(as_text=True))))
    sources = rows.index(["Assumption", "Source"])
    for row in rows[sources + 1 : rows.index([], sources)]:
        del row[1:]  # the sources, quoted as published
    cells = [cell for row in rows for cell in row if cell not in TO_THE_READER]
    assert not [cell for cell in cells if YOU.search(cell)]
    assert any("on themselves" in cell for cell in cells)  # an assumption


def test_a_plan_for_yourself_says_you(planner, pages):
    _answer_all(planner, {**ANSWERS, "who": {"who": "myself"}, "savings": {"savings": "30000"}})
    results = _about_them(pages.get("/planner/results"))
    assert "You may be able to claim Attendance Allowance" in results
    assert "Your savings and investments of £30,000.00 count as capital." in results
    assert not re.search(r"\b(They|Their)\b", results)


@pytest.fixture
def council_number(monkeypatch, tmp_path):
    """The Adult Access Team's number and hours changed in the contacts data, for this test."""
    from webapp.content import contacts

    changed = contacts.CONTACTS_FILE.read_text().replace(
        'phone = "01305 221016"\nhours = "Monday to Friday, 8:30am to 5pm"',
        'phone = "01632 960123"\nhours = "Weekdays, 9am to 4pm"',
        1,
    )
    assert "01632 960123" in changed
    (tmp_path / "contacts.toml").write_text(changed)
    monkeypatch.setattr(contacts, "CONTACTS_FILE", tmp_path / "contacts.toml")
    contacts.contacts.cache_clear()
    yield contacts.contact("adult_access_team")
    contacts.contacts.cache_clear()


def test_every_ask_the_council_prompt_gives_the_number_and_hours_from_the_data(
    planner, pages, council_number
):
    from pdfminer.high_level import extract_text

    assert (council_number.phone, council_number.hours) == ("01632 960123", "Weekdays, 9am to 4pm")
    _answer_all(planner)
    call = f"call the {council_number.name} on {council_number.phone} ({council_number.hours})."
    for url in ("/planner/results", "/planner/print"):
        page = pages.get(url)
        prompts = page.select(".dcg-call-the-council")
        # Beside the dates to ask by, in each option's workings and in "Talk to the council".
        assert len(prompts) == 2 + len(ANSWERS["options"]["options"]), url
        for prompt in prompts:
            assert call in prompt.get_text(" ", strip=True).replace(" .", ".")
            assert prompt.find("a", href=council_number.tel)
        assert "01305 221016" not in page.get_text()
    pdf = " ".join(
        extract_text(io.BytesIO(planner.get("/planner/care-cost-plan.pdf").data)).split()
    )
    assert pdf.count(call) == 2 + len(ANSWERS["options"]["options"])


def test_the_rates_table_gives_weeks_in_weeks_and_amounts_in_pounds(planner, pages):
    _answer_all(planner)
    rates = rates_for(year_for(date.today()))
    rows = {
        row[0]: row[1]
        for row in _rows(
            pages.get("/planner/results").select("#how-we-worked-this-out ~ div table")[0]
        )
    }
    lead = rates.figure("ask_council_lead_weeks")
    assert rows[lead.label] == f"{int(lead.value)} weeks"
    upper = rates.figure("upper_capital_limit")
    assert rows[next(label for label in rows if label.startswith(upper.label))] == (
        f"£{upper.value:,.2f}"
    )


def test_a_council_that_would_pay_in_the_first_12_weeks_is_asked_now(planner, pages):
    # £10,000 of savings and a home to be sold: the council pays while the home is not counted,
    # years before savings, with the sale money, stay under the limit for good.
    answers = {
        **ANSWERS,
        "options": {"options": ["residential"]},
        "costs": {"residential_fee": "1,450", "residential_fee_per": "week"},
        "savings": {"savings": "10,000"},
    }
    _answer_all(planner, answers)
    page = pages.get("/planner/results")
    rows = {
        row.select_one(".govuk-summary-list__key").get_text(strip=True): row.select_one(
            ".govuk-summary-list__value"
        ).get_text(" ", strip=True)
        for row in page.select(".govuk-summary-list__row")
        if row.select_one(".govuk-summary-list__key")
    }
    assert rows["Ask the council by"] == "Now"
    assert "The council would pay part of the cost in some weeks before then, from week 0" in (
        page.get_text(" ", strip=True)
    )
