"""Importing and exporting the directory: CSV and Open Referral UK JSON.

Every row is checked before anything is written, and every problem is reported with its line
and field. An import is one transaction: all of it, or none of it.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session, selectinload

from webapp import listing_rules
from webapp.directory.places import find_place, normalise_postcode
from webapp.directory.vocabulary import AREAS, HELP_TYPES
from webapp.models import (
    AVAILABILITIES,
    FUNDING_KINDS,
    LISTING_KINDS,
    LISTING_STATUSES,
    SCHEME_STATUSES,
    TENURES,
    Contact,
    CostOption,
    Eligibility,
    ExtraCareScheme,
    Location,
    Organisation,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from webapp.revisions import bump_revision

COLUMNS = (
    "id", "slug", "name", "organisation", "kind", "summary", "description", "who_for",
    "help_types", "area", "town", "address", "postcode", "latitude", "longitude",
    "service_areas", "phone", "email", "website", "contact_name", "cost_description",
    "cost_amount", "cost_unit", "opening_times", "funding", "cqc_registered", "cqc_rating",
    "cqc_rating_date", "dementia_friendly", "wheelchair_accessible", "languages", "minimum_age",
    "last_checked", "is_sample", "source_note", "flats", "tenures", "care_team_24_hours", "meals",
    "communal_facilities", "landlord", "care_provider", "scheme_status", "expected_opening",
    "status", "availability", "availability_updated_on", "closed_reason", "reopening_on",
    "provider_updated_on", "dbs_checked", "insured", "accreditation",
)  # fmt: skip
REQUIRED = ("id", "name", "kind", "summary", "area", "town", "last_checked")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
CQC_RATINGS = ("Outstanding", "Good", "Requires improvement", "Inadequate")
_TRUE = ("yes", "true", "1", "y")
_FALSE = ("no", "false", "0", "n", "")
_OPENING = re.compile(r"^([A-Z,]+) (\d\d:\d\d)-(\d\d:\d\d)$")
# Latitude and longitude of a box around Dorset: a point outside it is a typing mistake.
DORSET_BOUNDS = ((Decimal("50.45"), Decimal("51.15")), (Decimal("-3.05"), Decimal("-1.70")))


@dataclass(frozen=True)
class Problem:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.field}: {self.message}"


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0


@dataclass
class Opening:
    byday: str
    opens_at: time
    closes_at: time


@dataclass
class Record:
    """One listing, checked and converted."""

    values: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


class _Checker:
    """Checks one row, collecting problems rather than stopping at the first."""

    def __init__(self, row: dict, line: int, problems: list[Problem]):
        self.row = {key: (value or "").strip() for key, value in row.items() if key}
        self.line = line
        self.problems = problems

    def fail(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.line, field_name, message))

    def text(self, name: str) -> str:
        value = self.row.get(name, "")
        message = listing_rules.problem(name, value)
        if message:
            self.fail(name, message)
        return value

    def choice(self, name: str, options: Iterable[str], default: str = "") -> str:
        value = self.row.get(name, "") or default
        if value and value not in options:
            self.fail(name, f"{value!r} is not one of: {', '.join(options)}")
        return value

    def choices(self, name: str, options: Iterable[str]) -> list[str]:
        values = [part.strip() for part in self.row.get(name, "").split(";") if part.strip()]
        for value in values:
            if value not in options:
                self.fail(name, f"{value!r} is not one of: {', '.join(options)}")
        return values

    def boolean(self, name: str) -> bool | None:
        value = self.row.get(name, "").lower()
        if value in _TRUE:
            return True
        if value not in _FALSE:
            self.fail(name, f"{value!r} must be yes or no")
        return False if value else None

    def day(self, name: str) -> date | None:
        value = self.row.get(name, "")
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(name, f"{value!r} must be a date written as YYYY-MM-DD")
            return None

    def whole(self, name: str, most: int) -> int | None:
        value = self.row.get(name, "")
        if not value:
            return None
        if not value.isdigit() or int(value) > most:
            self.fail(name, f"{value!r} must be a whole number from 0 to {most}")
            return None
        return int(value)

    def decimal(self, name: str) -> Decimal | None:
        value = self.row.get(name, "")
        if not value:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.fail(name, f"{value!r} must be a number")
            return None
        return number


def check_row(session: Session, row: dict, line: int, problems: list[Problem]) -> Record:
    check = _Checker(row, line, problems)
    unknown = sorted(set(check.row) - set(COLUMNS))
    for name in unknown:
        check.fail(name, "is not a column the directory knows")
    for name in REQUIRED:
        if not check.row.get(name):
            check.fail(name, "is required")
    values: dict[str, Any] = {
        name: check.text(name)
        for name in (
            "id", "name", "summary", "description", "who_for", "town", "address", "phone",
            "website", "contact_name", "cost_description", "cqc_rating", "languages",
            "source_note", "communal_facilities", "landlord", "care_provider", "expected_opening",
            "email", "closed_reason", "accreditation", "slug", "service_areas", "cost_unit",
        )
    }  # fmt: skip
    values["organisation"] = check.text("organisation") or values["name"]
    values["slug"] = values["slug"] or slugify(values["name"])
    if not values["slug"]:
        check.fail("slug", "give a slug, or a name with letters or numbers in it")
    values["kind"] = check.choice("kind", LISTING_KINDS)
    values["area"] = check.choice("area", AREAS)
    values["help_types"] = check.choices("help_types", HELP_TYPES)
    values["funding"] = check.choices("funding", FUNDING_KINDS)
    values["tenures"] = check.choices("tenures", TENURES)
    values["service_areas"] = [
        part.strip() for part in check.row.get("service_areas", "").split(";") if part.strip()
    ]
    values["cqc_rating"] = check.choice("cqc_rating", CQC_RATINGS)
    values["status"] = check.choice("status", LISTING_STATUSES, default="active")
    values["availability"] = check.choice("availability", AVAILABILITIES) or None
    for name in ("cqc_registered", "dementia_friendly", "wheelchair_accessible", "is_sample",
                 "care_team_24_hours", "meals", "dbs_checked", "insured"):  # fmt: skip
        values[name] = check.boolean(name)
    for name in ("last_checked", "cqc_rating_date", "availability_updated_on", "reopening_on",
                 "provider_updated_on"):  # fmt: skip
        values[name] = check.day(name)
    values["minimum_age"] = check.whole("minimum_age", 120)
    values["flats"] = check.whole("flats", 2000)
    values["scheme_status"] = check.choice("scheme_status", SCHEME_STATUSES)
    if values["kind"] == "extra_care_scheme" and not values["scheme_status"]:
        check.fail("scheme_status", "is required for an extra care scheme")
    values["cost_amount_pence"] = _pence(check)
    values["opening_times"] = _openings(check)
    values["postcode"] = ""
    if check.row.get("postcode"):
        values["postcode"] = normalise_postcode(check.row["postcode"]) or ""
        if " " not in values["postcode"]:
            check.fail("postcode", f"{check.row['postcode']!r} is not a full UK postcode")
    values["latitude_e6"], values["longitude_e6"] = _coordinates(session, check, values)
    return Record(values)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[: listing_rules.max_length("slug")]


def free_slug(session: Session, record: dict) -> str:
    """A new listing's web address: its name, numbered if another listing has it already."""
    base = slugify(record["name"]) or "listing"
    slug, number = base, 1
    while True:
        owner = session.scalar(select(Service.id).where(Service.slug == slug))
        if owner is None or owner == record["id"]:
            return slug
        number += 1
        slug = f"{base[:110]}-{number}"


