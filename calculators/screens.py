"""Checks to make before the means test: help that changes the picture.

NHS Continuing Healthcare (the NHS pays everything), NHS-funded nursing care, and benefits
people often miss: Attendance Allowance and Pension Credit.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from calculators.money import format_money
from calculators.person import YOU, Person
from calculators.rates import Figure, YearRates

# The NHS Continuing Healthcare Checklist (National Framework, revised 2022): eleven care
# domains, each scored A (highest need), B or C.
CHC_DOMAINS = (
    "breathing",
    "nutrition",
    "continence",
    "skin_integrity",
    "mobility",
    "communication",
    "psychological_and_emotional_needs",
    "cognition",
    "behaviour",
    "drug_therapies_and_medication",
    "altered_states_of_consciousness",
)
# Domains that carry a priority level in the Decision Support Tool: one A is enough.
CHC_PRIORITY_DOMAINS = (
    "breathing",
    "behaviour",
    "drug_therapies_and_medication",
    "altered_states_of_consciousness",
)
CHC_SCORES = ("A", "B", "C")
# Pension Credit counts £1 a week for every £500, or part, of capital over £10,000
# (State Pension Credit Regulations 2002, regulation 15(6)).
PENSION_CREDIT_CAPITAL_FREE = Decimal(10000)
PENSION_CREDIT_CAPITAL_STEP = Decimal(500)


@dataclass(frozen=True)
class Screen:
    key: str
    applies: bool
    weekly_amount: Decimal | None
    message: str
    figure: Figure | None = None


def continuing_healthcare(scores: dict[str, str], person: Person = YOU) -> Screen:
    a_count = sum(1 for score in scores.values() if score == "A")
    b_count = sum(1 for score in scores.values() if score == "B")
    priority_a = [d for d in CHC_PRIORITY_DOMAINS if scores.get(d) == "A"]
    refer = a_count >= 2 or b_count >= 5 or (a_count == 1 and b_count >= 4) or bool(priority_a)
    if refer:
        message = (
            "Ask for a full assessment for NHS Continuing Healthcare. If the NHS finds that "
            f"{person.your} needs are mainly health needs, it pays for all of {person.your} care, "
            f"wherever {person.you} live, and the means test does not apply."
        )
    else:
        message = (
            "From these answers a full NHS Continuing Healthcare assessment is unlikely to be "
            f"needed now. Ask again if {person.your} health changes."
        )
    return Screen("continuing_healthcare", refer, None, message)


def nhs_nursing_care(
    rates: YearRates, in_nursing_home: bool, needs_nurse: bool, person: Person = YOU
) -> Screen:
    figure = rates.figure("nhs_nursing_care_standard")
    if in_nursing_home and needs_nurse:
        return Screen(
            "nhs_nursing_care",
            True,
            figure.value,
            f"The NHS pays {format_money(figure.value)} a week straight to the nursing home "
            "towards the care from its registered nurses, so "
            f"{person.your} fee should be that much lower.",
            figure,
        )
    return Screen(
        "nhs_nursing_care",
        False,
        None,
        "NHS-funded nursing care is paid only for people in a nursing home who need care from a "
        "registered nurse.",
        figure,
    )


def attendance_allowance(
    rates: YearRates,
    *,
    over_state_pension_age: bool,
    help_by_day: bool,
    help_by_night: bool,
    terminally_ill: bool,
    already_receiving: bool,
    receiving_pip_or_dla: bool,
    person: Person = YOU,
) -> Screen:
    needs_help = help_by_day or help_by_night or terminally_ill
    if already_receiving or receiving_pip_or_dla or not over_state_pension_age or not needs_help:
        return Screen(
            "attendance_allowance",
            False,
            None,
            "Attendance Allowance is for people over State Pension age who need help with "
            "personal care or supervision and do not already get PIP or DLA.",
        )
    higher = terminally_ill or (help_by_day and help_by_night)
    figure = rates.figure(f"attendance_allowance_{'higher' if higher else 'lower'}")
    return Screen(
        "attendance_allowance",
        True,
        figure.value,
        f"{person.You} may be able to claim Attendance Allowance of "
        f"{format_money(figure.value)} a week. It is not means-tested, so savings and income "
        "do not matter.",
        figure,
    )


def pension_credit(
    rates: YearRates,
    *,
    couple: bool,
    weekly_income: Decimal,
    capital: Decimal,
    already_receiving: bool,
    partner_weekly_income: Decimal = Decimal(0),
    person: Person = YOU,
) -> Screen:
    figure = rates.figure(f"pension_credit_guarantee_{'couple' if couple else 'single'}")
    # A couple claims together: the partner's income counts as the claimant's and their joint
    # income is set against the couple rate (State Pension Credit Act 2002, section 5).
    if couple:
        weekly_income += partner_weekly_income
    deemed = max(
        Decimal(0),
        ((capital - PENSION_CREDIT_CAPITAL_FREE) / PENSION_CREDIT_CAPITAL_STEP).to_integral_value(
            rounding=ROUND_CEILING
        ),
    )
    top_up = figure.value - weekly_income - deemed
    whose = f"{person.your} joint" if couple else person.your
    if already_receiving or top_up <= 0:
        return Screen(
            "pension_credit",
            False,
            None,
            f"Pension Credit tops {whose} weekly income up to {format_money(figure.value)}; on "
            f"these figures {whose} income is already above that.",
            figure,
        )
    return Screen(
        "pension_credit",
        True,
        top_up,
        f"{person.You} may be able to get about {format_money(top_up)} a week of Pension Credit, "
        f"which tops {whose} income up to {format_money(figure.value)} a week. It can also open "
        "the door to help with rent, council tax and heating.",
        figure,
    )
