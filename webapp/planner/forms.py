"""The planner's questions, one form a page, plus the adviser's form with all of them."""

from decimal import Decimal, InvalidOperation
from typing import ClassVar

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovRadioInput, GovTextInput
from wtforms import RadioField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from calculators.inputs import MAX_AMOUNT
from calculators.planner import HOURS_BANDS, NEEDS, PLAN_OPTIONS

YES_NO = [SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))]


class MoneyField(StringField):
    """An amount in pounds: '£1,250.50' is fine; what was typed is kept if it is wrong."""

    widget = GovTextInput()

    def __init__(self, label, required: bool = False, **kwargs):
        super().__init__(label, **kwargs)
        self.required = required
        self.amount: Decimal | None = None

    def pre_validate(self, form) -> None:
        text = (self.data or "").strip().replace(",", "").replace("£", "").replace(" ", "")
        self.amount = None
        if not text:
            if self.required:
                raise ValidationError(_l("Enter %(label)s", label=str(self.label.text).lower()))
            return
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            raise ValidationError(
                _l("%(label)s must be an amount in pounds, like 250.50", label=self.label.text)
            )
        if amount < 0:
            raise ValidationError(_l("%(label)s cannot be negative", label=self.label.text))
        if amount > MAX_AMOUNT:
            raise ValidationError(
                _l("%(label)s must be £100 million or less", label=self.label.text)
            )
        if amount != amount.quantize(Decimal("0.01")):
            raise ValidationError(
                _l("%(label)s must be in pounds and pence, like 250.50", label=self.label.text)
            )
        self.amount = amount


def _radio(label, choices, message, **kwargs) -> RadioField:
    return RadioField(
        label,
        choices=choices,
        validators=[InputRequired(message=message)],
        widget=GovRadioInput(),
        **kwargs,
    )


class Question(FlaskForm):
    """One page of the journey. `question` is the page's heading; `dont_know` the help shown
    under 'I don't know'."""

    question = ""
    dont_know = ""


class WhoForm(Question):
    question = _l("Who are you planning for?")
    dont_know = _l(
        "Choose the nearest. Advisers see the same questions, with room for the client's real "
        "quotes."
    )
    who = _radio(
        _l("Who are you planning for?"),
        [
            SelectChoice("myself", _l("Myself")),
            SelectChoice("someone_i_help", _l("Someone I help, such as a parent or partner")),
            SelectChoice("adviser", _l("I am an adviser planning with a client")),
        ],
        _l("Select who you are planning for"),
    )


class AgeForm(Question):
    question = _l("Are they over State Pension age?")
    dont_know = _l(
        "State Pension age is 66 for most people now. If you are not sure, choose yes if they were"
        " born before April 1960."
    )
    over_state_pension_age = _radio(
        _l("Are they over State Pension age?"),
        YES_NO,
        _l("Select yes if they are over State Pension age"),
    )


class WhereForm(Question):
    question = _l("Where do they live in Dorset?")
    dont_know = _l("A town or village is enough. We use it only to show services nearby.")
    where = StringField(
        _l("Where do they live in Dorset?"),
        description=_l("A town, village or postcode, like Bridport or DT6 3QS"),
        validators=[
            InputRequired(message=_l("Enter a town, village or postcode in Dorset")),
            Length(max=60, message=_l("Enter a town or postcode of 60 characters or fewer")),
        ],
        widget=GovTextInput(),
    )


class HoursForm(Question):
    question = _l("How much help do they need each day?")
    dont_know = _l(
        "Think of a typical day: help getting up, washing, dressing, meals, medicines and going to"
        " bed. Choose the nearest; you can change the hours later."
    )
    hours = _radio(
        _l("How much help do they need each day?"),
        [SelectChoice(key, label) for key, (label, _hours) in HOURS_BANDS.items()],
        _l("Select how much help they need each day"),
    )


class NeedsForm(Question):
    question = _l("Do any of these apply?")
    dont_know = _l("Tick what applies now. If none do, leave them all unticked.")
    needs = SelectMultipleField(
        _l("Do any of these apply?"),
        description=_l("Select all that apply"),
        choices=[SelectChoice(key, label) for key, label in NEEDS.items()],
        widget=GovCheckboxesInput(),
    )


class OptionsForm(Question):
    question = _l("Which options do you want to compare?")
    dont_know = _l(
        "We have ticked the options that usually suit these needs. Compare as many as you like."
    )
    options = SelectMultipleField(
        _l("Which options do you want to compare?"),
        description=_l("Select all that you want to compare"),
        choices=[SelectChoice(key, label) for key, label in PLAN_OPTIONS.items()],
        validators=[InputRequired(message=_l("Select at least one option to compare"))],
        widget=GovCheckboxesInput(),
    )


