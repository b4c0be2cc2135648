"""Officers' accounts: administrators add officers, change roles, disable and enable them, and
send a link to choose a new password and second factor; every officer changes their own
password. Every action goes in the audit log."""

from flask import abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from webapp import accounts, limits
from webapp.accounts import audit, officer_required, signed_in_account
from webapp.admin import bp
from webapp.admin.forms import (
    ROLE_CHOICES,
    ActionForm,
    ChangePasswordForm,
    NewOfficerForm,
    NewPasswordForm,
    RoleForm,
)
from webapp.database import get_session
from webapp.mail import queue_email
from webapp.models import OFFICER_ROLES, Account
from webapp.notices import notify
from webapp.urls import absolute_url

ROLE_NAMES = {choice.value: choice.label for choice in ROLE_CHOICES}


def _officer(account_id: str, not_yourself: bool = False) -> Account:
    account = get_session().get(Account, account_id)
    if account is None or account.role not in OFFICER_ROLES:
        abort(404)
    if not_yourself and account.id == signed_in_account().id:
        # So no one locks themselves out, or leaves the team without an administrator.
        notify(_l("You cannot do that to your own account. Ask another administrator"))
        abort(redirect(url_for(".officers")))
    return account


def _send_set_up_link(db, account: Account) -> None:
    """A fresh start: no password and no second factor until they use the emailed link."""
    account.password_hash = None
    account.totp_secret = None
    account.last_totp_at = None
    accounts.end_other_sessions(account)
    token = accounts.new_link_token(db, account, "reset")
    minutes = int(accounts.LINK_LIFETIMES["reset"].total_seconds() // 60)
    queue_email(
        db,
        account.email,
        str(_l("Set up your Dorset Care Guide sign-in")),
        "officer_set_up",
        url=absolute_url("admin.set_up", token=token),
        minutes=minutes,
    )


@bp.get("/officers")
@officer_required("administrator")
def officers():
    found = get_session().scalars(
        select(Account).where(Account.role.in_(OFFICER_ROLES)).order_by(Account.email)
    )
    return render_template("admin/officers.html", officers=list(found), role_names=ROLE_NAMES)


@bp.route("/officers/new", methods=["GET", "POST"])
@officer_required("administrator")
def new_officer():
    form = NewOfficerForm()
    if form.validate_on_submit():
        db = get_session()
        if accounts.find_account(db, form.email.data) is not None:
            form.email.errors.append(_l("There is already an account with that email address"))
        else:
            account = accounts.create_account(
                db, form.email.data, form.role.data, name=form.name.data.strip()
            )
            db.flush()
            _send_set_up_link(db, account)
            audit(db, "officer added", detail=f"{account.email} as {account.role}")
            db.commit()
            notify(_l("%(email)s is added. We have emailed them a link", email=account.email))
            return redirect(url_for(".officers"))
    status = 400 if form.errors else 200
    return render_template("admin/officer_new.html", form=form), status


@bp.route("/officers/<account_id>/role", methods=["GET", "POST"])
@officer_required("administrator")
def officer_role(account_id: str):
    account = _officer(account_id, not_yourself=True)
    form = RoleForm() if request.method == "POST" else RoleForm(data={"role": account.role})
    if form.validate_on_submit():
        db = get_session()
        before, account.role = account.role, form.role.data
        audit(db, "officer role changed", detail=f"{account.email}: {before} to {account.role}")
        db.commit()
        notify(_l("%(email)s's role is changed", email=account.email))
        return redirect(url_for(".officers"))
    status = 400 if form.errors else 200
    return render_template("admin/officer_role.html", form=form, officer=account), status


def _officer_action(account_id: str, action: str) -> Account:
    if not ActionForm().validate_on_submit():
        abort(400)
    account = _officer(account_id, not_yourself=True)
    audit(get_session(), action, detail=account.email)
    return account


@bp.post("/officers/<account_id>/disable")
@officer_required("administrator")
def disable_officer(account_id: str):
    account = _officer_action(account_id, "officer disabled")
    account.active = False
    accounts.end_other_sessions(account)
    get_session().commit()
    notify(_l("%(email)s can no longer sign in", email=account.email))
    return redirect(url_for(".officers"))


@bp.post("/officers/<account_id>/enable")
@officer_required("administrator")
def enable_officer(account_id: str):
    account = _officer_action(account_id, "officer enabled")
    account.active = True
    get_session().commit()
    notify(_l("%(email)s can sign in again", email=account.email))
    return redirect(url_for(".officers"))


@bp.post("/officers/<account_id>/reset")
@officer_required("administrator")
def reset_officer(account_id: str):
    account = _officer_action(account_id, "officer password and second factor reset")
    db = get_session()
    _send_set_up_link(db, account)
    db.commit()
    notify(
        _l("We have emailed %(email)s a link to set up their sign-in again", email=account.email)
    )
    return redirect(url_for(".officers"))


@bp.route("/set-up/<token>", methods=["GET", "POST"])
@limits.limit("magic_link")
def set_up(token: str):
    """From the emailed link: choose a password, then see the new authenticator secret once."""
    form = NewPasswordForm()
    if form.validate_on_submit():
        db = get_session()
        account = accounts.use_link_token(db, token, "reset")
        if account is None or not account.active or account.role not in OFFICER_ROLES:
            db.commit()
            return render_template("admin/link_expired.html"), 400
        account.password_hash = accounts.hash_password(form.password.data)
        account.totp_secret = accounts.new_totp_secret()
        account.last_totp_at = None
        accounts.end_other_sessions(account)
        audit(db, "password and second factor set from an emailed link", account)
        db.commit()
        return render_template(
            "admin/set_up_done.html", secret=account.totp_secret, uri=accounts.totp_uri(account)
        )
    status = 400 if form.errors else 200
    return render_template("admin/set_up.html", form=form), status


@bp.route("/password", methods=["GET", "POST"])
@officer_required()
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        db = get_session()
        account = signed_in_account()
        if accounts.password_matches(account, form.current.data):
            account.password_hash = accounts.hash_password(form.password.data)
            accounts.end_other_sessions(account)
            audit(db, "password changed", account)
            db.commit()
            notify(_l("Your password is changed"))
            return redirect(url_for(".dashboard"))
        audit(db, "password change refused: wrong current password", account)
        db.commit()
        form.current.errors.append(_l("Your current password is not right"))
    status = 400 if form.errors else 200
    return render_template("admin/password.html", form=form), status
