"""Turning search results and listings into what the templates show."""

from datetime import time
from decimal import Decimal
from urllib.parse import urlencode

from flask_babel import gettext as _
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from wtforms.fields.choices import SelectChoice

from search_index import Hit
from webapp.directory.forms import SearchForm
from webapp.directory.vocabulary import (
    FUNDING_NAMES,
    HELP_TYPES,
    LISTING_KIND_NAMES,
    SCHEME_STATUS_NAMES,
    TENURE_NAMES,
)
from webapp.formatting import json_for_script, long_date, money
from webapp.models import Service

DAY_NAMES = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
DAY_ORDER = list(DAY_NAMES)


def apply_counts(form: SearchForm, facets: dict[str, dict[str, int]]) -> None:
    """Show how many listings each filter would give, as '(12)' after its label."""
    for name in form.FIELD_FILTERS:
        field = getattr(form, name)
        counts = facets.get(name, {})
        field.choices = [
            SelectChoice(c.value, f"{c.label} ({counts.get(c.value, 0)})") for c in field.choices
        ]
    form.features.choices = [
        SelectChoice(c.value, f"{c.label} ({facets.get(c.value, {}).get('yes', 0)})")
        for c in form.features.choices
    ]


def result_rows(hits: list[Hit]) -> list[dict]:
    rows = []
    for hit in hits:
        fields = hit.fields
        rows.append(
            {
                "name": fields["title"],
                "url": fields["url"],
                "kind": LISTING_KIND_NAMES.get(fields.get("kind", ""), _("Advice page")),
                "town": fields.get("town", ""),
                "miles": hit.miles,
                "summary": Markup(hit.summary_html),  # noqa: S704  (escaped by the highlighter)
                "help": [
                    HELP_TYPES[c][0] for c in _codes(fields.get("help_types")) if c in HELP_TYPES
                ],
                "funding": [
                    FUNDING_NAMES[c] for c in _codes(fields.get("funding")) if c in FUNDING_NAMES
                ],
                "is_sample": fields.get("is_sample", False),
            }
        )
    return rows


def _codes(value: str | None) -> list[str]:
    return [code for code in (value or "").split(",") if code]


def page_links(args: MultiDict, page: int, pages: int) -> dict | None:
    """Parameters for the GOV.UK pagination component, keeping every other choice."""
    if pages <= 1:
        return None

    def href(number: int) -> str:
        kept = [(key, value) for key, value in args.items(multi=True) if key != "page"]
        return "?" + urlencode([*kept, ("page", str(number))])

    shown = sorted({1, pages, *range(max(1, page - 1), min(pages, page + 1) + 1)})
    items = []
    previous = 0
    for number in shown:
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": href(number), "current": number == page})
        previous = number
    return {
        "previous": {"href": href(page - 1)} if 1 < page <= pages else None,
        "next": {"href": href(page + 1)} if page < pages else None,
        "items": items,
    }


def opening_times(service: Service) -> list[str]:
    return [
        f"{_days(schedule.byday)}, {_clock(schedule.opens_at)} to {_clock(schedule.closes_at)}"
        for schedule in service.schedules
    ]


def _days(byday: str) -> str:
    days = [day for day in DAY_ORDER if day in byday.split(",")]
    positions = [DAY_ORDER.index(day) for day in days]
    if len(days) > 2 and positions == list(range(positions[0], positions[-1] + 1)):
        return f"{DAY_NAMES[days[0]]} to {DAY_NAMES[days[-1]]}"
    names = [DAY_NAMES[day] for day in days]
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


def _clock(value: time | None) -> str:
    if value is None:
        return ""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def _yes_no(value: bool | None) -> str:
    return _("To be confirmed") if value is None else (_("Yes") if value else _("No"))


# English picks "a" or "an" by the sound a word starts with, not its letter: "an hour",
# "a unit", "a one-off".
_AN_STARTS = ("a", "e", "i", "o", "u", "hour", "honest", "honour", "heir")
_A_STARTS = ("uni", "use", "usu", "eu", "one")


def _cost_per(amount: str, unit: str) -> str:
    word = unit.strip().lower()
    if word.startswith(_AN_STARTS) and not word.startswith(_A_STARTS):
        return _("%(amount)s an %(unit)s", amount=amount, unit=unit)
    return _("%(amount)s a %(unit)s", amount=amount, unit=unit)


def listing_details(service: Service) -> dict:
    """The words a listing page shows for each of a listing's facts."""
    cost = service.cost_options[0] if service.cost_options else None
    if cost is not None and cost.amount_pence is not None:
        amount = money(Decimal(cost.amount_pence) / 100)
        cost_text = _cost_per(amount, cost.amount_description)
    else:
        cost_text = service.fees_description or _("Ask the provider")
    if service.cqc_registered is None:
        registration = _("To be confirmed")
    elif service.cqc_registered:
        registration = _("Registered with the Care Quality Commission")
        if service.cqc_rating:
            registration += _(": rated %(rating)s", rating=service.cqc_rating)
            if service.cqc_rating_date:
                registration += _(" on %(day)s", day=long_date(service.cqc_rating_date))
    else:
        registration = _("Not registered with the Care Quality Commission")
    scheme = service.scheme
    return {
        "kind": LISTING_KIND_NAMES[service.kind],
        "cost": cost_text,
        "opening": opening_times(service),
        "funding": ", ".join(FUNDING_NAMES[code] for code in service.funding),
        "registration": registration,
        "dementia_friendly": _yes_no(service.dementia_friendly),
        "wheelchair_accessible": _yes_no(service.wheelchair_accessible),
        "scheme_status": SCHEME_STATUS_NAMES[scheme.status] if scheme else "",
        "tenures": ", ".join(TENURE_NAMES[t] for t in scheme.tenures.split(";") if t)
        if scheme
        else "",
        "care_team": _yes_no(scheme.care_team_24_hours) if scheme else "",
        "meals": _yes_no(scheme.meals) if scheme else "",
    }


def listing_json_ld(service: Service) -> str:
    """schema.org data for search engines, safe to place inside a <script> element."""
    location = service.location
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": service.name,
        "description": service.summary,
        "serviceType": [term.name for term in service.help_types],
        "provider": {"@type": "Organization", "name": service.organisation.name},
        "areaServed": [area.name for area in service.service_areas] or service.area,
    }
    if service.phone:
        data["provider"]["telephone"] = service.phone
    if service.email:
        data["provider"]["email"] = service.email
    if location:
        data["provider"]["address"] = {
            "@type": "PostalAddress",
            "addressLocality": service.town,
            "postalCode": location.postal_code or None,
            "addressCountry": "GB",
        }
    return json_for_script(data)
