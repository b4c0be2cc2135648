"""The financial assessment under the Care Act 2014 charging rules (England).

Sources: Care and Support (Charging and Assessment of Resources) Regulations 2014 and the Care and
Support Statutory Guidance, annexes B (capital), C (income) and E (deferred payments).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from calculators.money import format_money, to_pennies
from calculators.person import YOU, Person
from calculators.rates import Figure, YearRates

# Where care is given: a care home, the person's own home, or extra care housing (a home of
# their own with care on site, charged like care at home).
SETTINGS = ("care_home", "home", "extra_care")
# The main home is ignored for the first 12 weeks of a permanent care home stay (Schedule 2,
# paragraph 2).
PROPERTY_DISREGARD_WEEKS = 12
# A home up for sale while its owner lives in extra care housing is ignored for up to 26 weeks
# (Schedule 2, paragraph 4, which brings in the Income Support disregard for premises being sold).
FOR_SALE_WEEKS = 26
# Capital between the limits counts as £1 a week for each £250 or part of £250 (regulation 25).
TARIFF_STEP = Decimal(250)
# Capital is valued less 10% where selling it would cost money (regulation 23).
SELLING_COSTS = Decimal("0.10")
ZERO = Decimal(0)

# Income by kind, as the command line, the API and the planner take it.
INCOME_KINDS = (
    "state_pension",
    "private_pension",
    "attendance_allowance",
    "pip_daily_living",
    "pension_credit",
    "savings_credit",
    "other",
    "pip_mobility",
    "dla_mobility",
    "war_disablement_pension",
    "earnings",
)
# Benefits for care needs: they stop after 4 weeks of a council-funded care home stay (Social
# Security (Attendance Allowance) Regulations 1991, regulations 6 and 7; Dorset Council: "you
# will lose your entitlement ... 28 days after admission").
CARE_BENEFITS = ("attendance_allowance", "pip_daily_living")
CARE_BENEFIT_WEEKS = 4
# Why each kind of income is ignored, with the rule that says so.
IGNORED_IN_FULL = {
    "pip_mobility": "The mobility part of PIP is never counted (Schedule 1, paragraph 8).",
    "dla_mobility": "The mobility part of DLA is never counted (Schedule 1, paragraph 8).",
    "war_disablement_pension": (
        "War disablement pensions are not counted (Schedule 1, and the statutory guidance, "
        "Annex C)."
    ),
    "earnings": "Earnings from work are not counted (regulation 14).",
}
AGE_BANDS = ("18_24", "25_to_pension_age", "pension_age")
PREMIUMS = ("disability", "enhanced_disability", "carer", "dependent_child")
MAX_PREMIUMS = 12
WINTER_FUEL_PAYMENT = (
    "Winter Fuel Payment is never counted (Schedule 1, payments from the Social Fund), so we do "
    "not ask for it."
)


@dataclass(frozen=True)
class IgnoredIncome:
    kind: str
    amount: Decimal
    reason: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "amount": self.amount, "reason": self.reason}


@dataclass(frozen=True)
class Income:
    """A week's income as the assessment sees it."""

    received: Decimal  # what comes into the person's hands
    counted: Decimal  # what the means test counts
    ignored: tuple[IgnoredIncome, ...]

    @property
    def ignored_total(self) -> Decimal:
        return sum((item.amount for item in self.ignored), ZERO)


