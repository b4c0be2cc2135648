from datetime import date
from decimal import Decimal as D

import pytest

from calculators.care_cost import CareAmounts
from calculators.compare import OptionInput, compare
from calculators.depletion import DepletionInput, Home
from calculators.rates import rates_for
from calculators.screens import (
    attendance_allowance,
    continuing_healthcare,
    nhs_nursing_care,
    pension_credit,
)

RATES = rates_for("2025-26")


@pytest.mark.parametrize(
    ("scores", "refer"),
    [
        ({}, False),
        ({"mobility": "A"}, False),
        ({"mobility": "A", "cognition": "A"}, True),
        (dict.fromkeys(("mobility", "cognition", "continence", "nutrition"), "B"), False),
        (
            dict.fromkeys(
                ("mobility", "cognition", "continence", "nutrition", "skin_integrity"), "B"
            ),
            True,
        ),
        ({"mobility": "A", "cognition": "B", "continence": "B", "nutrition": "B"}, False),
        (
            {
                "mobility": "A",
                "cognition": "B",
                "continence": "B",
                "nutrition": "B",
                "communication": "B",
            },
            True,
        ),
        ({"breathing": "A"}, True),
        ({"behaviour": "A"}, True),
    ],
)
def test_continuing_healthcare_checklist(scores, refer):
    assert continuing_healthcare(scores).applies is refer


def test_nhs_funded_nursing_care():
    assert nhs_nursing_care(RATES, True, True).weekly_amount == D("254.06")
    assert not nhs_nursing_care(RATES, False, True).applies


def _aa(**answers):
    defaults = {
        "over_state_pension_age": True,
        "help_by_day": True,
        "help_by_night": False,
        "terminally_ill": False,
        "already_receiving": False,
        "receiving_pip_or_dla": False,
    }
    return attendance_allowance(RATES, **{**defaults, **answers})


def test_attendance_allowance_rates():
    assert _aa().weekly_amount == D("73.90")
    assert _aa(help_by_night=True).weekly_amount == D("110.40")
    assert _aa(help_by_day=False, terminally_ill=True).weekly_amount == D("110.40")
    assert not _aa(already_receiving=True).applies
    assert not _aa(over_state_pension_age=False).applies
    assert not _aa(receiving_pip_or_dla=True).applies
    assert not _aa(help_by_day=False).applies


def test_pension_credit_tops_up_to_the_guarantee():
    screen = pension_credit(
        RATES, couple=False, weekly_income=D(200), capital=D(0), already_receiving=False
    )
    assert screen.weekly_amount == D("27.10")
    # £12,000 of capital counts as £4 a week (£1 for each £500 or part over £10,000).
    with_savings = pension_credit(
        RATES, couple=False, weekly_income=D(200), capital=D(12000), already_receiving=False
    )
    assert with_savings.weekly_amount == D("23.10")
    assert not pension_credit(
        RATES, couple=True, weekly_income=D(400), capital=D(0), already_receiving=False
    ).applies


@pytest.mark.parametrize(
    ("partner", "top_up"),
    [("146.59", D("0.01")), ("146.60", None), ("146.61", None)],
)
def test_a_couple_s_joint_income_is_compared_with_the_couple_rate(partner, top_up):
    # 2025-26 couple rate £346.60: £200 of the person's own and the partner's income.
    screen = pension_credit(
        RATES,
        couple=True,
        weekly_income=D(200),
        partner_weekly_income=D(partner),
        capital=D(0),
        already_receiving=False,
    )
    assert screen.applies == (top_up is not None)
    assert screen.weekly_amount == top_up
    assert "joint" in screen.message


def test_a_partner_s_income_counts_only_for_a_couple():
    single = pension_credit(
        RATES,
        couple=False,
        weekly_income=D(200),
        partner_weekly_income=D(500),
        capital=D(0),
        already_receiving=False,
    )
    assert single.weekly_amount == D("27.10")


def test_compare_projects_each_option_from_the_same_situation():
    situation = DepletionInput(
        capital=D(120000),
        weekly_income=D(280),
        weekly_cost=D(0),
        start_date=date(2026, 11, 23),
        home=Home(value=D(250000), sold_at_week=12),
    )
    results = compare(
        RATES,
        situation,
        [
            OptionInput((("home_care", CareAmounts(hours_per_week=D(14))),)),
            OptionInput((("residential", CareAmounts()),)),
            OptionInput(
                (
                    ("home_care", CareAmounts(hours_per_week=D(10))),
                    ("day_opportunities", CareAmounts(sessions_per_week=D(2))),
                ),
                label="Home care and day opportunities",
            ),
        ],
    )
    home_care, care_home, combined = results
    assert home_care.weekly_cost == D(448)
    assert home_care.setting == "home"
    assert home_care.projection.ledger.home_sale_proceeds == 0  # they still live in it
    assert care_home.setting == "care_home"
    # The sale adds the home's value less 10% for the cost of selling it.
    assert care_home.projection.ledger.home_sale_proceeds == D(225000)
    assert combined.name == "Home care and day opportunities"
    assert combined.weekly_cost == D(320) + D(90)
    assert (
        combined.projection.weeks_until_upper_limit > home_care.projection.weeks_until_upper_limit
    )
