"""`flask directory ...`: load, import and export listings and places."""

import json
import sys
from pathlib import Path

import click
from flask import Blueprint
from flask.cli import with_appcontext

from webapp.database import get_session
from webapp.directory import oruk
from webapp.directory.places import load_gazetteer, load_postcode_directory
from webapp.directory.sample_data import sample_records
from webapp.directory.transfer import (
    ImportFailed,
    all_services,
    import_rows,
    read_csv,
    service_record,
    write_csv,
)
from webapp.models import Place, Service
from webapp.search import rebuild_index


def register_commands(bp: Blueprint) -> None:
    bp.cli.help = "Load, import and export the directory."
    for command in (load_sample, import_file, export, load_postcodes):
        bp.cli.add_command(command)


def _commit_and_reindex(session, summary_text: str) -> None:
    session.commit()
    click.echo(summary_text)
    count = rebuild_index()
    click.echo(f"Search index rebuilt with {count} documents.")


def _ensure_gazetteer(session) -> None:
    if session.query(Place).filter(Place.kind != "postcode").first() is None:
        click.echo(f"Loaded {load_gazetteer(session)} towns, villages and postcode districts.")
        session.flush()


@click.command("load-sample")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Only if the directory has no listings yet.")
def load_sample(if_empty: bool) -> None:
    """Load the gazetteer, the extra care schemes and the sample providers."""
    session = get_session()
    if if_empty and session.query(Service).first() is not None:
        click.echo("The directory already has listings: sample data not loaded.")
        return
    load_gazetteer(session)
    session.flush()
    rows = enumerate(sample_records(), start=1)
    summary = import_rows(session, rows)
    _commit_and_reindex(
        session, f"Sample data loaded: {summary.added} added, {summary.updated} updated."
    )


@click.command("import")
@with_appcontext
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Also remove listings that are not in the file.")
def import_file(file: Path, replace: bool) -> None:
    """Import listings from FILE: the directory's CSV layout, or Open Referral UK JSON.

    Every row is checked first; if any has a problem nothing is imported.
    """
    session = get_session()
    _ensure_gazetteer(session)
    text = file.read_text(encoding="utf-8-sig")
    try:
        if file.suffix.lower() == ".json":
            try:
                rows = list(oruk.from_oruk(json.loads(text)))
            except json.JSONDecodeError as error:
                raise click.ClickException(
                    f"{file} is not valid JSON: {error.msg} on line {error.lineno}"
                ) from None
        else:
            rows = list(read_csv(text))
        summary = import_rows(session, rows, replace=replace)
    except ImportFailed as failure:
        session.rollback()
        for problem in failure.problems:
            click.echo(f"{file}: {problem}", err=True)
        raise click.ClickException(
            f"Nothing was imported: {len(failure.problems)} problem(s) to fix first."
        ) from None
    _commit_and_reindex(
        session,
        f"Imported {file}: {summary.added} added, {summary.updated} updated, "
        f"{summary.removed} removed.",
    )


@click.command("export")
@with_appcontext
@click.option(
    "--format", "file_format", type=click.Choice(["csv", "oruk"]), default="csv", show_default=True
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
def export(file_format: str, output: Path | None) -> None:
    """Write every listing as CSV or Open Referral UK JSON (to standard output by default)."""
    services = all_services(get_session())
    if file_format == "csv":
        text = write_csv(service_record(service) for service in services)
    else:
        text = json.dumps([oruk.to_oruk(s) for s in services], indent=2, ensure_ascii=False)
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Exported {len(services)} listings to {output}.", err=True)
    else:
        sys.stdout.write(text)


@click.command("load-postcodes")
@with_appcontext
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def load_postcodes(file: Path) -> None:
    """Load Dorset's live postcodes from an ONS Postcode Directory CSV file."""
    session = get_session()
    with open(file, encoding="utf-8-sig", newline="") as lines:
        count = load_postcode_directory(session, lines)
    session.commit()
    click.echo(f"Loaded {count} Dorset postcodes.")
