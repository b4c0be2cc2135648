"""Properties that must hold for any input, checked with hypothesis."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.depletion import DepletionInput, Home, project
from calculators.means_test import INCOME_KINDS, MeansTestInput, means_test
from calculators.rates import rates_for

RATES = rates_for("2025-26")
START = date(2026, 11, 23)

pounds = st.decimals(min_value=0, max_value=2_000_000, places=2, allow_nan=False)
weekly = st.decimals(min_value=0, max_value=5_000, places=2, allow_nan=False)
fraction = st.decimals(min_value=0, max_value=Decimal("0.1"), places=3)
settings_ = st.sampled_from(["care_home", "home"])


@st.composite
def means_tests(draw):
    return MeansTestInput(
        setting=draw(settings_),
        capital=draw(pounds),
        weekly_cost=draw(weekly),
        weekly_income={kind: draw(st.decimals(0, 1000, places=2)) for kind in INCOME_KINDS},
        property_value=draw(pounds),
        property_occupied_by_qualifying_relative=draw(st.booleans()),
        weeks_since_admission=draw(st.integers(0, 100)),
        housing_costs=draw(st.decimals(0, 300, places=2)),
        disability_related_expenditure=draw(st.decimals(0, 100, places=2)),
    )


@given(means_tests(), pounds)
def test_more_capital_never_lowers_the_contribution(answers, extra):
    richer = replace(answers, capital=answers.capital + extra)
    assert (
        means_test(RATES, richer).weekly_contribution
        >= means_test(RATES, answers).weekly_contribution
    )


@given(means_tests())
def test_contributions_stay_between_zero_and_the_cost_and_add_up(answers):
    result = means_test(RATES, answers)
    assert 0 <= result.weekly_contribution <= answers.weekly_cost
    assert result.weekly_contribution + result.council_weekly_contribution == answers.weekly_cost


@st.composite
def projections(draw):
    home = draw(
        st.one_of(
            st.none(),
            st.builds(Home, value=pounds, sold_at_week=st.integers(0, 500)),
            st.builds(
                Home,
                value=pounds,
                deferred=st.just(True),
                deferred_interest_rate=fraction,
                deferred_setup_fee=st.decimals(0, 2000, places=2),
                deferred_annual_fee=st.decimals(0, 500, places=2),
            ),
        )
    )
    return DepletionInput(
        capital=draw(pounds),
        weekly_income=draw(st.decimals(0, 2000, places=2)),
        weekly_cost=draw(weekly),
        start_date=START,
        annual_cost_increase=draw(fraction),
        annual_interest_rate=draw(fraction),
        years=draw(st.integers(1, 15)),
        setting=draw(settings_),
        home=home,
    )


@settings(deadline=None, max_examples=60)
@given(projections(), st.decimals(0, 2000, places=2))
def test_a_higher_cost_never_makes_savings_last_longer(answers, extra):
    cheaper = project(RATES, answers).weeks_until_upper_limit
    dearer = project(RATES, replace(answers, weekly_cost=answers.weekly_cost + extra))
    if cheaper is not None:
        assert dearer.weeks_until_upper_limit is not None
        assert dearer.weeks_until_upper_limit <= cheaper


@settings(deadline=None, max_examples=60)
@given(projections())
def test_capital_never_goes_below_zero_and_totals_reconcile_to_the_penny(answers):
    result = project(RATES, answers)
    assert all(point.capital >= 0 for point in result.series)
    assert result.final_capital >= 0
    ledger = result.ledger
    assert result.final_capital == (
        answers.capital
        + ledger.interest_earned
        + ledger.income_received
        + ledger.home_sale_proceeds
        - ledger.paid_by_person
        - ledger.kept_for_personal_spending
    )
    weeks = answers.years * 52
    total_cost = sum(
        (
            (answers.weekly_cost * (1 + answers.annual_cost_increase) ** (w // 52)).quantize(
                Decimal("0.01"), rounding="ROUND_HALF_UP"
            )
            for w in range(weeks)
        ),
        Decimal(0),
    )
    assert ledger.paid_by_person + ledger.paid_by_council == total_cost
