"""Open Referral UK 3.0 JSON: the directory as ORUK objects, and ORUK services back into rows.

One mapping serves the publish API and `flask directory export --format oruk`. What ORUK has no
field for (the kind of listing, the area, the funding a provider accepts, registration, extra
care scheme facts) travels as `attributes` whose terms belong to the published Dorset facts
taxonomy (served at /openreferral/v3/taxonomies): ORUK readers that do not know it can ignore
it, and an import of the export gets every fact back. Empty optional fields are left out, never
sent as null. ORUK identifiers are UUIDs: a listing whose own id is not one is published under a
UUID made from it, and its own id travels as the `listing_reference` fact.

Reading is forgiving about what is missing and strict about what is wrong: a value of the wrong
type is a problem with its record number and field, never a traceback.
"""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any

from webapp.directory.transfer import Problem, service_record
from webapp.directory.vocabulary import AREAS, HELP_TYPES, LISTING_KIND_NAMES
from webapp.models import (
    AVAILABILITIES,
    FUNDING_KINDS,
    LISTING_STATUSES,
    SCHEME_STATUSES,
    TENURES,
    Service,
    TaxonomyTerm,
)

VERSION = "3.0"
PROFILE = "https://openreferraluk.org/profile/3.0"
# Every UUID this site makes for ORUK comes from this namespace, so it is the same on every run.
NAMESPACE = uuid.UUID("5d2a6f0e-7c1b-4b8e-9a51-3f0d2c6e8b17")
HELP_TAXONOMY = "dorset-care-guide-help"
FACTS_TAXONOMY = "dorset-care-guide-facts"
# Listing statuses and their ORUK names. Only PUBLIC_STATUSES are published: an inactive listing
# (taken off the site), a draft or a listing waiting for moderation never is.
ORUK_STATUS = {status: status.replace("_", " ") for status in LISTING_STATUSES}
# ORUK's statuses read back; a defunct service is kept, as inactive.
FROM_ORUK_STATUS = {**{name: status for status, name in ORUK_STATUS.items()}, "defunct": "inactive"}


def make_id(kind: str, value: str) -> str:
    """The ORUK id for one of our ids: itself if it is a UUID, else a UUID made from it."""
    try:
        return str(uuid.UUID(value)) if len(value) == 36 else _made_id(kind, value)
    except ValueError:
        return _made_id(kind, value)


