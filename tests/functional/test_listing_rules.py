"""One set of rules for a listing's fields: a value that breaks one is a message, never a
database error, on SQLite and PostgreSQL alike."""

from webapp import listing_rules
from webapp.database import get_session
from webapp.models import Service

HEADER = "id,name,slug,kind,summary,area,town,last_checked,phone,website\n"


def _import(app, tmp_path, *rows):
    path = tmp_path / "listings.csv"
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows))
    return app.test_cli_runner().invoke(args=["directory", "import", str(path)])


def test_lengths_come_from_the_database_columns():
    assert listing_rules.max_length("phone") == Service.phone.type.length == 40
    assert listing_rules.max_length("slug") == Service.slug.type.length
    assert listing_rules.max_length("description") == listing_rules.LONGEST_TEXT


def test_each_rule_names_what_is_wrong():
    assert listing_rules.problem("phone", "0" * 41) == "Must be 40 characters or fewer"
    assert listing_rules.problem("phone", "01632 960000") is None
    assert "numbers" in listing_rules.problem("phone", "call me")
    assert "https://" in listing_rules.problem("website", "javascript:alert(1)")
    assert listing_rules.problem("website", "https://example.org/") is None
    assert "lower-case" in listing_rules.problem("slug", "Not A Slug")
    assert listing_rules.problem("service_areas", "Bridport; " + "x" * 121) is not None


def test_a_60_character_phone_number_is_a_message_not_a_traceback(empty_app, tmp_path):
    phone = "01632 960000 " * 5  # 65 characters
    result = _import(
        empty_app,
        tmp_path,
        f"p1,Long Phone,long-phone,micro_provider,Fine,West Dorset,Bridport,2026-11-01,"
        f"{phone.strip()},",
    )
    assert result.exit_code == 1
    assert "line 2, phone: Must be 40 characters or fewer" in result.output
    with empty_app.app_context():
        assert get_session().query(Service).count() == 0


def test_a_slug_another_listing_has_is_a_message_not_an_integrity_error(empty_app, tmp_path):
    first = _import(
        empty_app,
        tmp_path,
        "s1,First,shared-slug,micro_provider,Fine,West Dorset,Bridport,2026-11-01,,",
    )
    assert first.exit_code == 0, first.output
    second = _import(
        empty_app,
        tmp_path,
        "s2,Second,shared-slug,micro_provider,Fine,West Dorset,Bridport,2026-11-01,,",
    )
    assert second.exit_code == 1
    assert "line 2, slug: 'shared-slug' is used by another listing" in second.output
    with empty_app.app_context():
        assert get_session().query(Service).count() == 1


def test_only_web_addresses_are_accepted_as_websites(empty_app, tmp_path):
    result = _import(
        empty_app,
        tmp_path,
        "w1,Web,web,micro_provider,Fine,West Dorset,Bridport,2026-11-01,,javascript:alert(1)",
    )
    assert result.exit_code == 1
    assert "line 2, website: Enter a web address starting with https://" in result.output
