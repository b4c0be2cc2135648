from datetime import date
from decimal import Decimal

import pytest

from calculators.errors import InputError
from calculators.rates import available_years, rates_for, year_for

EXPECTED = {
    # key: (2024-25, 2025-26, 2026-27), from the research table in the calculators issue
    "upper_capital_limit": ("23250", "23250", "23250"),
    "lower_capital_limit": ("14250", "14250", "14250"),
    "personal_expenses_allowance": ("30.15", "30.65", "31.80"),
    "minimum_income_guarantee": ("228.70", "232.60", "232.60"),
    "nhs_nursing_care_standard": ("235.88", "254.06", "267.68"),
    "nhs_nursing_care_higher": ("324.50", "349.50", "368.24"),
    "attendance_allowance_lower": ("72.65", "73.90", "76.70"),
    "attendance_allowance_higher": ("108.55", "110.40", "114.60"),
    "state_pension_full": ("221.20", "230.25", "241.30"),
    "pension_credit_guarantee_single": ("218.15", "227.10", "238.00"),
    "pension_credit_guarantee_couple": ("332.95", "346.60", "363.25"),
}
PROVISIONAL = {
    "2024-25": set(),
    "2025-26": {"minimum_income_guarantee"},
    "2026-27": {
        "upper_capital_limit",
        "lower_capital_limit",
        "personal_expenses_allowance",
        "minimum_income_guarantee",
    },
}


def test_there_is_a_file_for_each_year():
    assert available_years() == ["2024-25", "2025-26", "2026-27"]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_every_figure_matches_the_research(index):
    year = available_years()[index]
    rates = rates_for(year)
    assert set(rates.figures) == set(EXPECTED)
    for key, values in EXPECTED.items():
        assert rates.value(key) == Decimal(values[index]), (year, key)
        assert isinstance(rates.value(key), Decimal)


@pytest.mark.parametrize("year", ["2024-25", "2025-26", "2026-27"])
def test_every_figure_has_a_source_a_date_and_says_if_it_is_provisional(year):
    rates = rates_for(year)
    assert {key for key, f in rates.figures.items() if f.provisional} == PROVISIONAL[year]
    for figure in [*rates.figures.values(), *rates.default_costs.values()]:
        assert len(figure.source) > 20, figure.key
        assert rates.starts.year - 1 <= figure.applies_from.year <= rates.ends.year, figure.key
        if figure.provisional:
            assert figure.note.startswith("Provisional"), figure.key


def test_default_costs_for_dorset():
    costs = rates_for("2025-26").default_costs
    assert costs["home_care_hourly_rate"].value == Decimal("32.00")
    assert costs["live_in_weekly_fee"].value == Decimal("1600.00")
    assert costs["residential_weekly_fee"].value == Decimal("1300.00")
    assert Decimal(1360) <= costs["nursing_weekly_fee"].value <= Decimal(1580)
    assert "32.14" in costs["home_care_hourly_rate"].source
    assert "North Somerset" in costs["extra_care_rent"].source


def test_an_unknown_year_is_a_clear_error():
    with pytest.raises(InputError) as error:
        rates_for("2019-20")
    assert error.value.field == "year"
    assert "2024-25" in error.value.message


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2026, 3, 31), "2025-26"),
        (date(2026, 4, 1), "2026-27"),
        (date(2026, 11, 25), "2026-27"),
        (date(2099, 12, 31), "2099-00"),
    ],
)
def test_year_for_a_date(day, year):
    assert year_for(day) == year
