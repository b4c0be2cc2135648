"""The financial assessment under the Care Act 2014 charging rules (England).

Sources: Care and Support (Charging and Assessment of Resources) Regulations 2014 and the Care and
Support Statutory Guidance, annexes B (capital), C (income) and E (deferred payments).
"""

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from calculators.money import format_money, to_pennies
from calculators.rates import Figure, YearRates

SETTINGS = ("care_home", "home")
# The main home is ignored for the first 12 weeks of a permanent care home stay (Schedule 2).
PROPERTY_DISREGARD_WEEKS = 12
# Capital between the limits counts as £1 a week for each £250 or part of £250 (regulation 25).
TARIFF_STEP = Decimal(250)
# Capital is valued less 10% where selling it would cost money (regulation 23).
SELLING_COSTS = Decimal("0.10")

COUNTED_INCOME = (
    "state_pension",
    "private_pension",
    "attendance_allowance",
    "pip_daily_living",
    "pension_credit",
    "other",
)
# The mobility parts of PIP and DLA are always ignored (Schedule 1).
IGNORED_INCOME = ("pip_mobility", "dla_mobility")
INCOME_KINDS = COUNTED_INCOME + IGNORED_INCOME


@dataclass(frozen=True)
class MeansTestInput:
    setting: str
    capital: Decimal
    weekly_cost: Decimal
    weekly_income: dict[str, Decimal] = field(default_factory=dict)
    property_value: Decimal = Decimal(0)
    property_debts: Decimal = Decimal(0)
    property_occupied_by_qualifying_relative: bool = False
    weeks_since_admission: int = 0
    housing_costs: Decimal = Decimal(0)
    disability_related_expenditure: Decimal = Decimal(0)
    personal_expenses_allowance: Decimal | None = None
    minimum_income_guarantee: Decimal | None = None


@dataclass(frozen=True)
class MeansTestResult:
    year: str
    counted_capital: Decimal
    property_counted: Decimal
    tariff_income: Decimal
    self_funder: bool
    income_counted: Decimal
    income_ignored: Decimal
    assessed_income: Decimal
    allowance: Decimal
    weekly_contribution: Decimal
    council_weekly_contribution: Decimal
    figures_used: list[Figure]
    explanation: list[str]

    @property
    def provisional(self) -> bool:
        return any(figure.provisional for figure in self.figures_used)


def tariff_income(capital: Decimal, rates: YearRates) -> Decimal:
    """£1 a week for every £250, or part of £250, above the lower limit, up to the upper limit."""
    lower = rates.value("lower_capital_limit")
    upper = rates.value("upper_capital_limit")
    if capital <= lower:
        return Decimal(0)
    return ((min(capital, upper) - lower) / TARIFF_STEP).to_integral_value(rounding=ROUND_CEILING)


def weekly_contribution(assessed_income: Decimal, allowance: Decimal, cost: Decimal) -> Decimal:
    """What the person pays: assessed income less what they keep, from 0 up to the cost."""
    return min(cost, max(Decimal(0), assessed_income - allowance))


def allowance_for(rates: YearRates, setting: str) -> Figure:
    """What a person keeps each week: personal expenses allowance or minimum income guarantee."""
    key = "personal_expenses_allowance" if setting == "care_home" else "minimum_income_guarantee"
    return rates.figure(key)


def property_counted(answers: MeansTestInput, rates: YearRates) -> tuple[Decimal, str]:
    """The value of the main home that counts as capital, and the sentence that says why."""
    if not answers.property_value:
        return Decimal(0), ""
    if answers.setting == "home":
        return Decimal(0), "Your home is not counted, because you would get your care at home."
    if answers.property_occupied_by_qualifying_relative:
        return Decimal(0), (
            "Your home is not counted, because a partner, a relative aged 60 or over, an "
            "incapacitated relative or a child under 18 still lives there."
        )
    upper = rates.value("upper_capital_limit")
    if answers.weeks_since_admission < PROPERTY_DISREGARD_WEEKS and answers.capital < upper:
        return Decimal(0), (
            f"Your home is not counted for the first {PROPERTY_DISREGARD_WEEKS} weeks of a "
            f"permanent stay, because your other capital is under {format_money(upper)}. "
            "After that it counts, unless you sell it or the council agrees to defer payment."
        )
    net = max(
        Decimal(0),
        to_pennies(answers.property_value * (1 - SELLING_COSTS) - answers.property_debts),
    )
    debts = (
        f" and the {format_money(answers.property_debts)} secured on it"
        if answers.property_debts
        else ""
    )
    return net, (
        f"Your home counts as capital of {format_money(net)}: its value of "
        f"{format_money(answers.property_value)} less 10% for the cost of selling it{debts}."
    )


