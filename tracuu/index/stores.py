"""Where generations are kept: a folder (the default) or PostgreSQL (``TRACUU_STORE``), behind one interface.

The ingest writes through :meth:`IndexStore.publish`, the engine loads through :meth:`IndexStore.load` and
polls :meth:`IndexStore.published_generation`; neither knows which store it talks to. The progress of a
running ingest is kept beside the generations, on the store's :meth:`IndexStore.progress_board`.

>>> store = open_store(Settings())  # doctest: +SKIP
>>> store.published_generation()  # doctest: +SKIP
'20260101T120000-4242-000001'
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tracuu.index import store as folder
from tracuu.index.progress import FolderProgress, ProgressBoard
from tracuu.index.store import IndexContent, IndexData, PublishedSources

if TYPE_CHECKING:
    from tracuu.settings import Settings

__all__ = ["IndexStore", "FolderStore", "open_store"]


class IndexStore(Protocol):
    def publish(self, content: IndexContent, *, embedder: str, dim: int, chunk_max_chars: int) -> str: ...

    def load(self, *, embedder: str | None = None, chunk_max_chars: int | None = None) -> IndexData: ...

    def published_generation(self) -> str | None: ...

    def published_sources(self) -> PublishedSources | None: ...

    def ingest_lock(self) -> contextlib.AbstractContextManager[None]: ...

    def progress_board(self) -> ProgressBoard: ...


class FolderStore:
    """``tracuu/index/store.py``'s generations folder, unchanged."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)

    def publish(self, content: IndexContent, *, embedder: str, dim: int, chunk_max_chars: int) -> str:
        return folder.write_index(
            self.index_dir, content, embedder=embedder, dim=dim, chunk_max_chars=chunk_max_chars
        ).name

    def load(self, *, embedder: str | None = None, chunk_max_chars: int | None = None) -> IndexData:
        return folder.load_index(self.index_dir, embedder=embedder, chunk_max_chars=chunk_max_chars)

    def published_generation(self) -> str | None:
        current = folder.current_generation(self.index_dir)  # one readlink
        return current.name if current is not None else None

    def published_sources(self) -> PublishedSources | None:
        return folder.published_sources(self.index_dir)

    @contextlib.contextmanager
    def ingest_lock(self) -> Iterator[None]:
        """One ingest at a time per index folder (a lock file, freed when the holder dies)."""
        self.index_dir.mkdir(parents=True, exist_ok=True)
        with open(self.index_dir / ".ingest.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def progress_board(self) -> ProgressBoard:
        return FolderProgress(self.index_dir)


def open_store(settings: Settings) -> IndexStore:
    if settings.store == "postgres":
        from tracuu.index.pgstore import PostgresStore

        return PostgresStore(settings.database_url or "")
    return FolderStore(Path(settings.index_dir))
