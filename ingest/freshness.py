"""Is the index already built from exactly these files (same paths, same content hashes)?"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.discover import discover
from tracuu.index.store import published_sources
from tracuu.settings import Settings

__all__ = ["index_is_current"]


def index_is_current(paths: list[Path], settings: Settings) -> bool:
    published = published_sources(Path(settings.index_dir))
    if published is None or published.chunk_max_chars != settings.max_chunk_chars:
        return False
    files = discover(paths).files
    if {str(p) for p in files} != set(published.hashes) | published.failed:
        return False
    return all(
        hashlib.sha256(p.read_bytes()).hexdigest() == published.hashes[str(p)]
        for p in files
        if str(p) in published.hashes
    )
