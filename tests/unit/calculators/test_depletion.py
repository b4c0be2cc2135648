"""The week-by-week household model: one test (or more) for each numbered rule of the projection,
at its boundaries. Figures from 2024-25 unless a test says otherwise."""

from datetime import date, timedelta
from decimal import ROUND_CEILING
from decimal import Decimal as D

import pytest

from calculators.depletion import (
    WEEKS_A_YEAR,
    DepletionInput,
    Home,
    IncomeChange,
    anniversary,
    equity_limit,
    project,
)
from calculators.errors import InputError
from calculators.means_test import assess_income, minimum_income_guarantee
from calculators.rates import rates_for

RATES = rates_for("2024-25")
START = date(2024, 6, 3)
PEA = D("30.15")
MIG = D("228.70")


def _project(rates=RATES, **changes):
    answers = {
        "capital": D(100000),
        "weekly_income": D(300),
        "weekly_cost": D(1300),
        "start_date": START,
        "years": 5,
    }
    answers.update(changes)
    return project(rates, DepletionInput(**answers))


def _smallest_n(capital: D, weekly_fall: D) -> int:
    n = 0
    while capital - n * weekly_fall > D(23250):
        n += 1
    return n


# --- Rule 1: counted capital -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("capital", "spending"),
    [
        (D(100000), D(0)),  # 100,000 - 77 x 1,000 = 23,000
        (D(24250), D(0)),  # exactly £1,000 over: 1 week
        (D("24250.01"), D(0)),  # a penny more: 2 weeks
        (D(100000), PEA),  # the personal expenses allowance is spent too
    ],
)
def test_weeks_until_the_upper_limit_for_a_self_funder(capital, spending):
    result = _project(capital=capital, personal_spending=spending)
    assert result.weeks_until_upper_limit == _smallest_n(capital, D(1000) + spending)


def test_half_of_joint_savings_counts():
    alone = _project(capital=D(50000))
    joint = _project(capital=D(20000), joint_savings=D(60000))
    assert joint.ledger.start_savings == D(50000)
    assert joint.weeks_until_upper_limit == alone.weeks_until_upper_limit


@pytest.mark.parametrize(
    ("value", "mortgage", "counted"),
    [
        (D(200000), D(0), D(180000)),
        (D(200000), D(30000), D(150000)),
        (D(200000), D(180000), D(0)),
        (D(200000), D(250000), D(0)),  # never below nothing
    ],
)
def test_a_home_counts_and_sells_at_its_value_less_10_percent_less_its_mortgage(
    value, mortgage, counted
):
    result = _project(capital=D(0), home=Home(value=value, mortgage=mortgage, sold_at_week=20))
    assert result.home_counted_value == counted
    assert result.ledger.home_sale_proceeds == counted


# --- Rule 2: when the home counts --------------------------------------------------------------


def _care_home_with_a_home(**home):
    return _project(
        capital=D(10000), weekly_income=D(200), years=1, home=Home(value=D(200000), **home)
    )


def test_the_home_is_ignored_for_exactly_12_weeks_of_a_care_home_stay():
    result = _care_home_with_a_home()
    assert result.council_funding_weeks == 12  # weeks 0 to 11
    assert result.self_funding_weeks == 40  # from week 12 the home counts
    assert result.weeks_until_upper_limit is None


@pytest.mark.parametrize(
    "changes",
    [
        {"home": Home(value=D(200000), occupied_by_qualifying_relative=True)},
        {"home": Home(value=D(200000)), "partner_at_home": True},
    ],
)
def test_a_home_a_qualifying_relative_or_partner_lives_in_never_counts(changes):
    result = _project(capital=D(10000), weekly_income=D(200), years=1, **changes)
    assert result.self_funding_weeks == 0
    assert result.weeks_until_upper_limit == 0


def test_at_home_the_home_never_counts():
    result = _project(
        setting="home", capital=D(10000), weekly_cost=D(300), home=Home(value=D(500000))
    )
    assert result.self_funding_weeks == 0
    assert result.home_sold_at_week is None


def test_a_home_under_a_deferred_payment_agreement_is_not_counted():
    result = _care_home_with_a_home(deferred=True, deferred_interest_rate=D(0))
    assert result.self_funding_weeks == 0
    assert result.council_funding_weeks == 12
    assert result.deferred_payment.deferred == 40 * (D(1300) - (D(200) + 0 - PEA))


