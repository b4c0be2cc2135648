"""The JSON contract shared by the command line and the web API: one function per calculator,
taking the decoded JSON object and returning a JSON-ready object."""

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from calculators.care_cost import NURSING_RATES, OPTIONS, CareAmounts, CareCost, care_cost
from calculators.compare import OptionInput, compare
from calculators.depletion import DepletionInput, DepletionResult, Home, IncomeChange, project
from calculators.errors import InputError
from calculators.inputs import Reader
from calculators.means_test import (
    AGE_BANDS,
    INCOME_KINDS,
    MAX_PREMIUMS,
    PREMIUMS,
    SETTINGS,
    MeansTestInput,
    means_test,
)
from calculators.money import POUND, to_pennies
from calculators.rates import Figure, YearRates, rates_for, rates_on
from calculators.screens import (
    CHC_DOMAINS,
    CHC_SCORES,
    Screen,
    attendance_allowance,
    continuing_healthcare,
    nhs_nursing_care,
    pension_credit,
)

MAX_YEARS = 50
MAX_WEEKS = MAX_YEARS * 52
MAX_OPTIONS = 8
# Yearly fee rises and interest: at most 20%, so 50 years of growth stays a sum people can read.
MAX_YEARLY_RATE = Decimal("0.2")


def _rates(reader: Reader, today: date) -> YearRates:
    """The year asked for, else the year of the start date, else this year."""
    year = reader.text("year", "")
    if year:
        return rates_for(year)
    return rates_on(reader.day("start_date", today))


def _weekly_income(reader: Reader, name: str = "weekly_income") -> dict[str, Decimal] | Decimal:
    """Income as one weekly amount, or as an object of amounts by kind."""
    if not reader.is_object(name):
        return reader.money(name, Decimal(0))
    income = reader.child(name)
    amounts = {kind: income.money(kind, Decimal(0)) for kind in INCOME_KINDS}
    income.finish()
    return amounts


def _circumstances(reader: Reader) -> dict:
    """What sets the minimum income guarantee and which income is ignored."""
    return {
        "night_care": reader.boolean("night_care"),
        "age_band": reader.choice("age_band", AGE_BANDS, "pension_age"),
        "couple": reader.boolean("couple"),
        "premiums": reader.choices("premiums", PREMIUMS, MAX_PREMIUMS),
        "partner_at_home": reader.boolean("partner_at_home"),
    }


# --- care-cost ---------------------------------------------------------------------------------


def _care_amounts(reader: Reader) -> tuple[str, CareAmounts]:
    option = reader.choice("option", OPTIONS)
    amounts = CareAmounts(
        hours_per_week=reader.money("hours_per_week", Decimal(0)),
        hourly_rate=reader.money("hourly_rate"),
        sessions_per_week=reader.money("sessions_per_week", Decimal(0)),
        session_cost=reader.money("session_cost"),
        weekly_fee=reader.money("weekly_fee"),
        rent=reader.money("rent"),
        service_charge=reader.money("service_charge"),
        meals=reader.money("meals"),
        dementia=reader.boolean("dementia"),
        nursing_rate=reader.choice("nursing_rate", NURSING_RATES, "standard"),
    )
    if amounts.hours_per_week > 168:
        raise InputError(
            "The hours per week cannot be more than 168", reader.path("hours_per_week")
        )
    if amounts.sessions_per_week > 21:
        raise InputError(
            "The sessions per week cannot be more than 21", reader.path("sessions_per_week")
        )
    return option, amounts


def _cost_json(cost: CareCost) -> dict:
    return {
        "option": cost.option,
        "weekly_fee": cost.weekly_fee,
        "nhs_weekly_contribution": cost.nhs_weekly_contribution,
        "weekly_cost": cost.weekly_cost,
        "housing_costs": cost.housing_costs,
        "meals": cost.meals,
        "breakdown": [line.as_dict() for line in cost.breakdown],
        "sources": [figure.as_dict() for figure in cost.sources],
        "provisional": cost.provisional,
    }


def run_care_cost(data: Any, today: date) -> dict:
    reader = Reader(data)
    rates = _rates(reader, today)
    option, amounts = _care_amounts(reader)
    reader.finish()
    return {
        "year": rates.year,
        **_cost_json(care_cost(rates, option, amounts)),
        "notes": _notes(rates),
    }


# --- means-test --------------------------------------------------------------------------------


