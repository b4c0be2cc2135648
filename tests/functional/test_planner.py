"""The planner journey through the Flask test client."""

import csv
import io
from datetime import datetime, timedelta

import pytest

from webapp.database import get_session
from webapp.models import SavedPlan

ANSWERS = {
    "who": {"who": "someone_i_help"},
    "age": {"over_state_pension_age": "yes"},
    "where": {"where": "Sherborne"},
    "hours": {"hours": "1_to_3"},
    "needs": {"needs": ["night"]},
    "options": {"options": ["home_care", "extra_care", "live_in", "residential"]},
    "costs": {"home_care_hours": "14", "residential_fee": "1,450"},
    "savings": {"savings": "£120,000"},
    "home": {"owns_home": "yes"},
    "home-details": {"home_value": "300000", "someone_lives_there": "no", "home_plan": "sell"},
    "income": {"state_pension": "241.30", "private_pension": "80"},
}
QUESTIONS = {
    "who": "Who are you planning for?",
    "age": "Are they over State Pension age?",
    "where": "Where do they live in Dorset?",
    "hours": "How much help do they need each day?",
    "needs": "Do any of these apply?",
    "options": "Which options do you want to compare?",
    "costs": "Check the costs",
    "savings": "How much do they have in savings and investments?",
    "home": "Do they own their home?",
    "home-details": "About their home",
    "income": "What is their weekly income?",
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


def test_each_question_page_asks_one_thing_and_leads_to_the_next(planner, pages):
    following = [*list(ANSWERS)[1:], "check"]
    for step, next_step in zip(ANSWERS, following, strict=True):
        page = pages.get(f"/planner/{step}")
        assert page.h1.get_text(" ", strip=True) == QUESTIONS[step]
        assert page.find("summary", string=lambda s: s and "I don't know" in s)
        assert page.select_one(".govuk-back-link")
        response = planner.post(f"/planner/{step}", data=ANSWERS[step])
        assert response.location == f"/planner/{next_step}"


@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        ("who", {}, "Select who you are planning for"),
        ("age", {}, "Select yes if they are over State Pension age"),
        ("where", {"where": ""}, "Enter a town, village or postcode in Dorset"),
        ("where", {"where": "Atlantis"}, "We could not find that town or postcode in Dorset"),
        ("hours", {"hours": "forever"}, "Not a valid choice"),
        ("options", {}, "Select at least one option to compare"),
        ("savings", {"savings": "lots"}, "In their name only must be an amount in pounds"),
        ("savings", {"savings": "-5"}, "In their name only cannot be negative"),
        ("savings", {"savings": "1000000000"}, "must be £100 million or less"),
        ("savings", {"savings": "10.555"}, "must be in pounds and pence"),
        ("home", {}, "Select yes if they own their home"),
        ("income", {"state_pension": "two hundred"}, "State Pension must be an amount in pounds"),
    ],
)
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


def test_the_check_page_lists_every_answer_with_change_links(planner, pages):
    _answer_all(planner)
    page = pages.get("/planner/check")
    keys = [key.get_text(strip=True) for key in page.select(".govuk-summary-list__key")]
    assert keys == list(QUESTIONS.values())
    values = page.select_one(".govuk-summary-list").get_text(" ", strip=True)
    for expected in ("Someone I help", "Sherborne", "1 to 3 hours", "Help at night",
                     "Residential care home, fee a week: £1,450.00", "£120,000.00",
                     "State Pension: £241.30"):  # fmt: skip
        assert expected in values
    change = page.select_one('a[href="/planner/savings?change=1"]')
    assert change.select_one(".govuk-visually-hidden")


def test_changing_an_answer_returns_to_the_check_page(planner):
    _answer_all(planner)
    response = planner.post("/planner/savings?change=1", data={"savings": "50000"})
    assert response.location == "/planner/check"
    assert "£50,000.00" in planner.get("/planner/check").get_data(as_text=True)


def test_answers_are_shown_again_on_the_way_back(planner, pages):
    _answer_all(planner)
    assert pages.get("/planner/savings").select_one("#savings")["value"] == "£120,000"
    assert pages.get("/planner/hours").select_one('input[value="1_to_3"]').has_attr("checked")


def test_options_start_ticked_from_the_needs(planner, pages):
    _answer_all(planner, {s: ANSWERS[s] for s in ("who", "age", "where", "hours", "needs")})
    page = pages.get("/planner/options")
    ticked = [box["value"] for box in page.select('input[name="options"][checked]')]
    assert ticked == ["home_care", "home_care_day", "extra_care", "live_in", "residential"]


