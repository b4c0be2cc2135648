"""A planner's answers: kept as typed, step by step, and turned into the calculators' Answers."""

from datetime import date
from decimal import Decimal

from calculators.planner import HOURS_BANDS, Answers, Costs, suggest_options
from webapp.planner.forms import INCOME_FIELDS, STEPS

ORDER = list(STEPS)


def applies(step: str, stored: dict) -> bool:
    """Whether a step is asked, given the answers so far."""
    if step == "home-details":
        return stored.get("home", {}).get("owns_home") == "yes"
    return True


def next_step(step: str, stored: dict) -> str | None:
    for candidate in ORDER[ORDER.index(step) + 1 :]:
        if applies(candidate, stored):
            return candidate
    return None


def previous_step(step: str, stored: dict) -> str | None:
    for candidate in reversed(ORDER[: ORDER.index(step)]):
        if applies(candidate, stored):
            return candidate
    return None


def first_unanswered(stored: dict) -> str | None:
    return next((s for s in ORDER if applies(s, stored) and s not in stored), None)


def defaults_for(step: str, stored: dict) -> dict:
    """What a question starts with before it has been answered."""
    if step == "options":
        hours = stored.get("hours", {}).get("hours", "1_to_3")
        needs = frozenset(stored.get("needs", {}).get("needs", []))
        options = suggest_options(hours, needs)
        asked_for = stored.get("start", {}).get("option")
        if asked_for and asked_for not in options:
            options.append(asked_for)
        return {"options": options}
    if step == "costs":
        hours = stored.get("hours", {}).get("hours", "1_to_3")
        return {"home_care_hours": f"{HOURS_BANDS[hours][1].normalize():f}"}
    return {}


def _money(value: str | None) -> Decimal | None:
    text = (value or "").strip().replace(",", "").replace("£", "").replace(" ", "")
    return Decimal(text) if text else None


def to_answers(stored: dict, today: date) -> Answers:
    costs = stored["costs"]
    home = stored.get("home", {})
    details = stored.get("home-details", {}) if home.get("owns_home") == "yes" else {}
    income = stored.get("income", {})
    return Answers(
        options=tuple(stored["options"]["options"]),
        costs=Costs(
            home_care_hours=_money(costs.get("home_care_hours"))
            or HOURS_BANDS[stored["hours"]["hours"]][1],
            **{
                name: _money(costs.get(name))
                for name in (
                    "hourly_rate",
                    "session_cost",
                    "extra_care_rent",
                    "extra_care_service_charge",
                    "extra_care_meals",
                    "live_in_fee",
                    "residential_fee",
                    "nursing_fee",
                )
            },
            **(
                {"day_sessions": sessions}
                if (sessions := _money(costs.get("day_sessions"))) is not None
                else {}
            ),
        ),
        start_date=today,
        needs=frozenset(stored.get("needs", {}).get("needs", [])),
        over_state_pension_age=stored.get("age", {}).get("over_state_pension_age") != "no",
        savings=_money(stored["savings"].get("savings")) or Decimal(0),
        joint_savings=_money(stored["savings"].get("joint_savings")) or Decimal(0),
        owns_home=home.get("owns_home") == "yes",
        home_value=_money(details.get("home_value")) or Decimal(0),
        someone_lives_in_home=details.get("someone_lives_there") == "yes",
        home_plan=details.get("home_plan", "sell"),
        weekly_income={
            name: amount
            for name in INCOME_FIELDS
            if (amount := _money(income.get(name))) is not None
        },
    )
