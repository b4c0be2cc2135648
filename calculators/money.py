"""Money as Decimal: reading it as people write it ("180k", "£1,234.50"), rounding to the penny
and formatting it as people read it (£1,234.56)."""

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

PENNY = Decimal("0.01")
POUND = Decimal("1")

# How people write an amount, in the planner's boxes and in the calculators' JSON alike: "£180,000",
# "180 000", "1,000.50", "180k", "1.5m". Digits in groups of three split by one kind of separator,
# or plain digits; then pence; then k for thousands or m for millions. Python and JSON Schema
# (ECMA-262) read this pattern the same way, so the API's OpenAPI document carries it unchanged.
AMOUNT_TEXT_PATTERN = (
    r"^\s*£?\s*([0-9]{1,3}([, \u00a0\u202f])[0-9]{3}(?:\2[0-9]{3})*|[0-9]+)"
    r"(?:\.([0-9]+))?\s*([kKmM])?\s*$"
)
# No one writes more than this for an amount; longer text is refused before it is read.
AMOUNT_TEXT_MAX_LENGTH = 40
_AMOUNT_TEXT = re.compile(AMOUNT_TEXT_PATTERN)
_SCALES = {None: 1, "k": 1000, "m": 1_000_000}


class AmountTextError(ValueError):
    """Text that is not an amount; `negative` says whether it was a negative one."""

    def __init__(self, negative: bool = False):
        super().__init__("a negative amount" if negative else "not an amount")
        self.negative = negative


def read_amount(text: str) -> Decimal:
    """Pounds from an amount as people write it (not rounded: callers decide about pence)."""
    if len(text) > AMOUNT_TEXT_MAX_LENGTH:
        raise AmountTextError()
    match = _AMOUNT_TEXT.fullmatch(text)
    if not match:
        raise AmountTextError(negative=text.strip().removeprefix("£").lstrip().startswith("-"))
    whole, _, fraction, scale = match.groups()
    number = Decimal(re.sub(r"[^0-9]", "", whole) + (f".{fraction}" if fraction else ""))
    return number * _SCALES[scale.lower() if scale else None]


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
