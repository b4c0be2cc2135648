"""Providers' pages: sign in, their listings, one question a page, check answers, availability."""

from datetime import date

from flask import abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from webapp import accounts, limits
from webapp.accounts import audit, signed_in_account
from webapp.database import get_session
from webapp.directory.listings import reindex_listing
from webapp.directory.transfer import check_row
from webapp.directory.vocabulary import AVAILABILITY_NAMES
from webapp.listing_rules import LABELS
from webapp.mail import queue_email
from webapp.models import Account, Report, Service, Submission
from webapp.moderation import (
    load_service,
    record_of,
    save_answers,
    set_availability,
    start_submission,
    submit,
)
from webapp.notices import notify
from webapp.providers import bp
from webapp.providers.forms import (
    FIELD_STEP,
    STEPS,
    ActionForm,
    AvailabilityForm,
    EmailForm,
    NewPasswordForm,
    PasswordSignInForm,
)
from webapp.urls import absolute_url

STEP_ORDER = list(STEPS)


# --- Signing in ---------------------------------------------------------------------------------


@bp.route("/sign-in", methods=["GET", "POST"])
@limits.limit("sign_in")
def sign_in():
    form = PasswordSignInForm()
    if form.validate_on_submit():
        db = get_session()
        account = accounts.find_account(db, form.email.data)
        if account is not None and account.role != "provider":
            account = None
        # Locked, unknown and wrong password get the same answer after the same work, so
        # the page tells no one which emails have accounts.
        locked = accounts.is_locked(db, account)
        if accounts.password_matches(account, form.password.data) and not locked:
            audit(db, "signed in with a password", account)
            db.commit()
            accounts.start_session(account)
            return redirect(url_for(".home"))
        action = "sign-in refused: locked" if locked else "sign-in failed"
        audit(db, action, account, detail=f"email given: {form.email.data[:200]}")
        db.commit()
        form.password.errors.append(_l("Enter a correct email address and password"))
    status = 400 if form.errors else 200
    return render_template("providers/sign_in.html", form=form), status


@bp.route("/sign-in/email", methods=["GET", "POST"])
@limits.limit("magic_link")
def email_link():
    """No account needed to start: an email address is enough to get a sign-in link."""
    form = EmailForm()
    if form.validate_on_submit():
        db = get_session()
        account = accounts.find_account(db, form.email.data)
        if account is None:
            account = accounts.create_account(db, form.email.data, "provider")
            db.flush()
        # An officer's account is never signed in by an emailed link.
        if account.role == "provider" and account.active:
            _email_link(db, account, "sign_in", "sign_in_link", _l("Your sign-in link"))
            audit(db, "sign-in link sent", account)
        db.commit()
        return render_template("providers/check_email.html", email=form.email.data)
    status = 400 if form.errors else 200
    return render_template("providers/email_link.html", form=form), status


