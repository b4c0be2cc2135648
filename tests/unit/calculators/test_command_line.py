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
