"""The review cycle: `flask directory remind-reviews`, run weekly, emails each provider whose
listing the council has not checked for 12 months (at most once a week per listing)."""

from datetime import date, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from webapp.database import get_session
from webapp.mail import queue_email
from webapp.models import Account, Service
from webapp.moderation import review_due_before
from webapp.urls import absolute_url

REMIND_EVERY = timedelta(days=7)


@click.command("remind-reviews")
@with_appcontext
def remind_reviews() -> None:
    """Email providers whose listings are due for review (run it weekly)."""
    db = get_session()
    today = date.today()
    due = db.scalars(
        select(Service)
        .where(Service.last_checked < review_due_before(), Service.status != "inactive")
        .where(
            Service.review_reminded_on.is_(None)
            | (Service.review_reminded_on <= today - REMIND_EVERY)
        )
        .order_by(Service.name)
    )
    sent = 0
    # Emails carry full addresses; outside a request the site's PUBLIC_URL (if set) says where.
    with current_app.test_request_context(base_url="http://localhost"):
        for service in due:
            providers = db.scalars(
                select(Account).where(
                    Account.organisation_id == service.organisation_id,
                    Account.role == "provider",
                    Account.active.is_(True),
                )
            ).all()
            for provider in providers:
                queue_email(
                    db,
                    provider.email,
                    str(_l("Please check your listing: %(name)s", name=service.name)),
                    "review_reminder",
                    service=service,
                    url=absolute_url("providers.home"),
                )
                sent += 1
            if providers:
                service.review_reminded_on = today
        db.commit()
    click.echo(f"Queued {sent} reminder(s). Send them with: flask mail send-pending")
