"""Public pages rendered once per revision of the data behind them, then served from a cache.

A page is kept under its address and the revisions of the site's data (the advice pages and the
directory, as the search index counts them) and of the code that drew it, so a change to any of
them makes a new entry and old ones age out. Each response gets a weak ETag and a Last-Modified,
so browsers and proxies revalidate with a 304.

The body is rendered with a placeholder where the CSP nonce goes, and each response swaps in its
own fresh nonce: the policy stays strict although the page is drawn once. The placeholder is
derived from the secret key, so no text a person can write can contain it.

Search pages (`cached_page(by_query=True)`) are kept under their query as well, in a store of a
bounded number of entries in each process rather than the shared cache: anyone can invent new
queries, and they must not be able to fill memory or push the advice pages out of Redis. Only
pages drawn with a 200 are kept; a page saying what was wrong with the input is drawn each time.
"""

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path
from urllib.parse import urlencode

from cachelib import SimpleCache
from flask import Flask, current_app, g, make_response, request
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf

from webapp.extensions import cache
from webapp.search import current_revision, get_store
from webapp.static_files import MANIFEST


def init_app(app: Flask) -> None:
    redis_url = app.config["REDIS_URL"]
    cache.init_app(
        app,
        config={
            "CACHE_TYPE": "RedisCache" if redis_url else "SimpleCache",
            "CACHE_REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": app.config["PAGE_CACHE_PREFIX"],
            "CACHE_DEFAULT_TIMEOUT": app.config["PAGE_CACHE_SECONDS"],
        },
    )
    app.extensions["page_cache_searches"] = SimpleCache(
        threshold=app.config["PAGE_CACHE_SEARCHES"],
        default_timeout=app.config["PAGE_CACHE_SECONDS"],
    )
    # Plans are personal: kept only in this process's memory, never in a shared cache.
    app.extensions["page_cache_plans"] = SimpleCache(
        threshold=app.config["PAGE_CACHE_PLANS"],
        default_timeout=app.config["PAGE_CACHE_SECONDS"],
    )
    # Open Referral UK answers, by their query: kept in each process, bounded, as search pages
    # are, since anyone can invent new queries.
    app.extensions["page_cache_oruk"] = SimpleCache(
        threshold=app.config["PAGE_CACHE_ORUK"],
        default_timeout=app.config["PAGE_CACHE_SECONDS"],
    )
    app.extensions["page_cache_release"] = _release(app)
    app.extensions["page_cache_placeholder"] = hmac.new(
        app.config["SECRET_KEY"].encode(), b"csp nonce placeholder", hashlib.sha256
    ).hexdigest()
    app.extensions["page_cache_csrf_placeholder"] = hmac.new(
        app.config["SECRET_KEY"].encode(), b"csrf token placeholder", hashlib.sha256
    ).hexdigest()


def personal_page(inputs, draw: Callable[[], str]) -> str:
    """A page drawn only from `inputs` (someone's answers), drawn once for the same inputs.

    The key holds a digest of the inputs, never the inputs themselves or who gave them. The
    page's CSP nonce and form token are placeholders in what is kept, and each response gets the
    visitor's own; the response stays personal (`no-store`).
    """
    key = f"{_key()}|{_digest(inputs)}"
    store = current_app.extensions["page_cache_plans"]
    token_placeholder = current_app.extensions["page_cache_csrf_placeholder"]
    token = generate_csrf()
    body = _get(store, key)
    if body is None:
        g.csrf_token = token_placeholder
        try:
            body, _status = _render(draw, (), {})
        finally:
            g.csrf_token = token
        _set(store, key, body)
    placeholder = current_app.extensions["page_cache_placeholder"]
    return body.replace(placeholder, g.csp_nonce).replace(token_placeholder, token)


def remembered(kind: str, inputs, work: Callable, store: str = "page_cache_plans"):
    """What `work` gives for `inputs`, a pure function of them, worked out once for the same
    inputs and kept in `store`, by default beside the personal pages (a copy each time, so no
    caller changes it)."""
    release = current_app.extensions["page_cache_release"]
    key = f"{kind}|{release}|{_digest(inputs)}"
    store = current_app.extensions[store]
    result = _get(store, key)
    if result is None:
        result = work()
        _set(store, key, result)
    return result


