"""Tools for the council staff who keep the directory up to date.

Registered now so its URLs are reserved under /admin; its pages arrive with the directory
reporting and moderation work.
"""

from flask import Blueprint

bp = Blueprint("admin", __name__, template_folder="templates", url_prefix="/admin")
