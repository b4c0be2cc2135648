"""Rates for each financial year, read from calculators/rates/<year>.toml."""

import re
import tomllib
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from calculators.errors import InputError

RATES_DIR = Path(__file__).resolve().parent / "rates"
YEAR_PATTERN = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: Decimal
    source: str
    provisional: bool = False
    applies_from: date | None = None
    note: str = ""

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "applies_from": self.applies_from.isoformat() if self.applies_from else None,
            "source": self.source,
            "provisional": self.provisional,
            "note": self.note,
        }


@dataclass(frozen=True)
class InterestRate:
    """The national maximum interest rate on deferred payments, in force from a date."""

    starts: date
    rate: Decimal
    source: str


@dataclass(frozen=True)
class YearRates:
    year: str
    starts: date
    ends: date
    figures: dict[str, Figure]
    default_costs: dict[str, Figure]
    # Set when the year asked for is beyond the newest file: its figures are used instead.
    carried_from: str | None = None

    @property
    def note(self) -> str:
        if self.carried_from is None:
            return ""
        return (
            f"We hold no figures for {self.year}, so those for {self.carried_from} are used; "
            "every figure is provisional."
        )

    def figure(self, key: str) -> Figure:
        return self.figures[key]

    def value(self, key: str) -> Decimal:
        return self.figures[key].value

    def default_cost(self, key: str) -> Figure:
        return self.default_costs[key]


@cache
def available_years() -> list[str]:
    return sorted(path.stem for path in RATES_DIR.glob("*.toml"))


def rates_for(year: str) -> YearRates:
    """The figures for a financial year like '2026-27'. A later year than any file uses the
    newest file's figures, marked provisional; an earlier one, or nonsense, is refused."""
    years = available_years()
    match = YEAR_PATTERN.fullmatch(year) if isinstance(year, str) else None
    if year in years:
        return _load(year)
    if match and year > years[-1] and (int(match[1]) + 1) % 100 == int(match[2]):
        return _carried(year, years[-1])
    raise InputError(
        f"We have no rates for the year {year!r}. Choose one of: {', '.join(years)}, or a "
        "later year written like 2027-28",
        "year",
    )


def rates_on(day: date) -> YearRates:
    """The figures for the year a date falls in. Never fails: a date after the newest file uses
    its figures, one before the oldest the oldest figures, each marked provisional."""
    year = year_for(day)
    years = available_years()
    if year in years:
        return _load(year)
    return _carried(year, years[-1] if year > years[-1] else years[0])


@cache
def _carried(year: str, held: str) -> YearRates:
    rates = _load(held)
    note = f"No figures held for {year}: the {held} figure is used."
    return replace(
        rates,
        year=year,
        carried_from=held,
        figures={
            key: replace(figure, provisional=True, note=note)
            for key, figure in rates.figures.items()
        },
    )


@cache
def deferred_interest_rates() -> tuple[InterestRate, ...]:
    """Every dated national maximum rate in the rates files, oldest first."""
    found = []
    for year in available_years():
        with open(RATES_DIR / f"{year}.toml", "rb") as file:
            data = tomllib.load(file, parse_float=Decimal)
        found += [
            InterestRate(item["from"], Decimal(item["rate"]), item["source"])
            for item in data.get("deferred_interest_rates", [])
        ]
    return tuple(sorted(found, key=lambda item: item.starts))


def deferred_interest_rate_on(day: date) -> InterestRate:
    """The national maximum in force on a day (the oldest one before the table starts)."""
    table = deferred_interest_rates()
    in_force = table[0]
    for item in table:
        if item.starts <= day:
            in_force = item
    return in_force


@cache
def _load(year: str) -> YearRates:
    with open(RATES_DIR / f"{year}.toml", "rb") as file:
        data = tomllib.load(file, parse_float=Decimal)
    return YearRates(
        year=data["year"],
        starts=data["starts"],
        ends=data["ends"],
        figures={key: _figure(key, item) for key, item in data["figures"].items()},
        default_costs={key: _figure(key, item) for key, item in data["default_costs"].items()},
    )


def year_for(day: date) -> str:
    """The financial year (1 April to 31 March) a date falls in, as '2026-27'."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _figure(key: str, item: dict) -> Figure:
    return Figure(
        key=key,
        label=item["label"],
        value=Decimal(item["value"]),
        source=item["source"],
        provisional=item.get("provisional", False),
        applies_from=item.get("applies_from") or item.get("as_of"),
        note=item.get("note", ""),
    )