def test_the_costs_page_asks_only_about_the_chosen_options(planner, pages):
    _answer_all(planner, {s: ANSWERS[s] for s in list(ANSWERS)[:6]})
    page = pages.get("/planner/costs")
    names = [field["name"] for field in page.select("input.govuk-input")]
    assert "nursing_fee" not in names
    assert {"home_care_hours", "hourly_rate", "live_in_fee", "residential_fee"} <= set(names)
    assert page.select_one("#home_care_hours")["value"] == "14"


def test_home_details_are_skipped_when_they_do_not_own_a_home(planner):
    answers = {**ANSWERS, "home": {"owns_home": "no"}}
    del answers["home-details"]
    _answer_all(planner, answers)
    assert planner.get("/planner/home-details").location == "/planner/income"


def test_results_before_the_questions_are_answered_go_to_the_first_unanswered(planner):
    assert planner.get("/planner/results").location == "/planner/who"
    _answer_all(planner, {s: ANSWERS[s] for s in ("who", "age")})
    assert planner.get("/planner/check").location == "/planner/where"


def test_the_results(planner, pages, client):
    _answer_all(planner)
    response = client.get("/planner/results")
    assert response.headers["Cache-Control"] == "no-store"
    page = pages.get("/planner/results")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in page.select("table")[0].select("tbody tr")
    ]
    assert [row[0] for row in rows] == [
        "Care at home",
        "Extra care housing",
        "Live-in care",
        "Residential care home",
    ]
    assert rows[0][1:4] == ["£448.00", "£448.00", "£0.00"]
    assert rows[3][1] == "£1,450.00"
    assert page.select_one("canvas#savings-chart")
    assert page.select_one('script#chart-data[type="application/json"]')
    after = page.select("table")[1]
    assert len(after.select("tbody tr")) == 4
    text = page.get_text(" ", strip=True)
    assert "You may be able to claim Attendance Allowance of £114.60 a week" in text
    assert "Provisional" in text
    assert "Homecare Association" in text  # the source of the default hourly rate
    links = {a["href"] for a in page.select("main a")}
    assert "/find-support?kind=extra_care_scheme" in links
    assert "/find-support?kind=day_opportunity&location=Sherborne&sort=distance" in links
    assert "/care-at-home/reablement" in links
    assert "/paying-for-care/deferred-payment-agreements" in links


def test_the_figures_download_as_csv(planner):
    _answer_all(planner)
    response = planner.get("/planner/results.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][0] == "Option"
    assert rows[1][:4] == ["Care at home", "448.00", "448.00", "0.00"]
    assert len(rows) == 5


def test_save_come_back_and_delete(planner, app, pages):
    _answer_all(planner)
    saved = planner.post("/planner/save")
    token = saved.location.rsplit("/", 1)[1]
    assert len(token) >= 32
    with app.app_context():
        stored = get_session().query(SavedPlan).all()
        assert token not in [row.token_hash for row in stored]  # only a hash is kept
    planner.delete_cookie(app.config["SESSION_COOKIE_NAME"])  # a new browser
    page = pages.get(f"/planner/plan/{token}")
    assert page.find(string=lambda s: s and "saved for 90 days" in s)
    assert page.find("button", string=lambda s: s and "Delete my answers now" in s)
    gone = pages.post(f"/planner/plan/{token}/delete")
    assert gone.h1.get_text(strip=True) == "Your answers have been deleted"
    pages.get(f"/planner/plan/{token}", status=404)
    pages.get("/planner/plan/not-a-real-token", status=404)


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


def test_the_adviser_page_asks_everything_at_once(planner, pages):
    page = pages.get("/planner/adviser")
    names = {field["name"] for field in page.select("input, select")}
    assert {"who", "where", "hours", "needs", "options", "savings", "home_value",
            "state_pension", "residential_fee"} <= names  # fmt: skip
    data = {name: value for answers in ANSWERS.values() for name, value in answers.items()}
    data["home"] = "no"
    response = planner.post("/planner/adviser", data={**data, "owns_home": "no", "home_value": ""})
    assert response.location == "/planner/results"
    assert "Residential care home" in planner.get("/planner/results").get_data(as_text=True)


def test_the_adviser_page_shows_every_error_and_keeps_answers(planner, pages):
    page = pages.post("/planner/adviser", status=400, data={"savings": "lots", "where": "Mars"})
    summary = page.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Select who you are planning for" in summary
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
    assert "Deleted 1 expired saved plans." in result.output
    assert planner.get(f"/planner/plan/{kept}").status_code == 200


def test_a_link_from_an_advice_page_ticks_its_option(planner, pages):
    planner.get("/planner?option=nursing")
    _answer_all(planner, {s: ANSWERS[s] for s in ("who", "age", "where", "hours", "needs")})
    page = pages.get("/planner/options")
    assert page.select_one('input[name="options"][value="nursing"]').has_attr("checked")
    planner.get("/planner?option=spaceship")  # an unknown option is ignored
    assert pages.get("/planner/options").select_one('input[value="nursing"]').has_attr("checked")
