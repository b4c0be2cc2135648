"""Properties that must hold for any input, checked with hypothesis."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from decimal import Decimal as D

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
settings_ = st.sampled_from(["care_home", "home", "extra_care"])


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
        night_care=draw(st.booleans()),
        partner_at_home=draw(st.booleans()),
    )


@settings(deadline=None)
@given(means_tests(), pounds)
def test_more_capital_never_lowers_the_contribution(answers, extra):
    richer = replace(answers, capital=answers.capital + extra)
    assert (
        means_test(RATES, richer).weekly_contribution
        >= means_test(RATES, answers).weekly_contribution
    )


@settings(deadline=None)
@given(means_tests())
def test_contributions_stay_between_zero_and_the_cost_and_add_up(answers):
    result = means_test(RATES, answers)
    assert 0 <= result.weekly_contribution <= answers.weekly_cost
    assert result.weekly_contribution + result.council_weekly_contribution == answers.weekly_cost


incomes = st.one_of(
    st.decimals(0, 2000, places=2),
    st.fixed_dictionaries(
        {
            "state_pension": st.decimals(0, 400, places=2),
            "attendance_allowance": st.sampled_from([D(0), D("72.65"), D("108.55")]),
            "savings_credit": st.decimals(0, 20, places=2),
            "private_pension": st.decimals(0, 300, places=2),
        }
    ),
)


@st.composite
def projections(draw):
    home = draw(
        st.one_of(
            st.none(),
            st.builds(
                Home,
                value=pounds,
                sold_at_week=st.integers(0, 500),
                mortgage=st.decimals(0, 100000, places=2),
            ),
            st.builds(
                Home,
                value=pounds,
                deferred=st.just(True),
                deferred_interest_rate=st.one_of(st.none(), fraction),
                deferred_setup_fee=st.decimals(0, 2000, places=2),
                deferred_annual_fee=st.decimals(0, 500, places=2),
                occupied_by_qualifying_relative=st.booleans(),
            ),
        )
    )
    return DepletionInput(
        capital=draw(pounds),
        joint_savings=draw(st.decimals(0, 100000, places=2)),
        weekly_income=draw(incomes),
        weekly_cost=draw(weekly),
        start_date=START,
        annual_cost_increase=draw(fraction),
        annual_interest_rate=draw(fraction),
        years=draw(st.integers(1, 12)),
        setting=draw(settings_),
        home=home,
        housing_costs=draw(st.decimals(0, 300, places=2)),
        living_costs=draw(st.one_of(st.none(), st.decimals(0, 400, places=2))),
        personal_spending=draw(st.one_of(st.none(), st.decimals(0, 100, places=2))),
        night_care=draw(st.booleans()),
        partner_at_home=draw(st.booleans()),
    )


def _depleting(answers: DepletionInput) -> DepletionInput:
    """A household whose savings can only fall (bar a sale): income no more than the cost,
    default living costs and spending, no interest. Otherwise savings may climb back over the
    limit, and "how long savings last" has no meaning."""
    income = answers.weekly_income
    if not isinstance(income, Decimal):
        income = income["state_pension"]
    return replace(
        answers,
        weekly_income=min(income, answers.weekly_cost),
        annual_interest_rate=Decimal(0),
        living_costs=None,
        personal_spending=None,
    )


depleting = projections().map(_depleting)


def _lasts(weeks: int | None) -> float:
    """Weeks until the upper limit, with never as for ever."""
    return float("inf") if weeks is None else weeks


@settings(deadline=None, max_examples=60)
@given(depleting, st.decimals(0, 2000, places=2))
def test_a_higher_cost_never_makes_savings_last_longer(answers, extra):
    cheaper = project(RATES, answers).weeks_until_upper_limit
    dearer = project(RATES, replace(answers, weekly_cost=answers.weekly_cost + extra))
    assert _lasts(dearer.weeks_until_upper_limit) <= _lasts(cheaper)


@settings(deadline=None, max_examples=60)
@given(depleting, pounds)
def test_more_savings_never_make_savings_last_less(answers, extra):
    poorer = project(RATES, answers).weeks_until_upper_limit
    richer = project(RATES, replace(answers, capital=answers.capital + extra))
    assert _lasts(richer.weeks_until_upper_limit) >= _lasts(poorer)


@settings(deadline=None, max_examples=60)
@given(depleting, pounds, st.integers(0, 600))
def test_a_home_sold_can_only_move_the_limit_date_later(answers, value, week):
    without = project(RATES, replace(answers, home=None)).weeks_until_upper_limit
    sold = project(RATES, replace(answers, home=Home(value=value, sold_at_week=week)))
    assert _lasts(sold.weeks_until_upper_limit) >= _lasts(without)


@settings(deadline=None, max_examples=80)
@given(projections())
def test_the_ledger_reconciles_and_savings_never_go_below_nothing(answers):
    result = project(RATES, answers)
    ledger = result.ledger
    assert ledger.reconciles, ledger
    assert ledger.end_savings == result.final_capital
    assert all(point.capital >= 0 for point in result.series)
    assert result.final_capital >= 0
    for amount in (ledger.money_in, ledger.money_out, ledger.paid_by_council, ledger.deferred):
        assert amount == amount.quantize(D("0.01"))


@settings(deadline=None, max_examples=80)
@given(projections())
def test_the_council_never_pays_in_a_week_counted_capital_is_over_the_limit(answers):
    result = project(RATES, answers)
    upper = RATES.value("upper_capital_limit")
    for counted, council in zip(result.counted_by_week, result.council_by_week, strict=True):
        if counted > upper:
            assert council == 0
    assert sum(result.council_by_week, D(0)) == result.ledger.paid_by_council
