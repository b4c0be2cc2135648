"""Information and advice: the home page, topic pages and the site's own pages."""

from flask import Blueprint

bp = Blueprint("content", __name__, template_folder="templates")

from webapp.content import views  # noqa: E402, F401  (registers the routes)
