"""Security headers and caching rules, set in Flask so the tests can see them."""

import secrets
from collections.abc import Callable
from functools import wraps

from flask import Flask, Response, current_app, g, make_response, request

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)


def init_app(app: Flask) -> None:
    app.before_request(_start_request)
    app.after_request(_add_security_headers)
    app.after_request(_set_cache_control)
    app.context_processor(lambda: {"csp_nonce": csp_nonce()})


def csp_nonce() -> str:
    return g.csp_nonce


def _start_request() -> None:
    # g belongs to the app context, which a test client (or a copied context) may share across
    # requests: start every request with a fresh nonce and nothing marked personal.
    g.csp_nonce = secrets.token_urlsafe(16)
    g.personal = False
    g.pop("csrf_token", None)


def content_security_policy(nonce: str | None) -> str:
    # Everything comes from our own host: no page may reach any other. Static files have no
    # inline scripts, so theirs has no nonce.
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'" if nonce else "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def security_headers(nonce: str | None) -> dict[str, str]:
    """The headers every response carries, pages and static files alike."""
    return {
        "Content-Security-Policy": content_security_policy(nonce),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": PERMISSIONS_POLICY,
    }


def _add_security_headers(response: Response) -> Response:
    response.headers.update(security_headers(csp_nonce()))
    if response.status_code == 304:
        # A 304's headers replace the stored page's: a new nonce would no longer match the
        # scripts in the page the browser already has, so the stored policy stays.
        del response.headers["Content-Security-Policy"]
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return response


def _set_cache_control(response: Response) -> Response:
    """Let public pages be cached; never store a page that may hold someone's own details.

    A page is personal when the view says so, when it carries a CSRF token (a form), or when
    the visitor has a session (their planner answers). The session proxy is not touched here:
    in Flask 3.1 merely reading it marks the response as varying on the cookie.
    """
    has_session = current_app.config["SESSION_COOKIE_NAME"] in request.cookies
    if g.get("personal") or "csrf_token" in g or has_session:
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("Expires", None)
    elif "Cache-Control" not in response.headers and request.method in ("GET", "HEAD"):
        if response.status_code in (200, 304):
            seconds = current_app.config["PUBLIC_CACHE_SECONDS"]
            response.headers["Cache-Control"] = f"public, max-age={seconds}"
        else:
            response.headers["Cache-Control"] = "no-cache"
    return response


def personal(view: Callable) -> Callable:
    """Mark a view as showing someone's own answers: it is never cached."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        g.personal = True
        return make_response(view(*args, **kwargs))

    return wrapper
