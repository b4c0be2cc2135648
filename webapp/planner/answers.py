"""A planner's answers: kept as typed, step by step, and read once into a typed, versioned model.

What is kept (on the server, and in a saved plan) is what people typed, so a page can show it
again. `read()` checks every step with the same form that asked it (allowed values, sizes, the
one amount parser) and builds `PlanAnswers`, the only thing the pages and the calculators use.
Answers kept in an older version are upgraded first, so an old saved link still opens.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from werkzeug.datastructures import MultiDict

from calculators.means_test import minimum_income_guarantee
from calculators.person import THEY, YOU
from calculators.planner import (
    DAY_SESSIONS_PER_WEEK,
    HOURS_BANDS,
    Answers,
    Costs,
    suggest_options,
)
from calculators.rates import YearRates, rates_for, year_for
from webapp.planner.amounts import AmountError, parse_money, weekly
from webapp.planner.forms import INCOME_FIELDS, MAX_NOTE, STEPS, CostsForm, person_for

VERSION = 2
ORDER = list(STEPS)
# Keys kept beside the steps: the version, an option asked for from an advice page, the adviser's
# reference and note, and the saved link the answers were opened from.
EXTRA_KEYS = ("version", "start", "adviser", "link")


@dataclass(frozen=True)
class Amount:
    """An amount as given: so much a week, a month or a year."""

    value: Decimal
    per: str = "week"

    @property
    def weekly(self) -> Decimal:
        return weekly(self.value, self.per)


@dataclass(frozen=True)
class PlanAnswers:
    """Every answer, typed. Built only by `read()`."""

    version: int
    who: str
    over_state_pension_age: bool
    partner_at_home: bool
    where: str
    hours_band: str
    needs: frozenset[str]
    options: tuple[str, ...]
    home_care_hours: Decimal
    day_sessions: Decimal | None
    costs: dict[str, Amount]
    savings: Decimal
    joint_savings: Decimal
    owns_home: bool
    home_value: Decimal
    mortgage: Decimal
    someone_lives_there: bool
    home_plan: str
    housing_costs: Amount | None
    living_costs: Amount | None
    income: dict[str, Amount]
    attendance_allowance: str
    partner_income: Amount | None = None
    adviser: dict = field(default_factory=dict)

    @property
    def person(self) -> str:
        return person_for(self.who)

    @property
    def dementia(self) -> bool:
        return "dementia" in self.needs

    @property
    def night_care(self) -> bool:
        return "night" in self.needs


def current_rates(today: date) -> YearRates:
    return rates_for(year_for(today))


def applies(step: str, stored: dict) -> bool:
    """Whether a step is asked, given the answers so far."""
    if step == "home-details":
        return stored.get("home", {}).get("owns_home") == "yes"
    if step == "partner-income":
        return stored.get("partner", {}).get("partner_at_home") == "yes"
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


def person_of(stored: dict) -> str:
    return person_for(stored.get("who", {}).get("who"))


def defaults_for(step: str, stored: dict, rates: YearRates) -> dict:
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
        return {"home_care_hours": f"{band_hours(stored).normalize():f}"}
    if step == "living":
        guarantee = default_living_costs(rates, stored)
        return {"living_costs": f"{guarantee:f}", "living_costs_per": "week"}
    return {}


def band_hours(stored: dict) -> Decimal:
    """Hours a week of home care that the chosen band of hours a day means."""
    band = stored.get("hours", {}).get("hours", "1_to_3")
    return HOURS_BANDS.get(band, HOURS_BANDS["1_to_3"])[1]


def default_living_costs(rates: YearRates, stored: dict) -> Decimal:
    """What someone is assumed to live on at home: the minimum income guarantee for their
    circumstances (their age and whether they live with a partner)."""
    return minimum_income_guarantee(
        rates,
        age_band="pension_age"
        if stored.get("age", {}).get("over_state_pension_age") != "no"
        else "25_to_pension_age",
        couple=stored.get("partner", {}).get("partner_at_home") == "yes",
    ).value


def form_for(step: str, stored: dict, **kwargs):
    """The form that asks a step, worded for the person, with only the fields that apply."""
    form = STEPS[step](person=person_of(stored), **kwargs)
    if step == "costs":
        options = stored.get("options", {}).get("options") or ["home_care"]
        form.keep_only(options)
    return form


def checked(step: str, stored: dict):
    """A kept step's form, checked again as if it had just been sent; None if it fails."""
    answers = stored.get(step)
    if not isinstance(answers, dict):
        return None
    pairs = []
    for name, value in answers.items():
        values = value if isinstance(value, list) else [value]
        pairs += [(name, v) for v in values if isinstance(v, str)]
    form = form_for(step, stored, formdata=MultiDict(pairs), meta={"csrf": False})
    return form if form.validate() else None


def upgrade(stored: dict, rates: YearRates) -> dict:
    """Answers kept by an older version of the planner, in this version's shape."""
    if not isinstance(stored, dict) or not stored:
        return {}
    version = stored.get("version", 1)
    if version == VERSION:
        return stored
    if version != 1:
        return {}
    upgraded = {key: value for key, value in stored.items() if isinstance(value, dict)}
    upgraded["version"] = VERSION
    # Version 1 did not ask these; a partner at home was asked about only for the home.
    upgraded.setdefault("partner", {"partner_at_home": "no"})
    upgraded.setdefault("living", {})
    if "income" in upgraded:
        # Version 1 asked for Attendance Allowance in pounds a week; now it asks which rate.
        income = dict(upgraded["income"])
        try:
            amount = parse_money(income.pop("attendance_allowance", None)) or Decimal(0)
        except AmountError:
            amount = Decimal(0)
        higher = rates.value("attendance_allowance_higher")
        income["attendance_allowance"] = (
            "no" if amount <= 0 else "higher" if amount >= higher else "lower"
        )
        upgraded["income"] = income
    return upgraded


