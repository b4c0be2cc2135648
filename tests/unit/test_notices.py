"""Messages shown once go through webapp.notices.notify, which stores them as plain text."""

import re
from pathlib import Path

WEBAPP = Path(__file__).resolve().parents[2] / "webapp"


def test_nothing_calls_flash_but_notify():
    callers = [
        str(path.relative_to(WEBAPP))
        for path in WEBAPP.rglob("*.py")
        if path.name != "notices.py" and re.search(r"(?<![\w.])flash\(", path.read_text())
    ]
    assert callers == []
