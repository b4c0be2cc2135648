"""The app starts from each way an operator starts it, in a fresh interpreter: import cycles
that depend on what was imported first show up here, not in production."""

import os
import subprocess
import sys

import pytest

ENTRY_POINTS = [
    [sys.executable, "-m", "flask", "--app", "webapp", "routes"],
    [sys.executable, "-c", "import webapp.content.forms"],
    [sys.executable, "-c", "import webapp.planner.views"],
    [sys.executable, "-c", "import webapp.directory.places"],
    [sys.executable, "-c", "from webapp import create_app; create_app()"],
]


@pytest.mark.parametrize("command", ENTRY_POINTS, ids=lambda c: " ".join(c[1:]))
def test_the_app_starts_from_a_fresh_interpreter(command):
    environment = {**os.environ, "APP_ENV": "testing"}
    completed = subprocess.run(
        command, capture_output=True, text=True, env=environment, check=False, timeout=60
    )
    assert completed.returncode == 0, completed.stderr[-2000:]


def test_the_app_starts_without_the_development_packages():
    """textstat (the content check's reading ease) is not installed in production."""
    blocked = "import sys; sys.modules['textstat'] = None; "
    completed = subprocess.run(
        [sys.executable, "-c", blocked + "from webapp import create_app; create_app()"],
        capture_output=True,
        text=True,
        env={**os.environ, "APP_ENV": "testing"},
        check=False,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
