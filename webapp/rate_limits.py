"""Rate limits per client address, counted where every worker can see them.

Flask-Limiter counts in Redis when REDIS_URL is set, so every worker and server shares one count;
without it, in this process's memory (development and tests). The address is the one ProxyFix
took from the trusted proxies' X-Forwarded-For, so behind a proxy each visitor has their own count.

Views declare their limit with a decorator from here; `init_app` gives each app its own limiter
(its own storage and key prefix), which is why the decorators only mark the view.
"""

from collections.abc import Callable

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

_MARK = "_dcg_rate_limit"


def api_limit() -> str:
    return f"{current_app.config['API_REQUESTS_PER_MINUTE']} per minute"


def write_limit() -> str:
    return f"{current_app.config['WRITE_REQUESTS_PER_MINUTE']} per minute"


def limited(limit: Callable[[], str], shared_scope: str | None = None) -> Callable:
    """A decorator limiting a view to `limit()` requests per client address.

    With `shared_scope`, every view with that scope draws on one count per client.
    """

    def mark(view: Callable) -> Callable:
        setattr(view, _MARK, (limit, shared_scope))
        return view

    return mark


# Every form that writes (saving a plan, signing in, sending a link, reporting a listing) shares
# one budget per client: WRITE_REQUESTS_PER_MINUTE, for POST requests only.
limit_writes = limited(write_limit, shared_scope="writes")


def init_app(app: Flask) -> None:
    """Give the app its limiter; call after the blueprints are registered."""
    limiter = Limiter(
        get_remote_address,
        storage_uri=app.config["REDIS_URL"] or "memory://",
        key_prefix=app.config["RATE_LIMIT_KEY_PREFIX"],
        headers_enabled=True,  # Retry-After on a 429, and the remaining count on the rest
        strategy="moving-window",
        # Redis down: count in memory for a while rather than refuse every request.
        in_memory_fallback_enabled=True,
    )
    limiter.init_app(app)
    app.extensions["rate_limiter"] = limiter
    for endpoint, view in list(app.view_functions.items()):
        marked = getattr(view, _MARK, None)
        if marked is None:
            continue
        limit, scope = marked
        decorator = (
            limiter.shared_limit(limit, scope=scope, methods=["POST"])
            if scope
            else limiter.limit(limit)
        )
        # Flask-Limiter checks a decorated limit in the wrapper it returns: serve that wrapper.
        app.view_functions[endpoint] = decorator(view)
