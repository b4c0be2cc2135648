"""The financial planner: what each care option costs and how long savings last."""

from flask import Blueprint

bp = Blueprint("planner", __name__, template_folder="templates", url_prefix="/planner")

from webapp.planner import views  # noqa: E402, F401  (registers the routes)
from webapp.planner.saved import register_commands  # noqa: E402

register_commands(bp)
