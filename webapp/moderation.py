"""Changes to listings: submissions, approval, rejection, history and restore.

A listing's state is always written as an import record (transfer.service_record), so a
submission, a version in the history and a CSV row are the same thing, checked by the same
rules, and any of them can be compared with the live listing field by field.
"""

import json
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.accounts import now
from webapp.directory.transfer import (
    COLUMNS,
    WHOLE_LISTING,
    ImportFailed,
    free_slug,
    import_rows,
    service_record,
)
from webapp.listing_rules import LABELS
from webapp.models import (
    Account,
    FeedPossibleDuplicate,
    ListingVersion,
    Organisation,
    Report,
    Service,
    Submission,
    new_id,
)

# A listing no officer has checked for this long is due for review, and says so publicly.
REVIEW_AFTER = timedelta(days=365)
# Fields a change to a live listing never takes from the submission: the council's own, and
# availability, which the provider sets on its own page (perhaps after starting the change).
LIVE_FIELDS = (
    "last_checked", "is_sample", "source_note", "slug", "id", "status", "availability",
    "availability_updated_on", "closed_reason", "reopening_on",
)  # fmt: skip
_REFERENCE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference(prefix: str) -> str:
    """A short reference people can read out on the phone: no 0/O or 1/I to mix up."""
    return prefix + "".join(secrets.choice(_REFERENCE_LETTERS) for _ in range(8))


def load_service(db: Session, service_id: str) -> Service | None:
    return db.scalar(select(Service).where(Service.id == service_id).options(*WHOLE_LISTING))


# --- Differences --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str


def differences(before: dict | None, after: dict) -> list[Change]:
    """Field by field, what `after` changes in `before` (everything, for a new listing)."""
    changes = []
    for name in COLUMNS:
        old = str((before or {}).get(name) or "").strip()
        new = str(after.get(name) or "").strip()
        if old != new:
            changes.append(Change(name, str(LABELS[name]), old, new))
    return changes


# --- Versions -----------------------------------------------------------------------------------


def _snapshot(
    db: Session,
    service: Service,
    note: str,
    account: Account | None,
    submission: Submission | None = None,
) -> ListingVersion:
    version = ListingVersion(
        service_id=service.id,
        record=json.dumps(service_record(service), sort_keys=True),
        created_at=now(),
        account_id=account.id if account else None,
        submission_id=submission.id if submission else None,
        note=note[:200],
    )
    db.add(version)
    return version


def _keep_first_version(db: Session, service: Service) -> None:
    """A listing that came from an import has no history yet: keep how it was first."""
    first = db.scalar(
        select(ListingVersion.id).where(ListingVersion.service_id == service.id).limit(1)
    )
    if first is None:
        _snapshot(db, service, "As it was before changes were made here", None)


def history(db: Session, service_id: str) -> list[ListingVersion]:
    return list(
        db.scalars(
            select(ListingVersion)
            .where(ListingVersion.service_id == service_id)
            .order_by(ListingVersion.id.desc())
        )
    )


def _write(db: Session, record: dict) -> Service:
    """Check and write one listing record; raises ImportFailed with its problems."""
    with db.no_autoflush:
        import_rows(db, [(1, {name: record.get(name, "") for name in COLUMNS})])
    db.flush()
    service = load_service(db, record["id"])
    db.refresh(service)
    return service


def problems_by_field(failed: ImportFailed) -> dict[str, str]:
    found: dict[str, str] = {}
    for problem in failed.problems:
        found.setdefault(problem.field, problem.message)
    return found


# --- Submissions --------------------------------------------------------------------------------


def start_submission(db: Session, account: Account, service: Service | None) -> Submission:
    """A draft: the live listing's record to change, or a new listing's empty one."""
    if service is not None:
        record = service_record(service)
    else:
        record = dict.fromkeys(COLUMNS, "")
        record["id"] = new_id()
        record["languages"] = "English"  # what most listings say; the provider can change it
    if account.organisation is not None:
        record["organisation"] = account.organisation.name
    submission = Submission(
        reference=new_reference("L"),
        service_id=service.id if service else None,
        account_id=account.id,
        organisation_id=account.organisation_id,
        record=json.dumps(record),
        status="draft",
        reason="",
        created_at=now(),
    )
    db.add(submission)
    return submission


def record_of(submission: Submission) -> dict:
    return json.loads(submission.record)


def save_answers(submission: Submission, answers: dict) -> None:
    record = record_of(submission)
    record.update(answers)
    submission.record = json.dumps(record)


