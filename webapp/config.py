"""Configuration classes. Every setting comes from the environment, with a safe default."""

import os
import secrets
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_DIR / "instance"


def _sqlite_url(name: str) -> str:
    return f"sqlite:///{INSTANCE_DIR / name}"


class Config:
    """Production settings: the default, so that a forgotten variable never weakens security."""

    SECRET_KEY = os.environ.get("SECRET_KEY")
    DATABASE_URL = os.environ.get("DATABASE_URL", _sqlite_url("dorset-care-guide.db"))
    SEARCH_INDEX_DIR = os.environ.get("SEARCH_INDEX_DIR", str(INSTANCE_DIR / "search-index"))
    CONTENT_DIR = os.environ.get("CONTENT_DIR", str(PROJECT_DIR / "content"))
    # Processes a full index rebuild may use (one writer splitting its work).
    SEARCH_INDEX_PROCS = int(os.environ.get("SEARCH_INDEX_PROCS", min(2, os.cpu_count() or 1)))
    # One megabyte is far more than any form on the site needs.
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 1024 * 1024))

    SESSION_COOKIE_NAME = "dcg_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    # Seconds public pages may be cached by browsers and shared caches.
    PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", 300))

    WTF_CSRF_TIME_LIMIT = 4 * 60 * 60
    API_REQUESTS_PER_MINUTE = int(os.environ.get("API_REQUESTS_PER_MINUTE", 60))
    BABEL_DEFAULT_LOCALE = "en_GB"
    BABEL_DEFAULT_TIMEZONE = "Europe/London"
    # The council's Adult Access Team is the front door for assessments. Its telephone number is
    # set by the operator; with none set, pages point to the council's website instead.
    COUNCIL_HELPLINE = os.environ.get("COUNCIL_HELPLINE", "")
    COUNCIL_WEBSITE = os.environ.get("COUNCIL_WEBSITE", "https://www.dorsetcouncil.gov.uk/")
    # Other publishers' Open Referral UK feeds that `flask directory refresh-feeds` reads: a JSON
    # object of publisher name to the feed's address, e.g. {"NHS Dorset": "https://.../v3"}.
    ORUK_FEEDS = os.environ.get("ORUK_FEEDS", "")

    @classmethod
    def validate(cls) -> None:
        if not cls.SECRET_KEY:
            raise RuntimeError(
                "SECRET_KEY must be set in production: "
                "export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')"
            )


class DevelopmentConfig(Config):
    # A random key when none is set: sessions then last until the server restarts.
    SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_hex(32)
    # Development is served over plain http on 127.0.0.1.
    SESSION_COOKIE_SECURE = False


class TestConfig(DevelopmentConfig):
    TESTING = True
    DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "sqlite://")


CONFIGS = {
    "production": Config,
    "development": DevelopmentConfig,
    "testing": TestConfig,
}


def config_from_environment() -> type[Config]:
    name = os.environ.get("APP_ENV", "production")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"APP_ENV must be one of {', '.join(CONFIGS)}, not {name!r}") from None