def _made_id(kind: str, value: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{value}"))


@dataclass(frozen=True)
class Fact:
    """A term in the Dorset facts taxonomy. A category term (kind:micro_provider) says
    something by being there; a value term (flats) carries its value."""

    code: str
    name: str
    description: str
    field: str
    value: str = ""

    @property
    def id(self) -> str:
        return make_id("fact", self.code)


def _category_facts() -> Iterator[Fact]:
    def spoken(codes: tuple[str, ...]) -> dict[str, str]:
        return {code: code.replace("_", " ") for code in codes}

    groups = (
        ("kind", "Kind of listing", LISTING_KIND_NAMES),
        ("area", "Area of Dorset", {area: area for area in AREAS}),
        ("funding", "Funding accepted", spoken(FUNDING_KINDS)),
        ("availability", "Taking new people", spoken(AVAILABILITIES)),
        ("scheme_status", "Extra care scheme status", spoken(SCHEME_STATUSES)),
        ("tenures", "Extra care scheme tenure", spoken(TENURES)),
    )
    for field, label, options in groups:
        for value, name in options.items():
            yield Fact(f"{field}:{value}", f"{label}: {name}", f"{label} is {name}.", field, value)


VALUE_FACTS = {
    "listing_reference": "The listing's reference in the Dorset Care Guide.",
    "slug": "The last part of the listing's address on the Dorset Care Guide.",
    "summary": "A one-sentence summary of the listing.",
    "town": "The town the listing is in or based in.",
    "cqc_registered": "yes or no: registered with the Care Quality Commission.",
    "cqc_rating": "The Care Quality Commission's latest rating.",
    "cqc_rating_date": "The date of the Care Quality Commission's latest rating.",
    "dementia_friendly": "yes or no: the provider says it is dementia friendly.",
    "wheelchair_accessible": "yes or no: the place is wheelchair accessible.",
    "is_sample": "yes: made-up sample data, not a real provider.",
    "source_note": "Where the listing's facts come from.",
    "flats": "The number of flats in an extra care scheme.",
    "care_team_24_hours": "yes or no: an extra care scheme has a care team on site day and night.",
    "meals": "yes or no: an extra care scheme serves meals.",
    "communal_facilities": "An extra care scheme's shared rooms and facilities.",
    "landlord": "An extra care scheme's landlord.",
    "care_provider": "An extra care scheme's care provider.",
    "expected_opening": "When an extra care scheme being built or planned is expected to open.",
    "availability_updated_on": "The date the provider last said whether it is taking new people.",
    "closed_reason": "Why a temporarily closed listing is closed.",
    "reopening_on": "The date a temporarily closed listing expects to reopen.",
    "provider_updated_on": "The date the provider last changed the listing.",
    "dbs_checked": "yes or no: the provider's staff have Disclosure and Barring Service checks.",
    "insured": "yes or no: the provider has public liability insurance.",
}
FACTS: dict[str, Fact] = {
    **{fact.code: fact for fact in _category_facts()},
    **{
        code: Fact(code, code.replace("_", " ").capitalize(), description, code)
        for code, description in VALUE_FACTS.items()
    },
}
FACTS_BY_ID = {fact.id: fact for fact in FACTS.values()}
LIST_FIELDS = ("funding", "tenures")


def _compact(data: dict) -> dict:
    """ORUK leaves out empty optional fields rather than sending null or empty strings."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


# --- Taxonomies ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Taxonomy:
    code: str
    name: str
    description: str

    @property
    def id(self) -> str:
        return make_id("taxonomy", self.code)


TAXONOMIES = (
    Taxonomy(
        HELP_TAXONOMY,
        "Dorset Care Guide types of help",
        "The types of help the Dorset Care Guide sorts its listings by.",
    ),
    Taxonomy(
        FACTS_TAXONOMY,
        "Dorset Care Guide listing facts",
        "Facts the Dorset Care Guide keeps about each listing that Open Referral UK has no "
        "field for, published as attributes: a category term is there when it applies; a "
        "value term carries its value in the attribute's value.",
    ),
)
TAXONOMIES_BY_ID = {taxonomy.id: taxonomy for taxonomy in TAXONOMIES}


def taxonomy_json(taxonomy: Taxonomy, terms: list[dict] | None = None) -> dict:
    data = {
        "id": taxonomy.id,
        "name": taxonomy.name,
        "description": taxonomy.description,
        "version": VERSION,
    }
    if terms is not None:
        data["taxonomy_terms"] = terms
    return data


def help_term_json(term: TaxonomyTerm) -> dict:
    return _compact(
        {
            "id": term.id,
            "name": term.name,
            "description": term.description or term.name,
            "taxonomy": HELP_TAXONOMY,
            "taxonomy_id": TAXONOMIES[0].id,
            "term": term.code,
        }
    )


def fact_term_json(fact: Fact) -> dict:
    return {
        "id": fact.id,
        "name": fact.name,
        "description": fact.description,
        "taxonomy": FACTS_TAXONOMY,
        "taxonomy_id": TAXONOMIES[1].id,
        "term": fact.code,
    }


# --- Services -----------------------------------------------------------------------------------


def service_id(service: Service) -> str:
    return make_id("service", service.id)


def last_modified(service: Service) -> datetime:
    if service.modified_at is not None:
        return service.modified_at
    return datetime.combine(service.last_checked, time())


def _timestamp(moment: datetime) -> str:
    return moment.replace(tzinfo=UTC, microsecond=0).isoformat().replace("+00:00", "Z")


def _organisation(service: Service, full: bool) -> dict:
    organisation = service.organisation
    data = {
        "id": organisation.id,
        "name": organisation.name,
        "description": organisation.description or organisation.name,
        "email": organisation.email,
        "website": organisation.website,
    }
    if full:
        data["organization_identifiers"] = [
            {
                "id": identifier.id,
                "organization_id": organisation.id,
                "identifier_type": identifier.identifier_type,
                "identifier": identifier.identifier,
            }
            for identifier in organisation.identifiers
        ]
    return _compact(data)


def service_summary(service: Service) -> dict:
    """The one-to-one fields of a service, as ORUK's lists give them."""
    eligibility = service.eligibility[0] if service.eligibility else None
    return _compact(
        {
            "id": service_id(service),
            "organization_id": service.organisation_id,
            "name": service.name,
            "description": service.description or service.summary,
            "url": service.url,
            "email": service.email,
            "status": ORUK_STATUS.get(service.status, "inactive"),
            "fees": service.fees_description,
            "accreditations": service.accreditation,
            "alert": service.closed_reason if service.status == "temporarily_closed" else "",
            "minimum_age": eligibility.minimum_age if eligibility else None,
            "assured_date": service.last_checked.isoformat(),
            "last_modified": _timestamp(last_modified(service)),
            "organization": _organisation(service, full=False),
        }
    )


def to_oruk(service: Service) -> dict:
    """The fully nested ORUK service: /services/{id} and the export."""
    sid = service_id(service)
    record = service_record(service)
    eligibility = service.eligibility[0] if service.eligibility else None
    data = service_summary(service) | {
        "organization": _organisation(service, full=True),
        "eligibility_description": eligibility.description if eligibility else "",
        "contacts": [
            _compact(
                {
                    "id": contact.id,
                    "service_id": sid,
                    "name": contact.name,
                    "title": contact.title,
                    "email": contact.email,
                }
            )
            for contact in service.contacts
        ],
        "phones": [{"id": make_id("phone", service.id), "service_id": sid, "number": service.phone}]
        if service.phone
        else [],
        "cost_options": [
            _compact(
                {
                    "id": cost.id,
                    "service_id": sid,
                    "option": cost.option,
                    "amount": cost.amount_pence / 100 if cost.amount_pence is not None else None,
                    "currency": "GBP",
                    "amount_description": cost.amount_description,
                }
            )
            for cost in service.cost_options
        ],
        "schedules": [
            _compact(
                {
                    "id": schedule.id,
                    "service_id": sid,
                    "freq": "WEEKLY",
                    "byday": schedule.byday,
                    "opens_at": f"{schedule.opens_at:%H:%M}" if schedule.opens_at else "",
                    "closes_at": f"{schedule.closes_at:%H:%M}" if schedule.closes_at else "",
                    "description": schedule.description,
                }
            )
            for schedule in service.schedules
        ],
        "service_areas": [
            {"id": area.id, "service_id": sid, "name": area.name} for area in service.service_areas
        ],
        "languages": [
            {"id": make_id("language", f"{service.id}:{name}"), "service_id": sid, "name": name}
            for name in (part.strip() for part in service.languages.split(";"))
            if name
        ],
        "service_at_locations": [location_link(link, sid) for link in service.locations],
        "attributes": [*_help_attributes(service, sid), *_fact_attributes(service, sid, record)],
    }
    return _compact(data)


def location_link(link, sid: str, full: bool = True) -> dict:
    location = link.location
    data = {
        "id": link.id,
        "service_id": sid,
        "location_id": location.id,
        "location": location_json(location, full),
    }
    return data


def location_json(location, full: bool = True) -> dict:
    data = {
        "id": location.id,
        "location_type": "physical",
        "name": location.name,
        "latitude": location.latitude_e6 / 1e6 if location.latitude_e6 is not None else None,
        "longitude": location.longitude_e6 / 1e6 if location.longitude_e6 is not None else None,
    }
    if full and (location.address_1 or location.postal_code):
        data["addresses"] = [
            {
                "id": make_id("address", location.id),
                "location_id": location.id,
                "address_1": location.address_1,
                "city": location.city,
                "state_province": "Dorset",
                "postal_code": location.postal_code,
                "country": "GB",
                "address_type": "physical",
            }
        ]
    return _compact(data)


def _help_attributes(service: Service, sid: str) -> Iterator[dict]:
    for term in service.help_types:
        yield {
            "id": make_id("attribute", f"{service.id}:{term.id}"),
            "link_id": sid,
            "link_type": "service",
            "link_entity": "service",
            "taxonomy_term_id": term.id,
            "taxonomy_term": help_term_json(term),
        }


def service_facts(service: Service, record: dict | None = None) -> Iterator[tuple[Fact, str]]:
    """The Dorset facts of a listing, each with its value ('' for a category term)."""
    record = record or service_record(service)
    if make_id("service", service.id) != service.id:
        yield FACTS["listing_reference"], service.id
    for field in ("kind", "area", "scheme_status", "availability"):
        if record[field]:
            yield FACTS[f"{field}:{record[field]}"], ""
    for field in LIST_FIELDS:
        for value in filter(None, (part.strip() for part in record[field].split(";"))):
            yield FACTS[f"{field}:{value}"], ""
    for code in VALUE_FACTS:
        if code != "listing_reference" and record.get(code):
            yield FACTS[code], record[code]


def _fact_attributes(service: Service, sid: str, record: dict) -> Iterator[dict]:
    for fact, value in service_facts(service, record):
        yield _compact(
            {
                "id": make_id("attribute", f"{service.id}:{fact.code}"),
                "link_id": sid,
                "link_type": "service",
                "link_entity": "service",
                "taxonomy_term_id": fact.id,
                "taxonomy_term": fact_term_json(fact),
                "value": value,
            }
        )


def service_at_location_summary(link) -> dict:
    return {
        "id": link.id,
        "service_id": service_id(link.service),
        "location_id": link.location.id,
        "location": location_json(link.location, full=False),
        "service": service_summary(link.service),
    }


def service_at_location_full(link) -> dict:
    service = to_oruk(link.service)
    service.pop("service_at_locations", None)
    return {
        "id": link.id,
        "service_id": service["id"],
        "location_id": link.location.id,
        "location": location_json(link.location),
        "service": service,
    }


# --- Reading ORUK services into import rows ------------------------------------------------------


@dataclass
class Term:
    """A taxonomy term an ORUK service used that the directory does not know."""

    taxonomy: str
    term: str
    name: str


@dataclass
class ReadService:
    """One ORUK service read into an import row, with what else the feed said about it."""

    number: int
    row: dict
    external_id: str
    identifiers: list[tuple[str, str]]
    unknown_terms: list[Term]
    record: dict


class _Reader:
    """Reads one service's values by path, reporting a wrong type as a problem."""

    def __init__(self, number: int, problems: list[Problem]):
        self.number = number
        self.problems = problems

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.number, path, message))

    def obj(self, data: dict, key: str, path: str) -> dict:
        value = data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(f"{path}{key}", "must be a JSON object")
            return {}
        return value

    def objects(self, data: dict, key: str, path: str) -> list[dict]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(f"{path}{key}", "must be a list")
            return []
        items = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                items.append(item)
            else:
                self.fail(f"{path}{key}[{index}]", "must be a JSON object")
        return items

    def text(self, data: dict, key: str, path: str = "") -> str:
        value = data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(f"{path}{key}", "must be text")
            return ""
        return value.strip()

    def number_text(self, data: dict, key: str, path: str = "") -> str:
        value = data.get(key)
        if value is None or value == "":
            return ""
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.fail(f"{path}{key}", "must be a number")
            return ""
        return str(value).strip()


