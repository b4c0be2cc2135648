"""Officers' pages: sign-in, the queue, decisions, history, the review dashboard, exports."""

import json
import re
from collections import Counter

from flask import Response, abort, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import select

from webapp import accounts, limits
from webapp.accounts import audit, officer_required, signed_in_account
from webapp.admin import bp
from webapp.admin.exports import csv_response
from webapp.admin.forms import (
    EDITABLE,
    ActionForm,
    CodeForm,
    RejectForm,
    SignInForm,
    listing_edit_form,
)
from webapp.database import get_session
from webapp.directory import feeds
from webapp.directory.listings import reindex_listing
from webapp.directory.transfer import COLUMNS, ImportFailed, all_services, service_record
from webapp.directory.vocabulary import AREAS, LISTING_KIND_NAMES
from webapp.mail import queue_email
from webapp.models import (
    OFFICER_ROLES,
    AuditEvent,
    FeedPossibleDuplicate,
    FeedUnknownTerm,
    ListingVersion,
    Report,
    Service,
    Submission,
)
from webapp.moderation import approve as approve_submission
from webapp.moderation import (
    differences,
    due_for_review,
    history,
    is_stale,
    live_record,
    load_service,
    mark_checked,
    organisation_named,
    problems_by_field,
    queue,
    record_of,
    reject,
    restore,
)
from webapp.notices import notify
from webapp.urls import absolute_url

SIGN_IN_FAILED = _l("Enter a correct email address and password")


