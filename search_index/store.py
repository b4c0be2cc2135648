"""The index on disk: a cache of the database, rebuilt whole and swapped in atomically.

Layout under the root directory:
  current -> generations/<name>   a symlink readers follow
  generations/<name>/             one Whoosh index each; complete once it has revision.txt
  write.lock                      held by the one writer allowed at a time

A generation without revision.txt is a build that was killed: it is never swapped in, and the
next build deletes it, keeping the last complete generation.
"""

import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from search_index.schema import build_schema, with_content

REVISION_FILE = "revision.txt"


class IndexStore:
    def __init__(self, root: str | Path, procs: int = 1):
        self.root = Path(root)
        # Processes a full rebuild may use: still one writer, which splits its work.
        self.procs = max(1, procs)

    @property
    def current(self) -> Path:
        return self.root / "current"

    def is_ready(self) -> bool:
        """True if the current generation is complete and opens: cheap enough for /healthz."""
        try:
            if not (self.current / REVISION_FILE).is_file():
                return False
            with self.open().reader() as reader:
                reader.doc_count()
        except Exception:  # a missing, truncated or garbled file all mean "rebuild it"
            return False
        return True

    def is_sound(self) -> bool:
        """True if every stored document and every term of the current generation reads back.

        Slower than is_ready (it reads the whole index): for `ensure` and after a failed search.
        """
        if not self.is_ready():
            return False
        try:
            with self.open().reader() as reader:
                for _fields in reader.all_stored_fields():
                    pass
                for fieldname in reader.indexed_field_names():
                    for term in reader.lexicon(fieldname):
                        reader.postings(fieldname, term).all_ids()
        except Exception:  # as above: damage of any kind
            return False
        return True

    def revision(self) -> str | None:
        """The database revision the current index was built from, if any."""
        try:
            return (self.current / REVISION_FILE).read_text().strip()
        except FileNotFoundError:
            return None

    def open(self) -> whoosh_index.Index:
        """The current generation, by its own path: a swap later does not move it."""
        return whoosh_index.open_dir(str(self.current.resolve()))

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """One writer at a time, across processes: Whoosh cannot merge two."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "write.lock", "w") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    def rebuild(self, documents: Iterable[Mapping[str, Any]], revision: str) -> int:
        """Build a new generation beside the old one, then swap the symlink in one step.

        A reader never sees a half-built index, and a crash mid-build leaves the old one serving.
        """
        with self.write_lock():
            return self._rebuild(documents, revision)

    def ensure(self, revision: str, documents: Callable[[], Iterable[Mapping[str, Any]]]) -> bool:
        """Rebuild unless the index was built from `revision`; True if it rebuilt.

        Several processes may start at once: the check is repeated under the lock, so only the
        first rebuilds and the others find the index already current.
        """
        if self.is_sound() and self.revision() == revision:
            return False
        with self.write_lock():
            if self.is_sound() and self.revision() == revision:
                return False
            self._rebuild(documents(), revision)
            return True

    def update(
        self, documents: Iterable[Mapping[str, Any]], removed_ids: Iterable[str], revision: str
    ) -> None:
        """Change a few documents in place, searchable as soon as this returns."""
        with self.write_lock():
            if not self.is_ready():
                return  # nothing to update: the next ensure() builds it whole
            writer = self.open().writer()
            try:
                for document_id in removed_ids:
                    writer.delete_by_term("id", document_id)
                for document in documents:
                    writer.update_document(**with_content(document))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            (self.current / REVISION_FILE).write_text(revision)

    def _rebuild(self, documents: Iterable[Mapping[str, Any]], revision: str) -> int:
        generations = self.root / "generations"
        generations.mkdir(parents=True, exist_ok=True)
        # Names sort by time, so the newest generation is always the last.
        new_dir = generations / f"{time.time_ns():020d}"
        new_dir.mkdir()
        index = whoosh_index.create_in(str(new_dir), build_schema())
        count = 0
        # Batch settings: a large memory buffer, and with several processes one segment each
        # rather than a slow merge at the end.
        writer = index.writer(limitmb=256, procs=self.procs, multisegment=self.procs > 1)
        try:
            for document in documents:
                writer.add_document(**with_content(document))
                count += 1
        except BaseException:
            writer.cancel()
            shutil.rmtree(new_dir, ignore_errors=True)
            raise
        writer.commit()
        (new_dir / REVISION_FILE).write_text(revision)
        self._swap_to(new_dir)
        self._remove_old_generations(keep=new_dir)
        return count

    def _swap_to(self, new_dir: Path) -> None:
        temporary_link = self.root / f"current.{uuid.uuid4().hex}"
        os.symlink(os.path.relpath(new_dir, self.root), temporary_link)
        os.replace(temporary_link, self.current)

    def _remove_old_generations(self, keep: Path) -> None:
        # Under the write lock no other build runs, so a generation without its revision file is
        # a killed build's half copy. Of the complete ones, the one before stays, for searches in
        # other processes that still have it open.
        older = sorted(path for path in (self.root / "generations").iterdir() if path != keep)
        complete = [path for path in older if (path / REVISION_FILE).is_file()]
        for old in [path for path in older if path not in complete] + complete[:-1]:
            shutil.rmtree(old, ignore_errors=True)
