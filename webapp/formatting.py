"""Template filters: the one way the site shows money and dates."""

import json
from datetime import date, datetime
from decimal import Decimal

from flask import Flask
from flask_babel import format_date, get_locale

from calculators.money import format_money


def money(amount: Decimal | int | str, pence: bool = True) -> str:
    return format_money(amount, pence=pence, locale=str(get_locale()))


def long_date(value: date | datetime) -> str:
    """23 November 2026"""
    return format_date(value, "d MMMM y")


def json_for_script(data) -> str:
    """JSON safe to place inside a <script> element: nothing in it can close the element."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def init_app(app: Flask) -> None:
    app.add_template_filter(money)
    app.add_template_filter(long_date)
