"""What the Open Referral UK endpoints ask of the database: published listings only, filtered
and paged as the ORUK 3.0 API describes.
"""

import hashlib
import math
import re
from dataclasses import dataclass, field
from datetime import datetime, time

from flask import current_app
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from search_index import box_around, miles_between
from webapp.directory import oruk
from webapp.directory.places import find_place, normalise_postcode
from webapp.models import (
    PUBLIC_STATUSES,
    Eligibility,
    ExtraCareScheme,
    Location,
    Organisation,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
    service_taxonomy,
)
from webapp.revisions import revision_of

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_SEARCH_WORDS = 10
METRES_PER_MILE = 1609.344
DAYS = {
    "MO": "monday", "TU": "tuesday", "WE": "wednesday", "TH": "thursday", "FR": "friday",
    "SA": "saturday", "SU": "sunday",
}  # fmt: skip
PUBLISHED = Service.status.in_(PUBLIC_STATUSES)
# A whole listing in as few queries as it takes: one-to-one parts joined, lists loaded together.
FULL = (
    joinedload(Service.organisation).selectinload(Organisation.identifiers),
    joinedload(Service.scheme),
    selectinload(Service.help_types),
    selectinload(Service.locations).joinedload(ServiceAtLocation.location),
    selectinload(Service.contacts),
    selectinload(Service.cost_options),
    selectinload(Service.schedules),
    selectinload(Service.eligibility),
    selectinload(Service.service_areas),
)


class BadParameter(ValueError):
    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


@dataclass
class Query:
    """The checked query string of a list endpoint."""

    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    words: list[str] = field(default_factory=list)
    conditions: list[ColumnElement] = field(default_factory=list)
    near: tuple[float, float] | None = None
    within_metres: float | None = None


def _whole(args, name: str, default: int, most: int) -> int:
    value = args.get(name, "")
    if value == "":
        return default
    if not re.fullmatch(r"[0-9]{1,7}", value) or not 1 <= int(value) <= most:
        raise BadParameter(name, f"must be a whole number from 1 to {most}")
    return int(value)


def _number(args, name: str, most: float) -> float | None:
    value = args.get(name, "")
    if value == "":
        return None
    if not re.fullmatch(r"[0-9]{1,9}(\.[0-9]{1,6})?", value) or float(value) > most:
        raise BadParameter(name, f"must be a number from 0 to {most:g}")
    return float(value)


def _time(args, name: str) -> time | None:
    value = args.get(name, "")
    if value == "":
        return None
    try:
        if not re.fullmatch(r"\d\d:\d\d(:\d\d)?", value):
            raise ValueError(value)
        return time.fromisoformat(value)
    except ValueError:
        raise BadParameter(name, "must be a time written as HH:MM, like 09:30") from None


def _day(args) -> str | None:
    value = args.get("day", "").strip()
    if value == "":
        return None
    for code, name in DAYS.items():
        if value.upper() == code or value.lower() == name:
            return code
    raise BadParameter("day", "must be a day: MO, TU, WE, TH, FR, SA, SU or its name")


def _text(args, name: str, most: int = 100) -> str:
    value = args.get(name, "").strip()
    if len(value) > most:
        raise BadParameter(name, f"must be {most} characters or fewer")
    return value