def _email_link(
    db, account: Account, purpose: str, template: str, subject, organisation_id=None, **context
) -> None:
    token = accounts.new_link_token(db, account, purpose, organisation_id)
    url = absolute_url("providers.use_link", token=token)
    minutes = int(accounts.LINK_LIFETIMES[purpose].total_seconds() // 60)
    queue_email(db, account.email, str(subject), template, url=url, minutes=minutes, **context)


@bp.route("/sign-in/link/<token>", methods=["GET", "POST"])
@limits.limit("magic_link")
def use_link(token: str):
    # Opening the link shows a button: mail scanners that follow links cannot use it up.
    form = ActionForm()
    if form.validate_on_submit():
        db = get_session()
        account = accounts.use_link_token(db, token, "sign_in") or accounts.use_link_token(
            db, token, "invite"
        )
        if account is None or not account.active:
            db.commit()
            return render_template("providers/link_expired.html"), 400
        audit(db, "signed in with an emailed link", account)
        db.commit()
        accounts.start_session(account)
        return redirect(url_for(".home"))
    return render_template("providers/use_link.html", form=form)


@bp.post("/sign-out")
def sign_out():
    if not ActionForm().validate_on_submit():
        abort(400)
    if current_user.is_authenticated:
        db = get_session()
        audit(db, "signed out")
        db.commit()
    accounts.end_session()
    return redirect(url_for(".sign_in"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def set_password():
    form = NewPasswordForm()
    if form.validate_on_submit():
        db = get_session()
        account = _provider()
        account.password_hash = accounts.hash_password(form.password.data)
        accounts.end_other_sessions(account)
        audit(db, "password set", account)
        db.commit()
        notify(_l("Your password is saved. You can sign in with it next time"))
        return redirect(url_for(".home"))
    status = 400 if form.errors else 200
    return render_template("providers/password.html", form=form), status


# --- The provider's own listings ----------------------------------------------------------------


def _provider() -> Account:
    account = signed_in_account()
    if account is None or account.role != "provider":
        abort(403)
    return account


def _own_services(account: Account) -> list[Service]:
    if account.organisation_id is None:
        return []
    return list(
        get_session().scalars(
            select(Service)
            .where(Service.organisation_id == account.organisation_id)
            .order_by(Service.name)
        )
    )


def _own_submissions(account: Account) -> list[Submission]:
    owner = (
        (Submission.organisation_id == account.organisation_id)
        | (Submission.account_id == account.id)
        if account.organisation_id
        else Submission.account_id == account.id
    )
    return list(
        get_session().scalars(
            select(Submission).where(owner).order_by(Submission.created_at.desc()).limit(50)
        )
    )


def _reports_about(services: list[Service]) -> list[Report]:
    """What the public have reported about these listings, newest first (without the
    reporter's contact details, which only the council sees)."""
    if not services:
        return []
    return list(
        get_session().scalars(
            select(Report)
            .where(Report.service_id.in_([service.id for service in services]))
            .order_by(Report.created_at.desc())
            .limit(50)
        )
    )


@bp.get("/")
@login_required
def home():
    account = _provider()
    services = _own_services(account)
    return render_template(
        "providers/home.html",
        account=account,
        services=services,
        reports=_reports_about(services),
        submissions=[(item, record_of(item).get("name", "")) for item in _own_submissions(account)],
        availability_names=AVAILABILITY_NAMES,
        action_form=ActionForm(),
    )


def _own_service(service_id: str) -> Service:
    account = _provider()
    service = load_service(get_session(), service_id)
    if service is None or account.organisation_id is None:
        abort(404)
    if service.organisation_id != account.organisation_id:
        abort(403)
    return service


def _own_submission(submission_id: str) -> Submission:
    account = _provider()
    item = get_session().get(Submission, submission_id)
    if item is None:
        abort(404)
    mine = item.account_id == account.id or (
        account.organisation_id and item.organisation_id == account.organisation_id
    )
    if not mine:
        abort(403)
    return item


@bp.post("/listings/new")
@login_required
def new_listing():
    if not ActionForm().validate_on_submit():
        abort(400)
    db = get_session()
    item = start_submission(db, _provider(), None)
    db.commit()
    return redirect(url_for(".question", submission_id=item.id, step=STEP_ORDER[0]))


@bp.post("/services/<service_id>/update")
@login_required
def update_listing(service_id: str):
    if not ActionForm().validate_on_submit():
        abort(400)
    service = _own_service(service_id)
    db = get_session()
    item = start_submission(db, _provider(), service)
    db.commit()
    return redirect(url_for(".check_answers", submission_id=item.id))


def _draft(submission_id: str) -> Submission:
    item = _own_submission(submission_id)
    if item.status != "draft":
        notify(_l("That has been sent already. You can see its progress here"))
        abort(redirect(url_for(".home")))
    return item


@bp.route(
    "/submissions/<submission_id>/<any(" + ", ".join(f"'{s}'" for s in STEPS) + "):step>",
    methods=["GET", "POST"],
)
@login_required
def question(submission_id: str, step: str):
    item = _draft(submission_id)
    form_class = STEPS[step]
    record = record_of(item)
    form = (
        form_class() if request.method == "POST" else form_class(data=form_class.form_data(record))
    )
    if form.validate_on_submit():
        db = get_session()
        save_answers(item, form.answers())
        db.commit()
        index = STEP_ORDER.index(step)
        going_back = request.args.get("from") == "check" or index + 1 == len(STEP_ORDER)
        if going_back:
            return redirect(url_for(".check_answers", submission_id=item.id))
        return redirect(url_for(".question", submission_id=item.id, step=STEP_ORDER[index + 1]))
    index = STEP_ORDER.index(step)
    back = (
        url_for(".question", submission_id=item.id, step=STEP_ORDER[index - 1])
        if index
        else url_for(".home")
    )
    status = 400 if form.errors else 200
    return render_template(
        "providers/question.html", form=form, back_url=back, step=step, submission=item
    ), status


def _problems(record: dict) -> dict[str, str]:
    """What the import's checks would say about this record, by field."""
    found: dict[str, str] = {}
    problems: list = []
    check_row(get_session(), record, 1, problems)
    for problem in problems:
        if problem.field in FIELD_STEP:
            found.setdefault(problem.field, problem.message)
    return found


@bp.route("/submissions/<submission_id>/check", methods=["GET", "POST"])
@login_required
def check_answers(submission_id: str):
    item = _draft(submission_id)
    record = record_of(item)
    checked = {**record, "last_checked": date.today().isoformat()}
    problems = _problems(checked)
    form = ActionForm()
    if form.validate_on_submit() and not problems:
        db = get_session()
        submit(item)
        audit(db, "submitted", _provider(), detail=item.reference)
        db.commit()
        return redirect(url_for(".submitted", submission_id=item.id))
    rows = [
        {
            "key": {"text": LABELS[name]},
            "value": {"text": record.get(name) or _l("Not given")},
            "actions": {
                "items": [
                    {
                        "href": url_for(
                            ".question", submission_id=item.id, step=step, **{"from": "check"}
                        ),
                        "text": _l("Change"),
                        "visuallyHiddenText": LABELS[name],
                    }
                ]
            },
        }
        for step, form_class in STEPS.items()
        for name in form_class.record_fields()
    ]
    errors = [
        {
            "text": f"{LABELS[name]}: {message}",
            "href": url_for(".question", submission_id=item.id, step=FIELD_STEP[name]),
        }
        for name, message in problems.items()
    ]
    status = 400 if (request.method == "POST" and problems) else 200
    return render_template(
        "providers/check.html", submission=item, rows=rows, errors=errors, form=form
    ), status


@bp.get("/submissions/<submission_id>/sent")
@login_required
def submitted(submission_id: str):
    item = _own_submission(submission_id)
    return render_template("providers/submitted.html", submission=item)


@bp.route("/services/<service_id>/availability", methods=["GET", "POST"])
@login_required
def availability(service_id: str):
    service = _own_service(service_id)
    if service.status == "inactive":
        abort(404)  # taken off the site by the council: only an officer can bring it back
    if request.method == "POST":
        form = AvailabilityForm()
    else:
        form = AvailabilityForm(
            data={
                "availability": service.availability,
                "status": service.status if service.status != "inactive" else "active",
                "closed_reason": service.closed_reason,
                "reopening_on": service.reopening_on,
            }
        )
    if form.validate_on_submit():
        db = get_session()
        closed = form.status.data == "temporarily_closed"
        set_availability(
            db,
            service,
            _provider(),
            {
                "availability": form.availability.data,
                "status": form.status.data,
                "closed_reason": (form.closed_reason.data or "").strip() if closed else "",
                "reopening_on": form.reopening_on.data if closed else None,
            },
        )
        audit(db, "availability updated", _provider(), detail=service.name)
        db.commit()
        reindex_listing(service.id)
        notify(_l("Thank you. Your listing now shows this"))
        return redirect(url_for(".home"))
    status = 400 if form.errors else 200
    return render_template("providers/availability.html", form=form, service=service), status


@bp.route("/invite", methods=["GET", "POST"])
@login_required
@limits.limit("magic_link")
def invite():
    account = _provider()
    if account.organisation is None:
        notify(_l("You can invite colleagues once your first listing is approved"))
        return redirect(url_for(".home"))
    form = EmailForm()
    if form.validate_on_submit():
        db = get_session()
        colleague = accounts.find_account(db, form.email.data)
        if colleague is not None and (
            colleague.role != "provider"
            or colleague.organisation_id not in (None, account.organisation_id)
        ):
            form.email.errors.append(_l("That email address already belongs to someone else"))
        elif (
            colleague is not None
            and colleague.organisation_id is None
            and db.scalar(select(Submission.id).where(Submission.account_id == colleague.id))
        ):
            # Joining would show their own drafts and submissions to this organisation.
            form.email.errors.append(
                _l(
                    "That person has listings of their own in progress, so they cannot be "
                    "invited. Ask them to contact the council"
                )
            )
        else:
            if colleague is None:
                colleague = accounts.create_account(db, form.email.data, "provider")
            db.flush()
            # They join the organisation only when they use the link, not before.
            _email_link(
                db,
                colleague,
                "invite",
                "invite",
                _l("You are invited to keep a Dorset Care Guide listing up to date"),
                organisation_id=account.organisation_id,
                inviter=account.email,
                organisation=account.organisation.name,
            )
            audit(db, "colleague invited", account, detail=colleague.email)
            db.commit()
            notify(_l("Invitation sent to %(email)s", email=colleague.email))
            return redirect(url_for(".home"))
    status = 400 if form.errors else 200
    return render_template("providers/invite.html", form=form), status
