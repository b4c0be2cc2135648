from datetime import date
from decimal import Decimal

import pytest

from calculators.errors import InputError
from calculators.rates import (
    available_years,
    deferred_interest_rate_on,
    deferred_interest_rates,
    rates_for,
    rates_on,
    year_for,
)

EXPECTED = {
    # key: (2024-25, 2025-26, 2026-27), from the research table in the calculators issue
    "upper_capital_limit": ("23250", "23250", "23250"),
    "lower_capital_limit": ("14250", "14250", "14250"),
    "personal_expenses_allowance": ("30.15", "30.65", "31.80"),
    # DHSC raised the guarantee for 2026-27: never the 2025-26 figure carried forward.
    "minimum_income_guarantee": ("228.70", "232.60", "241.45"),
    "mig_single_18_24": ("87.65", "89.15", "95.40"),
    "mig_single_25_to_pension_age": ("110.60", "112.50", "120.40"),
    "mig_lone_parent": ("110.60", "112.50", "120.40"),
    "mig_couple_18_plus": ("86.90", "88.40", "94.60"),
    "mig_couple_pension_age": ("174.60", "177.55", "184.30"),
    "mig_disability_premium_single": ("48.80", "49.65", "53.15"),
    "mig_enhanced_disability_premium_single": ("23.85", "24.25", "25.95"),
    "mig_disability_premium_couple": ("34.80", "35.40", "37.90"),
    "mig_enhanced_disability_premium_couple": ("17.10", "17.40", "18.60"),
    "mig_carer_premium": ("52.35", "53.25", "57.00"),
    "mig_dependent_child": ("101.25", "102.95", "110.15"),
    "savings_credit_disregard_single": ("6.95", "7.05", "7.30"),
    "savings_credit_disregard_couple": ("10.40", "10.60", "11.00"),
    "ask_council_lead_weeks": ("13", "13", "13"),
    "nhs_nursing_care_standard": ("235.88", "254.06", "267.68"),
    "nhs_nursing_care_higher": ("324.50", "349.50", "368.24"),
    "attendance_allowance_lower": ("72.65", "73.90", "76.70"),
    "attendance_allowance_higher": ("108.55", "110.40", "114.60"),
    "state_pension_full": ("221.20", "230.25", "241.30"),
    "pension_credit_guarantee_single": ("218.15", "227.10", "238.00"),
    "pension_credit_guarantee_couple": ("332.95", "346.60", "363.25"),
}
# Only figures we could not check against a published source stay provisional.
# No published amount for a couple could be read for 2024-25 or 2025-26 (see the notes).
COUPLES = {
    "mig_couple_18_plus",
    "mig_couple_pension_age",
    "mig_disability_premium_couple",
    "mig_enhanced_disability_premium_couple",
}
PROVISIONAL = {
    "2024-25": COUPLES,
    "2025-26": {*COUPLES, "savings_credit_disregard_single", "savings_credit_disregard_couple"},
    "2026-27": {
        "upper_capital_limit",
        "lower_capital_limit",
        "personal_expenses_allowance",
        "minimum_income_guarantee",
        "mig_single_25_to_pension_age",
        "mig_lone_parent",
        "mig_couple_18_plus",
        "mig_couple_pension_age",
        "mig_disability_premium_single",
        "mig_enhanced_disability_premium_single",
        "mig_disability_premium_couple",
        "mig_enhanced_disability_premium_couple",
        "mig_carer_premium",
        "mig_dependent_child",
        "savings_credit_disregard_single",
        "savings_credit_disregard_couple",
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
        # The note is shown to the public beside the figure: short and plain, with the research
        # behind it kept in `checked`, which is never shown.
        assert len(figure.note) <= 300 and "http" not in figure.note, figure.key
        assert "Searched" not in figure.note, figure.key


def test_default_costs_for_dorset():
    costs = rates_for("2025-26").default_costs
    assert costs["home_care_hourly_rate"].value == Decimal("32.00")
    assert costs["live_in_weekly_fee"].value == Decimal("1600.00")
    assert costs["residential_weekly_fee"].value == Decimal("1300.00")
    assert Decimal(1360) <= costs["nursing_weekly_fee"].value <= Decimal(1580)
    assert "32.14" in costs["home_care_hourly_rate"].source
    assert "North Somerset" in costs["extra_care_rent"].source


@pytest.mark.parametrize("year", ["2019-20", "2023-24", "2027-29", "27-28", "soon"])
def test_an_unknown_year_is_a_clear_error(year):
    with pytest.raises(InputError) as error:
        rates_for(year)
    assert error.value.field == "year"
    assert "2024-25" in error.value.message


@pytest.mark.parametrize("year", ["2027-28", "2030-31", "9999-00"])
def test_a_year_beyond_the_newest_file_uses_its_figures_marked_provisional(year):
    rates = rates_for(year)
    newest = rates_for(available_years()[-1])
    assert rates.year == year
    assert rates.carried_from == newest.year
    assert rates.value("upper_capital_limit") == newest.value("upper_capital_limit")
    assert all(figure.provisional for figure in rates.figures.values())
    assert newest.year in rates.note and year in rates.note


def test_the_deferred_payment_interest_table_is_dated_from_january_2024():
    table = deferred_interest_rates()
    assert table[0].starts == date(2024, 1, 1)
    assert [item.starts for item in table] == sorted(item.starts for item in table)
    assert all(item.starts.month in (1, 7) and item.starts.day == 1 for item in table)
    assert all(len(item.source) > 40 for item in table)
    assert deferred_interest_rate_on(date(2024, 6, 30)).rate == Decimal("0.0465")
    assert deferred_interest_rate_on(date(2024, 7, 1)).rate == Decimal("0.0405")
    assert deferred_interest_rate_on(date(2025, 1, 1)).rate == Decimal("0.0425")


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


@pytest.mark.parametrize(
    ("day", "year", "held"),
    [
        (date(2025, 1, 1), "2024-25", None),
        (date(2027, 4, 6), "2027-28", "2026-27"),
        (date(9999, 12, 31), "9999-00", "2026-27"),
        (date(2020, 5, 1), "2020-21", "2024-25"),
    ],
)
def test_rates_on_a_day_never_fail(day, year, held):
    rates = rates_on(day)
    assert rates.year == year
    assert rates.carried_from == held
    assert all(figure.provisional for figure in rates.figures.values()) == (held is not None)
