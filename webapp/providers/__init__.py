"""Providers keep their own listings: sign in, list a service, update it, say if they have space."""

from flask import Blueprint, g

bp = Blueprint("providers", __name__, template_folder="templates", url_prefix="/providers")


@bp.before_request
def _never_cached():
    g.personal = True


from webapp.providers import views  # noqa: E402, F401  (registers the routes)