def test_in_extra_care_a_home_counts_at_once_unless_it_is_up_for_sale():
    kept = _project(
        setting="extra_care",
        capital=D(10000),
        weekly_cost=D(200),
        years=1,
        home=Home(value=D(200000)),
    )
    assert kept.self_funding_weeks == 52
    # Up for sale: ignored for up to 26 weeks (weeks 0-25), then counted until it sells.
    selling = _project(
        setting="extra_care",
        capital=D(10000),
        weekly_cost=D(200),
        years=1,
        home=Home(value=D(200000), sold_at_week=30),
    )
    assert selling.council_funding_weeks == 26
    assert selling.self_funding_weeks == 52 - 26
    assert selling.home_sold_at_week == 30
    relative = _project(
        setting="extra_care",
        capital=D(10000),
        weekly_cost=D(200),
        years=1,
        home=Home(value=D(200000), occupied_by_qualifying_relative=True),
    )
    assert relative.self_funding_weeks == 0


# --- Rule 3: who pays, decided afresh each week ------------------------------------------------


def test_a_sale_that_lifts_capital_over_the_limit_stops_council_funding_that_week():
    result = _project(
        capital=D(10000),
        weekly_income=D(200),
        years=2,
        home=Home(value=D(100000), sold_at_week=8),
    )
    reached = result.weeks_until_upper_limit
    assert result.ledger.home_sale_proceeds == D(90000)
    # Council help in weeks 0-7, none from the sale in week 8 until savings fall back to the
    # limit, and then help again for good.
    assert 8 < reached < 104
    assert result.self_funding_weeks == reached - 8
    assert result.council_funding_weeks == 8 + 104 - reached


def test_the_council_shares_the_cost_once_capital_is_at_the_limit():
    result = _project(personal_spending=D(0))
    assert result.weeks_until_upper_limit == 77
    after = 77
    # At £23,000 of capital: tariff £35, income £300, allowance £30.15.
    assert result.weekly_contribution_after_limit == D(300) + D(35) - PEA
    assert result.council_weekly_contribution_after_limit == D(1300) - (D(335) - PEA)
    assert result.total_paid_until_upper_limit == D(1300) * after
    assert result.council_funding_weeks == 5 * 52 - after


# --- Rule 4: everyday life costs money ---------------------------------------------------------


def test_with_council_help_at_home_savings_fall_by_the_tariff_income():
    # £20,000 gives tariff income of £23; income covers the guarantee.
    result = _project(
        setting="home", capital=D(20000), weekly_income=D(400), weekly_cost=D(300), years=1
    )
    assert result.first_week.living == MIG
    assert result.ledger.start_savings - result.capital_after_years[1] > 0
    first = result.series[1].capital if result.series[1].week == 1 else None
    assert first in (None, D(20000) - D(23))
    assert result.first_week.from_savings == D(23)


def test_paying_for_yourself_at_home_no_longer_looks_free():
    result = _project(
        setting="home",
        capital=D(100000),
        weekly_income=D(300),
        weekly_cost=D(200),
        housing_costs=D(120),
        years=1,
    )
    week = result.first_week
    assert (week.care, week.housing, week.living) == (D(200), D(120), MIG)
    assert week.total == D(200) + D(120) + MIG
    assert week.from_income == D(300)
    assert week.from_savings == week.total - D(300)
    assert result.capital_after_years[1] == D(100000) - 52 * (week.total - D(300))


def test_own_living_costs_and_personal_spending_replace_the_defaults():
    home = _project(setting="home", weekly_cost=D(100), living_costs=D(150), years=1)
    assert home.first_week.living == D(150)
    assert not any("minimum income guarantee" in a.text for a in home.assumptions)
    care_home = _project(personal_spending=D(50), years=1)
    assert care_home.first_week.personal_spending == D(50)
    assert care_home.first_week.total == D(1350)


def test_personal_spending_is_spent_every_week_in_a_care_home():
    result = _project(capital=D(0), weekly_income=D(200), years=1)
    assert result.ledger.personal_spending == 52 * PEA
    assert result.ledger.living == 0 and result.ledger.housing == 0


