"""What the planner's pages show, worked out from the typed answers and the plan.

Every figure comes from the answers, the plan or the rates: templates only lay them out.
"""

from datetime import date, timedelta
from decimal import Decimal

from flask import current_app, url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from markupsafe import Markup, escape

from calculators.planner import HOURS_BANDS, NEEDS, PLAN_OPTIONS, Plan
from calculators.rates import rates_for
from webapp.formatting import long_date, money
from webapp.planner.amounts import PERIOD_LABELS
from webapp.planner.answers import ORDER, Amount, PlanAnswers, applies
from webapp.planner.chart import savings_chart
from webapp.planner.forms import ATTENDANCE_ALLOWANCE, INCOME_FIELDS, STEPS
from webapp.urls import absolute_url

CARE_HOMES = {"residential", "nursing"}
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


def rough(amount: Decimal) -> str:
    """Whole pounds without pence (£120,000), pence only where they were given (£241.30)."""
    return money(amount, pence=amount != amount.to_integral_value())


def amount_text(amount: Amount | Decimal | None) -> str:
    if amount is None:
        return _("Not given")
    if isinstance(amount, Amount):
        return f"{rough(amount.value)} {PERIOD_LABELS[amount.per]}"
    return rough(amount)


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _choice_label(step: str, name: str, value: str) -> str:
    for choice in getattr(STEPS[step], name).kwargs["choices"]:
        if choice.value == value:
            return str(choice.label)
    return value


def _label(step: str, name: str, person: str) -> str:
    form_class = STEPS[step]
    if name in form_class.labels:
        return str(form_class.labels[name](person))
    return str(getattr(form_class, name).args[0])


def describe(step: str, answers: PlanAnswers) -> list[str]:
    """Each answer to a step as plain lines of text (escaped wherever they are shown)."""
    person = answers.person
    if step == "who":
        return [_choice_label("who", "who", answers.who)]
    if step == "age":
        return [_yes_no(answers.over_state_pension_age)]
    if step == "partner":
        return [_yes_no(answers.partner_at_home)]
    if step == "where":
        return [answers.where]
    if step == "hours":
        return [str(HOURS_BANDS[answers.hours_band][0])]
    if step == "needs":
        return [str(NEEDS[n]) for n in sorted(answers.needs)] or [_("None of these")]
    if step == "options":
        return [str(PLAN_OPTIONS[o]) for o in answers.options]
    if step == "costs":
        lines = [
            f"{_label('costs', 'home_care_hours', person)}: "
            + _("%(hours)s hours", hours=f"{answers.home_care_hours.normalize():f}")
        ]
        if answers.day_sessions is not None:
            lines.append(
                f"{_label('costs', 'day_sessions', person)}: {answers.day_sessions.normalize():f}"
            )
        lines += [
            f"{_label('costs', name, person)}: {amount_text(amount)}"
            for name, amount in answers.costs.items()
        ]
        return lines if answers.costs else [*lines, _("Typical costs for Dorset")]
    if step == "savings":
        return [
            f"{_label('savings', 'savings', person)}: {rough(answers.savings)}",
            f"{_label('savings', 'joint_savings', person)}: {rough(answers.joint_savings)}",
        ]
    if step == "home":
        return [_yes_no(answers.owns_home)]
    if step == "home-details":
        return [
            f"{_label('home-details', 'home_value', person)} {rough(answers.home_value)}",
            f"{_label('home-details', 'mortgage', person)} {rough(answers.mortgage)}",
            f"{_label('home-details', 'someone_lives_there', person)} "
            f"{_yes_no(answers.someone_lives_there)}",
            f"{_label('home-details', 'home_plan', person)} "
            f"{_choice_label('home-details', 'home_plan', answers.home_plan)}",
        ]
    if step == "living":
        return [
            f"{_label('living', 'housing_costs', person)}: "
            + (amount_text(answers.housing_costs) if answers.housing_costs else _("None")),
            f"{_label('living', 'living_costs', person)}: "
            + (
                amount_text(answers.living_costs)
                if answers.living_costs
                else _("the usual figure (the minimum income guarantee)")
            ),
        ]
    if step == "income":
        return [
            f"{_label('income', 'attendance_allowance', person)} "
            f"{ATTENDANCE_ALLOWANCE[answers.attendance_allowance]}",
            *(
                f"{INCOME_FIELDS[name]}: {amount_text(amount)}"
                for name, amount in answers.income.items()
            ),
        ]
    if step == "partner-income":
        return [amount_text(answers.partner_income) if answers.partner_income else _("None")]
    return []


