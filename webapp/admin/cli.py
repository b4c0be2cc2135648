"""`flask admin create-user`: how the first administrator gets in."""

import click

from webapp.accounts import audit, create_account, find_account, totp_uri
from webapp.admin import bp
from webapp.database import get_session
from webapp.models import OFFICER_ROLES

bp.cli.help = "Manage officer accounts."


@bp.cli.command("create-user")
@click.option("--email", required=True, help="The officer's email address.")
@click.option("--name", default="", help="The officer's name.")
@click.option("--role", type=click.Choice(OFFICER_ROLES), default="administrator")
@click.password_option(help="Asked for when not given (never put it in shell history).")
def create_user(email: str, name: str, role: str, password: str) -> None:
    """Add an officer; prints the secret for their authenticator app."""
    db = get_session()
    if find_account(db, email) is not None:
        raise click.ClickException(f"There is already an account for {email}.")
    if len(password) < 12:
        raise click.ClickException("Use a password of at least 12 characters.")
    account = create_account(db, email, role, name=name, password=password)
    db.flush()
    audit(db, "account created", account, detail=f"{role} created from the command line")
    db.commit()
    click.echo(f"Created {role} {account.email}.")
    click.echo("Add this to their authenticator app (or type the secret in):")
    click.echo(totp_uri(account))
    click.echo(f"Secret: {account.totp_secret}")