class CostsForm(Question):
    question = _l("Check the costs")
    dont_know = _l(
        "Leave a box empty to use a typical cost for Dorset. If you have a quote, type it in."
    )
    home_care_hours = MoneyField(_l("Hours of care at home a week"), required=True)
    hourly_rate = MoneyField(
        _l("Home care, cost an hour"), description=_l("Typical in Dorset: £32")
    )
    day_sessions = MoneyField(_l("Day opportunity sessions a week"), description=_l("Typical: 2"))
    session_cost = MoneyField(_l("Day opportunity, cost a session"), description=_l("Typical: £45"))
    extra_care_rent = MoneyField(
        _l("Extra care, rent a week"), description=_l("Typical: £130 to £160")
    )
    extra_care_service_charge = MoneyField(
        _l("Extra care, service charge a week"), description=_l("Typical: £60 to £80")
    )
    extra_care_meals = MoneyField(
        _l("Extra care, meals a week"), description=_l("Typical: from £60")
    )
    live_in_fee = MoneyField(_l("Live-in care, fee a week"), description=_l("Typical: £1,600"))
    residential_fee = MoneyField(
        _l("Residential care home, fee a week"), description=_l("Typical in Dorset: £1,300")
    )
    nursing_fee = MoneyField(
        _l("Nursing home, fee a week"),
        description=_l("Typical in Dorset: £1,360 to £1,580, before the NHS pays its part"),
    )

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
        wanted = {name for option in options for name in self.FIELDS_FOR[option]}
        for name in [field.name for field in self if isinstance(field, MoneyField)]:
            if name not in wanted:
                delattr(self, name)


class SavingsForm(Question):
    question = _l("How much do they have in savings and investments?")
    dont_know = _l(
        "Include bank and building society accounts, cash, ISAs, premium bonds and shares, but not"
        " the home they live in. A rough figure is fine."
    )
    savings = MoneyField(_l("In their name only"), required=True)
    joint_savings = MoneyField(
        _l("In joint names with a partner"),
        description=_l("The means test counts half as theirs. Leave empty if none."),
    )


class HomeForm(Question):
    question = _l("Do they own their home?")
    dont_know = _l(
        "Choose yes if they own it outright or with a mortgage, on their own or with someone else."
    )
    owns_home = _radio(
        _l("Do they own their home?"), YES_NO, _l("Select yes if they own their home")
    )


class HomeDetailsForm(Question):
    question = _l("About their home")
    dont_know = _l(
        "An estate agent's valuation or a property website gives a rough value. The plan only "
        "matters for care home options."
    )
    home_value = MoneyField(_l("About how much is it worth?"), required=True)
    someone_lives_there = _radio(
        _l("Would a partner, a relative aged 60 or over, or a child under 18 still live there?"),
        YES_NO,
        _l("Select yes if someone would still live in the home"),
    )
    home_plan = _radio(
        _l("If they moved into a care home, what would they do with the home?"),
        [
            SelectChoice("sell", _l("Sell it")),
            SelectChoice("defer", _l("Keep it, with a deferred payment agreement")),
        ],
        _l("Select what they would do with the home"),
    )


INCOME_FIELDS = {
    "state_pension": _l("State Pension"),
    "private_pension": _l("Private or work pensions"),
    "attendance_allowance": _l("Attendance Allowance"),
    "pip_daily_living": _l("PIP or DLA, daily living or care part"),
    "pip_mobility": _l("PIP or DLA, mobility part"),
    "pension_credit": _l("Pension Credit"),
    "other": _l("Other income"),
}


class IncomeForm(Question):
    question = _l("What is their weekly income?")
    dont_know = _l(
        "Bank statements and award letters show these. For a monthly amount, multiply by 12 and "
        "divide by 52. Leave a box empty if they do not get it."
    )


for _name, _label in INCOME_FIELDS.items():
    setattr(IncomeForm, _name, MoneyField(_label, description=_l("Pounds a week")))


STEPS = {
    "who": WhoForm,
    "age": AgeForm,
    "where": WhereForm,
    "hours": HoursForm,
    "needs": NeedsForm,
    "options": OptionsForm,
    "costs": CostsForm,
    "savings": SavingsForm,
    "home": HomeForm,
    "home-details": HomeDetailsForm,
    "income": IncomeForm,
}


def _fields_of(form_class) -> dict:
    return {
        name: value
        for name, value in vars(form_class).items()
        if hasattr(value, "field_class") and name != "csrf_token"
    }


STEP_FIELDS = {step: list(_fields_of(form_class)) for step, form_class in STEPS.items()}
HOME_DETAIL_FIELDS = STEP_FIELDS["home-details"]


class AdviserForm(FlaskForm):
    """Every question on one page, for an adviser talking a client through it."""

    @staticmethod
    def flatten(stored: dict) -> dict:
        return {name: value for answers in stored.values() for name, value in answers.items()}

    def to_stored(self) -> dict:
        stored = {
            step: {name: self[name].data for name in names} for step, names in STEP_FIELDS.items()
        }
        if self.owns_home.data != "yes":
            del stored["home-details"]
        return stored

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        if self.owns_home.data != "yes":
            # The home's details are only asked about when they own it.
            for name in HOME_DETAIL_FIELDS:
                self[name].errors = []
        self._errors = None
        return not self.errors


for _step, _form_class in STEPS.items():
    for _name, _unbound in _fields_of(_form_class).items():
        setattr(AdviserForm, _name, _unbound)
