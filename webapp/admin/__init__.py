"""Tools for the council staff who keep the directory up to date, behind sign-in."""

from flask import Blueprint, abort, g, request
from flask_login import current_user

from webapp.accounts import login_manager

bp = Blueprint("admin", __name__, template_folder="templates", url_prefix="/admin")

# The only pages under /admin a stranger may see: the way in.
# The emailed set-up link is a way in too: it needs the link, not a session.
OPEN_ENDPOINTS = frozenset({"admin.sign_in", "admin.second_factor", "admin.set_up"})


@bp.before_request
def _officers_only():
    g.personal = True  # nothing under /admin is ever cached
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.is_officer:
        abort(403)
    return None


from webapp.admin import cli, officers, views  # noqa: E402, F401  (registers the routes and commands)
