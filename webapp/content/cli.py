"""`flask content check`: what an editor should fix before a page goes live."""

from datetime import date

import click
from flask import Blueprint, current_app
from flask.cli import with_appcontext

from webapp.content.library import ContentLibrary, Page

# GOV.UK asks for plain English: a Flesch reading ease of 60 or more.
READABILITY_TARGET = 60


def register_commands(bp: Blueprint) -> None:
    bp.cli.help = "Check the advice pages."
    bp.cli.add_command(check)


def page_problems(page: Page, library: ContentLibrary) -> list[str]:
    """Errors that stop a page going live."""
    problems = list(page.problems)
    pages = library.pages()
    for slug in page.rendered.links:
        if slug not in pages:
            problems.append(f"broken link: no page called {slug!r}")
    for slug in page.related:
        if slug not in pages:
            problems.append(f"related: no page called {slug!r}")
    for source in page.rendered.images_without_alt:
        problems.append(f"image without alt text: {source}")
    level = 1
    for _id, text, heading_level in page.rendered.headings:
        if heading_level == 1:
            problems.append(f"heading {text!r}: the page title is the only level 1 heading")
        elif heading_level > level + 1:
            problems.append(f"heading {text!r} skips a level (h{level} to h{heading_level})")
        level = heading_level
    return problems


def page_warnings(page: Page, today: date) -> list[str]:
    warnings = []
    if page.review_by and page.review_by < today:
        warnings.append(f"past its review date of {page.review_by.isoformat()}")
    score = readability(page)
    if score < READABILITY_TARGET:
        warnings.append(f"reading ease {score:.0f}, below the target of {READABILITY_TARGET}")
    return warnings


def readability(page: Page) -> float:
    # textstat is a development tool (the `test` extra): the site itself runs without it.
    import textstat

    return textstat.flesch_reading_ease(page.rendered.text)


@click.command("check")
@with_appcontext
def check() -> None:
    """Check front matter, links, images, headings, review dates and reading ease."""
    library: ContentLibrary = current_app.extensions["content_library"]
    today = date.today()
    errors = 0
    for slug, page in sorted(library.pages().items()):
        where = page.path.relative_to(library.root.parent)
        for problem in page_problems(page, library):
            click.echo(f"ERROR   {where}: {problem}")
            errors += 1
        for warning in page_warnings(page, today):
            click.echo(f"WARNING {where}: {warning}")
        click.echo(f"        {where}: reading ease {readability(page):.0f} ({slug})")
    click.echo(f"{len(library.pages())} pages checked, {errors} errors.")
    if errors:
        raise SystemExit(1)
