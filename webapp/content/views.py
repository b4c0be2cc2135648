from flask import abort, current_app, render_template, request, url_for

from search_index import SearchRequest
from webapp.content import bp, get_library
from webapp.content.forms import SiteSearchForm
from webapp.content.markdown import COUNT_PATTERN, fill_counts
from webapp.directory.presenters import page_links, result_rows
from webapp.search import SearchUnavailable, search

# Pages about the site itself, linked from the footer.
SITE_PAGES = ("accessibility", "privacy", "cookies", "contact")
PER_PAGE = 20


@bp.get("/")
def home():
    return render_template("content/home.html", topics=_topics())


def site_page(page: str):
    return render_template(f"content/{page}.html")


for _name in SITE_PAGES:
    bp.add_url_rule(f"/{_name}", "site_page", site_page, defaults={"page": _name})


@bp.get("/advice")
def advice():
    return render_template("content/advice.html", topics=_topics())


@bp.get("/a-to-z")
def a_to_z():
    pages = sorted(get_library(current_app).pages().values(), key=lambda p: p.title.lower())
    letters: dict[str, list] = {}
    for page in pages:
        letters.setdefault(page.title[0].upper(), []).append(page)
    return render_template("content/a_to_z.html", letters=letters)


@bp.get("/<topic>")
def topic(topic: str):
    library = get_library(current_app)
    hub = library.page(topic, topic)
    if hub is None:
        abort(404)
    return render_template(
        "content/hub.html", page=hub, body=_body(hub), children=library.in_topic(topic)
    )


@bp.get("/<topic>/<slug>")
def page(topic: str, slug: str):
    library = get_library(current_app)
    found = library.page(topic, slug)
    if found is None or found.is_hub:
        abort(404)
    pages = library.pages()
    return render_template(
        "content/page.html",
        page=found,
        body=_body(found),
        hub=pages[topic],
        related=[pages[s] for s in found.related if s in pages],
    )


@bp.get("/search")
def site_search():
    form = SiteSearchForm(request.args)
    valid = form.validate()
    words = form.q.data or "" if not form.q.errors else ""
    results = (
        search(
            SearchRequest(
                words=words,
                filters={"doc_type": frozenset([form.show.data])} if form.show.data else {},
                page=form.page_number,
                per_page=PER_PAGE,
            )
        )
        if words
        else None
    )
    status = 200 if valid else 400
    if results is not None and form.page_number > results.pages:
        status = 404
    return (
        render_template(
            "content/search.html",
            form=form,
            results=results,
            rows=result_rows(results.hits) if results else [],
            pagination=page_links(request.args, results.page, results.pages) if results else None,
            suggestion_url=url_for(".site_search", q=results.suggestion)
            if results and results.suggestion
            else None,
        ),
        status,
    )


def _topics():
    library = get_library(current_app)
    pages = library.pages()
    return sorted(
        (pages[name] for name in library.topics if name in pages), key=lambda p: (p.order, p.title)
    )


def _body(page) -> str:
    """The page's stored HTML with its directory links' live counts filled in."""
    links = page.rendered.directory_links
    if not links:
        return page.rendered.html
    try:
        return fill_counts(page.rendered.html, _count_listings, links)
    except SearchUnavailable:
        # The index is being rebuilt: the links still work, without their counts for now.
        return COUNT_PATTERN.sub("", page.rendered.html)


def _count_listings(choices: dict[str, list[str]]) -> int:
    features = choices.get("features", [])
    filters = {
        name: frozenset(values) for name, values in choices.items() if name not in ("q", "features")
    }
    filters.update({feature: frozenset({"yes"}) for feature in features})
    filters["doc_type"] = frozenset({"listing"})
    words = " ".join(choices.get("q", []))
    return search(SearchRequest(words=words, filters=filters, per_page=1)).total
