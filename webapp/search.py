"""The app's link to the search layer: which index it uses and what goes into it.

Each feature registers a source of documents (directory listings, advice pages);
a rebuild reads them all from the database and files on disk.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from flask import Flask, current_app

from search_index import IndexStore

DocumentSource = Callable[[], Iterable[Mapping[str, Any]]]


def init_app(app: Flask) -> None:
    app.extensions["search_store"] = IndexStore(app.config["SEARCH_INDEX_DIR"])
    app.extensions["search_sources"] = []


def register_source(app: Flask, source: DocumentSource) -> None:
    app.extensions["search_sources"].append(source)


def get_store() -> IndexStore:
    return current_app.extensions["search_store"]


def all_documents() -> Iterator[Mapping[str, Any]]:
    for source in current_app.extensions["search_sources"]:
        yield from source()


def rebuild_index(revision: str = "initial") -> int:
    """Rebuild from every source; `revision` names the database state the index reflects."""
    return get_store().rebuild(all_documents(), revision=revision)