def check_rows(
    answers: PlanAnswers, stored: dict, with_actions: bool, change_url: str | None = None
) -> list[dict]:
    """The summary list of answers, with a change link for each question on the check page."""
    rows = []
    for step in ORDER:
        if not applies(step, stored):
            continue
        question = str(STEPS[step].question(answers.person))
        row = {
            "key": {"text": question},
            "value": {"html": _lines(describe(step, answers))},
        }
        if with_actions:
            row["actions"] = {
                "items": [
                    {
                        "href": change_url or url_for("planner.question", step=step, change=1),
                        "text": _("Change"),
                        # "Change where do they live in Dorset?": only the first
                        # letter is lowered, so names keep their capitals.
                        "visuallyHiddenText": question[:1].lower() + question[1:],
                    }
                ]
            }
        rows.append(row)
    return rows


def _lines(lines: list[str]) -> Markup:
    """Lines of text, each escaped, one under another."""
    return Markup("<br>").join(escape(line) for line in lines)


def _yearly(option) -> list[tuple[date, Decimal]]:
    """Savings at the start and on each anniversary of it, as the projection dates them."""
    return [(point.date, point.capital) for point in option.projection.yearly]


def plan_view(plan: Plan, answers: PlanAnswers, stored: dict, today: date) -> dict:
    rates = rates_for(plan.year)
    upper = rates.figure("upper_capital_limit")
    options = []
    for option in plan.options:
        projection = option.projection
        outgoings = option.weekly_outgoings
        options.append(
            {
                "key": option.key,
                "name": option.name,
                "weekly_cost": option.result.weekly_cost,
                "person_pays": option.person_pays,
                "council_pays": outgoings.from_council,
                "self_funder": option.means_test.self_funder,
                "weeks": projection.weeks_until_upper_limit,
                "limit_date": projection.upper_limit_date,
                # The first date the council's help is needed at all, which can be before
                # savings stay under the limit for good (the explanation says why).
                "ask_by": projection.ask_council_first_by,
                "ask_now": projection.ask_council_first_now,
                "yearly": _yearly(option),
                "breakdown": [line for cost in option.result.costs for line in cost.breakdown],
                "nhs": option.result.nhs_weekly_contribution,
                "explanation": option.means_test.explanation + projection.explanation,
                "home": _home_notes(option, today),
                "housing": outgoings.housing,
                "living": outgoings.living + outgoings.personal_spending,
                "meals": option.meals,
                "total": outgoings.total,
                "from_income": outgoings.from_income,
                "from_savings": outgoings.from_savings,
            }
        )
    years = [day for day, _capital in options[0]["yearly"]] if options else []
    return {
        "today": today,
        "person": answers.person,
        "for_self": answers.person == "you",
        "adviser": answers.adviser,
        "year": plan.year,
        "capital": plan.capital,
        "upper_limit": upper.value,
        "ask_weeks_before": int(rates.value("ask_council_lead_weeks")),
        "provisional": plan.provisional,
        "options": options,
        "years": years,
        "projection_years": len(years) - 1,
        "anniversary": format_date(today, "d MMMM"),
        "chart": savings_chart(
            [(o["name"], [capital for _day, capital in o["yearly"]]) for o in options],
            [day.year for day in years],
            upper.value,
        ),
        "answers": check_rows(answers, stored, with_actions=False),
        "answer_lines": [
            (str(STEPS[step].question(answers.person)), describe(step, answers))
            for step in ORDER
            if applies(step, stored)
        ],
        "assumptions": [
            {"text": assumption.text, "source": assumption.source}
            for assumption in plan.assumptions
        ],
        "dementia": _dementia_note(answers),
        "screens": [s for s in plan.screens if s.applies],
        "figures": plan.figures,
        "figure_amounts": {figure.key: _figure_amount(figure) for figure in plan.figures},
        "default_costs": plan.default_costs,
        "next_steps": _next_steps(plan, answers),
    }