def clean(stored: dict, rates: YearRates) -> dict:
    """Only the steps that still pass their own checks, in this version's shape."""
    stored = upgrade(stored, rates)
    kept = {"version": VERSION}
    for step in ORDER:
        if step in stored and checked(step, stored) is not None:
            kept[step] = stored[step]
    start = stored.get("start", {})
    if isinstance(start, dict) and start.get("option") in CostsForm.FIELDS_FOR:
        kept["start"] = {"option": start["option"]}
    adviser = stored.get("adviser")
    if isinstance(adviser, dict):
        kept["adviser"] = {
            name: text[:MAX_NOTE]
            for name in ("reference", "note")
            if isinstance(text := adviser.get(name), str)
        }
    if isinstance(stored.get("link"), str):
        kept["link"] = stored["link"]
    return kept


def read(stored: dict) -> PlanAnswers:
    """The typed answers from kept answers that `clean` has checked and that are complete."""
    forms = {step: checked(step, stored) for step in ORDER if applies(step, stored)}
    missing = [step for step, form in forms.items() if form is None]
    if missing:
        raise ValueError(f"answers missing or wrong: {missing}")
    costs = forms["costs"]
    home = forms.get("home-details")
    living = forms["living"]
    income = forms["income"]
    partner = forms.get("partner-income")

    def given(form, name) -> Amount | None:
        if name not in form or form[name].amount is None:
            return None
        per_name = f"{name}_per"
        per = form[per_name].data if per_name in form and form[per_name].data else "week"
        return Amount(form[name].amount, per)

    return PlanAnswers(
        version=VERSION,
        who=forms["who"].who.data,
        over_state_pension_age=forms["age"].over_state_pension_age.data == "yes",
        partner_at_home=forms["partner"].partner_at_home.data == "yes",
        where=forms["where"].where.data,
        hours_band=forms["hours"].hours.data,
        needs=frozenset(forms["needs"].needs.data or ()),
        options=tuple(forms["options"].options.data),
        home_care_hours=(
            costs.home_care_hours.amount
            if "home_care_hours" in costs and costs.home_care_hours.amount is not None
            else band_hours(stored)
        ),
        day_sessions=costs.day_sessions.amount if "day_sessions" in costs else None,
        costs={
            f.name: amount
            for f in costs.amount_fields()
            if f.name not in ("home_care_hours", "day_sessions")
            and (amount := given(costs, f.name)) is not None
        },
        savings=forms["savings"].savings.amount,
        joint_savings=forms["savings"].joint_savings.amount or Decimal(0),
        owns_home=forms["home"].owns_home.data == "yes",
        home_value=home.home_value.amount if home else Decimal(0),
        mortgage=(home.mortgage.amount or Decimal(0)) if home else Decimal(0),
        someone_lives_there=bool(home) and home.someone_lives_there.data == "yes",
        home_plan=home.home_plan.data if home else "sell",
        housing_costs=given(living, "housing_costs"),
        living_costs=given(living, "living_costs"),
        income={
            name: amount for name in INCOME_FIELDS if (amount := given(income, name)) is not None
        },
        attendance_allowance=income.attendance_allowance.data,
        partner_income=given(partner, "partner_income") if partner else None,
        adviser=dict(stored.get("adviser", {})),
    )


def to_calculator(answers: PlanAnswers, rates: YearRates, today: date) -> Answers:
    """The calculators' inputs: every amount a week, in pounds."""
    weekly_income = {name: amount.weekly for name, amount in answers.income.items()}
    if answers.attendance_allowance != "no":
        weekly_income["attendance_allowance"] = rates.value(
            f"attendance_allowance_{answers.attendance_allowance}"
        )

    def cost(name: str) -> Decimal | None:
        amount = answers.costs.get(name)
        return amount.weekly if amount else None

    return Answers(
        options=answers.options,
        costs=Costs(
            home_care_hours=answers.home_care_hours,
            day_sessions=(
                answers.day_sessions if answers.day_sessions is not None else DAY_SESSIONS_PER_WEEK
            ),
            **{
                name: cost(name)
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
        ),
        start_date=today,
        needs=answers.needs,
        over_state_pension_age=answers.over_state_pension_age,
        savings=answers.savings,
        joint_savings=answers.joint_savings,
        owns_home=answers.owns_home,
        home_value=answers.home_value,
        mortgage=answers.mortgage,
        someone_lives_in_home=answers.someone_lives_there or answers.partner_at_home,
        home_plan=answers.home_plan,
        weekly_income=weekly_income,
        partner_at_home=answers.partner_at_home,
        couple=answers.partner_at_home,
        partner_weekly_income=(
            answers.partner_income.weekly if answers.partner_income else Decimal(0)
        ),
        housing_costs=answers.housing_costs.weekly if answers.housing_costs else Decimal(0),
        living_costs=answers.living_costs.weekly if answers.living_costs else None,
        night_care=answers.night_care,
        person=YOU if answers.person == "you" else THEY,
    )
