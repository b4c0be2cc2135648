"""Figures quoted on advice pages, from the same rates files the calculators use, so a new year's
rates file updates every page."""

import re
from datetime import date
from decimal import Decimal

from calculators.rates import Figure, available_years, rates_for, year_for

# A pound amount as people type it: £23,250, £ 31.80, £1,600.00
TYPED_AMOUNT = re.compile(r"£\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d{2})?(?!\d|,\d)")


def figure(key: str, day: date | None = None) -> Figure | None:
    """The rates figure (or typical cost) in force on a day, today by default."""
    rates = rates_for(current_year(day))
    return rates.figures.get(key) or rates.default_costs.get(key)


def current_year(day: date | None = None) -> str:
    year = year_for(day or date.today())
    years = available_years()
    # Before the first or after the last rates file, the nearest year is the best we have.
    return min(max(year, years[0]), years[-1])


def money(value: Decimal) -> str:
    """£23,250 for whole pounds, £31.80 otherwise."""
    if value == value.to_integral_value():
        return f"£{value:,.0f}"
    return f"£{value:,.2f}"


def figure_amounts() -> dict[Decimal, set[str]]:
    """Every amount any rates file quotes, with the keys that quote it."""
    amounts: dict[Decimal, set[str]] = {}
    for year in available_years():
        rates = rates_for(year)
        for item in [*rates.figures.values(), *rates.default_costs.values()]:
            amounts.setdefault(item.value, set()).add(item.key)
    return amounts


def typed_figures(text: str) -> list[tuple[str, set[str]]]:
    """Pound amounts typed into text that match a rates figure: each should be a macro."""
    amounts = figure_amounts()
    found = []
    for match in TYPED_AMOUNT.finditer(text):
        value = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
        if value in amounts:
            found.append((match.group(0), amounts[value]))
    return found
