"""Every database model of the site lives in this module, on one declarative base."""

import uuid
from datetime import UTC, date, datetime, time

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    event,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

# Named constraints so Alembic migrations are the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# --- The directory, modelled on Open Referral UK 3.0 ----------------------------------------------
# Organisation -> Service -> ServiceAtLocation -> Location, with taxonomy terms, contacts, cost
# options, schedules, eligibility and service areas as ORUK has them; Dorset's own facts (kind,
# area, funding accepted, registration, extra care scheme details) are columns on Service.

LISTING_KINDS = ("micro_provider", "extra_care_scheme", "day_opportunity", "community_group")
FUNDING_KINDS = ("direct_payments", "individual_service_funds", "self_funders")
SCHEME_STATUSES = ("open", "being_built", "planned")
TENURES = ("rent", "shared_ownership", "sale")
# A listing's status: temporarily closed listings stay public with their reason and reopening date;
# inactive ones, taken off the site by the council, are seen only by officers and their provider.
LISTING_STATUSES = ("active", "temporarily_closed", "inactive")
PUBLIC_STATUSES = ("active", "temporarily_closed")
# What the provider last said about taking new people (None: they have not said).
AVAILABILITIES = ("taking_new", "waiting_list", "full")


def new_id() -> str:
    return str(uuid.uuid4())


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(300), default="")

    services: Mapped[list["Service"]] = relationship(back_populates="organisation")
    identifiers: Mapped[list["OrganisationIdentifier"]] = relationship(
        back_populates="organisation",
        cascade="all, delete-orphan",
        order_by="OrganisationIdentifier.identifier_type",
    )


service_taxonomy = Table(
    "service_taxonomy",
    Base.metadata,
    Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
    Column("taxonomy_term_id", ForeignKey("taxonomy_term.id"), primary_key=True),
)


class TaxonomyTerm(Base):
    """A type of help (befriending, transport ...): the directory's own small vocabulary."""

    __tablename__ = "taxonomy_term"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    taxonomy: Mapped[str] = mapped_column(String(60), default="dorset-care-guide-help")


