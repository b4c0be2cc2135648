"""The directory published as an Open Referral UK 3.0 API: read-only JSON for other services."""

from flask import Blueprint

PREFIX = "/openreferral/v3"
bp = Blueprint("openreferral", __name__, url_prefix=PREFIX)

from webapp.openreferral import views  # noqa: E402, F401  (registers the routes)