def _pence(check: _Checker) -> int | None:
    amount = check.decimal("cost_amount")
    if amount is None:
        return None
    if amount < 0 or amount > 100000 or amount != amount.quantize(Decimal("0.01")):
        check.fail("cost_amount", "must be an amount in pounds and pence, like 22.50")
        return None
    return int(amount * 100)


def _openings(check: _Checker) -> list[Opening]:
    openings = []
    for part in filter(None, (p.strip() for p in check.row.get("opening_times", "").split(";"))):
        match = _OPENING.match(part)
        days = match.group(1).split(",") if match else []
        try:
            times = [time.fromisoformat(t) for t in match.groups()[1:]] if match else []
        except ValueError:
            times = []
        if not match or not times or any(day not in DAYS for day in days) or times[0] >= times[1]:
            check.fail("opening_times", f"{part!r} must look like 'MO,TU,WE 09:00-17:00'")
            continue
        openings.append(Opening(",".join(days), times[0], times[1]))
    return openings


def _coordinates(session: Session, check: _Checker, values: dict) -> tuple[int | None, int | None]:
    latitude, longitude = check.decimal("latitude"), check.decimal("longitude")
    if latitude is not None and longitude is not None:
        (south, north), (west, east) = DORSET_BOUNDS
        if not (south <= latitude <= north and west <= longitude <= east):
            check.fail("latitude", "the latitude and longitude are not in Dorset")
            return None, None
        return round(latitude * 1_000_000), round(longitude * 1_000_000)
    place = find_place(session, values["postcode"] or values["town"]) if values["town"] else None
    if place is None:
        check.fail(
            "latitude", "give the latitude and longitude, or a postcode or town we know in Dorset"
        )
        return None, None
    return round(place.latitude * 1_000_000), round(place.longitude * 1_000_000)