class Service(Base):
    """One listing: what a provider offers. Its id is the listing's stable public id."""

    __tablename__ = "service"
    # The Open Referral UK API pages through published listings by name, and checks every
    # request's freshness (count and latest change): both read these indexes alone. Neither
    # starts with status, which SQLite would otherwise pick for paging, then sort every row.
    __table_args__ = (
        Index("ix_service_name_id_status", "name", "id", "status"),
        Index("ix_service_changes", "modified_at", "last_checked", "status"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(400))
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(20), default="active")
    fees_description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(30), index=True)
    area: Mapped[str] = mapped_column(String(60), index=True)
    town: Mapped[str] = mapped_column(String(80))
    accepts_direct_payments: Mapped[bool] = mapped_column(Boolean, default=False)
    accepts_individual_service_funds: Mapped[bool] = mapped_column(Boolean, default=False)
    accepts_self_funders: Mapped[bool] = mapped_column(Boolean, default=True)
    # None where not yet known: pages say "to be confirmed" rather than guess.
    cqc_registered: Mapped[bool | None] = mapped_column(Boolean)
    cqc_rating: Mapped[str] = mapped_column(String(40), default="")
    cqc_rating_date: Mapped[date | None] = mapped_column(Date)
    dementia_friendly: Mapped[bool | None] = mapped_column(Boolean)
    wheelchair_accessible: Mapped[bool | None] = mapped_column(Boolean)
    languages: Mapped[str] = mapped_column(String(200), default="English")
    # The date a council officer last checked the listing.
    last_checked: Mapped[date] = mapped_column(Date)
    availability: Mapped[str | None] = mapped_column(String(20))
    availability_updated_on: Mapped[date | None] = mapped_column(Date)
    closed_reason: Mapped[str] = mapped_column(String(300), default="")
    reopening_on: Mapped[date | None] = mapped_column(Date)
    # The date the provider last changed the listing (shown apart from the council's check).
    provider_updated_on: Mapped[date | None] = mapped_column(Date)
    # What the provider tells us about their checks, cover and quality schemes.
    dbs_checked: Mapped[bool | None] = mapped_column(Boolean)
    insured: Mapped[bool | None] = mapped_column(Boolean)
    accreditation: Mapped[str] = mapped_column(String(200), default="")
    # When the provider was last reminded to check the listing (at most once a week).
    review_reminded_on: Mapped[date | None] = mapped_column(Date)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    source_note: Mapped[str] = mapped_column(Text, default="")
    # When anything about the listing last changed (Open Referral UK's last_modified); set on
    # every flush that touches the listing, so no writer has to remember it.
    modified_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)

    organisation: Mapped[Organisation] = relationship(back_populates="services")
    help_types: Mapped[list[TaxonomyTerm]] = relationship(
        secondary=service_taxonomy, order_by=TaxonomyTerm.name
    )
    locations: Mapped[list["ServiceAtLocation"]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    contacts: Mapped[list["Contact"]] = relationship(cascade="all, delete-orphan")
    cost_options: Mapped[list["CostOption"]] = relationship(cascade="all, delete-orphan")
    schedules: Mapped[list["Schedule"]] = relationship(
        cascade="all, delete-orphan", order_by="Schedule.position"
    )
    eligibility: Mapped[list["Eligibility"]] = relationship(cascade="all, delete-orphan")
    service_areas: Mapped[list["ServiceArea"]] = relationship(
        cascade="all, delete-orphan", order_by="ServiceArea.name"
    )
    scheme: Mapped["ExtraCareScheme | None"] = relationship(
        back_populates="service", cascade="all, delete-orphan", uselist=False
    )

    @property
    def funding(self) -> list[str]:
        return [
            kind
            for kind, accepted in zip(
                FUNDING_KINDS,
                (
                    self.accepts_direct_payments,
                    self.accepts_individual_service_funds,
                    self.accepts_self_funders,
                ),
                strict=True,
            )
            if accepted
        ]

    @property
    def location(self) -> "Location | None":
        return self.locations[0].location if self.locations else None

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


class Location(Base):
    __tablename__ = "location"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), default="")
    address_1: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    # Degrees times a million: exact integers, the same in every database.
    latitude_e6: Mapped[int | None] = mapped_column(Integer)
    longitude_e6: Mapped[int | None] = mapped_column(Integer)


class ServiceAtLocation(Base):
    __tablename__ = "service_at_location"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    location_id: Mapped[str] = mapped_column(ForeignKey("location.id"))

    service: Mapped[Service] = relationship(back_populates="locations")
    location: Mapped[Location] = relationship()


class Contact(Base):
    __tablename__ = "contact"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")


class CostOption(Base):
    __tablename__ = "cost_option"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    option: Mapped[str] = mapped_column(String(200))
    # Money as whole pence: exact, sortable, and safe for the search index.
    amount_pence: Mapped[int | None] = mapped_column(Integer)
    amount_description: Mapped[str] = mapped_column(String(200), default="")


class Schedule(Base):
    __tablename__ = "schedule"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    byday: Mapped[str] = mapped_column(String(40))
    opens_at: Mapped[time | None] = mapped_column(Time)
    closes_at: Mapped[time | None] = mapped_column(Time)
    description: Mapped[str] = mapped_column(String(300), default="")


class Eligibility(Base):
    __tablename__ = "eligibility"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    description: Mapped[str] = mapped_column(Text)
    minimum_age: Mapped[int | None] = mapped_column(Integer)


class ServiceArea(Base):
    __tablename__ = "service_area"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))


class ExtraCareScheme(Base):
    """What an extra care housing scheme adds to its listing."""

    __tablename__ = "extra_care_scheme"

    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), primary_key=True
    )
    flats: Mapped[int | None] = mapped_column(Integer)
    tenures: Mapped[str] = mapped_column(String(60), default="")
    minimum_age: Mapped[int | None] = mapped_column(Integer)
    care_team_24_hours: Mapped[bool | None] = mapped_column(Boolean)
    meals: Mapped[bool | None] = mapped_column(Boolean)
    communal_facilities: Mapped[str] = mapped_column(Text, default="")
    landlord: Mapped[str] = mapped_column(String(200), default="")
    care_provider: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20))
    expected_opening: Mapped[str] = mapped_column(String(100), default="")

    service: Mapped[Service] = relationship(back_populates="scheme")