def test_savings_never_go_below_nothing_and_what_cannot_be_paid_is_shown():
    result = _project(
        capital=D(1000),
        weekly_income=D(0),
        years=1,
        home=Home(value=D(300000)),
    )
    assert all(point.capital >= 0 for point in result.series)
    assert result.final_capital == 0
    assert result.ledger.unpaid > 0
    assert result.ledger.paid_by_council == 12 * D(1300)  # only the 12 disregarded weeks


# --- Rule 5: extra care housing ----------------------------------------------------------------


def test_extra_care_means_tests_only_the_care():
    result = _project(
        setting="extra_care",
        capital=D(0),
        weekly_income=D(300),
        weekly_cost=D(100),
        housing_costs=D(215),
        years=1,
    )
    # Allowance: guarantee + housing costs, so the contribution is nil.
    assert result.council_funding_weeks == 52
    assert result.first_week.from_council == D(100)
    assert result.first_week.housing == D(215)


# --- Rule 6: Attendance Allowance --------------------------------------------------------------

AA_LOWER = D("72.65")
AA_HIGHER = D("108.55")


def test_attendance_allowance_stops_after_4_weeks_of_a_council_funded_stay():
    income = {"state_pension": D(200), "attendance_allowance": AA_LOWER}
    result = _project(capital=D(0), weekly_income=income, weekly_cost=D(1000), years=1)
    assert result.ledger.income_received == 52 * D(200) + 4 * AA_LOWER


def test_attendance_allowance_goes_on_for_a_self_funder_and_under_a_deferred_payment():
    income = {"state_pension": D(200), "attendance_allowance": AA_LOWER}
    self_funder = _project(capital=D(500000), weekly_income=income, years=1)
    assert self_funder.ledger.income_received == 52 * (D(200) + AA_LOWER)
    deferring = _project(
        capital=D(0),
        weekly_income=income,
        years=1,
        home=Home(value=D(400000), deferred=True, deferred_interest_rate=D(0)),
    )
    assert deferring.ledger.income_received == 4 * AA_LOWER + 52 * D(200) + 40 * AA_LOWER


def test_attendance_allowance_starts_again_when_they_pay_for_themselves_again():
    income = {"state_pension": D(200), "attendance_allowance": AA_LOWER}
    result = _project(
        capital=D(0),
        weekly_income=income,
        years=1,
        home=Home(value=D(300000), sold_at_week=10),
    )
    # Weeks 0-3 paid, 4-9 stopped, and from week 10 (paying for themselves) paid again.
    assert result.ledger.income_received == 52 * D(200) + (52 - 6) * AA_LOWER


def test_after_a_deferred_payment_sale_a_new_council_funded_stay_has_its_own_4_weeks():
    income = {"state_pension": D(200), "attendance_allowance": AA_LOWER}
    result = _project(
        capital=D(0),
        weekly_income=income,
        weekly_cost=D(1000),
        years=2,
        home=Home(value=D(60000), deferred=True, deferred_interest_rate=D(0)),
    )
    sale = result.deferred_payment.sale_week
    assert 12 < sale < 100
    # Weeks 0-3 paid, 4-11 stopped (council-funded disregard), paid under the agreement
    # (12 to the sale), then the first 4 weeks of the council-funded stay after the sale.
    paid_weeks = 4 + (sale - 12) + 4
    assert result.ledger.income_received == 104 * D(200) + paid_weeks * AA_LOWER


@pytest.mark.parametrize(("night_care", "ignored"), [(False, AA_HIGHER - AA_LOWER), (True, 0)])
def test_at_home_without_night_care_the_higher_rate_difference_is_ignored(night_care, ignored):
    income = assess_income(
        RATES, {"attendance_allowance": AA_HIGHER}, setting="home", night_care=night_care
    )
    assert income.counted == AA_HIGHER - ignored
    assert income.received == AA_HIGHER


# --- Rule 7: deferred payment agreement --------------------------------------------------------


def test_the_equity_limit_of_a_165000_home_is_134250():
    assert equity_limit(D(165000), D(0), RATES) == D(134250)
    assert equity_limit(D(165000), D(20000), RATES) == D(114250)
    assert equity_limit(D(10000), D(0), RATES) == 0