def run_means_test(data: Any, today: date) -> dict:
    reader = Reader(data)
    rates = _rates(reader, today)
    weekly_income = _weekly_income(reader)
    if isinstance(weekly_income, Decimal):
        weekly_income = {"other": weekly_income}
    answers = MeansTestInput(
        setting=reader.choice("setting", SETTINGS),
        capital=reader.money("capital", required=True),
        weekly_cost=reader.money("weekly_cost", required=True),
        weekly_income=weekly_income,
        property_value=reader.money("property_value", Decimal(0)),
        property_debts=reader.money("property_debts", Decimal(0)),
        property_occupied_by_qualifying_relative=reader.boolean(
            "property_occupied_by_qualifying_relative"
        ),
        property_for_sale=reader.boolean("property_for_sale"),
        weeks_since_admission=reader.whole("weeks_since_admission", 0, 0, MAX_WEEKS),
        housing_costs=reader.money("housing_costs", Decimal(0)),
        disability_related_expenditure=reader.money("disability_related_expenditure", Decimal(0)),
        personal_expenses_allowance=reader.money("personal_expenses_allowance"),
        minimum_income_guarantee=reader.money("minimum_income_guarantee"),
        **_circumstances(reader),
    )
    reader.finish()
    result = means_test(rates, answers)
    return {
        "year": result.year,
        "setting": answers.setting,
        "counted_capital": result.counted_capital,
        "property_counted": result.property_counted,
        "tariff_income": result.tariff_income,
        "self_funder": result.self_funder,
        "income_counted": result.income_counted,
        "income_ignored": result.income_ignored,
        "ignored_income": [item.as_dict() for item in result.ignored_income],
        "assessed_income": result.assessed_income,
        "allowance": result.allowance,
        "weekly_cost": answers.weekly_cost,
        "weekly_contribution": result.weekly_contribution,
        "council_weekly_contribution": result.council_weekly_contribution,
        "provisional": result.provisional,
        "figures_used": _figures(result.figures_used),
        "explanation": result.explanation,
        "notes": _notes(rates),
    }


# --- capital-depletion -------------------------------------------------------------------------


def _situation(reader: Reader, today: date, weekly_cost_required: bool) -> DepletionInput:
    changes = tuple(
        _income_change(change) for change in reader.children("income_changes", MAX_OPTIONS)
    )
    home_reader = reader.child("home")
    return DepletionInput(
        capital=reader.money("capital", required=True),
        joint_savings=reader.money("joint_savings", Decimal(0)),
        weekly_income=_weekly_income(reader),
        weekly_cost=(
            reader.money("weekly_cost", required=True) if weekly_cost_required else Decimal(0)
        ),
        start_date=reader.day("start_date", today),
        annual_cost_increase=reader.fraction("annual_cost_increase", most=MAX_YEARLY_RATE),
        annual_interest_rate=reader.fraction("annual_interest_rate", most=MAX_YEARLY_RATE),
        years=reader.whole("years", 30, 1, MAX_YEARS),
        setting=reader.choice("setting", SETTINGS, "care_home") if weekly_cost_required else "home",
        income_changes=changes,
        home=_home(home_reader) if home_reader else None,
        housing_costs=reader.money("housing_costs", Decimal(0)),
        living_costs=reader.money("living_costs"),
        personal_spending=reader.money("personal_spending"),
        disability_related_expenditure=reader.money("disability_related_expenditure", Decimal(0)),
        **_circumstances(reader),
    )


def _income_change(reader: Reader) -> IncomeChange:
    change = IncomeChange(
        from_week=reader.whole("from_week", None, 0, MAX_WEEKS, required=True),
        weekly_income=(
            _weekly_income(reader)
            if reader.is_object("weekly_income")
            else reader.money("weekly_income", required=True)
        ),
    )
    reader.finish()
    return change


def _home(reader: Reader) -> Home:
    home = Home(
        value=reader.money("value", required=True),
        mortgage=reader.money("mortgage", Decimal(0)),
        occupied_by_qualifying_relative=reader.boolean("occupied_by_qualifying_relative"),
        sold_at_week=reader.whole("sold_at_week", None, 0, MAX_WEEKS),
        deferred=reader.boolean("deferred"),
        deferred_interest_rate=reader.fraction(
            "deferred_interest_rate", default=None, most=Decimal("0.2")
        ),
        deferred_setup_fee=reader.money("deferred_setup_fee", Decimal(0)),
        deferred_annual_fee=reader.money("deferred_annual_fee", Decimal(0)),
    )
    reader.finish()
    if home.sold_at_week is not None and home.deferred:
        raise InputError(
            "A home is either sold or kept under a deferred payment agreement, not both",
            reader.path("deferred"),
        )
    return home