def _figure_amount(figure) -> str:
    """Pounds, but a number of weeks for a figure counted in weeks (its key ends "_weeks")."""
    if figure.key.endswith("_weeks"):
        weeks = int(figure.value)
        return ngettext("%(num)s week", "%(num)s weeks", weeks)
    return money(figure.value)


def _home_notes(option, today: date) -> list[str]:
    """When a home sale or a deferred payment changes the picture."""
    notes = []
    sold = option.home_sold_at_week
    if sold is not None:
        notes.append(
            _(
                "The home is sold in week %(week)s (from %(day)s): the money from the sale joins "
                "savings, and paying the whole cost of care starts again until savings are back "
                "down to the upper limit.",
                week=sold,
                day=long_date(today + timedelta(weeks=sold)),
            )
        )
    deferred = option.deferred_payment
    if deferred is not None:
        notes.append(
            _(
                "Under a deferred payment agreement the council pays and the cost is kept as a "
                "debt on the home, %(debt)s by the end of the projection. The most that can be "
                "deferred is %(limit)s.",
                debt=money(deferred.debt),
                limit=money(deferred.equity_limit),
            )
        )
        if deferred.weeks_until_equity_limit is not None:
            notes.append(
                _(
                    "The debt reaches that limit in week %(week)s (%(day)s); the home is then "
                    "sold and the debt repaid from the sale.",
                    week=deferred.weeks_until_equity_limit,
                    day=long_date(today + timedelta(weeks=deferred.weeks_until_equity_limit)),
                )
            )
    return notes


def _dementia_note(answers: PlanAnswers) -> str | None:
    """Which care home fee was used, and why: the dementia fee only when they said so."""
    if "residential" not in answers.options or "residential_fee" in answers.costs:
        return None
    if answers.dementia:
        return _(
            "Because memory problems or dementia was ticked, the residential care home uses the "
            "typical fee for a home that specialises in dementia care."
        )
    return _(
        "The residential care home uses the typical fee for residential care, not the higher fee "
        "for dementia care, because memory problems or dementia was not ticked."
    )


def _next_steps(plan: Plan, answers: PlanAnswers) -> dict:
    keys = {option.key for option in plan.options}
    place = answers.where
    directory = [
        (
            _("Extra care housing schemes"),
            absolute_url("directory.find_support", kind="extra_care_scheme"),
        ),
        (
            _("Day opportunities near %(place)s", place=place),
            absolute_url(
                "directory.find_support", kind="day_opportunity", location=place, sort="distance"
            ),
        ),
        (
            _("Small local care and support services near %(place)s", place=place),
            absolute_url(
                "directory.find_support", kind="micro_provider", location=place, sort="distance"
            ),
        ),
    ]
    advice = ["reablement", "benefits", "advice", "runs_out"]
    # A deferred payment needs a home to secure it on: suggest it only to someone who owns one.
    if keys & CARE_HOMES and answers.owns_home:
        advice.insert(1, "deferred")
    if "extra_care" in keys:
        advice.append("extra_care")
    pages = current_app.extensions["content_library"].pages()
    return {
        "directory": directory,
        "advice": [
            (
                pages[ADVICE[key][1]].title,
                absolute_url("content.page", topic=ADVICE[key][0], slug=ADVICE[key][1]),
            )
            for key in advice
        ],
    }
