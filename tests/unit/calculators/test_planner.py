import re
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from calculators.person import THEY, YOU
from calculators.planner import Answers, Costs, counted_capital, make_plan, suggest_options
from calculators.rates import rates_for, year_for

RATES = rates_for("2026-27")
TODAY = date(2026, 11, 25)


def _answers(**changes) -> Answers:
    values = {
        "options": ("home_care", "residential"),
        "costs": Costs(home_care_hours=D(14)),
        "start_date": TODAY,
        "savings": D(100000),
        "weekly_income": {"state_pension": D("241.30")},
    }
    values.update(changes)
    return Answers(**values)


def test_options_suggested_from_needs():
    assert suggest_options("1_to_3", frozenset()) == ["home_care", "home_care_day", "extra_care"]
    assert "residential" in suggest_options("over_6", frozenset())
    assert "live_in" in suggest_options("1_to_3", frozenset({"night"}))
    assert "residential" in suggest_options("1_to_3", frozenset({"dementia"}))
    assert suggest_options("1_to_3", frozenset({"nursing"}))[-1] == "nursing"


def test_joint_savings_count_half():
    assert counted_capital(_answers(savings=D(10000), joint_savings=D(30000))) == D(25000)


def test_a_self_funder_pays_the_full_cost_of_each_option():
    plan = make_plan(RATES, _answers())
    home_care, care_home = plan.options
    assert home_care.result.weekly_cost == D(448)
    assert home_care.person_pays == D(448)
    assert care_home.person_pays == D(1300)
    assert care_home.council_pays == 0
    assert home_care.result.projection.weeks_until_upper_limit > (
        care_home.result.projection.weeks_until_upper_limit
    )


def test_with_little_capital_the_council_shares_the_cost():
    plan = make_plan(RATES, _answers(savings=D(16500)))
    care_home = plan.options[1]
    # £241.30 pension + £9 tariff income - £31.80 personal expenses allowance (2026-27)
    assert care_home.person_pays == D("218.50")
    assert care_home.council_pays == D(1300) - D("218.50")


def test_the_home_is_sold_for_care_home_options_only():
    plan = make_plan(RATES, _answers(owns_home=True, home_value=D(300000)))
    home_care, care_home = plan.options
    assert home_care.result.projection.ledger.home_sale_proceeds == 0
    assert care_home.result.projection.ledger.home_sale_proceeds == D(270000)


def test_a_home_kept_under_a_deferred_payment_agreement_builds_a_debt():
    plan = make_plan(
        RATES, _answers(savings=D(30000), owns_home=True, home_value=D(300000), home_plan="defer")
    )
    care_home = plan.options[1]
    deferred = care_home.deferred_payment
    assert deferred.deferred > 0
    assert deferred.interest_and_fees > 0
    # Without the council's own rate the national maximum is used, and the plan says so.
    assert any("national maximum" in a.text for a in plan.assumptions)


def test_a_home_a_partner_lives_in_is_never_counted():
    plan = make_plan(
        RATES,
        _answers(savings=D(5000), owns_home=True, home_value=D(300000), someone_lives_in_home=True),
    )
    care_home = plan.options[1]
    assert care_home.result.projection.ledger.home_sale_proceeds == 0
    assert not care_home.means_test.self_funder


def test_screens_find_unclaimed_attendance_allowance():
    plan = make_plan(RATES, _answers(needs=frozenset({"night"})))
    attendance = next(s for s in plan.screens if s.key == "attendance_allowance")
    assert attendance.applies
    assert attendance.weekly_amount == D("114.60")
    claimed = make_plan(
        RATES,
        _answers(weekly_income={"state_pension": D("241.30"), "attendance_allowance": D("76.70")}),
    )
    assert not next(s for s in claimed.screens if s.key == "attendance_allowance").applies


