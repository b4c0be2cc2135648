"""Money as Decimal: rounding to the penny and formatting as people read it (£1,234.56)."""

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

PENNY = Decimal("0.01")
POUND = Decimal("1")


def to_pennies(amount: Decimal | int | str) -> Decimal:
    """Round half up to the penny, as a bill would."""
    return Decimal(amount).quantize(PENNY, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal | int | str, *, pence: bool = True, locale: str = "en_GB") -> str:
    """£1,234.56, or £1,235 where pence don't matter (rounded half up, never half even)."""
    value = to_pennies(amount) if pence else Decimal(amount).quantize(POUND, rounding=ROUND_HALF_UP)
    if locale == "en_GB":
        # A results page shows well over a thousand amounts: Python's own grouping gives
        # exactly what Babel gives for en_GB (tested), many times faster.
        sign = "-" if value.is_signed() else ""
        return f"{sign}£{abs(value):,.{2 if pence else 0}f}"
    babel_locale, pattern = _money_pattern(locale, pence)
    return pattern.apply(value, babel_locale, currency="GBP", currency_digits=pence)


@lru_cache(maxsize=32)
def _money_pattern(locale: str, pence: bool) -> tuple[Locale, NumberPattern]:
    """Babel's locale and currency pattern, looked up once rather than for every amount."""
    babel_locale = Locale.parse(locale)
    pattern = babel_locale.currency_formats["standard"] if pence else parse_pattern("¤#,##0")
    return babel_locale, pattern
