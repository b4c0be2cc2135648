"""The search form: a GET form whose filters are checked against allow-lists."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovTextInput,
)
from wtforms import RadioField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, ValidationError

from webapp.directory.vocabulary import (
    AREAS,
    AVAILABILITY_NAMES,
    FUNDING_NAMES,
    HELP_TYPES,
    LISTING_KIND_NAMES,
)
from webapp.forms import PagedForm, search_words_field

DISTANCES = ("1", "3", "5", "10", "20")


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class FilterField(SelectMultipleField):
    """Checkboxes whose unknown values (a hand-edited address) are dropped with a message."""

    widget = GovCheckboxesInput()

    def pre_validate(self, form) -> None:
        known = {choice.value for choice in self.choices}
        unknown = [value for value in self.data or [] if value not in known]
        if unknown:
            self.data = [value for value in self.data if value in known]
            # A plain string, not a lazy one: lazy strings count as safe HTML in templates, and
            # this message carries what the visitor typed.
            raise ValidationError(
                _("We do not recognise the filter ‘%(value)s’, so we left it out", value=unknown[0])
            )


class SearchForm(PagedForm):
    q = search_words_field(
        _l("What help are you looking for?"),
        _l("For example, befriending, a lift to appointments or a cleaner"),
    )
    location = StringField(
        _l("Near a town or postcode in Dorset"),
        description=_l("For example, Sherborne or DT1 1XJ"),
        validators=[
            Length(max=60, message=_l("Enter a town or postcode of 60 characters or fewer"))
        ],
        widget=GovTextInput(),
    )
    within = SelectField(
        _l("Distance"),
        choices=_choices(
            [
                ("", _l("Any distance")),
                *(
                    (d, lazy_ngettext("Within %(num)s mile", "Within %(num)s miles", int(d)))
                    for d in DISTANCES
                ),
            ]
        ),
        default="",
        widget=GovSelect(),
    )
    # Nearest first whenever a place is given, unless the person chooses best match.
    sort = RadioField(
        _l("Sort by"),
        choices=_choices([("distance", _l("Nearest first")), ("relevance", _l("Best match"))]),
        default="distance",
        widget=GovRadioInput(),
    )
    kind = FilterField(_l("Type of listing"), choices=_choices(LISTING_KIND_NAMES.items()))
    help_types = FilterField(
        _l("Type of help"),
        choices=_choices((code, name) for code, (name, _w) in HELP_TYPES.items()),
    )
    area = FilterField(_l("Area"), choices=_choices((area, area) for area in AREAS))
    funding = FilterField(_l("How you pay"), choices=_choices(FUNDING_NAMES.items()))
    registered = FilterField(
        _l("Registration"),
        choices=_choices(
            [
                ("yes", _l("Registered with the Care Quality Commission")),
                ("no", _l("Not registered (does not give personal care)")),
            ]
        ),
    )
    availability = FilterField(
        _l("Taking new people"), choices=_choices(AVAILABILITY_NAMES.items())
    )
    features = FilterField(
        _l("Suits people who need"),
        choices=_choices(
            [
                ("dementia_friendly", _l("Dementia friendly")),
                ("wheelchair_accessible", _l("Wheelchair accessible")),
            ]
        ),
    )

    # The filter groups that each narrow the index field of the same name, in the order shown;
    # "features" comes last and narrows the yes/no field named by each choice.
    FIELD_FILTERS = ("kind", "help_types", "area", "funding", "registered", "availability")
    FILTERS = (*FIELD_FILTERS, "features")
    # Set by the view when the search words name a place ("befriending DT6").
    place_in_words = False

    def _has_place(self) -> bool:
        return bool(self.location.data) or self.place_in_words

    def validate_within(self, field) -> None:
        if field.data and not self._has_place():
            raise ValidationError(_l("Enter a town or postcode to search within a distance"))

    def validate_sort(self, field) -> None:
        if field.data == "distance" and not self._has_place():
            field.data = "relevance"
            if field.raw_data:  # asked for, not just the default
                raise ValidationError(_l("Enter a town or postcode to sort by distance"))