# --- Writing to the database -------------------------------------------------------------------


def ensure_taxonomy(session: Session) -> dict[str, TaxonomyTerm]:
    terms = {term.code: term for term in session.scalars(select(TaxonomyTerm))}
    for code, (name, description) in HELP_TYPES.items():
        if code not in terms:
            terms[code] = TaxonomyTerm(code=code, name=name, description=description)
            session.add(terms[code])
        else:
            terms[code].name, terms[code].description = name, description
    return terms


def import_rows(
    session: Session, numbered_rows: Iterable[tuple[int, dict]], replace: bool = False
) -> ImportSummary:
    """Check every row, then write them all; raises ImportFailed without writing anything."""
    serialise_imports(session)
    problems: list[Problem] = []
    records: list[tuple[int, Record]] = []
    for line, row in numbered_rows:
        records.append((line, check_row(session, row, line, problems)))
    _check_unique(records, problems)
    _check_slugs_are_free(session, records, problems)
    if not records and not problems:
        problems.append(Problem(0, "file", "has no listings in it"))
    if problems:
        raise ImportFailed(problems)

    terms = ensure_taxonomy(session)
    existing = {
        service.id: service
        for service in session.scalars(select(Service).options(selectinload(Service.locations)))
    }
    organisations = {org.name: org for org in session.scalars(select(Organisation))}
    summary = ImportSummary()
    for _line, record in records:
        service = existing.pop(record["id"], None)
        if service is None:
            service = Service(id=record["id"])
            session.add(service)
            summary.added += 1
        else:
            summary.updated += 1
        _apply(session, service, record, terms, organisations)
    if replace:
        for service in existing.values():
            session.delete(service)
            summary.removed += 1
    bump_revision(session, "directory")
    return summary


# Any fixed number will do: it names the one lock every import takes on PostgreSQL.
IMPORT_LOCK_KEY = 2026_1125_14


def serialise_imports(session: Session) -> None:
    """Make concurrent imports run one after another, so two imports of the same new listings
    never both decide to add them. Taken before anything is read; held until commit or rollback.

    PostgreSQL: a transaction-level advisory lock. SQLite: an immediate (write) transaction,
    unless this one has already written, in which case it holds the write lock already.
    """
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK_KEY})
    elif (
        connection.dialect.name == "sqlite"
        and not connection.connection.driver_connection.in_transaction
    ):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _check_unique(records: list[tuple[int, Record]], problems: list[Problem]) -> None:
    for key in ("id", "slug"):
        seen: dict[str, int] = {}
        for line, record in records:
            value = record[key]
            if value in seen:
                problems.append(Problem(line, key, f"{value!r} is also on line {seen[value]}"))
            seen.setdefault(value, line)


