"""Importing and exporting the directory with `flask directory ...`, on empty databases."""

import json
from pathlib import Path

import pytest

from search_index import SearchRequest
from webapp.database import get_session
from webapp.directory.listings import reindex_listing
from webapp.models import Service
from webapp.revisions import bump_revision
from webapp.search import search


def _invoke(app, *args):
    return app.test_cli_runner().invoke(args=["directory", *args], catch_exceptions=False)


def _search(app, words: str) -> list[str]:
    """The names of the listings (not advice pages) the words find."""
    with app.test_request_context():
        request = SearchRequest(words=words, filters={"doc_type": frozenset({"listing"})})
        return [hit.fields["title"] for hit in search(request).hits]


@pytest.fixture
def sample_csv(empty_app, tmp_path):
    result = _invoke(empty_app, "load-sample")
    assert result.exit_code == 0, result.output
    path = tmp_path / "directory.csv"
    assert _invoke(empty_app, "export", "--output", str(path)).exit_code == 0
    return path


def test_load_sample_fills_the_directory_and_the_index(empty_app):
    result = _invoke(empty_app, "load-sample")
    assert "Sample data loaded: 155 added" in result.output
    pages = len(list((Path(empty_app.config["CONTENT_DIR"])).glob("*/*.md")))
    assert f"Search index rebuilt with {155 + pages} documents" in result.output
    assert "Wareham extra care housing" in _search(empty_app, "wareham extra care")
    again = _invoke(empty_app, "load-sample", "--if-empty")
    assert "already has listings" in again.output


def test_importing_an_export_again_changes_nothing(sample_csv, empty_app, tmp_path):
    second = tmp_path / "again.csv"
    imported = _invoke(empty_app, "import", "--replace", str(sample_csv))
    assert "0 added, 155 updated, 0 removed" in imported.output
    _invoke(empty_app, "export", "--output", str(second))
    assert second.read_text() == sample_csv.read_text()


def test_oruk_export_then_import_round_trips(sample_csv, empty_app, tmp_path):
    oruk_file = tmp_path / "directory.json"
    _invoke(empty_app, "export", "--format", "oruk", "--output", str(oruk_file))
    services = json.loads(oruk_file.read_text())
    assert len(services) == 155
    first = services[0]
    assert {"id", "name", "description", "organization", "service_at_locations", "schedules",
            "cost_options", "contacts", "service_areas", "attributes"} <= set(first)  # fmt: skip
    # Remove everything, then bring it back from the ORUK file.
    with empty_app.app_context():
        session = get_session()
        for service in session.query(Service):
            session.delete(service)
        bump_revision(session, "directory")
        session.commit()
    result = _invoke(empty_app, "import", str(oruk_file))
    assert "155 added" in result.output, result.output
    again = tmp_path / "again.csv"
    _invoke(empty_app, "export", "--output", str(again))
    assert again.read_text() == sample_csv.read_text()


def test_every_problem_is_reported_with_its_line_and_field_and_nothing_is_imported(
    empty_app, tmp_path
):
    path = tmp_path / "bad.csv"
    path.write_text(
        "id,name,kind,summary,area,town,last_checked,email,opening_times,cost_amount\n"
        "a1,Good Listing,micro_provider,Fine,West Dorset,Bridport,2026-11-01,,,\n"
        "a2,Bad Kind,spaceship,Fine,West Dorset,Bridport,2026-11-01,,,\n"
        "a3,Bad Email,micro_provider,Fine,West Dorset,Bridport,2026-11-01,nope,,\n"
        "a4,Bad Times,micro_provider,Fine,West Dorset,Bridport,2026-11-01,,Mondays,\n"
        "a5,,micro_provider,Fine,Atlantis,Nowhere,yesterday,,,-5\n"
        "a1,Duplicate,micro_provider,Fine,West Dorset,Bridport,2026-11-01,,,\n"
    )
    result = empty_app.test_cli_runner().invoke(args=["directory", "import", str(path)])
    assert result.exit_code == 1
    output = result.output
    for expected in (
        "line 3, kind: 'spaceship' is not one of",
        "line 4, email: Enter an email address like name@example.org",
        "line 5, opening_times: 'Mondays' must look like",
        "line 6, name: is required",
        "line 6, area: 'Atlantis' is not one of",
        "line 6, last_checked: 'yesterday' must be a date",
        "line 6, cost_amount: must be an amount",
        "line 6, latitude: give the latitude and longitude",
        "line 7, id: 'a1' is also on line 2",
        "Nothing was imported: 10 problem(s) to fix first.",
    ):
        assert expected in output, output
    with empty_app.app_context():
        assert get_session().query(Service).count() == 0


def test_an_oruk_file_from_elsewhere_imports_with_sensible_defaults(empty_app, tmp_path):
    path = tmp_path / "other.json"
    path.write_text(
        json.dumps(
            {
                "contents": [
                    {
                        "id": "other-1",
                        "name": "Bridport Lunch Club",
                        "description": "A hot lunch every Tuesday. All welcome.",
                        "assured_date": "2026-10-01",
                        "service_at_locations": [
                            {"location": {"addresses": [{"city": "Bridport"}]}}
                        ],
                        "attributes": [{"taxonomy_term": {"term": "meals"}}],
                        "schedules": [{"byday": "TU", "opens_at": "12:00", "closes_at": "14:00"}],
                    }
                ]
            }
        )
    )
    result = _invoke(empty_app, "import", str(path))
    assert "1 added" in result.output, result.output
    assert _search(empty_app, "lunch") == ["Bridport Lunch Club"]


def test_broken_json_is_a_clear_error(empty_app, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    result = empty_app.test_cli_runner().invoke(args=["directory", "import", str(path)])
    assert result.exit_code == 1
    assert "is not valid JSON" in result.output


def test_a_change_to_one_listing_is_searchable_at_once(empty_app):
    _invoke(empty_app, "load-sample")
    with empty_app.test_request_context():
        session = get_session()
        service = session.get(Service, "sample-000001")
        service.name = "Zanzibar Companions"
        bump_revision(session, "directory")
        session.commit()
        reindex_listing(service.id)
    assert _search(empty_app, "zanzibar") == ["Zanzibar Companions"]


def test_an_index_older_than_the_database_is_rebuilt_on_start(empty_app):
    _invoke(empty_app, "load-sample")
    with empty_app.app_context():
        session = get_session()
        session.get(Service, "sample-000002").name = "Quokka Care"
        bump_revision(session, "directory")  # as an import while the site was down would
        session.commit()
    empty_app.extensions["search_checked"] = False  # as a restarted process
    empty_app.test_client().get("/healthz")
    assert _search(empty_app, "quokka") == ["Quokka Care"]
