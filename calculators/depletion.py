"""How long savings last: a week-by-week projection of capital paying for care.

While capital is over the upper limit the person pays the whole cost. From the first week it is at
or below the limit the council shares the cost under the means test, and the person's capital then
falls only by the tariff income it is assumed to pay. A home can be sold at a given week (its
proceeds join the capital) or kept under a deferred payment agreement (the council pays what the
person cannot, as a debt secured on the home that earns compound interest and fees).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from calculators.means_test import (
    SELLING_COSTS,
    allowance_for,
    tariff_income,
    weekly_contribution,
)
from calculators.money import format_money, to_pennies
from calculators.rates import Figure, YearRates

WEEKS_A_YEAR = 52
# Council funding runs only from the date the person asks, and an assessment takes time.
ASK_COUNCIL_WEEKS_BEFORE = 26
MILESTONE_YEARS = (1, 3, 5, 10)
ONE_WEEK = timedelta(weeks=1)
ZERO = Decimal(0)


@dataclass(frozen=True)
class IncomeChange:
    from_week: int
    weekly_income: Decimal


@dataclass(frozen=True)
class Home:
    value: Decimal
    sold_at_week: int | None = None
    deferred: bool = False
    deferred_interest_rate: Decimal = Decimal(0)
    deferred_setup_fee: Decimal = Decimal(0)
    deferred_annual_fee: Decimal = Decimal(0)


@dataclass(frozen=True)
class DepletionInput:
    capital: Decimal
    weekly_income: Decimal
    weekly_cost: Decimal
    start_date: date
    annual_cost_increase: Decimal = Decimal(0)
    annual_interest_rate: Decimal = Decimal(0)
    years: int = 30
    setting: str = "care_home"
    income_changes: tuple[IncomeChange, ...] = ()
    home: Home | None = None


@dataclass(frozen=True)
class Point:
    week: int
    date: date
    capital: Decimal
    deferred_debt: Decimal
    paid_by_person: Decimal
    paid_by_council: Decimal


@dataclass
class Ledger:
    """Every pound that moved, so the projection can be checked to the penny."""

    interest_earned: Decimal = Decimal(0)
    income_received: Decimal = Decimal(0)
    home_sale_proceeds: Decimal = Decimal(0)
    paid_by_person: Decimal = Decimal(0)
    paid_by_council: Decimal = Decimal(0)
    kept_for_personal_spending: Decimal = Decimal(0)
    deferred_interest_and_fees: Decimal = Decimal(0)


@dataclass(frozen=True)
class DepletionResult:
    year: str
    weeks_until_upper_limit: int | None
    upper_limit_date: date | None
    ask_council_by: date | None
    total_paid_until_upper_limit: Decimal
    weekly_contribution_after_limit: Decimal | None
    council_weekly_contribution_after_limit: Decimal | None
    capital_after_years: dict[int, Decimal]
    final_capital: Decimal
    deferred_debt: Decimal
    equity_limit: Decimal | None
    weeks_until_equity_limit: int | None
    ledger: Ledger
    series: list[Point]
    figures_used: list[Figure]
    explanation: list[str] = field(default_factory=list)

    @property
    def provisional(self) -> bool:
        return any(figure.provisional for figure in self.figures_used)


def project(rates: YearRates, answers: DepletionInput) -> DepletionResult:
    upper = rates.figure("upper_capital_limit")
    lower = rates.figure("lower_capital_limit")
    allowance = allowance_for(rates, answers.setting)
    weeks = answers.years * WEEKS_A_YEAR
    weekly_rate = answers.annual_interest_rate / WEEKS_A_YEAR
    cost_by_year = [
        to_pennies(answers.weekly_cost * (1 + answers.annual_cost_increase) ** year)
        for year in range(answers.years)
    ]
    income_from = sorted(answers.income_changes, key=lambda change: change.from_week)
    home = answers.home
    deferring = bool(home and home.deferred and home.sold_at_week is None)
    equity_limit = (
        max(Decimal(0), to_pennies(home.value * (1 - SELLING_COSTS)) - lower.value)
        if deferring
        else None
    )

    # Plain locals: this loop runs 1,560 times for a 30-year projection.
    upper_limit = upper.value
    lower_limit = lower.value
    kept_allowance = allowance.value
    capital = answers.capital
    debt = Decimal(0)
    reached: int | None = 0 if capital <= upper_limit else None
    paid_until_limit = Decimal(0)
    contribution_at_limit: tuple[Decimal, Decimal] | None = None
    equity_week: int | None = None
    deferral_weeks = 0
    capital_after: dict[int, Decimal] = {}
    series: list[Point] = []
    last_month = None

    today = answers.start_date
    next_change = 0
    income = answers.weekly_income
    # Running totals as plain locals (the ledger is filled in at the end): quicker in the loop.
    interest_earned = income_received = sale_proceeds = ZERO
    paid_by_person = paid_by_council = kept_total = deferred_growth = ZERO
    weekly_deferred_rate = home.deferred_interest_rate / WEEKS_A_YEAR if deferring else ZERO
    for week in range(weeks):
        if (today.year, today.month) != last_month:
            series.append(Point(week, today, capital, debt, paid_by_person, paid_by_council))
            last_month = (today.year, today.month)
        today += ONE_WEEK
        if home and home.sold_at_week == week:
            capital += home.value
            sale_proceeds += home.value
        while next_change < len(income_from) and income_from[next_change].from_week <= week:
            income = income_from[next_change].weekly_income
            next_change += 1
        cost = cost_by_year[week // WEEKS_A_YEAR]
        # The means test looks at capital as it stands at the start of the week.
        tariff = (
            tariff_income(capital, rates) if reached is not None and capital > lower_limit else ZERO
        )
        interest = to_pennies(capital * weekly_rate) if weekly_rate else ZERO
        capital += interest + income
        interest_earned += interest
        income_received += income

        if reached is None:
            # A self-funder pays the whole cost, from income first and then capital.
            paid = cost if cost < capital else capital
            capital -= paid
            paid_by_person += paid
            paid_until_limit += paid
            council = cost - paid
            if capital <= upper_limit:
                reached = week + 1
        else:
            person = weekly_contribution(income + tariff, kept_allowance, cost)
            council = cost - person
            if contribution_at_limit is None:
                contribution_at_limit = (person, council)
            # The person keeps their allowance out of income for personal spending; what they
            # pay beyond the rest of their income comes off capital.
            kept = income if income < kept_allowance else kept_allowance
            capital -= person + kept
            paid_by_person += person
            kept_total += kept
            if deferring:
                deferral_weeks += 1
                fees = (home.deferred_setup_fee if deferral_weeks == 1 else ZERO) + (
                    home.deferred_annual_fee if deferral_weeks % WEEKS_A_YEAR == 1 else ZERO
                )
                growth = (to_pennies(debt * weekly_deferred_rate) if debt else ZERO) + fees
                debt += growth + council
                deferred_growth += growth
                if equity_week is None and debt >= equity_limit:
                    equity_week = week + 1
        paid_by_council += council
        if (week + 1) % WEEKS_A_YEAR == 0 and (week + 1) // WEEKS_A_YEAR in MILESTONE_YEARS:
            capital_after[(week + 1) // WEEKS_A_YEAR] = capital

    ledger = Ledger(
        interest_earned=interest_earned,
        income_received=income_received,
        home_sale_proceeds=sale_proceeds,
        paid_by_person=paid_by_person,
        paid_by_council=paid_by_council,
        kept_for_personal_spending=kept_total,
        deferred_interest_and_fees=deferred_growth,
    )
    limit_date = answers.start_date + timedelta(weeks=reached) if reached is not None else None
    ask_by = (
        max(answers.start_date, limit_date - timedelta(weeks=ASK_COUNCIL_WEEKS_BEFORE))
        if limit_date
        else None
    )
    figures = [upper, lower, allowance]
    return DepletionResult(
        year=rates.year,
        weeks_until_upper_limit=reached,
        upper_limit_date=limit_date,
        ask_council_by=ask_by,
        total_paid_until_upper_limit=paid_until_limit,
        weekly_contribution_after_limit=contribution_at_limit[0] if contribution_at_limit else None,
        council_weekly_contribution_after_limit=(
            contribution_at_limit[1] if contribution_at_limit else None
        ),
        capital_after_years=capital_after,
        final_capital=capital,
        deferred_debt=debt,
        equity_limit=equity_limit,
        weeks_until_equity_limit=equity_week,
        ledger=ledger,
        series=series,
        figures_used=figures,
        explanation=_explain(answers, reached, limit_date, ask_by, paid_until_limit, upper.value)
        + _explain_deferral(home if deferring else None, debt, equity_week),
    )


def _explain_deferral(home: Home | None, debt: Decimal, equity_week: int | None) -> list[str]:
    if home is None:
        return []
    sentences = [
        f"With a deferred payment agreement the home is kept, and {format_money(debt)} would be "
        "owed from its value by the end of these years."
    ]
    if not home.deferred_interest_rate and not home.deferred_setup_fee:
        sentences.append(
            "That figure has no interest or fees added: the council sets both, so ask it for "
            "its current rate."
        )
    if equity_week is not None:
        sentences.append(
            f"After {equity_week} weeks the amount owed would reach the most the home can "
            "secure, and the home would need to be sold."
        )
    return sentences


def _explain(
    answers: DepletionInput,
    reached: int | None,
    limit_date: date | None,
    ask_by: date | None,
    paid: Decimal,
    upper: Decimal,
) -> list[str]:
    limit = format_money(upper, pence=False)
    if reached == 0:
        return [
            f"Your capital is already {limit} or less, so the council should share the cost of "
            "your care now. Ask it for a needs assessment and a financial assessment."
        ]
    if reached is None:
        return [
            f"On these figures your capital stays above {limit} for the {answers.years} years "
            "we projected, so you would pay the full cost throughout."
        ]
    return [
        f"Your capital would fall to {limit} after {reached} weeks, in the week of "
        f"{_day(limit_date)}. By then you would have paid {format_money(paid)} for care.",
        f"Ask the council for an assessment by {_day(ask_by)}: its help runs only from the date "
        "you ask, and an assessment takes time.",
        "After that the council shares the cost. You keep an allowance each week for personal "
        "spending and pay a contribution from your income and from the tariff income on your "
        "remaining capital.",
    ]


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"