def _digest(inputs) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()


def cached_page(view: Callable | None = None, *, by_query: bool = False) -> Callable:
    """Serve the view's page from the cache, drawing it only when nothing current is kept.

    With `by_query`, the page depends on the query string too, and is kept in this process's
    bounded store of search pages.
    """
    if view is None:
        return lambda view: cached_page(view, by_query=by_query)

    @wraps(view)
    def wrapper(*args, **kwargs):
        key = _key(by_query)
        store = current_app.extensions["page_cache_searches"] if by_query else cache
        entry = _get(store, key)
        placeholder = current_app.extensions["page_cache_placeholder"]
        if entry is None:
            body, status = _render(view, args, kwargs)
            if status != 200 or "csrf_token" in g or g.personal:
                # Only a plain page is shared: never an error about someone's input, a form's
                # token or someone's own answers.
                return body.replace(placeholder, g.csp_nonce), status
            entry = {"body": body, "modified": datetime.now(UTC).replace(microsecond=0)}
            _set(store, key, entry)
        response = make_response(entry["body"].replace(placeholder, g.csp_nonce))
        response.set_etag(hashlib.sha256(key.encode()).hexdigest()[:32], weak=True)
        response.last_modified = entry["modified"]
        return response.make_conditional(request)

    return wrapper


def _key(by_query: bool = False) -> str:
    release = current_app.extensions["page_cache_release"]
    # Not the host name: these pages link only by path, and a Host header is the visitor's to
    # choose, so keying on it would let anyone fill the cache.
    key = f"{release}|{get_locale()}|{request.path}|{_data_revision()}"
    if by_query:
        # The choices as the view reads them, in their order (the page's links keep it), so
        # spellings of one query such as %20 and + share an entry; hashed to bound the key.
        query = urlencode(list(request.args.items(multi=True)))
        key += "|" + hashlib.sha256(query.encode()).hexdigest()
        # Results come from this server's index, which may catch up with the data a few
        # seconds after it changes: a page drawn before then must not outlive the catching up.
        key += f"|{get_store().revision()}"
    return key


def _data_revision() -> str:
    """The revision of the data behind the pages, asked for at most once a few seconds: asking
    (the advice files on disk, the directory in the database) costs more than serving a page."""
    last = current_app.extensions.get("page_cache_revision")
    now = time.monotonic()
    if last is None or now - last[1] >= current_app.config["PAGE_CACHE_REVISION_SECONDS"]:
        last = (current_revision(), now)
        current_app.extensions["page_cache_revision"] = last
    return last[0]


def _render(view: Callable, args, kwargs) -> tuple[str, int]:
    """The view's page drawn with the placeholder for the nonce, and its status."""
    nonce = g.csp_nonce
    g.csp_nonce = current_app.extensions["page_cache_placeholder"]
    try:
        result = view(*args, **kwargs)
    finally:
        g.csp_nonce = nonce
    return result if isinstance(result, tuple) else (result, 200)


def _get(store, key: str) -> dict | None:
    try:
        return store.get(key)
    except Exception:  # an unreachable cache makes pages slower, never unavailable
        current_app.logger.exception("Could not read the page cache")
        return None


def _set(store, key: str, entry: dict) -> None:
    try:
        store.set(key, entry)
    except Exception:  # as in _get: the page is still served
        current_app.logger.exception("Could not write the page cache")


def _release(app: Flask) -> str:
    """A digest of the code, templates, translations, static file names and the calculators
    with their rates files: a new release draws its pages afresh even where an old release's
    pages are still in a shared cache."""
    root = Path(app.root_path)
    static = Path(app.static_folder)
    calculators = root.parent / "calculators"
    digest = hashlib.sha256()
    files = [p for p in root.rglob("*") if p.suffix in (".py", ".html", ".mo")]
    files = [p for p in files if static not in p.parents] + [static / MANIFEST]
    files += [p for p in calculators.rglob("*") if p.suffix in (".py", ".toml")]
    for path in sorted(files):
        if path.is_file():
            digest.update(path.relative_to(root.parent).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
