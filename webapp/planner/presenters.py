"""What the planner's pages show, worked out from the answers and the plan."""

from flask import current_app, url_for
from flask_babel import gettext as _
from markupsafe import escape

from calculators.planner import HOURS_BANDS, MILESTONES, NEEDS, PLAN_OPTIONS, Plan
from webapp.formatting import json_for_script, long_date, money
from webapp.planner.answers import ORDER, applies
from webapp.planner.forms import INCOME_FIELDS, STEPS

CHART_YEARS = 10
ADVICE = {
    "reablement": ("care-at-home", "reablement"),
    "deferred": ("paying-for-care", "deferred-payment-agreements"),
    "benefits": ("paying-for-care", "benefits-to-claim"),
    "advice": ("paying-for-care", "financial-advice"),
    "runs_out": ("paying-for-care", "if-your-money-runs-out"),
    "extra_care": ("housing-with-care", "what-is-extra-care-housing"),
    "chc": ("paying-for-care", "nhs-continuing-healthcare"),
    "carers": ("carers", "short-breaks"),
}


def _pounds(value: str | None) -> str:
    text = (value or "").strip()
    return money(text.replace(",", "").replace("£", "")) if text else _("Not given")


def check_rows(stored: dict) -> list[dict]:
    """The summary list of answers, with a change link for each question."""
    rows = []
    for step in ORDER:
        if not applies(step, stored):
            continue
        answers = stored.get(step, {})
        form = STEPS[step]
        rows.append(
            {
                "key": {"text": str(form.question)},
                "value": {"html": "<br>".join(_describe(step, answers))},
                "actions": {
                    "items": [
                        {
                            "href": url_for("planner.question", step=step, change=1),
                            "text": _("Change"),
                            "visuallyHiddenText": str(form.question).lower(),
                        }
                    ]
                },
            }
        )
    return rows


def _describe(step: str, answers: dict) -> list[str]:
    if step == "who":
        return [str(escape(_who_labels()[answers["who"]]))]
    if step == "age":
        return [_("Yes") if answers.get("over_state_pension_age") == "yes" else _("No")]
    if step == "where":
        return [str(escape(answers.get("where", "")))]
    if step == "hours":
        return [HOURS_BANDS[answers["hours"]][0]]
    if step == "needs":
        return [NEEDS[n] for n in answers.get("needs", [])] or [_("None of these")]
    if step == "options":
        return [PLAN_OPTIONS[o] for o in answers.get("options", [])]
    if step == "income":
        return [
            f"{label}: {_pounds(answers.get(name))}"
            for name, label in INCOME_FIELDS.items()
            if answers.get(name)
        ] or [_("None given")]
    labels = {
        name: str(field.args[0])
        for name, field in vars(STEPS[step]).items()
        if hasattr(field, "field_class")
    }
    lines = []
    for name, value in answers.items():
        if value in (None, ""):
            continue
        if name in ("owns_home", "someone_lives_there"):
            value = _("Yes") if value == "yes" else _("No")
        elif name == "home_plan":
            value = (
                _("Sell it") if value == "sell" else _("Keep it, with a deferred payment agreement")
            )
        elif name in ("home_care_hours", "day_sessions"):
            value = str(escape(value))
        else:
            value = _pounds(value)
        lines.append(f"{escape(labels.get(name, name))}: {value}")
    return lines or [_("Typical costs for Dorset")]


def _who_labels() -> dict:
    return {choice.value: str(choice.label) for choice in STEPS["who"].who.kwargs["choices"]}


def plan_view(plan: Plan, stored: dict) -> dict:
    place = stored.get("where", {}).get("where", "")
    options = []
    for option in plan.options:
        projection = option.result.projection
        after = {year: projection.capital_after_years.get(year) for year in MILESTONES}
        weeks = projection.weeks_until_upper_limit
        options.append(
            {
                "key": option.key,
                "name": option.name,
                "weekly_cost": option.result.weekly_cost,
                "weekly_fee": option.result.weekly_fee,
                "nhs": option.result.nhs_weekly_contribution,
                "person_pays": option.person_pays,
                "council_pays": option.council_pays,
                "self_funder": option.means_test.self_funder,
                "weeks": weeks,
                "limit_date": projection.upper_limit_date,
                "ask_by": projection.ask_council_by,
                "after": after,
                "breakdown": [line for cost in option.result.costs for line in cost.breakdown],
                "explanation": option.means_test.explanation + projection.explanation,
                "csv_row": [
                    option.name,
                    f"{option.result.weekly_cost:.2f}",
                    f"{option.person_pays:.2f}",
                    f"{option.council_pays:.2f}",
                    "" if weeks is None else weeks,
                    projection.upper_limit_date.isoformat() if projection.upper_limit_date else "",
                    projection.ask_council_by.isoformat() if projection.ask_council_by else "",
                    *[f"{after[y]:.2f}" if after[y] is not None else "" for y in MILESTONES],
                ],
            }
        )
    return {
        "year": plan.year,
        "capital": plan.capital,
        "provisional": plan.provisional,
        "options": options,
        "screens": [s for s in plan.screens if s.applies],
        "other_screens": [s for s in plan.screens if not s.applies],
        "figures": plan.figures,
        "default_costs": plan.default_costs,
        "chart": json_for_script(_chart_data(plan)),
        "next_steps": _next_steps(plan, place),
    }


def _chart_data(plan: Plan) -> dict:
    """Savings at the start of each year, for the chart and the table below it."""
    data = {"labels": [], "datasets": []}
    for option in plan.options:
        series = option.result.projection.series
        yearly = series[::12][: CHART_YEARS + 1]
        if not data["labels"]:
            data["labels"] = [long_date(point.date) for point in yearly]
        data["datasets"].append(
            {"label": option.name, "data": [float(point.capital) for point in yearly]}
        )
    return data


def _next_steps(plan: Plan, place: str) -> dict:
    keys = {option.key for option in plan.options}
    directory = [
        (
            _("Extra care housing schemes"),
            url_for("directory.find_support", kind="extra_care_scheme"),
        ),
        (
            _("Day opportunities near %(place)s", place=place),
            url_for(
                "directory.find_support", kind="day_opportunity", location=place, sort="distance"
            ),
        ),
        (
            _("Small local care and support services near %(place)s", place=place),
            url_for(
                "directory.find_support", kind="micro_provider", location=place, sort="distance"
            ),
        ),
    ]
    advice = ["reablement", "benefits", "advice", "runs_out"]
    if keys & {"residential", "nursing"}:
        advice.insert(1, "deferred")
    if "extra_care" in keys:
        advice.append("extra_care")
    pages = current_app.extensions["content_library"].pages()
    return {
        "directory": directory,
        "advice": [(pages[ADVICE[key][1]].title, pages[ADVICE[key][1]].url) for key in advice],
    }