def parse_paging(args) -> Query:
    return Query(
        page=_whole(args, "page", 1, 1_000_000),
        per_page=_whole(args, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
    )


def parse_service_query(session: Session, args, locations: bool = False) -> Query:
    query = parse_paging(args)
    words = _text(args, "search", 200).split()
    if len(words) > MAX_SEARCH_WORDS:
        raise BadParameter("search", f"must be {MAX_SEARCH_WORDS} words or fewer")
    for word in words:
        query.conditions.append(
            or_(
                Service.name.icontains(word, autoescape=True),
                Service.summary.icontains(word, autoescape=True),
                Service.description.icontains(word, autoescape=True),
                Service.organisation.has(Organisation.name.icontains(word, autoescape=True)),
            )
        )
    if term_id := _text(args, "taxonomy_term_id"):
        query.conditions.append(_term_condition(term_id))
    if taxonomy_id := _text(args, "taxonomy_id"):
        query.conditions.append(_taxonomy_condition(taxonomy_id))
    # Filters on a listing's parts are IN (subquery), which the database runs once, rather
    # than EXISTS per listing: the parts' tables have no index on service_id.
    if (minimum := _number(args, "minimum_age", 150)) is not None:
        query.conditions.append(
            Service.id.in_(_ids_of(Eligibility, Eligibility.minimum_age >= minimum))
        )
    if (maximum := _number(args, "maximum_age", 150)) is not None:
        # No listing has an upper age limit: keep those open to someone of that age.
        query.conditions.append(
            Service.id.not_in(_ids_of(Eligibility, Eligibility.minimum_age > maximum))
        )
    day, starts, ends = _day(args), _time(args, "start_time"), _time(args, "end_time")
    if day or starts or ends:
        parts = [Schedule.byday.contains(day)] if day else []
        if starts:
            parts.append(Schedule.opens_at >= starts)
        if ends:
            parts.append(Schedule.closes_at <= ends)
        query.conditions.append(Service.id.in_(_ids_of(Schedule, *parts)))
    if modified_after := _text(args, "modified_after"):
        try:
            since = datetime.fromisoformat(modified_after.replace("Z", "+00:00"))
        except ValueError:
            raise BadParameter("modified_after", "must be a date or date and time") from None
        stamp = since.replace(tzinfo=None)
        query.conditions.append(
            or_(
                Service.modified_at >= stamp,
                and_(Service.modified_at.is_(None), Service.last_checked >= stamp.date()),
            )
        )
    if locations:
        _parse_nearness(session, args, query)
    return query


def _parse_nearness(session: Session, args, query: Query) -> None:
    postcode = _text(args, "postcode", 10)
    proximity = _number(args, "proximity", 200_000)
    if proximity is not None and not postcode:
        raise BadParameter("proximity", "needs a postcode to measure from")
    if not postcode:
        return
    normalised = normalise_postcode(postcode)
    place = find_place(session, normalised) if normalised else None
    if place is None:
        raise BadParameter("postcode", "must be a postcode in Dorset")
    query.near = (place.latitude, place.longitude)
    query.within_metres = proximity


def _term_condition(term_id: str) -> ColumnElement:
    fact = oruk.FACTS_BY_ID.get(term_id)
    if fact is None:
        return Service.id.in_(
            select(service_taxonomy.c.service_id).where(
                service_taxonomy.c.taxonomy_term_id == term_id
            )
        )
    if not fact.value:
        raise BadParameter(
            "taxonomy_term_id", "that fact carries a value: filter by a category term instead"
        )
    if fact.field == "funding":
        return getattr(Service, f"accepts_{fact.value}").is_(True)
    if fact.field == "scheme_status":
        return Service.id.in_(_ids_of(ExtraCareScheme, ExtraCareScheme.status == fact.value))
    if fact.field == "tenures":
        return Service.id.in_(
            _ids_of(ExtraCareScheme, ExtraCareScheme.tenures.contains(fact.value))
        )
    return getattr(Service, fact.field) == fact.value


def _ids_of(part, *conditions: ColumnElement):
    return select(part.service_id).where(*conditions)


def _taxonomy_condition(taxonomy_id: str) -> ColumnElement:
    taxonomy = oruk.TAXONOMIES_BY_ID.get(taxonomy_id)
    if taxonomy is None:
        return Service.id.is_(None)  # no listing has terms from a taxonomy we do not publish
    if taxonomy.code == oruk.HELP_TAXONOMY:
        return Service.id.in_(select(service_taxonomy.c.service_id))
    return Service.id.is_not(None)  # every listing has at least its kind and area


# --- Pages --------------------------------------------------------------------------------------


@dataclass
class Page:
    total_items: int
    page_number: int
    per_page: int
    contents: list

    def as_json(self) -> dict:
        total_pages = max(1, math.ceil(self.total_items / self.per_page))
        return {
            "total_items": self.total_items,
            "total_pages": total_pages,
            "page_number": self.page_number,
            "size": len(self.contents),
            "first_page": self.page_number == 1,
            "last_page": self.page_number >= total_pages,
            "empty": not self.contents,
            "contents": self.contents,
        }


def services_page(session: Session, query: Query) -> Page:
    where = and_(PUBLISHED, *query.conditions)
    total = session.scalar(select(func.count()).select_from(Service).where(where)) or 0
    start = (query.page - 1) * query.per_page
    if start >= total:
        return Page(total, query.page, query.per_page, [])
    # Sort and skip over ids and names only: sorting whole rows, descriptions and all, made
    # deep pages slow.
    ids = session.scalars(
        select(Service.id)
        .where(where)
        .order_by(Service.name, Service.id)
        .limit(query.per_page)
        .offset(start)
    ).all()
    services = {
        service.id: service
        for service in session.scalars(
            select(Service)
            .where(Service.id.in_(ids))
            .options(joinedload(Service.organisation), selectinload(Service.eligibility))
        )
    }
    return Page(total, query.page, query.per_page, [oruk.service_summary(services[i]) for i in ids])


def service_at_locations_page(session: Session, query: Query) -> Page:
    where = and_(PUBLISHED, *query.conditions)
    if query.near is not None and query.within_metres is not None:
        # Only places inside the box around the circle are read and measured, not them all.
        south, north, west, east = box_around(query.near, query.within_metres / METRES_PER_MILE)
        where = and_(
            where,
            Location.latitude_e6.between(math.floor(south * 1e6), math.ceil(north * 1e6)),
            Location.longitude_e6.between(math.floor(west * 1e6), math.ceil(east * 1e6)),
        )
    rows = session.execute(
        select(ServiceAtLocation.id, Location.latitude_e6, Location.longitude_e6)
        .join(ServiceAtLocation.service)
        .join(ServiceAtLocation.location)
        .where(where)
        .order_by(Service.name, ServiceAtLocation.id)
    ).all()
    ids = [row.id for row in rows]
    if query.near is not None:
        distances = {
            row.id: miles_between(query.near, (row.latitude_e6 / 1e6, row.longitude_e6 / 1e6))
            * METRES_PER_MILE
            for row in rows
            if row.latitude_e6 is not None and row.longitude_e6 is not None
        }
        ids = sorted(
            (i for i, metres in distances.items()
             if query.within_metres is None or metres <= query.within_metres),
            key=distances.__getitem__,
        )  # fmt: skip
    start = (query.page - 1) * query.per_page
    wanted = ids[start : start + query.per_page]
    links = {
        link.id: link
        for link in session.scalars(
            select(ServiceAtLocation)
            .where(ServiceAtLocation.id.in_(wanted))
            .options(
                selectinload(ServiceAtLocation.location),
                selectinload(ServiceAtLocation.service).selectinload(Service.organisation),
                selectinload(ServiceAtLocation.service).selectinload(Service.eligibility),
            )
        )
    }
    contents = [oruk.service_at_location_summary(links[i]) for i in wanted]
    return Page(len(ids), query.page, query.per_page, contents)


def published_service(session: Session, oruk_id: str, fresh: tuple) -> Service | None:
    """A published listing by its ORUK id (its own id, or the UUID made from it)."""
    own_id = _own_ids(session, fresh).get(oruk_id, oruk_id)
    return session.scalar(select(Service).where(Service.id == own_id, PUBLISHED).options(*FULL))


def _own_ids(session: Session, fresh: tuple) -> dict[str, str]:
    """Listings published under a made UUID, by that UUID: made once per change of data."""
    cache = current_app.extensions.setdefault("oruk_own_ids", {"key": None, "ids": {}})
    if cache["key"] != fresh:
        ids = session.scalars(select(Service.id)).all()
        cache["ids"] = {oruk.make_id("service", i): i for i in ids}
        cache["key"] = fresh
    return cache["ids"]


def published_link(session: Session, link_id: str) -> ServiceAtLocation | None:
    return session.scalar(
        select(ServiceAtLocation)
        .join(ServiceAtLocation.service)
        .where(ServiceAtLocation.id == link_id, PUBLISHED)
        .options(
            selectinload(ServiceAtLocation.location),
            selectinload(ServiceAtLocation.service).options(*FULL),
        )
    )


def help_terms(session: Session) -> list[TaxonomyTerm]:
    return list(session.scalars(select(TaxonomyTerm).order_by(TaxonomyTerm.name)))


# --- Freshness, for ETag and Last-Modified -------------------------------------------------------


def freshness(session: Session) -> tuple:
    """What changes whenever anything published changes: the directory's revision, and the
    number of published listings and their latest change."""
    count, latest, checked = session.execute(
        select(func.count(), func.max(Service.modified_at), func.max(Service.last_checked)).where(
            PUBLISHED
        )
    ).one()
    return (revision_of(session, "directory"), count, latest, checked)


def last_change(fresh: tuple) -> datetime | None:
    _revision, _count, latest, checked = fresh
    if latest is None and checked is None:
        return None
    moments = [latest] if latest else []
    if checked:
        moments.append(datetime.combine(checked, time()))
    return max(moments)


def etag(fresh: tuple, request_key: str) -> str:
    return hashlib.sha256(f"{fresh}|{request_key}".encode()).hexdigest()[:32]
