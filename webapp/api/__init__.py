"""The JSON API: the calculators over HTTP, for programs and advisers' tools."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")

from webapp.api import views  # noqa: E402, F401  (registers the routes)
