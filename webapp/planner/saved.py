"""Saved planner answers: kept 90 days under a private link, then deleted."""

import hashlib
import json
import secrets
from datetime import UTC, datetime, timedelta

import click
from flask import Blueprint
from flask.cli import with_appcontext
from sqlalchemy import delete

from webapp.database import get_session
from webapp.models import SavedPlan

SAVED_FOR = timedelta(days=90)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def purge_expired() -> int:
    result = get_session().execute(delete(SavedPlan).where(SavedPlan.expires_at < _now()))
    return result.rowcount


def save(answers: dict) -> str:
    """Keep the answers and return the private link's token (only its hash is stored)."""
    token = secrets.token_urlsafe(24)
    now = _now()
    db = get_session()
    purge_expired()
    db.add(
        SavedPlan(
            token_hash=_hash(token),
            answers=json.dumps(answers),
            created_at=now,
            expires_at=now + SAVED_FOR,
        )
    )
    db.commit()
    return token


def find(token: str) -> SavedPlan | None:
    plan = get_session().get(SavedPlan, _hash(token))
    if plan is None or plan.expires_at < _now():
        return None
    return plan


def forget(plan: SavedPlan) -> None:
    db = get_session()
    db.delete(plan)
    db.commit()


@click.command("purge")
@with_appcontext
def purge() -> None:
    """Delete saved answers older than 90 days (run daily)."""
    count = purge_expired()
    get_session().commit()
    click.echo(f"Deleted {count} expired saved plans.")


def register_commands(bp: Blueprint) -> None:
    bp.cli.help = "Look after saved planner answers."
    bp.cli.add_command(purge)
