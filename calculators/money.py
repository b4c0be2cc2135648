"""Money as Decimal: rounding to the penny and formatting as people read it (£1,234.56)."""

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency

PENNY = Decimal("0.01")
POUND = Decimal("1")


def to_pennies(amount: Decimal | int | str) -> Decimal:
    """Round half up to the penny, as a bill would."""
    return Decimal(amount).quantize(PENNY, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal | int | str, *, pence: bool = True, locale: str = "en_GB") -> str:
    """£1,234.56, or £1,235 where pence don't matter (rounded half up, never half even)."""
    if pence:
        return format_currency(to_pennies(amount), "GBP", locale=locale)
    whole = Decimal(amount).quantize(POUND, rounding=ROUND_HALF_UP)
    return format_currency(whole, "GBP", format="¤#,##0", currency_digits=False, locale=locale)
