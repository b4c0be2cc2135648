"""The command-line contract: JSON in, JSON out, status 2 and {"error", "field"} for bad input."""

import json
import subprocess
import sys

import pytest

from calculators.__main__ import main


def _run(name: str, payload, capsys) -> tuple[int, dict]:
    text = payload if isinstance(payload, str) else json.dumps(payload)
    sys.stdin = __import__("io").StringIO(text)
    try:
        status = main([name])
    finally:
        sys.stdin = sys.__stdin__
    return status, json.loads(capsys.readouterr().out)


def test_means_test_the_dorset_example(capsys):
    status, result = _run(
        "means-test",
        {"year": "2025-26", "setting": "care_home", "capital": 16500, "weekly_cost": 1300},
        capsys,
    )
    assert status == 0
    assert result["tariff_income"] == 9
    assert result["weekly_contribution"] == 0  # no income given: only tariff, under the allowance
    assert {
        "year",
        "counted_capital",
        "tariff_income",
        "self_funder",
        "assessed_income",
        "allowance",
        "weekly_contribution",
        "council_weekly_contribution",
        "provisional",
        "explanation",
    } <= set(result)


def test_care_cost_output(capsys):
    status, result = _run(
        "care-cost", {"year": "2025-26", "option": "nursing", "weekly_fee": "1500.10"}, capsys
    )
    assert status == 0
    assert result["weekly_cost"] == 1246.04
    assert result["nhs_weekly_contribution"] == 254.06
    assert result["breakdown"] == [{"label": "Weekly fee", "amount": 1500.1}]
    assert result["sources"][0]["key"] == "nhs_nursing_care_standard"


def test_capital_depletion_output(capsys):
    status, result = _run(
        "capital-depletion",
        {
            "year": "2025-26",
            "capital": 100000,
            "weekly_income": 300,
            "weekly_cost": 1300,
            "personal_spending": 0,
            "start_date": "2026-11-23",
        },
        capsys,
    )
    assert status == 0
    assert result["weeks_until_upper_limit"] == 77
    assert result["upper_limit_date"] == "2028-05-15"
    assert result["ask_council_by"] == "2028-02-14"  # 13 weeks earlier (the rates file's lead)
    assert result["ledger"]["reconciles"] is True
    assert result["total_paid_until_upper_limit"] == 100100
    assert result["series"][0] == {
        "week": 0,
        "date": "2026-11-23",
        "capital": 100000,
        "deferred_debt": 0,
        "paid_by_person": 0,
        "paid_by_council": 0,
    }


def test_compare_output(capsys):
    status, result = _run(
        "compare",
        {
            "year": "2025-26",
            "capital": 120000,
            "weekly_income": 280,
            "start_date": "2026-11-23",
            "options": [
                {"option": "home_care", "hours_per_week": 14},
                {"option": "extra_care", "hours_per_week": 5},
                {"option": "residential"},
                {"option": "nursing", "weekly_fee": 1500},
            ],
        },
        capsys,
    )
    assert status == 0
    # Extra care: only the 5 hours of care are means-tested; rent and service charge are housing.
    assert [o["weekly_cost"] for o in result["options"]] == [448, 160, 1300, 1245.94]
    extra_care = result["options"][1]
    assert extra_care["setting"] == "extra_care"
    assert extra_care["weekly_outgoings"]["housing"] == 215
    assert extra_care["meals"] == 60
    for option in result["options"]:
        assert set(option["capital_after_years"]) == {"1", "3", "5", "10"}


def test_screens_output(capsys):
    status, result = _run(
        "screens",
        {
            "year": "2025-26",
            "continuing_healthcare": {"breathing": "A"},
            "attendance_allowance": {"over_state_pension_age": True, "help_by_day": True},
        },
        capsys,
    )
    assert status == 0
    assert [s["applies"] for s in result["screens"]] == [True, True]


@pytest.mark.parametrize(("partner", "applies"), [(146.59, True), (146.60, False)])
def test_screens_compare_a_couple_s_joint_income_with_the_couple_rate(capsys, partner, applies):
    check = {"couple": True, "weekly_income": 200, "partner_weekly_income": partner}
    status, result = _run("screens", {"year": "2025-26", "pension_credit": check}, capsys)
    assert status == 0
    assert result["screens"][0]["applies"] is applies
    assert result["screens"][0]["figure"]["value"] == 346.6


