"""One place for error handling: a page in the site layout, or JSON under /api/."""

from flask import Flask, current_app, g, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

# Short plain titles; the templates in errors/ explain what to do next.
ERROR_TITLES = {
    400: _l("There is a problem with your request"),
    403: _l("You cannot see this page"),
    404: _l("Page not found"),
    405: _l("That action is not possible on this page"),
    413: _l("What you sent is too large"),
    429: _l("Too many requests"),
    500: _l("Sorry, there is a problem with the service"),
    503: _l("Sorry, the service is temporarily unavailable"),
}
# A database that is down, unreachable or out of connections: an outage, not a bug. So is one
# that is read-only: SQLite says so with an OperationalError, PostgreSQL with this SQLSTATE.
DATABASE_OUTAGES = (OperationalError, InterfaceError)
READ_ONLY_SQLSTATE = "25006"
OUTAGE_RETRY_SECONDS = 30


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(SecurityError, _untrusted_host)
    app.register_error_handler(DBAPIError, _database_error)
    app.register_error_handler(PoolTimeout, _database_outage)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def wants_json() -> bool:
    return request.path.startswith(("/api/", "/openreferral/"))


def error_response(status: int, message: str | None = None, **context):
    title = str(ERROR_TITLES.get(status, ERROR_TITLES[500]))
    if wants_json():
        return jsonify(error=message or title, status=status), status
    template = f"errors/{status}.html" if status in ERROR_TITLES else "errors/500.html"
    return render_template(template, title=title, message=message, status=status, **context), status


def _http_error(error: HTTPException):
    status = error.code or 500
    body, code = error_response(status)
    # Keep what the error says about itself: Allow on 405, Retry-After on 429.
    headers = {
        name: value for name, value in error.get_headers() if name in ("Allow", "Retry-After")
    }
    return body, code, headers


def _csrf_error(error: CSRFError):
    if wants_json():
        return error_response(400, error.description)
    return (
        render_template(
            "errors/csrf.html", title=_l("Your page timed out"), status=400, retry_url=request.path
        ),
        400,
    )


def _untrusted_host(_error: SecurityError):
    # A Host header not in TRUSTED_HOSTS: no link can be built for it, so no page either.
    return str(_l("This site is not served at that address")), 400, {"Content-Type": "text/plain"}


def _database_error(error: DBAPIError):
    read_only = getattr(error.orig, "sqlstate", None) == READ_ONLY_SQLSTATE
    if isinstance(error, DATABASE_OUTAGES) or read_only:
        return _database_outage(error)
    return _unexpected_error(error)


def _database_outage(error: Exception):
    current_app.logger.error("Database unavailable on %s: %s", request.path, error)
    # The failed transaction must not be the next query's: roll it back now, not at teardown.
    session = g.get("db_session")
    if session is not None:
        session.rollback()
    # What the person sent goes back into the page, to send again with one button.
    resend = (
        [(name, value) for name, value in request.form.items(multi=True) if name != "csrf_token"]
        if request.method == "POST" and not wants_json()
        else None
    )
    body, status = error_response(503, resend=resend)
    return body, status, {"Retry-After": str(OUTAGE_RETRY_SECONDS)}


def _unexpected_error(error: Exception):
    # HTTP errors go to _http_error; anything reaching here is a bug, logged, never shown.
    current_app.logger.exception("Unhandled error on %s", request.path)
    return _http_error(InternalServerError(original_exception=error))