def assess_income(
    rates: YearRates,
    weekly_income: Mapping[str, Decimal],
    *,
    setting: str,
    night_care: bool = False,
    couple: bool = False,
    partner_at_home: bool = False,
    care_benefits_paid: bool = True,
) -> Income:
    """Which income counts, which is ignored and why (Schedule 1; statutory guidance, Annex C)."""
    income = {kind: to_pennies(weekly_income.get(kind, ZERO)) for kind in INCOME_KINDS}
    ignored: list[IgnoredIncome] = []
    if not care_benefits_paid:
        for kind in CARE_BENEFITS:
            income[kind] = ZERO
    received = sum(income.values(), ZERO)
    for kind, reason in IGNORED_IN_FULL.items():
        if income[kind]:
            ignored.append(IgnoredIncome(kind, income[kind], reason))
    # Up to a set weekly amount of Savings Credit is ignored (Schedule 1, paragraph 40, whose
    # amounts each year's amending regulations and circular set).
    if income["savings_credit"]:
        disregard = rates.value(f"savings_credit_disregard_{'couple' if couple else 'single'}")
        ignored.append(
            IgnoredIncome(
                "savings_credit",
                min(disregard, income["savings_credit"]),
                f"Up to {format_money(disregard)} a week of Savings Credit is not counted "
                "(Schedule 1, paragraph 40).",
            )
        )
    # At home, without care at night, the difference between the higher and lower rates of a
    # care benefit is ignored (statutory guidance, Annex C, on Attendance Allowance, DLA care and
    # PIP daily living, whose rates match).
    if setting != "care_home" and not night_care:
        lower = rates.value("attendance_allowance_lower")
        higher = rates.value("attendance_allowance_higher")
        for kind in CARE_BENEFITS:
            extra = min(income[kind], higher) - lower
            if extra > 0:
                ignored.append(
                    IgnoredIncome(
                        kind,
                        extra,
                        "Without care at night, the part above the lower rate is not counted "
                        "(statutory guidance, Annex C).",
                    )
                )
    # Half of an occupational or private pension passed to a spouse or civil partner at home is
    # no longer the person's income (Schedule 1; statutory guidance, Annex C).
    passed = ZERO
    if setting == "care_home" and partner_at_home and income["private_pension"]:
        passed = to_pennies(income["private_pension"] / 2)
        ignored.append(
            IgnoredIncome(
                "private_pension",
                passed,
                "Half of a private or workplace pension passed to a husband, wife or civil "
                "partner at home is theirs, not yours (Schedule 1).",
            )
        )
    total_ignored = sum((item.amount for item in ignored), ZERO)
    return Income(received - passed, received - total_ignored, tuple(ignored))


def minimum_income_guarantee(
    rates: YearRates,
    *,
    age_band: str = "pension_age",
    couple: bool = False,
    premiums: tuple[str, ...] = (),
) -> Figure:
    """The guarantee for these circumstances: the amounts in regulation 7's table added up."""
    children = premiums.count("dependent_child")
    if couple:
        base = "mig_couple_pension_age" if age_band == "pension_age" else "mig_couple_18_plus"
    elif age_band == "pension_age":
        base = "minimum_income_guarantee"
    elif children:
        base = "mig_lone_parent"
    else:
        base = f"mig_single_{age_band}"
    who = "couple" if couple else "single"
    keys = [base]
    # Each premium counts once, whatever the list repeats; dependent_child counts per child.
    if "disability" in premiums:
        keys.append(f"mig_disability_premium_{who}")
    if "enhanced_disability" in premiums:
        keys.append(f"mig_enhanced_disability_premium_{who}")
    if "carer" in premiums:
        keys.append("mig_carer_premium")
    keys += ["mig_dependent_child"] * children
    figures = [rates.figure(key) for key in keys]
    if len(figures) == 1:
        return figures[0]
    return Figure(
        key="minimum_income_guarantee",
        label="Minimum income guarantee: " + " + ".join(figure.label for figure in figures),
        value=sum((figure.value for figure in figures), ZERO),
        source="; ".join(dict.fromkeys(figure.source for figure in figures)),
        provisional=any(figure.provisional for figure in figures),
        applies_from=figures[0].applies_from,
        note=" ".join(dict.fromkeys(figure.note for figure in figures if figure.note)),
    )


def net_home_value(value: Decimal, mortgage: Decimal) -> Decimal:
    """What a home counts for, and what selling it adds to savings: its value less 10% less
    what is secured on it, never below nothing (regulation 23)."""
    return max(ZERO, to_pennies(value * (1 - SELLING_COSTS) - mortgage))


