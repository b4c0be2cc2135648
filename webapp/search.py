"""The app's link to the search layer: which index it uses and what goes into it.

Each feature registers a source: a function giving its documents and one giving the revision of
its data. The index records the combined revision it was built from; when the data has moved on,
the next request (or `flask search ensure`) rebuilds it.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app

from search_index import SCHEMA_VERSION, IndexStore, SearchEngine, SearchRequest, SearchResults


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
    app.before_request(_ensure_on_first_request)


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
    return current_app.extensions["search_engine"].search(request)


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