def _check_slugs_are_free(
    session: Session, records: list[tuple[int, Record]], problems: list[Problem]
) -> None:
    """A slug another listing already has would break the database's unique rule."""
    wanted = {record["slug"]: (line, record["id"]) for line, record in records}
    slugs = list(wanted)
    for start in range(0, len(slugs), 500):
        taken = session.execute(
            select(Service.slug, Service.id).where(Service.slug.in_(slugs[start : start + 500]))
        )
        for slug, owner in taken:
            line, listing_id = wanted[slug]
            if owner != listing_id:
                problems.append(Problem(line, "slug", f"{slug!r} is used by another listing"))


def _apply(
    session: Session,
    service: Service,
    record: Record,
    terms: dict[str, TaxonomyTerm],
    organisations: dict[str, Organisation],
) -> None:
    name = record["organisation"]
    if name not in organisations:
        organisations[name] = Organisation(name=name)
        session.add(organisations[name])
    service.organisation = organisations[name]
    for attribute in ("slug", "name", "summary", "description", "kind", "area", "town",
                      "phone", "email", "cqc_rating", "last_checked", "cqc_rating_date",
                      "source_note", "status", "availability", "availability_updated_on",
                      "closed_reason", "reopening_on", "provider_updated_on", "dbs_checked",
                      "insured", "accreditation"):  # fmt: skip
        setattr(service, attribute, record[attribute])
    service.url = record["website"]
    service.fees_description = record["cost_description"]
    service.languages = record["languages"] or "English"
    service.cqc_registered = record["cqc_registered"]
    service.dementia_friendly = record["dementia_friendly"]
    service.wheelchair_accessible = record["wheelchair_accessible"]
    service.is_sample = bool(record["is_sample"])
    funding = record["funding"]
    service.accepts_direct_payments = "direct_payments" in funding
    service.accepts_individual_service_funds = "individual_service_funds" in funding
    service.accepts_self_funders = "self_funders" in funding
    service.help_types = [terms[code] for code in dict.fromkeys(record["help_types"])]

    location = service.location
    if location is None:
        location = Location()
        service.locations = [ServiceAtLocation(location=location)]
    location.name = record["name"]
    location.address_1 = record["address"]
    location.city = record["town"]
    location.postal_code = record["postcode"]
    location.latitude_e6 = record["latitude_e6"]
    location.longitude_e6 = record["longitude_e6"]

    service.contacts = (
        [Contact(name=record["contact_name"], phone=record["phone"], email=record["email"])]
        if record["contact_name"]
        else []
    )
    service.cost_options = (
        [
            CostOption(
                option=f"Per {record['cost_unit'] or 'session'}",
                amount_pence=record["cost_amount_pence"],
                amount_description=record["cost_unit"],
            )
        ]
        if record["cost_amount_pence"] is not None
        else []
    )
    service.schedules = [
        Schedule(position=i, byday=o.byday, opens_at=o.opens_at, closes_at=o.closes_at)
        for i, o in enumerate(record["opening_times"])
    ]
    service.eligibility = (
        [Eligibility(description=record["who_for"], minimum_age=record["minimum_age"])]
        if record["who_for"] or record["minimum_age"] is not None
        else []
    )
    service.service_areas = [ServiceArea(name=name) for name in record["service_areas"]]
    if record["kind"] == "extra_care_scheme":
        scheme = service.scheme or ExtraCareScheme()
        scheme.flats = record["flats"]
        scheme.tenures = ";".join(record["tenures"])
        scheme.minimum_age = record["minimum_age"]
        scheme.care_team_24_hours = record["care_team_24_hours"]
        scheme.meals = record["meals"]
        scheme.communal_facilities = record["communal_facilities"]
        scheme.landlord = record["landlord"]
        scheme.care_provider = record["care_provider"]
        scheme.status = record["scheme_status"]
        scheme.expected_opening = record["expected_opening"]
        service.scheme = scheme
    else:
        service.scheme = None


def remove_all(session: Session) -> None:
    for service in session.scalars(select(Service)):
        session.delete(service)
    session.execute(delete(Location))
    session.execute(delete(Organisation))
    bump_revision(session, "directory")


# --- Reading and writing files -----------------------------------------------------------------


