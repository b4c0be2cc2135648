"""Revision counters: raised in the same transaction as every change to a kind of data, so the
search index can tell whether it was built from the data as it is now."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import DataRevision


def bump_revision(session: Session, name: str) -> None:
    row = session.get(DataRevision, name)
    if row is None:
        session.add(DataRevision(name=name, revision=1))
    else:
        row.revision += 1


def revision_of(session: Session, name: str) -> int:
    return session.scalar(select(DataRevision.revision).where(DataRevision.name == name)) or 0
