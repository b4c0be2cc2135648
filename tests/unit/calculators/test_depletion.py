from datetime import date
from decimal import Decimal as D

import pytest

from calculators.depletion import DepletionInput, Home, IncomeChange, project
from calculators.rates import rates_for

RATES = rates_for("2025-26")
START = date(2026, 11, 23)


def _project(**changes):
    answers = {
        "capital": D(100000),
        "weekly_income": D(300),
        "weekly_cost": D(1300),
        "start_date": START,
    }
    answers.update(changes)
    return project(RATES, DepletionInput(**answers))


def _smallest_n(capital: D, cost: D, income: D) -> int:
    n = 0
    while capital - n * (cost - income) > D(23250):
        n += 1
    return n


@pytest.mark.parametrize(
    ("capital", "cost", "income"),
    [
        (D(100000), D(1300), D(300)),  # 77 weeks: 100,000 - 77 x 1,000 = 23,000
        (D(24250), D(1300), D(300)),  # exactly £1,000 over: 1 week
        (D("24250.01"), D(1300), D(300)),  # a penny more: 2 weeks
        (D(500000), D("1467.33"), D("221.20")),
    ],
)
def test_weeks_until_the_upper_limit_matches_the_formula(capital, cost, income):
    result = _project(capital=capital, weekly_cost=cost, weekly_income=income)
    assert result.weeks_until_upper_limit == _smallest_n(capital, cost, income)


def test_dates_and_the_date_to_ask_the_council():
    result = _project()
    assert result.weeks_until_upper_limit == 77
    assert result.upper_limit_date == date(2028, 5, 15)
    assert result.ask_council_by == date(2027, 11, 15)  # 26 weeks earlier
    assert result.total_paid_until_upper_limit == D(1300) * 77
    assert "15 November 2027" in " ".join(result.explanation)


def test_already_at_or_below_the_limit_is_zero_weeks_and_ask_now():
    for capital in (D(23250), D(0)):
        result = _project(capital=capital)
        assert result.weeks_until_upper_limit == 0
        assert result.ask_council_by == START


def test_ask_date_is_never_in_the_past():
    result = _project(capital=D(30000))
    assert result.weeks_until_upper_limit == 7
    assert result.ask_council_by == START


def test_never_reaching_the_limit_is_none():
    result = _project(weekly_income=D(1500))
    assert result.weeks_until_upper_limit is None
    assert result.upper_limit_date is None
    assert result.ask_council_by is None
    assert result.final_capital > D(100000)


def test_the_council_shares_the_cost_after_the_limit():
    result = _project()
    # At £23,000 of capital: tariff £35, income £300, allowance £30.65.
    assert result.weekly_contribution_after_limit == D(300) + D(35) - D("30.65")
    assert result.council_weekly_contribution_after_limit == D(1300) - D("304.35")
    # Capital then falls only by tariff income, stopping at the lower limit.
    assert result.final_capital == D(14250)


def test_yearly_fee_rises_shorten_the_time():
    flat = _project(capital=D(200000))
    rising = _project(capital=D(200000), annual_cost_increase=D("0.05"))
    assert rising.weeks_until_upper_limit < flat.weeks_until_upper_limit


def test_interest_lengthens_the_time():
    flat = _project(capital=D(200000))
    earning = _project(capital=D(200000), annual_interest_rate=D("0.04"))
    assert earning.weeks_until_upper_limit > flat.weeks_until_upper_limit
    assert earning.ledger.interest_earned > 0


def test_an_income_change_from_a_given_week():
    # Attendance Allowance of £110.40 awarded from week 10.
    result = _project(income_changes=(IncomeChange(10, D("410.40")),))
    plain = _project()
    # 10 weeks at £1,000 leave £90,000; then £889.60 a week: 76 more weeks to reach £23,250.
    assert result.weeks_until_upper_limit == 86
    assert plain.weeks_until_upper_limit == 77


def test_a_home_sold_at_a_given_week_adds_its_value():
    result = _project(home=Home(value=D(200000), sold_at_week=12))
    assert result.ledger.home_sale_proceeds == D(200000)
    assert result.weeks_until_upper_limit == _smallest_n(D(300000), D(1300), D(300))


def test_a_deferred_payment_agreement_builds_a_debt_on_the_home():
    result = _project(
        capital=D(30000),
        home=Home(
            value=D(200000),
            deferred=True,
            deferred_interest_rate=D("0.04"),
            deferred_setup_fee=D(500),
            deferred_annual_fee=D(100),
        ),
    )
    assert result.equity_limit == D(180000) - D(14250)
    assert result.deferred_debt > 0
    assert result.ledger.deferred_interest_and_fees > D(600)
    assert result.weeks_until_equity_limit is not None
    assert result.weeks_until_equity_limit > result.weeks_until_upper_limit
    assert any("the home would need to be sold" in s for s in result.explanation)
    assert not any("no interest or fees" in s for s in result.explanation)


def test_capital_after_milestone_years_and_a_monthly_series():
    result = _project(years=10)
    assert set(result.capital_after_years) == {1, 3, 5, 10}
    assert result.capital_after_years[1] == D(100000) - 52 * D(1000)
    months = [(p.date.year, p.date.month) for p in result.series]
    assert len(months) == len(set(months))
    assert 119 <= len(months) <= 121
    assert result.series[0].capital == D(100000)


def test_the_ledger_reconciles_to_the_penny():
    result = _project(
        capital=D("123456.78"),
        annual_interest_rate=D("0.031"),
        annual_cost_increase=D("0.045"),
        home=Home(value=D("187500.50"), sold_at_week=40),
        income_changes=(IncomeChange(5, D("383.15")),),
    )
    ledger = result.ledger
    assert result.final_capital == (
        D("123456.78")
        + ledger.interest_earned
        + ledger.income_received
        + ledger.home_sale_proceeds
        - ledger.paid_by_person
        - ledger.kept_for_personal_spending
    )
