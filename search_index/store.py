"""The index on disk: a cache of the database, rebuilt whole and swapped in atomically.

Layout under the root directory:
  current -> generations/<name>   a symlink readers follow
  generations/<name>/             one complete Whoosh index each
  write.lock                      held by the one writer allowed at a time
"""

import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from search_index.schema import build_schema

REVISION_FILE = "revision.txt"


class IndexStore:
    def __init__(self, root: str | Path):
        self.root = Path(root)

    @property
    def current(self) -> Path:
        return self.root / "current"

    def is_ready(self) -> bool:
        return whoosh_index.exists_in(str(self.current))

    def revision(self) -> str | None:
        """The database revision the current index was built from, if any."""
        try:
            return (self.current / REVISION_FILE).read_text().strip()
        except FileNotFoundError:
            return None

    def open(self) -> whoosh_index.Index:
        return whoosh_index.open_dir(str(self.current))

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
        generations = self.root / "generations"
        with self.write_lock():
            generations.mkdir(parents=True, exist_ok=True)
            name = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
            new_dir = generations / name
            new_dir.mkdir()
            index = whoosh_index.create_in(str(new_dir), build_schema())
            count = 0
            # Batch settings: a larger memory buffer and one merge at the end keep builds quick.
            writer = index.writer(limitmb=256, procs=1, multisegment=False)
            try:
                for document in documents:
                    writer.add_document(**document)
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
        for old in (self.root / "generations").iterdir():
            if old != keep:
                shutil.rmtree(old, ignore_errors=True)
