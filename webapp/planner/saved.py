"""Saved planner answers: kept 90 days under a private link, then deleted.

A saved plan keeps the answers' version (see webapp.planner.answers), so a link saved by an
older planner still opens. The same purge deletes answers being given that have gone stale.
"""

import json
import secrets
from datetime import timedelta

import click
from flask import Blueprint
from flask.cli import with_appcontext
from sqlalchemy import delete

from webapp.database import get_session
from webapp.models import PlannerAnswers, SavedPlan
from webapp.planner.store import now, token_hash

SAVED_FOR = timedelta(days=90)


def purge_expired() -> int:
    """Delete saved plans past their 90 days and answers left for more than a few hours."""
    db = get_session()
    result = db.execute(delete(SavedPlan).where(SavedPlan.expires_at < now()))
    working = db.execute(delete(PlannerAnswers).where(PlannerAnswers.expires_at < now()))
    return result.rowcount + working.rowcount


def save(answers: dict) -> str:
    """Keep the answers and return the private link's token (only its hash is stored)."""
    token = secrets.token_urlsafe(24)
    moment = now()
    db = get_session()
    purge_expired()
    db.add(
        SavedPlan(
            token_hash=token_hash(token),
            answers=json.dumps(answers),
            created_at=moment,
            updated_at=moment,
            expires_at=moment + SAVED_FOR,
        )
    )
    db.commit()
    return token


def update(plan: SavedPlan, answers: dict) -> None:
    """Save changed answers to the same link; its 90 days start again."""
    moment = now()
    plan.answers = json.dumps(answers)
    plan.updated_at = moment
    plan.expires_at = moment + SAVED_FOR
    get_session().commit()


def answers_of(plan: SavedPlan) -> dict:
    try:
        answers = json.loads(plan.answers)
    except ValueError:
        return {}
    return answers if isinstance(answers, dict) else {}


def find(token: str) -> SavedPlan | None:
    if not isinstance(token, str) or len(token) > 100:
        return None
    plan = get_session().get(SavedPlan, token_hash(token))
    if plan is None or plan.expires_at < now():
        return None
    return plan


def forget(plan: SavedPlan) -> None:
    db = get_session()
    db.delete(plan)
    db.commit()


@click.command("purge")
@with_appcontext
def purge() -> None:
    """Delete saved answers older than 90 days and unsaved answers left for hours (run daily)."""
    count = purge_expired()
    get_session().commit()
    click.echo(f"Deleted {count} expired saved plans and answers.")


def register_commands(bp: Blueprint) -> None:
    bp.cli.help = "Look after saved planner answers."
    bp.cli.add_command(purge)
