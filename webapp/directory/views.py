from urllib.parse import urlencode

from flask import abort, render_template, request, url_for
from markupsafe import Markup

from search_index import SearchRequest
from webapp.database import get_session
from webapp.directory import bp
from webapp.directory.feeds import listing_source
from webapp.directory.forms import SearchForm
from webapp.directory.listings import listing_by_slug
from webapp.directory.places import (
    find_place,
    nearest_place_name,
    place_in_words,
    unknown_place_message,
)
from webapp.directory.presenters import (
    apply_counts,
    listing_details,
    listing_json_ld,
    page_links,
    result_rows,
)
from webapp.directory.reports import listing_status
from webapp.forms import MAX_WORDS_LENGTH
from webapp.page_cache import cached_page
from webapp.search import search

PER_PAGE = 20


@bp.get("/find-support")
@cached_page(by_query=True)
def find_support():
    form = SearchForm(request.args)
    session = get_session()
    words = form.q.data or ""
    # A place typed among the words is where to search, unless the place box says otherwise.
    near, place_typed = None, ""
    if not form.location.data and len(words) <= MAX_WORDS_LENGTH:
        words, near, place_typed = place_in_words(session, words)
    form.place_in_words = near is not None
    valid = form.validate()
    place_suggestion = None
    if form.location.data and not form.location.errors:
        near = find_place(session, form.location.data)
        if near is None:
            place_suggestion = nearest_place_name(session, form.location.data)
            form.location.errors.append(unknown_place_message(place_suggestion))
            valid = False
    searching = not form.q.errors
    filters = {
        name: frozenset(getattr(form, name).data or ())
        for name in ("kind", "help_types", "area", "funding", "registered", "availability")
    }
    for feature in form.features.data or ():
        filters[feature] = frozenset({"yes"})
    filters["doc_type"] = frozenset({"listing"})  # the index also holds advice pages
    results = search(
        SearchRequest(
            words=words if searching else "",
            filters=filters,
            near=(near.latitude, near.longitude) if near else None,
            within_miles=float(form.within.data)
            if near and form.within.data and not form.within.errors
            else None,
            sort=form.sort.data if near else "relevance",
            page=form.page_number,
            per_page=PER_PAGE,
        )
    )
    status = 200 if valid else 400
    if form.page_number > results.pages:
        status = 404
    apply_counts(form, results.facets)
    suggestion = " ".join(filter(None, (results.suggestion, place_typed)))
    return (
        render_template(
            "directory/find_support.html",
            form=form,
            results=results,
            rows=result_rows(results.hits),
            near=near,
            pagination=page_links(request.args, results.page, results.pages),
            page_missing=status == 404,
            suggestion=suggestion if results.suggestion else None,
            suggestion_url=url_for(
                ".find_support", q=suggestion, location=form.location.data or None
            )
            if results.suggestion
            else None,
            place_suggestion=place_suggestion,
            place_suggestion_url=_with_location(place_suggestion) if place_suggestion else None,
        ),
        status,
    )


def _with_location(place: str) -> str:
    """This search again near `place`, keeping every other choice."""
    kept = [(k, v) for k, v in request.args.items(multi=True) if k not in ("location", "page")]
    return url_for(".find_support") + "?" + urlencode([*kept, ("location", place)])


@bp.get("/find-support/<slug>")
def listing(slug: str):
    service = listing_by_slug(slug)
    if service is None:
        abort(404)
    return render_template(
        "directory/listing.html",
        service=service,
        details=listing_details(service),
        status=listing_status(service),
        source=listing_source(get_session(), service.id),
        json_ld=Markup(listing_json_ld(service)),  # noqa: S704  (escaped for a script element)
    )
