"""Is the index already built from exactly these files (same paths, same content hashes)?"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.discover import discover
from tracuu.index.stores import open_store
from tracuu.settings import Settings

__all__ = ["index_is_current", "files_are_indexed", "changed_files"]


def index_is_current(paths: list[Path], settings: Settings) -> bool:
    return files_are_indexed(discover(paths, uploads=settings.uploads).files, settings)


def files_are_indexed(files: list[Path], settings: Settings) -> bool:
    """The current generation holds exactly ``files`` (or failed on them), with the same content."""
    published = open_store(settings).published_sources()
    if published is None or published.chunk_max_chars != settings.max_chunk_chars:
        return False
    if {str(p) for p in files} != set(published.hashes) | published.failed:
        return False
    return all(
        hashlib.sha256(p.read_bytes()).hexdigest() == published.hashes[str(p)]
        for p in files
        if str(p) in published.hashes
    )


def changed_files(files: list[Path], settings: Settings) -> list[Path]:
    """The files the current generation does not hold with this content (new or changed)."""
    published = open_store(settings).published_sources()
    held = published.hashes if published else {}
    return [p for p in files if held.get(str(p)) != hashlib.sha256(p.read_bytes()).hexdigest()]
