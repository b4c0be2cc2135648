"""Health checks for the people and load balancers that run the site."""

from flask import Blueprint, jsonify

from webapp.database import database_is_reachable
from webapp.search import get_store

bp = Blueprint("status", __name__)


@bp.get("/healthz")
def healthz():
    checks = {
        "database": "ok" if database_is_reachable() else "unreachable",
        "search_index": "ok" if get_store().is_ready() else "not built",
    }
    healthy = all(value == "ok" for value in checks.values())
    response = jsonify(status="ok" if healthy else "unhealthy", checks=checks)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
