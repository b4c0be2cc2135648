"""Open Referral UK API speed at 10,000 listings: /services pages and /services/{id}.

The listings come from the sample generator, imported through the same code as `flask
directory import`; requests go through the Flask test client, so the figures include routing,
the freshness check behind ETag, the queries and the JSON. Answers are kept per query until the
data changes: the figures clear them before each request, except for the column that measures
asking the same queries again. Run alone with
`python -m benchmarks.openreferral_bench`.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.helpers import make_test_config
from webapp import create_app, migrations
from webapp.database import make_engine
from webapp.directory import oruk
from webapp.directory.places import load_gazetteer
from webapp.directory.sample_data import generate_providers
from webapp.directory.transfer import import_rows
from webapp.models import Service

SIZE = 10_000
API = "/openreferral/v3"
TARGETS = "Targets at 10,000 listings: /services p95 under 50 ms, /services/{id} p95 under 20 ms."
# What consumers ask for: plain pages through the list, and the filters they use most.
LIST_QUERIES = (
    "",
    "page=7",
    "page=150&per_page=50",
    "per_page=100&page=42",
    "search=lunch",
    "search=help+at+home",
    "day=MO",
    "day=TU&start_time=09:00&end_time=17:00",
    "minimum_age=18",
    "taxonomy_term_id={purbeck}",
    "taxonomy_term_id={direct_payments}&page=3",
    "page=9999",
)


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _timed(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def measure(folder: Path, size: int = SIZE) -> dict:
    database_url = f"sqlite:///{folder / 'oruk.db'}"
    engine = make_engine(database_url)
    migrations.upgrade(engine)
    with Session(engine) as session:
        load_gazetteer(session)
        session.flush()
        import_rows(session, enumerate(generate_providers(size, seed=size), start=1))
        session.commit()
        ids = [oruk.make_id("service", i) for i in session.scalars(select(Service.id))]
    engine.dispose()
    app = create_app(make_test_config(database_url, str(folder / "index")))
    # The ORUK API reads the database only: skip building the search index on first request.
    app.extensions["search_checked"] = True
    client = app.test_client()
    fill = {
        "purbeck": oruk.FACTS["area:Purbeck"].id,
        "direct_payments": oruk.FACTS["funding:direct_payments"].id,
    }
    urls = [f"{API}/services?{query.format(**fill)}" for query in LIST_QUERIES]
    for url in urls:  # warm up: the first request opens the database and compiles queries
        _timed(client, url)
    kept = app.extensions["page_cache_oruk"]

    def worked_out(url: str) -> float:
        kept.clear()  # as the first request for this query since the data changed
        return _timed(client, url)

    listing = [worked_out(url) for _ in range(10) for url in urls]
    listing_kept = [_timed(client, url) for _ in range(10) for url in urls]
    chosen = ids[:: len(ids) // 200][:200]  # spread over the whole directory
    _timed(client, f"{API}/services/{chosen[0]}")
    one = [_timed(client, f"{API}/services/{service_id}") for service_id in chosen]
    near = [
        worked_out(f"{API}/service_at_locations?postcode=DT1&proximity=8000") for _ in range(20)
    ]
    return {"services": listing, "services_kept": listing_kept, "service": one, "near": near}


def run() -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        figures = measure(Path(folder))

    def pair(samples):
        return f"{statistics.median(samples):.1f} / {_percentile(samples, 0.95):.1f}"

    return [
        "## Open Referral UK API",
        "",
        TARGETS,
        "",
        "| listings | /services (12 queries x 10) | /services, answers kept | "
        "/services/{id} (200 listings) | /service_at_locations near DT1, 8 km |",
        "|---|---|---|---|---|",
        f"| {SIZE:,} | {pair(figures['services'])} | {pair(figures['services_kept'])} | "
        f"{pair(figures['service'])} | {pair(figures['near'])} |",
        "",
        "Milliseconds, p50 / p95, through the Flask test client. Each answer is worked out "
        "afresh except under 'answers kept', where the same queries are asked again before the "
        "data changes.",
    ]


if __name__ == "__main__":
    sys.stdout.write("\n".join(run()) + "\n")
