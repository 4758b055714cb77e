"""Is the index already built from exactly these files (same paths, same content hashes)?"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ingest.discover import discover
from tracuu.index.stores import open_store
from tracuu.settings import Settings

__all__ = ["FileDelta", "file_delta", "index_is_current"]


@dataclass(frozen=True)
class FileDelta:
    """How a listing of files compares with the current generation (each file read and hashed once)."""

    changed: list[Path]  # files the generation does not hold with this content: new, changed or failed before
    same_listing: bool  # the generation was built from exactly these paths (held or failed)
    failed: frozenset[str]  # paths that failed in the ingest that built it

    @property
    def current(self) -> bool:
        """Nothing to do: the same files, and none changed (a file that failed before is not retried)."""
        return self.same_listing and all(str(p) in self.failed for p in self.changed)


def file_delta(files: list[Path], settings: Settings) -> FileDelta:
    published = open_store(settings).published_sources()
    if published is None or published.chunk_max_chars != settings.max_chunk_chars:
        return FileDelta(list(files), False, frozenset())
    held = published.hashes
    changed = [p for p in files if held.get(str(p)) != hashlib.sha256(p.read_bytes()).hexdigest()]
    same = {str(p) for p in files} == set(held) | published.failed
    return FileDelta(changed, same, published.failed)


def index_is_current(paths: list[Path], settings: Settings) -> bool:
    return file_delta(discover(paths, uploads=settings.uploads).files, settings).current