def _projection_json(result: DepletionResult) -> dict:
    first = result.first_week
    return {
        "weeks_until_upper_limit": result.weeks_until_upper_limit,
        "upper_limit_date": result.upper_limit_date,
        "ask_council_by": "now" if result.ask_council_now else result.ask_council_by,
        "council_help_from_week": result.council_help_from_week,
        "ask_council_first_by": (
            "now" if result.ask_council_first_now else result.ask_council_first_by
        ),
        "total_paid_until_upper_limit": result.total_paid_until_upper_limit,
        "weekly_contribution_after_limit": result.weekly_contribution_after_limit,
        "council_weekly_contribution_after_limit": result.council_weekly_contribution_after_limit,
        "capital_after_years": {str(y): c for y, c in result.capital_after_years.items()},
        "final_capital": result.final_capital,
        "total_paid_by_person": result.ledger.paid_for_care,
        "total_paid_by_council": result.ledger.paid_by_council,
        "weekly_outgoings": first.as_dict(),
        "weekly_from_income": first.from_income,
        "weekly_from_savings": first.from_savings,
        "weekly_from_council": first.from_council,
        "council_funding_weeks": result.council_funding_weeks,
        "self_funding_weeks": result.self_funding_weeks,
        "home": (
            {
                "counted_value": result.home_counted_value,
                "sold_at_week": result.home_sold_at_week,
            }
            if result.home_counted_value is not None
            else None
        ),
        "deferred_payment": (
            result.deferred_payment.as_dict() if result.deferred_payment is not None else None
        ),
        "income_counted": result.income_counted,
        "income_ignored": [item.as_dict() for item in result.income_ignored],
        "ledger": result.ledger.as_dict(),
        "assumptions": [item.as_dict() for item in result.assumptions],
        "provisional": result.provisional,
        "explanation": result.explanation,
        "series": [
            {
                "week": point.week,
                "date": point.date,
                "capital": point.capital,
                "deferred_debt": point.deferred_debt,
                "paid_by_person": point.paid_by_person,
                "paid_by_council": point.paid_by_council,
            }
            for point in result.series
        ],
    }


def run_capital_depletion(data: Any, today: date) -> dict:
    reader = Reader(data)
    rates = _rates(reader, today)
    situation = _situation(reader, today, weekly_cost_required=True)
    reader.finish()
    result = project(rates, situation)
    return {
        "year": rates.year,
        **_projection_json(result),
        "figures_used": _figures(result.figures_used),
        "notes": _notes(rates),
    }


# --- compare -----------------------------------------------------------------------------------


def _option(reader: Reader) -> OptionInput:
    label = reader.text("label", "")
    parts = reader.children("parts", MAX_OPTIONS)
    if parts:
        choice = OptionInput(tuple(_part(part) for part in parts), label)
    else:
        choice = OptionInput((_care_amounts(reader),), label)
    reader.finish()
    return choice


def _part(reader: Reader) -> tuple[str, CareAmounts]:
    part = _care_amounts(reader)
    reader.finish()
    return part


def run_compare(data: Any, today: date) -> dict:
    reader = Reader(data)
    rates = _rates(reader, today)
    options = [_option(option) for option in reader.children("options", MAX_OPTIONS)]
    if not options:
        raise InputError("Give at least one option to compare", "options")
    situation = _situation(reader, today, weekly_cost_required=False)
    reader.finish()
    results = compare(rates, situation, options)
    figures = {f.key: f for r in results for f in r.projection.figures_used}
    return {
        "year": rates.year,
        "options": [
            {
                "name": result.name,
                "setting": result.setting,
                "weekly_fee": result.weekly_fee,
                "nhs_weekly_contribution": result.nhs_weekly_contribution,
                "weekly_cost": result.weekly_cost,
                "meals": result.meals,
                "costs": [_cost_json(cost) for cost in result.costs],
                **_projection_json(result.projection),
                "provisional": result.provisional,
            }
            for result in results
        ],
        "provisional": any(result.provisional for result in results),
        "figures_used": _figures(list(figures.values())),
        "notes": _notes(rates),
    }


# --- screens -----------------------------------------------------------------------------------


