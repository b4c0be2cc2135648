"""Rates for each financial year, read from calculators/rates/<year>.toml."""

import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from calculators.errors import InputError

RATES_DIR = Path(__file__).resolve().parent / "rates"


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
class YearRates:
    year: str
    starts: date
    ends: date
    figures: dict[str, Figure]
    default_costs: dict[str, Figure]

    def figure(self, key: str) -> Figure:
        return self.figures[key]

    def value(self, key: str) -> Decimal:
        return self.figures[key].value

    def default_cost(self, key: str) -> Figure:
        return self.default_costs[key]


def available_years() -> list[str]:
    return sorted(path.stem for path in RATES_DIR.glob("*.toml"))


@cache
def rates_for(year: str) -> YearRates:
    if year not in available_years():
        raise InputError(
            f"We have no rates for the year {year!r}. Choose one of: "
            + ", ".join(available_years()),
            "year",
        )
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
