"""The provider's questions, one a page, each reading and writing part of a listing record.

Every text field is checked by the listing rule of the same name (webapp/listing_rules.py), so
what a provider types is held to the same rules as an import or an officer's edit.
"""

import re
from datetime import date
from typing import ClassVar

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovPasswordInput,
    GovRadioInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import PasswordField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from webapp.database import get_session
from webapp.directory.places import find_place
from webapp.directory.transfer import DAYS
from webapp.directory.vocabulary import (
    AREAS,
    AVAILABILITY_NAMES,
    FUNDING_NAMES,
    HELP_TYPES,
    LISTING_KIND_NAMES,
)
from webapp.forms import DateInputField
from webapp.listing_rules import FollowsRule
from webapp.models import AVAILABILITIES

YES_NO = [SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))]
DAY_LABELS = dict(
    zip(
        DAYS,
        (_l("Monday"), _l("Tuesday"), _l("Wednesday"), _l("Thursday"), _l("Friday"),
         _l("Saturday"), _l("Sunday")),
        strict=True,
    )
)  # fmt: skip
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def _text(label, name: str, required: str | None = None, description=None, long=False):
    validators = [InputRequired(message=required)] if required else [Optional()]
    return (TextAreaField if long else StringField)(
        label,
        description=description,
        validators=[*validators, FollowsRule(name)],
        widget=GovTextArea() if long else GovTextInput(),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
    )


def _yes_no(label, required, description=None) -> RadioField:
    return RadioField(
        label,
        description=description,
        choices=YES_NO,
        validators=[InputRequired(message=required)],
        widget=GovRadioInput(),
    )


class Question(FlaskForm):
    """One page: its question, and how its answers sit in a listing record."""

    question: ClassVar = ""

    def answers(self) -> dict:
        """This page's part of the record, as an import row holds it."""
        values = {}
        for name, field in self._fields.items():
            if name == "csrf_token":
                continue
            data = field.data
            values[name] = "; ".join(data) if isinstance(data, list) else (data or "")
        return values

    @classmethod
    def record_fields(cls) -> list[str]:
        """The listing record's fields this page asks for."""
        return [name for name, value in vars(cls).items() if hasattr(value, "field_class")]

    @classmethod
    def form_data(cls, record: dict) -> dict:
        """What the page shows, from the record."""
        data = {}
        for name, field in cls.__dict__.items():
            if hasattr(field, "field_class") and name in record:
                value = record[name] or ""
                if field.field_class is SelectMultipleField:
                    value = [part.strip() for part in value.split(";") if part.strip()]
                data[name] = value
        return data


class OrganisationQuestion(Question):
    question = _l("Who are you?")
    organisation = _text(
        _l("Name of your organisation"),
        "organisation",
        _l("Enter the name of your organisation"),
        _l("If you work for yourself, your own name or your business name"),
    )
    contact_name = _text(_l("Your name"), "contact_name", _l("Enter your name"))


class NameQuestion(Question):
    question = _l("What is your service called?")
    name = _text(question, "name", _l("Enter the name of your service"))


class KindQuestion(Question):
    question = _l("What kind of service is it?")
    kind = RadioField(
        question,
        choices=[
            SelectChoice(code, label)
            for code, label in LISTING_KIND_NAMES.items()
            if code != "extra_care_scheme"  # schemes are listed by the council
        ],
        validators=[InputRequired(message=_l("Select what kind of service it is"))],
        widget=GovRadioInput(),
    )


class HelpQuestion(Question):
    question = _l("What types of help do you offer?")
    help_types = SelectMultipleField(
        question,
        description=_l("Select all that apply"),
        choices=[SelectChoice(code, name) for code, (name, _w) in HELP_TYPES.items()],
        validators=[InputRequired(message=_l("Select at least one type of help"))],
        widget=GovCheckboxesInput(),
    )


class SummaryQuestion(Question):
    question = _l("Describe your service")
    summary = _text(
        _l("In a sentence, what do you do?"),
        "summary",
        _l("Enter a sentence about what you do"),
        _l("This is shown in search results"),
    )
    description = _text(_l("More about your service (optional)"), "description", long=True)


class WhereQuestion(Question):
    question = _l("Where are you based?")
    town = _text(_l("Town or village"), "town", _l("Enter your town or village"))
    postcode = _text(_l("Postcode (optional)"), "postcode")
    address = _text(_l("Address (optional)"), "address")

    def validate_town(self, field) -> None:
        if find_place(get_session(), self.postcode.data or field.data or "") is None:
            raise ValidationError(
                _l("We do not know that place in Dorset. Check the spelling, or add a postcode")
            )

    def answers(self) -> dict:
        # The map position is worked out again from the town or postcode.
        return {**super().answers(), "latitude": "", "longitude": ""}


