"""The directory of micro providers and extra care housing schemes."""

from flask import Blueprint

from webapp.search import Source, register_source

bp = Blueprint("directory", __name__, template_folder="templates")

from webapp.directory import reports, views  # noqa: E402, F401  (registers the routes)
from webapp.directory.cli import register_commands  # noqa: E402
from webapp.directory.listings import (  # noqa: E402
    LISTING_ID_PREFIX,
    directory_revision,
    listing_document_by_id,
    search_documents,
)
from webapp.directory.review import remind_reviews  # noqa: E402

register_commands(bp)
bp.cli.add_command(remind_reviews)
bp.record_once(
    lambda state: register_source(
        state.app,
        Source(
            "directory",
            search_documents,
            directory_revision,
            id_prefix=LISTING_ID_PREFIX,
            document=listing_document_by_id,
        ),
    )
)
