"""The planner's questions, one form a page, plus the adviser's form with all of them.

Questions are worded for who the plan is for: "you" when it is for yourself, "they" otherwise.
Every amount is read by webapp.planner.amounts, the one parser.
"""

from typing import ClassVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, StopValidation, ValidationError

from calculators.planner import HOURS_BANDS, NEEDS, PLAN_OPTIONS
from webapp.formatting import money
from webapp.planner.amounts import (
    PERIOD_LABELS,
    AmountError,
    parse_count,
    parse_hours,
    parse_money,
)

YES_NO = [SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))]
MAX_NOTE = 1000


class Words:
    """A piece of text in two wordings: for someone else ("they") and for yourself ("you"),
    the same for both when `you` is not given."""

    def __init__(self, they, you=None):
        self.they = they
        self.you = they if you is None else you

    def __call__(self, person: str):
        return self.you if person == "you" else self.they


def person_for(who: str | None) -> str:
    """How the pages address the person the plan is for."""
    return "you" if who == "myself" else "they"


class Required:
    """A choice must be made; the message follows the form's wording."""

    field_flags: ClassVar[dict] = {"required": True}

    def __init__(self, message: Words):
        self.message = message

    def __call__(self, form, field) -> None:
        if not field.raw_data or not field.raw_data[0]:
            field.errors[:] = []
            raise StopValidation(self.message(getattr(form, "person", "they")))


class OneChoice(RadioField):
    """A radio question. A value it does not offer gets the same message as no answer: the
    person is asked to choose, never told "Not a valid choice"."""

    def pre_validate(self, form) -> None:
        try:
            super().pre_validate(form)
        except ValidationError:
            required = next(v for v in self.validators if isinstance(v, Required))
            raise ValidationError(required.message(getattr(form, "person", "they"))) from None


class AmountField(StringField):
    """An amount as typed: what was typed is kept when it cannot be read. `amount` is the
    number read from it. `error_name` is the question's short name for error messages, worded
    for the person ("their savings in their name only"), since a label often reads badly
    inside a sentence."""

    widget = GovTextInput()
    parse = staticmethod(parse_money)
    prefix = "£"

    def __init__(self, label, error_name: Words, required: bool = False, **kwargs):
        super().__init__(label, **kwargs)
        self.error_name = error_name
        self.required = required
        self.amount = None

    def pre_validate(self, form) -> None:
        self.amount = None
        name = self.error_name(getattr(form, "person", "they"))
        try:
            self.amount = self.parse(self.data)
        except AmountError as error:
            raise ValidationError(error.for_name(name)) from None
        if self.amount is None and self.required:
            raise ValidationError(_("Enter %(name)s", name=name))


class MoneyField(AmountField):
    """Pounds. With `per`, the question also asks whether it is a week, a month or a year; the
    choice is the field named <name>_per on the same form."""

    def __init__(self, label, error_name: Words, per: bool = False, **kwargs):
        super().__init__(label, error_name, **kwargs)
        self.per = per


class HoursField(AmountField):
    """Hours a week: hours, not pounds."""

    parse = staticmethod(parse_hours)
    prefix = None


class CountField(AmountField):
    """A whole number, such as sessions a week."""

    parse = staticmethod(parse_count)
    prefix = None


class PerField(SelectField):
    """Whether the amount before it (the field named without "_per") is a week, a month or a
    year. Its message names that amount."""

    widget = GovSelect()

    def pre_validate(self, form) -> None:
        try:
            super().pre_validate(form)
        except ValidationError:
            amount = form[self.name.removesuffix("_per")]
            name = amount.error_name(getattr(form, "person", "they"))
            raise ValidationError(
                _(
                    "Select how often the amount for %(name)s is: a week, a month or a year",
                    name=name,
                )
            ) from None


def per_field() -> PerField:
    return PerField(
        _l("How often"),
        choices=[SelectChoice(key, label) for key, label in PERIOD_LABELS.items()],
        default="week",
        validators=[Optional()],
    )


class ChoicesField(SelectMultipleField):
    """Ticked boxes: each one known, and none twice (so no answer can grow without end)."""

    widget = GovCheckboxesInput()

    def pre_validate(self, form) -> None:
        values = self.data or []
        if len(values) != len(set(values)) or len(values) > len(self.choices):
            raise ValidationError(_l("Tick each box at most once"))
        super().pre_validate(form)


