from flask import render_template

from webapp.content import bp

# Pages about the site itself, linked from the footer: slug -> template.
SITE_PAGES = ("accessibility", "privacy", "cookies", "contact")


@bp.get("/")
def home():
    return render_template("content/home.html")


@bp.get("/<any(" + ", ".join(SITE_PAGES) + "):page>")
def site_page(page: str):
    return render_template(f"content/{page}.html")


@bp.get("/ageing-well")
def ageing_well():
    return render_template("content/ageing_well.html")


@bp.get("/day-opportunities")
def day_opportunities():
    return render_template("content/day_opportunities.html")
