from decimal import Decimal as D

import pytest

from calculators.care_cost import CareAmounts, care_cost
from calculators.rates import rates_for

RATES = rates_for("2025-26")


def test_home_care_is_hours_times_rate():
    cost = care_cost(RATES, "home_care", CareAmounts(hours_per_week=D(14), hourly_rate=D("28.50")))
    assert cost.weekly_cost == D("399.00")
    assert cost.breakdown[0].label == "Care at home: 14 hours a week at £28.50 an hour"
    assert cost.sources == []  # the adviser's own rate: no default used


def test_home_care_uses_the_dorset_default_rate_and_names_its_source():
    cost = care_cost(RATES, "home_care", CareAmounts(hours_per_week=D("7.5")))
    assert cost.weekly_cost == D("240.00")
    assert [figure.key for figure in cost.sources] == ["home_care_hourly_rate"]


def test_day_opportunities_is_sessions_times_cost():
    cost = care_cost(
        RATES, "day_opportunities", CareAmounts(sessions_per_week=D(2), session_cost=D("38.75"))
    )
    assert cost.weekly_cost == D("77.50")


def test_extra_care_splits_housing_and_meals_from_the_care():
    cost = care_cost(
        RATES,
        "extra_care",
        CareAmounts(
            rent=D(150), service_charge=D(70), meals=D(65), hours_per_week=D(5), hourly_rate=D(30)
        ),
    )
    assert [line.amount for line in cost.breakdown] == [D(150), D(70), D(65), D(150)]
    # Only the care is means-tested: rent and service charge are housing, meals living costs.
    assert cost.weekly_cost == D(150)
    assert cost.housing_costs == D(220)
    assert cost.meals == D(65)


def test_extra_care_defaults_are_the_north_somerset_midpoints():
    cost = care_cost(RATES, "extra_care", CareAmounts())
    assert cost.housing_costs == D(145) + D(70)
    assert cost.meals == D(60)
    assert cost.weekly_cost == 0
    assert len(cost.sources) == 3


@pytest.mark.parametrize(
    ("option", "amounts", "fee"),
    [
        ("residential", CareAmounts(), D(1300)),
        ("residential", CareAmounts(dementia=True), D(1450)),
        ("residential", CareAmounts(weekly_fee=D("1234.56")), D("1234.56")),
        ("live_in", CareAmounts(), D(1600)),
    ],
)
def test_weekly_fee_options(option, amounts, fee):
    cost = care_cost(RATES, option, amounts)
    assert cost.weekly_cost == fee
    assert cost.nhs_weekly_contribution == 0


def test_nursing_is_the_fee_less_nhs_funded_nursing_care():
    cost = care_cost(RATES, "nursing", CareAmounts(weekly_fee=D(1500)))
    assert cost.weekly_fee == D(1500)
    assert cost.nhs_weekly_contribution == D("254.06")
    assert cost.weekly_cost == D("1245.94")
    higher = care_cost(RATES, "nursing", CareAmounts(weekly_fee=D(1500), nursing_rate="higher"))
    assert higher.nhs_weekly_contribution == D("349.50")


def test_the_nhs_never_pays_more_than_the_fee():
    cost = care_cost(RATES, "nursing", CareAmounts(weekly_fee=D(200)))
    assert cost.weekly_cost == 0


def test_pennies_are_rounded_half_up():
    cost = care_cost(
        RATES, "home_care", CareAmounts(hours_per_week=D("0.5"), hourly_rate=D("0.25"))
    )
    assert cost.weekly_cost == D("0.13")
