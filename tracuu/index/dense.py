"""Dense vectors in FAISS: exact inner product over L2-normalised vectors (cosine similarity).

A flat index is exact and, at this corpus size (tens of thousands of chunks), fast enough; rows are
chunk positions, so no id mapping is stored besides the chunk list.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

__all__ = ["DenseIndex"]


class DenseIndex:
    def __init__(self, index: faiss.Index) -> None:
        self._index = index

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    @classmethod
    def build(cls, vectors: np.ndarray, dim: int) -> DenseIndex:
        index = faiss.IndexFlatIP(dim)
        if len(vectors):
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        return cls(faiss.read_index(str(path)))

    def search(self, vector: np.ndarray, top_k: int, rows: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(row, similarity) pairs, best first. ``rows``: search only these (a filter), through FAISS's own
        id selector rather than by filtering the top ``top_k`` afterwards."""
        if self.size == 0 or (rows is not None and len(rows) == 0):
            return []
        k = min(top_k, self.size if rows is None else len(rows))
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        if rows is None:
            scores, found = self._index.search(query, k)
        else:
            params = faiss.SearchParameters()
            params.sel = faiss.IDSelectorBatch(np.ascontiguousarray(rows, dtype=np.int64))
            scores, found = self._index.search(query, k, params=params)
        return [(int(r), float(s)) for r, s in zip(found[0], scores[0], strict=True) if r >= 0]

    def vector(self, row: int) -> np.ndarray:
        return np.asarray(self._index.reconstruct(row))
