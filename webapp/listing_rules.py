"""A listing's text fields and their rules, in one place.

The CSV import, the provider's questions, the officers' edit form and the Open Referral UK
mapping all check a listing's text through `problem()`, so a value that would not fit the
database is a clear message on its field, never a database error. Lengths are read from the
columns themselves: change a column and every check follows.
"""

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import InstrumentedAttribute
from wtforms.validators import ValidationError

from webapp.models import (
    Contact,
    CostOption,
    Eligibility,
    ExtraCareScheme,
    Location,
    Organisation,
    Service,
    ServiceArea,
)

# Text columns have no length of their own; this is the longest any one of them may be, so a
# pasted document cannot fill a page.
LONGEST_TEXT = 4000

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9 +()-]*$")
_SLUG = re.compile(r"^[a-z0-9-]+$")
_WEB_SCHEMES = ("https://", "http://")


@dataclass(frozen=True)
class Rule:
    name: str
    column: InstrumentedAttribute
    # text, email, phone, url or slug: what else besides its length the value must be.
    kind: str = "text"
    # A list written with semicolons, each item one row of the column.
    is_list: bool = False

    @property
    def max_length(self) -> int:
        return getattr(self.column.type, "length", None) or LONGEST_TEXT


RULES = {
    rule.name: rule
    for rule in (
        Rule("id", Service.id),
        Rule("slug", Service.slug, kind="slug"),
        Rule("name", Service.name),
        Rule("organisation", Organisation.name),
        Rule("summary", Service.summary),
        Rule("description", Service.description),
        Rule("who_for", Eligibility.description),
        Rule("town", Service.town),
        Rule("address", Location.address_1),
        Rule("postcode", Location.postal_code),
        Rule("service_areas", ServiceArea.name, is_list=True),
        Rule("phone", Service.phone, kind="phone"),
        Rule("email", Service.email, kind="email"),
        Rule("website", Service.url, kind="url"),
        Rule("contact_name", Contact.name),
        Rule("cost_description", Service.fees_description),
        Rule("cost_unit", CostOption.amount_description),
        Rule("cqc_rating", Service.cqc_rating),
        Rule("languages", Service.languages),
        Rule("accreditation", Service.accreditation),
        Rule("source_note", Service.source_note),
        Rule("closed_reason", Service.closed_reason),
        Rule("communal_facilities", ExtraCareScheme.communal_facilities),
        Rule("landlord", ExtraCareScheme.landlord),
        Rule("care_provider", ExtraCareScheme.care_provider),
        Rule("expected_opening", ExtraCareScheme.expected_opening),
    )
}


def max_length(name: str) -> int:
    return RULES[name].max_length


def problem(name: str, value: str) -> str | None:
    """What is wrong with a listing's text field, in words for the person who typed it."""
    rule = RULES[name]
    parts = [p.strip() for p in value.split(";")] if rule.is_list else [value]
    for part in parts:
        if len(part) > rule.max_length:
            return str(_l("Must be %(max)d characters or fewer", max=rule.max_length))
    if not value:
        return None
    if rule.kind == "email" and not _EMAIL.match(value):
        return str(_l("Enter an email address like name@example.org"))
    if rule.kind == "phone" and not _PHONE.match(value):
        return str(_l("Enter a telephone number using only numbers, spaces and + ( ) -"))
    if rule.kind == "url" and not value.lower().startswith(_WEB_SCHEMES):
        return str(_l("Enter a web address starting with https://"))
    if rule.kind == "slug" and not _SLUG.match(value):
        return str(_l("Use only lower-case letters, numbers and hyphens"))
    return None


class FollowsRule:
    """A WTForms validator that checks a field against the listing rule of the same name."""

    def __init__(self, name: str):
        # No maxlength attribute: a browser would cut pasted text short without saying so.
        self.name = name

    def __call__(self, form, field) -> None:
        message = problem(self.name, (field.data or "").strip())
        if message:
            raise ValidationError(message)
