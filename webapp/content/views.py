from flask import abort, current_app, render_template, request, url_for

from search_index import SearchRequest, SearchResults
from webapp.content import bp, get_library
from webapp.content.forms import SiteSearchForm
from webapp.content.markdown import COUNT_PATTERN, fill_counts
from webapp.database import get_session
from webapp.directory.places import place_in_words
from webapp.directory.presenters import page_links, result_rows
from webapp.page_cache import cached_page
from webapp.search import SearchUnavailable, search

# Pages about the site itself, linked from the footer.
SITE_PAGES = ("accessibility", "privacy", "cookies", "contact")
PER_PAGE = 20
# Services shown below the advice when a search finds both; the rest are a link away.
SERVICES_BESIDE_ADVICE = 5


@bp.get("/")
@cached_page
def home():
    return render_template("content/home.html", topics=_topics())


def site_page(page: str):
    return render_template(f"content/{page}.html")


for _name in SITE_PAGES:
    bp.add_url_rule(f"/{_name}", "site_page", site_page, defaults={"page": _name})


@bp.get("/advice")
@cached_page
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
@cached_page
def topic(topic: str):
    library = get_library(current_app)
    hub = library.page(topic, topic)
    if hub is None:
        abort(404)
    return render_template(
        "content/hub.html", page=hub, body=_body(hub), children=library.in_topic(topic)
    )


@bp.get("/<topic>/<slug>")
@cached_page
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
    typed = form.q.data or "" if not form.q.errors else ""
    # A place among the words ("day centre Sherborne") puts the nearest services first.
    words, near, place_typed = place_in_words(get_session(), typed)
    if not words.strip():  # only a place: search for it by name, not list every advice page
        words, near, place_typed = typed, None, ""
    groups = _site_search_groups(words, near, form) if typed else []
    paged = groups[0] if groups else None  # the first group is the one paged
    status = 200 if valid else 400
    if paged and form.page_number > paged["results"].pages:
        status = 404
    suggestion = next((g["results"].suggestion for g in groups if g["results"].suggestion), None)
    if suggestion:
        suggestion = " ".join(filter(None, (suggestion, place_typed)))  # the place unchanged
    return (
        render_template(
            "content/search.html",
            form=form,
            groups=groups,
            total=sum(group["results"].total for group in groups),
            near=near,
            pagination=page_links(request.args, paged["results"].page, paged["results"].pages)
            if paged
            else None,
            suggestion=suggestion
            if suggestion and not any(group["results"].total for group in groups)
            else None,
            suggestion_url=url_for(".site_search", q=suggestion) if suggestion else None,
            all_services_url=url_for("directory.find_support", q=typed),
        ),
        status,
    )


def _site_search_groups(words: str, near, form: SiteSearchForm) -> list[dict]:
    """Advice pages and services, searched apart so an advice page about the words is never
    lost behind listings that only mention them. With both, advice is paged and the nearest or
    best few services follow, with a link to the rest in the directory."""

    def find(kind: str, page: int) -> SearchResults:
        services = kind == "listing"
        return search(
            SearchRequest(
                words=words,
                filters={"doc_type": frozenset([kind])},
                near=(near.latitude, near.longitude) if near and services else None,
                sort="distance" if near and services else "relevance",
                page=page,
                per_page=PER_PAGE,
            )
        )

    def group(kind: str, results: SearchResults, shown: int = PER_PAGE) -> dict:
        rows = result_rows(results.hits[:shown])
        return {"kind": kind, "results": results, "rows": rows, "more": results.total > shown}

    if form.show.data:
        return [group(form.show.data, find(form.show.data, form.page_number))]
    advice = find("page", form.page_number)
    services = find("listing", 1 if advice.total else form.page_number)
    if advice.total and services.total:
        return [group("page", advice), group("listing", services, SERVICES_BESIDE_ADVICE)]
    if services.total:
        return [group("listing", services)]
    return [group("page", advice)]


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
