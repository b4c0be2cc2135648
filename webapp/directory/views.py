from flask import abort, render_template, request, url_for
from markupsafe import Markup

from search_index import SearchRequest
from webapp.database import get_session
from webapp.directory import bp
from webapp.directory.feeds import listing_source
from webapp.directory.forms import SearchForm
from webapp.directory.listings import listing_by_slug
from webapp.directory.places import place_in_dorset
from webapp.directory.presenters import (
    apply_counts,
    listing_details,
    listing_json_ld,
    page_links,
    result_rows,
)
from webapp.search import search

PER_PAGE = 20


@bp.get("/find-support")
def find_support():
    form = SearchForm(request.args)
    valid = form.validate()
    near = None
    if form.location.data and not form.location.errors:
        near = place_in_dorset(form.location)
        valid = valid and near is not None
    searching = not form.q.errors
    filters = {
        name: frozenset(getattr(form, name).data or ())
        for name in ("kind", "help_types", "area", "funding", "registered")
    }
    for feature in form.features.data or ():
        filters[feature] = frozenset({"yes"})
    filters["doc_type"] = frozenset({"listing"})  # the index also holds advice pages
    results = search(
        SearchRequest(
            words=(form.q.data or "") if searching else "",
            filters=filters,
            near=(near.latitude, near.longitude) if near else None,
            within_miles=float(form.within.data) if near and form.within.data else None,
            sort="distance" if near and form.sort.data == "distance" else "relevance",
            page=form.page_number,
            per_page=PER_PAGE,
        )
    )
    status = 200 if valid else 400
    if form.page_number > results.pages:
        status = 404
    apply_counts(form, results.facets)
    return (
        render_template(
            "directory/find_support.html",
            form=form,
            results=results,
            rows=result_rows(results.hits),
            near=near,
            pagination=page_links(request.args, results.page, results.pages),
            page_missing=status == 404,
            suggestion_url=url_for(".find_support", q=results.suggestion)
            if results.suggestion
            else None,
        ),
        status,
    )


@bp.get("/find-support/<slug>")
def listing(slug: str):
    service = listing_by_slug(slug)
    if service is None:
        abort(404)
    return render_template(
        "directory/listing.html",
        service=service,
        details=listing_details(service),
        source=listing_source(get_session(), service.id),
        json_ld=Markup(listing_json_ld(service)),  # noqa: S704  (escaped for a script element)
    )