@pytest.mark.parametrize(
    ("name", "payload", "field"),
    [
        ("means-test", {"setting": "care_home", "capital": -1, "weekly_cost": 1}, "capital"),
        ("means-test", {"setting": "care_home", "capital": "lots", "weekly_cost": 1}, "capital"),
        ("means-test", {"setting": "care_home", "capital": True, "weekly_cost": 1}, "capital"),
        (
            "means-test",
            {"setting": "care_home", "capital": 100000000.01, "weekly_cost": 1},
            "capital",
        ),
        ("means-test", {"setting": "care_home", "capital": "NaN", "weekly_cost": 1}, "capital"),
        ("means-test", {"setting": "care_home", "weekly_cost": 1}, "capital"),
        ("means-test", {"setting": "boat", "capital": 1, "weekly_cost": 1}, "setting"),
        (
            "means-test",
            {"year": "1999-00", "setting": "home", "capital": 1, "weekly_cost": 1},
            "year",
        ),
        (
            "means-test",
            {"setting": "home", "capital": 1, "weekly_cost": 1, "weekly_income": {"lottery": 5}},
            "weekly_income.lottery",
        ),
        ("means-test", {"setting": "home", "capital": 1, "weekly_cost": 1, "typo": 1}, "typo"),
        ("care-cost", {"option": "spa_break"}, "option"),
        ("care-cost", {"option": "home_care", "hours_per_week": 200}, "hours_per_week"),
        (
            "capital-depletion",
            {"capital": 1, "weekly_cost": 1, "start_date": "23/11/2026"},
            "start_date",
        ),
        (
            "capital-depletion",
            {"capital": 1, "weekly_cost": 1, "annual_interest_rate": 5},
            "annual_interest_rate",
        ),
        ("capital-depletion", {"capital": 1, "weekly_cost": 1, "years": 0}, "years"),
        (
            "capital-depletion",
            {
                "capital": 1,
                "weekly_cost": 1,
                "home": {"value": 1, "sold_at_week": 3, "deferred": True},
            },
            "home.deferred",
        ),
        ("compare", {"capital": 1, "options": []}, "options"),
        ("compare", {"capital": 1, "options": [{"option": "x"}]}, "options[0].option"),
        ("compare", [1, 2], None),
    ],
)
def test_invalid_input_exits_2_with_the_field(name, payload, field, capsys):
    status, result = _run(name, payload, capsys)
    assert status == 2
    assert result["field"] == field
    assert isinstance(result["error"], str) and result["error"][0].isupper()


def test_broken_json_exits_2(capsys):
    status, result = _run("means-test", "{not json", capsys)
    assert status == 2
    assert result["error"].startswith("The input is not valid JSON")


def test_python_m_calculators_with_a_json_file(tmp_path):
    path = tmp_path / "input.json"
    path.write_text(json.dumps({"option": "live_in", "year": "2026-27"}))
    completed = subprocess.run(
        [sys.executable, "-m", "calculators", "care-cost", "--json", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0
    assert json.loads(completed.stdout)["weekly_cost"] == 1600


# --- The published examples (the API has the same tests) ---------------------------------------


def test_the_leeds_care_home_example(capsys):
    status, result = _run(
        "means-test",
        {
            "year": "2024-25",
            "setting": "care_home",
            "capital": 0,
            "weekly_cost": 694,
            "weekly_income": {"state_pension": 209.67, "private_pension": 25.81},
        },
        capsys,
    )
    assert status == 0
    assert (result["weekly_contribution"], result["council_weekly_contribution"]) == (
        205.33,
        488.67,
    )


def test_the_knowsley_residential_example(capsys):
    status, result = _run(
        "means-test",
        {
            "year": "2024-25",
            "setting": "care_home",
            "capital": 17050.91,
            "weekly_cost": 694,
            "weekly_income": {"state_pension": 227.55, "savings_credit": 7.25},
        },
        capsys,
    )
    assert status == 0
    assert result["tariff_income"] == 12
    assert result["weekly_contribution"] == 209.70


def test_the_equity_limit_of_a_165000_home(capsys):
    status, result = _run(
        "capital-depletion",
        {
            "year": "2024-25",
            "capital": 10000,
            "weekly_cost": 900,
            "start_date": "2024-06-03",
            "years": 2,
            "home": {"value": 165000, "deferred": True},
        },
        capsys,
    )
    assert status == 0
    assert result["deferred_payment"]["equity_limit"] == 134250


def test_the_new_contract_fields_and_outputs(capsys):
    status, result = _run(
        "compare",
        {
            "capital": 40000,
            "joint_savings": 10000,
            "weekly_income": {"state_pension": 221.20, "attendance_allowance": 108.55},
            "start_date": "2024-06-03",
            "years": 10,
            "housing_costs": 80,
            "living_costs": None,
            "night_care": False,
            "age_band": "pension_age",
            "couple": True,
            "premiums": ["carer"],
            "partner_at_home": False,
            "home": {"value": 250000, "mortgage": 20000, "deferred": True,
                     "deferred_interest_rate": 0},
            "options": [{"option": "home_care", "hours_per_week": 10}, {"option": "residential"}],
        },
        capsys,
    )  # fmt: skip
    assert status == 0
    for option in result["options"]:
        assert option["ledger"]["reconciles"] is True
        assert {
            "weekly_outgoings",
            "weekly_from_income",
            "weekly_from_savings",
            "council_funding_weeks",
            "self_funding_weeks",
            "deferred_payment",
            "ledger",
            "assumptions",
            "income_ignored",
        } <= set(option)
    home_care, care_home = result["options"]
    assert home_care["deferred_payment"] is None
    assert care_home["deferred_payment"]["equity_limit"] == 225000 - 20000 - 14250
    assert care_home["deferred_payment"]["interest_and_fees"] == 0


@pytest.mark.parametrize(
    "text",
    [
        '{"capital": ' + "[" * 100000 + "]" * 100000 + "}",
        '{"setting": "care_home", "weekly_cost": 1, "capital": ' + "9" * 6000 + "}",
        '{"capital": 1, "weekly_cost": 1, "start_date": "9999-12-31"}',
        '{"capital": 1, "weekly_cost": 1, "start_date": "10000-01-01"}',
    ],
)
def test_hostile_input_and_dates_past_the_calendar_exit_2(text, capsys):
    name = "means-test" if "setting" in text else "capital-depletion"
    status, result = _run(name, text, capsys)
    assert status == 2
    assert set(result) == {"error", "field"}
