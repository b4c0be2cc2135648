from flask import jsonify

from webapp.api import bp

API_VERSION = "1"


@bp.get("/v1/")
def index():
    return jsonify(service="Dorset Care Guide", api_version=API_VERSION)
