"""Open Referral UK 3.0 JSON: the directory as ORUK service objects, and back again.

ORUK has no place for some of what Dorset needs (the kind of listing, the area, the funding a
provider accepts, registration, extra care scheme facts); these travel in a `dorset` object on
each service, which other ORUK readers ignore. A file from another ORUK publisher without it
still imports: the missing facts are worked out from what ORUK does say.
"""

from collections.abc import Iterator
from typing import Any

from webapp.directory.places import gazetteer_rows
from webapp.directory.transfer import ImportFailed, Problem, service_record
from webapp.directory.vocabulary import HELP_TYPES
from webapp.models import Service

TAXONOMY = "dorset-care-guide-help"
DAY_NAMES = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
# Record fields ORUK cannot hold, carried in the service's `dorset` object.
DORSET_FIELDS = (
    "slug", "kind", "area", "town", "funding", "cqc_registered", "cqc_rating",
    "cqc_rating_date", "dementia_friendly", "wheelchair_accessible", "last_checked", "is_sample",
    "source_note", "summary", "contact_name", "flats", "tenures", "care_team_24_hours", "meals",
    "communal_facilities", "landlord", "care_provider", "scheme_status", "expected_opening",
)  # fmt: skip


def to_oruk(service: Service) -> dict:
    record = service_record(service)
    location = service.location
    return {
        "id": service.id,
        "name": service.name,
        "description": service.description or service.summary,
        "url": service.url or None,
        "email": service.email or None,
        "status": service.status,
        "fees": service.fees_description or None,
        "minimum_age": service.eligibility[0].minimum_age if service.eligibility else None,
        "assured_date": service.last_checked.isoformat(),
        "organization": {
            "id": service.organisation.id,
            "name": service.organisation.name,
            "description": service.organisation.description,
        },
        "contacts": [
            {"id": contact.id, "name": contact.name, "title": contact.title or None}
            for contact in service.contacts
        ],
        "phones": [{"number": service.phone}] if service.phone else [],
        "cost_options": [
            {
                "id": cost.id,
                "option": cost.option,
                "amount": cost.amount_pence / 100 if cost.amount_pence is not None else None,
                "amount_description": cost.amount_description,
            }
            for cost in service.cost_options
        ],
        "schedules": [
            {
                "id": schedule.id,
                "freq": "WEEKLY",
                "byday": schedule.byday,
                "opens_at": schedule.opens_at.isoformat() if schedule.opens_at else None,
                "closes_at": schedule.closes_at.isoformat() if schedule.closes_at else None,
            }
            for schedule in service.schedules
        ],
        "service_areas": [{"id": a.id, "name": a.name} for a in service.service_areas],
        "languages": [{"name": name.strip()} for name in service.languages.split(";")],
        "eligibility_description": record["who_for"] or None,
        "service_at_locations": [
            {
                "id": link.id,
                "location": {
                    "id": link.location.id,
                    "name": link.location.name,
                    "latitude": link.location.latitude_e6 / 1e6,
                    "longitude": link.location.longitude_e6 / 1e6,
                    "addresses": [
                        {
                            "address_1": link.location.address_1,
                            "city": link.location.city,
                            "postal_code": link.location.postal_code,
                            "country": "GB",
                        }
                    ],
                },
            }
            for link in service.locations
            if location is not None
        ],
        "attributes": [
            {
                "taxonomy_term": {
                    "id": term.id,
                    "term": term.code,
                    "name": term.name,
                    "taxonomy": TAXONOMY,
                }
            }
            for term in service.help_types
        ],
        "dorset": {name: record[name] for name in DORSET_FIELDS},
    }


def from_oruk(data: Any) -> Iterator[tuple[int, dict]]:
    """ORUK services (a list, or a page with `contents`) as import rows numbered from 1."""
    services = data.get("contents", []) if isinstance(data, dict) else data
    if not isinstance(services, list):
        raise ImportFailed([Problem(1, "file", "must hold a list of ORUK services")])
    for number, service in enumerate(services, start=1):
        if not isinstance(service, dict):
            raise ImportFailed([Problem(number, "service", "must be a JSON object")])
        yield number, _row(service)


def _row(service: dict) -> dict:
    extra = service.get("dorset") or {}
    locations = service.get("service_at_locations") or [{}]
    location = locations[0].get("location") or {}
    address = (location.get("addresses") or [{}])[0]
    help_codes = [
        _help_code(attribute.get("taxonomy_term") or {})
        for attribute in service.get("attributes") or []
    ]
    cost = (service.get("cost_options") or [{}])[0]
    town = extra.get("town") or address.get("city") or ""
    row = {
        "id": str(service.get("id") or ""),
        "name": service.get("name") or "",
        "organisation": (service.get("organization") or {}).get("name") or "",
        "summary": extra.get("summary") or _first_sentence(service.get("description") or ""),
        "description": service.get("description") or "",
        "who_for": service.get("eligibility_description") or "",
        "help_types": "; ".join(code for code in help_codes if code),
        "address": address.get("address_1") or "",
        "postcode": address.get("postal_code") or "",
        "latitude": _text(location.get("latitude")),
        "longitude": _text(location.get("longitude")),
        "service_areas": "; ".join(a.get("name", "") for a in service.get("service_areas") or []),
        "phone": ((service.get("phones") or [{}])[0]).get("number") or "",
        "email": service.get("email") or "",
        "website": service.get("url") or "",
        "cost_description": service.get("fees") or "",
        "cost_amount": _text(cost.get("amount")),
        "cost_unit": cost.get("amount_description") or "",
        "opening_times": "; ".join(
            f"{s.get('byday')} {str(s.get('opens_at'))[:5]}-{str(s.get('closes_at'))[:5]}"
            for s in service.get("schedules") or []
            if s.get("byday") and s.get("opens_at") and s.get("closes_at")
        ),
        "languages": "; ".join(lang.get("name", "") for lang in service.get("languages") or []),
        "minimum_age": _text(service.get("minimum_age")),
        "kind": "micro_provider",
        "town": town,
        "area": _area_of(town),
        "last_checked": str(service.get("assured_date") or "")[:10],
        "contact_name": ((service.get("contacts") or [{}])[0]).get("name") or "",
    }
    row.update({name: _text(value) for name, value in extra.items() if name in DORSET_FIELDS})
    return row


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _help_code(term: dict) -> str:
    for value in (term.get("term"), term.get("name")):
        for code, (name, _words) in HELP_TYPES.items():
            if value in (code, name):
                return code
    return ""


def _area_of(town: str) -> str:
    return next((row["area"] for row in gazetteer_rows() if row["name"] == town), "")


def _first_sentence(text: str) -> str:
    return text.split(". ")[0][:400]