def read_csv(text: str) -> Iterator[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(text))
    for row in reader:
        # The header is line 1; a row's line is where it starts in the file.
        yield reader.line_num, row


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def service_record(service: Service) -> dict:
    """A listing as one CSV row: the exact inverse of an import."""
    location = service.location
    cost = service.cost_options[0] if service.cost_options else None
    eligibility = service.eligibility[0] if service.eligibility else None
    scheme = service.scheme
    contact = service.contacts[0] if service.contacts else None
    return {
        "id": service.id,
        "slug": service.slug,
        "name": service.name,
        "organisation": service.organisation.name,
        "kind": service.kind,
        "summary": service.summary,
        "description": service.description,
        "who_for": eligibility.description if eligibility else "",
        "help_types": "; ".join(term.code for term in service.help_types),
        "area": service.area,
        "town": service.town,
        "address": location.address_1 if location else "",
        "postcode": location.postal_code if location else "",
        "latitude": f"{location.latitude_e6 / 1e6:.6f}" if location else "",
        "longitude": f"{location.longitude_e6 / 1e6:.6f}" if location else "",
        "service_areas": "; ".join(area.name for area in service.service_areas),
        "phone": service.phone,
        "email": service.email,
        "website": service.url,
        "contact_name": contact.name if contact else "",
        "cost_description": service.fees_description,
        "cost_amount": f"{Decimal(cost.amount_pence) / 100:.2f}" if cost else "",
        "cost_unit": cost.amount_description if cost else "",
        "opening_times": "; ".join(
            f"{s.byday} {s.opens_at:%H:%M}-{s.closes_at:%H:%M}" for s in service.schedules
        ),
        "funding": "; ".join(service.funding),
        "cqc_registered": _yes_no(service.cqc_registered),
        "cqc_rating": service.cqc_rating,
        "cqc_rating_date": service.cqc_rating_date.isoformat() if service.cqc_rating_date else "",
        "dementia_friendly": _yes_no(service.dementia_friendly),
        "wheelchair_accessible": _yes_no(service.wheelchair_accessible),
        "languages": service.languages,
        "minimum_age": str(eligibility.minimum_age)
        if eligibility and eligibility.minimum_age is not None
        else "",
        "last_checked": service.last_checked.isoformat(),
        "is_sample": _yes_no(service.is_sample),
        "source_note": service.source_note,
        "flats": str(scheme.flats) if scheme and scheme.flats is not None else "",
        "tenures": scheme.tenures.replace(";", "; ") if scheme else "",
        "care_team_24_hours": _yes_no(scheme.care_team_24_hours) if scheme else "",
        "meals": _yes_no(scheme.meals) if scheme else "",
        "communal_facilities": scheme.communal_facilities if scheme else "",
        "landlord": scheme.landlord if scheme else "",
        "care_provider": scheme.care_provider if scheme else "",
        "scheme_status": scheme.status if scheme else "",
        "expected_opening": scheme.expected_opening if scheme else "",
        "status": service.status,
        "availability": service.availability or "",
        "availability_updated_on": _iso(service.availability_updated_on),
        "closed_reason": service.closed_reason,
        "reopening_on": _iso(service.reopening_on),
        "provider_updated_on": _iso(service.provider_updated_on),
        "dbs_checked": _yes_no(service.dbs_checked),
        "insured": _yes_no(service.insured),
        "accreditation": service.accreditation,
    }


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def write_csv(records: Iterable[dict]) -> str:
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return output.getvalue()


# Everything a listing page or an export shows, loaded in a few queries rather than many.
WHOLE_LISTING = (
    selectinload(Service.organisation).selectinload(Organisation.identifiers),
    selectinload(Service.help_types),
    selectinload(Service.locations).selectinload(ServiceAtLocation.location),
    selectinload(Service.contacts),
    selectinload(Service.cost_options),
    selectinload(Service.schedules),
    selectinload(Service.eligibility),
    selectinload(Service.service_areas),
    selectinload(Service.scheme),
)


def all_services(session: Session) -> list[Service]:
    return list(session.scalars(select(Service).options(*WHOLE_LISTING).order_by(Service.id)))
