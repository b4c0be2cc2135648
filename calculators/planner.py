"""The planner's sums: from a family's answers to a comparison of care options.

The web planner collects the answers and shows the result; everything it shows comes from here.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from calculators.care_cost import CareAmounts
from calculators.compare import OptionInput, OptionResult, compare
from calculators.depletion import DepletionInput, Home
from calculators.means_test import INCOME_KINDS, MeansTestInput, MeansTestResult, means_test
from calculators.rates import Figure, YearRates
from calculators.screens import (
    Screen,
    attendance_allowance,
    continuing_healthcare,
    nhs_nursing_care,
    pension_credit,
)

# Hours of help a day, as the planner asks it, and the hours a week of home care that means.
HOURS_BANDS = {
    "under_1": ("Less than 1 hour", Decimal(5)),
    "1_to_3": ("1 to 3 hours", Decimal(14)),
    "3_to_6": ("3 to 6 hours", Decimal("31.5")),
    "over_6": ("More than 6 hours", Decimal(56)),
}
NEEDS = {
    "night": "Help at night",
    "dementia": "Memory problems or dementia",
    "nursing": "Care from a nurse",
    "carer_break": "A carer who needs a break",
}
# The options the planner compares: a kind of care, or care at home with day opportunities.
PLAN_OPTIONS = {
    "home_care": "Care at home",
    "home_care_day": "Care at home and day opportunities",
    "extra_care": "Extra care housing",
    "live_in": "Live-in care",
    "residential": "Residential care home",
    "nursing": "Nursing home",
}
DAY_SESSIONS_PER_WEEK = Decimal(2)
MILESTONES = (1, 3, 5, 10)


@dataclass(frozen=True)
class Costs:
    """What each option costs; None means use the default for Dorset."""

    home_care_hours: Decimal
    hourly_rate: Decimal | None = None
    day_sessions: Decimal = DAY_SESSIONS_PER_WEEK
    session_cost: Decimal | None = None
    extra_care_rent: Decimal | None = None
    extra_care_service_charge: Decimal | None = None
    extra_care_meals: Decimal | None = None
    extra_care_hours: Decimal | None = None
    live_in_fee: Decimal | None = None
    residential_fee: Decimal | None = None
    nursing_fee: Decimal | None = None


@dataclass(frozen=True)
class Answers:
    options: tuple[str, ...]
    costs: Costs
    start_date: date
    needs: frozenset[str] = frozenset()
    over_state_pension_age: bool = True
    savings: Decimal = Decimal(0)
    joint_savings: Decimal = Decimal(0)
    owns_home: bool = False
    home_value: Decimal = Decimal(0)
    someone_lives_in_home: bool = False
    home_plan: str = "sell"  # or "defer"
    weekly_income: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class OptionPlan:
    key: str
    result: OptionResult
    means_test: MeansTestResult

    @property
    def name(self) -> str:
        return PLAN_OPTIONS[self.key]

    @property
    def person_pays(self) -> Decimal:
        return self.means_test.weekly_contribution

    @property
    def council_pays(self) -> Decimal:
        return self.means_test.council_weekly_contribution


@dataclass(frozen=True)
class Plan:
    year: str
    capital: Decimal
    options: list[OptionPlan]
    screens: list[Screen]
    figures: list[Figure]

    @property
    def default_costs(self) -> list[Figure]:
        """The typical costs used where no quote was typed, each once."""
        rate_keys = {figure.key for figure in self.figures}
        used = {
            figure.key: figure
            for option in self.options
            for cost in option.result.costs
            for figure in cost.sources
            if figure.key not in rate_keys
        }
        return list(used.values())

    @property
    def provisional(self) -> bool:
        return any(figure.provisional for figure in self.figures) or any(
            option.result.provisional for option in self.options
        )


def suggest_options(hours_band: str, needs: frozenset[str]) -> list[str]:
    """The options worth comparing for these needs; the person can add or remove any."""
    options = ["home_care", "home_care_day", "extra_care"]
    if "night" in needs or hours_band == "over_6":
        options += ["live_in", "residential"]
    if "dementia" in needs and "residential" not in options:
        options.append("residential")
    if "nursing" in needs:
        options.append("nursing")
    return options


def counted_capital(answers: Answers) -> Decimal:
    """Savings in joint names count half to each partner, as the means test treats them."""
    return answers.savings + answers.joint_savings / 2


def make_plan(rates: YearRates, answers: Answers) -> Plan:
    capital = counted_capital(answers)
    income = sum(answers.weekly_income.values(), Decimal(0))
    counted_income = (
        income
        - answers.weekly_income.get("pip_mobility", Decimal(0))
        - (answers.weekly_income.get("dla_mobility", Decimal(0)))
    )
    home = None
    if answers.owns_home and not answers.someone_lives_in_home and answers.home_value:
        home = (
            Home(value=answers.home_value, deferred=True)
            if answers.home_plan == "defer"
            else Home(value=answers.home_value, sold_at_week=12)
        )
    situation = DepletionInput(
        capital=capital,
        weekly_income=counted_income,
        weekly_cost=Decimal(0),
        start_date=answers.start_date,
        years=max(MILESTONES),
        home=home,
    )
    choices = [_option_input(key, answers) for key in answers.options]
    results = compare(rates, situation, choices)
    plans = []
    for key, result in zip(answers.options, results, strict=True):
        plans.append(OptionPlan(key, result, _means_test(rates, answers, capital, result)))
    screens = _screens(rates, answers, capital, income)
    used = [
        *(f for plan in plans for f in plan.means_test.figures_used),
        *(f for plan in plans for f in plan.result.projection.figures_used),
        *(
            f
            for plan in plans
            for cost in plan.result.costs
            for f in cost.sources
            if f.key in rates.figures
        ),
        *(s.figure for s in screens if s.figure is not None and s.applies),
    ]
    figures = {figure.key: figure for figure in used}
    return Plan(rates.year, capital, plans, screens, list(figures.values()))


def _option_input(key: str, answers: Answers) -> OptionInput:
    costs = answers.costs
    dementia = "dementia" in answers.needs
    home_care = (
        "home_care",
        CareAmounts(hours_per_week=costs.home_care_hours, hourly_rate=costs.hourly_rate),
    )
    parts = {
        "home_care": (home_care,),
        "home_care_day": (
            home_care,
            (
                "day_opportunities",
                CareAmounts(sessions_per_week=costs.day_sessions, session_cost=costs.session_cost),
            ),
        ),
        "extra_care": (
            (
                "extra_care",
                CareAmounts(
                    rent=costs.extra_care_rent,
                    service_charge=costs.extra_care_service_charge,
                    meals=costs.extra_care_meals,
                    hours_per_week=costs.extra_care_hours
                    if costs.extra_care_hours is not None
                    else costs.home_care_hours,
                    hourly_rate=costs.hourly_rate,
                ),
            ),
        ),
        "live_in": (("live_in", CareAmounts(weekly_fee=costs.live_in_fee)),),
        "residential": (
            ("residential", CareAmounts(weekly_fee=costs.residential_fee, dementia=dementia)),
        ),
        "nursing": (("nursing", CareAmounts(weekly_fee=costs.nursing_fee)),),
    }[key]
    return OptionInput(parts, PLAN_OPTIONS[key])


def _means_test(
    rates: YearRates, answers: Answers, capital: Decimal, result: OptionResult
) -> MeansTestResult:
    return means_test(
        rates,
        MeansTestInput(
            setting=result.setting,
            capital=capital,
            weekly_cost=result.weekly_cost,
            weekly_income={k: v for k, v in answers.weekly_income.items() if k in INCOME_KINDS},
            property_value=answers.home_value if answers.owns_home else Decimal(0),
            property_occupied_by_qualifying_relative=answers.someone_lives_in_home,
        ),
    )


def _screens(rates: YearRates, answers: Answers, capital: Decimal, income: Decimal) -> list[Screen]:
    needs = answers.needs
    # A rough first look: nursing needs with memory problems or night care are worth a checklist.
    scores = {}
    if "nursing" in needs:
        scores["drug_therapies_and_medication"] = "B"
        scores["breathing"] = "B"
    if "dementia" in needs:
        scores["cognition"] = "B"
        scores["psychological_and_emotional_needs"] = "B"
    if "night" in needs:
        scores["mobility"] = "B"
    screens = [continuing_healthcare(scores)]
    screens.append(nhs_nursing_care(rates, "nursing" in answers.options, "nursing" in needs))
    screens.append(
        attendance_allowance(
            rates,
            over_state_pension_age=answers.over_state_pension_age,
            help_by_day=True,
            help_by_night="night" in needs,
            terminally_ill=False,
            already_receiving=bool(answers.weekly_income.get("attendance_allowance")),
            receiving_pip_or_dla=bool(
                answers.weekly_income.get("pip_daily_living")
                or answers.weekly_income.get("pip_mobility")
            ),
        )
    )
    disability_benefits = sum(
        answers.weekly_income.get(k, Decimal(0))
        for k in (
            "attendance_allowance",
            "pip_daily_living",
            "pip_mobility",
            "dla_mobility",
            "pension_credit",
        )
    )
    screens.append(
        pension_credit(
            rates,
            couple=bool(answers.joint_savings),
            weekly_income=income - disability_benefits,
            capital=capital,
            already_receiving=bool(answers.weekly_income.get("pension_credit")),
        )
    )
    return screens
