"""The app's link to the search layer: which index it uses and what goes into it.

Each feature registers a source: a function giving its documents and one giving the revision of
its data. The index records the combined revision it was built from; when the data has moved on,
the next request (or `flask search ensure`) rebuilds it.

The index heals itself: when a search finds it missing or damaged, one background thread per
process rebuilds it (the store's lock lets one process at a time write), and meanwhile searches
answer 503 with a "search is being updated" page.
"""

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l

from search_index import SCHEMA_VERSION, IndexStore, SearchEngine, SearchRequest, SearchResults
from webapp.errors import error_response

UNAVAILABLE_MESSAGE = _l(
    "Search is being updated. Try again in a minute: the rest of the site works as usual."
)
REPAIR_RETRY_SECONDS = 60


class SearchUnavailable(Exception):
    """The index is missing or damaged and is being rebuilt."""


@dataclass(frozen=True)
class Source:
    name: str
    documents: Callable[[], Iterable[Mapping[str, Any]]]
    revision: Callable[[], str]


def init_app(app: Flask) -> None:
    store = IndexStore(app.config["SEARCH_INDEX_DIR"], procs=app.config["SEARCH_INDEX_PROCS"])
    app.extensions["search_store"] = store
    app.extensions["search_engine"] = SearchEngine(store)
    app.extensions["search_sources"] = []
    app.extensions["search_checked"] = False
    app.extensions["search_repair_lock"] = threading.Lock()
    app.before_request(_ensure_on_first_request)
    app.register_error_handler(SearchUnavailable, _search_unavailable)


def register_source(app: Flask, source: Source) -> None:
    app.extensions["search_sources"].append(source)


def get_store() -> IndexStore:
    return current_app.extensions["search_store"]


def _sources() -> list[Source]:
    return current_app.extensions["search_sources"]


def current_revision() -> str:
    parts = [f"schema={SCHEMA_VERSION}"]
    parts += [f"{source.name}={source.revision()}" for source in _sources()]
    return ";".join(parts)


def all_documents() -> Iterator[Mapping[str, Any]]:
    for source in _sources():
        yield from source.documents()


def rebuild_index() -> int:
    return get_store().rebuild(all_documents(), revision=current_revision())


def ensure_index() -> bool:
    """Rebuild if the index is missing or older than the data; True if it did."""
    return get_store().ensure(current_revision(), all_documents)


def update_documents(
    documents: Iterable[Mapping[str, Any]], removed_ids: Iterable[str] = ()
) -> None:
    """Index a change to a few documents at once, after their data is committed."""
    get_store().update(documents, removed_ids, revision=current_revision())


def search(request: SearchRequest) -> SearchResults:
    """Search the index; SearchUnavailable (and a rebuild started) if it is missing or damaged."""
    try:
        return current_app.extensions["search_engine"].search(request)
    except Exception:
        if get_store().is_sound():
            raise  # the index is fine: this is a bug, and must be seen as one
        current_app.logger.warning("The search index is missing or damaged: rebuilding it")
        start_repair()
        raise SearchUnavailable from None


def start_repair() -> threading.Thread | None:
    """Rebuild the index in a background thread, unless this process is already doing so."""
    app = current_app._get_current_object()
    lock = app.extensions["search_repair_lock"]
    if not lock.acquire(blocking=False):
        return None

    def repair() -> None:
        try:
            with app.app_context():
                ensure_index()
        except Exception:  # logged: the next failed search starts another attempt
            app.logger.exception("Could not rebuild the search index")
        finally:
            lock.release()

    thread = threading.Thread(target=repair, name="search-index-repair", daemon=True)
    app.extensions["search_repair"] = thread
    thread.start()
    return thread


def _search_unavailable(_error: SearchUnavailable):
    body, status = error_response(503, str(UNAVAILABLE_MESSAGE))
    return body, status, {"Retry-After": str(REPAIR_RETRY_SECONDS)}


def _ensure_on_first_request() -> None:
    # Once per process: an index older than the database (a restore, an import while the
    # site was down) is rebuilt before it serves stale results.
    if current_app.extensions["search_checked"]:
        return
    current_app.extensions["search_checked"] = True
    try:
        ensure_index()
    except Exception:  # a stale index still serves; a failed rebuild must not take the site down
        current_app.logger.exception("Could not bring the search index up to date")
