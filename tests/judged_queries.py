"""A judged query set: what carers and older people type, and what they would expect to see in
the first five results, on the sample directory and the shipped advice pages.

A judgement names either advice pages (by address) or the kind of listing expected: one whose
main offer (the first kind of help it was made with) is the kind of help asked for, within a
distance of the place asked about when there is one. Judged from the data, never from what the
search returns. Misspellings are judged on the page the person reaches by following "Did you
mean", one click away, when the search itself finds nothing.

Used by tests/functional/test_search_quality.py and by `make bench`.
"""

import statistics
from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from webapp.directory.sample_data import sample_records

DIRECTORY = "/find-support"
SITE = "/search"


@dataclass(frozen=True)
class Judgement:
    words: str
    help: str = ""  # a listing whose main offer is this kind of help
    within: float | None = None  # ...this many miles from the place in the words or location
    pages: tuple[str, ...] = ()  # or one of these advice pages
    location: str = ""
    path: str = DIRECTORY
    params: dict = field(default_factory=dict)


J = Judgement
JUDGEMENTS = (
    # The issue's own examples.
    J("someone to sit with mum", help="sitting_service"),
    J("sitter for mum", help="sitting_service"),
    J("befriending DT6", help="befriending", within=10),
    J("", location="DT6", help="", within=3),
    J("respite", path=SITE, pages=("/carers/short-breaks", "/care-homes/trial-stays-and-respite")),
    # Sitting and company.
    J("sitting service", help="sitting_service"),
    J("sitters", help="sitting_service"),
    J("sitters near Dorchester", help="sitting_service", within=15),
    J("someone to sit with my husband so I can go out", help="sitting_service"),
    J("companion for my dad", help="befriending"),
    J("someone to visit my mum", help="befriending"),
    J("my mum is lonely", help="befriending"),
    J("someone to talk to", help="befriending"),
    J("befriending in Bridport", help="befriending", within=10),
    J("befriending", help="befriending"),
    # Breaks for carers.
    J("carer break", help="respite"),
    J("carers breaks", help="respite"),
    J("respite", help="respite"),
    J("short breaks for carers", help="respite"),
    J("respite care in Wareham", help="respite", within=25),
    # Home help.
    J("cleaner", help="home_help"),
    J("cleaners", help="home_help"),
    J("cleaning", help="home_help"),
    J("home help", help="home_help"),
    J("help with housework", help="home_help"),
    J("ironing and laundry", help="home_help"),
    # Shopping and getting about.
    J("shopping", help="shopping"),
    J("someone to do my shopping", help="shopping"),
    J("collect prescriptions", help="shopping"),
    J("lift to hospital", help="transport"),
    J("lifts", help="transport"),
    J("driver for appointments", help="transport"),
    J("transport", help="transport"),
    J("taxi to the doctors", help="transport"),
    # Days out, meals.
    J("day centre", help="day_opportunities"),
    J("day centres in Sherborne", help="day_opportunities", within=15),
    J("lunch club", help="meals"),
    J("lunch club DT6", help="meals", within=20),
    J("meals", help="meals"),
    J("meals delivered", help="meals"),
    # Dementia and memory.
    J("dementia", help="dementia_support"),
    J("memory cafe", help="dementia_support"),
    J("alzheimers", help="dementia_support"),
    J("Alzheimer's support for my husband", help="dementia_support"),
    J("memory problems Weymouth", help="dementia_support", within=15),
    # Personal care.
    J("personal care", help="personal_care"),
    J("help with washing and dressing", help="personal_care"),
    J("help getting up in the morning", help="personal_care"),
    # Around the home, staying active, housing.
    J("gardening", help="gardening"),
    J("handyman", help="gardening"),
    J("odd jobs", help="gardening"),
    J("exercise classes", help="exercise"),
    J("walking group", help="exercise"),
    J("extra care housing", help="housing_with_care"),
    J("extra care Bridport", help="housing_with_care", within=5),
    J("Sherborne", help="", within=3),
    # Misspellings.
    J("befrending", help="befriending"),
    J("dementa", help="dementia_support"),
    J("gardning", help="gardening"),
    J("transprt", help="transport"),
    J("shoping", help="shopping"),
    # Site search: advice pages.
    J("deferred payment", path=SITE, pages=("/paying-for-care/deferred-payment-agreements",)),
    J("capital limits", path=SITE, pages=("/paying-for-care/capital-limits",)),
    J("carers assessment", path=SITE, pages=("/carers/carers-assessment",)),
    J("falls", path=SITE, pages=("/ageing-well/preventing-falls",)),
    J("lonely", path=SITE, pages=("/ageing-well/staying-connected",)),
    J(
        "extra care housing",
        path=SITE,
        pages=("/housing-with-care/what-is-extra-care-housing", "/housing-with-care"),
    ),
    J("direct payments", path=SITE, pages=("/day-opportunities/direct-payments",)),
    J("dementia", path=SITE, pages=("/ageing-well/dementia-friendly-communities",)),
    J(
        "day centre",
        path=SITE,
        pages=(
            "/day-opportunities/what-is-a-day-opportunity",
            "/day-opportunities/finding-a-day-opportunity",
            "/day-opportunities",
        ),
    ),
    J("leaving hospital", path=SITE, pages=("/care-at-home/hospital-discharge",)),
    J("top up fees", path=SITE, pages=("/paying-for-care/top-up-fees",)),
    J("live in care", path=SITE, pages=("/care-at-home/live-in-care",)),
    J("nursing home", path=SITE, pages=("/care-homes/residential-or-nursing-care",)),
    J("benefits", path=SITE, pages=("/paying-for-care/benefits-to-claim",)),
    J("choosing a care home", path=SITE, pages=("/care-homes/choosing-a-care-home",)),
)


