"""Helpers the fixtures share."""

from webapp.config import TestConfig


def make_test_config(database_url: str, search_index_dir: str) -> type[TestConfig]:
    return type(
        "RunTestConfig",
        (TestConfig,),
        {"DATABASE_URL": database_url, "SEARCH_INDEX_DIR": search_index_dir},
    )
