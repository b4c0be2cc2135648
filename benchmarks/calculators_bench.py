"""Calculator speed: weekly projections of a household (30 years; 10 years with a home under a
deferred payment agreement) and a four-option comparison."""

from datetime import date
from decimal import Decimal as D

from benchmarks.timing import median_ms
from calculators.care_cost import CareAmounts
from calculators.compare import OptionInput, compare
from calculators.depletion import DepletionInput, Home, project
from calculators.rates import rates_for

TARGETS_MS = {"projection": 5.0, "deferred": 5.0, "comparison": 20.0}


def run() -> list[str]:
    rates = rates_for("2025-26")
    situation = DepletionInput(
        capital=D("250000"),
        weekly_income=D("320.50"),
        weekly_cost=D("1300"),
        start_date=date(2026, 11, 23),
        annual_cost_increase=D("0.04"),
        annual_interest_rate=D("0.03"),
        years=30,
        home=Home(value=D("300000"), deferred=True, deferred_interest_rate=D("0.04")),
    )
    options = [
        OptionInput((("home_care", CareAmounts(hours_per_week=D(14))),)),
        OptionInput(
            (
                ("home_care", CareAmounts(hours_per_week=D(10))),
                ("day_opportunities", CareAmounts(sessions_per_week=D(2))),
            )
        ),
        OptionInput((("extra_care", CareAmounts(hours_per_week=D(7))),)),
        OptionInput((("residential", CareAmounts()),)),
    ]
    projection = median_ms(lambda: project(rates, situation))
    deferred = median_ms(lambda: project(rates, deferred_payment_situation()))
    comparison = median_ms(lambda: compare(rates, situation, options), repeats=30)
    rows = [
        ("projection", "30-year weekly projection (1,560 weeks)", projection),
        ("deferred", "10-year weekly projection, home under a deferred payment", deferred),
        ("comparison", "four-option comparison over 30 years", comparison),
    ]
    lines = ["## Calculators", "", "| what | median | target | met |", "|---|---|---|---|"]
    for key, label, value in rows:
        target = TARGETS_MS[key]
        met = "yes" if value < target else "no"
        lines.append(f"| {label} | {value:.2f} ms | < {target:.0f} ms | {met} |")
    return lines


def deferred_payment_situation() -> DepletionInput:
    """A couple's home kept under a deferred payment agreement at the national maximum rate,
    with income by kind, fees and a forced sale at the equity limit within the 10 years."""
    return DepletionInput(
        capital=D("30000"),
        joint_savings=D("12000"),
        weekly_income={"state_pension": D("230.25"), "attendance_allowance": D("110.40")},
        weekly_cost=D("1300"),
        start_date=date(2026, 11, 23),
        annual_cost_increase=D("0.04"),
        annual_interest_rate=D("0.03"),
        years=10,
        home=Home(
            value=D("300000"),
            mortgage=D("20000"),
            deferred=True,
            deferred_setup_fee=D("750"),
            deferred_annual_fee=D("150"),
        ),
    )
