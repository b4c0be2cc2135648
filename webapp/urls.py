"""Absolute links, for addresses people keep or send on (a saved plan's private link)."""

from flask import current_app, url_for


def absolute_url(endpoint: str, **values) -> str:
    """The link under PUBLIC_URL; never built from the request's Host header when it is set."""
    public_url = current_app.config["PUBLIC_URL"]
    if public_url:
        return public_url + url_for(endpoint, **values)
    # Development only (production requires PUBLIC_URL): the address this request came to.
    return url_for(endpoint, **values, _external=True)


def init_app(app) -> None:
    app.jinja_env.globals["absolute_url"] = absolute_url
