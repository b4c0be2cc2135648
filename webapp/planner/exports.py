"""The plan to take away: a CSV of every figure, and a PDF made from the print page."""

import csv
import io
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app, request
from flask_babel import gettext as _


def csv_text(view: dict) -> str:
    """The answers, the date, the assumptions and every year of the projection, with a note
    wherever a cell is left empty."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow([_("Care cost plan made on"), view["today"].isoformat()])
    writer.writerow([_("Rates used"), view["year"]])
    writer.writerow([])
    writer.writerow([_("Question"), _("Answer")])
    for question, lines in view["answer_lines"]:
        writer.writerow([question, "; ".join(lines)])
    writer.writerow([])
    writer.writerow([_("Assumption"), _("Source")])
    for item in view["assumptions"]:
        writer.writerow([item["text"], item["source"] or _("a rule of the planner")])
    writer.writerow([])
    writer.writerow(
        [
            _("Option"),
            _("Cost of care a week"),
            _("Total a week"),
            _("From income a week"),
            _("From savings a week"),
            _("The council might pay a week"),
            _("Savings reach the upper limit on"),
            _("Ask the council by"),
        ]
    )
    for option in view["options"]:
        writer.writerow(
            [
                option["name"],
                f"{option['weekly_cost']:.2f}",
                f"{option['total']:.2f}",
                f"{option['from_income']:.2f}",
                f"{option['from_savings']:.2f}",
                f"{option['council_pays']:.2f}",
                option["limit_date"].isoformat()
                if option["limit_date"]
                else _("not within %(years)s years", years=view["projection_years"]),
                _("now")
                if option["ask_now"]
                else option["ask_by"].isoformat()
                if option["ask_by"]
                else _("no need within %(years)s years", years=view["projection_years"]),
            ]
        )
    writer.writerow([])
    writer.writerow(
        [_("Savings and investments on each date"), *(o["name"] for o in view["options"])]
    )
    for row, day in enumerate(view["years"]):
        writer.writerow(
            [
                day.isoformat(),
                *(f"{option['yearly'][row][1]:.2f}" for option in view["options"]),
            ]
        )
    return output.getvalue()


def pdf(html: str) -> bytes:
    """The print page as a PDF. Stylesheets and images come from our own static files only:
    nothing is fetched over the network."""
    # WeasyPrint loads Pango as it is imported: only pay for that when a PDF is asked for.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    static = Path(current_app.static_folder).resolve()
    prefix = current_app.static_url_path.rstrip("/") + "/"

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            path = urlsplit(url).path
            file = (static / path.removeprefix(prefix)).resolve()
            if not path.startswith(prefix) or static not in file.parents or not file.is_file():
                raise ValueError(f"only the site's own static files go into a PDF, not {url}")
            return URLFetcherResponse(
                url,
                file.read_bytes(),
                {"Content-Type": mimetypes.guess_type(file.name)[0] or "application/octet-stream"},
            )

    return HTML(string=html, base_url=request.host_url, url_fetcher=StaticOnly()).write_pdf()
