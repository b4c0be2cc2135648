"""Pieces the site's search forms share."""

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import Form, StringField
from wtforms.validators import Length, ValidationError

MAX_WORDS_LENGTH = 200


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


class PagedForm(Form):
    """A GET form with a page number, checked rather than trusted."""

    page = StringField()

    def validate_page(self, field) -> None:
        if field.data and (not field.data.isdigit() or not 1 <= int(field.data) <= 100000):
            field.data = "1"
            raise ValidationError(_l("The page number must be a whole number, like 2"))

    @property
    def page_number(self) -> int:
        return int(self.page.data) if self.page.data and self.page.data.isdigit() else 1