def means_test(rates: YearRates, answers: MeansTestInput) -> MeansTestResult:
    lower = rates.figure("lower_capital_limit")
    upper = rates.figure("upper_capital_limit")
    figures = [upper, lower]
    explanation = [
        f"Your savings and investments of {format_money(answers.capital)} count as capital."
    ]

    home_value, home_sentence = property_counted(answers, rates)
    if home_sentence:
        explanation.append(home_sentence)
    capital = answers.capital + home_value
    cost = answers.weekly_cost

    income = {kind: answers.weekly_income.get(kind, Decimal(0)) for kind in INCOME_KINDS}
    counted = sum((income[kind] for kind in COUNTED_INCOME), Decimal(0))
    ignored = sum((income[kind] for kind in IGNORED_INCOME), Decimal(0))

    if capital > upper.value:
        explanation.append(
            f"Your capital of {format_money(capital)} is over the upper limit of "
            f"{format_money(upper.value)}, so you pay the full cost of your care, "
            f"{format_money(cost)} a week. Ask the council for an assessment well before your "
            "capital falls to the limit: its help starts only from the date you ask."
        )
        return MeansTestResult(
            year=rates.year,
            counted_capital=capital,
            property_counted=home_value,
            tariff_income=Decimal(0),
            self_funder=True,
            income_counted=counted,
            income_ignored=ignored,
            assessed_income=counted,
            allowance=Decimal(0),
            weekly_contribution=cost,
            council_weekly_contribution=Decimal(0),
            figures_used=figures,
            explanation=explanation,
        )

    tariff = tariff_income(capital, rates)
    if tariff:
        explanation.append(
            f"Capital between {format_money(lower.value, pence=False)} and "
            f"{format_money(upper.value, pence=False)} counts as £1 a week of income for every "
            f"£250 or part of £250: {format_money(tariff)} a week for you."
        )
    else:
        explanation.append(
            f"Your capital is {format_money(lower.value, pence=False)} or less, so none of it "
            "counts as income."
        )
    explanation.append(f"We counted {format_money(counted)} a week of income.")
    if ignored:
        explanation.append(
            f"We ignored {format_money(ignored)} a week of PIP or DLA mobility payments, "
            "which never count."
        )

    if answers.setting == "care_home":
        allowance_figure = _allowance(
            rates, "personal_expenses_allowance", answers.personal_expenses_allowance
        )
        allowance = allowance_figure.value
        explanation.append(
            f"In a care home you keep a personal expenses allowance of {format_money(allowance)} "
            "a week for yourself."
        )
    else:
        allowance_figure = _allowance(
            rates, "minimum_income_guarantee", answers.minimum_income_guarantee
        )
        allowance = (
            allowance_figure.value + answers.disability_related_expenditure + answers.housing_costs
        )
        explanation.append(
            "At home you keep at least the minimum income guarantee of "
            f"{format_money(allowance_figure.value)} a week, plus "
            f"{format_money(answers.disability_related_expenditure)} for extra costs of your "
            f"disability and {format_money(answers.housing_costs)} for housing costs."
        )
    figures.append(allowance_figure)

    assessed = counted + tariff
    contribution = weekly_contribution(assessed, allowance, cost)
    if assessed - allowance > cost:
        explanation.append(
            "What you could afford is more than the care costs, so you pay the cost of the care."
        )
    explanation.append(
        f"You would pay {format_money(contribution)} a week and the council "
        f"{format_money(cost - contribution)} a week towards care costing "
        f"{format_money(cost)} a week."
    )
    return MeansTestResult(
        year=rates.year,
        counted_capital=capital,
        property_counted=home_value,
        tariff_income=tariff,
        self_funder=False,
        income_counted=counted,
        income_ignored=ignored,
        assessed_income=assessed,
        allowance=allowance,
        weekly_contribution=contribution,
        council_weekly_contribution=cost - contribution,
        figures_used=figures,
        explanation=explanation,
    )


def _allowance(rates: YearRates, key: str, override: Decimal | None) -> Figure:
    figure = rates.figure(key)
    if override is None:
        return figure
    return Figure(
        key=key,
        label=figure.label,
        value=override,
        source="The amount your council uses, as entered.",
    )
