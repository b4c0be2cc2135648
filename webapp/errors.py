"""One place for error handling: a page in the site layout, or JSON under /api/."""

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

# Short plain titles; the templates in errors/ explain what to do next.
ERROR_TITLES = {
    400: _l("There is a problem with your request"),
    403: _l("You cannot see this page"),
    404: _l("Page not found"),
    405: _l("That action is not possible on this page"),
    413: _l("What you sent is too large"),
    429: _l("Too many requests"),
    500: _l("Sorry, there is a problem with the service"),
}


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def wants_json() -> bool:
    return request.path.startswith(("/api/", "/openreferral/"))


def error_response(status: int, message: str | None = None):
    title = str(ERROR_TITLES.get(status, ERROR_TITLES[500]))
    if wants_json():
        return jsonify(error=message or title, status=status), status
    template = f"errors/{status}.html" if status in ERROR_TITLES else "errors/500.html"
    return render_template(template, title=title, message=message, status=status), status


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


def _unexpected_error(error: Exception):
    # HTTP errors go to _http_error; anything reaching here is a bug, logged, never shown.
    current_app.logger.exception("Unhandled error on %s", request.path)
    return _http_error(InternalServerError(original_exception=error))
