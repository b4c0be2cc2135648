"""One SQLAlchemy engine per app, and one session per request."""

from pathlib import Path

from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool


def normalise_database_url(url: str) -> str:
    """Accept the URLs hosting platforms hand out (postgres://) and use psycopg 3."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def make_engine(url: str) -> Engine:
    url = normalise_database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database in (None, "", ":memory:"):
        # An in-memory database lives only as long as its one connection.
        return create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    return create_engine(url, connect_args={"timeout": 15})


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["engine"] = engine
    app.extensions["sessionmaker"] = sessionmaker(bind=engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def get_engine() -> Engine:
    return current_app.extensions["engine"]


def get_session() -> Session:
    if "db_session" not in g:
        g.db_session = current_app.extensions["sessionmaker"]()
    return g.db_session


def _close_session(_exception: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def database_status() -> str:
    """'ok' if the database answers and accepts a write, for the health check.

    The write is a no-op update of Alembic's version row, rolled back: it fails on a read-only
    file or a read-only replica as a real write would, and changes nothing.
    """
    try:
        connection = get_engine().connect()
    except Exception:  # any driver error means "not reachable" to a health check
        current_app.logger.exception("Database health check failed")
        return "unreachable"
    with connection:
        try:
            connection.execute(text("UPDATE alembic_version SET version_num = version_num"))
        except Exception:  # any driver error here means the database refuses writes
            current_app.logger.exception("Database health check: writes refused")
            return "not accepting writes"
        finally:
            connection.rollback()
    return "ok"
