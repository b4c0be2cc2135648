from dataclasses import replace
from decimal import Decimal as D

import pytest

from calculators.means_test import MeansTestInput, means_test, tariff_income
from calculators.rates import rates_for

RATES = rates_for("2025-26")


@pytest.mark.parametrize(
    ("capital", "tariff"),
    [
        ("0", 0),
        ("14249.99", 0),
        ("14250.00", 0),
        ("14250.01", 1),
        ("14500.00", 1),
        ("14500.01", 2),
        # Dorset Council's own worked example: £16,500 gives £9 a week (9 lots of £250).
        ("16500.00", 9),
        ("16500.01", 10),
        ("23249.99", 36),
        ("23250.00", 36),
    ],
)
def test_tariff_income(capital, tariff):
    assert tariff_income(D(capital), RATES) == D(tariff)


def _care_home(**changes) -> MeansTestInput:
    answers = {
        "setting": "care_home",
        "capital": D("16500"),
        "weekly_cost": D("1300"),
        "weekly_income": {"state_pension": D("230.25")},
    }
    answers.update(changes)
    return MeansTestInput(**answers)


def test_dorset_worked_example_in_a_care_home():
    result = means_test(RATES, _care_home())
    assert result.tariff_income == D(9)
    assert result.assessed_income == D("239.25")
    assert result.allowance == D("30.65")
    assert result.weekly_contribution == D("208.60")
    assert result.council_weekly_contribution == D("1091.40")
    assert not result.self_funder
    assert any("£9.00 a week" in sentence for sentence in result.explanation)


@pytest.mark.parametrize(
    ("capital", "self_funder"),
    [("23249.99", False), ("23250.00", False), ("23250.01", True)],
)
def test_the_upper_limit_boundary(capital, self_funder):
    result = means_test(RATES, _care_home(capital=D(capital)))
    assert result.self_funder is self_funder
    if self_funder:
        assert result.weekly_contribution == D("1300")
        assert result.council_weekly_contribution == 0
    else:
        assert result.tariff_income == D(36)


def test_pip_and_dla_mobility_are_always_ignored():
    income = {"state_pension": D("230.25"), "pip_mobility": D("28.70"), "dla_mobility": D("28.70")}
    result = means_test(RATES, _care_home(capital=D(0), weekly_income=income))
    assert result.income_counted == D("230.25")
    assert result.income_ignored == D("57.40")
    assert result.weekly_contribution == D("230.25") - D("30.65")


def test_each_kind_of_income_ignored_names_the_rule_that_ignores_it():
    income = {
        "private_pension": D(100),
        "savings_credit": D(20),
        "pip_mobility": D("28.70"),
        "war_disablement_pension": D(50),
        "earnings": D(40),
    }
    result = means_test(RATES, _care_home(weekly_income=income, partner_at_home=True))
    reasons = {item.kind: item.reason for item in result.ignored_income}
    assert set(reasons) == set(income)
    assert "Schedule 1, paragraph 40" in reasons["savings_credit"]
    assert "Schedule 1, paragraph 8" in reasons["pip_mobility"]
    assert "regulation 14" in reasons["earnings"]
    assert all("Schedule" in reason or "regulation" in reason for reason in reasons.values())


def test_attendance_allowance_and_pip_daily_living_count():
    income = {"attendance_allowance": D("73.90"), "pip_daily_living": D("72.65")}
    result = means_test(RATES, _care_home(capital=D(0), weekly_income=income))
    assert result.income_counted == D("146.55")


def test_contribution_never_below_zero():
    result = means_test(RATES, _care_home(capital=D(0), weekly_income={"other": D("10")}))
    assert result.weekly_contribution == 0
    assert result.council_weekly_contribution == D("1300")


def test_contribution_never_above_the_cost_of_care():
    result = means_test(
        RATES, _care_home(capital=D(0), weekly_cost=D(100), weekly_income={"other": D("900")})
    )
    assert result.weekly_contribution == D(100)
    assert result.council_weekly_contribution == 0


