"""Helpers the fixtures share: test configuration and databases."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from webapp import migrations
from webapp.config import TestConfig
from webapp.database import make_engine, normalise_database_url
from webapp.directory.places import load_gazetteer
from webapp.directory.sample_data import sample_records
from webapp.directory.transfer import import_rows


def make_test_config(database_url: str, search_index_dir: str) -> type[TestConfig]:
    return type(
        "RunTestConfig",
        (TestConfig,),
        {"DATABASE_URL": database_url, "SEARCH_INDEX_DIR": search_index_dir},
    )


@contextmanager
def new_database(kind: str, folder: Path) -> Iterator[str]:
    """A migrated, empty database: a SQLite file, or a throwaway PostgreSQL database that is
    dropped afterwards, so a run never touches anything else on the server."""
    if kind == "sqlite":
        url = f"sqlite:///{folder / f'test-{uuid.uuid4().hex[:8]}.db'}"
        _migrate(url)
        yield url
        return
    server_url = make_url(normalise_database_url(os.environ["TEST_DATABASE_URL"]))
    name = f"dcg_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = server_url.set(database=name).render_as_string(hide_password=False)
    try:
        _migrate(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _migrate(url: str) -> None:
    engine = make_engine(url)
    migrations.upgrade(engine)
    engine.dispose()


def load_sample_directory(url: str) -> None:
    engine = make_engine(url)
    with Session(engine) as session:
        load_gazetteer(session)
        session.flush()
        import_rows(session, enumerate(sample_records(), start=1))
        session.commit()
    engine.dispose()
