"""What each care option costs a week, with a breakdown of every figure and where it came from."""

from dataclasses import dataclass, field
from decimal import Decimal

from calculators.money import format_money, to_pennies
from calculators.rates import Figure, YearRates

OPTIONS = ("home_care", "day_opportunities", "extra_care", "residential", "nursing", "live_in")
OPTION_NAMES = {
    "home_care": "Care at home",
    "day_opportunities": "Day opportunities",
    "extra_care": "Extra care housing",
    "residential": "Residential care home",
    "nursing": "Nursing home",
    "live_in": "Live-in care",
}
NURSING_RATES = ("standard", "higher")


@dataclass(frozen=True)
class Line:
    label: str
    amount: Decimal

    def as_dict(self) -> dict:
        return {"label": self.label, "amount": self.amount}


@dataclass(frozen=True)
class CareCost:
    """What one kind of care costs a week. In extra care housing the rent and service charge are
    housing costs and the meals are living costs: only the care is means-tested, so weekly_fee is
    the care alone while the breakdown lists every line."""

    option: str
    weekly_fee: Decimal
    nhs_weekly_contribution: Decimal
    breakdown: list[Line]
    sources: list[Figure] = field(default_factory=list)
    housing_costs: Decimal = Decimal(0)
    meals: Decimal = Decimal(0)

    @property
    def weekly_cost(self) -> Decimal:
        """What the person, or the council, pays: the fee less anything the NHS pays."""
        return self.weekly_fee - self.nhs_weekly_contribution

    @property
    def provisional(self) -> bool:
        return any(figure.provisional for figure in self.sources)


@dataclass(frozen=True)
class CareAmounts:
    """Amounts an adviser may type from a real quote; None means use the default for Dorset."""

    hours_per_week: Decimal = Decimal(0)
    hourly_rate: Decimal | None = None
    sessions_per_week: Decimal = Decimal(0)
    session_cost: Decimal | None = None
    weekly_fee: Decimal | None = None
    rent: Decimal | None = None
    service_charge: Decimal | None = None
    meals: Decimal | None = None
    dementia: bool = False
    nursing_rate: str = "standard"


class _Costing:
    """Collects lines and the default figures they used."""

    def __init__(self, rates: YearRates):
        self.rates = rates
        self.lines: list[Line] = []
        self.sources: list[Figure] = []

    def amount(self, given: Decimal | None, default_key: str) -> Decimal:
        if given is not None:
            return given
        figure = self.rates.default_cost(default_key)
        if figure not in self.sources:
            self.sources.append(figure)
        return figure.value

    def add(self, label: str, amount: Decimal) -> None:
        self.lines.append(Line(label, to_pennies(amount)))

    def hours(self, hours: Decimal, rate: Decimal | None, what: str) -> None:
        rate = self.amount(rate, "home_care_hourly_rate")
        self.add(
            f"{what}: {_number(hours)} hours a week at {format_money(rate)} an hour", hours * rate
        )

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))


def care_cost(rates: YearRates, option: str, amounts: CareAmounts) -> CareCost:
    costing = _Costing(rates)
    nhs = Decimal(0)
    housing = meals = Decimal(0)
    if option == "home_care":
        costing.hours(amounts.hours_per_week, amounts.hourly_rate, "Care at home")
    elif option == "day_opportunities":
        cost = costing.amount(amounts.session_cost, "day_opportunity_session_cost")
        costing.add(
            f"{_number(amounts.sessions_per_week)} sessions a week at {format_money(cost)} each",
            amounts.sessions_per_week * cost,
        )
    elif option == "extra_care":
        costing.add("Rent", costing.amount(amounts.rent, "extra_care_rent"))
        costing.add(
            "Service charge", costing.amount(amounts.service_charge, "extra_care_service_charge")
        )
        costing.add("Meals", costing.amount(amounts.meals, "extra_care_meals"))
        housing = costing.lines[0].amount + costing.lines[1].amount
        meals = costing.lines[2].amount
        if amounts.hours_per_week:
            costing.hours(amounts.hours_per_week, amounts.hourly_rate, "Care from the on-site team")
    elif option in ("residential", "nursing", "live_in"):
        default_key = {
            "residential": "dementia_weekly_fee" if amounts.dementia else "residential_weekly_fee",
            "nursing": "nursing_weekly_fee",
            "live_in": "live_in_weekly_fee",
        }[option]
        costing.add("Weekly fee", costing.amount(amounts.weekly_fee, default_key))
        if option == "nursing":
            figure = rates.figure(f"nhs_nursing_care_{amounts.nursing_rate}")
            costing.sources.append(figure)
            # The NHS pays this part straight to the home, but never more than the fee.
            nhs = min(figure.value, costing.total)
    else:
        raise ValueError(f"unknown care option {option!r}")
    return CareCost(
        option=option,
        weekly_fee=costing.total - housing - meals,
        nhs_weekly_contribution=nhs,
        breakdown=costing.lines,
        sources=costing.sources,
        housing_costs=housing,
        meals=meals,
    )


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"