class AreaQuestion(Question):
    question = _l("Which area of Dorset are you in?")
    area = RadioField(
        question,
        choices=[SelectChoice(area, area) for area in AREAS],
        validators=[InputRequired(message=_l("Select the area of Dorset you are in"))],
        widget=GovRadioInput(),
    )


class ServiceAreasQuestion(Question):
    question = _l("Which towns and villages do you cover? (optional)")
    service_areas = _text(
        question,
        "service_areas",
        description=_l("Separate them with semicolons, like Bridport; Beaminster"),
    )


class WhoQuestion(Question):
    question = _l("Who is it for?")
    who_for = _text(
        question,
        "who_for",
        _l("Say who your service is for"),
        _l("For example, older people living at home in West Dorset, and their carers"),
        long=True,
    )


class CostsQuestion(Question):
    question = _l("What does it cost?")
    cost_description = _text(
        question,
        "cost_description",
        _l("Say what it costs, or that it is free"),
        _l("For example, £18 an hour, or free for members"),
        long=True,
    )


class OpeningQuestion(Question):
    question = _l("When are you open?")
    opening_days = SelectMultipleField(
        _l("Days"),
        choices=[SelectChoice(day, label) for day, label in DAY_LABELS.items()],
        validators=[Optional()],
        widget=GovCheckboxesInput(),
    )
    opens = StringField(
        _l("Opens at"),
        description=_l("For example, 09:00"),
        validators=[Optional(), Length(max=5)],
        widget=GovTextInput(),
    )
    closes = StringField(
        _l("Closes at"),
        description=_l("For example, 17:30"),
        validators=[Optional(), Length(max=5)],
        widget=GovTextInput(),
    )

    def validate_opens(self, field) -> None:
        if self.opening_days.data and not _TIME.match(field.data or ""):
            raise ValidationError(_l("Enter the time you open, like 09:00"))

    def validate_closes(self, field) -> None:
        if not self.opening_days.data:
            return
        if not _TIME.match(field.data or ""):
            raise ValidationError(_l("Enter the time you close, like 17:30"))
        if _TIME.match(self.opens.data or "") and _clock(field.data) <= _clock(self.opens.data):
            raise ValidationError(_l("The closing time must be after the opening time"))

    @classmethod
    def record_fields(cls) -> list[str]:
        return ["opening_times"]

    def answers(self) -> dict:
        if not self.opening_days.data:
            return {"opening_times": ""}
        days = ",".join(day for day in DAYS if day in self.opening_days.data)
        return {"opening_times": f"{days} {_clock(self.opens.data)}-{_clock(self.closes.data)}"}

    @classmethod
    def form_data(cls, record: dict) -> dict:
        first = (record.get("opening_times") or "").split(";")[0].strip()
        match = re.match(r"^([A-Z,]+) (\d\d:\d\d)-(\d\d:\d\d)$", first)
        if not match:
            return {}
        return {"opening_days": match.group(1).split(","), "opens": match.group(2),
                "closes": match.group(3)}  # fmt: skip


def _clock(text: str) -> str:
    hours, minutes = _TIME.match(text).groups()
    return f"{int(hours):02d}:{minutes}"


class FundingQuestion(Question):
    question = _l("How can people pay?")
    funding = SelectMultipleField(
        question,
        description=_l("Select all that apply"),
        choices=[SelectChoice(code, name) for code, name in FUNDING_NAMES.items()],
        validators=[InputRequired(message=_l("Select at least one way people can pay"))],
        widget=GovCheckboxesInput(),
    )


class CqcQuestion(Question):
    question = _l("Are you registered with the Care Quality Commission (CQC)?")
    cqc_registered = RadioField(
        question,
        description=_l(
            "You must be registered if you give personal care, such as help with washing, "
            "dressing or medicines. Services that only give company, lifts, shopping, "
            "cleaning or activities do not need to be registered."
        ),
        choices=[
            SelectChoice("yes", _l("Yes, we are registered")),
            SelectChoice("no", _l("No, we do not need to be (we do not give personal care)")),
        ],
        validators=[InputRequired(message=_l("Select whether you are registered with the CQC"))],
        widget=GovRadioInput(),
    )


class DbsQuestion(Question):
    question = _l("Has everyone who works with people had a DBS check?")
    dbs_checked = _yes_no(
        question,
        _l("Select yes if everyone has had a DBS check"),
        _l("A Disclosure and Barring Service check, for anyone working with adults at risk"),
    )


class InsuranceQuestion(Question):
    question = _l("Do you have public liability insurance?")
    insured = _yes_no(question, _l("Select yes if you have public liability insurance"))


