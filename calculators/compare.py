"""Several care options over the same years, side by side."""

from dataclasses import dataclass, replace
from decimal import Decimal

from calculators.care_cost import OPTION_NAMES, CareAmounts, CareCost, care_cost
from calculators.depletion import DepletionInput, DepletionResult, project
from calculators.rates import YearRates

# Options where the person lives in a care home; extra care housing is a home of their own with
# care on site; the others are care in their own home.
CARE_HOME_OPTIONS = ("residential", "nursing")
EXTRA_CARE_OPTIONS = ("extra_care",)


@dataclass(frozen=True)
class OptionInput:
    """One option to compare: one kind of care, or several together (home care + day sessions)."""

    parts: tuple[tuple[str, CareAmounts], ...]
    label: str = ""

    @property
    def setting(self) -> str:
        options = [option for option, _ in self.parts]
        if any(option in CARE_HOME_OPTIONS for option in options):
            return "care_home"
        if any(option in EXTRA_CARE_OPTIONS for option in options):
            return "extra_care"
        return "home"

    @property
    def name(self) -> str:
        return self.label or " and ".join(OPTION_NAMES[option] for option, _ in self.parts)


@dataclass(frozen=True)
class OptionResult:
    name: str
    setting: str
    costs: list[CareCost]
    projection: DepletionResult

    @property
    def weekly_fee(self) -> Decimal:
        return sum((cost.weekly_fee for cost in self.costs), Decimal(0))

    @property
    def nhs_weekly_contribution(self) -> Decimal:
        return sum((cost.nhs_weekly_contribution for cost in self.costs), Decimal(0))

    @property
    def weekly_cost(self) -> Decimal:
        return self.weekly_fee - self.nhs_weekly_contribution

    @property
    def meals(self) -> Decimal:
        return sum((cost.meals for cost in self.costs), Decimal(0))

    @property
    def provisional(self) -> bool:
        return self.projection.provisional or any(cost.provisional for cost in self.costs)


def compare(
    rates: YearRates, situation: DepletionInput, options: list[OptionInput]
) -> list[OptionResult]:
    """Project each option from the same situation: `situation.weekly_cost` is replaced by the
    option's cost of care. A home counts only once the person has moved out (a care home or extra
    care housing); in extra care the rent and service charge replace the housing costs."""
    results = []
    for choice in options:
        costs = [care_cost(rates, option, amounts) for option, amounts in choice.parts]
        weekly_cost = sum((cost.weekly_cost for cost in costs), Decimal(0))
        setting = choice.setting
        housing = situation.housing_costs
        if setting == "extra_care":
            housing = sum((cost.housing_costs for cost in costs), Decimal(0))
        projection = project(
            rates,
            replace(
                situation,
                weekly_cost=weekly_cost,
                setting=setting,
                housing_costs=housing,
                home=situation.home if setting != "home" else None,
            ),
        )
        results.append(OptionResult(choice.name, choice.setting, costs, projection))
    return results