def test_a_deferred_payment_debt_grows_with_compound_interest_and_fees():
    result = _project(
        capital=D(10000),
        weekly_income=D(200),
        years=1,
        home=Home(
            value=D(400000),
            deferred=True,
            deferred_interest_rate=D("0.052"),
            deferred_setup_fee=D(500),
            deferred_annual_fee=D(100),
        ),
    )
    deferred = result.deferred_payment
    weekly = D(1300) - (D(200) - PEA)
    assert deferred.deferred == 40 * weekly
    assert deferred.interest_and_fees > D(600)
    assert deferred.debt == deferred.deferred + deferred.interest_and_fees
    assert result.ledger.paid_by_council == 12 * weekly  # the deferred share is not the council's


def test_an_explicit_nil_interest_rate_is_honoured_and_none_uses_the_national_maximum():
    home = {"value": D(400000), "deferred": True}
    nil = _project(capital=D(0), years=2, home=Home(deferred_interest_rate=D(0), **home))
    national = _project(capital=D(0), years=2, home=Home(**home))
    assert nil.deferred_payment.interest_and_fees == 0
    assert national.deferred_payment.interest_and_fees > 0
    assert "national maximum" in national.deferred_payment.interest_rate_source


def test_the_national_maximum_in_force_each_week_is_used_and_a_carried_rate_is_said_so():
    def interest(start: date, rate=None):
        result = _project(
            rates_for("2024-25"),
            capital=D(0),
            years=1,
            start_date=start,
            home=Home(value=D(400000), deferred=True, deferred_interest_rate=rate),
        )
        return result.deferred_payment

    # 4.65% to 30 June 2024, then 4.05%: week 26 from Monday 1 January 2024 starts on 1 July.
    national = interest(date(2024, 1, 1))
    assert interest(date(2024, 1, 1), D("0.0405")).interest_and_fees < national.interest_and_fees
    assert national.interest_and_fees < interest(date(2024, 1, 1), D("0.0465")).interest_and_fees
    assert "We hold no published rate" not in national.interest_rate_source
    # A projection running past the newest half year held says which rate it carries on.
    carried = interest(date(2025, 1, 6)).interest_rate_source
    assert "from 1 July 2025" in carried and "4.25% a year" in carried


def test_the_home_is_sold_the_week_the_debt_reaches_the_equity_limit():
    result = _project(
        capital=D(0),
        weekly_income=D(200),
        years=10,
        home=Home(value=D(165000), deferred=True, deferred_interest_rate=D(0)),
    )
    deferred = result.deferred_payment
    weekly = D(1300) - (D(200) - PEA)
    weeks = (D(134250) / weekly).to_integral_value(ROUND_CEILING)  # weeks to reach the limit
    assert deferred.weeks_until_equity_limit == 12 + weeks
    assert deferred.sale_week == deferred.weeks_until_equity_limit
    assert deferred.debt_repaid_from_sale == weeks * weekly
    assert result.ledger.home_sale_proceeds == D(148500) - weeks * weekly
    assert deferred.debt == 0
    assert result.ledger.reconciles


# --- Rule 8: couples ---------------------------------------------------------------------------


def test_half_a_private_pension_passed_to_a_spouse_at_home_is_not_their_income():
    income = assess_income(
        RATES,
        {"state_pension": D(200), "private_pension": D("100.01")},
        setting="care_home",
        partner_at_home=True,
    )
    assert income.received == D(200) + D("50.00")
    assert income.counted == D(200) + D("50.00")
    assert income.ignored[0].kind == "private_pension"
    at_home = assess_income(
        RATES, {"private_pension": D(100)}, setting="home", partner_at_home=True
    )
    assert at_home.counted == D(100)


# --- Rule 9: minimum income guarantee by circumstances ------------------------------------------


@pytest.mark.parametrize(
    ("circumstances", "amount"),
    [
        ({}, D("228.70")),
        ({"age_band": "18_24"}, D("87.65")),
        ({"age_band": "25_to_pension_age"}, D("110.60")),
        ({"age_band": "25_to_pension_age", "premiums": ("dependent_child",)}, D("211.85")),
        ({"couple": True}, D("174.60")),
        ({"couple": True, "age_band": "18_24"}, D("86.90")),
        ({"premiums": ("disability", "enhanced_disability")}, D("228.70") + D("72.65")),
        ({"couple": True, "premiums": ("disability", "carer")}, D("174.60") + D("87.15")),
    ],
)
def test_the_minimum_income_guarantee_for_each_circumstance(circumstances, amount):
    assert minimum_income_guarantee(RATES, **circumstances).value == amount


