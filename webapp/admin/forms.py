"""The officers' forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovPasswordInput,
    GovRadioInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import PasswordField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from webapp import listing_rules
from webapp.listing_rules import FollowsRule


class SignInForm(FlaskForm):
    email = StringField(
        _l("Email address"),
        validators=[InputRequired(message=_l("Enter your email address")), Length(max=200)],
        widget=GovTextInput(),
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(message=_l("Enter your password")), Length(max=200)],
        widget=GovPasswordInput(),
    )


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code from your authenticator app"),
        description=_l("The 6-digit code your app shows for the Dorset Care Guide"),
        validators=[InputRequired(message=_l("Enter the 6-digit code")), Length(max=12)],
        widget=GovTextInput(),
    )


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class RejectForm(FlaskForm):
    reason = TextAreaField(
        _l("Why are you rejecting it?"),
        description=_l("We send this to the provider, so they can put it right"),
        validators=[
            InputRequired(message=_l("Enter the reason, for the provider")),
            Length(max=2000, message=_l("The reason must be 2,000 characters or fewer")),
        ],
        widget=GovTextArea(),
    )


# Fields an officer may edit before approving; the rest come from the submission as they are.
EDITABLE = (
    "name", "organisation", "summary", "description", "who_for", "town", "address", "postcode",
    "service_areas", "phone", "email", "website", "contact_name", "cost_description",
    "languages", "accreditation", "closed_reason",
)  # fmt: skip


def listing_edit_form(data: dict) -> FlaskForm:
    """A form with one text field per editable column, each checked by its listing rule."""

    class ListingEditForm(FlaskForm):
        pass

    for name in EDITABLE:
        long_text = listing_rules.max_length(name) > 400
        setattr(
            ListingEditForm,
            name,
            (TextAreaField if long_text else StringField)(
                listing_rules.LABELS[name],
                validators=[listing_rules.FollowsRule(name)],
                widget=GovTextArea() if long_text else GovTextInput(),
                default=data.get(name, ""),
            ),
        )
    return ListingEditForm()


ROLE_CHOICES = [
    SelectChoice("editor", _l("Editor: checks the queue, reports and listings")),
    SelectChoice(
        "administrator", _l("Administrator: also manages officers and reads the audit log")
    ),
]


def _role_field() -> RadioField:
    return RadioField(
        _l("Role"),
        choices=ROLE_CHOICES,
        validators=[InputRequired(message=_l("Select a role"))],
        widget=GovRadioInput(),
    )


class NewOfficerForm(FlaskForm):
    email = StringField(
        _l("Email address"),
        description=_l("We email them a link to choose a password and set up their codes"),
        validators=[InputRequired(message=_l("Enter their email address")), FollowsRule("email")],
        widget=GovTextInput(),
    )
    name = StringField(
        _l("Name"),
        validators=[
            InputRequired(message=_l("Enter their name")),
            Length(max=200, message=_l("The name must be 200 characters or fewer")),
        ],
        widget=GovTextInput(),
    )
    role = _role_field()


class RoleForm(FlaskForm):
    role = _role_field()


def _new_password_field() -> PasswordField:
    return PasswordField(
        _l("New password"),
        description=_l("At least 12 characters. Three or four random words work well"),
        validators=[
            InputRequired(message=_l("Enter a new password")),
            Length(min=12, max=200, message=_l("The password must be 12 characters or more")),
        ],
        widget=GovPasswordInput(),
    )


class NewPasswordForm(FlaskForm):
    password = _new_password_field()


class ChangePasswordForm(FlaskForm):
    current = PasswordField(
        _l("Your current password"),
        validators=[InputRequired(message=_l("Enter your current password")), Length(max=200)],
        widget=GovPasswordInput(),
    )
    password = _new_password_field()