def test_care_at_home_keeps_the_minimum_income_guarantee_and_costs():
    result = means_test(
        RATES,
        MeansTestInput(
            setting="home",
            capital=D("16500"),
            weekly_cost=D("448"),
            weekly_income={"state_pension": D("230.25"), "private_pension": D("100")},
            property_value=D("300000"),
            housing_costs=D("20"),
            disability_related_expenditure=D("15"),
        ),
    )
    assert result.property_counted == 0
    assert result.allowance == D("232.60") + D("20") + D("15")
    assert result.weekly_contribution == D("330.25") + D(9) - D("267.60")
    assert any("care at home" in s for s in result.explanation)


def test_council_may_set_its_own_allowances():
    home = MeansTestInput(
        setting="home",
        capital=D(0),
        weekly_cost=D(500),
        weekly_income={"other": D(300)},
        minimum_income_guarantee=D(250),
    )
    assert means_test(RATES, home).weekly_contribution == D(50)
    care_home = _care_home(capital=D(0), personal_expenses_allowance=D(40))
    assert means_test(RATES, care_home).weekly_contribution == D("230.25") - D(40)


class TestTheHome:
    def test_ignored_for_the_first_12_weeks_when_other_capital_is_under_the_limit(self):
        for week in (0, 11):
            answers = _care_home(property_value=D(250000), weeks_since_admission=week)
            result = means_test(RATES, answers)
            assert result.property_counted == 0
            assert not result.self_funder
            assert any("first 12 weeks" in s for s in result.explanation)

    def test_counted_from_week_13_less_10_percent_and_debts(self):
        answers = _care_home(
            property_value=D(250000), property_debts=D(20000), weeks_since_admission=12
        )
        result = means_test(RATES, answers)
        assert result.property_counted == D(205000)
        assert result.counted_capital == D(221500)
        assert result.self_funder

    def test_ignored_in_the_first_12_weeks_whatever_the_other_capital(self):
        answers = _care_home(capital=D(30000), property_value=D(200000))
        result = means_test(RATES, answers)
        assert result.property_counted == 0
        assert result.self_funder  # the savings alone are over the limit
        later = _care_home(capital=D(30000), property_value=D(200000), weeks_since_admission=12)
        assert means_test(RATES, later).property_counted == D(180000)

    def test_ignored_while_a_qualifying_relative_lives_there(self):
        answers = _care_home(
            property_value=D(250000),
            weeks_since_admission=52,
            property_occupied_by_qualifying_relative=True,
        )
        result = means_test(RATES, answers)
        assert result.property_counted == 0
        assert result.tariff_income == D(9)

    @pytest.mark.parametrize(("for_sale", "counted"), [(False, D(225000)), (True, D(0))])
    def test_in_extra_care_it_counts_unless_it_is_up_for_sale(self, for_sale, counted):
        answers = MeansTestInput(
            setting="extra_care",
            capital=D(0),
            weekly_cost=D(300),
            property_value=D(250000),
            property_for_sale=for_sale,
        )
        result = means_test(RATES, answers)
        assert result.property_counted == counted
        assert ("up for sale" in " ".join(result.explanation)) == for_sale

    def test_a_home_for_sale_is_counted_in_a_care_home_after_12_weeks(self):
        answers = _care_home(property_value=D(200000), weeks_since_admission=12)
        assert means_test(RATES, replace(answers, property_for_sale=True)).property_counted > 0

    def test_debts_above_the_value_count_as_nothing(self):
        answers = _care_home(
            property_value=D(100000), property_debts=D(150000), weeks_since_admission=20
        )
        assert means_test(RATES, answers).property_counted == 0


def test_provisional_figures_are_flagged():
    assert not means_test(rates_for("2024-25"), _care_home()).provisional
    assert means_test(rates_for("2026-27"), _care_home()).provisional
    home = MeansTestInput(setting="home", capital=D(0), weekly_cost=D(100))
    assert not means_test(RATES, home).provisional  # the 2025-26 circular is published