def _radio(label, choices, message: Words, **kwargs) -> OneChoice:
    return OneChoice(
        label, choices=choices, validators=[Required(message)], widget=GovRadioInput(), **kwargs
    )


class Question(FlaskForm):
    """One page of the journey. `question` is the page's heading and `dont_know` the help shown
    under 'I don't know', each in both wordings; `labels` words the fields that mention the
    person."""

    question: Words
    dont_know: Words | None = None
    labels: ClassVar[dict[str, Words]] = {}

    def __init__(self, *args, person: str = "they", **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        for name, words in self.labels.items():
            if name in self:
                self[name].label.text = words(person)

    @property
    def heading(self):
        return self.question(self.person)

    @property
    def help_text(self):
        return self.dont_know(self.person) if self.dont_know else ""

    def amount_fields(self) -> list:
        return [field for field in self if isinstance(field, AmountField)]


class WhoForm(Question):
    question = Words(_l("Who are you planning for?"), _l("Who are you planning for?"))
    dont_know = Words(
        _l(
            "Choose the nearest. Advisers see the same questions, with room for the client's "
            "real quotes."
        ),
        _l(
            "Choose the nearest. Advisers see the same questions, with room for the client's "
            "real quotes."
        ),
    )
    who = _radio(
        _l("Who are you planning for?"),
        [
            SelectChoice("myself", _l("Myself")),
            SelectChoice("someone_i_help", _l("Someone I help, such as a parent or partner")),
            SelectChoice("adviser", _l("I am an adviser planning with a client")),
        ],
        Words(_l("Select who you are planning for"), _l("Select who you are planning for")),
    )


class AgeForm(Question):
    question = Words(_l("Are they over State Pension age?"), _l("Are you over State Pension age?"))
    dont_know = Words(
        _l(
            "State Pension age is 66 for most people now. If you are not sure, choose yes if they"
            " were born before April 1960."
        ),
        _l(
            "State Pension age is 66 for most people now. If you are not sure, choose yes if you"
            " were born before April 1960."
        ),
    )
    over_state_pension_age = _radio(
        "",
        YES_NO,
        Words(
            _l("Select yes if they are over State Pension age"),
            _l("Select yes if you are over State Pension age"),
        ),
    )
    labels: ClassVar = {"over_state_pension_age": question}


class PartnerForm(Question):
    question = Words(
        _l("Do they live with a husband, wife or partner?"),
        _l("Do you live with a husband, wife or partner?"),
    )
    dont_know = Words(
        _l(
            "Only the person who needs care is assessed, but a partner who goes on living at home"
            " keeps the home out of the sums, and couples get different Pension Credit rates."
        ),
        _l(
            "Only the person who needs care is assessed, but a partner who goes on living at home"
            " keeps the home out of the sums, and couples get different Pension Credit rates."
        ),
    )
    partner_at_home = _radio(
        "",
        YES_NO,
        Words(
            _l("Select yes if they live with a husband, wife or partner"),
            _l("Select yes if you live with a husband, wife or partner"),
        ),
    )
    labels: ClassVar = {"partner_at_home": question}


class WhereForm(Question):
    question = Words(_l("Where do they live in Dorset?"), _l("Where do you live in Dorset?"))
    dont_know = Words(
        _l("A town or village is enough. We use it only to show services nearby."),
        _l("A town or village is enough. We use it only to show services nearby."),
    )
    where = StringField(
        "",
        description=_l("A town, village or postcode, like Bridport or DT6 3QS"),
        validators=[
            InputRequired(message=_l("Enter a town, village or postcode in Dorset")),
            Length(max=60, message=_l("Enter a town or postcode of 60 characters or fewer")),
        ],
        widget=GovTextInput(),
    )
    labels: ClassVar = {"where": question}


class HoursForm(Question):
    question = Words(
        _l("How much help do they need each day?"), _l("How much help do you need each day?")
    )
    dont_know = Words(
        _l(
            "Think of a typical day: help getting up, washing, dressing, meals, medicines and"
            " going to bed. Choose the nearest; you can change the hours later."
        ),
        _l(
            "Think of a typical day: help getting up, washing, dressing, meals, medicines and"
            " going to bed. Choose the nearest; you can change the hours later."
        ),
    )
    hours = _radio(
        "",
        [SelectChoice(key, label) for key, (label, _hours) in HOURS_BANDS.items()],
        Words(
            _l("Select how much help they need each day"),
            _l("Select how much help you need each day"),
        ),
    )
    labels: ClassVar = {"hours": question}


class NeedsForm(Question):
    question = Words(_l("Do any of these apply?"), _l("Do any of these apply?"))
    dont_know = Words(
        _l(
            "Tick what applies now. If none do, leave them all unticked. We use the dementia care"
            " home fee only when memory problems or dementia is ticked."
        ),
        _l(
            "Tick what applies now. If none do, leave them all unticked. We use the dementia care"
            " home fee only when memory problems or dementia is ticked."
        ),
    )
    needs = ChoicesField(
        "",
        description=_l("Select all that apply"),
        choices=[SelectChoice(key, label) for key, label in NEEDS.items()],
    )
    labels: ClassVar = {"needs": question}


class OptionsForm(Question):
    question = Words(
        _l("Which options do you want to compare?"), _l("Which options do you want to compare?")
    )
    dont_know = Words(
        _l(
            "We have ticked the options that usually suit these needs. Compare as many as you like."
        ),
        _l(
            "We have ticked the options that usually suit these needs. Compare as many as you like."
        ),
    )
    options = ChoicesField(
        "",
        description=_l("Select all that you want to compare"),
        choices=[SelectChoice(key, label) for key, label in PLAN_OPTIONS.items()],
        validators=[InputRequired(message=_l("Select at least one option to compare"))],
    )
    labels: ClassVar = {"options": question}


# Which typical cost from the rates each cost question falls back to.
DEFAULT_COST_KEYS = {
    "hourly_rate": "home_care_hourly_rate",
    "session_cost": "day_opportunity_session_cost",
    "extra_care_rent": "extra_care_rent",
    "extra_care_service_charge": "extra_care_service_charge",
    "extra_care_meals": "extra_care_meals",
    "live_in_fee": "live_in_weekly_fee",
    "residential_fee": "residential_weekly_fee",
    "nursing_fee": "nursing_weekly_fee",
}


class CostsForm(Question):
    question = Words(_l("Check the costs"), _l("Check the costs"))
    dont_know = Words(
        _l("Leave a box empty to use a typical cost for Dorset. If you have a quote, type it in."),
        _l("Leave a box empty to use a typical cost for Dorset. If you have a quote, type it in."),
    )
    # Left empty, the hours are those of the help chosen each day (answers.band_hours).
    home_care_hours = HoursField(
        _l("Hours of care at home a week"),
        Words(_l("the hours of care at home a week")),
    )
    hourly_rate = MoneyField(
        _l("Home care, cost an hour"),
        Words(_l("the cost of home care an hour")),
    )
    day_sessions = CountField(
        _l("Day opportunity sessions a week"),
        Words(_l("the day opportunity sessions a week")),
    )
    session_cost = MoneyField(
        _l("Day opportunity, cost a session"),
        Words(_l("the cost of a day opportunity session")),
    )
    extra_care_rent = MoneyField(_l("Extra care, rent"), Words(_l("the extra care rent")), per=True)
    extra_care_rent_per = per_field()
    extra_care_service_charge = MoneyField(
        _l("Extra care, service charge"),
        Words(_l("the extra care service charge")),
        per=True,
    )
    extra_care_service_charge_per = per_field()
    extra_care_meals = MoneyField(
        _l("Extra care, meals"),
        Words(_l("the cost of extra care meals")),
        per=True,
    )
    extra_care_meals_per = per_field()
    live_in_fee = MoneyField(_l("Live-in care, fee"), Words(_l("the live-in care fee")), per=True)
    live_in_fee_per = per_field()
    residential_fee = MoneyField(
        _l("Residential care home, fee"),
        Words(_l("the residential care home fee")),
        per=True,
    )
    residential_fee_per = per_field()
    nursing_fee = MoneyField(_l("Nursing home, fee"), Words(_l("the nursing home fee")), per=True)
    nursing_fee_per = per_field()

    # Which fields each option needs: only those are shown and checked.
    FIELDS_FOR: ClassVar[dict[str, tuple[str, ...]]] = {
        "home_care": ("home_care_hours", "hourly_rate"),
        "home_care_day": ("home_care_hours", "hourly_rate", "day_sessions", "session_cost"),
        "extra_care": (
            "home_care_hours",
            "hourly_rate",
            "extra_care_rent",
            "extra_care_service_charge",
            "extra_care_meals",
        ),
        "live_in": ("live_in_fee",),
        "residential": ("residential_fee",),
        "nursing": ("nursing_fee",),
    }

    def keep_only(self, options) -> None:
        wanted = {name for option in options for name in self.FIELDS_FOR.get(option, ())}
        for field in list(self.amount_fields()):
            if field.name not in wanted:
                delattr(self, field.name)
                if f"{field.name}_per" in self:
                    delattr(self, f"{field.name}_per")

    def describe_defaults(self, rates, typical_sessions, band: str | None = None) -> None:
        """Each cost's hint gives the typical figure used when the box is left empty, and the
        hours' hint the hours of the help chosen each day (`band`, or each band when the same
        page asks it)."""
        if "home_care_hours" in self:
            self.home_care_hours.description = hours_hint(band)
        for name, key in DEFAULT_COST_KEYS.items():
            if name in self:
                amount = money(rates.default_cost(key).value)
                self[name].description = (
                    _("Typical in Dorset: %(amount)s a week", amount=amount)
                    if self[name].per
                    else _("Typical in Dorset: %(amount)s", amount=amount)
                )
        if "day_sessions" in self:
            self.day_sessions.description = _("Typical: %(count)s", count=typical_sessions)


def _hours(band: str) -> str:
    return f"{HOURS_BANDS[band][1].normalize():f}"


def hours_hint(band: str | None) -> str:
    """What hours a week of care at home are used when the box is left empty."""
    if band in HOURS_BANDS:
        return _("Left empty: %(hours)s hours for the help chosen", hours=_hours(band))
    each = "; ".join(
        _("%(band)s a day: %(hours)s", band=label[:1].lower() + label[1:], hours=_hours(key))
        for key, (label, _hours_a_week) in HOURS_BANDS.items()
    )
    return _("Left empty: the hours a week for the help chosen each day (%(each)s)", each=each)


class SavingsForm(Question):
    question = Words(
        _l("How much do they have in savings and investments?"),
        _l("How much do you have in savings and investments?"),
    )
    dont_know = Words(
        _l(
            "Include bank and building society accounts, cash, ISAs, premium bonds and shares, but"
            " not the home they live in. A rough figure is fine, like 40k."
        ),
        _l(
            "Include bank and building society accounts, cash, ISAs, premium bonds and shares, but"
            " not the home you live in. A rough figure is fine, like 40k."
        ),
    )
    savings = MoneyField(
        _l("In their name only"),
        Words(_l("their savings in their name only"), _l("your savings in your name only")),
        required=True,
    )
    joint_savings = MoneyField(
        _l("In joint names with a partner"),
        Words(_l("their savings in joint names"), _l("your savings in joint names")),
        description=_l("The means test counts half of joint savings. Leave empty if none."),
    )
    labels: ClassVar = {"savings": Words(_l("In their name only"), _l("In your name only"))}


class HomeForm(Question):
    question = Words(_l("Do they own their home?"), _l("Do you own your home?"))
    dont_know = Words(
        _l(
            "Choose yes if they own it outright or with a mortgage, on their own or with someone"
            " else."
        ),
        _l(
            "Choose yes if you own it outright or with a mortgage, on your own or with someone"
            " else."
        ),
    )
    owns_home = _radio(
        "",
        YES_NO,
        Words(_l("Select yes if they own their home"), _l("Select yes if you own your home")),
    )
    labels: ClassVar = {"owns_home": question}


class HomeDetailsForm(Question):
    question = Words(_l("About their home"), _l("About your home"))
    dont_know = Words(
        _l(
            "An estate agent's valuation or a property website gives a rough value, like 250k."
            " The mortgage is what is still owed. The plan for the home only matters for care"
            " home options."
        ),
        _l(
            "An estate agent's valuation or a property website gives a rough value, like 250k."
            " The mortgage is what is still owed. The plan for the home only matters for care"
            " home options."
        ),
    )
    home_value = MoneyField(
        _l("About how much is it worth?"),
        Words(_l("what their home is worth"), _l("what your home is worth")),
        required=True,
    )
    mortgage = MoneyField(
        _l("How much is still owed on a mortgage or loan secured on it?"),
        Words(_l("what is still owed on their home"), _l("what is still owed on your home")),
        description=_l("Leave empty if nothing is owed"),
    )
    someone_lives_there = _radio(
        _l("Would a partner, a relative aged 60 or over, or a child under 18 still live there?"),
        YES_NO,
        Words(
            _l("Select yes if someone would still live in the home"),
            _l("Select yes if someone would still live in the home"),
        ),
    )
    home_plan = _radio(
        "",
        [
            SelectChoice("sell", _l("Sell it")),
            SelectChoice("defer", _l("Keep it, with a deferred payment agreement")),
        ],
        Words(
            _l("Select what they would do with the home"),
            _l("Select what you would do with the home"),
        ),
    )
    labels: ClassVar = {
        "home_plan": Words(
            _l("If they moved into a care home, what would they do with the home?"),
            _l("If you moved into a care home, what would you do with the home?"),
        )
    }


class LivingForm(Question):
    question = Words(
        _l("What do they spend on their home and everyday living?"),
        _l("What do you spend on your home and everyday living?"),
    )
    dont_know = Words(
        _l(
            "Living costs are food, bills and everyday spending. If you are not sure, keep the"
            " figure we filled in: it is the minimum income guarantee, the amount the council"
            " leaves someone to live on at home. Housing costs are rent, service charge and"
            " mortgage payments; leave it empty if there are none."
        ),
        _l(
            "Living costs are food, bills and everyday spending. If you are not sure, keep the"
            " figure we filled in: it is the minimum income guarantee, the amount the council"
            " leaves someone to live on at home. Housing costs are rent, service charge and"
            " mortgage payments; leave it empty if you have none."
        ),
    )
    housing_costs = MoneyField(
        _l("Housing costs now"),
        Words(_l("their housing costs"), _l("your housing costs")),
        per=True,
    )
    housing_costs_per = per_field()
    living_costs = MoneyField(
        _l("Living costs"), Words(_l("their living costs"), _l("your living costs")), per=True
    )
    living_costs_per = per_field()


INCOME_FIELDS = {
    "state_pension": _l("State Pension"),
    "private_pension": _l("Private or work pensions"),
    "pip_daily_living": _l("PIP or DLA, daily living or care part"),
    "pip_mobility": _l("PIP or DLA, mobility part"),
    "pension_credit": _l("Pension Credit"),
    "other": _l("Other income"),
}
# Each income's short name for error messages.
INCOME_ERROR_NAMES = {
    "state_pension": Words(_l("their State Pension"), _l("your State Pension")),
    "private_pension": Words(
        _l("their private or work pensions"), _l("your private or work pensions")
    ),
    "pip_daily_living": Words(
        _l("their PIP or DLA daily living or care part"),
        _l("your PIP or DLA daily living or care part"),
    ),
    "pip_mobility": Words(
        _l("their PIP or DLA mobility part"), _l("your PIP or DLA mobility part")
    ),
    "pension_credit": Words(_l("their Pension Credit"), _l("your Pension Credit")),
    "other": Words(_l("their other income"), _l("your other income")),
}
ATTENDANCE_ALLOWANCE = {
    "no": _l("No"),
    "lower": _l("Yes, the lower rate"),
    "higher": _l("Yes, the higher rate"),
}


class IncomeForm(Question):
    question = Words(_l("What is their income?"), _l("What is your income?"))
    dont_know = Words(
        _l(
            "Bank statements and award letters show these. Choose whether each amount is a week,"
            " a month or a year. Leave a box empty if they do not get it."
        ),
        _l(
            "Bank statements and award letters show these. Choose whether each amount is a week,"
            " a month or a year. Leave a box empty if you do not get it."
        ),
    )
    attendance_allowance = _radio(
        "",
        [SelectChoice(key, label) for key, label in ATTENDANCE_ALLOWANCE.items()],
        Words(
            _l("Select whether they get Attendance Allowance"),
            _l("Select whether you get Attendance Allowance"),
        ),
    )
    labels: ClassVar = {
        "attendance_allowance": Words(
            _l("Do they get Attendance Allowance already?"),
            _l("Do you get Attendance Allowance already?"),
        )
    }

    def describe_rates(self, rates) -> None:
        self.attendance_allowance.description = _(
            "The lower rate is %(lower)s a week and the higher rate %(higher)s a week.",
            lower=money(rates.value("attendance_allowance_lower")),
            higher=money(rates.value("attendance_allowance_higher")),
        )


for _name, _label in INCOME_FIELDS.items():
    setattr(IncomeForm, _name, MoneyField(_label, INCOME_ERROR_NAMES[_name], per=True))
    setattr(IncomeForm, f"{_name}_per", per_field())


class PartnerIncomeForm(Question):
    question = Words(
        _l("What is their husband, wife or partner's income?"),
        _l("What is your husband, wife or partner's income?"),
    )
    dont_know = Words(
        _l(
            "A couple's Pension Credit is worked out on their joint income, so we add this to"
            " theirs. Include the partner's State Pension, other pensions and benefits. Leave it"
            " empty if they have none."
        ),
        _l(
            "A couple's Pension Credit is worked out on your joint income, so we add this to"
            " yours. Include your partner's State Pension, other pensions and benefits. Leave it"
            " empty if they have none."
        ),
    )
    partner_income = MoneyField(
        _l("Partner's income"),
        Words(_l("their partner's income"), _l("your partner's income")),
        per=True,
    )
    partner_income_per = per_field()


STEPS = {
    "who": WhoForm,
    "age": AgeForm,
    "partner": PartnerForm,
    "where": WhereForm,
    "hours": HoursForm,
    "needs": NeedsForm,
    "options": OptionsForm,
    "costs": CostsForm,
    "savings": SavingsForm,
    "home": HomeForm,
    "home-details": HomeDetailsForm,
    "living": LivingForm,
    "income": IncomeForm,
    "partner-income": PartnerIncomeForm,
}


def _fields_of(form_class) -> dict:
    return {
        name: value
        for name, value in vars(form_class).items()
        if hasattr(value, "field_class") and name != "csrf_token"
    }


STEP_FIELDS = {step: list(_fields_of(form_class)) for step, form_class in STEPS.items()}
HOME_DETAIL_FIELDS = STEP_FIELDS["home-details"]
PARTNER_INCOME_FIELDS = STEP_FIELDS["partner-income"]


class AdviserForm(Question):
    """Every question on one page, for an adviser talking a client through it, with the
    adviser's own reference and note (kept only with a saved plan)."""

    question = Words(_l("Plan care costs: every question"), _l("Plan care costs: every question"))
    reference = StringField(
        _l("Your reference for this client (optional)"),
        validators=[Length(max=60, message=_l("Enter a reference of 60 characters or fewer"))],
        widget=GovTextInput(),
    )
    note = TextAreaField(
        _l("A note to print with the plan (optional)"),
        validators=[
            Length(max=MAX_NOTE, message=_l("Enter a note of 1000 characters or fewer")),
        ],
        widget=GovTextArea(),
    )

    @staticmethod
    def flatten(stored: dict) -> dict:
        return {
            name: value
            for step, answers in stored.items()
            if step in STEPS or step == "adviser"
            for name, value in answers.items()
        }

    def to_stored(self) -> dict:
        stored = {
            step: {name: self[name].data for name in names}
            for step, names in STEP_FIELDS.items()
            if step != "who"
        }
        stored["who"] = {"who": "adviser"}
        if self.owns_home.data != "yes":
            del stored["home-details"]
        if self.partner_at_home.data != "yes":
            del stored["partner-income"]
        stored["adviser"] = {"reference": self.reference.data, "note": self.note.data}
        return stored

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        if self.owns_home.data != "yes":
            # The home's details are only asked about when they own it.
            for name in HOME_DETAIL_FIELDS:
                self[name].errors = []
        if self.partner_at_home.data != "yes":
            # A partner's income is only asked about when there is a partner.
            for name in PARTNER_INCOME_FIELDS:
                self[name].errors = []
        self._errors = None
        return not self.errors

    def describe_defaults(self, rates, typical_sessions) -> None:
        """The costs' hints, as on the costs page, and what empty living costs mean: both are
        worked out when the page is sent, from the answers on it."""
        CostsForm.describe_defaults(self, rates, typical_sessions)
        self.living_costs.description = _(
            "Left empty: the minimum income guarantee for their age and whether they live with"
            " a partner, the amount the council leaves someone to live on at home"
        )


for _step, _form_class in STEPS.items():
    if _step == "who":
        continue  # the adviser is planning with a client
    for _name, _unbound in _fields_of(_form_class).items():
        setattr(AdviserForm, _name, _unbound)
    # The adviser's labels are worded for a client.
    AdviserForm.labels = {**AdviserForm.labels, **_form_class.labels}
