"""Email through an outbox: a message is written to the database with the change it tells of,
and `flask mail send-pending` sends what is waiting. A mail server that is down loses nothing:
the message stays in the outbox and the next run tries again.

Messages are plain text only, so nothing anyone typed can become markup in an email.
"""

import smtplib
from email.message import EmailMessage
from email.utils import make_msgid

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.accounts import now
from webapp.database import get_session
from webapp.models import OutboxMessage

# After this many failed tries a message is left for an operator to look at.
MAX_ATTEMPTS = 10

mail_cli = AppGroup("mail", help="Send the emails waiting in the outbox.")


def queue_email(db: Session, to: str, subject: str, template: str, **context) -> None:
    """Write a message to the outbox; it is sent only if the surrounding change commits."""
    # Straight from the environment: an email needs none of a page's context (nor a request).
    body = current_app.jinja_env.get_template(f"mail/{template}.txt").render(**context)
    db.add(
        OutboxMessage(
            to_address=to,
            subject=subject[:200],
            body=body,
            created_at=now(),
            attempts=0,
            last_error="",
        )
    )


def _smtp() -> smtplib.SMTP:
    config = current_app.config
    connection = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30)
    if config["MAIL_USE_TLS"]:
        connection.starttls()
    if config["MAIL_USERNAME"]:
        connection.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    return connection


def send_pending() -> tuple[int, int]:
    """Send every waiting message; returns (sent, failed)."""
    db = get_session()
    waiting = list(
        db.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.sent_at.is_(None), OutboxMessage.attempts < MAX_ATTEMPTS)
            .order_by(OutboxMessage.id)
        )
    )
    if not waiting:
        return 0, 0
    sent = failed = 0
    try:
        connection = _smtp()
    except (OSError, smtplib.SMTPException) as error:
        for message in waiting:
            message.attempts += 1
            message.last_error = str(error)[:2000]
        db.commit()
        return 0, len(waiting)
    with connection:
        for message in waiting:
            email = EmailMessage()
            email["From"] = current_app.config["MAIL_FROM"]
            email["To"] = message.to_address
            email["Subject"] = message.subject
            email["Message-ID"] = make_msgid(domain="dorset-care-guide")
            email.set_content(message.body)
            message.attempts += 1
            try:
                connection.send_message(email)
            except (OSError, smtplib.SMTPException) as error:
                message.last_error = str(error)[:2000]
                failed += 1
            else:
                message.sent_at = now()
                sent += 1
            # Each message's outcome is kept at once, so a crash part way never resends.
            db.commit()
    return sent, failed


@mail_cli.command("send-pending")
def send_pending_command() -> None:
    """Send the emails waiting in the outbox; failures stay there to be retried."""
    sent, failed = send_pending()
    click.echo(f"Sent {sent} email(s); {failed} failed and will be tried again.")
    if failed:
        raise SystemExit(1)


def init_app(app: Flask) -> None:
    app.cli.add_command(mail_cli)
