"""CSV files for officers, safe to open in a spreadsheet."""

import csv
import io
from collections.abc import Iterable

from flask import Response

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """A cell that cannot run as a formula: a leading apostrophe makes it plain text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename: str, columns: Iterable[str], rows: Iterable[dict]) -> Response:
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: neutralise(value) for key, value in row.items()})
    return Response(
        output.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