def read_services(data: Any, problems: list[Problem]) -> list[ReadService]:
    """ORUK services (a list, or a page with `contents`), numbered from 1, with problems."""
    services = data.get("contents") if isinstance(data, dict) else data
    if not isinstance(services, list):
        problems.append(Problem(1, "file", "must hold a list of Open Referral UK services"))
        return []
    read = []
    for number, service in enumerate(services, start=1):
        if not isinstance(service, dict):
            problems.append(Problem(number, "service", "must be a JSON object"))
            continue
        read.append(read_service(number, service, problems))
    return read


def read_service(number: int, service: dict, problems: list[Problem]) -> ReadService:
    reader = _Reader(number, problems)
    facts: dict[str, list[str]] = {}
    help_codes: list[str] = []
    unknown: list[Term] = []
    for index, attribute in enumerate(reader.objects(service, "attributes", "")):
        path = f"attributes[{index}]."
        term = reader.obj(attribute, "taxonomy_term", path)
        _read_term(reader, attribute, term, path, facts, help_codes, unknown)
    organisation = reader.obj(service, "organization", "")
    links = reader.objects(service, "service_at_locations", "")
    location = reader.obj(links[0], "location", "service_at_locations[0].") if links else {}
    addresses = reader.objects(location, "addresses", "service_at_locations[0].location.")
    address = addresses[0] if addresses else {}
    address_path = "service_at_locations[0].location.addresses[0]."
    location_path = "service_at_locations[0].location."
    costs = reader.objects(service, "cost_options", "")
    cost = costs[0] if costs else {}
    phones = reader.objects(service, "phones", "")
    contacts = reader.objects(service, "contacts", "")
    description = reader.text(service, "description")
    if description == "; ".join(facts.get("summary", [])):
        description = ""  # we publish the summary as the description of a listing without one

    def fact(code: str) -> str:
        return "; ".join(facts.get(code, []))

    eligibility = reader.text(service, "eligibility_description")
    row = {
        "id": fact("listing_reference") or reader.text(service, "id"),
        "slug": fact("slug"),
        "name": reader.text(service, "name"),
        "organisation": reader.text(organisation, "name", "organization."),
        "kind": fact("kind"),
        "summary": fact("summary") or _first_sentence(description),
        "description": description,
        "who_for": eligibility,
        "help_types": "; ".join(dict.fromkeys(help_codes)),
        "area": fact("area"),
        "town": fact("town") or reader.text(address, "city", address_path),
        "address": reader.text(address, "address_1", address_path),
        "postcode": reader.text(address, "postal_code", address_path),
        "latitude": reader.number_text(location, "latitude", location_path),
        "longitude": reader.number_text(location, "longitude", location_path),
        "service_areas": _names(reader, service, "service_areas"),
        "phone": reader.text(phones[0], "number", "phones[0].") if phones else "",
        "email": reader.text(service, "email"),
        "website": reader.text(service, "url"),
        "contact_name": reader.text(contacts[0], "name", "contacts[0].") if contacts else "",
        "cost_description": reader.text(service, "fees"),
        "cost_amount": reader.number_text(cost, "amount", "cost_options[0]."),
        "cost_unit": reader.text(cost, "amount_description", "cost_options[0]."),
        "opening_times": _opening_times(reader, service),
        "funding": fact("funding"),
        "languages": _names(reader, service, "languages"),
        "minimum_age": reader.number_text(service, "minimum_age"),
        "last_checked": reader.text(service, "assured_date")[:10],
        "tenures": fact("tenures"),
        "scheme_status": fact("scheme_status"),
        "availability": fact("availability"),
        "status": FROM_ORUK_STATUS.get(reader.text(service, "status"), ""),
        "accreditation": reader.text(service, "accreditations"),
    }
    for code in VALUE_FACTS:
        if code not in ("listing_reference", "slug", "summary", "town") and code in facts:
            row[code] = fact(code)
    identifiers = [
        (
            reader.text(item, "identifier_type", "organization.organization_identifiers."),
            reader.text(item, "identifier", "organization.organization_identifiers."),
        )
        for item in reader.objects(organisation, "organization_identifiers", "organization.")
    ]
    return ReadService(
        number=number,
        row=row,
        external_id=reader.text(service, "id"),
        identifiers=[(kind, value) for kind, value in identifiers if kind and value],
        unknown_terms=unknown,
        record=service,
    )


