"""The one reader of what people type as an amount: pounds, hours and counts.

Every planner form, the check page and saved plans read amounts here, with the calculators' own
reader of written amounts (`calculators.money.read_amount`, which the JSON API uses too), so "180k",
"£180,000", "180 000" and "1,000.50" mean the same thing everywhere.
"""

from decimal import ROUND_HALF_UP, Decimal

from flask_babel import lazy_gettext as _l

from calculators.inputs import MAX_AMOUNT
from calculators.money import AmountTextError, read_amount

PENNY = Decimal("0.01")
MAX_HOURS_A_WEEK = Decimal(168)
MAX_SESSIONS_A_WEEK = 14
# What an amount is given for, and how many of each make a year.
PERIODS = {"week": 52, "month": 12, "year": 1}
PERIOD_LABELS = {"week": _l("a week"), "month": _l("a month"), "year": _l("a year")}
WEEKS_A_YEAR = Decimal(52)


class AmountError(ValueError):
    """What was typed cannot be read; `message` is what to tell the person (a lazy string
    that starts with the question's short name, such as "their State Pension")."""

    def __init__(self, message, **values):
        super().__init__(str(message))
        self.message = message
        self.values = values

    def for_name(self, name) -> str:
        """The message about one question, as plain text (escaped wherever it is shown). The
        name starts the sentence, so it takes a capital there."""
        name = str(name)
        return str(self.message) % {"name": name[:1].upper() + name[1:], **self.values}


def _number(text: str) -> Decimal:
    """A non-negative number as typed, with its thousands separators and k/m read."""
    try:
        return read_amount(text)
    except AmountTextError as error:
        if error.negative:
            raise AmountError(_l("%(name)s cannot be negative")) from None
        raise AmountError(_l("%(name)s must be an amount in pounds, like 250.50 or 180k")) from None


def parse_money(text: str | None) -> Decimal | None:
    """Pounds from what was typed (None when nothing was), or AmountError saying what is wrong."""
    if text is None or not str(text).strip():
        return None
    amount = _number(str(text))
    if amount > MAX_AMOUNT:
        raise AmountError(_l("%(name)s must be %(most)s or less"), most=f"£{MAX_AMOUNT:,.0f}")
    if amount != amount.quantize(PENNY):
        raise AmountError(_l("%(name)s must be in pounds and pence, like 250.50"))
    return amount


def parse_hours(text: str | None) -> Decimal | None:
    """Hours a week, from 0 to 168 (there are no more in a week)."""
    if text is None or not str(text).strip():
        return None
    text = str(text).strip().lower().removesuffix("hours").removesuffix("hrs")
    try:
        # Hours are not pounds: "£14" is a slip worth pointing out, not reading as 14 hours.
        hours = None if "£" in text else _number(text)
    except AmountError:
        hours = None
    if hours is None or hours > MAX_HOURS_A_WEEK or hours != hours.quantize(PENNY):
        raise AmountError(_l("%(name)s must be a number of hours from 0 to 168, like 14 or 10.5"))
    return hours


def parse_count(text: str | None) -> Decimal | None:
    """A whole number of sessions a week, from 0 to 14."""
    if text is None or not str(text).strip():
        return None
    try:
        count = _number(str(text))
    except AmountError:
        count = None
    if count is None or count != count.to_integral_value() or count > MAX_SESSIONS_A_WEEK:
        raise AmountError(
            _l("%(name)s must be a whole number from 0 to %(most)d"), most=MAX_SESSIONS_A_WEEK
        )
    return count


def weekly(amount: Decimal, per: str) -> Decimal:
    """An amount given a week, a month or a year, as pounds a week (to the penny)."""
    return (amount * PERIODS[per] / WEEKS_A_YEAR).quantize(PENNY, rounding=ROUND_HALF_UP)
