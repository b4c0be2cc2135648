"""A missing or damaged index rebuilds itself while search says it is being updated."""

import shutil

import pytest

from tests.helpers import make_test_config
from webapp import create_app

UPDATING = "Search is being updated"
# An advice page whose text links to the directory with a live count.
ADVICE_WITH_COUNTS = "/care-homes/trial-stays-and-respite"


@pytest.fixture
def own_index_app(database_url, tmp_path):
    app = create_app(make_test_config(database_url, str(tmp_path / "index")))
    yield app
    app.extensions["engine"].dispose()


def _wait_for_repair(app) -> None:
    app.extensions["search_repair"].join(timeout=120)
    assert not app.extensions["search_repair"].is_alive()


def test_deleting_the_index_while_serving_heals_itself(own_index_app, tmp_path):
    client = own_index_app.test_client()
    assert client.get("/search?q=care").status_code == 200  # built on the first request
    shutil.rmtree(tmp_path / "index")
    for url in ("/search?q=care", "/find-support", "/find-support?q=care"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert UPDATING in response.get_data(as_text=True)
        assert response.headers["Retry-After"] == "60"
    advice = client.get(ADVICE_WITH_COUNTS)
    assert advice.status_code == 200
    assert "\u27e6count" not in advice.get_data(as_text=True)
    _wait_for_repair(own_index_app)
    assert client.get("/search?q=care").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_a_damaged_index_is_503_on_healthz_then_repaired(own_index_app, tmp_path):
    client = own_index_app.test_client()
    assert client.get("/healthz").status_code == 200
    for path in (tmp_path / "index" / "current").resolve().iterdir():
        if path.suffix in (".toc", ".seg"):
            path.write_bytes(b"\x00garbage")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["checks"]["search_index"] == "being rebuilt"
    _wait_for_repair(own_index_app)
    assert client.get("/healthz").status_code == 200


def test_flask_search_ensure_repairs_a_damaged_index(own_index_app, tmp_path):
    runner = own_index_app.test_cli_runner()
    assert runner.invoke(args=["search", "ensure"]).exit_code == 0
    for path in (tmp_path / "index" / "current").resolve().iterdir():
        if path.suffix == ".seg":
            path.write_bytes(b"\x00garbage")
    result = runner.invoke(args=["search", "ensure"])
    assert result.exit_code == 0, result.output
    with own_index_app.app_context():
        assert own_index_app.extensions["search_store"].is_sound()