def test_the_guarantee_for_their_circumstances_is_the_default_living_cost():
    result = _project(setting="home", weekly_cost=D(100), age_band="18_24", years=1)
    assert result.first_week.living == D("87.65")
    assert any("minimum income guarantee" in a.text for a in result.assumptions)


# --- Rule 10: income ignored -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "amount", "ignored"),
    [
        ("pip_mobility", D("75.75"), D("75.75")),
        ("dla_mobility", D("28.70"), D("28.70")),
        ("war_disablement_pension", D("50"), D("50")),
        ("earnings", D("80"), D("80")),
        ("savings_credit", D("7.25"), D("6.95")),
        ("savings_credit", D("5"), D("5")),
    ],
)
def test_income_the_regulations_ignore_is_shown_with_a_reason(kind, amount, ignored):
    income = assess_income(RATES, {kind: amount}, setting="care_home")
    assert income.counted == amount - ignored
    assert income.received == amount
    assert [item.kind for item in income.ignored] == [kind]
    assert income.ignored[0].amount == ignored
    assert "(" in income.ignored[0].reason  # names its rule


def test_a_couple_has_the_couple_savings_credit_disregard():
    income = assess_income(RATES, {"savings_credit": D(20)}, setting="home", couple=True)
    assert income.ignored[0].amount == D("10.40")


# --- Rule 11: dates ----------------------------------------------------------------------------


def test_ask_the_council_a_lead_time_before_its_help_is_needed_for_good():
    result = _project(personal_spending=D(0))
    assert result.weeks_until_upper_limit == 77
    assert result.upper_limit_date == date(2025, 11, 24)
    assert result.ask_council_by == date(2025, 8, 25)  # 13 weeks earlier
    assert not result.ask_council_now
    assert "25 August 2025" in " ".join(result.explanation)


@pytest.mark.parametrize(("capital", "weeks"), [(D(0), 0), (D(23250), 0), (D(30000), 7)])
def test_ask_now_when_the_date_is_already_past(capital, weeks):
    result = _project(capital=capital, personal_spending=D(0))
    assert result.weeks_until_upper_limit == weeks
    assert result.ask_council_now
    assert result.ask_council_by == START


def test_council_help_in_the_home_s_first_12_weeks_means_asking_now():
    # Savings under the limit while the home is not counted: the council pays in weeks 0-11,
    # long before savings (after the sale) stay under the limit for good.
    result = _project(capital=D(10000), home=Home(value=D(250000), sold_at_week=12), years=10)
    assert result.weeks_until_upper_limit > 52
    assert not result.ask_council_now
    assert result.council_help_from_week == 0
    assert result.ask_council_first_now and result.ask_council_first_by == START
    assert "ask it for an assessment now" in " ".join(result.explanation)


def test_savings_dipping_to_the_limit_bring_the_first_date_to_ask_forward():
    # Income the means test ignores lifts savings back over the limit now and then: help is
    # needed for good only much later, but the council pays from the first dip.
    income = {"state_pension": D("230.25"), "private_pension": D("184.62"),
              "attendance_allowance": D("114.60")}  # fmt: skip
    result = _project(
        rates=rates_for("2026-27"), setting="home", capital=D(40000), weekly_cost=D(448),
        weekly_income=income, partner_at_home=True, couple=True, years=30,
    )  # fmt: skip
    first = result.council_help_from_week
    assert first is not None
    assert result.weeks_until_upper_limit is None or first < result.weeks_until_upper_limit - 52
    assert result.ask_council_first_by == START + timedelta(weeks=first - 13)
    assert result.counted_by_week[first] <= D(23250)


def test_without_earlier_help_the_first_date_to_ask_is_the_date_to_ask():
    result = _project(personal_spending=D(0))
    assert result.council_help_from_week == result.weeks_until_upper_limit == 77
    assert result.ask_council_first_by == result.ask_council_by


