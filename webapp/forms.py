"""Pieces the site's forms share."""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovTextInput
from wtforms import Field, Form, IntegerField, StringField
from wtforms.validators import Length, NumberRange, Optional

MAX_WORDS_LENGTH = 200
MAX_PAGE = 100000
PAGE_MESSAGE = _l("The page number must be a whole number, like 2")


def search_words_field(label, description=None) -> StringField:
    return StringField(
        label,
        description=description,
        validators=[
            Length(
                max=MAX_WORDS_LENGTH,
                message=_l(
                    "Search words must be %(max)d characters or fewer", max=MAX_WORDS_LENGTH
                ),
            )
        ],
        widget=GovTextInput(),
    )


class PageField(IntegerField):
    """A page number, read by int(); the range check gives the one message for any bad value."""

    def process_formdata(self, valuelist) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None  # text int() cannot read, such as '²': NumberRange refuses None


class PagedForm(Form):
    """A GET form with a page number, checked rather than trusted."""

    page = PageField(
        validators=[Optional(), NumberRange(min=1, max=MAX_PAGE, message=PAGE_MESSAGE)]
    )

    @property
    def page_number(self) -> int:
        return self.page.data if self.page.data and not self.page.errors else 1


class _DateBoxes(GovDateInput):
    """GOV.UK's date input: day, month and year boxes, as typed, with only the wrong ones marked."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
        for item, (part, typed) in zip(params["items"], field.parts.items(), strict=True):
            item["label"] = labels[part]
            item["value"] = typed
            error = " govuk-input--error" if part in field.wrong_parts else ""
            item["classes"] = (
                "govuk-input--width-4" if part == "year" else "govuk-input--width-2"
            ) + error
        return params


class DateInputField(Field):
    """A date typed in three boxes, empty if all three are, with GOV.UK's message for each way
    it can be wrong ("must include a month", "must be a real date"). `name` in the messages is
    what the date is, like "The reopening date"."""

    widget = _DateBoxes()

    def __init__(self, label=None, validators=None, name_in_messages="", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.name_in_messages = name_in_messages
        self.parts = {"day": "", "month": "", "year": ""}
        self.wrong_parts: tuple[str, ...] = ()

    def _value(self) -> str:
        return ""

    def process_data(self, value) -> None:
        self.data = value
        if value:
            self.parts = {"day": str(value.day), "month": str(value.month), "year": str(value.year)}

    def process_formdata(self, valuelist) -> None:
        # Always the three boxes, whatever was sent: GOV.UK's widget reads raw_data as three.
        self.raw_data = [*(valuelist or []), "", "", ""][:3]
        if not valuelist:
            return
        typed = [(text or "").strip()[:10] for text in self.raw_data]
        self.parts = dict(zip(self.parts, typed, strict=True))
        self.data = None
        if not any(typed):
            return
        name = self.name_in_messages
        missing = [part for part, text in self.parts.items() if not text]
        if missing:
            self.wrong_parts = tuple(missing)
            words = {"day": _("a day"), "month": _("a month"), "year": _("a year")}
            needs = _(" and ").join(words[part] for part in missing)
            raise ValueError(_("%(name)s must include %(needs)s", name=name, needs=needs))
        if not all(text.isdigit() for text in typed):
            self.wrong_parts = tuple(
                part for part, text in self.parts.items() if not text.isdigit()
            )
            raise ValueError(_("%(name)s must be in numbers, like 27 3 2027", name=name))
        day, month, year = (int(text) for text in typed)
        if len(self.parts["year"]) != 4:
            self.wrong_parts = ("year",)
            raise ValueError(_("The year must include 4 numbers"))
        try:
            self.data = date(year, month, day)
        except ValueError:
            self.wrong_parts = tuple(self.parts)
            raise ValueError(_("%(name)s must be a real date", name=name)) from None
