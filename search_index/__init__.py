"""The site's search layer. Views use only what this package exports, never Whoosh itself,
so the engine could be replaced without touching them."""

from search_index.engine import (
    Hit,
    SearchEngine,
    SearchRequest,
    SearchResults,
    box_around,
    miles_between,
)
from search_index.schema import SCHEMA_VERSION
from search_index.store import IndexStore

__all__ = [
    "SCHEMA_VERSION",
    "Hit",
    "IndexStore",
    "SearchEngine",
    "SearchRequest",
    "SearchResults",
    "box_around",
    "miles_between",
]
