"""Pieces the site's search forms share."""

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import Form, IntegerField, StringField
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
