import pytest

from search_index import miles_between
from webapp.database import get_session
from webapp.directory.places import (
    GAZETTEER_FILE,
    find_place,
    gazetteer_rows,
    load_postcode_directory,
    normalise_postcode,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("DT1 1XJ", "DT1 1XJ"),
        ("dt11xj", "DT1 1XJ"),
        ("  dt1   1xj ", "DT1 1XJ"),
        ("BH20 4PP", "BH20 4PP"),
        ("sp8", "SP8"),
        ("DT10", "DT10"),
        ("Sherborne", None),
        ("12345", None),
        ("DT1 1X", None),
        ("", None),
    ],
)
def test_postcodes_are_validated_and_normalised(typed, expected):
    assert normalise_postcode(typed) == expected


def test_the_gazetteer_covers_every_area_with_a_source_note():
    rows = list(gazetteer_rows())
    assert {row["area"] for row in rows} == {
        "East Dorset",
        "North Dorset",
        "Purbeck",
        "West Dorset",
        "Weymouth and Portland",
    }
    for row in rows:
        assert 50.5 < float(row["latitude"]) < 51.1
        assert -3.0 < float(row["longitude"]) < -1.7
    header = GAZETTEER_FILE.read_text(encoding="utf-8").split("\n")[:6]
    assert any(line.startswith("# Source:") for line in header)


def test_find_a_town_a_district_and_a_full_postcode(app):
    with app.app_context():
        session = get_session()
        assert find_place(session, "sherborne").name == "Sherborne"
        assert find_place(session, "Lyme Regis").name == "Lyme Regis"
        assert find_place(session, "DT9").name == "DT9"
        # A full postcode we have no row for falls back to its district's centre.
        full = find_place(session, "dt9 3ab")
        assert full.name == "DT9 3AB"
        assert (full.latitude, full.longitude) == (50.94, -2.52)
        assert find_place(session, "SW1A 1AA") is None
        assert find_place(session, "Atlantis") is None


def test_distance_in_miles():
    dorchester = (50.7154, -2.4367)
    assert 7 < miles_between(dorchester, (50.6144, -2.4576)) < 8  # Weymouth
    assert miles_between(dorchester, dorchester) == 0


def test_an_ons_postcode_directory_file_loads_live_dorset_postcodes(empty_app):
    lines = [
        "pcds,doterm,oslaua,lat,long",
        "DT1 1XJ,,E06000059,50.713,-2.437",
        "DT1 9ZZ,201001,E06000059,50.7,-2.4",  # terminated
        "BH1 1AA,,E06000058,50.72,-1.88",  # Bournemouth, Christchurch and Poole
        "not a postcode,,E06000059,50.7,-2.4",
    ]
    with empty_app.app_context():
        session = get_session()
        assert load_postcode_directory(session, lines) == 1
        session.commit()
        point = find_place(session, "dt1 1xj")
        assert (point.latitude, point.longitude) == (50.713, -2.437)
