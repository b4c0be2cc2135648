"""`flask content check`: what an editor should fix before a page goes live."""

import os
from datetime import date, timedelta

import click
from flask import Blueprint, current_app
from flask.cli import with_appcontext

from webapp.content.figures import typed_figures
from webapp.content.library import ContentLibrary, Page
from webapp.content.markdown import FIGURE

# GOV.UK asks for plain English: a Flesch reading ease of 60 or more.
READABILITY_TARGET = 60
# A source not looked at for longer than this may have changed under us.
SOURCE_FRESH_FOR = timedelta(days=365)


def register_commands(bp: Blueprint) -> None:
    bp.cli.help = "Check the advice pages."
    bp.cli.add_command(check)


def page_problems(
    page: Page, library: ContentLibrary, today: date | None = None, ci: bool = False
) -> list[str]:
    """Errors that stop a page going live. In CI a page past its review date is one too."""
    problems = list(page.problems)
    for name in page.rendered.unknown:
        problems.append(f"unknown {name}: see webapp/content/data or calculators/rates")
    for typed, keys in typed_figures(FIGURE.sub("", page.source)):
        macros = " or ".join(f"{{figure: {key}}}" for key in sorted(keys))
        problems.append(f"{typed} is typed by hand: write {macros} so it stays current")
    if ci and page.review_by and page.review_by < (today or date.today()):
        problems.append(f"past its review date of {page.review_by.isoformat()}")
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


def page_warnings(page: Page, today: date, ci: bool = False) -> list[str]:
    warnings = []
    if not ci and page.review_by and page.review_by < today:
        warnings.append(f"past its review date of {page.review_by.isoformat()}")
    for source in page.sources:
        checked = source.get("checked")
        if isinstance(checked, date) and checked < today - SOURCE_FRESH_FOR:
            warnings.append(
                f"source {source.get('title')!r} was last checked on {checked.isoformat()}, "
                "over a year ago: check it again"
            )
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
    """Check front matter, links, images, headings, figures, sources, review dates and reading
    ease. With CI=true (as continuous integration sets it) a page past its review date fails."""
    library: ContentLibrary = current_app.extensions["content_library"]
    today = date.today()
    ci = os.environ.get("CI", "").lower() == "true"
    errors = 0
    for slug, page in sorted(library.pages().items()):
        where = page.path.relative_to(library.root.parent)
        for problem in page_problems(page, library, today, ci):
            click.echo(f"ERROR   {where}: {problem}")
            errors += 1
        for warning in page_warnings(page, today, ci):
            click.echo(f"WARNING {where}: {warning}")
        click.echo(f"        {where}: reading ease {readability(page):.0f} ({slug})")
    click.echo(f"{len(library.pages())} pages checked, {errors} errors.")
    if errors:
        raise SystemExit(1)
