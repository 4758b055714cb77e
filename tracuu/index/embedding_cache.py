"""Embeddings kept by content hash, so re-ingesting only embeds chunks that changed.

A small SQLite file beside the index generations: key = sha256(embedder name, model version, text), value
= float32 bytes. The version is part of the key so a new model release never serves the old one's
vectors. A file that is not a readable SQLite database (a crash mid-write on a filesystem that lies, a
stray copy) is moved aside as ``<name>.corrupt-<time>`` with a warning and rebuilt: a cache is never a
reason for an ingest to fail.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
from pathlib import Path

import numpy as np

__all__ = ["EmbeddingCache", "merge_cache_files"]


_SCHEMA = "CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB NOT NULL)"


def merge_cache_files(source: Path, target: Path) -> None:
    """Add the vectors of the cache file ``source`` to the cache file ``target`` (kept where both have a key)."""
    if not source.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(str(target), timeout=60)
    try:
        db.execute(_SCHEMA)
        db.execute("ATTACH DATABASE ? AS src", (str(source),))
        db.execute("INSERT OR IGNORE INTO emb SELECT key, vec FROM src.emb")
        db.commit()
    finally:
        db.close()


log = logging.getLogger(__name__)


class EmbeddingCache:
    def __init__(self, path: Path, embedder_name: str, dim: int, model_version: str = "") -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._name = embedder_name
        self._version = model_version
        self._dim = dim
        self.moved_aside: Path | None = None  # where a corrupt file went, if one was found
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as e:
            self._db = self._rebuild(e)

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), timeout=60)
        try:
            db.execute(_SCHEMA)
            db.execute("SELECT key, vec FROM emb LIMIT 1").fetchall()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _rebuild(self, error: Exception) -> sqlite3.Connection:
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}")
        log.warning(
            "embedding cache %s is unreadable (%s): moved to %s, starting an empty one", self.path, error, aside
        )
        if self.path.exists():
            self.path.replace(aside)
            self.moved_aside = aside
        for suffix in ("-journal", "-wal", "-shm"):  # SQLite's side files belong to the old database
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        return self._open()

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self._name}\0{self._version}\0{text}".encode()).hexdigest()

    def get_many(self, texts: list[str]) -> dict[int, np.ndarray]:
        """Cached vectors by position in ``texts``."""
        keys = [self._key(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        try:
            for i in range(0, len(keys), 500):
                batch = keys[i : i + 500]
                rows = self._db.execute(
                    f"SELECT key, vec FROM emb WHERE key IN ({','.join('?' * len(batch))})", batch
                ).fetchall()
                for key, blob in rows:
                    vec = np.frombuffer(blob, dtype=np.float32)
                    if vec.shape == (self._dim,):
                        found[key] = vec
        except sqlite3.DatabaseError as e:  # damaged past its first page: start over, embed everything
            self._db.close()
            self._db = self._rebuild(e)
            return {}
        return {i: found[k] for i, k in enumerate(keys) if k in found}

    def put_many(self, texts: list[str], vectors: np.ndarray) -> None:
        rows = [(self._key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors, strict=True)]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO emb (key, vec) VALUES (?, ?)", rows)
        except sqlite3.DatabaseError as e:
            self._db.close()
            self._db = self._rebuild(e)
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO emb (key, vec) VALUES (?, ?)", rows)

    def close(self) -> None:
        self._db.close()
