"""Commands for operators: `flask db upgrade`, `flask search rebuild`."""

import click
from flask import Flask
from flask.cli import AppGroup

from webapp import database, migrations, search

db_cli = AppGroup("db", help="Create or upgrade the database schema.")
search_cli = AppGroup("search", help="Build the search index from the database.")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    migrations.upgrade(database.get_engine(), revision)
    click.echo(f"Database upgraded to {revision}.")


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Undo migrations down to REVISION."""
    migrations.downgrade(database.get_engine(), revision)
    click.echo(f"Database downgraded to {revision}.")


@db_cli.command("revision")
@click.option("-m", "--message", required=True, help="What the migration changes.")
def db_revision(message: str) -> None:
    """Write a new migration from the difference between the models and the database."""
    migrations.new_revision(database.get_engine(), message)


@search_cli.command("rebuild")
def search_rebuild() -> None:
    """Rebuild the whole index in a new directory and swap it in."""
    count = search.rebuild_index()
    click.echo(f"Search index rebuilt with {count} documents.")


@search_cli.command("ensure")
def search_ensure() -> None:
    """Rebuild the index only if it is missing or older than the data."""
    if search.ensure_index():
        click.echo("Search index rebuilt: it was missing or older than the data.")
    else:
        click.echo("Search index is up to date.")


def init_app(app: Flask) -> None:
    app.cli.add_command(db_cli)
    app.cli.add_command(search_cli)
