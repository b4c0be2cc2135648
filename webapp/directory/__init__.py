"""The directory of micro providers and extra care housing schemes."""

from flask import Blueprint

bp = Blueprint("directory", __name__, template_folder="templates")

from webapp.directory import views  # noqa: E402, F401  (registers the routes)
