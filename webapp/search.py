"""The app's link to the search layer: which index it uses and what goes into it.

Each feature registers a source: a function giving its documents and one giving the revision of
its data. The index records the combined revision it was built from.

The index is a cache of the database, and each server may have its own. A change made on one
server is recorded in the database (SearchChange) as well as applied to that server's index.
Every server compares its index's revision with the database's at most once every
SEARCH_CHECK_SECONDS, applies the changes it does not have, and rebuilds whole only when it
cannot tell what changed (an import, a restore, a schema change).

The index heals itself: when a search finds it missing or damaged, one background thread per
process rebuilds it (the store's lock lets one process at a time write), and meanwhile searches
answer 503 with a "search is being updated" page.
"""

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, insert, select

from search_index import SCHEMA_VERSION, IndexStore, SearchEngine, SearchRequest, SearchResults
from webapp.database import get_engine
from webapp.errors import error_response
from webapp.models import SearchChange

CHANGES = "changes"
# A change to everything: another server rebuilt its index whole.
EVERYTHING = "*"
# Changes older than this are deleted; a server whose index is older rebuilds it whole.
KEEP_CHANGES_FOR = timedelta(days=7)

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
    # For sources whose changes other servers apply one by one: the prefix of their document
    # ids, and the document now for an id (None once it is deleted).
    id_prefix: str = ""
    document: Callable[[str], Mapping[str, Any] | None] | None = None


@dataclass
class _Freshness:
    checked_at: float | None = None
    # When the database first differed with no recorded change to explain it: the change may
    # be moments from being recorded, so a whole rebuild waits a little.
    unexplained_since: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def init_app(app: Flask) -> None:
    store = IndexStore(app.config["SEARCH_INDEX_DIR"], procs=app.config["SEARCH_INDEX_PROCS"])
    app.extensions["search_store"] = store
    app.extensions["search_engine"] = SearchEngine(store)
    app.extensions["search_sources"] = []
    app.extensions["search_freshness"] = _Freshness()
    app.before_request(_keep_fresh)
    app.extensions["search_repair_lock"] = threading.Lock()
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
    parts.append(f"{CHANGES}={_last_change_id()}")
    return ";".join(parts)


def all_documents() -> Iterator[Mapping[str, Any]]:
    for source in _sources():
        yield from source.documents()


def rebuild_index() -> int:
    """Rebuild this server's index whole, and have every other server rebuild its own (an
    import changes too many documents to list)."""
    _record_change([EVERYTHING])
    return get_store().rebuild(all_documents(), revision=current_revision())


def ensure_index() -> bool:
    """Rebuild if the index is missing or older than the data; True if it did."""
    return get_store().ensure(current_revision(), all_documents)


def update_documents(
    documents: Iterable[Mapping[str, Any]], removed_ids: Iterable[str] = ()
) -> None:
    """Index a change to a few documents at once, after their data is committed, and record
    it so every other server applies it too."""
    documents, removed_ids = list(documents), list(removed_ids)
    _record_change([str(document["id"]) for document in documents] + removed_ids)
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


def catch_up(patient: bool = False) -> str:
    """Bring this server's index up to the database: "current", "applied" (changes made on
    other servers), "rebuilt", "repairing" (a missing or damaged index, rebuilt in the
    background), or "waiting" (a difference no recorded change explains yet,
    when `patient`: on a running server the change may be moments from being recorded)."""
    freshness: _Freshness = current_app.extensions["search_freshness"]
    store = get_store()
    wanted = current_revision()
    have = store.revision() if store.is_ready() else None
    if have == wanted:
        freshness.unexplained_since = None
        return "current"
    have_parts, wanted_parts = _parts(have or ""), _parts(wanted)
    by_change = {source.name for source in _sources() if source.document is not None}
    others_differ = any(
        have_parts.get(name) != value
        for name, value in wanted_parts.items()
        if name != CHANGES and name not in by_change
    )
    held = have_parts.get(CHANGES, "")
    if have is None and patient:
        # A running server's index vanished or broke: rebuild it in the background while
        # searches answer 503, rather than hold this request for a whole build.
        start_repair()
        return "repairing"
    if have is None or others_differ or not held.isdigit():
        return "rebuilt" if ensure_index() else "current"
    changes = _changes_between(int(held), int(wanted_parts[CHANGES]))
    if changes and EVERYTHING not in changes:
        freshness.unexplained_since = None
        _apply(changes, wanted)
        return "applied"
    if changes == [] and patient:
        now = time.monotonic()
        freshness.unexplained_since = freshness.unexplained_since or now
        if now - freshness.unexplained_since < 3 * current_app.config["SEARCH_CHECK_SECONDS"]:
            return "waiting"
    freshness.unexplained_since = None
    return "rebuilt" if ensure_index() else "current"


def _keep_fresh() -> None:
    freshness: _Freshness = current_app.extensions["search_freshness"]
    now = time.monotonic()
    interval = current_app.config["SEARCH_CHECK_SECONDS"]
    if freshness.checked_at is not None and now - freshness.checked_at < interval:
        return
    if not freshness.lock.acquire(blocking=False):
        return  # another thread of this server is already checking
    try:
        # A process's first check rebuilds at once if it must: its index may be from long ago.
        patient = freshness.checked_at is not None
        freshness.checked_at = now
        catch_up(patient)
    except Exception:  # a stale index still serves; a failed update must not take the site down
        current_app.logger.exception("Could not bring the search index up to date")
    finally:
        freshness.lock.release()


def _parts(revision: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in revision.split(";") if "=" in part)


def _last_change_id() -> int:
    with get_engine().connect() as connection:
        return connection.scalar(select(func.max(SearchChange.id))) or 0


def _record_change(document_ids: list[str]) -> None:
    if not document_ids:
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    with get_engine().begin() as connection:
        connection.execute(
            insert(SearchChange).values(document_ids=" ".join(document_ids), created_at=now)
        )
        connection.execute(
            delete(SearchChange).where(SearchChange.created_at < now - KEEP_CHANGES_FOR)
        )


def _changes_between(held: int, wanted: int) -> list[str] | None:
    """The document ids changed after change `held` up to `wanted`, or None if some of those
    changes are no longer kept."""
    if wanted <= held:
        return []
    with get_engine().connect() as connection:
        rows = connection.execute(
            select(SearchChange.id, SearchChange.document_ids)
            .where(SearchChange.id > held, SearchChange.id <= wanted)
            .order_by(SearchChange.id)
        ).all()
    if not rows or rows[0].id != held + 1:
        return None  # deleted as too old (or a gap in the ids): safest to rebuild
    return list(dict.fromkeys(i for row in rows for i in row.document_ids.split()))


def _apply(document_ids: list[str], revision: str) -> None:
    documents, removed = [], []
    for document_id in document_ids:
        source = next(
            (s for s in _sources() if s.document and document_id.startswith(s.id_prefix)), None
        )
        document = source.document(document_id) if source else None
        if document is None:
            removed.append(document_id)
        else:
            documents.append(document)
    get_store().update(documents, removed, revision=revision)
