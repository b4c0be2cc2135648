"""What the planner's pages show, worked out from the typed answers and the plan.

Every figure comes from the answers, the plan or the rates: templates only lay them out.
"""

from datetime import date
from decimal import Decimal

from flask import current_app, url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape

from calculators.depletion import ASK_COUNCIL_WEEKS_BEFORE
from calculators.planner import HOURS_BANDS, NEEDS, PLAN_OPTIONS, Plan
from calculators.rates import rates_for
from webapp.formatting import money
from webapp.planner.amounts import PERIOD_LABELS
from webapp.planner.answers import ORDER, Amount, PlanAnswers, applies
from webapp.planner.chart import savings_chart
from webapp.planner.forms import ATTENDANCE_ALLOWANCE, INCOME_FIELDS, STEPS

CHART_YEARS = 10
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
                        "visuallyHiddenText": question.lower(),
                    }
                ]
            }
        rows.append(row)
    return rows


def _lines(lines: list[str]) -> Markup:
    """Lines of text, each escaped, one under another."""
    return Markup("<br>").join(escape(line) for line in lines)


def _yearly(option, start: date) -> list[tuple[date, Decimal]]:
    """Savings on the same date each year: the start date and each anniversary of it."""
    series = option.result.projection.series
    points = []
    for year in range(CHART_YEARS + 1):
        day = _anniversary(start, year)
        before = [point for point in series if point.date <= day]
        if before:
            points.append((day, before[-1].capital))
    return points