class Place(Base):
    """The gazetteer: towns, villages and postcode districts with coordinates."""

    __tablename__ = "place"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # The lookup key: a lower-case town name, or a postcode/district without spaces.
    key: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))  # town, village, district, postcode
    area: Mapped[str] = mapped_column(String(60), default="")
    latitude_e6: Mapped[int] = mapped_column(Integer)
    longitude_e6: Mapped[int] = mapped_column(Integer)


class DataRevision(Base):
    """A counter per kind of data, raised on every change: the search index records the
    revision it was built from, so a stale index is noticed and rebuilt."""

    __tablename__ = "data_revision"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)


class SearchChange(Base):
    """Documents changed on one server, so every other server's index can apply the same
    change: each index records the last change it holds and fetches those after it."""

    __tablename__ = "search_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Space-separated search document ids, such as "listing:sample-000001".
    document_ids: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class SavedPlan(Base):
    """A planner's answers kept for 90 days under a private link. Only a hash of the link's
    token is stored, so the database alone cannot be used to open anyone's plan."""

    __tablename__ = "saved_plan"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    answers: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    # When the answers at the link were last saved ("save changes to this link").
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)


class PlannerAnswers(Base):
    """Answers being given in the planner, kept on the server for a few hours after the last
    page: the visitor's cookie holds only a random id, and only its hash is stored here."""

    __tablename__ = "planner_answers"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    answers: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)


# --- The people who keep the directory true ------------------------------------------------------
# Officers (editor, administrator) and providers share one account table; a provider belongs to
# an organisation. Submissions, reports, versions and the audit log keep every change traceable.

OFFICER_ROLES = ("editor", "administrator")
ACCOUNT_ROLES = ("provider", *OFFICER_ROLES)
SUBMISSION_STATUSES = ("draft", "pending", "approved", "rejected")


class Account(Base):
    __tablename__ = "account"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    # An argon2 hash; None for a provider who only signs in with emailed links.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    # The shared secret of the officer's authenticator app (time-based codes).
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # The last code accepted, so a code seen over someone's shoulder cannot be used again.
    last_totp_at: Mapped[int | None] = mapped_column(Integer)
    organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisation.id"))
    # Stored in the session at sign-in and raised by a password change, a reset or disabling,
    # so every session signed in before then stops working.
    session_generation: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    organisation: Mapped[Organisation | None] = relationship()


