import os
import textwrap
from datetime import date

import pytest

from webapp.content import markdown as markdown_module
from webapp.content.cli import page_problems, page_warnings, readability
from webapp.content.library import ContentLibrary

FRONT = """---
title: {title}
summary: A page about it.
topic: {topic}
audience:
  - older people
last_reviewed: 2026-11-25
review_by: {review_by}
sources:
  - title: A source
    url: https://www.example.org/source
    checked: {checked}
related: {related}
order: {order}
---
"""


def _write(root, topic, slug, body="Some words.", title="A page", review_by="2027-11-25",
           related="[]", order=1, checked="2026-11-25"):  # fmt: skip
    path = root / topic / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    front = FRONT.format(
        title=title,
        topic=topic,
        review_by=review_by,
        related=related,
        order=order,
        checked=checked,
    )
    path.write_text(front + textwrap.dedent(body))
    return path


@pytest.fixture
def library(tmp_path):
    _write(tmp_path, "carers", "index", title="Carers")
    _write(tmp_path, "carers", "short-breaks", body="See [carers](carers).", order=2)
    _write(tmp_path, "carers", "assessment", body="Read [breaks](short-breaks).", order=1)
    return ContentLibrary(tmp_path)


def test_pages_hubs_and_urls(library):
    pages = library.pages()
    assert set(pages) == {"carers", "short-breaks", "assessment"}
    assert pages["carers"].is_hub and pages["carers"].url == "/carers"
    assert pages["short-breaks"].url == "/carers/short-breaks"
    assert [p.slug for p in library.in_topic("carers")] == ["assessment", "short-breaks"]
    assert library.topics == ["carers"]
    assert 'href="/carers/short-breaks"' in pages["assessment"].rendered.html


def test_pages_are_rendered_once_and_again_only_when_their_file_changes(
    library, tmp_path, monkeypatch
):
    library.pages()
    calls = []
    real_render = markdown_module.render
    monkeypatch.setattr(
        "webapp.content.library.render", lambda *a: calls.append(1) or real_render(*a)
    )
    library.pages()
    assert calls == []
    path = _write(tmp_path, "carers", "short-breaks", body="Changed words.", order=2)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    assert "Changed words." in library.pages()["short-breaks"].rendered.html
    assert calls == [1]


def test_a_new_page_fixes_links_to_it_on_other_pages(library, tmp_path):
    _write(tmp_path, "carers", "assessment", body="Read [the new one](new-page).", order=1)
    assert 'href="new-page"' in library.pages()["assessment"].rendered.html
    _write(tmp_path, "carers", "new-page")
    assert 'href="/carers/new-page"' in library.pages()["assessment"].rendered.html


def test_the_revision_changes_with_any_file(library, tmp_path):
    before = library.revision()
    _write(tmp_path, "carers", "another")
    assert library.revision() != before


def test_front_matter_problems_are_reported_not_raised(tmp_path):
    (tmp_path / "carers").mkdir()
    (tmp_path / "carers" / "index.md").write_text("---\ntitle: [unclosed\n---\nBody")
    (tmp_path / "carers" / "thin.md").write_text("---\ntitle: Thin\ntopic: wrong\n---\nBody")
    pages = ContentLibrary(tmp_path).pages()
    assert pages["carers"].problems[0].startswith("front matter could not be read")
    problems = pages["thin"].problems
    assert "front matter: summary is required" in problems
    assert "front matter: topic is 'wrong' but the page is in 'carers'" in problems


def test_check_finds_broken_links_images_and_heading_order(tmp_path):
    _write(tmp_path, "carers", "index")
    _write(
        tmp_path,
        "carers",
        "bad",
        body="# Title again\n\n#### Too deep\n\n![](x.png)\n\n[gone](nowhere)\n",
        related="[missing]",
    )
    library = ContentLibrary(tmp_path)
    problems = page_problems(library.pages()["bad"], library)
    assert "broken link: no page called 'nowhere'" in problems
    assert "related: no page called 'missing'" in problems
    assert "image without alt text: x.png" in problems
    assert "heading 'Title again': the page title is the only level 1 heading" in problems
    assert "heading 'Too deep' skips a level (h1 to h4)" in problems


def test_check_warns_about_review_dates_and_hard_reading(tmp_path):
    _write(tmp_path, "carers", "index", review_by="2026-01-01")
    _write(
        tmp_path,
        "carers",
        "dense",
        body="Notwithstanding the aforementioned considerations, institutional "
        "responsibilities concerning administrative determinations necessitate "
        "comprehensive documentation.",
    )
    library = ContentLibrary(tmp_path)
    assert page_warnings(library.pages()["carers"], date(2026, 11, 25)) == [
        "past its review date of 2026-01-01"
    ]
    dense = library.pages()["dense"]
    assert readability(dense) < 30
    assert any("reading ease" in w for w in page_warnings(dense, date(2026, 11, 25)))


