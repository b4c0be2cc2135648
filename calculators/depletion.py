"""How long savings last: a week-by-week model of a household paying for care.

Each week, from the start date:
1. Counted capital is the person's savings (with half of any joint savings) plus their home where
   it counts, at its value less 10% less any mortgage (regulation 23). A sale adds the same figure.
2. The home counts only in a care home after the first 12 weeks (Schedule 2, paragraph 2), unless
   a qualifying relative lives there (paragraph 4), it is under a deferred payment agreement or it
   has been sold. In extra care housing the person has moved out, so it counts unless a qualifying
   relative lives there or it is up for sale (ignored for up to 26 weeks: Schedule 2, paragraph 4,
   which brings in the Income Support disregard for premises being sold).
3. Who pays is decided afresh: over the upper limit the person pays the whole cost of care; at or
   below it the means test shares it (regulations 6, 7, 12 and 25).
4. Savings rise by income and interest and fall by what the person pays for care, housing, living
   costs, personal spending and disability-related expenditure.
A deferred payment agreement (Care and Support (Deferred Payment) Regulations 2014; statutory
guidance, Annex D and chapter 9) turns the council's share into a debt on the home; when the debt
reaches the equity limit the home is sold and the debt repaid from the proceeds.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from calculators.errors import InputError
from calculators.means_test import (
    CARE_BENEFIT_WEEKS,
    FOR_SALE_WEEKS,
    PROPERTY_DISREGARD_WEEKS,
    TARIFF_STEP,
    WINTER_FUEL_PAYMENT,
    IgnoredIncome,
    Income,
    assess_income,
    minimum_income_guarantee,
    net_home_value,
)
from calculators.money import PENNY, format_money, to_pennies
from calculators.person import YOU, Person
from calculators.rates import Figure, YearRates, deferred_interest_rates

WEEKS_A_YEAR = 52
MILESTONE_YEARS = (1, 3, 5, 10)
ONE_WEEK = timedelta(weeks=1)
ZERO = Decimal(0)


@dataclass(frozen=True)
class IncomeChange:
    """From this week on, the weekly income is this (a number, or amounts by kind)."""

    from_week: int
    weekly_income: Decimal | Mapping[str, Decimal]


@dataclass(frozen=True)
class Home:
    value: Decimal
    sold_at_week: int | None = None
    deferred: bool = False
    # None: the national maximum rate in force each week; an explicit rate (even 0) is used.
    deferred_interest_rate: Decimal | None = None
    deferred_setup_fee: Decimal = ZERO
    deferred_annual_fee: Decimal = ZERO
    mortgage: Decimal = ZERO
    occupied_by_qualifying_relative: bool = False


@dataclass(frozen=True)
class DepletionInput:
    capital: Decimal
    weekly_income: Decimal | Mapping[str, Decimal]
    weekly_cost: Decimal
    start_date: date
    annual_cost_increase: Decimal = ZERO
    annual_interest_rate: Decimal = ZERO
    years: int = 30
    setting: str = "care_home"
    income_changes: tuple[IncomeChange, ...] = ()
    home: Home | None = None
    joint_savings: Decimal = ZERO
    # Rent, service charge or mortgage at home or in extra care housing.
    housing_costs: Decimal = ZERO
    # Food and bills outside a care home; None: the minimum income guarantee.
    living_costs: Decimal | None = None
    # Spending money in a care home; None: the personal expenses allowance.
    personal_spending: Decimal | None = None
    disability_related_expenditure: Decimal = ZERO
    night_care: bool = False
    age_band: str = "pension_age"
    couple: bool = False
    premiums: tuple[str, ...] = ()
    partner_at_home: bool = False
    # Whom the explanation and assumptions speak of.
    person: Person = YOU


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

    start_savings: Decimal = ZERO
    income_received: Decimal = ZERO
    interest_earned: Decimal = ZERO
    home_sale_proceeds: Decimal = ZERO  # after repaying any deferred payment debt
    end_savings: Decimal = ZERO
    paid_for_care: Decimal = ZERO
    housing: Decimal = ZERO
    living: Decimal = ZERO
    personal_spending: Decimal = ZERO
    disability_related_expenditure: Decimal = ZERO
    # For information: money that did not pass through the person's savings.
    paid_by_council: Decimal = ZERO
    deferred: Decimal = ZERO
    deferred_interest_and_fees: Decimal = ZERO
    debt_repaid_from_sale: Decimal = ZERO
    unpaid: Decimal = ZERO  # costs savings and income could not meet

    @property
    def money_in(self) -> Decimal:
        return (
            self.start_savings
            + self.income_received
            + self.interest_earned
            + self.home_sale_proceeds
        )

    @property
    def money_out(self) -> Decimal:
        return (
            self.end_savings
            + self.paid_for_care
            + self.housing
            + self.living
            + self.personal_spending
            + self.disability_related_expenditure
        )

    @property
    def reconciles(self) -> bool:
        return self.money_in == self.money_out

    def as_dict(self) -> dict:
        return {
            "start_savings": self.start_savings,
            "income": self.income_received,
            "interest": self.interest_earned,
            "sale_proceeds": self.home_sale_proceeds,
            "end_savings": self.end_savings,
            "paid_for_care": self.paid_for_care,
            "housing": self.housing,
            "living": self.living,
            "personal_spending": self.personal_spending,
            "disability_related_expenditure": self.disability_related_expenditure,
            "paid_by_council": self.paid_by_council,
            "deferred": self.deferred,
            "deferred_interest_and_fees": self.deferred_interest_and_fees,
            "debt_repaid_from_sale": self.debt_repaid_from_sale,
            "unpaid": self.unpaid,
            "reconciles": self.reconciles,
        }


@dataclass(frozen=True)
class Outgoings:
    """One week's outgoings: the whole cost of care, whoever pays it, and the person's own."""

    care: Decimal
    housing: Decimal
    living: Decimal
    personal_spending: Decimal
    disability_related_expenditure: Decimal
    from_income: Decimal
    from_savings: Decimal
    from_council: Decimal
    deferred: Decimal

    @property
    def total(self) -> Decimal:
        return (
            self.care
            + self.housing
            + self.living
            + self.personal_spending
            + self.disability_related_expenditure
        )

    def as_dict(self) -> dict:
        return {
            "care": self.care,
            "housing": self.housing,
            "living": self.living,
            "personal_spending": self.personal_spending,
            "disability_related_expenditure": self.disability_related_expenditure,
            "total": self.total,
        }


@dataclass(frozen=True)
class Assumption:
    text: str
    source: str = ""

    def as_dict(self) -> dict:
        return {"text": self.text, "source": self.source}


@dataclass(frozen=True)
class DeferredPayment:
    debt: Decimal
    equity_limit: Decimal
    weeks_until_equity_limit: int | None
    sale_week: int | None
    deferred: Decimal
    interest_and_fees: Decimal
    debt_repaid_from_sale: Decimal
    interest_rate_source: str

    def as_dict(self) -> dict:
        return {
            "debt": self.debt,
            "equity_limit": self.equity_limit,
            "weeks_until_equity_limit": self.weeks_until_equity_limit,
            "sale_week": self.sale_week,
            "deferred": self.deferred,
            "interest_and_fees": self.interest_and_fees,
            "debt_repaid_from_sale": self.debt_repaid_from_sale,
            "interest_rate_source": self.interest_rate_source,
        }


@dataclass(frozen=True)
class DepletionResult:
    year: str
    weeks_until_upper_limit: int | None
    upper_limit_date: date | None
    ask_council_by: date | None
    ask_council_now: bool
    # The first week the council would pay (or defer) part of the cost, which can come before
    # its help is needed for good (in the home's first 12 weeks, or savings dipping to the limit).
    council_help_from_week: int | None
    # When to ask, so that the council's help is there from the first week it is needed at all.
    ask_council_first_by: date | None
    ask_council_first_now: bool
    total_paid_until_upper_limit: Decimal
    weekly_contribution_after_limit: Decimal | None
    council_weekly_contribution_after_limit: Decimal | None
    capital_after_years: dict[int, Decimal]
    final_capital: Decimal
    deferred_payment: DeferredPayment | None
    home_counted_value: Decimal | None
    home_sold_at_week: int | None
    council_funding_weeks: int
    self_funding_weeks: int
    first_week: Outgoings
    income_counted: Decimal
    income_ignored: tuple[IgnoredIncome, ...]
    ledger: Ledger
    # The first week in each month.
    series: list[Point]
    # The start and each whole year after it, on the same date each year (see project()).
    yearly: list[Point]
    figures_used: list[Figure]
    assumptions: list[Assumption]
    explanation: list[str] = field(default_factory=list)
    # Each week's counted capital and what the council paid, for checking the rules.
    counted_by_week: list[Decimal] = field(default_factory=list)
    council_by_week: list[Decimal] = field(default_factory=list)

    @property
    def provisional(self) -> bool:
        return any(figure.provisional for figure in self.figures_used)


def equity_limit(value: Decimal, mortgage: Decimal, rates: YearRates) -> Decimal:
    """The most a deferred payment agreement can secure on a home: its value less 10% less the
    lower capital limit less any mortgage (statutory guidance, Annex D, paragraph 9.50 onwards)."""
    return max(ZERO, net_home_value(value, mortgage) - rates.value("lower_capital_limit"))


def _income_by_kind(income: Decimal | Mapping[str, Decimal]) -> Mapping[str, Decimal]:
    return income if isinstance(income, Mapping) else {"other": income}


def anniversary(start: date, years: int) -> date:
    """The same day and month, so many years on; 29 February falls on the 28th in other years."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def _weekly_deferred_rates(start: date, weeks: int, given: Decimal | None) -> list[Decimal]:
    """The weekly interest rate on a deferred payment debt in each week of the projection."""
    if given is not None:
        return [given / WEEKS_A_YEAR] * weeks
    table = deferred_interest_rates()
    rates = [table[0].rate / WEEKS_A_YEAR] * weeks
    for item in table:
        # From the first week starting on or after the day the rate came into force.
        first = -((start - item.starts).days // 7) if item.starts > start else 0
        if first < weeks:
            rates[first:] = [item.rate / WEEKS_A_YEAR] * (weeks - first)
    return rates


def project(rates: YearRates, answers: DepletionInput) -> DepletionResult:
    setting = answers.setting
    in_care_home = setting == "care_home"
    weeks = answers.years * WEEKS_A_YEAR
    try:
        answers.start_date + timedelta(weeks=weeks)
    except OverflowError:
        raise InputError(
            "The projection would run past the year 9999: choose an earlier start date or fewer "
            "years",
            "start_date",
        ) from None
    upper = rates.figure("upper_capital_limit")
    lower = rates.figure("lower_capital_limit")
    pea = rates.figure("personal_expenses_allowance")
    mig = minimum_income_guarantee(
        rates, age_band=answers.age_band, couple=answers.couple, premiums=answers.premiums
    )
    lead = rates.figure("ask_council_lead_weeks")
    figures = [upper, lower, pea if in_care_home else mig, lead]

    # What is spent each week besides care, fixed for the whole projection.
    housing = ZERO if in_care_home else to_pennies(answers.housing_costs)
    dre = ZERO if in_care_home else to_pennies(answers.disability_related_expenditure)
    living = ZERO
    spending = ZERO
    if in_care_home:
        spending = pea.value if answers.personal_spending is None else answers.personal_spending
        spending = to_pennies(spending)
    else:
        living = mig.value if answers.living_costs is None else to_pennies(answers.living_costs)
    # The means test lets the person keep this much of their income each week.
    allowance = pea.value if in_care_home else mig.value + housing + dre
    cost_by_year = [
        to_pennies(answers.weekly_cost * (1 + answers.annual_cost_increase) ** year)
        for year in range(answers.years)
    ]
    weekly_rate = answers.annual_interest_rate / WEEKS_A_YEAR

    # Each income the person may have, assessed once: with and without care benefits.
    def assessed(income: Decimal | Mapping[str, Decimal]) -> tuple[Income, Income]:
        by_kind = _income_by_kind(income)
        common = {
            "setting": setting,
            "night_care": answers.night_care,
            "couple": answers.couple,
            "partner_at_home": answers.partner_at_home,
        }
        return (
            assess_income(rates, by_kind, care_benefits_paid=True, **common),
            assess_income(rates, by_kind, care_benefits_paid=False, **common),
        )

    changes = sorted(answers.income_changes, key=lambda change: change.from_week)
    incomes = [assessed(answers.weekly_income)] + [assessed(c.weekly_income) for c in changes]
    change_weeks = [change.from_week for change in changes]

    home = answers.home
    relative = bool(home and (home.occupied_by_qualifying_relative or answers.partner_at_home))
    net_value = net_home_value(home.value, home.mortgage) if home else ZERO
    deferring = bool(home and home.deferred and in_care_home and not relative)
    limit_of_equity = equity_limit(home.value, home.mortgage, rates) if deferring else None
    deferred_rates = (
        _weekly_deferred_rates(answers.start_date, weeks, home.deferred_interest_rate)
        if deferring
        else None
    )
    sale_week = home.sold_at_week if home else None

    # Plain locals: this loop runs 520 times for a 10-year projection.
    upper_limit = upper.value
    lower_limit = lower.value
    savings = to_pennies(answers.capital + answers.joint_savings / 2)
    start_savings = savings
    debt = ZERO
    sold = False
    sold_at: int | None = None
    forced_sale = False
    equity_week: int | None = None
    deferral_weeks = 0
    funded_run = 0
    last_over: int | None = None
    first_help: int | None = None
    income_index = 0
    income_pair = incomes[0]
    first_week: Outgoings | None = None
    contributions: list[tuple[Decimal, Decimal]] = []
    care_paid_by_week: list[Decimal] = []
    counted_by_week: list[Decimal] = []
    council_by_week: list[Decimal] = []
    series: list[Point] = []
    last_month = None
    council_weeks = self_weeks = 0
    income_total = interest_total = sale_total = care_total = ZERO
    housing_total = living_total = spending_total = dre_total = ZERO
    council_total = deferred_total = growth_total = repaid_total = unpaid_total = ZERO

    today = answers.start_date
    yearly = [Point(0, today, savings, debt, ZERO, ZERO)]
    for week in range(weeks):
        if (today.year, today.month) != last_month:
            series.append(Point(week, today, savings, debt, care_total, council_total))
            last_month = (today.year, today.month)
        today += ONE_WEEK
        while income_index < len(change_weeks) and change_weeks[income_index] <= week:
            income_index += 1
            income_pair = incomes[income_index]

        # The home is sold at the start of the week: the proceeds, less any debt, join savings.
        if home and not sold and (week == sale_week or forced_sale):
            # Anything owed beyond the proceeds stays owed (from the estate), never from savings.
            repaid = debt if debt < net_value else net_value
            savings += net_value - repaid
            sale_total += net_value - repaid
            repaid_total += repaid
            debt -= repaid
            sold = True
            sold_at = week

        under_agreement = deferring and not sold and week >= PROPERTY_DISREGARD_WEEKS
        home_counts = False
        if home and not sold and not relative:
            if in_care_home:
                home_counts = week >= PROPERTY_DISREGARD_WEEKS and not under_agreement
            elif setting == "extra_care":
                home_counts = sale_week is None or week >= FOR_SALE_WEEKS
        counted = savings + net_value if home_counts else savings

        cost = cost_by_year[week // WEEKS_A_YEAR]
        income = income_pair[0]
        council = deferred = ZERO
        if counted > upper_limit:
            last_over = week
            self_weeks += 1
            person = cost
            funded_run = 0
        else:
            # Tariff income, as calculators.means_test.tariff_income, inlined for speed.
            tariff = (
                (
                    ((counted if counted < upper_limit else upper_limit) - lower_limit)
                    / TARIFF_STEP
                ).to_integral_value(rounding=ROUND_CEILING)
                if counted > lower_limit
                else ZERO
            )
            spare = income.counted + tariff - allowance
            person = ZERO if spare <= 0 else (cost if spare > cost else spare)
            share = cost - person
            if under_agreement:
                deferred = share
                # Deferring is paying for yourself: care benefits are paid again, and the next
                # council-funded stay (after the sale) gets its own first 4 weeks.
                funded_run = 0
            elif share:
                council = share
                if in_care_home:
                    funded_run += 1
                    # Care benefits stop after the first 4 weeks of a council-funded stay.
                    if funded_run > CARE_BENEFIT_WEEKS:
                        income = income_pair[1]
                        spare = income.counted + tariff - allowance
                        person = ZERO if spare <= 0 else (cost if spare > cost else spare)
                        council = cost - person
            else:
                funded_run = 0

        interest = (
            (savings * weekly_rate).quantize(PENNY, ROUND_HALF_UP)
            if weekly_rate and savings > 0
            else ZERO
        )
        available = savings + income.received + interest
        spend = person + housing + living + spending + dre
        paid_care = person
        week_housing, week_living, week_spending, week_dre = housing, living, spending, dre
        if spend > available:
            # Savings cannot go below nothing: what cannot be paid is shown as unpaid, taken
            # first from care, then living costs, spending, disability costs and housing.
            unpaid_total += spend - available
            paid_care, week_living, week_spending, week_dre, week_housing = _pay_what_you_can(
                available, (paid_care, week_living, week_spending, week_dre, week_housing)
            )
            spend = available
        savings = available - spend
        income_total += income.received
        interest_total += interest
        care_total += paid_care
        housing_total += week_housing
        living_total += week_living
        spending_total += week_spending
        dre_total += week_dre
        council_total += council
        if council:
            council_weeks += 1
        if first_help is None and (council or deferred):
            first_help = week
        care_paid_by_week.append(paid_care)
        counted_by_week.append(counted)
        council_by_week.append(council)
        contributions.append((person, council + deferred))

        if under_agreement:
            deferral_weeks += 1
            fees = (home.deferred_setup_fee if deferral_weeks == 1 else ZERO) + (
                home.deferred_annual_fee if deferral_weeks % WEEKS_A_YEAR == 1 else ZERO
            )
            growth = (
                (debt * deferred_rates[week]).quantize(PENNY, ROUND_HALF_UP) if debt else ZERO
            ) + fees
            debt += growth + deferred
            growth_total += growth
            deferred_total += deferred
            if equity_week is None and debt and debt >= limit_of_equity:
                # The week the debt reaches the equity limit, the home is sold.
                equity_week = week + 1
                forced_sale = True

        if first_week is None:
            paid = paid_care + week_housing + week_living + week_spending + week_dre
            from_income = min(paid, income.received)
            first_week = Outgoings(
                care=cost,
                housing=housing,
                living=living,
                personal_spending=spending,
                disability_related_expenditure=dre,
                from_income=from_income,
                from_savings=paid - from_income,
                from_council=council,
                deferred=deferred,
            )
        if (week + 1) % WEEKS_A_YEAR == 0:
            # Year k's point is the capital after 52k weeks, the model's year (fees rise every 52
            # weeks), dated the k-th anniversary of the start date so the points fall on the same
            # date each year; a 52-week year is a day or two shorter than the calendar's.
            year = (week + 1) // WEEKS_A_YEAR
            day = anniversary(answers.start_date, year)
            yearly.append(Point(week + 1, day, savings, debt, care_total, council_total))

    ledger = Ledger(
        start_savings=start_savings,
        income_received=income_total,
        interest_earned=interest_total,
        home_sale_proceeds=sale_total,
        end_savings=savings,
        paid_for_care=care_total,
        housing=housing_total,
        living=living_total,
        personal_spending=spending_total,
        disability_related_expenditure=dre_total,
        paid_by_council=council_total,
        deferred=deferred_total,
        deferred_interest_and_fees=growth_total,
        debt_repaid_from_sale=repaid_total,
        unpaid=unpaid_total,
    )
    # The first week from which counted capital stays at or below the limit to the end, where
    # the end is the capital left after the last week: over the limit there, it is never reached.
    end_counted = savings + net_value if home_counts else savings
    if end_counted > upper_limit:
        reached: int | None = None
    elif last_over is None:
        reached = 0
    else:
        reached = last_over + 1
    limit_date = answers.start_date + timedelta(weeks=reached) if reached is not None else None
    ask_by, ask_now = _ask_council(answers.start_date, reached, lead)
    first_needed = min((w for w in (first_help, reached) if w is not None), default=None)
    ask_first_by, ask_first_now = _ask_council(answers.start_date, first_needed, lead)
    paid_until_limit = sum(care_paid_by_week[: weeks if reached is None else reached], ZERO)
    after = contributions[reached] if reached is not None and reached < weeks else None
    deferred_payment = None
    if deferring:
        deferred_payment = DeferredPayment(
            debt=debt,
            equity_limit=limit_of_equity,
            weeks_until_equity_limit=equity_week,
            sale_week=sold_at if equity_week is not None else None,
            deferred=deferred_total,
            interest_and_fees=growth_total,
            debt_repaid_from_sale=repaid_total,
            interest_rate_source=_deferred_rate_source(home, answers.start_date, weeks),
        )
    assumptions = _assumptions(rates, answers, mig, pea, lead, deferred_payment)
    return DepletionResult(
        year=rates.year,
        weeks_until_upper_limit=reached,
        upper_limit_date=limit_date,
        ask_council_by=ask_by,
        ask_council_now=ask_now,
        council_help_from_week=first_help,
        ask_council_first_by=ask_first_by,
        ask_council_first_now=ask_first_now,
        total_paid_until_upper_limit=paid_until_limit,
        weekly_contribution_after_limit=after[0] if after else None,
        council_weekly_contribution_after_limit=after[1] if after else None,
        capital_after_years={
            year: yearly[year].capital for year in MILESTONE_YEARS if year < len(yearly)
        },
        final_capital=savings,
        deferred_payment=deferred_payment,
        home_counted_value=net_value if home else None,
        home_sold_at_week=sold_at,
        council_funding_weeks=council_weeks,
        self_funding_weeks=self_weeks,
        first_week=first_week,
        income_counted=incomes[0][0].counted,
        income_ignored=incomes[0][0].ignored,
        ledger=ledger,
        series=series,
        yearly=yearly,
        figures_used=figures,
        assumptions=assumptions,
        explanation=_explain(answers, reached, limit_date, ask_by, ask_now, paid_until_limit, upper)
        + _explain_early_help(answers, first_help, reached, ask_first_by, ask_first_now)
        + _explain_home(answers, net_value, sold_at, deferred_payment),
        counted_by_week=counted_by_week,
        council_by_week=council_by_week,
    )


def _pay_what_you_can(available: Decimal, costs: tuple[Decimal, ...]) -> tuple[Decimal, ...]:
    """Each cost as far as the money goes, the first cost left unpaid first."""
    short = sum(costs, ZERO) - available
    paid = []
    for cost in costs:
        cut = min(short, cost)
        paid.append(cost - cut)
        short -= cut
    return tuple(paid)


def _deferred_rate_source(home: Home, start: date, weeks: int) -> str:
    if home.deferred_interest_rate is not None:
        return "The interest rate given."
    source = (
        "The national maximum interest rate in force each week (Care and Support (Deferred "
        "Payment) Regulations 2014, regulation 9; statutory guidance, paragraph 9.67)."
    )
    # Each rate lasts for its half year (regulation 9(5)); past the newest one we hold, say so
    # rather than pass the carried rate off as published.
    newest = deferred_interest_rates()[-1]
    ends = (
        date(newest.starts.year, 7, 1)
        if newest.starts.month < 7
        else date(newest.starts.year + 1, 1, 1)
    )
    if start + timedelta(weeks=weeks) > ends:
        source += (
            f" We hold no published rate from {_day(ends)}, so {_percent(newest.rate)} a year, "
            f"the rate from {_day(newest.starts)}, is used after that."
        )
    return source


def _assumptions(
    rates: YearRates,
    answers: DepletionInput,
    mig: Figure,
    pea: Figure,
    lead: Figure,
    deferred_payment: DeferredPayment | None,
) -> list[Assumption]:
    person = answers.person
    found = []
    if answers.setting == "care_home":
        if answers.personal_spending is None:
            found.append(
                Assumption(
                    f"{person.You} spend the personal expenses allowance, "
                    f"{format_money(pea.value)} a week, on {person.yourself}, paying for "
                    f"{person.yourself} or not.",
                    pea.source,
                )
            )
    elif answers.living_costs is None:
        found.append(
            Assumption(
                f"Food, bills and other living costs are {format_money(mig.value)} a week: the "
                f"minimum income guarantee for {person.your} circumstances, unless {person.your} "
                "own figure is given.",
                mig.source,
            )
        )
    rise = answers.annual_cost_increase
    found.append(
        Assumption(
            f"Care fees rise by {_percent(rise)} a year, every 52 weeks from the start date"
            if rise
            else "Care fees stay the same; in practice they usually rise each year"
        )
    )
    found.append(
        Assumption(
            f"Savings earn {_percent(answers.annual_interest_rate)} a year in interest"
            if answers.annual_interest_rate
            else "Savings earn no interest"
        )
    )
    found.append(
        Assumption(
            f"The {rates.year} figures are used for the whole projection; housing, living "
            "costs and personal spending stay as given." + (f" {rates.note}" if rates.note else "")
        )
    )
    found.append(
        Assumption(
            f"Ask the council {int(lead.value)} weeks before its help is needed for good.",
            lead.source,
        )
    )
    found.append(Assumption(WINTER_FUEL_PAYMENT))
    if deferred_payment is not None:
        found.append(
            Assumption("Deferred payment interest: " + deferred_payment.interest_rate_source)
        )
    return found


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def _explain_home(
    answers: DepletionInput,
    net_value: Decimal,
    sold_at: int | None,
    deferred_payment: DeferredPayment | None,
) -> list[str]:
    home = answers.home
    if home is None:
        return []
    sentences = []
    if deferred_payment is not None:
        sentences.append(
            "With a deferred payment agreement the home is kept from the end of the first "
            f"{PROPERTY_DISREGARD_WEEKS} weeks, and the council's share of the cost is owed from "
            f"its value: {format_money(deferred_payment.deferred)} deferred, plus "
            f"{format_money(deferred_payment.interest_and_fees)} of interest and fees."
        )
        if deferred_payment.weeks_until_equity_limit is not None:
            sentences.append(
                f"After {deferred_payment.weeks_until_equity_limit} weeks the amount owed would "
                f"reach the most the home can secure, {format_money(deferred_payment.equity_limit)}"
                ", so the home would be sold: the "
                f"{format_money(deferred_payment.debt_repaid_from_sale)} owed is repaid from the "
                f"sale and the rest joins {answers.person.your} savings."
            )
        else:
            sentences.append(
                f"By the end of these years {format_money(deferred_payment.debt)} would be owed."
            )
    elif sold_at is not None:
        sentences.append(
            f"The home is sold in week {sold_at}, adding {format_money(net_value)} to savings: "
            "its value less 10% for the cost of selling it, less anything secured on it."
        )
    return sentences


def _explain(
    answers: DepletionInput,
    reached: int | None,
    limit_date: date | None,
    ask_by: date | None,
    ask_now: bool,
    paid: Decimal,
    upper: Figure,
) -> list[str]:
    limit = format_money(upper.value, pence=False)
    person = answers.person
    if reached == 0:
        return [
            f"{person.Your} capital is already {limit} or less, so the council should share the "
            f"cost of {person.your} care now. Ask it for a needs assessment and a financial "
            "assessment."
        ]
    if reached is None:
        return [
            f"On these figures {person.your} capital is still above {limit} at the end of the "
            f"{answers.years} years we projected, so {person.you} would pay the full cost of care "
            "then."
        ]
    when = "now" if ask_now else f"by {_day(ask_by)}"
    return [
        f"{person.Your} capital would stay at {limit} or less from week {reached}, the week of "
        f"{_day(limit_date)}. Until then {person.you} would pay {format_money(paid)} for care.",
        f"Ask the council for an assessment {when}: its help runs only from the date it is "
        "asked, and an assessment takes time.",
        f"After that the council shares the cost. {person.You} keep an allowance each week and "
        f"pay a contribution from {person.your} income and from the tariff income on "
        f"{person.your} remaining capital.",
    ]


def _ask_council(start: date, week: int | None, lead: Figure) -> tuple[date | None, bool]:
    """When to ask the council, for its help to be there from `week`: the lead time before it
    (council help runs only from the date it is asked), or now when that is already past."""
    if week is None:
        return None, False
    if week - int(lead.value) <= 0:
        return start, True
    return start + timedelta(weeks=week - int(lead.value)), False


def _explain_early_help(
    answers: DepletionInput,
    first_help: int | None,
    reached: int | None,
    ask_by: date | None,
    ask_now: bool,
) -> list[str]:
    if first_help is None or (reached is not None and first_help >= reached):
        return []
    when = "now" if ask_now else f"by {_day(ask_by)}"
    before = "before then" if reached is not None else "along the way"
    return [
        f"The council would pay part of the cost in some weeks {before}, from week "
        f"{first_help}, the week of {_day(answers.start_date + timedelta(weeks=first_help))}. "
        f"To have its help in those weeks, ask it for an assessment {when}."
    ]


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"