@dataclass(frozen=True)
class MeansTestInput:
    setting: str
    capital: Decimal
    weekly_cost: Decimal
    weekly_income: dict[str, Decimal] = field(default_factory=dict)
    property_value: Decimal = ZERO
    property_debts: Decimal = ZERO
    property_occupied_by_qualifying_relative: bool = False
    # In extra care housing: the home is up for sale (ignored for up to 26 weeks).
    property_for_sale: bool = False
    weeks_since_admission: int = 0
    housing_costs: Decimal = ZERO
    disability_related_expenditure: Decimal = ZERO
    personal_expenses_allowance: Decimal | None = None
    minimum_income_guarantee: Decimal | None = None
    night_care: bool = False
    age_band: str = "pension_age"
    couple: bool = False
    premiums: tuple[str, ...] = ()
    partner_at_home: bool = False
    # Whom the explanation speaks of.
    person: Person = YOU


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
    ignored_income: tuple[IgnoredIncome, ...] = ()

    @property
    def provisional(self) -> bool:
        return any(figure.provisional for figure in self.figures_used)


def tariff_income(capital: Decimal, rates: YearRates) -> Decimal:
    """£1 a week for every £250, or part of £250, above the lower limit, up to the upper limit."""
    lower = rates.value("lower_capital_limit")
    upper = rates.value("upper_capital_limit")
    if capital <= lower:
        return ZERO
    return ((min(capital, upper) - lower) / TARIFF_STEP).to_integral_value(rounding=ROUND_CEILING)


def weekly_contribution(assessed_income: Decimal, allowance: Decimal, cost: Decimal) -> Decimal:
    """What the person pays: assessed income less what they keep, from 0 up to the cost."""
    return min(cost, max(ZERO, assessed_income - allowance))


def home_is_ignored_because(
    setting: str,
    relative_lives_there: bool,
    weeks_since_admission: int,
    person: Person = YOU,
    for_sale: bool = False,
) -> str:
    """Why the main home is not counted this week, or "" when it counts (Schedule 2)."""
    if setting == "home":
        return (
            f"{person.Your} home is not counted, because {person.you} would get {person.your} "
            "care at home."
        )
    if relative_lives_there:
        return (
            f"{person.Your} home is not counted, because a partner, a relative aged 60 or over, an "
            "incapacitated relative or a child under 18 still lives there (Schedule 2, "
            "paragraph 4)."
        )
    if setting == "care_home" and weeks_since_admission < PROPERTY_DISREGARD_WEEKS:
        return (
            f"{person.Your} home is not counted for the first {PROPERTY_DISREGARD_WEEKS} weeks "
            "of a permanent stay (Schedule 2, paragraph 2). After that it counts, unless "
            f"{person.you} sell it or the council agrees to defer payment."
        )
    if setting == "extra_care" and for_sale:
        return (
            f"{person.Your} home is not counted while it is up for sale, for up to "
            f"{FOR_SALE_WEEKS} weeks (Schedule 2, paragraph 4). Once sold, the money from the "
            "sale counts as savings."
        )
    return ""


def property_counted(answers: MeansTestInput, rates: YearRates) -> tuple[Decimal, str]:
    """The value of the main home that counts as capital, and the sentence that says why."""
    if not answers.property_value:
        return ZERO, ""
    reason = home_is_ignored_because(
        answers.setting,
        answers.property_occupied_by_qualifying_relative or answers.partner_at_home,
        answers.weeks_since_admission,
        answers.person,
        answers.property_for_sale,
    )
    if reason:
        return ZERO, reason
    net = net_home_value(answers.property_value, answers.property_debts)
    debts = (
        f" and the {format_money(answers.property_debts)} secured on it"
        if answers.property_debts
        else ""
    )
    return net, (
        f"{answers.person.Your} home counts as capital of {format_money(net)}: its value of "
        f"{format_money(answers.property_value)} less 10% for the cost of selling it{debts}."
    )


