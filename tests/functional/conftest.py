"""Fixtures only the functional tests use."""

from tests.upkeep import mail_server  # noqa: F401  (a fixture)
