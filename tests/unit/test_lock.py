"""The lock (`make lock`) pins, with hashes, everything pyproject.toml asks for, and production's
holds none of the development tools."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = ROOT / "requirements/requirements.txt"
DEVELOPMENT = ROOT / "requirements/requirements-dev.txt"


def _name(requirement: str) -> str:
    # Compared as the packaging standard normalises names: pdfminer.six is pdfminer-six.
    name = re.split(r"[\s<>=!~\[;]", requirement, maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def _pinned(lock: Path) -> dict[str, tuple[str, list[str]]]:
    """Each pinned package's version and the hashes listed under it."""
    pins: dict[str, tuple[str, list[str]]] = {}
    hashes: list[str] = []
    for line in lock.read_text().splitlines():
        if match := re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line):
            hashes = []
            pins[_name(match.group(1))] = (match.group(2), hashes)
        elif match := re.search(r"--hash=sha256:([0-9a-f]{64})", line):
            hashes.append(match.group(1))
    return pins


PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
RUNTIME = {
    _name(r) for r in PROJECT["dependencies"] + PROJECT["optional-dependencies"]["production"]
}
DEVELOPMENT_ONLY = {_name(r) for r in PROJECT["optional-dependencies"]["test"]} - RUNTIME


@pytest.mark.parametrize("lock", [PRODUCTION, DEVELOPMENT], ids=lambda p: p.name)
def test_every_pin_has_hashes(lock):
    pins = _pinned(lock)
    assert pins
    assert [name for name, (_version, hashes) in pins.items() if not hashes] == []


def test_production_lock_holds_every_runtime_package_and_no_development_tool():
    pins = _pinned(PRODUCTION)
    assert RUNTIME - pins.keys() == set(), "run `make lock`"
    assert {"textstat", "ruff", "pytest"} <= DEVELOPMENT_ONLY
    assert DEVELOPMENT_ONLY & pins.keys() == set()


def test_development_lock_adds_the_tools_at_the_same_versions():
    production, development = _pinned(PRODUCTION), _pinned(DEVELOPMENT)
    assert (RUNTIME | DEVELOPMENT_ONLY) - development.keys() == set(), "run `make lock`"
    different = {
        name for name, (version, _hashes) in production.items() if development[name][0] != version
    }
    assert different == set(), "the locks pin different versions: run `make lock`"