class AccreditationQuestion(Question):
    question = _l("Are you accredited by a quality scheme? (optional)")
    accreditation = _text(
        question,
        "accreditation",
        description=_l("For example, a micro-enterprise quality scheme. Leave empty if none"),
    )


class LanguagesQuestion(Question):
    question = _l("Which languages can you offer?")
    languages = _text(
        question,
        "languages",
        _l("Enter the languages you offer"),
        _l("Separate them with semicolons, like English; Polish"),
    )


class WheelchairQuestion(Question):
    question = _l("Can wheelchair users use your service?")
    wheelchair_accessible = _yes_no(
        question, _l("Select yes if wheelchair users can use your service")
    )


class DementiaQuestion(Question):
    question = _l("Is your service suitable for people living with dementia?")
    dementia_friendly = _yes_no(
        question, _l("Select yes if your service suits people living with dementia")
    )


class ContactQuestion(Question):
    question = _l("How can people contact you?")
    phone = _text(_l("Telephone (optional)"), "phone")
    email = _text(_l("Email address (optional)"), "email")
    website = _text(_l("Website (optional)"), "website", description=_l("Starting with https://"))

    def validate_phone(self, field) -> None:
        if not (field.data or self.email.data or self.website.data):
            raise ValidationError(_l("Enter at least one way for people to contact you"))


# The pages in order; the slug is the page's address.
STEPS = {
    "who-you-are": OrganisationQuestion,
    "name": NameQuestion,
    "kind": KindQuestion,
    "help": HelpQuestion,
    "summary": SummaryQuestion,
    "where": WhereQuestion,
    "area": AreaQuestion,
    "service-areas": ServiceAreasQuestion,
    "who-for": WhoQuestion,
    "costs": CostsQuestion,
    "opening-times": OpeningQuestion,
    "payment": FundingQuestion,
    "cqc": CqcQuestion,
    "dbs": DbsQuestion,
    "insurance": InsuranceQuestion,
    "accreditation": AccreditationQuestion,
    "languages": LanguagesQuestion,
    "wheelchair": WheelchairQuestion,
    "dementia": DementiaQuestion,
    "contact": ContactQuestion,
}


# Which page asks for each record field, so a problem found at the end links to its page.
FIELD_STEP = {
    **{name: step for step, form_class in STEPS.items() for name in form_class.record_fields()},
    "latitude": "where",
}


class AvailabilityForm(FlaskForm):
    availability = RadioField(
        _l("Are you taking new people?"),
        choices=[SelectChoice(code, AVAILABILITY_NAMES[code]) for code in AVAILABILITIES],
        validators=[InputRequired(message=_l("Select whether you are taking new people"))],
        widget=GovRadioInput(),
    )
    status = RadioField(
        _l("Are you open?"),
        choices=[
            SelectChoice("active", _l("Yes, we are open")),
            SelectChoice("temporarily_closed", _l("We are temporarily closed")),
        ],
        validators=[InputRequired(message=_l("Select whether you are open"))],
        widget=GovRadioInput(),
    )
    closed_reason = _text(_l("Why are you closed? (if you are)"), "closed_reason")
    reopening_on = DateInputField(
        _l("When do you expect to reopen? (if you know)"),
        description=_l("For example, 27 3 2027"),
        name_in_messages=_l("The reopening date"),
    )

    def validate_reopening_on(self, field) -> None:
        if self.status.data != "temporarily_closed":
            # Only a closure has a reopening date: whatever is left in the boxes is ignored.
            field.errors.clear()
            field.wrong_parts = ()
            return
        if field.data and field.data < date.today():
            field.wrong_parts = tuple(field.parts)
            raise ValidationError(_l("The reopening date must be today or in the future"))

    def validate_closed_reason(self, field) -> None:
        if self.status.data == "temporarily_closed" and not field.data:
            raise ValidationError(_l("Say why you are closed, so people know what to expect"))


class EmailForm(FlaskForm):
    email = StringField(
        _l("Email address"),
        validators=[
            InputRequired(message=_l("Enter your email address")),
            FollowsRule("email"),
        ],
        widget=GovTextInput(),
    )


class PasswordSignInForm(EmailForm):
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(message=_l("Enter your password")), Length(max=200)],
        widget=GovPasswordInput(),
    )


class NewPasswordForm(FlaskForm):
    password = PasswordField(
        _l("Choose a password"),
        description=_l("At least 12 characters. Three or four random words work well"),
        validators=[
            InputRequired(message=_l("Enter a password")),
            Length(min=12, max=200, message=_l("The password must be 12 characters or more")),
        ],
        widget=GovPasswordInput(),
    )


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""
