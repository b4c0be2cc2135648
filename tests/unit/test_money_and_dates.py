from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from babel.numbers import format_currency
from hypothesis import given
from hypothesis import strategies as st

from calculators.money import format_money, to_pennies
from webapp.formatting import long_date, money


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("1234.56"), "£1,234.56"),
        (Decimal("0"), "£0.00"),
        (Decimal("9"), "£9.00"),
        (Decimal("1234567.891"), "£1,234,567.89"),
        (Decimal("0.005"), "£0.01"),  # half up, as a bill rounds
        (Decimal("0.015"), "£0.02"),  # not half even
        ("23250", "£23,250.00"),
    ],
)
def test_money_with_pence(amount, expected):
    assert format_money(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("1234.56"), "£1,235"),
        (Decimal("1234.5"), "£1,235"),
        (Decimal("1234.49"), "£1,234"),
        (Decimal("2.5"), "£3"),
        (Decimal("100000"), "£100,000"),
    ],
)
def test_money_in_whole_pounds(amount, expected):
    assert format_money(amount, pence=False) == expected


def test_to_pennies_rounds_half_up():
    assert to_pennies(Decimal("2.345")) == Decimal("2.35")
    assert to_pennies("2.344") == Decimal("2.34")


def test_template_filters_use_the_request_locale(app):
    with app.test_request_context():
        assert money(Decimal("1234.56")) == "£1,234.56"
        assert money(Decimal("1234.56"), pence=False) == "£1,235"
        assert long_date(date(2026, 11, 23)) == "23 November 2026"
        assert long_date(date(2027, 4, 6)) == "6 April 2027"


def test_filters_are_registered_for_templates(app):
    with app.test_request_context():
        rendered = app.jinja_env.from_string(
            "{{ amount | money }} {{ amount | money(pence=False) }} {{ day | long_date }}"
        ).render(amount=Decimal("1234.56"), day=date(2026, 11, 23))
    assert rendered == "£1,234.56 £1,235 23 November 2026"


def _as_babel_formats(amount: Decimal, pence: bool, locale: str) -> str:
    """The formatting before the fast path: Babel's format_currency on every call."""
    if pence:
        return format_currency(to_pennies(amount), "GBP", locale=locale)
    whole = amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return format_currency(whole, "GBP", format="¤#,##0", currency_digits=False, locale=locale)


@given(
    amount=st.decimals(
        min_value=-(10**10), max_value=10**10, places=3, allow_nan=False, allow_infinity=False
    ),
    pence=st.booleans(),
    locale=st.sampled_from(["en_GB", "cy", "en"]),
)
def test_money_reads_exactly_as_babel_writes_it(amount, pence, locale):
    assert format_money(amount, pence=pence, locale=locale) == _as_babel_formats(
        amount, pence, locale
    )
