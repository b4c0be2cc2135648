"""Reading other publishers' Open Referral UK 3.0 feeds into the directory.

A feed is read whole, page by page, before anything is written: a feed that fails halfway
changes nothing. Its services then go through the same checks as any import, in one
transaction. Along the way:

- taxonomy terms the directory knows become types of help; the others are recorded for officers
  (`flask directory feed-report`), never silently dropped;
- the Dorset area comes from the town, postcode or coordinates (the gazetteer), and a service
  with none of them in Dorset is left out and reported;
- a service that is certainly one already listed (the same organisation by charity or company
  number with the same name, or the same name at the same postcode) updates that listing; one
  that only might be (the same name elsewhere, or a different name from the same organisation at
  the same postcode) is set aside for officers instead of being merged or added twice;
- a feed updates by id only the listings it brought in itself: a service giving the id of any
  other listing, or certainly matching a listing another feed keeps up to date, is set aside for
  officers, so no feed can overwrite a listing it does not own or take one from another feed.
"""

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote, urlencode, urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from search_index import miles_between
from webapp.directory import oruk
from webapp.directory.oruk import ReadService, Term
from webapp.directory.places import normalise_postcode, place_key
from webapp.directory.transfer import (
    ImportFailed,
    ImportSummary,
    Problem,
    free_slug,
    import_rows,
    serialise_imports,
    service_record,
    slugify,
)
from webapp.models import (
    FeedListing,
    FeedPossibleDuplicate,
    FeedUnknownTerm,
    Location,
    Organisation,
    OrganisationIdentifier,
    Place,
    Service,
    ServiceAtLocation,
)

PER_PAGE = 100
MAX_PAGES = 1000
MAX_BYTES = 20 * 1024 * 1024
TIMEOUT_SECONDS = 30
# A point further than this from every Dorset town and village is not in Dorset.
NEAREST_PLACE_MILES = 8
DEFAULT_KIND = "micro_provider"
IDENTIFIER_TYPES = {
    "charity_number": ("charity", "registered charity", "charity number", "charity_number"),
    "company_number": ("company", "company number", "companies house", "company_number"),
}


class FeedFailed(Exception):
    """The feed could not be read whole: nothing was changed."""


@dataclass
class FeedSummary:
    imported: ImportSummary = field(default_factory=ImportSummary)
    set_aside: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unknown_terms: int = 0


# --- Fetching -----------------------------------------------------------------------------------