def test_rates_and_typical_costs_are_listed_with_provisional_flags():
    plan = make_plan(RATES, _answers())
    keys = {figure.key for figure in plan.figures}
    assert {"upper_capital_limit", "lower_capital_limit", "personal_expenses_allowance"} <= keys
    assert plan.provisional  # 2026-27 capital limits are provisional
    assert [f.key for f in plan.default_costs] == [
        "home_care_hourly_rate",
        "residential_weekly_fee",
    ]


def test_a_plan_from_6_april_2027_uses_the_newest_figures_marked_provisional():
    day = date(2027, 4, 6)
    plan = make_plan(rates_for(year_for(day)), _answers(start_date=day))
    assert plan.year == "2027-28"
    assert plan.provisional
    assert any("2026-27" in a.text for a in plan.assumptions)


def test_each_option_shows_its_weekly_outgoings_and_where_the_money_comes_from():
    plan = make_plan(
        RATES,
        _answers(savings=D(50000), housing_costs=D(90), weekly_income={"state_pension": D(241)}),
    )
    home_care, care_home = plan.options
    assert home_care.weekly_outgoings.housing == D(90)
    assert home_care.weekly_total == D(448) + D(90) + home_care.weekly_outgoings.living
    assert home_care.weekly_from_income == D(241)
    assert home_care.weekly_from_savings == home_care.weekly_total - D(241)
    assert care_home.weekly_total == D(1300) + care_home.weekly_outgoings.personal_spending
    assert any("living costs" in a.text for a in plan.assumptions)


def test_a_partner_s_income_joins_the_person_s_for_the_couple_pension_credit_check():
    def credit(partner: D):
        plan = make_plan(
            RATES, _answers(savings=D(0), partner_at_home=True, partner_weekly_income=partner)
        )
        return next(s for s in plan.screens if s.key == "pension_credit")

    # 2026-27 couple rate £363.25: £241.30 State Pension and the partner's income.
    assert credit(D("121.94")).weekly_amount == D("0.01")
    assert not credit(D("121.95")).applies


# Situations that between them produce every sentence the planner's sums can give.
SITUATIONS = [
    {},
    {"savings": D(16500)},
    {"savings": D(5000), "needs": frozenset({"nursing", "dementia", "night"})},
    {"savings": D(500000)},
    {"owns_home": True, "home_value": D(300000)},
    {"owns_home": True, "home_value": D(300000), "home_plan": "defer", "savings": D(20000)},
    {"owns_home": True, "home_value": D(300000), "someone_lives_in_home": True},
    {"savings": D(0), "weekly_income": {}},
]
OPTIONS = ("home_care", "extra_care", "residential", "nursing")


def _sentences(plan) -> list[str]:
    """What the sums say (not the sources they quote)."""
    return [
        *(s.message for s in plan.screens),
        *(a.text for a in plan.assumptions),
        *(
            sentence
            for option in plan.options
            for sentence in option.means_test.explanation + option.projection.explanation
        ),
    ]


@pytest.mark.parametrize("situation", SITUATIONS)
def test_sentences_about_someone_else_say_they_and_never_you(situation):
    answers = _answers(options=OPTIONS, **situation)
    theirs = _sentences(make_plan(RATES, replace(answers, person=THEY)))
    yours = _sentences(make_plan(RATES, answers))
    assert not [s for s in theirs if re.search(r"\byou(rs?|rself)?\b", s, re.IGNORECASE)]
    # The same sentences, with only the person changed.
    assert len(theirs) == len(yours)
    changed = set()
    for their, your in zip(theirs, yours, strict=True):
        words = list(zip(their.split(), your.split(), strict=True))
        changed |= {(a.strip(".,").lower(), b.strip(".,").lower()) for a, b in words if a != b}
    assert changed
    pronouns = {("they", "you"), ("them", "you"), ("their", "your"), ("themselves", "yourself")}
    assert changed <= pronouns


def test_the_planner_speaks_to_you_unless_told_otherwise():
    assert _answers().person == YOU
    plan = make_plan(RATES, _answers(savings=D(16500)))
    assert any(s.startswith("You would pay") for s in _sentences(plan))
