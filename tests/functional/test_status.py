def test_healthz_reports_database_and_search_index(app, client):
    from webapp.search import rebuild_index

    with app.app_context():
        rebuild_index()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "checks": {"database": "ok", "search_index": "ok"}}
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_is_503_when_the_index_is_missing(app, client, tmp_path):
    from search_index import IndexStore

    app.extensions["search_store"] = IndexStore(tmp_path / "never-built")
    # As if a rebuild on start had failed: no further check for as long as the test runs.
    app.extensions["search_freshness"].checked_at = float("inf")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["checks"]["search_index"] == "being rebuilt"
    app.extensions["search_repair"].join(timeout=60)
    assert client.get("/healthz").status_code == 200  # it healed itself


def test_healthz_is_503_when_the_database_is_unreachable(app, client):
    from webapp.database import make_engine

    app.extensions["engine"] = make_engine("postgresql://postgres@127.0.0.1:1/closed-port")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["checks"]["database"] == "unreachable"
