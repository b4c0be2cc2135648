from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice

from webapp.forms import PagedForm, search_words_field


class SiteSearchForm(PagedForm):
    q = search_words_field(_l("Search Dorset Care Guide"))
    show = RadioField(
        _l("Show"),
        choices=[
            SelectChoice("", _l("Everything")),
            SelectChoice("page", _l("Advice pages")),
            SelectChoice("listing", _l("Services")),
        ],
        default="",
        widget=GovRadioInput(),
    )
