from flask import render_template

from webapp.planner import bp


@bp.get("")
def start():
    return render_template("planner/start.html")
