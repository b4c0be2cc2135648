"""Health checks for the people and load balancers that run the site."""

from flask import Blueprint, jsonify

from webapp.database import database_status
from webapp.search import get_store, start_repair

bp = Blueprint("status", __name__)


@bp.get("/healthz")
def healthz():
    checks = {"database": database_status(), "search_index": "ok"}
    if not get_store().is_ready():
        start_repair()  # heals itself, as a failed search would
        checks["search_index"] = "being rebuilt"
    healthy = all(value == "ok" for value in checks.values())
    response = jsonify(status="ok" if healthy else "unhealthy", checks=checks)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