class SignInToken(Base):
    """A magic sign-in link, a password reset or an invitation: only its hash is stored, and
    it works once, before it expires."""

    __tablename__ = "sign_in_token"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(20))
    # An invitation's organisation: the invitee joins it only when they use the link.
    organisation_id: Mapped[str | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE")
    )
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class Submission(Base):
    """A provider's new listing or change, as a whole listing record, waiting for an officer."""

    __tablename__ = "submission"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    # None for a new listing until it is approved.
    service_id: Mapped[str | None] = mapped_column(ForeignKey("service.id", ondelete="SET NULL"))
    account_id: Mapped[str | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisation.id"))
    record: Mapped[str] = mapped_column(Text)  # JSON: the listing as an import row
    status: Mapped[str] = mapped_column(String(20), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by_id: Mapped[str | None] = mapped_column(ForeignKey("account.id"))

    account: Mapped[Account | None] = relationship(foreign_keys=[account_id])
    service: Mapped[Service | None] = relationship()


class Report(Base):
    """Something wrong with a listing, reported by a member of the public."""

    __tablename__ = "report"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    problem: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_by_id: Mapped[str | None] = mapped_column(ForeignKey("account.id"))

    service: Mapped[Service] = relationship()


class ListingVersion(Base):
    """A listing as it was after each change: who made it, when, and from which submission."""

    __tablename__ = "listing_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    record: Mapped[str] = mapped_column(Text)  # JSON: the listing as an import row
    created_at: Mapped[datetime] = mapped_column(DateTime)
    account_id: Mapped[str | None] = mapped_column(ForeignKey("account.id"))
    submission_id: Mapped[str | None] = mapped_column(ForeignKey("submission.id"))
    note: Mapped[str] = mapped_column(String(200), default="")

    account: Mapped[Account | None] = relationship()
    submission: Mapped[Submission | None] = relationship()


class AuditEvent(Base):
    """Every sign-in and every officer action, kept for the council's records."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    account_id: Mapped[str | None] = mapped_column(ForeignKey("account.id"))
    email: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(60))
    detail: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(45), default="")


class OutboxMessage(Base):
    """An email waiting to be sent: written in the same transaction as the change it tells of,
    and sent by `flask mail send-pending`, so a mail server being down loses nothing."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    to_address: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")


# --- Open Referral UK feeds read into the directory -------------------------------------------


class OrganisationIdentifier(Base):
    """A register number for an organisation (charity or company): how the same organisation
    is recognised in another publisher's feed."""

    __tablename__ = "organisation_identifier"
    __table_args__ = (UniqueConstraint("identifier_type", "identifier"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    organisation_id: Mapped[str] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    identifier_type: Mapped[str] = mapped_column(String(40))  # charity_number, company_number
    identifier: Mapped[str] = mapped_column(String(40))

    organisation: Mapped[Organisation] = relationship(back_populates="identifiers")


class FeedListing(Base):
    """A listing that came from another publisher's feed: who published it, and its id there."""

    __tablename__ = "feed_listing"

    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), primary_key=True
    )
    feed_url: Mapped[str] = mapped_column(String(500), index=True)
    publisher: Mapped[str] = mapped_column(String(200))
    external_id: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[datetime] = mapped_column(DateTime)


class FeedUnknownTerm(Base):
    """A taxonomy term a feed used that the directory has no type of help for: kept for
    officers to map or ignore, never silently dropped."""

    __tablename__ = "feed_unknown_term"
    __table_args__ = (UniqueConstraint("feed_url", "taxonomy", "term"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    feed_url: Mapped[str] = mapped_column(String(500))
    taxonomy: Mapped[str] = mapped_column(String(200), default="")
    term: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200), default="")
    services: Mapped[int] = mapped_column(Integer, default=0)
    last_seen: Mapped[datetime] = mapped_column(DateTime)


class FeedPossibleDuplicate(Base):
    """A feed's service that looks like a listing already in the directory but not certainly:
    set aside for an officer to decide, rather than merged or added twice."""

    __tablename__ = "feed_possible_duplicate"
    __table_args__ = (UniqueConstraint("feed_url", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    feed_url: Mapped[str] = mapped_column(String(500))
    external_id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(300))
    record: Mapped[str] = mapped_column(Text)  # the feed's service, as JSON
    found_at: Mapped[datetime] = mapped_column(DateTime)


_LISTING_PARTS = (Contact, CostOption, Schedule, Eligibility, ServiceArea, ExtraCareScheme)


def _services_of(session: Session, item: "Organisation | Location") -> list[Service]:
    if isinstance(item, Organisation):
        return list(item.services)
    with session.no_autoflush:
        return list(
            session.scalars(
                select(Service)
                .join(ServiceAtLocation, ServiceAtLocation.service_id == Service.id)
                .where(ServiceAtLocation.location_id == item.id)
            )
        )


@event.listens_for(Session, "before_flush")
def _stamp_modified_listings(session: Session, _context, _instances) -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    # Each of session.new/dirty/deleted builds a fresh set: read them once, not per object.
    new, dirty, deleted = set(session.new), set(session.dirty), set(session.deleted)
    for item in new | dirty:
        if isinstance(item, Service):
            if item in new or session.is_modified(item):
                item.modified_at = now
        elif isinstance(item, _LISTING_PARTS) and item.service_id:
            with session.no_autoflush:
                service = session.get(Service, item.service_id)
            if service is not None and service not in deleted:
                service.modified_at = now
        elif (
            isinstance(item, Organisation | Location)
            and item not in new
            and session.is_modified(item)
        ):
            # An organisation or a place is part of every listing it appears in.
            for service in _services_of(session, item):
                if service not in deleted:
                    service.modified_at = now
    for item in deleted:
        if isinstance(item, _LISTING_PARTS) and item.service_id:
            service = session.identity_map.get(session.identity_key(Service, item.service_id))
            if service is not None and service not in deleted:
                service.modified_at = now
