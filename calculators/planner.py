"""The planner's sums: from a family's answers to a comparison of care options.

The web planner collects the answers and shows the result; everything it shows comes from here.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from calculators.care_cost import CareAmounts
from calculators.compare import OptionInput, OptionResult, compare
from calculators.depletion import (
    Assumption,
    DeferredPayment,
    DepletionInput,
    DepletionResult,
    Home,
    Outgoings,
)
from calculators.means_test import INCOME_KINDS, MeansTestInput, MeansTestResult, means_test
from calculators.person import YOU, Person
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
# A home to be sold is assumed sold when the 12-week disregard ends (Schedule 2, paragraph 2).
HOME_SOLD_AT_WEEK = 12
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
    """A household's answers. Every field after weekly_income has a default that leaves older
    callers' results as the week-by-week model gives them."""

    options: tuple[str, ...]
    costs: Costs
    start_date: date
    needs: frozenset[str] = frozenset()
    over_state_pension_age: bool = True
    savings: Decimal = Decimal(0)
    joint_savings: Decimal = Decimal(0)
    owns_home: bool = False
    home_value: Decimal = Decimal(0)
    # A partner, a relative aged 60 or over or incapacitated, or a child under 18 lives there.
    someone_lives_in_home: bool = False
    home_plan: str = "sell"  # or "defer"
    # Amounts a week by kind (calculators.means_test.INCOME_KINDS), e.g. "attendance_allowance".
    weekly_income: dict[str, Decimal] = field(default_factory=dict)
    partner_at_home: bool = False
    couple: bool = False
    # The partner's own income a week: a couple's Pension Credit is worked out on joint income.
    partner_weekly_income: Decimal = Decimal(0)
    mortgage: Decimal = Decimal(0)
    # Rent, service charge or mortgage payments now, a week.
    housing_costs: Decimal = Decimal(0)
    # Food and bills a week; None: the minimum income guarantee for their circumstances.
    living_costs: Decimal | None = None
    # Spending money a week in a care home; None: the personal expenses allowance.
    personal_spending: Decimal | None = None
    disability_related_expenditure: Decimal = Decimal(0)
    # None: care at night if "night" is among the needs.
    night_care: bool | None = None
    # None: from over_state_pension_age ("pension_age" or "25_to_pension_age").
    age_band: str | None = None
    premiums: tuple[str, ...] = ()
    annual_fee_rise: Decimal = Decimal(0)
    annual_interest_rate: Decimal = Decimal(0)
    # Whom the sentences speak of: the reader, or someone they are planning for (THEY).
    person: Person = YOU

    @property
    def circumstances(self) -> dict:
        """What sets the minimum income guarantee and which income is ignored."""
        return {
            "night_care": "night" in self.needs if self.night_care is None else self.night_care,
            "age_band": self.age_band
            or ("pension_age" if self.over_state_pension_age else "25_to_pension_age"),
            "couple": self.couple or self.partner_at_home,
            "premiums": self.premiums,
            "partner_at_home": self.partner_at_home,
        }


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

    @property
    def projection(self) -> DepletionResult:
        return self.result.projection

    @property
    def weekly_outgoings(self) -> Outgoings:
        """The first week's outgoings: care (whoever pays), housing, living costs, personal
        spending and disability costs, with how much comes from income, savings and council."""
        return self.result.projection.first_week

    @property
    def weekly_total(self) -> Decimal:
        return self.weekly_outgoings.total

    @property
    def weekly_from_income(self) -> Decimal:
        return self.weekly_outgoings.from_income

    @property
    def weekly_from_savings(self) -> Decimal:
        return self.weekly_outgoings.from_savings

    @property
    def weekly_from_council(self) -> Decimal:
        return self.weekly_outgoings.from_council

    @property
    def council_funding_weeks(self) -> int:
        return self.result.projection.council_funding_weeks

    @property
    def self_funding_weeks(self) -> int:
        return self.result.projection.self_funding_weeks

    @property
    def deferred_payment(self) -> DeferredPayment | None:
        return self.result.projection.deferred_payment

    @property
    def home_sold_at_week(self) -> int | None:
        return self.result.projection.home_sold_at_week

    @property
    def meals(self) -> Decimal:
        """Extra care meals, a week: part of living costs, shown as information."""
        return self.result.meals

    @property
    def assumptions(self) -> list[Assumption]:
        return self.result.projection.assumptions


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

    @property
    def assumptions(self) -> list[Assumption]:
        """Each option's assumptions (living costs, fee rises, interest...), each once."""
        found = {a.text: a for option in self.options for a in option.assumptions}
        return list(found.values())


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
    income = {k: v for k, v in answers.weekly_income.items() if k in INCOME_KINDS}
    home = None
    if answers.owns_home and answers.home_value:
        # A home someone still lives in is kept and never counted; otherwise it is sold or kept
        # under a deferred payment agreement, as the person chose.
        kept = answers.someone_lives_in_home or answers.partner_at_home
        home = Home(
            value=answers.home_value,
            mortgage=answers.mortgage,
            occupied_by_qualifying_relative=answers.someone_lives_in_home,
            deferred=not kept and answers.home_plan == "defer",
            sold_at_week=None if kept or answers.home_plan == "defer" else HOME_SOLD_AT_WEEK,
        )
    situation = DepletionInput(
        capital=answers.savings,
        joint_savings=answers.joint_savings,
        weekly_income=income,
        weekly_cost=Decimal(0),
        start_date=answers.start_date,
        years=max(MILESTONES),
        home=home,
        housing_costs=answers.housing_costs,
        living_costs=answers.living_costs,
        personal_spending=answers.personal_spending,
        disability_related_expenditure=answers.disability_related_expenditure,
        annual_cost_increase=answers.annual_fee_rise,
        annual_interest_rate=answers.annual_interest_rate,
        person=answers.person,
        **answers.circumstances,
    )
    choices = [_option_input(key, answers) for key in answers.options]
    results = compare(rates, situation, choices)
    plans = []
    for key, result in zip(answers.options, results, strict=True):
        plans.append(OptionPlan(key, result, _means_test(rates, answers, capital, result)))
    screens = _screens(rates, answers, capital, sum(income.values(), Decimal(0)))
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
    housing = answers.housing_costs
    if result.setting == "extra_care":
        housing = sum((cost.housing_costs for cost in result.costs), Decimal(0))
    return means_test(
        rates,
        MeansTestInput(
            setting=result.setting,
            capital=capital,
            weekly_cost=result.weekly_cost,
            weekly_income={k: v for k, v in answers.weekly_income.items() if k in INCOME_KINDS},
            property_value=answers.home_value if answers.owns_home else Decimal(0),
            property_debts=answers.mortgage,
            property_occupied_by_qualifying_relative=answers.someone_lives_in_home,
            # As the projection has it: a home to be sold is up for sale from the first week.
            property_for_sale=answers.home_plan == "sell",
            housing_costs=housing,
            disability_related_expenditure=answers.disability_related_expenditure,
            person=answers.person,
            **answers.circumstances,
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
    person = answers.person
    screens = [continuing_healthcare(scores, person)]
    screens.append(
        nhs_nursing_care(rates, "nursing" in answers.options, "nursing" in needs, person)
    )
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
            person=person,
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
            couple=answers.couple or answers.partner_at_home,
            weekly_income=income - disability_benefits,
            capital=capital,
            already_receiving=bool(answers.weekly_income.get("pension_credit")),
            partner_weekly_income=answers.partner_weekly_income,
            person=person,
        )
    )
    return screens
