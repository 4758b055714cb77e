"""Embeddings kept by content hash, so re-ingesting only embeds chunks that changed.

A small SQLite file beside the index generations: key = sha256(embedder name, text), value = float32 bytes.
"""

from __future__ import annotations

import hashlib
import sqlite3
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


class EmbeddingCache:
    def __init__(self, path: Path, embedder_name: str, dim: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), timeout=60)
        self._db.execute(_SCHEMA)
        self._name = embedder_name
        self._dim = dim

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self._name}\0{text}".encode()).hexdigest()

    def get_many(self, texts: list[str]) -> dict[int, np.ndarray]:
        """Cached vectors by position in ``texts``."""
        keys = [self._key(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            batch = keys[i : i + 500]
            rows = self._db.execute(
                f"SELECT key, vec FROM emb WHERE key IN ({','.join('?' * len(batch))})", batch
            ).fetchall()
            for key, blob in rows:
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.shape == (self._dim,):
                    found[key] = vec
        return {i: found[k] for i, k in enumerate(keys) if k in found}

    def put_many(self, texts: list[str], vectors: np.ndarray) -> None:
        rows = [(self._key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors, strict=True)]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO emb (key, vec) VALUES (?, ?)", rows)

    def close(self) -> None:
        self._db.close()
