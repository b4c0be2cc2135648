"""Accounts for officers and providers: passwords, second factor, lockout, sessions, audit.

Officers sign in with a password (argon2) and a time-based code; providers with a password or
an emailed link. Flask-Login keeps who is signed in; this module decides who may do what.
"""

import hashlib
import secrets
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import wraps

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import (
    Flask,
    abort,
    current_app,
    has_request_context,
    redirect,
    request,
    session,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from webapp.database import get_session
from webapp.models import OFFICER_ROLES, Account, AuditEvent, SignInToken


class _LoginManager(LoginManager):
    def _update_remember_cookie(self, response):
        # Flask-Login reads the session after every request; without a session cookie there is
        # nothing to update, and not reading it keeps public pages cacheable.
        if current_app.config["SESSION_COOKIE_NAME"] not in request.cookies:
            return response
        return super()._update_remember_cookie(response)


login_manager = _LoginManager()
_hasher = PasswordHasher()
# Checked against when an email is unknown, so a wrong address takes as long as a wrong password.
_UNKNOWN_HASH = _hasher.hash(secrets.token_hex(16))

MAX_FAILED_SIGN_INS = 5
LOCKOUT = timedelta(minutes=15)
ISSUER = "Dorset Care Guide"


def now() -> datetime:
    """Naive UTC, as every DateTime column holds."""
    return datetime.now(UTC).replace(tzinfo=None)


class SignedIn(UserMixin):
    """The person signed in, as Flask-Login sees them."""

    def __init__(self, account: Account):
        self.account = account

    def get_id(self) -> str:
        return self.account.id

    @property
    def is_active(self) -> bool:
        return self.account.active

    @property
    def is_officer(self) -> bool:
        return self.account.role in OFFICER_ROLES


def init_app(app: Flask) -> None:
    # Flask-Login's own context processor loads the user (reading the session) for every page;
    # the proxy is loaded only by the pages that use it, so public pages stay cacheable.
    login_manager.init_app(app, add_context_processor=False)
    app.context_processor(lambda: {"current_user": current_user})
    login_manager.session_protection = "strong"
    app.before_request(_expire_idle_session)


@login_manager.user_loader
def _load_user(account_id: str) -> SignedIn | None:
    account = get_session().get(Account, account_id)
    if account is None or not account.active:
        return None
    # A session from before a password change, a reset or disabling no longer counts.
    if session.get("generation") != account.session_generation:
        return None
    return SignedIn(account)


@login_manager.unauthorized_handler
def _unauthorised():
    if request.blueprint == "admin":
        return redirect(url_for("admin.sign_in", next=request.full_path.rstrip("?")))
    return redirect(url_for("providers.sign_in", next=request.full_path.rstrip("?")))


def _expire_idle_session() -> None:
    """Sign out anyone idle for longer than SIGN_IN_IDLE_MINUTES."""
    # Without a session cookie there is no one to sign out, and not touching the session keeps
    # public pages cacheable (reading it makes a response vary on the cookie).
    if current_app.config["SESSION_COOKIE_NAME"] not in request.cookies:
        return
    if "_user_id" not in session:
        return
    seen = session.get("seen_at", 0)
    stamp = int(now().timestamp())
    if stamp - seen > current_app.config["SIGN_IN_IDLE_MINUTES"] * 60:
        logout_user()
        session.clear()
        session["timed_out"] = True
        return
    session["seen_at"] = stamp


def start_session(account: Account) -> None:
    # A fresh session at sign-in: nothing from before it carries over.
    session.clear()
    login_user(SignedIn(account))
    session["seen_at"] = int(now().timestamp())
    session["generation"] = account.session_generation


def end_other_sessions(account: Account) -> None:
    """Every session of this account stops working; the one making the change (if it is the
    account's own) carries on."""
    account.session_generation += 1
    if has_request_context() and session.get("_user_id") == account.id:
        session["generation"] = account.session_generation


def end_session() -> None:
    logout_user()
    session.clear()


def signed_in_account() -> Account | None:
    return current_user.account if current_user.is_authenticated else None


def officer_required(*roles: str) -> Callable:
    """A view only officers with one of these roles (any officer role if none) may use."""
    allowed = roles or OFFICER_ROLES

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.account.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        wrapper.required_roles = allowed
        return wrapper

    return decorator


# --- Passwords, codes and lockout ----------------------------------------------------------------


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(account: Account | None, password: str) -> bool:
    stored = account.password_hash if account is not None else None
    try:
        _hasher.verify(stored or _UNKNOWN_HASH, password)
    except (VerificationError, InvalidHashError):
        return False
    if account is None or stored is None:
        return False
    if _hasher.check_needs_rehash(stored):
        account.password_hash = _hasher.hash(password)
    return True


# A failed password or code is audited as one of these; the lockout counts them.
SIGN_IN_FAILURES = ("sign-in failed", "sign-in failed: wrong code")


def _address() -> str:
    return (request.remote_addr or "")[:45] if has_request_context() else ""


def is_locked(db: Session, account: Account | None) -> bool:
    """Too many failures for this account from this address lately. Counted per address, so
    someone elsewhere cannot lock the real person out; an unknown email is never locked, so
    the answer says nothing about which emails have accounts."""
    if account is None:
        return False
    failures = db.scalar(
        select(func.count(AuditEvent.id)).where(
            AuditEvent.account_id == account.id,
            AuditEvent.address == _address(),
            AuditEvent.action.in_(SIGN_IN_FAILURES),
            AuditEvent.at > now() - LOCKOUT,
        )
    )
    return failures >= MAX_FAILED_SIGN_INS


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(account: Account) -> str:
    return pyotp.TOTP(account.totp_secret).provisioning_uri(name=account.email, issuer_name=ISSUER)


def code_matches(account: Account, code: str) -> bool:
    """A current code, accepted once: one 30-second step either side allows for clock drift."""
    if not account.totp_secret:
        return False
    totp = pyotp.TOTP(account.totp_secret)
    code = "".join(code.split())
    current = int(time.time()) // totp.interval
    for counter in (current - 1, current, current + 1):
        if secrets.compare_digest(totp.generate_otp(counter), code):
            # A code seen over someone's shoulder cannot be used again.
            if account.last_totp_at is not None and counter <= account.last_totp_at:
                return False
            account.last_totp_at = counter
            return True
    return False


def find_account(db: Session, email: str) -> Account | None:
    return db.scalar(select(Account).where(func.lower(Account.email) == email.strip().lower()))


def create_account(
    db: Session, email: str, role: str, name: str = "", password: str | None = None
) -> Account:
    account = Account(
        email=email.strip().lower(),
        name=name,
        role=role,
        password_hash=hash_password(password) if password else None,
        totp_secret=new_totp_secret() if role in OFFICER_ROLES else None,
        session_generation=0,
        active=True,
        created_at=now(),
    )
    db.add(account)
    return account


# --- One-time links: magic sign-in, password reset, invitation -----------------------------------

LINK_LIFETIMES = {
    "sign_in": timedelta(minutes=30),
    "reset": timedelta(hours=1),
    "invite": timedelta(days=7),
}


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_link_token(
    db: Session, account: Account, purpose: str, organisation_id: str | None = None
) -> str:
    token = secrets.token_urlsafe(32)
    db.add(
        SignInToken(
            token_hash=_token_hash(token),
            account_id=account.id,
            purpose=purpose,
            organisation_id=organisation_id,
            expires_at=now() + LINK_LIFETIMES[purpose],
        )
    )
    return token


def use_link_token(db: Session, token: str, purpose: str) -> Account | None:
    """The account a link is for, if it is unused and unexpired; it cannot be used again.
    Using an invitation is accepting it: only then does the account join the organisation."""
    row = db.get(SignInToken, _token_hash(token))
    if row is None or row.purpose != purpose or row.used_at is not None or row.expires_at < now():
        return None
    row.used_at = now()
    account = db.get(Account, row.account_id)
    if row.organisation_id is not None and account.organisation_id is None:
        account.organisation_id = row.organisation_id
    return account


# --- The audit log -------------------------------------------------------------------------------


def audit(db: Session, action: str, account: Account | None = None, detail: str = "") -> None:
    actor = account or signed_in_account()
    db.add(
        AuditEvent(
            at=now(),
            account_id=actor.id if actor else None,
            email=actor.email if actor else "",
            action=action,
            detail=detail[:4000],
            address=_address(),
        )
    )


# Shown only after a correct password (at the code step), so it reveals nothing to a stranger.
LOCKED_MESSAGE = _l(
    "This account is locked for %(minutes)d minutes after too many attempts. Try again later.",
    minutes=int(LOCKOUT.total_seconds() // 60),
)
