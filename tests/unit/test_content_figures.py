"""The figure and contact macros on advice pages, and the data they read."""

from datetime import date
from decimal import Decimal

import pytest

from calculators.rates import rates_for
from webapp.content.contacts import contact, contacts
from webapp.content.figures import current_year, figure, money, typed_figures
from webapp.content.markdown import render


def _render(text, day=None):
    return render(text, lambda slug: None, day)


@pytest.mark.parametrize(
    ("value", "shown"),
    [("23250.00", "£23,250"), ("31.80", "£31.80"), ("1600", "£1,600"), ("218.5", "£218.50")],
)
def test_money_drops_pence_only_from_whole_pounds(value, shown):
    assert money(Decimal(value)) == shown


def test_a_figure_macro_shows_the_rates_file_value_for_the_day():
    text = "You keep {figure: personal_expenses_allowance} a week."
    for day, year in [(date(2025, 6, 1), "2025-26"), (date(2026, 6, 1), "2026-27")]:
        expected = money(rates_for(year).value("personal_expenses_allowance"))
        rendered = _render(text, day)
        assert f"You keep {expected} a week." in rendered.html
        assert [f.key for f in rendered.figures] == ["personal_expenses_allowance"]
    assert _render(text, date(2025, 6, 1)).html != _render(text, date(2026, 6, 1)).html


def test_typical_costs_work_too_and_carry_their_provisional_flag():
    rendered = _render("{figure: homecare_minimum_price} an hour", date(2026, 6, 1))
    cost = rates_for("2026-27").default_costs["homecare_minimum_price"]
    assert money(cost.value) in rendered.html
    assert rendered.figures == [cost]


def test_a_worked_example_adds_and_takes_away_figures():
    day = date(2026, 6, 1)
    rates = rates_for("2026-27")
    rendered = _render("{figure: state_pension_full + 9 - personal_expenses_allowance}", day)
    total = rates.value("state_pension_full") + 9 - rates.value("personal_expenses_allowance")
    assert money(total) in rendered.html
    used = {f.key for f in rendered.figures}
    assert used == {"state_pension_full", "personal_expenses_allowance"}


def test_an_unknown_figure_is_left_visible_and_reported():
    rendered = _render("It is {figure: no_such_thing}.")
    assert "{figure: no_such_thing}" in rendered.html
    assert rendered.unknown == ["figure: no_such_thing"]


def test_years_outside_the_rates_files_use_the_nearest_one():
    assert current_year(date(2010, 1, 1)) == "2024-25"
    assert current_year(date(2040, 1, 1)) == "2026-27"
    assert figure("upper_capital_limit", date(2040, 1, 1)).value == Decimal("23250")


def test_typed_figures_finds_only_amounts_the_rates_files_quote():
    found = typed_figures("Over £23,250, under £1,000, about £ 31.80, or £14,250.01.")
    assert [typed for typed, _keys in found] == ["£23,250", "£ 31.80"]
    assert found[0][1] == {"upper_capital_limit"}


def test_a_contact_macro_shows_the_data_file_number_hours_and_website():
    team = contact("adult_access_team")
    rendered = _render("Ask the council.\n\n{contact: adult_access_team}\n")
    assert team.phone and team.hours
    assert f'<a class="govuk-link" href="{team.tel}">{team.phone}</a>' in rendered.html
    assert team.hours in rendered.html
    assert team.website in rendered.html
    assert 'class="govuk-inset-text"' in rendered.html


def test_a_contact_without_a_number_points_to_its_website():
    team = contact("deferred_payments")
    rendered = _render("{contact: deferred_payments}\n")
    assert not team.phone
    assert "Telephone" not in rendered.html
    assert team.website in rendered.html


def test_an_unknown_contact_is_reported():
    assert _render("{contact: nobody}\n").unknown == ["contact: nobody"]


def test_every_contact_has_a_published_source_and_a_date_checked():
    for item in contacts().values():
        assert item.source.startswith("https://"), item.key
        assert item.website.startswith("https://"), item.key
        assert isinstance(item.checked, date), item.key
        assert item.phone or item.website, item.key
        # Real numbers only: never one from Ofcom's drama ranges used for sample data.
        assert not item.phone.startswith(("01632 960", "07700 900")), item.key


def test_a_contact_inside_a_sentence_is_reported():
    rendered = _render("Call {contact: adult_access_team} today.")
    assert rendered.unknown == ["contact: adult_access_team (put it on a line of its own)"]