def _anniversary(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def _outgoings(option, answers: PlanAnswers, living: Decimal, personal: Decimal) -> dict:
    """What leaves the person's money each week now, and where it comes from."""
    care_home = option.key in CARE_HOMES
    housing = (
        answers.housing_costs.weekly if answers.housing_costs and not care_home else Decimal(0)
    )
    everyday = personal if care_home else living
    person_total = option.person_pays + housing + everyday
    income = sum((a.weekly for a in answers.income.values()), Decimal(0))
    from_income = min(income, person_total)
    return {
        "housing": housing,
        "living": everyday,
        "total": option.result.weekly_cost + housing + everyday,
        "from_income": from_income,
        "from_savings": person_total - from_income,
    }


def plan_view(plan: Plan, answers: PlanAnswers, stored: dict, today: date) -> dict:
    figures = {figure.key: figure for figure in plan.figures}
    rates_figure = _rates_figures(plan)
    living_default = rates_figure["minimum_income_guarantee"]
    personal_figure = rates_figure.get("personal_expenses_allowance")
    living = answers.living_costs.weekly if answers.living_costs else living_default.value
    personal = personal_figure.value if personal_figure else Decimal(0)
    options = []
    for option in plan.options:
        projection = option.result.projection
        ask_by = projection.ask_council_by
        options.append(
            {
                "key": option.key,
                "name": option.name,
                "weekly_cost": option.result.weekly_cost,
                "person_pays": option.person_pays,
                "council_pays": option.council_pays,
                "self_funder": option.means_test.self_funder,
                "weeks": projection.weeks_until_upper_limit,
                "limit_date": projection.upper_limit_date,
                "ask_by": ask_by,
                "ask_now": ask_by is not None and ask_by <= today,
                "yearly": _yearly(option, today),
                "breakdown": [line for cost in option.result.costs for line in cost.breakdown],
                "nhs": option.result.nhs_weekly_contribution,
                "explanation": option.means_test.explanation + projection.explanation,
                "home": _home_note(option, answers),
                **_outgoings(option, answers, living, personal),
            }
        )
    upper = rates_figure["upper_capital_limit"]
    return {
        "today": today,
        "person": answers.person,
        "for_self": answers.person == "you",
        "adviser": answers.adviser,
        "year": plan.year,
        "capital": plan.capital,
        "upper_limit": upper.value,
        "ask_weeks_before": ASK_COUNCIL_WEEKS_BEFORE,
        "provisional": plan.provisional,
        "options": options,
        "years": [day for day, _capital in options[0]["yearly"]] if options else [],
        "chart": savings_chart(
            [(o["name"], [capital for _day, capital in o["yearly"]]) for o in options],
            [day.year for day, _capital in options[0]["yearly"]] if options else [],
            upper.value,
        ),
        "answers": check_rows(answers, stored, with_actions=False),
        "answer_lines": [
            (str(STEPS[step].question(answers.person)), describe(step, answers))
            for step in ORDER
            if applies(step, stored)
        ],
        "assumptions": _assumptions(answers, living_default, personal_figure, living),
        "dementia": _dementia_note(plan, answers),
        "screens": [s for s in plan.screens if s.applies],
        "figures": list(figures.values()),
        "default_costs": plan.default_costs,
        "next_steps": _next_steps(plan, answers),
    }


def _rates_figures(plan: Plan) -> dict:
    return rates_for(plan.year).figures


def _assumptions(answers: PlanAnswers, living_default, personal_figure, living) -> list[dict]:
    """What the sums take as given, each with where the figure comes from."""
    items = [
        {
            "label": _("Living costs at home (food, bills)"),
            "value": _("%(amount)s a week", amount=money(living)),
            "source": _("Your answer")
            if answers.living_costs
            else f"{living_default.label}. {living_default.source}",
        },
        {
            "label": _("Housing costs at home (rent, service charge, mortgage)"),
            "value": _("%(amount)s a week", amount=money(answers.housing_costs.weekly))
            if answers.housing_costs
            else _("None"),
            "source": _("Your answer"),
        },
        {
            "label": _("Care fees"),
            "value": _("Stay as they are now"),
            "source": _(
                "Fees usually rise each April; we do not guess by how much, so check with each "
                "provider."
            ),
        },
        {
            "label": _("Interest on savings"),
            "value": _("None"),
            "source": _("Leaving interest out errs on the side of savings running out sooner."),
        },
    ]
    if personal_figure is not None:
        items.insert(
            2,
            {
                "label": _("Personal spending in a care home"),
                "value": _("%(amount)s a week", amount=money(personal_figure.value)),
                "source": f"{personal_figure.label}. {personal_figure.source}",
            },
        )
    return items


def _dementia_note(plan: Plan, answers: PlanAnswers) -> str | None:
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


def _home_note(option, answers: PlanAnswers) -> str | None:
    """When a home sale or a deferred payment changes the picture for a care home option."""
    if option.key not in CARE_HOMES or not answers.owns_home:
        return None
    if answers.someone_lives_there or answers.partner_at_home:
        return _("The home is not counted while someone who qualifies still lives there.")
    if answers.home_plan == "defer":
        return _(
            "The home is not counted for the first 12 weeks; then a deferred payment agreement "
            "lets the council pay and recover the cost from the home later."
        )
    return _(
        "The home is not counted for the first 12 weeks; after it is sold, the money from the "
        "sale is counted as savings and paying for care yourself starts again."
    )


def _next_steps(plan: Plan, answers: PlanAnswers) -> dict:
    keys = {option.key for option in plan.options}
    place = answers.where
    directory = [
        (
            _("Extra care housing schemes"),
            url_for("directory.find_support", kind="extra_care_scheme", _external=True),
        ),
        (
            _("Day opportunities near %(place)s", place=place),
            url_for(
                "directory.find_support",
                kind="day_opportunity",
                location=place,
                sort="distance",
                _external=True,
            ),
        ),
        (
            _("Small local care and support services near %(place)s", place=place),
            url_for(
                "directory.find_support",
                kind="micro_provider",
                location=place,
                sort="distance",
                _external=True,
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
                url_for("content.page", topic=ADVICE[key][0], slug=ADVICE[key][1], _external=True),
            )
            for key in advice
        ],
    }