def feed_base(url: str) -> str:
    """The API's address, whether given as its root or its /services endpoint."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FeedFailed(f"{url} is not an http or https address")
    return re.sub(r"/services/?$", "", url.rstrip("/"))


def get_json(url: str):
    request = urllib.request.Request(  # noqa: S310  (the scheme is checked in feed_base)
        url, headers={"Accept": "application/json", "User-Agent": "Dorset Care Guide feed reader"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            body = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise FeedFailed(f"{url} answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise FeedFailed(f"{url} could not be read: {getattr(error, 'reason', error)}") from None
    if len(body) > MAX_BYTES:
        raise FeedFailed(f"{url} sent more than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise FeedFailed(f"{url} did not send valid JSON: {error}") from None


def fetch_services(url: str, since: datetime | None = None, get=get_json) -> list[dict]:
    """Every service in the feed, fully nested, read page by page."""
    base = feed_base(url)
    services = []
    for page in range(1, MAX_PAGES + 1):
        params = {"page": page, "per_page": PER_PAGE}
        if since is not None:
            params["modified_after"] = since.isoformat()
        data = get(f"{base}/services?{urlencode(params)}")
        contents = data.get("contents") if isinstance(data, dict) else None
        if not isinstance(contents, list):
            raise FeedFailed(f"page {page} of {base}/services is not an Open Referral UK page")
        for item in contents:
            service_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(service_id, str) or not service_id:
                raise FeedFailed(f"page {page} of {base}/services has a service without an id")
            if since is not None and _older(item.get("last_modified"), since):
                continue  # a publisher that ignores modified_after
            services.append(get(f"{base}/services/{quote(service_id, safe='')}"))
        total_pages = data.get("total_pages")
        if not contents or data.get("last_page") is True:
            break
        if isinstance(total_pages, int) and page >= total_pages:
            break
    return services


def _older(stamp, since: datetime) -> bool:
    if not isinstance(stamp, str):
        return False
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment < (since if since.tzinfo else since.replace(tzinfo=UTC))


# --- Working out what ORUK does not say ---------------------------------------------------------


def complete_row(session: Session, item: ReadService) -> bool:
    """Fill in what the directory needs and an outside feed may not say. False when the
    service cannot be placed in Dorset."""
    row = item.row
    row["kind"] = row["kind"] or DEFAULT_KIND
    if not row["last_checked"]:
        modified = item.record.get("last_modified")
        row["last_checked"] = (
            modified[:10] if isinstance(modified, str) else datetime.now(UTC).date().isoformat()
        )
    if not row["area"]:
        place = _dorset_place(session, row)
        if place is None:
            return False
        row["area"] = place.area
        row["town"] = row["town"] or place.name
    return True


def _dorset_place(session: Session, row: dict) -> Place | None:
    places = session.scalars(select(Place).where(Place.kind != "postcode", Place.area != ""))
    by_key = {place.key: place for place in places}
    if row["town"] and place_key(row["town"]) in by_key:
        return by_key[place_key(row["town"])]
    postcode = normalise_postcode(row["postcode"]) if row["postcode"] else None
    if postcode and place_key(postcode.split(" ")[0]) in by_key:
        return by_key[place_key(postcode.split(" ")[0])]
    try:
        point = (float(row["latitude"]), float(row["longitude"]))
    except ValueError:
        return None
    distances = [
        (miles_between(point, (p.latitude_e6 / 1e6, p.longitude_e6 / 1e6)), p)
        for p in by_key.values()
        if p.kind != "district"
    ]
    if not distances:
        return None
    miles, place = min(distances, key=lambda pair: pair[0])
    return place if miles <= NEAREST_PLACE_MILES else None


# --- De-duplication -----------------------------------------------------------------------------


def _name_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def _identifier_type(text: str) -> str | None:
    text = text.strip().lower()
    return next((kind for kind, names in IDENTIFIER_TYPES.items() if text in names), None)


@dataclass
class _Listed:
    """What the directory already has, to match incoming services against."""

    by_name: dict[str, list[tuple[str, str, str]]]  # name -> (service id, postcode, org id)
    by_identifier: dict[tuple[str, str], Organisation]

    @classmethod
    def load(cls, session: Session) -> "_Listed":
        by_name: dict[str, list[tuple[str, str, str]]] = {}
        rows = session.execute(
            select(Service.id, Service.name, Service.organisation_id, Location.postal_code)
            .outerjoin(ServiceAtLocation, ServiceAtLocation.service_id == Service.id)
            .outerjoin(Location, Location.id == ServiceAtLocation.location_id)
        )
        for service_id, name, organisation_id, postcode in rows:
            by_name.setdefault(_name_key(name), []).append(
                (service_id, postcode or "", organisation_id)
            )
        identifiers = session.scalars(
            select(OrganisationIdentifier).options(
                selectinload(OrganisationIdentifier.organisation)
            )
        )
        return cls(
            by_name,
            {(i.identifier_type, i.identifier.upper()): i.organisation for i in identifiers},
        )

    def organisation(self, item: ReadService) -> Organisation | None:
        for kind, value in item.identifiers:
            found = self.by_identifier.get((_identifier_type(kind) or "", value.upper()))
            if found is not None:
                return found
        return None

    def match(self, item: ReadService) -> tuple[str | None, tuple[str, str] | None]:
        """(the id of the listing this certainly is, or None; (the id of the listing it might
        be, and why), or None)."""
        name = _name_key(item.row["name"])
        postcode = normalise_postcode(item.row["postcode"]) or ""
        organisation = self.organisation(item)
        same_name = self.by_name.get(name, [])
        for service_id, listed_postcode, organisation_id in same_name:
            if organisation is not None and organisation.id == organisation_id:
                return service_id, None
            if postcode and listed_postcode == postcode:
                return service_id, None
        if same_name:
            listed_id = same_name[0][0]
            return None, (listed_id, f"the same name as listing {listed_id}, at another address")
        if organisation is not None and postcode:
            for listings in self.by_name.values():
                for service_id, listed_postcode, organisation_id in listings:
                    if organisation_id == organisation.id and listed_postcode == postcode:
                        return None, (
                            service_id,
                            f"the same organisation and postcode as listing {service_id}, "
                            "under another name",
                        )
        return None, None


# --- Importing ----------------------------------------------------------------------------------


def import_feed(
    session: Session, feed_url: str, publisher: str, services: list[dict]
) -> FeedSummary:
    """Import a feed's services in the session's transaction; raises ImportFailed (nothing
    written) when any service has a problem. The caller commits."""
    serialise_imports(session)
    problems: list[Problem] = []
    read = oruk.read_services(services, problems)
    if problems:
        raise ImportFailed(problems)
    summary = FeedSummary()
    listed = _Listed.load(session)
    sources = {link.service_id: link for link in session.scalars(select(FeedListing))}
    linked = {link.external_id: link for link in sources.values() if link.feed_url == feed_url}
    existing_ids = set(session.scalars(select(Service.id)))
    rows, accepted = [], []
    for item in read:
        label = f"{item.row['name'] or item.external_id} ({item.external_id})"
        if not complete_row(session, item):
            summary.skipped.append(f"{label}: not in Dorset, or no town, postcode or place")
            continue
        link = linked.get(item.external_id)
        if link is not None:
            item.row["id"] = link.service_id
        else:
            maybe = _claim(item, feed_url, existing_ids, sources, listed)
            if maybe:
                _set_aside(session, feed_url, item, *maybe)
                summary.set_aside.append(f"{label}: {maybe[1]}")
                continue
        organisation = listed.organisation(item)
        if organisation is not None:
            item.row["organisation"] = organisation.name
        item.row["slug"] = _slug(session, item.row)
        if item.row["id"] in existing_ids:
            item.row = _overlay(session.get(Service, item.row["id"]), item.row)
        rows.append((item.number, item.row))
        accepted.append(item)
    summary.imported = import_rows(session, rows) if rows else ImportSummary()
    now = datetime.now(UTC).replace(tzinfo=None)
    for item in accepted:
        _remember(session, feed_url, publisher, item, now)
    summary.unknown_terms = _record_unknown_terms(session, feed_url, accepted, now)
    return summary


def _claim(
    item: ReadService,
    feed_url: str,
    existing_ids: set[str],
    sources: dict[str, FeedListing],
    listed: _Listed,
) -> tuple[str, str] | None:
    """Give a service this feed has not sent before its listing's id: the listing it certainly
    is, the id it gives if no listing has it, else one made from the feed and its own id.
    Returns (the id of a listing it might be, and why) when it must be set aside instead."""
    claimed = item.row["id"]
    if claimed in existing_ids or len(claimed) > 36:
        # Only this feed's link (found before this) lets it name a listing it brought in; an id
        # it gives for any other listing could be anyone's, so it never picks what to overwrite.
        item.row["id"] = oruk.make_id("feed", f"{feed_url}:{item.external_id}")
    if claimed in existing_ids:
        return claimed, f"the id of listing {claimed}, which does not come from this feed"
    same, maybe = listed.match(item)
    if maybe:
        return maybe
    if same in sources:
        return same, f"the same service as listing {same}, which another feed keeps up to date"
    if same:
        item.row["id"] = same
    return None


def _slug(session: Session, row: dict) -> str:
    """The feed's slug, unless another listing has it: then the listing keeps its own, or a new
    one gets a free one (a taken slug would otherwise stop the whole feed importing)."""
    wanted = row["slug"] or slugify(row["name"])
    owner = session.scalar(select(Service.id).where(Service.slug == wanted))
    if owner is None or owner == row["id"]:
        return row["slug"]
    return session.scalar(select(Service.slug).where(Service.id == row["id"])) or free_slug(
        session, row
    )


def _overlay(service: Service, row: dict) -> dict:
    """A listing already in the directory keeps what the feed does not say."""
    record = service_record(service)
    record.update({key: value for key, value in row.items() if value})
    return record


def _set_aside(session, feed_url: str, item: ReadService, service_id: str, reason: str) -> None:
    duplicate = session.scalar(
        select(FeedPossibleDuplicate).where(
            FeedPossibleDuplicate.feed_url == feed_url,
            FeedPossibleDuplicate.external_id == item.external_id,
        )
    ) or FeedPossibleDuplicate(feed_url=feed_url, external_id=item.external_id)
    duplicate.name = item.row["name"][:200]
    duplicate.service_id = service_id
    duplicate.reason = reason[:300]
    duplicate.record = json.dumps(item.record, ensure_ascii=False)
    duplicate.found_at = datetime.now(UTC).replace(tzinfo=None)
    session.add(duplicate)


def _remember(session, feed_url: str, publisher: str, item: ReadService, now: datetime) -> None:
    link = session.get(FeedListing, item.row["id"]) or FeedListing(service_id=item.row["id"])
    link.feed_url, link.publisher, link.imported_at = feed_url, publisher, now
    link.external_id = item.external_id[:200]
    session.add(link)
    service = session.get(Service, item.row["id"])
    known = {(i.identifier_type, i.identifier.upper()) for i in service.organisation.identifiers}
    for kind, value in item.identifiers:
        identifier_type = _identifier_type(kind)
        if identifier_type and (identifier_type, value.upper()) not in known:
            service.organisation.identifiers.append(
                OrganisationIdentifier(identifier_type=identifier_type, identifier=value[:40])
            )
            known.add((identifier_type, value.upper()))


def _record_unknown_terms(session, feed_url: str, items: list[ReadService], now) -> int:
    counts: dict[tuple[str, str], tuple[str, int]] = {}
    for item in items:
        for term in {(t.taxonomy, t.term): t for t in item.unknown_terms}.values():
            key = (term.taxonomy[:200], term.term[:200])
            counts[key] = (term.name[:200], counts.get(key, ("", 0))[1] + 1)
    for (taxonomy, term), (name, services) in counts.items():
        _save_unknown_term(session, feed_url, Term(taxonomy, term, name), now, services)
    return len(counts)


def _save_unknown_term(
    session: Session, feed_url: str, term: Term, now: datetime, services: int | None = None
) -> None:
    """A term the feed used on `services` of its services (None: on one more than recorded)."""
    taxonomy, code = term.taxonomy[:200], term.term[:200]
    row = session.scalar(
        select(FeedUnknownTerm).where(
            FeedUnknownTerm.feed_url == feed_url,
            FeedUnknownTerm.taxonomy == taxonomy,
            FeedUnknownTerm.term == code,
        )
    ) or FeedUnknownTerm(feed_url=feed_url, taxonomy=taxonomy, term=code)
    row.name, row.last_seen = term.name[:200], now
    row.services = services if services is not None else (row.services or 0) + 1
    session.add(row)


def resolve_duplicate(session: Session, duplicate: FeedPossibleDuplicate, merge: bool) -> str:
    """An officer's decision on a service set aside as a possible duplicate: merge it into the
    listing it looks like, or add it as a listing of its own. Either way later reads of the feed
    update that listing. Returns the listing's id; raises ImportFailed (nothing written) when the
    service cannot be imported. The caller commits."""
    serialise_imports(session)
    problems: list[Problem] = []
    item = _read_set_aside(session, duplicate, problems)
    if problems:
        raise ImportFailed(problems)
    if merge:
        source = session.get(FeedListing, duplicate.service_id)
        if source is not None and (source.feed_url, source.external_id) != (
            duplicate.feed_url,
            item.external_id,
        ):
            # One feed keeps a listing up to date: merging would hand it from one to another.
            problem = "comes from another feed: keep this as a listing of its own"
            raise ImportFailed([Problem(1, "listing", problem)])
        item.row["id"] = duplicate.service_id
        item.row = _overlay(session.get(Service, duplicate.service_id), item.row)
    else:
        if len(item.row["id"]) > 36 or session.get(Service, item.row["id"]) is not None:
            item.row["id"] = oruk.make_id("feed", f"{duplicate.feed_url}:{item.external_id}")
        item.row["slug"] = free_slug(session, item.row)
    import_rows(session, [(1, item.row)])
    now = datetime.now(UTC).replace(tzinfo=None)
    _remember(session, duplicate.feed_url, _publisher(session, duplicate.feed_url), item, now)
    for term in {(t.taxonomy, t.term): t for t in item.unknown_terms}.values():
        _save_unknown_term(session, duplicate.feed_url, term, now)
    session.delete(duplicate)
    return item.row["id"]


def incoming_record(session: Session, duplicate: FeedPossibleDuplicate) -> dict:
    """The set-aside service as an import record, to compare with the listing it looks like."""
    item = _read_set_aside(session, duplicate, [])
    return item.row if item else {}


def _read_set_aside(
    session: Session, duplicate: FeedPossibleDuplicate, problems: list[Problem]
) -> ReadService | None:
    read = oruk.read_services([json.loads(duplicate.record)], problems)
    if read and not complete_row(session, read[0]):
        problems.append(Problem(1, "area", "give a town, postcode or coordinates in Dorset"))
    return read[0] if read else None


def _publisher(session: Session, feed_url: str) -> str:
    """Who publishes a feed, as its last import named them (else its host, as import-feed does)."""
    named = session.scalar(
        select(FeedListing.publisher)
        .where(FeedListing.feed_url == feed_url)
        .order_by(FeedListing.imported_at.desc())
        .limit(1)
    )
    return named or urlsplit(feed_url).netloc


def file_rows(session: Session, data) -> list[tuple[int, dict]]:
    """Import rows from an Open Referral UK file; raises ImportFailed on any problem."""
    problems: list[Problem] = []
    read = oruk.read_services(data, problems)
    for item in read:
        if not complete_row(session, item):
            problems.append(
                Problem(item.number, "area", "give a town, postcode or coordinates in Dorset")
            )
    if problems:
        raise ImportFailed(problems)
    return [(item.number, item.row) for item in read]


def last_import(session: Session, feed_url: str) -> datetime | None:
    return session.scalar(
        select(func.max(FeedListing.imported_at)).where(FeedListing.feed_url == feed_url)
    )


def listing_source(session: Session, service_id: str) -> FeedListing | None:
    return session.get(FeedListing, service_id)