def run_screens(data: Any, today: date) -> dict:
    reader = Reader(data)
    rates = _rates(reader, today)
    screens: list[Screen] = []
    checklist = reader.child("continuing_healthcare")
    if checklist:
        scores = {domain: checklist.choice(domain, CHC_SCORES, "C") for domain in CHC_DOMAINS}
        checklist.finish()
        screens.append(continuing_healthcare(scores))
    nursing = reader.child("nursing_care")
    if nursing:
        screens.append(
            nhs_nursing_care(
                rates, nursing.boolean("in_nursing_home"), nursing.boolean("needs_registered_nurse")
            )
        )
        nursing.finish()
    benefits = reader.child("attendance_allowance")
    if benefits:
        screens.append(
            attendance_allowance(
                rates,
                over_state_pension_age=benefits.boolean("over_state_pension_age"),
                help_by_day=benefits.boolean("help_by_day"),
                help_by_night=benefits.boolean("help_by_night"),
                terminally_ill=benefits.boolean("terminally_ill"),
                already_receiving=benefits.boolean("already_receiving"),
                receiving_pip_or_dla=benefits.boolean("receiving_pip_or_dla"),
            )
        )
        benefits.finish()
    credit = reader.child("pension_credit")
    if credit:
        screens.append(
            pension_credit(
                rates,
                couple=credit.boolean("couple"),
                weekly_income=credit.money("weekly_income", required=True),
                capital=credit.money("capital", Decimal(0)),
                already_receiving=credit.boolean("already_receiving"),
                partner_weekly_income=credit.money("partner_weekly_income", Decimal(0)),
            )
        )
        credit.finish()
    reader.finish()
    return {
        "year": rates.year,
        "screens": [
            {
                "key": screen.key,
                "applies": screen.applies,
                "weekly_amount": screen.weekly_amount,
                "message": screen.message,
                "figure": screen.figure.as_dict() if screen.figure else None,
            }
            for screen in screens
        ],
        "provisional": any(s.figure and s.figure.provisional for s in screens),
        "notes": _notes(rates),
    }


# --- shared ------------------------------------------------------------------------------------


def _notes(rates: YearRates) -> list[str]:
    """Said once in every result: e.g. that a later year uses the newest figures."""
    return [rates.note] if rates.note else []


def _figures(figures: list[Figure]) -> list[dict]:
    return [figure.as_dict() for figure in figures]


COMMANDS: dict[str, Callable[[Any, date], dict]] = {
    "care-cost": run_care_cost,
    "means-test": run_means_test,
    "capital-depletion": run_capital_depletion,
    "compare": run_compare,
    "screens": run_screens,
}


def parse(text: str) -> Any:
    """Decode JSON input with every number as Decimal (never float arithmetic on money, and an
    integer of thousands of digits is just a number that fails its field's range check)."""
    try:
        return json.loads(text, parse_float=Decimal, parse_int=Decimal)
    except json.JSONDecodeError as error:
        raise InputError(
            f"The input is not valid JSON: {error.msg} (line {error.lineno})"
        ) from None
    except RecursionError:
        raise InputError("The input is nested too deeply: send a flat JSON object") from None


def run(name: str, data: Any, today: date | None = None) -> dict:
    """Run one calculator on decoded JSON; raises InputError for anything it cannot use."""
    if name not in COMMANDS:
        raise InputError(f"Unknown calculator {name!r}. Choose one of: {', '.join(COMMANDS)}")
    return to_json(COMMANDS[name](data, today or date.today()))


def to_json(value: Any) -> Any:
    """Money to Decimal pounds rounded to the penny, dates to YYYY-MM-DD, "now" kept."""
    if isinstance(value, Decimal):
        pennies = to_pennies(value)
        return pennies.quantize(POUND) if pennies == pennies.to_integral_value() else pennies
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    return value


def dumps(value: Any, indent: int | None = None, _level: int = 0) -> str:
    """JSON text in which every amount is a plain number in pounds, never 6.3e+18: json.dumps
    would need floats, which cannot hold large sums to the penny."""
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dict | list):
        items = (
            [
                f"{json.dumps(str(k), ensure_ascii=False)}: {dumps(v, indent, _level + 1)}"
                for k, v in value.items()
            ]
            if isinstance(value, dict)
            else [dumps(item, indent, _level + 1) for item in value]
        )
        opening, closing = "{}" if isinstance(value, dict) else "[]"
        if not items:
            return opening + closing
        if indent is None:
            return opening + ", ".join(items) + closing
        inner = "\n" + " " * (indent * (_level + 1))
        return (
            opening + inner + ("," + inner).join(items) + "\n" + " " * (indent * _level) + closing
        )
    return json.dumps(value, ensure_ascii=False)
