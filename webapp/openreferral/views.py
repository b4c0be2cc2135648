"""The nine read endpoints of Open Referral UK 3.0. Every answer is JSON that any site may read
(Access-Control-Allow-Origin: *), with an ETag and Last-Modified so that consumers can poll
cheaply: a request that names the current ETag, or a time since the last change, gets a 304
before any listing is read. Answers are kept by their address and that freshness, so a query
asked again before the data changes is not worked out again.
"""

from collections.abc import Callable
from functools import wraps

from flask import abort, current_app, g, jsonify, make_response, request, url_for
from werkzeug.http import is_resource_modified

from webapp.database import get_session
from webapp.directory import oruk
from webapp.openreferral import bp, queries
from webapp.openreferral.queries import BadParameter
from webapp.page_cache import remembered

OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/openapi.json"


def conditional(view: Callable) -> Callable:
    """Answer 304 when the caller already has the current answer; else run the view and label
    its answer with the ETag and Last-Modified it was built from."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        session = get_session()
        fresh = g.oruk_freshness = queries.freshness(session)
        tag = queries.etag(fresh, request.full_path)
        changed = queries.last_change(fresh)
        if not is_resource_modified(request.environ, etag=tag, last_modified=changed):
            response = make_response("", 304)
        else:
            try:
                # The same query of the same data is the same JSON: drawn once, then kept.
                body = remembered(
                    "oruk",
                    (fresh, request.full_path),
                    lambda: view(*args, **kwargs).get_data(),
                    store="page_cache_oruk",
                )
                response = current_app.response_class(body, mimetype="application/json")
            except BadParameter as error:
                response = jsonify(error=error.message, parameter=error.name, status=400)
                response.status_code = 400
                return response
        response.set_etag(tag)
        if changed is not None:
            response.last_modified = changed
        return response

    return wrapper


@bp.after_request
def _open_to_every_site(response):
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    return response


@bp.get("/")
def index():
    # The root says which standard this is and where the services are: it changes with the
    # code, not the data, so its ETag is its own content's and it has no Last-Modified.
    response = jsonify(
        version=oruk.VERSION,
        profile=oruk.PROFILE,
        openapi_url=OPENAPI_URL,
        services_url=url_for(".services", _external=True),
    )
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/services")
@conditional
def services():
    session = get_session()
    query = queries.parse_service_query(session, request.args)
    return jsonify(queries.services_page(session, query).as_json())


@bp.get("/services/<service_id>")
@conditional
def service(service_id: str):
    found = queries.published_service(get_session(), service_id, g.oruk_freshness)
    if found is None:
        abort(404)
    return jsonify(oruk.to_oruk(found))


@bp.get("/service_at_locations")
@conditional
def service_at_locations():
    session = get_session()
    query = queries.parse_service_query(session, request.args, locations=True)
    return jsonify(queries.service_at_locations_page(session, query).as_json())


@bp.get("/service_at_locations/<link_id>")
@conditional
def service_at_location(link_id: str):
    link = queries.published_link(get_session(), link_id)
    if link is None:
        abort(404)
    return jsonify(oruk.service_at_location_full(link))


@bp.get("/taxonomies")
@conditional
def taxonomies():
    query = queries.parse_paging(request.args)
    items = [oruk.taxonomy_json(taxonomy) for taxonomy in oruk.TAXONOMIES]
    return jsonify(_page(items, query))


@bp.get("/taxonomies/<taxonomy_id>")
@conditional
def taxonomy(taxonomy_id: str):
    found = oruk.TAXONOMIES_BY_ID.get(taxonomy_id)
    if found is None:
        abort(404)
    return jsonify(oruk.taxonomy_json(found, _terms(found.code)))


@bp.get("/taxonomy_terms")
@conditional
def taxonomy_terms():
    query = queries.parse_paging(request.args)
    terms = _terms(oruk.HELP_TAXONOMY) + _terms(oruk.FACTS_TAXONOMY)
    return jsonify(_page(terms, query))


@bp.get("/taxonomy_terms/<term_id>")
@conditional
def taxonomy_term(term_id: str):
    found = next((term for term in _terms() if term["id"] == term_id), None)
    if found is None:
        abort(404)
    return jsonify(found)


def _terms(taxonomy: str | None = None) -> list[dict]:
    terms = []
    if taxonomy in (None, oruk.HELP_TAXONOMY):
        terms += [oruk.help_term_json(term) for term in queries.help_terms(get_session())]
    if taxonomy in (None, oruk.FACTS_TAXONOMY):
        terms += [oruk.fact_term_json(fact) for fact in oruk.FACTS.values()]
    return terms


def _page(items: list, query: queries.Query) -> dict:
    start = (query.page - 1) * query.per_page
    contents = items[start : start + query.per_page]
    return queries.Page(len(items), query.page, query.per_page, contents).as_json()
