from flask import render_template

from webapp.directory import bp


@bp.get("/find-support")
def find_support():
    return render_template("directory/find_support.html")
