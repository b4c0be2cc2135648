"""Information and advice: the home page, the advice pages from content/, site-wide search and
the site's own pages."""

from flask import Blueprint, Flask

from webapp.content.contacts import contact
from webapp.content.library import ContentLibrary
from webapp.search import Source, register_source

bp = Blueprint("content", __name__, template_folder="templates")


def get_library(app: Flask) -> ContentLibrary:
    return app.extensions["content_library"]


def _set_up(state) -> None:
    app = state.app
    library = ContentLibrary(app.config["CONTENT_DIR"])
    app.extensions["content_library"] = library
    # Any template can show a contact from the one data file: {{ contact("adult_access_team") }}
    app.jinja_env.globals["contact"] = contact
    register_source(app, Source("content", lambda: page_documents(library), library.revision))


bp.record_once(_set_up)

from webapp.content import views  # noqa: E402, F401  (registers the routes)
from webapp.content.cli import register_commands  # noqa: E402
from webapp.content.search_documents import page_documents  # noqa: E402

register_commands(bp)