# --- Signing in and out -------------------------------------------------------------------------


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an address elsewhere."""
    if target and target.startswith("/admin") and not target.startswith("//"):
        return target
    return url_for("admin.dashboard")


@bp.route("/sign-in", methods=["GET", "POST"])
@limits.limit("sign_in")
def sign_in():
    form = SignInForm()
    timed_out = session.pop("timed_out", False)
    if form.validate_on_submit():
        db = get_session()
        account = accounts.find_account(db, form.email.data)
        if account is not None and (account.role not in OFFICER_ROLES or not account.active):
            account = None  # a disabled officer is refused like a stranger
        # Locked, unknown and wrong password get the same answer after the same work, so
        # the page tells no one which emails have accounts.
        locked = accounts.is_locked(db, account)
        if accounts.password_matches(account, form.password.data) and not locked:
            session["officer_pending"] = account.id
            db.commit()
            return redirect(url_for(".second_factor", next=request.args.get("next")))
        action = "sign-in refused: locked" if locked else "sign-in failed"
        audit(db, action, account, detail=f"email given: {form.email.data[:200]}")
        db.commit()
        form.password.errors.append(SIGN_IN_FAILED)
    status = 400 if form.errors else 200
    return render_template("admin/sign_in.html", form=form, timed_out=timed_out), status


@bp.route("/sign-in/code", methods=["GET", "POST"])
@limits.limit("sign_in")
def second_factor():
    db = get_session()
    account_id = session.get("officer_pending")
    account = db.get(accounts.Account, account_id) if account_id else None
    if account is None:
        return redirect(url_for(".sign_in"))
    form = CodeForm()
    if form.validate_on_submit():
        if accounts.is_locked(db, account):
            form.code.errors.append(accounts.LOCKED_MESSAGE)
        elif accounts.code_matches(account, form.code.data):
            audit(db, "signed in", account)
            db.commit()
            accounts.start_session(account)
            return redirect(_safe_next(request.args.get("next")))
        else:
            audit(db, "sign-in failed: wrong code", account)
            db.commit()
            form.code.errors.append(_l("The code is not right. Enter the code your app shows now"))
    status = 400 if form.errors else 200
    return render_template("admin/code.html", form=form), status


@bp.post("/sign-out")
def sign_out():
    if not ActionForm().validate_on_submit():
        abort(400)
    db = get_session()
    audit(db, "signed out")
    db.commit()
    accounts.end_session()
    notify(_l("You have signed out"))
    return redirect(url_for(".sign_in"))


# --- The dashboard and the queue ----------------------------------------------------------------


@bp.get("/")
def dashboard():
    db = get_session()
    services = list(db.scalars(select(Service).where(Service.status != "inactive")))
    due = due_for_review(db)
    stale = [service for service in services if is_stale(service)]
    return render_template(
        "admin/dashboard.html",
        pending=len(queue(db)),
        due=len(due),
        stale=len(stale),
        total=len(services),
        by_area=_counts_by(stale, "area", AREAS),
        by_kind=_counts_by(stale, "kind", LISTING_KIND_NAMES),
        due_listings=due[:50],
    )


def _counts_by(services: list[Service], attribute: str, names) -> list[tuple[str, int]]:
    counts = Counter(getattr(service, attribute) for service in services)
    labels = names if isinstance(names, dict) else {name: name for name in names}
    return [(label, counts.get(key, 0)) for key, label in labels.items()]


QUEUE_KINDS = {
    "new": _l("New listing"),
    "change": _l("Change"),
    "report": _l("Report"),
    "duplicate": _l("Possible duplicate from a feed"),
}


@bp.get("/queue")
def queue_page():
    items = queue(get_session())
    rows = [
        [
            {"html": link(_queue_url(item), item.reference)},
            {"text": QUEUE_KINDS[item.kind]},
            {"text": item.listing_name},
            {"text": item.received.strftime("%d %b %Y %H:%M")},
        ]
        for item in items
    ]
    return render_template("admin/queue.html", items=items, rows=rows)


def _queue_url(item) -> str:
    if item.kind == "report":
        return url_for(".report", report_id=item.url_id)
    if item.kind == "duplicate":
        return url_for(".feed_duplicate", duplicate_id=item.url_id)
    return url_for(".submission", submission_id=item.url_id)


def link(href: str, text: str) -> Markup:
    """A link for a table cell: both parts escaped."""
    return Markup('<a class="govuk-link" href="{}">{}</a>').format(href, text)


def _submission(submission_id: str) -> Submission:
    submission = get_session().get(Submission, submission_id)
    if submission is None or submission.status == "draft":
        abort(404)
    return submission


@bp.get("/submissions/<submission_id>")
def submission(submission_id: str):
    item = _submission(submission_id)
    db = get_session()
    return render_template(
        "admin/submission.html",
        submission=item,
        changes=differences(live_record(db, item), record_of(item)),
        action_form=ActionForm(),
        problems={},
        **_joining(db, item),
    )


def _joining(db, item: Submission) -> dict:
    """Whether approving gives the provider an organisation, for the page to say so."""
    provider = item.account
    if item.service_id or provider is None or provider.organisation_id is not None:
        return {"organisation_name": None}
    name = record_of(item).get("organisation", "")
    return {
        "organisation_name": name,
        "organisation_exists": organisation_named(db, name) is not None,
    }


@bp.post("/submissions/<submission_id>/approve")
def approve(submission_id: str):
    item = _submission(submission_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if item.status != "pending":
        abort(409)
    return _approve(item, None)


def _approve(item: Submission, record: dict | None):
    db = get_session()
    officer = signed_in_account()
    try:
        service = approve_submission(db, item, officer, record)
    except ImportFailed as failed:
        db.rollback()
        problems = problems_by_field(failed)
        return render_template(
            "admin/submission.html",
            submission=item,
            changes=differences(live_record(db, item), record or record_of(item)),
            action_form=ActionForm(),
            problems=problems,
            **_joining(db, item),
        ), 422
    audit(db, "approved", officer, detail=f"{item.reference}: {service.name}")
    if item.account is not None:
        queue_email(
            db,
            item.account.email,
            str(_l("Your listing is live: %(name)s", name=service.name)),
            "approved",
            service=service,
            submission=item,
            url=absolute_url("directory.listing", slug=service.slug),
        )
    db.commit()
    reindex_listing(service.id)
    notify(_l("Approved: %(name)s is live", name=service.name))
    return redirect(url_for(".queue_page"))


@bp.route("/submissions/<submission_id>/reject", methods=["GET", "POST"])
def reject_page(submission_id: str):
    item = _submission(submission_id)
    if item.status != "pending":
        abort(409)
    form = RejectForm()
    if form.validate_on_submit():
        db = get_session()
        officer = signed_in_account()
        reject(item, officer, form.reason.data.strip())
        audit(db, "rejected", officer, detail=f"{item.reference}: {form.reason.data[:500]}")
        if item.account is not None:
            queue_email(
                db,
                item.account.email,
                str(_l("Your listing was not approved")),
                "rejected",
                submission=item,
                name=record_of(item).get("name", ""),
                reason=item.reason,
            )
        db.commit()
        notify(_l("Rejected, and the provider told why"))
        return redirect(url_for(".queue_page"))
    status = 400 if form.errors else 200
    return render_template("admin/reject.html", form=form, submission=item), status


@bp.route("/submissions/<submission_id>/edit", methods=["GET", "POST"])
def edit_submission(submission_id: str):
    item = _submission(submission_id)
    if item.status != "pending":
        abort(409)
    record = record_of(item)
    form = listing_edit_form(record)
    if form.validate_on_submit():
        for name in EDITABLE:
            record[name] = (getattr(form, name).data or "").strip()
        return _approve(item, record)
    status = 400 if form.errors else 200
    return render_template("admin/edit.html", form=form, submission=item), status


# --- Reports ------------------------------------------------------------------------------------


def _report(report_id: str) -> Report:
    report = get_session().get(Report, report_id)
    if report is None:
        abort(404)
    return report


@bp.get("/reports/<report_id>")
def report(report_id: str):
    return render_template("admin/report.html", report=_report(report_id), action_form=ActionForm())


@bp.post("/reports/<report_id>/close")
def close_report(report_id: str):
    item = _report(report_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    db = get_session()
    officer = signed_in_account()
    item.status = "closed"
    item.closed_at = accounts.now()
    item.closed_by_id = officer.id
    audit(db, "report closed", officer, detail=item.reference)
    db.commit()
    notify(_l("Report %(reference)s closed", reference=item.reference))
    return redirect(url_for(".queue_page"))


# --- What other publishers' feeds brought in -----------------------------------------------------


@bp.get("/feeds")
def feeds_page():
    db = get_session()
    terms = db.scalars(
        select(FeedUnknownTerm).order_by(
            FeedUnknownTerm.feed_url, FeedUnknownTerm.taxonomy, FeedUnknownTerm.term
        )
    )
    by_feed: dict[str, list[FeedUnknownTerm]] = {}
    for term in terms:
        by_feed.setdefault(term.feed_url, []).append(term)
    duplicates = db.scalars(select(FeedPossibleDuplicate).order_by(FeedPossibleDuplicate.found_at))
    rows = [
        [
            {"html": link(url_for(".feed_duplicate", duplicate_id=item.id), item.name)},
            {"text": item.feed_url},
            {"text": item.reason},
            {"text": item.found_at.strftime("%d %b %Y %H:%M")},
        ]
        for item in duplicates
    ]
    return render_template("admin/feeds.html", terms_by_feed=by_feed, duplicate_rows=rows)


def _duplicate(duplicate_id: str) -> FeedPossibleDuplicate:
    # A plain path part, not <int:>, so every admin address can be built with any value.
    number = int(duplicate_id) if re.fullmatch(r"[0-9]{1,9}", duplicate_id) else None
    duplicate = get_session().get(FeedPossibleDuplicate, number) if number else None
    if duplicate is None:
        abort(404)
    return duplicate


@bp.get("/feeds/duplicates/<duplicate_id>")
def feed_duplicate(duplicate_id: str):
    duplicate = _duplicate(duplicate_id)
    db = get_session()
    listed = load_service(db, duplicate.service_id)
    return render_template(
        "admin/feed_duplicate.html",
        duplicate=duplicate,
        listed=listed,
        changes=differences(service_record(listed), feeds.incoming_record(db, duplicate)),
        action_form=ActionForm(),
    )


@bp.post("/feeds/duplicates/<duplicate_id>/merge")
def merge_feed_duplicate(duplicate_id: str):
    return _resolve_duplicate(duplicate_id, merge=True)


@bp.post("/feeds/duplicates/<duplicate_id>/keep")
def keep_feed_duplicate(duplicate_id: str):
    return _resolve_duplicate(duplicate_id, merge=False)


def _resolve_duplicate(duplicate_id: str, merge: bool):
    duplicate = _duplicate(duplicate_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    db = get_session()
    name, listed_id = duplicate.name, duplicate.service_id
    try:
        service_id = feeds.resolve_duplicate(db, duplicate, merge)
    except ImportFailed as failed:
        db.rollback()
        notify(
            _l(
                "This service cannot be imported: %(problem)s",
                problem="; ".join(str(p) for p in failed.problems),
            )
        )
        return redirect(url_for(".feed_duplicate", duplicate_id=duplicate_id))
    if merge:
        audit(db, "feed duplicate merged", detail=f"{name} into {listed_id}")
        message = _l("%(name)s merged into the existing listing", name=name)
    else:
        audit(db, "feed duplicate kept as new", detail=f"{name}: {service_id}")
        message = _l("%(name)s added as a listing of its own", name=name)
    db.commit()
    reindex_listing(service_id)
    notify(message)
    return redirect(url_for(".listing_history", service_id=service_id))


# --- A listing's history ------------------------------------------------------------------------


def _service(service_id: str) -> Service:
    service = load_service(get_session(), service_id)
    if service is None:
        abort(404)
    return service


@bp.get("/listings/<service_id>")
def listing_history(service_id: str):
    service = _service(service_id)
    db = get_session()
    versions = history(db, service_id)
    live = service_record(service)
    return render_template(
        "admin/history.html",
        service=service,
        versions=[(version, differences(live, _record(version))) for version in versions],
        action_form=ActionForm(),
        stale=is_stale(service),
    )


def _record(version: ListingVersion) -> dict:
    return json.loads(version.record)


@bp.post("/listings/<service_id>/versions/<int:version_id>/restore")
def restore_version(service_id: str, version_id: int):
    db = get_session()
    version = db.get(ListingVersion, version_id)
    if version is None or version.service_id != service_id:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    officer = signed_in_account()
    try:
        service = restore(db, version, officer)
    except ImportFailed as failed:
        db.rollback()
        notify(
            _l(
                "This version cannot be restored: %(problem)s",
                problem="; ".join(str(p) for p in failed.problems),
            )
        )
        return redirect(url_for(".listing_history", service_id=service_id))
    audit(db, "restored", officer, detail=f"{service.name}: version {version_id}")
    db.commit()
    reindex_listing(service.id)
    notify(_l("Version %(number)s restored and live", number=version_id))
    return redirect(url_for(".listing_history", service_id=service_id))


@bp.post("/listings/<service_id>/checked")
def mark_listing_checked(service_id: str):
    service = _service(service_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    db = get_session()
    officer = signed_in_account()
    mark_checked(db, service, officer)
    audit(db, "checked", officer, detail=service.name)
    db.commit()
    reindex_listing(service.id)
    notify(_l("%(name)s marked as checked today", name=service.name))
    return redirect(url_for(".listing_history", service_id=service_id))


# --- The audit log and exports ------------------------------------------------------------------


@bp.get("/audit")
@officer_required("administrator")
def audit_log():
    events = get_session().scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(500))
    return render_template("admin/audit.html", events=list(events))


@bp.get("/export/queue.csv")
def export_queue() -> Response:
    db = get_session()
    audit(db, "exported the queue")
    db.commit()
    rows = [
        {
            "type": item.kind,
            "reference": item.reference,
            "listing": item.listing_name,
            "received": item.received.isoformat(timespec="minutes"),
        }
        for item in queue(db)
    ]
    return csv_response("queue.csv", ("type", "reference", "listing", "received"), rows)


@bp.get("/export/directory.csv")
def export_directory() -> Response:
    db = get_session()
    audit(db, "exported the directory")
    db.commit()
    rows = [service_record(service) for service in all_services(db)]
    return csv_response("directory.csv", COLUMNS, rows)
