"""The advice pages: markdown files in content/<topic>/<slug>.md, each a page at /<topic>/<slug>,
with content/<topic>/index.md as the topic's hub at /<topic>.

Pages are read and rendered once, and again only when their file changes or a new financial
year's figures come into force, so serving a page never parses markdown.

Each page lists its sources in its front matter, each with an address and the date it was
last checked:

    sources:
      - title: "Care and Support Statutory Guidance, annex B"
        url: "https://www.gov.uk/government/publications/care-act-statutory-guidance"
        checked: 2026-11-25
"""

import hashlib
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import frontmatter

from webapp.content.figures import current_year
from webapp.content.markdown import Rendered, render

REQUIRED = ("title", "summary", "topic", "audience", "last_reviewed", "review_by", "sources")
AUDIENCES = ("older people", "families", "carers", "advisers")


@dataclass
class Page:
    slug: str
    topic: str
    path: Path
    meta: dict[str, Any]
    rendered: Rendered
    problems: list[str] = field(default_factory=list)
    source: str = ""  # the markdown as written, before any macro is filled in

    @property
    def is_hub(self) -> bool:
        return self.slug == self.topic

    @property
    def url(self) -> str:
        return f"/{self.topic}" if self.is_hub else f"/{self.topic}/{self.slug}"

    @property
    def title(self) -> str:
        return self.meta.get("title", self.slug)

    @property
    def summary(self) -> str:
        return self.meta.get("summary", "")

    @property
    def order(self) -> int:
        return self.meta.get("order", 100)

    @property
    def last_reviewed(self) -> date | None:
        return self.meta.get("last_reviewed")

    @property
    def review_by(self) -> date | None:
        return self.meta.get("review_by")

    @property
    def related(self) -> list[str]:
        return self.meta.get("related", [])

    @property
    def sources(self) -> list[dict]:
        return [s for s in self.meta.get("sources", []) if isinstance(s, dict)]


class ContentLibrary:
    """Every page under one folder, kept current with the files on disk."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self._lock = threading.Lock()
        self._pages: dict[str, Page] = {}
        self._stamps: dict[Path, tuple[int, int]] = {}
        self._slugs: dict[str, tuple[str, bool]] = {}
        self._day = date.today()
        self._year = current_year(self._day)

    @property
    def topics(self) -> list[str]:
        return sorted(path.name for path in self.root.iterdir() if (path / "index.md").is_file())

    def pages(self) -> dict[str, Page]:
        """Every page by slug, re-reading only the files that changed since last time."""
        with self._lock:
            files = {path: _stamp(path) for path in self._files()}
            if date.today() != self._day:  # a new day may be 1 April: new figures
                self._day = date.today()
                if current_year(self._day) != self._year:
                    self._year, self._stamps, self._pages = current_year(self._day), {}, {}
            if files != self._stamps:
                self._reload(files)
            return self._pages

    def page(self, topic: str, slug: str) -> Page | None:
        page = self.pages().get(slug)
        return page if page is not None and page.topic == topic else None

    def in_topic(self, topic: str) -> list[Page]:
        return sorted(
            (p for p in self.pages().values() if p.topic == topic and not p.is_hub),
            key=lambda p: (p.order, p.title),
        )

    def revision(self) -> str:
        """Changes whenever any page does: the search index is rebuilt when it differs."""
        digest = hashlib.sha256()
        for path, stamp in sorted((p, _stamp(p)) for p in self._files()):
            digest.update(f"{path.relative_to(self.root)}:{stamp}".encode())
        return digest.hexdigest()[:16]

    def url_for_slug(self, slug: str) -> str | None:
        known = self._slugs.get(slug)
        if known is None:
            return None
        topic, is_hub = known
        return f"/{topic}" if is_hub else f"/{topic}/{slug}"

    def _files(self) -> list[Path]:
        return sorted(self.root.glob("*/*.md"))

    def _reload(self, files: dict[Path, tuple[int, int]]) -> None:
        # Slugs first, so links between pages resolve whatever order files are read in.
        old_slugs = self._slugs
        self._slugs = {
            (path.parent.name if path.stem == "index" else path.stem): (
                path.parent.name,
                path.stem == "index",
            )
            for path in files
        }
        pages = {}
        for path, stamp in files.items():
            slug = path.parent.name if path.stem == "index" else path.stem
            cached = self._pages.get(slug)
            unchanged = self._stamps.get(path) == stamp and old_slugs == self._slugs
            if cached is not None and unchanged and cached.path == path:
                pages[slug] = cached
            else:
                pages[slug] = self._read(path, slug)
        self._pages = pages
        self._stamps = files

    def _read(self, path: Path, slug: str) -> Page:
        try:
            post = frontmatter.load(path)
        except Exception as error:  # YAML and encoding errors alike: report, never crash
            text = path.read_text(encoding="utf-8", errors="replace")
            page = Page(slug, path.parent.name, path, {}, render(text, self.url_for_slug))
            page.problems = [f"front matter could not be read: {error}".replace("\n", " ")]
            return page
        rendered = render(post.content, self.url_for_slug)
        page = Page(slug, path.parent.name, path, dict(post.metadata), rendered)
        page.source = post.content
        page.problems = check_front_matter(page)
        return page


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


def check_front_matter(page: Page) -> list[str]:
    meta = page.meta
    problems = [f"front matter: {name} is required" for name in REQUIRED if not meta.get(name)]
    if meta.get("topic") and meta["topic"] != page.topic:
        problems.append(
            f"front matter: topic is {meta['topic']!r} but the page is in {page.topic!r}"
        )
    for name in ("last_reviewed", "review_by"):
        if meta.get(name) and not isinstance(meta[name], date):
            problems.append(f"front matter: {name} must be a date written as YYYY-MM-DD")
    audience = meta.get("audience", [])
    if not isinstance(audience, list) or any(a not in AUDIENCES for a in audience):
        problems.append(f"front matter: audience must be a list of: {', '.join(AUDIENCES)}")
    if not isinstance(meta.get("sources", []), list):
        problems.append("front matter: sources must be a list")
    else:
        problems.extend(_source_problems(meta.get("sources", [])))
    if not isinstance(meta.get("related", []), list):
        problems.append("front matter: related must be a list of page slugs")
    if "order" in meta and not isinstance(meta["order"], int):
        problems.append("front matter: order must be a whole number")
    return problems


def _source_problems(sources: list) -> list[str]:
    problems = []
    for number, source in enumerate(sources, start=1):
        if not isinstance(source, dict):
            problems.append(f"front matter: source {number} needs a title, url and checked date")
            continue
        if not str(source.get("title", "")).strip():
            problems.append(f"front matter: source {number} has no title")
        if not str(source.get("url", "")).startswith("https://"):
            problems.append(f"front matter: source {number} needs an https:// address")
        if not isinstance(source.get("checked"), date):
            problems.append(f"front matter: source {number} needs a checked date (YYYY-MM-DD)")
    return problems