def submit(submission: Submission) -> None:
    submission.status = "pending"
    submission.submitted_at = now()


def live_record(db: Session, submission: Submission) -> dict | None:
    service = load_service(db, submission.service_id) if submission.service_id else None
    return service_record(service) if service else None


def organisation_named(db: Session, name: str) -> Organisation | None:
    """The organisation a listing record names, matched as the import matches it."""
    return db.scalar(select(Organisation).where(Organisation.name == name))


def approve(
    db: Session, submission: Submission, officer: Account, record: dict | None = None
) -> Service:
    """Make a submission live (as the officer edited it, if they did). Raises ImportFailed."""
    record = dict(record or record_of(submission))
    live = live_record(db, submission)
    if live is not None:
        for name in LIVE_FIELDS:
            record[name] = live[name]
        _keep_first_version(db, load_service(db, submission.service_id))
    else:
        record["slug"] = free_slug(db, record)
        record["is_sample"] = "no"
    record["last_checked"] = date.today().isoformat()
    organisation_existed = organisation_named(db, record.get("organisation", "")) is not None
    if submission.submitted_at:
        record["provider_updated_on"] = submission.submitted_at.date().isoformat()
    service = _write(db, record)
    submission.service_id = service.id
    submission.record = json.dumps(record)
    submission.status = "approved"
    submission.decided_at = now()
    submission.decided_by_id = officer.id
    provider = submission.account
    if provider is not None and provider.organisation_id is None and not organisation_existed:
        # Only an organisation this listing creates is theirs: naming one already in the
        # directory gives no access to it (a member can invite them).
        provider.organisation_id = service.organisation_id
    _snapshot(db, service, f"Approved {submission.reference}", officer, submission)
    return service


def reject(submission: Submission, officer: Account, reason: str) -> None:
    submission.status = "rejected"
    submission.reason = reason
    submission.decided_at = now()
    submission.decided_by_id = officer.id


def restore(db: Session, version: ListingVersion, officer: Account) -> Service:
    service = load_service(db, version.service_id)
    _keep_first_version(db, service)
    record = json.loads(version.record)
    record["last_checked"] = date.today().isoformat()
    service = _write(db, record)
    _snapshot(db, service, f"Restored version {version.id}", officer)
    return service


def mark_checked(db: Session, service: Service, officer: Account) -> None:
    _keep_first_version(db, service)
    service.last_checked = date.today()
    db.flush()
    _snapshot(db, service, "Checked by the council", officer)


def set_availability(db: Session, service: Service, account: Account, changes: dict) -> None:
    """Availability and temporary closure are the provider's to say, and show at once; the
    change is kept in the history so an officer can see or undo it."""
    _keep_first_version(db, service)
    for name, value in changes.items():
        setattr(service, name, value)
    service.availability_updated_on = date.today()
    service.provider_updated_on = date.today()
    db.flush()
    _snapshot(db, service, "Availability updated by the provider", account)


# --- The queue and the review cycle -------------------------------------------------------------


@dataclass(frozen=True)
class QueueItem:
    kind: str  # new, change, report, or duplicate (a feed's service set aside)
    reference: str
    listing_name: str
    received: object
    url_id: str


def queue(db: Session) -> list[QueueItem]:
    items = []
    for submission in db.scalars(select(Submission).where(Submission.status == "pending")):
        items.append(
            QueueItem(
                "change" if submission.service_id else "new",
                submission.reference,
                record_of(submission).get("name", ""),
                submission.submitted_at,
                submission.id,
            )
        )
    for report in db.scalars(select(Report).where(Report.status == "open")):
        items.append(
            QueueItem("report", report.reference, report.service.name, report.created_at, report.id)
        )
    for duplicate in db.scalars(select(FeedPossibleDuplicate)):
        items.append(
            QueueItem(
                "duplicate",
                f"F{duplicate.id}",
                duplicate.name,
                duplicate.found_at,
                str(duplicate.id),
            )
        )
    return sorted(items, key=lambda item: item.received)


def review_due_before() -> date:
    return date.today() - REVIEW_AFTER


def is_stale(service: Service) -> bool:
    return service.last_checked < review_due_before()


def due_for_review(db: Session) -> list[Service]:
    """Not checked for 12 months, or a change from the provider waiting."""
    pending = select(Submission.service_id).where(
        Submission.status == "pending", Submission.service_id.is_not(None)
    )
    return list(
        db.scalars(
            select(Service)
            .where((Service.last_checked < review_due_before()) | Service.id.in_(pending))
            .where(Service.status != "inactive")
            .order_by(Service.last_checked)
        )
    )
