"""The one reader of amounts people type into the planner."""

from decimal import Decimal

import pytest
from flask import Flask
from flask_babel import Babel
from hypothesis import given
from hypothesis import strategies as st

from webapp.planner.amounts import AmountError, parse_count, parse_hours, parse_money, weekly


@pytest.fixture(autouse=True)
def _babel():
    app = Flask(__name__)
    Babel(app)
    with app.app_context():
        yield


@pytest.mark.parametrize(
    ("typed", "pounds"),
    [("180k", "180000"), ("£180,000", "180000"), ("180 000", "180000"),
     ("1,000.50", "1000.50"), ("1.5m", "1500000"), (" £ 250 ", "250"), ("2.5K", "2500"),
     ("1\u00a0000", "1000"), ("0", "0")],
)  # fmt: skip
def test_money_is_read_as_people_write_it(typed, pounds):
    assert parse_money(typed) == Decimal(pounds)


@pytest.mark.parametrize(
    ("typed", "message"),
    [("lots", "must be an amount in pounds"), ("1,00", "must be an amount in pounds"),
     ("1,000 000", "must be an amount in pounds"), ("-5", "cannot be negative"),
     ("1e9", "must be an amount in pounds"), ("NaN", "must be an amount in pounds"),
     ("10.555", "pounds and pence"), ("101m", "£100,000,000 or less"),
     ("9" * 500, "must be an amount in pounds")],
)  # fmt: skip
def test_anything_else_gets_a_clear_message(typed, message):
    with pytest.raises(AmountError) as error:
        parse_money(typed)
    assert message in error.value.for_name("savings")
    assert error.value.for_name("savings").startswith("Savings")


def test_nothing_typed_is_no_amount():
    assert parse_money("") is None
    assert parse_money("   ") is None
    assert parse_hours(None) is None


@pytest.mark.parametrize(("typed", "hours"), [("14", "14"), ("31.5", "31.5"), ("168", "168"),
                                              ("10 hours", "10")])  # fmt: skip
def test_hours_are_hours_in_a_week(typed, hours):
    assert parse_hours(typed) == Decimal(hours)


@pytest.mark.parametrize("typed", ["169", "£14", "-1", "many"])
def test_hours_outside_a_week_are_refused(typed):
    with pytest.raises(AmountError, match="hours from 0 to 168"):
        parse_hours(typed)


@pytest.mark.parametrize("typed", ["2.5", "15", "two"])
def test_sessions_are_a_whole_number_up_to_fourteen(typed):
    with pytest.raises(AmountError) as error:
        parse_count(typed)
    assert error.value.for_name("sessions") == "Sessions must be a whole number from 0 to 14"


@given(st.integers(min_value=0, max_value=100_000_000))
def test_every_way_of_grouping_thousands_reads_the_same(pounds):
    grouped = f"{pounds:,}"
    assert parse_money(grouped) == pounds
    assert parse_money(grouped.replace(",", " ")) == pounds
    assert parse_money(f"£{grouped}") == pounds
    if pounds % 1000 == 0 and pounds:
        assert parse_money(f"{pounds // 1000}k") == pounds


@given(st.decimals(min_value=0, max_value=1_000_000, places=2))
def test_a_year_a_month_and_a_week_agree(amount):
    assert weekly(amount, "week") == amount
    assert abs(weekly(amount * 12, "year") - weekly(amount, "month")) <= Decimal("0.01")