def test_never_reaching_the_limit_is_none():
    result = _project(weekly_income=D(1500))
    assert result.weeks_until_upper_limit is None
    assert result.upper_limit_date is None
    assert result.ask_council_by is None


def test_savings_rising_back_over_the_limit_by_the_end_never_reach_it():
    # Under the limit at the start of every week, but income above the cost lifts savings over
    # it in the last week.
    result = _project(capital=D(23200) - 51 * D(100), weekly_income=D(400), weekly_cost=D(300),
                      years=1, personal_spending=D(0))  # fmt: skip
    assert result.final_capital > D(23250)
    assert result.weeks_until_upper_limit is None
    assert result.ask_council_by is None


def test_savings_that_end_under_the_limit_reach_it_at_the_end():
    # Over the limit at the start of the last week, under it once that week is paid for.
    result = _project(capital=D("23250.50") + 51 * D(100), weekly_income=D(0),
                      weekly_cost=D(100), years=1, personal_spending=D(0))  # fmt: skip
    assert result.final_capital <= D(23250)
    assert result.weeks_until_upper_limit == 52
    assert result.upper_limit_date == START + timedelta(weeks=52)


def test_a_year_beyond_the_newest_rates_file_never_fails():
    result = _project(rates=rates_for("2031-32"), start_date=date(2031, 6, 2))
    assert result.provisional
    assert any("2031-32" in a.text for a in result.assumptions)


def test_a_projection_past_the_calendar_is_refused():
    with pytest.raises(InputError) as error:
        _project(start_date=date(9990, 1, 1), years=30)
    assert error.value.field == "start_date"


# --- Rule 12: money in, money out --------------------------------------------------------------


def test_the_ledger_reconciles_to_the_penny():
    result = _project(
        capital=D("123456.78"),
        joint_savings=D("1000.01"),
        annual_interest_rate=D("0.031"),
        annual_cost_increase=D("0.045"),
        years=10,
        home=Home(value=D("187500.50"), sold_at_week=40, mortgage=D("1234.56")),
        income_changes=(IncomeChange(5, {"state_pension": D("221.20"), "earnings": D(10)}),),
    )
    ledger = result.ledger
    assert ledger.reconciles
    assert ledger.start_savings == D("123956.79")  # half the joint savings, rounded half up
    assert ledger.end_savings == result.final_capital


def test_capital_after_milestone_years_and_a_monthly_series():
    result = _project(years=10, personal_spending=D(0))
    assert set(result.capital_after_years) == {1, 3, 5, 10}
    assert result.capital_after_years[1] == D(100000) - 52 * D(1000)
    months = [(p.date.year, p.date.month) for p in result.series]
    assert len(months) == len(set(months))
    assert 119 <= len(months) <= 121
    assert result.series[0].capital == D(100000)


@pytest.mark.parametrize("start", [START, date(2024, 2, 29), date(2025, 12, 31)])
def test_a_point_for_each_whole_year_on_the_same_date_each_year(start):
    result = _project(start_date=start, years=10, personal_spending=D(0))
    yearly = result.yearly
    assert [point.week for point in yearly] == [WEEKS_A_YEAR * k for k in range(11)]
    for k, point in enumerate(yearly):
        # Every point is an anniversary of the start date (28 February for 29 February).
        assert (point.date.month, point.date.day) == (
            (2, 28)
            if (start.month, start.day) == (2, 29) and point.date.year % 4
            else (start.month, start.day)
        )
        assert point.date.year == start.year + k
        assert point.date == anniversary(start, k)
    assert yearly[0].capital == D(100000)
    # The capital after each 52 weeks, as the milestones give it.
    assert all(result.capital_after_years[k] == yearly[k].capital for k in (1, 3, 5, 10))
    assert yearly[-1].capital == result.final_capital


def test_an_income_change_from_a_given_week():
    plain = _project(personal_spending=D(0))
    result = _project(personal_spending=D(0), income_changes=(IncomeChange(10, D("410.40")),))
    # 10 weeks at £1,000 leave £90,000; then £889.60 a week: 76 more weeks to reach £23,250.
    assert result.weeks_until_upper_limit == 86
    assert plain.weeks_until_upper_limit == 77
