"""Reading listings for pages, and turning them into search documents."""

from collections.abc import Iterator

from sqlalchemy import select

from webapp.database import get_session
from webapp.directory.transfer import WHOLE_LISTING, all_services
from webapp.directory.vocabulary import HELP_TYPES
from webapp.models import PUBLIC_STATUSES, Service
from webapp.revisions import revision_of
from webapp.search import update_documents


def listing_by_slug(slug: str) -> Service | None:
    """A listing the public may see: one taken off the site is not found."""
    return get_session().scalar(
        select(Service)
        .where(Service.slug == slug, Service.status.in_(PUBLIC_STATUSES))
        .options(*WHOLE_LISTING)
    )


def listing_by_id(service_id: str) -> Service | None:
    return get_session().scalar(
        select(Service).where(Service.id == service_id).options(*WHOLE_LISTING)
    )


LISTING_ID_PREFIX = "listing:"


def reindex_listing(service_id: str) -> None:
    """After a change to one listing is committed, make it searchable at once, here and (within
    a few seconds) on every other server."""
    service = get_session().get(Service, service_id)
    if service is None or not service.is_public:
        update_documents([], removed_ids=[f"{LISTING_ID_PREFIX}{service_id}"])
    else:
        update_documents([listing_document(service)])


def listing_document_by_id(document_id: str) -> dict | None:
    """The search document for a listing as it is now, or None if it has been deleted or taken
    off the site."""
    service = listing_by_id(document_id.removeprefix(LISTING_ID_PREFIX))
    return listing_document(service) if service and service.is_public else None


def directory_revision() -> str:
    return str(revision_of(get_session(), "directory"))


def search_documents() -> Iterator[dict]:
    for service in all_services(get_session()):
        if service.is_public:
            yield listing_document(service)


def listing_document(service: Service) -> dict:
    location = service.location
    help_codes = [term.code for term in service.help_types]
    help_words = " ".join(f"{name} {words}" for name, words in map(HELP_TYPES.get, help_codes))
    eligibility = " ".join(item.description for item in service.eligibility)
    areas = " ".join(area.name for area in service.service_areas)
    cost = service.cost_options[0].amount_pence if service.cost_options else None
    known_flags = {
        name: value
        for name, value in (
            ("registered", service.cqc_registered),
            ("dementia_friendly", service.dementia_friendly),
            ("wheelchair_accessible", service.wheelchair_accessible),
        )
        if value is not None
    }
    return {
        **known_flags,
        "id": f"{LISTING_ID_PREFIX}{service.id}",
        "doc_type": "listing",
        "slug": service.slug,
        "title": service.name,
        "summary": service.summary,
        "topics": help_words,
        "body": " ".join((service.description, eligibility, service.organisation.name)),
        "place": f"{service.town} {service.area} {areas}",
        "url": f"/find-support/{service.slug}",
        "town": service.town,
        "kind": service.kind,
        "help_types": ",".join(help_codes),
        "area": service.area,
        "funding": ",".join(service.funding),
        "availability": service.availability or "",
        "is_sample": service.is_sample,
        "latitude_e6": location.latitude_e6 if location else 0,
        "longitude_e6": location.longitude_e6 if location else 0,
        "cost_pence": cost if cost is not None else -1,
    }