def test_a_figure_typed_by_hand_is_an_error_and_the_macro_is_not(tmp_path):
    _write(tmp_path, "carers", "index", body="Over £23,250 you pay. Minor works under £1,000.")
    _write(tmp_path, "carers", "good", body="Over {figure: upper_capital_limit} you pay.")
    library = ContentLibrary(tmp_path)
    problems = page_problems(library.pages()["carers"], library)
    assert problems == [
        "£23,250 is typed by hand: write {figure: upper_capital_limit} so it stays current"
    ]
    assert page_problems(library.pages()["good"], library) == []


def test_an_unknown_figure_or_contact_is_an_error(tmp_path):
    _write(tmp_path, "carers", "index", body="{figure: no_such_figure}\n\n{contact: nobody}\n")
    library = ContentLibrary(tmp_path)
    problems = page_problems(library.pages()["carers"], library)
    assert any("unknown figure: no_such_figure" in p for p in problems)
    assert any("unknown contact: nobody" in p for p in problems)


def test_a_source_checked_over_a_year_ago_warns(tmp_path):
    _write(tmp_path, "carers", "index", checked="2025-11-24")
    _write(tmp_path, "carers", "fresh", checked="2025-11-25")
    library = ContentLibrary(tmp_path)
    today = date(2026, 11, 25)
    assert page_warnings(library.pages()["carers"], today) == [
        "source 'A source' was last checked on 2025-11-24, over a year ago: check it again"
    ]
    assert page_warnings(library.pages()["fresh"], today) == []


def test_past_its_review_date_fails_only_in_ci(tmp_path):
    _write(tmp_path, "carers", "index", review_by="2026-11-24")
    library = ContentLibrary(tmp_path)
    page, today = library.pages()["carers"], date(2026, 11, 25)
    expected = "past its review date of 2026-11-24"
    assert expected not in page_problems(page, library, today, ci=False)
    assert expected in page_warnings(page, today, ci=False)
    assert expected in page_problems(page, library, today, ci=True)
    assert expected not in page_warnings(page, today, ci=True)


def test_content_check_fails_in_ci_on_a_page_past_its_review_date(tmp_path, monkeypatch):
    from webapp import create_app
    from webapp.config import TestConfig

    _write(tmp_path / "content", "carers", "index", review_by="2026-01-01")
    monkeypatch.setattr(TestConfig, "CONTENT_DIR", str(tmp_path / "content"))
    runner = create_app(TestConfig).test_cli_runner()
    monkeypatch.setenv("CI", "true")
    failed = runner.invoke(args=["content", "check"])
    assert failed.exit_code == 1
    assert "ERROR   content/carers/index.md: past its review date of 2026-01-01" in failed.output
    monkeypatch.setenv("CI", "false")
    passed = runner.invoke(args=["content", "check"])
    assert passed.exit_code == 0
    assert "WARNING content/carers/index.md: past its review date of 2026-01-01" in passed.output


@pytest.mark.parametrize(
    ("sources", "problem"),
    [
        ("  - Just a title", "source 1 needs a title, url and checked date"),
        ("  - title: T\n    checked: 2026-11-25", "source 1 needs an https:// address"),
        ("  - title: T\n    url: https://x.org", "source 1 needs a checked date (YYYY-MM-DD)"),
    ],
)
def test_each_source_needs_an_address_and_a_checked_date(tmp_path, sources, problem):
    path = _write(tmp_path, "carers", "index")
    text = path.read_text()
    start, end = text.index("sources:\n") + len("sources:\n"), text.index("related:")
    path.write_text(text[:start] + sources + "\n" + text[end:])
    assert f"front matter: {problem}" in ContentLibrary(tmp_path).pages()["carers"].problems


def test_pages_show_the_new_years_figures_from_1_april(tmp_path, monkeypatch):
    from calculators.rates import rates_for
    from webapp.content import figures
    from webapp.content import library as library_module

    today = {"day": date(2026, 3, 31)}

    class Clock(date):
        @classmethod
        def today(cls):
            return today["day"]

    monkeypatch.setattr(library_module, "date", Clock)
    monkeypatch.setattr(figures, "date", Clock)
    _write(tmp_path, "carers", "index", body="You keep {figure: personal_expenses_allowance}.")
    old, new = (
        figures.money(rates_for(year).value("personal_expenses_allowance"))
        for year in ("2025-26", "2026-27")
    )
    assert old != new
    library = ContentLibrary(tmp_path)
    assert f"You keep {old}." in library.pages()["carers"].rendered.html
    today["day"] = date(2026, 4, 1)
    assert f"You keep {new}." in library.pages()["carers"].rendered.html
