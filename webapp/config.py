"""Configuration classes. Every setting comes from the environment, with a safe default."""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_DIR / "instance"
# Addresses reserved for examples: fine while developing, never in production.
PLACEHOLDER_DOMAINS = ("@example.org", "@example.com", "@example.net")


def _sqlite_url(name: str) -> str:
    return f"sqlite:///{INSTANCE_DIR / name}"


def _trusted_hosts(public_url: str) -> list[str] | None:
    """TRUSTED_HOSTS (comma-separated), else the host of PUBLIC_URL; None accepts any host."""
    hosts = [h.strip() for h in os.environ.get("TRUSTED_HOSTS", "").split(",") if h.strip()]
    if not hosts and public_url:
        hosts = [urlsplit(public_url).hostname or ""]
    return hosts or None


class Config:
    """Production settings: the default, so that a forgotten variable never weakens security."""

    SECRET_KEY = os.environ.get("SECRET_KEY")
    DATABASE_URL = os.environ.get("DATABASE_URL", _sqlite_url("dorset-care-guide.db"))
    SEARCH_INDEX_DIR = os.environ.get("SEARCH_INDEX_DIR", str(INSTANCE_DIR / "search-index"))
    CONTENT_DIR = os.environ.get("CONTENT_DIR", str(PROJECT_DIR / "content"))
    # Processes a full index rebuild may use (one writer splitting its work).
    SEARCH_INDEX_PROCS = int(os.environ.get("SEARCH_INDEX_PROCS", min(2, os.cpu_count() or 1)))
    # How often (seconds, at most) a server checks the database for changes made on another
    # server and applies them to its search index.
    SEARCH_CHECK_SECONDS = float(os.environ.get("SEARCH_CHECK_SECONDS", 5))
    # One megabyte is far more than any form on the site needs.
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 1024 * 1024))

    SESSION_COOKIE_NAME = "dcg_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    # Seconds public pages may be cached by browsers and shared caches.
    PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", 300))

    # Redis, when set, holds what must be shared by every worker (the page cache and the rate
    # limits); without it each process keeps its own in memory.
    REDIS_URL = os.environ.get("REDIS_URL", "")
    # Rendered pages are kept until the data behind them changes, or this many seconds.
    PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 24 * 60 * 60))
    PAGE_CACHE_PREFIX = "dcg-page:"
    # Search pages each process keeps (by their query), at most: about 6 KB each.
    PAGE_CACHE_SEARCHES = int(os.environ.get("PAGE_CACHE_SEARCHES", 500))
    PAGE_CACHE_PLANS = int(os.environ.get("PAGE_CACHE_PLANS", 200))
    # Open Referral UK answers each process keeps (by address and the directory's freshness), at
    # most: up to about 60 KB each, for a page of 100 services.
    PAGE_CACHE_ORUK = int(os.environ.get("PAGE_CACHE_ORUK", 200))
    # How often each process asks whether that data changed: a change shows within this time.
    PAGE_CACHE_REVISION_SECONDS = float(os.environ.get("PAGE_CACHE_REVISION_SECONDS", 2))
    # Flask-Compress compresses pages (static files were compressed when they were built), at
    # Brotli quality 3: a third of the time of its default, 4, for 4% more bytes.
    COMPRESS_ALGORITHM = ("zstd", "br", "gzip")
    COMPRESS_BR_LEVEL = 3

    WTF_CSRF_TIME_LIMIT = 4 * 60 * 60
    API_REQUESTS_PER_MINUTE = int(os.environ.get("API_REQUESTS_PER_MINUTE", 60))
    # Posts to forms that write (saving a plan, signing in, sending a link), per client address.
    WRITE_REQUESTS_PER_MINUTE = int(os.environ.get("WRITE_REQUESTS_PER_MINUTE", 10))
    RATE_LIMIT_KEY_PREFIX = os.environ.get("RATE_LIMIT_KEY_PREFIX", "dcg")
    # How many proxies in front of the site set X-Forwarded-For and -Proto; 0 trusts none.
    TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))
    # The site's address as people reach it, for links sent away from the page (saved plans).
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "").rstrip("/")
    # Flask answers 400 to any other Host header, so nothing trusts a forged one.
    TRUSTED_HOSTS = _trusted_hosts(PUBLIC_URL)
    BABEL_DEFAULT_LOCALE = "en_GB"
    BABEL_DEFAULT_TIMEZONE = "Europe/London"
    # Telephone numbers and opening hours (the Adult Access Team's among them) live with their
    # published source and the date checked in webapp/content/data/contacts.toml.
    COUNCIL_WEBSITE = os.environ.get("COUNCIL_WEBSITE", "https://www.dorsetcouncil.gov.uk/")
    # Where people send feedback about the site. Production must set a real, monitored address.
    FEEDBACK_EMAIL = os.environ.get("FEEDBACK_EMAIL", "")

    # Directory upkeep: officers and providers are signed out after this long idle.
    SIGN_IN_IDLE_MINUTES = int(os.environ.get("SIGN_IN_IDLE_MINUTES", 30))
    # Email goes to this SMTP server from the outbox (`flask mail send-pending`).
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "127.0.0.1")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 587))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "true").lower() in ("1", "true", "yes")
    MAIL_FROM = os.environ.get("MAIL_FROM", "Dorset Care Guide <directory@example.org>")

    # Other publishers' Open Referral UK feeds that `flask directory refresh-feeds` reads: a JSON
    # object of publisher name to the feed's address, e.g. {"NHS Dorset": "https://.../v3"}.
    ORUK_FEEDS = os.environ.get("ORUK_FEEDS", "")

    # Production refuses to start without the settings that keep it safe.
    PRODUCTION = True

    @classmethod
    def validate(cls) -> None:
        if not cls.SECRET_KEY:
            raise RuntimeError(
                "SECRET_KEY must be set in production: "
                "export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')"
            )
        placeholder = cls.FEEDBACK_EMAIL.endswith(PLACEHOLDER_DOMAINS)
        if not cls.FEEDBACK_EMAIL or (placeholder and cls.PRODUCTION):
            raise RuntimeError(
                "FEEDBACK_EMAIL must be set in production to the address that reads feedback "
                f"(not a placeholder such as an example.org address), not {cls.FEEDBACK_EMAIL!r}"
            )
        if cls.PUBLIC_URL:
            parts = urlsplit(cls.PUBLIC_URL)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise RuntimeError(
                    f"PUBLIC_URL must be the site's address, like https://care.example.org, "
                    f"not {cls.PUBLIC_URL!r}"
                )
        elif cls.PRODUCTION:
            raise RuntimeError(
                "PUBLIC_URL must be set in production, like https://care.example.org: "
                "links people keep are built from it, and other Host headers are refused"
            )


class DevelopmentConfig(Config):
    # A random key when none is set: sessions then last until the server restarts.
    SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_hex(32)
    # Development is served over plain http on 127.0.0.1, under any name.
    SESSION_COOKIE_SECURE = False
    FEEDBACK_EMAIL = os.environ.get("FEEDBACK_EMAIL", "feedback@example.org")
    # A local development mail server (for example aiosmtpd on port 1025) speaks plain SMTP.
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 1025))
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "false").lower() in ("1", "true", "yes")
    TRUSTED_HOSTS = None
    PRODUCTION = False


class TestConfig(DevelopmentConfig):
    TESTING = True
    # Tests change data and look at once.
    PAGE_CACHE_REVISION_SECONDS = 0
    DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    # Tests that check a limit set their own; the rest may send as many requests as they need.
    API_REQUESTS_PER_MINUTE = 100_000
    WRITE_REQUESTS_PER_MINUTE = 100_000
    REDIS_URL = ""


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
