"""Fuzzing every form and API endpoint: a quick sample in `make test`, the full run in
`make fuzz` (FUZZ_EXAMPLES per test)."""

import os
from collections import Counter

import pytest

from tests.helpers import load_sample_directory, make_test_config, new_database
from webapp import create_app

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 25))
SENT: Counter = Counter()  # requests sent, by test, for the summary


@pytest.fixture(scope="module")
def fuzz_app(database_kind, tmp_path_factory):
    """An app on its own database (fuzzing saves plans), with the sample directory."""
    folder = tmp_path_factory.mktemp("fuzz")
    with new_database(database_kind, folder) as url:
        load_sample_directory(url)
        app = create_app(make_test_config(url, str(folder / "index")))
        # Fuzzing reaches each form's own checks; CSRF has its own tests.
        app.config["WTF_CSRF_ENABLED"] = False
        yield app
        app.extensions["engine"].dispose()


def pytest_terminal_summary(terminalreporter):
    if SENT:
        total = sum(SENT.values())
        terminalreporter.write_line(
            f"fuzz: {total} generated requests ({', '.join(f'{k} {v}' for k, v in SENT.items())})"
        )
