"""The answers someone is giving, kept on the server under a random id held in their cookie.

The cookie is signed but readable, so it holds nothing personal: only the id. The answers last
a few hours after the last page, then the same purge as saved plans deletes them.
"""

import hashlib
import json
import secrets
from datetime import UTC, datetime, timedelta

from flask import g, session

from webapp.database import get_session
from webapp.models import PlannerAnswers

KEPT_FOR = timedelta(hours=4)
# Reading a page pushes the expiry back, but not with a write on every single request.
TOUCH_AFTER = timedelta(minutes=5)
SESSION_KEY = "planner_id"


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _row() -> PlannerAnswers | None:
    token = session.get(SESSION_KEY)
    if not isinstance(token, str):
        return None
    row = get_session().get(PlannerAnswers, token_hash(token))
    if row is None or row.expires_at < now():
        return None
    return row


def load() -> dict:
    """The answers so far ({} when there are none or they have expired)."""
    if "planner_answers" not in g:
        # Answers from before they were kept on the server are dropped, never trusted.
        session.pop("planner", None)
        row = _row()
        stored = {}
        if row is not None:
            try:
                stored = json.loads(row.answers)
            except ValueError:
                stored = {}
            if row.expires_at - now() < KEPT_FOR - TOUCH_AFTER:
                row.expires_at = now() + KEPT_FOR
                get_session().commit()
        g.planner_answers = stored if isinstance(stored, dict) else {}
    return g.planner_answers


def keep(stored: dict) -> None:
    """Replace the answers so far."""
    db = get_session()
    row = _row()
    if row is None:
        token = secrets.token_urlsafe(24)
        session[SESSION_KEY] = token
        row = PlannerAnswers(id_hash=token_hash(token), answers="", expires_at=now())
        db.add(row)
    row.answers = json.dumps(stored)
    row.expires_at = now() + KEPT_FOR
    db.commit()
    g.planner_answers = stored


def forget() -> None:
    row = _row()
    if row is not None:
        db = get_session()
        db.delete(row)
        db.commit()
    session.pop(SESSION_KEY, None)
    g.planner_answers = {}
