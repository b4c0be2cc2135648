"""`flask directory ...`: load, import and export listings and places."""

import json
import sys
from datetime import datetime, timedelta
from pathlib import Path

import click
from flask import Blueprint, current_app
from flask.cli import with_appcontext
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from webapp.database import get_session
from webapp.directory import feeds, oruk
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
from webapp.models import FeedPossibleDuplicate, FeedUnknownTerm, Place, Service
from webapp.search import rebuild_index


def register_commands(bp: Blueprint) -> None:
    bp.cli.help = "Load, import and export the directory."
    for command in (
        load_sample,
        import_file,
        export,
        load_postcodes,
        import_feed,
        refresh_feeds,
        feed_report,
    ):
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
                data = json.loads(text)
            except json.JSONDecodeError as error:
                raise click.ClickException(
                    f"{file} is not valid JSON: {error.msg} on line {error.lineno}"
                ) from None
            rows = feeds.file_rows(session, data)
        else:
            rows = list(read_csv(text))
        summary = import_rows(session, rows, replace=replace)
    except ImportFailed as failure:
        _report_failure(session, str(file), failure)
    except OperationalError:
        _report_busy(session)
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
        # The same services the Open Referral UK API publishes, through the same mapping.
        services = [s for s in services if s.is_public]
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


def _report_failure(session, source: str, failure: ImportFailed) -> None:
    session.rollback()
    for problem in failure.problems:
        click.echo(f"{source}: {problem}", err=True)
    raise click.ClickException(
        f"Nothing was imported: {len(failure.problems)} problem(s) to fix first."
    )


def _report_busy(session) -> None:
    session.rollback()
    raise click.ClickException(
        "Nothing was imported: the database stayed busy (another import may be running). "
        "Try again in a minute."
    )


def _import_one_feed(url: str, publisher: str, since: datetime | None) -> None:
    session = get_session()
    _ensure_gazetteer(session)
    session.commit()
    try:
        services = feeds.fetch_services(url, since)
        summary = feeds.import_feed(session, feeds.feed_base(url), publisher, services)
    except feeds.FeedFailed as error:
        session.rollback()
        raise click.ClickException(f"Nothing was imported from {url}: {error}") from None
    except ImportFailed as failure:
        _report_failure(session, url, failure)
    except OperationalError:
        _report_busy(session)
    imported = summary.imported
    for line in summary.skipped:
        click.echo(f"Left out {line}")
    for line in summary.set_aside:
        click.echo(f"Set aside for an officer: {line}")
    _commit_and_reindex(
        session,
        f"Imported {url} ({publisher}): {imported.added} added, {imported.updated} updated, "
        f"{len(summary.set_aside)} set aside as possible duplicates, {len(summary.skipped)} "
        f"left out, {summary.unknown_terms} unknown taxonomy terms recorded.",
    )


@click.command("import-feed")
@with_appcontext
@click.argument("url")
@click.option("--publisher", help="Who publishes the feed (shown on its listings).")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
    help="Only services changed since then (sent to the feed as modified_after).",
)
def import_feed(url: str, publisher: str | None, since: datetime | None) -> None:
    """Read a whole Open Referral UK 3.0 feed at URL into the directory.

    Every page is read before anything is written; any problem means nothing is imported.
    Unknown taxonomy terms and possible duplicates are kept for `flask directory feed-report`.
    """
    try:
        base = feeds.feed_base(url)
    except feeds.FeedFailed as error:
        raise click.ClickException(str(error)) from None
    _import_one_feed(url, publisher or base.split("/")[2], since)


@click.command("refresh-feeds")
@with_appcontext
@click.option("--full", is_flag=True, help="Read every service, not only those changed.")
def refresh_feeds(full: bool) -> None:
    """Read again every feed in the ORUK_FEEDS setting (for a scheduled job)."""
    configured = current_app.config.get("ORUK_FEEDS") or ""
    try:
        listed = json.loads(configured) if configured.strip() else {}
    except json.JSONDecodeError:
        listed = None
    if not isinstance(listed, dict) or not all(isinstance(v, str) for v in listed.values()):
        raise click.ClickException(
            "ORUK_FEEDS must be a JSON object of publisher name to address, like "
            '{"NHS Dorset": "https://example.org/openreferral/v3"}'
        )
    if not listed:
        click.echo("No feeds are set in ORUK_FEEDS: nothing to refresh.")
        return
    failed = []
    for publisher, url in listed.items():
        since = None
        if not full:
            last = feeds.last_import(get_session(), feeds.feed_base(url))
            # A day's overlap: publishers' clocks and ours need not agree.
            since = last - timedelta(days=1) if last else None
        try:
            _import_one_feed(url, publisher, since)
        except click.ClickException as error:
            click.echo(error.format_message(), err=True)
            failed.append(publisher)
    if failed:
        raise click.ClickException(f"Feeds not refreshed: {', '.join(failed)}")


@click.command("feed-report")
@with_appcontext
def feed_report() -> None:
    """List the taxonomy terms and possible duplicates feeds brought in, for officers."""
    session = get_session()
    terms = session.scalars(
        select(FeedUnknownTerm).order_by(FeedUnknownTerm.feed_url, FeedUnknownTerm.term)
    ).all()
    click.echo(f"Taxonomy terms the directory does not know ({len(terms)}):")
    for term in terms:
        click.echo(
            f"  {term.feed_url}: {term.taxonomy or '(no taxonomy)'} / {term.term}"
            f"{f' ({term.name})' if term.name else ''}, on {term.services} service(s)"
        )
    duplicates = session.scalars(
        select(FeedPossibleDuplicate).order_by(FeedPossibleDuplicate.found_at)
    ).all()
    click.echo(f"Possible duplicates set aside ({len(duplicates)}):")
    for duplicate in duplicates:
        click.echo(
            f"  {duplicate.feed_url}: {duplicate.name!r} ({duplicate.external_id}) has "
            f"{duplicate.reason}"
        )