def _read_term(reader, attribute, term, path, facts, help_codes, unknown) -> None:
    term_id = reader.text(term, "id", f"{path}taxonomy_term.") or reader.text(
        attribute, "taxonomy_term_id", path
    )
    code = reader.text(term, "term", f"{path}taxonomy_term.")
    name = reader.text(term, "name", f"{path}taxonomy_term.")
    taxonomy = reader.text(term, "taxonomy", f"{path}taxonomy_term.")
    fact = FACTS_BY_ID.get(term_id) or (FACTS.get(code) if taxonomy == FACTS_TAXONOMY else None)
    if fact is not None:
        facts.setdefault(fact.field, []).append(fact.value or reader.text(attribute, "value", path))
        return
    help_code = _help_code(code, name)
    if help_code:
        help_codes.append(help_code)
    elif code or name or term_id:
        unknown.append(Term(taxonomy, code or term_id, name))


def _help_code(*values: str) -> str:
    for value in values:
        for code, (name, _words) in HELP_TYPES.items():
            if value and value.lower() in (code, name.lower()):
                return code
    return ""


def _names(reader: _Reader, service: dict, key: str) -> str:
    items = reader.objects(service, key, "")
    return "; ".join(filter(None, (reader.text(item, "name", f"{key}.") for item in items)))


def _opening_times(reader: _Reader, service: dict) -> str:
    times = []
    for index, schedule in enumerate(reader.objects(service, "schedules", "")):
        path = f"schedules[{index}]."
        days = reader.text(schedule, "byday", path)
        opens = reader.text(schedule, "opens_at", path)[:5]
        closes = reader.text(schedule, "closes_at", path)[:5]
        if days and opens and closes:
            times.append(f"{days} {opens}-{closes}")
    return "; ".join(times)


def _first_sentence(text: str) -> str:
    return text.split(". ")[0][:400]