def main_offers() -> dict[str, str]:
    """Each sample listing's address and the kind of help it mainly offers."""
    return {
        f"/find-support/{record['slug']}": record["help_types"].split(";")[0].strip()
        for record in sample_records()
    }


@dataclass(frozen=True)
class Outcome:
    judgement: Judgement
    rank: int | None  # of the first expected result, 1 for the top; None if not in the list
    shown: list[str]


def judge(client, judgement: Judgement, offers: dict[str, str]) -> Outcome:
    params = {"q": judgement.words, **judgement.params}
    if judgement.location:
        params["location"] = judgement.location
    page = _get(client, judgement.path, params)
    suggestion = page.select_one("#suggestion a")
    if suggestion is not None and not page.select(".dcg-result"):
        page = _get(client, urljoin(judgement.path, suggestion["href"]), None)
    shown = []
    rank = None
    for position, result in enumerate(page.select(".dcg-result"), start=1):
        url = result.select_one("a")["href"]
        shown.append(url)
        if rank is None and _expected(judgement, url, _miles(result), offers):
            rank = position
    return Outcome(judgement, rank, shown)


def judge_all(client) -> list[Outcome]:
    offers = main_offers()
    return [judge(client, judgement, offers) for judgement in JUDGEMENTS]


def figures(outcomes: list[Outcome]) -> dict[str, float]:
    """The share with the first expected result in the top five and top one, and its median
    rank (those not listed at all count as last)."""
    ranks = [outcome.rank or 10**6 for outcome in outcomes]
    return {
        "queries": len(outcomes),
        "top_five": sum(rank <= 5 for rank in ranks) / len(ranks),
        "top_one": sum(rank == 1 for rank in ranks) / len(ranks),
        "median_rank": statistics.median(ranks),
    }


def _get(client, path: str, params: dict | None) -> BeautifulSoup:
    response = client.get(path, query_string=params)
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _miles(result) -> float | None:
    meta = result.select_one(".dcg-result__meta")
    text = meta.get_text() if meta else ""
    if " miles away" not in text:
        return None
    return float(text.split(" miles away")[0].split(", ")[-1])


def _expected(judgement: Judgement, url: str, miles: float | None, offers: dict) -> bool:
    if url in judgement.pages:
        return True
    if judgement.pages or url not in offers:
        return False
    if judgement.help and offers[url] != judgement.help:
        return False
    return judgement.within is None or (miles is not None and miles <= judgement.within)
