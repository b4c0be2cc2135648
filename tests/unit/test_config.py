import pytest

from webapp.config import Config, DevelopmentConfig, TestConfig, config_from_environment
from webapp.database import normalise_database_url


def test_production_is_the_default(monkeypatch):
    monkeypatch.delenv("APP_ENV", raising=False)
    assert config_from_environment() is Config


@pytest.mark.parametrize(
    ("name", "expected"),
    [("development", DevelopmentConfig), ("testing", TestConfig), ("production", Config)],
)
def test_app_env_chooses_the_config(monkeypatch, name, expected):
    monkeypatch.setenv("APP_ENV", name)
    assert config_from_environment() is expected


def test_unknown_app_env_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("APP_ENV", "staging")
    with pytest.raises(RuntimeError, match="APP_ENV must be one of"):
        config_from_environment()


def test_development_makes_a_random_secret_key():
    DevelopmentConfig.validate()
    assert len(DevelopmentConfig.SECRET_KEY) >= 32


def test_default_database_is_sqlite_in_the_instance_folder():
    assert Config.DATABASE_URL.startswith("sqlite:///")
    assert Config.DATABASE_URL.endswith("/instance/dorset-care-guide.db")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@db/care", "postgresql+psycopg://u:p@db/care"),
        ("postgresql://u@db/care", "postgresql+psycopg://u@db/care"),
        ("postgresql+psycopg://u@db/care", "postgresql+psycopg://u@db/care"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_any_postgresql_url_uses_psycopg_3(given, expected):
    assert normalise_database_url(given) == expected


def test_production_needs_a_real_feedback_address(monkeypatch):
    monkeypatch.setattr(Config, "SECRET_KEY", "x" * 64)
    monkeypatch.setattr(Config, "PUBLIC_URL", "https://care.example.org")
    monkeypatch.setattr(Config, "FEEDBACK_EMAIL", "")
    with pytest.raises(RuntimeError, match="FEEDBACK_EMAIL must be set"):
        Config.validate()
    monkeypatch.setattr(Config, "FEEDBACK_EMAIL", "feedback@example.org")
    with pytest.raises(RuntimeError, match="placeholder"):
        Config.validate()
    monkeypatch.setattr(Config, "FEEDBACK_EMAIL", "care.guide@dorsetcouncil.gov.uk")
    Config.validate()


def test_development_may_use_a_placeholder_feedback_address(monkeypatch):
    monkeypatch.setattr(DevelopmentConfig, "FEEDBACK_EMAIL", "feedback@example.org")
    DevelopmentConfig.validate()