def means_test(rates: YearRates, answers: MeansTestInput) -> MeansTestResult:
    lower = rates.figure("lower_capital_limit")
    upper = rates.figure("upper_capital_limit")
    figures = [upper, lower]
    person = answers.person
    explanation = [
        f"{person.Your} savings and investments of {format_money(answers.capital)} count as "
        "capital."
    ]

    home_value, home_sentence = property_counted(answers, rates)
    if home_sentence:
        explanation.append(home_sentence)
    capital = answers.capital + home_value
    cost = answers.weekly_cost

    income = assess_income(
        rates,
        answers.weekly_income,
        setting=answers.setting,
        night_care=answers.night_care,
        couple=answers.couple,
        partner_at_home=answers.partner_at_home,
    )
    counted = income.counted
    ignored = income.ignored_total

    if capital > upper.value:
        explanation.append(
            f"{person.Your} capital of {format_money(capital)} is over the upper limit of "
            f"{format_money(upper.value)}, so {person.you} pay the full cost of {person.your} "
            f"care, {format_money(cost)} a week. Ask the council for an assessment well before "
            f"{person.your} capital falls to the limit: its help starts only from the date it is "
            "asked."
        )
        return MeansTestResult(
            year=rates.year,
            counted_capital=capital,
            property_counted=home_value,
            tariff_income=ZERO,
            self_funder=True,
            income_counted=counted,
            income_ignored=ignored,
            assessed_income=counted,
            allowance=ZERO,
            weekly_contribution=cost,
            council_weekly_contribution=ZERO,
            figures_used=figures,
            explanation=explanation,
            ignored_income=income.ignored,
        )

    tariff = tariff_income(capital, rates)
    if tariff:
        explanation.append(
            f"Capital between {format_money(lower.value, pence=False)} and "
            f"{format_money(upper.value, pence=False)} counts as £1 a week of income for every "
            f"£250 or part of £250: {format_money(tariff)} a week for {person.them}."
        )
    else:
        explanation.append(
            f"{person.Your} capital is {format_money(lower.value, pence=False)} or less, so none "
            "of it "
            "counts as income."
        )
    explanation.append(f"We counted {format_money(counted)} a week of income.")
    for item in income.ignored:
        explanation.append(f"We ignored {format_money(item.amount)} a week: {item.reason}")

    if answers.setting == "care_home":
        allowance_figure = _allowance(
            rates.figure("personal_expenses_allowance"), answers.personal_expenses_allowance
        )
        allowance = allowance_figure.value
        explanation.append(
            f"In a care home {person.you} keep a personal expenses allowance of "
            f"{format_money(allowance)} a week for {person.yourself}."
        )
    else:
        allowance_figure = _allowance(
            minimum_income_guarantee(
                rates, age_band=answers.age_band, couple=answers.couple, premiums=answers.premiums
            ),
            answers.minimum_income_guarantee,
        )
        allowance = (
            allowance_figure.value + answers.disability_related_expenditure + answers.housing_costs
        )
        explanation.append(
            f"Outside a care home {person.you} keep at least the minimum income guarantee of "
            f"{format_money(allowance_figure.value)} a week, plus "
            f"{format_money(answers.disability_related_expenditure)} for extra costs of "
            f"{person.your} disability and {format_money(answers.housing_costs)} for housing costs."
        )
    figures.append(allowance_figure)

    assessed = counted + tariff
    contribution = weekly_contribution(assessed, allowance, cost)
    if assessed - allowance > cost:
        explanation.append(
            f"What {person.you} could afford is more than the care costs, so {person.you} pay the "
            "cost of the care."
        )
    explanation.append(
        f"{person.You} would pay {format_money(contribution)} a week and the council "
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
        ignored_income=income.ignored,
    )


def _allowance(figure: Figure, override: Decimal | None) -> Figure:
    if override is None:
        return figure
    return Figure(
        key=figure.key,
        label=figure.label,
        value=override,
        source="The amount the council uses, as entered.",
    )
