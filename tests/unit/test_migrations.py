from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from webapp import migrations
from webapp.database import make_engine


def test_migrations_upgrade_and_downgrade_cleanly(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'migrate.db'}")
    migrations.upgrade(engine)
    with engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    head = ScriptDirectory.from_config(migrations.alembic_config(engine)).get_current_head()
    assert version == head
    migrations.downgrade(engine, "base")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 0
    migrations.upgrade(engine)
    engine.dispose()


def test_the_models_match_the_migrations(database_url):
    """A model changed without a migration would make this fail."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from webapp.models import Base

    engine = make_engine(database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert "alembic_version" in inspect(connection).get_table_names()
    engine.dispose()
    assert differences == []
